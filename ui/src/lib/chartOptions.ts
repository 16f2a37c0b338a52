// ChartData (computed by the engine) -> an ECharts option. The engine decides what is counted;
// this only decides how it is drawn, so the desktop charts read like the exported PNG/SVG files.

import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from "echarts/charts";
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { ChartData, Mark } from "../ipc/bindings";

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | VisualMapComponentOption
>;

/** The exporter's palette (engine charts/export.rs), so screen and file agree. */
export const PALETTE = [
  "#5470c6",
  "#91cc75",
  "#fac858",
  "#ee6666",
  "#73c0de",
  "#3ba272",
  "#fc8452",
  "#9a60b4",
] as const;

export const INCOMPLETE_FILL = "rgba(150, 150, 150, 0.18)";

/** Charts drawn as stacked areas: their series are parts of one whole. */
const STACKED_AREA_CHARTS = new Set(["activity"]);

/** The sum of every value of every series: the card's data-total, and "is there any data". */
export function seriesTotal(data: ChartData): number {
  let total = 0;
  for (const series of data.series) {
    for (const value of series.values) {
      if (Number.isFinite(value)) total += value;
    }
  }
  return total;
}

/**
 * Incomplete entries of `x` grouped into contiguous runs, as [first, last] pairs of x values,
 * so that a stretch of missing hours is one shaded band instead of dozens of slivers.
 */
export function incompleteRuns(x: string[], incomplete: string[]): Array<[string, string]> {
  const flagged = new Set(incomplete);
  const runs: Array<[string, string]> = [];
  let start: string | null = null;
  let previous: string | null = null;
  for (const value of x) {
    if (flagged.has(value)) {
      if (start === null) start = value;
      previous = value;
    } else if (start !== null && previous !== null) {
      runs.push([start, previous]);
      start = null;
    }
  }
  if (start !== null && previous !== null) runs.push([start, previous]);
  return runs;
}

/** Where a mark's pin goes: on top of the tallest value at that x, so it never hides a line. */
function markHeight(data: ChartData, index: number, stacked: boolean): number {
  const values = data.series.map((s) => s.values[index] ?? 0).filter(Number.isFinite);
  if (values.length === 0) return 0;
  return stacked ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
}

function markPoints(data: ChartData, marks: Mark[], stacked: boolean) {
  return marks.flatMap((mark) => {
    const index = data.x.indexOf(mark.x);
    if (index < 0) return [];
    return [
      {
        name: mark.text,
        value: mark.text,
        coord: [mark.x, markHeight(data, index, stacked)],
      },
    ];
  });
}

const axisName = (name: string) => ({
  name,
  nameLocation: "middle" as const,
  nameGap: 36,
});

function heatmapOption(data: ChartData): ChartOption {
  const cells: Array<[number, number, number]> = [];
  let max = 0;
  data.series.forEach((series, row) => {
    series.values.forEach((value, column) => {
      cells.push([column, row, value]);
      if (Number.isFinite(value)) max = Math.max(max, value);
    });
  });
  return {
    color: [...PALETTE],
    tooltip: { trigger: "item", confine: true },
    // The colour scale stands on the right, clear of the hour axis and its name.
    grid: { top: 8, right: 72, bottom: 56, left: 56 },
    xAxis: { type: "category", data: data.x, splitArea: { show: true }, ...axisName(data.x_label) },
    // Monday on top, as a calendar reads.
    yAxis: { type: "category", data: data.series.map((s) => s.name), inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: max > 0 ? max : 1,
      calculable: true,
      orient: "vertical",
      right: 0,
      top: "middle",
      itemHeight: 160,
      inRange: { color: ["#eef2fb", PALETTE[0]] },
    },
    series: [
      {
        type: "heatmap",
        name: data.y_label,
        data: cells,
        emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } },
      },
    ],
  };
}

function cartesianOption(data: ChartData): ChartOption {
  const isTime = data.x_axis === "time";
  const stackedArea = isTime && STACKED_AREA_CHARTS.has(data.id);
  const stackedBars = !isTime && data.series.length > 1;
  const stacked = stackedArea || stackedBars;
  const bands = incompleteRuns(data.x, data.incomplete);
  const pins = markPoints(data, data.marks, stacked);

  const series: Array<LineSeriesOption | BarSeriesOption> = data.series.map((s, i) => {
    // Shading and pins belong to the chart, not to one series: the first series carries them.
    const decorations =
      i === 0
        ? {
            markArea: {
              silent: true,
              itemStyle: { color: INCOMPLETE_FILL },
              label: { show: bands.length > 0, position: "insideTop" as const, formatter: "incomplete" },
              data: bands.map(([from, to]) => [{ xAxis: from }, { xAxis: to }] as [{ xAxis: string }, { xAxis: string }]),
            },
            markPoint: {
              symbol: "pin",
              symbolSize: 40,
              label: { show: true, position: "top" as const, formatter: "{b}", fontSize: 11 },
              data: pins,
            },
          }
        : {};
    if (isTime) {
      const line: LineSeriesOption = {
        type: "line",
        name: s.name,
        data: s.values,
        // Dots help on a few periods and only clutter many.
        showSymbol: data.x.length <= 31,
        emphasis: { focus: "series" },
        ...decorations,
      };
      if (stackedArea) {
        line.stack = "total";
        line.areaStyle = { opacity: 0.75 };
      }
      return line;
    }
    const bar: BarSeriesOption = { type: "bar", name: s.name, data: s.values, ...decorations };
    if (stackedBars) bar.stack = "total";
    return bar;
  });

  const option: ChartOption = {
    color: [...PALETTE],
    tooltip: { trigger: "axis", confine: true, axisPointer: { type: isTime ? "line" : "shadow" } },
    legend: { show: data.series.length > 1, type: "scroll", top: 0 },
    // Room above for the legend, left for the rotated y name, below for the x name and the
    // zoom slider, so that none of them overlap whatever the data.
    grid: { top: data.series.length > 1 ? 40 : 16, right: 24, bottom: isTime ? 88 : 56, left: 72 },
    xAxis: {
      type: "category",
      data: data.x,
      boundaryGap: !isTime,
      axisLabel: { hideOverlap: true },
      ...axisName(data.x_label),
    },
    yAxis: { type: "value", name: data.y_label, nameLocation: "middle", nameGap: 48, nameRotate: 90 },
    series,
  };
  if (isTime) {
    // Zoom with the wheel or drag inside, or with the slider under the axis.
    option.dataZoom = [
      { type: "inside", xAxisIndex: 0 },
      { type: "slider", xAxisIndex: 0, height: 18, bottom: 6 },
    ];
  }
  return option;
}

export function toChartOption(data: ChartData): ChartOption {
  return data.x_axis === "hour_of_day" ? heatmapOption(data) : cartesianOption(data);
}
