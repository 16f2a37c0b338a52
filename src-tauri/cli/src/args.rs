//! The command-line contract. Validation that needs more than clap lives in the engine, so the
//! desktop app gives the same messages.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use octoscope_engine::EngineError;
use octoscope_engine::pipeline::CollectionRequest;
use octoscope_engine::scope::Scope;
use octoscope_engine::sources::gharchive::{ArchiveLocation, FetchPolicy};
use octoscope_engine::workspace::Workspace;

#[derive(Debug, Parser)]
#[command(
    name = "octoscope",
    version,
    about = "Collect and explore GitHub activity (GH Archive, GitHub API, BigQuery)."
)]
pub struct Cli {
    /// Workspace folder (default: the OS application-data folder, or $OCTOSCOPE_WORKSPACE).
    #[arg(long, global = true, env = "OCTOSCOPE_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// More log output on stderr (-v info, -vv debug). $OCTOSCOPE_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the offline sample workspace from generated GH Archive hours (no network needed).
    Demo(DemoArgs),
    /// Collect activity into the workspace.
    #[command(subcommand)]
    Ingest(IngestSource),
    /// Show the units a collection would run, what is already done, and what it would download.
    Plan(GhArchiveArgs),
    /// Run history: status, units, rows, rejects, duration; `runs show ID` for one run's metrics.
    Runs(RunsArgs),
    /// What the workspace holds: events, repositories, actors, date range, quarantine, gaps.
    Stats(JsonFlag),
    /// Records rejected by validation, with the reason and where they came from.
    Quarantine(QuarantineArgs),
    /// Credentials in the OS keychain: set, test, status, remove (secrets are read from stdin
    /// or a hidden prompt, never from the command line).
    Auth(AuthArgs),
    /// Workspace settings: list them, or `settings KEY VALUE` to change one.
    Settings(SettingsArgs),
    /// Compute a chart and export it (csv, json, png, svg); `--list` shows the catalogue.
    Chart(ChartArgs),
    /// The download cache: how much it holds (`cache`), or empty it (`cache clear`).
    Cache(CacheArgs),
    /// Which hours the workspace holds: present, partial (scoped, or a capture drop) or
    /// missing, and why.
    Coverage(CoverageArgs),
    /// Alert rules (`alerts rules`, `add`, `set`, `remove`), the alert log (`alerts log`) and
    /// a check now (`alerts check`).
    Alerts(AlertsArgs),
    /// The workspace's structured log, newest first, by run and level.
    Logs(LogsArgs),
    /// The workspace's tables as they are: `data tables`, `data show TABLE`, `data export
    /// TABLE --out FILE` (CSV).
    Data(DataArgs),
}

