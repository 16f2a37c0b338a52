//! Monitoring: run metrics, the overview, data coverage, alert rules and log, and the log
//! viewer. Alerts fired here also go to the desktop's notifications.

use octoscope_engine::EngineError;
use octoscope_engine::monitoring::alerts::{self, Alert, AlertRule, RuleInput};
use octoscope_engine::monitoring::coverage::{self, CoverageReport};
use octoscope_engine::monitoring::logs::{LogEntry, LogQuery, read_logs};
use octoscope_engine::monitoring::overview::{self, MonitoringOverview};
use octoscope_engine::store::RunMetrics;
use octoscope_engine::time::UtcHour;
use tauri::{AppHandle, State};

use crate::error::CommandResult;
use crate::notify::check_alerts_and_notify;
use crate::state::AppState;

#[tauri::command]
pub async fn monitoring_overview(state: State<'_, AppState>) -> CommandResult<MonitoringOverview> {
    Ok(overview::overview(&state.store().await?, chrono::Utc::now().timestamp()).await?)
}

#[tauri::command]
pub async fn run_metrics(state: State<'_, AppState>, run_id: i64) -> CommandResult<RunMetrics> {
    let metrics = state.store().await?.run_metrics(run_id).await?;
    Ok(metrics.ok_or_else(|| EngineError::InvalidInput(format!("there is no run {run_id}")))?)
}

/// The coverage of `from..to` (hours `YYYY-MM-DDTHH`; see `coverage::report_for` for a side left
/// out); `null` for an empty workspace.
#[tauri::command]
pub async fn coverage_report(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> CommandResult<Option<CoverageReport>> {
    let from = from.as_deref().map(UtcHour::parse).transpose()?;
    let to = to.as_deref().map(UtcHour::parse).transpose()?;
    Ok(coverage::report_for(&state.store().await?, from, to).await?)
}

#[tauri::command]
pub async fn list_alert_rules(state: State<'_, AppState>) -> CommandResult<Vec<AlertRule>> {
    Ok(alerts::list_rules(&state.store().await?).await?)
}

#[tauri::command]
pub async fn add_alert_rule(state: State<'_, AppState>, input: RuleInput) -> CommandResult<AlertRule> {
    Ok(alerts::add_rule(&state.store().await?, &input).await?)
}

#[tauri::command]
pub async fn update_alert_rule(state: State<'_, AppState>, id: i64, input: RuleInput) -> CommandResult<AlertRule> {
    Ok(alerts::update_rule(&state.store().await?, id, &input).await?)
}

#[tauri::command]
pub async fn remove_alert_rule(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(alerts::remove_rule(&state.store().await?, id).await?)
}

#[tauri::command]
pub async fn alert_log(state: State<'_, AppState>, limit: u32) -> CommandResult<Vec<Alert>> {
    Ok(alerts::alert_log(&state.store().await?, limit).await?)
}

/// Checks every rule now; new firings are notified and returned.
#[tauri::command]
pub async fn check_alerts(app: AppHandle, state: State<'_, AppState>) -> CommandResult<Vec<Alert>> {
    Ok(check_alerts_and_notify(&app, &state.store().await?).await?)
}

#[tauri::command]
pub async fn read_log(state: State<'_, AppState>, query: LogQuery) -> CommandResult<Vec<LogEntry>> {
    let dir = state.current().await.workspace.logs_dir();
    Ok(tauri::async_runtime::spawn_blocking(move || read_logs(&dir, &query))
        .await
        .map_err(|e| EngineError::Internal(format!("reading the log failed: {e}")))??)
}
