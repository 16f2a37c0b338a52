//! A run killed with SIGKILL, or cancelled with Ctrl-C, resumes to exactly the database a clean
//! run produces.

use std::process::Stdio;
use std::time::Duration;

use octoscope_tests::archive_server::{ArchiveServer, Behaviour};
use octoscope_tests::cli::{octoscope_bin, run};
use octoscope_tests::data::{gz_hour, hour, small_config};
use octoscope_tests::snapshot::snapshot;
use tokio::io::{AsyncBufReadExt, BufReader};

const FROM: &str = "2024-01-15T00";
const TO: &str = "2024-01-15T08";

/// Serves eight hours slowly enough that a run takes a few seconds.
async fn slow_archive() -> ArchiveServer {
    let server = ArchiveServer::start().await;
    let config = small_config(1000);
    let mut h = hour(FROM);
    while h < hour(TO) {
        let (bytes, _) = gz_hour(&config, h);
        let chunk = bytes.len() / 8 + 1;
        server.set(&h.archive_stem(), Behaviour::Slow { bytes, chunk, delay: Duration::from_millis(30) });
        h = h.next();
    }
    server
}

/// Starts an ingest and returns once it has loaded at least one hour.
async fn start_and_wait_for_first_hour(workspace: &std::path::Path, base: &str) -> tokio::process::Child {
    let mut child = tokio::process::Command::new(octoscope_bin())
        .args(["--workspace", workspace.to_str().unwrap(), "ingest", "gharchive", "--from", FROM, "--to", TO])
        .args(["--base-url", base, "--downloads", "2"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let waited = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.contains(": loaded ") {
                return;
            }
        }
        panic!("the run ended before loading an hour");
    })
    .await;
    assert!(waited.is_ok(), "no hour loaded within a minute");
    // Keep draining stderr so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    child
}

