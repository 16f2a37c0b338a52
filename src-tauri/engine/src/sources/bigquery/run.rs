//! Executing a BigQuery plan. Each unit is one job: started with a byte cap, polled until done,
//! then read page by page. Every page commits its rows with the unit's checkpoint (the job and
//! the next page token), so a crash or cancel resumes at the next page without paying again.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::SOURCE;
use super::client::{BigQueryClient, JobBytes, JobHandle};
use super::cost::maximum_bytes_billed;
use super::plan::{BigQueryPlan, BigQueryUnit};
use super::query::{Mode, build};
use super::rows::{daily_counts_from_rows, events_from_rows};
use crate::error::{EngineError, Result};
use crate::monitoring::{RunMonitor, StageClock, stage};
use crate::pipeline::run::end_api_run;
use crate::pipeline::{Progress, ProgressSink, RunSummary};
use crate::sources::gharchive::record::TimeBounds;
use crate::store::{
    ApiFacts, BigQueryJobRecord, Entities, RunCounts, Store, StoreWriter, UnitCompletion, UnitLoaded, UnitOutcome,
};

/// How a BigQuery run reads results.
#[derive(Debug, Clone, Copy)]
pub struct BigQueryRunOptions {
    /// Rows asked for per result page (BigQuery also caps a page at about 10 MB).
    pub page_rows: u32,
    /// Jobs running at once.
    pub concurrent_jobs: usize,
}

impl Default for BigQueryRunOptions {
    fn default() -> Self {
        BigQueryRunOptions { page_rows: 10_000, concurrent_jobs: 4 }
    }
}

/// Where a unit's job and reading stand, kept as the unit's checkpoint.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct PageCheckpoint {
    job: Option<JobHandle>,
    /// The next page to read; `None` with `rows_read > 0` never happens (the unit is done).
    page_token: Option<String>,
    rows_read: u64,
    /// Events loaded per hour so far (events mode), for the coverage rows written when done.
    hours: BTreeMap<i64, i64>,
}

struct Context {
    run_id: i64,
    plan: Arc<BigQueryPlan>,
    client: Arc<BigQueryClient>,
    writer: StoreWriter,
    progress: ProgressSink,
    cancel: CancellationToken,
    clock: StageClock,
    options: BigQueryRunOptions,
    /// Bytes the run may bill in all, for each job's cap.
    run_allowance: u64,
}

enum Outcome {
    Done(UnitLoaded, u64),
    Failed(String),
    Cancelled,
    Fatal(EngineError),
}

