//! The writer task: one connection, every write of the engine, in order.
//!
//! A unit's rows go straight into `events` inside one `BEGIN IMMEDIATE` transaction that opens
//! with its first batch and commits with its rollups, done-mark, entities, quarantine and
//! coverage, so parsing and inserting overlap and a crash or cancel never leaves half a unit.
//! While a unit's transaction is open, commands about anything else wait in a queue: they must
//! not be committed, or rolled back, with that unit.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use sqlx::{Connection, Executor, SqliteConnection};
use tokio::sync::mpsc;

use super::api_facts::upsert_bigquery_job;
use super::api_facts::{insert_requests, write_api_facts};
use super::checkpointer::wal_bytes;
use super::entities::upsert_entities;
use super::event_insert::insert_new_events;
use super::rollups::RollupDelta;
use super::sqlite_handle::with_sqlite;
use super::writer::{
    Command, QuarantinedRecord, ROWS_PER_INSERT, RunCounts, RunStatus, StagedBatch, UnitCompletion, UnitLoaded,
    UnitOutcome, WalUpkeep, values_sql,
};
use crate::error::{EngineError, Result};
use crate::monitoring::RunResources;

/// The unit whose transaction is open.
struct OpenUnit {
    unit_id: i64,
    run_id: Option<i64>,
    source: String,
    unit_key: String,
    inserted: u64,
    quarantined: u64,
    staging: Duration,
    /// Why a batch failed to insert: the unit can only be rolled back, and its finish says why.
    failed: Option<EngineError>,
    /// Rollup counts of the rows that were really inserted.
    rollups: RollupDelta,
}

struct Writer {
    connection: SqliteConnection,
    wal: WalUpkeep,
    open: Option<OpenUnit>,
    deferred: VecDeque<Command>,
}

impl Command {
    /// The unit a command belongs to, if it belongs to one.
    fn unit_id(&self) -> Option<i64> {
        match self {
            Command::Stage { unit_id, .. }
            | Command::StageFacts { unit_id, .. }
            | Command::AbortUnit { unit_id, .. }
            | Command::EndUnit { unit_id, .. } => Some(*unit_id),
            Command::FinishUnit { completion, .. } => Some(completion.unit_id),
            Command::CreateRun { .. }
            | Command::BeginUnit { .. }
            | Command::RecordRequests { .. }
            | Command::RecordJob { .. }
            | Command::FinishRun { .. }
            | Command::Checkpoint { .. } => None,
        }
    }
}

pub(super) async fn run_writer(connection: SqliteConnection, wal: WalUpkeep, mut receiver: mpsc::Receiver<Command>) {
    let mut writer = Writer { connection, wal, open: None, deferred: VecDeque::new() };
    loop {
        // Deferred commands first: any, when no unit is open; else the open unit's own, which
        // may have been deferred before it opened (its finish must not wait for the channel).
        let next = match &writer.open {
            None => writer.deferred.pop_front(),
            Some(open) => {
                let position = writer.deferred.iter().position(|c| c.unit_id() == Some(open.unit_id));
                position.and_then(|i| writer.deferred.remove(i))
            }
        };
        let command = match next {
            Some(command) => command,
            None => match receiver.recv().await {
                Some(command) => command,
                None if writer.open.is_some() => {
                    // Every handle is gone with a unit still open: its task died. Roll it back.
                    writer.rollback_open().await;
                    continue;
                }
                None if writer.deferred.is_empty() => break,
                None => continue,
            },
        };
        if let Some(open) = &writer.open
            && command.unit_id() != Some(open.unit_id)
        {
            writer.deferred.push_back(command);
            continue;
        }
        writer.handle(command).await;
    }
    let _ = writer.connection.close().await;
}

