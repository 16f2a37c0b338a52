// The live plan of a BigQuery collection: the queries, bytes processed and billed, and what
// that costs against the workspace's budgets, all from free dry runs. A refusal by a budget
// says which and links to Settings; a missing or refused Google key links to Credentials.

import { Figures, type Figure } from "../../components/Figures";
import type { BigQueryPlanSummary } from "../../ipc/bindings";
import { budgetText, costText, nearRunBudget } from "../../lib/bigqueryRequest";
import { formatBytes, formatCount, formatDollars } from "../../lib/format";
import { PlanError } from "./PlanError";
import type { PlanState } from "./useLivePlan";

interface BigQueryPlanViewProps {
  state: PlanState<BigQueryPlanSummary>;
  onCredentials: () => void;
  onSettings: () => void;
}

export function BigQueryPlanView({ state, onCredentials, onSettings }: BigQueryPlanViewProps) {
  return (
    <section className="card plan" aria-label="Plan" aria-live="polite">
      <h2>Plan</h2>
      {state.kind === "waiting" ? <p className="muted">{state.reason}</p> : null}
      {state.kind === "planning" ? <p className="muted">Pricing the queries (dry runs, free)…</p> : null}
      {state.kind === "failed" ? <PlanError error={state.error} onCredentials={onCredentials} /> : null}
      {state.kind === "ready" ? <BigQueryPlanFigures plan={state.plan} onSettings={onSettings} /> : null}
    </section>
  );
}

function modeText(plan: BigQueryPlanSummary): string {
  const mode = plan.mode === "events" ? "every event" : "daily counts";
  return plan.mode_reason ? `${mode} (${plan.mode_reason})` : mode;
}

function BigQueryPlanFigures({ plan, onSettings }: { plan: BigQueryPlanSummary; onSettings: () => void }) {
  const rows: Figure[] = [
    ["Brings home", modeText(plan), "bigquery-plan-mode"],
    ["Queries to run", `${formatCount(plan.units_to_run)} of ${formatCount(plan.units_total)}`, "bigquery-plan-units"],
    ["Tables read", formatCount(plan.tables), "bigquery-plan-tables"],
    ["Bytes processed", formatBytes(plan.bytes_processed), "bigquery-plan-processed"],
  ];
  return (
    <div data-testid="bigquery-plan-summary">
      <Figures rows={rows} />
      <p className="small bigquery-cost" data-testid="bigquery-cost">
        <span className="muted">Cost: </span>
        {costText(plan)} <span className="muted">at {formatDollars(plan.price_per_tib)}/TiB, 10 MB minimum per table</span>
      </p>
      <p className="small" data-testid="bigquery-budget">
        <span className="muted">Budgets: </span>
        {budgetText(plan)}
      </p>
      {plan.mode === "daily-counts" && plan.repos_by_name > 0 ? (
        <p className="small muted" data-testid="bigquery-by-name">
          {formatCount(plan.repos_by_name)} of the repositories are matched by name: this workspace has not seen
          their ids yet, and names cost more bytes than ids.
        </p>
      ) : null}
      {plan.refused ? (
        <div className="warning small" role="status" data-testid="bigquery-refused">
          <p>{plan.refused}</p>
          <button type="button" data-testid="bigquery-budget-settings" onClick={onSettings}>
            Open Settings
          </button>
        </div>
      ) : nearRunBudget(plan) ? (
        <p className="warning small" role="status" data-testid="bigquery-near-budget">
          This uses most of the per-run budget.
        </p>
      ) : null}
      {plan.units_total > 0 && plan.units_to_run === 0 ? (
        <p className="small muted">Everything in this range is collected already: nothing to pay for.</p>
      ) : null}
    </div>
  );
}
