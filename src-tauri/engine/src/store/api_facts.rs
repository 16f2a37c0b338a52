//! Facts an API unit loads besides events (repository snapshots, star days, issue and pull
//! request lifecycles), and the per-request records monitoring reads. Written by the writer
//! inside the unit's transaction, like events.

use sqlx::SqliteConnection;

use super::writer::{ROWS_PER_INSERT, values_sql};
use crate::error::Result;

/// A repository's metadata at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoSnapshot {
    pub repo_id: i64,
    pub taken_at: i64,
    pub stars: i64,
    pub forks: i64,
    pub watchers: i64,
    pub open_issues: i64,
    pub language: Option<String>,
    pub topics: Vec<String>,
    pub license: Option<String>,
    pub created_at: Option<i64>,
    pub pushed_at: Option<i64>,
    pub updated_at: Option<i64>,
    pub archived: bool,
    pub default_branch: Option<String>,
}

/// Where a day's star count came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StarSource {
    /// `/stargazers/history`: daily counts, no identities.
    History,
    /// The stargazer list with `starred_at` (readable by admins and collaborators only).
    Stargazers,
}

impl StarSource {
    pub fn as_str(self) -> &'static str {
        match self {
            StarSource::History => "history",
            StarSource::Stargazers => "stargazers",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StarDay {
    pub repo_id: i64,
    /// Unix day.
    pub day: i64,
    pub stars: i64,
    pub source: StarSource,
}

/// What the issues API says about one issue or pull request now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkItemState {
    pub repo_id: i64,
    pub number: i64,
    pub is_pull_request: bool,
    pub opened_at: i64,
    /// When it was last closed, if it is closed now.
    pub closed_at: Option<i64>,
    /// Pull requests closed now: whether merged.
    pub merged: Option<bool>,
    pub author_id: Option<i64>,
}

/// Events of one repository, day and type, counted by BigQuery (whole UTC days only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyCount {
    /// Unix day.
    pub day: i64,
    pub repo_id: i64,
    pub kind: String,
    pub events: i64,
    /// The repository's name that day, when the query read it.
    pub repo_name: Option<String>,
}

/// Everything an API unit loads besides events and entities.
#[derive(Debug, Default)]
pub struct ApiFacts {
    pub snapshots: Vec<RepoSnapshot>,
    pub star_days: Vec<StarDay>,
    pub work_items: Vec<WorkItemState>,
    /// From BigQuery's daily-counts mode (source `bigquery`).
    pub daily_counts: Vec<DailyCount>,
}

impl ApiFacts {
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
            && self.star_days.is_empty()
            && self.work_items.is_empty()
            && self.daily_counts.is_empty()
    }
}

/// One BigQuery job as the budget and monitoring see it. Written when the job starts and again
/// when it ends.
#[derive(Debug, Clone, PartialEq)]
pub struct BigQueryJobRecord {
    pub job_id: String,
    pub run_id: i64,
    pub unit_key: String,
    pub mode: &'static str,
    pub estimated_bytes: u64,
    pub maximum_bytes_billed: u64,
    pub bytes_processed: Option<u64>,
    pub bytes_billed: Option<u64>,
    pub dollars: f64,
    pub cache_hit: Option<bool>,
    /// `running`, `done`, `failed` or `cancelled`.
    pub state: &'static str,
    pub error: Option<String>,
}

/// One HTTP request to an API, for monitoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub source: &'static str,
    pub endpoint: String,
    /// 0 when no answer came.
    pub status: u16,
    pub latency_ms: u64,
    pub from_cache: bool,
    pub rate_remaining: Option<i64>,
    /// The rate limit the answer reported, to read `rate_remaining` as a share.
    pub rate_limit: Option<i64>,
    /// The request repeated an earlier attempt of the same call.
    pub retry: bool,
    pub at: i64,
    /// The unit the request served, where one request serves one unit (GH Archive's hours).
    pub unit: Option<String>,
}

