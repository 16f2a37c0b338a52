//! BigQuery collections: a plan priced from dry runs and checked against the budgets, then a
//! run with live progress.

use std::sync::Arc;

use octoscope_engine::pipeline::{Progress, RunSummary};
use octoscope_engine::sources::bigquery::{self, BigQueryPlanSummary, BigQueryRequest, BigQueryRunOptions};
use tauri::State;
use tauri::ipc::Channel;
use tokio_util::sync::CancellationToken;

use super::workspace::progress_sink;
use crate::error::CommandResult;
use crate::state::AppState;

/// What collecting `request` from BigQuery would process, bill and cost (dry runs: free).
#[tauri::command]
pub async fn plan_bigquery_collection(
    state: State<'_, AppState>,
    request: BigQueryRequest,
) -> CommandResult<BigQueryPlanSummary> {
    request.scope()?;
    let store = state.store().await?;
    let (_, plan) = bigquery::prepare(&store, &request, None, &CancellationToken::new()).await?;
    Ok(plan.summary())
}

/// Runs a BigQuery collection, streaming progress; refused over budget; returns how it ended.
#[tauri::command]
pub async fn start_bigquery_collection(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: BigQueryRequest,
    on_progress: Channel<Progress>,
) -> CommandResult<RunSummary> {
    request.scope()?;
    let store = state.store().await?;
    let cancel = state.begin_run()?;
    let result = async {
        let (client, plan) = bigquery::prepare(&store, &request, None, &cancel).await?;
        let options = BigQueryRunOptions::default();
        Ok(bigquery::execute_bigquery(&store, client, Arc::new(plan), options, progress_sink(on_progress), cancel)
            .await?)
    }
    .await;
    state.end_run();
    crate::notify::after_run(&app, &store).await;
    result
}
