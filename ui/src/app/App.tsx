// The shell: providers that outlive pages (theme, workspace, live run, navigation, dashboard
// selection), the sidebar, the header, and the current page.

import { DashboardSelectionProvider } from "../features/dashboards/selectionStore";
import { Header } from "./Header";
import { NavigationProvider, type PageId } from "./navigation";
import { PageOutlet } from "./PageOutlet";
import { RunProvider } from "./RunContext";
import { Sidebar } from "./Sidebar";
import { ThemeProvider } from "./ThemeContext";
import { WorkspaceProvider } from "./WorkspaceContext";

export function App({ initialPage = "home" }: { initialPage?: PageId }) {
  return (
    <ThemeProvider>
      <WorkspaceProvider>
        <RunProvider>
          <NavigationProvider initial={initialPage}>
            <DashboardSelectionProvider>
              <div className="shell">
                <Sidebar />
                <div className="main-column">
                  <Header />
                  <main className="page" id="main">
                    <PageOutlet />
                  </main>
                </div>
              </div>
            </DashboardSelectionProvider>
          </NavigationProvider>
        </RunProvider>
      </WorkspaceProvider>
    </ThemeProvider>
  );
}
