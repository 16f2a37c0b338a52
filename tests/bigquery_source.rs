//! The BigQuery source end to end. Against the bqemulator BigQuery emulator (real REST, real
//! SQL over githubarchive-shaped day tables seeded from the sample generator): events equal
//! the GH Archive path's for the same hours, daily counts equal the local rollups, and an
//! interrupted run resumes at its next result page with the same job. Against a scripted fake
//! (what the emulator does not do): dry-run prices, budgets, byte caps, BigQuery's errors,
//! cancel, and the bytes a daily-counts query reads compared with `SELECT *`. The service
//! account's token exchange goes through a local OAuth endpoint that checks the signature.

use std::path::Path;
use std::sync::Arc;

use octoscope_engine::pipeline::{Progress, ProgressSink};
use octoscope_engine::scope::{Filter, RepoName, Scope};
use octoscope_engine::secrets::Secret;
use octoscope_engine::secrets::google::ServiceAccountKey;
use octoscope_engine::sources::bigquery::query::{Mode, SqlFilter, build, select_all, table_groups};
use octoscope_engine::sources::bigquery::{
    BigQueryClient, BigQueryRunOptions, CostPolicy, ModeChoice, PlanRequest, execute_bigquery, plan_bigquery,
};
use octoscope_engine::store::{RunStatus, Store};
use octoscope_engine::time::{HourRange, UtcHour};
use octoscope_engine::workspace::Workspace;
use octoscope_tests::auth_fakes::{FakeGoogleOauth, RsaKeyPair};
use octoscope_tests::bigquery::{
    FakeBigQuery, JobScript, column_sizes, emulator_api_url, hour_events, seed_day_tables,
};
use octoscope_tests::cli::{Output, run_with};
use octoscope_tests::data::{hour, raw_hour, small_config, write_hours};
use octoscope_tests::secrets::assert_no_trace;
use octoscope_tests::snapshot::snapshot;
use tokio_util::sync::CancellationToken;

/// The two sample days every emulator test uses: 2024-03-04 and 2024-03-05.
const FROM: &str = "2024-03-04T00";
const TO: &str = "2024-03-06T00";

struct Google {
    _oauth: FakeGoogleOauth,
    key_json: String,
    private_pem: String,
}

async fn google() -> Google {
    let pair = RsaKeyPair::generate();
    let oauth = FakeGoogleOauth::start(&pair).await;
    Google { key_json: pair.key_file(&oauth.token_uri), private_pem: pair.private_pem.clone(), _oauth: oauth }
}

/// A dataset project of its own for each test, so tests can run at once on one emulator.
fn project(tag: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("gha-{tag}-{}-{nanos:x}", std::process::id())
}

fn hours() -> Vec<UtcHour> {
    HourRange::new(hour(FROM), hour(TO)).unwrap().hours().collect()
}

async fn octoscope(workspace: &Path, google: &Google, args: &[&str]) -> Output {
    run_with(workspace, args, &[("OCTOSCOPE_GCP_KEY", google.key_json.as_str())], None).await
}

async fn configure(workspace: &Path, google: &Google, api_url: &str, dataset_project: &str) {
    for (key, value) in [("bigquery.api_url", api_url), ("bigquery.dataset_project", dataset_project)] {
        let output = octoscope(workspace, google, &["settings", key, value]).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
    }
}

/// A workspace loaded from the same hours through GH Archive, with `scope` flags.
async fn gh_archive_workspace(dir: &Path, scope: &[&str]) -> tempfile::TempDir {
    let workspace = tempfile::tempdir().unwrap();
    let dir = dir.to_str().unwrap();
    let mut args = vec!["ingest", "gharchive", "--from", FROM, "--to", TO, "--dir", dir];
    args.extend_from_slice(scope);
    let output = octoscope_tests::cli::run(workspace.path(), &args).await;
    assert!(output.code == 0 || output.code == 3, "{}", output.stderr);
    workspace
}

/// The stored rows both sources must agree on.
async fn loaded_rows(workspace: &Path) -> Vec<String> {
    let tables = ["events|", "daily_repo_events|", "hourly_events|", "actors|", "repositories|", "organisations|"];
    snapshot(&workspace.join("octoscope.db"))
        .await
        .into_iter()
        .filter(|line| tables.iter().any(|t| line.starts_with(t)))
        .collect()
}

