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
use std::sync::LazyLock;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// What the files keep, whatever stderr shows.
const FILE_FILTER: &str = "info,sqlx=warn,octocrab=warn,hyper=warn,reqwest=warn";

static FILES: LazyLock<LogFiles> = LazyLock::new(LogFiles::default);

/// The process's log files; point them at a workspace with [`LogFiles::set_directory`].
pub fn files() -> &'static LogFiles {
    &FILES
}

/// The target of events meant for the log files only: what the CLI already says on stderr in
/// its own words (a failed command), so the terminal does not show it twice.
pub const FILES_ONLY: &str = "files_only";

/// Sets up logging for the process: stderr filtered by `OCTOSCOPE_LOG` or `stderr_default`,
/// the workspace files at info. Also logs panics. Calling it twice does nothing the second time.
pub fn init(stderr_default: &str, stderr_target: bool) {
    let stderr_filter = EnvFilter::try_from_env("OCTOSCOPE_LOG").unwrap_or_else(|_| EnvFilter::new(stderr_default));
    let stderr_filter = match format!("{FILES_ONLY}=off").parse() {
        Ok(directive) => stderr_filter.add_directive(directive),
        Err(_) => stderr_filter,
    };
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(Sink::Stderr)
        .with_target(stderr_target)
        .with_filter(stderr_filter);
    let json = tracing_subscriber::fmt::layer()
        .json()
        .with_current_span(false)
        .with_span_list(true)
        .with_writer(Sink::Files)
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

/// Where a formatted event goes once complete.
#[derive(Debug, Clone, Copy)]
enum Sink {
    Files,
    Stderr,
}

/// Buffers one formatted event and hands it, whole, to its sink when dropped: the files
/// (which redact and rotate) or stderr (redacted here).
struct BufferedLine {
    bytes: Vec<u8>,
    sink: Sink,
}

impl Write for BufferedLine {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for BufferedLine {
    fn drop(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.bytes);
        match self.sink {
            Sink::Files => FILES.append(&text, &chrono::Utc::now().format("%Y-%m-%d").to_string()),
            Sink::Stderr => {
                let _ = std::io::stderr().write_all(redact::redact(&text).as_bytes());
            }
        }
    }
}

impl<'a> MakeWriter<'a> for Sink {
    type Writer = BufferedLine;

    fn make_writer(&'a self) -> BufferedLine {
        BufferedLine { bytes: Vec::new(), sink: *self }
    }
}
