//! The GitHub API source against a stateful GitHub fake on 127.0.0.1 (and replays of recorded
//! GitHub answers from @octokit/fixtures): what it loads, what it costs, and how it behaves
//! under rate limits, server errors, invisible repositories and a refused token.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use octoscope_engine::pipeline::{Progress, ProgressSink};
use octoscope_engine::secrets::Secret;
use octoscope_engine::sources::github::cache::HttpCache;
use octoscope_engine::sources::github::client::ApiError;
use octoscope_engine::sources::github::{
    self, Fact, GithubClient, GithubRequest, GovernorPolicy, WhenExhausted, execute_github, plan_github,
};
use octoscope_engine::store::{RunStatus, Store};
use octoscope_engine::workspace::Workspace;
use octoscope_tests::data::{hour, raw_hour, small_config, write_hours};
use octoscope_tests::github_fake::{FakeGithubApi, FakeRepo, Fault, FixtureReplay, event};
use octoscope_tests::secrets::assert_no_trace;
use octoscope_tests::{cli, naive};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

const TOKEN: &str = "ghp_fakeTokenForTests0000000000000000000";

/// A repository with `events` recent events, a few weeks of star history and some issues.
fn repo(id: i64, name: &str, events: usize) -> FakeRepo {
    let mut repo = FakeRepo::named(id, name);
    repo.events = (0..events)
        .map(|i| {
            let kind = if i % 3 == 0 { "WatchEvent" } else { "IssuesEvent" };
            let at = format!("2026-11-{:02}T{:02}:{:02}:00Z", 27 - (i / 24) % 20, 23 - i % 24, i % 60);
            event(
                id * 100_000 + (events - i) as i64,
                kind,
                &repo,
                (7000 + (i % 5) as i64, &format!("user{}", i % 5)),
                &at,
            )
        })
        .collect();
    // Sundays from 2026-08-30 on, with 1 + (week % 3) stars on Mondays and 2 on Thursdays.
    let first_sunday = 20_695; // 2026-08-30 as a unix day
    repo.star_weeks = Some(
        (0..6)
            .map(|w| json!({"week": (first_sunday + 7 * w) * 86_400, "total": 3 + w % 3, "days": [0, 1 + w % 3, 0, 0, 2, 0, 0]}))
            .collect(),
    );
    repo.stars = (0..6).map(|w| 3 + w % 3).sum();
    repo.issues = (1..=4)
        .map(|n| {
            json!({
                "number": n, "created_at": format!("2026-10-0{n}T10:00:00Z"), "updated_at": format!("2026-11-0{n}T10:00:00Z"),
                "closed_at": if n % 2 == 0 { Value::from(format!("2026-10-1{n}T10:00:00Z")) } else { Value::Null },
                "user": {"id": 9000 + n, "login": format!("author{n}"), "type": "User"},
                "pull_request": if n >= 3 { json!({"merged_at": if n == 4 { Value::from("2026-10-14T10:00:00Z") } else { Value::Null }}) } else { Value::Null },
            })
        })
        .collect();
    repo
}

fn fast_policy() -> GovernorPolicy {
    GovernorPolicy {
        secondary_backoff: Duration::from_millis(200),
        error_backoff: Duration::from_millis(10),
        ..GovernorPolicy::default()
    }
}

struct Collected {
    summary: Result<octoscope_engine::pipeline::RunSummary, octoscope_engine::EngineError>,
    progress: Vec<Progress>,
}

/// Plans and runs a collection through the engine's API, as the CLI and the app do.
async fn collect(workspace: &Workspace, url: &str, request: GithubRequest, policy: GovernorPolicy) -> Collected {
    let store = Store::open(workspace).await.unwrap();
    let cache = HttpCache::new(workspace.cache_dir().join("http"));
    let client = Arc::new(GithubClient::new(url, &Secret::new(TOKEN.into()), cache, policy).unwrap());
    let cancel = CancellationToken::new();
    let plan = plan_github(&store, &client, &request, &cancel, &|_| {}).await.unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink_seen = Arc::clone(&seen);
    let sink: ProgressSink = Arc::new(move |p| sink_seen.lock().unwrap().push(p));
    let summary = execute_github(&store, client, &plan, sink, cancel).await;
    store.close().await;
    let progress = seen.lock().unwrap().clone();
    Collected { summary, progress }
}

