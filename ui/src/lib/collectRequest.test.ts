import { describe, expect, it } from "vitest";
import { addUnique, buildCollectionRequest, draftBlocker, draftFromRequest, isUnfiltered, type CollectDraft } from "./collectRequest";

const draft: CollectDraft = {
  repos: ["acme/rocket"],
  repoText: "",
  orgs: [],
  orgText: "",
  from: "2024-01-15T00",
  to: "2024-01-16T00",
  source: "mirror",
  mirrorUrl: "https://data.gharchive.org",
  folder: "",
};

describe("buildCollectionRequest", () => {
  it("sends the mirror URL, or the folder, never both", () => {
    expect(buildCollectionRequest(draft)).toEqual({
      repos: ["acme/rocket"],
      orgs: [],
      from: "2024-01-15T00",
      to: "2024-01-16T00",
      base_url: "https://data.gharchive.org",
      dir: null,
    });
    const fromFolder = buildCollectionRequest({ ...draft, source: "folder", folder: " /data/gh " });
    expect([fromFolder.base_url, fromFolder.dir]).toEqual([null, "/data/gh"]);
  });

  it("counts names still being typed, so the scope never silently widens", () => {
    const request = buildCollectionRequest({ ...draft, repoText: " not-a-repo ", orgText: "rust-lang" });
    expect(request.repos).toEqual(["acme/rocket", "not-a-repo"]);
    expect(request.orgs).toEqual(["rust-lang"]);
    expect(isUnfiltered(request)).toBe(false);
    expect(isUnfiltered(buildCollectionRequest({ ...draft, repos: [] }))).toBe(true);
  });

  it("adds names once, ignoring case", () => {
    expect(addUnique(["Acme/Rocket"], "acme/rocket")).toEqual(["Acme/Rocket"]);
    expect(addUnique(["a/b"], "  ")).toEqual(["a/b"]);
  });

  it("blocks only what the engine cannot judge", () => {
    expect(draftBlocker(draft)).toBeNull();
    expect(draftBlocker({ ...draft, source: "folder" })).toMatch(/folder/);
    expect(draftBlocker({ ...draft, to: "" })).toMatch(/time range/);
    // A malformed hour is the engine's to explain.
    expect(draftBlocker({ ...draft, from: "nonsense" })).toBeNull();
  });

  it("round-trips a request into a draft", () => {
    const request = buildCollectionRequest({ ...draft, source: "folder", folder: "/x" });
    const back = draftFromRequest(request, "https://mirror.example");
    expect(back.source).toBe("folder");
    expect(back.folder).toBe("/x");
    expect(back.mirrorUrl).toBe("https://mirror.example");
    expect(buildCollectionRequest(back)).toEqual(request);
  });
});
