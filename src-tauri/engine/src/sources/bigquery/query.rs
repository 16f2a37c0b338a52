//! The SQL Octoscope sends to BigQuery's `githubarchive` dataset.
//!
//! The dataset has no partitioning or clustering: a query is billed for every byte of every
//! column it names, in every table it touches. So the builder
//! - covers a range with the fewest tables: a year table for each whole past year, a month
//!   table for each whole past month, and day tables (one wildcard per month, narrowed with
//!   `_TABLE_SUFFIX`) for the rest;
//! - names only the leaf columns it needs (`repo.id`, never `repo`), and never `payload` unless
//!   the events themselves are wanted;
//! - passes every user-supplied value (names, ids, days, times) as a query parameter.

use chrono::{Datelike, NaiveDate};
use gcp_bigquery_client::model::query_parameter::QueryParameter;
use gcp_bigquery_client::model::query_parameter_type::QueryParameterType;
use gcp_bigquery_client::model::query_parameter_value::QueryParameterValue;

use crate::time::{HourRange, UtcHour};

/// What a query brings home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "BigQueryMode"))]
pub enum Mode {
    /// Every event of the scope, loaded through the same parser as GH Archive's hours.
    Events,
    /// Events per day, repository and type, counted by BigQuery: for scopes too large or too
    /// costly to bring home event by event.
    DailyCounts,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Events => "events",
            Mode::DailyCounts => "daily-counts",
        }
    }

    pub fn parse(text: &str) -> Option<Mode> {
        [Mode::Events, Mode::DailyCounts].into_iter().find(|m| m.as_str() == text)
    }
}

/// The tables one query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tables {
    Year {
        year: i32,
    },
    Month {
        year: i32,
        month: u32,
    },
    /// Day tables `first..=last` of one month.
    Days {
        year: i32,
        month: u32,
        first: u32,
        last: u32,
    },
}

impl Tables {
    /// How many tables are referenced (each is billed at least 10 MB).
    pub fn count(self) -> u64 {
        match self {
            Tables::Year { .. } | Tables::Month { .. } => 1,
            Tables::Days { first, last, .. } => u64::from(last - first + 1),
        }
    }

    /// A short label: `year 2023`, `month 2024-01`, `days 2024-01-15..17`.
    pub fn label(self) -> String {
        match self {
            Tables::Year { year } => format!("year {year}"),
            Tables::Month { year, month } => format!("month {year}-{month:02}"),
            Tables::Days { year, month, first, last } if first == last => format!("day {year}-{month:02}-{first:02}"),
            Tables::Days { year, month, first, last } => format!("days {year}-{month:02}-{first:02}..{last:02}"),
        }
    }
}

/// A stretch of hours and the tables that hold it: one query, one unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableGroup {
    pub tables: Tables,
    pub hours: HourRange,
}

fn date_of(hour: UtcHour) -> NaiveDate {
    hour.to_datetime().date_naive()
}

fn hour_of(date: NaiveDate) -> UtcHour {
    UtcHour(date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp()) / 3600)
}

fn next_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = if date.month() == 12 { (date.year() + 1, 1) } else { (date.year(), date.month() + 1) };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(date)
}

/// Splits `range` into the fewest table groups. Year and month tables are used only for periods
/// that ended by `complete_before` (their tables are written once the period is over).
pub fn table_groups(range: &HourRange, complete_before: NaiveDate) -> Vec<TableGroup> {
    let mut groups = Vec::new();
    let mut cursor = range.from;
    while cursor < range.to {
        let date = date_of(cursor);
        let at_day_start = cursor == hour_of(date);
        let month_end = next_month(date);
        let year_end = NaiveDate::from_ymd_opt(date.year() + 1, 1, 1).unwrap_or(month_end);
        let whole = |end: NaiveDate| at_day_start && hour_of(end) <= range.to && end <= complete_before;
        let (tables, end) = if date.ordinal() == 1 && whole(year_end) {
            (Tables::Year { year: date.year() }, hour_of(year_end))
        } else if date.day() == 1 && whole(month_end) {
            (Tables::Month { year: date.year(), month: date.month() }, hour_of(month_end))
        } else {
            let end = range.to.min(hour_of(month_end));
            let last = date_of(UtcHour(end.0 - 1)).day();
            (Tables::Days { year: date.year(), month: date.month(), first: date.day(), last }, end)
        };
        groups.push(TableGroup { tables, hours: HourRange { from: cursor, to: end } });
        cursor = end;
    }
    groups
}

/// Which repositories a query keeps, in the forms SQL compares (lower case).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SqlFilter {
    /// Repositories matched by id: cheaper (8 bytes a row) and they follow renames.
    pub repo_ids: Vec<i64>,
    /// Repositories matched by `owner/name`, lower case.
    pub repo_names: Vec<String>,
    /// Organisations (or owners), lower case.
    pub orgs: Vec<String>,
}

impl SqlFilter {
    pub fn is_everything(&self) -> bool {
        self.repo_ids.is_empty() && self.repo_names.is_empty() && self.orgs.is_empty()
    }

