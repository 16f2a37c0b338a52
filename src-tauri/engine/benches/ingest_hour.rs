//! Benchmark: one generated GH Archive hour of 200,000 events (~820 MB raw, ~100 MB gzipped)
//! ingested from a local folder into a fresh workspace, end to end with full validation.
//!
//!     cargo bench -p octoscope-engine --bench ingest_hour
//!
//! Prints events/s and peak RSS of the ingest (the generator's memory is excluded by resetting
//! the high-water mark first), plus a decode-only figure to show where the time goes.
//! The generated hour is kept in target/bench-data/ so later runs skip generating it.
//!
//! `OCTOSCOPE_BENCH_HOURS=N` loads N consecutive generated hours in one run instead: the rate a
//! long collection keeps up, where one hour's commit can overlap the next hour's decoding.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use octoscope_engine::demo::{SampleConfig, write_hour_gz};
use octoscope_engine::pipeline::progress::ignore_progress;
use octoscope_engine::pipeline::{CancellationToken, RunOptions, execute, plan_gharchive};
use octoscope_engine::scope::{Filter, Scope};
use octoscope_engine::sources::gharchive::decode::{HourContext, decode_stream};
use octoscope_engine::sources::gharchive::record::TimeBounds;
use octoscope_engine::sources::gharchive::{ArchiveLocation, FetchPolicy, Fetcher};
use octoscope_engine::store::Store;
use octoscope_engine::time::{HourRange, UtcHour};
use octoscope_engine::workspace::Workspace;

fn main() {
    // As the CLI and the desktop app do (a long run's peak memory depends on it).
    octoscope_engine::monitoring::memory::limit_malloc_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(bench());
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from);
    target.join("bench-data")
}

async fn bench() {
    let config = SampleConfig::benchmark();
    let hour = UtcHour::parse("2024-01-15T10").expect("hour");
    let dir = data_dir().join(format!("seed-{}-{}", config.seed, config.events_per_hour));
    let hours: i64 = std::env::var("OCTOSCOPE_BENCH_HOURS").ok().and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
    for offset in 0..hours {
        let generated = UtcHour(hour.0 + offset);
        if !dir.join(format!("{}.json.gz", generated.archive_stem())).exists() {
            std::fs::create_dir_all(&dir).expect("bench data dir");
            let started = Instant::now();
            let (_, summary) = write_hour_gz(&config, generated, &dir).expect("generate");
            eprintln!(
                "generated {generated}: {} events, {:.0} MB raw, in {:.1} s",
                summary.events,
                summary.uncompressed_bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let path = dir.join(format!("{}.json.gz", hour.archive_stem()));
    let gz_bytes = std::fs::metadata(&path).expect("hour file").len();

    // Decode only (inflate + split + parse + validate), no database: where the floor is.
    let filter = Filter::default();
    let context = HourContext { bounds: TimeBounds::for_file_hour(hour.start()), filter: &filter, prefilter: None };
    let started = Instant::now();
    let file = std::io::BufReader::with_capacity(256 << 10, std::fs::File::open(&path).expect("open"));
    let read = AtomicU64::new(0);
    let (tally, _) = decode_stream(
        flate2::read::MultiGzDecoder::new(file),
        &read,
        &context,
        &CancellationToken::new(),
        &|_| {},
        &mut |_| Ok(()),
    )
    .expect("decode");
    let decode_seconds = started.elapsed().as_secs_f64();

    reset_peak_rss();
    let cpu_before = cpu_seconds();
    let workspace_dir = tempfile::tempdir().expect("tempdir");
    let workspace = Workspace::at(workspace_dir.path());
    let started = Instant::now();
    let store = Store::open(&workspace).await.expect("open store");
    let fetcher = Fetcher::new(
        ArchiveLocation::Dir { path: dir.clone() },
        workspace.gharchive_cache_dir(),
        FetchPolicy::default(),
    )
    .expect("fetcher");
    let last = UtcHour(hour.0 + hours);
    let scope = Scope { filter: Filter::default(), range: HourRange::new(hour, last).expect("range") };
    let plan = plan_gharchive(&store, &fetcher, &scope).await.expect("plan");
    let summary = execute(&store, &plan, fetcher, &RunOptions::default(), ignore_progress(), CancellationToken::new())
        .await
        .expect("run");
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    let peak_rss = peak_rss_bytes();
    let checkpointed = wait_for_checkpoint(&store).await;
    let checkpointed_seconds = started.elapsed().as_secs_f64();
    store.close().await;
    let db_bytes = std::fs::metadata(workspace.database_path()).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(workspace.database_path().with_extension("db-wal")).map(|m| m.len()).unwrap_or(0);

    assert_eq!(summary.units_done as i64, hours, "every hour must load: {summary:?}");
    let records = tally.records as f64;
    let records_loaded =
        (summary.events_loaded + summary.duplicates + summary.quarantined + summary.out_of_scope) as f64;
    println!("ingest_hour: file {:.1} MB gzipped, {} records", gz_bytes as f64 / 1e6, tally.records);
    println!("ingest_hour: decode only      {:>8.2} s  {:>9.0} events/s", decode_seconds, records / decode_seconds);
    println!(
        "ingest_hour: end to end       {:>8.2} s  {:>9.0} events/s  ({hours} hour(s): {} loaded, {} duplicates, {} quarantined)",
        seconds,
        records_loaded / seconds,
        summary.events_loaded,
        summary.duplicates,
        summary.quarantined
    );
    println!(
        "ingest_hour: writer           {:>8.2} s staging (overlaps decoding), {:.2} s final commit",
        summary.staging_ms as f64 / 1000.0,
        summary.commit_ms as f64 / 1000.0
    );
    println!(
        "ingest_hour: CPU time         {:>8.2} s over {:.2} s wall ({:.1} cores busy)",
        cpu,
        seconds,
        cpu / seconds
    );
    println!(
        "ingest_hour: checkpointed     {:>8.2} s  (the WAL copied into the database file{})",
        checkpointed_seconds,
        if checkpointed { "" } else { ": NOT confirmed" }
    );
    println!("ingest_hour: peak RSS         {:>8.0} MB", peak_rss as f64 / 1e6);
    println!("ingest_hour: database         {:>8.1} MB", db_bytes as f64 / 1e6);
}

/// Waits until everything committed is in the database file: the run ends when its last unit
/// commits, and the writer's checkpointer copies the WAL over afterwards. Polls a passive
/// checkpoint (which does part of the copying itself) until one finds nothing left to copy.
async fn wait_for_checkpoint(store: &Store) -> bool {
    for _ in 0..1000 {
        let (busy, log, copied): (i64, i64, i64) =
            sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(store.pool()).await.expect("checkpoint");
        if busy == 0 && log == copied {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    false
}

/// Resets the kernel's peak-RSS mark for this process (Linux: write 5 to clear_refs).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb * 1024)
}

/// User + system CPU time of this process so far (Linux /proc; clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
            let rest = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}
