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
    /// A remote job (a BigQuery query) is running; the unit reads its results when it is done.
    UnitQuerying {
        unit: String,
        elapsed_ms: u64,
    },
    /// A page of a remote job's results is loaded and checkpointed.
    UnitPaging {
        unit: String,
        rows_read: u64,
        rows_total: Option<u64>,
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
    /// A rate limit holds the unit's requests until `until` (unix seconds); it goes on by itself.
    UnitWaiting {
        unit: String,
        until: i64,
        /// The hourly (primary) limit, as opposed to a short secondary-limit pause.
        primary: bool,
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

impl RunSummary {
    /// A summary with nothing counted yet.
    pub fn empty(run_id: i64, units_total: u64, units_skipped: u64) -> Self {
        RunSummary {
            run_id,
            status: RunStatus::Running,
            units_total,
            units_skipped,
            units_done: 0,
            units_missing: 0,
            units_failed: 0,
            units_cancelled: 0,
            events_loaded: 0,
            duplicates: 0,
            quarantined: 0,
            out_of_scope: 0,
            elapsed_ms: 0,
            staging_ms: 0,
            commit_ms: 0,
            failures: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// Counts a unit that loaded.
    pub fn add_done(&mut self, loaded: &crate::store::UnitLoaded, out_of_scope: u64) {
        self.units_done += 1;
        self.events_loaded += loaded.events_loaded;
        self.duplicates += loaded.duplicates;
        self.quarantined += loaded.quarantined;
        self.out_of_scope += out_of_scope;
        self.staging_ms += loaded.staging_ms;
        self.commit_ms += loaded.commit_ms;
    }

    /// Counts a unit that failed, with why.
    pub fn add_failed(&mut self, unit: String, reason: String) {
        self.units_failed += 1;
        self.failures.push(UnitFailure { unit, reason });
    }

    /// How the run ended, from what its units did.
    pub fn settle(&mut self, cancelled: bool, fatal: bool) {
        self.missing.sort();
        self.failures.sort_by(|a, b| a.unit.cmp(&b.unit));
        self.status = if cancelled && self.units_cancelled > 0 {
            RunStatus::Cancelled
        } else if fatal {
            // A fatal error stops the run: whatever units it finished, it did not complete.
            RunStatus::Failed
        } else if self.units_failed > 0 {
            RunStatus::CompletedWithErrors
        } else {
            RunStatus::Completed
        };
    }

    /// The run's error text for the runs table: the fatal error, else the first failure.
    pub fn error_text(&self, fatal: Option<&str>) -> Option<String> {
        fatal.map(str::to_owned).or_else(|| {
            self.failures
                .first()
                .map(|f| format!("{} unit(s) failed; first: {}: {}", self.units_failed, f.unit, f.reason))
        })
    }
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
