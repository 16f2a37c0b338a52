//! The release, contributor, organisation, comparison and coverage-drop charts, recomputed the
//! naive way from the raw generated JSON and compared with what the engine serves.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use octoscope_engine::time::UtcHour;
use octoscope_tests::cli::run;
use octoscope_tests::data::{hour, small_config, write_hours};
use octoscope_tests::naive::{NaiveEvent, chart, day_counts, naive_events, series, values_for};
use serde_json::Value;

fn hours_from(start: &str, count: i64) -> Vec<UtcHour> {
    (0..count).map(|i| UtcHour(hour(start).0 + i)).collect()
}

/// Two months of modern data (January and February 2024) and an hour of legacy data (2013).
fn all_hours() -> Vec<UtcHour> {
    [hours_from("2024-01-15T10", 12), hours_from("2024-02-20T10", 6), hours_from("2013-04-01T07", 2)].concat()
}

async fn workspace() -> tempfile::TempDir {
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &small_config(500), all_hours());
    let workspace = tempfile::tempdir().unwrap();
    let dir = source.path().to_str().unwrap();
    for (from, to) in
        [("2024-01-15T10", "2024-01-15T22"), ("2024-02-20T10", "2024-02-20T16"), ("2013-04-01T07", "2013-04-01T09")]
    {
        let output = run(workspace.path(), &["ingest", "gharchive", "--from", from, "--to", to, "--dir", dir]).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
    }
    workspace
}

fn login(e: &NaiveEvent) -> String {
    match &e.value["actor"] {
        Value::Object(actor) => actor.get("login").and_then(Value::as_str).unwrap_or_default().to_owned(),
        Value::String(login) => login.clone(),
        _ => String::new(),
    }
}

/// Who an event's account is: GitHub's id, or the login for legacy records that have none.
fn account(e: &NaiveEvent) -> String {
    e.value["actor"]["id"].as_i64().map_or_else(|| format!("legacy:{}", login(e)), |id| id.to_string())
}

fn is_bot(login: &str) -> bool {
    login.ends_with("[bot]") || ["renovate-bot", "k8s-ci-robot"].contains(&login)
}

fn month(e: &NaiveEvent) -> String {
    e.created_at.format("%Y-%m-01").to_string()
}

