//! Bucketing days into chart periods (UTC): days, ISO weeks starting on Monday, months.

use crate::error::{EngineError, Result};
use crate::time::{HourRange, month_start};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "day" => Ok(Granularity::Day),
            "week" => Ok(Granularity::Week),
            "month" => Ok(Granularity::Month),
            other => Err(EngineError::InvalidInput(format!("granularity `{other}` is not day, week or month"))),
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }

    /// The first day (unix day number) of the period holding `day`.
    pub fn period_start(self, day: i64) -> i64 {
        match self {
            Granularity::Day => day,
            // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
            Granularity::Week => day - (day + 3).rem_euclid(7),
            Granularity::Month => month_start(day),
        }
    }

    /// Every period start overlapping `range`, in order.
    pub fn periods(self, range: &HourRange) -> Vec<i64> {
        let (first, end) = day_span(range);
        let mut periods = Vec::new();
        let mut day = self.period_start(first);
        while day < end {
            periods.push(day);
            day = self.period_start(self.next_start(day));
        }
        periods
    }

    fn next_start(self, start: i64) -> i64 {
        match self {
            Granularity::Day => start + 1,
            Granularity::Week => start + 7,
            Granularity::Month => start + 31,
        }
    }

    /// The day after the period starting at `start` ends.
    pub fn period_end(self, start: i64) -> i64 {
        self.period_start(self.next_start(start))
    }
}

/// The days a range touches: `[first, end)`.
pub fn day_span(range: &HourRange) -> (i64, i64) {
    (range.from.start().div_euclid(86_400), (range.to.start() + 86_399).div_euclid(86_400))
}

pub use crate::time::day_label;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{UtcHour, days_from_civil};
    use chrono::{Datelike, NaiveDate};

    fn day(text: &str) -> i64 {
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        days_from_civil(i64::from(date.year()), date.month(), date.day())
    }

    #[test]
    fn periods_start_on_days_mondays_and_firsts_of_month() {
        assert_eq!(Granularity::Week.period_start(day("2024-03-06")), day("2024-03-04"));
        assert_eq!(Granularity::Week.period_start(day("2024-03-04")), day("2024-03-04"));
        assert_eq!(Granularity::Week.period_start(day("2024-03-03")), day("2024-02-26"));
        assert_eq!(Granularity::Month.period_start(day("2024-02-29")), day("2024-02-01"));
        let range =
            HourRange::new(UtcHour::parse("2024-01-30T05").unwrap(), UtcHour::parse("2024-03-01T01").unwrap()).unwrap();
        let months: Vec<String> = Granularity::Month.periods(&range).into_iter().map(day_label).collect();
        assert_eq!(months, ["2024-01-01", "2024-02-01", "2024-03-01"]);
        assert_eq!(Granularity::Day.periods(&range).len(), 32);
        assert_eq!(Granularity::Month.period_end(day("2024-02-01")), day("2024-03-01"));
    }
}
