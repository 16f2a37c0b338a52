//! BigQuery result rows into the engine's rows. Event rows are rebuilt as Events API JSON and
//! parsed by the same code as GH Archive's lines, so both sources store identical events.

use gcp_bigquery_client::model::table_row::TableRow;
use serde_json::Value;

use super::query::EVENT_COLUMNS;
use crate::scope::Filter;
use crate::sources::events::{StagedRecords, stage_records};
use crate::sources::gharchive::record::TimeBounds;
use crate::store::{DailyCount, Entities};
use crate::time::{days_from_civil, format_timestamp};

/// The cells of a row as text (`None` for NULL). BigQuery sends every scalar as a string.
fn cells(row: &TableRow) -> Vec<Option<&str>> {
    row.columns.as_deref().unwrap_or_default().iter().map(|cell| cell.value.as_ref().and_then(Value::as_str)).collect()
}

/// A TIMESTAMP cell as unix seconds: real BigQuery sends float seconds (`1.7053128E9`), some
/// emulators integer microseconds.
pub fn timestamp_seconds(text: &str) -> Option<i64> {
    if text.contains(['.', 'E', 'e']) {
        return text.parse::<f64>().ok().filter(|s| s.is_finite()).map(|s| s.floor() as i64);
    }
    let value: i64 = text.parse().ok()?;
    // Seconds stay below 1e11 until the year 5138; microseconds of any date since 1973 exceed it.
    Some(if value.abs() >= 100_000_000_000 { value.div_euclid(1_000_000) } else { value })
}

/// One event row as the Events API JSON it came from (payload kept verbatim), or why not.
fn event_json(cells: &[Option<&str>]) -> Result<String, String> {
    if cells.len() != EVENT_COLUMNS.len() {
        return Err(format!("the row has {} columns, not {}", cells.len(), EVENT_COLUMNS.len()));
    }
    let [id, kind, public, created_at, repo_id, repo_name, actor_id, actor_login, org_id, org_login, payload] =
        cells.try_into().map_err(|_| "unexpected row shape".to_owned())?;
    let number = |text: Option<&str>| text.and_then(|t| t.parse::<i64>().ok()).map_or(Value::Null, Value::from);
    let text = |text: Option<&str>| text.map_or(Value::Null, Value::from);
    let created_at = match created_at {
        Some(raw) => Value::from(format_timestamp(timestamp_seconds(raw).ok_or(format!("bad created_at `{raw}`"))?)),
        None => Value::Null,
    };
    let payload: Box<serde_json::value::RawValue> = match payload {
        Some(raw) => serde_json::from_str(raw).map_err(|e| format!("the payload is not valid JSON: {e}"))?,
        None => serde_json::value::RawValue::from_string("{}".into()).map_err(|e| e.to_string())?,
    };
    let mut event = serde_json::json!({
        "id": text(id),
        "type": text(kind),
        "actor": { "id": number(actor_id), "login": text(actor_login) },
        "repo": { "id": number(repo_id), "name": text(repo_name) },
        "payload": payload,
        "public": public.map_or(Value::Bool(true), |p| Value::Bool(p == "true")),
        "created_at": created_at,
    });
    if org_id.is_some() || org_login.is_some() {
        event["org"] = serde_json::json!({ "id": number(org_id), "login": text(org_login) });
    }
    Ok(event.to_string())
}

/// Parses a page of event rows; `first_row` is the position of the page's first row in the
/// job's results (quarantined rows say where they were).
pub fn events_from_rows(
    rows: &[TableRow],
    first_row: u64,
    bounds: TimeBounds,
    filter: &Filter,
    entities: &mut Entities,
) -> StagedRecords {
    let mut malformed = Vec::new();
    let mut records = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let position = first_row + index as u64;
        match event_json(&cells(row)) {
            Ok(json) => records.push((position, json)),
            Err(reason) => malformed.push((position, reason, serde_json::to_string(row).unwrap_or_default())),
        }
    }
    let mut staged = stage_records(records.iter().map(|(p, j)| (*p, j.as_bytes())), bounds, Some(filter), entities);
    for (line, reason, raw) in malformed {
        staged.batch.rejects.push(crate::store::QuarantinedRecord {
            line,
            reason,
            excerpt: crate::sources::gharchive::decode::excerpt(raw.as_bytes()),
        });
    }
    staged
}

