// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit: run
// `UPDATE_BINDINGS=1 cargo test -p octoscope-desktop bindings` after changing them.

import type { Channel } from "@tauri-apps/api/core";

export type WireError = { code: ErrorCode, message: string, };

export type ErrorCode = "invalid_input" | "workspace" | "network" | "database" | "cancelled" | "keychain_unavailable" | "credential_missing" | "credential_invalid" | "rate_limited" | "budget_exceeded" | "remote" | "internal";

export type ErrorReport = { code: ErrorCode, message: string, };

export type WorkspaceInfo = { path: string, 
/**
 * `path` for the header: `~/...` under the home folder.
 */
display_path: string, is_sample: boolean, 
/**
 * `None` until the workspace holds a database.
 */
stats: WorkspaceStats | null, 
/**
 * A collection is running in it.
 */
running: boolean, };

export type WorkspaceStats = { events: number, repositories: number, actors: number, organisations: number, quarantined: number, gaps: Array<Gap>, first_event_at: string | null, last_event_at: string | null, events_by_type: Array<EventTypeCount>, bot_events: number, runs: number, hours_loaded: number, };

export type Gap = { source: string, status: string, from: string, to: string, hours: number, };

export type EventTypeCount = { event_type: string, events: number, };

export type ChartSpec = { id: string, title: string, 
/**
 * Exactly what is counted (docs/charts.md says more).
 */
definition: string, };

export type ChartQuery = { 
/**
 * `owner/name`, up to 8; empty with no organisation means the whole workspace.
 */
repos: Array<string>, org: string | null, 
/**
 * First UTC hour (`2024-01-15T10`) or day; default: the workspace's first event.
 */
from: string | null, 
/**
 * End, exclusive; default: just after the workspace's last event.
 */
to: string | null, 
/**
 * `day`, `week` or `month`; default `day`.
 */
granularity: string | null, 
/**
 * Rows of ranked charts; default 10.
 */
limit: number | null, 
/**
 * `events` or `stars`; default `events`.
 */
rank_by: string | null, include_bots: boolean, compare: boolean, };

export type ChartData = { id: string, title: string, x_axis: XAxis, x_label: string, y_label: string, x: Array<string>, series: Array<Series>, 
/**
 * Entries of `x` whose data is incomplete (hours not collected, missing or failed, or GH
 * Archive's known event loss after 2025-05-24).
 */
incomplete: Array<string>, 
/**
 * Caveats a reader must see next to the chart.
 */
notes: Array<string>, 
/**
 * Points to label on the chart: releases, anomalous hours.
 */
marks: Array<Mark>, };

export type Series = { name: string, 
/**
 * One value per entry of [`ChartData::x`].
 */
values: Array<number>, };

export type Mark = { 
/**
 * The entry of [`ChartData::x`] it belongs to.
 */
x: string, text: string, };

export type XAxis = "time" | "category" | "hour_of_day";

export type RankBy = "events" | "stars";

export type ExportFormat = "csv" | "json" | "png" | "svg";

export type CollectionRequest = { 
/**
 * `owner/name` of each repository to keep; none (and no organisation) keeps all of GitHub.
 */
repos: Array<string>, orgs: Array<string>, 
/**
 * First UTC hour, e.g. `2024-01-15T10`.
 */
from: string, 
/**
 * End hour, exclusive.
 */
to: string, 
/**
 * GH Archive mirror base URL; default https://data.gharchive.org.
 */
base_url: string | null, 
/**
 * A local folder of hour files instead of a mirror.
 */
dir: string | null, };

export type PlanSummary = { source: string, scope_key: string, units_total: number, units_to_run: number, units_skipped: number, download_bytes: number, estimated_events: number, };

export type GithubRequest = { repos: Array<string>, 
/**
 * Organisations (or users) whose public repositories join the scope.
 */
orgs: Array<string>, 
/**
 * Empty means all facts.
 */
facts: Array<Fact>, };

export type GithubPlanSummary = { repos: Array<string>, facts: Array<Fact>, units_total: number, units_not_due: number, metadata_requests: number, estimated_requests: number, estimated_points: number, 
/**
 * The token's REST budget now, from `/rate_limit` (which costs nothing).
 */
core_remaining: number | null, core_limit: number | null, core_reset_at: number | null, graphql_remaining: number | null, };

