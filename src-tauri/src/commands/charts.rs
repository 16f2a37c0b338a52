//! The chart catalogue, charts, and their export (CSV, JSON, PNG, SVG). All chart logic is in
//! the engine; the UI draws what it returns.

use octoscope_engine::charts::{self, CATALOGUE, ChartData, ChartQuery, ChartSpec, ExportFormat};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn chart_catalogue() -> Vec<ChartSpec> {
    CATALOGUE.to_vec()
}

#[tauri::command]
pub async fn build_chart(state: State<'_, AppState>, id: String, query: ChartQuery) -> CommandResult<ChartData> {
    charts::spec(&id)?;
    query.check()?;
    let store = state.store().await?;
    let request = query.resolve(&store).await?;
    Ok(charts::build(&store, &id, &request).await?)
}

/// Writes the chart to `path` (chosen by the user in the save dialog).
#[tauri::command]
pub async fn export_chart(
    state: State<'_, AppState>,
    id: String,
    query: ChartQuery,
    format: ExportFormat,
    path: String,
) -> CommandResult<()> {
    let chart = build_chart(state, id, query).await?;
    // Rendering a PNG takes a moment; keep it off the async runtime's threads.
    tokio::task::spawn_blocking(move || charts::export(&chart, format, std::path::Path::new(&path)))
        .await
        .map_err(|e| octoscope_engine::EngineError::Internal(e.to_string()))??;
    Ok(())
}
