//! Events in the Events API shape, from whichever source: GitHub's events feed and BigQuery's
//! rows go through the same parser as GH Archive's lines, so every source validates,
//! quarantines and normalises alike.

use crate::scope::Filter;
use crate::sources::gharchive::decode::{excerpt, redact_emails};
use crate::sources::gharchive::record::{TimeBounds, parse_event};
use crate::store::{Entities, QuarantinedRecord, StagedBatch};

/// What [`stage_records`] made of a batch of records.
#[derive(Debug, Default)]
pub struct StagedRecords {
    pub batch: StagedBatch,
    /// Valid events outside the scope's filter (not staged).
    pub out_of_scope: u64,
}

/// Parses each `(position, record)`; valid events in `filter` are staged and their repository,
/// actor and organisation noted in `entities`; invalid ones are quarantined with their position.
pub fn stage_records<'a>(
    records: impl IntoIterator<Item = (u64, &'a [u8])>,
    bounds: TimeBounds,
    filter: Option<&Filter>,
    entities: &mut Entities,
) -> StagedRecords {
    let mut staged = StagedRecords::default();
    for (line, record) in records {
        match parse_event(record, bounds) {
            Ok(event) => {
                let row = &event.row;
                if filter.is_some_and(|f| !f.matches(&event.repo_name, event.org_login.as_deref())) {
                    staged.out_of_scope += 1;
                    continue;
                }
                entities.see_repo(row.repo_id, &event.repo_name, row.created_at);
                entities.see_actor(row.actor_id, &event.actor_login, row.is_bot, row.created_at);
                if let (Some(id), Some(login)) = (row.org_id, event.org_login.as_deref()) {
                    entities.see_org(id, login, row.created_at);
                }
                staged.batch.events.push(event.row);
            }
            Err(reason) => staged.batch.rejects.push(QuarantinedRecord {
                line,
                reason: redact_emails(&reason),
                excerpt: excerpt(record),
            }),
        }
    }
    staged
}
