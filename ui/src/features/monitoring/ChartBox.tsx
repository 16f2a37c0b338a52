// A chart in a box of fixed height, or a line saying why there is none: the box is the same
// size either way, so loading or emptying a chart never moves what is under it.

import type { ReactNode } from "react";
import { useTheme } from "../../app/ThemeContext";
import type { ChartOption } from "../../lib/chartOptions";
import { EChart } from "../dashboards/EChart";

interface ChartBoxProps {
  option: ChartOption | null;
  label: string;
  /** Shown instead of the chart when `option` is null. */
  placeholder: ReactNode;
  size?: "small" | "medium";
  testId?: string;
}

export function ChartBox({ option, label, placeholder, size = "medium", testId }: ChartBoxProps) {
  const { theme } = useTheme();
  return (
    <div className={`monitor-chart monitor-chart-${size}`} data-testid={testId}>
      {option ? (
        <EChart option={option} theme={theme} label={label} />
      ) : (
        <div className="monitor-chart-placeholder muted">{placeholder}</div>
      )}
    </div>
  );
}
