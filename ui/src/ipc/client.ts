// The only module that talks to the Rust side. Every command is typed from the generated
// `Commands` map (bindings.ts), so a renamed command or field breaks the build here rather
// than at run time, and every failure reaches the UI as a WireError {code, message}.

import { Channel, invoke, isTauri, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  BigQueryRequest,
  ChartQuery,
  CollectionRequest,
  Commands,
  CredentialKind,
  ErrorCode,
  Events,
  ExportFormat,
  GithubRequest,
  LogQuery,
  Progress,
  RuleInput,
  WireError,
} from "./bindings";

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "invalid_input",
  "workspace",
  "network",
  "database",
  "cancelled",
  "keychain_unavailable",
  "credential_missing",
  "credential_invalid",
  "rate_limited",
  "budget_exceeded",
  "remote",
  "internal",
]);

export const OUTSIDE_DESKTOP_MESSAGE =
  "Octoscope's engine is not reachable: this page is running outside the desktop app.";

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return (
    typeof candidate.code === "string" && ERROR_CODES.has(candidate.code) && typeof candidate.message === "string"
  );
}

/** Whatever a command threw, as a WireError; anything unexpected is "internal". */
export function toWireError(thrown: unknown): WireError {
  if (isWireError(thrown)) return { code: thrown.code, message: thrown.message };
  if (thrown instanceof Error) return { code: "internal", message: thrown.message || thrown.name };
  if (typeof thrown === "string") return { code: "internal", message: thrown };
  try {
    return { code: "internal", message: JSON.stringify(thrown) ?? String(thrown) };
  } catch {
    return { code: "internal", message: String(thrown) };
  }
}

/** The message to show for any caught value. */
export function errorMessage(thrown: unknown): string {
  return toWireError(thrown).message;
}

/** Calls a command; rejects with a WireError. */
export async function call<K extends keyof Commands>(
  name: K,
  args: Commands[K]["args"],
): Promise<Commands[K]["result"]> {
  if (!isTauri()) throw { code: "internal", message: OUTSIDE_DESKTOP_MESSAGE } satisfies WireError;
  try {
    return await invoke<Commands[K]["result"]>(name, args as InvokeArgs);
  } catch (thrown) {
    throw toWireError(thrown);
  }
}

/**
 * Calls `handler` with the payload of every `name` event the shell emits, until the returned
 * function is called (a `useEffect` cleanup). A subscription that fails is logged and left
 * out: what the event would have refreshed is still read when its page opens.
 */
export function onEvent<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): () => void {
  if (!isTauri()) return () => undefined;
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<Events[K]>(name, (event) => {
    if (!stopped) handler(event.payload);
  })
    .then((stop) => {
      if (stopped) stop();
      else unlisten = stop;
    })
    .catch((thrown: unknown) => console.warn(`cannot listen for ${name}: ${errorMessage(thrown)}`));
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/** A channel the engine streams run progress into (ordered, for one command call). */
export function progressChannel(onProgress: (event: Progress) => void): Channel<Progress> {
  return new Channel<Progress>(onProgress);
}

export const workspaceInfo = () => call("workspace_info", {});

export const openSampleWorkspace = (onProgress: (event: Progress) => void) =>
  call("open_sample_workspace", { onProgress: progressChannel(onProgress) });

export const openDefaultWorkspace = () => call("open_default_workspace", {});

export const searchRepositories = (text: string) => call("search_repositories", { text });

export const chartCatalogue = () => call("chart_catalogue", {});

export const buildChart = (id: string, query: ChartQuery) => call("build_chart", { id, query });

export const exportChart = (id: string, query: ChartQuery, format: ExportFormat, path: string) =>
  call("export_chart", { id, query, format, path });

export const planCollection = (request: CollectionRequest) => call("plan_collection", { request });

export const startCollection = (request: CollectionRequest, onProgress: (event: Progress) => void) =>
  call("start_collection", { request, onProgress: progressChannel(onProgress) });

export const planGithubCollection = (request: GithubRequest) => call("plan_github_collection", { request });

export const startGithubCollection = (request: GithubRequest, onProgress: (event: Progress) => void) =>
  call("start_github_collection", { request, onProgress: progressChannel(onProgress) });

export const planBigqueryCollection = (request: BigQueryRequest) => call("plan_bigquery_collection", { request });

export const startBigqueryCollection = (request: BigQueryRequest, onProgress: (event: Progress) => void) =>
  call("start_bigquery_collection", { request, onProgress: progressChannel(onProgress) });

export const cancelRun = () => call("cancel_run", {});

export const listRuns = (limit: number) => call("list_runs", { limit });

export const listQuarantine = (runId: number | null, limit: number) => call("list_quarantine", { runId, limit });

export const credentialsStatus = () => call("credentials_status", {});

export const saveCredential = (kind: CredentialKind, secret: string) => call("save_credential", { kind, secret });

export const removeCredential = (kind: CredentialKind) => call("remove_credential", { kind });

export const listSettings = () => call("list_settings", {});

export const setSetting = (key: string, value: string) => call("set_setting", { key, value });

export const monitoringOverview = () => call("monitoring_overview", {});

export const runMetrics = (runId: number) => call("run_metrics", { runId });

export const coverageReport = (from: string | null, to: string | null) => call("coverage_report", { from, to });

export const listAlertRules = () => call("list_alert_rules", {});

export const addAlertRule = (input: RuleInput) => call("add_alert_rule", { input });

export const updateAlertRule = (id: number, input: RuleInput) => call("update_alert_rule", { id, input });

export const removeAlertRule = (id: number) => call("remove_alert_rule", { id });

export const alertLog = (limit: number) => call("alert_log", { limit });

export const checkAlerts = () => call("check_alerts", {});

export const readLog = (query: LogQuery) => call("read_log", { query });

export const listTables = () => call("list_tables", {});

export const browseTable = (table: string, offset: number, limit: number) =>
  call("browse_table", { table, offset, limit });

export const exportTable = (table: string, path: string) => call("export_table", { table, path });
