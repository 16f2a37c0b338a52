// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import { forgetCollectDraft } from "./CollectPage";
import type { CollectionRequest, PlanSummary, Progress, RunSummary } from "../../ipc/bindings";
import { callsOf, channelOf, deferred, setHandlers, type FakeChannel } from "../../test/tauriMock";

const plan: PlanSummary = {
  source: "gharchive",
  scope_key: "repos=acme/rocket",
  units_total: 24,
  units_to_run: 20,
  units_skipped: 4,
  download_bytes: 3 * 1024 * 1024 * 1024,
  estimated_events: 12_345,
};

afterEach(() => {
  cleanup();
  forgetCollectDraft();
});

function typeRepo(text: string) {
  fireEvent.change(screen.getByTestId("collect-repo-input"), { target: { value: text } });
}

describe("Collect", () => {
  beforeEach(() => {
    setHandlers({
      plan_collection: (args) => {
        const request = args.request as CollectionRequest;
        if (request.repos.includes("not-a-repo")) {
          throw { code: "invalid_input", message: "`not-a-repo` is not a repository: write it as owner/name, for example rust-lang/rust" };
        }
        return plan;
      },
    });
  });

  it("shows the engine's message for a bad repository name", async () => {
    render(<App initialPage="collect" />);
    typeRepo("not-a-repo");
    const error = await screen.findByTestId("plan-error", {}, { timeout: 2000 });
    expect(error.textContent).toBe("`not-a-repo` is not a repository: write it as owner/name, for example rust-lang/rust");
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", true);
  });

  it("plans the scope on screen and shows its figures", async () => {
    render(<App initialPage="collect" />);
    typeRepo("acme/rocket");
    fireEvent.click(screen.getByTestId("collect-repo-add"));
    const summary = await screen.findByTestId("plan-summary", {}, { timeout: 2000 });
    expect(summary.textContent).toContain("3.00 GiB");
    expect(screen.getByTestId("plan-units-to-run").textContent).toBe("20");
    expect(screen.getByTestId("plan-units-skipped").textContent).toBe("4");
    expect(screen.getByTestId("plan-events").textContent).toBe("≈ 12,345");
    const last = callsOf("plan_collection").at(-1)?.request as CollectionRequest;
    expect(last.repos).toEqual(["acme/rocket"]);
    expect(last.base_url).toBe("https://data.gharchive.org");
    expect(last.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}$/);
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false);
  });

  it("adds a name on Enter, clears the list, and plans from a local folder once one is typed", async () => {
    render(<App initialPage="collect" />);
    typeRepo("not-a-repo");
    fireEvent.keyDown(screen.getByTestId("collect-repo-input"), { key: "Enter" });
    expect(screen.getByTestId("collect-repo-chips").textContent).toContain("not-a-repo");
    await screen.findByTestId("plan-error", {}, { timeout: 2000 });
    fireEvent.click(screen.getByTestId("collect-clear-repos"));
    expect(screen.queryByTestId("collect-repo-chips")).toBeNull();
    expect(screen.getByTestId("unfiltered-warning")).toBeTruthy();
    fireEvent.change(screen.getByTestId("collect-dir"), { target: { value: "/data/hours" } });
    expect(screen.getByTestId("source-folder")).toHaveProperty("checked", true);
    await screen.findByTestId("plan-summary", {}, { timeout: 2000 });
    const last = callsOf("plan_collection").at(-1)?.request as CollectionRequest;
    expect(last).toMatchObject({ repos: [], dir: "/data/hours", base_url: null });
  });

  it("runs, follows progress on Runs, cancels, and shows the final status", async () => {
    const finished = deferred<RunSummary>();
    let channel: FakeChannel<Progress> | null = null;
    let cancelled = false;
    setHandlers({
      plan_collection: () => plan,
      start_collection: (args) => {
        channel = channelOf(args);
        return finished.promise;
      },
      cancel_run: () => {
        cancelled = true;
        return true;
      },
    });
    render(<App initialPage="collect" />);
    typeRepo("acme/rocket");
    await waitFor(() => expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false), { timeout: 2000 });
    fireEvent.click(screen.getByTestId("run-button"));
    expect(screen.getByTestId("page-title").textContent).toBe("Runs");
    const send = (event: Progress) => act(() => channel?.onmessage(event));
    send({ event: "run_started", run_id: 9, source: "gharchive", units_total: 24, units_to_run: 20, units_skipped: 4, estimated_bytes: 1 });
    send({ event: "unit_downloading", unit: "2024-01-15-3", bytes: 1024, total_bytes: 4096 });
    expect(screen.getByTestId("live-run").textContent).toContain("downloading 1.00 KiB of 4.00 KiB");
    send({ event: "unit_done", unit: "2024-01-15-3", events_loaded: 77, duplicates: 1, quarantined: 2, out_of_scope: 0 });
    expect(screen.getByTestId("counter-events").textContent).toBe("77");
    expect(screen.getByTestId("run-progress").getAttribute("data-value")).toBe("5");

    // The run survives leaving the page.
    fireEvent.click(screen.getByTestId("nav-home"));
    fireEvent.click(screen.getByTestId("nav-runs"));
    expect(screen.getByTestId("counter-events").textContent).toBe("77");

    fireEvent.click(screen.getByTestId("cancel-run"));
    await waitFor(() => expect(cancelled).toBe(true));
    const summary: RunSummary = {
      run_id: 9,
      status: "cancelled",
      units_total: 24,
      units_skipped: 4,
      units_done: 1,
      units_missing: 0,
      units_failed: 0,
      units_cancelled: 19,
      events_loaded: 77,
      duplicates: 1,
      quarantined: 2,
      out_of_scope: 0,
      elapsed_ms: 1200,
      staging_ms: 1,
      commit_ms: 1,
      failures: [],
      missing: [],
    };
    await act(async () => finished.resolve(summary));
    expect((await screen.findByTestId("run-status")).textContent).toBe("cancelled");
    expect(screen.queryByTestId("cancel-run")).toBeNull();
    // Re-running the same request is offered, and sends the same request again.
    setHandlers({ start_collection: () => deferred<RunSummary>().promise });
    fireEvent.click(screen.getByTestId("retry-run"));
    const retried = callsOf("start_collection")[0]?.request as CollectionRequest;
    expect(retried.repos).toEqual(["acme/rocket"]);
  });
});
