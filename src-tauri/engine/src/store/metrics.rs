//! What one run cost and how it went, for `octoscope runs show` and the Monitoring page:
//! request latencies per source and endpoint, retries, cache hits, the rate limit left over
//! time, BigQuery's bytes and dollars, time per stage and peak memory. Read from what the run
//! recorded (`http_requests`, `bigquery_jobs`, `run_stages`, `runs`).

use super::Store;
use super::queries::RunRecord;
use crate::error::Result;
use crate::monitoring::StageTiming;
use crate::stats::percentile;

/// Requests of one run to one endpoint.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EndpointMetrics {
    pub source: String,
    pub endpoint: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub requests: u64,
    /// Requests that repeated an earlier attempt (after an error or a rate-limit wait).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub retries: u64,
    /// Answered from the HTTP cache (a 304: no rate limit spent).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub from_cache: u64,
    /// No answer, or an HTTP error status.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub errors: u64,
    /// Latency percentiles (nearest rank) and maximum, in milliseconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub p50_ms: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub p95_ms: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub max_ms: u64,
    /// The lowest rate-limit remaining the answers reported.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub min_rate_remaining: Option<i64>,
}

/// The rate limit left as the answers reported it, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RatePoint {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub at: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub remaining: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub limit: Option<i64>,
}

/// A run's BigQuery jobs, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BigQuerySpend {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub jobs: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub estimated_bytes: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_processed: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_billed: u64,
    pub dollars: f64,
}

/// One unit of a run: what it loaded, how long it took, and its downloads where it had any.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitMetrics {
    pub unit: String,
    pub source: String,
    /// `running`, `done`, `missing` or `failed`.
    pub state: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub events: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub quarantined: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// Decoding and loading: from the unit's start (its file at hand) to its end.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub process_ms: Option<u64>,
    /// Requests made for this unit alone (GH Archive's hour files), their time and retries.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub requests: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_ms: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub retries: u64,
    pub error: Option<String>,
}

/// A run with its metrics.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunMetrics {
    pub run: RunRecord,
    /// Events loaded per second of the run's wall time, once it finished.
    pub events_per_second: Option<f64>,
    pub endpoints: Vec<EndpointMetrics>,
    pub rate_limit: Vec<RatePoint>,
    pub bigquery: Option<BigQuerySpend>,
    pub stages: Vec<StageTiming>,
    /// The run's units, slowest first (request time plus processing time).
    pub units: Vec<UnitMetrics>,
    /// The highest resident memory sampled while the run went.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub peak_rss_bytes: Option<u64>,
}

/// Events per second of a run's wall time. Runs record their ends to the second, so a run
/// within one second counts as one.
pub fn events_per_second(events: i64, seconds: i64) -> f64 {
    events as f64 / seconds.max(1) as f64
}

impl Store {
    /// The metrics of run `run_id`, or `None` when there is no such run.
    pub async fn run_metrics(&self, run_id: i64) -> Result<Option<RunMetrics>> {
        let Some(run) = self.run(run_id).await? else { return Ok(None) };
        let endpoints = self.endpoint_metrics(run_id, run_id).await?;
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
        let events_per_second = run.finished_at.map(|end| events_per_second(run.events_loaded, end - run.started_at));
        let rate_limit = sqlx::query_as::<_, (i64, i64, Option<i64>)>(
            "SELECT at, rate_remaining, rate_limit FROM http_requests
             WHERE run_id = ?1 AND rate_remaining IS NOT NULL ORDER BY at, id",
        )
        .bind(run_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|(at, remaining, limit)| RatePoint { at, remaining, limit })
        .collect();
        let stages = sqlx::query_as::<_, (String, i64, i64, i64)>(
            "SELECT stage, calls, items, busy_ms FROM run_stages WHERE run_id = ?1 ORDER BY stage",
        )
        .bind(run_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|(stage, calls, items, busy_ms)| StageTiming {
            stage,
            calls: calls.max(0) as u64,
            items: items.max(0) as u64,
            busy_ms: busy_ms.max(0) as u64,
        })
        .collect();
        let peak: Option<i64> = sqlx::query_scalar("SELECT peak_rss_bytes FROM runs WHERE id = ?1")
            .bind(run_id)
            .fetch_one(self.pool())
            .await?;
        let units = self.unit_metrics(run_id).await?;
        Ok(Some(RunMetrics {
            run,
            events_per_second,
            units,
            endpoints,
            rate_limit,
            bigquery,
            stages,
            peak_rss_bytes: peak.map(|b| b.max(0) as u64),
        }))
    }

