//! Executing a plan: units fetch concurrently, decode on a bounded number of threads, and each
//! commits with its done-mark in one transaction through the store's writer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::plan::{Plan, PlannedUnit};
use super::progress::{Progress, ProgressSink, RunSummary};
use super::staging::UnitStaging;
use crate::error::{EngineError, Result};
use crate::monitoring::{RunMonitor, StageClock, stage};
use crate::scope::Filter;
use crate::sources::gharchive::decode::{DecodeError, HourContext, HourTally, Prefilter, decode_hour_file};
use crate::sources::gharchive::record::TimeBounds;
use crate::sources::gharchive::{self, ArchiveLocation, Fetched, Fetcher};
use crate::store::{Entities, RunCounts, Store, StoreWriter, UnitCompletion, UnitEntities, UnitLoaded, UnitOutcome};

/// How hard a run may push.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Hours downloading at once (network-bound).
    pub downloads: usize,
    /// Hours decoding at once (CPU-bound: each uses about two cores with the writer).
    pub decoders: usize,
    /// How many times a damaged download is fetched again before the unit fails.
    pub refetch_corrupt: u32,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { downloads: 4, decoders: 1, refetch_corrupt: 1 }
    }
}

enum UnitResult {
    Done { loaded: UnitLoaded, tally: HourTally },
    Missing { reason: String },
    Failed { reason: String },
    Cancelled,
}

struct RunContext {
    run_id: i64,
    scope_key: String,
    filter: Arc<Filter>,
    prefilter: Option<Arc<Prefilter>>,
    fetcher: Fetcher,
    writer: StoreWriter,
    decoders: Semaphore,
    refetch_corrupt: u32,
    progress: ProgressSink,
    cancel: CancellationToken,
    clock: StageClock,
}

/// Runs every unit of `plan` that is not done yet and returns how the run ended.
pub async fn execute(
    store: &Store,
    plan: &Plan,
    fetcher: Fetcher,
    options: &RunOptions,
    progress: ProgressSink,
    cancel: CancellationToken,
) -> Result<RunSummary> {
    let monitor = RunMonitor::start();
    let writer = store.writer().await?;
    let scope_json = serde_json::to_string(&plan.scope).map_err(|e| EngineError::Internal(e.to_string()))?;
    let counts = RunCounts { units_total: plan.units.len() as u64, units_skipped: plan.units_skipped() };
    let run_id = writer.create_run(plan.source, plan.scope_key.clone(), scope_json, counts).await?;
    tracing::info!(run_id, scope = %plan.scope_key, units = plan.units.len(), "run started");
    progress(Progress::RunStarted {
        run_id,
        source: plan.source.to_owned(),
        units_total: counts.units_total,
        units_to_run: plan.units_to_run(),
        units_skipped: counts.units_skipped,
        estimated_bytes: plan.download_bytes(),
    });

    // A fatal error (the store cannot write: a full disk, say) stops the units still to come
    // instead of failing each of them the same way; they stay pending for the next run.
    let stop = cancel.child_token();
    let context = Arc::new(RunContext {
        run_id,
        scope_key: plan.scope_key.clone(),
        filter: Arc::new(plan.scope.filter.clone()),
        prefilter: Prefilter::for_filter(&plan.scope.filter).map(Arc::new),
        fetcher,
        writer: writer.clone(),
        decoders: Semaphore::new(options.decoders.max(1)),
        refetch_corrupt: options.refetch_corrupt,
        progress: Arc::clone(&progress),
        cancel: stop.clone(),
        clock: monitor.stages.clone(),
    });
    let results: Vec<(String, Result<UnitResult>)> = futures_util::stream::iter(plan.to_run().cloned())
        .map(|unit| {
            let context = Arc::clone(&context);
            let span = tracing::info_span!("unit", unit = %unit.key);
            async move {
                let key = unit.key.clone();
                let result = run_unit(&context, unit).await;
                if result.is_err() {
                    context.cancel.cancel();
                }
                (key, result)
            }
            .instrument(span)
        })
        .buffer_unordered(options.downloads.max(1))
        .collect()
        .instrument(tracing::info_span!("run", run_id, source = plan.source))
        .await;

    let mut summary = RunSummary::empty(run_id, counts.units_total, counts.units_skipped);
    let mut fatal: Option<EngineError> = None;
    for (unit, result) in results {
        match result {
            Ok(UnitResult::Done { loaded, tally }) => summary.add_done(&loaded, tally.out_of_scope),
            Ok(UnitResult::Missing { .. }) => {
                summary.units_missing += 1;
                summary.missing.push(unit);
            }
            Ok(UnitResult::Failed { reason }) => summary.add_failed(unit, reason),
            Ok(UnitResult::Cancelled) => summary.units_cancelled += 1,
            Err(error) => {
                summary.add_failed(unit, error.to_string());
                fatal.get_or_insert(error);
            }
        }
    }
    summary.settle(cancel.is_cancelled(), fatal.is_some());
    let error_text = summary.error_text(fatal.as_ref().map(ToString::to_string).as_deref());
    // Monitoring must not cost the run its ending (a full disk fails both): log and go on.
    if let Err(error) = writer.record_requests(run_id, context.fetcher.take_requests()).await {
        tracing::warn!(%error, "could not keep the run's download records");
    }
    let started = monitor.started;
    log_run_end(&summary, error_text.as_deref());
    writer.finish_run(run_id, summary.status, error_text, monitor.finish()).await?;
    summary.elapsed_ms = started.elapsed().as_millis() as u64;
    progress(Progress::RunFinished { summary: summary.clone() });
    Ok(summary)
}