async fn scalar(workspace: &Path, sql: &str) -> i64 {
    let store = Store::open(&Workspace::at(workspace.to_owned())).await.unwrap();
    let value: i64 = sqlx::query_scalar(sql).fetch_one(store.pool()).await.unwrap();
    store.close().await;
    value
}

#[tokio::test(flavor = "multi_thread")]
async fn events_from_bigquery_equal_gh_archive_for_the_same_hours() {
    let config = small_config(40);
    let project = project("events");
    let seeded = seed_day_tables(&project, &config, &hours()).await;
    assert!(seeded > 1_500, "{seeded} rows seeded");
    let archive = tempfile::tempdir().unwrap();
    write_hours(archive.path(), &config, hours());
    let google = google().await;

    // All of GitHub, then a scope of two repositories and an owner.
    let everything = gh_archive_workspace(archive.path(), &[]).await;
    let names: Vec<String> = {
        let store = Store::open(&Workspace::at(everything.path().to_owned())).await.unwrap();
        let names = sqlx::query_scalar(
            "SELECT r.full_name FROM daily_repo_events d JOIN repositories r ON r.id = d.repo_id
             WHERE r.full_name LIKE '%/%' GROUP BY r.id ORDER BY sum(d.events) DESC LIMIT 3",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        store.close().await;
        names
    };
    let owner = names[2].split('/').next().unwrap().to_owned();
    let scoped_flags = ["--repo", names[0].as_str(), "--repo", names[1].as_str(), "--org", owner.as_str()];
    let scoped = gh_archive_workspace(archive.path(), &scoped_flags).await;

    for (expected, flags) in [(&everything, &[][..]), (&scoped, &scoped_flags[..])] {
        let workspace = tempfile::tempdir().unwrap();
        configure(workspace.path(), &google, &emulator_api_url(), &project).await;
        let mut args = vec!["ingest", "bigquery", "--from", FROM, "--to", TO, "--mode", "events"];
        args.extend_from_slice(&["--page-rows", "250", "--json"]);
        args.extend_from_slice(flags);
        let output = octoscope(workspace.path(), &google, &args).await;
        assert!(output.code == 0, "{flags:?}: {}\n{}", output.stderr, output.stdout);
        let summary = output.json();
        assert_eq!(summary["status"], "completed", "{summary}");
        assert!(summary["events_loaded"].as_u64().unwrap() > 0);
        let (ours, theirs) = (loaded_rows(workspace.path()).await, loaded_rows(expected.path()).await);
        assert_eq!(ours.len(), theirs.len(), "{flags:?}: row counts differ");
        assert!(ours == theirs, "{flags:?}: first difference: {:?}", ours.iter().zip(&theirs).find(|(a, b)| a != b));
        // One job per unit, recorded done; every hour's coverage written; no key material kept.
        let jobs = scalar(workspace.path(), "SELECT count(*) FROM bigquery_jobs WHERE state = 'done'").await;
        assert_eq!(jobs, 1);
        let covered = scalar(workspace.path(), "SELECT count(*) FROM coverage WHERE source = 'bigquery'").await;
        assert_eq!(covered, 48);
        assert_no_trace(workspace.path(), &[google.private_pem.lines().nth(1).unwrap()]);

        // A rerun of the same scope has nothing left to do and asks BigQuery for nothing.
        let mut plan_args =
            vec!["ingest", "bigquery", "--from", FROM, "--to", TO, "--plan", "--json", "--mode", "events"];
        plan_args.extend_from_slice(flags);
        let plan = octoscope(workspace.path(), &google, &plan_args).await;
        assert_eq!(plan.json()["units_to_run"], 0, "{}", plan.stdout);
    }
}

type DayCount = (i64, i64, String, i64);

/// BigQuery's daily counts stored in `workspace` for the repositories `ids`.
async fn remote_counts(workspace: &Path, ids: &[i64]) -> Vec<DayCount> {
    let store = Store::open(&Workspace::at(workspace.to_owned())).await.unwrap();
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows = sqlx::query_as(&format!(
        "SELECT repo_id, day, type, events FROM remote_daily_counts WHERE repo_id IN ({}) ORDER BY 1, 2, 3",
        ids.join(",")
    ))
    .fetch_all(store.pool())
    .await
    .unwrap();
    store.close().await;
    rows
}

async fn daily_counts_run(workspace: &Path, google: &Google, names: &[String]) -> serde_json::Value {
    let mut args = vec!["ingest", "bigquery", "--from", FROM, "--to", TO, "--mode", "daily-counts"];
    for name in names {
        args.extend_from_slice(&["--repo", name.as_str()]);
    }
    let plan = octoscope(workspace, google, &[&args[..], &["--plan", "--json"]].concat()).await.json();
    let output = octoscope(workspace, google, &args).await;
    assert_eq!(output.code, 0, "{}", output.stderr);
    plan
}

#[tokio::test(flavor = "multi_thread")]
async fn daily_counts_from_bigquery_equal_the_local_rollups() {
    let config = small_config(40);
    let project = project("counts");
    seed_day_tables(&project, &config, &hours()).await;
    let archive = tempfile::tempdir().unwrap();
    write_hours(archive.path(), &config, hours());
    let google = google().await;
    let reference = gh_archive_workspace(archive.path(), &[]).await;
    let store = Store::open(&Workspace::at(reference.path().to_owned())).await.unwrap();
    let names: Vec<String> =
        sqlx::query_scalar("SELECT full_name FROM repositories WHERE full_name LIKE '%/%' ORDER BY id LIMIT 4")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT repo_id FROM repository_names WHERE full_name IN (SELECT full_name FROM repositories
             WHERE full_name LIKE '%/%' ORDER BY id LIMIT 4) AND repo_id > 0 ORDER BY 1",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let local: Vec<DayCount> = sqlx::query_as(&format!(
        "SELECT repo_id, day, type, events FROM daily_repo_events WHERE repo_id IN ({}) ORDER BY 1, 2, 3",
        list.join(",")
    ))
    .fetch_all(store.pool())
    .await
    .unwrap();
    store.close().await;
    assert!(local.len() > 40, "{local:?}");

    // A workspace that has never seen these repositories matches them by name, as the GH Archive
    // filter does (events under those names): the counts are exactly the rollups of the same
    // hours loaded through GH Archive with the same filter.
    let fresh = tempfile::tempdir().unwrap();
    configure(fresh.path(), &google, &emulator_api_url(), &project).await;
    let plan = daily_counts_run(fresh.path(), &google, &names).await;
    assert_eq!((plan["repos_by_id"].as_u64(), plan["repos_by_name"].as_u64()), (Some(0), Some(4)), "{plan}");
    let flags: Vec<&str> = names.iter().flat_map(|n| ["--repo", n.as_str()]).collect();
    let by_name = gh_archive_workspace(archive.path(), &flags).await;
    let store = Store::open(&Workspace::at(by_name.path().to_owned())).await.unwrap();
    let scoped_local: Vec<DayCount> =
        sqlx::query_as("SELECT repo_id, day, type, events FROM daily_repo_events ORDER BY 1, 2, 3")
            .fetch_all(store.pool())
            .await
            .unwrap();
    store.close().await;
    assert!(scoped_local.len() > 20, "{scoped_local:?}");
    assert_eq!(remote_counts(fresh.path(), &ids).await, scoped_local);
    // The names came along, so the activity chart of a repository shows BigQuery's counts.
    let chart = octoscope(
        fresh.path(),
        &google,
        &["chart", "activity", "--repo", names[0].as_str(), "--from", FROM, "--to", TO, "--format", "json"],
    )
    .await;
    assert_eq!(chart.code, 0, "{}", chart.stderr);
    let chart = chart.json();
    let charted: f64 = chart["series"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["values"].as_array().unwrap())
        .map(|v| v.as_f64().unwrap())
        .sum();
    let first_ids: Vec<i64> = scoped_local.iter().map(|r| r.0).collect();
    let name_id = {
        let store = Store::open(&Workspace::at(fresh.path().to_owned())).await.unwrap();
        let id: i64 = sqlx::query_scalar("SELECT repo_id FROM repository_names WHERE full_name = ?1")
            .bind(&names[0])
            .fetch_one(store.pool())
            .await
            .unwrap();
        store.close().await;
        id
    };
    assert!(first_ids.contains(&name_id));
    let expected: i64 = scoped_local.iter().filter(|r| r.0 == name_id).map(|r| r.3).sum();
    assert_eq!(charted, expected as f64, "{chart}");
    assert!(chart["notes"].to_string().contains("BigQuery's daily counts"), "{chart}");

    // The GH Archive workspace knows their ids and matches by id (cheaper, and it follows
    // renames). That also counts what Octoscope's validation refuses for a missing owner in the
    // name, which only the name says: recount those from the generated hours, independently.
    configure(reference.path(), &google, &emulator_api_url(), &project).await;
    let plan = daily_counts_run(reference.path(), &google, &names).await;
    assert_eq!((plan["repos_by_id"].as_u64(), plan["repos_by_name"].as_u64()), (Some(4), Some(0)), "{plan}");
    let mut nameless = std::collections::BTreeMap::<(i64, i64, String), std::collections::BTreeSet<String>>::new();
    for &hour in &hours() {
        let (raw, _) = raw_hour(&config, hour);
        for event in hour_events(&raw).iter().filter_map(octoscope_tests::bigquery::archive_row) {
            let (Some(id), Some(name), Some(kind)) =
                (event["repo"]["id"].as_i64(), event["repo"]["name"].as_str(), event["type"].as_str())
            else {
                continue;
            };
            if ids.contains(&id) && !name.contains('/') {
                let at = chrono::DateTime::parse_from_rfc3339(event["created_at"].as_str().unwrap()).unwrap();
                let day = at.timestamp().div_euclid(86_400);
                nameless
                    .entry((id, day, kind.to_owned()))
                    .or_default()
                    .insert(event["id"].as_str().unwrap().to_owned());
            }
        }
    }
    assert!(!nameless.is_empty(), "the sample has owner-less names to recount");
    let mut expected: std::collections::BTreeMap<(i64, i64, String), i64> =
        local.into_iter().map(|(r, d, t, n)| ((r, d, t), n)).collect();
    for (key, events) in nameless {
        *expected.entry(key).or_default() += events.len() as i64;
    }
    let expected: Vec<DayCount> = expected.into_iter().map(|((r, d, t), n)| (r, d, t, n)).collect();
    assert_eq!(remote_counts(reference.path(), &ids).await, expected);
}

