// Run history, newest first, from the workspace database.

import type { RunRecord } from "../../ipc/bindings";
import { formatCount, formatLocalTime } from "../../lib/format";
import { runDuration } from "../../lib/monitoring";

interface RunsTableProps {
  runs: RunRecord[];
  selected: number | null;
  onSelect: (runId: number) => void;
}

function duration(run: RunRecord): string {
  const seconds = run.finished_at === null ? null : run.finished_at - run.started_at;
  return runDuration({ seconds, status: run.status });
}

export function RunsTable({ runs, selected, onSelect }: RunsTableProps) {
  if (runs.length === 0) {
    return (
      <p className="muted" data-testid="runs-table">
        No runs in this workspace yet.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Done
            </th>
            <th scope="col" className="numeric">
              Missing
            </th>
            <th scope="col" className="numeric">
              Failed
            </th>
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col" className="numeric">
              Quarantined
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" className={selected === run.id ? "selected" : ""}>
              <td>
                <button
                  type="button"
                  className="link-button tabular"
                  data-testid="run-row-open"
                  aria-label={`Show quarantined records of run ${run.id}`}
                  onClick={() => onSelect(run.id)}
                >
                  #{run.id}
                </button>
              </td>
              <td className="tabular">{formatLocalTime(run.started_at)}</td>
              <td className="tabular">{duration(run)}</td>
              <td>
                <span className={`status status-${run.status}`} data-testid="run-row-status">
                  {run.status}
                </span>
              </td>
              <td className="numeric tabular">
                {formatCount(run.units_done)} / {formatCount(run.units_total - run.units_skipped)}
              </td>
              <td className="numeric tabular">{formatCount(run.units_missing)}</td>
              <td className="numeric tabular">{formatCount(run.units_failed)}</td>
              <td className="numeric tabular">{formatCount(run.events_loaded)}</td>
              <td className="numeric tabular">{formatCount(run.records_quarantined)}</td>
              <td className="error-cell small" title={run.error ?? ""}>
                {run.error ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
