// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);
vi.mock("./EChart", () => ({ EChart: ({ label }: { label: string }) => <div data-testid="echart">{label}</div> }));

import type { ChartQuery } from "../../ipc/bindings";
import { chartData } from "../../test/chartFixtures";
import { ThemeProvider } from "../../app/ThemeContext";
import { callsOf, setHandlers } from "../../test/tauriMock";
import { ChartCard, type ChartCardProps } from "./ChartCard";

const card = (props: ChartCardProps) => (
  <ThemeProvider>
    <ChartCard {...props} />
  </ThemeProvider>
);

/** A stand-in for the browser's IntersectionObserver that the test moves elements into view. */
class FakeObserver {
  static all: FakeObserver[] = [];
  elements: Element[] = [];
  constructor(private readonly callback: (entries: Array<{ isIntersecting: boolean; target: Element }>) => void) {
    FakeObserver.all.push(this);
  }
  observe(element: Element) {
    this.elements.push(element);
  }
  disconnect() {
    this.elements = [];
  }
  static scrollTo(element: Element) {
    for (const observer of FakeObserver.all.filter((o) => o.elements.includes(element))) {
      observer.callback([{ isIntersecting: true, target: element }]);
    }
  }
}

const query: ChartQuery = {
  repos: ["acme/rocket"],
  org: null,
  from: "2024-01-15T00",
  to: "2024-01-17T00",
  granularity: "day",
  limit: 10,
  rank_by: "events",
  include_bots: false,
  compare: false,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  FakeObserver.all = [];
});

describe("ChartCard", () => {
  beforeEach(() => {
    setHandlers({ build_chart: (args) => chartData(String(args.id), [4]) });
    vi.stubGlobal("IntersectionObserver", FakeObserver);
  });

  it("asks the engine for a chart only once it comes near the window, and keeps it", async () => {
    const props = { id: "top-contributors", title: "Top contributors", definition: "", query, dataVersion: "1" };
    const { rerender } = render(card(props));
    const element = screen.getByTestId("chart-top-contributors");
    expect(element.dataset.state).toBe("waiting");
    expect(callsOf("build_chart")).toHaveLength(0);

    act(() => FakeObserver.scrollTo(element));
    await waitFor(() => expect(element.dataset.state).toBe("ready"));
    expect(callsOf("build_chart")).toEqual([{ id: "top-contributors", query }]);
    expect(element.dataset.total).toBe("4");

    // Once seen, a new range is fetched at once, wherever the card is.
    rerender(card({ ...props, query: { ...query, to: "2024-01-18T00" } }));
    await waitFor(() => expect(callsOf("build_chart")).toHaveLength(2));
  });

  it("keeps the previous chart drawn, marked as updating, while a new selection loads", async () => {
    let answerSecond: (value: unknown) => void = () => undefined;
    let calls = 0;
    setHandlers({
      build_chart: (args) => {
        calls += 1;
        if (calls === 1) return chartData(String(args.id), [4]);
        return new Promise((resolve) => (answerSecond = resolve));
      },
    });
    const props = { id: "activity", title: "Activity", definition: "", query, dataVersion: "1" };
    const { rerender } = render(card(props));
    const element = screen.getByTestId("chart-activity");
    act(() => FakeObserver.scrollTo(element));
    await waitFor(() => expect(element.dataset.state).toBe("ready"));
    const drawn = screen.getByTestId("echart");

    rerender(card({ ...props, query: { ...query, repos: ["octo-org/octoscope"] } }));
    await waitFor(() => expect(element.dataset.state).toBe("loading"));
    // The same chart element (so the same ECharts instance), not a placeholder in its place.
    expect(screen.getByTestId("echart")).toBe(drawn);
    expect(screen.getByText("Updating…")).toBeTruthy();
    expect(screen.queryByText("Loading…")).toBeNull();
    expect(element.dataset.total).toBeUndefined();

    await act(async () => answerSecond(chartData("activity", [7])));
    await waitFor(() => expect(element.dataset.state).toBe("ready"));
    expect(screen.getByTestId("echart")).toBe(drawn);
    expect(screen.queryByText("Updating…")).toBeNull();
    expect(element.dataset.total).toBe("7");
    expect(element.dataset.repos).toBe("octo-org/octoscope");
  });
});