async fn run_unit(context: &RunContext, unit: PlannedUnit) -> Result<UnitResult> {
    if context.cancel.is_cancelled() {
        return Ok(UnitResult::Cancelled);
    }
    (context.progress)(Progress::UnitStarted { unit: unit.key.clone() });
    // The unit's row is created only once its file is here: while another unit's transaction
    // is open the writer queues other work, and downloads must not wait for that.
    let mut unit_id = None;
    let result = load_unit(context, &unit, &mut unit_id).await;
    let writer = &context.writer;
    let coverage_hour = Some(unit.hour.0);
    match &result {
        Ok(UnitResult::Done { loaded, tally }) => (context.progress)(Progress::UnitDone {
            unit: unit.key.clone(),
            events_loaded: loaded.events_loaded,
            duplicates: loaded.duplicates,
            quarantined: loaded.quarantined,
            out_of_scope: tally.out_of_scope,
        }),
        Ok(UnitResult::Missing { reason }) => {
            let id = begin_once(context, &unit, &mut unit_id).await?;
            writer.end_unit(id, context.run_id, coverage_hour, UnitOutcome::Missing { reason: reason.clone() }).await?;
            (context.progress)(Progress::UnitMissing { unit: unit.key.clone(), reason: reason.clone() });
        }
        Ok(UnitResult::Failed { reason }) => {
            tracing::warn!(run_id = context.run_id, unit = %unit.key, %reason, "unit failed");
            let id = begin_once(context, &unit, &mut unit_id).await?;
            writer.end_unit(id, context.run_id, coverage_hour, UnitOutcome::Failed { reason: reason.clone() }).await?;
            (context.progress)(Progress::UnitFailed { unit: unit.key.clone(), reason: reason.clone() });
        }
        Ok(UnitResult::Cancelled) => {
            if let Some(id) = unit_id {
                writer.abort_unit(id).await?;
            }
        }
        Err(error) => {
            let reason = error.to_string();
            if let Ok(id) = begin_once(context, &unit, &mut unit_id).await {
                let outcome = UnitOutcome::Failed { reason: reason.clone() };
                let _ = writer.end_unit(id, context.run_id, coverage_hour, outcome).await;
            }
            (context.progress)(Progress::UnitFailed { unit: unit.key.clone(), reason });
        }
    }
    result
}

/// The unit's row id, creating the row (state 'running') the first time.
async fn begin_once(context: &RunContext, unit: &PlannedUnit, unit_id: &mut Option<i64>) -> Result<i64> {
    if let Some(id) = *unit_id {
        return Ok(id);
    }
    let id = context
        .writer
        .begin_unit(context.run_id, gharchive::SOURCE, unit.key.clone(), context.scope_key.clone())
        .await?;
    *unit_id = Some(id);
    Ok(id)
}

