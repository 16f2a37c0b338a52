//! A unit's batches on their way to the writer while its row is still being created.
//!
//! A GH Archive hour starts decoding as soon as a decoder is free, but its first batch needs
//! the unit's row id, which the writer hands out only when no other unit's transaction is open:
//! that is, after the previous hour has committed. Waiting for it would serialise every hour's
//! decoding behind the previous hour's commit; holding the first batches here instead lets the
//! two overlap: 4 busy hours load 12-15% faster (docs/benchmarks.md, decision 0014).

use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use tokio::sync::oneshot::error::TryRecvError;

use crate::error::{EngineError, Result};
use crate::store::{StagedBatch, StoreWriter};

/// Batches held at most: past this the decoder waits for the row id. A batch is one 4 MB chunk
/// of decompressed data, about a thousand events and under 1 MB of rows: 50-95 MB more peak
/// memory measured, two thirds of a busy hour, most of what one decodes while the previous
/// hour commits.
const MAX_HELD_BATCHES: usize = 128;

/// A unit's batches on their way to the writer, held back until its row id is known.
pub(super) struct UnitStaging {
    writer: StoreWriter,
    unit_id: Option<i64>,
    /// The writer's answer to the request for the unit's row, while it is not known.
    asked: Option<oneshot::Receiver<Result<i64>>>,
    held: Vec<StagedBatch>,
    /// Why the writer could not create the unit's row: the unit's error, whatever decoding
    /// made of it.
    begin_error: Option<EngineError>,
    /// Time the decoder spent blocked on the answer: waiting, not decoding.
    waited: Duration,
}

