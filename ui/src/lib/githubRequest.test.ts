import { describe, expect, it } from "vitest";
import type { GithubPlanSummary } from "../ipc/bindings";
import {
  budgetText,
  budgetWarning,
  buildGithubRequest,
  exceedsBudget,
  factsOfRequest,
  githubBlocker,
  isCredentialProblem,
  normaliseFacts,
  parseWhenExhausted,
  restRequestsText,
  toggleFact,
  type ScopeDraft,
} from "./githubRequest";

const scope: ScopeDraft = { repos: ["acme/rocket"], repoText: "", orgs: [], orgText: "" };

// 2024-01-15 14:05:00 UTC
const RESET = Date.UTC(2024, 0, 15, 14, 5) / 1000;

const plan: GithubPlanSummary = {
  repos: ["acme/rocket", "acme/fuel"],
  facts: ["metadata", "events", "stars", "items"],
  units_total: 7,
  units_not_due: 1,
  metadata_requests: 1,
  estimated_requests: 120,
  estimated_points: 2,
  core_remaining: 4990,
  core_limit: 5000,
  core_reset_at: RESET,
  graphql_remaining: 4998,
};

describe("facts", () => {
  it("always include metadata, in the engine's order, once each", () => {
    expect(normaliseFacts([])).toEqual(["metadata"]);
    expect(normaliseFacts(["items", "events", "items"])).toEqual(["metadata", "events", "items"]);
  });

  it("toggle on and off, except metadata", () => {
    expect(toggleFact(["metadata", "events"], "stars", true)).toEqual(["metadata", "events", "stars"]);
    expect(toggleFact(["metadata", "events"], "events", false)).toEqual(["metadata"]);
    expect(toggleFact(["metadata", "events"], "metadata", false)).toEqual(["metadata", "events"]);
  });

  it("read a past request, where none meant all", () => {
    expect(factsOfRequest({ repos: [], orgs: [], facts: [] })).toEqual(["metadata", "events", "stars", "items"]);
    expect(factsOfRequest({ repos: [], orgs: [], facts: ["stars"] })).toEqual(["metadata", "stars"]);
  });
});

describe("buildGithubRequest", () => {
  it("counts names still being typed and sends the facts explicitly", () => {
    const request = buildGithubRequest({ ...scope, repoText: " acme/fuel ", orgText: "rust-lang" }, ["events"]);
    expect(request).toEqual({ repos: ["acme/rocket", "acme/fuel"], orgs: ["rust-lang"], facts: ["metadata", "events"] });
    expect(githubBlocker(request)).toBeNull();
  });

  it("needs a repository or an organisation: the API never collects all of GitHub", () => {
    const request = buildGithubRequest({ ...scope, repos: [] }, []);
    expect(githubBlocker(request)).toMatch(/at least one repository or organisation/);
    expect(githubBlocker(buildGithubRequest({ ...scope, repos: [], orgText: "acme" }, []))).toBeNull();
  });
});

describe("budget", () => {
  it("says what is left and when it resets, in UTC", () => {
    expect(budgetText(plan)).toBe("4,990 of 5,000 requests left, resets at 14:05 UTC");
    expect(budgetText({ ...plan, core_limit: null, core_reset_at: null })).toBe("4,990 requests left");
    expect(budgetText({ ...plan, core_remaining: null })).toMatch(/could not be read/);
  });

  it("words the REST estimate as an upper bound", () => {
    expect(restRequestsText(plan)).toBe("At most 120 REST requests");
    expect(restRequestsText({ ...plan, estimated_requests: 1 })).toBe("At most 1 REST request");
  });

  it("warns only when the run may need more than is left, saying what the setting will do", () => {
    expect(exceedsBudget(plan)).toBe(false);
    expect(budgetWarning(plan, "wait")).toBeNull();
    expect(budgetWarning({ ...plan, core_remaining: null }, "wait")).toBeNull();
    const short = { ...plan, core_remaining: 100 };
    expect(exceedsBudget(short)).toBe(true);
    expect(budgetWarning(short, "wait")).toBe(
      "This run may need up to 120 requests, more than the 100 left. When they run out, it will wait for the reset at 14:05 UTC and then go on (setting github.when_exhausted = wait).",
    );
    expect(budgetWarning(short, "stop")).toMatch(/it will stop; run it again after the reset at 14:05 UTC/);
    expect(budgetWarning({ ...short, core_reset_at: null }, null)).toMatch(/wait for the reset or stop, as the github\.when_exhausted setting says/);
  });

  it("reads the when_exhausted setting", () => {
    expect(parseWhenExhausted(" stop ")).toBe("stop");
    expect(parseWhenExhausted("wait")).toBe("wait");
    expect(parseWhenExhausted("later")).toBeNull();
    expect(parseWhenExhausted(undefined)).toBeNull();
  });
});

it("sends credential problems to the Credentials page", () => {
  expect(isCredentialProblem("credential_missing")).toBe(true);
  expect(isCredentialProblem("credential_invalid")).toBe(true);
  expect(isCredentialProblem("keychain_unavailable")).toBe(true);
  expect(isCredentialProblem("invalid_input")).toBe(false);
  expect(isCredentialProblem("rate_limited")).toBe(false);
});