async fn scalar(workspace: &Workspace, sql: &str) -> i64 {
    let store = Store::open(workspace).await.unwrap();
    let value: i64 = sqlx::query_scalar(sql).fetch_one(store.pool()).await.unwrap();
    store.close().await;
    value
}

fn request(repos: &[&str], orgs: &[&str], facts: &[Fact]) -> GithubRequest {
    GithubRequest {
        repos: repos.iter().map(|r| (*r).to_owned()).collect(),
        orgs: orgs.iter().map(|o| (*o).to_owned()).collect(),
        facts: facts.to_vec(),
    }
}

#[tokio::test]
async fn the_cli_collects_every_fact_and_a_refresh_costs_no_primary_limit() {
    let repos = vec![repo(11, "acme/one", 40), repo(12, "acme/two", 130), repo(13, "solo/tool", 5)];
    let total_events: usize = repos.iter().map(|r| r.events.len()).sum();
    let total_stars: i64 = repos.iter().map(|r| r.stars).sum();
    let fake = FakeGithubApi::start(TOKEN, repos, &[("acme", vec!["acme/one".into(), "acme/two".into()])]).await;
    // Poll again at once (GitHub usually says 60 s), so the refresh below re-polls the feeds.
    fake.with(|s| s.poll_interval = 0);
    let dir = tempfile::tempdir().unwrap();
    let args = ["ingest", "github", "--org", "acme", "--repo", "solo/tool", "--github-api-url", &fake.url, "--json"];
    let env = [("OCTOSCOPE_GITHUB_TOKEN", TOKEN)];

    let plan = cli::run_with(dir.path(), &[&args[..], &["--plan"]].concat(), &env, None).await;
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let plan = plan.json();
    assert_eq!(plan["repos"], json!(["solo/tool", "acme/one", "acme/two"]));
    assert_eq!((plan["units_total"].as_u64(), plan["metadata_requests"].as_u64()), (Some(10), Some(1)));
    assert_eq!(plan["core_remaining"], 4999, "planning costs only the organisation's list");

    let first = cli::run_with(dir.path(), &args, &env, None).await;
    assert_eq!(first.code, 0, "{}\n{}", first.stdout, first.stderr);
    let summary = first.json();
    assert_eq!(summary["status"], "completed");
    assert_eq!(summary["units_done"], 10, "1 metadata batch + 3 facts x 3 repositories");
    assert_eq!(summary["events_loaded"].as_u64().unwrap() as usize, total_events);
    let ws = Workspace::at(dir.path());
    assert_eq!(scalar(&ws, "SELECT count(*) FROM repo_snapshots").await, 3);
    assert_eq!(scalar(&ws, "SELECT sum(stars) FROM repo_snapshots").await, total_stars);
    assert_eq!(scalar(&ws, "SELECT sum(stars) FROM star_days WHERE source = 'history'").await, total_stars);
    assert_eq!(scalar(&ws, "SELECT count(*) FROM work_items").await, 12);
    assert_eq!(scalar(&ws, "SELECT count(*) FROM work_items WHERE kind = 'pull_request' AND merged = 1").await, 3);
    assert_eq!(
        scalar(&ws, "SELECT count(*) FROM repositories WHERE full_name IN ('acme/one','acme/two','solo/tool')").await,
        3
    );
    // The stars chart takes GitHub's daily counts where it has them and says so; WatchEvents
    // fill the other days.
    let stars =
        naive::chart(dir.path(), &["stars", "--repo", "solo/tool", "--from", "2026-08-30T00", "--to", "2026-11-28T00"])
            .await;
    let new_stars: f64 = naive::series(&stars, "solo/tool: new stars").iter().sum();
    assert_eq!(new_stars, 24.0 + 2.0, "24 from the star history (Aug-Oct), 2 WatchEvents from the feed (Nov)");
    let notes = stars["notes"].to_string();
    assert!(notes.contains("GitHub's star history") && notes.contains("metadata snapshot"), "{notes}");
    assert_eq!(stars["marks"].as_array().unwrap().len(), 1);

    let spent = fake.core_used();
    // The organisation's list; events one page each, except acme/two's 130 events on two pages;
    // stars and issues one page each.
    assert_eq!(spent, 1 + 4 + 3 + 3, "{:#?}", fake.log());
    // Every request of the run is recorded for monitoring (the --plan call's two belong to no run).
    assert_eq!(
        scalar(&ws, "SELECT count(*) FROM http_requests WHERE source = 'github'").await as usize,
        fake.log().len() - 2
    );

    // The first refresh pays one request per repository for issues (their `since` moves to the
    // newest update loaded); everything else is answered 304 from the cache.
    let first_refresh = cli::run_with(dir.path(), &args, &env, None).await;
    assert_eq!(first_refresh.code, 0, "{}", first_refresh.stderr);
    assert_eq!(first_refresh.json()["events_loaded"], 0);
    assert_eq!(fake.core_used(), spent + 3, "{:#?}", &fake.log()[13..]);
    let spent = fake.core_used();
    // The second refresh, with nothing new anywhere, costs no primary-limit request at all.
    let second_refresh = cli::run_with(dir.path(), &args, &env, None).await;
    assert_eq!(second_refresh.code, 0, "{}", second_refresh.stderr);
    assert_eq!(fake.core_used(), spent, "a refresh with nothing new must cost no primary-limit request");
    assert_eq!(fake.with(|s| s.graphql_batches.clone()), vec![3, 3, 3]);
    // 304s: the organisation in the first run (the --plan call fetched it); the organisation,
    // 3 feeds and 3 star histories in both refreshes; and 3 issue lists in the second.
    assert_eq!(scalar(&ws, "SELECT count(*) FROM http_requests WHERE from_cache = 1").await, 1 + 7 + 7 + 3);
    assert_eq!(scalar(&ws, "SELECT count(*) FROM work_items").await, 12, "refreshes add nothing twice");

    // One new event: only that feed's first page is paid for, and only the new event loads.
    fake.with(|s| {
        let repo = s.repos[2].clone();
        s.repos[2].events.insert(0, event(13_999_999, "WatchEvent", &repo, (1, "newcomer"), "2026-11-28T01:00:00Z"));
    });
    let third = cli::run_with(dir.path(), &args, &env, None).await;
    assert_eq!(third.json()["events_loaded"], 1, "{}", third.stderr);
    assert_eq!(fake.core_used(), spent + 1);
}