impl Writer {
    async fn handle(&mut self, command: Command) {
        match command {
            Command::CreateRun { source, scope_key, scope_json, counts, reply } => {
                let _ = reply.send(self.create_run(source, &scope_key, &scope_json, counts).await);
            }
            Command::BeginUnit { run_id, source, unit_key, scope_key, reply } => {
                let _ = reply.send(self.begin_unit(run_id, source, &unit_key, &scope_key).await);
            }
            Command::Stage { unit_id, batch } => {
                let started = Instant::now();
                if let Err(error) = self.stage(unit_id, &batch).await {
                    match self.open.as_mut() {
                        Some(open) => {
                            open.failed.get_or_insert(error);
                        }
                        None => tracing::error!(unit_id, %error, "cannot open the unit's transaction"),
                    }
                }
                if let Some(open) = self.open.as_mut() {
                    open.staging += started.elapsed();
                }
            }
            Command::StageFacts { unit_id, facts } => {
                let result = match self.open_unit(unit_id).await {
                    Ok(()) => write_api_facts(&mut self.connection, &facts).await,
                    Err(error) => Err(error),
                };
                if let Err(error) = result {
                    match self.open.as_mut() {
                        Some(open) => {
                            open.failed.get_or_insert(error);
                        }
                        None => tracing::error!(unit_id, %error, "cannot open the unit's transaction"),
                    }
                }
            }
            Command::RecordRequests { run_id, records, reply } => {
                let _ = reply.send(insert_requests(&mut self.connection, run_id, &records).await);
            }
            Command::RecordJob { job, reply } => {
                let _ = reply.send(upsert_bigquery_job(&mut self.connection, &job).await);
            }
            Command::AbortUnit { unit_id: _, reply } => {
                self.rollback_open().await;
                let _ = reply.send(Ok(()));
            }
            Command::FinishUnit { mut completion, reply } => {
                let _ = reply.send(self.finish_unit(&mut completion).await);
            }
            Command::EndUnit { unit_id, run_id, coverage_hour, outcome, reply } => {
                self.rollback_open().await;
                let _ = reply.send(self.end_unit(unit_id, run_id, coverage_hour, &outcome).await);
            }
            Command::FinishRun { run_id, status, error, resources, reply } => {
                let _ = reply.send(self.finish_run(run_id, status, error.as_deref(), &resources).await);
            }
            Command::Checkpoint { reply } => {
                let _ = reply.send(self.checkpoint().await);
            }
        }
    }

    async fn open_unit(&mut self, unit_id: i64) -> Result<()> {
        if self.open.is_some() {
            return Ok(());
        }
        self.bound_wal().await;
        self.connection.execute("BEGIN IMMEDIATE").await?;
        let row: Option<(Option<i64>, String, String)> =
            sqlx::query_as("SELECT run_id, source, unit_key FROM units WHERE id = ?1")
                .bind(unit_id)
                .fetch_optional(&mut self.connection)
                .await?;
        let Some((run_id, source, unit_key)) = row else {
            let _ = self.connection.execute("ROLLBACK").await;
            return Err(EngineError::Internal(format!("unit {unit_id} does not exist")));
        };
        self.open = Some(OpenUnit {
            unit_id,
            run_id,
            source,
            unit_key,
            inserted: 0,
            quarantined: 0,
            staging: Duration::ZERO,
            failed: None,
            rollups: RollupDelta::default(),
        });
        Ok(())
    }

    fn request_checkpoint(&self) {
        if let Some(checkpointer) = &self.wal.checkpointer {
            checkpointer.request();
        }
    }

