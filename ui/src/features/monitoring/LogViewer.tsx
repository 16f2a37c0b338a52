// The engine's log, newest lines first, filtered by run and by level: what a run did and why it
// failed, without opening the log files.

import { useCallback, useEffect, useId, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { LogEntry, LogLevel, RunPerformance, WireError } from "../../ipc/bindings";
import { readLog, toWireError } from "../../ipc/client";
import { formatIsoLocalTime, formatLocalTime } from "../../lib/format";
import { LOG_LEVELS, logFields } from "../../lib/monitoring";

const LIMIT = 200;

interface LogViewerProps {
  /** The runs to filter by (the overview's recent runs); null while they load. */
  runs: RunPerformance[] | null;
  dataVersion: string;
}

export function LogViewer({ runs, dataVersion }: LogViewerProps) {
  const runSelectId = useId();
  const levelSelectId = useId();
  const [runId, setRunId] = useState<number | null>(null);
  const [level, setLevel] = useState<LogLevel>("info");
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const load = useCallback(async () => {
    try {
      setEntries(await readLog({ run_id: runId, min_level: level, limit: LIMIT }));
      setError(null);
    } catch (thrown) {
      setError(toWireError(thrown));
    }
  }, [runId, level]);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  return (
    <section className="card" data-testid="log-viewer" aria-labelledby="log-heading">
      <div className="section-head">
        <h2 id="log-heading">Log</h2>
        <div className="log-filters">
          <label htmlFor={runSelectId} className="small muted">
            Run
          </label>
          <select
            id={runSelectId}
            value={runId === null ? "" : String(runId)}
            data-testid="log-run"
            onChange={(event) => setRunId(event.target.value === "" ? null : Number(event.target.value))}
          >
            <option value="">All runs</option>
            {(runs ?? []).map((run) => (
              <option key={run.id} value={String(run.id)}>
                #{run.id} {run.source} · {formatLocalTime(run.started_at)}
              </option>
            ))}
          </select>
          <label htmlFor={levelSelectId} className="small muted">
            At least
          </label>
          <select
            id={levelSelectId}
            value={level}
            data-testid="log-level"
            onChange={(event) => setLevel(event.target.value as LogLevel)}
          >
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <button type="button" data-testid="log-refresh" onClick={() => void load()}>
            Refresh
          </button>
        </div>
      </div>
      {error ? <ErrorText error={error} testId="log-error" /> : null}
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries !== null && entries.length === 0 ? (
        <p className="muted" data-testid="log-empty">
          No log lines at {level} or above{runId === null ? "" : ` for run #${runId}`}.
        </p>
      ) : null}
      {entries !== null && entries.length > 0 ? <LogTable entries={entries} /> : null}
      {entries !== null && entries.length === LIMIT ? (
        <p className="small muted">Showing the newest {LIMIT} lines.</p>
      ) : null}
    </section>
  );
}

function LogTable({ entries }: { entries: LogEntry[] }) {
  return (
    <div className="table-scroll log-scroll">
      <table className="data-table small log-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Message</th>
            <th scope="col" className="numeric">
              Run
            </th>
            <th scope="col">Unit</th>
            <th scope="col">Source</th>
            <th scope="col">Other fields</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            // Lines have no id, and two can share a time and message: the position keys them.
            <tr key={`${index}-${entry.time}`} data-testid="log-row">
              <td className="tabular">{formatIsoLocalTime(entry.time)}</td>
              <td>
                <span className={`log-level log-level-${entry.level}`}>{entry.level}</span>
              </td>
              <td className="log-message" title={entry.target}>
                {entry.message}
              </td>
              <td className="numeric tabular">{entry.run_id === null ? "" : `#${entry.run_id}`}</td>
              <td className="tabular">{entry.unit ?? ""}</td>
              <td>{entry.source ?? ""}</td>
              <td className="log-fields">
                {logFields(entry.fields).map((field) => (
                  <code key={field}>{field}</code>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
