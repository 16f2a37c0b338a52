//! BigQuery peers for the tests: the bqemulator BigQuery emulator (a real BigQuery REST
//! implementation, started by scripts/test.sh), seeded with githubarchive-shaped day tables
//! from the sample generator; and a scripted fake for what the emulator does not do (dry-run
//! byte counts, `maximumBytesBilled`, quota errors, jobs that never finish).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use octoscope_engine::demo::SampleConfig;
use octoscope_engine::time::UtcHour;
use serde_json::{Value, json};

/// The emulator's root URL, from `OCTOSCOPE_BQ_EMULATOR` (scripts/test.sh starts one and sets
/// it). The BigQuery tests need it: without it they fail, they never skip.
pub fn emulator_url() -> String {
    std::env::var("OCTOSCOPE_BQ_EMULATOR").unwrap_or_else(|_| {
        panic!(
            "OCTOSCOPE_BQ_EMULATOR is not set: start the BigQuery emulator with scripts/bq-emulator.sh \
             (scripts/test.sh does) and export the URL it prints"
        )
    })
}

/// The BigQuery API root a client uses for the emulator.
pub fn emulator_api_url() -> String {
    format!("{}/bigquery/v2", emulator_url().trim_end_matches('/'))
}

fn leaf_fields(names: &[&str]) -> Value {
    names
        .iter()
        .map(|n| json!({"name": n, "type": if *n == "id" { "INTEGER" } else { "STRING" }, "mode": "NULLABLE"}))
        .collect()
}

/// The public githubarchive tables' schema.
fn archive_schema() -> Value {
    json!({"fields": [
        {"name": "type", "type": "STRING", "mode": "NULLABLE"},
        {"name": "public", "type": "BOOLEAN", "mode": "NULLABLE"},
        {"name": "payload", "type": "STRING", "mode": "NULLABLE"},
        {"name": "repo", "type": "RECORD", "mode": "NULLABLE", "fields": leaf_fields(&["id", "name", "url"])},
        {"name": "actor", "type": "RECORD", "mode": "NULLABLE",
         "fields": leaf_fields(&["id", "login", "gravatar_id", "avatar_url", "url"])},
        {"name": "org", "type": "RECORD", "mode": "NULLABLE",
         "fields": leaf_fields(&["id", "login", "gravatar_id", "avatar_url", "url"])},
        {"name": "created_at", "type": "TIMESTAMP", "mode": "NULLABLE"},
        {"name": "id", "type": "STRING", "mode": "NULLABLE"},
        {"name": "other", "type": "STRING", "mode": "NULLABLE"}
    ]})
}

/// A record's object as a table row's RECORD, or `None` when a field has a type the column
/// cannot hold (BigQuery's loader would have refused the whole event).
fn record(value: Option<&Value>, fields: &[&str]) -> Option<Value> {
    let Some(object) = value.filter(|v| !v.is_null()) else { return Some(Value::Null) };
    let object = object.as_object()?;
    let mut out = serde_json::Map::new();
    for field in fields {
        let v = object.get(*field).cloned().unwrap_or(Value::Null);
        let ok = match (*field, &v) {
            (_, Value::Null) => true,
            ("id", v) => v.is_i64(),
            (_, v) => v.is_string(),
        };
        if !ok {
            return None;
        }
        out.insert((*field).to_owned(), v);
    }
    Some(Value::Object(out))
}

/// One archive event as githubarchive holds it, or `None` for what BigQuery could not hold
/// (not an object, a timestamp that is not one, fields of the wrong type).
pub fn archive_row(event: &Value) -> Option<Value> {
    let created_at = event.get("created_at")?.as_str()?;
    chrono::DateTime::parse_from_rfc3339(created_at).ok()?;
    let id = match event.get("id")? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    Some(json!({
        "type": event.get("type")?.as_str()?,
        "public": event.get("public").and_then(Value::as_bool).unwrap_or(true),
        "payload": event.get("payload").map(Value::to_string),
        "repo": record(event.get("repo"), &["id", "name", "url"])?,
        "actor": record(event.get("actor"), &["id", "login", "gravatar_id", "avatar_url", "url"])?,
        "org": record(event.get("org"), &["id", "login", "gravatar_id", "avatar_url", "url"])?,
        "created_at": created_at,
        "id": id,
    }))
}

