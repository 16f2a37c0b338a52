//! Tests of the writer task: ordering between units, rollbacks, duplicates, failed commits.

use std::borrow::Cow;

use super::super::checkpointer::wal_bytes;
use super::*;
use crate::sources::gharchive::record::EventRow;
use crate::store::{CONTRIBUTION_TYPES, Store, StoreWriter};
use crate::workspace::Workspace;

fn event(id: i64) -> EventRow {
    let created_at = 1_705_312_800 + id * 2 * 86_400;
    // Pushes, stars (not contributions) and pull requests: ten of them, each opened and closed
    // (merged or not) by events months apart, so later units move them between days.
    let (kind, action) = match id % 3 {
        0 => ("PushEvent", None),
        1 => ("WatchEvent", Some("started")),
        _ => ("PullRequestEvent", Some(if id % 4 == 0 { "opened" } else { "closed" })),
    };
    let pull_request = kind == "PullRequestEvent";
    EventRow {
        id,
        // Two days apart: a hundred events span seven months; four accounts come back month
        // after month, sometimes as bots, and four more first appear halfway.
        created_at,
        kind: Cow::Borrowed(kind),
        action: action.map(Cow::Borrowed),
        repo_id: 1 + id % 2,
        actor_id: id % 4 + id / 50 * 4,
        org_id: None,
        number: pull_request.then_some(id % 10),
        is_bot: id % 7 == 0,
        merged: (action == Some("closed")).then_some(id % 5 < 3),
        item_created_at: pull_request.then_some(created_at - (id % 13) * 86_400),
        item_author_id: pull_request.then_some(id % 4),
        commit_count: None,
        ref_type: None,
        release_tag: None,
    }
}

async fn stage(writer: &StoreWriter, unit_id: i64, ids: std::ops::Range<i64>) {
    let writer = writer.clone();
    let batch = StagedBatch { events: ids.map(event).collect(), rejects: Vec::new() };
    tokio::task::spawn_blocking(move || writer.stage_blocking(unit_id, batch)).await.unwrap().unwrap();
}

fn completion(unit_id: i64, run_id: i64, accepted: u64) -> UnitCompletion {
    UnitCompletion::done_for_tests(unit_id, run_id, accepted)
}

/// A fresh workspace (kept while the returned folder lives), its writer, and a run of `source`.
async fn writer_with_run(source: &'static str) -> (tempfile::TempDir, Store, StoreWriter, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Workspace::at(dir.path())).await.unwrap();
    let writer = store.writer().await.unwrap();
    let run = writer.create_run(source, "*".into(), "{}".into(), RunCounts::default()).await.unwrap();
    (dir, store, writer, run)
}

