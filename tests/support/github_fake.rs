//! A GitHub stand-in on 127.0.0.1 with state: repositories with events, star history and
//! issues; organisations; ETags and 304s; `Link` pagination; a primary rate limit that only
//! non-304 REST requests spend; GraphQL repository batches with partial errors; and scripted
//! faults (5xx bursts, 403/429 with each rate-limit header) per path.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

#[derive(Debug, Clone)]
pub struct FakeRepo {
    pub id: i64,
    pub full_name: String,
    pub stars: i64,
    /// Newest first, as GitHub lists them.
    pub events: Vec<Value>,
    /// `/stargazers/history` weeks (None: the endpoint answers 404 here).
    pub star_weeks: Option<Vec<Value>>,
    pub issues: Vec<Value>,
    /// The stargazer list with `starred_at` (None: 404, as for anyone but admins since 2026-07).
    pub stargazers: Option<Vec<Value>>,
    /// False: every endpoint answers 404 and GraphQL returns null with NOT_FOUND.
    pub visible: bool,
}

impl FakeRepo {
    /// A visible repository with nothing in it yet.
    pub fn named(id: i64, full_name: &str) -> FakeRepo {
        FakeRepo {
            id,
            full_name: full_name.to_owned(),
            stars: 0,
            events: Vec::new(),
            star_weeks: None,
            issues: Vec::new(),
            stargazers: None,
            visible: true,
        }
    }
}

/// A scripted answer that replaces the normal one.
#[derive(Debug, Clone)]
pub struct Fault {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

#[derive(Default)]
pub struct FakeState {
    pub token: String,
    pub repos: Vec<FakeRepo>,
    pub orgs: HashMap<String, Vec<String>>,
    pub core_limit: i64,
    pub core_remaining: i64,
    pub core_reset: i64,
    /// X-Poll-Interval sent with events feeds.
    pub poll_interval: u64,
    /// path prefix -> answers to give before the normal one
    pub faults: Vec<(String, VecDeque<Fault>)>,
    /// (method, path with query, status)
    pub log: Vec<(String, String, u16)>,
    pub graphql_batches: Vec<usize>,
    /// This server's own URL, for absolute `Link` targets as GitHub writes them.
    pub base_url: String,
}

#[derive(Clone)]
pub struct FakeGithubApi {
    pub url: String,
    pub state: Arc<Mutex<FakeState>>,
}

impl FakeGithubApi {
    pub async fn start(token: &str, repos: Vec<FakeRepo>, orgs: &[(&str, Vec<String>)]) -> FakeGithubApi {
        let state = Arc::new(Mutex::new(FakeState {
            token: token.to_owned(),
            repos,
            orgs: orgs.iter().map(|(o, r)| (o.to_ascii_lowercase(), r.clone())).collect(),
            core_limit: 5000,
            core_remaining: 5000,
            core_reset: chrono::Utc::now().timestamp() + 3600,
            poll_interval: 60,
            ..FakeState::default()
        }));
        let app = axum::Router::new().fallback(answer).with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let url = format!("http://{addr}");
        state.lock().unwrap().base_url = url.clone();
        FakeGithubApi { url, state }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut FakeState) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }

    /// Answers requests whose path starts with `prefix` with `faults`, in order, first.
    pub fn inject(&self, prefix: &str, faults: Vec<Fault>) {
        self.with(|s| s.faults.push((prefix.to_owned(), faults.into())));
    }

    /// Primary-limit requests spent so far.
    pub fn core_used(&self) -> i64 {
        self.with(|s| s.core_limit - s.core_remaining)
    }

    pub fn log(&self) -> Vec<(String, String, u16)> {
        self.with(|s| s.log.clone())
    }
}

