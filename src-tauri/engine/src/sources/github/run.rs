//! Executing a GitHub plan: metadata batches first (they give every repository's id and follow
//! renames), then each repository's events feed, star history and issues, concurrently under
//! the governor. Each unit commits its rows with its done-mark and checkpoint in one transaction.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::client::{API_VERSION, ApiError, GithubClient, Notice};
use super::parse::{count_stargazers, events_page, issues_page, star_history_page};
use super::plan::{GithubPlan, GithubUnit, UnitKind};
use super::{SOURCE, STAR_HISTORY_API_VERSION, UNIT_SCOPE, metadata};
use crate::error::Result;
use crate::monitoring::{RunMonitor, StageClock, stage};
use crate::pipeline::run::end_api_run;
use crate::pipeline::{Progress, ProgressSink, RunSummary};
use crate::scope::RepoName;
use crate::store::{
    ApiFacts, Entities, RunCounts, StagedBatch, StarDay, StarSource, Store, StoreWriter, UnitCompletion, UnitLoaded,
    UnitOutcome,
};

/// The events feed holds at most 300 events: three pages of 100.
const EVENT_PAGES: usize = 3;
/// GitHub's usual `X-Poll-Interval` when an answer does not say.
const DEFAULT_POLL_SECONDS: u64 = 60;

/// What one unit loaded.
#[derive(Debug, Default)]
struct Loaded {
    batch: StagedBatch,
    facts: ApiFacts,
    entities: Entities,
    records_seen: u64,
    checkpoint: Option<String>,
    /// Repositories a metadata batch could not see, with why.
    missing: Vec<(RepoName, String)>,
    /// Repository ids a metadata batch found, by the name they were asked under (lowercase).
    ids: Vec<(String, i64)>,
}

struct Context {
    run_id: i64,
    client: Arc<GithubClient>,
    writer: StoreWriter,
    progress: ProgressSink,
    cancel: CancellationToken,
    clock: StageClock,
}

enum Outcome {
    Done(UnitLoaded),
    Failed(String),
    Cancelled,
    /// Every further request would fail the same way (a bad token): the run stops.
    Fatal(ApiError),
}

/// Runs every unit of `plan`; returns how the run ended. A token GitHub refuses ends the run
/// early with `EngineError::CredentialInvalid` after the run is recorded.
pub async fn execute_github(
    store: &Store,
    client: Arc<GithubClient>,
    plan: &GithubPlan,
    progress: ProgressSink,
    cancel: CancellationToken,
) -> Result<RunSummary> {
    let monitor = RunMonitor::start();
    let writer = store.writer().await?;
    let summary = plan.summary();
    let scope_json = serde_json::json!({ "repos": summary.repos, "facts": summary.facts }).to_string();
    let counts = RunCounts {
        units_total: (plan.units.len() + plan.not_due.len()) as u64,
        units_skipped: plan.not_due.len() as u64,
    };
    let run_id = writer.create_run(SOURCE, plan.scope_key.clone(), scope_json, counts).await?;
    tracing::info!(run_id, source = SOURCE, units = plan.units.len(), "run started");
    progress(Progress::RunStarted {
        run_id,
        source: SOURCE.to_owned(),
        units_total: counts.units_total,
        units_to_run: plan.units.len() as u64,
        units_skipped: counts.units_skipped,
        estimated_bytes: 0,
    });
    // A refused token stops every unit; the user's cancel does too.
    let stop = cancel.child_token();
    let context = Context {
        run_id,
        client: Arc::clone(&client),
        writer: writer.clone(),
        progress,
        cancel: stop.clone(),
        clock: monitor.stages.clone(),
    };
    let concurrency = client.governor().policy().max_concurrent.max(1);

    // Owned units: futures borrowing them would not be provably Send (a rustc limitation with
    // closures over references), and the app's commands must be Send.
    let (metadata_units, repo_units): (Vec<GithubUnit>, Vec<GithubUnit>) =
        plan.units.iter().cloned().partition(|u| matches!(u.kind, UnitKind::Metadata(_)));
    let mut results = Vec::new();
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut invisible: HashMap<String, String> = HashMap::new();
    let metadata_results: Vec<(String, Outcome, Loaded)> = futures_util::stream::iter(metadata_units)
        .map(|unit| {
            let span = tracing::info_span!("unit", unit = %unit.key);
            run_unit(&context, unit, None).instrument(span)
        })
        .buffer_unordered(concurrency)
        .collect()
        .instrument(tracing::info_span!("run", run_id, source = SOURCE))
        .await;
    for (key, outcome, loaded) in metadata_results {
        ids.extend(loaded.ids);
        for (repo, reason) in loaded.missing {
            invisible.insert(repo.to_string().to_ascii_lowercase(), reason);
        }
        results.push((key, outcome));
    }
    let ids = &ids;
    let invisible = &invisible;
    let repo_results: Vec<(String, Outcome, Loaded)> = futures_util::stream::iter(repo_units)
        .map(|unit| {
            let name = unit_repo(&unit).map(|r| r.to_string().to_ascii_lowercase()).unwrap_or_default();
            let target = match (ids.get(&name), invisible.get(&name)) {
                (Some(id), _) => Ok(*id),
                (None, Some(reason)) => Err(reason.clone()),
                (None, None) => Err("its metadata could not be read, so its id is unknown".to_owned()),
            };
            let span = tracing::info_span!("unit", unit = %unit.key);
            run_unit(&context, unit, Some(target)).instrument(span)
        })
        .buffer_unordered(concurrency)
        .collect()
        .instrument(tracing::info_span!("run", run_id, source = SOURCE))
        .await;
    results.extend(repo_results.into_iter().map(|(key, outcome, _)| (key, outcome)));

    let mut summary = RunSummary::empty(run_id, counts.units_total, counts.units_skipped);
    let mut fatal: Option<ApiError> = None;
    for (unit, outcome) in results {
        match outcome {
            Outcome::Done(loaded) => summary.add_done(&loaded, 0),
            Outcome::Failed(reason) => summary.add_failed(unit, reason),
            Outcome::Cancelled => summary.units_cancelled += 1,
            Outcome::Fatal(error) => {
                summary.add_failed(unit, error.to_string());
                fatal.get_or_insert(error);
            }
        }
    }
    let fatal_text = fatal.as_ref().map(ToString::to_string);
    let requests = client.take_requests();
    end_api_run(&writer, &mut summary, fatal_text, cancel.is_cancelled(), requests, monitor, &context.progress).await?;
    match fatal {
        Some(error) => Err(error.into()),
        None => Ok(summary),
    }
}

