// BigQuery spend against the monthly budget, and the GitHub rate limit as last reported: the
// two limits a collection can run into. Both boxes keep their size whatever they hold.

import { Meter } from "../../components/Meter";
import type { MonitoringOverview } from "../../ipc/bindings";
import { formatCount, formatDollars, formatLocalTime, formatShare } from "../../lib/format";
import { fraction, rateShare, rateTone, spendTone } from "../../lib/monitoring";

export function BudgetGauges({ overview }: { overview: MonitoringOverview }) {
  return (
    <div className="gauges">
      <SpendGauge overview={overview} />
      <RateGauge overview={overview} />
    </div>
  );
}

function SpendGauge({ overview }: { overview: MonitoringOverview }) {
  const { month_spent: spent, month_budget: budget, run_budget: runBudget } = overview;
  const share = fraction(spent, budget);
  return (
    <div className="gauge" data-testid="gauge-bigquery">
      <h3>BigQuery this month</h3>
      <p className="gauge-value tabular" data-testid="gauge-bigquery-text">
        {budget > 0 ? `${formatDollars(spent)} of ${formatDollars(budget)}` : `${formatDollars(spent)} spent`}
      </p>
      {budget > 0 ? (
        <Meter
          label="BigQuery spend this month"
          value={spent}
          max={budget}
          valueText={`${formatDollars(spent)} of ${formatDollars(budget)}`}
          tone={spendTone(share)}
          testId="meter-bigquery"
        />
      ) : (
        <div className="meter meter-empty" aria-hidden="true" />
      )}
      <p className="small muted gauge-note">
        {share === null ? "No monthly budget set" : `${formatShare(share)} of the monthly budget`}
        {runBudget > 0 ? ` · at most ${formatDollars(runBudget)} a run` : ""}
      </p>
    </div>
  );
}

function RateGauge({ overview }: { overview: MonitoringOverview }) {
  const rate = overview.github_rate;
  const share = rateShare(rate);
  return (
    <div className="gauge" data-testid="gauge-github">
      <h3>GitHub rate limit left</h3>
      <p className="gauge-value tabular" data-testid="gauge-github-text">
        {rate === null
          ? "not used yet"
          : rate.limit === null
            ? `${formatCount(rate.remaining)} left`
            : `${formatCount(rate.remaining)} of ${formatCount(rate.limit)}`}
      </p>
      {rate !== null && rate.limit !== null && rate.limit > 0 ? (
        <Meter
          label="GitHub rate limit left"
          value={rate.remaining}
          max={rate.limit}
          valueText={`${formatCount(rate.remaining)} of ${formatCount(rate.limit)} requests left`}
          tone={rateTone(share)}
          testId="meter-github"
        />
      ) : (
        <div className="meter meter-empty" aria-hidden="true" />
      )}
      <p className="small muted gauge-note">
        {rate === null
          ? "Shown once a GitHub collection has run."
          : `${share === null ? "" : `${formatShare(share)} left · `}as of ${formatLocalTime(rate.at)}`}
      </p>
    </div>
  );
}
