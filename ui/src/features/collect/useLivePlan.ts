// The live plan of whatever is on screen: asked again once typing settles, and never shown or
// run for an older draft than the one on screen. Shared by both sources of the Collect page.

import { useEffect, useState } from "react";
import { useDebouncedValue } from "../../app/hooks";
import type { WireError } from "../../ipc/bindings";
import { toWireError } from "../../ipc/client";

export type PlanState<P> =
  | { kind: "waiting"; reason: string }
  | { kind: "planning" }
  | { kind: "ready"; plan: P; key: string }
  | { kind: "failed"; error: WireError; key: string };

export interface LivePlan<P> {
  /** What to show: "planning" while the plan on hand is of an older draft. */
  shown: PlanState<P>;
  /** The plan of exactly the request on screen, the only one that may be run. */
  current: P | null;
}

const SETTLE_MS = 400;

/** `ask` must be stable (a module-level client function). */
export function useLivePlan<R, P>(request: R, blocker: string | null, ask: (request: R) => Promise<P>): LivePlan<P> {
  const [plan, setPlan] = useState<PlanState<P>>({ kind: "planning" });
  const requestKey = JSON.stringify(request);
  const settledKey = useDebouncedValue(requestKey, SETTLE_MS);

  useEffect(() => {
    if (blocker) {
      setPlan({ kind: "waiting", reason: blocker });
      return;
    }
    let current = true;
    setPlan({ kind: "planning" });
    ask(JSON.parse(settledKey) as R)
      .then((summary) => current && setPlan({ kind: "ready", plan: summary, key: settledKey }))
      .catch((thrown: unknown) => current && setPlan({ kind: "failed", error: toWireError(thrown), key: settledKey }));
    return () => {
      current = false;
    };
  }, [settledKey, blocker, ask]);

  // A plan (or refusal) of an older draft would mislead: until the new one arrives, say so.
  const stale = (plan.kind === "ready" || plan.kind === "failed") && plan.key !== requestKey;
  return {
    shown: stale ? { kind: "planning" } : plan,
    current: plan.kind === "ready" && plan.key === requestKey ? plan.plan : null,
  };
}
