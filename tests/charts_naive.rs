//! Every chart's numbers, recomputed the naive way from the raw generated JSON (not from the
//! rollups the charts read), must match exactly. The data has duplicates, bots, legacy-schema
//! events, events filed in the wrong hour, malformed lines and a missing hour.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use octoscope_engine::time::UtcHour;
use octoscope_tests::cli::run;
use octoscope_tests::data::{hour, small_config, write_hours};
use octoscope_tests::naive::{NaiveEvent, chart, day_counts, naive_events, naive_time, series, values_for};

fn modern_hours() -> Vec<UtcHour> {
    // Thirty hours from 2024-01-15T10 with one (2024-01-15T20) missing from the archive.
    (0..30).map(|i| UtcHour(hour("2024-01-15T10").0 + i)).filter(|h| h.to_string() != "2024-01-15T20").collect()
}

fn legacy_hours() -> Vec<UtcHour> {
    (0..3).map(|i| UtcHour(hour("2013-04-01T07").0 + i)).collect()
}

/// A workspace loaded from the modern and legacy sample hours, through the CLI.
async fn sample_workspace() -> tempfile::TempDir {
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &small_config(500), modern_hours().iter().chain(&legacy_hours()).copied());
    let workspace = tempfile::tempdir().unwrap();
    let dir = source.path().to_str().unwrap();
    for (from, to) in [("2024-01-15T10", "2024-01-16T16"), ("2013-04-01T07", "2013-04-01T10")] {
        let output = run(workspace.path(), &["ingest", "gharchive", "--from", from, "--to", to, "--dir", dir]).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
    }
    workspace
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_chart_matches_a_naive_count_of_the_raw_events() {
    let workspace = sample_workspace().await;
    let (modern, legacy) = (modern_hours(), legacy_hours());
    let ws = workspace.path();
    let events = naive_events(&small_config(500), &modern);
    let range = ["--from", "2024-01-15T00", "--to", "2024-01-17T00"];

    // Stars and forks, per repository, new per day and running total.
    for (id, kind, noun, repo) in [
        ("stars", "WatchEvent", "stars", "octo-org/octoscope"),
        ("forks", "ForkEvent", "forks", "nimbus-labs/cloudkit"),
    ] {
        let data = chart(ws, &[&[id, "--repo", repo], &range[..]].concat()).await;
        let expected = values_for(&data, &day_counts(&events, |e| e.kind == kind && e.repo == repo));
        assert!(expected.iter().sum::<f64>() > 0.0, "{repo} has {kind}s in the sample");
        assert_eq!(series(&data, &format!("{repo}: new {noun}")), expected, "{id}");
        let total: Vec<f64> = expected
            .iter()
            .scan(0.0, |s, v| {
                *s += v;
                Some(*s)
            })
            .collect();
        assert_eq!(series(&data, &format!("{repo}: {noun} gained in range")), total, "{id} running total");
        assert_eq!(data["incomplete"], serde_json::json!(["2024-01-15", "2024-01-16"]), "both days lack hours");
    }

    // Activity: every event type, whole workspace.
    let data = chart(ws, &[&["activity"][..], &range[..]].concat()).await;
    let kinds: HashSet<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(data["series"].as_array().unwrap().len(), kinds.len());
    for kind in kinds {
        assert_eq!(series(&data, kind), values_for(&data, &day_counts(&events, |e| e.kind == kind)), "{kind}");
    }

    // Weekly buckets sum the days (2024-01-15 is a Monday).
    let weekly = chart(ws, &[&["activity", "--granularity", "week"][..], &range[..]].concat()).await;
    assert_eq!(weekly["x"], serde_json::json!(["2024-01-15"]));
    assert_eq!(series(&weekly, "PushEvent"), vec![events.iter().filter(|e| e.kind == "PushEvent").count() as f64]);

    // Top repositories by events.
    let data = chart(ws, &[&["top-repos", "--limit", "5"][..], &range[..]].concat()).await;
    let mut per_repo: BTreeMap<&str, i64> = BTreeMap::new();
    for e in &events {
        *per_repo.entry(e.repo.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, i64)> = per_repo.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(5);
    let names: Vec<&str> = data["x"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert_eq!(names, ranked.iter().map(|r| r.0).collect::<Vec<_>>());
    assert_eq!(series(&data, "events"), ranked.iter().map(|r| r.1 as f64).collect::<Vec<_>>());

    // Top repositories by stars gained.
    let data = chart(ws, &[&["top-repos", "--limit", "3", "--by", "stars"][..], &range[..]].concat()).await;
    let mut stars: BTreeMap<&str, i64> = BTreeMap::new();
    for e in events.iter().filter(|e| e.kind == "WatchEvent") {
        *stars.entry(e.repo.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, i64)> = stars.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(3);
    let names: Vec<&str> = data["x"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert_eq!(names, ranked.iter().map(|r| r.0).collect::<Vec<_>>());
    assert_eq!(series(&data, "stars gained"), ranked.iter().map(|r| r.1 as f64).collect::<Vec<_>>());

    // One day of two: each repository's month total now overstates its count, so the ranking
    // must count the candidates it keeps exactly (charts/ranking.rs).
    for (by, series_name, kind) in [("events", "events", None), ("stars", "stars gained", Some("WatchEvent"))] {
        let day = ["--from", "2024-01-16T00", "--to", "2024-01-17T00"];
        let data = chart(ws, &[&["top-repos", "--limit", "4", "--by", by][..], &day[..]].concat()).await;
        let mut per_repo: BTreeMap<&str, i64> = BTreeMap::new();
        for e in events.iter().filter(|e| e.created_at.format("%d").to_string() == "16") {
            if kind.is_none_or(|k| e.kind == k) {
                *per_repo.entry(e.repo.as_str()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, i64)> = per_repo.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked.truncate(4);
        let names: Vec<&str> = data["x"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        assert_eq!(names, ranked.iter().map(|r| r.0).collect::<Vec<_>>(), "top repositories by {by} on one day");
        assert_eq!(series(&data, series_name), ranked.iter().map(|r| r.1 as f64).collect::<Vec<_>>());
    }

    // Coverage: events per hour, the missing hour marked, hours outside the loaded ones too.
    let data = chart(ws, &["coverage", "--from", "2024-01-15T09", "--to", "2024-01-16T17"]).await;
    let mut per_hour: BTreeMap<String, f64> = BTreeMap::new();
    for e in &events {
        *per_hour.entry(e.created_at.format("%Y-%m-%dT%H").to_string()).or_default() += 1.0;
    }
    assert_eq!(series(&data, "events per hour"), values_for(&data, &per_hour));
    assert_eq!(data["incomplete"], serde_json::json!(["2024-01-15T09", "2024-01-15T20", "2024-01-16T16"]));

    // Heatmap: weekday x hour of day, the whole workspace (hourly rollup) and one repository
    // (events index).
    for repo in [None, Some("octo-org/octoscope")] {
        let mut args = vec!["heatmap"];
        if let Some(repo) = repo {
            args.extend(["--repo", repo]);
        }
        args.extend(range);
        let data = chart(ws, &args).await;
        let mut grid = vec![vec![0.0; 24]; 7];
        for e in events.iter().filter(|e| repo.is_none_or(|r| e.repo == r)) {
            use chrono::{Datelike, Timelike};
            grid[e.created_at.weekday().num_days_from_monday() as usize][e.created_at.hour() as usize] += 1.0;
        }
        for (day, expected) in
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].iter().zip(grid)
        {
            assert_eq!(series(&data, day), expected, "heatmap {repo:?} {day}");
        }
    }
    // A range that starts and ends mid-day: the per-repository rollup is cut at the hour.
    let (from, to) = ("2024-01-15T13", "2024-01-16T07");
    let data = chart(ws, &["heatmap", "--repo", "octo-org/octoscope", "--from", from, "--to", to]).await;
    let mut grid = vec![vec![0.0; 24]; 7];
    for e in events.iter().filter(|e| e.repo == "octo-org/octoscope") {
        use chrono::{Datelike, Timelike};
        let hour = e.created_at.format("%Y-%m-%dT%H").to_string();
        if hour.as_str() >= from && hour.as_str() < to {
            grid[e.created_at.weekday().num_days_from_monday() as usize][e.created_at.hour() as usize] += 1.0;
        }
    }
    assert!(grid.iter().flatten().sum::<f64>() > 0.0);
    for (day, expected) in
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].iter().zip(grid)
    {
        assert_eq!(series(&data, day), expected, "heatmap cut at the hour, {day}");
    }

    // Top contributors of the busiest repository, bots left out, stars and forks not counted.
    let repo = "acme/rocket-old";
    let data = chart(ws, &[&["top-contributors", "--repo", repo, "--limit", "5"][..], &range[..]].concat()).await;
    let mut per_login: BTreeMap<String, f64> = BTreeMap::new();
    for e in events.iter().filter(|e| e.repo == repo && !["WatchEvent", "ForkEvent"].contains(&e.kind.as_str())) {
        let login = e.value["actor"]["login"].as_str().unwrap_or_default().to_owned();
        if !(login.ends_with("[bot]") || ["renovate-bot", "k8s-ci-robot"].contains(&login.as_str())) {
            *per_login.entry(login).or_default() += 1.0;
        }
    }
    let ranked = top_by_login(per_login, 5);
    let (names, totals) = bars(&data);
    assert_eq!(names, ranked.iter().map(|r| r.0.as_str()).collect::<Vec<_>>());
    assert_eq!(totals, ranked.iter().map(|r| r.1).collect::<Vec<_>>(), "the breakdown adds up to each total");

    // An organisation's repositories, bots counted, over a range cut at the hour: the ranking
    // reads month totals as bounds (charts/top_contributors.rs) and must count exactly.
    let (from, to) = ("2024-01-15T13", "2024-01-16T07");
    let args = ["top-contributors", "--org", "acme", "--include-bots", "--limit", "6", "--from", from, "--to", to];
    let data = chart(ws, &args).await;
    let mut per_login: BTreeMap<String, f64> = BTreeMap::new();
    for e in
        events.iter().filter(|e| e.repo.starts_with("acme/") && !["WatchEvent", "ForkEvent"].contains(&e.kind.as_str()))
    {
        let hour = e.created_at.format("%Y-%m-%dT%H").to_string();
        if hour.as_str() >= from && hour.as_str() < to {
            *per_login.entry(e.value["actor"]["login"].as_str().unwrap_or_default().to_owned()).or_default() += 1.0;
        }
    }
    let ranked = top_by_login(per_login, 6);
    assert!(
        ranked.len() == 6 && ranked.iter().any(|r| r.0.ends_with("[bot]")),
        "the data has a bot among them: {ranked:?}"
    );
    let (names, totals) = bars(&data);
    assert_eq!(names, ranked.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), "an organisation's top contributors");
    assert_eq!(totals, ranked.iter().map(|r| r.1).collect::<Vec<_>>());

    // Legacy data charts the same way.
    let legacy_events = naive_events(&small_config(500), &legacy);
    let data = chart(ws, &["activity", "--from", "2013-04-01T00", "--to", "2013-04-02T00"]).await;
    assert_eq!(series(&data, "PushEvent"), values_for(&data, &day_counts(&legacy_events, |e| e.kind == "PushEvent")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn charts_refuse_unknown_ids_repositories_and_empty_ranges() {
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &small_config(200), [hour("2024-01-15T10")]);
    let workspace = tempfile::tempdir().unwrap();
    let dir = source.path().to_str().unwrap();
    let ingest = run(
        workspace.path(),
        &["ingest", "gharchive", "--from", "2024-01-15T10", "--to", "2024-01-15T11", "--dir", dir],
    )
    .await;
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    for (args, message) in [
        (vec!["chart", "bogus"], "there is no chart `bogus`"),
        (vec!["chart", "stars", "--repo", "nobody/nothing"], "no data for repository `nobody/nothing`"),
        (vec!["chart", "activity", "--from", "2020-01-01T00", "--to", "2020-01-02T00"], "has no data"),
        (vec!["chart", "stars", "--format", "png"], "needs --out"),
        (vec!["chart", "top-contributors"], "needs repositories (--repo) or an organisation (--org)"),
        (vec!["chart", "org-overview"], "needs an organisation (--org NAME)"),
        (vec!["chart", "activity", "--compare"], "a comparison needs at least two repositories"),
        (vec!["chart", "heatmap", "--compare"], "chart `heatmap` cannot be compared"),
    ] {
        let output = run(workspace.path(), &args).await;
        assert_eq!(output.code, 2, "{args:?}: {}", output.stderr);
        assert!(output.stderr.contains(message), "{args:?}: {}", output.stderr);
    }
    let list = run(workspace.path(), &["chart", "--list"]).await;
    let ids: Vec<&str> = list.stdout.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "stars",
            "activity",
            "forks",
            "pull-requests",
            "time-to-merge",
            "issues",
            "issue-response",
            "heatmap",
            "top-contributors",
            "releases",
            "contributors",
            "org-overview",
            "top-repos",
            "coverage"
        ]
    );
}

/// The lifecycle of one issue or pull request, replayed naively from its events.
#[derive(Default, Debug)]
struct NaiveItem {
    pull_request: bool,
    issue: bool,
    opened: Option<DateTime<Utc>>,
    closed: Option<DateTime<Utc>>,
    merged: Option<bool>,
    first_response: Option<DateTime<Utc>>,
}

/// Every issue and pull request of the workspace, keyed by (repository, number).
fn naive_items(events: &[NaiveEvent]) -> BTreeMap<(String, i64), NaiveItem> {
    let mut items: BTreeMap<(String, i64), NaiveItem> = BTreeMap::new();
    let mut ordered: Vec<&NaiveEvent> = events.iter().collect();
    ordered.sort_by_key(|e| e.created_at);
    for e in ordered {
        let payload = &e.value["payload"];
        let item_json = if payload["pull_request"].is_object() { &payload["pull_request"] } else { &payload["issue"] };
        let Some(number) = payload["number"].as_i64().or(item_json["number"].as_i64()) else { continue };
        let kind = e.kind.as_str();
        if !matches!(
            kind,
            "PullRequestEvent"
                | "IssuesEvent"
                | "IssueCommentEvent"
                | "PullRequestReviewEvent"
                | "PullRequestReviewCommentEvent"
        ) {
            continue;
        }
        let item = items.entry((e.repo.clone(), number)).or_default();
        item.pull_request |= kind.starts_with("PullRequest");
        item.issue |= kind == "IssuesEvent";
        let created = item_json["created_at"].as_str().and_then(naive_time);
        let action = payload["action"].as_str();
        let mut candidates = vec![item.opened, created];
        if action == Some("opened") && matches!(kind, "PullRequestEvent" | "IssuesEvent") {
            candidates.push(Some(e.created_at));
        }
        item.opened = candidates.into_iter().flatten().min();
        if action == Some("closed") && matches!(kind, "PullRequestEvent" | "IssuesEvent") {
            item.closed = Some(e.created_at);
            item.merged = if kind == "PullRequestEvent" { item_json["merged"].as_bool() } else { None };
        }
        let login = e.value["actor"]["login"].as_str().or(e.value["actor"].as_str()).unwrap_or_default();
        let bot = login.ends_with("[bot]") || ["renovate-bot", "k8s-ci-robot"].contains(&login);
        let author = item_json["user"]["id"].as_i64();
        let responder = e.value["actor"]["id"].as_i64();
        let is_response =
            matches!(kind, "IssueCommentEvent" | "PullRequestReviewEvent" | "PullRequestReviewCommentEvent");
        if is_response && !bot && author.is_some() && author != responder {
            item.first_response = [item.first_response, Some(e.created_at)].into_iter().flatten().min();
        }
    }
    items
}

fn median_and_p90(mut values: Vec<f64>) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    values.sort_by(f64::total_cmp);
    let rank = |p: f64| values[((p * values.len() as f64).ceil() as usize).max(1) - 1];
    (rank(0.5), rank(0.9))
}

fn hours(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    ((to - from).num_seconds() as f64 / 3600.0 * 10.0).round() / 10.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_request_and_issue_charts_match_a_naive_replay() {
    let workspace = sample_workspace().await;
    let ws = workspace.path();
    // Issue numbers are per repository forever: the 2013 events of the same repositories count.
    let events = naive_events(&small_config(500), &[modern_hours(), legacy_hours()].concat());
    let items = naive_items(&events);
    // The whole workspace, for enough items to make the statistics meaningful, and the
    // repository with the most items (the charts read other indexes with a repository filter).
    let range = ["--from", "2024-01-15T00", "--to", "2024-01-17T00"];
    let mut per_repo: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, _) in items.keys() {
        *per_repo.entry(name.as_str()).or_default() += 1;
    }
    let busiest = per_repo.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse(**name))).map(|(name, _)| *name);
    for repo in [None, busiest] {
        let in_scope: Vec<&NaiveItem> =
            items.iter().filter(|((name, _), _)| repo.is_none_or(|r| name == r)).map(|(_, item)| item).collect();
        let mut args = range.to_vec();
        if let Some(repo) = repo {
            args.extend(["--repo", repo]);
        }
        check_lifecycle_charts(ws, &args, &in_scope, items.len()).await;
    }
}

/// The pull request and issue charts over `args` against a naive replay of `items`.
async fn check_lifecycle_charts(ws: &std::path::Path, args: &[&str], items: &[&NaiveItem], all_items: usize) {
    let day = |t: Option<DateTime<Utc>>| t.map(|t| t.format("%Y-%m-%d").to_string());
    // Numbers are shared: any pull-request event makes the number a pull request.
    let pulls: Vec<&NaiveItem> = items.iter().copied().filter(|i| i.pull_request).collect();
    let issues: Vec<&NaiveItem> = items.iter().copied().filter(|i| i.issue && !i.pull_request).collect();
    assert!(
        pulls.iter().any(|p| p.merged == Some(true)) && issues.iter().any(|i| i.closed.is_some()),
        "{args:?}: {} items of {all_items}, {} pull requests, {} issues: {:?}",
        items.len(),
        pulls.len(),
        issues.len(),
        items.iter().take(5).collect::<Vec<_>>()
    );

    let data = chart(ws, &[&["pull-requests"][..], args].concat()).await;
    let count = |keep: &dyn Fn(&NaiveItem) -> Option<String>, list: &[&NaiveItem]| {
        let mut counts = BTreeMap::new();
        for item in list {
            if let Some(d) = keep(item) {
                *counts.entry(d).or_insert(0.0) += 1.0;
            }
        }
        counts
    };
    assert_eq!(series(&data, "opened"), values_for(&data, &count(&|p| day(p.opened), &pulls)));
    assert_eq!(
        series(&data, "merged"),
        values_for(&data, &count(&|p| if p.merged == Some(true) { day(p.closed) } else { None }, &pulls))
    );
    assert_eq!(
        series(&data, "closed without merge"),
        values_for(&data, &count(&|p| if p.merged == Some(false) { day(p.closed) } else { None }, &pulls))
    );

    let data = chart(ws, &[&["time-to-merge"][..], args].concat()).await;
    let mut expected_median = Vec::new();
    let mut expected_p90 = Vec::new();
    for x in data["x"].as_array().unwrap() {
        let durations: Vec<f64> = pulls
            .iter()
            .filter(|p| p.merged == Some(true) && day(p.closed).as_deref() == x.as_str())
            .filter_map(|p| Some(hours(p.opened?, p.closed?)))
            .collect();
        let (median, p90) = median_and_p90(durations);
        expected_median.push(median);
        expected_p90.push(p90);
    }
    assert!(expected_median.iter().any(|m| *m > 0.0));
    assert_eq!(series(&data, "median hours to merge"), expected_median);
    assert_eq!(series(&data, "p90 hours to merge"), expected_p90);

    let data = chart(ws, &[&["issues"][..], args].concat()).await;
    assert_eq!(series(&data, "opened"), values_for(&data, &count(&|i| day(i.opened), &issues)));
    assert_eq!(series(&data, "closed"), values_for(&data, &count(&|i| day(i.closed), &issues)));

    let data = chart(ws, &[&["issue-response"][..], args].concat()).await;
    let mut close = (Vec::new(), Vec::new());
    let mut respond = (Vec::new(), Vec::new());
    for x in data["x"].as_array().unwrap() {
        let opened_here: Vec<&&NaiveItem> = issues.iter().filter(|i| day(i.opened).as_deref() == x.as_str()).collect();
        let (m, p) = median_and_p90(opened_here.iter().filter_map(|i| Some(hours(i.opened?, i.closed?))).collect());
        close.0.push(m);
        close.1.push(p);
        let (m, p) =
            median_and_p90(opened_here.iter().filter_map(|i| Some(hours(i.opened?, i.first_response?))).collect());
        respond.0.push(m);
        respond.1.push(p);
    }
    assert_eq!(series(&data, "median hours to close"), close.0);
    assert_eq!(series(&data, "p90 hours to close"), close.1);
    // One repository's few issues may have none; the whole workspace must, or this checks nothing.
    assert!(items.len() < all_items || respond.0.iter().any(|m| *m > 0.0), "the sample has responses");
    assert_eq!(series(&data, "median hours to first response"), respond.0);
    assert_eq!(series(&data, "p90 hours to first response"), respond.1);
}

/// The `limit` logins with the most events, most first, ties by login (the chart's order).
fn top_by_login(per_login: BTreeMap<String, f64>, limit: usize) -> Vec<(String, f64)> {
    let mut ranked: Vec<(String, f64)> = per_login.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    ranked
}

/// A ranked chart's bars: their names, and each bar's total over its series.
fn bars(data: &serde_json::Value) -> (Vec<&str>, Vec<f64>) {
    let names: Vec<&str> = data["x"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    let totals = (0..names.len())
        .map(|i| data["series"].as_array().unwrap().iter().map(|s| s["values"][i].as_f64().unwrap()).sum())
        .collect();
    (names, totals)
}
