//! WebKitGTK settings the app's pages run with.
//!
//! Accelerated compositing is off unless `OCTOSCOPE_GPU_COMPOSITING=1`: WebKitGTK keeps a
//! GL surface per composited layer, and without a GPU (virtual machines, remote desktops, the
//! Xvfb of the tests) it renders them in software. For pages of static charts that bought
//! nothing and cost half the web process's memory: 318 -> 166 MB after the first dashboard,
//! with cold start faster too (docs/benchmarks.md, desktop section).

use std::ffi::OsStr;

/// The variable that gives WebKitGTK its default compositing back, for machines whose GPU
/// makes it worth its memory.
const GPU_COMPOSITING: &str = "OCTOSCOPE_GPU_COMPOSITING";

/// Applies the settings to `window`'s webview.
pub fn apply(window: &tauri::WebviewWindow) {
    if gpu_compositing_wanted(std::env::var_os(GPU_COMPOSITING).as_deref()) {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let applied = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = applied {
            tracing::warn!(%error, "cannot turn off the webview's accelerated compositing");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

fn gpu_compositing_wanted(setting: Option<&OsStr>) -> bool {
    setting.is_some_and(|value| value == "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_stays_off_unless_asked_for_with_1() {
        assert!(!gpu_compositing_wanted(None));
        assert!(!gpu_compositing_wanted(Some(OsStr::new("0"))));
        assert!(!gpu_compositing_wanted(Some(OsStr::new(""))));
        assert!(gpu_compositing_wanted(Some(OsStr::new("1"))));
    }
}
