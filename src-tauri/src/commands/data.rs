//! The Data page: the workspace's tables a page at a time, and CSV exports of them.

use octoscope_engine::store::browse::{self, TableInfo, TablePage};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn list_tables() -> Vec<TableInfo> {
    browse::tables()
}

#[tauri::command]
pub async fn browse_table(
    state: State<'_, AppState>,
    table: String,
    offset: i64,
    limit: u32,
) -> CommandResult<TablePage> {
    Ok(state.store().await?.browse(&table, offset, limit).await?)
}

/// Writes the whole table to `path` (chosen in the save dialog) as CSV; returns the rows written.
#[tauri::command]
pub async fn export_table(state: State<'_, AppState>, table: String, path: String) -> CommandResult<u64> {
    Ok(state.store().await?.export_table_csv(&table, std::path::Path::new(&path)).await?)
}
