// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import { forgetCollectDraft } from "./CollectPage";
import type { GithubPlanSummary, GithubRequest, Progress, RunSummary, SettingValue } from "../../ipc/bindings";
import { callsOf, channelOf, deferred, setHandlers, type FakeChannel } from "../../test/tauriMock";

// 2024-01-15 14:05 UTC
const RESET = Date.UTC(2024, 0, 15, 14, 5) / 1000;

const plan: GithubPlanSummary = {
  repos: ["acme/rocket", "acme/fuel"],
  facts: ["metadata", "events", "stars", "items"],
  units_total: 7,
  units_not_due: 0,
  metadata_requests: 1,
  estimated_requests: 42,
  estimated_points: 2,
  core_remaining: 4990,
  core_limit: 5000,
  core_reset_at: RESET,
  graphql_remaining: 4998,
};

const whenExhausted = (value: string): SettingValue[] => [
  { key: "github.when_exhausted", description: "wait or stop", default: "wait", value },
];

afterEach(() => {
  cleanup();
  forgetCollectDraft();
});

function lastPlanned(): GithubRequest {
  return callsOf("plan_github_collection").at(-1)?.request as GithubRequest;
}

function chooseGithubWithRepo(name = "acme/rocket") {
  fireEvent.click(screen.getByTestId("collect-source-github"));
  fireEvent.change(screen.getByTestId("collect-repo-input"), { target: { value: name } });
  fireEvent.keyDown(screen.getByTestId("collect-repo-input"), { key: "Enter" });
}

