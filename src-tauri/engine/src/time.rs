//! UTC hours and the timestamp formats found in GitHub data.
//!
//! Event timestamps are parsed by hand: chrono's general parser costs about a microsecond per
//! call, which is a sixth of the whole per-event budget when loading 200,000 events a second.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::error::{EngineError, Result};

/// The first hour GH Archive has a file for.
pub const GHARCHIVE_FIRST_HOUR: UtcHour = UtcHour(1_297_468_800 / 3600); // 2011-02-12T00

/// One UTC hour, stored as hours since the unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UtcHour(pub i64);

impl UtcHour {
    pub fn from_timestamp(seconds: i64) -> Self {
        UtcHour(seconds.div_euclid(3600))
    }

    pub fn start(self) -> i64 {
        self.0 * 3600
    }

    pub fn next(self) -> Self {
        UtcHour(self.0 + 1)
    }

    pub fn now() -> Self {
        UtcHour::from_timestamp(Utc::now().timestamp())
    }

    pub fn to_datetime(self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.start(), 0).unwrap_or_default()
    }

    /// GH Archive's file stem: `2024-01-05-7` (the hour is not zero-padded).
    pub fn archive_stem(self) -> String {
        use chrono::Timelike;
        let t = self.to_datetime();
        format!("{}-{}", t.format("%Y-%m-%d"), t.hour())
    }

    /// Parses what a user types for an hour: `2024-01-15T10`, `2024-01-15T10:00`,
    /// `2024-01-15T10:00:00Z` or a bare date `2024-01-15` (meaning its first hour).
    pub fn parse(text: &str) -> Result<Self> {
        let trimmed = text.trim();
        let invalid = || {
            EngineError::InvalidInput(format!(
                "`{text}` is not a UTC hour: write it as YYYY-MM-DDTHH, for example 2024-01-15T10"
            ))
        };
        let without_zone = trimmed.strip_suffix('Z').unwrap_or(trimmed);
        let parsed = if let Ok(date) = NaiveDate::parse_from_str(without_zone, "%Y-%m-%d") {
            date.and_hms_opt(0, 0, 0).ok_or_else(invalid)?
        } else {
            let formats = ["%Y-%m-%dT%H", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"];
            let with_minutes =
                if without_zone.len() == 13 { format!("{without_zone}:00") } else { without_zone.to_owned() };
            formats.iter().find_map(|f| NaiveDateTime::parse_from_str(&with_minutes, f).ok()).ok_or_else(invalid)?
        };
        let seconds = parsed.and_utc().timestamp();
        if seconds % 3600 != 0 {
            return Err(EngineError::InvalidInput(format!(
                "`{text}` is not on an hour boundary: GH Archive is organised in whole UTC hours"
            )));
        }
        Ok(UtcHour::from_timestamp(seconds))
    }
}

impl fmt::Display for UtcHour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_datetime().format("%Y-%m-%dT%H"))
    }
}

/// Hours from `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HourRange {
    pub from: UtcHour,
    pub to: UtcHour,
}

impl HourRange {
    pub fn new(from: UtcHour, to: UtcHour) -> Result<Self> {
        if from >= to {
            return Err(EngineError::InvalidInput(format!(
                "--from {from} must be before --to {to} (--to is exclusive: --from 2024-01-15T10 --to 2024-01-15T11 is one hour)"
            )));
        }
        Ok(HourRange { from, to })
    }