    /// Truncates the WAL, waiting for readers if it must, once it has outgrown its bound.
    /// Called with no transaction open.
    ///
    /// The checkpointer copies everything committed, but SQLite only starts the WAL over when
    /// a write transaction begins after that copy is done, and the next unit's usually begins
    /// at once (decision 0014): so in a long run the WAL grows until this bound.
    async fn bound_wal(&mut self) {
        if wal_bytes(&self.wal.wal) <= self.wal.bound {
            return;
        }
        // A checkpoint in progress would make the truncation fail at once (SQLite does not wait
        // for another checkpointer); let it finish first: it leaves little left to copy.
        if let Some(checkpointer) = &self.wal.checkpointer
            && let Err(error) = checkpointer.flush().await
        {
            tracing::debug!(%error, "no checkpointer to wait for");
        }
        let outcome: std::result::Result<(i64, i64, i64), sqlx::Error> =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&mut self.connection).await;
        match outcome {
            Ok((0, _, _)) => tracing::debug!("the WAL outgrew its bound and was truncated"),
            // Readers kept it: the next unit's start tries again.
            Ok(_) => tracing::warn!("the WAL outgrew its bound but readers kept it from being truncated"),
            Err(error) => tracing::warn!(%error, "truncating the WAL failed"),
        }
    }

    /// Waits until the checkpointer has copied everything committed into the database file
    /// (or, without one, copies it here).
    async fn checkpoint(&mut self) -> Result<()> {
        match &self.wal.checkpointer {
            Some(checkpointer) => checkpointer.flush().await,
            None => {
                self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").await?;
                Ok(())
            }
        }
    }

    async fn rollback_open(&mut self) {
        if self.open.take().is_some()
            && let Err(error) = self.connection.execute("ROLLBACK").await
        {
            tracing::error!(%error, "rolling back a unit failed");
        }
    }

    async fn stage(&mut self, unit_id: i64, batch: &StagedBatch) -> Result<()> {
        self.open_unit(unit_id).await?;
        let Writer { connection, open, .. } = self;
        let open = open.as_mut().ok_or_else(|| EngineError::Internal("no open unit".into()))?;
        if open.failed.is_some() {
            return Ok(()); // doomed: skip the rest of its batches
        }
        open.inserted += with_sqlite(connection, |db| insert_new_events(db, &batch.events, &mut open.rollups)).await?;
        let quarantined = insert_rejects(connection, open.run_id, &open.source, &open.unit_key, &batch.rejects).await?;
        open.quarantined += quarantined;
        Ok(())
    }

    async fn finish_unit(&mut self, unit: &mut UnitCompletion) -> Result<UnitLoaded> {
        let started = Instant::now();
        self.open_unit(unit.unit_id).await?;
        if let Some(error) = self.open.as_mut().and_then(|open| open.failed.take()) {
            self.rollback_open().await;
            return Err(error);
        }
        match self.commit_unit(unit).await {
            Ok(mut loaded) => {
                self.open = None;
                commit(&mut self.connection).await?;
                self.request_checkpoint();
                loaded.commit_ms = started.elapsed().as_millis() as u64;
                Ok(loaded)
            }
            Err(error) => {
                self.rollback_open().await;
                Err(error)
            }
        }
    }

    async fn commit_unit(&mut self, unit: &mut UnitCompletion) -> Result<UnitLoaded> {
        let open = self.open.as_ref().ok_or_else(|| EngineError::Internal("no open unit".into()))?;
        let (inserted, quarantined, staging) = (open.inserted, open.quarantined, open.staging);
        let c = &mut self.connection;
        with_sqlite(c, |db| open.rollups.write(db)).await?;
        let entities = unit.entities.sorted().await?;
        with_sqlite(c, |db| upsert_entities(db, &entities)).await?;
        // A later page adds to what the unit's earlier pages loaded; otherwise the counts are set.
        sqlx::query(
            "UPDATE units SET state = CASE WHEN ?7 THEN 'done' ELSE state END,
                 records_seen = CASE WHEN ?8 THEN records_seen + ?2 ELSE ?2 END,
                 events_loaded = CASE WHEN ?8 THEN events_loaded + ?3 ELSE ?3 END,
                 records_quarantined = CASE WHEN ?8 THEN records_quarantined + ?4 ELSE ?4 END,
                 bytes = CASE WHEN ?8 THEN bytes + ?5 ELSE ?5 END,
                 checkpoint = coalesce(?6, checkpoint), error = NULL, updated_at = unixepoch(),
                 finished_ms = CASE WHEN ?7 THEN ?9 ELSE finished_ms END
             WHERE id = ?1",
        )
        .bind(unit.unit_id)
        .bind(unit.records_seen as i64)
        .bind(inserted as i64)
        .bind(quarantined as i64)
        .bind(unit.bytes as i64)
        .bind(unit.checkpoint.as_deref())
        .bind(unit.done)
        .bind(unit.continues)
        .bind(chrono::Utc::now().timestamp_millis())
        .execute(&mut *c)
        .await?;
        if let Some(hour) = unit.coverage_hour {
            record_coverage(c, unit.source, hour, &unit.scope_key, "complete", inserted as i64).await?;
        }
        if unit.done {
            for &(hour, events) in &unit.coverage_hours {
                record_coverage(c, unit.source, hour, &unit.scope_key, "complete", events).await?;
            }
        }
        sqlx::query(
            "UPDATE runs SET units_done = units_done + ?4, events_loaded = events_loaded + ?2,
                 records_quarantined = records_quarantined + ?3 WHERE id = ?1",
        )
        .bind(unit.run_id)
        .bind(inserted as i64)
        .bind(quarantined as i64)
        .bind(i64::from(unit.done))
        .execute(&mut *c)
        .await?;
        Ok(UnitLoaded {
            events_loaded: inserted,
            // Accepted events that added nothing: repeats within the file, or events already
            // loaded from another hour or an earlier run.
            duplicates: unit.accepted.saturating_sub(inserted),
            quarantined,
            staging_ms: staging.as_millis() as u64,
            commit_ms: 0,
        })
    }

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
            "INSERT INTO units (source, unit_key, scope_key, state, run_id, attempts, updated_at, started_ms)
             VALUES (?1, ?2, ?3, 'running', ?4, 1, unixepoch(), ?5)
             ON CONFLICT (source, unit_key, scope_key) DO UPDATE SET
                 state = 'running', run_id = excluded.run_id, attempts = units.attempts + 1,
                 error = NULL, updated_at = excluded.updated_at, started_ms = excluded.started_ms, finished_ms = NULL
             RETURNING id",
        )
        .bind(source)
        .bind(unit_key)
        .bind(scope_key)
        .bind(run_id)
        .bind(chrono::Utc::now().timestamp_millis())
        .fetch_one(&mut self.connection)
        .await?;
        Ok(id)
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
                "UPDATE units SET state = ?2, error = ?3, updated_at = unixepoch(), finished_ms = ?4
                 WHERE id = ?1 RETURNING source, scope_key",
            )
            .bind(unit_id)
            .bind(state)
            .bind(reason)
            .bind(chrono::Utc::now().timestamp_millis())
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
                commit(c).await?;
                self.request_checkpoint();
                Ok(())
            }
            Err(error) => {
                let _ = c.execute("ROLLBACK").await;
                Err(error)
            }
        }
    }

    async fn finish_run(
        &mut self,
        run_id: i64,
        status: RunStatus,
        error: Option<&str>,
        resources: &RunResources,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE runs SET status = ?2, error = ?3, finished_at = unixepoch(), peak_rss_bytes = ?4 WHERE id = ?1",
        )
        .bind(run_id)
        .bind(status.as_str())
        .bind(error)
        .bind(resources.peak_rss_bytes.map(|b| b as i64))
        .execute(&mut self.connection)
        .await?;
        for stage in &resources.stages {
            sqlx::query(
                "INSERT INTO run_stages (run_id, stage, calls, items, busy_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (run_id, stage) DO UPDATE SET calls = excluded.calls, items = excluded.items,
                     busy_ms = excluded.busy_ms",
            )
            .bind(run_id)
            .bind(&stage.stage)
            .bind(stage.calls as i64)
            .bind(stage.items as i64)
            .bind(stage.busy_ms as i64)
            .execute(&mut self.connection)
            .await?;
        }
        sqlx::query("UPDATE units SET state = 'pending' WHERE run_id = ?1 AND state = 'running'")
            .bind(run_id)
            .execute(&mut self.connection)
            .await?;
        Ok(())
    }
}

