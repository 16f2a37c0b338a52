use std::collections::{HashMap, HashSet};
use std::io::Read;

use serde_json::Value;

use super::*;
use crate::time::parse_event_time;

/// A small hour: fast in debug builds, still with every kind of imperfection.
fn small(events: u32) -> SampleConfig {
    SampleConfig {
        seed: 99,
        events_per_hour: events,
        repositories: 200,
        actors: 500,
        malformed_per_hour: 5,
        duplicate_per_mille: 10,
        misfiled_per_mille: 10,
    }
}

fn hour(text: &str) -> UtcHour {
    UtcHour::parse(text).unwrap()
}

fn generate(config: &SampleConfig, hour: UtcHour) -> (Vec<u8>, HourSummary) {
    let mut out = Vec::new();
    let summary = write_hour(config, hour, &mut out).unwrap();
    assert_eq!(summary.uncompressed_bytes, out.len() as u64);
    (out, summary)
}

/// One hour of each shape.
fn shape_hours() -> [UtcHour; 4] {
    [hour("2011-06-01T05"), hour("2013-04-01T07"), UtcHour(DEMO_START.0 + 5), hour("2025-10-08T03")]
}

/// The records of an hour: JSON values, plus the raw text of the ones that do not parse.
fn records(bytes: &[u8], shape: Shape) -> (Vec<Value>, Vec<String>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let (mut values, mut broken) = (Vec::new(), Vec::new());
    if shape == Shape::SlashTimeline {
        for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
            values.push(value.unwrap());
        }
        return (values, broken);
    }
    assert!(text.ends_with('\n'));
    for line in text.lines() {
        match serde_json::from_str::<Value>(line) {
            Ok(value) => values.push(value),
            Err(_) => broken.push(line.to_owned()),
        }
    }
    (values, broken)
}

/// Whether a parsed record is an event the loader should accept.
fn acceptable(event: &Value) -> bool {
    let Some(time) = event["created_at"].as_str() else { return false };
    if event["type"].as_str().is_none() || parse_event_time(time).is_none() {
        return false;
    }
    match (&event["repo"], &event["repository"]) {
        (Value::Object(repo), _) => repo["name"].as_str().is_some_and(|n| n.contains('/')),
        (_, Value::Object(repo)) => repo["name"].is_string() && repo["owner"].is_string(),
        _ => matches!(event["type"].as_str(), Some("FollowEvent" | "GistEvent")),
    }
}

#[test]
fn same_config_and_hour_give_the_same_bytes() {
    for h in shape_hours() {
        let config = small(300);
        assert_eq!(generate(&config, h).0, generate(&config, h).0, "{h}");
        let other = SampleConfig { seed: 100, ..config };
        assert_ne!(generate(&config, h).0, generate(&other, h).0, "{h}");
    }
}

#[test]
fn every_record_parses_except_the_intended_malformed_ones() {
    for h in shape_hours() {
        let shape = Shape::of(h);
        let config = small(400);
        let (bytes, summary) = generate(&config, h);
        let (values, broken) = records(&bytes, shape);
        let rejected = values.iter().filter(|v| !acceptable(v)).count();
        assert_eq!(broken.len() + rejected, 5, "{h}: {broken:?}");
        assert_eq!(summary.malformed, 5);
        assert_eq!(summary.events, (values.len() - rejected) as u64, "{h}");
        if shape == Shape::SlashTimeline {
            assert!(broken.is_empty(), "a one-line hour must stay parseable");
            assert_eq!(summary.lines, 1);
        } else {
            assert_eq!(summary.lines, (values.len() + broken.len()) as u64);
        }
        // Acceptable events lie in the hour, or in the previous one when filed late.
        for event in values.iter().filter(|v| acceptable(v)) {
            let t = parse_event_time(event["created_at"].as_str().unwrap()).unwrap();
            assert!(t >= h.start() - 3600 && t < h.start() + 3600, "{h}: {event}");
        }
    }
}

