//! The workspace database: SQLite through sqlx, in WAL mode so readers never wait for the writer.
//!
//! All writes go through one [`StoreWriter`] task with its own connection (batched transactions,
//! no lock contention inside the process); reads use the pool.

mod api_facts;
pub mod browse;
mod checkpointer;
mod entities;
mod event_insert;
pub(crate) mod metrics;
mod queries;
mod rollups;
mod sqlite_handle;
mod write_loop;
mod writer;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use api_facts::{
    ApiFacts, BigQueryJobRecord, DailyCount, RepoSnapshot, RequestRecord, StarDay, StarSource, WorkItemState,
};
pub use entities::{ActorSeen, Entities, NameSeen, OrgSeen, SortedEntities};
pub use metrics::{BigQuerySpend, EndpointMetrics, RatePoint, RunMetrics, UnitMetrics};
pub use queries::{EventTypeCount, Gap, QuarantineRecord, RunRecord, WorkspaceStats};
pub(crate) use rollups::CONTRIBUTION_TYPES;
pub use writer::{
    QuarantinedRecord, RunCounts, RunStatus, StagedBatch, StoreWriter, UnitCompletion, UnitEntities, UnitLoaded,
    UnitOutcome,
};

use crate::error::{EngineError, Result};
use crate::workspace::Workspace;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// An open workspace database.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    /// Fault injection only: the database's size cap in pages (see [`Store::open_capped`]).
    max_pages: Option<u32>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the workspace's database and brings its schema up to date.
    /// Runs left `running` by a process that no longer exists are marked `interrupted`.
    pub async fn open(workspace: &Workspace) -> Result<Store> {
        Store::open_with(workspace, None).await
    }

    /// Opens the store as [`Store::open`] does, but every write that would grow the database
    /// past `max_pages` pages fails as it would on a full disk. For tests of that failure: a
    /// real disk cannot be filled on demand.
    #[doc(hidden)]
    pub async fn open_capped(workspace: &Workspace, max_pages: u32) -> Result<Store> {
        Store::open_with(workspace, Some(max_pages)).await
    }

    async fn open_with(workspace: &Workspace, max_pages: Option<u32>) -> Result<Store> {
        workspace.prepare()?;
        let path = workspace.database_path();
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(connect_options(&path, max_pages)?)
            .await
            .map_err(|e| EngineError::Workspace { path: workspace.root().to_owned(), reason: e.to_string() })?;
        MIGRATOR.run(&pool).await?;
        let store = Store { pool, path, max_pages };
        store.recover_interrupted_runs().await?;
        Ok(store)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Starts the single writer task on a dedicated connection.
    pub async fn writer(&self) -> Result<StoreWriter> {
        StoreWriter::start(
            connect_options(&self.path, self.max_pages)?,
            &self.path,
            checkpointer::WAL_BOUND_BYTES,
            true,
        )
        .await
    }

    /// A writer whose WAL bound is `wal_bound` bytes, with or without the checkpointer thread.
    #[cfg(test)]
    pub(crate) async fn writer_with_wal_bound(
        &self,
        wal_bound: u64,
        background_checkpoints: bool,
    ) -> Result<StoreWriter> {
        StoreWriter::start(connect_options(&self.path, self.max_pages)?, &self.path, wal_bound, background_checkpoints)
            .await
    }

    async fn recover_interrupted_runs(&self) -> Result<()> {
        let running: Vec<(i64, Option<i64>)> =
            sqlx::query_as("SELECT id, pid FROM runs WHERE status = 'running'").fetch_all(&self.pool).await?;
        for (run_id, pid) in running {
            if pid.is_some_and(process_is_alive) {
                continue;
            }
            sqlx::query(
                "UPDATE runs SET status = 'interrupted', finished_at = coalesce(finished_at, unixepoch()),
                     error = 'the process running it stopped before it finished (crash, kill or power loss); units it had finished are kept'
                 WHERE id = ?1 AND status = 'running'",
            )
            .bind(run_id)
            .execute(&self.pool)
            .await?;
            sqlx::query("UPDATE units SET state = 'pending' WHERE run_id = ?1 AND state = 'running'")
                .bind(run_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

fn connect_options(path: &std::path::Path, max_pages: Option<u32>) -> Result<SqliteConnectOptions> {
    let url = format!("sqlite://{}", path.display());
    let options = SqliteConnectOptions::from_str(&url)
        .map_err(|e| EngineError::Internal(e.to_string()))?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // NORMAL in WAL mode: a power cut may lose the last transactions but never corrupts the
        // database, and each unit's rows and done-mark still commit or vanish together.
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(30))
        .pragma("cache_size", "-32768")
        .pragma("temp_store", "MEMORY");
    Ok(match max_pages {
        Some(pages) => options.pragma("max_page_count", pages.to_string()),
        None => options,
    })
}

#[cfg(target_os = "linux")]
fn process_is_alive(pid: i64) -> bool {
    pid == i64::from(std::process::id()) || std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_is_alive(pid: i64) -> bool {
    // Without /proc we cannot tell; only our own process is known to be alive.
    pid == i64::from(std::process::id())
}