async fn load_unit(context: &RunContext, unit: &PlannedUnit, unit_slot: &mut Option<i64>) -> Result<UnitResult> {
    let key = unit.key.clone();
    let mut refetches = 0;
    loop {
        let progress = Arc::clone(&context.progress);
        let retry_key = key.clone();
        let on_retry = move |attempt: u32, reason: &str, delay: Duration| {
            progress(Progress::UnitRetrying {
                unit: retry_key.clone(),
                attempt,
                reason: reason.to_owned(),
                delay_ms: delay.as_millis() as u64,
            });
        };
        let progress = Arc::clone(&context.progress);
        let bytes_key = key.clone();
        let last_report = AtomicU64::new(0);
        let on_bytes = move |bytes: u64, total: Option<u64>| {
            // Report every 4 MB, not every network read.
            if bytes - last_report.load(Ordering::Relaxed) >= 4 << 20 || Some(bytes) == total {
                last_report.store(bytes, Ordering::Relaxed);
                progress(Progress::UnitDownloading { unit: bytes_key.clone(), bytes, total_bytes: total });
            }
        };
        let fetch_started = Instant::now();
        let fetched = context.fetcher.fetch(unit.hour, &context.cancel, &on_retry, &on_bytes).await;
        let (path, bytes) = match fetched {
            Err(_) if context.cancel.is_cancelled() => return Ok(UnitResult::Cancelled),
            Err(reason) => return Ok(UnitResult::Failed { reason }),
            Ok(Fetched::Missing { reason }) => return Ok(UnitResult::Missing { reason }),
            Ok(Fetched::File { path, bytes }) => (path, bytes),
        };
        context.clock.add(stage::DOWNLOAD, bytes, fetch_started.elapsed());

        let permit =
            context.decoders.acquire().await.map_err(|_| EngineError::Internal("decoder pool closed".into()))?;
        let decode_started = Instant::now();
        let (unit_id, waited, decoded) = decode_on_thread(context, unit, unit_slot, path, bytes).await?;
        let decode_time = decode_started.elapsed().saturating_sub(waited);
        drop(permit);
        match decoded {
            Ok((tally, parts)) => {
                // The parsers' entities are merged and sorted on another thread while the
                // writer writes the unit's rollups: both come after the last batch.
                let (sorted, entities) = tokio::sync::oneshot::channel();
                tokio::task::spawn_blocking(move || {
                    let _ = sorted.send(Entities::merged(parts).into_sorted());
                });
                let completion = UnitCompletion {
                    unit_id,
                    run_id: context.run_id,
                    source: gharchive::SOURCE,
                    scope_key: context.scope_key.clone(),
                    coverage_hour: Some(unit.hour.0),
                    entities: UnitEntities::Pending(entities),
                    records_seen: tally.records,
                    accepted: tally.accepted,
                    bytes,
                    checkpoint: None,
                    done: true,
                    continues: false,
                    coverage_hours: Vec::new(),
                };
                let commit_started = Instant::now();
                let loaded = context.writer.finish_unit(completion).await?;
                // The decoder hands batches to the writer as it goes: that staging is loading.
                let staging = Duration::from_millis(loaded.staging_ms);
                context.clock.add(stage::DECODE, tally.records, decode_time.saturating_sub(staging));
                context.clock.add(stage::LOAD, loaded.events_loaded, staging + commit_started.elapsed());
                return Ok(UnitResult::Done { loaded, tally });
            }
            Err(DecodeError::Cancelled) => return Ok(UnitResult::Cancelled),
            Err(DecodeError::Sink(reason)) => return Ok(UnitResult::Failed { reason }),
            Err(DecodeError::Corrupt(reason)) => {
                context.writer.abort_unit(unit_id).await?;
                let can_refetch = matches!(context.fetcher.location(), ArchiveLocation::Http { .. });
                if can_refetch && refetches < context.refetch_corrupt {
                    refetches += 1;
                    tracing::warn!(%reason, "damaged hour file; downloading it again");
                    context.fetcher.evict(unit.hour);
                    (context.progress)(Progress::UnitRetrying {
                        unit: key.clone(),
                        attempt: refetches,
                        reason: format!("{reason}; downloading it again"),
                        delay_ms: 0,
                    });
                    continue;
                }
                if can_refetch {
                    // Do not keep a damaged file around as if it were a good cached hour.
                    context.fetcher.evict(unit.hour);
                }
                let tries = if refetches > 0 {
                    format!(" (also after downloading it again {refetches} time(s))")
                } else {
                    String::new()
                };
                return Ok(UnitResult::Failed { reason: format!("{reason}{tries}") });
            }
        }
    }
}