/// Every event object of a generated hour (lines may hold several; broken ones end the line).
pub fn hour_events(raw: &[u8]) -> Vec<Value> {
    raw.split(|b| *b == b'\n')
        .flat_map(|line| serde_json::Deserializer::from_slice(line).into_iter::<Value>().map_while(Result::ok))
        .collect()
}

async fn post(client: &reqwest::Client, url: String, body: Value) {
    let response = client.post(&url).json(&body).send().await.unwrap_or_else(|e| panic!("POST {url}: {e}"));
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(status.is_success() || status.as_u16() == 409, "POST {url}: {status} {text}");
    let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let errors = answer["insertErrors"].as_array().map_or(0, Vec::len);
    assert_eq!(errors, 0, "POST {url}: {text}");
}

/// Creates `project`'s githubarchive datasets and a day table for each day of `hours`, holding
/// the generator's events of those hours as GH Archive filed them. Returns the rows inserted.
pub async fn seed_day_tables(project: &str, config: &SampleConfig, hours: &[UtcHour]) -> usize {
    let client = reqwest::Client::new();
    let api = emulator_api_url();
    for dataset in ["day", "month", "year"] {
        let body = json!({"datasetReference": {"projectId": project, "datasetId": dataset}, "location": "US"});
        post(&client, format!("{api}/projects/{project}/datasets"), body).await;
    }
    let mut by_day: HashMap<String, Vec<Value>> = HashMap::new();
    for &hour in hours {
        let (raw, _) = crate::data::raw_hour(config, hour);
        let table = hour.to_datetime().format("%Y%m%d").to_string();
        by_day.entry(table).or_default().extend(hour_events(&raw).iter().filter_map(archive_row));
    }
    let mut inserted = 0;
    for (table, rows) in by_day {
        let body = json!({"tableReference": {"projectId": project, "datasetId": "day", "tableId": table}, "schema": archive_schema()});
        post(&client, format!("{api}/projects/{project}/datasets/day/tables"), body).await;
        for chunk in rows.chunks(400) {
            let rows: Vec<Value> = chunk.iter().map(|r| json!({"json": r})).collect();
            let url = format!("{api}/projects/{project}/datasets/day/tables/{table}/insertAll");
            post(&client, url, json!({"rows": rows})).await;
            inserted += chunk.len();
        }
    }
    inserted
}

/// What the scripted fake does with real (not dry-run) jobs.
#[derive(Debug, Clone, PartialEq)]
pub enum JobScript {
    /// Finishes at once; processes the dry-run bytes times `growth` (data added since the plan),
    /// and fails with `bytesBilledLimitExceeded` when that is over the job's cap.
    Finish { growth: f64 },
    /// jobs.insert answers this HTTP status and BigQuery reason.
    Refuse { status: u16, reason: String, message: String },
    /// The job stays RUNNING until cancelled.
    Hang,
}

struct FakeState {
    /// Bytes per row of each leaf column (`repo.id`, `payload`, ...).
    columns: Vec<(String, f64)>,
    rows_per_day: f64,
    script: JobScript,
    dry_runs: Vec<Value>,
    jobs: Vec<Value>,
    cancelled: Vec<String>,
    /// job id -> (bytes processed, failure reason)
    outcomes: HashMap<String, (u64, Option<String>)>,
}

/// A scripted BigQuery: dry runs report bytes from per-column sizes, as BigQuery's own
/// accounting does (the columns a query names, times the rows of the tables it reads).
pub struct FakeBigQuery {
    pub url: String,
    state: Arc<Mutex<FakeState>>,
}

/// Leaf columns of the githubarchive tables, for `SELECT *` and for detecting names in SQL.
pub const ARCHIVE_COLUMNS: &[&str] = &[
    "type",
    "public",
    "payload",
    "repo.id",
    "repo.name",
    "repo.url",
    "actor.id",
    "actor.login",
    "actor.gravatar_id",
    "actor.avatar_url",
    "actor.url",
    "org.id",
    "org.login",
    "org.gravatar_id",
    "org.avatar_url",
    "org.url",
    "created_at",
    "id",
    "other",
];

