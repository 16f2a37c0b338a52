//! Octoscope's desktop shell: Tauri setup and thin commands over the engine. Product logic
//! lives in octoscope-engine; this crate only adapts it to IPC.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod notify;
pub mod state;
mod webview_settings;

pub use webview_settings::process_environment;

use octoscope_engine::workspace::Workspace;
use tauri::Manager;

/// Starts the app. The workspace is `$OCTOSCOPE_WORKSPACE` if set, else the OS data folder;
/// `--sample` opens the offline sample workspace instead (what `scripts/demo.sh` does).
pub fn run() {
    octoscope_engine::monitoring::logs::init("info,sqlx=warn", true);

    let sample = std::env::args().any(|arg| arg == "--sample");
    let root = if sample {
        std::env::var_os("OCTOSCOPE_SAMPLE_WORKSPACE").map(Into::into).map_or_else(Workspace::default_sample_root, Ok)
    } else {
        std::env::var_os("OCTOSCOPE_WORKSPACE").map(Into::into).map_or_else(Workspace::default_root, Ok)
    };
    let workspace = match root {
        Ok(root) => Workspace::at(root),
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state::AppState::new(workspace, sample))
        .setup(|app| {
            for window in app.webview_windows().values() {
                webview_settings::apply(window);
            }
            // The rules are checked when the app starts too (notify::check_when_opened).
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = handle.state::<state::AppState>();
                match state.store().await {
                    Ok(store) => notify::check_opened(&handle, &store).await,
                    Err(error) => tracing::warn!(%error, "cannot open the workspace to check alert rules"),
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace::workspace_info,
            commands::workspace::open_sample_workspace,
            commands::workspace::open_default_workspace,
            commands::workspace::search_repositories,
            commands::charts::chart_catalogue,
            commands::charts::build_chart,
            commands::charts::export_chart,
            commands::runs::plan_collection,
            commands::runs::start_collection,
            commands::runs::cancel_run,
            commands::github::plan_github_collection,
            commands::github::start_github_collection,
            commands::bigquery::plan_bigquery_collection,
            commands::bigquery::start_bigquery_collection,
            commands::runs::list_runs,
            commands::runs::list_quarantine,
            commands::credentials::credentials_status,
            commands::credentials::save_credential,
            commands::credentials::remove_credential,
            commands::settings::list_settings,
            commands::settings::set_setting,
            commands::monitoring::monitoring_overview,
            commands::monitoring::run_metrics,
            commands::monitoring::coverage_report,
            commands::monitoring::list_alert_rules,
            commands::monitoring::add_alert_rule,
            commands::monitoring::update_alert_rule,
            commands::monitoring::remove_alert_rule,
            commands::monitoring::alert_log,
            commands::monitoring::check_alerts,
            commands::monitoring::read_log,
            commands::data::list_tables,
            commands::data::browse_table,
            commands::data::export_table,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("error: the desktop app could not start: {error}");
        std::process::exit(1);
    }
}
