//! The open workspace: what it holds, switching to the sample or the default one, and
//! repository suggestions for pickers.

use octoscope_engine::pipeline::{Progress, sample};
use octoscope_engine::store::WorkspaceStats;
use octoscope_engine::workspace::{Workspace, display_path};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::CommandResult;
use crate::state::AppState;

/// Hours of generated data in the sample workspace: enough for every chart, ready in well under
/// a minute.
const SAMPLE_HOURS: u32 = 48;

#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct WorkspaceInfo {
    pub path: String,
    /// `path` for the header: `~/...` under the home folder.
    pub display_path: String,
    pub is_sample: bool,
    /// `None` until the workspace holds a database.
    pub stats: Option<WorkspaceStats>,
    /// A collection is running in it.
    pub running: bool,
}

async fn info(state: &AppState) -> CommandResult<WorkspaceInfo> {
    let open = state.current().await;
    let stats = if open.workspace.database_path().exists() { Some(state.store().await?.stats().await?) } else { None };
    Ok(WorkspaceInfo {
        path: open.workspace.root().display().to_string(),
        display_path: display_path(open.workspace.root()),
        is_sample: open.is_sample,
        stats,
        running: state.is_running(),
    })
}

#[tauri::command]
pub async fn workspace_info(state: State<'_, AppState>) -> CommandResult<WorkspaceInfo> {
    info(&state).await
}

/// Opens the offline sample workspace, generating and loading it first if it is empty;
/// progress streams over `on_progress` as for any collection.
#[tauri::command]
pub async fn open_sample_workspace(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    on_progress: Channel<Progress>,
) -> CommandResult<WorkspaceInfo> {
    let root = match std::env::var_os("OCTOSCOPE_SAMPLE_WORKSPACE") {
        Some(dir) => dir.into(),
        None => Workspace::default_sample_root()?,
    };
    state.switch(Workspace::at(root), true).await?;
    let store = state.store().await?;
    if store.event_bounds().await?.is_none() {
        let cancel = state.begin_run()?;
        let workspace = state.current().await.workspace;
        let sink = progress_sink(on_progress);
        let built = sample::build_sample_workspace(&store, &workspace, SAMPLE_HOURS, sink, cancel).await;
        state.end_run();
        built?;
        crate::notify::after_run(&app, &store).await;
    } else {
        crate::notify::check_when_opened(&app, store);
    }
    info(&state).await
}

#[tauri::command]
pub async fn open_default_workspace(app: tauri::AppHandle, state: State<'_, AppState>) -> CommandResult<WorkspaceInfo> {
    let root = match std::env::var_os("OCTOSCOPE_WORKSPACE") {
        Some(dir) => dir.into(),
        None => Workspace::default_root()?,
    };
    state.switch(Workspace::at(root), false).await?;
    crate::notify::check_when_opened(&app, state.store().await?);
    info(&state).await
}

/// Repository names in the workspace containing `text`, for autocomplete.
#[tauri::command]
pub async fn search_repositories(state: State<'_, AppState>, text: String) -> CommandResult<Vec<String>> {
    Ok(state.store().await?.search_repositories(text.trim(), 20).await?)
}

/// Progress goes to the window over a channel (ordered, for this run only), not app events.
pub fn progress_sink(channel: Channel<Progress>) -> octoscope_engine::pipeline::ProgressSink {
    std::sync::Arc::new(move |event: Progress| {
        // A closed window cannot take progress; the run goes on and is in the history.
        let _ = channel.send(event);
    })
}