fn unit_repo(unit: &GithubUnit) -> Option<&RepoName> {
    match &unit.kind {
        UnitKind::Events(r) | UnitKind::Stars(r) | UnitKind::Items(r) => Some(r),
        UnitKind::Metadata(_) => None,
    }
}

/// Runs one unit: fetch, stage, commit (or record the failure). `target` is the repository's
/// id for per-repository units, or why it has none.
async fn run_unit(
    context: &Context,
    unit: GithubUnit,
    target: Option<std::result::Result<i64, String>>,
) -> (String, Outcome, Loaded) {
    let unit = &unit;
    let key = unit.key.clone();
    if context.cancel.is_cancelled() {
        return (key, Outcome::Cancelled, Loaded::default());
    }
    (context.progress)(Progress::UnitStarted { unit: key.clone() });
    let progress = Arc::clone(&context.progress);
    let notice_key = key.clone();
    let notices = move |notice: Notice| match notice {
        Notice::Waiting { until, primary } => {
            progress(Progress::UnitWaiting { unit: notice_key.clone(), until, primary })
        }
        Notice::Retrying { attempt, reason, delay } => progress(Progress::UnitRetrying {
            unit: notice_key.clone(),
            attempt,
            reason,
            delay_ms: delay.as_millis() as u64,
        }),
    };
    let fetched = match target {
        Some(Err(reason)) => Err(ApiError::NotVisible { what: format!("{reason}; skipped") }),
        Some(Ok(repo_id)) => fetch_repo_unit(context, unit, repo_id, &notices).await,
        None => fetch_metadata(context, unit, &notices).await,
    };
    let outcome = match fetched {
        Ok(mut loaded) => match commit(context, unit, &mut loaded).await {
            Ok(done) => {
                (context.progress)(Progress::UnitDone {
                    unit: key.clone(),
                    events_loaded: done.events_loaded,
                    duplicates: done.duplicates,
                    quarantined: done.quarantined,
                    out_of_scope: 0,
                });
                return (key, Outcome::Done(done), loaded);
            }
            Err(error) => Outcome::Failed(error.to_string()),
        },
        Err(ApiError::Cancelled) => return (key, Outcome::Cancelled, Loaded::default()),
        Err(ApiError::TokenInvalid) => {
            context.cancel.cancel();
            Outcome::Fatal(ApiError::TokenInvalid)
        }
        Err(ApiError::NotVisible { what }) if matches!(unit.kind, UnitKind::Metadata(_)) => {
            Outcome::Failed(format!("{what}: not found or not visible to this token"))
        }
        Err(error) => Outcome::Failed(error.to_string()),
    };
    let reason = match &outcome {
        Outcome::Failed(reason) => reason.clone(),
        Outcome::Fatal(error) => error.to_string(),
        _ => String::new(),
    };
    tracing::warn!(run_id = context.run_id, unit = %key, %reason, "unit failed");
    if let Ok(id) = context.writer.begin_unit(context.run_id, SOURCE, key.clone(), UNIT_SCOPE.to_owned()).await {
        let _ = context.writer.end_unit(id, context.run_id, None, UnitOutcome::Failed { reason: reason.clone() }).await;
    }
    (context.progress)(Progress::UnitFailed { unit: key.clone(), reason });
    (key, outcome, Loaded::default())
}

