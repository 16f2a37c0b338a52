// Monitoring: how runs perform and what they cost (Overview), what fired and the rules behind
// it (Alerts), which hours are complete (Coverage), and the engine's log (Logs). Each tab asks
// the engine again when it is shown, after every run and when another workspace is opened.

import { useCallback, useEffect, useState } from "react";
import { useRuns } from "../../app/RunContext";
import { useWorkspace } from "../../app/WorkspaceContext";
import { TabList } from "../../components/TabList";
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
      <TabList
        tabs={TABS}
        selected={tab}
        onChange={setTab}
        label="Monitoring"
        tabId={(id) => `monitoring-tab-${id}`}
        testId={(id) => `monitoring-tab-${id}`}
        panelId={(id) => `monitoring-panel-${id}`}
      />
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
