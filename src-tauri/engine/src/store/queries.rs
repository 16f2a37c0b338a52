//! Read-only questions about a workspace. They read rollups where they can, so they stay fast
//! on workspaces of tens of millions of events.

use sqlx::FromRow;

use super::Store;
use crate::error::Result;
use crate::time::{UtcHour, format_timestamp};

#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventTypeCount {
    pub event_type: String,
    pub events: i64,
}

/// A run of consecutive hours a source could not provide ('missing') or we could not load
/// ('failed'). `to` is exclusive, like everywhere else.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gap {
    pub source: String,
    pub status: String,
    pub from: String,
    pub to: String,
    pub hours: i64,
}

/// The summary `octoscope stats` prints. Field names are the stable `--json` contract.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkspaceStats {
    pub events: i64,
    pub repositories: i64,
    pub actors: i64,
    pub organisations: i64,
    pub quarantined: i64,
    pub gaps: Vec<Gap>,
    pub first_event_at: Option<String>,
    pub last_event_at: Option<String>,
    pub events_by_type: Vec<EventTypeCount>,
    pub bot_events: i64,
    pub runs: i64,
    pub hours_loaded: i64,
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunRecord {
    pub id: i64,
    pub source: String,
    pub scope_key: String,
    pub status: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub units_total: i64,
    pub units_skipped: i64,
    pub units_done: i64,
    pub units_missing: i64,
    pub units_failed: i64,
    pub events_loaded: i64,
    pub records_quarantined: i64,
    pub error: Option<String>,
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuarantineRecord {
    pub id: i64,
    pub run_id: Option<i64>,
    pub source: String,
    pub unit_key: String,
    pub line: i64,
    pub reason: String,
    pub excerpt: String,
}

impl Store {
    /// Names of repositories in the workspace (any name they were seen under) that contain
    /// `text`, shortest first: the repository picker's suggestions.
    pub async fn search_repositories(&self, text: &str, limit: i64) -> Result<Vec<String>> {
        let pattern = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT full_name FROM repository_names WHERE full_name LIKE ?1 ESCAPE '\\'
             ORDER BY length(full_name), full_name LIMIT ?2",
        )
        .bind(pattern)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The first and last event times (unix seconds) in the workspace, from the hourly rollup;
    /// `None` when it holds no events.
    pub async fn event_bounds(&self) -> Result<Option<(i64, i64)>> {
        let (first, last): (Option<i64>, Option<i64>) =
            sqlx::query_as("SELECT min(first_event_at), max(last_event_at) FROM hourly_events")
                .fetch_one(self.pool())
                .await?;
        Ok(first.zip(last))
    }

    pub async fn stats(&self) -> Result<WorkspaceStats> {
        let pool = self.pool();
        let (events, bot_events): (i64, i64) =
            sqlx::query_as("SELECT coalesce(sum(events), 0), coalesce(sum(bot_events), 0) FROM hourly_events")
                .fetch_one(pool)
                .await?;
        let bounds = self.event_bounds().await?;
        // The workspace-wide daily rollup: the per-repository one is 5 million rows on 20 million
        // events (6 s), and the app reads these stats whenever it opens a workspace.
        let by_type: Vec<(String, i64)> =
            sqlx::query_as("SELECT type, sum(events) AS n FROM daily_type_events GROUP BY type ORDER BY n DESC, type")
                .fetch_all(pool)
                .await?;
        let count = |table: &'static str| async move {
            let sql = format!("SELECT count(*) FROM {table}");
            sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await
        };
        let hours_loaded: i64 =
            sqlx::query_scalar("SELECT count(DISTINCT hour) FROM coverage WHERE status = 'complete'")
                .fetch_one(pool)
                .await?;
        Ok(WorkspaceStats {
            events,
            repositories: count("repositories").await?,
            actors: count("actors").await?,
            organisations: count("organisations").await?,
            quarantined: count("quarantine").await?,
            gaps: self.gaps().await?,
            first_event_at: bounds.map(|(first, _)| format_timestamp(first)),
            last_event_at: bounds.map(|(_, last)| format_timestamp(last)),
            events_by_type: by_type
                .into_iter()
                .map(|(event_type, events)| EventTypeCount { event_type, events })
                .collect(),
            bot_events,
            runs: count("runs").await?,
            hours_loaded,
        })
    }

    /// Hours with no data, merged into ranges. An hour counts as a gap only if no scope has it
    /// complete: a missing hour is missing for every scope.
    pub async fn gaps(&self) -> Result<Vec<Gap>> {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT source, hour, min(status) FROM coverage c
             WHERE status != 'complete' AND NOT EXISTS (
                 SELECT 1 FROM coverage d WHERE d.source = c.source AND d.hour = c.hour AND d.status = 'complete')
             GROUP BY source, hour ORDER BY source, hour",
        )
        .fetch_all(self.pool())
        .await?;
        let mut gaps: Vec<(String, String, i64, i64)> = Vec::new();
        for (source, hour, status) in rows {
            match gaps.last_mut() {
                Some((s, st, _, to)) if *s == source && *st == status && *to == hour => *to = hour + 1,
                _ => gaps.push((source, status, hour, hour + 1)),
            }
        }
        Ok(gaps
            .into_iter()
            .map(|(source, status, from, to)| Gap {
                source,
                status,
                from: UtcHour(from).to_string(),
                to: UtcHour(to).to_string(),
                hours: to - from,
            })
            .collect())
    }

    /// The most recent runs first.
    pub async fn runs(&self, limit: i64) -> Result<Vec<RunRecord>> {
        Ok(sqlx::query_as(
            "SELECT id, source, scope_key, status, started_at, finished_at, units_total, units_skipped, units_done,
                    units_missing, units_failed, events_loaded, records_quarantined, error
             FROM runs ORDER BY id DESC LIMIT ?1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn run(&self, run_id: i64) -> Result<Option<RunRecord>> {
        Ok(sqlx::query_as(
            "SELECT id, source, scope_key, status, started_at, finished_at, units_total, units_skipped, units_done,
                    units_missing, units_failed, events_loaded, records_quarantined, error
             FROM runs WHERE id = ?1",
        )
        .bind(run_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Quarantined records, newest first, optionally of one run.
    pub async fn quarantine(&self, run_id: Option<i64>, limit: i64) -> Result<Vec<QuarantineRecord>> {
        Ok(sqlx::query_as(
            "SELECT id, run_id, source, unit_key, line, reason, excerpt FROM quarantine
             WHERE ?1 IS NULL OR run_id = ?1 ORDER BY id DESC LIMIT ?2",
        )
        .bind(run_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The state of each unit of `source` for `scope_key` (and for all of GitHub, which covers
    /// every scope), keyed by unit key.
    pub async fn unit_states(
        &self,
        source: &str,
        scope_key: &str,
    ) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT unit_key, scope_key, state FROM units WHERE source = ?1 AND scope_key IN (?2, '*')")
                .bind(source)
                .bind(scope_key)
                .fetch_all(self.pool())
                .await?;
        let mut states = std::collections::HashMap::new();
        for (key, _, state) in rows {
            let entry = states.entry(key).or_insert_with(|| state.clone());
            if state == "done" {
                *entry = state;
            }
        }
        Ok(states)
    }

    /// The checkpoint each unit of `source` left (its key -> the checkpoint text).
    pub async fn unit_checkpoints(&self, source: &str) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT unit_key, checkpoint FROM units WHERE source = ?1 AND checkpoint IS NOT NULL")
                .bind(source)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().collect())
    }

    /// The checkpoints of `source`'s units for `scope_key` (unit key -> checkpoint text).
    pub async fn scoped_checkpoints(
        &self,
        source: &str,
        scope_key: &str,
    ) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT unit_key, checkpoint FROM units WHERE source = ?1 AND scope_key = ?2 AND checkpoint IS NOT NULL",
        )
        .bind(source)
        .bind(scope_key)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().collect())
    }

    /// GitHub ids of repositories this workspace has seen under `full_name` (any case).
    pub async fn repo_ids_named(&self, full_name: &str) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT repo_id FROM repository_names WHERE full_name = ?1 COLLATE NOCASE AND repo_id > 0
             ORDER BY repo_id",
        )
        .bind(full_name)
        .fetch_all(self.pool())
        .await?)
    }

    /// Dollars BigQuery jobs started at or after `since` (unix seconds) billed, or are estimated
    /// to bill when they never reported.
    pub async fn bigquery_spending_since(&self, since: i64) -> Result<f64> {
        let total: Option<f64> = sqlx::query_scalar("SELECT sum(dollars) FROM bigquery_jobs WHERE started_at >= ?1")
            .bind(since)
            .fetch_one(self.pool())
            .await?;
        Ok(total.unwrap_or(0.0))
    }
}
