//! Monitoring end to end: the coverage report and its capture-drop check on generated hours,
//! every alert rule firing (and not firing) once, the notifier's de-duplication, a run's stage
//! times and memory, and the structured log with its redaction.

use std::collections::BTreeMap;
use std::path::Path;

use octoscope_engine::monitoring::alerts::{self, AlertKind, RecordingNotifier, RuleInput};
use octoscope_engine::store::{BigQueryJobRecord, RequestRecord, RunCounts, RunStatus, Store};
use octoscope_engine::time::UtcHour;
use octoscope_engine::workspace::Workspace;
use octoscope_tests::cli::run;
use octoscope_tests::data::{gz_hour, gzip, hour, raw_hour, small_config};
use octoscope_tests::github_fake::{FakeRepo, event};
use serde_json::Value;

const FIRST: &str = "2024-03-01T00";
const DAYS: i64 = 9;
/// The last day: a capture drop from 12:00 to 18:00, a missing hour and a corrupt one.
const BAD_DAY: &str = "2024-03-09";
const DROP_HOURS: std::ops::Range<i64> = 12..18;
const MISSING_HOUR: i64 = 3;
const CORRUPT_HOUR: i64 = 5;
/// More than the coverage report's 400 days after the rest.
const LATER_HOUR: &str = "2025-06-01T00";

fn rocket() -> FakeRepo {
    FakeRepo::named(990_001, "acme/rocket")
}

/// Nine generated days. acme/rocket gets 2 stars a day, then 40 on the last day.
fn write_archive(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let config = small_config(60);
    let first = hour(FIRST);
    let repo = rocket();
    let mut next_id = 9_000_000_000i64;
    for offset in 0..DAYS * 24 {
        let h = UtcHour(first.0 + offset);
        let (day, hour_of_day) = (offset / 24, offset % 24);
        let last_day = day == DAYS - 1;
        if last_day && hour_of_day == MISSING_HOUR {
            continue;
        }
        let (raw, _) = raw_hour(&config, h);
        let mut lines: Vec<Vec<u8>> =
            raw.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(<[u8]>::to_vec).collect();
        if last_day && DROP_HOURS.contains(&hour_of_day) {
            // The archive caught only a quarter of this hour.
            lines = lines.into_iter().step_by(4).collect();
        }
        if hour_of_day == 10 {
            let stars = if last_day { 40 } else { 2 };
            for n in 0..stars {
                next_id += 1;
                let at = format!("{h}:{:02}:00Z", n % 60);
                let line = event(next_id, "WatchEvent", &repo, (500 + n, &format!("fan{n}")), &at);
                lines.push(line.to_string().into_bytes());
            }
        }
        let mut bytes = gzip(&lines.join(&b'\n'));
        if last_day && hour_of_day == CORRUPT_HOUR {
            bytes.truncate(bytes.len() / 2);
        }
        std::fs::write(dir.join(format!("{}.json.gz", h.archive_stem())), bytes).unwrap();
    }
}

fn alert_keys(log: &Value) -> BTreeMap<String, Vec<String>> {
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for alert in log.as_array().unwrap() {
        keys.entry(alert["kind"].as_str().unwrap().to_owned())
            .or_default()
            .push(alert["condition_key"].as_str().unwrap().to_owned());
    }
    keys.values_mut().for_each(|v| v.sort());
    keys
}

