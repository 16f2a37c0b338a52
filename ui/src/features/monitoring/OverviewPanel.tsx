// Overview: the limits (budget, rate limit), spend per month, throughput of the recent runs
// with one run's detail on demand, and endpoint latency over those runs.

import { useMemo, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { MonitoringOverview, WireError } from "../../ipc/bindings";
import { spendChartOption } from "../../lib/monitoringCharts";
import { BudgetGauges } from "./BudgetGauges";
import { ChartBox } from "./ChartBox";
import { EndpointTable } from "./EndpointTable";
import { RunDetail } from "./RunDetail";
import { RunPerformancePanel } from "./RunPerformancePanel";

interface OverviewPanelProps {
  overview: MonitoringOverview | null;
  error: WireError | null;
  /** Changes after every run and when another workspace is opened. */
  dataVersion: string;
  onRefresh: () => void;
}

export function OverviewPanel({ overview, error, dataVersion, onRefresh }: OverviewPanelProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const spend = useMemo(
    () => (overview && overview.spend_by_month.length > 0 ? spendChartOption(overview.spend_by_month) : null),
    [overview],
  );

  // Closing returns focus to the run's button, where the keyboard user opened it from.
  const closeDetail = (runId: number) => {
    setSelected(null);
    document.getElementById(`performance-open-${runId}`)?.focus();
  };

  return (
    <div className="monitoring-overview" data-testid="monitoring-overview" aria-busy={overview === null && !error}>
      <div className="section-head">
        <p className="small muted">Over the most recent runs of this workspace.</p>
        <button
          type="button"
          data-testid="overview-refresh"
          onClick={() => {
            setRefreshes((n) => n + 1);
            onRefresh();
          }}
        >
          Refresh
        </button>
      </div>
      {error ? <ErrorText error={error} testId="overview-error" /> : null}
      {overview === null && !error ? <p className="muted overview-loading">Loading…</p> : null}
      {overview ? (
        <>
          <div className="overview-top">
            <section className="card" aria-labelledby="limits-heading">
              <h2 id="limits-heading">Limits</h2>
              <BudgetGauges overview={overview} />
            </section>
            <section className="card" aria-labelledby="spend-heading">
              <h2 id="spend-heading">BigQuery spend per month</h2>
              <ChartBox
                option={spend}
                label="BigQuery spend per month in US dollars"
                placeholder="No BigQuery spend recorded yet."
                size="small"
                testId="spend-chart"
              />
            </section>
          </div>
          <RunPerformancePanel runs={overview.runs} selected={selected} onSelect={setSelected} />
          {selected !== null ? <RunDetail runId={selected} version={`${dataVersion}|${refreshes}`} onClose={() => closeDetail(selected)} /> : null}
          <section className="card" aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading">Endpoint latency over recent runs</h2>
            <EndpointTable endpoints={overview.endpoints} testId="overview-endpoints" />
          </section>
        </>
      ) : null}
    </div>
  );
}
