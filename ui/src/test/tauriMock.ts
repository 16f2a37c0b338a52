// A stand-in for @tauri-apps/api/core in component tests: commands are answered by handlers
// the test sets, and channels keep their handler so a test can stream Progress into them.

import { vi } from "vitest";
import type { Commands, Events, MonitoringOverview, Progress, WorkspaceInfo } from "../ipc/bindings";

export class FakeChannel<T> {
  onmessage: (message: T) => void;
  constructor(onmessage?: (message: T) => void) {
    this.onmessage = onmessage ?? (() => undefined);
  }
}

type Handler = (args: Record<string, unknown>) => unknown;

let handlers: Partial<Record<keyof Commands, Handler>> = {};

export const core = {
  isTauri: () => true,
  Channel: FakeChannel,
  invoke: vi.fn(async (name: string, args: Record<string, unknown> = {}) => {
    const handler = handlers[name as keyof Commands];
    if (!handler) throw { code: "internal", message: `no test handler for ${name}` };
    return handler(args);
  }),
};

type Listener = (event: { event: string; id: number; payload: unknown }) => void;

const listeners = new Map<string, Set<Listener>>();

/** A stand-in for @tauri-apps/api/event: `listen` registers with `emitEvent`. */
export const event = {
  listen: vi.fn(async (name: string, listener: Listener) => {
    const named = listeners.get(name) ?? new Set<Listener>();
    named.add(listener);
    listeners.set(name, named);
    return () => {
      named.delete(listener);
    };
  }),
};

/** Delivers `payload` to every current listener of `name`, as the shell's `emit` would. */
export function emitEvent<K extends keyof Events>(name: K, payload: Events[K]): void {
  for (const listener of listeners.get(name) ?? []) listener({ event: name, id: 0, payload });
}

/** How many listeners `name` has now. */
export function listenerCount(name: keyof Events): number {
  return listeners.get(name)?.size ?? 0;
}

/** Answers for every command a page may call on its own, merged with the test's. */
export function setHandlers(overrides: Partial<Record<keyof Commands, Handler>>): void {
  core.invoke.mockClear();
  handlers = {
    workspace_info: () => workspace(),
    chart_catalogue: () => [],
    search_repositories: () => [],
    list_runs: () => [],
    list_quarantine: () => [],
    credentials_status: () => [],
    list_settings: () => [],
    monitoring_overview: () => emptyOverview(),
    list_tables: () => [],
    coverage_report: () => null,
    list_alert_rules: () => [],
    alert_log: () => [],
    check_alerts: () => [],
    read_log: () => [],
    ...overrides,
  };
}

/** A workspace with no runs and no spend yet. */
export function emptyOverview(): MonitoringOverview {
  return { runs: [], endpoints: [], spend_by_month: [], month_spent: 0, month_budget: 10, run_budget: 1, github_rate: null };
}

/** The progress channel a command was called with. */
export function channelOf(args: Record<string, unknown>): FakeChannel<Progress> {
  return args.onProgress as FakeChannel<Progress>;
}

/** Arguments of every call of `name` so far. */
export function callsOf(name: keyof Commands): Array<Record<string, unknown>> {
  return core.invoke.mock.calls.filter(([called]) => called === name).map(([, args]) => args ?? {});
}

export function workspace(change: Partial<WorkspaceInfo> = {}, events = 0): WorkspaceInfo {
  return {
    path: "/home/ada/.local/share/octoscope",
    display_path: "~/.local/share/octoscope",
    is_sample: false,
    running: false,
    stats:
      events === 0
        ? null
        : {
            events,
            repositories: 12,
            actors: 340,
            organisations: 3,
            quarantined: 2,
            gaps: [],
            first_event_at: "2024-01-15T00:00:03Z",
            last_event_at: "2024-01-16T23:59:58Z",
            events_by_type: [{ event_type: "PushEvent", events }],
            bot_events: 10,
            runs: 1,
            hours_loaded: 48,
          },
    ...change,
  };
}

/** A promise the test settles later: a command that is still running. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
