import { describe, expect, it } from "vitest";
import type { Progress, RunSummary } from "../ipc/bindings";
import {
  etaMs,
  finalStatus,
  hasRetryableUnits,
  initialRunProgress,
  overallFraction,
  runProgressReducer,
  unitNoun,
  type RunAction,
  type RunProgressState,
} from "./runProgress";

const T0 = 1_000_000;

function fold(actions: RunAction[], from: RunProgressState = initialRunProgress): RunProgressState {
  return actions.reduce(runProgressReducer, from);
}

const p = (event: Progress, at: number): RunAction => ({ type: "progress", event, at });

const started: RunAction[] = [
  { type: "begin", kind: "collection", at: T0 - 500 },
  p(
    {
      event: "run_started",
      run_id: 7,
      source: "gharchive",
      units_total: 12,
      units_to_run: 10,
      units_skipped: 2,
      estimated_bytes: 1000,
    },
    T0,
  ),
];

function summary(overrides: Partial<RunSummary>): RunSummary {
  return {
    run_id: 7,
    status: "completed",
    units_total: 12,
    units_skipped: 2,
    units_done: 10,
    units_missing: 0,
    units_failed: 0,
    units_cancelled: 0,
    events_loaded: 500,
    duplicates: 3,
    quarantined: 1,
    out_of_scope: 9,
    elapsed_ms: 4000,
    staging_ms: 10,
    commit_ms: 20,
    failures: [],
    missing: [],
    ...overrides,
  };
}

