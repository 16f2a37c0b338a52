//! What one run cost and how it went, for `octoscope runs show` and (later) the Monitoring
//! page: request latencies per source and endpoint, cache hits, the rate limit left, and
//! BigQuery's bytes and dollars. Read from what the run recorded (`http_requests`,
//! `bigquery_jobs`, `units`).

use super::Store;
use super::queries::RunRecord;
use crate::error::Result;
use crate::stats::percentile;

/// Requests of one run to one endpoint.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EndpointMetrics {
    pub source: String,
    pub endpoint: String,
    pub requests: u64,
    /// Answered from the HTTP cache (a 304: no rate limit spent).
    pub from_cache: u64,
    /// No answer, or an HTTP error status.
    pub errors: u64,
    /// Latency percentiles (nearest rank) and maximum, in milliseconds.
    pub p50_ms: u64,
    pub p95_ms: u64,
    pub max_ms: u64,
    /// The lowest rate-limit remaining the answers reported.
    pub min_rate_remaining: Option<i64>,
}

/// A run's BigQuery jobs, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct BigQuerySpend {
    pub jobs: u64,
    pub estimated_bytes: u64,
    pub bytes_processed: u64,
    pub bytes_billed: u64,
    pub dollars: f64,
}

/// A run with its metrics.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunMetrics {
    pub run: RunRecord,
    /// Events loaded per second of the run's wall time, once it finished.
    pub events_per_second: Option<f64>,
    pub endpoints: Vec<EndpointMetrics>,
    pub bigquery: Option<BigQuerySpend>,
}

impl Store {
    /// The metrics of run `run_id`, or `None` when there is no such run.
    pub async fn run_metrics(&self, run_id: i64) -> Result<Option<RunMetrics>> {
        let Some(run) = self.run(run_id).await? else { return Ok(None) };
        let rows: Vec<(String, String, i64, i64, bool, Option<i64>)> = sqlx::query_as(
            "SELECT source, endpoint, status, latency_ms, from_cache, rate_remaining FROM http_requests
             WHERE run_id = ?1 ORDER BY source, endpoint, latency_ms",
        )
        .bind(run_id)
        .fetch_all(self.pool())
        .await?;
        let mut endpoints: Vec<(EndpointMetrics, Vec<f64>)> = Vec::new();
        for (source, endpoint, status, latency, from_cache, remaining) in rows {
            let fresh = endpoints.last().is_none_or(|(m, _)| m.source != source || m.endpoint != endpoint);
            if fresh {
                let metrics = EndpointMetrics {
                    source,
                    endpoint,
                    requests: 0,
                    from_cache: 0,
                    errors: 0,
                    p50_ms: 0,
                    p95_ms: 0,
                    max_ms: 0,
                    min_rate_remaining: None,
                };
                endpoints.push((metrics, Vec::new()));
            }
            let Some((metrics, latencies)) = endpoints.last_mut() else { continue };
            metrics.requests += 1;
            metrics.from_cache += u64::from(from_cache);
            metrics.errors += u64::from(status == 0 || status >= 400);
            if let Some(left) = remaining {
                metrics.min_rate_remaining = Some(metrics.min_rate_remaining.map_or(left, |m| m.min(left)));
            }
            latencies.push(latency.max(0) as f64);
        }
        let endpoints = endpoints
            .into_iter()
            .map(|(mut metrics, mut latencies)| {
                let mut at = |p: f64| percentile(&mut latencies, p).unwrap_or(0.0) as u64;
                (metrics.p50_ms, metrics.p95_ms, metrics.max_ms) = (at(50.0), at(95.0), at(100.0));
                metrics
            })
            .collect();
        let spend: (i64, Option<i64>, Option<i64>, Option<i64>, Option<f64>) = sqlx::query_as(
            "SELECT count(*), sum(estimated_bytes), sum(bytes_processed), sum(bytes_billed), sum(dollars)
             FROM bigquery_jobs WHERE run_id = ?1",
        )
        .bind(run_id)
        .fetch_one(self.pool())
        .await?;
        let bigquery = (spend.0 > 0).then(|| BigQuerySpend {
            jobs: spend.0 as u64,
            estimated_bytes: spend.1.unwrap_or(0).max(0) as u64,
            bytes_processed: spend.2.unwrap_or(0).max(0) as u64,
            bytes_billed: spend.3.unwrap_or(0).max(0) as u64,
            dollars: spend.4.unwrap_or(0.0),
        });
        let events_per_second =
            run.finished_at.map(|end| run.events_loaded as f64 / ((end - run.started_at).max(1)) as f64);
        Ok(Some(RunMetrics { run, events_per_second, endpoints, bigquery }))
    }
}