/// Commits the open transaction, or, when the COMMIT itself fails (a full disk, a deferred
/// constraint), rolls it back: SQLite keeps a transaction open after a failed COMMIT, and every
/// later write would join it and vanish with it.
async fn commit(c: &mut SqliteConnection) -> Result<()> {
    if let Err(error) = c.execute("COMMIT").await {
        if let Err(rollback) = c.execute("ROLLBACK").await {
            tracing::debug!(%rollback, "no transaction to roll back after the failed commit");
        }
        return Err(error.into());
    }
    Ok(())
}

async fn insert_rejects(
    c: &mut SqliteConnection,
    run_id: Option<i64>,
    source: &str,
    unit_key: &str,
    rejects: &[QuarantinedRecord],
) -> Result<u64> {
    let mut inserted = 0;
    for chunk in rejects.chunks(ROWS_PER_INSERT) {
        let sql = values_sql(
            "INSERT INTO quarantine (run_id, source, unit_key, line, reason, excerpt, created_at) VALUES ",
            7,
            chunk.len(),
            "",
        );
        let now = chrono::Utc::now().timestamp();
        let mut query = sqlx::query(&sql);
        for reject in chunk {
            query = query
                .bind(run_id)
                .bind(source)
                .bind(unit_key)
                .bind(reject.line as i64)
                .bind(&reject.reason)
                .bind(&reject.excerpt)
                .bind(now);
        }
        inserted += query.execute(&mut *c).await?.rows_affected();
    }
    Ok(inserted)
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

#[cfg(test)]
#[path = "write_loop_tests.rs"]
mod tests;
