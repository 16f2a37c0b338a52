// The live run, held above the pages so that it survives navigation: a collection started on
// Collect, or the sample workspace's load started on Home, is followed on any page and in the
// Runs panel. One run at a time, as the engine allows.

import { createContext, useCallback, useContext, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import type { Progress, WorkspaceInfo } from "../ipc/bindings";
import {
  cancelRun,
  openSampleWorkspace,
  startBigqueryCollection,
  startCollection,
  startGithubCollection,
  toWireError,
} from "../ipc/client";
import { initialRunProgress, runProgressReducer, type RunProgressState } from "../lib/runProgress";
import type { RunRequest } from "../lib/runRequest";
import { useWorkspace } from "./WorkspaceContext";

interface RunStore {
  run: RunProgressState;
  busy: boolean;
  /** The request of the last collection started, for "Retry failed units". */
  lastRequest: RunRequest | null;
  /** Bumped when a run ends, so history tables know to reload. */
  historyVersion: number;
  /** Starts a collection from GH Archive or the GitHub API; both stream the same Progress. */
  collect: (request: RunRequest) => Promise<void>;
  /** Opens (building on first use) the sample workspace; resolves with it, or null on failure. */
  openSample: () => Promise<WorkspaceInfo | null>;
  cancel: () => Promise<void>;
}

const RunContext = createContext<RunStore | null>(null);

export function RunProvider({ children }: { children: ReactNode }) {
  const [run, dispatch] = useReducer(runProgressReducer, initialRunProgress);
  const [lastRequest, setLastRequest] = useState<RunRequest | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const { refresh, setInfo } = useWorkspace();
  // A ref, not state: two clicks in the same frame must not start two runs.
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);

  const claim = useCallback(() => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(true);
    return true;
  }, []);

  const release = useCallback(() => {
    busyRef.current = false;
    setBusy(false);
    setHistoryVersion((v) => v + 1);
  }, []);

  const onProgress = useCallback((event: Progress) => dispatch({ type: "progress", event, at: Date.now() }), []);

  const collect = useCallback(
    async (request: RunRequest) => {
      if (!claim()) return;
      setLastRequest(request);
      dispatch({ type: "begin", kind: "collection", at: Date.now() });
      try {
        const summary =
          request.source === "github"
            ? await startGithubCollection(request.request, onProgress)
            : request.source === "bigquery"
              ? await startBigqueryCollection(request.request, onProgress)
              : await startCollection(request.request, onProgress);
        dispatch({ type: "resolved", summary, at: Date.now() });
      } catch (thrown) {
        dispatch({ type: "rejected", error: toWireError(thrown), at: Date.now() });
      } finally {
        release();
        await refresh();
      }
    },
    [claim, release, onProgress, refresh],
  );

  const openSample = useCallback(async () => {
    if (!claim()) return null;
    dispatch({ type: "begin", kind: "sample", at: Date.now() });
    let sawProgress = false;
    try {
      const info = await openSampleWorkspace((event) => {
        sawProgress = true;
        onProgress(event);
      });
      setInfo(info);
      // A sample workspace that was already built opens with no run: nothing to show.
      dispatch(sawProgress ? { type: "resolved", summary: null, at: Date.now() } : { type: "reset" });
      return info;
    } catch (thrown) {
      dispatch({ type: "rejected", error: toWireError(thrown), at: Date.now() });
      await refresh();
      return null;
    } finally {
      release();
    }
  }, [claim, release, onProgress, refresh, setInfo]);

  const cancel = useCallback(async () => {
    dispatch({ type: "cancel_requested" });
    try {
      await cancelRun();
    } catch {
      // The run's own result reports how it ended; a failed cancel changes nothing to show.
    }
  }, []);

  const value = useMemo(
    () => ({ run, busy, lastRequest, historyVersion, collect, openSample, cancel }),
    [run, busy, lastRequest, historyVersion, collect, openSample, cancel],
  );
  return <RunContext.Provider value={value}>{children}</RunContext.Provider>;
}

export function useRuns(): RunStore {
  const value = useContext(RunContext);
  if (!value) throw new Error("useRuns outside RunProvider");
  return value;
}
