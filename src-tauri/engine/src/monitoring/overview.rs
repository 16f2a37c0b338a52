//! The Monitoring page's numbers in one read: throughput and memory of recent runs, request
//! latency per endpoint over them, BigQuery spend per month against the budget, and the GitHub
//! rate limit last seen.

use crate::error::Result;
use crate::settings;
use crate::store::metrics::events_per_second;
use crate::store::{EndpointMetrics, RatePoint, Store};
use crate::time::month_start;

/// How many recent runs the page covers.
pub const RECENT_RUNS: i64 = 30;

/// One run's throughput and memory.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunPerformance {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub source: String,
    pub status: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub started_at: i64,
    /// Wall time in seconds, once finished.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub seconds: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub events_loaded: i64,
    pub events_per_second: Option<f64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub peak_rss_bytes: Option<i64>,
}

/// BigQuery spend in one calendar month (UTC).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthSpend {
    /// `YYYY-MM`.
    pub month: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub jobs: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_billed: i64,
    pub dollars: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonitoringOverview {
    /// Newest first.
    pub runs: Vec<RunPerformance>,
    /// Over the same runs.
    pub endpoints: Vec<EndpointMetrics>,
    /// Oldest first, the last twelve months with any spend.
    pub spend_by_month: Vec<MonthSpend>,
    pub month_spent: f64,
    pub month_budget: f64,
    pub run_budget: f64,
    /// The GitHub rate limit as the newest answer reported it.
    pub github_rate: Option<RatePoint>,
}

pub async fn overview(store: &Store, now: i64) -> Result<MonitoringOverview> {
    type RunRow = (i64, String, String, i64, Option<i64>, i64, Option<i64>);
    let rows: Vec<RunRow> = sqlx::query_as(
        "SELECT id, source, status, started_at, finished_at, events_loaded, peak_rss_bytes FROM runs
         ORDER BY id DESC LIMIT ?1",
    )
    .bind(RECENT_RUNS)
    .fetch_all(store.pool())
    .await?;
    let runs: Vec<RunPerformance> = rows
        .into_iter()
        .map(|(id, source, status, started_at, finished_at, events_loaded, peak_rss_bytes)| {
            let seconds = finished_at.map(|end| (end - started_at).max(0));
            RunPerformance {
                id,
                source,
                status,
                started_at,
                seconds,
                events_loaded,
                events_per_second: seconds.map(|s| events_per_second(events_loaded, s)),
                peak_rss_bytes,
            }
        })
        .collect();
    let endpoints = match (runs.last(), runs.first()) {
        (Some(oldest), Some(newest)) => store.endpoint_metrics(oldest.id, newest.id).await?,
        _ => Vec::new(),
    };
    let spend_by_month = sqlx::query_as::<_, (String, i64, Option<i64>, Option<f64>)>(
        "SELECT strftime('%Y-%m', started_at, 'unixepoch') AS month, count(*), sum(bytes_billed), sum(dollars)
         FROM bigquery_jobs GROUP BY month ORDER BY month DESC LIMIT 12",
    )
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .rev()
    .map(|(month, jobs, bytes_billed, dollars)| MonthSpend {
        month,
        jobs,
        bytes_billed: bytes_billed.unwrap_or(0),
        dollars: dollars.unwrap_or(0.0),
    })
    .collect();
    let policy = settings::bigquery_policy(store).await?;
    let month_spent = store.bigquery_spending_since(month_start(now.div_euclid(86_400)) * 86_400).await?;
    let github_rate = sqlx::query_as::<_, (i64, i64, Option<i64>)>(
        "SELECT at, rate_remaining, rate_limit FROM http_requests
         WHERE source = 'github' AND rate_remaining IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1",
    )
    .fetch_optional(store.pool())
    .await?
    .map(|(at, remaining, limit)| RatePoint { at, remaining, limit });
    Ok(MonitoringOverview {
        runs,
        endpoints,
        spend_by_month,
        month_spent,
        month_budget: policy.month_budget,
        run_budget: policy.run_budget,
        github_rate,
    })
}
