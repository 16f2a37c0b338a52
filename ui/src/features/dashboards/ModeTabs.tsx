// The four dashboard modes as a tab list.

import { TabList } from "../../components/TabList";
import { MODES, type DashboardMode } from "../../lib/chartModes";

export function ModeTabs({ mode, onChange }: { mode: DashboardMode; onChange: (mode: DashboardMode) => void }) {
  return (
    <TabList
      tabs={MODES}
      selected={mode}
      onChange={onChange}
      label="Dashboard mode"
      tabId={(id) => `mode-tab-${id}`}
      testId={(id) => `mode-${id}`}
    />
  );
}
