import { describe, expect, it } from "vitest";
import {
  autoGranularity,
  autoGranularityOf,
  buildChartQuery,
  CHARTS_BY_MODE,
  initialSelection,
  type DashboardSelection,
} from "./chartModes";

const LAST = "2024-01-16T23:10:00Z";
const select = (change: Partial<DashboardSelection>): DashboardSelection => ({ ...initialSelection, ...change });

describe("buildChartQuery", () => {
  it("asks for a repository before drawing repository charts", () => {
    expect(buildChartQuery(select({}), LAST)).toEqual({ needs: "Pick a repository to see its charts." });
  });

  it("builds a repository query over all the data", () => {
    const built = buildChartQuery(select({ repo: "acme/rocket", granularity: "week" }), LAST);
    expect(built).toEqual({
      query: {
        repos: ["acme/rocket"],
        org: null,
        from: null,
        to: null,
        granularity: "week",
        limit: null,
        rank_by: null,
        include_bots: false,
        compare: false,
      },
    });
  });

  it("compares two to eight repositories", () => {
    expect("needs" in buildChartQuery(select({ mode: "compare", compared: ["a/b"] }), LAST)).toBe(true);
    const built = buildChartQuery(select({ mode: "compare", compared: ["a/b", "c/d"] }), LAST);
    expect("query" in built && built.query.compare).toBe(true);
    expect("query" in built && built.query.repos).toEqual(["a/b", "c/d"]);
  });

  it("needs a valid organisation", () => {
    expect("needs" in buildChartQuery(select({ mode: "organisation", org: "" }), LAST)).toBe(true);
    expect(buildChartQuery(select({ mode: "organisation", org: "bad org" }), LAST)).toEqual({
      needs: "`bad org` is not an organisation: it may only contain letters, digits and hyphens",
    });
    const built = buildChartQuery(select({ mode: "organisation", org: " rust-lang " }), LAST);
    expect("query" in built && built.query.org).toBe("rust-lang");
  });

  it("turns presets into ranges ending after the last event", () => {
    const built = buildChartQuery(select({ mode: "workspace", preset: "last7" }), LAST);
    expect("query" in built && [built.query.from, built.query.to]).toEqual(["2024-01-10T00", "2024-01-17T00"]);
    expect("needs" in buildChartQuery(select({ mode: "workspace", preset: "last30" }), null)).toBe(true);
  });

  it("checks a custom range before sending it", () => {
    const bad = buildChartQuery(select({ mode: "workspace", preset: "custom", customFrom: "2024-01-15", customTo: "x" }), LAST);
    expect("needs" in bad && bad.needs).toMatch(/^To /);
    const good = buildChartQuery(
      select({ mode: "workspace", preset: "custom", customFrom: "2024-01-15", customTo: "2024-01-16T12" }),
      LAST,
    );
    expect("query" in good && [good.query.from, good.query.to]).toEqual(["2024-01-15", "2024-01-16T12"]);
  });

  it("lists the charts each mode needs", () => {
    expect(CHARTS_BY_MODE.workspace).toEqual(["top-repos", "activity", "heatmap", "coverage", "contributors"]);
    expect(CHARTS_BY_MODE.organisation[0]).toBe("org-overview");
    expect(CHARTS_BY_MODE.compare).not.toContain("heatmap");
    expect(CHARTS_BY_MODE.repository).toHaveLength(11);
  });
});

describe("autoGranularity", () => {
  it("takes days up to three months, weeks up to two years, months beyond", () => {
    expect(autoGranularity("2024-01-01T00", "2024-04-01T00", null, null)).toBe("day"); // 91 days
    expect(autoGranularity("2024-01-01T00", "2024-04-03T00", null, null)).toBe("week"); // 93 days
    expect(autoGranularity("2024-01-01T00", "2025-12-31T00", null, null)).toBe("week");
    expect(autoGranularity("2024-01-01T00", "2026-01-03T00", null, null)).toBe("month");
  });

  it("measures an open range from the workspace's first and last events", () => {
    expect(autoGranularity(null, null, "2024-03-04T00:00:05Z", "2024-12-06T23:59:59Z")).toBe("week");
    expect(autoGranularity(null, "2024-03-10T00", "2024-03-04T00:00:05Z", "2024-12-06T23:59:59Z")).toBe("day");
    expect(autoGranularity(null, null, null, null)).toBe("day");
    expect(autoGranularity("not a time", null, null, "2024-12-06T23:59:59Z")).toBe("day");
  });

  it("is what an all-data query asks for, unless a granularity was picked", () => {
    const first = "2023-01-01T00:00:00Z";
    const auto = buildChartQuery(select({ repo: "acme/rocket" }), LAST, first);
    expect("query" in auto && auto.query.granularity).toBe("week");
    const picked = buildChartQuery(select({ repo: "acme/rocket", granularity: "day" }), LAST, first);
    expect("query" in picked && picked.query.granularity).toBe("day");
    // The last 7 days of the same workspace are drawn by day.
    const recent = buildChartQuery(select({ repo: "acme/rocket", preset: "last7" }), LAST, first);
    expect("query" in recent && recent.query.granularity).toBe("day");
    expect(autoGranularityOf(select({ preset: "custom", customFrom: "nonsense" }), LAST, first)).toBeNull();
  });
});
