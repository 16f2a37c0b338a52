//! Benchmark: every chart's query on a workspace of 20 million events.
//!
//!     cargo bench -p octoscope-engine --bench chart_queries
//!
//! The first run builds the workspace in target/bench-data/charts-20m/ from generated hours
//! (about 35 minutes on 2 cores; hours are generated and loaded a week at a time, so the disk
//! never holds more than a week of files); later runs reuse it. Each chart is timed five times
//! after one warm-up run; the median is printed.
//!
//! `OCTOSCOPE_BENCH_EVENTS=2000000` builds and times a smaller workspace (in `charts-2m/`) for
//! quick comparisons while working on a query; the recorded figures are for 20 million.
//! `OCTOSCOPE_BENCH_CHARTS=time-to-merge,heatmap` times only those charts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use octoscope_engine::charts::{self, ChartRequest, Granularity, RankBy};
use octoscope_engine::demo::{DEMO_START, SampleConfig, write_hour_gz};
use octoscope_engine::pipeline::progress::ignore_progress;
use octoscope_engine::pipeline::{CancellationToken, RunOptions, execute, plan_gharchive};
use octoscope_engine::scope::{Filter, OrgName, RepoName, Scope};
use octoscope_engine::sources::gharchive::{ArchiveLocation, FetchPolicy, Fetcher};
use octoscope_engine::store::Store;
use octoscope_engine::time::{HourRange, UtcHour};
use octoscope_engine::workspace::Workspace;

const DEFAULT_EVENTS: u64 = 20_000_000;

/// How many events the benchmark workspace holds.
fn target_events() -> u64 {
    std::env::var("OCTOSCOPE_BENCH_EVENTS").ok().and_then(|text| text.parse().ok()).unwrap_or(DEFAULT_EVENTS)
}

fn config() -> SampleConfig {
    SampleConfig {
        seed: 0x0C70_5C09_C4A7_2000,
        events_per_hour: 3_000,
        repositories: 20_000,
        actors: 60_000,
        malformed_per_hour: 1,
        duplicate_per_mille: 2,
        misfiled_per_mille: 3,
    }
}

fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from);
    target.join("bench-data").join(format!("charts-{}m", target_events() / 1_000_000))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(bench());
}

async fn build_workspace(workspace: &Workspace, hours: u32) {
    let store = Store::open(workspace).await.expect("open store");
    let config = config();
    let staging = bench_dir().join("hours");
    let started = Instant::now();
    for week in (0..hours).step_by(168) {
        let batch: Vec<UtcHour> =
            (week..(week + 168).min(hours)).map(|i| UtcHour(DEMO_START.0 + i64::from(i))).collect();
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).expect("staging dir");
        std::thread::scope(|scope| {
            for half in batch.chunks(batch.len().div_ceil(2)) {
                let (config, staging) = (&config, &staging);
                scope.spawn(move || {
                    for hour in half {
                        write_hour_gz(config, *hour, staging).expect("generate hour");
                    }
                });
            }
        });
        let range = HourRange::new(batch[0], batch[batch.len() - 1].next()).expect("range");
        let fetcher = Fetcher::new(
            ArchiveLocation::Dir { path: staging.clone() },
            workspace.gharchive_cache_dir(),
            FetchPolicy::default(),
        )
        .expect("fetcher");
        let scope = Scope { filter: Filter::default(), range };
        let plan = plan_gharchive(&store, &fetcher, &scope).await.expect("plan");
        execute(&store, &plan, fetcher, &RunOptions::default(), ignore_progress(), CancellationToken::new())
            .await
            .expect("load week");
        eprintln!("loaded {} of {hours} hours in {:.0} s", (week + 168).min(hours), started.elapsed().as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&staging);
    store.close().await;
}

