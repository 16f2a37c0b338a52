// Which page is showing. A desktop app with eight pages needs no router: one piece of state,
// shared so that pages can send people on (the welcome screen to Dashboards, Collect to Runs).

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

export type PageId = "home" | "dashboards" | "collect" | "runs" | "credentials" | "monitoring" | "data" | "settings";

export const PAGES: Array<{ id: PageId; label: string }> = [
  { id: "home", label: "Home" },
  { id: "dashboards", label: "Dashboards" },
  { id: "collect", label: "Collect" },
  { id: "runs", label: "Runs" },
  { id: "credentials", label: "Credentials" },
  { id: "monitoring", label: "Monitoring" },
  { id: "data", label: "Data" },
  { id: "settings", label: "Settings" },
];

interface Navigation {
  page: PageId;
  navigate: (page: PageId) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ initial = "home", children }: { initial?: PageId; children: ReactNode }) {
  const [page, setPage] = useState<PageId>(initial);
  const value = useMemo(() => ({ page, navigate: setPage }), [page]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error("useNavigation outside NavigationProvider");
  return value;
}
