//! Alert firings as desktop notifications (the notification plugin), after every collection,
//! when the app starts and when it opens another workspace; firings found in the background
//! also reach the window as an [`ALERTS_FIRED`] event, so an alert log on screen shows them.

use octoscope_engine::error::Result;
use octoscope_engine::monitoring::alerts::{self, Alert, Notice, Notifier};
use octoscope_engine::store::Store;
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

/// The event that carries alerts fired by a check nobody asked for (payload: `Alert[]`).
pub const ALERTS_FIRED: &str = "alerts_fired";

struct DesktopNotifier<'a>(&'a AppHandle);

impl Notifier for DesktopNotifier<'_> {
    fn notify(&self, notice: &Notice) {
        let shown = self.0.notification().builder().title(&notice.title).body(&notice.body).show();
        if let Err(error) = shown {
            // No notification daemon (a headless session): the alert log still has it.
            tracing::warn!(%error, title = %notice.title, "cannot show a desktop notification");
        }
    }
}

/// Evaluates the rules; new firings become notifications.
pub async fn check_alerts_and_notify(app: &AppHandle, store: &Store) -> Result<Vec<Alert>> {
    alerts::check_and_notify(store, &DesktopNotifier(app), chrono::Utc::now().timestamp()).await
}

/// After a collection: a failure to check is logged, never turned into the run's error.
pub async fn after_run(app: &AppHandle, store: &Store) {
    if let Err(error) = check_alerts_and_notify(app, store).await {
        tracing::warn!(%error, "checking the alert rules after a run failed");
    }
}

/// When a workspace is opened (at start, or switched to): a budget crossed by the CLI, or a gap
/// found since, is news then. In the background, so the workspace opens at once.
pub fn check_when_opened(app: &AppHandle, store: Store) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move { check_opened(&app, &store).await });
}

/// The check of [`check_when_opened`], for a caller already off the command's path. Nothing
/// waits for it, so what fires is announced to the window.
pub async fn check_opened(app: &AppHandle, store: &Store) {
    match check_alerts_and_notify(app, store).await {
        Ok(fired) if !fired.is_empty() => {
            if let Err(error) = app.emit(ALERTS_FIRED, &fired) {
                tracing::warn!(%error, "cannot tell the window that alerts fired");
            }
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "checking the alert rules of the opened workspace failed"),
    }
}
