//! Turning a scope into units with estimates, without running anything.

use crate::error::{EngineError, Result};
use crate::scope::Scope;
use crate::sources::gharchive::{self, ArchiveLocation, Fetcher};
use crate::store::Store;
use crate::time::{HourRange, UtcHour};

/// What a unit's earlier runs left behind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UnitPlanState {
    /// Never attempted for this scope.
    New,
    /// Already loaded (for this scope, or for all of GitHub): skipped.
    Done,
    /// Attempted before without loading ('missing', 'failed', or interrupted as 'pending'/'running').
    Retry { previous: String },
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PlannedUnit {
    pub key: String,
    pub hour: UtcHour,
    #[serde(flatten)]
    pub state: UnitPlanState,
    /// Bytes to download: 0 when the file is already on disk.
    pub download_bytes: u64,
    /// Bytes to decode (estimated when not on disk yet).
    pub file_bytes: u64,
    pub on_disk: bool,
    pub estimated_events: u64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Plan {
    pub source: &'static str,
    pub scope: Scope,
    pub scope_key: String,
    pub location: ArchiveLocation,
    pub units: Vec<PlannedUnit>,
}

/// What a plan will do, in numbers, for a person deciding whether to run it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSummary {
    pub source: String,
    pub scope_key: String,
    pub units_total: u64,
    pub units_to_run: u64,
    pub units_skipped: u64,
    pub download_bytes: u64,
    pub estimated_events: u64,
}

impl Plan {
    pub fn summary(&self) -> PlanSummary {
        PlanSummary {
            source: self.source.to_owned(),
            scope_key: self.scope_key.clone(),
            units_total: self.units.len() as u64,
            units_to_run: self.units_to_run(),
            units_skipped: self.units_skipped(),
            download_bytes: self.download_bytes(),
            estimated_events: self.estimated_events(),
        }
    }

    pub fn to_run(&self) -> impl Iterator<Item = &PlannedUnit> {
        self.units.iter().filter(|u| u.state != UnitPlanState::Done)
    }

    pub fn units_to_run(&self) -> u64 {
        self.to_run().count() as u64
    }

    pub fn units_skipped(&self) -> u64 {
        self.units.len() as u64 - self.units_to_run()
    }

    pub fn download_bytes(&self) -> u64 {
        self.to_run().map(|u| u.download_bytes).sum()
    }

    pub fn estimated_events(&self) -> u64 {
        self.to_run().map(|u| u.estimated_events).sum()
    }
}

/// The longest range one collection may plan: ten years of hours. Longer ranges are almost
/// certainly a typo, and would plan nearly 100,000 units. (Charts may span any range.)
pub const MAX_PLAN_HOURS: usize = 24 * 366 * 10;

/// Whether GH Archive can hold `range` and one collection may plan it. Callers check before
/// creating anything, so a typo leaves no trace.
pub fn check_gharchive_range(range: &HourRange) -> Result<()> {
    let first = crate::time::GHARCHIVE_FIRST_HOUR;
    if range.to <= first {
        return Err(EngineError::InvalidInput(format!("GH Archive starts at {first}; {} is before it", range.from)));
    }
    let now = UtcHour::now();
    if range.from > now {
        return Err(EngineError::InvalidInput(format!("--from {} is in the future (it is now {now} UTC)", range.from)));
    }
    if range.len() > MAX_PLAN_HOURS {
        return Err(EngineError::InvalidInput(format!(
            "{}..{} spans {} hours; one collection covers at most {MAX_PLAN_HOURS} (ten years)",
            range.from,
            range.to,
            range.len()
        )));
    }
    Ok(())
}

/// Plans a GH Archive collection of `scope` from `location`.
pub async fn plan_gharchive(store: &Store, fetcher: &Fetcher, scope: &Scope) -> Result<Plan> {
    check_gharchive_range(&scope.range)?;
    let scope_key = scope.filter.key();
    let states = store.unit_states(gharchive::SOURCE, &scope_key).await?;
    let units = scope
        .range
        .hours()
        .map(|hour| {
            let key = hour.archive_stem();
            let state = match states.get(&key).map(String::as_str) {
                None => UnitPlanState::New,
                Some("done") => UnitPlanState::Done,
                Some(previous) => UnitPlanState::Retry { previous: previous.to_owned() },
            };
            let on_disk_size = fetcher.cached_size(hour);
            let file_bytes = on_disk_size.unwrap_or_else(|| gharchive::estimated_hour_bytes(hour));
            let download_bytes = match (fetcher.location(), on_disk_size) {
                (ArchiveLocation::Http { .. }, None) => file_bytes,
                _ => 0,
            };
            PlannedUnit {
                key,
                hour,
                state,
                download_bytes,
                file_bytes,
                on_disk: on_disk_size.is_some(),
                estimated_events: gharchive::estimated_events(file_bytes),
            }
        })
        .collect();
    Ok(Plan { source: gharchive::SOURCE, scope: scope.clone(), scope_key, location: fetcher.location().clone(), units })
}
