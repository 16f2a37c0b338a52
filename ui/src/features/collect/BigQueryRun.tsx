// BigQuery's side of the Collect page: the mode, the live priced plan, and Run (refused by the
// engine over budget, so the button is off when the plan says so).

import { useMemo } from "react";
import { useNavigation } from "../../app/navigation";
import { useRuns } from "../../app/RunContext";
import { planBigqueryCollection } from "../../ipc/client";
import { bigqueryBlocker, buildBigQueryRequest, type BigQueryDraft } from "../../lib/bigqueryRequest";
import type { BigQueryModeChoice } from "../../lib/runRequest";
import { BigQueryPlanView } from "./BigQueryPlanView";
import { RunButton } from "./RunButton";
import { useLivePlan } from "./useLivePlan";

export function BigQueryRun({ draft, mode }: { draft: BigQueryDraft; mode: BigQueryModeChoice }) {
  const { navigate } = useNavigation();
  const { collect, busy } = useRuns();
  const request = useMemo(() => buildBigQueryRequest(draft, mode), [draft, mode]);
  const { shown, current } = useLivePlan(request, bigqueryBlocker(request), planBigqueryCollection);
  const runnable = current !== null && current.units_to_run > 0 && current.refused === null && !busy;

  const run = () => {
    if (!runnable) return;
    void collect({ source: "bigquery", request });
    navigate("runs");
  };

  return (
    <>
      <BigQueryPlanView
        state={shown}
        onCredentials={() => navigate("credentials")}
        onSettings={() => navigate("settings")}
      />
      <RunButton runnable={runnable} busy={busy} onRun={run} />
    </>
  );
}