async fn bench() {
    let hours = u32::try_from(target_events() / u64::from(config().events_per_hour)).unwrap_or(u32::MAX);
    let workspace = Workspace::at(bench_dir().join("workspace"));
    let marker = bench_dir().join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(workspace.root());
        build_workspace(&workspace, hours).await;
        std::fs::write(&marker, b"ok").expect("marker");
    }
    let store = Store::open(&workspace).await.expect("open store");
    let stats = store.stats().await.expect("stats");
    println!(
        "chart_queries: workspace of {} events, {} repositories, {} actors",
        stats.events, stats.repositories, stats.actors
    );

    let all = HourRange::new(DEMO_START, UtcHour(DEMO_START.0 + i64::from(hours))).expect("range");
    let month = HourRange::new(UtcHour(DEMO_START.0 + 24 * 60), UtcHour(DEMO_START.0 + 24 * 90)).expect("range");
    let busiest = RepoName::parse("acme/rocket").expect("repo");
    let quiet = RepoName::parse("kaito-s/vim-lumen").expect("repo");
    let request = |repos: Vec<RepoName>, org: Option<&str>, range: HourRange, granularity: Granularity| ChartRequest {
        repos,
        org: org.map(|o| OrgName::parse(o).expect("org")),
        range,
        granularity,
        limit: 10,
        rank_by: RankBy::Events,
        include_bots: false,
        compare: false,
    };
    let cases: Vec<(&str, &str, ChartRequest)> = vec![
        ("stars", "busiest repo, all time, weekly", request(vec![busiest.clone()], None, all, Granularity::Week)),
        ("stars", "8 repos compared, month, daily", request(featured(8), None, month, Granularity::Day)),
        ("forks", "busiest repo, all time, monthly", request(vec![busiest.clone()], None, all, Granularity::Month)),
        ("activity", "whole workspace, all time, monthly", request(vec![], None, all, Granularity::Month)),
        ("activity", "busiest repo, month, daily", request(vec![busiest.clone()], None, month, Granularity::Day)),
        (
            "pull-requests",
            "busiest repo, all time, weekly",
            request(vec![busiest.clone()], None, all, Granularity::Week),
        ),
        (
            "time-to-merge",
            "busiest repo, all time, monthly",
            request(vec![busiest.clone()], None, all, Granularity::Month),
        ),
        ("issues", "whole workspace, month, daily", request(vec![], None, month, Granularity::Day)),
        (
            "issue-response",
            "busiest repo, all time, monthly",
            request(vec![busiest.clone()], None, all, Granularity::Month),
        ),
        ("heatmap", "whole workspace, all time", request(vec![], None, all, Granularity::Day)),
        ("heatmap", "busiest repo, month", request(vec![busiest.clone()], None, month, Granularity::Day)),
        ("heatmap", "quiet repo, all time", request(vec![quiet.clone()], None, all, Granularity::Day)),
        ("top-contributors", "busiest repo, month", request(vec![busiest.clone()], None, month, Granularity::Day)),
        ("top-contributors", "quiet repo, all time", request(vec![quiet], None, all, Granularity::Day)),
        ("top-contributors", "busiest repo, all time", request(vec![busiest.clone()], None, all, Granularity::Day)),
        (
            "top-contributors",
            "organisation acme, month, bots in",
            ChartRequest { include_bots: true, ..request(vec![], Some("acme"), month, Granularity::Day) },
        ),
        ("top-repos", "whole workspace, month", request(vec![], None, month, Granularity::Day)),
        ("top-repos", "organisation acme, all time", request(vec![], Some("acme"), all, Granularity::Day)),
        ("coverage", "month of hours", request(vec![], None, month, Granularity::Day)),
        ("releases", "8 repos, all time, monthly", request(featured(8), None, all, Granularity::Month)),
        ("contributors", "busiest repo, all time", request(vec![busiest.clone()], None, all, Granularity::Month)),
        ("contributors", "whole workspace, all time", request(vec![], None, all, Granularity::Month)),
        ("org-overview", "organisation acme, all time", request(vec![], Some("acme"), all, Granularity::Day)),
        (
            "pull-requests",
            "4 repos compared, all time, weekly",
            ChartRequest { compare: true, ..request(featured(4), None, all, Granularity::Week) },
        ),
    ];
    println!("chart_queries: {:<17} {:<36} {:>10} {:>10}", "chart", "request", "median ms", "max ms");
    let only: Option<Vec<String>> =
        std::env::var("OCTOSCOPE_BENCH_CHARTS").ok().map(|ids| ids.split(',').map(str::to_owned).collect());
    for (id, label, request) in cases {
        if only.as_ref().is_some_and(|ids| !ids.iter().any(|wanted| wanted == id)) {
            continue;
        }
        charts::build(&store, id, &request).await.expect("warm-up");
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..5 {
            let started = Instant::now();
            charts::build(&store, id, &request).await.expect("chart");
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "chart_queries: {:<17} {:<36} {:>10.1} {:>10.1}",
            id,
            label,
            times[2].as_secs_f64() * 1000.0,
            times[4].as_secs_f64() * 1000.0
        );
    }
    store.close().await;
}

fn featured(n: usize) -> Vec<RepoName> {
    octoscope_engine::demo::FEATURED_REPOSITORIES.iter().take(n).map(|r| RepoName::parse(r).expect("repo")).collect()
}