#[test]
fn malformed_kinds_are_all_present_in_the_events_era() {
    let h = UtcHour(DEMO_START.0 + 5);
    let (bytes, _) = generate(&small(400), h);
    let (values, broken) = records(&bytes, Shape::EventsApi);
    assert_eq!(broken.len(), 2);
    let truncated = broken.iter().find(|l| l.starts_with('{')).unwrap();
    assert!(truncated.contains("@") && truncated.contains("\"commits\""), "{truncated}");
    assert!(broken.iter().any(|l| !l.starts_with('{')));
    let bad: Vec<&Value> = values.iter().filter(|v| !acceptable(v)).collect();
    assert!(bad.iter().any(|v| v.get("type").is_none()));
    assert!(bad.iter().any(|v| v["created_at"] == "yesterday"));
    assert!(bad.iter().any(|v| v["repo"]["name"].as_str().is_some_and(|n| !n.contains('/'))));
}

#[test]
fn legacy_hours_have_the_timeline_shape() {
    let (bytes, _) = generate(&small(400), hour("2013-04-01T07"));
    let (values, _) = records(&bytes, Shape::Timeline);
    let events: Vec<&Value> = values.iter().filter(|v| acceptable(v)).collect();
    for event in &events {
        assert!(event.get("id").is_none());
        assert!(event["actor"].is_string());
        assert!(event["actor_attributes"]["login"].is_string());
        let time = event["created_at"].as_str().unwrap();
        assert!(time.ends_with("-07:00") || time.ends_with("-08:00"), "{time}");
    }
    assert!(events.iter().any(|e| e["repository"]["organization"].is_string()));
    assert!(events.iter().any(|e| e["type"] == "FollowEvent" && e.get("repository").is_none()));
    let push = events.iter().find(|e| e["type"] == "PushEvent").unwrap();
    let sha = &push["payload"]["shas"][0];
    assert_eq!(sha[0].as_str().unwrap().len(), 40);
    assert!(sha[1].as_str().unwrap().contains('@'));
    assert_eq!(
        push["repository"]["url"],
        format!(
            "https://github.com/{}/{}",
            push["repository"]["owner"].as_str().unwrap(),
            push["repository"]["name"].as_str().unwrap()
        )
    );
}

#[test]
fn slash_hours_are_one_line_of_concatenated_objects() {
    let h = hour("2011-06-01T05");
    let (bytes, summary) = generate(&small(300), h);
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains('\n'));
    assert!(text.contains("}{\"created_at\":\""));
    assert_eq!(summary.lines, 1);
    let (values, _) = records(text.as_bytes(), Shape::SlashTimeline);
    let mut in_hour = 0;
    for event in values.iter().filter(|v| acceptable(v)) {
        let time = event["created_at"].as_str().unwrap();
        assert_eq!(&time[4..5], "/", "{time}");
        assert!(time.ends_with(" -0700") || time.ends_with(" -0800"), "{time}");
        let t = parse_event_time(time).unwrap();
        in_hour += usize::from(t >= h.start() && t < h.start() + 3600);
    }
    assert!(in_hour >= 290);
}

#[test]
fn trimmed_hours_drop_commits_and_pull_request_details() {
    let (bytes, _) = generate(&small(600), hour("2025-10-08T03"));
    let (values, _) = records(&bytes, Shape::TrimmedEventsApi);
    let pushes: Vec<&Value> = values.iter().filter(|v| v["type"] == "PushEvent" && acceptable(v)).collect();
    assert!(pushes.len() > 200);
    for push in pushes {
        let payload = push["payload"].as_object().unwrap();
        let keys: HashSet<&str> = payload.keys().map(String::as_str).collect();
        assert_eq!(keys, HashSet::from(["repository_id", "push_id", "ref", "head", "before"]));
    }
    let pull = values.iter().find(|v| v["type"] == "PullRequestEvent").unwrap();
    let object = &pull["payload"]["pull_request"];
    assert!(object.get("merged").is_none() && object.get("user").is_none() && object.get("created_at").is_none());
    assert!(object["head"]["repo"]["name"].as_str().unwrap().contains('/'));
}

