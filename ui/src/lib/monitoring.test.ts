import { describe, expect, it } from "vitest";
import type { AlertRule, CoverageHour, RunPerformance } from "../ipc/bindings";
import {
  coverageSummary,
  describeRule,
  draftChanged,
  fraction,
  itemsPerSecond,
  logFields,
  newAlertsText,
  newDraft,
  newestAlertsFirst,
  oldestFirst,
  rateShare,
  rateTone,
  ruleDraftProblem,
  ruleInput,
  runDuration,
  spendTone,
  thresholdSpec,
} from "./monitoring";
import { coverageChartOption, throughputChartOption } from "./monitoringCharts";

const rule = (change: Partial<AlertRule>): AlertRule => ({
  id: 1,
  kind: "run_failed",
  threshold: null,
  repo: null,
  enabled: true,
  created_at: 0,
  ...change,
});

describe("describeRule", () => {
  it("words every kind as the engine does", () => {
    expect(describeRule(rule({ kind: "run_failed" }))).toBe("a run fails or completes with errors");
    expect(describeRule(rule({ kind: "bigquery_budget", threshold: 80 }))).toBe(
      "BigQuery spend this month reaches 80% of the monthly budget",
    );
    expect(describeRule(rule({ kind: "github_rate_limit", threshold: 10 }))).toBe(
      "a GitHub run leaves under 10% of the rate limit",
    );
    expect(describeRule(rule({ kind: "data_gap" }))).toBe("hours are missing, failed or far under their usual count");
    expect(describeRule(rule({ kind: "activity_spike", threshold: 3 }))).toBe(
      "any tracked repository has 3× its usual daily events",
    );
    expect(describeRule(rule({ kind: "star_spike", threshold: 2.5, repo: "acme/rocket" }))).toBe(
      "acme/rocket gains 2.5× its usual daily stars",
    );
  });
});

describe("rule drafts", () => {
  it("start from a suggested threshold for kinds that take one", () => {
    expect(newDraft("bigquery_budget")).toEqual({ kind: "bigquery_budget", threshold: "80", repo: "" });
    expect(newDraft("data_gap").threshold).toBe("");
    expect(thresholdSpec("run_failed")).toBeNull();
    expect(thresholdSpec("star_spike")).toMatchObject({ min: 1.5, max: 1000, unit: "×" });
  });

  it("are checked against the engine's bounds", () => {
    expect(ruleDraftProblem({ kind: "bigquery_budget", threshold: "1000", repo: "" })).toBeNull();
    expect(ruleDraftProblem({ kind: "bigquery_budget", threshold: "1001", repo: "" })).toBe(
      "The threshold is percent of the monthly budget, from 1 to 1000; 1001 is out of range.",
    );
    expect(ruleDraftProblem({ kind: "activity_spike", threshold: "1.4", repo: "" })).toContain("from 1.5 to 1000");
    expect(ruleDraftProblem({ kind: "github_rate_limit", threshold: " ", repo: "" })).toBe(
      "Enter a threshold: percent of the rate limit left, from 1 to 99.",
    );
    expect(ruleDraftProblem({ kind: "github_rate_limit", threshold: "ten", repo: "" })).toContain("is not a number");
    expect(ruleDraftProblem({ kind: "star_spike", threshold: "3", repo: "rocket" })).toContain("write it as owner/name");
    // Kinds without a threshold ignore whatever is typed.
    expect(ruleDraftProblem({ kind: "run_failed", threshold: "abc", repo: "" })).toBeNull();
  });

  it("become the engine's input, with a pasted URL made a name and blanks as null", () => {
    expect(ruleInput({ kind: "star_spike", threshold: " 4 ", repo: "https://github.com/acme/rocket/" }, true)).toEqual({
      kind: "star_spike",
      threshold: 4,
      repo: "acme/rocket",
      enabled: true,
    });
    expect(ruleInput({ kind: "activity_spike", threshold: "3", repo: "  " }, false).repo).toBeNull();
    expect(ruleInput({ kind: "data_gap", threshold: "5", repo: "acme/rocket" }, true)).toEqual({
      kind: "data_gap",
      threshold: null,
      repo: null,
      enabled: true,
    });
  });

  it("know when they differ from the stored rule", () => {
    const stored = rule({ kind: "activity_spike", threshold: 3, repo: "acme/rocket" });
    expect(draftChanged(stored, { kind: "activity_spike", threshold: "3.0", repo: "acme/rocket" })).toBe(false);
    expect(draftChanged(stored, { kind: "activity_spike", threshold: "4", repo: "acme/rocket" })).toBe(true);
    expect(draftChanged(stored, { kind: "activity_spike", threshold: "3", repo: "" })).toBe(true);
  });
});

