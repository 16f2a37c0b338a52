//! The single writer: one task, one connection, every write of the engine.
//!
//! Parsed rows of a unit are *staged* in connection-local TEMP tables as they arrive, so parsing
//! and inserting overlap and several units can be in flight at once. Finishing a unit moves its
//! staged rows into the real tables, updates the rollups and records the unit as done, all in
//! one transaction: a crash or cancel loses at most the staged rows of unfinished units, which
//! live only in memory, and never leaves half a unit in the database.

use std::collections::HashMap;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use crate::error::{EngineError, Result};
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

/// When a name was first and last seen in the data.
#[derive(Debug, Clone)]
pub struct NameSeen {
    pub name: String,
    pub first_seen_at: i64,
    pub last_seen_at: i64,
}

#[derive(Debug, Clone)]
pub struct ActorSeen {
    pub login: String,
    pub is_bot: bool,
    pub first_seen_at: i64,
    pub last_seen_at: i64,
}

/// The repositories, actors and organisations a unit's events mention.
#[derive(Debug, Default)]
pub struct Entities {
    /// Every name each repository id was seen under (usually one).
    pub repos: HashMap<i64, Vec<NameSeen>>,
    pub actors: HashMap<i64, ActorSeen>,
    pub orgs: HashMap<i64, String>,
}

impl Entities {
    pub fn see_repo(&mut self, id: i64, name: &str, at: i64) {
        let names = self.repos.entry(id).or_default();
        match names.iter_mut().find(|seen| seen.name == name) {
            Some(seen) => {
                seen.first_seen_at = seen.first_seen_at.min(at);
                seen.last_seen_at = seen.last_seen_at.max(at);
            }
            None => names.push(NameSeen { name: name.to_owned(), first_seen_at: at, last_seen_at: at }),
        }
    }

    pub fn see_actor(&mut self, id: i64, login: &str, is_bot: bool, at: i64) {
        match self.actors.get_mut(&id) {
            Some(seen) => {
                if at >= seen.last_seen_at && seen.login != login {
                    login.clone_into(&mut seen.login);
                }
                seen.first_seen_at = seen.first_seen_at.min(at);
                seen.last_seen_at = seen.last_seen_at.max(at);
            }
            None => {
                let seen = ActorSeen { login: login.to_owned(), is_bot, first_seen_at: at, last_seen_at: at };
                self.actors.insert(id, seen);
            }
        }
    }

