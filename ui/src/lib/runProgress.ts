// The live state of one run (a collection or the sample workspace's load), folded from the
// engine's Progress stream. Pure: time comes in with each action, so the reducer and its ETA
// are tested without clocks, and React only stores what this returns.

import type { Progress, RunStatus, RunSummary, UnitFailure, WireError } from "../ipc/bindings";

export type RunKind = "collection" | "sample";

/** A unit being worked on right now. */
export interface UnitInFlight {
  unit: string;
  phase: "started" | "downloading" | "decoding" | "retrying" | "waiting" | "querying" | "paging";
  /** Downloaded bytes, compressed bytes decoded so far, or result rows read (paging). */
  bytes: number;
  totalBytes: number | null;
  events: number;
  rejected: number;
  attempt: number;
  retryReason: string | null;
  /** A rate limit holds the unit until this unix second. */
  waitingUntil: number | null;
  /** How long its remote job (a BigQuery query) has run, in milliseconds. */
  queryMs: number;
}

export interface RunProgressState {
  phase: "idle" | "running" | "finished";
  kind: RunKind;
  runId: number | null;
  source: string | null;
  unitsTotal: number;
  unitsToRun: number;
  unitsSkipped: number;
  estimatedBytes: number;
  unitsDone: number;
  unitsMissing: number;
  unitsFailed: number;
  eventsLoaded: number;
  duplicates: number;
  quarantined: number;
  outOfScope: number;
  inFlight: UnitInFlight[];
  failures: UnitFailure[];
  missing: string[];
  /** When the request was sent, and when the engine said the run started (ms). */
  requestedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  cancelRequested: boolean;
  summary: RunSummary | null;
  /** The command itself failed (bad request, no network before the run started...). */
  error: WireError | null;
  /** Whether any Progress arrived: opening a ready sample workspace sends none. */
  sawProgress: boolean;
}

export type RunAction =
  | { type: "begin"; kind: RunKind; at: number }
  | { type: "progress"; event: Progress; at: number }
  | { type: "cancel_requested" }
  | { type: "resolved"; summary: RunSummary | null; at: number }
  | { type: "rejected"; error: WireError; at: number }
  | { type: "reset" };

export const initialRunProgress: RunProgressState = {
  phase: "idle",
  kind: "collection",
  runId: null,
  source: null,
  unitsTotal: 0,
  unitsToRun: 0,
  unitsSkipped: 0,
  estimatedBytes: 0,
  unitsDone: 0,
  unitsMissing: 0,
  unitsFailed: 0,
  eventsLoaded: 0,
  duplicates: 0,
  quarantined: 0,
  outOfScope: 0,
  inFlight: [],
  failures: [],
  missing: [],
  requestedAt: null,
  startedAt: null,
  finishedAt: null,
  cancelRequested: false,
  summary: null,
  error: null,
  sawProgress: false,
};

function updateUnit(
  inFlight: UnitInFlight[],
  unit: string,
  change: (current: UnitInFlight) => UnitInFlight,
): UnitInFlight[] {
  const index = inFlight.findIndex((u) => u.unit === unit);
  const current: UnitInFlight = inFlight[index] ?? {
    unit,
    phase: "started",
    bytes: 0,
    totalBytes: null,
    events: 0,
    rejected: 0,
    attempt: 0,
    retryReason: null,
    waitingUntil: null,
    queryMs: 0,
  };
  const next = change(current);
  if (index < 0) return [...inFlight, next];
  return inFlight.map((u, i) => (i === index ? next : u));
}

function withoutUnit(inFlight: UnitInFlight[], unit: string): UnitInFlight[] {
  return inFlight.filter((u) => u.unit !== unit);
}

/** Applies the final summary: the engine's counts win over the ones folded from events. */
function finish(state: RunProgressState, summary: RunSummary, at: number): RunProgressState {
  return {
    ...state,
    phase: "finished",
    runId: summary.run_id,
    unitsTotal: summary.units_total,
    unitsSkipped: summary.units_skipped,
    unitsDone: summary.units_done,
    unitsMissing: summary.units_missing,
    unitsFailed: summary.units_failed,
    eventsLoaded: summary.events_loaded,
    duplicates: summary.duplicates,
    quarantined: summary.quarantined,
    outOfScope: summary.out_of_scope,
    failures: summary.failures,
    missing: summary.missing,
    inFlight: [],
    summary,
    finishedAt: state.finishedAt ?? at,
  };
}

