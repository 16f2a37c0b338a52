// Engine answers for the Monitoring page's tests: two runs, one with full metrics, alerts and
// rules, a coverage report with a capture drop and missing hours, and a log line.

import type {
  Alert,
  AlertRule,
  CoverageReport,
  LogEntry,
  MonitoringOverview,
  RunMetrics,
} from "../ipc/bindings";

export const overview: MonitoringOverview = {
  // Newest first, as the engine lists them.
  runs: [
    {
      id: 7,
      source: "github",
      status: "completed",
      started_at: 1_705_400_000,
      seconds: 125,
      events_loaded: 12_000,
      events_per_second: 96,
      peak_rss_bytes: 150 * 1024 * 1024,
    },
    {
      id: 5,
      source: "gharchive",
      status: "failed",
      started_at: 1_705_300_000,
      seconds: 40,
      events_loaded: 3_000,
      events_per_second: 75,
      peak_rss_bytes: null,
    },
  ],
  endpoints: [
    {
      source: "github",
      endpoint: "GET /repos/{owner}/{repo}/stargazers",
      requests: 120,
      retries: 2,
      from_cache: 30,
      errors: 1,
      p50_ms: 85,
      p95_ms: 420,
      max_ms: 1_420,
      min_rate_remaining: 4_100,
    },
  ],
  spend_by_month: [{ month: "2024-01", jobs: 3, bytes_billed: 1e12, dollars: 6.25 }],
  month_spent: 4.5,
  month_budget: 10,
  run_budget: 1,
  github_rate: { at: 1_705_400_100, remaining: 4_100, limit: 5_000 },
};

export const metrics: RunMetrics = {
  run: {
    id: 7,
    source: "github",
    scope_key: "repos:acme/rocket",
    status: "completed",
    started_at: 1_705_400_000,
    finished_at: 1_705_400_125,
    units_total: 4,
    units_skipped: 0,
    units_done: 4,
    units_missing: 0,
    units_failed: 0,
    events_loaded: 12_000,
    records_quarantined: 0,
    error: null,
  },
  events_per_second: 96,
  endpoints: overview.endpoints,
  rate_limit: [
    { at: 1_705_400_010, remaining: 4_900, limit: 5_000 },
    { at: 1_705_400_100, remaining: 4_100, limit: 5_000 },
  ],
  bigquery: { jobs: 2, estimated_bytes: 2e9, bytes_processed: 2e9, bytes_billed: 2 * 1024 ** 3, dollars: 0.37 },
  stages: [
    { stage: "download", calls: 4, items: 6_000, busy_ms: 1_500 },
    { stage: "idle", calls: 1, items: 0, busy_ms: 0 },
  ],
  units: [
    {
      unit: "2024-01-15-12",
      source: "gharchive",
      state: "done",
      events: 3_000,
      quarantined: 1,
      bytes: 48 * 1024 * 1024,
      process_ms: 2_400,
      requests: 3,
      request_ms: 9_500,
      retries: 2,
      error: null,
    },
    {
      unit: "2024-01-15-3",
      source: "gharchive",
      state: "failed",
      events: 0,
      quarantined: 0,
      bytes: 0,
      process_ms: 0,
      requests: 1,
      request_ms: 300,
      retries: 0,
      error: "truncated gzip",
    },
  ],
  peak_rss_bytes: 150 * 1024 * 1024,
};

export const alerts: Alert[] = [
  {
    id: 1,
    rule_id: 2,
    kind: "run_failed",
    condition_key: "run:5",
    severity: "warning",
    title: "Run 5 failed",
    message: "1 unit(s) failed; first: 2024-01-15-3: truncated gzip",
    fired_at: 1_705_300_100,
  },
  {
    id: 2,
    rule_id: 1,
    kind: "bigquery_budget",
    condition_key: "2024-01:80",
    severity: "critical",
    title: "BigQuery spend at 85% of the monthly budget",
    message: "$8.50 of $10.00 spent in 2024-01.",
    fired_at: 1_705_400_200,
  },
];

export const budgetRule: AlertRule = { id: 1, kind: "bigquery_budget", threshold: 80, repo: null, enabled: true, created_at: 1 };
export const failRule: AlertRule = { id: 2, kind: "run_failed", threshold: null, repo: null, enabled: true, created_at: 2 };

export const coverage: CoverageReport = {
  from: "2024-01-15T00",
  to: "2024-01-15T06",
  present: 3,
  partial: 1,
  missing: 2,
  drops: 1,
  spans: [
    { from: "2024-01-15T00", to: "2024-01-15T03", status: "present", hours: 3, events: 9_000, reason: null },
    { from: "2024-01-15T03", to: "2024-01-15T04", status: "partial", hours: 1, events: 400, reason: "capture drop: 400 of about 3,000" },
    { from: "2024-01-15T04", to: "2024-01-15T06", status: "missing", hours: 2, events: 0, reason: "not in the archive" },
  ],
  hours: [
    { hour: "2024-01-15T00", status: "present", events: 3_000, cause: null, reason: null, usual_events: null },
    { hour: "2024-01-15T01", status: "present", events: 3_000, cause: null, reason: null, usual_events: null },
    { hour: "2024-01-15T02", status: "present", events: 3_000, cause: null, reason: null, usual_events: null },
    { hour: "2024-01-15T03", status: "partial", events: 400, cause: "capture_drop", reason: "capture drop", usual_events: 3_000 },
    { hour: "2024-01-15T04", status: "missing", events: 0, cause: "not_in_archive", reason: "not in the archive", usual_events: null },
    { hour: "2024-01-15T05", status: "missing", events: 0, cause: "not_in_archive", reason: "not in the archive", usual_events: null },
  ],
  notes: ["GH Archive has missed many events since 2025-05-24."],
};

export const lines: LogEntry[] = [
  {
    time: "2024-01-16T10:00:01Z",
    level: "warn",
    target: "octoscope_engine::pipeline::run",
    message: "unit failed",
    run_id: 7,
    unit: "2024-01-15T10",
    source: "gharchive",
    fields: { reason: "truncated", attempt: "2" },
  },
];