/// A client for the emulator or the fake, authenticated through the fake OAuth endpoint.
async fn client(google: &Google, api_url: &str) -> Arc<BigQueryClient> {
    let key = ServiceAccountKey::parse(&Secret::new(google.key_json.clone())).unwrap();
    Arc::new(BigQueryClient::new(api_url, key, None).await.unwrap())
}

fn request(scope: Scope, mode: Mode, dataset_project: &str, policy: CostPolicy) -> PlanRequest {
    let mut request = PlanRequest::new(scope, ModeChoice::Fixed(mode), policy);
    request.dataset_project = dataset_project.to_owned();
    request
}

fn cancel_after(cancel: &CancellationToken, pages: usize) -> ProgressSink {
    let cancel = cancel.clone();
    let seen = std::sync::atomic::AtomicUsize::new(0);
    Arc::new(move |event: Progress| {
        if matches!(event, Progress::UnitPaging { .. })
            && seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 == pages
        {
            cancel.cancel();
        }
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interrupted_run_resumes_at_its_next_page_with_the_same_job() {
    let config = small_config(40);
    let project = project("resume");
    seed_day_tables(&project, &config, &hours()).await;
    let google = google().await;
    let client = client(&google, &emulator_api_url()).await;
    let workspace = tempfile::tempdir().unwrap();
    let store = Store::open(&Workspace::at(workspace.path().to_owned())).await.unwrap();
    let scope = Scope { filter: Filter::default(), range: HourRange::new(hour(FROM), hour(TO)).unwrap() };
    let request = request(scope, Mode::Events, &project, CostPolicy::default());
    let options = BigQueryRunOptions { page_rows: 200, concurrent_jobs: 1 };

    let stop = CancellationToken::new();
    let plan = plan_bigquery(&store, &client, &request, &stop).await.unwrap();
    assert_eq!(plan.units.len(), 1);
    let first = execute_bigquery(&store, Arc::clone(&client), Arc::new(plan), options, cancel_after(&stop, 3), stop)
        .await
        .unwrap();
    assert_eq!(first.status, RunStatus::Cancelled);
    let after_three_pages = scalar(workspace.path(), "SELECT count(*) FROM events").await;
    assert!(after_three_pages > 400 && after_three_pages <= 600, "{after_three_pages}");
    let checkpoint: String = sqlx::query_scalar("SELECT checkpoint FROM units WHERE source = 'bigquery'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(checkpoint.contains("\"page_token\":\"600\""), "{checkpoint}");

    let cancel = CancellationToken::new();
    let plan = plan_bigquery(&store, &client, &request, &cancel).await.unwrap();
    let progress: ProgressSink = Arc::new(|_| {});
    let second =
        execute_bigquery(&store, Arc::clone(&client), Arc::new(plan), options, progress, cancel).await.unwrap();
    assert_eq!(second.status, RunStatus::Completed);
    // The same job, read on from page four: no second job, and the rows add up to a whole run.
    assert_eq!(scalar(workspace.path(), "SELECT count(*) FROM bigquery_jobs").await, 1);
    let inserts =
        format!("SELECT count(*) FROM http_requests WHERE run_id = {} AND endpoint = 'jobs.insert'", second.run_id);
    assert_eq!(scalar(workspace.path(), &inserts).await, 0);
    store.close().await;
    let archive = tempfile::tempdir().unwrap();
    write_hours(archive.path(), &config, hours());
    let reference = gh_archive_workspace(archive.path(), &[]).await;
    assert_eq!(loaded_rows(workspace.path()).await, loaded_rows(reference.path()).await);
}

/// Column sizes measured on generated events (realistic payloads), for the fake's accounting.
fn sample_column_sizes() -> Vec<(String, f64)> {
    let config = small_config(200);
    let (raw, _) = raw_hour(&config, hour("2024-03-04T12"));
    column_sizes(&hour_events(&raw))
}

/// About what githubarchive held per day in 2024.
const ROWS_PER_DAY: f64 = 4_500_000.0;

fn repo_scope(repos: &[&str], from: &str, to: &str) -> Scope {
    let repos = repos.iter().map(|r| RepoName::parse(r).unwrap()).collect();
    Scope { filter: Filter::new(repos, Vec::new()), range: HourRange::new(hour(from), hour(to)).unwrap() }
}

#[tokio::test(flavor = "multi_thread")]
async fn plans_are_priced_from_dry_runs_and_budgets_refuse_them() {
    let fake = FakeBigQuery::start(sample_column_sizes(), ROWS_PER_DAY, JobScript::Finish { growth: 1.0 }).await;
    let google = google().await;
    let workspace = tempfile::tempdir().unwrap();
    configure(workspace.path(), &google, &fake.url, "githubarchive").await;
    let week = ["ingest", "bigquery", "--repo", "apache/arrow", "--from", "2024-01-01", "--to", "2024-01-08"];

    let plan =
        octoscope(workspace.path(), &google, &[&week[..], &["--mode", "events", "--plan", "--json"]].concat()).await;
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let plan = plan.json();
    let dry_runs = fake.dry_runs();
    let expected: u64 = dry_runs
        .iter()
        .map(|job| {
            let query = &job["configuration"]["query"];
            fake.bytes_for(query["query"].as_str().unwrap(), query["queryParameters"].as_array().unwrap())
        })
        .sum();
    assert_eq!(plan["bytes_processed"].as_u64(), Some(expected));
    assert!(expected > 10 << 30, "a week of events reads the payload column: {expected}");
    let dollars = plan["bytes_billed"].as_f64().unwrap() / (1u64 << 40) as f64 * 6.25;
    assert!((plan["dollars"].as_f64().unwrap() - dollars).abs() < 1e-9, "{plan}");
    // User input never reaches the SQL text.
    assert!(dry_runs.iter().all(|j| !j["configuration"]["query"]["query"].as_str().unwrap().contains("arrow")));

    // A month of events is over the $1 per-run budget: refused before any job, exit code 7.
    let month = ["ingest", "bigquery", "--repo", "apache/arrow", "--from", "2024-01-01", "--to", "2024-02-01"];
    let refused = octoscope(workspace.path(), &google, &[&month[..], &["--mode", "events"]].concat()).await;
    assert_eq!(refused.code, 7, "{}", refused.stderr);
    assert!(refused.stderr.contains("over the per-run budget of $1.00"), "{}", refused.stderr);
    assert!(fake.jobs().is_empty());

    // Auto mode falls back to daily counts, which fit, and says why.
    let auto = octoscope(workspace.path(), &google, &[&month[..], &["--plan", "--json"]].concat()).await.json();
    assert_eq!(auto["mode"], "daily-counts", "{auto}");
    assert!(auto["mode_reason"].as_str().unwrap().contains("over the budget"), "{auto}");
    assert!(auto["refused"].is_null());

    // The monthly budget counts what earlier jobs of the month cost.
    let ran = octoscope(workspace.path(), &google, &[&month[..], &["--mode", "daily-counts"]].concat()).await;
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let spent =
        scalar(workspace.path(), "SELECT count(*) FROM bigquery_jobs WHERE state = 'done' AND dollars > 0").await;
    assert_eq!(spent, 1);
    assert_eq!(octoscope(workspace.path(), &google, &["settings", "bigquery.month_budget_usd", "0.01"]).await.code, 0);
    let day = ["ingest", "bigquery", "--repo", "apache/arrow", "--from", "2023-06-01", "--to", "2023-06-02"];
    let again = octoscope(workspace.path(), &google, &[&day[..], &["--mode", "daily-counts"]].concat()).await;
    assert_eq!(again.code, 7, "{}", again.stderr);
    assert!(again.stderr.contains("monthly budget of $0.01"), "{}", again.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_job_is_capped_and_a_breached_cap_is_explained() {
    let fake = FakeBigQuery::start(sample_column_sizes(), ROWS_PER_DAY, JobScript::Finish { growth: 1.5 }).await;
    let google = google().await;
    let workspace = tempfile::tempdir().unwrap();
    configure(workspace.path(), &google, &fake.url, "githubarchive").await;
    let args = [
        "ingest",
        "bigquery",
        "--repo",
        "apache/arrow",
        "--from",
        "2024-01-01",
        "--to",
        "2024-01-02",
        "--mode",
        "events",
        "--json",
    ];
    let output = octoscope(workspace.path(), &google, &args).await;
    assert_eq!(output.code, 3, "{}\n{}", output.stderr, output.stdout);
    let summary = output.json();
    let reason = summary["failures"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("byte cap") && reason.contains("nothing was charged"), "{reason}");
    let job = &fake.jobs()[0];
    let cap: u64 = job["configuration"]["query"]["maximumBytesBilled"].as_str().unwrap().parse().unwrap();
    let estimate = scalar(workspace.path(), "SELECT estimated_bytes FROM bigquery_jobs").await as u64;
    assert!(cap >= estimate && cap <= estimate + estimate / 10 + (1 << 20), "cap {cap}, estimate {estimate}");
    let (state, dollars): (String, f64) = {
        let store = Store::open(&Workspace::at(workspace.path().to_owned())).await.unwrap();
        let row = sqlx::query_as("SELECT state, dollars FROM bigquery_jobs").fetch_one(store.pool()).await.unwrap();
        store.close().await;
        row
    };
    assert_eq!((state.as_str(), dollars), ("failed", 0.0));

    // `runs show` puts the run's requests and spending together.
    let shown = octoscope(workspace.path(), &google, &["runs", "show", "1", "--json"]).await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let shown = shown.json();
    assert_eq!(shown["run"]["status"], "completed_with_errors");
    assert_eq!((shown["bigquery"]["jobs"].as_u64(), shown["bigquery"]["dollars"].as_f64()), (Some(1), Some(0.0)));
    assert_eq!(shown["bigquery"]["estimated_bytes"].as_u64(), Some(estimate));
    let endpoints: Vec<&str> =
        shown["endpoints"].as_array().unwrap().iter().map(|e| e["endpoint"].as_str().unwrap()).collect();
    assert!(endpoints.contains(&"jobs.insert"), "{endpoints:?}");
    let insert = shown["endpoints"].as_array().unwrap().iter().find(|e| e["endpoint"] == "jobs.insert").unwrap();
    assert_eq!(insert["requests"], 1);
    assert!(insert["p95_ms"].as_u64() <= insert["max_ms"].as_u64());
    let text = octoscope(workspace.path(), &google, &["runs", "show", "1"]).await.stdout;
    assert!(text.contains("1 job(s)") && text.contains("jobs.insert"), "{text}");
    let missing = octoscope(workspace.path(), &google, &["runs", "show", "99"]).await;
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("there is no run 99"), "{}", missing.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn bigquery_refusals_carry_its_reason_and_what_to_do() {
    let google = google().await;
    let cases = [
        (
            403,
            "quotaExceeded",
            "Quota exceeded: Your project exceeded quota for free query bytes scanned",
            "wait for the quota to reset",
        ),
        (403, "accessDenied", "Access Denied: User does not have bigquery.jobs.create permission", "BigQuery Job User"),
        (400, "invalidQuery", "Unrecognized name: payload2", "refused the query"),
    ];
    for (status, reason, message, advice) in cases {
        let script = JobScript::Refuse { status, reason: reason.into(), message: message.into() };
        let fake = FakeBigQuery::start(sample_column_sizes(), 1_000.0, script).await;
        let workspace = tempfile::tempdir().unwrap();
        configure(workspace.path(), &google, &fake.url, "githubarchive").await;
        let args = ["ingest", "bigquery", "--repo", "a/b", "--from", "2024-01-01", "--to", "2024-01-02", "--json"];
        let output = octoscope(workspace.path(), &google, &args).await;
        assert_eq!(output.code, 3, "{reason}: {}", output.stderr);
        let failure = output.json()["failures"][0]["reason"].as_str().unwrap().to_owned();
        assert!(failure.contains(reason) && failure.contains(message) && failure.contains(advice), "{failure}");
        let state =
            scalar(workspace.path(), "SELECT count(*) FROM bigquery_jobs WHERE state = 'failed' AND dollars = 0").await;
        assert_eq!(state, 1, "{reason}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_a_run_cancels_its_bigquery_job() {
    let fake = FakeBigQuery::start(sample_column_sizes(), 1_000.0, JobScript::Hang).await;
    let google = google().await;
    let client = client(&google, &fake.url).await;
    let workspace = tempfile::tempdir().unwrap();
    let store = Store::open(&Workspace::at(workspace.path().to_owned())).await.unwrap();
    let request =
        request(repo_scope(&["a/b"], "2024-01-01", "2024-01-02"), Mode::Events, "githubarchive", CostPolicy::default());
    let cancel = CancellationToken::new();
    let plan = plan_bigquery(&store, &client, &request, &cancel).await.unwrap();
    let stop = cancel.clone();
    let progress: ProgressSink = Arc::new(move |event| {
        if matches!(event, Progress::UnitQuerying { .. }) {
            stop.cancel();
        }
    });
    let summary =
        execute_bigquery(&store, Arc::clone(&client), Arc::new(plan), BigQueryRunOptions::default(), progress, cancel)
            .await
            .unwrap();
    assert_eq!(summary.status, RunStatus::Cancelled);
    let job_id = fake.jobs()[0]["jobReference"]["jobId"].as_str().unwrap().to_owned();
    assert_eq!(fake.cancelled(), [job_id]);
    let state: String = sqlx::query_scalar("SELECT state FROM bigquery_jobs").fetch_one(store.pool()).await.unwrap();
    assert_eq!(state, "cancelled");
    store.close().await;
}

/// The target: daily event counts by type for 10 repositories over one year read at
/// most 2% of what `SELECT *` over the same tables reads. Figures go to docs/benchmarks.md.
#[tokio::test(flavor = "multi_thread")]
async fn daily_counts_for_ten_repositories_over_a_year_read_under_two_percent_of_select_star() {
    let fake = FakeBigQuery::start(sample_column_sizes(), ROWS_PER_DAY, JobScript::Finish { growth: 1.0 }).await;
    let google = google().await;
    let client = client(&google, &fake.url).await;
    let cancel = CancellationToken::new();
    let year = HourRange::new(hour("2024-01-01T00"), hour("2025-01-01T00")).unwrap();
    let groups = table_groups(&year, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert_eq!(groups.len(), 1, "one year table");
    let by_id = SqlFilter { repo_ids: (1..=10).collect(), ..SqlFilter::default() };
    let by_name =
        SqlFilter { repo_names: (1..=10).map(|i| format!("owner{i}/repo{i}")).collect(), ..SqlFilter::default() };
    let all = client.dry_run(&select_all(&groups[0], "githubarchive"), &cancel).await.unwrap();
    let ids = client.dry_run(&build(Mode::DailyCounts, &groups[0], &by_id, "githubarchive"), &cancel).await.unwrap();
    let names =
        client.dry_run(&build(Mode::DailyCounts, &groups[0], &by_name, "githubarchive"), &cancel).await.unwrap();
    let events = client.dry_run(&build(Mode::Events, &groups[0], &by_name, "githubarchive"), &cancel).await.unwrap();
    let percent = |bytes: u64| bytes as f64 * 100.0 / all as f64;
    println!(
        "SELECT *: {all} B; daily counts by id: {ids} B ({:.2}%); by name: {names} B ({:.2}%); events: {events} B ({:.1}%)",
        percent(ids),
        percent(names),
        percent(events)
    );
    assert!(percent(ids) <= 2.0, "{:.2}%", percent(ids));
    assert!(ids < names && names < events);
}