describe("run figures", () => {
  it("rate a stage by its busy time", () => {
    expect(itemsPerSecond({ stage: "decode", calls: 2, items: 6_000, busy_ms: 1_500 })).toBe(4_000);
    expect(itemsPerSecond({ stage: "idle", calls: 1, items: 10, busy_ms: 0 })).toBeNull();
  });

  it("say how long a run took, or that it still runs", () => {
    expect(runDuration({ seconds: 125, status: "completed" })).toBe("2 min 05 s");
    expect(runDuration({ seconds: null, status: "running" })).toBe("running");
    expect(runDuration({ seconds: null, status: "interrupted" })).toBe("–");
    expect(runDuration({ seconds: 0, status: "completed" })).toBe("under 1 s");
  });

  it("order runs oldest first for charts", () => {
    const run = (id: number, started_at: number, eps: number | null): RunPerformance => ({
      id,
      source: "gharchive",
      status: "completed",
      started_at,
      seconds: 1,
      events_loaded: 1,
      events_per_second: eps,
      peak_rss_bytes: null,
    });
    const runs = [run(9, 300, 12.5), run(8, 200, null), run(3, 100, 40)];
    expect(oldestFirst(runs).map((r) => r.id)).toEqual([3, 8, 9]);
    const option = throughputChartOption(runs);
    expect(option.xAxis).toMatchObject({ data: ["#3", "#8", "#9"] });
    expect((option.series as Array<{ data: unknown }>)[0]?.data).toEqual([40, null, 12.5]);
  });
});

describe("gauges", () => {
  it("measure against a limit only when there is one", () => {
    expect(fraction(4.5, 10)).toBe(0.45);
    expect(fraction(4.5, 0)).toBeNull();
    expect(rateShare({ at: 0, remaining: 500, limit: 5_000 })).toBe(0.1);
    expect(rateShare({ at: 0, remaining: 500, limit: null })).toBeNull();
    expect(rateShare(null)).toBeNull();
  });

  it("warn as spend fills and as the rate limit empties", () => {
    expect([spendTone(0.5), spendTone(0.8), spendTone(1.2), spendTone(null)]).toEqual(["ok", "warning", "danger", "ok"]);
    expect([rateTone(0.9), rateTone(0.2), rateTone(0.05)]).toEqual(["ok", "warning", "danger"]);
  });
});

describe("alerts", () => {
  it("are listed newest first and counted in words", () => {
    const alert = (id: number, fired_at: number) => ({
      id,
      rule_id: null,
      kind: "run_failed" as const,
      condition_key: `run:${id}`,
      severity: "warning" as const,
      title: "",
      message: "",
      fired_at,
    });
    expect(newestAlertsFirst([alert(1, 10), alert(3, 30), alert(2, 30)]).map((a) => a.id)).toEqual([3, 2, 1]);
    expect([newAlertsText(0), newAlertsText(1), newAlertsText(12)]).toEqual([
      "No new alerts",
      "1 new alert",
      "12 new alerts",
    ]);
  });
});

describe("coverage", () => {
  const hour = (h: string, status: CoverageHour["status"], events = 0): CoverageHour => ({
    hour: h,
    status,
    events,
    cause: null,
    reason: null,
    usual_events: null,
  });

  it("summarises present, partial and missing hours", () => {
    expect(coverageSummary({ present: 1_200, partial: 3, drops: 2, missing: 1 })).toBe(
      "1,200 present · 3 partial (2 capture drops) · 1 missing hour",
    );
    expect(coverageSummary({ present: 5, partial: 0, drops: 0, missing: 0 })).toBe(
      "5 present · 0 partial · 0 missing hours",
    );
  });

  it("colours each hour by status and backs partial and missing hours with a band", () => {
    const hours = [
      hour("T00", "present", 5),
      hour("T01", "missing"),
      hour("T02", "partial", 2),
      hour("T03", "present", 7),
    ];
    const [events, bands] = coverageChartOption(hours).series as Array<{
      data: Array<{ value: number; itemStyle: { color: string } } | null>;
    }>;
    const colours = events?.data.map((d) => d?.itemStyle.color);
    expect(colours?.[0]).toBe(colours?.[3]);
    expect(new Set(colours).size).toBe(3);
    // The band reaches the tallest bar, so a missing hour shows however the axis scales.
    expect(bands?.data.map((d) => d?.value ?? null)).toEqual([null, 7, 7, null]);
  });
});

describe("logFields", () => {
  it("lists the other fields sorted as key=value", () => {
    expect(logFields({ reason: "truncated gzip", attempt: "2" })).toEqual(["attempt=2", "reason=truncated gzip"]);
    expect(logFields({})).toEqual([]);
  });
});
