// GH Archive's when (whole UTC hours, `to` exclusive) and where from: a mirror or a folder.

import { DEFAULT_MIRROR_URL } from "../../lib/preferences";
import type { CollectDraft } from "../../lib/collectRequest";
import { lastFullDays, lastHours, type HourRange } from "../../lib/time";
import { hourProblem } from "../../lib/validation";

interface FieldsProps {
  draft: CollectDraft;
  update: (change: Partial<CollectDraft>) => void;
}

const PRESETS: Record<"hours" | "days", Array<{ id: string; label: string; range: (now: number) => HourRange }>> = {
  hours: [
    { id: "preset-24h", label: "Last 24 hours", range: (now) => lastHours(now, 24) },
    { id: "preset-7d", label: "Last 7 days", range: (now) => lastHours(now, 24 * 7) },
  ],
  // BigQuery's table for today is still being written: its presets end at today's midnight.
  days: [
    { id: "preset-7d", label: "Last 7 days", range: (now) => lastFullDays(now, 7) },
    { id: "preset-30d", label: "Last 30 days", range: (now) => lastFullDays(now, 30) },
    { id: "preset-365d", label: "Last 365 days", range: (now) => lastFullDays(now, 365) },
  ],
};

export function TimeRangeFields({ draft, update, presets = "hours" }: FieldsProps & { presets?: "hours" | "days" }) {
  const fromProblem = draft.from ? hourProblem(draft.from) : null;
  const toProblem = draft.to ? hourProblem(draft.to) : null;
  return (
    <fieldset className="card">
      <legend>Time range (UTC)</legend>
      <div className="button-row">
        {PRESETS[presets].map((preset) => (
          <button key={preset.id} type="button" data-testid={preset.id} onClick={() => update(preset.range(Date.now()))}>
            {preset.label}
          </button>
        ))}
      </div>
      <div className="custom-range">
        <div className="field">
          <label htmlFor="collect-from">From</label>
          <input
            id="collect-from"
            data-testid="collect-from"
            placeholder="YYYY-MM-DDTHH"
            value={draft.from}
            aria-invalid={fromProblem !== null}
            onChange={(event) => update({ from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="collect-to">To (exclusive)</label>
          <input
            id="collect-to"
            data-testid="collect-to"
            placeholder="YYYY-MM-DDTHH"
            value={draft.to}
            aria-invalid={toProblem !== null}
            onChange={(event) => update({ to: event.target.value })}
          />
        </div>
      </div>
      <p className="hint small" aria-live="polite">
        {fromProblem ? `From ${fromProblem}` : toProblem ? `To ${toProblem}` : ""}
      </p>
    </fieldset>
  );
}

export function SourceFields({ draft, update }: FieldsProps) {
  // Both fields stay visible and typing in one chooses it: the radio says which one is used.
  return (
    <fieldset className="card">
      <legend>Source</legend>
      <label className="radio">
        <input
          type="radio"
          name="source"
          data-testid="source-mirror"
          checked={draft.source === "mirror"}
          onChange={() => update({ source: "mirror" })}
        />
        GH Archive mirror
      </label>
      <div className="field indented">
        <label htmlFor="collect-mirror-url">Mirror URL</label>
        <input
          id="collect-mirror-url"
          data-testid="collect-mirror-url"
          placeholder={DEFAULT_MIRROR_URL}
          value={draft.mirrorUrl}
          spellCheck={false}
          onChange={(event) => update({ mirrorUrl: event.target.value, source: "mirror" })}
        />
      </div>
      <label className="radio">
        <input
          type="radio"
          name="source"
          data-testid="source-folder"
          checked={draft.source === "folder"}
          onChange={() => update({ source: "folder" })}
        />
        A local folder of GH Archive hour files
      </label>
      <div className="field indented">
        <label htmlFor="collect-dir">Folder of hour files as GH Archive names them (2024-01-15-3.json.gz)</label>
        <input
          id="collect-dir"
          data-testid="collect-dir"
          placeholder="/data/gharchive"
          value={draft.folder}
          spellCheck={false}
          onChange={(event) =>
            update({ folder: event.target.value, source: event.target.value.trim() ? "folder" : draft.source })
          }
        />
      </div>
      <p className="note small" data-testid="future-sources">
        Coming later: Google BigQuery&apos;s githubarchive dataset as a source, using the credentials set up on the
        Credentials page.
      </p>
    </fieldset>
  );
}
