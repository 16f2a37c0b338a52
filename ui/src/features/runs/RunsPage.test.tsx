// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import type { RunRecord } from "../../ipc/bindings";
import { callsOf, setHandlers } from "../../test/tauriMock";

const run: RunRecord = {
  id: 4,
  source: "gharchive",
  scope_key: "all",
  status: "completed_with_errors",
  started_at: 1_705_312_800,
  finished_at: 1_705_312_800 + 125,
  units_total: 10,
  units_skipped: 2,
  units_done: 7,
  units_missing: 0,
  units_failed: 1,
  events_loaded: 12_000,
  records_quarantined: 1,
  error: "1 unit(s) failed; first: 2024-01-15-3: truncated gzip",
};

afterEach(cleanup);

describe("Runs", () => {
  beforeEach(() =>
    setHandlers({
      list_runs: () => [run],
      list_quarantine: () => [
        { id: 1, run_id: 4, source: "gharchive", unit_key: "2024-01-15-3", line: 17, reason: "missing actor", excerpt: '{"id":"1"' },
      ],
    }),
  );

  it("lists the history with the status of each run", async () => {
    render(<App initialPage="runs" />);
    const table = await screen.findByTestId("runs-table");
    expect(within(table).getByTestId("run-row-status").textContent).toBe("completed_with_errors");
    expect(table.textContent).toContain("2 min 05 s");
    expect(table.textContent).toContain("7 / 8");
    expect(table.textContent).toContain("12,000");
    expect(callsOf("list_runs")[0]).toEqual({ limit: 50 });
    expect(screen.getByText("No run in progress. Start one from Collect, or open the sample workspace from Home.")).toBeTruthy();
  });

  it("says a run that began and ended within one second took under a second, not 0 ms", async () => {
    setHandlers({ list_runs: () => [{ ...run, finished_at: run.started_at }], list_quarantine: () => [] });
    render(<App initialPage="runs" />);
    const table = await screen.findByTestId("runs-table");
    expect(table.textContent).toContain("under 1 s");
    expect(table.textContent).not.toContain("0 ms");
  });

  it("shows a run's quarantined records", async () => {
    render(<App initialPage="runs" />);
    fireEvent.click(await screen.findByTestId("run-row-open"));
    const viewer = await screen.findByTestId("quarantine-viewer");
    expect(await within(viewer).findByText("missing actor")).toBeTruthy();
    expect(callsOf("list_quarantine")[0]).toEqual({ runId: 4, limit: 200 });
  });
});
