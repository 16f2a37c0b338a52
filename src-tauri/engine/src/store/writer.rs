//! The single writer: one task, one connection, every write of the engine. This file is the
//! handle other tasks use; `write_loop.rs` is the task itself.

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use tokio::sync::{mpsc, oneshot};

use super::api_facts::{ApiFacts, BigQueryJobRecord, RequestRecord};
use super::checkpointer::{Checkpointer, wal_path};
use super::entities::{Entities, SortedEntities};
use crate::error::{EngineError, Result};
use crate::monitoring::RunResources;
use crate::sources::gharchive::record::EventRow;

/// What parsing one chunk of a unit produced.
#[derive(Debug, Default)]
pub struct StagedBatch {
    pub events: Vec<EventRow>,
    pub rejects: Vec<QuarantinedRecord>,
}

/// A record that failed validation, with where it was and why.
#[derive(Debug, Clone)]
pub struct QuarantinedRecord {
    pub line: u64,
    pub reason: String,
    pub excerpt: String,
}

/// The repositories, accounts and organisations a unit mentions: known when it finishes, or
/// still being merged and sorted on another thread, which the writer waits for only after the
/// unit's rollups (an hour's parsers each collect their own: decision 0018).
#[derive(Debug)]
pub enum UnitEntities {
    Ready(Entities),
    Pending(tokio::sync::oneshot::Receiver<SortedEntities>),
}

impl From<Entities> for UnitEntities {
    fn from(entities: Entities) -> Self {
        UnitEntities::Ready(entities)
    }
}

impl UnitEntities {
    pub(super) async fn sorted(&mut self) -> Result<SortedEntities> {
        match self {
            UnitEntities::Ready(entities) => Ok(std::mem::take(entities).into_sorted()),
            UnitEntities::Pending(receiver) => receiver
                .await
                .map_err(|_| EngineError::Internal("the unit's repositories and accounts never arrived".into())),
        }
    }
}

/// Everything needed to commit a finished unit.
#[derive(Debug)]
pub struct UnitCompletion {
    pub unit_id: i64,
    pub run_id: i64,
    pub source: &'static str,
    pub scope_key: String,
    /// The hour this unit covers, for the coverage table.
    pub coverage_hour: Option<i64>,
    pub entities: UnitEntities,
    /// Every record read, in scope or not, valid or not.
    pub records_seen: u64,
    /// Valid in-scope events handed to staging (before de-duplication).
    pub accepted: u64,
    pub bytes: u64,
    /// Where the next run of this unit resumes (an API's high-water mark, a result page);
    /// `None` keeps the old one.
    pub checkpoint: Option<String>,
    /// `false` commits a page of a unit: its rows and checkpoint, while the unit stays running
    /// (a crash resumes after this page). `true` marks it done.
    pub done: bool,
    /// This commit follows earlier committed pages of the same unit and attempt: its counts
    /// add to theirs instead of replacing them.
    pub continues: bool,
    /// Hours a multi-hour unit covers, with the events it loaded in each (written when done).
    pub coverage_hours: Vec<(i64, i64)>,
}

#[cfg(test)]
impl UnitCompletion {
    /// A GH Archive unit done with `accepted` events staged, and nothing else to record.
    pub(crate) fn done_for_tests(unit_id: i64, run_id: i64, accepted: u64) -> UnitCompletion {
        UnitCompletion {
            unit_id,
            run_id,
            source: "gharchive",
            scope_key: "*".into(),
            coverage_hour: None,
            entities: Entities::default().into(),
            records_seen: accepted,
            accepted,
            bytes: 0,
            checkpoint: None,
            done: true,
            continues: false,
            coverage_hours: Vec::new(),
        }
    }
}

/// What committing a unit changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct UnitLoaded {
    pub events_loaded: u64,
    pub duplicates: u64,
    pub quarantined: u64,
    /// Time the writer spent staging the unit's batches, in milliseconds.
    pub staging_ms: u64,
    /// Time the final transaction took, in milliseconds.
    pub commit_ms: u64,
}