/// A valid Events API event.
pub fn event(id: i64, kind: &str, repo: &FakeRepo, actor: (i64, &str), at: &str) -> Value {
    let payload = match kind {
        "WatchEvent" => json!({"action": "started"}),
        "IssuesEvent" => {
            json!({"action": "opened", "issue": {"number": 1 + id % 4, "created_at": at, "user": {"id": actor.0, "login": actor.1}}})
        }
        _ => json!({}),
    };
    json!({
        "id": id.to_string(), "type": kind, "public": true, "created_at": at, "payload": payload,
        "actor": {"id": actor.0, "login": actor.1, "display_login": actor.1},
        "repo": {"id": repo.id, "name": repo.full_name, "url": format!("https://api.github.com/repos/{}", repo.full_name)},
    })
}

fn etag_of(body: &str) -> String {
    format!("W/\"{:x}\"", md5ish(body.as_bytes()))
}

/// A stable content hash (FNV-1a): enough for ETags in a test.
fn md5ish(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| pair.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v.to_owned()))
}

async fn answer(State(state): State<Arc<Mutex<FakeState>>>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let full = if query.is_empty() { path.clone() } else { format!("{path}?{query}") };
    let headers = request.headers().clone();
    let body = axum::body::to_bytes(request.into_body(), 1 << 20).await.unwrap_or_default();
    let mut state = state.lock().unwrap();
    let (status, response) = respond(&mut state, &method, &path, &query, &headers, &body);
    state.log.push((method, full, status));
    response
}