    /// Whether rows may belong to repositories the workspace has no name for.
    pub fn names_needed(&self) -> bool {
        !self.repo_names.is_empty() || !self.orgs.is_empty() || self.is_everything()
    }
}

/// A query ready to send: SQL text and its named parameters.
#[derive(Debug, Clone)]
pub struct BuiltQuery {
    pub sql: String,
    pub parameters: Vec<QueryParameter>,
}

/// The columns of the events query, in the order rows come back. Leaf columns only: naming
/// `repo` would read (and bill) `repo.url` too.
pub const EVENT_COLUMNS: &[&str] = &[
    "id",
    "type",
    "public",
    "created_at",
    "repo.id",
    "repo.name",
    "actor.id",
    "actor.login",
    "org.id",
    "org.login",
    "payload",
];

fn scalar(name: &str, kind: &str, value: String) -> QueryParameter {
    QueryParameter {
        name: Some(name.to_owned()),
        parameter_type: Some(QueryParameterType { r#type: kind.to_owned(), array_type: None, struct_types: None }),
        parameter_value: Some(QueryParameterValue { value: Some(value), array_values: None, struct_values: None }),
    }
}

fn array(name: &str, kind: &str, values: impl IntoIterator<Item = String>) -> QueryParameter {
    let element = QueryParameterType { r#type: kind.to_owned(), array_type: None, struct_types: None };
    QueryParameter {
        name: Some(name.to_owned()),
        parameter_type: Some(QueryParameterType {
            r#type: "ARRAY".to_owned(),
            array_type: Some(Box::new(element)),
            struct_types: None,
        }),
        parameter_value: Some(QueryParameterValue {
            value: None,
            array_values: Some(
                values
                    .into_iter()
                    .map(|v| QueryParameterValue { value: Some(v), array_values: None, struct_values: None })
                    .collect(),
            ),
            struct_values: None,
        }),
    }
}

fn timestamp(hour: UtcHour) -> String {
    hour.to_datetime().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The query for one table group. `dataset_project` is `githubarchive` except in tests.
pub fn build(mode: Mode, group: &TableGroup, filter: &SqlFilter, dataset_project: &str) -> BuiltQuery {
    let mut parameters = Vec::new();
    let mut conditions = Vec::new();
    let from = match group.tables {
        Tables::Year { year } => format!("`{dataset_project}.year.{year}`"),
        Tables::Month { year, month } => format!("`{dataset_project}.month.{year}{month:02}`"),
        Tables::Days { year, month, first, last } => {
            conditions.push("_TABLE_SUFFIX BETWEEN @first_day AND @last_day".to_owned());
            parameters.push(scalar("first_day", "STRING", format!("{first:02}")));
            parameters.push(scalar("last_day", "STRING", format!("{last:02}")));
            format!("`{dataset_project}.day.{year}{month:02}*`")
        }
    };
    // Whole days need no time filter: a day table holds exactly the hours GH Archive filed
    // under that day, misfiled events included, so both sources load the same rows.
    if group.hours.from != hour_of(date_of(group.hours.from)) || group.hours.to != hour_of(date_of(group.hours.to)) {
        conditions.push("created_at >= @from_time AND created_at < @to_time".to_owned());
        parameters.push(scalar("from_time", "TIMESTAMP", timestamp(group.hours.from)));
        parameters.push(scalar("to_time", "TIMESTAMP", timestamp(group.hours.to)));
    }
    let mut scope = Vec::new();
    if !filter.repo_ids.is_empty() {
        scope.push("repo.id IN UNNEST(@repo_ids)");
        parameters.push(array("repo_ids", "INT64", filter.repo_ids.iter().map(i64::to_string)));
    }
    if !filter.repo_names.is_empty() {
        scope.push("LOWER(repo.name) IN UNNEST(@repo_names)");
        parameters.push(array("repo_names", "STRING", filter.repo_names.iter().cloned()));
    }
    if !filter.orgs.is_empty() {
        // The owner half of the name, or the organisation: as the GH Archive filter matches.
        scope.push("LOWER(SPLIT(repo.name, '/')[SAFE_OFFSET(0)]) IN UNNEST(@orgs)");
        scope.push("LOWER(org.login) IN UNNEST(@orgs)");
        parameters.push(array("orgs", "STRING", filter.orgs.iter().cloned()));
    }
    if !scope.is_empty() {
        conditions.push(format!("({})", scope.join(" OR ")));
    }
    let where_clause =
        if conditions.is_empty() { String::new() } else { format!("\nWHERE {}", conditions.join("\n  AND ")) };
    let sql = match mode {
        Mode::Events => {
            let columns: Vec<String> = EVENT_COLUMNS
                .iter()
                .map(|c| if c.contains('.') { format!("{c} AS {}", c.replace('.', "_")) } else { (*c).to_owned() })
                .collect();
            format!("SELECT {}\nFROM {from}{where_clause}", columns.join(", "))
        }
        // Distinct ids: the archive holds a few events twice, and local rollups count each once.
        // Rows without a type, time or repository are what Octoscope's validation quarantines;
        // testing them costs nothing, as these columns are read anyway.
        Mode::DailyCounts => {
            let valid = "type IS NOT NULL AND created_at IS NOT NULL AND repo.id IS NOT NULL";
            let where_clause = if where_clause.is_empty() {
                format!("\nWHERE {valid}")
            } else {
                format!("{where_clause}\n  AND {valid}")
            };
            // Names only when the repositories are not all known by id already: charts need a
            // name for each id, and reading the column is what matching by id saves.
            let name = if filter.names_needed() { ", ANY_VALUE(repo.name) AS repo_name" } else { "" };
            format!(
                "SELECT DATE(created_at) AS day, repo.id AS repo_id, type, COUNT(DISTINCT id) AS events{name}\n\
                 FROM {from}{where_clause}\nGROUP BY day, repo_id, type"
            )
        }
    };
    BuiltQuery { sql, parameters }
}

/// `SELECT *` over the same tables and time range, unfiltered: what a naive query would be
/// billed, for comparisons in plans and benchmarks.
pub fn select_all(group: &TableGroup, dataset_project: &str) -> BuiltQuery {
    let mut built = build(Mode::Events, group, &SqlFilter::default(), dataset_project);
    let from = built.sql.find("\nFROM").unwrap_or(0);
    built.sql = format!("SELECT *{}", &built.sql[from..]);
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: &str, to: &str) -> HourRange {
        HourRange::new(UtcHour::parse(from).unwrap(), UtcHour::parse(to).unwrap()).unwrap()
    }

    fn labels(from: &str, to: &str, complete_before: &str) -> Vec<String> {
        let complete_before = NaiveDate::parse_from_str(complete_before, "%Y-%m-%d").unwrap();
        table_groups(&range(from, to), complete_before).iter().map(|g| g.tables.label()).collect()
    }

    #[test]
    fn whole_past_years_and_months_use_one_table_each() {
        assert_eq!(
            labels("2022-11-20T00", "2024-03-10T00", "2026-01-01"),
            [
                "days 2022-11-20..30",
                "month 2022-12",
                "year 2023",
                "month 2024-01",
                "month 2024-02",
                "days 2024-03-01..09"
            ]
        );
    }

    #[test]
    fn partial_days_and_unfinished_months_fall_back_to_day_tables() {
        assert_eq!(labels("2024-01-15T10", "2024-01-15T12", "2026-01-01"), ["day 2024-01-15"]);
        assert_eq!(labels("2024-01-31T22", "2024-02-01T02", "2026-01-01"), ["day 2024-01-31", "day 2024-02-01"]);
        // January is over, but its month table is not written until February begins.
        assert_eq!(labels("2026-01-01T00", "2026-02-01T00", "2026-01-20"), ["days 2026-01-01..31"]);
        let groups =
            table_groups(&range("2024-01-01T05", "2024-03-01T00"), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(groups[0].tables.count(), 31);
        assert_eq!(groups[1].tables, Tables::Month { year: 2024, month: 2 });
        assert_eq!(groups.iter().map(|g| g.hours.len()).sum::<usize>(), range("2024-01-01T05", "2024-03-01T00").len());
    }

    #[test]
    fn user_input_travels_as_parameters_and_only_needed_columns_are_named() {
        let group =
            table_groups(&range("2024-01-15T10", "2024-01-17T00"), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
                .remove(0);
        let filter =
            SqlFilter { repo_ids: vec![42], repo_names: vec!["o'brien/x".into()], orgs: vec!["rust-lang".into()] };
        let events = build(Mode::Events, &group, &filter, "githubarchive");
        assert!(events.sql.contains("FROM `githubarchive.day.202401*`"), "{}", events.sql);
        assert!(!events.sql.contains("o'brien") && !events.sql.contains("rust-lang") && !events.sql.contains("42"));
        assert!(events.sql.contains("created_at >= @from_time"));
        let names: Vec<_> = events.parameters.iter().filter_map(|p| p.name.clone()).collect();
        assert_eq!(names, ["first_day", "last_day", "from_time", "to_time", "repo_ids", "repo_names", "orgs"]);
        let counts = build(Mode::DailyCounts, &group, &SqlFilter { repo_ids: vec![1], ..SqlFilter::default() }, "g");
        assert!(!counts.sql.contains("payload") && !counts.sql.contains("repo.name"), "{}", counts.sql);
        let by_name = build(
            Mode::DailyCounts,
            &group,
            &SqlFilter { repo_names: vec!["a/b".into()], ..SqlFilter::default() },
            "g",
        );
        assert!(by_name.sql.contains("ANY_VALUE(repo.name) AS repo_name"), "{}", by_name.sql);
        assert!(counts.sql.contains("COUNT(DISTINCT id)"));
        let whole_days =
            table_groups(&range("2024-01-15T00", "2024-01-17T00"), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(!build(Mode::Events, &whole_days[0], &filter, "g").sql.contains("created_at >="));
        assert!(select_all(&group, "g").sql.starts_with("SELECT *\nFROM `g.day.202401*`"));
    }
}
