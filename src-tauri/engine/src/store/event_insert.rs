//! The hot insert of a unit's events: one prepared single-row statement, stepped once per event
//! on the writer's own SQLite connection, which sqlx lends for the batch.
//!
//! Why not a sqlx query (decision 0010): sqlx copies every bound argument and hands each
//! statement to its worker thread, so it only pays off with multi-row `VALUES` statements, and
//! SQLite codes each row of those separately: 200,000 events took about 2.4 s that way against
//! about 0.9 s stepping one cached statement. Stepping per row also says which rows were new,
//! so repeats need no savepoint and no look-up.

use rusqlite::params;
use sqlx::SqliteConnection;

use super::rollups::RollupDelta;
use crate::error::Result;
use crate::sources::gharchive::record::EventRow;

const INSERT_EVENT: &str = "INSERT INTO events (id, created_at, type, action, repo_id, actor_id, org_id, number,
        is_bot, merged, item_created_at, item_author_id, commit_count, ref_type, release_tag)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
    ON CONFLICT (id, created_at) DO NOTHING";

/// Inserts the rows `events` does not hold yet (nor an earlier row of `rows`), adds exactly
/// those to `rollups`, and returns how many there were.
///
/// Runs on the calling task's thread: a batch takes a few milliseconds.
pub(super) async fn insert_new_events(
    c: &mut SqliteConnection,
    rows: &[EventRow],
    rollups: &mut RollupDelta,
) -> Result<u64> {
    let mut locked = c.lock_handle().await?;
    #[allow(unsafe_code)]
    // SAFETY: the pointer is sqlx's open connection, and `locked` keeps sqlx's worker off it
    // until this function returns. `from_handle` does not take ownership (it never closes the
    // handle), and the wrapper is dropped, finalising its statements, before `locked` is.
    let connection = unsafe { rusqlite::Connection::from_handle(locked.as_raw_handle().as_ptr()) }?;
    let inserted = insert_rows(&connection, rows, rollups);
    drop(connection);
    inserted
}

fn insert_rows(connection: &rusqlite::Connection, rows: &[EventRow], rollups: &mut RollupDelta) -> Result<u64> {
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
