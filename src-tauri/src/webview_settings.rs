//! WebKitGTK settings the app's pages run with.
//!
//! Accelerated compositing is off unless `OCTOSCOPE_GPU_COMPOSITING=1`: WebKitGTK keeps a
//! GL surface per composited layer, and without a GPU (virtual machines, remote desktops, the
//! Xvfb of the tests) it renders them in software. For pages of static charts that bought
//! nothing and cost half the web process's memory: 318 -> 166 MB after the first dashboard,
//! with cold start faster too (docs/benchmarks.md, desktop section).
//!
//! The web process's JavaScriptCore runs without its optimising (DFG and FTL) tiers, and
//! compiles a function with its baseline JIT only after ten times the usual warm-up, unless
//! `OCTOSCOPE_JSC_DEFAULTS=1`: the optimised code and the profiling that feeds it were over 20 MB
//! of the web process (166 -> 143 MB after the first dashboard), while drawing a dashboard
//! switch's charts took about 10 ms more and the whole switch on 20M events measured the same
//! (decision 0012).

use std::ffi::{OsStr, OsString};

/// The variable that gives WebKitGTK its default compositing back, for machines whose GPU
/// makes it worth its memory.
const GPU_COMPOSITING: &str = "OCTOSCOPE_GPU_COMPOSITING";

/// The variable that gives JavaScriptCore its default tiers back.
const JSC_DEFAULTS: &str = "OCTOSCOPE_JSC_DEFAULTS";

/// JavaScriptCore reads its options from `JSC_<option>` variables when a process starts, and
/// WebKit's web process inherits the app's environment; there is no API for it.
const JSC_OPTIONS: [(&str, &str); 3] =
    [("JSC_useDFGJIT", "false"), ("JSC_thresholdForJITAfterWarmUp", "5000"), ("JSC_thresholdForJITSoon", "1000")];

/// The variables the app sets for the web process it is about to start, given how the
/// environment reads now (`read`). An option the user set is left as it is.
pub fn web_process_environment(read: impl Fn(&str) -> Option<OsString>) -> Vec<(&'static str, &'static str)> {
    if turned_on(read(JSC_DEFAULTS).as_deref()) {
        return Vec::new();
    }
    JSC_OPTIONS.into_iter().filter(|(name, _)| read(name).is_none()).collect()
}

/// Applies the settings to `window`'s webview.
pub fn apply(window: &tauri::WebviewWindow) {
    if turned_on(std::env::var_os(GPU_COMPOSITING).as_deref()) {
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

/// Whether one of the app's switches (`OCTOSCOPE_GPU_COMPOSITING`, `OCTOSCOPE_JSC_DEFAULTS`) is
/// set to `1`, the only value that turns it on.
fn turned_on(setting: Option<&OsStr>) -> bool {
    setting.is_some_and(|value| value == "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_stays_off_unless_asked_for_with_1() {
        assert!(!turned_on(None));
        assert!(!turned_on(Some(OsStr::new("0"))));
        assert!(!turned_on(Some(OsStr::new(""))));
        assert!(turned_on(Some(OsStr::new("1"))));
    }

    fn environment(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, OsString)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).into())).collect();
        move |name| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone())
    }

    #[test]
    fn the_web_process_starts_with_the_lean_options_unless_asked_for_the_defaults_with_1() {
        assert_eq!(web_process_environment(environment(&[])), JSC_OPTIONS.to_vec());
        assert_eq!(web_process_environment(environment(&[("OCTOSCOPE_JSC_DEFAULTS", "0")])), JSC_OPTIONS.to_vec());
        assert_eq!(web_process_environment(environment(&[("OCTOSCOPE_JSC_DEFAULTS", "1")])), vec![]);
    }

    #[test]
    fn an_option_the_user_set_is_kept() {
        let options = web_process_environment(environment(&[("JSC_useDFGJIT", "true")]));
        assert_eq!(options, vec![("JSC_thresholdForJITAfterWarmUp", "5000"), ("JSC_thresholdForJITSoon", "1000")]);
    }
}
