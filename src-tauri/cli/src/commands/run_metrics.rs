//! `octoscope runs show ID`: one run's counts, throughput, slowest units, request latencies and
//! spending.

use octoscope_engine::EngineError;
use octoscope_engine::store::{RunMetrics, Store};
use octoscope_engine::time::format_timestamp;
use octoscope_engine::workspace::Workspace;

use crate::output::{bytes, count, duration_ms, print_json};

pub async fn show(workspace: &Workspace, id: i64, json: bool) -> Result<u8, EngineError> {
    let store = Store::open(workspace).await?;
    let metrics = store.run_metrics(id).await;
    store.close().await;
    let Some(metrics) = metrics? else {
        return Err(EngineError::InvalidInput(format!("there is no run {id}: `octoscope runs` lists them")));
    };
    if json {
        print_json(&metrics);
    } else {
        print_metrics(&metrics);
    }
    Ok(0)
}

fn print_metrics(metrics: &RunMetrics) {
    let run = &metrics.run;
    println!("run          {} ({}, {})", run.id, run.source, run.status);
    println!("scope        {}", run.scope_key);
    let took = run.finished_at.map(|end| duration_ms((end - run.started_at).max(0) as u64 * 1000));
    println!(
        "started      {}{}",
        format_timestamp(run.started_at),
        took.map(|t| format!(", took {t}")).unwrap_or_default()
    );
    println!(
        "units        {} planned: {} done, {} skipped, {} missing, {} failed",
        count(run.units_total as u64),
        count(run.units_done as u64),
        count(run.units_skipped as u64),
        count(run.units_missing as u64),
        count(run.units_failed as u64)
    );
    let rate =
        metrics.events_per_second.map(|r| format!(" ({} events/s)", count(r.round() as u64))).unwrap_or_default();
    println!(
        "events       {} loaded{rate}, {} quarantined",
        count(run.events_loaded as u64),
        count(run.records_quarantined as u64)
    );
    if let Some(error) = &run.error {
        println!("error        {error}");
    }
    if let Some(peak) = metrics.peak_rss_bytes {
        println!("memory       {} peak resident", bytes(peak));
    }
    if let Some(spend) = &metrics.bigquery {
        println!(
            "bigquery     {} job(s): {} estimated, {} processed, {} billed, ${:.2}",
            count(spend.jobs),
            bytes(spend.estimated_bytes),
            bytes(spend.bytes_processed),
            bytes(spend.bytes_billed),
            spend.dollars
        );
    }
    if !metrics.stages.is_empty() {
        println!();
        println!("{:<10} {:>7} {:>14} {:>10} {:>14}", "STAGE", "CALLS", "ITEMS", "BUSY", "ITEMS/S");
        for stage in &metrics.stages {
            println!(
                "{:<10} {:>7} {:>14} {:>10} {:>14}",
                stage.stage,
                count(stage.calls),
                count(stage.items),
                duration_ms(stage.busy_ms),
                stage.items_per_second().map_or_else(|| "-".to_owned(), |r| count(r.round() as u64))
            );
        }
    }
    print_slowest_units(metrics);
    if metrics.endpoints.is_empty() {
        return;
    }
    println!();
    println!(
        "{:<10} {:<44} {:>8} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8} {:>10}",
        "SOURCE", "ENDPOINT", "REQUESTS", "RETRIES", "CACHED", "ERRORS", "P50 MS", "P95 MS", "MAX MS", "RATE LEFT"
    );
    for e in &metrics.endpoints {
        println!(
            "{:<10} {:<44} {:>8} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8} {:>10}",
            e.source,
            e.endpoint,
            count(e.requests),
            count(e.retries),
            count(e.from_cache),
            count(e.errors),
            e.p50_ms,
            e.p95_ms,
            e.max_ms,
            e.min_rate_remaining.map_or_else(|| "-".to_owned(), |r| count(r.max(0) as u64))
        );
    }
}

/// Units shown in text; `--json` has them all.
const SLOWEST_UNITS: usize = 10;

fn print_slowest_units(metrics: &RunMetrics) {
    if metrics.units.is_empty() {
        return;
    }
    println!();
    let shown = metrics.units.len().min(SLOWEST_UNITS);
    println!("slowest {shown} of {} unit(s):", count(metrics.units.len() as u64));
    println!(
        "{:<28} {:<8} {:>10} {:>10} {:>9} {:>10} {:>7}  ERROR",
        "UNIT", "STATE", "EVENTS", "BYTES", "REQUESTS", "PROCESS", "RETRIES"
    );
    for unit in metrics.units.iter().take(SLOWEST_UNITS) {
        let requests = if unit.requests == 0 { "-".to_owned() } else { duration_ms(unit.request_ms) };
        println!(
            "{:<28} {:<8} {:>10} {:>10} {:>9} {:>10} {:>7}  {}",
            unit.unit,
            unit.state,
            count(unit.events),
            bytes(unit.bytes),
            requests,
            unit.process_ms.map_or_else(|| "-".to_owned(), duration_ms),
            count(unit.retries),
            unit.error.as_deref().unwrap_or("")
        );
    }
}