#[test]
fn events_api_hours_look_like_the_real_archive() {
    let h = UtcHour(DEMO_START.0 + 30);
    let config = SampleConfig { events_per_hour: 3000, ..SampleConfig::demo() };
    let (bytes, summary) = generate(&config, h);
    let (values, _) = records(&bytes, Shape::EventsApi);
    let events: Vec<&Value> = values.iter().filter(|v| acceptable(v)).collect();
    let mut types: HashMap<&str, usize> = HashMap::new();
    for event in &events {
        *types.entry(event["type"].as_str().unwrap()).or_default() += 1;
    }
    let share = |t: &str| types.get(t).copied().unwrap_or(0) as f64 / events.len() as f64;
    for (kind, low, high) in [
        ("PushEvent", 0.45, 0.56),
        ("CreateEvent", 0.09, 0.15),
        ("PullRequestEvent", 0.07, 0.11),
        ("WatchEvent", 0.05, 0.09),
        ("IssueCommentEvent", 0.04, 0.08),
        ("PullRequestReviewEvent", 0.015, 0.045),
        ("ForkEvent", 0.01, 0.03),
    ] {
        assert!((low..high).contains(&share(kind)), "{kind}: {}", share(kind));
    }
    assert!(types.len() >= 13, "{types:?}");

    let bots = events.iter().filter(|e| e["actor"]["login"].as_str().unwrap().ends_with("[bot]")).count();
    let bot_share = bots as f64 / events.len() as f64;
    assert!((0.10..0.20).contains(&bot_share), "bots: {bot_share}");
    assert!(events.iter().any(|e| e["actor"]["login"] == "renovate-bot" || e["actor"]["login"] == "k8s-ci-robot"));

    // Popularity follows a power law: the most active repository is far ahead of the median.
    let mut per_repo: HashMap<u64, usize> = HashMap::new();
    for event in &events {
        *per_repo.entry(event["repo"]["id"].as_u64().unwrap()).or_default() += 1;
    }
    let mut counts: Vec<usize> = per_repo.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    assert!(counts[0] > 20 * counts[counts.len() / 2], "{:?}", &counts[..10]);

    // Closed pull requests were opened earlier, and most were merged.
    let closed: Vec<&Value> = events
        .iter()
        .filter(|e| e["type"] == "PullRequestEvent" && e["payload"]["action"] == "closed")
        .copied()
        .collect();
    assert!(closed.len() > 50);
    let mut merged = 0;
    for event in &closed {
        let pr = &event["payload"]["pull_request"];
        let at = parse_event_time(event["created_at"].as_str().unwrap()).unwrap();
        assert!(parse_event_time(pr["created_at"].as_str().unwrap()).unwrap() < at);
        if pr["merged"] == true {
            merged += 1;
            assert_eq!(pr["merged_at"], event["created_at"]);
        } else {
            assert!(pr["merged_at"].is_null());
        }
    }
    assert!(merged * 10 > closed.len() * 6, "{merged} of {}", closed.len());

    // No issue or pull request number is opened twice (duplicated records aside).
    let (mut opened, mut ids) = (HashSet::new(), HashSet::new());
    for event in events.iter().filter(|e| e["payload"]["action"] == "opened" && ids.insert(e["id"].clone())) {
        let number =
            event["payload"]["pull_request"]["number"].as_u64().or(event["payload"]["issue"]["number"].as_u64());
        assert!(opened.insert((event["repo"]["id"].as_u64(), number.unwrap())), "{event}");
    }

    // E-mail addresses of both kinds appear, as in real push payloads.
    let emails: Vec<&str> = events
        .iter()
        .filter_map(|e| e["payload"]["commits"].as_array())
        .flatten()
        .map(|c| c["author"]["email"].as_str().unwrap())
        .collect();
    assert!(emails.iter().any(|e| e.ends_with("@example.com")));
    assert!(emails.iter().any(|e| e.ends_with("@users.noreply.github.com")));
    assert!(summary.duplicates > 0);
}

#[test]
fn duplicates_repeat_ids_and_late_events_belong_to_the_previous_hour() {
    let config = small(1000);
    let h = UtcHour(DEMO_START.0 + 50);
    let (bytes, summary) = generate(&config, h);
    let (values, _) = records(&bytes, Shape::EventsApi);
    let events: Vec<&Value> = values.iter().filter(|v| acceptable(v)).collect();
    let mut seen: HashMap<&str, &Value> = HashMap::new();
    let mut repeats = 0;
    for event in &events {
        let id = event["id"].as_str().unwrap();
        assert_eq!(id.len(), 11, "{id}");
        if let Some(first) = seen.insert(id, event) {
            assert_eq!(first, *event, "a duplicate is the same event");
            repeats += 1;
        }
    }
    assert_eq!(repeats, 10);
    assert_eq!(summary.duplicates, 10);
    let late: Vec<&&Value> =
        seen.values().filter(|e| parse_event_time(e["created_at"].as_str().unwrap()).unwrap() < h.start()).collect();
    assert_eq!(late.len(), 10);

    // Ids never collide across neighbouring hours, and late events carry ids of the range of
    // the hour they happened in.
    let (previous_bytes, _) = generate(&config, UtcHour(h.0 - 1));
    let (previous, _) = records(&previous_bytes, Shape::EventsApi);
    let previous_ids: Vec<u64> =
        previous.iter().filter_map(|v| v["id"].as_str()).map(|id| id.parse().unwrap()).collect();
    let late_ids: HashSet<u64> = late.iter().map(|e| e["id"].as_str().unwrap().parse().unwrap()).collect();
    let own_min = seen.keys().map(|id| id.parse::<u64>().unwrap()).filter(|id| !late_ids.contains(id)).min().unwrap();
    for &id in &late_ids {
        assert!(!previous_ids.contains(&id));
        assert!(id > *previous_ids.iter().min().unwrap() && id < own_min);
    }
}

