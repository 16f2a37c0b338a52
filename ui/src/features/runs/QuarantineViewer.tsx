// Records a run rejected, with the reason and an excerpt of the line: nothing is dropped
// silently, and this is where people see what was set aside.

import { useEffect, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { QuarantineRecord, WireError } from "../../ipc/bindings";
import { listQuarantine, toWireError } from "../../ipc/client";

const LIMIT = 200;

type ViewerState = { kind: "loading" } | { kind: "ready"; records: QuarantineRecord[] } | { kind: "failed"; error: WireError };

export function QuarantineViewer({ runId, onClose }: { runId: number | null; onClose: () => void }) {
  const [state, setState] = useState<ViewerState>({ kind: "loading" });

  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    listQuarantine(runId, LIMIT)
      .then((records) => current && setState({ kind: "ready", records }))
      .catch((thrown: unknown) => current && setState({ kind: "failed", error: toWireError(thrown) }));
    return () => {
      current = false;
    };
  }, [runId]);

  return (
    <section className="card quarantine" data-testid="quarantine-viewer" aria-label="Quarantined records">
      <div className="live-run-head">
        <h2>{runId === null ? "All quarantined records" : `Quarantined records of run ${runId}`}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {state.kind === "loading" ? <p className="muted">Loading…</p> : null}
      {state.kind === "failed" ? <ErrorText error={state.error} /> : null}
      {state.kind === "ready" && state.records.length === 0 ? (
        <p className="muted" data-testid="quarantine-empty">
          No records were quarantined{runId === null ? "" : " in this run"}.
        </p>
      ) : null}
      {state.kind === "ready" && state.records.length > 0 ? (
        <div className="table-scroll quarantine-scroll">
          <table className="data-table small">
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col" className="numeric">
                  Line
                </th>
                <th scope="col">Reason</th>
                <th scope="col">Excerpt</th>
              </tr>
            </thead>
            <tbody>
              {state.records.map((record) => (
                <tr key={record.id} data-testid="quarantine-row">
                  <td className="tabular">{record.unit_key}</td>
                  <td className="numeric tabular">{record.line}</td>
                  <td>{record.reason}</td>
                  <td>
                    <code className="excerpt">{record.excerpt}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.records.length === LIMIT ? <p className="small muted">Showing the first {LIMIT}.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
