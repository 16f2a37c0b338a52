//! Bad input gets one clear line on stderr, a non-zero exit, and writes nothing.

use octoscope_tests::cli::run;

async fn rejects(args: &[&str], code: i32, expected: &str) {
    let parent = tempfile::tempdir().unwrap();
    let workspace = parent.path().join("ws");
    let output = run(&workspace, args).await;
    assert_eq!(output.code, code, "{args:?}: {}", output.stderr);
    let lines: Vec<&str> = output.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{args:?}: one line expected, got:\n{}", output.stderr);
    assert!(lines[0].starts_with("error: ") && lines[0].contains(expected), "{args:?}: {}", lines[0]);
    assert!(output.stdout.is_empty(), "{args:?} printed to stdout: {}", output.stdout);
    assert!(!workspace.exists(), "{args:?} created the workspace");
}

const INGEST: [&str; 2] = ["ingest", "gharchive"];

#[tokio::test]
async fn malformed_repository_names_are_refused() {
    for repo in ["rust", "a/b/c", "owner/na me", "x-/y"] {
        let args = [&INGEST[..], &["--from", "2024-01-15T10", "--to", "2024-01-15T11", "--repo", repo]].concat();
        rejects(&args, 2, "is not a repository").await;
    }
    let args = [&INGEST[..], &["--from", "2024-01-15T10", "--to", "2024-01-15T11", "--org", "bad org"]].concat();
    rejects(&args, 2, "is not an organisation").await;
}

#[tokio::test]
async fn bad_dates_and_ranges_are_refused() {
    rejects(&[&INGEST[..], &["--from", "15/01/2024", "--to", "2024-01-15T11"]].concat(), 2, "is not a UTC hour").await;
    rejects(&[&INGEST[..], &["--from", "2024-01-15T10:30", "--to", "2024-01-15T11"]].concat(), 2, "hour boundary")
        .await;
    rejects(&[&INGEST[..], &["--from", "2024-01-15T12", "--to", "2024-01-15T11"]].concat(), 2, "must be before").await;
    rejects(&[&INGEST[..], &["--from", "2024-01-15T12", "--to", "2024-01-15T12"]].concat(), 2, "must be before").await;
    rejects(&[&INGEST[..], &["--from", "2009-01-01T00", "--to", "2010-01-01T00"]].concat(), 2, "GH Archive starts")
        .await;
    rejects(&[&INGEST[..], &["--from", "2099-01-01T00", "--to", "2099-01-02T00"]].concat(), 2, "in the future").await;
    rejects(&["plan", "--from", "2024-01-15T12", "--to", "2024-01-15T11"], 2, "must be before").await;
    rejects(&["plan", "--from", "2012-01-01T00", "--to", "2024-01-01T00"], 2, "at most 87840 (ten years)").await;
}

#[tokio::test]
async fn an_unreachable_archive_is_reported_before_anything_is_written() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let args = [&INGEST[..], &["--from", "2024-01-15T10", "--to", "2024-01-15T11", "--base-url", &url]].concat();
    rejects(&args, 1, "cannot reach").await;
    rejects(
        &[&INGEST[..], &["--from", "2024-01-15T10", "--to", "2024-01-15T11", "--base-url", "ftp://x"]].concat(),
        2,
        "not an http",
    )
    .await;
    rejects(
        &[&INGEST[..], &["--from", "2024-01-15T10", "--to", "2024-01-15T11", "--dir", "/nonexistent/octoscope"]]
            .concat(),
        2,
        "is not a folder",
    )
    .await;
}

#[tokio::test]
async fn an_unusable_workspace_is_reported_clearly() {
    let parent = tempfile::tempdir().unwrap();
    let blocker = parent.path().join("a-file");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let output = run(&blocker.join("ws"), &["stats"]).await;
    assert_eq!(output.code, 2, "{}", output.stderr);
    assert_eq!(output.stderr.lines().count(), 1, "{}", output.stderr);
    assert!(output.stderr.starts_with("error: cannot use workspace"), "{}", output.stderr);
}

#[tokio::test]
async fn demo_hours_out_of_range_are_refused() {
    rejects(&["demo", "--hours", "0"], 2, "--hours must be between").await;
    rejects(&["demo", "--hours", "100000"], 2, "--hours must be between").await;
}
