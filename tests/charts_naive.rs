//! Every chart's numbers, recomputed the naive way from the raw generated JSON (not from the
//! rollups the charts read), must match exactly. The data has duplicates, bots, legacy-schema
//! events, events filed in the wrong hour, malformed lines and a missing hour.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use octoscope_engine::time::UtcHour;
use octoscope_tests::cli::run;
use octoscope_tests::data::{hour, raw_hour, small_config, write_hours};
use serde_json::Value;

/// One valid event as a naive reader sees it.
struct NaiveEvent {
    kind: String,
    repo: String,
    created_at: DateTime<Utc>,
}

fn naive_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y/%m/%d %H:%M:%S %z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Reads every record of the hours, keeps the valid ones once each.
fn naive_events(hours: &[UtcHour]) -> Vec<NaiveEvent> {
    let config = small_config(500);
    let mut seen = HashSet::new();
    let mut events = Vec::new();
    for h in hours {
        let (raw, _) = raw_hour(&config, *h);
        for line in raw.split(|b| *b == b'\n') {
            for value in serde_json::Deserializer::from_slice(line).into_iter::<Value>().map_while(Result::ok) {
                let Some(kind) = value["type"].as_str().filter(|k| k.ends_with("Event")) else { continue };
                let Some(created_at) = value["created_at"].as_str().and_then(naive_time) else { continue };
                let repo = match (&value["repo"], &value["repository"]) {
                    (Value::Object(r), _) => r.get("name").and_then(Value::as_str).map(str::to_owned),
                    (_, Value::Object(r)) => {
                        match (r.get("owner").and_then(Value::as_str), r.get("name").and_then(Value::as_str)) {
                            (Some(owner), Some(name)) => Some(format!("{owner}/{name}")),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let Some(repo) = repo.filter(|r| r.contains('/')) else { continue };
                // Legacy records have no id: the whole record identifies them.
                let key = value["id"].as_str().map_or_else(|| value.to_string(), str::to_owned);
                if seen.insert((key, created_at)) {
                    events.push(NaiveEvent { kind: kind.to_owned(), repo, created_at });
                }
            }
        }
    }
    events
}

async fn chart(workspace: &std::path::Path, args: &[&str]) -> Value {
    let mut full = vec!["chart"];
    full.extend_from_slice(args);
    full.extend(["--format", "json"]);
    let output = run(workspace, &full).await;
    assert_eq!(output.code, 0, "{args:?}: {}", output.stderr);
    output.json()
}

fn series(chart: &Value, name: &str) -> Vec<f64> {
    chart["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no series {name} in {chart}"))["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

fn day_counts(events: &[NaiveEvent], keep: impl Fn(&NaiveEvent) -> bool) -> BTreeMap<String, f64> {
    let mut counts = BTreeMap::new();
    for e in events.iter().filter(|e| keep(e)) {
        *counts.entry(e.created_at.format("%Y-%m-%d").to_string()).or_insert(0.0) += 1.0;
    }
    counts
}

fn values_for(chart: &Value, counts: &BTreeMap<String, f64>) -> Vec<f64> {
    chart["x"].as_array().unwrap().iter().map(|x| counts.get(x.as_str().unwrap()).copied().unwrap_or(0.0)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_chart_matches_a_naive_count_of_the_raw_events() {
    // Two days of modern hours with one hour missing, and a legacy-schema stretch.
    let modern: Vec<UtcHour> =
        (0..30).map(|i| UtcHour(hour("2024-01-15T10").0 + i)).filter(|h| h.to_string() != "2024-01-15T20").collect();
    let legacy: Vec<UtcHour> = (0..3).map(|i| UtcHour(hour("2013-04-01T07").0 + i)).collect();
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &small_config(500), modern.iter().chain(&legacy).copied());
    let workspace = tempfile::tempdir().unwrap();
    let dir = source.path().to_str().unwrap();
    for (from, to) in [("2024-01-15T10", "2024-01-16T16"), ("2013-04-01T07", "2013-04-01T10")] {
        let output = run(workspace.path(), &["ingest", "gharchive", "--from", from, "--to", to, "--dir", dir]).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
    }
    let ws = workspace.path();
    let events = naive_events(&modern);
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

    // Coverage: events per hour, the missing hour marked, hours outside the loaded ones too.
    let data = chart(ws, &["coverage", "--from", "2024-01-15T09", "--to", "2024-01-16T17"]).await;
    let mut per_hour: BTreeMap<String, f64> = BTreeMap::new();
    for e in &events {
        *per_hour.entry(e.created_at.format("%Y-%m-%dT%H").to_string()).or_default() += 1.0;
    }
    assert_eq!(series(&data, "events per hour"), values_for(&data, &per_hour));
    assert_eq!(data["incomplete"], serde_json::json!(["2024-01-15T09", "2024-01-15T20", "2024-01-16T16"]));

    // Legacy data charts the same way.
    let legacy_events = naive_events(&legacy);
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
    ] {
        let output = run(workspace.path(), &args).await;
        assert_eq!(output.code, 2, "{args:?}: {}", output.stderr);
        assert!(output.stderr.contains(message), "{args:?}: {}", output.stderr);
    }
    let list = run(workspace.path(), &["chart", "--list"]).await;
    let ids: Vec<&str> = list.stdout.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(ids, ["stars", "activity", "forks", "top-repos", "coverage"]);
}
