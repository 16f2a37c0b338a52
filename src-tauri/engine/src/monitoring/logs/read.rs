//! Reading the log files back for the log viewer: newest first, filtered by run and level.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::files::log_files;
use crate::error::{EngineError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}

impl LogLevel {
    pub fn parse(text: &str) -> Result<LogLevel> {
        match text.trim().to_ascii_lowercase().as_str() {
            "trace" => Ok(LogLevel::Trace),
            "debug" => Ok(LogLevel::Debug),
            "info" => Ok(LogLevel::Info),
            "warn" | "warning" => Ok(LogLevel::Warn),
            "error" => Ok(LogLevel::Error),
            _ => Err(EngineError::InvalidInput(format!(
                "`{text}` is not a log level; use error, warn, info, debug or trace"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Trace => "trace",
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        }
    }
}

/// Which lines to read.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogQuery {
    /// Only lines logged inside this run.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub run_id: Option<i64>,
    /// Only lines at this level or more severe.
    pub min_level: Option<LogLevel>,
    /// At most this many lines (the newest).
    pub limit: u32,
}

/// One logged event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogEntry {
    /// RFC 3339, UTC.
    pub time: String,
    pub level: LogLevel,
    pub target: String,
    pub message: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub run_id: Option<i64>,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// The event's other fields and those of its spans, as text.
    pub fields: BTreeMap<String, String>,
}

/// The newest lines of the files in `dir` matching `query`, newest first. Lines that are not
/// Octoscope's JSON (a file edited by hand) are skipped.
pub fn read_logs(dir: &Path, query: &LogQuery) -> Result<Vec<LogEntry>> {
    let mut entries = Vec::new();
    let limit = query.limit.max(1) as usize;
    for path in log_files(dir).iter().rev() {
        let text = std::fs::read_to_string(path)
            .map_err(|source| EngineError::Io { context: format!("cannot read the log {}", path.display()), source })?;
        for line in text.lines().rev() {
            let Some(entry) = parse_line(line) else { continue };
            if query.min_level.is_some_and(|min| entry.level < min) {
                continue;
            }
            if query.run_id.is_some() && entry.run_id != query.run_id {
                continue;
            }
            entries.push(entry);
            if entries.len() == limit {
                return Ok(entries);
            }
        }
    }
    Ok(entries)
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One JSON line as `tracing-subscriber` writes it: `timestamp`, `level`, `target`, `fields`
/// (with `message`) and `spans` (outermost first, each with `name` and its fields).
fn parse_line(line: &str) -> Option<LogEntry> {
    let value: Value = serde_json::from_str(line).ok()?;
    let level = LogLevel::parse(value.get("level")?.as_str()?).ok()?;
    let mut fields = BTreeMap::new();
    for span in value.get("spans").and_then(Value::as_array).into_iter().flatten() {
        for (key, field) in span.as_object().into_iter().flatten() {
            if key != "name" {
                fields.insert(key.clone(), text_of(field));
            }
        }
    }
    for (key, field) in value.get("fields").and_then(Value::as_object).into_iter().flatten() {
        fields.insert(key.clone(), text_of(field));
    }
    let message = fields.remove("message").unwrap_or_default();
    let run_id = fields.remove("run_id").and_then(|r| r.parse().ok());
    let unit = fields.remove("unit");
    let source = fields.remove("source");
    Some(LogEntry {
        time: value.get("timestamp").map(text_of).unwrap_or_default(),
        level,
        target: value.get("target").map(text_of).unwrap_or_default(),
        message,
        run_id,
        unit,
        source,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_newest_first_with_span_fields() {
        let dir = tempfile::tempdir().unwrap();
        let lines = [
            r#"{"timestamp":"2026-11-28T10:00:00Z","level":"INFO","fields":{"message":"run started","run_id":7},"target":"octoscope_engine::pipeline::run"}"#,
            r#"{"timestamp":"2026-11-28T10:00:01Z","level":"WARN","fields":{"message":"unit failed","reason":"truncated"},"target":"x","spans":[{"name":"run","run_id":7,"source":"gharchive"},{"name":"unit","unit":"2024-01-15T10"}]}"#,
            "not json at all",
            r#"{"timestamp":"2026-11-28T10:00:02Z","level":"ERROR","fields":{"message":"other run"},"target":"x","spans":[{"name":"run","run_id":8}]}"#,
        ];
        std::fs::write(dir.path().join("octoscope-2026-11-28.jsonl"), lines.join("\n")).unwrap();
        let all = read_logs(dir.path(), &LogQuery { run_id: None, min_level: None, limit: 10 }).unwrap();
        assert_eq!(
            all.iter().map(|e| e.message.as_str()).collect::<Vec<_>>(),
            ["other run", "unit failed", "run started"]
        );
        let run7 =
            read_logs(dir.path(), &LogQuery { run_id: Some(7), min_level: Some(LogLevel::Warn), limit: 10 }).unwrap();
        assert_eq!(run7.len(), 1);
        let entry = &run7[0];
        assert_eq!(
            (entry.level, entry.unit.as_deref(), entry.source.as_deref()),
            (LogLevel::Warn, Some("2024-01-15T10"), Some("gharchive"))
        );
        assert_eq!(entry.fields.get("reason").map(String::as_str), Some("truncated"));
        let newest = read_logs(dir.path(), &LogQuery { run_id: None, min_level: None, limit: 1 }).unwrap();
        assert_eq!(newest[0].message, "other run");
    }
}