async fn count(store: &Store, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(store.pool()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_units_wait_for_an_open_unit_and_survive_its_rollback() {
    let (_dir, store, writer, run) = writer_with_run("gharchive").await;
    let a = writer.begin_unit(run, "gharchive", "A".into(), "*".into()).await.unwrap();
    let b = writer.begin_unit(run, "gharchive", "B".into(), "*".into()).await.unwrap();

    stage(&writer, a, 1..100).await;
    let other = writer.clone();
    let ended =
        tokio::spawn(
            async move { other.end_unit(b, run, Some(10), UnitOutcome::Missing { reason: "404".into() }).await },
        );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!ended.is_finished(), "B's bookkeeping must wait while A's transaction is open");

    writer.abort_unit(a).await.unwrap();
    ended.await.unwrap().unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM events").await, 0, "A rolled back");
    assert_eq!(count(&store, "SELECT count(*) FROM hourly_events").await, 0, "and its rollups too");
    assert_eq!(count(&store, "SELECT count(*) FROM units WHERE unit_key = 'B' AND state = 'missing'").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_that_staged_and_finished_while_another_was_open_still_commits() {
    let (_dir, store, writer, run) = writer_with_run("github").await;
    let a = writer.begin_unit(run, "github", "A".into(), "*".into()).await.unwrap();
    let b = writer.begin_unit(run, "github", "B".into(), "*".into()).await.unwrap();
    stage(&writer, a, 1..10).await;
    // B hands over all its rows and its finish while A is open: both wait their turn.
    writer.stage(b, StagedBatch { events: (100..110).map(event).collect(), rejects: Vec::new() }).await.unwrap();
    let other = writer.clone();
    let b_done = tokio::spawn(async move { other.finish_unit(completion(b, run, 10)).await });
    tokio::time::sleep(Duration::from_millis(50)).await;
    writer.finish_unit(completion(a, run, 9)).await.unwrap();
    let loaded = tokio::time::timeout(Duration::from_secs(5), b_done)
        .await
        .expect("B's finish must not be stranded behind its own staging")
        .unwrap()
        .unwrap();
    assert_eq!(loaded.events_loaded, 10);
    assert_eq!(count(&store, "SELECT count(*) FROM events").await, 19);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_units_count_each_event_once() {
    let (_dir, store, writer, run) = writer_with_run("gharchive").await;
    let a = writer.begin_unit(run, "gharchive", "A".into(), "*".into()).await.unwrap();
    stage(&writer, a, 1..60).await;
    stage(&writer, a, 50..70).await; // repeats within the unit
    let loaded = writer.finish_unit(completion(a, run, 79)).await.unwrap();
    assert_eq!((loaded.events_loaded, loaded.duplicates), (69, 10));

    let b = writer.begin_unit(run, "gharchive", "B".into(), "*".into()).await.unwrap();
    stage(&writer, b, 60..100).await; // 10 already loaded by A
    let loaded = writer.finish_unit(completion(b, run, 40)).await.unwrap();
    assert_eq!((loaded.events_loaded, loaded.duplicates), (30, 10));

    assert_eq!(count(&store, "SELECT count(*) FROM events").await, 99);
    assert_eq!(count(&store, "SELECT sum(events) FROM hourly_events").await, 99);
    assert_eq!(count(&store, "SELECT sum(events) FROM daily_repo_events").await, 99);
    assert_eq!(count(&store, "SELECT events_loaded FROM runs").await, 99);
    assert_rollups_match_events(&store).await;

    // Deleting events keeps the rollups exact too (triggers in the migrations).
    sqlx::query("DELETE FROM events WHERE id < 10").execute(store.pool()).await.unwrap();
    assert_eq!(count(&store, "SELECT sum(events) FROM hourly_events").await, 90);
    assert_eq!(count(&store, "SELECT sum(events) FROM daily_repo_events").await, 90);
    assert_rollups_match_events(&store).await;
    // Accounts that were bots in a month, alongside their other events, stop being bots there.
    assert!(count(&store, "SELECT count(*) FROM workspace_contributor_months WHERE is_bot = 1").await > 0);
    sqlx::query("DELETE FROM events WHERE is_bot = 1").execute(store.pool()).await.unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM workspace_contributor_months WHERE is_bot = 1").await, 0);
    assert_rollups_match_events(&store).await;
}

/// Hours load in any order: an account's first month moves earlier, with its bot flag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollups_do_not_depend_on_the_order_units_load_in() {
    let (_dir, store, writer, run) = writer_with_run("gharchive").await;
    for (key, ids) in [("later", 40..100), ("earlier", 1..40)] {
        let unit = writer.begin_unit(run, "gharchive", key.into(), "*".into()).await.unwrap();
        stage(&writer, unit, ids.clone()).await;
        writer.finish_unit(completion(unit, run, ids.count() as u64)).await.unwrap();
    }
    assert_rollups_match_events(&store).await;
}

/// A workspace made before this session's migrations gets their rollups (per-repository
/// contributors, hours and months, contributors' months by type and bot) filled from what it holds, equal to what the triggers and the
/// writer would have kept.
/// An account that a month already counts as a person, seen that month under a bot login in
/// another repository: the workspace's month must count it as a bot from then on, though only
/// the repository's row is new.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_login_in_another_repository_makes_the_months_contributor_a_bot() {
    let (_dir, store, writer, run) = writer_with_run("gharchive").await;
    let push = |id: i64, repo_id: i64, is_bot: bool| EventRow {
        repo_id,
        is_bot,
        actor_id: 7,
        kind: Cow::Borrowed("PushEvent"),
        action: None,
        number: None,
        merged: None,
        item_created_at: None,
        item_author_id: None,
        ..event(id)
    };
    for (key, row) in [("person", push(3, 1, false)), ("bot", push(6, 2, true))] {
        let unit = writer.begin_unit(run, "gharchive", key.into(), "*".into()).await.unwrap();
        writer.stage(unit, StagedBatch { events: vec![row], rejects: Vec::new() }).await.unwrap();
        writer.finish_unit(completion(unit, run, 1)).await.unwrap();
    }
    let workspace = "SELECT m.is_bot * 100 + c.bots * 10 + f.first_is_bot
        FROM workspace_contributor_months m
        JOIN workspace_contributor_counts c ON c.month = m.month
        JOIN workspace_contributor_firsts f ON f.actor_id = m.actor_id AND f.first_month = m.month
        WHERE m.actor_id = 7";
    assert_eq!(count(&store, workspace).await, 111, "the month's row, its count of bots, the first month");
    let repositories =
        "SELECT group_concat(repo_id || ':' || bots || new_bots, ' ') FROM repository_contributor_counts";
    let repositories: String = sqlx::query_scalar(repositories).fetch_one(store.pool()).await.unwrap();
    assert_eq!(repositories, "1:00 2:11");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rollups_of_new_migrations_are_filled_for_existing_workspaces() {
    let (_dir, store, writer, run) = writer_with_run("gharchive").await;
    let unit = writer.begin_unit(run, "gharchive", "A".into(), "*".into()).await.unwrap();
    stage(&writer, unit, 1..100).await;
    writer.finish_unit(completion(unit, run, 99)).await.unwrap();
    sqlx::raw_sql(
        "DROP TABLE repository_contributor_counts;
         DROP TABLE repository_contributor_firsts;
         DROP TRIGGER contributor_months_to_repository_after_bot;
         DROP TRIGGER contributor_months_to_repository_after_delete;
         DROP TABLE daily_repo_hours;
         DROP TRIGGER events_repo_hours_after_delete;
         DROP TABLE monthly_repo_events;
         DROP TRIGGER events_monthly_repo_after_delete;
         DROP TABLE work_item_days;
         DROP TRIGGER work_items_days_after_update;
         DROP TRIGGER work_items_days_after_delete;
         DELETE FROM _sqlx_migrations
          WHERE version IN (20261207000000, 20261207010000, 20261207020000, 20261207040000);",
    )
    .execute(store.pool())
    .await
    .unwrap();
    // contributor_months' type and bot columns (migrations 20261207060000 and 20261207070000,
    // which also changed the events' indexes) came later still.
    let mut undo = String::from(
        "DROP TRIGGER events_contributors_after_delete;
         ALTER TABLE contributor_months DROP COLUMN bot_events;
         CREATE INDEX events_by_contributor ON events (repo_id, actor_id, type, is_bot, created_at)
         WHERE type NOT IN ('WatchEvent', 'ForkEvent');",
    );
    for (_, column) in CONTRIBUTION_TYPES {
        undo.push_str(&format!("ALTER TABLE contributor_months DROP COLUMN {column};"));
    }
    undo.push_str(
        "CREATE TRIGGER events_contributors_after_delete AFTER DELETE ON events BEGIN SELECT 1; END;
         DELETE FROM _sqlx_migrations WHERE version IN (20261207060000, 20261207070000);",
    );
    // Migrations 20261207000000 and 20261207040000 create per-row triggers that 20261208000000
    // and 20261208020000 drop again (the writer does their work now): all run again.
    undo.push_str("DELETE FROM _sqlx_migrations WHERE version IN (20261208000000, 20261208020000);");
    sqlx::raw_sql(&undo).execute(store.pool()).await.unwrap();
    crate::store::MIGRATOR.run(store.pool()).await.unwrap();
    assert_rollups_match_events(&store).await;

    // Units loaded after the upgrade add to the rollups once (a trigger left behind would add
    // their new contributors, or their new pull requests' days, a second time).
    let unit = writer.begin_unit(run, "gharchive", "B".into(), "*".into()).await.unwrap();
    let new_pull_requests = (100..200).map(|id| EventRow { number: event(id).number.map(|n| n + 100), ..event(id) });
    let batch = StagedBatch { events: new_pull_requests.collect(), rejects: Vec::new() };
    let staging = writer.clone();
    tokio::task::spawn_blocking(move || staging.stage_blocking(unit, batch)).await.unwrap().unwrap();
    writer.finish_unit(completion(unit, run, 100)).await.unwrap();
    assert_rollups_match_events(&store).await;
}

/// A COMMIT that fails leaves SQLite's transaction open (a full disk does this; here a deferred
/// foreign key that a trigger breaks). The writer must end it, or the next unit's row is written
/// into the dead transaction, its id handed out, and the row lost with the next rollback.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_commit_leaves_no_transaction_behind() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Workspace::at(dir.path())).await.unwrap();
    sqlx::raw_sql(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);
         CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
         CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.id = 666 BEGIN INSERT INTO child VALUES (1); END;",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let writer = store.writer().await.unwrap();
    let run = writer.create_run("gharchive", "*".into(), "{}".into(), RunCounts::default()).await.unwrap();
    let a = writer.begin_unit(run, "gharchive", "A".into(), "*".into()).await.unwrap();
    stage(&writer, a, 660..670).await;
    let failed = writer.finish_unit(completion(a, run, 10)).await;
    assert!(failed.is_err(), "the commit breaks the deferred foreign key: {failed:?}");

    let b = writer.begin_unit(run, "gharchive", "B".into(), "*".into()).await.unwrap();
    stage(&writer, b, 1..10).await;
    writer.finish_unit(completion(b, run, 9)).await.unwrap();
    assert_eq!(count(&store, &format!("SELECT count(*) FROM units WHERE id = {b} AND state = 'done'")).await, 1);
    assert_eq!(count(&store, "SELECT count(*) FROM events").await, 9, "only B's events");
}

/// A full disk while a unit's events are inserted fails the unit saying so, in the words a user
/// can act on, and keeps nothing of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_while_staging_is_reported_as_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = Workspace::at(dir.path());
    Store::open(&workspace).await.unwrap().close().await;
    let pages: u32 = {
        let store = Store::open(&workspace).await.unwrap();
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(store.pool()).await.unwrap();
        store.close().await;
        pages.try_into().unwrap()
    };
    let store = Store::open_capped(&workspace, pages + 8).await.unwrap();
    let writer = store.writer().await.unwrap();
    let run = writer.create_run("gharchive", "*".into(), "{}".into(), RunCounts::default()).await.unwrap();
    let unit = writer.begin_unit(run, "gharchive", "A".into(), "*".into()).await.unwrap();
    stage(&writer, unit, 1..20_000).await;
    let failed = writer.finish_unit(completion(unit, run, 19_999)).await.unwrap_err();
    assert!(matches!(failed, EngineError::DiskFull), "{failed:?}");

    assert_eq!(count(&store, "SELECT count(*) FROM events").await, 0);
    assert_eq!(count(&store, &format!("SELECT count(*) FROM units WHERE id = {unit} AND state = 'done'")).await, 0);
}

/// Loads `units` units of 2,000 events each through `writer`, waiting for the checkpointer
/// after each when `settle`, and returns the WAL's size after each unit.
async fn wal_sizes_over_units(store: &Store, writer: &StoreWriter, units: i64, settle: bool) -> Vec<u64> {
    let run = writer.create_run("gharchive", "*".into(), "{}".into(), RunCounts::default()).await.unwrap();
    let wal = super::super::checkpointer::wal_path(store.path());
    let mut sizes = Vec::new();
    for unit in 0..units {
        let id = writer.begin_unit(run, "gharchive", format!("U{unit}"), "*".into()).await.unwrap();
        stage(writer, id, unit * 2_000..(unit + 1) * 2_000).await;
        writer.finish_unit(completion(id, run, 2_000)).await.unwrap();
        if settle {
            writer.checkpoint().await.unwrap();
        }
        sizes.push(wal_bytes(&wal));
    }
    assert_eq!(count(store, "SELECT count(*) FROM events").await, units * 2_000, "every unit loaded");
    sizes
}

/// Commits no longer checkpoint (that ran inside the commit, on the writer's serial path): the
/// checkpointer thread copies each unit over afterwards, and SQLite then starts the WAL over,
/// so it stays about one unit long instead of growing with every unit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkpointer_keeps_the_wal_about_one_unit_long() {
    let (_dir, store, writer, _) = writer_with_run("gharchive").await;
    let sizes = wal_sizes_over_units(&store, &writer, 6, true).await;
    let first = sizes[1].max(sizes[0]);
    assert!(first > 0, "{sizes:?}");
    assert!(sizes.iter().all(|&size| size <= first * 3 / 2), "the WAL grew unit after unit: {sizes:?}");
}

