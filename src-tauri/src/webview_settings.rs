//! WebKitGTK settings the app's pages run with.
//!
//! Accelerated compositing is off unless `OCTOSCOPE_GPU_COMPOSITING=1`: WebKitGTK keeps a
//! GL surface per composited layer, and without a GPU (virtual machines, remote desktops, the
//! Xvfb of the tests) it renders them in software. For pages of static charts that bought
//! nothing and cost half the web process's memory: 318 -> 166 MB after the first dashboard,
//! with cold start faster too (docs/benchmarks.md, desktop section). With compositing off
//! nothing in the app draws with GL, so GTK is told not to set GL up either (`GDK_GL=disable`):
//! its probe of GLX at start-up cost about 6 MB (decision 0013).
//!
//! The web process's JavaScriptCore runs without its JIT, on its interpreter, unless
//! `OCTOSCOPE_JSC_DEFAULTS=1`: compiled code and the profiling behind it were about 35 MB of
//! the web process (166 -> 130 MB after the first dashboard), while a dashboard switch on 20M
//! events measured about 157 ms instead of 125, within its 200 ms target (decisions 0012, 0013).

use std::ffi::{OsStr, OsString};

/// The variable that gives WebKitGTK its default compositing back (and GTK its GL), for
/// machines whose GPU makes it worth its memory.
const GPU_COMPOSITING: &str = "OCTOSCOPE_GPU_COMPOSITING";

/// The variable that gives JavaScriptCore its default tiers back.
const JSC_DEFAULTS: &str = "OCTOSCOPE_JSC_DEFAULTS";

/// JavaScriptCore reads its options from `JSC_<option>` variables when a process starts, and
/// WebKit's web process inherits the app's environment; there is no API for it.
const JSC_OPTIONS: [(&str, &str); 1] = [("JSC_useJIT", "false")];

/// GTK 3 reads `GDK_GL` when it opens the display, in the app and in WebKit's web process.
const GTK_WITHOUT_GL: (&str, &str) = ("GDK_GL", "disable");

/// The variables the app sets for itself and the WebKit processes it is about to start, given
/// how the environment reads now (`read`). A variable the user set is left as it is.
pub fn process_environment(read: impl Fn(&str) -> Option<OsString>) -> Vec<(&'static str, &'static str)> {
    let mut settings = Vec::new();
    if !turned_on(read(JSC_DEFAULTS).as_deref()) {
        settings.extend(JSC_OPTIONS);
    }
    if !turned_on(read(GPU_COMPOSITING).as_deref()) {
        settings.push(GTK_WITHOUT_GL);
    }
    settings.retain(|(name, _)| read(name).is_none());
    settings
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
    fn the_processes_start_lean_unless_asked_for_the_defaults_with_1() {
        let lean = vec![("JSC_useJIT", "false"), ("GDK_GL", "disable")];
        assert_eq!(process_environment(environment(&[])), lean);
        assert_eq!(process_environment(environment(&[("OCTOSCOPE_JSC_DEFAULTS", "0")])), lean);
        assert_eq!(process_environment(environment(&[("OCTOSCOPE_JSC_DEFAULTS", "1")])), vec![("GDK_GL", "disable")]);
        assert_eq!(
            process_environment(environment(&[("OCTOSCOPE_GPU_COMPOSITING", "1")])),
            vec![("JSC_useJIT", "false")]
        );
    }

    #[test]
    fn a_variable_the_user_set_is_kept() {
        assert_eq!(process_environment(environment(&[("JSC_useJIT", "true")])), vec![("GDK_GL", "disable")]);
        assert_eq!(process_environment(environment(&[("GDK_GL", "gles")])), vec![("JSC_useJIT", "false")]);
    }
}
