// ECharts options for the Monitoring page. Canvas colours cannot read CSS variables, so charts
// use the exporter's palette, which reads on both themes (the EChart wrapper picks the theme).

import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type {
  CoverageHour,
  EndpointMetrics,
  HourStatus,
  MonthSpend,
  RatePoint,
  RunPerformance,
} from "../ipc/bindings";
import { PALETTE, type ChartOption } from "./chartOptions";
import { formatCount, formatDollars, formatLatency, formatLocalDateTime, formatPerSecond } from "./format";
import { oldestFirst } from "./monitoring";

export const STATUS_COLOURS: Record<HourStatus, string> = {
  present: PALETTE[0],
  partial: PALETTE[2],
  missing: PALETTE[3],
};

/** Behind partial and missing hours; pale enough to read on the light and the dark theme. */
const STATUS_BANDS: Record<HourStatus, string> = {
  present: "rgba(84, 112, 198, 0)",
  partial: "rgba(250, 200, 88, 0.3)",
  missing: "rgba(238, 102, 102, 0.3)",
};

/** Past this many bars the axis gets a zoom slider instead of unreadable slivers. */
const ZOOM_AFTER = 72;

const valueAxis = (name: string) => ({
  type: "value" as const,
  name,
  nameLocation: "middle" as const,
  nameGap: 52,
  nameRotate: 90,
});

function tooltip(valueFormatter: (value: number) => string) {
  return {
    trigger: "axis" as const,
    confine: true,
    axisPointer: { type: "shadow" as const },
    valueFormatter: (value: unknown) => (typeof value === "number" ? valueFormatter(value) : "–"),
  };
}

export function spendChartOption(months: MonthSpend[]): ChartOption {
  return {
    color: [...PALETTE],
    tooltip: tooltip(formatDollars),
    grid: { top: 16, right: 16, bottom: 32, left: 72 },
    xAxis: { type: "category", data: months.map((m) => m.month) },
    yAxis: { ...valueAxis("US dollars"), axisLabel: { formatter: (v: number) => `$${v}` } },
    series: [{ type: "bar", name: "Spend", data: months.map((m) => m.dollars), barMaxWidth: 48 }],
  };
}

/** Events per second of each run, oldest on the left; runs still going have no bar. */
export function throughputChartOption(runs: RunPerformance[]): ChartOption {
  const ordered = oldestFirst(runs);
  return {
    color: [...PALETTE],
    tooltip: tooltip(formatPerSecond),
    grid: { top: 16, right: 16, bottom: 32, left: 72 },
    xAxis: { type: "category", data: ordered.map((run) => `#${run.id}`), axisLabel: { hideOverlap: true } },
    yAxis: valueAxis("events / s"),
    series: [
      { type: "bar", name: "Events per second", data: ordered.map((run) => run.events_per_second), barMaxWidth: 40 },
    ],
  };
}

/** The endpoint's name, with its source when several sources share the chart. */
export function endpointLabel(endpoint: EndpointMetrics, withSource: boolean): string {
  return withSource ? `${endpoint.source} ${endpoint.endpoint}` : endpoint.endpoint;
}

/** p50, p95 and maximum per endpoint as horizontal bars: endpoint paths are long. */
export function latencyChartOption(endpoints: EndpointMetrics[]): ChartOption {
  const withSource = new Set(endpoints.map((e) => e.source)).size > 1;
  const series: BarSeriesOption[] = [
    { type: "bar", name: "p50", data: endpoints.map((e) => e.p50_ms) },
    { type: "bar", name: "p95", data: endpoints.map((e) => e.p95_ms) },
    { type: "bar", name: "max", data: endpoints.map((e) => e.max_ms) },
  ];
  return {
    color: [...PALETTE],
    tooltip: tooltip(formatLatency),
    legend: { top: 0 },
    grid: { top: 32, right: 24, bottom: 32, left: 8, containLabel: true },
    xAxis: { type: "value", name: "ms", axisLabel: { formatter: (v: number) => formatCount(v) } },
    yAxis: {
      type: "category",
      inverse: true,
      data: endpoints.map((e) => endpointLabel(e, withSource)),
      axisLabel: { width: 260, overflow: "truncate" },
    },
    series,
  };
}

/** The rate limit left after each answer, on a time axis: answers are not evenly spaced. */
export function rateLimitChartOption(points: RatePoint[]): ChartOption {
  const series: LineSeriesOption[] = [
    {
      type: "line",
      name: "Remaining",
      step: "end",
      showSymbol: points.length <= 40,
      data: points.map((p) => [p.at * 1000, p.remaining]),
    },
  ];
  if (points.some((p) => p.limit !== null)) {
    series.push({
      type: "line",
      name: "Limit",
      step: "end",
      showSymbol: false,
      lineStyle: { type: "dashed" },
      data: points.filter((p) => p.limit !== null).map((p) => [p.at * 1000, p.limit ?? 0]),
    });
  }
  return {
    color: [...PALETTE],
    tooltip: {
      trigger: "axis",
      confine: true,
      valueFormatter: (value: unknown) => (typeof value === "number" ? formatCount(value) : "–"),
    },
    legend: { top: 0, show: series.length > 1 },
    grid: { top: 32, right: 24, bottom: 32, left: 72 },
    xAxis: {
      type: "time",
      axisLabel: { hideOverlap: true, formatter: (v: number) => formatLocalDateTime(v / 1000).slice(11) },
    },
    yAxis: { ...valueAxis("requests left"), min: 0 },
    series,
  };
}

/**
 * Events per hour, each bar coloured by the hour's status. Partial and missing hours also get a
 * pale full-height bar behind them, since a missing hour has no bar of its own to colour. (Bars,
 * not a markArea: ECharts places markAreas on bar series half a category or more off.)
 */
export function coverageChartOption(hours: CoverageHour[]): ChartOption {
  let top = 1;
  for (const hour of hours) top = Math.max(top, hour.events);
  const option: ChartOption = {
    // Hundreds of bars: animating them only delays the picture.
    animation: false,
    tooltip: {
      trigger: "axis",
      confine: true,
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
        const hour = first?.dataIndex === undefined ? undefined : hours[first.dataIndex];
        if (!hour) return "";
        const why = hour.reason ? `<br/>${escapeHtml(hour.reason)}` : "";
        return `${hour.hour} UTC<br/>${formatCount(hour.events)} events · ${hour.status}${why}`;
      },
    },
    grid: { top: 12, right: 16, bottom: hours.length > ZOOM_AFTER ? 64 : 32, left: 72 },
    xAxis: { type: "category", data: hours.map((h) => h.hour), axisLabel: { hideOverlap: true } },
    yAxis: valueAxis("events"),
    series: [
      {
        type: "bar",
        name: "Events",
        barCategoryGap: "10%",
        z: 3,
        data: hours.map((h) => ({ value: h.events, itemStyle: { color: STATUS_COLOURS[h.status] } })),
      },
      {
        type: "bar",
        name: "Gaps",
        silent: true,
        barGap: "-100%",
        z: 2,
        data: hours.map((h) => (h.status === "present" ? null : { value: top, itemStyle: { color: STATUS_BANDS[h.status] } })),
      },
    ],
  };
  if (hours.length > ZOOM_AFTER) {
    option.dataZoom = [
      { type: "inside", xAxisIndex: 0 },
      { type: "slider", xAxisIndex: 0, height: 18, bottom: 6 },
    ];
  }
  return option;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}
