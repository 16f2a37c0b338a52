//! The writer's bulk statements run through rusqlite on sqlx's own connection (decision 0010).
//!
//! sqlx copies every bound argument and hands each statement to its worker thread, so it only
//! pays off with multi-row `VALUES` statements, and SQLite codes each row of those separately.
//! Stepping one cached single-row statement per row costs less than half as much, and says per
//! row whether it changed anything. The connection is sqlx's, so these writes join the unit's
//! open transaction.

use sqlx::SqliteConnection;

use super::writer::{ROWS_PER_INSERT, values_sql};
use crate::error::Result;

/// Runs `work` on `c`'s SQLite handle, on the calling thread, blocking it meanwhile: the
/// writer has a thread of its own for this reason.
pub(super) async fn with_sqlite<T>(
    c: &mut SqliteConnection,
    work: impl FnOnce(&rusqlite::Connection) -> Result<T>,
) -> Result<T> {
    let mut locked = c.lock_handle().await?;
    // SAFETY: the pointer is sqlx's open connection, and `locked` keeps sqlx's worker off it
    // until this function returns. `from_handle` does not take ownership (it never closes the
    // handle), and the wrapper is dropped, finalising its cached statements, before `locked` is.
    #[allow(unsafe_code)]
    let connection = unsafe { rusqlite::Connection::from_handle(locked.as_raw_handle().as_ptr()) }?;
    let result = work(&connection);
    drop(connection);
    result
}

/// Upserts `rows` with multi-row `VALUES` statements of up to `ROWS_PER_INSERT` rows, for
/// tables with triggers. Each statement that can fire triggers opens a statement journal,
/// so one statement per row would pay that once per row: the 77,000 `contributor_months` rows of
/// the benchmark hour took 460 ms one by one and 260 ms in chunks while insert triggers kept the
/// contributor rollups. Tables without such triggers are faster one row at a time, and a
/// single-row insert says whether its row was new.
///
/// `bind` binds one row's `columns` values, in order.
pub(super) fn upsert_in_chunks<R>(
    c: &rusqlite::Connection,
    (head, columns, tail): (&str, usize, &str),
    rows: &[R],
    bind: impl Fn(&mut RowBinder<'_, '_>, &R) -> rusqlite::Result<()>,
) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(head, columns, chunk.len(), tail);
        // Full chunks share one compiled statement; the last, shorter one gets its own.
        let mut statement = c.prepare_cached(&sql)?;
        let mut binder = RowBinder { statement: &mut statement, next: 1 };
        for row in chunk {
            bind(&mut binder, row)?;
        }
        statement.raw_execute()?;
    }
    Ok(())
}

/// Binds the values of consecutive rows to a multi-row statement's positional parameters.
pub(super) struct RowBinder<'s, 'c> {
    statement: &'s mut rusqlite::CachedStatement<'c>,
    next: usize,
}

impl RowBinder<'_, '_> {
    pub(super) fn value(&mut self, value: impl rusqlite::ToSql) -> rusqlite::Result<&mut Self> {
        self.statement.raw_bind_parameter(self.next, value)?;
        self.next += 1;
        Ok(self)
    }
}
