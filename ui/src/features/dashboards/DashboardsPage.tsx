// Dashboards: pick a mode and a subject, a range and a granularity; every chart that makes
// sense for the mode is drawn from the engine's data.

import { useCallback, useEffect, useMemo, useState } from "react";
import { useDebouncedValue } from "../../app/hooks";
import { useNavigation } from "../../app/navigation";
import { useRuns } from "../../app/RunContext";
import { hasEvents, useWorkspace } from "../../app/WorkspaceContext";
import type { ChartSpec } from "../../ipc/bindings";
import { chartCatalogue } from "../../ipc/client";
import {
  autoGranularityOf,
  buildChartQuery,
  CHARTS_BY_MODE,
  type DashboardSelection,
} from "../../lib/chartModes";
import { ChartCard } from "./ChartCard";
import { ModeTabs } from "./ModeTabs";
import { RangeControls } from "./RangeControls";
import { useDashboardSelection } from "./selectionStore";
import { SubjectPicker } from "./SubjectPicker";
import { useMostActiveRepository } from "./useMostActiveRepository";
import "./dashboards.css";

export function DashboardsPage() {
  const { info, loading } = useWorkspace();
  const { selection, setSelection } = useDashboardSelection();
  const [catalogue, setCatalogue] = useState<Map<string, ChartSpec>>(new Map());

  useEffect(() => {
    let current = true;
    chartCatalogue()
      .then((specs) => current && setCatalogue(new Map(specs.map((spec) => [spec.id, spec]))))
      // Without the catalogue the cards still work; they just show their ids as titles.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  const update = useCallback(
    (change: Partial<DashboardSelection>) => setSelection((previous) => ({ ...previous, ...change })),
    [setSelection],
  );

  useMostActiveRepository(info, selection, update);

  // Typed fields settle before they become a query: one request per pause, not per key.
  const org = useDebouncedValue(selection.org, 400);
  const customFrom = useDebouncedValue(selection.customFrom, 400);
  const customTo = useDebouncedValue(selection.customTo, 400);
  const lastEventAt = info?.stats?.last_event_at ?? null;
  const firstEventAt = info?.stats?.first_event_at ?? null;
  const built = useMemo(
    () => buildChartQuery({ ...selection, org, customFrom, customTo }, lastEventAt, firstEventAt),
    [selection, org, customFrom, customTo, lastEventAt, firstEventAt],
  );

  if (loading && !info) return <p className="muted">Opening the workspace…</p>;
  if (!hasEvents(info)) return <NoData />;

  return (
    <div className="dashboards">
      <section className="card controls" aria-label="What to show">
        <ModeTabs mode={selection.mode} onChange={(mode) => update({ mode })} />
        <div className="controls-row" role="tabpanel" aria-labelledby={`mode-tab-${selection.mode}`}>
          <SubjectPicker selection={selection} update={update} />
          <RangeControls
            selection={selection}
            update={update}
            hasLastEvent={lastEventAt !== null}
            autoGranularity={autoGranularityOf(
              { ...selection, customFrom, customTo },
              lastEventAt,
              firstEventAt,
            )}
          />
        </div>
      </section>
      {"needs" in built ? (
        <div className="empty-state">
          <p data-testid="dashboard-empty">{built.needs}</p>
          {selection.mode !== "workspace" ? (
            <p className="small">Or choose Workspace for charts over everything the workspace holds.</p>
          ) : null}
        </div>
      ) : (
        <div className="chart-grid" data-testid="chart-grid">
          {CHARTS_BY_MODE[selection.mode].map((id) => {
            const spec = catalogue.get(id);
            return (
              <ChartCard
                key={id}
                id={id}
                title={spec?.title ?? id}
                definition={spec?.definition ?? ""}
                query={built.query}
                dataVersion={`${info?.path ?? ""}:${info?.stats?.events ?? 0}`}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

function NoData() {
  const { navigate } = useNavigation();
  const { openSample, busy } = useRuns();
  return (
    <div className="empty-state" data-testid="dashboard-empty">
      <p>This workspace has no data yet: open the sample workspace or collect some.</p>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={() => void openSample()}>
          Open the sample workspace
        </button>
        <button type="button" onClick={() => navigate("collect")}>
          Collect data
        </button>
      </div>
    </div>
  );
}