    pub fn see_org(&mut self, id: i64, login: &str) {
        self.orgs.entry(id).or_insert_with(|| login.to_owned());
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
    pub entities: Entities,
    /// Every record read, in scope or not, valid or not.
    pub records_seen: u64,
    /// Valid in-scope events handed to staging (before de-duplication).
    pub accepted: u64,
    pub bytes: u64,
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

enum Command {
    CreateRun { source: &'static str, scope_key: String, scope_json: String, counts: RunCounts, reply: Reply<i64> },
    BeginUnit { run_id: i64, source: &'static str, unit_key: String, scope_key: String, reply: Reply<i64> },
    Stage { unit_id: i64, batch: StagedBatch },
    AbortUnit { unit_id: i64, reply: Reply<()> },
    FinishUnit { completion: Box<UnitCompletion>, reply: Reply<UnitLoaded> },
    EndUnit { unit_id: i64, run_id: i64, coverage_hour: Option<i64>, outcome: UnitOutcome, reply: Reply<()> },
    FinishRun { run_id: i64, status: RunStatus, error: Option<String>, reply: Reply<()> },
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
    pub(super) async fn start(options: SqliteConnectOptions) -> Result<StoreWriter> {
        let mut connection = options.connect().await?;
        connection.execute(STAGING_SCHEMA).await?;
        // A few batches in flight keep parsing and inserting overlapped; more would only hold
        // memory while the writer catches up.
        let (commands, receiver) = mpsc::channel(8);
        tokio::spawn(run_writer(connection, receiver));
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

    /// Forgets a unit's staged rows (before a retry, or on cancel).
    pub async fn abort_unit(&self, unit_id: i64) -> Result<()> {
        self.ask(|reply| Command::AbortUnit { unit_id, reply }).await
    }

    /// Commits a unit's staged rows, rollups and done-mark in one transaction.
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

    pub async fn finish_run(&self, run_id: i64, status: RunStatus, error: Option<String>) -> Result<()> {
        self.ask(|reply| Command::FinishRun { run_id, status, error, reply }).await
    }
}

const STAGING_SCHEMA: &str = "
CREATE TEMP TABLE IF NOT EXISTS staged_events (
    unit_id INTEGER NOT NULL, id INTEGER NOT NULL, created_at INTEGER NOT NULL, type TEXT NOT NULL,
    action TEXT, repo_id INTEGER NOT NULL, actor_id INTEGER NOT NULL, org_id INTEGER, number INTEGER,
    is_bot INTEGER NOT NULL, merged INTEGER, item_created_at INTEGER, item_author_id INTEGER,
    commit_count INTEGER, ref_type TEXT, is_new INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (unit_id, id, created_at)
) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS staged_rejects (
    unit_id INTEGER NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL, excerpt TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS temp.staged_rejects_by_unit ON staged_rejects (unit_id);
";

const EVENT_COLUMNS: usize = 15;
/// Rows per multi-row INSERT: large enough to amortise statement overhead, well under SQLite's
/// 32,766 bound parameters.
const ROWS_PER_INSERT: usize = 512;

fn values_sql(prefix: &str, columns: usize, rows: usize, suffix: &str) -> String {
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

struct Writer {
    connection: SqliteConnection,
    /// Staging failures are reported when the unit finishes.
    stage_errors: HashMap<i64, String>,
    staged_rows: HashMap<i64, u64>,
    staging_time: HashMap<i64, std::time::Duration>,
    full_event_insert: String,
}

async fn run_writer(connection: SqliteConnection, mut receiver: mpsc::Receiver<Command>) {
    let mut writer = Writer {
        connection,
        stage_errors: HashMap::new(),
        staged_rows: HashMap::new(),
        staging_time: HashMap::new(),
        full_event_insert: event_insert_sql(ROWS_PER_INSERT),
    };
    while let Some(command) = receiver.recv().await {
        match command {
            Command::CreateRun { source, scope_key, scope_json, counts, reply } => {
                let _ = reply.send(writer.create_run(source, &scope_key, &scope_json, counts).await);
            }
            Command::BeginUnit { run_id, source, unit_key, scope_key, reply } => {
                let _ = reply.send(writer.begin_unit(run_id, source, &unit_key, &scope_key).await);
            }
            Command::Stage { unit_id, batch } => {
                // After a failure the unit is doomed; skip its remaining batches.
                if !writer.stage_errors.contains_key(&unit_id) {
                    let started = std::time::Instant::now();
                    if let Err(error) = writer.stage(unit_id, &batch).await {
                        writer.stage_errors.insert(unit_id, error.to_string());
                    }
                    *writer.staging_time.entry(unit_id).or_default() += started.elapsed();
                }
            }
            Command::AbortUnit { unit_id, reply } => {
                let _ = reply.send(writer.clear_staging(unit_id).await);
            }
            Command::FinishUnit { completion, reply } => {
                let started = std::time::Instant::now();
                let staging_ms = writer.staging_time.get(&completion.unit_id).map_or(0, |d| d.as_millis() as u64);
                let result = writer.finish_unit(&completion).await.map(|loaded| UnitLoaded {
                    staging_ms,
                    commit_ms: started.elapsed().as_millis() as u64,
                    ..loaded
                });
                let cleared = writer.clear_staging(completion.unit_id).await;
                let _ = reply.send(result.and_then(|loaded| cleared.map(|()| loaded)));
            }
            Command::EndUnit { unit_id, run_id, coverage_hour, outcome, reply } => {
                let _ = writer.clear_staging(unit_id).await;
                let _ = reply.send(writer.end_unit(unit_id, run_id, coverage_hour, &outcome).await);
            }
            Command::FinishRun { run_id, status, error, reply } => {
                let _ = reply.send(writer.finish_run(run_id, status, error.as_deref()).await);
            }
        }
    }
    let _ = writer.connection.close().await;
}

fn event_insert_sql(rows: usize) -> String {
    values_sql(
        "INSERT OR IGNORE INTO temp.staged_events (unit_id, id, created_at, type, action, repo_id, actor_id, org_id,
             number, is_bot, merged, item_created_at, item_author_id, commit_count, ref_type) VALUES ",
        EVENT_COLUMNS,
        rows,
        "",
    )
}

impl Writer {
    async fn create_run(&mut self, source: &str, scope_key: &str, scope_json: &str, counts: RunCounts) -> Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO runs (source, scope_key, scope_json, status, started_at, units_total, units_skipped, pid)
             VALUES (?1, ?2, ?3, 'running', unixepoch(), ?4, ?5, ?6) RETURNING id",
        )
        .bind(source)
        .bind(scope_key)
        .bind(scope_json)
        .bind(counts.units_total as i64)
        .bind(counts.units_skipped as i64)
        .bind(i64::from(std::process::id()))
        .fetch_one(&mut self.connection)
        .await?;
        Ok(id)
    }

    async fn begin_unit(&mut self, run_id: i64, source: &str, unit_key: &str, scope_key: &str) -> Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO units (source, unit_key, scope_key, state, run_id, attempts, updated_at)
             VALUES (?1, ?2, ?3, 'running', ?4, 1, unixepoch())
             ON CONFLICT (source, unit_key, scope_key) DO UPDATE SET
                 state = 'running', run_id = excluded.run_id, attempts = units.attempts + 1,
                 error = NULL, updated_at = excluded.updated_at
             RETURNING id",
        )
        .bind(source)
        .bind(unit_key)
        .bind(scope_key)
        .bind(run_id)
        .fetch_one(&mut self.connection)
        .await?;
        Ok(id)
    }

    async fn stage(&mut self, unit_id: i64, batch: &StagedBatch) -> Result<()> {
        self.connection.execute("BEGIN").await?;
        let result = self.stage_rows(unit_id, batch).await;
        match result {
            Ok(()) => {
                self.connection.execute("COMMIT").await?;
                *self.staged_rows.entry(unit_id).or_default() += batch.events.len() as u64;
                Ok(())
            }
            Err(error) => {
                let _ = self.connection.execute("ROLLBACK").await;
                Err(error)
            }
        }
    }

    async fn stage_rows(&mut self, unit_id: i64, batch: &StagedBatch) -> Result<()> {
        for chunk in batch.events.chunks(ROWS_PER_INSERT) {
            let partial_sql;
            let sql = if chunk.len() == ROWS_PER_INSERT {
                self.full_event_insert.as_str()
            } else {
                partial_sql = event_insert_sql(chunk.len());
                partial_sql.as_str()
            };
            let mut query = sqlx::query(sql);
            for row in chunk {
                query = query
                    .bind(unit_id)
                    .bind(row.id)
                    .bind(row.created_at)
                    .bind(row.kind.as_ref())
                    .bind(row.action.as_deref())
                    .bind(row.repo_id)
                    .bind(row.actor_id)
                    .bind(row.org_id)
                    .bind(row.number)
                    .bind(row.is_bot)
                    .bind(row.merged)
                    .bind(row.item_created_at)
                    .bind(row.item_author_id)
                    .bind(row.commit_count)
                    .bind(row.ref_type.as_deref());
            }
            query.execute(&mut self.connection).await?;
        }
        for chunk in batch.rejects.chunks(ROWS_PER_INSERT) {
            let sql = values_sql(
                "INSERT INTO temp.staged_rejects (unit_id, line, reason, excerpt) VALUES ",
                4,
                chunk.len(),
                "",
            );
            let mut query = sqlx::query(&sql);
            for reject in chunk {
                query = query.bind(unit_id).bind(reject.line as i64).bind(&reject.reason).bind(&reject.excerpt);
            }
            query.execute(&mut self.connection).await?;
        }
        Ok(())
    }

    async fn clear_staging(&mut self, unit_id: i64) -> Result<()> {
        self.stage_errors.remove(&unit_id);
        self.staged_rows.remove(&unit_id);
        self.staging_time.remove(&unit_id);
        sqlx::query("DELETE FROM temp.staged_events WHERE unit_id = ?1")
            .bind(unit_id)
            .execute(&mut self.connection)
            .await?;
        sqlx::query("DELETE FROM temp.staged_rejects WHERE unit_id = ?1")
            .bind(unit_id)
            .execute(&mut self.connection)
            .await?;
        Ok(())
    }

    async fn finish_unit(&mut self, unit: &UnitCompletion) -> Result<UnitLoaded> {
        if let Some(error) = self.stage_errors.get(&unit.unit_id) {
            return Err(EngineError::Internal(format!("staging the unit's rows failed: {error}")));
        }
        self.connection.execute("BEGIN IMMEDIATE").await?;
        match self.commit_unit(unit).await {
            Ok(loaded) => {
                self.connection.execute("COMMIT").await?;
                Ok(loaded)
            }
            Err(error) => {
                let _ = self.connection.execute("ROLLBACK").await;
                Err(error)
            }
        }
    }

    async fn commit_unit(&mut self, unit: &UnitCompletion) -> Result<UnitLoaded> {
        let c = &mut self.connection;
        let state: Option<String> = sqlx::query_scalar("SELECT state FROM units WHERE id = ?1")
            .bind(unit.unit_id)
            .fetch_optional(&mut *c)
            .await?;
        if state.as_deref() == Some("done") {
            // Another process finished the same unit meanwhile; its rows are already in.
            return Ok(UnitLoaded::default());
        }
        let id = unit.unit_id;
        // Rows are new unless the events table already has them; only the few duplicates are
        // rewritten (staged rows start with is_new = 1).
        sqlx::query(
            "UPDATE temp.staged_events SET is_new = 0
             WHERE unit_id = ?1 AND EXISTS (
                 SELECT 1 FROM main.events e WHERE e.id = staged_events.id AND e.created_at = staged_events.created_at)",
        )
        .bind(id)
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "INSERT INTO daily_repo_events (repo_id, day, type, events, bot_events)
             SELECT repo_id, created_at / 86400, type, count(*), sum(is_bot) FROM temp.staged_events
             WHERE unit_id = ?1 AND is_new GROUP BY repo_id, created_at / 86400, type
             ON CONFLICT (repo_id, day, type) DO UPDATE SET
                 events = events + excluded.events, bot_events = bot_events + excluded.bot_events",
        )
        .bind(id)
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "INSERT INTO hourly_events (hour, events, bot_events, first_event_at, last_event_at)
             SELECT created_at / 3600, count(*), sum(is_bot), min(created_at), max(created_at) FROM temp.staged_events
             WHERE unit_id = ?1 AND is_new GROUP BY created_at / 3600
             ON CONFLICT (hour) DO UPDATE SET
                 events = events + excluded.events, bot_events = bot_events + excluded.bot_events,
                 first_event_at = min(first_event_at, excluded.first_event_at),
                 last_event_at = max(last_event_at, excluded.last_event_at)",
        )
        .bind(id)
        .execute(&mut *c)
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO events (id, created_at, type, action, repo_id, actor_id, org_id, number, is_bot, merged,
                                 item_created_at, item_author_id, commit_count, ref_type)
             SELECT id, created_at, type, action, repo_id, actor_id, org_id, number, is_bot, merged,
                    item_created_at, item_author_id, commit_count, ref_type
             FROM temp.staged_events WHERE unit_id = ?1 AND is_new ORDER BY id, created_at",
        )
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        upsert_entities(c, &unit.entities).await?;
        let quarantined = sqlx::query(
            "INSERT INTO quarantine (run_id, source, unit_key, line, reason, excerpt, created_at)
             SELECT ?2, u.source, u.unit_key, r.line, r.reason, r.excerpt, unixepoch()
             FROM temp.staged_rejects r JOIN units u ON u.id = ?1 WHERE r.unit_id = ?1 ORDER BY r.line",
        )
        .bind(id)
        .bind(unit.run_id)
        .execute(&mut *c)
        .await?
        .rows_affected();
        // Duplicates are accepted events that added nothing: repeats within the file, or events
        // already loaded from another hour or an earlier run.
        let loaded = UnitLoaded {
            events_loaded: inserted,
            duplicates: unit.accepted.saturating_sub(inserted),
            quarantined,
            ..UnitLoaded::default()
        };
        sqlx::query(
            "UPDATE units SET state = 'done', records_seen = ?2, events_loaded = ?3, records_quarantined = ?4,
                 bytes = ?5, error = NULL, updated_at = unixepoch() WHERE id = ?1",
        )
        .bind(id)
        .bind(unit.records_seen as i64)
        .bind(inserted as i64)
        .bind(quarantined as i64)
        .bind(unit.bytes as i64)
        .execute(&mut *c)
        .await?;
        if let Some(hour) = unit.coverage_hour {
            record_coverage(c, unit.source, hour, &unit.scope_key, "complete", inserted as i64).await?;
        }
        sqlx::query(
            "UPDATE runs SET units_done = units_done + 1, events_loaded = events_loaded + ?2,
                 records_quarantined = records_quarantined + ?3 WHERE id = ?1",
        )
        .bind(unit.run_id)
        .bind(inserted as i64)
        .bind(quarantined as i64)
        .execute(&mut *c)
        .await?;
        Ok(loaded)
    }

    async fn end_unit(
        &mut self,
        unit_id: i64,
        run_id: i64,
        coverage_hour: Option<i64>,
        outcome: &UnitOutcome,
    ) -> Result<()> {
        let (state, reason, coverage, run_column) = match outcome {
            UnitOutcome::Missing { reason } => ("missing", reason, "missing", "units_missing"),
            UnitOutcome::Failed { reason } => ("failed", reason, "failed", "units_failed"),
        };
        let c = &mut self.connection;
        c.execute("BEGIN IMMEDIATE").await?;
        let result: Result<()> = async {
            let row: (String, String) = sqlx::query_as(
                "UPDATE units SET state = ?2, error = ?3, updated_at = unixepoch() WHERE id = ?1 RETURNING source, scope_key",
            )
            .bind(unit_id)
            .bind(state)
            .bind(reason)
            .fetch_one(&mut *c)
            .await?;
            if let Some(hour) = coverage_hour {
                record_coverage(c, &row.0, hour, &row.1, coverage, 0).await?;
            }
            let sql = format!("UPDATE runs SET {run_column} = {run_column} + 1 WHERE id = ?1");
            sqlx::query(&sql).bind(run_id).execute(&mut *c).await?;
            Ok(())
        }
        .await;
        match result {
            Ok(()) => {
                c.execute("COMMIT").await?;
                Ok(())
            }
            Err(error) => {
                let _ = c.execute("ROLLBACK").await;
                Err(error)
            }
        }
    }

    async fn finish_run(&mut self, run_id: i64, status: RunStatus, error: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE runs SET status = ?2, error = ?3, finished_at = unixepoch() WHERE id = ?1")
            .bind(run_id)
            .bind(status.as_str())
            .bind(error)
            .execute(&mut self.connection)
            .await?;
        sqlx::query("UPDATE units SET state = 'pending' WHERE run_id = ?1 AND state = 'running'")
            .bind(run_id)
            .execute(&mut self.connection)
            .await?;
        Ok(())
    }
}

