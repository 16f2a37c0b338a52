// Collect: build a scope, see its plan update as you type, and run it. The run itself is
// followed on the Runs page.

import { useCallback, useEffect, useMemo, useState } from "react";
import { useDebouncedValue } from "../../app/hooks";
import { useNavigation } from "../../app/navigation";
import { useRuns } from "../../app/RunContext";
import { planCollection, toWireError } from "../../ipc/client";
import {
  buildCollectionRequest,
  draftBlocker,
  draftFromRequest,
  isUnfiltered,
  type CollectDraft,
} from "../../lib/collectRequest";
import { browserStore, loadMirrorUrl } from "../../lib/preferences";
import { lastHours } from "../../lib/time";
import { PlanView, type PlanState } from "./PlanView";
import { SourceFields, TimeRangeFields } from "./RangeSourceFields";
import { ScopeFields } from "./ScopeFields";

// The draft outlives the page (a module variable, not a store: nothing else reads it), so a
// trip to Runs and back keeps what was typed.
let savedDraft: CollectDraft | null = null;

/** Starts the next Collect page from scratch (tests; a future "clear" button). */
export function forgetCollectDraft(): void {
  savedDraft = null;
}

function initialDraft(): CollectDraft {
  return {
    repos: [],
    repoText: "",
    orgs: [],
    orgText: "",
    ...lastHours(Date.now(), 24),
    source: "mirror",
    mirrorUrl: loadMirrorUrl(browserStore()),
    folder: "",
  };
}

export function CollectPage() {
  const { navigate } = useNavigation();
  const { collect, busy, lastRequest } = useRuns();
  const [draft, setDraft] = useState<CollectDraft>(
    () => savedDraft ?? (lastRequest ? draftFromRequest(lastRequest, loadMirrorUrl(browserStore())) : initialDraft()),
  );
  const [plan, setPlan] = useState<PlanState>({ kind: "planning" });

  const update = useCallback((change: Partial<CollectDraft>) => {
    setDraft((previous) => {
      const next = { ...previous, ...change };
      savedDraft = next;
      return next;
    });
  }, []);

  const request = useMemo(() => buildCollectionRequest(draft), [draft]);
  const blocker = draftBlocker(draft);
  const requestKey = JSON.stringify(request);
  const settledKey = useDebouncedValue(requestKey, 400);

  useEffect(() => {
    if (blocker) {
      setPlan({ kind: "waiting", reason: blocker });
      return;
    }
    let current = true;
    setPlan({ kind: "planning" });
    planCollection(JSON.parse(settledKey))
      .then((summary) => current && setPlan({ kind: "ready", plan: summary, key: settledKey }))
      .catch((thrown: unknown) => current && setPlan({ kind: "failed", error: toWireError(thrown), key: settledKey }));
    return () => {
      current = false;
    };
  }, [settledKey, blocker]);

  // A plan (or refusal) of an older draft would mislead: until the new one arrives, say so.
  const stale = (plan.kind === "ready" || plan.kind === "failed") && plan.key !== requestKey;
  const shownPlan: PlanState = stale ? { kind: "planning" } : plan;

  // Only a plan of exactly what is on screen may be run.
  const runnable = plan.kind === "ready" && plan.key === requestKey && plan.plan.units_to_run > 0 && !busy;

  const run = () => {
    if (!runnable) return;
    void collect(request);
    navigate("runs");
  };

  return (
    <div className="collect">
      <div className="collect-form">
        <ScopeFields draft={draft} update={update} />
        <TimeRangeFields draft={draft} update={update} />
        <SourceFields draft={draft} update={update} />
      </div>
      <div className="collect-side">
        <PlanView state={shownPlan} />
        {isUnfiltered(request) ? (
          <p className="warning small" data-testid="unfiltered-warning">
            No repository or organisation chosen: this keeps every public event on GitHub in the range.
          </p>
        ) : null}
        <button type="button" className="primary large" data-testid="run-button" disabled={!runnable} onClick={run}>
          Run
        </button>
        {busy ? <p className="small muted">A run is in progress; see Runs.</p> : null}
      </div>
    </div>
  );
}