#[tokio::test]
async fn a_thousand_repositories_take_twenty_metadata_requests() {
    let names: Vec<String> = (0..1000).map(|i| format!("big/repo{i:04}")).collect();
    let repos =
        names.iter().enumerate().map(|(i, n)| FakeRepo { events: Vec::new(), ..repo(1000 + i as i64, n, 0) }).collect();
    let fake = FakeGithubApi::start(TOKEN, repos, &[("big", names.clone())]).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::at(dir.path());
    let collected = collect(&ws, &fake.url, request(&[], &["big"], &[Fact::Metadata]), fast_policy()).await;
    let summary = collected.summary.unwrap();
    assert_eq!(summary.status, RunStatus::Completed);
    let batches = fake.with(|s| s.graphql_batches.clone());
    assert_eq!(batches.len(), 20, "1,000 repositories must take 20 GraphQL requests, not {}", batches.len());
    assert!(batches.iter().all(|b| *b == 50));
    assert_eq!(scalar(&ws, "SELECT count(DISTINCT repo_id) FROM repo_snapshots").await, 1000);
    // The organisation's list: 10 pages of 100.
    assert_eq!(fake.core_used(), 10);
}

#[tokio::test]
async fn server_errors_and_every_kind_of_rate_limit_answer_are_waited_out() {
    let fake = FakeGithubApi::start(TOKEN, vec![repo(21, "acme/busy", 12)], &[]).await;
    // The reset lies beyond the earlier waits (a 1 s retry-after), so it is still ahead when it comes.
    let soon = (chrono::Utc::now().timestamp() + 3).to_string();
    let fault =
        |status: u16, headers: Vec<(&'static str, String)>, body: &str| Fault { status, headers, body: body.into() };
    fake.inject(
        "/repos/acme/busy/events",
        vec![
            fault(502, vec![], "bad gateway"),
            fault(503, vec![], "unavailable"),
            fault(403, vec![("retry-after", "1".into())], r#"{"message":"You have exceeded a secondary rate limit"}"#),
            fault(
                429,
                vec![("x-ratelimit-remaining", "0".into()), ("x-ratelimit-reset", soon)],
                r#"{"message":"API rate limit exceeded"}"#,
            ),
            fault(403, vec![], r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes."}"#),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::at(dir.path());
    let started = std::time::Instant::now();
    let collected = collect(&ws, &fake.url, request(&["acme/busy"], &[], &[Fact::Events]), fast_policy()).await;
    let summary = collected.summary.unwrap();
    assert_eq!(summary.status, RunStatus::Completed, "{:?}", summary.failures);
    assert_eq!(summary.events_loaded, 12);
    let statuses: Vec<u16> = fake
        .log()
        .into_iter()
        .filter(|(_, p, _)| p.starts_with("/repos/acme/busy/events"))
        .map(|(_, _, s)| s)
        .collect();
    assert_eq!(statuses, vec![502, 503, 403, 429, 403, 200]);
    let retries = collected.progress.iter().filter(|p| matches!(p, Progress::UnitRetrying { .. })).count();
    let waits: Vec<bool> = collected
        .progress
        .iter()
        .filter_map(|p| match p {
            Progress::UnitWaiting { primary, .. } => Some(*primary),
            _ => None,
        })
        .collect();
    assert_eq!(retries, 2, "one notice per server error");
    assert!(waits.contains(&true) && waits.contains(&false), "primary and secondary waits are shown: {waits:?}");
    assert!(started.elapsed() >= Duration::from_millis(1000), "retry-after 1 s must be honoured");
}

#[tokio::test]
async fn an_exhausted_budget_stops_or_waits_as_the_setting_says() {
    let fake = FakeGithubApi::start(TOKEN, vec![repo(31, "acme/quiet", 3)], &[]).await;
    fake.with(|s| {
        s.core_remaining = 0;
        s.core_reset = chrono::Utc::now().timestamp() + 3600;
    });
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::at(dir.path());
    let stop = GovernorPolicy { when_exhausted: WhenExhausted::Stop, ..fast_policy() };
    let collected = collect(&ws, &fake.url, request(&["acme/quiet"], &[], &[]), stop).await;
    let summary = collected.summary.unwrap();
    assert_eq!(summary.status, RunStatus::CompletedWithErrors);
    assert_eq!(summary.units_done, 1, "metadata uses GraphQL's own budget");
    assert_eq!(summary.units_failed, 3);
    assert!(
        summary.failures.iter().all(|f| f.reason.contains("rate limit is used up until")),
        "{:?}",
        summary.failures
    );
    let spent_rest = fake.log().iter().filter(|(m, p, _)| m == "GET" && p != "/rate_limit").count();
    assert_eq!(spent_rest, 0, "no request is sent into an exhausted limit");

    // Waiting: the budget comes back in two seconds and the run goes on by itself.
    fake.with(|s| s.core_reset = chrono::Utc::now().timestamp() + 2);
    let collected = collect(&ws, &fake.url, request(&["acme/quiet"], &[], &[]), fast_policy()).await;
    let summary = collected.summary.unwrap();
    assert_eq!(summary.status, RunStatus::Completed, "{:?}", summary.failures);
    assert_eq!(summary.events_loaded, 3);
    assert!(collected.progress.iter().any(|p| matches!(p, Progress::UnitWaiting { primary: true, .. })));
}

#[tokio::test]
async fn an_invisible_repository_fails_only_its_own_units() {
    let mut hidden = repo(41, "acme/secret", 2);
    hidden.visible = false;
    let fake = FakeGithubApi::start(
        TOKEN,
        vec![repo(40, "acme/open", 2), hidden],
        &[("acme", vec!["acme/open".into(), "acme/secret".into()])],
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let args = ["ingest", "github", "--org", "acme", "--github-api-url", &fake.url, "--json"];
    let out = cli::run_with(dir.path(), &args, &[("OCTOSCOPE_GITHUB_TOKEN", TOKEN)], None).await;
    assert_eq!(out.code, 3, "completed with errors: {}", out.stderr);
    let summary = out.json();
    assert_eq!(summary["units_done"], 4);
    let failures = summary["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 3, "{failures:#?}");
    for failure in failures {
        assert!(failure["unit"].as_str().unwrap().ends_with(":acme/secret"));
        assert!(failure["reason"].as_str().unwrap().contains("not found or not visible to this token"), "{failure}");
    }
}

#[tokio::test]
async fn a_refused_token_ends_with_code_5_and_never_echoes_the_token() {
    let fake = FakeGithubApi::start(TOKEN, vec![repo(50, "acme/x", 1)], &[]).await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = "ghp_wrongTokenWrongTokenWrongToken000000";
    let args = ["ingest", "github", "--repo", "acme/x", "--github-api-url", &fake.url];
    let out = cli::run_with(dir.path(), &args, &[("OCTOSCOPE_GITHUB_TOKEN", wrong)], None).await;
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains("token is invalid or expired"), "{}", out.stderr);
    assert!(!out.stderr.contains(wrong) && !out.stdout.contains(wrong));
    // No token in the environment and no keychain to hold one: said so, exit code 4.
    let missing = cli::run(dir.path(), &args).await;
    assert_eq!(missing.code, 4, "{}", missing.stderr);
    assert!(missing.stderr.to_lowercase().contains("keychain"), "{}", missing.stderr);
    let typo = cli::run(dir.path(), &["ingest", "github", "--repo", "not a repo"]).await;
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("is not a repository"), "{}", typo.stderr);
}

#[tokio::test]
async fn without_star_history_the_stargazer_list_or_the_snapshots_take_over() {
    let mut listed = repo(60, "acme/listed", 0);
    listed.star_weeks = None;
    listed.stargazers = Some(
        ["2026-01-02T03:04:05Z", "2026-01-02T23:00:00Z", "2026-01-05T00:00:00Z"]
            .iter()
            .enumerate()
            .map(|(i, at)| json!({"starred_at": at, "user": {"login": format!("fan{i}"), "id": 100 + i}}))
            .collect(),
    );
    let mut private = repo(61, "acme/private", 0);
    private.star_weeks = None;
    let fake = FakeGithubApi::start(TOKEN, vec![listed, private], &[]).await;
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::at(dir.path());
    let collected =
        collect(&ws, &fake.url, request(&["acme/listed", "acme/private"], &[], &[Fact::Stars]), fast_policy()).await;
    let summary = collected.summary.unwrap();
    assert_eq!(summary.status, RunStatus::Completed, "neither is an error: {:?}", summary.failures);
    let days = {
        let store = Store::open(&ws).await.unwrap();
        let rows: Vec<(i64, i64, i64, String)> =
            sqlx::query_as("SELECT repo_id, day, stars, source FROM star_days ORDER BY day")
                .fetch_all(store.pool())
                .await
                .unwrap();
        store.close().await;
        rows
    };
    let jan2 = 20_455; // 2026-01-02 as a unix day
    assert_eq!(days, vec![(60, jan2, 2, "stargazers".to_owned()), (60, jan2 + 3, 1, "stargazers".to_owned())]);
    // Nobody's identity is kept: counts only.
    assert_eq!(scalar(&ws, "SELECT count(*) FROM actors WHERE login LIKE 'fan%'").await, 0);
    let store = Store::open(&ws).await.unwrap();
    let sources: Vec<(String, String)> =
        sqlx::query_as("SELECT unit_key, checkpoint FROM units WHERE unit_key LIKE 'stars:%' ORDER BY unit_key")
            .fetch_all(store.pool())
            .await
            .unwrap();
    store.close().await;
    assert_eq!(
        sources,
        vec![
            ("stars:acme/listed".to_owned(), r#"{"star_source":"stargazers"}"#.to_owned()),
            ("stars:acme/private".to_owned(), r#"{"star_source":"snapshots"}"#.to_owned()),
        ]
    );
}

#[tokio::test]
async fn an_events_feed_is_not_polled_again_before_githubs_poll_interval() {
    let fake = FakeGithubApi::start(TOKEN, vec![repo(70, "acme/feed", 4)], &[]).await; // X-Poll-Interval: 60
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::at(dir.path());
    let first = collect(&ws, &fake.url, request(&["acme/feed"], &[], &[Fact::Events]), fast_policy()).await;
    assert_eq!(first.summary.unwrap().events_loaded, 4);
    let again = collect(&ws, &fake.url, request(&["acme/feed"], &[], &[Fact::Events]), fast_policy()).await;
    let summary = again.summary.unwrap();
    assert_eq!((summary.units_skipped, summary.units_done), (1, 1), "the feed is not due; metadata runs");
    let feed_requests = fake.log().iter().filter(|(_, p, _)| p.starts_with("/repos/acme/feed/events")).count();
    assert_eq!(feed_requests, 1);
}

#[tokio::test]
async fn a_github_run_with_trace_logs_leaves_the_token_nowhere() {
    let fake = FakeGithubApi::start(TOKEN, vec![repo(80, "acme/logged", 3)], &[]).await;
    let dir = tempfile::tempdir().unwrap();
    let args = ["-vv", "ingest", "github", "--repo", "acme/logged", "--github-api-url", &fake.url];
    let env = [("OCTOSCOPE_GITHUB_TOKEN", TOKEN), ("OCTOSCOPE_LOG", "trace")];
    let out = cli::run_with(dir.path(), &args, &env, None).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.lines().count() > 50, "trace logging was on");
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN), "the token reached the output");
    assert!(dir.path().join("cache/http").read_dir().unwrap().count() > 0, "the HTTP cache was written");
    assert_no_trace(dir.path(), &[TOKEN]);
}

#[tokio::test]
async fn an_event_from_both_gh_archive_and_the_feed_is_stored_once() {
    // An hour of GH Archive, and a feed that repeats one of its stars.
    let config = small_config(200);
    let the_hour = hour("2024-03-04T10");
    let hours = tempfile::tempdir().unwrap();
    write_hours(hours.path(), &config, [the_hour]);
    let (raw, _) = raw_hour(&config, the_hour);
    let star: Value = String::from_utf8_lossy(&raw)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|e| {
            e["type"] == "WatchEvent"
                && e["id"].is_string()
                && e["repo"]["id"].is_i64()
                && e["repo"]["name"].as_str().is_some_and(|n| n.contains('/'))
        })
        .expect("a modern WatchEvent in the hour");
    let mut tracked = repo(star["repo"]["id"].as_i64().unwrap(), star["repo"]["name"].as_str().unwrap(), 0);
    tracked.events = vec![star.clone()];
    let name = tracked.full_name.clone();
    let fake = FakeGithubApi::start(TOKEN, vec![tracked], &[]).await;

    let dir = tempfile::tempdir().unwrap();
    let hours_dir = hours.path().to_str().unwrap();
    let archive = cli::run(
        dir.path(),
        &["ingest", "gharchive", "--dir", hours_dir, "--from", "2024-03-04T10", "--to", "2024-03-04T11", "--json"],
    )
    .await;
    assert_eq!(archive.code, 0, "{}", archive.stderr);
    let stored = scalar(&Workspace::at(dir.path()), "SELECT count(*) FROM events").await;
    let args = ["ingest", "github", "--repo", &name, "--facts", "events", "--github-api-url", &fake.url, "--json"];
    let feed = cli::run_with(dir.path(), &args, &[("OCTOSCOPE_GITHUB_TOKEN", TOKEN)], None).await;
    assert_eq!(feed.code, 0, "{}", feed.stderr);
    let summary = feed.json();
    assert_eq!((summary["events_loaded"].as_u64(), summary["duplicates"].as_u64()), (Some(0), Some(1)));
    assert_eq!(scalar(&Workspace::at(dir.path()), "SELECT count(*) FROM events").await, stored);
}

fn client_for(url: &str, cache_dir: &std::path::Path) -> GithubClient {
    GithubClient::new(url, &Secret::new(TOKEN.into()), HttpCache::new(cache_dir), fast_policy()).unwrap()
}

#[tokio::test]
async fn recorded_github_answers_replay_through_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let cancel = CancellationToken::new();
    let quiet = |_: github::client::Notice| {};

    // get-repository: the recorded ETag makes the second request conditional, answered 304.
    let replay = FixtureReplay::start("get-repository").await;
    let client = client_for(&replay.url, dir.path());
    let path = "/repos/octokit-fixture-org/hello-world";
    let first = client.get("/repos/{owner}/{repo}", path, "2022-11-28", &cancel, &quiet).await.unwrap();
    assert!(!first.from_cache);
    let again = client.get("/repos/{owner}/{repo}", path, "2022-11-28", &cancel, &quiet).await.unwrap();
    assert!(again.from_cache, "the recorded ETag must make the refresh a 304");
    assert_eq!(again.body, first.body);
    let seen = replay.requests.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert!(seen[1].1.is_some(), "the second request carries If-None-Match");

    // paginate-issues: every page through the recorded Link headers, parsed as issues.
    let replay = FixtureReplay::start("paginate-issues").await;
    let client = client_for(&replay.url, &dir.path().join("2"));
    let mut next = Some("/repos/octokit-fixture-org/paginate-issues/issues?per_page=3".to_owned());
    let (mut pages, mut items) = (0, 0);
    while let Some(path) = next.take() {
        let answer = client.get("/repos/{owner}/{repo}/issues", &path, "2022-11-28", &cancel, &quiet).await.unwrap();
        let mut entities = octoscope_engine::store::Entities::default();
        items += github::parse::issues_page(&answer.body, 1000, 0, &mut entities).unwrap().items.len();
        pages += 1;
        next = answer.next;
    }
    let recorded: Vec<Value> = serde_json::from_str(include_str!("fixtures/octokit/paginate-issues.json")).unwrap();
    let recorded_items: usize = recorded.iter().map(|r| r["response"].as_array().unwrap().len()).sum();
    assert_eq!((pages, items), (recorded.len(), recorded_items));

    // rename-repository: the recorded 301 is followed to the repository's new home.
    let replay = FixtureReplay::start("rename-repository").await;
    let client = client_for(&replay.url, &dir.path().join("3"));
    let moved = client
        .get("/repos/{owner}/{repo}", "/repos/octokit-fixture-org/rename-repository", "2022-11-28", &cancel, &quiet)
        .await
        .unwrap();
    assert!(moved.body.contains("\"id\":1000"), "{}", &moved.body[..200.min(moved.body.len())]);

    // errors: GitHub's validation message reaches the user.
    let replay = FixtureReplay::start("errors").await;
    let client = client_for(&replay.url, &dir.path().join("4"));
    let refused = client
        .get("/repos/{owner}/{repo}/labels", "/repos/octokit-fixture-org/errors/labels", "2022-11-28", &cancel, &quiet)
        .await;
    match refused {
        Err(ApiError::Rejected { status: 422, message, .. }) => {
            assert!(message.contains("Validation Failed"), "{message}")
        }
        other => panic!("expected the recorded 422, got {other:?}"),
    }
}
