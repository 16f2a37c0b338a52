// The GitHub API's side of the Collect page: the live plan with its cost against the token's
// budget, and Run, which streams into the same live-run panel as GH Archive runs.

import { useEffect, useMemo, useState } from "react";
import { useNavigation } from "../../app/navigation";
import { useRuns } from "../../app/RunContext";
import type { Fact } from "../../ipc/bindings";
import { listSettings, planGithubCollection } from "../../ipc/client";
import { buildGithubRequest, githubBlocker, parseWhenExhausted, type ScopeDraft, type WhenExhausted } from "../../lib/githubRequest";
import { WHEN_EXHAUSTED_KEY } from "../../lib/settings";
import { GithubPlanView } from "./GithubPlanView";
import { RunButton } from "./RunButton";
import { useLivePlan } from "./useLivePlan";

export function GithubRun({ draft, facts }: { draft: ScopeDraft; facts: Fact[] }) {
  const { navigate } = useNavigation();
  const { collect, busy } = useRuns();
  const request = useMemo(() => buildGithubRequest(draft, facts), [draft, facts]);
  const { shown, current } = useLivePlan(request, githubBlocker(request), planGithubCollection);
  const whenExhausted = useWhenExhausted();
  const runnable = current !== null && current.units_total > 0 && !busy;

  const run = () => {
    if (!runnable) return;
    void collect({ source: "github", request });
    navigate("runs");
  };

  return (
    <>
      <GithubPlanView state={shown} whenExhausted={whenExhausted} onCredentials={() => navigate("credentials")} />
      <RunButton runnable={runnable} busy={busy} onRun={run} />
    </>
  );
}

/** The workspace's `github.when_exhausted`, or null while unknown (the warning says both). */
function useWhenExhausted(): WhenExhausted | null {
  const [value, setValue] = useState<WhenExhausted | null>(null);
  useEffect(() => {
    let current = true;
    listSettings()
      .then((all) => current && setValue(parseWhenExhausted(all.find((s) => s.key === WHEN_EXHAUSTED_KEY)?.value)))
      // Only the wording of a warning depends on it.
      .catch(() => current && setValue(null));
    return () => {
      current = false;
    };
  }, []);
  return value;
}
