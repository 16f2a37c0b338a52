// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);
// Canvas charts do not draw in jsdom; the stand-in keeps what was asked of the chart.
vi.mock("../dashboards/EChart", () => ({
  EChart: ({ label, option }: { label: string; option: { series?: unknown } }) => (
    <div data-testid="echart" data-label={label} data-series={JSON.stringify(option.series ?? null)} />
  ),
}));

import { App } from "../../app/App";
import { coverage, lines, metrics, overview } from "../../test/monitoringFixtures";
import { callsOf, emptyOverview, setHandlers } from "../../test/tauriMock";

afterEach(cleanup);

describe("Monitoring overview", () => {
  beforeEach(() => setHandlers({ monitoring_overview: () => overview, run_metrics: () => metrics }));

  it("shows the budget and rate-limit gauges with their numbers", async () => {
    render(<App initialPage="monitoring" />);
    expect((await screen.findByTestId("gauge-bigquery-text")).textContent).toBe("$4.50 of $10.00");
    const budget = screen.getByTestId("meter-bigquery");
    expect(budget.getAttribute("role")).toBe("meter");
    expect(budget.getAttribute("aria-valuenow")).toBe("4.5");
    expect(budget.getAttribute("aria-valuemax")).toBe("10");
    expect(screen.getByTestId("gauge-bigquery").textContent).toContain("45 % of the monthly budget");
    expect(screen.getByTestId("gauge-github-text").textContent).toBe("4,100 of 5,000");
    expect(screen.getByTestId("meter-github").getAttribute("aria-valuenow")).toBe("4100");
    expect(screen.getByTestId("gauge-github").textContent).toContain("82 % left");
  });

  it("says the rate limit is not used yet, and that nothing was spent", async () => {
    setHandlers({ monitoring_overview: () => emptyOverview() });
    render(<App initialPage="monitoring" />);
    expect((await screen.findByTestId("gauge-github-text")).textContent).toBe("not used yet");
    expect(screen.queryByTestId("meter-github")).toBeNull();
    expect(screen.getByTestId("spend-chart").textContent).toBe("No BigQuery spend recorded yet.");
    expect(screen.getByTestId("throughput-chart").textContent).toContain("No runs in this workspace yet");
  });

  it("lists the recent runs and charts their throughput oldest first", async () => {
    render(<App initialPage="monitoring" />);
    const rows = await screen.findAllByTestId("performance-row");
    expect(rows).toHaveLength(2);
    const first = rows[0]?.textContent ?? "";
    for (const text of ["#7", "github", "completed", "2 min 05 s", "12,000", "96/s", "150 MiB"]) {
      expect(first).toContain(text);
    }
    expect(rows[1]?.textContent).toContain("75/s");
    const chart = within(screen.getByTestId("throughput-chart")).getByTestId("echart");
    expect(JSON.parse(chart.dataset.series ?? "null")[0].data).toEqual([75, 96]);
    const spend = within(screen.getByTestId("spend-chart")).getByTestId("echart");
    expect(JSON.parse(spend.dataset.series ?? "null")[0].data).toEqual([6.25]);
    const endpoints = screen.getByTestId("overview-endpoints");
    expect(endpoints.textContent).toContain("GET /repos/{owner}/{repo}/stargazers");
    expect(endpoints.textContent).toContain("1.42 s");
    expect(endpoints.textContent).toContain("4,100");
  });

  it("opens a run's detail with its stages, slowest units, endpoints and charts", async () => {
    render(<App initialPage="monitoring" />);
    const open = (await screen.findAllByTestId("performance-open"))[0];
    if (!open) throw new Error("no run button");
    fireEvent.click(open);
    const detail = await screen.findByTestId("run-detail");
    const stages = await within(detail).findAllByTestId("stage-row");
    expect(callsOf("run_metrics")).toEqual([{ runId: 7 }]);
    // 6,000 items in 1.5 s of busy time; a stage never busy has no rate.
    expect(stages[0]?.textContent).toContain("4,000/s");
    expect(stages[0]?.textContent).toContain("1.50 s");
    expect(stages[1]?.textContent).toContain("–");
    // The slowest units, with their downloads, retries and errors.
    const units = within(detail).getAllByTestId("unit-row");
    expect(units).toHaveLength(2);
    expect(units[0]?.textContent).toContain("2024-01-15-12");
    expect(units[0]?.textContent).toContain("9.50 s");
    expect(units[0]?.textContent).toContain("48.0 MiB");
    expect(units[1]?.textContent).toContain("truncated gzip");
    expect(within(detail).getByTestId("unit-table").textContent).toContain("All 2 units, slowest first.");
    expect(within(detail).getByTestId("detail-peak-memory").textContent).toBe("150 MiB");
    expect(within(detail).getByTestId("detail-bigquery-dollars").textContent).toBe("$0.37");
    expect(within(detail).getByTestId("detail-bigquery-estimated").textContent).toBe("1.86 GiB");
    expect(within(detail).getByTestId("detail-bigquery-billed").textContent).toBe("2.00 GiB");
    expect(within(detail).getByTestId("detail-endpoints").textContent).toContain("85 ms");
    const rate = within(within(detail).getByTestId("rate-chart")).getByTestId("echart");
    expect(JSON.parse(rate.dataset.series ?? "null")[0].data).toEqual([
      [1_705_400_010_000, 4_900],
      [1_705_400_100_000, 4_100],
    ]);
    expect(within(detail).getByTestId("latency-chart")).toBeTruthy();
    expect(document.activeElement?.id).toBe("run-detail-heading");
    // Refresh reads the open run again, keeping its figures on screen meanwhile.
    fireEvent.click(screen.getByTestId("overview-refresh"));
    expect(within(detail).getAllByTestId("stage-row")).toHaveLength(2);
    await waitFor(() => expect(callsOf("run_metrics")).toHaveLength(2));
    fireEvent.click(within(detail).getByTestId("run-detail-close"));
    expect(screen.queryByTestId("run-detail")).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it("says why the overview cannot be read", async () => {
    setHandlers({
      monitoring_overview: () => {
        throw { code: "workspace", message: "no workspace is open" };
      },
    });
    render(<App initialPage="monitoring" />);
    expect((await screen.findByTestId("overview-error")).textContent).toBe("no workspace is open");
  });

  it("moves between tabs with the arrow keys", async () => {
    render(<App initialPage="monitoring" />);
    const overviewTab = screen.getByTestId("monitoring-tab-overview");
    expect(screen.getByRole("tablist")).toBeTruthy();
    fireEvent.keyDown(overviewTab, { key: "ArrowRight" });
    const alertsTab = screen.getByTestId("monitoring-tab-alerts");
    expect(alertsTab.getAttribute("aria-selected")).toBe("true");
    expect(overviewTab.getAttribute("aria-selected")).toBe("false");
    expect(document.activeElement).toBe(alertsTab);
    expect(screen.getByTestId("monitoring-panel-overview").hidden).toBe(true);
    expect(await screen.findByTestId("alert-rules")).toBeTruthy();
    fireEvent.keyDown(alertsTab, { key: "End" });
    expect(screen.getByTestId("monitoring-tab-logs").getAttribute("aria-selected")).toBe("true");
  });
});

describe("Monitoring coverage", () => {
  const openCoverage = async () => {
    render(<App initialPage="monitoring" />);
    fireEvent.click(screen.getByTestId("monitoring-tab-coverage"));
    return screen.findByTestId("coverage-panel");
  };

  it("summarises the hours and lists the spans that are not present", async () => {
    setHandlers({ coverage_report: () => coverage });
    const panel = await openCoverage();
    expect((await within(panel).findByTestId("coverage-summary")).textContent).toContain(
      "3 present · 1 partial (1 capture drop) · 2 missing hours",
    );
    const spans = within(panel).getAllByTestId("coverage-span");
    expect(spans).toHaveLength(2);
    expect(spans[0]?.textContent).toContain("capture drop: 400 of about 3,000");
    expect(spans[1]?.textContent).toContain("2024-01-15T04");
    expect(spans[1]?.textContent).toContain("not in the archive");
    expect(within(panel).getByTestId("coverage-notes").textContent).toContain("missed many events");
    const series = JSON.parse(within(panel).getByTestId("echart").dataset.series ?? "null");
    expect(series[0].data.map((d: { value: number }) => d.value)).toEqual([3000, 3000, 3000, 400, 0, 0]);
    // One pale band behind each partial or missing hour.
    expect(series[1].data.filter((d: unknown) => d !== null)).toHaveLength(3);
    expect(callsOf("coverage_report")[0]).toEqual({ from: null, to: null });
  });

  it("asks for a range that is typed correctly", async () => {
    setHandlers({ coverage_report: () => coverage });
    const panel = await openCoverage();
    await within(panel).findByTestId("coverage-summary");
    fireEvent.change(within(panel).getByTestId("coverage-from"), { target: { value: "2024-13-01" } });
    expect(within(panel).getByTestId("coverage-range-problem").textContent).toContain("is not a UTC hour");
    expect(within(panel).getByTestId("coverage-apply")).toHaveProperty("disabled", true);
    fireEvent.change(within(panel).getByTestId("coverage-from"), { target: { value: "2024-01-15T02" } });
    fireEvent.click(within(panel).getByTestId("coverage-apply"));
    await waitFor(() => expect(callsOf("coverage_report").at(-1)).toEqual({ from: "2024-01-15T02", to: null }));
  });

  it("says when nothing is collected yet", async () => {
    setHandlers({ coverage_report: () => null });
    const panel = await openCoverage();
    expect((await within(panel).findByTestId("coverage-empty")).textContent).toContain("No data collected yet");
    fireEvent.click(within(panel).getByText("Go to Collect"));
    expect(screen.getByTestId("page-title").textContent).toBe("Collect");
  });
});

describe("Monitoring logs", () => {
  beforeEach(() => setHandlers({ monitoring_overview: () => overview, read_log: () => lines }));

  it("reads the log at info by default and filters by level and run", async () => {
    render(<App initialPage="monitoring" />);
    fireEvent.click(screen.getByTestId("monitoring-tab-logs"));
    const viewer = await screen.findByTestId("log-viewer");
    const row = await within(viewer).findByTestId("log-row");
    expect(row.textContent).toContain("unit failed");
    expect(row.textContent).toContain("#7");
    expect(row.textContent).toContain("attempt=2");
    expect(row.textContent).toContain("reason=truncated");
    expect(callsOf("read_log")[0]).toEqual({ query: { run_id: null, min_level: "info", limit: 200 } });

    fireEvent.change(within(viewer).getByTestId("log-level"), { target: { value: "warn" } });
    await waitFor(() =>
      expect(callsOf("read_log").at(-1)).toEqual({ query: { run_id: null, min_level: "warn", limit: 200 } }),
    );
    await waitFor(() => expect(within(viewer).getByTestId("log-run").textContent).toContain("#7 github"));
    fireEvent.change(within(viewer).getByTestId("log-run"), { target: { value: "5" } });
    await waitFor(() =>
      expect(callsOf("read_log").at(-1)).toEqual({ query: { run_id: 5, min_level: "warn", limit: 200 } }),
    );
  });

  it("says when there are no lines", async () => {
    setHandlers({ read_log: () => [] });
    render(<App initialPage="monitoring" />);
    fireEvent.click(screen.getByTestId("monitoring-tab-logs"));
    expect((await screen.findByTestId("log-empty")).textContent).toBe("No log lines at info or above.");
  });
});