    /// The units run `run_id` attempted last, slowest first. A unit whose download failed has a
    /// row too (begun and ended at once), so its requests show beside it.
    async fn unit_metrics(&self, run_id: i64) -> Result<Vec<UnitMetrics>> {
        type UnitRow =
            (String, String, String, i64, i64, Option<i64>, Option<i64>, Option<i64>, Option<String>, i64, i64, i64);
        let rows: Vec<UnitRow> = sqlx::query_as(
            "WITH requests AS (
                 SELECT unit_key, count(*) AS n, sum(latency_ms) AS ms, sum(retry) AS retries
                 FROM http_requests WHERE run_id = ?1 AND unit_key IS NOT NULL GROUP BY unit_key)
             SELECT u.unit_key, u.source, u.state, u.events_loaded, u.records_quarantined, u.bytes,
                    u.started_ms, u.finished_ms, u.error,
                    coalesce(r.n, 0), coalesce(r.ms, 0), coalesce(r.retries, 0)
             FROM units u LEFT JOIN requests r ON r.unit_key = u.unit_key
             WHERE u.run_id = ?1",
        )
        .bind(run_id)
        .fetch_all(self.pool())
        .await?;
        let non_negative = |n: i64| n.max(0) as u64;
        let mut units: Vec<UnitMetrics> = rows
            .into_iter()
            .map(
                |(unit, source, state, events, quarantined, bytes, started, finished, error, requests, ms, retries)| {
                    UnitMetrics {
                        unit,
                        source,
                        state,
                        events: non_negative(events),
                        quarantined: non_negative(quarantined),
                        bytes: non_negative(bytes.unwrap_or(0)),
                        process_ms: started.zip(finished).map(|(s, f)| non_negative(f - s)),
                        requests: non_negative(requests),
                        request_ms: non_negative(ms),
                        retries: non_negative(retries),
                        error,
                    }
                },
            )
            .collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.request_ms + u.process_ms.unwrap_or(0)));
        Ok(units)
    }

    /// Request metrics per source and endpoint over runs `first_run..=last_run`.
    pub async fn endpoint_metrics(&self, first_run: i64, last_run: i64) -> Result<Vec<EndpointMetrics>> {
        type RequestRow = (String, String, i64, i64, bool, Option<i64>, bool);
        let rows: Vec<RequestRow> = sqlx::query_as(
            "SELECT source, endpoint, status, latency_ms, from_cache, rate_remaining, retry FROM http_requests
             WHERE run_id BETWEEN ?1 AND ?2 ORDER BY source, endpoint, latency_ms",
        )
        .bind(first_run)
        .bind(last_run)
        .fetch_all(self.pool())
        .await?;
        let mut endpoints: Vec<(EndpointMetrics, Vec<f64>)> = Vec::new();
        for (source, endpoint, status, latency, from_cache, remaining, retry) in rows {
            let fresh = endpoints.last().is_none_or(|(m, _)| m.source != source || m.endpoint != endpoint);
            if fresh {
                let metrics = EndpointMetrics {
                    source,
                    endpoint,
                    requests: 0,
                    retries: 0,
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
            metrics.retries += u64::from(retry);
            metrics.from_cache += u64::from(from_cache);
            metrics.errors += u64::from(status == 0 || status >= 400);
            if let Some(left) = remaining {
                metrics.min_rate_remaining = Some(metrics.min_rate_remaining.map_or(left, |m| m.min(left)));
            }
            latencies.push(latency.max(0) as f64);
        }
        Ok(endpoints
            .into_iter()
            .map(|(mut metrics, mut latencies)| {
                let mut at = |p: f64| percentile(&mut latencies, p).unwrap_or(0.0) as u64;
                (metrics.p50_ms, metrics.p95_ms, metrics.max_ms) = (at(50.0), at(95.0), at(100.0));
                metrics
            })
            .collect())
    }
}
