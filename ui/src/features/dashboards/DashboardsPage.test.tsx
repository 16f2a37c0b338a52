// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(async () => "/home/ada/stars.csv") }));
// jsdom has no canvas; the option conversion is tested on its own in lib/chartOptions.
vi.mock("./EChart", () => ({ EChart: ({ label }: { label: string }) => <div data-testid="echart">{label}</div> }));

import { save } from "@tauri-apps/plugin-dialog";
import { App } from "../../app/App";
import type { ChartQuery } from "../../ipc/bindings";
import { chartData } from "../../test/chartFixtures";
import { callsOf, setHandlers, workspace } from "../../test/tauriMock";

afterEach(cleanup);

describe("Dashboards", () => {
  beforeEach(() =>
    setHandlers({
      workspace_info: () => workspace({}, 5000),
      search_repositories: (args) => (String(args.text).startsWith("acme") ? ["acme/rocket", "acme/rocket-docs"] : []),
      build_chart: (args) => {
        // No ranking: the page must ask for a repository instead of choosing one.
        if (args.id === "top-repos") return { ...chartData("top-repos", []), x_axis: "category", x: [] };
        if (args.id === "time-to-merge") throw { code: "invalid_input", message: "no pull request was merged in the range" };
        return chartData(String(args.id), [1, 2, 3]);
      },
      export_chart: () => null,
    }),
  );

  it("asks for a repository first", async () => {
    render(<App initialPage="dashboards" />);
    expect((await screen.findByTestId("dashboard-empty")).textContent).toBe("Pick a repository to see its charts.");
  });

  it("opens on the most active repository until one is picked", async () => {
    setHandlers({
      workspace_info: () => workspace({}, 5000),
      build_chart: (args) =>
        args.id === "top-repos"
          ? { ...chartData("top-repos", [900, 40]), x_axis: "category", x: ["acme/rocket", "acme/fuel"] }
          : chartData(String(args.id), [4, 5]),
    });
    render(<App initialPage="dashboards" />);
    const stars = await screen.findByTestId("chart-stars");
    await waitFor(() => expect(stars.getAttribute("data-total")).toBe("9"));
    expect(screen.getByTestId("repo-problem").textContent).toContain("acme/rocket, the most active repository");
    const ranking = callsOf("build_chart").find((call) => call.id === "top-repos")?.query as ChartQuery;
    expect(ranking).toMatchObject({ repos: [], limit: 1, rank_by: "events" });
    // Picking another replaces it and says nothing more about "most active".
    fireEvent.change(screen.getByTestId("repo-input"), { target: { value: "acme/fuel" } });
    fireEvent.keyDown(screen.getByTestId("repo-input"), { key: "Enter" });
    expect(screen.getByTestId("repo-problem").textContent).toBe("Showing acme/fuel");
  });

  it("says what to do when the workspace is empty", async () => {
    setHandlers({ workspace_info: () => workspace({}, 0) });
    render(<App initialPage="dashboards" />);
    expect((await screen.findByTestId("dashboard-empty")).textContent).toContain(
      "This workspace has no data yet: open the sample workspace or collect some",
    );
  });

  it("draws the repository charts from a picked suggestion, with totals, errors and notes", async () => {
    render(<App initialPage="dashboards" />);
    const input = await screen.findByTestId("repo-input");
    fireEvent.change(input, { target: { value: "acme" } });
    const suggestion = await screen.findAllByTestId("repo-suggestion", {}, { timeout: 2000 });
    fireEvent.click(suggestion[0]!);
    const stars = await screen.findByTestId("chart-stars");
    await waitFor(() => expect(stars.getAttribute("data-total")).toBe("6"));
    expect(within(stars).getByText("GH Archive misses some events after 2025-05")).toBeTruthy();
    expect(screen.getAllByTestId(/^chart-(?!error|grid)/)).toHaveLength(11);
    const query = callsOf("build_chart").find((call) => call.id === "stars")?.query as ChartQuery;
    expect(query).toMatchObject({ repos: ["acme/rocket"], compare: false, granularity: "day", from: null, to: null });
    // Two days of data: "auto" (the default) means days, and the picker says so.
    const picker = screen.getByTestId("granularity") as HTMLSelectElement;
    expect(picker.value).toBe("auto");
    expect(picker.selectedOptions[0]?.textContent).toBe("Auto (day)");
    const failed = screen.getByTestId("chart-time-to-merge");
    await waitFor(() => expect(within(failed).getByRole("alert").textContent).toBe("no pull request was merged in the range"));
  });

  it("exports through the save dialog and says where the file went", async () => {
    render(<App initialPage="dashboards" />);
    fireEvent.change(await screen.findByTestId("repo-input"), { target: { value: "acme/rocket" } });
    fireEvent.keyDown(screen.getByTestId("repo-input"), { key: "Enter" });
    const button = await screen.findByTestId("export-csv-stars");
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId("export-status-stars").textContent).toBe("Saved to /home/ada/stars.csv"));
    expect(callsOf("export_chart")[0]).toMatchObject({ id: "stars", format: "csv", path: "/home/ada/stars.csv" });
    expect(vi.mocked(save)).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: "acme-rocket-stars.csv" }));
  });

  it("refuses a malformed name without asking the engine", async () => {
    render(<App initialPage="dashboards" />);
    fireEvent.change(await screen.findByTestId("repo-input"), { target: { value: "rocket" } });
    fireEvent.keyDown(screen.getByTestId("repo-input"), { key: "Enter" });
    expect(screen.getByTestId("repo-problem").textContent).toMatch(/write it as owner\/name/);
    expect(callsOf("build_chart").filter((call) => call.id !== "top-repos")).toHaveLength(0);
  });

  it("compares the picked repositories", async () => {
    render(<App initialPage="dashboards" />);
    fireEvent.click(await screen.findByTestId("mode-compare"));
    const input = screen.getByTestId("repo-input");
    for (const name of ["acme/rocket", "acme/fuel"]) {
      fireEvent.change(input, { target: { value: name } });
      fireEvent.keyDown(input, { key: "Enter" });
    }
    await screen.findByTestId("chart-forks");
    const query = callsOf("build_chart").find((call) => call.id === "forks")?.query as ChartQuery;
    expect(query).toMatchObject({ repos: ["acme/rocket", "acme/fuel"], compare: true });
    expect(screen.queryByTestId("chart-heatmap")).toBeNull();
  });
});
