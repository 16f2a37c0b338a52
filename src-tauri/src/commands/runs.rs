//! Collections: plan, run with live progress, cancel, history and quarantine.

use octoscope_engine::pipeline::{self, CollectionRequest, PlanSummary, Progress, RunOptions, RunSummary};
use octoscope_engine::sources::gharchive::{FetchPolicy, Fetcher};
use octoscope_engine::store::{QuarantineRecord, RunRecord};
use tauri::State;
use tauri::ipc::Channel;

use super::workspace::progress_sink;
use crate::error::CommandResult;
use crate::state::AppState;

async fn fetcher(state: &AppState, request: &CollectionRequest) -> CommandResult<Fetcher> {
    let workspace = state.current().await.workspace;
    Ok(Fetcher::new(request.location()?, workspace.gharchive_cache_dir(), FetchPolicy::default())?)
}

/// What collecting `request` would do: units, what is already done, download size.
#[tauri::command]
pub async fn plan_collection(state: State<'_, AppState>, request: CollectionRequest) -> CommandResult<PlanSummary> {
    let scope = request.scope()?;
    let fetcher = fetcher(&state, &request).await?;
    let store = state.store().await?;
    Ok(pipeline::plan_gharchive(&store, &fetcher, &scope).await?.summary())
}

/// Runs the collection, streaming progress; returns how it ended (also when cancelled).
#[tauri::command]
pub async fn start_collection(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: CollectionRequest,
    on_progress: Channel<Progress>,
) -> CommandResult<RunSummary> {
    let scope = request.scope()?;
    let fetcher = fetcher(&state, &request).await?;
    fetcher.preflight(scope.range.from).await?;
    let store = state.store().await?;
    let plan = pipeline::plan_gharchive(&store, &fetcher, &scope).await?;
    let cancel = state.begin_run()?;
    let result =
        pipeline::execute(&store, &plan, fetcher, &RunOptions::default(), progress_sink(on_progress), cancel).await;
    state.end_run();
    crate::notify::after_run(&app, &store).await;
    Ok(result?)
}

#[tauri::command]
pub fn cancel_run(state: State<'_, AppState>) -> bool {
    state.cancel_run()
}

#[tauri::command]
pub async fn list_runs(state: State<'_, AppState>, limit: u32) -> CommandResult<Vec<RunRecord>> {
    Ok(state.store().await?.runs(i64::from(limit)).await?)
}

#[tauri::command]
pub async fn list_quarantine(
    state: State<'_, AppState>,
    run_id: Option<i64>,
    limit: u32,
) -> CommandResult<Vec<QuarantineRecord>> {
    Ok(state.store().await?.quarantine(run_id, i64::from(limit)).await?)
}
