// What a BigQuery collection brings home: every event, daily counts, or let the plan decide.

import { MODES } from "../../lib/bigqueryRequest";
import type { BigQueryModeChoice } from "../../lib/runRequest";

export function BigQueryModeFields({
  mode,
  onChange,
}: {
  mode: BigQueryModeChoice;
  onChange: (mode: BigQueryModeChoice) => void;
}) {
  const detail = MODES.find((m) => m.id === mode)?.detail ?? "";
  return (
    <fieldset className="card">
      <legend>Bring home</legend>
      {MODES.map((m) => (
        <label className="radio" key={m.id}>
          <input
            type="radio"
            name="bigquery-mode"
            value={m.id}
            data-testid={`bigquery-mode-${m.id}`}
            checked={mode === m.id}
            onChange={() => onChange(m.id)}
          />
          {m.label}
        </label>
      ))}
      <p className="small muted">{detail}</p>
    </fieldset>
  );
}
