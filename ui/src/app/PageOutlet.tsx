import { useEffect, useRef } from "react";
import { CollectPage } from "../features/collect/CollectPage";
import { CredentialsPage } from "../features/credentials/CredentialsPage";
import { DashboardsPage } from "../features/dashboards/DashboardsPage";
import { DataPage } from "../features/data/DataPage";
import { MonitoringPage } from "../features/monitoring/MonitoringPage";
import { RunsPage } from "../features/runs/RunsPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { HomePage } from "../features/welcome/HomePage";
import { PAGES, useNavigation, type PageId } from "./navigation";

const COMPONENTS: Record<PageId, () => React.JSX.Element> = {
  home: HomePage,
  dashboards: DashboardsPage,
  collect: CollectPage,
  runs: RunsPage,
  credentials: CredentialsPage,
  monitoring: MonitoringPage,
  data: DataPage,
  settings: SettingsPage,
};

export function PageOutlet() {
  const { page } = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  // After navigating, move focus to the new page's heading so keyboard and screen-reader users
  // land on what they asked for (but not on start-up, where focus stays where the system put it).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [page]);

  const Page = COMPONENTS[page];
  const label = PAGES.find((p) => p.id === page)?.label ?? page;
  return (
    <>
      <h1 className="page-title" tabIndex={-1} ref={heading} data-testid="page-title">
        {label}
      </h1>
      <Page />
    </>
  );
}
