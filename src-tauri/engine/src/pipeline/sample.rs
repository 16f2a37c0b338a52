//! The offline sample workspace: generated GH Archive hours loaded through the real GH Archive
//! path (the same decoder, validation and loader as a real collection), with no network.

use std::path::PathBuf;

use tokio_util::sync::CancellationToken;

use super::plan::plan_gharchive;
use super::progress::{ProgressSink, RunSummary};
use super::run::{RunOptions, execute};
use crate::demo::{DEMO_START, SampleConfig, write_hour_gz};
use crate::error::{EngineError, Result};
use crate::scope::{Filter, Scope};
use crate::sources::gharchive::{ArchiveLocation, FetchPolicy, Fetcher};
use crate::store::Store;
use crate::time::{HourRange, UtcHour};
use crate::workspace::Workspace;

/// Most hours `octoscope demo` will generate: four weeks.
pub const MAX_SAMPLE_HOURS: u32 = 24 * 28;

/// Writes `hours` sample hours (starting at [`DEMO_START`]) into the workspace's sample folder,
/// skipping hours already there, and returns the folder.
pub async fn generate_sample_hours(workspace: &Workspace, config: &SampleConfig, hours: u32) -> Result<PathBuf> {
    if hours == 0 || hours > MAX_SAMPLE_HOURS {
        return Err(EngineError::InvalidInput(format!(
            "--hours must be between 1 and {MAX_SAMPLE_HOURS} (four weeks), not {hours}"
        )));
    }
    let dir = workspace.sample_dir();
    // The config is part of the folder name so that hours written with other settings are never mixed in.
    let dir = dir.join(format!("seed-{}-{}", config.seed, config.events_per_hour));
    std::fs::create_dir_all(&dir).map_err(|e| EngineError::io(format!("cannot create {}", dir.display()), e))?;
    let missing: Vec<UtcHour> = (0..i64::from(hours))
        .map(|i| UtcHour(DEMO_START.0 + i))
        .filter(|hour| !dir.join(format!("{}.json.gz", hour.archive_stem())).exists())
        .collect();
    // Generation is CPU-bound: one thread per core.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(missing.len().max(1));
    let config = config.clone();
    let target = dir.clone();
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| -> std::io::Result<()> {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(hour) = missing.get(i) else { return Ok(()) };
                            write_hour_gz(&config, *hour, &target)?;
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .try_for_each(|w| w.join().unwrap_or_else(|_| Err(std::io::Error::other("generator panicked"))))
        })
    })
    .await
    .map_err(|e| EngineError::Internal(e.to_string()))?
    .map_err(|e| EngineError::io("cannot write the sample hours", e))?;
    Ok(dir)
}

/// Generates the sample hours and loads them: `octoscope demo`.
pub async fn build_sample_workspace(
    store: &Store,
    workspace: &Workspace,
    hours: u32,
    progress: ProgressSink,
    cancel: CancellationToken,
) -> Result<RunSummary> {
    let config = SampleConfig::demo();
    let dir = generate_sample_hours(workspace, &config, hours).await?;
    let range = HourRange::new(DEMO_START, UtcHour(DEMO_START.0 + i64::from(hours)))?;
    let scope = Scope { filter: Filter::default(), range };
    let fetcher =
        Fetcher::new(ArchiveLocation::Dir { path: dir }, workspace.gharchive_cache_dir(), FetchPolicy::default())?;
    let plan = plan_gharchive(store, &fetcher, &scope).await?;
    execute(store, &plan, fetcher, &RunOptions::default(), progress, cancel).await
}