#[tokio::test]
async fn coverage_flags_the_capture_drop_and_each_alert_fires_once() {
    let temp = tempfile::tempdir().unwrap();
    let (ws, archive) = (temp.path().join("ws"), temp.path().join("archive"));
    write_archive(&archive);
    let archive = archive.to_str().unwrap();
    let to = UtcHour(hour(FIRST).0 + DAYS * 24).to_string();

    // An hour collected more than a year later first: gaps long before the newest data still count.
    let (later, _) = gz_hour(&small_config(60), hour(LATER_HOUR));
    std::fs::write(Path::new(archive).join(format!("{}.json.gz", hour(LATER_HOUR).archive_stem())), later).unwrap();
    let next = UtcHour(hour(LATER_HOUR).0 + 1).to_string();
    let first = run(&ws, &["ingest", "gharchive", "--from", LATER_HOUR, "--to", &next, "--dir", archive]).await;
    assert_eq!((first.code, first.stderr.contains("alert: ")), (0, false), "{}", first.stderr);

    let ingest = run(&ws, &["ingest", "gharchive", "--from", FIRST, "--to", &to, "--dir", archive]).await;
    assert_eq!(ingest.code, 3, "a corrupt hour: completed with errors\n{}", ingest.stderr);
    let notices: Vec<&str> = ingest.stderr.lines().filter(|l| l.starts_with("alert: ")).collect();
    assert_eq!(notices.len(), 2, "the failed unit and the gap day, one notice each:\n{}", ingest.stderr);
    assert!(notices[0].starts_with("alert: Run 2 completed with errors"), "{notices:?}");
    assert!(notices[1].starts_with(&format!("alert: Data gap on {BAD_DAY}: 8 hour(s)")), "{notices:?}");

    // Coverage: every hour present but the bad day's missing, failed and dropped hours.
    let report = run(&ws, &["coverage", "--from", FIRST, "--to", &to, "--json"]).await.json();
    let hours = report["hours"].as_array().unwrap();
    assert_eq!(hours.len() as i64, DAYS * 24);
    let mut flagged = BTreeMap::new();
    for h in hours.iter().filter(|h| h["status"] != "present") {
        flagged.insert(h["hour"].as_str().unwrap().to_owned(), h["cause"].as_str().unwrap().to_owned());
    }
    let mut expected = BTreeMap::new();
    expected.insert(format!("{BAD_DAY}T{MISSING_HOUR:02}"), "not_in_archive".to_owned());
    expected.insert(format!("{BAD_DAY}T{CORRUPT_HOUR:02}"), "failed".to_owned());
    for h in DROP_HOURS {
        expected.insert(format!("{BAD_DAY}T{h:02}"), "capture_drop".to_owned());
    }
    assert_eq!(flagged, expected, "exactly the simulated faults are flagged");
    assert_eq!((report["present"].as_i64(), report["drops"].as_i64()), (Some(DAYS * 24 - 8), Some(6)));
    let drop = hours.iter().find(|h| h["hour"] == format!("{BAD_DAY}T12")).unwrap();
    let usual = drop["usual_events"].as_f64().unwrap();
    assert!(drop["events"].as_f64().unwrap() < usual / 2.0, "{drop}");
    // Without a range: what was collected, cut to the last 400 days, saying so.
    let recent = run(&ws, &["coverage", "--json"]).await.json();
    assert_eq!(recent["to"], "2025-06-01T01");
    assert_eq!(recent["hours"].as_array().unwrap().len(), 400 * 24);
    assert!(recent["notes"][0].as_str().unwrap().contains("the last 400 days"), "{}", recent["notes"]);
    // An hour collected whole after 2025-05-24 is still partial: GH Archive has been losing
    // events since, and a lasting loss soon becomes the trailing median the drop check uses.
    let lost = run(&ws, &["coverage", "--from", LATER_HOUR, "--to", &next, "--json"]).await.json();
    let lost = &lost["hours"][0];
    assert_eq!((lost["status"].as_str(), lost["cause"].as_str()), (Some("partial"), Some("archive_loss")), "{lost}");
    let text = run(&ws, &["coverage", "--from", &format!("{BAD_DAY}T00"), "--to", &to]).await;
    assert!(text.stdout.contains("capture drop"), "{}", text.stdout);

    // The run's stage times and peak memory.
    let metrics = run(&ws, &["runs", "show", "2", "--json"]).await.json();
    let stages: Vec<&str> =
        metrics["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["decode", "download", "load"]);
    for stage in metrics["stages"].as_array().unwrap() {
        assert!(stage["items"].as_u64().unwrap() > 0 && stage["calls"].as_u64().unwrap() > 0, "{stage}");
    }
    assert!(metrics["peak_rss_bytes"].as_u64().unwrap() > 1 << 20, "{metrics}");

    // Rules from the CLI: one the spike does not reach (40 stars < 50 × a median of 2) and one
    // it would reach but is off: neither fires, while acme/rocket is not yet tracked otherwise.
    let rules = run(&ws, &["alerts", "rules", "--json"]).await.json();
    assert_eq!(rules.as_array().unwrap().len(), 6, "the default rules");
    let high = run(&ws, &["alerts", "add", "star_spike", "--threshold", "50", "--repo", "acme/rocket"]).await;
    assert_eq!(high.code, 0, "{}", high.stderr);
    let off = ["alerts", "add", "activity_spike", "--threshold", "2", "--repo", "acme/rocket", "--disable"];
    assert_eq!(run(&ws, &off).await.code, 0);
    let quiet = run(&ws, &["alerts", "check"]).await;
    assert_eq!(quiet.stdout.trim(), "No new alerts.", "{}", quiet.stderr);
    let bad = run(&ws, &["alerts", "add", "star_spike", "--threshold", "0.5"]).await;
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("from 1.5 to 1000"), "{}", bad.stderr);

    // Nothing tracked yet: no spike. A scoped collection makes acme/rocket tracked.
    let scoped = run(
        &ws,
        &[
            "ingest",
            "gharchive",
            "--from",
            &format!("{BAD_DAY}T00"),
            "--to",
            &to,
            "--dir",
            archive,
            "--repo",
            "acme/rocket",
        ],
    )
    .await;
    assert_eq!(scoped.code, 3, "{}", scoped.stderr);
    let notices: Vec<&str> = scoped.stderr.lines().filter(|l| l.starts_with("alert: ")).collect();
    assert_eq!(notices.len(), 3, "run 3 and two spikes; the gap day is not repeated:\n{}", scoped.stderr);
    assert!(notices.iter().any(|n| n.contains("acme/rocket: star spike on 2024-03-09")), "{notices:?}");

    let log = run(&ws, &["alerts", "log", "--json"]).await.json();
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    expected.insert("run_failed".into(), vec!["run:2".into(), "run:3".into()]);
    expected.insert("data_gap".into(), vec![format!("day:{BAD_DAY}")]);
    expected.insert("star_spike".into(), vec![format!("990001:{BAD_DAY}:5")]);
    expected.insert("activity_spike".into(), vec![format!("990001:{BAD_DAY}:5")]);
    assert_eq!(alert_keys(&log), expected, "no other day or repository fired");
    let star = log.as_array().unwrap().iter().find(|a| a["kind"] == "star_spike").unwrap();
    assert!(star["message"].as_str().unwrap().contains("40 new stars"), "{star}");

    // Checking again fires nothing and notifies nothing.
    let again = run(&ws, &["alerts", "check"]).await;
    assert_eq!((again.code, again.stdout.trim()), (0, "No new alerts."), "{}", again.stderr);
    assert!(!again.stderr.contains("alert: "), "{}", again.stderr);

    // The log: JSON lines of the runs, filtered by run and level.
    let lines = run(&ws, &["logs", "--run", "2", "--json"]).await.json();
    let lines = lines.as_array().unwrap();
    // Run 2 lost an hour: its last line says so, with the reason, so the log alone explains it.
    let end = lines.iter().find(|l| l["message"] == "run finished with errors").expect("run 2's last line");
    assert!(end["fields"]["error"].as_str().is_some_and(|e| e.contains("1 unit(s) failed")), "{end}");
    assert!(lines.iter().all(|l| l["run_id"] == 2), "only run 2's lines");
    let warnings = run(&ws, &["logs", "--run", "2", "--level", "warn", "--json"]).await.json();
    let failed = warnings.as_array().unwrap().iter().find(|l| l["message"] == "unit failed").expect("the corrupt hour");
    assert_eq!(failed["unit"], format!("{BAD_DAY}-{CORRUPT_HOUR}"), "units are named by archive file");
    assert_eq!(failed["source"], "gharchive");
    // A command that fails is in the log too, with its code and message.
    let refused = run(&ws, &["chart", "top-contributors"]).await;
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    let errors = run(&ws, &["logs", "--level", "error", "--json"]).await.json();
    let logged = errors.as_array().unwrap().iter().find(|l| l["message"] == "command failed").expect("the refusal");
    assert!(logged["fields"]["error"].as_str().unwrap().contains("needs repositories"), "{logged}");
    assert_eq!(logged["fields"]["code"], "InvalidInput");

    // The tables as stored, a page at a time and whole as CSV.
    let events = octoscope_tests::cli::stats(&ws).await["events"].as_i64().unwrap();
    let page = run(&ws, &["data", "show", "events", "--offset", "10", "--limit", "3", "--json"]).await.json();
    assert_eq!((page["total"].as_i64(), page["offset"].as_i64()), (Some(events), Some(10)));
    assert_eq!(page["rows"].as_array().unwrap().len(), 3);
    assert_eq!(page["columns"][0], "id");
    let csv = temp.path().join("events.csv");
    let export = run(&ws, &["data", "export", "events", "--out", csv.to_str().unwrap()]).await;
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert_eq!(std::fs::read_to_string(&csv).unwrap().lines().count() as i64, events + 1, "a header and every event");
    let unknown = run(&ws, &["data", "show", "sqlite_master"]).await;
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("not a table of the workspace"), "{}", unknown.stderr);
}