impl UnitStaging {
    /// Asks the writer for the unit's row now, without waiting for the answer (the writer
    /// creates it, state 'running', once no other unit's transaction is open), unless a previous
    /// attempt at the unit already has it (`known`). Must be called inside a tokio runtime.
    pub(super) fn begin(
        writer: &StoreWriter,
        (run_id, source): (i64, &'static str),
        unit_key: String,
        scope_key: String,
        known: Option<i64>,
    ) -> UnitStaging {
        let asked = known.is_none().then(|| {
            let (answer, asked) = oneshot::channel();
            let writer = writer.clone();
            tokio::spawn(async move {
                let _ = answer.send(writer.begin_unit(run_id, source, unit_key, scope_key).await);
            });
            asked
        });
        UnitStaging {
            writer: writer.clone(),
            unit_id: known,
            asked,
            held: Vec::new(),
            begin_error: None,
            waited: Duration::ZERO,
        }
    }

    /// Hands `batch` to the writer, or holds it while the unit's row id is not known yet.
    pub(super) fn stage(&mut self, batch: StagedBatch) -> Result<()> {
        if self.unit_id.is_none() {
            match self.asked.as_mut().map(|asked| asked.try_recv()) {
                Some(Err(TryRecvError::Empty)) if self.held.len() < MAX_HELD_BATCHES => {
                    self.held.push(batch);
                    return Ok(());
                }
                Some(Err(TryRecvError::Empty)) => self.wait_for_answer(),
                Some(Ok(answer)) => self.take_answer(answer),
                Some(Err(TryRecvError::Closed)) | None => self.take_answer(Err(never_answered())),
            }
        }
        // Without a row (the writer refused it) the batch cannot go anywhere; `finish` says why.
        let unit_id = self.unit_id.ok_or_else(|| EngineError::Internal("the unit has no row to load into".into()))?;
        self.send_held(unit_id)?;
        self.writer.stage_blocking(unit_id, batch)
    }

    /// Waits for the unit's row id if it is still not known, sends what was held back (only
    /// when `decoded`: a cancelled or damaged unit is rolled back anyway), and returns the id,
    /// and how long the decoder waited for it in all, or why the writer could not create the row.
    pub(super) fn finish(mut self, decoded: bool) -> Result<(i64, Duration)> {
        if self.unit_id.is_none() && self.begin_error.is_none() {
            self.wait_for_answer();
        }
        if let Some(error) = self.begin_error.take() {
            return Err(error);
        }
        let unit_id = self.unit_id.ok_or_else(never_answered)?;
        if decoded {
            self.send_held(unit_id)?;
        }
        Ok((unit_id, self.waited))
    }

    /// Sends the held batches, oldest first, ahead of anything staged after them.
    fn send_held(&mut self, unit_id: i64) -> Result<()> {
        for batch in std::mem::take(&mut self.held) {
            self.writer.stage_blocking(unit_id, batch)?;
        }
        Ok(())
    }

    fn wait_for_answer(&mut self) {
        let started = Instant::now();
        let answer = match self.asked.take() {
            Some(asked) => asked.blocking_recv().unwrap_or_else(|_| Err(never_answered())),
            None => Err(never_answered()),
        };
        self.waited += started.elapsed();
        self.take_answer(answer);
    }

    fn take_answer(&mut self, answer: Result<i64>) {
        self.asked = None;
        match answer {
            Ok(unit_id) => self.unit_id = Some(unit_id),
            Err(error) => self.begin_error = Some(error),
        }
    }
}

/// The task asking for the unit's row ended without an answer (the runtime is shutting down).
fn never_answered() -> EngineError {
    EngineError::Internal("the request for the unit's row got no answer".into())
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::sources::gharchive::record::EventRow;
    use crate::store::{RunCounts, Store, UnitCompletion};
    use crate::workspace::Workspace;

    fn batch(ids: std::ops::Range<i64>) -> StagedBatch {
        let events = ids
            .map(|id| EventRow {
                id,
                created_at: 1_705_312_800 + id,
                kind: Cow::Borrowed("WatchEvent"),
                action: Some(Cow::Borrowed("started")),
                repo_id: 1,
                actor_id: id,
                org_id: None,
                number: None,
                is_bot: false,
                merged: None,
                item_created_at: None,
                item_author_id: None,
                commit_count: None,
                ref_type: None,
                release_tag: None,
            })
            .collect();
        StagedBatch { events, rejects: Vec::new() }
    }

    fn completion(unit_id: i64, run_id: i64, accepted: u64) -> UnitCompletion {
        UnitCompletion::done_for_tests(unit_id, run_id, accepted)
    }

    /// A fresh workspace (kept while the folder lives), its writer, a run, and its unit "a".
    async fn workspace_with_unit() -> (tempfile::TempDir, Store, StoreWriter, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Workspace::at(dir.path())).await.unwrap();
        let writer = store.writer().await.unwrap();
        let run = writer.create_run("gharchive", "*".into(), "{}".into(), RunCounts::default()).await.unwrap();
        let a = writer.begin_unit(run, "gharchive", "a".into(), "*".into()).await.unwrap();
        (dir, store, writer, run, a)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn batches_are_held_while_another_unit_commits_then_loaded_in_order() {
        let (_dir, store, writer, run, a) = workspace_with_unit().await;
        // Unit A's transaction is open: the writer holds B's request for its row until A ends.
        let stage_a = writer.clone();
        tokio::task::spawn_blocking(move || stage_a.stage_blocking(a, batch(0..10))).await.unwrap().unwrap();
        let mut staging = UnitStaging::begin(&writer, (run, "gharchive"), "b".into(), "*".into(), None);
        let staging = tokio::task::spawn_blocking(move || {
            staging.stage(batch(100..110)).unwrap();
            staging.stage(batch(110..120)).unwrap();
            staging
        })
        .await
        .unwrap();
        assert_eq!((staging.unit_id, staging.held.len()), (None, 2), "B's batches wait for its row");

        writer.finish_unit(completion(a, run, 10)).await.unwrap();
        let (b, _) = tokio::task::spawn_blocking(move || staging.finish(true)).await.unwrap().unwrap();
        assert_ne!(a, b);
        let loaded = writer.finish_unit(completion(b, run, 20)).await.unwrap();
        assert_eq!(loaded.events_loaded, 20, "both held batches reach B's transaction");
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM events WHERE id >= 100 ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(ids, (100..120).collect::<Vec<_>>());
        let done: i64 = sqlx::query_scalar("SELECT count(*) FROM units WHERE state = 'done'")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(done, 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_unit_whose_row_exists_sends_its_batches_straight_away() {
        let (_dir, _store, writer, run, a) = workspace_with_unit().await;
        let mut staging = UnitStaging::begin(&writer, (run, "gharchive"), "a".into(), "*".into(), Some(a));
        let staging = tokio::task::spawn_blocking(move || {
            staging.stage(batch(0..5)).unwrap();
            staging
        })
        .await
        .unwrap();
        assert!(staging.held.is_empty());
        let (unit_id, waited) = tokio::task::spawn_blocking(move || staging.finish(true)).await.unwrap().unwrap();
        assert_eq!((unit_id, waited), (a, Duration::ZERO));
        assert_eq!(writer.finish_unit(completion(a, run, 5)).await.unwrap().events_loaded, 5);
    }
}
