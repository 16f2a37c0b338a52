//! The workspace's log files: one JSON object per line in `logs/`, a new file each UTC day and
//! whenever the current one passes [`MAX_FILE_BYTES`], the oldest removed past [`KEEP_FILES`].
//! Every line is redacted before it is written.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::redact::redact;

pub const MAX_FILE_BYTES: u64 = 10 << 20;
pub const KEEP_FILES: usize = 20;
const PREFIX: &str = "octoscope-";
const SUFFIX: &str = ".jsonl";

struct OpenLog {
    day: String,
    file: File,
    size: u64,
}

/// Where log lines go; the directory can change when the app opens another workspace.
#[derive(Default)]
pub struct LogFiles {
    dir: Mutex<Option<PathBuf>>,
    open: Mutex<Option<OpenLog>>,
    max_file_bytes: Option<u64>,
}

impl std::fmt::Debug for LogFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogFiles").field("dir", &self.dir.lock().ok().and_then(|d| d.clone())).finish()
    }
}

impl LogFiles {
    /// Files rotated at `max_file_bytes` instead of [`MAX_FILE_BYTES`] (tests).
    pub fn with_max_file_bytes(max_file_bytes: u64) -> LogFiles {
        LogFiles { max_file_bytes: Some(max_file_bytes), ..LogFiles::default() }
    }

    /// Sends lines to `dir` from now on; `None` stops writing files. The folder is made with
    /// the first line, and only inside an existing workspace: a command refused for bad input
    /// must not leave a workspace behind.
    pub fn set_directory(&self, dir: Option<PathBuf>) {
        *self.dir.lock().unwrap_or_else(|e| e.into_inner()) = dir;
        *self.open.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    pub fn directory(&self) -> Option<PathBuf> {
        self.dir.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Appends one line (redacted) for UTC day `day` (`YYYY-MM-DD`). Failures to write a log
    /// are swallowed: logging must never stop the work it describes.
    pub fn append(&self, line: &str, day: &str) {
        let Some(dir) = self.directory() else { return };
        let line = redact(line);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let max = self.max_file_bytes.unwrap_or(MAX_FILE_BYTES);
        let stale = match open.as_ref() {
            None => true,
            // `set_directory` drops the open file, so an open file is always in `dir`.
            Some(current) => current.day != day || current.size >= max,
        };
        if stale {
            *open = open_next(&dir, day, max);
            prune(&dir);
        }
        if let Some(current) = open.as_mut() {
            let mut bytes = line.into_owned().into_bytes();
            if bytes.last() != Some(&b'\n') {
                bytes.push(b'\n');
            }
            if current.file.write_all(&bytes).is_ok() {
                current.size += bytes.len() as u64;
            }
        }
    }
}

/// The file for `day` with room left: `octoscope-DAY.jsonl`, then `octoscope-DAY.1.jsonl`...
fn open_next(dir: &Path, day: &str, max: u64) -> Option<OpenLog> {
    if !dir.is_dir() {
        if !dir.parent().is_some_and(Path::is_dir) {
            return None;
        }
        std::fs::create_dir(dir).ok()?;
    }
    for part in 0.. {
        let name = if part == 0 { format!("{PREFIX}{day}{SUFFIX}") } else { format!("{PREFIX}{day}.{part}{SUFFIX}") };
        let path = dir.join(name);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size < max {
            let file = OpenOptions::new().create(true).append(true).open(&path).ok()?;
            return Some(OpenLog { day: day.to_owned(), file, size });
        }
    }
    None
}

/// The log files in `dir`, oldest first.
pub fn log_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(String, u32, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let (day, part) = match stem.split_once('.') {
                Some((day, part)) => (day.to_owned(), part.parse().ok()?),
                None => (stem.to_owned(), 0),
            };
            Some((day, part, e.path()))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, _, path)| path).collect()
}

fn prune(dir: &Path) {
    let files = log_files(dir);
    if files.len() > KEEP_FILES {
        for old in &files[..files.len() - KEEP_FILES] {
            let _ = std::fs::remove_file(old);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_rotate_by_day_and_size_and_old_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let logs = LogFiles::with_max_file_bytes(100);
        logs.append(r#"{"message":"before any directory"}"#, "2026-11-27");
        logs.set_directory(Some(dir.path().to_path_buf()));
        let line = format!(r#"{{"message":"{}"}}"#, "x".repeat(40)); // 56 bytes with the newline
        logs.append(&line, "2026-11-27");
        logs.append(&line, "2026-11-27"); // 112 bytes: the next line starts a new file
        logs.append(&line, "2026-11-27");
        logs.append(&line, "2026-11-28");
        let names: Vec<String> =
            log_files(dir.path()).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["octoscope-2026-11-27.jsonl", "octoscope-2026-11-27.1.jsonl", "octoscope-2026-11-28.jsonl"]);
        let first = std::fs::read_to_string(dir.path().join(&names[0])).unwrap();
        assert_eq!(first.lines().count(), 2, "nothing was written before the directory was set");

        for day in 1..=KEEP_FILES + 3 {
            logs.append(&line, &format!("2026-12-{day:02}"));
        }
        let files = log_files(dir.path());
        assert_eq!(files.len(), KEEP_FILES);
        assert!(files[0].ends_with(format!("octoscope-2026-12-{:02}.jsonl", 4)), "{files:?}");
    }
}
