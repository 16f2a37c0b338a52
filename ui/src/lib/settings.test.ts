import { describe, expect, it } from "vitest";
import type { SettingValue } from "../ipc/bindings";
import { defaultNote, settingChanged, settingInput, settingSlug } from "./settings";

const concurrency: SettingValue = {
  key: "github.concurrency",
  description: "GitHub requests in flight at once (1-32)",
  default: "8",
  value: "8",
};

describe("workspace settings", () => {
  it("picks the input that fits each key", () => {
    expect(settingInput("github.when_exhausted", "wait")).toEqual({ kind: "select", options: ["wait", "stop"] });
    // A value stored by a newer engine stays choosable rather than silently replaced.
    expect(settingInput("github.when_exhausted", "later")).toEqual({ kind: "select", options: ["wait", "stop", "later"] });
    expect(settingInput("github.concurrency", "8")).toEqual({ kind: "number", min: 1, max: 32 });
    expect(settingInput("github.api_url", "https://api.github.com")).toEqual({ kind: "text" });
  });

  it("names test ids with dashes for dots", () => {
    expect(settingSlug("github.when_exhausted")).toBe("github-when_exhausted");
    expect(settingSlug("github.api_url")).toBe("github-api_url");
  });

  it("counts a draft as changed only when it differs from what is stored", () => {
    expect(settingChanged(concurrency, undefined)).toBe(false);
    expect(settingChanged(concurrency, "8")).toBe(false);
    expect(settingChanged(concurrency, " 8 ")).toBe(false);
    expect(settingChanged(concurrency, "4")).toBe(true);
    expect(settingChanged(concurrency, "")).toBe(true);
  });

  it("says whether the value is the default", () => {
    expect(defaultNote(concurrency)).toBe("the default");
    expect(defaultNote({ ...concurrency, value: "4" })).toBe("default: 8");
    expect(defaultNote({ ...concurrency, default: "", value: "x" })).toBe("default: (empty)");
  });
});
