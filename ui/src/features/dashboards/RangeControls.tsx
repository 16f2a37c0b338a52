// Time range and granularity. Presets count back from the workspace's last event, not from
// today: collected data (the sample above all) is usually older than now.

import type { DashboardSelection, Granularity, GranularityChoice, RangePreset } from "../../lib/chartModes";
import { hourProblem } from "../../lib/validation";

const PRESETS: Array<{ id: RangePreset; label: string }> = [
  { id: "all", label: "All data" },
  { id: "last7", label: "Last 7 days of data" },
  { id: "last30", label: "Last 30 days of data" },
  { id: "custom", label: "Custom" },
];

interface RangeControlsProps {
  selection: DashboardSelection;
  update: (change: Partial<DashboardSelection>) => void;
  hasLastEvent: boolean;
  /** What "auto" stands for with the current range (null while there is no valid range). */
  autoGranularity: Granularity | null;
}

export function RangeControls({ selection, update, hasLastEvent, autoGranularity }: RangeControlsProps) {
  const fromProblem = selection.customFrom ? hourProblem(selection.customFrom) : null;
  const toProblem = selection.customTo ? hourProblem(selection.customTo) : null;
  return (
    <div className="range-controls">
      <fieldset className="presets">
        <legend>Range</legend>
        {PRESETS.map((preset) => (
          <label key={preset.id} className="radio">
            <input
              type="radio"
              name="range-preset"
              value={preset.id}
              data-testid={`range-${preset.id}`}
              checked={selection.preset === preset.id}
              disabled={(preset.id === "last7" || preset.id === "last30") && !hasLastEvent}
              onChange={() => update({ preset: preset.id })}
            />
            {preset.label}
          </label>
        ))}
      </fieldset>
      {selection.preset === "custom" ? (
        <div className="custom-range">
          <div className="field">
            <label htmlFor="range-from">From (UTC)</label>
            <input
              id="range-from"
              data-testid="range-from"
              placeholder="YYYY-MM-DDTHH"
              value={selection.customFrom}
              aria-invalid={fromProblem !== null}
              onChange={(event) => update({ customFrom: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="range-to">To (UTC, exclusive)</label>
            <input
              id="range-to"
              data-testid="range-to"
              placeholder="YYYY-MM-DDTHH"
              value={selection.customTo}
              aria-invalid={toProblem !== null}
              onChange={(event) => update({ customTo: event.target.value })}
            />
          </div>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="granularity">Granularity</label>
        <select
          id="granularity"
          data-testid="granularity"
          value={selection.granularity}
          onChange={(event) => update({ granularity: event.target.value as GranularityChoice })}
        >
          <option value="auto">{autoGranularity ? `Auto (${autoGranularity})` : "Auto"}</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </div>
    </div>
  );
}
