// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);

import { App } from "../../app/App";
import type { SettingValue } from "../../ipc/bindings";
import { callsOf, setHandlers } from "../../test/tauriMock";

const stored: SettingValue[] = [
  {
    key: "github.api_url",
    description: "GitHub API base URL",
    default: "https://api.github.com",
    value: "https://api.github.com",
  },
  {
    key: "github.when_exhausted",
    description: "When GitHub's hourly rate limit runs out during a run: wait (until it resets) or stop",
    default: "wait",
    value: "wait",
  },
  { key: "github.concurrency", description: "GitHub requests in flight at once (1-32)", default: "8", value: "8" },
];

afterEach(cleanup);

describe("Workspace settings", () => {
  let settings: SettingValue[];

  beforeEach(() => {
    settings = stored.map((s) => ({ ...s }));
    setHandlers({
      list_settings: () => settings,
      set_setting: (args) => {
        const { key, value } = args as { key: string; value: string };
        if (key === "github.concurrency" && !/^([1-9]|[12]\d|3[0-2])$/.test(value.trim())) {
          throw { code: "invalid_input", message: `\`${value}\` is not a request count from 1 to 32` };
        }
        settings = settings.map((s) => (s.key === key ? { ...s, value: value.trim() } : s));
        return settings;
      },
    });
  });

  it("lists every setting with its description, value and a fitting input", async () => {
    render(<App initialPage="settings" />);
    const row = await screen.findByTestId("setting-row-github-when_exhausted");
    expect(row.textContent).toContain("wait (until it resets) or stop");
    expect(within(row).getByTestId("setting-value-github-when_exhausted").textContent).toBe("wait");
    const select = screen.getByTestId("setting-input-github-when_exhausted");
    expect(select.tagName).toBe("SELECT");
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.value)).toEqual(["wait", "stop"]);
    expect(screen.getByTestId("setting-input-github-concurrency").getAttribute("type")).toBe("number");
    expect(screen.getByTestId("setting-input-github-api_url").getAttribute("type")).toBe("text");
    // Labelled by its key, for keyboard and screen-reader users.
    expect(screen.getByLabelText("github.concurrency")).toBe(screen.getByTestId("setting-input-github-concurrency"));
    for (const slug of ["github-api_url", "github-when_exhausted", "github-concurrency"]) {
      expect(screen.getByTestId(`setting-save-${slug}`)).toHaveProperty("disabled", true);
    }
    expect(screen.getByTestId("theme-toggle")).toBeTruthy();
  });

  it("shows the engine's refusal, then saves a valid value and shows what is stored", async () => {
    render(<App initialPage="settings" />);
    const input = await screen.findByTestId("setting-input-github-concurrency");
    const save = screen.getByTestId("setting-save-github-concurrency");
    fireEvent.change(input, { target: { value: "99" } });
    expect(save).toHaveProperty("disabled", false);
    fireEvent.click(save);
    const error = await screen.findByTestId("setting-error-github-concurrency");
    expect(error.textContent).toBe("`99` is not a request count from 1 to 32");
    expect(screen.getByTestId("setting-value-github-concurrency").textContent).toBe("8");

    fireEvent.change(input, { target: { value: "4" } });
    expect(screen.queryByTestId("setting-error-github-concurrency")).toBeNull();
    fireEvent.click(save);
    await waitFor(() => expect(screen.getByTestId("setting-value-github-concurrency").textContent).toBe("4"));
    expect(callsOf("set_setting").at(-1)).toEqual({ key: "github.concurrency", value: "4" });
    expect(input).toHaveProperty("value", "4");
    expect(save).toHaveProperty("disabled", true);
    expect(screen.getByTestId("setting-row-github-concurrency").textContent).toContain("default: 8");
  });

  it("saves a choice from the select", async () => {
    render(<App initialPage="settings" />);
    const select = await screen.findByTestId("setting-input-github-when_exhausted");
    fireEvent.change(select, { target: { value: "stop" } });
    fireEvent.click(screen.getByTestId("setting-save-github-when_exhausted"));
    await waitFor(() => expect(screen.getByTestId("setting-value-github-when_exhausted").textContent).toBe("stop"));
    expect(callsOf("set_setting")).toEqual([{ key: "github.when_exhausted", value: "stop" }]);
  });

  it("says why the settings cannot be read", async () => {
    setHandlers({
      list_settings: () => {
        throw { code: "workspace", message: "no workspace is open" };
      },
    });
    render(<App initialPage="settings" />);
    expect((await screen.findByTestId("settings-load-error")).textContent).toBe("no workspace is open");
  });
});
