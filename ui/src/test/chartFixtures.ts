// Chart data as the engine sends it, for tests of the dashboards.

import type { ChartData } from "../ipc/bindings";

/** A daily time chart of acme/rocket from 2024-01-15, one value per day. */
export function chartData(id: string, values: number[]): ChartData {
  return {
    id,
    title: id,
    x_axis: "time",
    x_label: "Day",
    y_label: "Count",
    x: values.map((_, i) => `2024-01-${15 + i}`),
    series: [{ name: "acme/rocket", values }],
    incomplete: [],
    notes: ["GH Archive misses some events after 2025-05"],
    marks: [],
  };
}
