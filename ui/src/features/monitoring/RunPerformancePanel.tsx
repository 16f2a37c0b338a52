// Throughput of the recent runs: a chart of events per second (oldest on the left) and a table
// whose run buttons open that run's detail.

import { useMemo } from "react";
import type { RunPerformance } from "../../ipc/bindings";
import { formatBytes, formatCount, formatLocalTime, formatPerSecond } from "../../lib/format";
import { runDuration } from "../../lib/monitoring";
import { throughputChartOption } from "../../lib/monitoringCharts";
import { ChartBox } from "./ChartBox";

interface RunPerformancePanelProps {
  runs: RunPerformance[];
  selected: number | null;
  onSelect: (runId: number) => void;
}

export function RunPerformancePanel({ runs, selected, onSelect }: RunPerformancePanelProps) {
  const option = useMemo(() => (runs.length > 0 ? throughputChartOption(runs) : null), [runs]);
  return (
    <section className="card" aria-labelledby="throughput-heading">
      <h2 id="throughput-heading">Throughput per run</h2>
      <ChartBox
        option={option}
        label="Events per second of each recent run, oldest first"
        placeholder="No runs in this workspace yet. Runs appear here once a collection has run."
        size="small"
        testId="throughput-chart"
      />
      {runs.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table small" data-testid="performance-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Started</th>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Duration
                </th>
                <th scope="col" className="numeric">
                  Events
                </th>
                <th scope="col" className="numeric">
                  Events/s
                </th>
                <th scope="col" className="numeric">
                  Peak memory
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid="performance-row" className={selected === run.id ? "selected" : ""}>
                  <td>
                    <button
                      type="button"
                      id={`performance-open-${run.id}`}
                      className="link-button tabular"
                      data-testid="performance-open"
                      aria-label={`Show the metrics of run ${run.id}`}
                      aria-pressed={selected === run.id}
                      onClick={() => onSelect(run.id)}
                    >
                      #{run.id}
                    </button>
                  </td>
                  <td className="tabular">{formatLocalTime(run.started_at)}</td>
                  <td>{run.source}</td>
                  <td>
                    <span className={`status status-${run.status}`}>{run.status}</span>
                  </td>
                  <td className="numeric tabular">{runDuration(run)}</td>
                  <td className="numeric tabular">{formatCount(run.events_loaded)}</td>
                  <td className="numeric tabular">{formatPerSecond(run.events_per_second)}</td>
                  <td className="numeric tabular">
                    {run.peak_rss_bytes === null ? "–" : formatBytes(run.peak_rss_bytes)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