async fn open_store(dir: &Path) -> Store {
    let workspace = Workspace::at(dir);
    workspace.prepare().unwrap();
    Store::open(&workspace).await.unwrap()
}

fn github_request(remaining: i64, at: i64) -> RequestRecord {
    RequestRecord {
        source: "github",
        endpoint: "/repos/{owner}/{repo}".into(),
        status: 200,
        latency_ms: 80,
        from_cache: false,
        rate_remaining: Some(remaining),
        rate_limit: Some(5_000),
        retry: false,
        at,
        unit: None,
    }
}

fn job(id: &str, run_id: i64, dollars: f64) -> BigQueryJobRecord {
    BigQueryJobRecord {
        job_id: id.into(),
        run_id,
        unit_key: "daily-counts:2024-01-01..2024-02-01".into(),
        mode: "daily-counts",
        estimated_bytes: 1 << 30,
        maximum_bytes_billed: 2 << 30,
        bytes_processed: Some(1 << 30),
        bytes_billed: Some(1 << 30),
        dollars,
        cache_hit: Some(false),
        state: "done",
        error: None,
    }
}

#[tokio::test]
async fn budget_and_rate_limit_rules_fire_past_their_thresholds_only() {
    let temp = tempfile::tempdir().unwrap();
    let store = open_store(temp.path()).await;
    let writer = store.writer().await.unwrap();
    let now = chrono::Utc::now().timestamp();
    let counts = RunCounts { units_total: 1, units_skipped: 0 };
    let notifier = RecordingNotifier::default();

    // A GitHub run that kept 40% of its limit, and a BigQuery run at 70% of the month's $10.
    let calm = writer.create_run("github", "repos=a/b;orgs=".into(), "{}".into(), counts).await.unwrap();
    writer.record_requests(calm, vec![github_request(4_000, now), github_request(2_000, now)]).await.unwrap();
    let spend = writer.create_run("bigquery", "*".into(), "{}".into(), counts).await.unwrap();
    writer.record_bigquery_job(job("job-1", spend, 7.0)).await.unwrap();
    for id in [calm, spend] {
        writer.finish_run(id, RunStatus::Completed, None, Default::default()).await.unwrap();
    }
    let fired = alerts::check_and_notify(&store, &notifier, now).await.unwrap();
    assert!(fired.is_empty(), "under every threshold: {fired:?}");

    // A run that went down to 6% of the limit, and $1.50 more: 85% of the budget.
    let hungry = writer.create_run("github", "repos=a/b;orgs=".into(), "{}".into(), counts).await.unwrap();
    writer.record_requests(hungry, vec![github_request(1_200, now), github_request(300, now)]).await.unwrap();
    writer.record_bigquery_job(job("job-2", spend, 1.5)).await.unwrap();
    writer.finish_run(hungry, RunStatus::Completed, None, Default::default()).await.unwrap();
    let fired = alerts::check_and_notify(&store, &notifier, now).await.unwrap();
    let kinds: Vec<AlertKind> = fired.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [AlertKind::BigqueryBudget, AlertKind::GithubRateLimit]);
    assert!(fired[0].message.contains("$8.50 of the $10.00"), "{}", fired[0].message);
    assert_eq!(fired[1].condition_key, format!("run:{hungry}:10"));
    assert!(fired[1].title.contains("300 of 5000"), "{}", fired[1].title);
    assert_eq!(notifier.take().len(), 2);

    // The same conditions again: logged once, notified once.
    assert!(alerts::check_and_notify(&store, &notifier, now).await.unwrap().is_empty());
    assert!(notifier.take().is_empty());

    // The Monitoring page's summary of the same records.
    let overview = octoscope_engine::monitoring::overview::overview(&store, now).await.unwrap();
    assert_eq!(overview.runs.iter().map(|r| r.id).collect::<Vec<_>>(), [hungry, spend, calm]);
    assert_eq!((overview.month_spent, overview.month_budget), (8.5, 10.0));
    assert_eq!(overview.spend_by_month.len(), 1);
    assert_eq!((overview.spend_by_month[0].jobs, overview.spend_by_month[0].dollars), (2, 8.5));
    assert_eq!(overview.github_rate.map(|r| (r.remaining, r.limit)), Some((300, Some(5_000))));
    assert_eq!(overview.endpoints.len(), 1);
    assert_eq!(overview.endpoints[0].requests, 4);

    // A stricter budget rule is its own condition; a disabled one never fires.
    let rule = |threshold: f64, enabled: bool| RuleInput {
        kind: AlertKind::BigqueryBudget,
        threshold: Some(threshold),
        repo: None,
        enabled,
    };
    alerts::add_rule(&store, &rule(50.0, true)).await.unwrap();
    alerts::add_rule(&store, &rule(20.0, false)).await.unwrap();
    let fired = alerts::check_and_notify(&store, &notifier, now).await.unwrap();
    assert_eq!(fired.len(), 1);
    assert!(fired[0].condition_key.ends_with(":50"), "{}", fired[0].condition_key);
    // So is a stricter rate-limit rule: the run that went down to 6% fires it too.
    let strict = RuleInput { kind: AlertKind::GithubRateLimit, threshold: Some(8.0), repo: None, enabled: true };
    alerts::add_rule(&store, &strict).await.unwrap();
    // Rules judge runs made after them: date this one before the run (the clock may have ticked).
    sqlx::query("UPDATE alert_rules SET created_at = ?1 WHERE threshold = 8")
        .bind(now - 60)
        .execute(store.pool())
        .await
        .unwrap();
    let fired = alerts::check_and_notify(&store, &notifier, now).await.unwrap();
    let keys: Vec<&str> = fired.iter().map(|a| a.condition_key.as_str()).collect();
    assert_eq!(keys, [format!("run:{hungry}:8")], "the 10% rule does not fire again");
    // Next month the spend starts again from zero.
    let next_month = now + 40 * 86_400;
    assert!(alerts::evaluate(&store, next_month).await.unwrap().is_empty());

    let wrong = alerts::add_rule(
        &store,
        &RuleInput { kind: AlertKind::DataGap, threshold: None, repo: Some("a/b".into()), enabled: true },
    )
    .await
    .unwrap_err();
    assert!(wrong.to_string().contains("only spike rules watch one repository"), "{wrong}");
    store.close().await;
}