async fn commit(context: &Context, unit: &GithubUnit, loaded: &mut Loaded) -> Result<UnitLoaded> {
    let writer = &context.writer;
    let load_started = Instant::now();
    let unit_id = writer.begin_unit(context.run_id, SOURCE, unit.key.clone(), UNIT_SCOPE.to_owned()).await?;
    let accepted = loaded.batch.events.len() as u64;
    let batch = std::mem::take(&mut loaded.batch);
    if !batch.events.is_empty() || !batch.rejects.is_empty() {
        writer.stage(unit_id, batch).await?;
    }
    let facts = std::mem::take(&mut loaded.facts);
    if !facts.is_empty() {
        writer.stage_facts(unit_id, facts).await?;
    }
    writer
        .finish_unit(UnitCompletion {
            unit_id,
            run_id: context.run_id,
            source: SOURCE,
            scope_key: UNIT_SCOPE.to_owned(),
            coverage_hour: None,
            entities: std::mem::take(&mut loaded.entities).into(),
            records_seen: loaded.records_seen,
            accepted,
            bytes: 0,
            checkpoint: loaded.checkpoint.clone(),
            done: true,
            continues: false,
            coverage_hours: Vec::new(),
        })
        .await
        .inspect(|loaded| context.clock.add(stage::LOAD, loaded.events_loaded, load_started.elapsed()))
        .inspect_err(|error| tracing::error!(unit = %unit.key, %error, "committing a GitHub unit failed"))
}

type Notices<'a> = &'a (dyn Fn(Notice) + Send + Sync);

async fn fetch_metadata(
    context: &Context,
    unit: &GithubUnit,
    notices: Notices<'_>,
) -> std::result::Result<Loaded, ApiError> {
    let UnitKind::Metadata(repos) = &unit.kind else { return Ok(Loaded::default()) };
    let (query, variables) = metadata::batch_query(repos);
    let answer = context.client.graphql(&query, variables, &context.cancel, notices).await?;
    let now = chrono::Utc::now().timestamp();
    let batch = metadata::read_batch(&answer, repos, now)
        .map_err(|reason| ApiError::Malformed { what: "the metadata batch".into(), reason })?;
    let mut loaded = Loaded { records_seen: repos.len() as u64, missing: batch.missing, ..Loaded::default() };
    for found in batch.found {
        loaded.entities.see_repo(found.snapshot.repo_id, &found.name, now);
        loaded.ids.push((found.asked.to_string().to_ascii_lowercase(), found.snapshot.repo_id));
        loaded.facts.snapshots.push(found.snapshot);
    }
    Ok(loaded)
}

async fn fetch_repo_unit(
    context: &Context,
    unit: &GithubUnit,
    repo_id: i64,
    notices: Notices<'_>,
) -> std::result::Result<Loaded, ApiError> {
    match &unit.kind {
        UnitKind::Events(repo) => fetch_events(context, repo, unit.checkpoint.is_some(), notices).await,
        UnitKind::Stars(repo) => fetch_stars(context, repo, repo_id, notices).await,
        UnitKind::Items(repo) => fetch_items(context, repo, repo_id, unit.checkpoint.as_deref(), notices).await,
        UnitKind::Metadata(_) => Ok(Loaded::default()),
    }
}

fn malformed(what: &str) -> impl Fn(String) -> ApiError + '_ {
    move |reason| ApiError::Malformed { what: what.to_owned(), reason }
}

/// `loaded_before`: an earlier run committed this feed, so a 304 on its first page means
/// nothing new (without it, the cached page is loaded again: its commit may have failed).
async fn fetch_events(
    context: &Context,
    repo: &RepoName,
    loaded_before: bool,
    notices: Notices<'_>,
) -> std::result::Result<Loaded, ApiError> {
    let client = &context.client;
    let mut loaded = Loaded::default();
    let mut next = Some(format!("/repos/{repo}/events?per_page=100"));
    let mut poll = DEFAULT_POLL_SECONDS;
    let now = chrono::Utc::now().timestamp();
    for page in 0..EVENT_PAGES {
        let Some(path) = next.take() else { break };
        let answer = client.get("/repos/{owner}/{repo}/events", &path, API_VERSION, &context.cancel, notices).await?;
        poll = answer.poll_interval.unwrap_or(poll);
        if page == 0 && answer.from_cache && loaded_before {
            // Nothing happened since the last poll, and that page is loaded.
            break;
        }
        let first_line = loaded.records_seen;
        let batch = events_page(&answer.body, first_line, now, &mut loaded.entities).map_err(malformed(&path))?;
        loaded.records_seen += (batch.events.len() + batch.rejects.len()) as u64;
        loaded.batch.events.extend(batch.events);
        loaded.batch.rejects.extend(batch.rejects);
        next = answer.next;
    }
    loaded.checkpoint = Some(serde_json::json!({ "next_poll_at": now + poll as i64 }).to_string());
    Ok(loaded)
}

