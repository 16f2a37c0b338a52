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
