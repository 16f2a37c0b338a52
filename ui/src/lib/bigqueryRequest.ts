// The Collect page's BigQuery choice -> the BigQueryRequest the engine plans and runs, and the
// plan's cost put in words. The engine stays authoritative on names, ranges and budgets.

import type { BigQueryPlanSummary, BigQueryRequest } from "../ipc/bindings";
import { addUnique } from "./collectRequest";
import { formatBytes, formatDollars } from "./format";
import type { ScopeDraft } from "./githubRequest";
import type { BigQueryModeChoice } from "./runRequest";

export interface BigQueryDraft extends ScopeDraft {
  from: string;
  to: string;
}

export function buildBigQueryRequest(draft: BigQueryDraft, mode: BigQueryModeChoice): BigQueryRequest {
  return {
    repos: addUnique(draft.repos, draft.repoText),
    orgs: addUnique(draft.orgs, draft.orgText),
    from: draft.from.trim(),
    to: draft.to.trim(),
    mode,
  };
}

/** What must be filled in before asking for a (dry-run) plan, or null. */
export function bigqueryBlocker(request: BigQueryRequest): string | null {
  if (!request.from || !request.to) return "Choose a time range.";
  return null;
}

export const MODES: ReadonlyArray<{ id: BigQueryModeChoice; label: string; detail: string }> = [
  { id: "auto", label: "Automatic", detail: "Every event when that fits the per-run budget, else daily counts." },
  {
    id: "events",
    label: "Every event",
    detail: "Loaded like GH Archive's hours, for every chart. Reads the large payload column.",
  },
  {
    id: "daily-counts",
    label: "Daily counts",
    detail: "Events per day, repository and type, counted by BigQuery: a small fraction of the bytes.",
  },
];

/** "12.4 GiB billed · $0.08": what the plan will cost. */
export function costText(plan: BigQueryPlanSummary): string {
  return `${formatBytes(plan.bytes_billed)} billed · ${formatDollars(plan.dollars)}`;
}

/** "$0.30 of $10.00 spent this month; $1.00 per run". */
export function budgetText(plan: BigQueryPlanSummary): string {
  return (
    `${formatDollars(plan.spent_this_month)} of ${formatDollars(plan.month_budget)} spent this month; ` +
    `${formatDollars(plan.run_budget)} per run`
  );
}

/** Whether the run budget would be nearly used up (a warning before a refusal). */
export function nearRunBudget(plan: BigQueryPlanSummary): boolean {
  return plan.refused === null && plan.run_budget > 0 && plan.dollars > plan.run_budget * 0.8;
}