describe("Collect from the GitHub API", () => {
  beforeEach(() => {
    setHandlers({ plan_github_collection: () => plan, list_settings: () => whenExhausted("wait") });
  });

  it("swaps the time range for facts, keeping metadata always on", async () => {
    render(<App initialPage="collect" />);
    expect(screen.getByTestId("collect-source-gharchive")).toHaveProperty("checked", true);
    expect(screen.getByTestId("collect-from")).toBeTruthy();
    chooseGithubWithRepo();
    expect(screen.getByTestId("collect-source-github")).toHaveProperty("checked", true);
    expect(screen.queryByTestId("collect-from")).toBeNull();
    expect(screen.queryByTestId("collect-dir")).toBeNull();
    const metadata = screen.getByTestId("github-fact-metadata");
    expect(metadata).toHaveProperty("checked", true);
    expect(metadata).toHaveProperty("disabled", true);
    expect(screen.getByTestId("github-fact-metadata-note").textContent).toMatch(/Always collected/);
    // Facts are named by their label, for keyboard and screen-reader users.
    expect(screen.getByLabelText("Star history")).toBe(screen.getByTestId("github-fact-stars"));

    const summary = await screen.findByTestId("github-plan-summary", {}, { timeout: 2000 });
    expect(summary.textContent).toContain("At most 42 REST requests");
    expect(screen.getByTestId("github-plan-repos").textContent).toBe("2");
    expect(screen.getByTestId("github-plan-units").textContent).toBe("7");
    expect(screen.getByTestId("github-plan-graphql").textContent).toBe("1");
    expect(screen.getByTestId("github-budget").textContent).toContain("4,990 of 5,000 requests left, resets at 14:05 UTC");
    expect(screen.queryByTestId("github-budget-warning")).toBeNull();
    expect(lastPlanned()).toEqual({ repos: ["acme/rocket"], orgs: [], facts: ["metadata", "events", "stars", "items"] });
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false);

    fireEvent.click(screen.getByTestId("github-fact-stars"));
    expect(screen.getByTestId("github-fact-stars")).toHaveProperty("checked", false);
    await waitFor(() => expect(lastPlanned().facts).toEqual(["metadata", "events", "items"]), { timeout: 2000 });

    // Back to GH Archive: the scope stays, the hours come back.
    fireEvent.click(screen.getByTestId("collect-source-gharchive"));
    expect(screen.getByTestId("collect-from")).toBeTruthy();
    expect(screen.getByTestId("collect-repo-chips").textContent).toContain("acme/rocket");
  });

  it("waits for a repository or organisation before planning", async () => {
    render(<App initialPage="collect" />);
    fireEvent.click(screen.getByTestId("collect-source-github"));
    expect(await screen.findByText(/at least one repository or organisation/)).toBeTruthy();
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", true);
    expect(callsOf("plan_github_collection")).toHaveLength(0);
    fireEvent.change(screen.getByTestId("collect-org-input"), { target: { value: "acme" } });
    await screen.findByTestId("github-plan-summary", {}, { timeout: 2000 });
    expect(lastPlanned().orgs).toEqual(["acme"]);
  });

  it("warns when the run may outlast the budget, saying what the setting will do", async () => {
    setHandlers({
      plan_github_collection: () => ({ ...plan, estimated_requests: 6000 }),
      list_settings: () => whenExhausted("stop"),
    });
    render(<App initialPage="collect" />);
    chooseGithubWithRepo();
    const warning = await screen.findByTestId("github-budget-warning", {}, { timeout: 2000 });
    await waitFor(() => expect(warning.textContent).toMatch(/it will stop; run it again after the reset at 14:05 UTC/));
    expect(warning.textContent).toContain("6,000");
    // A warning, not a refusal: the run can still start.
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false);
  });

  it("links a missing token to the Credentials page", async () => {
    setHandlers({
      plan_github_collection: () => {
        throw { code: "credential_missing", message: "no GitHub token is set" };
      },
    });
    render(<App initialPage="collect" />);
    chooseGithubWithRepo();
    const error = await screen.findByTestId("plan-error", {}, { timeout: 2000 });
    expect(error.textContent).toBe("no GitHub token is set");
    expect(screen.getByTestId("run-button")).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByTestId("plan-credentials-link"));
    expect(screen.getByTestId("page-title").textContent).toBe("Credentials");
  });

  it("shows other refusals without the Credentials link", async () => {
    setHandlers({
      plan_github_collection: () => {
        throw { code: "invalid_input", message: "`nope` is not a repository" };
      },
    });
    render(<App initialPage="collect" />);
    chooseGithubWithRepo("nope");
    expect((await screen.findByTestId("plan-error", {}, { timeout: 2000 })).textContent).toBe("`nope` is not a repository");
    expect(screen.queryByTestId("plan-credentials-link")).toBeNull();
  });

  it("runs into the same live-run panel, and retries with the same request", async () => {
    const finished = deferred<RunSummary>();
    let channel: FakeChannel<Progress> | null = null;
    setHandlers({
      plan_github_collection: () => plan,
      start_github_collection: (args) => {
        channel = channelOf(args);
        return finished.promise;
      },
    });
    render(<App initialPage="collect" />);
    chooseGithubWithRepo();
    await waitFor(() => expect(screen.getByTestId("run-button")).toHaveProperty("disabled", false), { timeout: 2000 });
    fireEvent.click(screen.getByTestId("run-button"));
    expect(screen.getByTestId("page-title").textContent).toBe("Runs");
    expect(callsOf("start_github_collection")[0]?.request).toEqual(lastPlanned());
    expect(callsOf("start_collection")).toHaveLength(0);

    const send = (event: Progress) => act(() => channel?.onmessage(event));
    send({ event: "run_started", run_id: 3, source: "github", units_total: 7, units_to_run: 7, units_skipped: 0, estimated_bytes: 0 });
    send({ event: "unit_waiting", unit: "events:acme/rocket", until: RESET, primary: true });
    expect(screen.getByTestId("live-run").textContent).toContain("waiting until 14:05 UTC");
    expect(screen.getByTestId("live-run").textContent).toContain("0 of 7 units");
    send({ event: "unit_failed", unit: "events:acme/rocket", reason: "GitHub answered 502" });

    const summary: RunSummary = {
      run_id: 3,
      status: "completed_with_errors",
      units_total: 7,
      units_skipped: 0,
      units_done: 6,
      units_missing: 0,
      units_failed: 1,
      units_cancelled: 0,
      events_loaded: 25,
      duplicates: 0,
      quarantined: 0,
      out_of_scope: 0,
      elapsed_ms: 900,
      staging_ms: 1,
      commit_ms: 1,
      failures: [{ unit: "events:acme/rocket", reason: "GitHub answered 502" }],
      missing: [],
    };
    await act(async () => finished.resolve(summary));
    expect((await screen.findByTestId("run-status")).textContent).toBe("completed_with_errors");
    expect(screen.getByTestId("counter-events").textContent).toBe("25");
    expect(screen.getByText("1 failed unit")).toBeTruthy();

    setHandlers({ start_github_collection: () => deferred<RunSummary>().promise });
    fireEvent.click(screen.getByTestId("retry-run"));
    expect(callsOf("start_github_collection")[0]?.request).toEqual({ repos: ["acme/rocket"], orgs: [], facts: plan.facts });
  });
});
