//! The hot insert of a unit's events: one prepared single-row statement stepped per event
//! (decision 0010). Stepping per row also says which rows were new, so repeats of events
//! already stored need no look-up and never reach the rollups.

use rusqlite::params;

use super::rollups::RollupDelta;
use crate::error::Result;
use crate::sources::gharchive::record::EventRow;

const INSERT_EVENT: &str = "INSERT INTO events (id, created_at, type, action, repo_id, actor_id, org_id, number,
        is_bot, merged, item_created_at, item_author_id, commit_count, ref_type, release_tag)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
    ON CONFLICT (id, created_at) DO NOTHING";

/// Inserts the rows `events` does not hold yet (nor an earlier row of `rows`), adds exactly
/// those to `rollups`, and returns how many there were.
pub(super) fn insert_new_events(
    connection: &rusqlite::Connection,
    rows: &[EventRow],
    rollups: &mut RollupDelta,
) -> Result<u64> {
    let mut statement = connection.prepare_cached(INSERT_EVENT)?;
    let mut inserted = 0;
    for row in rows {
        let added = statement.execute(params![
            row.id,
            row.created_at,
            row.kind.as_ref(),
            row.action.as_deref(),
            row.repo_id,
            row.actor_id,
            row.org_id,
            row.number,
            row.is_bot,
            row.merged,
            row.item_created_at,
            row.item_author_id,
            row.commit_count,
            row.ref_type.as_deref(),
            row.release_tag.as_deref(),
        ])?;
        if added == 1 {
            rollups.add(row);
            inserted += 1;
        }
    }
    Ok(inserted)
}