fn respond(
    state: &mut FakeState,
    method: &str,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> (u16, Response) {
    let authorised =
        headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {}", state.token));
    if !authorised {
        return reply(401, Vec::new(), r#"{"message":"Bad credentials"}"#.into());
    }
    if let Some((_, faults)) =
        state.faults.iter_mut().find(|(prefix, f)| path.starts_with(prefix.as_str()) && !f.is_empty())
    {
        let fault = faults.pop_front().unwrap();
        return reply(fault.status, fault.headers, fault.body);
    }
    if method == "POST" && path == "/graphql" {
        return graphql(state, body);
    }
    if path == "/rate_limit" {
        let core = json!({"limit": state.core_limit, "remaining": state.core_remaining, "reset": state.core_reset, "used": state.core_limit - state.core_remaining});
        let graphql = json!({"limit": 5000, "remaining": 4900, "reset": state.core_reset, "used": 100});
        let body = json!({"resources": {"core": core, "graphql": graphql}, "rate": core}).to_string();
        return reply(200, Vec::new(), body);
    }
    let now = chrono::Utc::now().timestamp();
    if now >= state.core_reset {
        // A new hour: the budget is full again.
        state.core_remaining = state.core_limit;
        state.core_reset = now + 3600;
    }
    if state.core_remaining <= 0 {
        let headers =
            vec![("x-ratelimit-remaining", "0".to_owned()), ("x-ratelimit-reset", state.core_reset.to_string())];
        return reply(403, headers, r#"{"message":"API rate limit exceeded"}"#.into());
    }
    let Some((items, extra)) = route(state, path, headers) else {
        spend(state);
        return reply(404, rate_headers(state), r#"{"message":"Not Found"}"#.into());
    };
    // Pagination, then the conditional check on the page's own content.
    let per_page: usize = query_param(query, "per_page").and_then(|p| p.parse().ok()).unwrap_or(30);
    let page: usize = query_param(query, "page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
    let pages = items.len().div_ceil(per_page).max(1);
    let slice: Vec<Value> = items.iter().skip((page - 1) * per_page).take(per_page).cloned().collect();
    let text = Value::Array(slice).to_string();
    let etag = etag_of(&format!("{path}?{page}:{text}"));
    let mut answer_headers = extra.clone();
    if page < pages {
        let base = query.split('&').filter(|p| !p.starts_with("page=")).collect::<Vec<_>>().join("&");
        let root = &state.base_url;
        answer_headers.push((
            "link",
            format!(
                "<{root}{path}?{base}&page={}>; rel=\"next\", <{root}{path}?{base}&page={pages}>; rel=\"last\"",
                page + 1
            ),
        ));
    }
    answer_headers.push(("etag", etag.clone()));
    if headers.get("if-none-match").and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        // Conditional hits cost nothing.
        let mut h = rate_headers(state);
        h.extend(extra); // e.g. X-Poll-Interval, which GitHub repeats on 304s
        h.push(("etag", etag));
        return reply(304, h, String::new());
    }
    spend(state);
    answer_headers.extend(rate_headers(state));
    reply(200, answer_headers, text)
}

fn spend(state: &mut FakeState) {
    state.core_remaining -= 1;
}

fn rate_headers(state: &FakeState) -> Vec<(&'static str, String)> {
    vec![
        ("x-ratelimit-limit", state.core_limit.to_string()),
        ("x-ratelimit-remaining", state.core_remaining.to_string()),
        ("x-ratelimit-reset", state.core_reset.to_string()),
        ("x-ratelimit-resource", "core".to_owned()),
    ]
}

/// The list a REST path names, with headers of its own.
/// Header name and value pairs of an answer.
type Headers = Vec<(&'static str, String)>;

fn route(state: &FakeState, path: &str, headers: &HeaderMap) -> Option<(Vec<Value>, Headers)> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["orgs", org, "repos"] | ["users", org, "repos"] => {
            let names = state.orgs.get(&org.to_ascii_lowercase())?;
            if parts[0] == "users" {
                return None;
            }
            Some((names.iter().map(|n| json!({"full_name": n, "private": false})).collect(), Vec::new()))
        }
        ["repos", owner, name, rest @ ..] => {
            let full = format!("{owner}/{name}");
            let repo = state.repos.iter().find(|r| r.full_name.eq_ignore_ascii_case(&full) && r.visible)?;
            match rest {
                ["events"] => Some((repo.events.clone(), vec![("x-poll-interval", state.poll_interval.to_string())])),
                ["stargazers", "history"] => {
                    let version = headers.get("x-github-api-version").and_then(|v| v.to_str().ok());
                    if version != Some("2026-03-10") {
                        return None;
                    }
                    Some((repo.star_weeks.clone()?, Vec::new()))
                }
                ["stargazers"] => {
                    let accept = headers.get("accept").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    if !accept.contains("star+json") {
                        return None;
                    }
                    Some((repo.stargazers.clone()?, Vec::new()))
                }
                ["issues"] => Some((repo.issues.clone(), Vec::new())),
                _ => None,
            }
        }
        _ => None,
    }
}

fn graphql(state: &mut FakeState, body: &Bytes) -> (u16, Response) {
    let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let variables = request["variables"].as_object().cloned().unwrap_or_default();
    let mut data = serde_json::Map::new();
    let mut errors = Vec::new();
    let mut asked = 0;
    for i in 0.. {
        let (Some(owner), Some(name)) = (variables.get(&format!("o{i}")), variables.get(&format!("n{i}"))) else {
            break;
        };
        asked += 1;
        let full = format!("{}/{}", owner.as_str().unwrap_or_default(), name.as_str().unwrap_or_default());
        let alias = format!("r{i}");
        match state.repos.iter().find(|r| r.full_name.eq_ignore_ascii_case(&full) && r.visible) {
            Some(repo) => {
                data.insert(
                    alias,
                    json!({
                        "databaseId": repo.id, "nameWithOwner": repo.full_name, "stargazerCount": repo.stars,
                        "forkCount": 3, "watchers": {"totalCount": 4}, "issues": {"totalCount": repo.issues.len()},
                        "primaryLanguage": {"name": "Rust"}, "repositoryTopics": {"nodes": []},
                        "licenseInfo": {"spdxId": "Apache-2.0"}, "createdAt": "2020-01-01T00:00:00Z",
                        "pushedAt": "2026-11-01T00:00:00Z", "updatedAt": "2026-11-01T00:00:00Z",
                        "isArchived": false, "defaultBranchRef": {"name": "main"}
                    }),
                );
            }
            None => {
                data.insert(alias.clone(), Value::Null);
                errors.push(json!({"type": "NOT_FOUND", "path": [alias], "message": format!("Could not resolve to a Repository with the name '{full}'.")}));
            }
        }
    }
    state.graphql_batches.push(asked);
    data.insert("rateLimit".into(), json!({"cost": 1, "remaining": 4900, "resetAt": "2026-11-28T10:00:00Z"}));
    let mut answer = json!({"data": data});
    if !errors.is_empty() {
        answer["errors"] = Value::Array(errors);
    }
    reply(200, vec![("x-ratelimit-resource", "graphql".to_owned())], answer.to_string())
}

fn reply(status: u16, headers: Vec<(&'static str, String)>, body: String) -> (u16, Response) {
    let mut map = HeaderMap::new();
    map.insert("content-type", HeaderValue::from_static("application/json; charset=utf-8"));
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            map.append(name, value);
        }
    }
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, (code, map, body).into_response())
}

/// Replays a recorded @octokit/fixtures scenario: each GET/POST answered with the recorded
/// status, headers and body, in order per path (the `page` query parameter is part of the
/// path; other query parameters are ignored), with api.github.com rewritten to this server.
pub struct FixtureReplay {
    pub url: String,
    pub requests: Seen,
}

impl FixtureReplay {
    pub async fn start(scenario: &str) -> FixtureReplay {
        let text = std::fs::read_to_string(format!("{}/fixtures/octokit/{scenario}.json", env!("CARGO_MANIFEST_DIR")))
            .expect("read fixture");
        let recorded: Vec<Value> = serde_json::from_str(&text).expect("fixture JSON");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let url = format!("http://{addr}");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let shared = (Arc::new(recorded), url.clone(), Arc::clone(&requests));
        let app = axum::Router::new().fallback(replay).with_state(shared);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FixtureReplay { url, requests }
    }
}

/// Each request's path and query, and the If-None-Match it carried.
pub type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

type ReplayState = (Arc<Vec<Value>>, String, Seen);

fn replay_key(path_and_query: &str) -> String {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    match query_param(query, "page") {
        Some(page) if page != "1" => format!("{path}?page={page}"),
        _ => path.to_owned(),
    }
}

async fn replay(State((recorded, url, requests)): State<ReplayState>, request: Request) -> Response {
    let asked = request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let if_none_match = request.headers().get("if-none-match").and_then(|v| v.to_str().ok()).map(str::to_owned);
    requests.lock().unwrap().push((asked.clone(), if_none_match.clone()));
    let key = replay_key(&asked);
    let method = request.method().as_str().to_ascii_lowercase();
    let Some(entry) = recorded
        .iter()
        .find(|r| r["method"] == method.as_str() && replay_key(r["path"].as_str().unwrap_or_default()) == key)
        .or_else(|| recorded.iter().find(|r| replay_key(r["path"].as_str().unwrap_or_default()) == key))
    else {
        return reply(404, Vec::new(), r#"{"message":"Not Found (no recording)"}"#.into()).1;
    };
    let mut headers = Vec::new();
    let mut etag = None;
    for (name, value) in entry["headers"].as_object().into_iter().flatten() {
        let name: &'static str = Box::leak(name.clone().into_boxed_str());
        if matches!(name, "content-length" | "connection" | "transfer-encoding" | "content-encoding") {
            continue;
        }
        let value = value.as_str().unwrap_or_default().replace("https://api.github.com", &url);
        if name == "etag" {
            etag = Some(value.clone());
        }
        headers.push((name, value));
    }
    if etag.is_some() && if_none_match == etag {
        return reply(304, headers, String::new()).1;
    }
    let status = entry["status"].as_u64().unwrap_or(200) as u16;
    let body = entry["response"].to_string().replace("https://api.github.com", &url);
    reply(status, headers, body).1
}
