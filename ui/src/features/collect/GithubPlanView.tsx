// The live plan of a GitHub API collection: how many repositories (organisations expanded),
// units and requests, and what that costs against the token's budget right now. A refusal
// about the token links to the Credentials page, where it is fixed.

import { Figures, type Figure } from "../../components/Figures";
import type { GithubPlanSummary } from "../../ipc/bindings";
import { formatCount, plural } from "../../lib/format";
import { budgetText, budgetWarning, restRequestsText, type WhenExhausted } from "../../lib/githubRequest";
import { PlanError } from "./PlanError";
import type { PlanState } from "./useLivePlan";

const MAX_LISTED_REPOS = 50;

interface GithubPlanViewProps {
  state: PlanState<GithubPlanSummary>;
  whenExhausted: WhenExhausted | null;
  onCredentials: () => void;
}

export function GithubPlanView({ state, whenExhausted, onCredentials }: GithubPlanViewProps) {
  return (
    <section className="card plan" aria-label="Plan" aria-live="polite">
      <h2>Plan</h2>
      {state.kind === "waiting" ? <p className="muted">{state.reason}</p> : null}
      {state.kind === "planning" ? <p className="muted">Planning…</p> : null}
      {state.kind === "failed" ? <PlanError error={state.error} onCredentials={onCredentials} /> : null}
      {state.kind === "ready" ? <GithubPlanFigures plan={state.plan} whenExhausted={whenExhausted} /> : null}
    </section>
  );
}

function GithubPlanFigures({ plan, whenExhausted }: { plan: GithubPlanSummary; whenExhausted: WhenExhausted | null }) {
  const rows: Figure[] = [
    ["Repositories", formatCount(plan.repos.length), "github-plan-repos"],
    ["Units to run", formatCount(plan.units_total), "github-plan-units"],
    ["Feeds not due yet", formatCount(plan.units_not_due), "github-plan-not-due"],
    ["GraphQL queries", formatCount(plan.metadata_requests), "github-plan-graphql"],
  ];
  const warning = budgetWarning(plan, whenExhausted);
  return (
    <div data-testid="github-plan-summary">
      <Figures rows={rows} />
      <p className="small" data-testid="github-plan-rest">
        {restRequestsText(plan)}; answers unchanged since the last run cost nothing.
      </p>
      <p className="small github-budget" data-testid="github-budget">
        <span className="muted">Budget: </span>
        {budgetText(plan)}
        {plan.graphql_remaining !== null ? (
          <span className="muted"> · GraphQL: {formatCount(plan.graphql_remaining)} points left</span>
        ) : null}
      </p>
      {warning ? (
        <p className="warning small" role="status" data-testid="github-budget-warning">
          {warning}
        </p>
      ) : null}
      {plan.units_not_due > 0 ? (
        <p className="small muted">
          {plural(plan.units_not_due, "events feed")} skipped: GitHub asks to wait before polling them again.
        </p>
      ) : null}
      {plan.repos.length > 0 ? (
        <details className="github-plan-repos">
          <summary className="small">Repositories in scope</summary>
          <ul className="small tabular">
            {plan.repos.slice(0, MAX_LISTED_REPOS).map((repo) => (
              <li key={repo}>{repo}</li>
            ))}
          </ul>
          {plan.repos.length > MAX_LISTED_REPOS ? (
            <p className="small muted">and {formatCount(plan.repos.length - MAX_LISTED_REPOS)} more</p>
          ) : null}
        </details>
      ) : null}
    </div>
  );
}
