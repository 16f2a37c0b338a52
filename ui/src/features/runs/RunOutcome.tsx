// How a finished run ended: what failed and why, which units (GH Archive's hours) the source
// does not have, and a way to retry them (the engine re-runs failed and missing units of a
// scope run again). The same request is sent again, to GH Archive or the GitHub API.

import { useRuns } from "../../app/RunContext";
import { formatCount, formatDuration, plural } from "../../lib/format";
import { hasRetryableUnits, unitNoun, type RunProgressState } from "../../lib/runProgress";

const MAX_LISTED = 20;

export function RunOutcome({ run }: { run: RunProgressState }) {
  const { lastRequest, collect, busy } = useRuns();
  const noun = unitNoun(run);
  const canRetry = run.kind === "collection" && lastRequest !== null && hasRetryableUnits(run) && !busy;
  return (
    <div className="unit-rows run-outcome">
      {run.summary ? (
        <p className="small tabular">
          Took {formatDuration(run.summary.elapsed_ms)}; {plural(run.summary.units_cancelled, noun)} cancelled,{" "}
          {formatCount(run.summary.out_of_scope)} events outside the scope skipped.
        </p>
      ) : null}
      {run.failures.length > 0 ? (
        <details open>
          <summary>{plural(run.failures.length, `failed ${noun}`)}</summary>
          <ul className="small" data-testid="run-failures">
            {run.failures.slice(0, MAX_LISTED).map((failure) => (
              <li key={failure.unit}>
                <span className="tabular">{failure.unit}</span>: {failure.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {run.missing.length > 0 ? (
        <details>
          <summary>
            {plural(run.missing.length, noun)} the source does not have
          </summary>
          <ul className="small" data-testid="run-missing">
            {run.missing.slice(0, MAX_LISTED).map((unit) => (
              <li key={unit} className="tabular">
                {unit}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canRetry && lastRequest ? (
        <button type="button" className="retry" data-testid="retry-run" onClick={() => void collect(lastRequest)}>
          Retry failed units
        </button>
      ) : null}
    </div>
  );
}
