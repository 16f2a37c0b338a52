import { beforeEach, describe, expect, it, vi } from "vitest";

const core = vi.hoisted(() => ({
  invoke: vi.fn(),
  isTauri: vi.fn(() => true),
  // A stand-in for Tauri's Channel: keeps the handler so tests can "send" progress.
  Channel: class<T> {
    onmessage: (message: T) => void;
    constructor(onmessage?: (message: T) => void) {
      this.onmessage = onmessage ?? (() => undefined);
    }
  },
}));

vi.mock("@tauri-apps/api/core", () => core);

import type { Progress } from "./bindings";
import {
  call,
  errorMessage,
  isWireError,
  listQuarantine,
  OUTSIDE_DESKTOP_MESSAGE,
  planGithubCollection,
  setSetting,
  startCollection,
  startGithubCollection,
  toWireError,
} from "./client";

beforeEach(() => {
  core.invoke.mockReset();
  core.isTauri.mockReturnValue(true);
});

describe("toWireError", () => {
  it("keeps a WireError from the engine as it is", () => {
    expect(toWireError({ code: "invalid_input", message: "`x` is not a repository" })).toEqual({
      code: "invalid_input",
      message: "`x` is not a repository",
    });
  });

  it("drops extra fields and refuses unknown codes", () => {
    expect(toWireError({ code: "network", message: "down", stack: "…" })).toEqual({ code: "network", message: "down" });
    expect(isWireError({ code: "teapot", message: "short and stout" })).toBe(false);
    expect(toWireError({ code: "teapot", message: "x" }).code).toBe("internal");
    expect(toWireError({ code: "rate_limited", message: "wait" }).code).toBe("rate_limited");
  });

  it("turns anything else into an internal error with a readable message", () => {
    expect(toWireError(new TypeError("boom"))).toEqual({ code: "internal", message: "boom" });
    expect(toWireError("plain text")).toEqual({ code: "internal", message: "plain text" });
    expect(toWireError({ weird: 1 })).toEqual({ code: "internal", message: '{"weird":1}' });
    expect(toWireError(undefined)).toEqual({ code: "internal", message: "undefined" });
    expect(errorMessage(42)).toBe("42");
  });
});

describe("call", () => {
  it("passes the command name and camelCase arguments to invoke", async () => {
    core.invoke.mockResolvedValueOnce([]);
    await expect(listQuarantine(3, 50)).resolves.toEqual([]);
    expect(core.invoke).toHaveBeenCalledWith("list_quarantine", { runId: 3, limit: 50 });
  });

  it("rejects with the engine's WireError", async () => {
    core.invoke.mockRejectedValueOnce({ code: "credential_invalid", message: "GitHub refused the token" });
    await expect(call("save_credential", { kind: "github", secret: "ghp_x" })).rejects.toEqual({
      code: "credential_invalid",
      message: "GitHub refused the token",
    });
  });

  it("normalises a thrown Error", async () => {
    core.invoke.mockRejectedValueOnce(new Error("IPC closed"));
    await expect(call("workspace_info", {})).rejects.toEqual({ code: "internal", message: "IPC closed" });
  });

  it("says so when the page runs outside the desktop app", async () => {
    core.isTauri.mockReturnValue(false);
    await expect(call("workspace_info", {})).rejects.toEqual({ code: "internal", message: OUTSIDE_DESKTOP_MESSAGE });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it("streams progress through a channel handed to the command", async () => {
    const received: Progress[] = [];
    core.invoke.mockImplementationOnce(async (_name: string, args: { onProgress: { onmessage: (p: Progress) => void } }) => {
      args.onProgress.onmessage({ event: "unit_started", unit: "2024-01-15-10" });
      return { run_id: 1 };
    });
    const request = { repos: [], orgs: [], from: "2024-01-15T10", to: "2024-01-15T11", base_url: null, dir: null };
    await startCollection(request, (event) => received.push(event));
    expect(received).toEqual([{ event: "unit_started", unit: "2024-01-15-10" }]);
    expect(core.invoke).toHaveBeenCalledWith("start_collection", expect.objectContaining({ request }));
  });

  it("sends GitHub collections and settings under the engine's argument names", async () => {
    const request = { repos: ["acme/rocket"], orgs: [], facts: ["metadata" as const] };
    core.invoke.mockResolvedValue({});
    await planGithubCollection(request);
    expect(core.invoke).toHaveBeenCalledWith("plan_github_collection", { request });
    await startGithubCollection(request, () => undefined);
    expect(core.invoke).toHaveBeenCalledWith("start_github_collection", expect.objectContaining({ request, onProgress: expect.anything() }));
    await setSetting("github.concurrency", "4");
    expect(core.invoke).toHaveBeenCalledWith("set_setting", { key: "github.concurrency", value: "4" });
  });
});
