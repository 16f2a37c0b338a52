import { describe, expect, it } from "vitest";
import type { CollectDraft } from "./collectRequest";
import { setupFromRequest } from "./runRequest";

const fresh: CollectDraft = {
  repos: [],
  repoText: "typed",
  orgs: [],
  orgText: "",
  from: "2024-01-15T00",
  to: "2024-01-16T00",
  source: "mirror",
  mirrorUrl: "https://data.gharchive.org",
  folder: "",
};

describe("setupFromRequest", () => {
  it("reopens a GH Archive run with its hours and source", () => {
    const setup = setupFromRequest(
      {
        source: "gharchive",
        request: { repos: ["acme/rocket"], orgs: [], from: "2023-05-01T00", to: "2023-05-02T00", base_url: null, dir: "/x" },
      },
      fresh,
    );
    expect(setup.source).toBe("gharchive");
    expect(setup.draft).toMatchObject({ repos: ["acme/rocket"], from: "2023-05-01T00", source: "folder", folder: "/x" });
    expect(setup.facts).toEqual(["metadata", "events", "stars", "items"]);
  });

  it("reopens a GitHub run with its scope and facts, keeping a fresh range for GH Archive", () => {
    const setup = setupFromRequest({ source: "github", request: { repos: ["acme/rocket"], orgs: ["rust-lang"], facts: ["metadata", "stars"] } }, fresh);
    expect(setup.source).toBe("github");
    expect(setup.draft).toEqual({ ...fresh, repos: ["acme/rocket"], orgs: ["rust-lang"], repoText: "" });
    expect(setup.facts).toEqual(["metadata", "stars"]);
  });
});
