//! Structured logs. The CLI and the desktop app call [`init`] once: readable lines on stderr at
//! the level asked for, and JSON lines (with the run, unit and source of the spans they happen
//! in) in the workspace's `logs/` folder, rotated by day and size. Both outputs are redacted.
//! [`read_logs`] serves the app's log viewer and `octoscope logs`.

mod files;
pub mod read;
pub mod redact;

pub use files::{KEEP_FILES, LogFiles, MAX_FILE_BYTES, log_files};
pub use read::{LogEntry, LogLevel, LogQuery, read_logs};
pub use redact::register_secret;

use std::io::Write;
use std::sync::{Arc, LazyLock};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// What the files keep, whatever stderr shows.
const FILE_FILTER: &str = "info,sqlx=warn,octocrab=warn,hyper=warn,reqwest=warn";

static FILES: LazyLock<Arc<LogFiles>> = LazyLock::new(|| Arc::new(LogFiles::default()));

/// The process's log files; point them at a workspace with [`LogFiles::set_directory`].
pub fn files() -> &'static LogFiles {
    &FILES
}

/// Sets up logging for the process: stderr filtered by `OCTOSCOPE_LOG` or `stderr_default`,
/// the workspace files at info. Also logs panics. Calling it twice does nothing the second time.
pub fn init(stderr_default: &str, stderr_target: bool) {
    let stderr_filter = EnvFilter::try_from_env("OCTOSCOPE_LOG").unwrap_or_else(|_| EnvFilter::new(stderr_default));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(RedactedStderr)
        .with_target(stderr_target)
        .with_filter(stderr_filter);
    let json = tracing_subscriber::fmt::layer()
        .json()
        .with_current_span(false)
        .with_span_list(true)
        .with_writer(FileWriter)
        .with_filter(EnvFilter::new(FILE_FILTER));
    if tracing_subscriber::registry().with(stderr).with(json).try_init().is_ok() {
        install_panic_hook();
    }
}

/// Logs every panic (with where it happened) before the default hook prints it.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        tracing::error!(target: "panic", %location, %thread, "panic: {payload}");
        previous(info);
    }));
}

/// Buffers one formatted event and hands it to the files when dropped.
#[derive(Default)]
pub struct FileLine(Vec<u8>);

impl Write for FileLine {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for FileLine {
    fn drop(&mut self) {
        if self.0.is_empty() {
            return;
        }
        let day = chrono::Utc::now().format("%Y-%m-%d").to_string();
        FILES.append(&String::from_utf8_lossy(&self.0), &day);
    }
}

struct FileWriter;

impl<'a> MakeWriter<'a> for FileWriter {
    type Writer = FileLine;

    fn make_writer(&'a self) -> FileLine {
        FileLine::default()
    }
}

/// Buffers one formatted event and writes it, redacted, to stderr when dropped.
#[derive(Default)]
pub struct StderrLine(Vec<u8>);

impl Write for StderrLine {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for StderrLine {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        let _ = std::io::stderr().write_all(redact::redact(&text).as_bytes());
    }
}

struct RedactedStderr;

impl<'a> MakeWriter<'a> for RedactedStderr {
    type Writer = StderrLine;

    fn make_writer(&'a self) -> StderrLine {
        StderrLine::default()
    }
}
