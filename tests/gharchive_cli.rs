//! `octoscope ingest gharchive` end to end: the real binary against a real HTTP server on
//! 127.0.0.1 serving generated hours with injected faults, into a real SQLite workspace.

use std::time::Duration;

use octoscope_tests::archive_server::{ArchiveServer, Behaviour};
use octoscope_tests::cli::{run, stats};
use octoscope_tests::data::{distinct_events, gz_hour, hour, malformed, raw_hour, small_config, write_hours};
use octoscope_tests::snapshot::{all_text, snapshot};
use serde_json::Value;

fn ingest_args<'a>(from: &'a str, to: &'a str, base_url: &'a str) -> Vec<&'a str> {
    vec!["ingest", "gharchive", "--from", from, "--to", to, "--base-url", base_url, "--backoff", "0.05", "--json"]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loads_hours_over_http_with_gaps_retries_slow_responses_and_quarantine() {
    let server = ArchiveServer::start().await;
    let config = small_config(400);
    let (h0, s0) = gz_hour(&config, hour("2024-01-15T10"));
    let (h2, s2) = gz_hour(&config, hour("2024-01-15T12"));
    let (h3, s3) = gz_hour(&config, hour("2024-01-15T13"));
    server.set("2024-01-15-10", Behaviour::Serve(h0));
    // 2024-01-15-11 is not set: the server answers 404, a gap.
    server.set("2024-01-15-12", Behaviour::FailThenServe { status: 503, failures: 2, bytes: h2 });
    server.set("2024-01-15-13", Behaviour::Slow { bytes: h3, chunk: 16 << 10, delay: Duration::from_millis(15) });
    let summaries = [s0, s2, s3];

    let workspace = tempfile::tempdir().unwrap();
    let base = server.base_url();
    let output = run(workspace.path(), &ingest_args("2024-01-15T10", "2024-01-15T14", &base)).await;
    assert_eq!(output.code, 0, "{}", output.stderr);
    let summary = output.json();
    assert_eq!(summary["status"], "completed");
    assert_eq!(summary["units_done"], 3);
    assert_eq!(summary["units_missing"], 1);
    assert_eq!(summary["missing"], serde_json::json!(["2024-01-15-11"]));
    assert_eq!(summary["events_loaded"], distinct_events(&summaries));
    assert_eq!(summary["quarantined"], malformed(&summaries));
    assert_eq!(server.requests("2024-01-15-12"), 3, "two 503s, then success");
    // Every download attempt is kept for monitoring: one per hour, two more for the 503s (both
    // retried, both errors, like the 404 gap), and the slow hour's time.
    let metrics = run(workspace.path(), &["runs", "show", "1", "--json"]).await.json();
    let downloads = metrics["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "gharchive" && e["endpoint"] == "/{hour}.json.gz")
        .expect("GH Archive's downloads are recorded");
    let counts = ["requests", "retries", "errors", "from_cache"].map(|k| downloads[k].as_u64().unwrap());
    assert_eq!(counts, [6, 2, 3, 0], "{downloads}");
    assert!(downloads["max_ms"].as_u64().unwrap() >= 100, "the slow hour takes at least 150 ms: {downloads}");
    // And per unit: its state, what it loaded, its downloads and its time, slowest first.
    let units = metrics["units"].as_array().unwrap();
    let unit = |key: &str| units.iter().find(|u| u["unit"] == key).unwrap_or_else(|| panic!("unit {key}: {units:?}"));
    assert_eq!(units.len(), 4);
    assert_eq!(
        (unit("2024-01-15-11")["state"].as_str(), unit("2024-01-15-11")["requests"].as_u64()),
        (Some("missing"), Some(1))
    );
    assert_eq!(
        (unit("2024-01-15-12")["requests"].as_u64(), unit("2024-01-15-12")["retries"].as_u64()),
        (Some(3), Some(2))
    );
    assert!(unit("2024-01-15-13")["request_ms"].as_u64().unwrap() >= 100, "{units:?}");
    let loaded: u64 = units.iter().map(|u| u["events"].as_u64().unwrap()).sum();
    assert_eq!(loaded, distinct_events(&summaries));
    assert!(units.iter().filter(|u| u["state"] == "done").all(|u| u["process_ms"].is_u64()), "{units:?}");
    let time = |u: &Value| u["request_ms"].as_u64().unwrap() + u["process_ms"].as_u64().unwrap_or(0);
    assert!(units.windows(2).all(|w| time(&w[0]) >= time(&w[1])), "slowest first: {units:?}");
    // Each retry is in the workspace's log, with its unit and reason.
    let warnings = run(workspace.path(), &["logs", "--run", "1", "--level", "warn", "--json"]).await.json();
    let retries: Vec<&Value> =
        warnings.as_array().unwrap().iter().filter(|l| l["message"] == "download failed; trying again").collect();
    assert_eq!(retries.len(), 2, "{warnings}");
    assert!(retries.iter().all(|l| l["unit"] == "2024-01-15-12"), "{retries:?}");
    assert!(retries[0]["fields"]["reason"].as_str().unwrap().contains("503"), "{retries:?}");
    let text = run(workspace.path(), &["runs", "show", "1"]).await.stdout;
    assert!(text.contains("slowest 4 of 4 unit(s):") && text.contains("2024-01-15-13"), "{text}");

    let totals = stats(workspace.path()).await;
    assert_eq!(totals["events"], distinct_events(&summaries));
    assert_eq!(totals["quarantined"], malformed(&summaries));
    assert_eq!(
        totals["gaps"],
        serde_json::json!([{"source": "gharchive", "status": "missing", "from": "2024-01-15T11", "to": "2024-01-15T12", "hours": 1}])
    );
    let by_type = totals["events_by_type"].as_array().unwrap();
    let typed_total: u64 = by_type.iter().map(|t| t["events"].as_u64().unwrap()).sum();
    assert_eq!(typed_total, distinct_events(&summaries), "rollups agree with the event count");
    for key in ["repositories", "actors", "first_event_at", "last_event_at"] {
        assert!(!totals[key].is_null(), "stats has {key}");
    }

    let quarantine = run(workspace.path(), &["quarantine", "--json", "--limit", "1000"]).await.json();
    let records = quarantine.as_array().unwrap();
    assert_eq!(records.len() as u64, malformed(&summaries));
    for record in records {
        assert!(record["line"].as_i64().unwrap() > 0);
        assert!(!record["reason"].as_str().unwrap().is_empty());
        assert!(record["excerpt"].as_str().unwrap().len() <= 404);
    }

    // Rerunning the same scope adds nothing and downloads nothing again.
    let before = snapshot(&workspace.path().join("octoscope.db")).await;
    let again = run(workspace.path(), &ingest_args("2024-01-15T10", "2024-01-15T14", &base)).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    let again = again.json();
    assert_eq!(again["events_loaded"], 0);
    assert_eq!(again["units_skipped"], 3);
    assert_eq!(server.requests("2024-01-15-10"), 1, "a loaded hour is not fetched again");
    assert_eq!(stats(workspace.path()).await["events"], distinct_events(&summaries));
    assert_eq!(snapshot(&workspace.path().join("octoscope.db")).await, before);

    let runs = run(workspace.path(), &["runs", "--json"]).await.json();
    assert_eq!(runs.as_array().unwrap().len(), 2);
    assert_eq!(runs[1]["status"], "completed");
    assert_eq!(runs[1]["units_missing"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_hour_fails_after_one_refetch_and_the_run_completes_with_errors() {
    let server = ArchiveServer::start().await;
    let config = small_config(400);
    let (good, summary) = gz_hour(&config, hour("2024-01-15T10"));
    let (bad, _) = gz_hour(&config, hour("2024-01-15T11"));
    server.set("2024-01-15-10", Behaviour::Serve(good));
    server.set("2024-01-15-11", Behaviour::Serve(bad[..bad.len() * 2 / 3].to_vec()));

    let workspace = tempfile::tempdir().unwrap();
    let base = server.base_url();
    let output = run(workspace.path(), &ingest_args("2024-01-15T10", "2024-01-15T12", &base)).await;
    assert_eq!(output.code, 3, "completed with errors exits 3: {}", output.stderr);
    let result = output.json();
    assert_eq!(result["status"], "completed_with_errors");
    assert_eq!(result["events_loaded"], distinct_events(&[summary]));
    let reason = result["failures"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("ends early") && reason.contains("downloading it again"), "{reason}");
    assert_eq!(server.requests("2024-01-15-11"), 2, "a damaged download is fetched once more");
    assert!(
        !workspace.path().join("cache/gharchive/2024-01-15-11.json.gz").exists(),
        "a damaged file must not stay in the cache as if it were good"
    );

    let totals = stats(workspace.path()).await;
    assert_eq!(totals["events"], distinct_events(&[summary]), "no half-loaded hour");
    assert_eq!(totals["gaps"][0]["status"], "failed");
    let runs = run(workspace.path(), &["runs", "--json"]).await.json();
    assert_eq!(runs[0]["status"], "completed_with_errors");
    assert!(runs[0]["error"].as_str().unwrap().contains("2024-01-15-11"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_and_cut_downloads_are_retried_then_reported() {
    let server = ArchiveServer::start().await;
    let config = small_config(200);
    let (h0, _) = gz_hour(&config, hour("2024-01-15T10"));
    let (h1, _) = gz_hour(&config, hour("2024-01-15T11"));
    server.set("2024-01-15-10", Behaviour::Stall { bytes: h0, prefix: 100 });
    server.set("2024-01-15-11", Behaviour::CutConnection(h1));

    let workspace = tempfile::tempdir().unwrap();
    let base = server.base_url();
    let mut args = ingest_args("2024-01-15T10", "2024-01-15T12", &base);
    args.extend(["--idle-timeout", "0.3", "--attempts", "2"]);
    let output = run(workspace.path(), &args).await;
    assert_eq!(output.code, 3, "{}", output.stderr);
    let result = output.json();
    let reasons: Vec<&str> =
        result["failures"].as_array().unwrap().iter().map(|f| f["reason"].as_str().unwrap()).collect();
    assert!(reasons[0].contains("no data for 0.3 s") && reasons[0].contains("after 2 attempts"), "{reasons:?}");
    assert!(reasons[1].contains("after 2 attempts"), "{reasons:?}");
    assert_eq!(server.requests("2024-01-15-10"), 2);
    assert_eq!(server.requests("2024-01-15-11"), 2);
    assert!(!workspace.path().join("cache/gharchive/2024-01-15-10.json.gz.part").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_email_address_reaches_the_database() {
    let config = small_config(300);
    let hours = [hour("2012-03-01T10"), hour("2013-04-01T07"), hour("2024-01-15T10")];
    for h in hours {
        let (raw, _) = raw_hour(&config, h);
        let text = String::from_utf8_lossy(&raw);
        assert!(text.contains("@example.") || text.contains("@users.noreply"), "test data for {h} must carry e-mails");
    }
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &config, hours);
    let workspace = tempfile::tempdir().unwrap();
    for h in hours {
        let to = octoscope_engine::time::UtcHour(h.0 + 1).to_string();
        let from = h.to_string();
        let dir = source.path().to_str().unwrap();
        let output =
            run(workspace.path(), &["ingest", "gharchive", "--from", &from, "--to", &to, "--dir", dir, "--json"]).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
        assert!(output.json()["events_loaded"].as_u64().unwrap() > 0);
    }
    let database = workspace.path().join("octoscope.db");
    let texts = all_text(&database).await;
    assert!(texts.iter().any(|t| t.contains("<email>")), "quarantine excerpts had addresses, now redacted");
    let leaked: Vec<&String> = texts.iter().filter(|t| looks_like_email(t)).collect();
    assert!(leaked.is_empty(), "e-mail addresses stored: {leaked:?}");
    for file in ["octoscope.db", "octoscope.db-wal"] {
        let bytes = std::fs::read(workspace.path().join(file)).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!looks_like_email(&text), "{file} holds an e-mail address");
    }
}

fn looks_like_email(text: &str) -> bool {
    text.match_indices('@').any(|(at, _)| {
        let before = text[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || "._+-".contains(c));
        let domain: String =
            text[at + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
        before && domain.contains('.') && domain.len() > 3
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_hours_load_with_stable_synthetic_ids() {
    let config = small_config(300);
    let hours = [hour("2012-03-01T10"), hour("2013-04-01T07"), hour("2025-10-08T10")];
    let source = tempfile::tempdir().unwrap();
    let summaries = write_hours(source.path(), &config, hours);
    let dir = source.path().to_str().unwrap();

    let mut snapshots = Vec::new();
    for _ in 0..2 {
        let workspace = tempfile::tempdir().unwrap();
        for h in hours {
            let (from, to) = (h.to_string(), octoscope_engine::time::UtcHour(h.0 + 1).to_string());
            let output =
                run(workspace.path(), &["ingest", "gharchive", "--from", &from, "--to", &to, "--dir", dir, "--json"])
                    .await;
            assert_eq!(output.code, 0, "{}", output.stderr);
        }
        let totals = stats(workspace.path()).await;
        assert_eq!(totals["events"], distinct_events(&summaries));
        assert_eq!(totals["quarantined"], malformed(&summaries));
        snapshots.push(snapshot(&workspace.path().join("octoscope.db")).await);
    }
    assert_eq!(snapshots[0], snapshots[1], "the same files give the same rows, synthetic ids included");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scope_filters_keep_exactly_the_chosen_repositories() {
    let config = small_config(600);
    let hours = [hour("2024-01-15T10"), hour("2024-01-15T11")];
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &config, hours);
    let dir = source.path().to_str().unwrap();
    let everything = tempfile::tempdir().unwrap();
    let base = ["ingest", "gharchive", "--from", "2024-01-15T10", "--to", "2024-01-15T12", "--dir", dir, "--json"];
    assert_eq!(run(everything.path(), &base).await.code, 0);

    let mut args = base.to_vec();
    args.extend(["--repo", "Octo-Org/Octoscope", "--org", "nimbus-labs"]);
    let filtered = tempfile::tempdir().unwrap();
    let output = run(filtered.path(), &args).await;
    assert_eq!(output.code, 0, "{}", output.stderr);

    let expected: i64 = {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", everything.path().join("octoscope.db").display()))
            .await
            .unwrap();
        sqlx::query_scalar(
            "SELECT count(*) FROM events e JOIN repositories r ON r.id = e.repo_id
             WHERE r.full_name = 'octo-org/octoscope' OR r.full_name LIKE 'nimbus-labs/%'
                OR e.org_id IN (SELECT id FROM organisations WHERE login = 'nimbus-labs')",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert!(expected > 0, "the featured repositories are active in the sample");
    assert_eq!(stats(filtered.path()).await["events"], expected);

    // The filtered units are not "done" for everything: a full ingest still loads the rest.
    let full = run(filtered.path(), &base).await;
    assert_eq!(full.json()["units_skipped"], 0);
    assert_eq!(stats(filtered.path()).await["events"], stats(everything.path()).await["events"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_download_cache_stays_under_its_limit_and_can_be_cleared() {
    let server = ArchiveServer::start().await;
    let config = small_config(300);
    let mut sizes = Vec::new();
    for h in ["2024-01-15T10", "2024-01-15T11", "2024-01-15T12"] {
        let (bytes, _) = gz_hour(&config, hour(h));
        sizes.push(bytes.len() as u64);
        server.set(&hour(h).archive_stem(), Behaviour::Serve(bytes));
    }
    // Room for two hours, not three.
    let limit = sizes.iter().max().unwrap() * 2 + 10;
    let workspace = tempfile::tempdir().unwrap();
    let base = server.base_url();
    let mut args = ingest_args("2024-01-15T10", "2024-01-15T13", &base);
    let limit_text = limit.to_string();
    args.extend(["--cache-limit", &limit_text, "--downloads", "1"]);
    let output = run(workspace.path(), &args).await;
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(output.json()["units_done"], 3, "eviction never touches the hour being loaded");

    let usage = run(workspace.path(), &["cache", "--json"]).await.json();
    assert!(usage["bytes"].as_u64().unwrap() <= limit, "{usage}");
    assert_eq!(usage["files"], 2);

    let cleared = run(workspace.path(), &["cache", "clear", "--json"]).await.json();
    assert_eq!(cleared["files"], 2);
    assert_eq!(run(workspace.path(), &["cache", "--json"]).await.json()["files"], 0);
    assert!(stats(workspace.path()).await["events"].as_u64().unwrap() > 0, "loaded data is not in the cache");
}
