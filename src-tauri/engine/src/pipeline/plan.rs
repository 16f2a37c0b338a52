//! Turning a scope into units with estimates, without running anything.

use crate::error::Result;
use crate::scope::Scope;
use crate::sources::gharchive::{self, ArchiveLocation, Fetcher};
use crate::store::Store;
use crate::time::UtcHour;

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

impl Plan {
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

/// Plans a GH Archive collection of `scope` from `location`.
pub async fn plan_gharchive(store: &Store, fetcher: &Fetcher, scope: &Scope) -> Result<Plan> {
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