describe("runProgressReducer", () => {
  it("knows nothing about the size of the run before run_started", () => {
    const state = fold([{ type: "begin", kind: "sample", at: T0 }]);
    expect(state.phase).toBe("running");
    expect(state.kind).toBe("sample");
    expect(overallFraction(state)).toBeNull();
    expect(etaMs(state, T0 + 5000)).toBeNull();
  });

  it("tracks units in flight through download and decoding", () => {
    const state = fold([
      ...started,
      p({ event: "unit_started", unit: "2024-01-15-10" }, T0 + 1),
      p({ event: "unit_downloading", unit: "2024-01-15-10", bytes: 300, total_bytes: 1000 }, T0 + 2),
      p({ event: "unit_started", unit: "2024-01-15-11" }, T0 + 3),
      p(
        { event: "unit_decoding", unit: "2024-01-15-10", compressed_bytes: 600, total_bytes: 1000, events: 40, rejected: 2 },
        T0 + 4,
      ),
    ]);
    expect(state.runId).toBe(7);
    expect(state.unitsToRun).toBe(10);
    expect(state.inFlight.map((u) => [u.unit, u.phase])).toEqual([
      ["2024-01-15-10", "decoding"],
      ["2024-01-15-11", "started"],
    ]);
    expect(state.inFlight[0]).toMatchObject({ bytes: 600, totalBytes: 1000, events: 40, rejected: 2 });
  });

  it("counts finished units and their events, and drops them from the in-flight list", () => {
    const state = fold([
      ...started,
      p({ event: "unit_started", unit: "a" }, T0 + 1),
      p({ event: "unit_done", unit: "a", events_loaded: 100, duplicates: 2, quarantined: 1, out_of_scope: 5 }, T0 + 2),
      p({ event: "unit_missing", unit: "b", reason: "404" }, T0 + 3),
      p({ event: "unit_retrying", unit: "c", attempt: 2, reason: "timeout", delay_ms: 500 }, T0 + 4),
      p({ event: "unit_failed", unit: "c", reason: "gave up" }, T0 + 5),
    ]);
    expect(state).toMatchObject({
      unitsDone: 1,
      unitsMissing: 1,
      unitsFailed: 1,
      eventsLoaded: 100,
      duplicates: 2,
      quarantined: 1,
      missing: ["b"],
      failures: [{ unit: "c", reason: "gave up" }],
    });
    expect(state.inFlight).toEqual([]);
    expect(overallFraction(state)).toBeCloseTo(0.3);
  });

  it("shows a unit held by a rate limit as waiting, until it goes on", () => {
    const waiting = fold([
      ...started,
      p({ event: "unit_started", unit: "events:a/b" }, T0 + 1),
      p({ event: "unit_waiting", unit: "events:a/b", until: 1_800_000_000, primary: true }, T0 + 2),
    ]);
    expect(waiting.inFlight[0]).toMatchObject({ phase: "waiting", waitingUntil: 1_800_000_000 });
    const done = fold([
      ...started,
      p({ event: "unit_waiting", unit: "events:a/b", until: 1_800_000_000, primary: false }, T0 + 2),
      p({ event: "unit_done", unit: "events:a/b", events_loaded: 3, duplicates: 0, quarantined: 0, out_of_scope: 0 }, T0 + 3),
    ]);
    expect(done.inFlight).toEqual([]);
    expect(done.eventsLoaded).toBe(3);
  });

  it("estimates the time left from the average time per finished unit", () => {
    const done = (unit: string, at: number) =>
      p({ event: "unit_done", unit, events_loaded: 1, duplicates: 0, quarantined: 0, out_of_scope: 0 }, at);
    const state = fold([...started, done("a", T0 + 2000), done("b", T0 + 4000)]);
    // 2 of 10 units in 4 s (measured from run_started, not from the click): 8 left at 2 s each.
    expect(etaMs(state, T0 + 4000)).toBe(16_000);
    // Time passing without progress makes the estimate grow, not stall.
    expect(etaMs(state, T0 + 6000)).toBe(24_000);
    expect(etaMs(fold(started), T0 + 6000)).toBeNull();
  });

  it("takes the engine's summary as the final word when the run finishes", () => {
    const state = fold([
      ...started,
      p({ event: "unit_started", unit: "a" }, T0 + 1),
      p({ event: "run_finished", summary: summary({ units_done: 9, units_missing: 1, missing: ["x"] }) }, T0 + 9000),
    ]);
    expect(state.phase).toBe("finished");
    expect(state.unitsDone).toBe(9);
    expect(state.eventsLoaded).toBe(500);
    expect(state.inFlight).toEqual([]);
    expect(state.finishedAt).toBe(T0 + 9000);
    expect(finalStatus(state)).toBe("completed");
    expect(overallFraction(state)).toBe(1);
    expect(etaMs(state, T0 + 9999)).toBeNull();
    expect(hasRetryableUnits(state)).toBe(true);
  });

  it("records a cancel request and ends as the engine says: cancelled", () => {
    const cancelling = fold([...started, { type: "cancel_requested" }]);
    expect(cancelling.cancelRequested).toBe(true);
    expect(cancelling.phase).toBe("running");
    const ended = runProgressReducer(cancelling, {
      type: "resolved",
      summary: summary({ status: "cancelled", units_done: 3, units_cancelled: 7 }),
      at: T0 + 100,
    });
    expect(finalStatus(ended)).toBe("cancelled");
    expect(hasRetryableUnits(ended)).toBe(true);
  });

  it("ignores events after the end and a cancel when nothing runs", () => {
    const ended = fold([...started, { type: "resolved", summary: summary({}), at: T0 + 10 }]);
    const late = runProgressReducer(ended, p({ event: "unit_started", unit: "late" }, T0 + 20));
    expect(late).toBe(ended);
    expect(runProgressReducer(initialRunProgress, { type: "cancel_requested" })).toBe(initialRunProgress);
    expect(hasRetryableUnits(ended)).toBe(false);
  });

  it("reports a command that failed before any progress", () => {
    const state = fold([
      { type: "begin", kind: "collection", at: T0 },
      { type: "rejected", error: { code: "network", message: "mirror unreachable" }, at: T0 + 50 },
    ]);
    expect(state.phase).toBe("finished");
    expect(state.error?.message).toBe("mirror unreachable");
    expect(finalStatus(state)).toBe("failed");
    expect(state.sawProgress).toBe(false);
  });

  it("starts afresh on begin", () => {
    const ended = fold([...started, { type: "resolved", summary: summary({}), at: T0 }]);
    const again = runProgressReducer(ended, { type: "begin", kind: "collection", at: T0 + 1 });
    expect(again.summary).toBeNull();
    expect(again.unitsDone).toBe(0);
    expect(again.phase).toBe("running");
  });

  it("names GitHub API units as units and GH Archive's as hours", () => {
    expect(unitNoun(fold(started))).toBe("hour");
    expect(unitNoun({ source: "github" })).toBe("unit");
    expect(unitNoun(initialRunProgress)).toBe("hour");
  });
});
