//! `octoscope runs`, `stats` and `quarantine`: reading what the workspace holds.

use octoscope_engine::EngineError;
use octoscope_engine::store::Store;
use octoscope_engine::time::format_timestamp;
use octoscope_engine::workspace::Workspace;

use octoscope_engine::sources::gharchive::cache;

use crate::args::{CacheAction, CacheArgs, JsonFlag, QuarantineArgs, RunsAction, RunsArgs};
use crate::output::{bytes, count, duration_ms, print_json};

pub async fn runs(workspace: &Workspace, args: RunsArgs) -> Result<u8, EngineError> {
    if let Some(RunsAction::Show { id }) = args.action {
        return super::run_metrics::show(workspace, id, args.json).await;
    }
    let store = Store::open(workspace).await?;
    let runs = store.runs(i64::from(args.limit)).await?;
    store.close().await;
    if args.json {
        print_json(&runs);
        return Ok(0);
    }
    if runs.is_empty() {
        println!("No runs yet. Try `octoscope demo` or `octoscope ingest gharchive --from ... --to ...`.");
        return Ok(0);
    }
    println!(
        "{:>4}  {:<21} {:<10} {:<22} {:>6} {:>6} {:>6} {:>6} {:>12} {:>9} {:>9}",
        "RUN", "STARTED", "SOURCE", "STATUS", "UNITS", "DONE", "GAPS", "FAILED", "EVENTS", "REJECTS", "TOOK"
    );
    for run in &runs {
        let took = run
            .finished_at
            .map_or_else(|| "-".to_owned(), |end| duration_ms((end - run.started_at).max(0) as u64 * 1000));
        println!(
            "{:>4}  {:<21} {:<10} {:<22} {:>6} {:>6} {:>6} {:>6} {:>12} {:>9} {:>9}",
            run.id,
            format_timestamp(run.started_at),
            run.source,
            run.status,
            run.units_total,
            run.units_done + run.units_skipped,
            run.units_missing,
            run.units_failed,
            count(run.events_loaded as u64),
            count(run.records_quarantined as u64),
            took
        );
        if let Some(error) = &run.error {
            println!("      {error}");
        }
    }
    Ok(0)
}

pub async fn stats(workspace: &Workspace, args: JsonFlag) -> Result<u8, EngineError> {
    let store = Store::open(workspace).await?;
    let stats = store.stats().await?;
    store.close().await;
    if args.json {
        print_json(&stats);
        return Ok(0);
    }
    println!("workspace     {}", workspace.root().display());
    let bot_share = if stats.events > 0 { stats.bot_events * 100 / stats.events } else { 0 };
    println!("events        {} ({bot_share}% by bots)", count(stats.events as u64));
    match (&stats.first_event_at, &stats.last_event_at) {
        (Some(first), Some(last)) => println!("range         {first} .. {last}"),
        _ => println!("range         (no events yet)"),
    }
    println!(
        "repositories  {}   actors {}   organisations {}",
        count(stats.repositories as u64),
        count(stats.actors as u64),
        count(stats.organisations as u64)
    );
    println!("hours loaded  {}   runs {}", count(stats.hours_loaded as u64), stats.runs);
    let hint = if stats.quarantined > 0 { " (see `octoscope quarantine`)" } else { "" };
    println!("quarantined   {} records{hint}", count(stats.quarantined as u64));
    if stats.gaps.is_empty() {
        println!("gaps          none recorded");
    } else {
        println!("gaps          {} range(s) with no data:", stats.gaps.len());
        for gap in &stats.gaps {
            println!("                {} {} {} .. {} ({} h)", gap.source, gap.status, gap.from, gap.to, gap.hours);
        }
    }
    if !stats.events_by_type.is_empty() {
        println!("by type");
        for row in &stats.events_by_type {
            println!("  {:<32} {:>12}", row.event_type, count(row.events as u64));
        }
    }
    Ok(0)
}

pub async fn quarantine(workspace: &Workspace, args: QuarantineArgs) -> Result<u8, EngineError> {
    let store = Store::open(workspace).await?;
    let records = store.quarantine(args.run, i64::from(args.limit)).await?;
    store.close().await;
    if args.json.json {
        print_json(&records);
        return Ok(0);
    }
    if records.is_empty() {
        println!("No quarantined records.");
    }
    for record in &records {
        println!(
            "{} line {} (run {}): {}",
            record.unit_key,
            record.line,
            record.run_id.unwrap_or_default(),
            record.reason
        );
        println!("    {}", record.excerpt);
    }
    Ok(0)
}

pub fn cache(workspace: &Workspace, args: CacheArgs) -> Result<u8, EngineError> {
    let dir = workspace.gharchive_cache_dir();
    match args.action {
        None => {
            let usage = cache::usage(&dir);
            if args.json {
                print_json(&usage);
            } else {
                println!("{} hours, {} in {}", count(usage.files), bytes(usage.bytes), dir.display());
            }
        }
        Some(CacheAction::Clear) => {
            let removed = cache::clear(&dir)?;
            if args.json {
                print_json(&removed);
            } else {
                println!("removed {} hours, {}", count(removed.files), bytes(removed.bytes));
            }
        }
    }
    Ok(0)
}