/// Runs every unit of `plan` that is not done; refuses a plan the budgets refused.
pub async fn execute_bigquery(
    store: &Store,
    client: Arc<BigQueryClient>,
    plan: Arc<BigQueryPlan>,
    options: BigQueryRunOptions,
    progress: ProgressSink,
    cancel: CancellationToken,
) -> Result<RunSummary> {
    if let Some(refused) = &plan.refused {
        return Err(EngineError::BudgetExceeded(refused.clone()));
    }
    let monitor = RunMonitor::start();
    let writer = store.writer().await?;
    let to_run: Vec<BigQueryUnit> = plan.to_run().cloned().collect();
    let counts =
        RunCounts { units_total: plan.units.len() as u64, units_skipped: (plan.units.len() - to_run.len()) as u64 };
    let scope_json = serde_json::json!({
        "scope": plan.scope, "mode": plan.mode, "estimated_dollars": plan.dollars()
    })
    .to_string();
    let run_id = writer.create_run(SOURCE, plan.scope_key.clone(), scope_json, counts).await?;
    tracing::info!(run_id, source = SOURCE, units = to_run.len(), mode = plan.mode.as_str(), "run started");
    progress(Progress::RunStarted {
        run_id,
        source: SOURCE.to_owned(),
        units_total: counts.units_total,
        units_to_run: to_run.len() as u64,
        units_skipped: counts.units_skipped,
        estimated_bytes: to_run.iter().map(|u| u.bytes_processed).sum(),
    });
    let stop = cancel.child_token();
    let context = Arc::new(Context {
        run_id,
        run_allowance: plan.policy.bytes_for(plan.policy.run_budget),
        plan: Arc::clone(&plan),
        client: Arc::clone(&client),
        writer: writer.clone(),
        progress,
        cancel: stop.clone(),
        clock: monitor.stages.clone(),
        options,
    });
    let results: Vec<(String, Outcome)> = futures_util::stream::iter(to_run)
        .map(|unit| {
            let context = Arc::clone(&context);
            let span = tracing::info_span!("unit", unit = %unit.key);
            async move { (unit.key.clone(), run_unit(&context, unit).await) }.instrument(span)
        })
        .buffer_unordered(options.concurrent_jobs.max(1))
        .collect()
        .instrument(tracing::info_span!("run", run_id, source = SOURCE))
        .await;

    let mut summary = RunSummary::empty(run_id, counts.units_total, counts.units_skipped);
    let mut fatal: Option<EngineError> = None;
    for (unit, outcome) in results {
        match outcome {
            Outcome::Done(loaded, out_of_scope) => summary.add_done(&loaded, out_of_scope),
            Outcome::Failed(reason) => summary.add_failed(unit, reason),
            Outcome::Cancelled => summary.units_cancelled += 1,
            Outcome::Fatal(error) => {
                summary.add_failed(unit, error.to_string());
                fatal.get_or_insert(error);
            }
        }
    }
    let fatal_text = fatal.as_ref().map(ToString::to_string);
    let requests = client.take_requests();
    end_api_run(&writer, &mut summary, fatal_text, cancel.is_cancelled(), requests, monitor, &context.progress).await?;
    match fatal {
        Some(error) => Err(error),
        None => Ok(summary),
    }
}

async fn run_unit(context: &Context, unit: BigQueryUnit) -> Outcome {
    if context.cancel.is_cancelled() {
        return Outcome::Cancelled;
    }
    (context.progress)(Progress::UnitStarted { unit: unit.key.clone() });
    let unit_id =
        match context.writer.begin_unit(context.run_id, SOURCE, unit.key.clone(), context.plan.scope_key.clone()).await
        {
            Ok(id) => id,
            Err(error) => return Outcome::Failed(error.to_string()),
        };
    match load_unit(context, &unit, unit_id).await {
        Ok(outcome) => outcome,
        Err(EngineError::Cancelled) => Outcome::Cancelled,
        Err(error) => {
            let reason = error.to_string();
            tracing::warn!(run_id = context.run_id, unit = %unit.key, %reason, "unit failed");
            let outcome = UnitOutcome::Failed { reason: reason.clone() };
            let _ = context.writer.end_unit(unit_id, context.run_id, None, outcome).await;
            (context.progress)(Progress::UnitFailed { unit: unit.key.clone(), reason: reason.clone() });
            // A refused key fails every other unit the same way: stop them.
            if matches!(error, EngineError::CredentialInvalid(_)) {
                context.cancel.cancel();
                return Outcome::Fatal(error);
            }
            Outcome::Failed(reason)
        }
    }
}

/// The most `unit`'s job may bill: its estimate with headroom, within what the run's other
/// units leave of the run budget.
fn job_cap(context: &Context, unit: &BigQueryUnit) -> u64 {
    let others: u64 = context.plan.to_run().filter(|u| u.key != unit.key).map(|u| u.bytes_billed).sum();
    maximum_bytes_billed(unit.bytes_billed, context.run_allowance.saturating_sub(others))
}

fn job_record(context: &Context, unit: &BigQueryUnit, job_id: &str) -> BigQueryJobRecord {
    BigQueryJobRecord {
        job_id: job_id.to_owned(),
        run_id: context.run_id,
        unit_key: unit.key.clone(),
        mode: context.plan.mode.as_str(),
        estimated_bytes: unit.bytes_processed,
        maximum_bytes_billed: job_cap(context, unit),
        bytes_processed: None,
        bytes_billed: None,
        dollars: unit.dollars,
        cache_hit: None,
        state: "running",
        error: None,
    }
}