/// How a unit ended when it did not load.
#[derive(Debug, Clone)]
pub enum UnitOutcome {
    /// The source has no data for it (GH Archive 404): a known gap, not a failure.
    Missing {
        reason: String,
    },
    Failed {
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RunStatus {
    Running,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
    Interrupted,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Completed => "completed",
            RunStatus::CompletedWithErrors => "completed_with_errors",
            RunStatus::Failed => "failed",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            RunStatus::Running,
            RunStatus::Completed,
            RunStatus::CompletedWithErrors,
            RunStatus::Failed,
            RunStatus::Cancelled,
            RunStatus::Interrupted,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// The counters a run starts with.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunCounts {
    pub units_total: u64,
    pub units_skipped: u64,
}

type Reply<T> = oneshot::Sender<Result<T>>;

pub(super) enum Command {
    CreateRun { source: &'static str, scope_key: String, scope_json: String, counts: RunCounts, reply: Reply<i64> },
    BeginUnit { run_id: i64, source: &'static str, unit_key: String, scope_key: String, reply: Reply<i64> },
    Stage { unit_id: i64, batch: StagedBatch },
    StageFacts { unit_id: i64, facts: Box<ApiFacts> },
    RecordRequests { run_id: i64, records: Vec<RequestRecord>, reply: Reply<()> },
    RecordJob { job: Box<BigQueryJobRecord>, reply: Reply<()> },
    AbortUnit { unit_id: i64, reply: Reply<()> },
    FinishUnit { completion: Box<UnitCompletion>, reply: Reply<UnitLoaded> },
    EndUnit { unit_id: i64, run_id: i64, coverage_hour: Option<i64>, outcome: UnitOutcome, reply: Reply<()> },
    FinishRun { run_id: i64, status: RunStatus, error: Option<String>, resources: RunResources, reply: Reply<()> },
    Checkpoint { reply: Reply<()> },
}

/// Handle to the writer task. Cloning shares the task.
#[derive(Clone)]
pub struct StoreWriter {
    commands: mpsc::Sender<Command>,
}

impl std::fmt::Debug for StoreWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreWriter")
    }
}

fn writer_gone() -> EngineError {
    EngineError::Internal("the database writer stopped".into())
}

impl StoreWriter {
    /// Starts the writer on a connection made with `options`, for the database at `database`.
    /// `wal_bound` is the WAL size past which the writer truncates it itself
    /// ([`super::checkpointer::WAL_BOUND_BYTES`] but in tests); without
    /// `background_checkpoints` only that bound keeps the WAL in check.
    pub(super) async fn start(
        options: SqliteConnectOptions,
        database: &std::path::Path,
        wal_bound: u64,
        background_checkpoints: bool,
    ) -> Result<StoreWriter> {
        let checkpointer =
            if background_checkpoints { Some(Checkpointer::start(options.clone()).await?) } else { None };
        // Checkpoints happen on the checkpointer's thread (or at the bound), not inside commits.
        let connection = options.pragma("wal_autocheckpoint", "0").connect().await?;
        let wal = WalUpkeep { checkpointer, wal: wal_path(database), bound: wal_bound };
        // A few batches in flight keep parsing and inserting overlapped; more would only hold
        // memory while the writer catches up.
        let (commands, receiver) = mpsc::channel(8);
        // A thread of its own: the bulk statements step SQLite on the calling thread (decision
        // 0010), and a commit would otherwise hold one of the runtime's few workers for its length.
        std::thread::Builder::new()
            .name("octoscope-writer".into())
            .spawn(move || match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime.block_on(super::write_loop::run_writer(connection, wal, receiver)),
                // Dropping the receiver fails every command with "the database writer stopped".
                Err(error) => tracing::error!(%error, "cannot start the database writer's runtime"),
            })
            .map_err(|error| EngineError::Internal(format!("cannot start the database writer: {error}")))?;
        Ok(StoreWriter { commands })
    }

    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Command) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(make(reply)).await.map_err(|_| writer_gone())?;
        answer.await.map_err(|_| writer_gone())?
    }

    pub async fn create_run(
        &self,
        source: &'static str,
        scope_key: String,
        scope_json: String,
        counts: RunCounts,
    ) -> Result<i64> {
        self.ask(|reply| Command::CreateRun { source, scope_key, scope_json, counts, reply }).await
    }

    /// Marks a unit as running for `run_id` (creating its row the first time) and returns its id.
    pub async fn begin_unit(
        &self,
        run_id: i64,
        source: &'static str,
        unit_key: String,
        scope_key: String,
    ) -> Result<i64> {
        self.ask(|reply| Command::BeginUnit { run_id, source, unit_key, scope_key, reply }).await
    }

    /// Stages rows from a blocking thread (the parser). Fails only if the writer has stopped.
    pub fn stage_blocking(&self, unit_id: i64, batch: StagedBatch) -> Result<()> {
        self.commands.blocking_send(Command::Stage { unit_id, batch }).map_err(|_| writer_gone())
    }

    /// Stages rows from an async task (an API unit's page of events).
    pub async fn stage(&self, unit_id: i64, batch: StagedBatch) -> Result<()> {
        self.commands.send(Command::Stage { unit_id, batch }).await.map_err(|_| writer_gone())
    }

    /// Stages an API unit's snapshots, star days and issue states into its transaction.
    pub async fn stage_facts(&self, unit_id: i64, facts: ApiFacts) -> Result<()> {
        self.commands.send(Command::StageFacts { unit_id, facts: Box::new(facts) }).await.map_err(|_| writer_gone())
    }

    /// Keeps a run's HTTP request records (committed on their own: they describe what happened
    /// whether or not the units loaded).
    pub async fn record_requests(&self, run_id: i64, records: Vec<RequestRecord>) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        self.ask(|reply| Command::RecordRequests { run_id, records, reply }).await
    }

    /// Keeps a BigQuery job's estimate, cap and (once known) actual bytes and cost, committed on
    /// its own: a job bills whether or not its unit loads.
    pub async fn record_bigquery_job(&self, job: BigQueryJobRecord) -> Result<()> {
        self.ask(|reply| Command::RecordJob { job: Box::new(job), reply }).await
    }

    /// Rolls back a unit's open transaction, dropping the rows it inserted (before a retry, or on cancel).
    pub async fn abort_unit(&self, unit_id: i64) -> Result<()> {
        self.ask(|reply| Command::AbortUnit { unit_id, reply }).await
    }

    /// Writes a unit's rollups, entities and done-mark and commits its transaction.
    pub async fn finish_unit(&self, completion: UnitCompletion) -> Result<UnitLoaded> {
        self.ask(|reply| Command::FinishUnit { completion: Box::new(completion), reply }).await
    }

    /// Records a unit that ended without loading (a gap or a failure).
    pub async fn end_unit(
        &self,
        unit_id: i64,
        run_id: i64,
        coverage_hour: Option<i64>,
        outcome: UnitOutcome,
    ) -> Result<()> {
        self.ask(|reply| Command::EndUnit { unit_id, run_id, coverage_hour, outcome, reply }).await
    }

    /// Waits until everything committed so far has been copied from the WAL into the database
    /// file (after any open unit ends).
    pub async fn checkpoint(&self) -> Result<()> {
        self.ask(|reply| Command::Checkpoint { reply }).await
    }

    /// Ends run `run_id` with its status, error text and what it used (stage times, memory).
    pub async fn finish_run(
        &self,
        run_id: i64,
        status: RunStatus,
        error: Option<String>,
        resources: RunResources,
    ) -> Result<()> {
        self.ask(|reply| Command::FinishRun { run_id, status, error, resources, reply }).await
    }
}

/// How the writer keeps the WAL short: a checkpointer thread after each unit, and the bound
/// past which it truncates the WAL itself.
pub(super) struct WalUpkeep {
    pub(super) checkpointer: Option<Checkpointer>,
    pub(super) wal: std::path::PathBuf,
    pub(super) bound: u64,
}

/// Rows per multi-row INSERT: large enough to amortise statement overhead, well under SQLite's
/// 32,766 bound parameters.
pub(super) const ROWS_PER_INSERT: usize = 512;

/// `prefix (?,?,..),(?,?,..)... suffix` for `rows` rows of `columns` parameters.
pub(super) fn values_sql(prefix: &str, columns: usize, rows: usize, suffix: &str) -> String {
    let tuple = format!("({})", vec!["?"; columns].join(","));
    let mut sql = String::with_capacity(prefix.len() + rows * (tuple.len() + 1) + suffix.len());
    sql.push_str(prefix);
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&tuple);
    }
    sql.push_str(suffix);
    sql
}