/// Decodes the unit's file on a blocking thread, staging each batch through the writer, and
/// returns the unit's row id, how long decoding waited for it, and the outcome.
///
/// The unit's row is asked for without waiting for it. While the previous hour commits (about
/// half a second for a busy hour) the writer holds that request back, and this hour's first
/// batches wait here instead: its decoding overlaps the other's commit rather than following it.
async fn decode_on_thread(
    context: &RunContext,
    unit: &PlannedUnit,
    unit_slot: &mut Option<i64>,
    path: std::path::PathBuf,
    file_bytes: u64,
) -> Result<(i64, Duration, std::result::Result<(HourTally, Vec<Entities>), DecodeError>)> {
    let mut staging = UnitStaging::begin(
        &context.writer,
        (context.run_id, gharchive::SOURCE),
        unit.key.clone(),
        context.scope_key.clone(),
        *unit_slot,
    );
    let filter = Arc::clone(&context.filter);
    let prefilter = context.prefilter.clone();
    let cancel = context.cancel.clone();
    let progress = Arc::clone(&context.progress);
    let key = unit.key.clone();
    let bounds = TimeBounds::for_file_hour(unit.hour.start());
    let (unit_id, waited, decoded) = tokio::task::spawn_blocking(move || {
        let hour_context = HourContext { bounds, filter: &filter, prefilter: prefilter.as_deref() };
        let last_report = std::cell::Cell::new(Instant::now());
        let on_progress = |tally: &HourTally| {
            if last_report.get().elapsed() >= Duration::from_millis(200) {
                last_report.set(Instant::now());
                progress(Progress::UnitDecoding {
                    unit: key.clone(),
                    compressed_bytes: tally.compressed_bytes,
                    total_bytes: file_bytes,
                    events: tally.accepted,
                    rejected: tally.rejected,
                });
            }
        };
        let decoded = decode_hour_file(&path, &hour_context, &cancel, &on_progress, &mut |batch| {
            staging.stage(batch).map_err(|e| e.to_string())
        });
        staging.finish(decoded.is_ok()).map(|(unit_id, waited)| (unit_id, waited, decoded))
    })
    .await
    .map_err(|e| EngineError::Internal(format!("the decoder thread failed: {e}")))??;
    *unit_slot = Some(unit_id);
    Ok((unit_id, waited, decoded))
}

/// The run's last log line, with what went wrong when something did, so the log alone explains
/// a failed run.
fn log_run_end(summary: &RunSummary, error: Option<&str>) {
    let (run_id, status, events) = (summary.run_id, summary.status.as_str(), summary.events_loaded);
    match error {
        Some(error) => tracing::warn!(run_id, status, events, error, "run finished with errors"),
        None => tracing::info!(run_id, status, events, "run finished"),
    }
}

/// Ends a run of an API source (GitHub, BigQuery): settles its status (a fatal error, such as
/// a refused credential, fails it outright), keeps its request records, records how it ended
/// and reports the summary.
pub(crate) async fn end_api_run(
    writer: &StoreWriter,
    summary: &mut RunSummary,
    fatal: Option<String>,
    cancelled: bool,
    requests: Vec<crate::store::RequestRecord>,
    monitor: RunMonitor,
    progress: &ProgressSink,
) -> Result<()> {
    summary.settle(cancelled, fatal.is_some());
    if fatal.is_some() {
        summary.status = crate::store::RunStatus::Failed;
    }
    let error_text = summary.error_text(fatal.as_deref());
    let waited: u64 = requests.iter().map(|r| r.latency_ms).sum();
    let answered = requests.iter().filter(|r| r.status != 0).count() as u64;
    monitor.stages.add_many(stage::FETCH, requests.len() as u64, answered, Duration::from_millis(waited));
    writer.record_requests(summary.run_id, requests).await?;
    let started = monitor.started;
    log_run_end(summary, error_text.as_deref());
    writer.finish_run(summary.run_id, summary.status, error_text, monitor.finish()).await?;
    summary.elapsed_ms = started.elapsed().as_millis() as u64;
    progress(Progress::RunFinished { summary: summary.clone() });
    Ok(())
}
