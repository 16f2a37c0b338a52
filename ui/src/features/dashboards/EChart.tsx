// One ECharts instance in a fixed-height box. Only the chart types and components the app uses
// are registered (tree-shaken from echarts/core), and the instance follows its box's size.

import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { Theme } from "../../lib/preferences";
import type { ChartOption } from "../../lib/chartOptions";

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  VisualMapComponent,
  TitleComponent,
  CanvasRenderer,
]);

interface EChartProps {
  option: ChartOption;
  theme: Theme;
  label: string;
}

export function EChart({ option, theme, label }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  // A theme change needs a new instance: ECharts themes apply at init.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, theme === "dark" ? "dark" : undefined, { renderer: "canvas" });
    chart.current = instance;
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(() => instance.resize()) : null;
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    // The themes' own backgrounds would paint over the card; the card's colour shows through.
    // No animation: each frame of it redraws the whole canvas, and without a GPU (software
    // rendering, as under Xvfb or in many VMs) a dashboard's worth of them held the web process
    // busy well after the data was there.
    // Timed with the User Timing API (the web inspector and the desktop benchmark read it).
    const started = performance.now();
    chart.current?.setOption({ backgroundColor: "transparent", animation: false, ...option }, { notMerge: true });
    performance.measure(`draw ${label}`, { start: started });
  }, [option, theme, label]);

  return <div className="echart" ref={box} role="img" aria-label={label} />;
}
