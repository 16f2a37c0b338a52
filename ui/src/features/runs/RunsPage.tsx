// Runs: the live run, the history, and a viewer for what each run quarantined.

import { useCallback, useEffect, useState } from "react";
import { useRuns } from "../../app/RunContext";
import { useWorkspace } from "../../app/WorkspaceContext";
import { ErrorText } from "../../components/ErrorText";
import type { RunRecord, WireError } from "../../ipc/bindings";
import { listRuns, toWireError } from "../../ipc/client";
import { LiveRunPanel } from "./LiveRunPanel";
import { QuarantineViewer } from "./QuarantineViewer";
import { RunsTable } from "./RunsTable";
import "./runs.css";

const HISTORY_LIMIT = 50;

export function RunsPage() {
  const { historyVersion } = useRuns();
  const { info } = useWorkspace();
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  // undefined: no viewer; null: every run's records.
  const [viewing, setViewing] = useState<number | null | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setRuns(await listRuns(HISTORY_LIMIT));
      setError(null);
    } catch (thrown) {
      setError(toWireError(thrown));
    }
  }, []);

  // On opening the page, after every run, and when another workspace is opened.
  useEffect(() => {
    void load();
  }, [load, historyVersion, info?.path]);

  return (
    <div className="runs">
      <LiveRunPanel />
      <section className="card" aria-label="Run history">
        <div className="live-run-head">
          <h2>History</h2>
          <div className="button-row">
            <button type="button" data-testid="quarantine-all" onClick={() => setViewing(null)}>
              All quarantined records
            </button>
            <button type="button" data-testid="runs-refresh" onClick={() => void load()}>
              Refresh
            </button>
          </div>
        </div>
        {error ? <ErrorText error={error} testId="runs-error" /> : null}
        {runs === null && !error ? <p className="muted">Loading…</p> : null}
        {runs !== null ? <RunsTable runs={runs} selected={viewing ?? null} onSelect={setViewing} /> : null}
      </section>
      {viewing !== undefined ? <QuarantineViewer runId={viewing} onClose={() => setViewing(undefined)} /> : null}
    </div>
  );
}