/// Starts the unit's job and checkpoints it before waiting, so a crash never pays twice.
async fn start_job(context: &Context, unit: &BigQueryUnit, unit_id: i64) -> Result<PageCheckpoint> {
    let query = build(context.plan.mode, &unit.group, &context.plan.filter, &context.plan.dataset_project);
    let nonce = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let job_id = format!("octoscope_{}_{unit_id}_{nonce:x}", context.run_id);
    let record = job_record(context, unit, &job_id);
    let cap = record.maximum_bytes_billed;
    context.writer.record_bigquery_job(record.clone()).await?;
    match context.client.start(&query, &job_id, cap, &context.cancel).await {
        Ok(handle) => {
            let checkpoint = PageCheckpoint { job: Some(handle), ..PageCheckpoint::default() };
            commit_page(context, unit, unit_id, &checkpoint, PageRows::default(), false, false).await?;
            Ok(checkpoint)
        }
        Err(error) => {
            // A job that never started bills nothing.
            let state = if matches!(error, EngineError::Cancelled) { "cancelled" } else { "failed" };
            let failed = BigQueryJobRecord { dollars: 0.0, state, error: Some(error.to_string()), ..record };
            context.writer.record_bigquery_job(failed).await?;
            Err(error)
        }
    }
}

/// What one page brought.
#[derive(Default)]
struct PageRows {
    batch: crate::store::StagedBatch,
    facts: ApiFacts,
    entities: Entities,
    rows: u64,
}

async fn commit_page(
    context: &Context,
    unit: &BigQueryUnit,
    unit_id: i64,
    checkpoint: &PageCheckpoint,
    page: PageRows,
    continues: bool,
    done: bool,
) -> Result<UnitLoaded> {
    let writer = &context.writer;
    let load_started = Instant::now();
    let accepted = page.batch.events.len() as u64;
    if !page.batch.events.is_empty() || !page.batch.rejects.is_empty() {
        writer.stage(unit_id, page.batch).await?;
    }
    if !page.facts.is_empty() {
        writer.stage_facts(unit_id, page.facts).await?;
    }
    let coverage_hours = if done && context.plan.mode == Mode::Events {
        unit.group.hours.hours().map(|h| (h.0, checkpoint.hours.get(&h.0).copied().unwrap_or(0))).collect()
    } else {
        Vec::new()
    };
    let text = serde_json::to_string(checkpoint).map_err(|e| EngineError::Internal(e.to_string()))?;
    writer
        .finish_unit(UnitCompletion {
            unit_id,
            run_id: context.run_id,
            source: SOURCE,
            scope_key: context.plan.scope_key.clone(),
            coverage_hour: None,
            entities: page.entities.into(),
            records_seen: page.rows,
            accepted,
            bytes: 0,
            checkpoint: Some(text),
            done,
            continues,
            coverage_hours,
        })
        .await
        .inspect(|loaded| context.clock.add(stage::LOAD, loaded.events_loaded, load_started.elapsed()))
}

async fn wait_for_job(context: &Context, unit: &BigQueryUnit, handle: &JobHandle) -> Result<JobBytes> {
    let progress = Arc::clone(&context.progress);
    let key = unit.key.clone();
    let on_wait = move |elapsed: Duration| {
        progress(Progress::UnitQuerying { unit: key.clone(), elapsed_ms: elapsed.as_millis() as u64 })
    };
    let waited = context.client.wait(handle, &context.cancel, &on_wait).await;
    let mut record = job_record(context, unit, &handle.job_id);
    match &waited {
        Ok(bytes) => {
            record.state = "done";
            record.bytes_processed = Some(bytes.processed);
            record.bytes_billed = Some(bytes.billed);
            record.dollars = context.plan.policy.dollars(bytes.billed);
            record.cache_hit = Some(bytes.cache_hit);
        }
        Err(EngineError::Cancelled) => record.state = "cancelled",
        Err(error) => {
            record.state = "failed";
            record.error = Some(error.to_string());
            // A job BigQuery stopped at its byte cap is not charged.
            if matches!(error, EngineError::BudgetExceeded(_)) {
                record.dollars = 0.0;
            }
        }
    }
    context.writer.record_bigquery_job(record).await?;
    waited
}

