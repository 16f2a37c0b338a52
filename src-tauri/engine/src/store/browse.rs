//! Browsing the workspace's tables as they are, a page at a time, and exporting one as CSV: the
//! Data page and `octoscope data`. Only the tables listed here can be read (a table name is
//! never taken from the caller as SQL), and none of them holds a secret or an e-mail address.

use std::io::Write;
use std::path::Path;

use futures_util::TryStreamExt;
use sqlx::Row;

use super::Store;
use crate::csv::csv_row;
use crate::error::{EngineError, Result};

/// The browsable tables, with what each holds.
pub const TABLES: &[(&str, &str)] = &[
    ("events", "one row per event: type, action, repository, actor, organisation, time and the facts charts use"),
    ("repositories", "repositories by id, with their current name"),
    ("repository_names", "every name a repository has had"),
    ("actors", "accounts by id, with their login and whether they are bots"),
    ("organisations", "organisations by id"),
    ("daily_repo_events", "events per repository, day and type (a rollup)"),
    ("daily_type_events", "events per day and type over the workspace (a rollup)"),
    ("hourly_events", "events per hour (a rollup)"),
    ("work_items", "issues and pull requests: opened, closed, merged, first response"),
    ("releases", "releases per repository"),
    ("repo_snapshots", "GitHub metadata snapshots: stars, forks, language, topics"),
    ("star_days", "new stars per repository and day from GitHub's star history"),
    ("remote_daily_counts", "BigQuery's counts of events per repository, day and type"),
    ("runs", "every collection: status, units, events, errors"),
    ("units", "the units of every collection, with their state and checkpoint"),
    ("quarantine", "rejected records with the reason"),
    ("coverage", "which hours are complete, missing or failed, per scope"),
    ("run_stages", "busy time per stage of each run"),
    ("http_requests", "every API request: endpoint, status, latency, rate limit"),
    ("bigquery_jobs", "every BigQuery job: bytes, dollars, state"),
    ("alert_rules", "the alert rules"),
    ("alert_log", "every alert that fired"),
    ("settings", "the workspace settings"),
];

/// Rows of a page at most.
pub const MAX_PAGE_ROWS: u32 = 500;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableInfo {
    pub name: String,
    pub description: String,
}

/// One page of a table; every value as text (`null` for SQL NULL).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TablePage {
    pub table: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub offset: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: i64,
}

pub fn tables() -> Vec<TableInfo> {
    TABLES
        .iter()
        .map(|(name, description)| TableInfo { name: (*name).into(), description: (*description).into() })
        .collect()
}

/// The table's name as listed, or a clear refusal.
fn known(table: &str) -> Result<&'static str> {
    TABLES.iter().map(|(name, _)| *name).find(|name| *name == table).ok_or_else(|| {
        EngineError::InvalidInput(format!(
            "`{table}` is not a table of the workspace; `octoscope data tables` lists them"
        ))
    })
}

impl Store {
    async fn columns(&self, table: &'static str) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
            .fetch_all(self.pool())
            .await?)
    }

    /// Every column cast to text, in table order (rowid order, or the primary key's).
    fn select_text(table: &str, columns: &[String]) -> String {
        let list: Vec<String> = columns.iter().map(|c| format!("CAST(\"{c}\" AS TEXT)")).collect();
        format!("SELECT {} FROM {table}", list.join(", "))
    }

    /// Rows `offset..offset + limit` of `table` (limit at most [`MAX_PAGE_ROWS`]).
    pub async fn browse(&self, table: &str, offset: i64, limit: u32) -> Result<TablePage> {
        let table = known(table)?;
        if offset < 0 {
            return Err(EngineError::InvalidInput(format!("the offset must be 0 or more, not {offset}")));
        }
        let columns = self.columns(table).await?;
        let sql = format!("{} LIMIT ?1 OFFSET ?2", Self::select_text(table, &columns));
        let rows = sqlx::query(&sql)
            .bind(i64::from(limit.clamp(1, MAX_PAGE_ROWS)))
            .bind(offset)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| (0..columns.len()).map(|i| row.get::<Option<String>, _>(i)).collect())
            .collect();
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(self.pool()).await?;
        Ok(TablePage { table: table.to_owned(), columns, rows, offset, total })
    }

    /// Writes all of `table` to `path` as CSV (a header row, then every row); returns the rows
    /// written. Streams: a table of millions of events is never held in memory.
    pub async fn export_table_csv(&self, table: &str, path: &Path) -> Result<u64> {
        let table = known(table)?;
        let columns = self.columns(table).await?;
        let io_error = |source| EngineError::Io { context: format!("cannot write {}", path.display()), source };
        let file = std::fs::File::create(path).map_err(io_error)?;
        let mut out = std::io::BufWriter::new(file);
        out.write_all(csv_row(&columns).as_bytes()).map_err(io_error)?;
        let sql = Self::select_text(table, &columns);
        let mut rows = sqlx::query(&sql).fetch(self.pool());
        let mut written = 0;
        while let Some(row) = rows.try_next().await? {
            // SQL NULL is an empty field.
            let fields: Vec<String> =
                (0..columns.len()).map(|i| row.get::<Option<String>, _>(i).unwrap_or_default()).collect();
            out.write_all(csv_row(&fields).as_bytes()).map_err(io_error)?;
            written += 1;
        }
        out.flush().map_err(io_error)?;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[tokio::test]
    async fn every_listed_table_exists_and_pages_read_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = Workspace::at(dir.path());
        workspace.prepare().unwrap();
        let store = Store::open(&workspace).await.unwrap();
        for (table, _) in TABLES {
            let page = store.browse(table, 0, 10).await.unwrap();
            assert!(!page.columns.is_empty(), "{table} has no columns: is it in the schema?");
        }
        crate::settings::set(&store, "github.concurrency", "4").await.unwrap();
        let rules = store.browse("alert_rules", 1, 2).await.unwrap();
        assert_eq!(
            (rules.total, rules.offset, rules.rows.len()),
            (6, 1, 2),
            "the six default rules, second page of two"
        );
        assert_eq!(rules.columns[1], "kind");
        assert_eq!(rules.rows[0][1].as_deref(), Some("bigquery_budget"));
        assert_eq!(rules.rows[0][3], None, "SQL NULL stays null");

        let refused = store.browse("sqlite_master", 0, 10).await.unwrap_err();
        assert!(refused.to_string().contains("not a table of the workspace"), "{refused}");
        let refused = store.browse("events; DROP TABLE runs", 0, 10).await.unwrap_err();
        assert!(matches!(refused, EngineError::InvalidInput(_)));

        let path = dir.path().join("rules.csv");
        assert_eq!(store.export_table_csv("alert_rules", &path).await.unwrap(), 6);
        let csv = std::fs::read_to_string(&path).unwrap();
        assert_eq!(csv.lines().next(), Some("id,kind,threshold,repo,enabled,created_at"));
        assert_eq!(csv.lines().count(), 7);
        store.close().await;
    }
}
