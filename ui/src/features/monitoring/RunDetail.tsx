// One run's metrics: where its time went (stages, slowest units), what it cost (memory,
// BigQuery), and how the APIs answered (endpoints, latency, the rate limit over the run).

import { useEffect, useMemo, useRef, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import { Figures, type Figure } from "../../components/Figures";
import type { RunMetrics, StageTiming, WireError } from "../../ipc/bindings";
import { runMetrics, toWireError } from "../../ipc/client";
import { formatBytes, formatCount, formatDollars, formatLatency, formatPerSecond } from "../../lib/format";
import { itemsPerSecond, runDuration } from "../../lib/monitoring";
import { latencyChartOption, rateLimitChartOption } from "../../lib/monitoringCharts";
import { ChartBox } from "./ChartBox";
import { EndpointTable } from "./EndpointTable";
import { UnitTable } from "./UnitTable";

type DetailState = { kind: "loading" } | { kind: "ready"; metrics: RunMetrics } | { kind: "failed"; error: WireError };

interface RunDetailProps {
  runId: number;
  /** Changes when the overview is read again: a run still going has new metrics by then. */
  version: string;
  onClose: () => void;
}

export function RunDetail({ runId, version, onClose }: RunDetailProps) {
  const [state, setState] = useState<DetailState>({ kind: "loading" });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    // Another run starts from "Loading…"; the same run read again keeps its figures meanwhile.
    setState((s) => (s.kind === "ready" && s.metrics.run.id === runId ? s : { kind: "loading" }));
    runMetrics(runId)
      .then((metrics) => current && setState({ kind: "ready", metrics }))
      .catch((thrown: unknown) => current && setState({ kind: "failed", error: toWireError(thrown) }));
    return () => {
      current = false;
    };
  }, [runId, version]);

  // A keyboard user who opened a run lands on its detail, further down the page.
  useEffect(() => heading.current?.focus(), [runId]);

  return (
    <section className="card run-detail" data-testid="run-detail" aria-labelledby="run-detail-heading">
      <div className="section-head">
        <h2 id="run-detail-heading" tabIndex={-1} ref={heading}>
          Run #{runId}
          {state.kind === "ready" ? ` · ${state.metrics.run.source} · ${state.metrics.run.status}` : ""}
        </h2>
        <button type="button" onClick={onClose} data-testid="run-detail-close">
          Close
        </button>
      </div>
      {state.kind === "loading" ? <p className="muted run-detail-loading">Loading…</p> : null}
      {state.kind === "failed" ? <ErrorText error={state.error} testId="run-detail-error" /> : null}
      {state.kind === "ready" ? <RunDetailBody metrics={state.metrics} /> : null}
    </section>
  );
}

function RunDetailBody({ metrics }: { metrics: RunMetrics }) {
  const { run, bigquery } = metrics;
  const latency = useMemo(
    () => (metrics.endpoints.length > 0 ? latencyChartOption(metrics.endpoints) : null),
    [metrics.endpoints],
  );
  const rate = useMemo(
    () => (metrics.rate_limit.length > 0 ? rateLimitChartOption(metrics.rate_limit) : null),
    [metrics.rate_limit],
  );
  const figures: Figure[] = [
    ["Duration", runDuration({ seconds: run.finished_at === null ? null : run.finished_at - run.started_at, status: run.status }), "detail-duration"],
    ["Events loaded", formatCount(run.events_loaded), "detail-events"],
    ["Events per second", formatPerSecond(metrics.events_per_second), "detail-eps"],
    ["Peak memory", metrics.peak_rss_bytes === null ? "–" : formatBytes(metrics.peak_rss_bytes), "detail-peak-memory"],
  ];
  if (bigquery) {
    figures.push(
      ["BigQuery spend", formatDollars(bigquery.dollars), "detail-bigquery-dollars"],
      ["Bytes estimated (dry run)", formatBytes(bigquery.estimated_bytes), "detail-bigquery-estimated"],
      ["Bytes processed", formatBytes(bigquery.bytes_processed), "detail-bigquery-processed"],
      ["Bytes billed", formatBytes(bigquery.bytes_billed), "detail-bigquery-billed"],
      ["BigQuery jobs", formatCount(bigquery.jobs), "detail-bigquery-jobs"],
    );
  }
  return (
    <>
      <Figures rows={figures} />
      {run.error ? <p className="error-text small">{run.error}</p> : null}
      <h3>Stages</h3>
      <StageTable stages={metrics.stages} />
      <h3>Slowest units</h3>
      <UnitTable units={metrics.units} />
      <h3>Endpoints</h3>
      <EndpointTable endpoints={metrics.endpoints} testId="detail-endpoints" />
      {latency ? (
        <>
          <h3>Latency per endpoint</h3>
          <ChartBox option={latency} label="p50, p95 and maximum latency per endpoint" placeholder="" testId="latency-chart" />
        </>
      ) : null}
      {rate ? (
        <>
          <h3>Rate limit over the run</h3>
          <ChartBox option={rate} label="Rate limit remaining over the run" placeholder="" size="small" testId="rate-chart" />
        </>
      ) : null}
    </>
  );
}

function StageTable({ stages }: { stages: StageTiming[] }) {
  if (stages.length === 0) return <p className="muted">No stage timings were recorded for this run.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table small" data-testid="stage-table">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" className="numeric">
              Calls
            </th>
            <th scope="col" className="numeric">
              Items
            </th>
            <th scope="col" className="numeric" title="Summed over concurrent units: it can exceed the run's wall time">
              Busy time
            </th>
            <th scope="col" className="numeric">
              Items/s
            </th>
          </tr>
        </thead>
        <tbody>
          {stages.map((stage) => (
            <tr key={stage.stage} data-testid="stage-row">
              <td>{stage.stage}</td>
              <td className="numeric tabular">{formatCount(stage.calls)}</td>
              <td className="numeric tabular">{formatCount(stage.items)}</td>
              <td className="numeric tabular">{formatLatency(stage.busy_ms)}</td>
              <td className="numeric tabular">{formatPerSecond(itemsPerSecond(stage))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">Busy time is summed over units that ran at once, so it can exceed the run&apos;s duration.</p>
    </div>
  );
}
