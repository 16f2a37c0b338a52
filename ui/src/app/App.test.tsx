// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../test/tauriMock")).core);

import { setHandlers, workspace } from "../test/tauriMock";
import { App } from "./App";

beforeEach(() => setHandlers({}));
afterEach(cleanup);

describe("the shell", () => {
  it("has a keyboard-reachable button for every page", async () => {
    render(<App />);
    for (const page of ["home", "dashboards", "collect", "runs", "credentials", "monitoring", "data", "settings"]) {
      const button = screen.getByTestId(`nav-${page}`);
      expect(button.tagName).toBe("BUTTON");
    }
    expect(screen.getByTestId("nav-home").getAttribute("aria-current")).toBe("page");
  });

  it("switches pages and marks the current one", async () => {
    render(<App />);
    fireEvent.click(screen.getByTestId("nav-runs"));
    expect(screen.getByTestId("page-title").textContent).toBe("Runs");
    expect(screen.getByTestId("nav-runs").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-home").getAttribute("aria-current")).toBeNull();
    await screen.findByTestId("runs-table");
    fireEvent.click(screen.getByTestId("nav-monitoring"));
    expect(screen.getByTestId("monitoring-tab-overview").getAttribute("aria-selected")).toBe("true");
    expect(await screen.findByTestId("throughput-chart")).toBeTruthy();
  });

  it("shows the workspace path, the sample badge and the event count", async () => {
    const path = "/home/ada/.local/share/octoscope-sample";
    setHandlers({
      workspace_info: () => workspace({ path, display_path: "~/.local/share/octoscope-sample", is_sample: true }, 144_000),
    });
    render(<App />);
    // Short as the engine gave it, in full on hover.
    await waitFor(() => expect(screen.getByTestId("workspace-path").textContent).toBe("~/.local/share/octoscope-sample"));
    expect(screen.getByTestId("workspace-path").getAttribute("title")).toBe(path);
    expect(screen.getByTestId("sample-badge").textContent).toBe("Sample");
    expect(screen.getByTestId("header-events").textContent).toBe("144,000 events");
    // With data, Home summarises it and still offers both ways to start.
    const summary = await screen.findByTestId("home-summary");
    expect(within(summary).getByTestId("summary-events").textContent).toBe("144,000");
    expect(within(summary).getByTestId("open-sample")).toBeTruthy();
  });

  it("has no sample badge for a normal workspace", async () => {
    setHandlers({ workspace_info: () => workspace({}, 10) });
    render(<App />);
    await screen.findByTestId("home-summary");
    expect(screen.queryByTestId("sample-badge")).toBeNull();
  });

  it("persists the theme toggle", async () => {
    render(<App initialPage="settings" />);
    const toggle = screen.getByTestId("theme-toggle");
    const before = document.documentElement.dataset.theme;
    fireEvent.click(toggle);
    const after = document.documentElement.dataset.theme;
    expect(after).not.toBe(before);
    expect(window.localStorage.getItem("octoscope.theme")).toBe(after);
  });
});