#[test]
fn secrets_never_reach_the_log_files_but_panics_do() {
    use octoscope_engine::monitoring::logs::{self, LogLevel, LogQuery, read_logs};
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("logs");
    logs::init("off", false);
    logs::files().set_directory(Some(dir.clone()));

    let token = format!("ghp_{}", "Z9y8X7w6V5".repeat(4));
    // Any credential the process holds is registered when it becomes a Secret.
    let proxy = octoscope_engine::secrets::Secret::new(format!("corp-proxy-{}", "k3y".repeat(6)));
    let key_file = r#"{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n"}"#;
    {
        let span = tracing::info_span!("run", run_id = 41, source = "github");
        let _inside = span.enter();
        tracing::error!(proxy = %proxy.expose(), "GitHub refused the token {token}");
        tracing::warn!(body = %key_file, "the key was rejected");
    }
    tracing::info!("outside any run");
    let worker = std::thread::Builder::new().name("worker".into()).spawn(|| panic!("boom in a worker")).unwrap();
    assert!(worker.join().is_err());

    let written: String = logs::log_files(&dir).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    for secret in [token.as_str(), proxy.expose(), "MIIEvQIBADANBg"] {
        assert!(!written.contains(secret), "{secret} reached the log:\n{written}");
    }
    assert!(written.contains("[redacted]"), "{written}");

    let run = read_logs(&dir, &LogQuery { run_id: Some(41), min_level: None, limit: 50 }).unwrap();
    assert_eq!(run.len(), 2, "{run:?}");
    assert_eq!(run[1].message, "GitHub refused the token [redacted]");
    assert_eq!((run[1].run_id, run[1].source.as_deref()), (Some(41), Some("github")));
    let errors = read_logs(&dir, &LogQuery { run_id: None, min_level: Some(LogLevel::Error), limit: 50 }).unwrap();
    let panic = errors.iter().find(|e| e.target == "panic").expect("the panic is logged");
    assert_eq!(panic.message, "panic: boom in a worker");
    assert_eq!(panic.fields.get("thread").map(String::as_str), Some("worker"));
    assert!(panic.fields.get("location").is_some_and(|l| l.contains("monitoring.rs")), "{panic:?}");
}