#[test]
fn the_featured_repository_is_renamed_a_day_in() {
    let config = small(600);
    let id_named = |h: UtcHour, name: &str| {
        let (bytes, _) = generate(&config, h);
        let (values, _) = records(&bytes, Shape::EventsApi);
        values.iter().find(|v| v["repo"]["name"] == name).map(|v| v["repo"]["id"].as_u64().unwrap())
    };
    let before = id_named(UtcHour(RENAMED_AT.0 - 1), RENAMED_FROM).unwrap();
    let after = id_named(RENAMED_AT, FEATURED_REPOSITORIES[0]).unwrap();
    assert_eq!(before, after);
    // The first hour after the rename still carries late events from before it, under the old
    // name; the hour after that has none.
    assert!(id_named(UtcHour(RENAMED_AT.0 + 1), RENAMED_FROM).is_none());
}

#[test]
fn shape_boundaries_match_their_dates() {
    assert_eq!(DEMO_START, hour("2024-03-04T00"));
    assert_eq!(SLASH_TIMES_UNTIL, hour("2012-03-10T00"));
    assert_eq!(TIMELINE_UNTIL, hour("2015-01-01T00"));
    assert_eq!(TRIMMED_FROM, hour("2025-10-07T00"));
    assert_eq!(Shape::of(UtcHour(TRIMMED_FROM.0 - 1)), Shape::EventsApi);
    assert_eq!(Shape::of(TRIMMED_FROM), Shape::TrimmedEventsApi);
}

#[test]
fn sizes_and_compression_match_real_hours() {
    // The benchmark population with fewer events: average size and gzip ratio are properties
    // of the mix, not of the count.
    let config = SampleConfig { events_per_hour: 3000, ..SampleConfig::benchmark() };
    let (bytes, summary) = generate(&config, UtcHour(DEMO_START.0 + 7));
    let average = bytes.len() as f64 / summary.events as f64;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    std::io::Write::write_all(&mut encoder, &bytes).unwrap();
    let ratio = bytes.len() as f64 / encoder.finish().unwrap().len() as f64;
    assert!((3500.0..4200.0).contains(&average), "average event {average:.0} bytes");
    assert!((7.0..9.0).contains(&ratio), "gzip ratio {ratio:.2}");
}

#[test]
fn gz_files_are_named_like_the_archive_and_hold_the_same_bytes() {
    let dir = std::env::temp_dir().join(format!("octoscope-demo-test-{}", std::process::id()));
    let config = small(200);
    let h = hour("2024-03-05T07");
    let (path, summary) = write_hour_gz(&config, h, &dir).unwrap();
    assert_eq!(path.file_name().unwrap(), "2024-03-05-7.json.gz");
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()).read_to_end(&mut text).unwrap();
    assert_eq!((text, summary), generate(&config, h));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_first_events_api_hour_gives_its_late_events_ids_of_their_own() {
    let config = small(500);
    let ids = |h: UtcHour| -> HashSet<u64> {
        let (bytes, _) = generate(&config, h);
        let (values, _) = records(&bytes, Shape::of(h));
        values.iter().filter_map(|v| v["id"].as_str()).map(|id| id.parse().unwrap()).collect()
    };
    let first = ids(TIMELINE_UNTIL);
    // Every distinct event, plus the three malformed records that still parse and carry an id.
    assert_eq!(first.len(), 500 + 3);
    assert!(first.is_disjoint(&ids(UtcHour(TIMELINE_UNTIL.0 + 1))));
}
