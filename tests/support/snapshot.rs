//! A logical dump of a workspace database, for comparing two workspaces row by row.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// Tables and the columns that must match between two workspaces holding the same data.
/// Bookkeeping that legitimately differs (ids, run numbers, timestamps of our own) is left out.
const COMPARED: &[(&str, &str)] = &[
    (
        "events",
        "id, created_at, type, action, repo_id, actor_id, org_id, number, is_bot, merged, item_created_at, item_author_id, commit_count, ref_type",
    ),
    ("daily_repo_events", "repo_id, day, type, events, bot_events"),
    ("hourly_events", "hour, events, bot_events, first_event_at, last_event_at"),
    ("actors", "id, login, is_bot, first_seen_at, last_seen_at"),
    ("repositories", "id, full_name, first_seen_at, last_seen_at"),
    ("repository_names", "repo_id, full_name, first_seen_at, last_seen_at"),
    ("organisations", "id, login"),
    ("coverage", "source, hour, scope_key, status, events"),
    ("quarantine", "source, unit_key, line, reason, excerpt"),
    ("units", "source, unit_key, scope_key, state, records_seen, records_quarantined"),
];

/// Every compared row as text, table by table, sorted.
pub async fn snapshot(database: &Path) -> Vec<String> {
    let mut connection =
        SqliteConnectOptions::new().filename(database).read_only(true).connect().await.expect("open database");
    let mut lines = Vec::new();
    for (table, columns) in COMPARED {
        let expression: Vec<String> = columns.split(", ").map(|c| format!("quote({c})")).collect();
        let sql = format!("SELECT '{table}|' || {} FROM {table}", expression.join(" || '|' || "));
        let mut rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut connection).await.expect("dump table");
        rows.sort();
        lines.extend(rows);
    }
    connection.close().await.ok();
    lines
}

/// Every text value stored anywhere in the database, for content checks.
pub async fn all_text(database: &Path) -> Vec<String> {
    let mut connection =
        SqliteConnectOptions::new().filename(database).read_only(true).connect().await.expect("open database");
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_sqlx_migrations'")
            .fetch_all(&mut connection)
            .await
            .expect("list tables");
    let mut values = Vec::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(&mut connection)
            .await
            .expect("list columns");
        for column in columns {
            let sql = format!("SELECT CAST({column} AS TEXT) FROM {table} WHERE {column} IS NOT NULL");
            let texts: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut connection).await.expect("read column");
            values.extend(texts);
        }
    }
    connection.close().await.ok();
    values
}