export type Fact = "metadata" | "events" | "stars" | "items";

export type BigQueryRequest = { repos: Array<string>, orgs: Array<string>, from: string, to: string, 
/**
 * `auto` (default), `events` or `daily-counts`.
 */
mode: string | null, };

export type BigQueryPlanSummary = { scope_key: string, mode: BigQueryMode, mode_reason: string | null, units_total: number, units_to_run: number, tables: number, bytes_processed: number, bytes_billed: number, dollars: number, price_per_tib: number, run_budget: number, month_budget: number, spent_this_month: number, 
/**
 * Repositories matched by id (cheap) and by name (their ids are not known locally yet).
 */
repos_by_id: number, repos_by_name: number, refused: string | null, };

export type BigQueryMode = "events" | "daily-counts";

export type SettingValue = { key: string, description: string, default: string, value: string, };

export type Progress = { "event": "run_started", run_id: number, source: string, units_total: number, units_to_run: number, units_skipped: number, estimated_bytes: number, } | { "event": "unit_started", unit: string, } | { "event": "unit_downloading", unit: string, bytes: number, total_bytes: number | null, } | { "event": "unit_decoding", unit: string, compressed_bytes: number, total_bytes: number, events: number, rejected: number, } | { "event": "unit_querying", unit: string, elapsed_ms: number, } | { "event": "unit_paging", unit: string, rows_read: number, rows_total: number | null, } | { "event": "unit_retrying", unit: string, attempt: number, reason: string, delay_ms: number, } | { "event": "unit_done", unit: string, events_loaded: number, duplicates: number, quarantined: number, out_of_scope: number, } | { "event": "unit_waiting", unit: string, until: number, 
/**
 * The hourly (primary) limit, as opposed to a short secondary-limit pause.
 */
primary: boolean, } | { "event": "unit_missing", unit: string, reason: string, } | { "event": "unit_failed", unit: string, reason: string, } | { "event": "run_finished", summary: RunSummary, };

export type RunSummary = { run_id: number, status: RunStatus, units_total: number, units_skipped: number, units_done: number, units_missing: number, units_failed: number, units_cancelled: number, events_loaded: number, duplicates: number, quarantined: number, out_of_scope: number, elapsed_ms: number, 
/**
 * Writer time spent staging rows and committing units, summed over units (milliseconds).
 */
staging_ms: number, commit_ms: number, failures: Array<UnitFailure>, missing: Array<string>, };

export type UnitFailure = { unit: string, reason: string, };

export type RunStatus = "running" | "completed" | "completed_with_errors" | "failed" | "cancelled" | "interrupted";

export type RunRecord = { id: number, source: string, scope_key: string, status: string, started_at: number, finished_at: number | null, units_total: number, units_skipped: number, units_done: number, units_missing: number, units_failed: number, events_loaded: number, records_quarantined: number, error: string | null, };

export type QuarantineRecord = { id: number, run_id: number | null, source: string, unit_key: string, line: number, reason: string, excerpt: string, };

export type CredentialKind = "github" | "gcp";

export type CredentialSource = "keychain" | "environment";

export type CredentialStatus = { kind: CredentialKind, 
/**
 * `None` when the keychain could not be asked (see `error`).
 */
set: boolean | null, source: CredentialSource | null, account: CheckedAccount | null, 
/**
 * Why it could not be read or does not work.
 */
error: ErrorReport | null, };

export type CheckedAccount = GithubAccount | GcpAccount;

export type GithubAccount = { login: string, 
/**
 * "classic personal access token", "fine-grained personal access token", ...
 */
token_kind: string, 
/**
 * OAuth scopes of classic tokens (`X-OAuth-Scopes`); fine-grained tokens have none.
 */
scopes: Array<string> | null, 
/**
 * When the token expires, as GitHub states it, if it does.
 */
expires: string | null, rate_limit: RateLimit, };

export type RateLimit = { limit: number, remaining: number, 
/**
 * Unix seconds when the window resets.
 */
reset_at: number, };

export type GcpAccount = { project_id: string, client_email: string, 
/**
 * Lifetime of the access token Google issued in the check, in seconds.
 */
token_lifetime_s: number, };

