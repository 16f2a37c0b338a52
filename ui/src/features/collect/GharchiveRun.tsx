// GH Archive's side of the Collect page: the live plan of the scope and hours on screen, and
// Run. The run itself is followed on the Runs page.

import { useMemo } from "react";
import { useNavigation } from "../../app/navigation";
import { useRuns } from "../../app/RunContext";
import { planCollection } from "../../ipc/client";
import { buildCollectionRequest, draftBlocker, isUnfiltered, type CollectDraft } from "../../lib/collectRequest";
import { PlanView } from "./PlanView";
import { RunButton } from "./RunButton";
import { useLivePlan } from "./useLivePlan";

export function GharchiveRun({ draft }: { draft: CollectDraft }) {
  const { navigate } = useNavigation();
  const { collect, busy } = useRuns();
  const request = useMemo(() => buildCollectionRequest(draft), [draft]);
  const { shown, current } = useLivePlan(request, draftBlocker(draft), planCollection);
  const runnable = current !== null && current.units_to_run > 0 && !busy;

  const run = () => {
    if (!runnable) return;
    void collect({ source: "gharchive", request });
    navigate("runs");
  };

  return (
    <>
      <PlanView state={shown} />
      {isUnfiltered(request) ? (
        <p className="warning small" data-testid="unfiltered-warning">
          No repository or organisation chosen: this keeps every public event on GitHub in the range.
        </p>
      ) : null}
      <RunButton runnable={runnable} busy={busy} onRun={run} />
    </>
  );
}
