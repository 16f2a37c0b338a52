//! A deliberately naive reading of generated GH Archive hours, for tests that recompute chart
//! numbers without the engine's parser or rollups.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use octoscope_engine::demo::SampleConfig;
use octoscope_engine::time::UtcHour;
use serde_json::Value;

use crate::cli::run;
use crate::data::raw_hour;

/// One valid event as a naive reader sees it.
pub struct NaiveEvent {
    pub kind: String,
    pub repo: String,
    pub created_at: DateTime<Utc>,
    pub value: Value,
}

pub fn naive_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y/%m/%d %H:%M:%S %z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Reads every record of the hours, keeps the valid ones once each.
pub fn naive_events(config: &SampleConfig, hours: &[UtcHour]) -> Vec<NaiveEvent> {
    let mut seen = HashSet::new();
    let mut events = Vec::new();
    for h in hours {
        let (raw, _) = raw_hour(config, *h);
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
                    events.push(NaiveEvent { kind: kind.to_owned(), repo, created_at, value: value.clone() });
                }
            }
        }
    }
    events
}

pub async fn chart(workspace: &std::path::Path, args: &[&str]) -> Value {
    let mut full = vec!["chart"];
    full.extend_from_slice(args);
    full.extend(["--format", "json"]);
    let output = run(workspace, &full).await;
    assert_eq!(output.code, 0, "{args:?}: {}", output.stderr);
    output.json()
}

pub fn series(chart: &Value, name: &str) -> Vec<f64> {
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

pub fn day_counts(events: &[NaiveEvent], keep: impl Fn(&NaiveEvent) -> bool) -> BTreeMap<String, f64> {
    let mut counts = BTreeMap::new();
    for e in events.iter().filter(|e| keep(e)) {
        *counts.entry(e.created_at.format("%Y-%m-%d").to_string()).or_insert(0.0) += 1.0;
    }
    counts
}

pub fn values_for(chart: &Value, counts: &BTreeMap<String, f64>) -> Vec<f64> {
    chart["x"].as_array().unwrap().iter().map(|x| counts.get(x.as_str().unwrap()).copied().unwrap_or(0.0)).collect()
}