async fn fetch_stars(
    context: &Context,
    repo: &RepoName,
    repo_id: i64,
    notices: Notices<'_>,
) -> std::result::Result<Loaded, ApiError> {
    let client = &context.client;
    let mut loaded = Loaded::default();
    let mut next = Some(format!("/repos/{repo}/stargazers/history?per_page=30"));
    let mut first = true;
    while let Some(path) = next.take() {
        let endpoint = "/repos/{owner}/{repo}/stargazers/history";
        match client.get(endpoint, &path, STAR_HISTORY_API_VERSION, &context.cancel, notices).await {
            Ok(answer) => {
                let days = star_history_page(&answer.body, repo_id).map_err(malformed(&path))?;
                loaded.records_seen += days.len() as u64;
                loaded.facts.star_days.extend(days);
                next = answer.next;
                first = false;
            }
            // No history endpoint here (an older GitHub Enterprise Server): the stargazer list.
            Err(ApiError::NotVisible { .. }) if first => {
                return fetch_stargazers(context, repo, repo_id, notices).await;
            }
            Err(error) => return Err(error),
        }
    }
    loaded.checkpoint = Some(r#"{"star_source":"history"}"#.to_owned());
    Ok(loaded)
}

/// The stargazer list with timestamps, counted per day. Since 2026-07 only admins and
/// collaborators may read it; for everyone else the snapshots are the star timeline.
async fn fetch_stargazers(
    context: &Context,
    repo: &RepoName,
    repo_id: i64,
    notices: Notices<'_>,
) -> std::result::Result<Loaded, ApiError> {
    let client = &context.client;
    let mut loaded = Loaded::default();
    let mut per_day = BTreeMap::new();
    let mut next = Some(format!("/repos/{repo}/stargazers?per_page=100"));
    while let Some(path) = next.take() {
        let endpoint = "/repos/{owner}/{repo}/stargazers";
        match client.get_starred(endpoint, &path, &context.cancel, notices).await {
            Ok(answer) => {
                loaded.records_seen += count_stargazers(&answer.body, &mut per_day).map_err(malformed(&path))? as u64;
                next = answer.next;
            }
            Err(ApiError::NotVisible { .. }) => {
                loaded.checkpoint = Some(r#"{"star_source":"snapshots"}"#.to_owned());
                return Ok(loaded);
            }
            Err(error) => return Err(error),
        }
    }
    loaded.facts.star_days = per_day
        .into_iter()
        .map(|(day, stars)| StarDay { repo_id, day, stars, source: StarSource::Stargazers })
        .collect();
    loaded.checkpoint = Some(r#"{"star_source":"stargazers"}"#.to_owned());
    Ok(loaded)
}

async fn fetch_items(
    context: &Context,
    repo: &RepoName,
    repo_id: i64,
    since: Option<&str>,
    notices: Notices<'_>,
) -> std::result::Result<Loaded, ApiError> {
    let client = &context.client;
    let mut loaded = Loaded { checkpoint: since.map(str::to_owned), ..Loaded::default() };
    let mut latest: Option<(i64, String)> = None;
    // `since` is the newest update already loaded: the same URL as last time when nothing
    // changed, so its ETag matches and the refresh costs nothing.
    let since_query = since.map(|s| format!("&since={s}")).unwrap_or_default();
    let mut next = Some(format!("/repos/{repo}/issues?state=all&sort=updated&direction=asc&per_page=100{since_query}"));
    while let Some(path) = next.take() {
        let answer = client.get("/repos/{owner}/{repo}/issues", &path, API_VERSION, &context.cancel, notices).await?;
        let page =
            issues_page(&answer.body, repo_id, loaded.records_seen, &mut loaded.entities).map_err(malformed(&path))?;
        loaded.records_seen += (page.items.len() + page.rejects.len()) as u64;
        loaded.facts.work_items.extend(page.items);
        loaded.batch.rejects.extend(page.rejects);
        if let Some(update) = page.latest_update
            && latest.as_ref().is_none_or(|(at, _)| update.0 > *at)
        {
            latest = Some(update);
        }
        next = answer.next;
    }
    if let Some((_, text)) = latest {
        loaded.checkpoint = Some(text);
    }
    Ok(loaded)
}
