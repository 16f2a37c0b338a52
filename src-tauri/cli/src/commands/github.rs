//! `octoscope ingest github`: plan (and run) a GitHub API collection of tracked repositories.

use std::sync::Arc;

use octoscope_engine::EngineError;
use octoscope_engine::settings;
use octoscope_engine::sources::github::{self, GithubPlanSummary, WhenExhausted};
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;

use crate::args::GithubArgs;
use crate::output::{self, count};
use crate::progress_view;

pub async fn run(workspace: &Workspace, args: &GithubArgs) -> Result<u8, EngineError> {
    // Names and facts first: a typo costs no keychain prompt and no request.
    let request = args.request()?;
    request.parsed()?;
    let api_url = settings::github_api_url(workspace, args.github_api_url.as_deref()).await?;
    let store = Store::open(workspace).await?;
    let mut policy = settings::github_policy(&store).await?;
    if let Some(choice) = &args.when_exhausted {
        policy.when_exhausted = if choice == "stop" { WhenExhausted::Stop } else { WhenExhausted::Wait };
    }
    if let Some(n) = args.concurrency {
        policy.max_concurrent = usize::from(n);
    }
    let client = Arc::new(github::connect(workspace, &api_url, policy)?);
    let view = progress_view::ProgressView::new(args.json.json);
    let cancel = progress_view::cancel_on_ctrl_c(view.clone());
    let plan_view = view.clone();
    let notices = move |notice: github::client::Notice| {
        if let github::client::Notice::Waiting { until, .. } = notice {
            plan_view.note(&format!(
                "planning: GitHub's rate limit is reached; waiting until {}",
                octoscope_engine::time::format_timestamp(until)
            ));
        }
    };
    let plan = github::plan_github(&store, &client, &request, &cancel, &notices).await?;
    if args.plan {
        print_plan(&plan.summary(), args.json.json);
        store.close().await;
        return Ok(0);
    }
    if !args.json.json {
        print_budget(&plan.summary());
    }
    let result = github::execute_github(&store, client, &plan, view.sink(), cancel).await;
    view.finish();
    store.close().await;
    let summary = result?;
    output::print_run_summary(&summary, args.json.json);
    Ok(output::exit_code(&summary))
}

fn print_budget(plan: &GithubPlanSummary) {
    if let (Some(remaining), Some(limit)) = (plan.core_remaining, plan.core_limit) {
        eprintln!(
            "GitHub budget: {} of {} REST requests left this hour; this run needs at most {} (304s are free)",
            count(remaining.max(0) as u64),
            count(limit.max(0) as u64),
            count(plan.estimated_requests)
        );
    }
}

fn print_plan(plan: &GithubPlanSummary, json: bool) {
    if json {
        output::print_json(plan);
        return;
    }
    let facts: Vec<&str> = plan.facts.iter().map(|f| f.id()).collect();
    println!("source       GitHub API");
    println!("repositories {} ({})", count(plan.repos.len() as u64), plan.repos.join(", "));
    println!("facts        {}", facts.join(", "));
    println!(
        "units        {} to run, {} events feeds not due yet (GitHub's poll interval)",
        count(plan.units_total),
        count(plan.units_not_due)
    );
    println!(
        "requests     {} GraphQL metadata queries, at most {} REST requests (cached answers cost nothing)",
        count(plan.metadata_requests),
        count(plan.estimated_requests)
    );
    match (plan.core_remaining, plan.core_limit, plan.core_reset_at) {
        (Some(remaining), Some(limit), Some(reset)) => println!(
            "budget       {} of {} REST requests left, resets at {}",
            count(remaining.max(0) as u64),
            count(limit.max(0) as u64),
            octoscope_engine::time::format_timestamp(reset)
        ),
        _ => println!("budget       unknown (GitHub did not say)"),
    }
    if let Some(points) = plan.graphql_remaining {
        println!(
            "graphql      {} points left; this run needs about {}",
            count(points.max(0) as u64),
            count(plan.estimated_points)
        );
    }
}
