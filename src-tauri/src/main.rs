// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    octoscope_engine::monitoring::memory::limit_malloc_arenas();
    for (name, value) in octoscope_desktop::process_environment(|name| std::env::var_os(name)) {
        // SAFETY: the first thing main does, before any thread exists that could read the
        // environment at the same time; GTK reads it when it starts, and the WebKit processes
        // started later inherit it.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(name, value)
        };
    }
    octoscope_desktop::run();
}
