// The Collect page's GitHub API choice -> the GithubRequest the engine plans and runs, and the
// plan's cost put in words. Like collectRequest.ts, names still in the text boxes count as
// chosen. The engine stays authoritative on names; this only catches what it would refuse
// for sure (no repository and no organisation) before asking.

import type { ErrorCode, Fact, GithubPlanSummary, GithubRequest } from "../ipc/bindings";
import { addUnique } from "./collectRequest";
import { formatCount } from "./format";
import { formatUtcClock } from "./time";

/** Every fact, in the engine's order. Metadata always comes. */
export const ALL_FACTS: readonly Fact[] = ["metadata", "events", "stars", "items"];

/** The chosen facts in the engine's order, once each, with metadata always included. */
export function normaliseFacts(chosen: readonly Fact[]): Fact[] {
  return ALL_FACTS.filter((fact) => fact === "metadata" || chosen.includes(fact));
}

/** Turns one fact on or off; metadata cannot be turned off. */
export function toggleFact(chosen: readonly Fact[], fact: Fact, on: boolean): Fact[] {
  if (fact === "metadata") return normaliseFacts(chosen);
  return normaliseFacts(on ? [...chosen, fact] : chosen.filter((f) => f !== fact));
}

/** The scope part of the Collect draft, shared by both sources. */
export interface ScopeDraft {
  repos: string[];
  repoText: string;
  orgs: string[];
  orgText: string;
}

export function buildGithubRequest(scope: ScopeDraft, facts: readonly Fact[]): GithubRequest {
  return {
    repos: addUnique(scope.repos, scope.repoText),
    orgs: addUnique(scope.orgs, scope.orgText),
    // Always explicit: "empty means all" is the engine's default, not something to rely on here.
    facts: normaliseFacts(facts),
  };
}

/** What must be filled in before asking the engine, or null. */
export function githubBlocker(request: GithubRequest): string | null {
  if (request.repos.length === 0 && request.orgs.length === 0) {
    return "Name at least one repository or organisation: the GitHub API collects the repositories you track, not all of GitHub.";
  }
  return null;
}

/** The facts a past request chose (empty meant all). */
export function factsOfRequest(request: GithubRequest): Fact[] {
  return request.facts.length === 0 ? [...ALL_FACTS] : normaliseFacts(request.facts);
}

/** "1,234 of 5,000 requests left, resets at 14:05 UTC": the token's REST budget now. */
export function budgetText(plan: GithubPlanSummary): string {
  if (plan.core_remaining === null) return "The token's request budget could not be read.";
  const left =
    plan.core_limit === null
      ? `${formatCount(plan.core_remaining)} requests left`
      : `${formatCount(plan.core_remaining)} of ${formatCount(plan.core_limit)} requests left`;
  return plan.core_reset_at === null ? left : `${left}, resets at ${formatUtcClock(plan.core_reset_at)} UTC`;
}

/** "At most 42 REST requests": an upper bound, since unchanged answers cost nothing. */
export function restRequestsText(plan: GithubPlanSummary): string {
  return `At most ${formatCount(plan.estimated_requests)} REST ${plan.estimated_requests === 1 ? "request" : "requests"}`;
}

export type WhenExhausted = "wait" | "stop";

/** The `github.when_exhausted` setting's value, or null when unknown. */
export function parseWhenExhausted(value: string | null | undefined): WhenExhausted | null {
  const trimmed = value?.trim();
  return trimmed === "wait" || trimmed === "stop" ? trimmed : null;
}

/** Whether the run may need more REST requests than the token has left before the reset. */
export function exceedsBudget(plan: GithubPlanSummary): boolean {
  return plan.core_remaining !== null && plan.estimated_requests > plan.core_remaining;
}

/** What happens when the budget runs out mid-run, or null when it should last. */
export function budgetWarning(plan: GithubPlanSummary, whenExhausted: WhenExhausted | null): string | null {
  if (!exceedsBudget(plan) || plan.core_remaining === null) return null;
  const need = `This run may need up to ${formatCount(plan.estimated_requests)} requests, more than the ${formatCount(
    plan.core_remaining,
  )} left.`;
  const reset = plan.core_reset_at === null ? "the reset" : `the reset at ${formatUtcClock(plan.core_reset_at)} UTC`;
  switch (whenExhausted) {
    case "wait":
      return `${need} When they run out, it will wait for ${reset} and then go on (setting github.when_exhausted = wait).`;
    case "stop":
      return `${need} When they run out, it will stop; run it again after ${reset} to finish (setting github.when_exhausted = stop).`;
    case null:
      return `${need} When they run out, it will wait for ${reset} or stop, as the github.when_exhausted setting says.`;
  }
}

const CREDENTIAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "credential_missing",
  "credential_invalid",
  "keychain_unavailable",
]);

/** Whether an error is fixed on the Credentials page. */
export function isCredentialProblem(code: ErrorCode): boolean {
  return CREDENTIAL_CODES.has(code);
}
