//! Where a run's time went: busy time per stage, summed over units, and the run's peak memory.
//! Sources time their own stages and hand the totals to the writer when the run ends.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::PeakMemory;

/// The stages a run reports. Not every source has all of them.
pub mod stage {
    /// Downloading GH Archive hours; items are bytes.
    pub const DOWNLOAD: &str = "download";
    /// Inflating and parsing hours into events; items are records read.
    pub const DECODE: &str = "decode";
    /// Waiting for API answers (GitHub, BigQuery); items are requests.
    pub const FETCH: &str = "fetch";
    /// Writing events and rollups into SQLite; items are events loaded.
    pub const LOAD: &str = "load";
}

/// One stage's totals for a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageTiming {
    pub stage: String,
    /// How many times the stage ran (units, requests).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub calls: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub items: u64,
    /// Busy time summed over concurrent units: it can exceed the run's wall time.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub busy_ms: u64,
}

impl StageTiming {
    /// Items per second of busy time, once the stage took measurable time.
    pub fn items_per_second(&self) -> Option<f64> {
        (self.busy_ms > 0).then(|| self.items as f64 * 1000.0 / self.busy_ms as f64)
    }
}

/// Accumulates stage timings; clones share the totals, so concurrent units can all add to it.
#[derive(Debug, Clone, Default)]
pub struct StageClock {
    totals: Arc<Mutex<BTreeMap<&'static str, Totals>>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    calls: u64,
    items: u64,
    busy: Duration,
}

impl StageClock {
    pub fn add(&self, stage: &'static str, items: u64, busy: Duration) {
        self.add_many(stage, 1, items, busy);
    }

    /// Adds `calls` runs of a stage at once (request records summed by the caller).
    pub fn add_many(&self, stage: &'static str, calls: u64, items: u64, busy: Duration) {
        if calls == 0 {
            return;
        }
        if let Ok(mut totals) = self.totals.lock() {
            let entry = totals.entry(stage).or_default();
            entry.calls += calls;
            entry.items += items;
            entry.busy += busy;
        }
    }

    pub fn timings(&self) -> Vec<StageTiming> {
        let Ok(totals) = self.totals.lock() else { return Vec::new() };
        totals
            .iter()
            .map(|(stage, totals)| StageTiming {
                stage: (*stage).to_owned(),
                calls: totals.calls,
                items: totals.items,
                busy_ms: totals.busy.as_millis() as u64,
            })
            .collect()
    }
}

/// Watches one run: its start, its stage times and its memory.
#[derive(Debug)]
pub struct RunMonitor {
    pub started: Instant,
    pub stages: StageClock,
    memory: PeakMemory,
}

impl RunMonitor {
    /// Starts the clock and the memory sampler (on the current Tokio runtime).
    pub fn start() -> RunMonitor {
        RunMonitor { started: Instant::now(), stages: StageClock::default(), memory: PeakMemory::start() }
    }

    /// Stops watching; what the run used.
    pub fn finish(self) -> RunResources {
        RunResources { stages: self.stages.timings(), peak_rss_bytes: self.memory.finish() }
    }
}

/// What a finished run used, stored with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunResources {
    pub stages: Vec<StageTiming>,
    pub peak_rss_bytes: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_add_to_the_same_totals() {
        let clock = StageClock::default();
        let other = clock.clone();
        clock.add(stage::DECODE, 1_000, Duration::from_millis(500));
        other.add(stage::DECODE, 3_000, Duration::from_millis(1_500));
        other.add_many(stage::FETCH, 0, 0, Duration::from_secs(9));
        let timings = clock.timings();
        assert_eq!(
            timings,
            vec![StageTiming { stage: "decode".into(), calls: 2, items: 4_000, busy_ms: 2_000 }],
            "an empty add_many records no stage"
        );
        assert_eq!(timings[0].items_per_second(), Some(2_000.0));
    }
}
