// The open workspace (path, sample or not, its stats), shared by the header, Home, Dashboards
// and Settings, and refreshed whenever a run ends or another workspace is opened.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { WireError, WorkspaceInfo } from "../ipc/bindings";
import { toWireError, workspaceInfo } from "../ipc/client";

interface WorkspaceState {
  info: WorkspaceInfo | null;
  loading: boolean;
  error: WireError | null;
  refresh: () => Promise<void>;
  /** For commands that return the new info themselves (opening a workspace). */
  setInfo: (info: WorkspaceInfo) => void;
}

const WorkspaceContext = createContext<WorkspaceState | null>(null);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [info, setInfoState] = useState<WorkspaceInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<WireError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const next = await workspaceInfo();
      setInfoState(next);
      setError(null);
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      setLoading(false);
    }
  }, []);

  const setInfo = useCallback((next: WorkspaceInfo) => {
    setInfoState(next);
    setError(null);
    setLoading(false);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ info, loading, error, refresh, setInfo }), [info, loading, error, refresh, setInfo]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceState {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace outside WorkspaceProvider");
  return value;
}

/** Whether the workspace has events to chart. */
export function hasEvents(info: WorkspaceInfo | null): boolean {
  return (info?.stats?.events ?? 0) > 0;
}
