//! Human and JSON output shared by the commands.

use octoscope_engine::pipeline::RunSummary;
use octoscope_engine::store::RunStatus;

use crate::exit;

pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("error: cannot serialise the output: {error}"),
    }
}

/// 1234567 -> "1,234,567".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{n} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

pub fn duration_ms(ms: u64) -> String {
    match ms {
        0..=59_999 => format!("{:.1} s", ms as f64 / 1000.0),
        60_000..=3_599_999 => format!("{} min {} s", ms / 60_000, ms % 60_000 / 1000),
        _ => format!("{} h {} min", ms / 3_600_000, ms % 3_600_000 / 60_000),
    }
}

pub fn exit_code(summary: &RunSummary) -> u8 {
    match summary.status {
        RunStatus::Completed => 0,
        RunStatus::CompletedWithErrors => exit::COMPLETED_WITH_ERRORS,
        RunStatus::Cancelled => exit::CANCELLED,
        _ => exit::FAILED,
    }
}

pub fn print_run_summary(summary: &RunSummary, json: bool) {
    if json {
        print_json(summary);
        return;
    }
    let status = match summary.status {
        RunStatus::Completed => "completed",
        RunStatus::CompletedWithErrors => "completed with errors",
        RunStatus::Cancelled => "cancelled (finished units are kept; run the same command to resume)",
        RunStatus::Failed => "failed",
        RunStatus::Interrupted => "interrupted",
        RunStatus::Running => "running",
    };
    eprintln!("run {} {status} in {}", summary.run_id, duration_ms(summary.elapsed_ms));
    eprintln!(
        "  units   {} planned: {} loaded, {} already done, {} missing, {} failed{}",
        summary.units_total,
        summary.units_done,
        summary.units_skipped,
        summary.units_missing,
        summary.units_failed,
        if summary.units_cancelled > 0 { format!(", {} cancelled", summary.units_cancelled) } else { String::new() }
    );
    eprintln!(
        "  events  {} loaded, {} duplicates skipped, {} quarantined",
        count(summary.events_loaded),
        count(summary.duplicates),
        count(summary.quarantined)
    );
    if !summary.missing.is_empty() {
        eprintln!("  gaps    no file for: {} (recorded in coverage)", summary.missing.join(", "));
    }
    for failure in &summary.failures {
        eprintln!("  failed  {}: {}", failure.unit, failure.reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_person_writes_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(105_000_000), "105.0 MB");
        assert_eq!(duration_ms(1500), "1.5 s");
        assert_eq!(duration_ms(125_000), "2 min 5 s");
    }
}
