//! Plan -> fetch -> validate -> enrich -> load, as one resumable, cancellable run.
//!
//! A [`plan::Plan`] turns a scope into units and says what they will cost; [`run::execute`]
//! runs the units that are not done yet, streaming [`progress::Progress`] events to whoever
//! watches (the CLI's progress bars, the desktop app's channel).

pub mod plan;
pub mod progress;
pub mod request;
pub mod run;
pub mod sample;
mod staging;

pub use plan::{MAX_PLAN_HOURS, Plan, PlanSummary, PlannedUnit, UnitPlanState, check_gharchive_range, plan_gharchive};
pub use progress::{Progress, ProgressSink, RunSummary, UnitFailure};
pub use request::CollectionRequest;
pub use run::{RunOptions, execute};
pub use tokio_util::sync::CancellationToken;
