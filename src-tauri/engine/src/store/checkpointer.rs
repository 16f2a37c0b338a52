//! Copying committed pages from the WAL into the database file, off the writer's thread.
//!
//! SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: a busy
//! hour's commit copied its ~40 MB of WAL and synced both files before the next hour could
//! begin, about 100 ms of every hour on the writer's serial path (docs/benchmarks.md). The
//! writer's connection has it turned off; this thread checkpoints after each unit instead, on
//! a connection of its own, while the writer goes on with the next unit.
//!
//! A passive checkpoint never waits for the writer and never stops it. SQLite starts the WAL
//! over from its beginning once everything in it has been copied, so it stays about one unit
//! long as long as this thread keeps up. When it cannot (readers holding old snapshots, a slow
//! disk), the writer bounds the WAL itself: see [`WAL_BOUND_BYTES`].

use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use crate::error::{EngineError, Result};

/// Past this size of WAL the writer checkpoints and truncates it itself before its next unit,
/// waiting for readers if it must. A busy hour writes about 40 MB of WAL; this lets three of
/// them pile up behind a checkpointer that cannot keep up before the writer steps in.
pub(super) const WAL_BOUND_BYTES: u64 = 128 << 20;

/// A request to checkpoint, with whom to tell once it is done (if anyone waits).
type Request = Option<oneshot::Sender<()>>;

/// Handle to the checkpointer thread; dropping the last one ends it after its current checkpoint.
#[derive(Clone)]
pub(super) struct Checkpointer {
    requests: mpsc::UnboundedSender<Request>,
}

impl Checkpointer {
    pub(super) async fn start(options: SqliteConnectOptions) -> Result<Checkpointer> {
        let connection = options.connect().await?;
        let (requests, receiver) = mpsc::unbounded_channel();
        std::thread::Builder::new()
            .name("octoscope-checkpointer".into())
            .spawn(move || match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime.block_on(run_checkpointer(connection, receiver)),
                Err(error) => tracing::error!(%error, "cannot start the WAL checkpointer's runtime"),
            })
            .map_err(|error| EngineError::Internal(format!("cannot start the WAL checkpointer: {error}")))?;
        Ok(Checkpointer { requests })
    }

    /// Asks for a checkpoint of everything committed so far, without waiting for it.
    pub(super) fn request(&self) {
        // Only fails when the thread has gone; the writer's bound keeps the WAL in check then.
        let _ = self.requests.send(None);
    }

    /// Checkpoints everything committed so far and waits until that is done.
    pub(super) async fn flush(&self) -> Result<()> {
        let (done, finished) = oneshot::channel();
        self.requests.send(Some(done)).map_err(|_| checkpointer_gone())?;
        finished.await.map_err(|_| checkpointer_gone())
    }
}

fn checkpointer_gone() -> EngineError {
    EngineError::Internal("the WAL checkpointer stopped".into())
}

async fn run_checkpointer(mut connection: SqliteConnection, mut receiver: mpsc::UnboundedReceiver<Request>) {
    while let Some(first) = receiver.recv().await {
        // Requests that arrived meanwhile are served by the same checkpoint.
        let mut waiting: Vec<oneshot::Sender<()>> = first.into_iter().collect();
        while let Ok(more) = receiver.try_recv() {
            waiting.extend(more);
        }
        if let Err(error) = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
            tracing::warn!(%error, "checkpointing the WAL failed; the writer will bound it");
        }
        for done in waiting {
            let _ = done.send(());
        }
    }
    let _ = connection.close().await;
}

/// The WAL file beside the database at `database`.
pub(super) fn wal_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// The WAL's size in bytes (0 when it does not exist).
pub(super) fn wal_bytes(wal: &Path) -> u64 {
    std::fs::metadata(wal).map_or(0, |metadata| metadata.len())
}
