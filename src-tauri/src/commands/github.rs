//! GitHub API collections: plan against the token's budget, run with live progress.

use std::sync::Arc;

use octoscope_engine::pipeline::{Progress, RunSummary};
use octoscope_engine::secrets;
use octoscope_engine::settings;
use octoscope_engine::sources::github::{self, GithubClient, GithubPlan, GithubPlanSummary, GithubRequest};
use octoscope_engine::store::Store;
use tauri::State;
use tauri::ipc::Channel;
use tokio_util::sync::CancellationToken;

use super::workspace::progress_sink;
use crate::error::CommandResult;
use crate::state::AppState;

async fn client(state: &AppState, store: &Store) -> CommandResult<Arc<GithubClient>> {
    let api = settings::get(store, secrets::github::API_URL_SETTING).await?;
    let policy = settings::github_policy(store).await?;
    Ok(Arc::new(github::connect(&state.current().await.workspace, &api, policy)?))
}

fn ignore_notice(_: github::client::Notice) {}

async fn plan(
    store: &Store,
    client: &GithubClient,
    request: &GithubRequest,
    cancel: &CancellationToken,
) -> CommandResult<GithubPlan> {
    // Planning reads /rate_limit (free) and organisation lists (cached): quick, so no progress.
    Ok(github::plan_github(store, client, request, cancel, &ignore_notice).await?)
}

/// What collecting `request` from the GitHub API would do, and its cost against the budget.
#[tauri::command]
pub async fn plan_github_collection(
    state: State<'_, AppState>,
    request: GithubRequest,
) -> CommandResult<GithubPlanSummary> {
    request.parsed()?;
    let store = state.store().await?;
    let client = client(&state, &store).await?;
    Ok(plan(&store, &client, &request, &CancellationToken::new()).await?.summary())
}

/// Runs a GitHub API collection, streaming progress; returns how it ended.
#[tauri::command]
pub async fn start_github_collection(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: GithubRequest,
    on_progress: Channel<Progress>,
) -> CommandResult<RunSummary> {
    request.parsed()?;
    let store = state.store().await?;
    let client = client(&state, &store).await?;
    let cancel = state.begin_run()?;
    let result = async {
        let plan = plan(&store, &client, &request, &cancel).await?;
        Ok(github::execute_github(&store, client, &plan, progress_sink(on_progress), cancel).await?)
    }
    .await;
    state.end_run();
    crate::notify::after_run(&app, &store).await;
    result
}