async fn clean_run(base: &str) -> Vec<String> {
    let workspace = tempfile::tempdir().unwrap();
    let output = run(workspace.path(), &["ingest", "gharchive", "--from", FROM, "--to", TO, "--base-url", base]).await;
    assert_eq!(output.code, 0, "{}", output.stderr);
    snapshot(&workspace.path().join("octoscope.db")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_run_then_rerun_equals_a_clean_run() {
    let server = slow_archive().await;
    let base = server.base_url();
    let workspace = tempfile::tempdir().unwrap();

    let mut child = start_and_wait_for_first_hour(workspace.path(), &base).await;
    child.start_kill().unwrap(); // SIGKILL on Unix: no chance to clean up
    let status = child.wait().await.unwrap();
    assert!(!status.success());

    let partial = snapshot(&workspace.path().join("octoscope.db")).await;
    let resumed =
        run(workspace.path(), &["ingest", "gharchive", "--from", FROM, "--to", TO, "--base-url", &base, "--json"])
            .await;
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    let summary = resumed.json();
    assert!(summary["units_skipped"].as_u64().unwrap() >= 1, "hours finished before the kill are kept: {summary}");
    assert!(partial.iter().any(|row| row.starts_with("events|")), "the hour loaded before the kill is in the database");

    assert_eq!(snapshot(&workspace.path().join("octoscope.db")).await, clean_run(&base).await);
    let runs = run(workspace.path(), &["runs", "--json"]).await.json();
    assert_eq!(runs[1]["status"], "interrupted", "the killed run is marked, not left 'running'");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_cancels_cleanly_and_the_rerun_completes() {
    let server = slow_archive().await;
    let base = server.base_url();
    let workspace = tempfile::tempdir().unwrap();

    let mut child = start_and_wait_for_first_hour(workspace.path(), &base).await;
    let pid = child.id().unwrap().to_string();
    let sent = std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let status =
        tokio::time::timeout(Duration::from_secs(30), child.wait()).await.expect("exits after Ctrl-C").unwrap();
    assert_eq!(status.code(), Some(130), "a cancelled run exits 130");

    let runs = run(workspace.path(), &["runs", "--json"]).await.json();
    assert_eq!(runs[0]["status"], "cancelled");
    let resumed =
        run(workspace.path(), &["ingest", "gharchive", "--from", FROM, "--to", TO, "--base-url", &base]).await;
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert_eq!(snapshot(&workspace.path().join("octoscope.db")).await, clean_run(&base).await);
}

/// The database's size in pages, as SQLite counts it.
async fn page_count(database: &std::path::Path) -> u32 {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(database);
    let mut connection = <sqlx::SqliteConnection as sqlx::Connection>::connect_with(&options).await.unwrap();
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&mut connection).await.unwrap();
    pages as u32
}

/// A disk that fills up mid-run stops the run at once, with a message that says so, instead of
/// failing every remaining hour; once there is room again the rerun loads the rest, to exactly
/// the database a clean run produces. The full disk is SQLite's page cap on the workspace
/// database: a real disk cannot be filled on demand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_stops_the_run_plainly_and_the_rerun_completes() {
    use octoscope_engine::pipeline::progress::ignore_progress;
    use octoscope_engine::pipeline::{RunOptions, execute, plan_gharchive};
    use octoscope_engine::scope::{Filter, Scope};
    use octoscope_engine::sources::gharchive::{ArchiveLocation, FetchPolicy, Fetcher};
    use octoscope_engine::store::{RunStatus, Store};
    use octoscope_engine::time::HourRange;
    use octoscope_engine::workspace::Workspace;
    use octoscope_tests::data::write_hours;

    let hours_dir = tempfile::tempdir().unwrap();
    let range = HourRange::new(hour(FROM), hour(TO)).unwrap();
    write_hours(hours_dir.path(), &small_config(1000), range.hours());
    let dir_args = ["ingest", "gharchive", "--from", FROM, "--to", TO, "--dir", hours_dir.path().to_str().unwrap()];

    let clean = tempfile::tempdir().unwrap();
    Store::open(&Workspace::at(clean.path())).await.unwrap().close().await;
    let empty_pages = page_count(&clean.path().join("octoscope.db")).await;
    let output = run(clean.path(), &dir_args).await;
    assert_eq!(output.code, 0, "{}", output.stderr);
    let full_pages = page_count(&clean.path().join("octoscope.db")).await;

    // Room for about half of the hours.
    let workspace = tempfile::tempdir().unwrap();
    let store = Store::open_capped(&Workspace::at(workspace.path()), empty_pages + (full_pages - empty_pages) / 2)
        .await
        .unwrap();
    let location = ArchiveLocation::Dir { path: hours_dir.path().to_owned() };
    let fetcher = Fetcher::new(location, workspace.path().join("cache"), FetchPolicy::default()).unwrap();
    let plan = plan_gharchive(&store, &fetcher, &Scope { filter: Filter::default(), range }).await.unwrap();
    let options = RunOptions { downloads: 2, ..RunOptions::default() };
    let ended = execute(&store, &plan, fetcher, &options, ignore_progress(), Default::default()).await;
    store.close().await;

    let message = match ended {
        Ok(summary) => {
            assert_eq!(summary.status, RunStatus::Failed, "{summary:?}");
            assert!(summary.units_done >= 1 && summary.units_done < 8, "{summary:?}");
            assert!(summary.units_failed <= 2, "only the hours being loaded fail, not every later one: {summary:?}");
            summary.failures.iter().map(|f| f.reason.clone()).collect::<Vec<_>>().join("\n")
        }
        // Finishing the run's record may itself not fit; the error is then the same.
        Err(error) => error.to_string(),
    };
    assert!(message.contains("the disk holding the workspace is full"), "{message}");
    assert!(!message.contains("does not exist") && !message.contains("code: 13"), "{message}");

    let resumed = run(workspace.path(), &dir_args).await;
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert_eq!(
        snapshot(&workspace.path().join("octoscope.db")).await,
        snapshot(&clean.path().join("octoscope.db")).await
    );
}

/// On a full disk a write either keeps its row or fails saying the disk is full: it never hands
/// back the id of a row that was not kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_full_disk_no_write_reports_a_row_it_did_not_keep() {
    use octoscope_engine::store::{RunCounts, Store};
    use octoscope_engine::workspace::Workspace;

    let root = tempfile::tempdir().unwrap();
    let workspace = Workspace::at(root.path());
    Store::open(&workspace).await.unwrap().close().await;
    let store = Store::open_capped(&workspace, page_count(&root.path().join("octoscope.db")).await + 12).await.unwrap();
    let writer = store.writer().await.unwrap();
    let counts = RunCounts { units_total: 1, units_skipped: 0 };
    let (mut runs, mut units) = (Vec::new(), Vec::new());
    let failure = loop {
        assert!(runs.len() < 10_000, "the database never filled up");
        let scope = format!("{{\"padding\":\"{}\"}}", "x".repeat(600));
        match writer.create_run("gharchive", format!("scope-{}", runs.len()), scope, counts).await {
            Ok(run_id) => runs.push(run_id),
            Err(error) => break error,
        }
        match writer
            .begin_unit(runs[runs.len() - 1], "gharchive", "x".repeat(600), format!("scope-{}", runs.len()))
            .await
        {
            Ok(unit_id) => units.push(unit_id),
            Err(error) => break error,
        }
    };
    assert!(failure.to_string().contains("the disk holding the workspace is full"), "{failure}");
    assert!(runs.len() >= 3, "rows were written until the disk filled: {} runs", runs.len());
    drop(writer);
    store.close().await;

    let store = Store::open(&workspace).await.unwrap();
    let kept_runs: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM runs ORDER BY id").fetch_all(store.pool()).await.unwrap();
    let kept_units: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM units ORDER BY id").fetch_all(store.pool()).await.unwrap();
    assert_eq!(kept_runs, runs);
    assert_eq!(kept_units, units);
}
