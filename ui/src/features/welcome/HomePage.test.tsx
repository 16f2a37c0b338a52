// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import type { WorkspaceInfo } from "../../ipc/bindings";
import { channelOf, deferred, setHandlers, workspace, type FakeChannel } from "../../test/tauriMock";
import type { Progress } from "../../ipc/bindings";

afterEach(cleanup);

describe("the welcome screen", () => {
  let opened: ReturnType<typeof deferred<WorkspaceInfo>>;
  let channel: FakeChannel<Progress> | null;

  beforeEach(() => {
    opened = deferred<WorkspaceInfo>();
    channel = null;
    setHandlers({
      open_sample_workspace: (args) => {
        channel = channelOf(args);
        return opened.promise;
      },
    });
  });

  it("offers the sample workspace and credentials when there is no data", async () => {
    render(<App />);
    await screen.findByTestId("welcome");
    expect(screen.getByTestId("open-sample").textContent).toBe("Open the sample workspace");
    fireEvent.click(screen.getByTestId("setup-credentials"));
    expect(screen.getByTestId("page-title").textContent).toBe("Credentials");
  });

  it("shows the sample's progress from the channel, then goes to Dashboards", async () => {
    render(<App />);
    fireEvent.click(await screen.findByTestId("open-sample"));
    const bar = await screen.findByTestId("sample-progress");
    // Generating hours first: no measurable progress yet.
    expect(bar.getAttribute("data-value")).toBe("");
    act(() => {
      channel?.onmessage({
        event: "run_started",
        run_id: 1,
        source: "gharchive",
        units_total: 4,
        units_to_run: 4,
        units_skipped: 0,
        estimated_bytes: 0,
      });
      channel?.onmessage({ event: "unit_done", unit: "a", events_loaded: 3000, duplicates: 0, quarantined: 0, out_of_scope: 0 });
    });
    expect(screen.getByTestId("sample-progress").getAttribute("data-value")).toBe("25");
    expect(screen.getByTestId("open-sample")).toHaveProperty("disabled", true);
    await act(async () => opened.resolve(workspace({ is_sample: true, path: "/data/sample" }, 3000)));
    await waitFor(() => expect(screen.getByTestId("page-title").textContent).toBe("Dashboards"));
    expect(screen.getByTestId("sample-badge")).toBeTruthy();
  });

  it("shows why the sample could not be opened", async () => {
    render(<App />);
    fireEvent.click(await screen.findByTestId("open-sample"));
    await act(async () => opened.reject({ code: "workspace", message: "cannot create /readonly/sample" }));
    expect((await screen.findByTestId("sample-error")).textContent).toBe("cannot create /readonly/sample");
    expect(screen.getByTestId("page-title").textContent).toBe("Home");
  });
});
