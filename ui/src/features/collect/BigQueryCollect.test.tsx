// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import { forgetCollectDraft } from "./CollectPage";
import type { BigQueryPlanSummary, BigQueryRequest, Progress, RunSummary } from "../../ipc/bindings";
import { callsOf, channelOf, deferred, setHandlers, type FakeChannel } from "../../test/tauriMock";

const GIB = 1024 ** 3;

const plan: BigQueryPlanSummary = {
  scope_key: "repos=apache/arrow;orgs=",
  mode: "events",
  mode_reason: null,
  units_total: 2,
  units_to_run: 2,
  tables: 31,
  bytes_processed: 60 * GIB,
  bytes_billed: 60 * GIB,
  dollars: 0.37,
  price_per_tib: 6.25,
  run_budget: 1,
  month_budget: 10,
  spent_this_month: 2.5,
  repos_by_id: 0,
  repos_by_name: 1,
  refused: null,
};

afterEach(() => {
  cleanup();
  forgetCollectDraft();
});

function lastPlanned(): BigQueryRequest {
  return callsOf("plan_bigquery_collection").at(-1)?.request as BigQueryRequest;
}

function chooseBigQuery() {
  fireEvent.click(screen.getByTestId("collect-source-bigquery"));
  fireEvent.change(screen.getByTestId("collect-repo-input"), { target: { value: "apache/arrow" } });
  fireEvent.keyDown(screen.getByTestId("collect-repo-input"), { key: "Enter" });
  fireEvent.change(screen.getByTestId("collect-from"), { target: { value: "2024-01-01T00" } });
  fireEvent.change(screen.getByTestId("collect-to"), { target: { value: "2024-02-01T00" } });
}

describe("Collect from BigQuery", () => {
  beforeEach(() => setHandlers({ plan_bigquery_collection: () => plan }));

  it("prices the plan from dry runs and shows the budgets", async () => {
    render(<App initialPage="collect" />);
    chooseBigQuery();
    expect(screen.getByTestId("bigquery-mode-auto")).toHaveProperty("checked", true);
    const summary = await screen.findByTestId("bigquery-plan-summary", {}, { timeout: 2000 });
    expect(summary).toBeTruthy();
    expect(screen.getByTestId("bigquery-plan-units").textContent).toBe("2 of 2");
    expect(screen.getByTestId("bigquery-plan-processed").textContent).toBe("60.0 GiB");
    expect(screen.getByTestId("bigquery-cost").textContent).toContain("60.0 GiB billed · $0.37");
    expect(screen.getByTestId("bigquery-budget").textContent).toContain("$2.50 of $10.00 spent this month; $1.00 per run");
    expect(lastPlanned()).toEqual({
      repos: ["apache/arrow"],
      orgs: [],
      from: "2024-01-01T00",
      to: "2024-02-01T00",
      mode: "auto",
    });
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false);

    fireEvent.click(screen.getByTestId("bigquery-mode-daily-counts"));
    await waitFor(() => expect(lastPlanned().mode).toBe("daily-counts"), { timeout: 2000 });
  });

  it("presets end at today's midnight, since today's table is still being written", () => {
    render(<App initialPage="collect" />);
    fireEvent.click(screen.getByTestId("collect-source-bigquery"));
    fireEvent.click(screen.getByTestId("preset-30d"));
    const to = (screen.getByTestId("collect-to") as HTMLInputElement).value;
    expect(to).toMatch(/T00$/);
    expect(Date.parse(`${to}:00:00Z`)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(`${to}:00:00Z`)).toBeLessThan(86_400_000);
  });

  it("will not run a plan the budgets refuse, and points to Settings", async () => {
    setHandlers({
      plan_bigquery_collection: () => ({ ...plan, dollars: 2.4, refused: "this collection would cost about $2.40 on BigQuery, over the per-run budget of $1.00" }),
    });
    render(<App initialPage="collect" />);
    chooseBigQuery();
    const refused = await screen.findByTestId("bigquery-refused", {}, { timeout: 2000 });
    expect(refused.textContent).toContain("over the per-run budget of $1.00");
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByTestId("bigquery-budget-settings"));
    expect(screen.getByTestId("page-title").textContent).toBe("Settings");
  });

  it("links a missing Google key to the Credentials page", async () => {
    setHandlers({
      plan_bigquery_collection: () => {
        throw { code: "credential_missing", message: "no Google service-account key is set" };
      },
    });
    render(<App initialPage="collect" />);
    chooseBigQuery();
    expect((await screen.findByTestId("plan-error", {}, { timeout: 2000 })).textContent).toBe(
      "no Google service-account key is set",
    );
    fireEvent.click(screen.getByTestId("plan-credentials-link"));
    expect(screen.getByTestId("page-title").textContent).toBe("Credentials");
  });

  it("runs with live query and paging progress", async () => {
    const finished = deferred<RunSummary>();
    let channel: FakeChannel<Progress> | null = null;
    setHandlers({
      plan_bigquery_collection: () => plan,
      start_bigquery_collection: (args) => {
        channel = channelOf(args);
        return finished.promise;
      },
    });
    render(<App initialPage="collect" />);
    chooseBigQuery();
    await waitFor(() => expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false), { timeout: 2000 });
    fireEvent.click(screen.getByTestId("run-button"));
    expect(callsOf("start_bigquery_collection")[0]?.request).toEqual(lastPlanned());
    const send = (event: Progress) => act(() => channel?.onmessage(event));
    const unit = "events:2024-01-01T00..2024-02-01T00";
    send({ event: "run_started", run_id: 9, source: "bigquery", units_total: 1, units_to_run: 1, units_skipped: 0, estimated_bytes: 60 * GIB });
    send({ event: "unit_started", unit });
    send({ event: "unit_querying", unit, elapsed_ms: 12_000 });
    expect(screen.getByTestId("live-run").textContent).toContain("BigQuery job running · 12 s");
    send({ event: "unit_paging", unit, rows_read: 10_000, rows_total: 25_000 });
    expect(screen.getByTestId("live-run").textContent).toContain("read 10,000 of 25,000 rows");
    await act(async () =>
      finished.resolve({
        run_id: 9,
        status: "completed",
        units_total: 1,
        units_skipped: 0,
        units_done: 1,
        units_missing: 0,
        units_failed: 0,
        units_cancelled: 0,
        events_loaded: 25_000,
        duplicates: 0,
        quarantined: 0,
        out_of_scope: 0,
        elapsed_ms: 5_000,
        staging_ms: 1,
        commit_ms: 1,
        failures: [],
        missing: [],
      }),
    );
    expect((await screen.findByTestId("run-status")).textContent).toBe("completed");
  });
});
