// The dashboard selection (mode, repositories, range...), kept above the pages so that going
// to Collect and back does not lose what was being looked at.

import { createContext, useContext, useMemo, useState, type Dispatch, type ReactNode, type SetStateAction } from "react";
import { initialSelection, type DashboardSelection } from "../../lib/chartModes";

interface SelectionStore {
  selection: DashboardSelection;
  setSelection: Dispatch<SetStateAction<DashboardSelection>>;
}

const SelectionContext = createContext<SelectionStore | null>(null);

export function DashboardSelectionProvider({ children }: { children: ReactNode }) {
  const [selection, setSelection] = useState<DashboardSelection>(initialSelection);
  const value = useMemo(() => ({ selection, setSelection }), [selection]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useDashboardSelection(): SelectionStore {
  const value = useContext(SelectionContext);
  if (!value) throw new Error("useDashboardSelection outside DashboardSelectionProvider");
  return value;
}
