//! `octoscope plan`: what a collection would do, without doing it.

use octoscope_engine::EngineError;
use octoscope_engine::pipeline::{self, UnitPlanState};
use octoscope_engine::sources::gharchive::{FetchPolicy, Fetcher};
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;

use crate::args::GhArchiveArgs;
use crate::output::{bytes, count};

pub async fn run(workspace: &Workspace, args: GhArchiveArgs) -> Result<u8, EngineError> {
    let scope = args.scope()?;
    let location = args.location()?;
    let fetcher = Fetcher::new(location, workspace.gharchive_cache_dir(), FetchPolicy::default())?;
    let store = Store::open(workspace).await?;
    let plan = pipeline::plan_gharchive(&store, &fetcher, &scope).await?;
    store.close().await;
    if args.json.json {
        let value = serde_json::json!({
            "source": plan.source,
            "scope_key": plan.scope_key,
            "location": plan.location,
            "units_total": plan.units.len(),
            "units_to_run": plan.units_to_run(),
            "units_skipped": plan.units_skipped(),
            "download_bytes": plan.download_bytes(),
            "estimated_events": plan.estimated_events(),
            "units": plan.units,
        });
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        return Ok(0);
    }
    println!("source     GH Archive ({})", plan.location.describe());
    println!(
        "scope      {} from {} to {} (exclusive)",
        describe_filter(&plan.scope_key),
        plan.scope.range.from,
        plan.scope.range.to
    );
    println!(
        "units      {} hours: {} to run, {} already loaded",
        count(plan.units.len() as u64),
        count(plan.units_to_run()),
        count(plan.units_skipped())
    );
    println!(
        "download   about {} (estimated from typical hour sizes; cached hours cost nothing)",
        bytes(plan.download_bytes())
    );
    println!("events     about {} to read", count(plan.estimated_events()));
    println!();
    println!("{:<16} {:<22} {:>12} {:>10}", "UNIT", "STATE", "FILE", "ON DISK");
    for unit in &plan.units {
        let state = match &unit.state {
            UnitPlanState::New => "new".to_owned(),
            UnitPlanState::Done => "done (skip)".to_owned(),
            UnitPlanState::Retry { previous } => format!("retry (was {previous})"),
        };
        let estimate = if unit.on_disk { bytes(unit.file_bytes) } else { format!("~{}", bytes(unit.file_bytes)) };
        println!("{:<16} {:<22} {:>12} {:>10}", unit.key, state, estimate, if unit.on_disk { "yes" } else { "no" });
    }
    Ok(0)
}

fn describe_filter(key: &str) -> String {
    if key == "*" { "all of GitHub".to_owned() } else { key.to_owned() }
}