/// Average bytes per row of each leaf column over `events`, by BigQuery's sizes: a STRING is
/// 2 bytes plus its UTF-8 length, INT64 and TIMESTAMP 8, BOOL 1, NULL 0.
pub fn column_sizes(events: &[Value]) -> Vec<(String, f64)> {
    let rows: Vec<Value> = events.iter().filter_map(archive_row).collect();
    ARCHIVE_COLUMNS
        .iter()
        .map(|column| {
            let total: usize = rows
                .iter()
                .map(|row| {
                    let value = match column.split_once('.') {
                        Some((record, field)) => &row[record][field],
                        None => &row[*column],
                    };
                    match (*column, value) {
                        (_, Value::Null) => 0,
                        ("created_at", _) => 8,
                        (_, Value::Bool(_)) => 1,
                        (_, Value::Number(_)) => 8,
                        (_, Value::String(s)) => 2 + s.len(),
                        (_, other) => 2 + other.to_string().len(),
                    }
                })
                .sum();
            ((*column).to_owned(), total as f64 / rows.len().max(1) as f64)
        })
        .collect()
}

/// Whether `sql` names `column`: `repo.id` literally; a top-level name as a whole word that is
/// not a field (`.id`), a parameter (`@id`) or part of an alias (`repo_id`).
fn names_column(sql: &str, column: &str) -> bool {
    if column.contains('.') {
        return sql.contains(column);
    }
    let bytes = sql.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    sql.match_indices(column).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + column.len()).copied();
        !before.is_some_and(|b| word(b) || b == b'.' || b == b'@') && !after.is_some_and(|b| word(b) || b == b'.')
    })
}

/// Days of data the query's tables hold.
fn days_read(sql: &str, parameters: &[Value]) -> f64 {
    let parameter = |name: &str| {
        parameters
            .iter()
            .find(|p| p["name"] == name)
            .and_then(|p| p["parameterValue"]["value"].as_str())
            .and_then(|v| v.parse::<u32>().ok())
    };
    let table = sql.split('`').nth(1).unwrap_or_default();
    let parts: Vec<&str> = table.split('.').collect();
    match parts.get(1).copied() {
        Some("year") => {
            let year: i32 = parts[2].parse().unwrap_or(2024);
            if chrono::NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366.0 } else { 365.0 }
        }
        Some("month") => {
            let (year, month) = (parts[2][..4].parse().unwrap_or(2024), parts[2][4..].parse().unwrap_or(1));
            let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap();
            let next = if month == 12 {
                chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                chrono::NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            (next.unwrap() - first).num_days() as f64
        }
        _ => match (parameter("first_day"), parameter("last_day")) {
            (Some(first), Some(last)) => f64::from(last - first + 1),
            _ => 1.0,
        },
    }
}

impl FakeBigQuery {
    pub async fn start(columns: Vec<(String, f64)>, rows_per_day: f64, script: JobScript) -> FakeBigQuery {
        let state = Arc::new(Mutex::new(FakeState {
            columns,
            rows_per_day,
            script,
            dry_runs: Vec::new(),
            jobs: Vec::new(),
            cancelled: Vec::new(),
            outcomes: HashMap::new(),
        }));
        let app = axum::Router::new()
            .route("/projects/{project}/jobs", axum::routing::post(insert_job))
            .route("/projects/{project}/jobs/{job}", axum::routing::get(get_job))
            .route("/projects/{project}/jobs/{job}/cancel", axum::routing::post(cancel_job))
            .route("/projects/{project}/queries/{job}", axum::routing::get(results))
            .with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeBigQuery { url: format!("http://{addr}"), state }
    }

    /// What a dry run of `sql` with `parameters` reports, by the same accounting.
    pub fn bytes_for(&self, sql: &str, parameters: &[Value]) -> u64 {
        let state = self.state.lock().unwrap();
        bytes_for(&state, sql, parameters)
    }

    pub fn dry_runs(&self) -> Vec<Value> {
        self.state.lock().unwrap().dry_runs.clone()
    }

    /// Bodies of the real jobs inserted.
    pub fn jobs(&self) -> Vec<Value> {
        self.state.lock().unwrap().jobs.clone()
    }

    pub fn cancelled(&self) -> Vec<String> {
        self.state.lock().unwrap().cancelled.clone()
    }
}