    pub fn len(&self) -> usize {
        (self.to.0 - self.from.0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.to <= self.from
    }

    pub fn hours(&self) -> impl Iterator<Item = UtcHour> + use<> {
        (self.from.0..self.to.0).map(UtcHour)
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day number of the first day of the month holding `day` (the inverse of
/// [`days_from_civil`], Howard Hinnant's algorithm, keeping only what a month start needs).
pub fn month_start(day: i64) -> i64 {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day_of_month = doy - (153 * mp + 2) / 5; // 0-based
    day - day_of_month
}

fn digits(bytes: &[u8], at: usize, count: usize) -> Option<u32> {
    let slice = bytes.get(at..at + count)?;
    let mut value = 0u32;
    for &b in slice {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(b - b'0');
    }
    Some(value)
}

/// Parses the timestamps GitHub data uses into unix seconds (UTC):
/// `2024-01-15T10:00:00Z`, `2013-04-01T00:00:00-07:00`, `2012/04/11 15:01:33 -0700`,
/// and any of those with fractional seconds. Returns `None` for anything else.
pub fn parse_event_time(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let year = digits(b, 0, 4)?;
    let sep = *b.get(4)?;
    if (sep != b'-' && sep != b'/') || *b.get(7)? != sep {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if !matches!(*b.get(10)?, b'T' | b' ' | b't') || *b.get(13)? != b':' || *b.get(16)? != b':' {
        return None;
    }
    let hour = digits(b, 11, 2)?;
    let minute = digits(b, 14, 2)?;
    let second = digits(b, 17, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut at = 19;
    if b.get(at) == Some(&b'.') {
        at += 1;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    while b.get(at) == Some(&b' ') {
        at += 1;
    }
    let offset_seconds = match b.get(at) {
        None => 0,
        Some(b'Z' | b'z') if at + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let hh = digits(b, at + 1, 2)?;
            let mm_at = if b.get(at + 3) == Some(&b':') { at + 4 } else { at + 3 };
            let mm = digits(b, mm_at, 2)?;
            if mm_at + 2 != b.len() || hh > 23 || mm > 59 {
                return None;
            }
            let magnitude = i64::from(hh * 3600 + mm * 60);
            if sign == b'+' { magnitude } else { -magnitude }
        }
        Some(_) => return None,
    };
    let days = days_from_civil(i64::from(year), month, day);
    let local = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(local - offset_seconds)
}

/// Day `day` (days since the epoch) as `2024-03-04`.
pub fn day_label(day: i64) -> String {
    let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(day.max(0) as u64);
    date.format("%Y-%m-%d").to_string()
}

/// Formats unix seconds as RFC 3339 UTC (`2024-01-15T10:00:00Z`).
pub fn format_timestamp(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| seconds.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono_seconds(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text).unwrap().timestamp()
    }

    #[test]
    fn parses_every_github_timestamp_shape() {
        assert_eq!(parse_event_time("2024-01-15T10:00:00Z"), Some(chrono_seconds("2024-01-15T10:00:00Z")));
        assert_eq!(parse_event_time("2013-04-01T00:00:00-07:00"), Some(chrono_seconds("2013-04-01T07:00:00Z")));
        assert_eq!(parse_event_time("2012/04/11 15:01:33 -0700"), Some(chrono_seconds("2012-04-11T22:01:33Z")));
        assert_eq!(parse_event_time("2012/04/11 15:01:33 +0130"), Some(chrono_seconds("2012-04-11T13:31:33Z")));
        assert_eq!(parse_event_time("2020-02-29T23:59:59.123Z"), Some(chrono_seconds("2020-02-29T23:59:59Z")));
        assert_eq!(parse_event_time("1999-12-31T23:59:59"), Some(chrono_seconds("1999-12-31T23:59:59Z")));
    }

    #[test]
    fn rejects_malformed_timestamps() {
        for bad in [
            "",
            "2024-01-15",
            "2024-13-01T00:00:00Z",
            "2024-01-15T25:00:00Z",
            "2024-01-15T10:00:00Zjunk",
            "2024-01-15T10:00:00+07",
            "yesterday",
            "2024/01-15 10:00:00",
        ] {
            assert_eq!(parse_event_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_days_match_chrono_over_centuries() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let mut date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        while date.format("%Y").to_string() != "2101" {
            use chrono::Datelike;
            let expected = (date - epoch).num_days();
            assert_eq!(days_from_civil(i64::from(date.year()), date.month(), date.day()), expected);
            let first = (date.with_day(1).unwrap() - epoch).num_days();
            assert_eq!(month_start(expected), first, "month start of {date}");
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn hours_parse_and_name_archive_files() {
        let hour = UtcHour::parse("2024-01-05T07").unwrap();
        assert_eq!(hour.archive_stem(), "2024-01-05-7");
        assert_eq!(UtcHour::parse("2024-01-05T00").unwrap().archive_stem(), "2024-01-05-0");
        assert_eq!(UtcHour::parse("2024-01-05T23:00:00Z").unwrap().archive_stem(), "2024-01-05-23");
        assert_eq!(UtcHour::parse("2024-01-05").unwrap(), UtcHour::parse("2024-01-05T00").unwrap());
        assert_eq!(hour.to_string(), "2024-01-05T07");
        assert!(UtcHour::parse("2024-01-05T07:30").is_err());
        assert!(UtcHour::parse("Jan 5").is_err());
    }

    #[test]
    fn ranges_reject_backwards_and_empty() {
        let a = UtcHour::parse("2024-01-15T10").unwrap();
        let b = UtcHour::parse("2024-01-15T12").unwrap();
        assert_eq!(HourRange::new(a, b).unwrap().len(), 2);
        assert!(HourRange::new(b, a).unwrap_err().to_string().contains("must be before"));
        assert!(HourRange::new(a, a).is_err());
    }
}
