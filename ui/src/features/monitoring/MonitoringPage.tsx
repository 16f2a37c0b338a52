// Monitoring: how runs perform and what they cost (Overview), what fired and the rules behind
// it (Alerts), which hours are complete (Coverage), and the engine's log (Logs). Each tab asks
// the engine again when it is shown, after every run and when another workspace is opened.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useRuns } from "../../app/RunContext";
import { useWorkspace } from "../../app/WorkspaceContext";
import type { MonitoringOverview, WireError } from "../../ipc/bindings";
import { monitoringOverview, toWireError } from "../../ipc/client";
import { AlertsPanel } from "./AlertsPanel";
import { CoveragePanel } from "./CoveragePanel";
import { LogViewer } from "./LogViewer";
import { OverviewPanel } from "./OverviewPanel";
import "./monitoring.css";

type TabId = "overview" | "alerts" | "coverage" | "logs";

const TABS: Array<{ id: TabId; label: string }> = [
  { id: "overview", label: "Overview" },
  { id: "alerts", label: "Alerts" },
  { id: "coverage", label: "Coverage" },
  { id: "logs", label: "Logs" },
];

export function MonitoringPage() {
  const { historyVersion } = useRuns();
  const { info } = useWorkspace();
  const dataVersion = `${info?.path ?? ""}|${historyVersion}`;
  const [tab, setTab] = useState<TabId>("overview");
  const [overview, setOverview] = useState<MonitoringOverview | null>(null);
  const [overviewError, setOverviewError] = useState<WireError | null>(null);

  const loadOverview = useCallback(async () => {
    try {
      setOverview(await monitoringOverview());
      setOverviewError(null);
    } catch (thrown) {
      setOverviewError(toWireError(thrown));
    }
  }, []);

  // The Logs tab filters by the overview's runs, so the overview loads whichever tab is open.
  useEffect(() => {
    void loadOverview();
  }, [loadOverview, dataVersion]);

  const panel = (id: TabId) => {
    switch (id) {
      case "overview":
        return (
          <OverviewPanel
            overview={overview}
            error={overviewError}
            dataVersion={dataVersion}
            onRefresh={() => void loadOverview()}
          />
        );
      case "alerts":
        return <AlertsPanel dataVersion={dataVersion} />;
      case "coverage":
        return <CoveragePanel dataVersion={dataVersion} />;
      case "logs":
        return <LogViewer runs={overview?.runs ?? null} dataVersion={dataVersion} />;
    }
  };

  return (
    <div className="monitoring" data-testid="monitoring-page">
      <MonitoringTabs tab={tab} onChange={setTab} />
      {/* Every panel exists, so each tab's aria-controls points somewhere; only the shown one
          holds content, which is loaded afresh each time it is shown. */}
      {TABS.map(({ id }) => (
        <div
          key={id}
          className="monitoring-panel"
          role="tabpanel"
          id={`monitoring-panel-${id}`}
          aria-labelledby={`monitoring-tab-${id}`}
          hidden={tab !== id}
          data-testid={`monitoring-panel-${id}`}
        >
          {tab === id ? panel(id) : null}
        </div>
      ))}
    </div>
  );
}

/** Tabs in the ARIA pattern: one tab stop, arrows (and Home/End) move between them. */
function MonitoringTabs({ tab, onChange }: { tab: TabId; onChange: (tab: TabId) => void }) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = TABS.length - 1;
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % TABS.length
        : event.key === "ArrowLeft"
          ? (index + last) % TABS.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    const target = next === null ? undefined : TABS[next];
    if (next === null || !target) return;
    event.preventDefault();
    onChange(target.id);
    buttons.current[next]?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="Monitoring">
      {TABS.map((entry, index) => (
        <button
          key={entry.id}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          role="tab"
          className="tab"
          id={`monitoring-tab-${entry.id}`}
          aria-selected={tab === entry.id}
          aria-controls={`monitoring-panel-${entry.id}`}
          tabIndex={tab === entry.id ? 0 : -1}
          data-testid={`monitoring-tab-${entry.id}`}
          onClick={() => onChange(entry.id)}
          onKeyDown={(event) => onKey(event, index)}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
