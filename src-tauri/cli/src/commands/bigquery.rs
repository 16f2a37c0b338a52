//! `octoscope ingest bigquery`: plan (dry runs, prices, budgets) and run a BigQuery collection.

use std::sync::Arc;

use octoscope_engine::EngineError;
use octoscope_engine::sources::bigquery::{self, BigQueryPlanSummary, BigQueryRunOptions};
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;

use crate::args::BigQueryArgs;
use crate::output::{self, bytes, count};
use crate::progress_view;

pub async fn run(workspace: &Workspace, args: &BigQueryArgs) -> Result<u8, EngineError> {
    // The scope first: a typo costs no keychain prompt and no request.
    let request = args.request();
    request.scope()?;
    request.mode()?;
    let store = Store::open(workspace).await?;
    let view = progress_view::ProgressView::new(args.json.json);
    let cancel = progress_view::cancel_on_ctrl_c(view.clone());
    let prepared = bigquery::prepare(&store, &request, args.bigquery_api_url.as_deref(), &cancel).await;
    let (client, plan) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => {
            store.close().await;
            return Err(error);
        }
    };
    let summary = plan.summary();
    if args.plan {
        print_plan(&summary, args.json.json);
        store.close().await;
        return Ok(0);
    }
    if !args.json.json {
        eprintln!(
            "BigQuery: {} queries, {} billed, about ${:.2} ({} mode)",
            count(summary.units_to_run),
            bytes(summary.bytes_billed),
            summary.dollars,
            summary.mode.as_str()
        );
    }
    let options = BigQueryRunOptions { page_rows: args.page_rows, ..BigQueryRunOptions::default() };
    let result = bigquery::execute_bigquery(&store, client, Arc::new(plan), options, view.sink(), cancel).await;
    view.finish();
    store.close().await;
    let summary = result?;
    output::print_run_summary(&summary, args.json.json);
    Ok(output::exit_code(&summary))
}

fn print_plan(plan: &BigQueryPlanSummary, json: bool) {
    if json {
        output::print_json(plan);
        return;
    }
    println!("source       BigQuery (githubarchive)");
    println!("scope        {}", plan.scope_key);
    match &plan.mode_reason {
        Some(reason) => println!("mode         {} ({reason})", plan.mode.as_str()),
        None => println!("mode         {}", plan.mode.as_str()),
    }
    if plan.repos_by_name > 0 && plan.mode == bigquery::Mode::DailyCounts {
        println!(
            "repos        {} matched by id, {} by name (unknown here yet; matching by name reads more bytes)",
            count(plan.repos_by_id),
            count(plan.repos_by_name)
        );
    }
    println!(
        "queries      {} to run of {} ({} tables)",
        count(plan.units_to_run),
        count(plan.units_total),
        count(plan.tables)
    );
    println!("processed    {} (dry runs)", bytes(plan.bytes_processed));
    println!(
        "billed       {} (at least 10 MB per table) = ${:.2} at ${:.2}/TiB",
        bytes(plan.bytes_billed),
        plan.dollars,
        plan.price_per_tib
    );
    println!(
        "budgets      ${:.2} per run; ${:.2} per month, ${:.2} spent this month",
        plan.run_budget, plan.month_budget, plan.spent_this_month
    );
    if let Some(refused) = &plan.refused {
        println!("refused      {refused}");
    }
}