async fn record_coverage(
    c: &mut SqliteConnection,
    source: &str,
    hour: i64,
    scope_key: &str,
    status: &str,
    events: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO coverage (source, hour, scope_key, status, events, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, unixepoch())
         ON CONFLICT (source, hour, scope_key) DO UPDATE SET
             status = excluded.status, events = excluded.events, updated_at = excluded.updated_at",
    )
    .bind(source)
    .bind(hour)
    .bind(scope_key)
    .bind(status)
    .bind(events)
    .execute(c)
    .await?;
    Ok(())
}

async fn upsert_entities(c: &mut SqliteConnection, entities: &Entities) -> Result<()> {
    let actors: Vec<(&i64, &ActorSeen)> = entities.actors.iter().collect();
    for chunk in actors.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO actors (id, login, is_bot, first_seen_at, last_seen_at) VALUES ",
            5,
            chunk.len(),
            " ON CONFLICT (id) DO UPDATE SET
                 login = CASE WHEN excluded.last_seen_at >= actors.last_seen_at THEN excluded.login ELSE actors.login END,
                 is_bot = CASE WHEN excluded.last_seen_at >= actors.last_seen_at THEN excluded.is_bot ELSE actors.is_bot END,
                 first_seen_at = min(actors.first_seen_at, excluded.first_seen_at),
                 last_seen_at = max(actors.last_seen_at, excluded.last_seen_at)
             WHERE excluded.first_seen_at < actors.first_seen_at OR excluded.last_seen_at > actors.last_seen_at",
        );
        let mut query = sqlx::query(&sql);
        for (id, seen) in chunk {
            query =
                query.bind(**id).bind(&seen.login).bind(seen.is_bot).bind(seen.first_seen_at).bind(seen.last_seen_at);
        }
        query.execute(&mut *c).await?;
    }

    // The repository's current name is the one seen last.
    let repos: Vec<(i64, &NameSeen, i64)> = entities
        .repos
        .iter()
        .filter_map(|(id, names)| {
            let latest = names.iter().max_by_key(|n| n.last_seen_at)?;
            let first = names.iter().map(|n| n.first_seen_at).min()?;
            Some((*id, latest, first))
        })
        .collect();
    for chunk in repos.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO repositories (id, full_name, first_seen_at, last_seen_at) VALUES ",
            4,
            chunk.len(),
            " ON CONFLICT (id) DO UPDATE SET
                 full_name = CASE WHEN excluded.last_seen_at >= repositories.last_seen_at
                                  THEN excluded.full_name ELSE repositories.full_name END,
                 first_seen_at = min(repositories.first_seen_at, excluded.first_seen_at),
                 last_seen_at = max(repositories.last_seen_at, excluded.last_seen_at)
             WHERE excluded.first_seen_at < repositories.first_seen_at OR excluded.last_seen_at > repositories.last_seen_at",
        );
        let mut query = sqlx::query(&sql);
        for (id, latest, first) in chunk {
            query = query.bind(*id).bind(&latest.name).bind(*first).bind(latest.last_seen_at);
        }
        query.execute(&mut *c).await?;
    }

    let names: Vec<(i64, &NameSeen)> =
        entities.repos.iter().flat_map(|(id, names)| names.iter().map(move |n| (*id, n))).collect();
    for chunk in names.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO repository_names (repo_id, full_name, first_seen_at, last_seen_at) VALUES ",
            4,
            chunk.len(),
            " ON CONFLICT (repo_id, full_name) DO UPDATE SET
                 first_seen_at = min(repository_names.first_seen_at, excluded.first_seen_at),
                 last_seen_at = max(repository_names.last_seen_at, excluded.last_seen_at)
             WHERE excluded.first_seen_at < repository_names.first_seen_at
                OR excluded.last_seen_at > repository_names.last_seen_at",
        );
        let mut query = sqlx::query(&sql);
        for (id, seen) in chunk {
            query = query.bind(*id).bind(&seen.name).bind(seen.first_seen_at).bind(seen.last_seen_at);
        }
        query.execute(&mut *c).await?;
    }

    let orgs: Vec<(&i64, &String)> = entities.orgs.iter().collect();
    for chunk in orgs.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO organisations (id, login) VALUES ",
            2,
            chunk.len(),
            " ON CONFLICT (id) DO UPDATE SET login = excluded.login WHERE organisations.login != excluded.login",
        );
        let mut query = sqlx::query(&sql);
        for (id, login) in chunk {
            query = query.bind(**id).bind(login.as_str());
        }
        query.execute(&mut *c).await?;
    }
    Ok(())
}
