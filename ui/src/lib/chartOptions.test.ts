import { describe, expect, it } from "vitest";
import type { ChartData } from "../ipc/bindings";
import { INCOMPLETE_FILL, incompleteRuns, PALETTE, seriesTotal, toChartOption } from "./chartOptions";

function chart(overrides: Partial<ChartData>): ChartData {
  return {
    id: "stars",
    title: "Stars over time",
    x_axis: "time",
    x_label: "Day (UTC)",
    y_label: "Stars",
    x: ["2024-01-15", "2024-01-16", "2024-01-17", "2024-01-18"],
    series: [
      { name: "acme/rocket", values: [1, 2, 3, 4] },
      { name: "acme/rocket (total)", values: [1, 3, 6, 10] },
    ],
    incomplete: [],
    notes: [],
    marks: [],
    ...overrides,
  };
}

// The option is a wide union; tests read it as plain data.
type Loose = Record<string, any>;
const asLoose = (value: unknown) => value as Loose;

describe("time charts", () => {
  it("draws one line per series on a category axis of the periods, with zoom", () => {
    const option = asLoose(toChartOption(chart({})));
    expect(option.xAxis.type).toBe("category");
    expect(option.xAxis.data).toEqual(["2024-01-15", "2024-01-16", "2024-01-17", "2024-01-18"]);
    expect(option.xAxis.name).toBe("Day (UTC)");
    expect(option.yAxis.name).toBe("Stars");
    expect(option.series.map((s: Loose) => s.type)).toEqual(["line", "line"]);
    expect(option.series[1].data).toEqual([1, 3, 6, 10]);
    expect(option.series[0].stack).toBeUndefined();
    expect(option.dataZoom.map((z: Loose) => z.type)).toEqual(["inside", "slider"]);
    expect(option.color).toEqual([...PALETTE]);
    expect(option.legend.show).toBe(true);
  });

  it("stacks the activity chart's event types as areas", () => {
    const option = asLoose(toChartOption(chart({ id: "activity" })));
    for (const series of option.series) {
      expect(series.stack).toBe("total");
      expect(series.areaStyle).toBeDefined();
    }
  });

  it("hides the legend for a single series", () => {
    const option = asLoose(toChartOption(chart({ series: [{ name: "only", values: [1, 2, 3, 4] }] })));
    expect(option.legend.show).toBe(false);
  });

  it("shades incomplete periods, one band per contiguous run", () => {
    const option = asLoose(
      toChartOption(chart({ incomplete: ["2024-01-15", "2024-01-16", "2024-01-18", "1999-01-01"] })),
    );
    const markArea = option.series[0].markArea;
    expect(markArea.itemStyle.color).toBe(INCOMPLETE_FILL);
    expect(markArea.data).toEqual([
      [{ xAxis: "2024-01-15" }, { xAxis: "2024-01-16" }],
      [{ xAxis: "2024-01-18" }, { xAxis: "2024-01-18" }],
    ]);
    // Only the first series carries the decorations, so bands are not drawn twice.
    expect(option.series[1].markArea).toBeUndefined();
  });

  it("pins marks with their text above the tallest value at that period", () => {
    const option = asLoose(
      toChartOption(
        chart({
          marks: [
            { x: "2024-01-16", text: "v1.2.0" },
            { x: "2030-01-01", text: "outside the axis" },
          ],
        }),
      ),
    );
    expect(option.series[0].markPoint.data).toEqual([{ name: "v1.2.0", value: "v1.2.0", coord: ["2024-01-16", 3] }]);
  });
});

describe("category charts", () => {
  const ranked = chart({
    id: "top-contributors",
    x_axis: "category",
    x_label: "Account",
    y_label: "Events",
    x: ["alice", "bob"],
    series: [
      { name: "PushEvent", values: [5, 1] },
      { name: "IssuesEvent", values: [2, 2] },
    ],
  });

  it("stacks bars and does not zoom", () => {
    const option = asLoose(toChartOption(ranked));
    expect(option.series.map((s: Loose) => [s.type, s.stack])).toEqual([
      ["bar", "total"],
      ["bar", "total"],
    ]);
    expect(option.xAxis.data).toEqual(["alice", "bob"]);
    expect(option.dataZoom).toBeUndefined();
  });

  it("pins a mark on top of the whole stack", () => {
    const option = asLoose(toChartOption({ ...ranked, marks: [{ x: "alice", text: "top" }] }));
    expect(option.series[0].markPoint.data[0].coord).toEqual(["alice", 7]);
  });

  it("does not stack a single series", () => {
    const option = asLoose(toChartOption({ ...ranked, series: [{ name: "Events", values: [7, 3] }] }));
    expect(option.series[0].stack).toBeUndefined();
  });
});

describe("heatmap", () => {
  const heatmap = chart({
    id: "heatmap",
    x_axis: "hour_of_day",
    x_label: "Hour (UTC)",
    y_label: "Events",
    x: ["00", "01", "02"],
    series: [
      { name: "Mon", values: [1, 0, 9] },
      { name: "Tue", values: [4, 5, 6] },
    ],
  });

  it("puts hours on x, weekdays on y and one cell per value", () => {
    const option = asLoose(toChartOption(heatmap));
    expect(option.xAxis.data).toEqual(["00", "01", "02"]);
    expect(option.yAxis.data).toEqual(["Mon", "Tue"]);
    expect(option.yAxis.inverse).toBe(true);
    expect(option.series).toHaveLength(1);
    expect(option.series[0].type).toBe("heatmap");
    expect(option.series[0].data).toContainEqual([2, 0, 9]);
    expect(option.series[0].data).toContainEqual([1, 1, 5]);
    expect(option.series[0].data).toHaveLength(6);
    expect(option.visualMap.max).toBe(9);
    expect(option.visualMap.min).toBe(0);
  });

  it("keeps a usable scale when everything is zero", () => {
    const option = asLoose(toChartOption({ ...heatmap, series: [{ name: "Mon", values: [0, 0, 0] }] }));
    expect(option.visualMap.max).toBe(1);
  });
});

describe("helpers", () => {
  it("sums every value of every series, skipping non-numbers", () => {
    expect(seriesTotal(chart({}))).toBe(30);
    expect(seriesTotal(chart({ series: [{ name: "a", values: [1, Number.NaN, 2] }] }))).toBe(3);
    expect(seriesTotal(chart({ series: [] }))).toBe(0);
  });

  it("groups incomplete entries into runs in axis order", () => {
    expect(incompleteRuns(["a", "b", "c", "d", "e"], ["e", "b", "c"])).toEqual([
      ["b", "c"],
      ["e", "e"],
    ]);
    expect(incompleteRuns(["a"], [])).toEqual([]);
  });
});
