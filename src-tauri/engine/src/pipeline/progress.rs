//! The one typed stream of progress events every consumer (CLI, desktop app) reads.

use std::sync::Arc;

use crate::store::RunStatus;

/// Something that happened during a run. Serialised with an `event` tag for the desktop app.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Progress {
    RunStarted {
        run_id: i64,
        source: String,
        units_total: u64,
        units_to_run: u64,
        units_skipped: u64,
        estimated_bytes: u64,
    },
    UnitStarted {
        unit: String,
    },
    UnitDownloading {
        unit: String,
        bytes: u64,
        total_bytes: Option<u64>,
    },
    UnitDecoding {
        unit: String,
        compressed_bytes: u64,
        total_bytes: u64,
        events: u64,
        rejected: u64,
    },
    UnitRetrying {
        unit: String,
        attempt: u32,
        reason: String,
        delay_ms: u64,
    },
    UnitDone {
        unit: String,
        events_loaded: u64,
        duplicates: u64,
        quarantined: u64,
        out_of_scope: u64,
    },
    UnitMissing {
        unit: String,
        reason: String,
    },
    UnitFailed {
        unit: String,
        reason: String,
    },
    RunFinished {
        summary: RunSummary,
    },
}

/// Where progress goes. Must be cheap and must not block: it is called from decoder threads.
pub type ProgressSink = Arc<dyn Fn(Progress) + Send + Sync>;

/// A sink that drops everything.
pub fn ignore_progress() -> ProgressSink {
    Arc::new(|_| {})
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitFailure {
    pub unit: String,
    pub reason: String,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunSummary {
    pub run_id: i64,
    pub status: RunStatus,
    pub units_total: u64,
    pub units_skipped: u64,
    pub units_done: u64,
    pub units_missing: u64,
    pub units_failed: u64,
    pub units_cancelled: u64,
    pub events_loaded: u64,
    pub duplicates: u64,
    pub quarantined: u64,
    pub out_of_scope: u64,
    pub elapsed_ms: u64,
    /// Writer time spent staging rows and committing units, summed over units (milliseconds).
    pub staging_ms: u64,
    pub commit_ms: u64,
    pub failures: Vec<UnitFailure>,
    pub missing: Vec<String>,
}
