//! Watching Octoscope itself and the data it holds: what each run used (stage times, memory),
//! alert rules and their log, the data-coverage report with its anomaly check, and the
//! structured log files.

pub mod alerts;
pub mod anomaly;
pub mod coverage;
pub mod logs;
pub mod memory;
pub mod overview;
pub mod stages;

pub use memory::PeakMemory;
pub use stages::{RunMonitor, RunResources, StageClock, StageTiming, stage};