/// A page of `(day, repo_id, type, events[, repo_name])` rows from the daily-counts query.
pub fn daily_counts_from_rows(rows: &[TableRow]) -> Result<Vec<DailyCount>, String> {
    rows.iter()
        .map(|row| {
            let cells = cells(row);
            let repo_name = cells.get(4).copied().flatten().map(str::to_owned);
            let [Some(day), Some(repo_id), Some(kind), Some(events), ..] = cells[..] else {
                return Err(format!("a daily count row with missing values: {cells:?}"));
            };
            let mut parts = day.splitn(3, '-').map(str::parse::<i64>);
            let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
                return Err(format!("a daily count row with a bad day `{day}`"));
            };
            Ok(DailyCount {
                day: days_from_civil(y, m as u32, d as u32),
                repo_id: repo_id.parse().map_err(|_| format!("a bad repository id `{repo_id}`"))?,
                kind: kind.to_owned(),
                events: events.parse().map_err(|_| format!("a bad count `{events}`"))?,
                repo_name,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gcp_bigquery_client::model::table_cell::TableCell;

    fn row(values: &[Option<&str>]) -> TableRow {
        TableRow {
            columns: Some(values.iter().map(|v| TableCell { value: v.map(|t| Value::String(t.to_owned())) }).collect()),
        }
    }

    #[test]
    fn timestamps_come_as_float_seconds_or_integer_microseconds() {
        assert_eq!(timestamp_seconds("1.7053128E9"), Some(1_705_312_800));
        assert_eq!(timestamp_seconds("1705312800000000"), Some(1_705_312_800));
        assert_eq!(timestamp_seconds("1705312800"), Some(1_705_312_800));
        assert_eq!(timestamp_seconds("soon"), None);
    }

    #[test]
    fn event_rows_parse_like_archive_lines_and_bad_ones_are_quarantined() {
        let good = row(&[
            Some("30000000001"),
            Some("WatchEvent"),
            Some("true"),
            Some("1705312800000000"),
            Some("101"),
            Some("apache/arrow"),
            Some("7"),
            Some("someone"),
            Some("9"),
            Some("apache"),
            Some(r#"{"action":"started"}"#),
        ]);
        let mut bad_payload = good.clone();
        if let Some(columns) = bad_payload.columns.as_mut() {
            columns[10] = TableCell { value: Some(Value::String("{not json".into())) };
        }
        let short = row(&[Some("1")]);
        let bounds = TimeBounds { earliest: 0, latest: i64::MAX };
        let mut entities = Entities::default();
        let staged = events_from_rows(&[good, bad_payload, short], 10, bounds, &Filter::default(), &mut entities);
        assert_eq!(staged.batch.events.len(), 1);
        let event = &staged.batch.events[0];
        assert_eq!((event.id, event.repo_id, event.created_at), (30_000_000_001, 101, 1_705_312_800));
        let reasons: Vec<_> = staged.batch.rejects.iter().map(|r| (r.line, r.reason.as_str())).collect();
        assert_eq!(reasons.len(), 2);
        assert!(reasons.iter().any(|(line, reason)| *line == 11 && reason.contains("payload is not valid JSON")));
        assert!(reasons.iter().any(|(line, reason)| *line == 12 && reason.contains("1 columns")));
    }

    #[test]
    fn daily_counts_read_dates_as_day_numbers() {
        let counts = daily_counts_from_rows(&[row(&[Some("2024-01-15"), Some("101"), Some("PushEvent"), Some("3")])]);
        let counts = counts.unwrap();
        assert_eq!(counts[0].day, 1_705_276_800 / 86_400);
        assert_eq!((counts[0].repo_id, counts[0].kind.as_str(), counts[0].events), (101, "PushEvent", 3));
        let named = daily_counts_from_rows(&[row(&[Some("2024-01-15"), Some("7"), Some("T"), Some("1"), Some("a/b")])]);
        assert_eq!(named.unwrap()[0].repo_name.as_deref(), Some("a/b"));
        assert!(daily_counts_from_rows(&[row(&[Some("x"), Some("1"), Some("T"), Some("1")])]).is_err());
    }
}
