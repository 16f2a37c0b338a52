// Monitoring's pure logic: alert rules in words and their client-side checks (mirroring the
// engine's monitoring/alerts/mod.rs, whose own refusal stays authoritative), and the small
// derivations the Monitoring page shows, kept here so that the numbers people read are tested.

import type {
  Alert,
  AlertKind,
  AlertRule,
  CoverageReport,
  CoverageSpan,
  LogLevel,
  RatePoint,
  RuleInput,
  RunPerformance,
  StageTiming,
} from "../ipc/bindings";
import { formatCount, formatDuration, plural } from "./format";
import { normaliseRepoName, repoNameProblem } from "./validation";

export const RULE_KINDS: Array<{ kind: AlertKind; label: string }> = [
  { kind: "run_failed", label: "Run failed" },
  { kind: "bigquery_budget", label: "BigQuery budget" },
  { kind: "github_rate_limit", label: "GitHub rate limit" },
  { kind: "data_gap", label: "Data gap" },
  { kind: "activity_spike", label: "Activity spike" },
  { kind: "star_spike", label: "Star spike" },
];

export interface ThresholdSpec {
  /** What the number means, in the engine's words. */
  meaning: string;
  min: number;
  max: number;
  unit: "%" | "×";
  /** What a new rule of this kind starts with. */
  suggested: number;
}

const THRESHOLDS: Partial<Record<AlertKind, ThresholdSpec>> = {
  bigquery_budget: { meaning: "percent of the monthly budget", min: 1, max: 1000, unit: "%", suggested: 80 },
  github_rate_limit: { meaning: "percent of the rate limit left", min: 1, max: 99, unit: "%", suggested: 10 },
  activity_spike: { meaning: "times the trailing median", min: 1.5, max: 1000, unit: "×", suggested: 3 },
  star_spike: { meaning: "times the trailing median", min: 1.5, max: 1000, unit: "×", suggested: 3 },
};

/** The threshold a kind takes, or null for kinds that take none (run_failed, data_gap). */
export function thresholdSpec(kind: AlertKind): ThresholdSpec | null {
  return THRESHOLDS[kind] ?? null;
}

/** Only spikes watch one repository; every other kind covers the whole workspace. */
export function takesRepo(kind: AlertKind): boolean {
  return kind === "activity_spike" || kind === "star_spike";
}

/** The rule in words, as the engine's AlertRule::describe says it (Rust prints 80.0 as "80"). */
export function describeRule(rule: Pick<AlertRule, "kind" | "threshold" | "repo">): string {
  const t = String(rule.threshold ?? 0);
  const which = rule.repo ?? "any tracked repository";
  switch (rule.kind) {
    case "run_failed":
      return "a run fails or completes with errors";
    case "bigquery_budget":
      return `BigQuery spend this month reaches ${t}% of the monthly budget`;
    case "github_rate_limit":
      return `a GitHub run leaves under ${t}% of the rate limit`;
    case "data_gap":
      return "hours are missing, failed or far under their usual count";
    case "activity_spike":
      return `${which} has ${t}× its usual daily events`;
    case "star_spike":
      return `${which} gains ${t}× its usual daily stars`;
  }
}

/** A rule as typed: the threshold and repository are text until they are checked. */
export interface RuleDraft {
  kind: AlertKind;
  threshold: string;
  repo: string;
}

export function draftOf(rule: AlertRule): RuleDraft {
  return { kind: rule.kind, threshold: rule.threshold === null ? "" : String(rule.threshold), repo: rule.repo ?? "" };
}

export function newDraft(kind: AlertKind): RuleDraft {
  const spec = thresholdSpec(kind);
  return { kind, threshold: spec ? String(spec.suggested) : "", repo: "" };
}

/** Why the draft would be refused, or null. Mirrors RuleInput::validated. */
export function ruleDraftProblem(draft: RuleDraft): string | null {
  const spec = thresholdSpec(draft.kind);
  if (spec) {
    const text = draft.threshold.trim();
    const range = `${spec.meaning}, from ${spec.min} to ${spec.max}`;
    if (text === "") return `Enter a threshold: ${range}.`;
    const value = Number(text);
    if (!Number.isFinite(value)) return `\`${text}\` is not a number; the threshold is ${range}.`;
    if (value < spec.min || value > spec.max) return `The threshold is ${range}; ${text} is out of range.`;
  }
  const repo = draft.repo.trim();
  if (repo !== "" && takesRepo(draft.kind)) return repoNameProblem(repo);
  return null;
}