export type MonitoringOverview = { 
/**
 * Newest first.
 */
runs: Array<RunPerformance>, 
/**
 * Over the same runs.
 */
endpoints: Array<EndpointMetrics>, 
/**
 * Oldest first, the last twelve months with any spend.
 */
spend_by_month: Array<MonthSpend>, month_spent: number, month_budget: number, run_budget: number, 
/**
 * The GitHub rate limit as the newest answer reported it.
 */
github_rate: RatePoint | null, };

export type RunPerformance = { id: number, source: string, status: string, started_at: number, 
/**
 * Wall time in seconds, once finished.
 */
seconds: number | null, events_loaded: number, events_per_second: number | null, peak_rss_bytes: number | null, };

export type MonthSpend = { 
/**
 * `YYYY-MM`.
 */
month: string, jobs: number, bytes_billed: number, dollars: number, };

export type RunMetrics = { run: RunRecord, 
/**
 * Events loaded per second of the run's wall time, once it finished.
 */
events_per_second: number | null, endpoints: Array<EndpointMetrics>, rate_limit: Array<RatePoint>, bigquery: BigQuerySpend | null, stages: Array<StageTiming>, 
/**
 * The run's units, slowest first (request time plus processing time).
 */
units: Array<UnitMetrics>, 
/**
 * The highest resident memory sampled while the run went.
 */
peak_rss_bytes: number | null, };

export type EndpointMetrics = { source: string, endpoint: string, requests: number, 
/**
 * Requests that repeated an earlier attempt (after an error or a rate-limit wait).
 */
retries: number, 
/**
 * Answered from the HTTP cache (a 304: no rate limit spent).
 */
from_cache: number, 
/**
 * No answer, or an HTTP error status.
 */
errors: number, 
/**
 * Latency percentiles (nearest rank) and maximum, in milliseconds.
 */
p50_ms: number, p95_ms: number, max_ms: number, 
/**
 * The lowest rate-limit remaining the answers reported.
 */
min_rate_remaining: number | null, };

export type RatePoint = { at: number, remaining: number, limit: number | null, };

export type BigQuerySpend = { jobs: number, estimated_bytes: number, bytes_processed: number, bytes_billed: number, dollars: number, };

export type StageTiming = { stage: string, 
/**
 * How many times the stage ran (units, requests).
 */
calls: number, items: number, 
/**
 * Busy time summed over concurrent units: it can exceed the run's wall time.
 */
busy_ms: number, };

export type UnitMetrics = { unit: string, source: string, 
/**
 * `running`, `done`, `missing` or `failed`.
 */
state: string, events: number, quarantined: number, bytes: number, 
/**
 * Decoding and loading: from the unit's start (its file at hand) to its end.
 */
process_ms: number | null, 
/**
 * Requests made for this unit alone (GH Archive's hour files), their time and retries.
 */
requests: number, request_ms: number, retries: number, error: string | null, };

export type CoverageReport = { from: string, to: string, present: number, partial: number, missing: number, 
/**
 * Hours flagged as capture drops (a subset of the partial hours).
 */
drops: number, spans: Array<CoverageSpan>, hours: Array<CoverageHour>, notes: Array<string>, };

export type CoverageSpan = { from: string, 
/**
 * Exclusive, like every range in Octoscope.
 */
to: string, status: HourStatus, hours: number, events: number, reason: string | null, };

export type CoverageHour = { 
/**
 * `YYYY-MM-DDTHH`, UTC.
 */
hour: string, status: HourStatus, events: number, 
/**
 * Why the hour is not present; `None` when it is.
 */
cause: HourCause | null, 
/**
 * The cause in words.
 */
reason: string | null, 
/**
 * For a capture drop: the usual count for this hour of day.
 */
usual_events: number | null, };

export type HourStatus = "present" | "partial" | "missing";

export type HourCause = "never_collected" | "not_in_archive" | "failed" | "scoped_only" | "other_sources_only" | "capture_drop" | "archive_loss";

export type AlertRule = { id: number, kind: AlertKind, threshold: number | null, 
/**
 * For spikes: the one repository watched; `None` watches every tracked repository.
 */
repo: string | null, enabled: boolean, created_at: number, };