async fn load_unit(context: &Context, unit: &BigQueryUnit, unit_id: i64) -> Result<Outcome> {
    let resumed: Option<PageCheckpoint> = unit
        .checkpoint
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
        .filter(|c: &PageCheckpoint| c.job.is_some());
    if let Some(checkpoint) = resumed {
        match read_job(context, unit, unit_id, checkpoint).await {
            // BigQuery keeps a job's results for about a day: an older interruption runs the
            // query again (rows already loaded are recognised and not stored twice).
            Err(EngineError::Remote(reason)) => {
                tracing::warn!(unit = %unit.key, %reason, "the interrupted job cannot be read on; running it again");
                (context.progress)(Progress::UnitRetrying {
                    unit: unit.key.clone(),
                    attempt: 1,
                    reason: format!("{reason}; running the query again"),
                    delay_ms: 0,
                });
            }
            other => return other,
        }
    }
    let checkpoint = start_job(context, unit, unit_id).await?;
    read_job(context, unit, unit_id, checkpoint).await
}

/// Waits for the checkpoint's job, then reads its pages from the checkpoint's page on.
async fn read_job(
    context: &Context,
    unit: &BigQueryUnit,
    unit_id: i64,
    mut checkpoint: PageCheckpoint,
) -> Result<Outcome> {
    let handle = checkpoint.job.clone().ok_or_else(|| EngineError::Internal("a checkpoint without a job".into()))?;
    wait_for_job(context, unit, &handle).await?;
    let bounds = TimeBounds { earliest: 1_191_196_800, latest: unit.group.hours.to.start() + 86_400 };
    let mut total = UnitLoaded::default();
    let mut out_of_scope = 0;
    loop {
        let token = checkpoint.page_token.clone();
        let page = context.client.page(&handle, token.as_deref(), context.options.page_rows, &context.cancel).await?;
        let mut rows = PageRows { rows: page.rows.len() as u64, ..PageRows::default() };
        match context.plan.mode {
            Mode::Events => {
                let staged = events_from_rows(
                    &page.rows,
                    checkpoint.rows_read,
                    bounds,
                    &context.plan.scope.filter,
                    &mut rows.entities,
                );
                out_of_scope += staged.out_of_scope;
                for event in &staged.batch.events {
                    *checkpoint.hours.entry(event.created_at.div_euclid(3600)).or_default() += 1;
                }
                rows.batch = staged.batch;
            }
            Mode::DailyCounts => {
                rows.facts.daily_counts = daily_counts_from_rows(&page.rows)
                    .map_err(|reason| EngineError::Remote(format!("BigQuery sent {reason}")))?;
                for count in &rows.facts.daily_counts {
                    if let Some(name) = &count.repo_name {
                        rows.entities.see_repo(count.repo_id, name, count.day * 86_400);
                    }
                }
            }
        }
        checkpoint.rows_read += rows.rows;
        checkpoint.page_token = page.next.clone();
        let done = page.next.is_none();
        let loaded = commit_page(context, unit, unit_id, &checkpoint, rows, true, done).await?;
        total.events_loaded += loaded.events_loaded;
        total.duplicates += loaded.duplicates;
        total.quarantined += loaded.quarantined;
        total.staging_ms += loaded.staging_ms;
        total.commit_ms += loaded.commit_ms;
        (context.progress)(Progress::UnitPaging {
            unit: unit.key.clone(),
            rows_read: checkpoint.rows_read,
            rows_total: page.total_rows,
        });
        if done {
            break;
        }
        if context.cancel.is_cancelled() {
            return Ok(Outcome::Cancelled);
        }
    }
    (context.progress)(Progress::UnitDone {
        unit: unit.key.clone(),
        events_loaded: total.events_loaded,
        duplicates: total.duplicates,
        quarantined: total.quarantined,
        out_of_scope,
    });
    Ok(Outcome::Done(total, out_of_scope))
}