/** The engine's input for a draft that passed ruleDraftProblem. */
export function ruleInput(draft: RuleDraft, enabled: boolean): RuleInput {
  const repo = draft.repo.trim();
  return {
    kind: draft.kind,
    threshold: thresholdSpec(draft.kind) ? Number(draft.threshold.trim()) : null,
    repo: takesRepo(draft.kind) && repo !== "" ? normaliseRepoName(repo) : null,
    enabled,
  };
}

/** The draft differs from what is stored (3 and 3.0 are the same threshold). */
export function draftChanged(rule: AlertRule, draft: RuleDraft): boolean {
  const stored = draftOf(rule);
  const thresholdChanged = thresholdSpec(rule.kind) !== null && Number(draft.threshold.trim()) !== rule.threshold;
  const repoChanged = takesRepo(rule.kind) && normaliseRepoName(draft.repo) !== stored.repo;
  return thresholdChanged || repoChanged;
}

/** Items per second of busy time; null when the stage was never busy. */
export function itemsPerSecond(stage: StageTiming): number | null {
  return stage.busy_ms > 0 ? (stage.items * 1000) / stage.busy_ms : null;
}

/** How full a meter is; null when there is nothing to measure against. */
export function fraction(value: number, max: number | null): number | null {
  if (max === null || !Number.isFinite(max) || max <= 0 || !Number.isFinite(value)) return null;
  return value / max;
}

export type Tone = "ok" | "warning" | "danger";

/** Spend is bad as it fills up. */
export function spendTone(share: number | null): Tone {
  if (share === null) return "ok";
  return share >= 1 ? "danger" : share >= 0.8 ? "warning" : "ok";
}

/** A rate limit is bad as it empties. */
export function rateTone(share: number | null): Tone {
  if (share === null) return "ok";
  return share < 0.1 ? "danger" : share < 0.25 ? "warning" : "ok";
}

/** The share of the GitHub rate limit left, when the answer said what the limit is. */
export function rateShare(rate: RatePoint | null): number | null {
  return rate === null ? null : fraction(rate.remaining, rate.limit);
}

export function runDuration(run: Pick<RunPerformance, "seconds" | "status">): string {
  if (run.seconds === null) return run.status === "running" ? "running" : "–";
  // Runs record their start and end to the second: zero means "within the same second".
  if (run.seconds === 0) return "under 1 s";
  return formatDuration(run.seconds * 1000);
}

/** The engine lists runs newest first; charts read left to right, oldest first. */
export function oldestFirst<T extends { started_at: number; id: number }>(runs: T[]): T[] {
  return [...runs].sort((a, b) => a.started_at - b.started_at || a.id - b.id);
}

export function newestAlertsFirst(alerts: Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.fired_at - a.fired_at || b.id - a.id);
}

export function newAlertsText(count: number): string {
  return count === 0 ? "No new alerts" : `${plural(count, "new alert")}`;
}

/** "120 present · 3 partial (1 capture drop) · 5 missing hours". */
export function coverageSummary(report: Pick<CoverageReport, "present" | "partial" | "drops" | "missing">): string {
  const drops = report.drops > 0 ? ` (${plural(report.drops, "capture drop")})` : "";
  return (
    `${formatCount(report.present)} present · ${formatCount(report.partial)} partial${drops} · ` +
    `${formatCount(report.missing)} missing ${report.missing === 1 ? "hour" : "hours"}`
  );
}

export function gapSpans(spans: CoverageSpan[]): CoverageSpan[] {
  return spans.filter((span) => span.status !== "present");
}

/** The levels the viewer offers, most severe first; debug includes everything but trace. */
export const LOG_LEVELS: LogLevel[] = ["error", "warn", "info", "debug"];

/** A log line's other fields as `key=value`, sorted so lines compare at a glance. */
export function logFields(fields: { [key in string]: string }): string[] {
  return Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key] ?? ""}`);
}