pub(super) async fn write_api_facts(c: &mut SqliteConnection, facts: &ApiFacts) -> Result<()> {
    for chunk in facts.snapshots.chunks(ROWS_PER_INSERT / 2) {
        let sql = values_sql(
            "INSERT INTO repo_snapshots (repo_id, taken_at, stars, forks, watchers, open_issues, language, topics,
                 license, created_at, pushed_at, updated_at, archived, default_branch) VALUES ",
            14,
            chunk.len(),
            " ON CONFLICT (repo_id, taken_at) DO NOTHING",
        );
        let mut query = sqlx::query(&sql);
        for s in chunk {
            let topics = serde_json::to_string(&s.topics).unwrap_or_else(|_| "[]".into());
            query = query
                .bind(s.repo_id)
                .bind(s.taken_at)
                .bind(s.stars)
                .bind(s.forks)
                .bind(s.watchers)
                .bind(s.open_issues)
                .bind(s.language.clone())
                .bind(topics)
                .bind(s.license.clone())
                .bind(s.created_at)
                .bind(s.pushed_at)
                .bind(s.updated_at)
                .bind(s.archived)
                .bind(s.default_branch.clone());
        }
        query.execute(&mut *c).await?;
    }
    for chunk in facts.star_days.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO star_days (repo_id, day, stars, source) VALUES ",
            4,
            chunk.len(),
            // The stargazer list is exact per user; the history endpoint never overrides it.
            " ON CONFLICT (repo_id, day) DO UPDATE SET stars = excluded.stars, source = excluded.source
               WHERE excluded.source = 'stargazers' OR star_days.source = 'history'",
        );
        let mut query = sqlx::query(&sql);
        for d in chunk {
            query = query.bind(d.repo_id).bind(d.day).bind(d.stars).bind(d.source.as_str());
        }
        query.execute(&mut *c).await?;
    }
    for chunk in facts.work_items.chunks(ROWS_PER_INSERT) {
        // The same order-independent merge as the events' lifecycle facts (see rollups.rs), but
        // the API's word on the current state wins: a reopened item is open again.
        let sql = values_sql(
            "INSERT INTO work_items (repo_id, number, kind, opened_at, closed_at, merged, author_id) VALUES ",
            7,
            chunk.len(),
            " ON CONFLICT (repo_id, number) DO UPDATE SET
                 kind = CASE WHEN 'pull_request' IN (excluded.kind, work_items.kind) THEN 'pull_request'
                             ELSE coalesce(excluded.kind, work_items.kind) END,
                 opened_at = coalesce(min(work_items.opened_at, excluded.opened_at), excluded.opened_at),
                 merged = CASE WHEN excluded.closed_at IS NULL THEN NULL ELSE excluded.merged END,
                 closed_at = excluded.closed_at,
                 author_id = coalesce(excluded.author_id, work_items.author_id)",
        );
        let mut query = sqlx::query(&sql);
        for w in chunk {
            let kind = if w.is_pull_request { "pull_request" } else { "issue" };
            query = query
                .bind(w.repo_id)
                .bind(w.number)
                .bind(kind)
                .bind(w.opened_at)
                .bind(w.closed_at)
                .bind(w.merged)
                .bind(w.author_id);
        }
        query.execute(&mut *c).await?;
    }
    for chunk in facts.daily_counts.chunks(ROWS_PER_INSERT) {
        // A count covers a whole day, so a later count of the same day replaces it.
        let sql = values_sql(
            "INSERT INTO remote_daily_counts (repo_id, day, type, source, events, updated_at) VALUES ",
            6,
            chunk.len(),
            " ON CONFLICT (repo_id, day, type, source) DO UPDATE SET
                 events = excluded.events, updated_at = excluded.updated_at",
        );
        let now = chrono::Utc::now().timestamp();
        let mut query = sqlx::query(&sql);
        for d in chunk {
            query = query.bind(d.repo_id).bind(d.day).bind(&d.kind).bind("bigquery").bind(d.events).bind(now);
        }
        query.execute(&mut *c).await?;
    }
    Ok(())
}

pub(super) async fn upsert_bigquery_job(c: &mut SqliteConnection, job: &BigQueryJobRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO bigquery_jobs (job_id, run_id, unit_key, mode, estimated_bytes, maximum_bytes_billed,
             bytes_processed, bytes_billed, dollars, cache_hit, state, error, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, unixepoch())
         ON CONFLICT (job_id) DO UPDATE SET
             bytes_processed = excluded.bytes_processed, bytes_billed = excluded.bytes_billed,
             dollars = excluded.dollars, cache_hit = excluded.cache_hit, state = excluded.state,
             error = excluded.error, run_id = excluded.run_id,
             finished_at = CASE WHEN excluded.state = 'running' THEN NULL ELSE unixepoch() END",
    )
    .bind(&job.job_id)
    .bind(job.run_id)
    .bind(&job.unit_key)
    .bind(job.mode)
    .bind(job.estimated_bytes as i64)
    .bind(job.maximum_bytes_billed as i64)
    .bind(job.bytes_processed.map(|b| b as i64))
    .bind(job.bytes_billed.map(|b| b as i64))
    .bind(job.dollars)
    .bind(job.cache_hit)
    .bind(job.state)
    .bind(job.error.as_deref())
    .execute(c)
    .await?;
    Ok(())
}

pub(super) async fn insert_requests(c: &mut SqliteConnection, run_id: i64, records: &[RequestRecord]) -> Result<()> {
    for chunk in records.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO http_requests
                (run_id, source, endpoint, status, latency_ms, from_cache, rate_remaining, rate_limit, retry, at, unit_key)
             VALUES ",
            11,
            chunk.len(),
            "",
        );
        let mut query = sqlx::query(&sql);
        for r in chunk {
            query = query
                .bind(run_id)
                .bind(r.source)
                .bind(&r.endpoint)
                .bind(i64::from(r.status))
                .bind(r.latency_ms as i64)
                .bind(r.from_cache)
                .bind(r.rate_remaining)
                .bind(r.rate_limit)
                .bind(r.retry)
                .bind(r.at)
                .bind(r.unit.as_deref());
        }
        query.execute(&mut *c).await?;
    }
    Ok(())
}