/// Per month: (new, returning) accounts, over the events of `repos` (all when empty).
fn naive_contributors(events: &[NaiveEvent], repos: &[&str]) -> BTreeMap<String, (f64, f64)> {
    let contributions: Vec<&NaiveEvent> = events
        .iter()
        .filter(|e| !["WatchEvent", "ForkEvent"].contains(&e.kind.as_str()))
        .filter(|e| repos.is_empty() || repos.contains(&e.repo.as_str()))
        .collect();
    let mut first: HashMap<String, String> = HashMap::new();
    // A bot in a month: some of its contributions that month were under a bot login.
    let mut bots: BTreeSet<(String, String)> = BTreeSet::new();
    for e in &contributions {
        let month = month(e);
        let earliest = first.entry(account(e)).or_insert_with(|| month.clone());
        if month < *earliest {
            *earliest = month.clone();
        }
        if is_bot(&login(e)) {
            bots.insert((month, account(e)));
        }
    }
    let active: BTreeSet<(String, String)> = contributions.iter().map(|e| (month(e), account(e))).collect();
    let mut counts: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (month, who) in active.difference(&bots) {
        let entry = counts.entry(month.clone()).or_default();
        if first[who] == *month {
            entry.0 += 1.0;
        } else {
            entry.1 += 1.0;
        }
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn community_charts_match_a_naive_count_of_the_raw_events() {
    let workspace = workspace().await;
    let ws = workspace.path();
    let events = naive_events(&small_config(500), &all_hours());
    let everything = ["--from", "2013-04-01T00", "--to", "2024-03-01T00"];

    // New and returning contributors per month: the whole workspace and one repository (from
    // trigger-kept tables), and two repositories (an account's first month in either).
    for repos in [vec![], vec!["octo-org/octoscope"], vec!["octo-org/octoscope", "acme/rocket-old"]] {
        let mut args = vec!["contributors"];
        for repo in &repos {
            args.extend(["--repo", repo]);
        }
        args.extend(everything);
        let data = chart(ws, &args).await;
        let expected = naive_contributors(&events, &repos);
        let new: BTreeMap<String, f64> = expected.iter().map(|(m, c)| (m.clone(), c.0)).collect();
        let returning: BTreeMap<String, f64> = expected.iter().map(|(m, c)| (m.clone(), c.1)).collect();
        assert!(returning.values().sum::<f64>() > 0.0, "February has returning contributors ({repos:?})");
        assert_eq!(series(&data, "new contributors"), values_for(&data, &new), "new, {repos:?}");
        assert_eq!(series(&data, "returning contributors"), values_for(&data, &returning), "returning, {repos:?}");
    }

    // Releases: each (repository, tag) once, at its first publication, and marked with its tag.
    let mut first_release: BTreeMap<(String, String), &NaiveEvent> = BTreeMap::new();
    for e in events.iter().filter(|e| e.kind == "ReleaseEvent") {
        let action = e.value["payload"]["action"].as_str();
        let Some(tag) = e.value["payload"]["release"]["tag_name"].as_str().filter(|t| !t.is_empty()) else { continue };
        if matches!(action, Some("edited" | "deleted" | "unpublished")) {
            continue;
        }
        let slot = first_release.entry((e.repo.clone(), tag.to_owned())).or_insert(e);
        if e.created_at < slot.created_at {
            *slot = e;
        }
    }
    let repos: BTreeSet<&str> = first_release.keys().map(|(repo, _)| repo.as_str()).collect();
    let busiest = *repos.iter().max_by_key(|r| first_release.keys().filter(|(repo, _)| repo == *r).count()).unwrap();
    let data = chart(ws, &["releases", "--repo", busiest, "--from", "2024-01-01T00", "--to", "2024-03-01T00"]).await;
    let releases: Vec<NaiveEvent> = first_release
        .iter()
        .filter(|((repo, _), _)| repo == busiest)
        .map(|(_, e)| NaiveEvent {
            kind: e.kind.clone(),
            repo: e.repo.clone(),
            created_at: e.created_at,
            value: e.value.clone(),
        })
        .collect();
    assert!(!releases.is_empty());
    assert_eq!(series(&data, &format!("{busiest}: releases")), values_for(&data, &day_counts(&releases, |_| true)));
    let marks: BTreeSet<(String, String)> = data["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["x"].as_str().unwrap().to_owned(), m["text"].as_str().unwrap().to_owned()))
        .collect();
    let expected: BTreeSet<(String, String)> = first_release
        .iter()
        .filter(|((repo, _), _)| repo == busiest)
        .map(|((repo, tag), e)| (e.created_at.format("%Y-%m-%d").to_string(), format!("{repo} {tag}")))
        .collect();
    assert_eq!(marks, expected, "every release is marked with its tag on its day");
    let csv =
        run(ws, &["chart", "releases", "--repo", busiest, "--from", "2024-01-01T00", "--to", "2024-03-01T00"]).await;
    assert!(csv.stdout.lines().next().unwrap().ends_with(",marks"), "{}", csv.stdout);

    // Organisation overview: the organisation's repositories by events, split by type.
    let data = chart(
        ws,
        &["org-overview", "--org", "acme", "--limit", "50", "--from", "2024-01-01T00", "--to", "2024-03-01T00"],
    )
    .await;
    let mut per_repo: BTreeMap<&str, f64> = BTreeMap::new();
    for e in events.iter().filter(|e| e.repo.starts_with("acme/") && e.created_at.format("%Y").to_string() == "2024") {
        *per_repo.entry(e.repo.as_str()).or_default() += 1.0;
    }
    let mut ranked: Vec<(&str, f64)> = per_repo.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    let names: Vec<&str> = data["x"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert_eq!(names, ranked.iter().map(|r| r.0).collect::<Vec<_>>());
    let totals: Vec<f64> = (0..names.len())
        .map(|i| data["series"].as_array().unwrap().iter().map(|s| s["values"][i].as_f64().unwrap()).sum())
        .collect();
    assert_eq!(totals, ranked.iter().map(|r| r.1).collect::<Vec<_>>(), "each bar adds up to the repository's events");

    // Comparison: one total per repository, overlaid; other charts keep their series, named.
    let (a, b) = ("octo-org/octoscope", "acme/rocket-old");
    let range = ["--from", "2024-01-15T00", "--to", "2024-01-16T00"];
    let data = chart(ws, &[&["activity", "--compare", "--repo", a, "--repo", b][..], &range[..]].concat()).await;
    for repo in [a, b] {
        assert_eq!(
            series(&data, &format!("{repo}: events")),
            values_for(&data, &day_counts(&events, |e| e.repo == repo))
        );
    }
    let compared = chart(ws, &[&["issues", "--compare", "--repo", a, "--repo", b][..], &range[..]].concat()).await;
    let single = chart(ws, &[&["issues", "--repo", b][..], &range[..]].concat()).await;
    for s in single["series"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        assert_eq!(series(&compared, &format!("{b}: {name}")), series(&single, name), "{name}");
    }
    assert_eq!(compared["series"].as_array().unwrap().len(), 2 * single["series"].as_array().unwrap().len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coverage_marks_an_hour_that_fell_under_half_its_usual_count() {
    // The same hour of day on four days; the fourth holds a quarter of the events.
    let source = tempfile::tempdir().unwrap();
    let usual: Vec<UtcHour> = ["2024-01-15T10", "2024-01-16T10", "2024-01-17T10"].map(hour).to_vec();
    write_hours(source.path(), &small_config(400), usual.iter().copied());
    write_hours(source.path(), &small_config(100), [hour("2024-01-18T10")]);
    let workspace = tempfile::tempdir().unwrap();
    let dir = source.path().to_str().unwrap();
    for day in ["15", "16", "17", "18"] {
        let (from, to) = (format!("2024-01-{day}T10"), format!("2024-01-{day}T11"));
        let output = run(workspace.path(), &["ingest", "gharchive", "--from", &from, "--to", &to, "--dir", dir]).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
    }
    let data = chart(workspace.path(), &["coverage", "--from", "2024-01-18T00", "--to", "2024-01-19T00"]).await;
    let marks = data["marks"].as_array().unwrap();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0]["x"], "2024-01-18T10");
    assert!(marks[0]["text"].as_str().unwrap().starts_with("drop: "), "{marks:?}");
    // The hours around it were never collected: gaps, not drops.
    assert_eq!(data["incomplete"].as_array().unwrap().len(), 23);

    // An ordinary day is not flagged.
    let data = chart(workspace.path(), &["coverage", "--from", "2024-01-17T00", "--to", "2024-01-18T00"]).await;
    assert_eq!(data["marks"], serde_json::json!([]), "two days of history are too few to judge, and nothing dropped");
}
