// The run in progress (or the last one), from the shared run state: overall progress and ETA,
// the units in flight, counters, Cancel, and when it ends the engine's status and what failed.
// Every area has a fixed size and numbers are tabular, so the panel does not move as it updates.

import { useNow } from "../../app/hooks";
import { useRuns } from "../../app/RunContext";
import { ErrorText } from "../../components/ErrorText";
import { ProgressBar } from "../../components/ProgressBar";
import { formatBytes, formatCount, formatDuration } from "../../lib/format";
import {
  etaMs,
  finalStatus,
  overallFraction,
  unitNoun,
  unitsFinished,
  type RunProgressState,
  type UnitInFlight,
} from "../../lib/runProgress";
import { formatUtcClock } from "../../lib/time";
import { RunOutcome } from "./RunOutcome";

const MAX_UNIT_ROWS = 6;

export function LiveRunPanel() {
  const { run, cancel } = useRuns();
  const running = run.phase === "running";
  const now = useNow(1000, running);

  if (run.phase === "idle") {
    return (
      <section className="card live-run live-run-idle" aria-label="Live run">
        <p className="muted">No run in progress. Start one from Collect, or open the sample workspace from Home.</p>
      </section>
    );
  }

  const fraction = overallFraction(run);
  const eta = etaMs(run, now);
  // The engine's own measure once it has one; until then, time since the click.
  const elapsed = run.summary?.elapsed_ms ?? (run.finishedAt ?? now) - (run.requestedAt ?? now);
  const title =
    run.kind === "sample" ? "Loading the sample workspace" : run.source === "github" ? "GitHub collection" : "Collection";
  const status = finalStatus(run);

  return (
    <section className="card live-run" data-testid="live-run" aria-label="Live run" data-phase={run.phase}>
      <div className="live-run-head">
        <h2>
          {title}
          {run.runId !== null ? <span className="muted"> · run {run.runId}</span> : null}
        </h2>
        {running ? (
          <button type="button" data-testid="cancel-run" disabled={run.cancelRequested} onClick={() => void cancel()}>
            {run.cancelRequested ? "Cancelling…" : "Cancel"}
          </button>
        ) : (
          <span className={`status status-${status ?? "unknown"}`} data-testid="run-status">
            {status ?? "finished"}
          </span>
        )}
      </div>
      <ProgressBar fraction={fraction} label={`${title} progress`} testId="run-progress" />
      <p className="tabular small progress-line">{progressLine(run, eta, elapsed)}</p>
      <Counters run={run} />
      {running ? <UnitRows units={run.inFlight} noun={unitNoun(run)} /> : <RunOutcome run={run} />}
      {run.error ? <ErrorText error={run.error} testId="run-error" /> : null}
    </section>
  );
}

function progressLine(run: RunProgressState, eta: number | null, elapsed: number): string {
  if (run.phase === "running" && run.startedAt === null) {
    return run.kind === "sample" ? "Generating the sample hours…" : "Planning and checking the source…";
  }
  const noun = unitNoun(run);
  const parts = [
    `${formatCount(unitsFinished(run))} of ${formatCount(run.unitsToRun)} ${noun}s`,
    `${formatCount(run.unitsSkipped)} already collected`,
    `elapsed ${formatDuration(elapsed)}`,
  ];
  if (run.phase === "running") parts.push(eta === null ? `ETA after the first ${noun}` : `about ${formatDuration(eta)} left`);
  return parts.join(" · ");
}

function Counters({ run }: { run: RunProgressState }) {
  const noun = unitNoun(run);
  const counters: Array<[string, number, string]> = [
    ["Events loaded", run.eventsLoaded, "counter-events"],
    ["Duplicates", run.duplicates, "counter-duplicates"],
    ["Quarantined", run.quarantined, "counter-quarantined"],
    [`${noun === "hour" ? "Hours" : "Units"} done`, run.unitsDone, "counter-done"],
    ["Missing", run.unitsMissing, "counter-missing"],
    ["Failed", run.unitsFailed, "counter-failed"],
  ];
  return (
    <dl className="figures counters">
      {counters.map(([label, value, testId]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="tabular" data-testid={testId}>
            {formatCount(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function unitDetail(unit: UnitInFlight): string {
  const total = unit.totalBytes === null ? "?" : formatBytes(unit.totalBytes);
  switch (unit.phase) {
    case "started":
      return "starting";
    case "downloading":
      return `downloading ${formatBytes(unit.bytes)} of ${total}`;
    case "decoding":
      return `decoding ${formatBytes(unit.bytes)} of ${total} · ${formatCount(unit.events)} events${
        unit.rejected > 0 ? ` · ${formatCount(unit.rejected)} rejected` : ""
      }`;
    case "retrying":
      return `retry ${unit.attempt}: ${unit.retryReason ?? ""}`;
    case "waiting":
      return `rate limit reached · waiting until ${formatUtcClock(unit.waitingUntil)} UTC, then going on by itself`;
    case "querying":
      return `BigQuery job running · ${formatDuration(unit.queryMs)}`;
    case "paging":
      return `read ${formatCount(unit.bytes)}${unit.totalBytes === null ? "" : ` of ${formatCount(unit.totalBytes)}`} rows`;
  }
}

function UnitRows({ units, noun }: { units: UnitInFlight[]; noun: string }) {
  const shown = units.slice(0, MAX_UNIT_ROWS);
  return (
    <div className="unit-rows" aria-label={`${noun === "hour" ? "Hours" : "Units"} in progress`}>
      {shown.map((unit) => (
        <div className="unit-row" key={unit.unit} data-testid="unit-row">
          <span className="unit-name tabular">{unit.unit}</span>
          <ProgressBar
            size="small"
            label={`${unit.unit} progress`}
            fraction={unit.totalBytes ? unit.bytes / unit.totalBytes : null}
          />
          <span className="unit-detail tabular small" title={unitDetail(unit)}>
            {unitDetail(unit)}
          </span>
        </div>
      ))}
      {units.length > MAX_UNIT_ROWS ? (
        <p className="small muted">and {units.length - MAX_UNIT_ROWS} more in flight</p>
      ) : null}
    </div>
  );
}