fn bytes_for(state: &FakeState, sql: &str, parameters: &[Value]) -> u64 {
    let select_all = sql.trim_start().starts_with("SELECT *");
    let per_row: f64 =
        state.columns.iter().filter(|(column, _)| select_all || names_column(sql, column)).map(|(_, size)| size).sum();
    (per_row * state.rows_per_day * days_read(sql, parameters)).round() as u64
}

fn error(status: u16, reason: &str, message: &str) -> Response {
    let body = json!({"error": {"code": status, "message": message, "errors": [{"reason": reason, "message": message, "domain": "global"}], "status": "FAILED"}});
    (StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST), body.to_string()).into_response()
}

async fn insert_job(State(state): State<Arc<Mutex<FakeState>>>, Path(project): Path<String>, body: String) -> Response {
    let job: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let query = &job["configuration"]["query"];
    let sql = query["query"].as_str().unwrap_or_default();
    let parameters = query["queryParameters"].as_array().cloned().unwrap_or_default();
    let mut state = state.lock().unwrap();
    let bytes = bytes_for(&state, sql, &parameters);
    if job["configuration"]["dryRun"] == true {
        state.dry_runs.push(job.clone());
        return json!({
            "jobReference": {"projectId": project},
            "status": {"state": "DONE"},
            "statistics": {"totalBytesProcessed": bytes.to_string(), "query": {"totalBytesProcessed": bytes.to_string()}}
        })
        .to_string()
        .into_response();
    }
    state.jobs.push(job.clone());
    let job_id = job["jobReference"]["jobId"].as_str().unwrap_or("job").to_owned();
    match state.script.clone() {
        JobScript::Refuse { status, reason, message } => error(status, &reason, &message),
        JobScript::Hang => {
            state.outcomes.insert(job_id.clone(), (bytes, None));
            json!({"jobReference": {"projectId": project, "jobId": job_id, "location": "US"}, "status": {"state": "RUNNING"}})
                .to_string()
                .into_response()
        }
        JobScript::Finish { growth } => {
            let processed = (bytes as f64 * growth) as u64;
            let cap: Option<u64> = query["maximumBytesBilled"].as_str().and_then(|c| c.parse().ok());
            let failure = cap
                .filter(|cap| processed > *cap)
                .map(|cap| format!("Query exceeded limit for bytes billed: {cap}. {} or higher required.", processed));
            state.outcomes.insert(job_id.clone(), (processed, failure));
            job_answer(&project, &job_id, &state.outcomes[&job_id]).to_string().into_response()
        }
    }
}

fn job_answer(project: &str, job_id: &str, outcome: &(u64, Option<String>)) -> Value {
    match &outcome.1 {
        Some(message) => json!({
            "jobReference": {"projectId": project, "jobId": job_id, "location": "US"},
            "status": {"state": "DONE", "errorResult": {"reason": "bytesBilledLimitExceeded", "message": message}}
        }),
        None => json!({
            "jobReference": {"projectId": project, "jobId": job_id, "location": "US"},
            "status": {"state": "DONE"},
            "statistics": {"query": {"totalBytesProcessed": outcome.0.to_string(), "totalBytesBilled": outcome.0.to_string(), "cacheHit": false}}
        }),
    }
}

async fn get_job(State(state): State<Arc<Mutex<FakeState>>>, Path((project, job)): Path<(String, String)>) -> Response {
    let state = state.lock().unwrap();
    let Some(outcome) = state.outcomes.get(&job) else { return error(404, "notFound", "Not found: Job") };
    if state.script == JobScript::Hang && !state.cancelled.contains(&job) {
        return json!({"jobReference": {"projectId": project, "jobId": job}, "status": {"state": "RUNNING"}})
            .to_string()
            .into_response();
    }
    job_answer(&project, &job, outcome).to_string().into_response()
}

async fn cancel_job(
    State(state): State<Arc<Mutex<FakeState>>>,
    Path((project, job)): Path<(String, String)>,
) -> Response {
    state.lock().unwrap().cancelled.push(job.clone());
    json!({"kind": "bigquery#jobCancelResponse", "job": {"jobReference": {"projectId": project, "jobId": job}, "status": {"state": "DONE"}}})
        .to_string()
        .into_response()
}

async fn results(Path((project, job)): Path<(String, String)>) -> Response {
    json!({"jobReference": {"projectId": project, "jobId": job}, "jobComplete": true, "rows": [], "totalRows": "0"})
        .to_string()
        .into_response()
}