/// When each unit begins right after the last one commits, as in a long run, the WAL cannot
/// start over, checkpointer or not: the writer truncates it itself once it is past its bound,
/// before the next unit begins (with a checkpointer, once that one's current checkpoint ends:
/// SQLite would refuse the truncation while it runs).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_writer_bounds_the_wal_in_a_long_run() {
    for background_checkpoints in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Workspace::at(dir.path())).await.unwrap();
        let bound = 64 << 10;
        let writer = store.writer_with_wal_bound(bound, background_checkpoints).await.unwrap();
        let sizes = wal_sizes_over_units(&store, &writer, 8, false).await;
        let unit = sizes[0];
        assert!(unit > bound, "a unit must outgrow the bound for this test to mean anything: {sizes:?}");
        // Each unit alone outgrows the bound, so the WAL is truncated before each: one unit long.
        assert!(
            sizes.iter().all(|&size| size <= bound + 2 * unit),
            "the WAL outgrew its bound (checkpointer: {background_checkpoints}): {sizes:?}"
        );
    }
}

/// Every rollup equals the same aggregate recomputed from `events`, row for row.
async fn assert_rollups_match_events(store: &Store) {
    let month = "CAST(strftime('%s', created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400";
    let workspace_months = format!(
        "SELECT {month} AS month, actor_id, max(is_bot) AS is_bot FROM events
         WHERE type NOT IN ('WatchEvent', 'ForkEvent') GROUP BY 1, 2"
    );
    let type_columns = CONTRIBUTION_TYPES.iter().map(|(_, column)| *column).collect::<Vec<_>>().join(", ");
    let type_counts =
        CONTRIBUTION_TYPES.iter().map(|(kind, _)| format!("sum(type = '{kind}')")).collect::<Vec<_>>().join(", ");
    let hour_columns = (0..24).map(|h| format!("h{h:02}")).collect::<Vec<_>>().join(", ");
    let hour_counts = (0..24).map(|h| format!("sum(created_at / 3600 % 24 = {h})")).collect::<Vec<_>>().join(", ");
    let repository_months = format!(
        "SELECT repo_id, {month} AS month, actor_id, max(is_bot) AS is_bot FROM events
         WHERE type NOT IN ('WatchEvent', 'ForkEvent') GROUP BY 1, 2, 3"
    );
    for (rollup, recomputed) in [
        (
            "SELECT repo_id, day, type, events, bot_events FROM daily_repo_events".to_owned(),
            "SELECT repo_id, created_at / 86400, type, count(*), sum(is_bot) FROM events GROUP BY 1, 2, 3".to_owned(),
        ),
        (
            "SELECT day, type, events, bot_events FROM daily_type_events".to_owned(),
            "SELECT created_at / 86400, type, count(*), sum(is_bot) FROM events GROUP BY 1, 2".to_owned(),
        ),
        (
            format!("SELECT repo_id, day, {hour_columns} FROM daily_repo_hours"),
            format!("SELECT repo_id, created_at / 86400, {hour_counts} FROM events GROUP BY 1, 2"),
        ),
        (
            "SELECT month, repo_id, events, stars FROM monthly_repo_events".to_owned(),
            format!("SELECT {month}, repo_id, count(*), sum(type = 'WatchEvent') FROM events GROUP BY 1, 2"),
        ),
        (
            "SELECT repo_id, kind, day, opened, closed_merged, closed_unmerged, closed_unknown FROM work_item_days
             WHERE opened + closed_merged + closed_unmerged + closed_unknown > 0"
                .to_owned(),
            "SELECT repo_id, kind, day, sum(o), sum(m), sum(u), sum(k) FROM (
                 SELECT repo_id, kind, opened_at / 86400 AS day, 1 AS o, 0 AS m, 0 AS u, 0 AS k FROM work_items
                 WHERE kind IS NOT NULL AND opened_at IS NOT NULL
                 UNION ALL
                 SELECT repo_id, kind, closed_at / 86400, 0, merged IS 1, merged IS 0, merged IS NULL FROM work_items
                 WHERE kind IS NOT NULL AND closed_at IS NOT NULL)
             GROUP BY 1, 2, 3"
                .to_owned(),
        ),
        (
            "SELECT hour, events, bot_events FROM hourly_events".to_owned(),
            "SELECT created_at / 3600, count(*), sum(is_bot) FROM events GROUP BY 1".to_owned(),
        ),
        (
            format!(
                "SELECT repo_id, month, actor_id, events, is_bot, bot_events, {type_columns} FROM contributor_months"
            ),
            format!(
                "SELECT repo_id, {month}, actor_id, count(*), max(is_bot), sum(is_bot), {type_counts} FROM events
                 WHERE type NOT IN ('WatchEvent', 'ForkEvent') GROUP BY 1, 2, 3"
            ),
        ),
        ("SELECT month, actor_id, is_bot FROM workspace_contributor_months".to_owned(), workspace_months.clone()),
        (
            "SELECT month, contributors, bots FROM workspace_contributor_counts".to_owned(),
            format!("SELECT month, count(*), sum(is_bot) FROM ({workspace_months}) GROUP BY month"),
        ),
        (
            "SELECT actor_id, first_month, first_is_bot FROM workspace_contributor_firsts".to_owned(),
            format!(
                "SELECT actor_id, month, is_bot FROM ({workspace_months}) w
                 WHERE month = (SELECT min(month) FROM ({workspace_months}) e WHERE e.actor_id = w.actor_id)"
            ),
        ),
        (
            "SELECT repo_id, month, contributors, bots, new_contributors, new_bots FROM repository_contributor_counts"
                .to_owned(),
            format!(
                "SELECT repo_id, month, count(*), sum(is_bot), sum(new), sum(new AND is_bot) FROM (
                     SELECT r.*, r.month = (SELECT min(month) FROM ({repository_months}) e
                                            WHERE e.repo_id = r.repo_id AND e.actor_id = r.actor_id) AS new
                     FROM ({repository_months}) r)
                 GROUP BY repo_id, month"
            ),
        ),
        (
            "SELECT repo_id, actor_id, first_month, first_is_bot FROM repository_contributor_firsts".to_owned(),
            format!(
                "SELECT repo_id, actor_id, month, is_bot FROM ({repository_months}) r
                 WHERE month = (SELECT min(month) FROM ({repository_months}) e
                                WHERE e.repo_id = r.repo_id AND e.actor_id = r.actor_id)"
            ),
        ),
    ] {
        let rows = count(store, &format!("SELECT count(*) FROM ({rollup})")).await;
        assert!(rows > 0, "{rollup} is empty");
        let differing = count(
            store,
            &format!(
                "SELECT (SELECT count(*) FROM ({rollup} EXCEPT {recomputed}))
                      + (SELECT count(*) FROM ({recomputed} EXCEPT {rollup}))"
            ),
        )
        .await;
        assert_eq!(differing, 0, "{rollup} differs from {recomputed}");
    }
}
