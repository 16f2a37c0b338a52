import { describe, expect, it } from "vitest";
import { hourProblem, normaliseRepoName, orgNameProblem, parseUtcHour, rangeProblem, repoNameProblem } from "./validation";

describe("repository names", () => {
  it("accepts owner/name, also pasted as a URL", () => {
    expect(repoNameProblem("rust-lang/rust")).toBeNull();
    expect(repoNameProblem("octo-org/octo.scope_2")).toBeNull();
    expect(repoNameProblem("https://github.com/rust-lang/rust.git")).toBeNull();
    expect(normaliseRepoName(" https://github.com/rust-lang/rust/ ")).toBe("rust-lang/rust");
    expect(normaliseRepoName("github.com/a/b.git")).toBe("a/b");
  });

  it("says what is wrong", () => {
    expect(repoNameProblem("not-a-repo")).toMatch(/not a repository: write it as owner\/name/);
    expect(repoNameProblem("/rust")).toMatch(/owner is empty/);
    // A trailing slash is trimmed first, as the engine does, leaving no name at all.
    expect(repoNameProblem("rust-lang/")).toMatch(/write it as owner\/name/);
    expect(repoNameProblem("a/b/c")).toMatch(/name may only contain/);
    expect(repoNameProblem("-bad/x")).toMatch(/hyphen/);
    expect(repoNameProblem("a b/c")).toMatch(/owner may only contain/);
    expect(repoNameProblem("a/b c")).toMatch(/name may only contain/);
    expect(repoNameProblem("a/..")).toMatch(/name may only contain/);
    expect(repoNameProblem(`${"x".repeat(40)}/y`)).toMatch(/at most 39/);
  });
});

describe("organisation names", () => {
  it("accepts logins and their URLs", () => {
    expect(orgNameProblem("rust-lang")).toBeNull();
    expect(orgNameProblem("https://github.com/rust-lang/")).toBeNull();
  });

  it("refuses what GitHub refuses", () => {
    expect(orgNameProblem("rust lang")).toMatch(/not an organisation/);
    expect(orgNameProblem("rust-lang/rust")).toMatch(/not an organisation/);
    expect(orgNameProblem("")).toMatch(/is empty/);
  });
});

describe("hours", () => {
  it("parses hours and days as UTC", () => {
    expect(parseUtcHour("2024-01-15T10")).toBe(Date.UTC(2024, 0, 15, 10));
    expect(parseUtcHour("2024-01-15")).toBe(Date.UTC(2024, 0, 15, 0));
    expect(parseUtcHour(" 2024-02-29T23 ")).toBe(Date.UTC(2024, 1, 29, 23));
  });

  it("rejects impossible dates and other shapes", () => {
    expect(parseUtcHour("2023-02-29")).toBeNull();
    expect(parseUtcHour("2024-13-01")).toBeNull();
    expect(parseUtcHour("2024-01-15T24")).toBeNull();
    expect(parseUtcHour("2024-01-15 10")).toBeNull();
    expect(parseUtcHour("2024-1-5")).toBeNull();
    expect(hourProblem("yesterday")).toMatch(/YYYY-MM-DDTHH/);
    expect(hourProblem("")).toMatch(/is empty/);
    expect(hourProblem("2024-01-15T10")).toBeNull();
  });

  it("checks ranges end after they start", () => {
    expect(rangeProblem("2024-01-15T10", "2024-01-15T11")).toBeNull();
    expect(rangeProblem("2024-01-15T10", "2024-01-15T10")).toMatch(/after From/);
    expect(rangeProblem("2024-01-16", "2024-01-15")).toMatch(/after From/);
    expect(rangeProblem("x", "2024-01-15")).toMatch(/^From /);
    expect(rangeProblem("2024-01-15", "y")).toMatch(/^To /);
  });
});
