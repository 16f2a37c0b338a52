// The sample workspace's load, from the same run state as the Runs panel. Before the engine's
// first event it is generating the hour files, which has no measurable progress.

import { useRuns } from "../../app/RunContext";
import { ErrorText } from "../../components/ErrorText";
import { ProgressBar } from "../../components/ProgressBar";
import { formatCount } from "../../lib/format";
import { overallFraction, unitsFinished } from "../../lib/runProgress";

export function SampleProgress() {
  const { run } = useRuns();
  if (run.kind !== "sample" || run.phase === "idle") return <div className="sample-progress-slot" />;
  const loading = run.phase === "running";
  const text = !loading
    ? run.error
      ? "The sample workspace could not be opened."
      : "The sample workspace is ready."
    : run.startedAt === null
      ? "Generating the sample hours…"
      : `Loading hour ${formatCount(Math.min(unitsFinished(run) + 1, run.unitsToRun))} of ${formatCount(run.unitsToRun)} · ${formatCount(run.eventsLoaded)} events`;
  return (
    <div className="sample-progress-slot" aria-live="polite">
      {loading ? <ProgressBar fraction={overallFraction(run)} label="Loading the sample workspace" testId="sample-progress" /> : null}
      <p className="small tabular">{text}</p>
      {run.error ? <ErrorText error={run.error} testId="sample-error" /> : null}
    </div>
  );
}
