//! Workspace settings (GitHub API URL, rate-limit behaviour, concurrency): listed and changed
//! with the engine's validation, so the app refuses what the CLI refuses.

use octoscope_engine::settings::{self, SettingValue};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_settings(state: State<'_, AppState>) -> CommandResult<Vec<SettingValue>> {
    Ok(settings::list(&state.store().await?).await?)
}

/// Validates and stores one setting; returns every setting as now stored.
#[tauri::command]
pub async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> CommandResult<Vec<SettingValue>> {
    let store = state.store().await?;
    settings::set(&store, &key, &value).await?;
    Ok(settings::list(&store).await?)
}
