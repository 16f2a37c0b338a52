// The live plan: what running the scope would do, in numbers, or the engine's reason why it
// cannot. The box keeps one size whatever it shows.

import { ErrorText } from "../../components/ErrorText";
import { Figures, type Figure } from "../../components/Figures";
import type { PlanSummary } from "../../ipc/bindings";
import { formatBytes, formatCount } from "../../lib/format";
import type { PlanState } from "./useLivePlan";

export function PlanView({ state }: { state: PlanState<PlanSummary> }) {
  return (
    <section className="card plan" aria-label="Plan" aria-live="polite">
      <h2>Plan</h2>
      {state.kind === "waiting" ? <p className="muted">{state.reason}</p> : null}
      {state.kind === "planning" ? <p className="muted">Planning…</p> : null}
      {state.kind === "failed" ? <ErrorText error={state.error} testId="plan-error" /> : null}
      {state.kind === "ready" ? <PlanFigures plan={state.plan} /> : null}
    </section>
  );
}

function PlanFigures({ plan }: { plan: PlanSummary }) {
  const rows: Figure[] = [
    ["Hours in range", formatCount(plan.units_total), "plan-units-total"],
    ["Hours to run", formatCount(plan.units_to_run), "plan-units-to-run"],
    ["Already collected", formatCount(plan.units_skipped), "plan-units-skipped"],
    ["Download", formatBytes(plan.download_bytes), "plan-download"],
    ["Estimated events", `≈ ${formatCount(plan.estimated_events)}`, "plan-events"],
  ];
  return (
    <div data-testid="plan-summary">
      <Figures rows={rows} />
      <p className="small muted" title={plan.scope_key}>
        Source {plan.source} · scope {plan.scope_key}
      </p>
      {plan.units_to_run === 0 ? <p className="small">Everything in this scope is already collected.</p> : null}
    </div>
  );
}