#[derive(Debug, Args)]
pub struct DataArgs {
    #[command(subcommand)]
    pub action: DataAction,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum DataAction {
    /// The tables, with what each holds.
    Tables,
    /// A page of a table's rows.
    Show {
        table: String,
        /// Rows to skip.
        #[arg(long, default_value_t = 0)]
        offset: i64,
        /// Rows to show (at most 500).
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// The whole table as CSV (a header row, then every row).
    Export {
        table: String,
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// First hour, inclusive (default: the first hour collected; at most 400 days are shown).
    #[arg(long, value_name = "YYYY-MM-DDTHH")]
    pub from: Option<String>,
    /// Last hour, exclusive (default: after the last hour collected).
    #[arg(long, value_name = "YYYY-MM-DDTHH")]
    pub to: Option<String>,
    /// List every hour instead of runs of like hours.
    #[arg(long)]
    pub hours: bool,
    /// Print machine-readable JSON on stdout (documented in docs/cli.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub action: AlertsAction,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AlertsAction {
    /// List the rules.
    Rules,
    /// Add a rule: run_failed, bigquery_budget, github_rate_limit, data_gap, activity_spike
    /// or star_spike.
    Add(RuleArgs),
    /// Change rule ID's threshold, repository, or turn it on or off.
    Set {
        id: i64,
        #[command(flatten)]
        rule: RuleSettings,
    },
    /// Remove rule ID (its past firings stay in the log).
    Remove { id: i64 },
    /// The alert log, newest first.
    Log {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Check every rule now and report new firings on stderr.
    Check,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's kind.
    pub kind: String,
    #[command(flatten)]
    pub settings: RuleSettings,
}

#[derive(Debug, Args)]
pub struct RuleSettings {
    /// Percent for bigquery_budget (of the monthly budget) and github_rate_limit (of the limit
    /// left); a multiple of the trailing median for the spikes.
    #[arg(long)]
    pub threshold: Option<f64>,
    /// For spikes: watch this repository only (default: every tracked repository).
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
    /// Keep the rule but stop checking it.
    #[arg(long, conflicts_with = "enable")]
    pub disable: bool,
    /// Check the rule again.
    #[arg(long)]
    pub enable: bool,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only lines logged by this run.
    #[arg(long)]
    pub run: Option<i64>,
    /// Only lines at this level or more severe: error, warn, info, debug.
    #[arg(long)]
    pub level: Option<String>,
    /// How many lines, newest first.
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Print machine-readable JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AuthArgs {
    #[command(subcommand)]
    pub action: AuthAction,
    /// GitHub API base URL for this command (default: the workspace setting `github.api_url`).
    #[arg(long, global = true, value_name = "URL")]
    pub github_api_url: Option<String>,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuthAction {
    /// Check a credential and store it in the OS keychain (replacing any stored one). Reads it
    /// from stdin, or a hidden prompt on a terminal. An invalid credential is not stored.
    Set {
        /// github or gcp
        #[arg(value_parser = ["github", "gcp"])]
        credential: String,
    },
    /// Check the stored credentials (or one) against GitHub / Google.
    Test {
        #[arg(value_parser = ["github", "gcp"])]
        credential: Option<String>,
    },
    /// Whether each credential is set, where from, and who it belongs to (never the secret).
    Status,
    /// Delete a credential from the OS keychain.
    Remove {
        #[arg(value_parser = ["github", "gcp"])]
        credential: String,
    },
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// A setting's key: show just it, or change it with VALUE.
    pub key: Option<String>,
    pub value: Option<String>,
    /// Print machine-readable JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: Option<CacheAction>,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Delete every downloaded hour (loaded data stays in the database).
    Clear,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Chart id (see --list).
    #[arg(required_unless_present = "list")]
    pub id: Option<String>,
    /// List the charts, one per line: id, then title.
    #[arg(long)]
    pub list: bool,
    /// Repository to chart (owner/name); repeat to compare up to 8.
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    pub repos: Vec<String>,
    /// Chart every repository of this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// First UTC hour or day (default: the first event in the workspace).
    #[arg(long, value_name = "HOUR")]
    pub from: Option<String>,
    /// End, exclusive (default: just after the last event in the workspace).
    #[arg(long, value_name = "HOUR")]
    pub to: Option<String>,
    #[arg(long, default_value = "day", value_parser = ["day", "week", "month"])]
    pub granularity: String,
    /// Rows of ranked charts (top-repos, top-contributors, org-overview).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// What ranked charts rank by.
    #[arg(long, default_value = "events", value_parser = ["events", "stars"])]
    pub by: String,
    /// Count bot accounts in contributor charts.
    #[arg(long)]
    pub include_bots: bool,
    /// Overlay the repositories (2 to 8) instead of adding them up.
    #[arg(long)]
    pub compare: bool,
    #[arg(long, default_value = "csv", value_parser = ["csv", "json", "png", "svg"])]
    pub format: String,
    /// Where to write; csv and json go to stdout without it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum IngestSource {
    /// From GH Archive's hourly files (free, no credentials).
    Gharchive(GhArchiveArgs),
    /// From the GitHub API (token from `auth set github`): metadata snapshots, recent events,
    /// star history, issues and pull requests of tracked repositories.
    Github(GithubArgs),
    /// From BigQuery's public githubarchive dataset (key from `auth set gcp`): long ranges and
    /// all of GitHub, dry-run and priced first, refused over the workspace's budgets.
    Bigquery(BigQueryArgs),
}

#[derive(Debug, Args)]
pub struct BigQueryArgs {
    /// First UTC hour, e.g. 2024-01-15T10 (or a day, 2024-01-15).
    #[arg(long, value_name = "HOUR")]
    pub from: String,
    /// End UTC hour, exclusive; at most the start of today.
    #[arg(long, value_name = "HOUR")]
    pub to: String,
    /// Keep only this repository (owner/name); repeatable.
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    pub repos: Vec<String>,
    /// Keep only repositories of this organisation or user; repeatable.
    #[arg(long = "org", value_name = "NAME")]
    pub orgs: Vec<String>,
    /// events (every event, loaded like GH Archive's), daily-counts (events per day, repository
    /// and type, counted by BigQuery), or auto (events when they fit the run budget).
    #[arg(long, default_value = "auto", value_parser = ["auto", "events", "daily-counts"])]
    pub mode: String,
    /// BigQuery API base URL (default: the workspace setting `bigquery.api_url`).
    #[arg(long, value_name = "URL")]
    pub bigquery_api_url: Option<String>,
    /// Rows per result page; each page is a checkpoint.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub page_rows: u32,
    /// Only show the plan: queries, bytes, dollars, budgets. Dry runs only, nothing billed.
    #[arg(long)]
    pub plan: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

impl BigQueryArgs {
    pub fn request(&self) -> octoscope_engine::sources::bigquery::BigQueryRequest {
        octoscope_engine::sources::bigquery::BigQueryRequest {
            repos: self.repos.clone(),
            orgs: self.orgs.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            mode: Some(self.mode.clone()),
        }
    }
}

#[derive(Debug, Args)]
pub struct GithubArgs {
    /// A repository to track (owner/name); repeatable.
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    pub repos: Vec<String>,
    /// Track every public repository of this organisation (or user); repeatable.
    #[arg(long = "org", value_name = "NAME")]
    pub orgs: Vec<String>,
    /// What to collect (default: all): metadata, events, stars, items. Comma-separated or repeated.
    #[arg(long = "facts", value_delimiter = ',', value_name = "FACT")]
    pub facts: Vec<String>,
    /// GitHub API base URL (default: the workspace setting `github.api_url`).
    #[arg(long, value_name = "URL")]
    pub github_api_url: Option<String>,
    /// When the hourly rate limit runs out: wait until it resets, or stop (default: the
    /// workspace setting `github.when_exhausted`).
    #[arg(long, value_parser = ["wait", "stop"])]
    pub when_exhausted: Option<String>,
    /// Requests in flight at once (default: the workspace setting `github.concurrency`).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: Option<u16>,
    /// Only show the plan: units, and requests against the token's remaining budget.
    #[arg(long)]
    pub plan: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

impl GithubArgs {
    pub fn request(&self) -> Result<octoscope_engine::sources::github::GithubRequest, EngineError> {
        use octoscope_engine::sources::github::Fact;
        let facts = self.facts.iter().map(|f| Fact::parse(f.trim())).collect::<Result<Vec<_>, _>>()?;
        Ok(octoscope_engine::sources::github::GithubRequest {
            repos: self.repos.clone(),
            orgs: self.orgs.clone(),
            facts,
        })
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many sample hours to generate and load, starting at 2024-03-04T00.
    #[arg(long, default_value_t = 48)]
    pub hours: u32,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct GhArchiveArgs {
    /// First UTC hour, e.g. 2024-01-15T10.
    #[arg(long, value_name = "HOUR")]
    pub from: String,
    /// End UTC hour, exclusive: --from 2024-01-15T10 --to 2024-01-15T12 is two hours.
    #[arg(long, value_name = "HOUR")]
    pub to: String,
    /// Where GH Archive is served (a mirror, or a test server).
    #[arg(long, value_name = "URL", conflicts_with = "dir")]
    pub base_url: Option<String>,
    /// Read hours from a folder of YYYY-MM-DD-H.json.gz files instead of downloading.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Keep only this repository (owner/name); repeatable.
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    pub repos: Vec<String>,
    /// Keep only repositories of this organisation or user; repeatable.
    #[arg(long = "org", value_name = "NAME")]
    pub orgs: Vec<String>,
    /// Hours downloading at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub downloads: u16,
    /// Attempts per download before an hour counts as failed (5xx, timeouts, broken connections).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub attempts: u32,
    /// Seconds to wait before the first retry; doubles on each further retry.
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    pub backoff: f64,
    /// Seconds without receiving any data before a download attempt is abandoned.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub idle_timeout: f64,
    /// Most disk the download cache may use (oldest hours evicted first), e.g. 500MB, 20GB, 0.
    #[arg(long, default_value = "20GB", value_name = "SIZE")]
    pub cache_limit: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print machine-readable JSON on stdout (documented in docs/cli.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RunsArgs {
    #[command(subcommand)]
    pub action: Option<RunsAction>,
    /// How many of the most recent runs to list.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Print machine-readable JSON on stdout (documented in docs/cli.md).
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RunsAction {
    /// One run: its counts, throughput, request latencies per endpoint (p50/p95/max), cache
    /// hits, the rate limit left, and BigQuery's bytes and dollars.
    Show {
        /// The run's number (see `runs`).
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct QuarantineArgs {
    /// Only records rejected by this run.
    #[arg(long)]
    pub run: Option<i64>,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[command(flatten)]
    pub json: JsonFlag,
}

pub fn workspace(flag: Option<&Path>) -> Result<Workspace, EngineError> {
    Ok(Workspace::at(match flag {
        Some(dir) => dir.to_owned(),
        None => Workspace::default_root()?,
    }))
}

impl GhArchiveArgs {
    /// What the user asked to collect, in the engine's words (shared with the desktop app).
    pub fn request(&self) -> CollectionRequest {
        CollectionRequest {
            repos: self.repos.clone(),
            orgs: self.orgs.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            base_url: self.base_url.clone(),
            dir: self.dir.clone(),
        }
    }

    /// Everything the user typed, validated, before anything touches the disk or network.
    pub fn scope(&self) -> Result<Scope, EngineError> {
        self.request().scope()
    }

    pub fn policy(&self) -> Result<FetchPolicy, EngineError> {
        let seconds = |value: f64, flag: &str| {
            if value.is_finite() && (0.0..=3600.0).contains(&value) {
                Ok(std::time::Duration::from_secs_f64(value))
            } else {
                Err(EngineError::InvalidInput(format!("{flag} must be between 0 and 3600 seconds, not {value}")))
            }
        };
        Ok(FetchPolicy {
            attempts: self.attempts,
            first_backoff: seconds(self.backoff, "--backoff")?,
            idle_timeout: seconds(self.idle_timeout, "--idle-timeout")?.max(std::time::Duration::from_millis(100)),
            cache_limit_bytes: octoscope_engine::sources::gharchive::cache::parse_size(&self.cache_limit)?,
            ..FetchPolicy::default()
        })
    }

    pub fn location(&self) -> Result<ArchiveLocation, EngineError> {
        self.request().location()
    }
}