export type AlertKind = "run_failed" | "bigquery_budget" | "github_rate_limit" | "data_gap" | "activity_spike" | "star_spike";

export type RuleInput = { kind: AlertKind, threshold: number | null, repo: string | null, enabled: boolean, };

export type Alert = { id: number, rule_id: number | null, kind: AlertKind, 
/**
 * What the firing is about (`run:12`, `2026-11:80`, `day:2024-01-15`); unique per kind.
 */
condition_key: string, severity: Severity, title: string, message: string, fired_at: number, };

export type Severity = "info" | "warning" | "critical";

export type LogQuery = { 
/**
 * Only lines logged inside this run.
 */
run_id: number | null, 
/**
 * Only lines at this level or more severe.
 */
min_level: LogLevel | null, 
/**
 * At most this many lines (the newest).
 */
limit: number, };

export type LogEntry = { 
/**
 * RFC 3339, UTC.
 */
time: string, level: LogLevel, target: string, message: string, run_id: number | null, unit: string | null, source: string | null, 
/**
 * The event's other fields and those of its spans, as text.
 */
fields: { [key in string]: string }, };

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

export type TableInfo = { name: string, description: string, };

export type TablePage = { table: string, columns: Array<string>, rows: Array<Array<string | null>>, offset: number, total: number, };

/** Every command: its arguments and what it resolves to. */
export interface Commands {
  workspace_info: { args: {}; result: WorkspaceInfo };
  open_sample_workspace: { args: { onProgress: Channel<Progress> }; result: WorkspaceInfo };
  open_default_workspace: { args: {}; result: WorkspaceInfo };
  search_repositories: { args: { text: string }; result: string[] };
  chart_catalogue: { args: {}; result: ChartSpec[] };
  build_chart: { args: { id: string; query: ChartQuery }; result: ChartData };
  export_chart: { args: { id: string; query: ChartQuery; format: ExportFormat; path: string }; result: null };
  plan_collection: { args: { request: CollectionRequest }; result: PlanSummary };
  start_collection: { args: { request: CollectionRequest; onProgress: Channel<Progress> }; result: RunSummary };
  plan_github_collection: { args: { request: GithubRequest }; result: GithubPlanSummary };
  start_github_collection: { args: { request: GithubRequest; onProgress: Channel<Progress> }; result: RunSummary };
  plan_bigquery_collection: { args: { request: BigQueryRequest }; result: BigQueryPlanSummary };
  start_bigquery_collection: { args: { request: BigQueryRequest; onProgress: Channel<Progress> }; result: RunSummary };
  cancel_run: { args: {}; result: boolean };
  list_runs: { args: { limit: number }; result: RunRecord[] };
  list_quarantine: { args: { runId: number | null; limit: number }; result: QuarantineRecord[] };
  credentials_status: { args: {}; result: CredentialStatus[] };
  save_credential: { args: { kind: CredentialKind; secret: string }; result: CredentialStatus };
  remove_credential: { args: { kind: CredentialKind }; result: CredentialStatus };
  list_settings: { args: {}; result: SettingValue[] };
  set_setting: { args: { key: string; value: string }; result: SettingValue[] };
  monitoring_overview: { args: {}; result: MonitoringOverview };
  run_metrics: { args: { runId: number }; result: RunMetrics };
  coverage_report: { args: { from: string | null; to: string | null }; result: CoverageReport | null };
  list_alert_rules: { args: {}; result: AlertRule[] };
  add_alert_rule: { args: { input: RuleInput }; result: AlertRule };
  update_alert_rule: { args: { id: number; input: RuleInput }; result: AlertRule };
  remove_alert_rule: { args: { id: number }; result: null };
  alert_log: { args: { limit: number }; result: Alert[] };
  check_alerts: { args: {}; result: Alert[] };
  read_log: { args: { query: LogQuery }; result: LogEntry[] };
  list_tables: { args: {}; result: TableInfo[] };
  browse_table: { args: { table: string; offset: number; limit: number }; result: TablePage };
  export_table: { args: { table: string; path: string }; result: number };
}

/** Every event the shell emits: its payload. */
export interface Events {
  alerts_fired: Alert[];
}