function applyProgress(state: RunProgressState, event: Progress, at: number): RunProgressState {
  const seen = { ...state, sawProgress: true };
  switch (event.event) {
    case "run_started":
      return {
        ...seen,
        runId: event.run_id,
        source: event.source,
        unitsTotal: event.units_total,
        unitsToRun: event.units_to_run,
        unitsSkipped: event.units_skipped,
        estimatedBytes: event.estimated_bytes,
        startedAt: at,
      };
    case "unit_started":
      return { ...seen, inFlight: updateUnit(state.inFlight, event.unit, (u) => ({ ...u, phase: "started" })) };
    case "unit_downloading":
      return {
        ...seen,
        inFlight: updateUnit(state.inFlight, event.unit, (u) => ({
          ...u,
          phase: "downloading",
          bytes: event.bytes,
          totalBytes: event.total_bytes,
        })),
      };
    case "unit_decoding":
      return {
        ...seen,
        inFlight: updateUnit(state.inFlight, event.unit, (u) => ({
          ...u,
          phase: "decoding",
          bytes: event.compressed_bytes,
          totalBytes: event.total_bytes,
          events: event.events,
          rejected: event.rejected,
        })),
      };
    case "unit_retrying":
      return {
        ...seen,
        inFlight: updateUnit(state.inFlight, event.unit, (u) => ({
          ...u,
          phase: "retrying",
          attempt: event.attempt,
          retryReason: event.reason,
        })),
      };
    case "unit_waiting":
      return {
        ...seen,
        inFlight: updateUnit(state.inFlight, event.unit, (u) => ({ ...u, phase: "waiting", waitingUntil: event.until })),
      };
    case "unit_querying":
      return {
        ...seen,
        inFlight: updateUnit(state.inFlight, event.unit, (u) => ({ ...u, phase: "querying", queryMs: event.elapsed_ms })),
      };
    case "unit_paging":
      return {
        ...seen,
        inFlight: updateUnit(state.inFlight, event.unit, (u) => ({
          ...u,
          phase: "paging",
          bytes: event.rows_read,
          totalBytes: event.rows_total,
        })),
      };
    case "unit_done":
      return {
        ...seen,
        unitsDone: state.unitsDone + 1,
        eventsLoaded: state.eventsLoaded + event.events_loaded,
        duplicates: state.duplicates + event.duplicates,
        quarantined: state.quarantined + event.quarantined,
        outOfScope: state.outOfScope + event.out_of_scope,
        inFlight: withoutUnit(state.inFlight, event.unit),
      };
    case "unit_missing":
      return {
        ...seen,
        unitsMissing: state.unitsMissing + 1,
        missing: [...state.missing, event.unit],
        inFlight: withoutUnit(state.inFlight, event.unit),
      };
    case "unit_failed":
      return {
        ...seen,
        unitsFailed: state.unitsFailed + 1,
        failures: [...state.failures, { unit: event.unit, reason: event.reason }],
        inFlight: withoutUnit(state.inFlight, event.unit),
      };
    case "run_finished":
      return finish(seen, event.summary, at);
  }
}

export function runProgressReducer(state: RunProgressState, action: RunAction): RunProgressState {
  switch (action.type) {
    case "begin":
      return { ...initialRunProgress, phase: "running", kind: action.kind, requestedAt: action.at };
    case "progress":
      // A late event from a run that already ended must not reopen it.
      if (state.phase !== "running") return state;
      return applyProgress(state, action.event, action.at);
    case "cancel_requested":
      return state.phase === "running" ? { ...state, cancelRequested: true } : state;
    case "resolved":
      if (action.summary) return finish(state, action.summary, action.at);
      return { ...state, phase: "finished", inFlight: [], finishedAt: state.finishedAt ?? action.at };
    case "rejected":
      return { ...state, phase: "finished", inFlight: [], error: action.error, finishedAt: action.at };
    case "reset":
      return initialRunProgress;
  }
}

/** Units that have ended one way or another. */
export function unitsFinished(state: RunProgressState): number {
  return state.unitsDone + state.unitsMissing + state.unitsFailed;
}

/** 0..1 of the units to run, or null before the engine has said how many there are. */
export function overallFraction(state: RunProgressState): number | null {
  if (state.phase === "finished") return 1;
  if (state.startedAt === null) return null;
  if (state.unitsToRun === 0) return 1;
  return Math.min(1, unitsFinished(state) / state.unitsToRun);
}

/**
 * Milliseconds left, from the average wall-clock time per finished unit so far (so units that
 * run in parallel count at the rate they really finish). Null until one unit has finished.
 */
export function etaMs(state: RunProgressState, now: number): number | null {
  if (state.phase !== "running" || state.startedAt === null) return null;
  const finished = unitsFinished(state);
  if (finished === 0) return null;
  const remaining = Math.max(0, state.unitsToRun - finished);
  const perUnit = Math.max(0, now - state.startedAt) / finished;
  return Math.round(perUnit * remaining);
}

/** The run's final status, exactly as the engine names it, once known. */
export function finalStatus(state: RunProgressState): RunStatus | null {
  if (state.summary) return state.summary.status;
  if (state.phase === "finished" && state.error) {
    return state.error.code === "cancelled" ? "cancelled" : "failed";
  }
  return null;
}

/** Whether re-running the same request has something to retry. */
export function hasRetryableUnits(state: RunProgressState): boolean {
  if (state.phase !== "finished") return false;
  const status = finalStatus(state);
  return state.unitsFailed > 0 || state.unitsMissing > 0 || (status !== null && status !== "completed");
}

/** What the run's units are called: GH Archive's are hours, the GitHub API's per repository and fact. */
export function unitNoun(state: Pick<RunProgressState, "source">): string {
  return state.source === "github" ? "unit" : "hour";
}
