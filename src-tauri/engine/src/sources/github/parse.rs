//! GitHub's answers turned into rows: events feed pages, star history, stargazer lists, issues
//! and organisation repository lists. Pure functions, so each shape is tested on its own.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::sources::events::stage_records;
use crate::sources::gharchive::decode::excerpt;
use crate::sources::gharchive::record::TimeBounds;
use crate::store::{Entities, QuarantinedRecord, StagedBatch, StarDay, StarSource, WorkItemState};
use crate::time::parse_event_time;

/// One page of `/repos/{owner}/{repo}/events`: the same event shape GH Archive records, so it
/// goes through the same parser (and the same validation and quarantine).
pub fn events_page(body: &str, first_line: u64, now: i64, entities: &mut Entities) -> Result<StagedBatch, String> {
    let items: Vec<&RawValue> = serde_json::from_str(body).map_err(|e| format!("not a JSON array of events: {e}"))?;
    let bounds = TimeBounds { earliest: 1_191_196_800, latest: now + 86_400 };
    let records = items.iter().enumerate().map(|(index, item)| (first_line + index as u64, item.get().as_bytes()));
    Ok(stage_records(records, bounds, None, entities).batch)
}

/// One week of `/stargazers/history` (API version 2026-03-10).
#[derive(Debug, Deserialize)]
struct HistoryWeek {
    /// Unix seconds of the week's first day (Sunday, 00:00 UTC).
    week: i64,
    /// Stars gained each day of that week, Sunday first.
    days: Vec<i64>,
}

/// The days of one page of star history.
pub fn star_history_page(body: &str, repo_id: i64) -> Result<Vec<StarDay>, String> {
    let weeks: Vec<HistoryWeek> = serde_json::from_str(body).map_err(|e| format!("not a star history: {e}"))?;
    let mut days = Vec::new();
    for week in weeks {
        if week.week % 86_400 != 0 || week.days.len() > 7 {
            return Err(format!("week {} is not a day boundary with at most 7 days", week.week));
        }
        let first_day = week.week / 86_400;
        for (offset, stars) in week.days.iter().enumerate() {
            if *stars < 0 {
                return Err(format!("a negative star count ({stars}) in week {}", week.week));
            }
            days.push(StarDay { repo_id, day: first_day + offset as i64, stars: *stars, source: StarSource::History });
        }
    }
    Ok(days)
}

/// Adds one page of the stargazer list (media type `star+json`: `starred_at` per user) to
/// per-day counts. Identities are read only to count; none is kept.
pub fn count_stargazers(body: &str, per_day: &mut BTreeMap<i64, i64>) -> Result<usize, String> {
    #[derive(Deserialize)]
    struct Star {
        starred_at: String,
    }
    let stars: Vec<Star> =
        serde_json::from_str(body).map_err(|e| format!("not a stargazer list with timestamps: {e}"))?;
    for star in &stars {
        let at = parse_event_time(&star.starred_at).ok_or_else(|| format!("bad starred_at `{}`", star.starred_at))?;
        *per_day.entry(at.div_euclid(86_400)).or_default() += 1;
    }
    Ok(stars.len())
}

#[derive(Debug, Deserialize)]
struct User {
    id: i64,
    login: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PullRequestLink {
    merged_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Issue {
    number: i64,
    created_at: String,
    updated_at: String,
    closed_at: Option<String>,
    user: Option<User>,
    pull_request: Option<PullRequestLink>,
}

/// What one page of `/repos/{owner}/{repo}/issues?state=all` says.
#[derive(Debug, Default)]
pub struct IssuesPage {
    pub items: Vec<WorkItemState>,
    /// The latest `updated_at` on the page (RFC 3339 as GitHub wrote it, for the next `since`).
    pub latest_update: Option<(i64, String)>,
    pub rejects: Vec<QuarantinedRecord>,
}

pub fn issues_page(body: &str, repo_id: i64, first_line: u64, entities: &mut Entities) -> Result<IssuesPage, String> {
    let raw: Vec<&RawValue> = serde_json::from_str(body).map_err(|e| format!("not a JSON array of issues: {e}"))?;
    let mut page = IssuesPage::default();
    for (index, item) in raw.iter().enumerate() {
        let reject = |reason: String| QuarantinedRecord {
            line: first_line + index as u64,
            reason,
            excerpt: excerpt(item.get().as_bytes()),
        };
        let issue: Issue = match serde_json::from_str(item.get()) {
            Ok(issue) => issue,
            Err(e) => {
                page.rejects.push(reject(format!("not an issue: {e}")));
                continue;
            }
        };
        let (Some(opened_at), Some(updated_at)) =
            (parse_event_time(&issue.created_at), parse_event_time(&issue.updated_at))
        else {
            page.rejects.push(reject(format!("issue #{} has an unreadable created_at/updated_at", issue.number)));
            continue;
        };
        let closed_at = issue.closed_at.as_deref().and_then(parse_event_time);
        let merged = match (&issue.pull_request, closed_at) {
            (Some(pr), Some(_)) => Some(pr.merged_at.is_some()),
            _ => None,
        };
        if let Some(user) = &issue.user {
            let is_bot =
                user.kind.as_deref() == Some("Bot") || crate::sources::gharchive::record::is_bot_login(&user.login);
            entities.see_actor(user.id, &user.login, is_bot, updated_at);
        }
        page.items.push(WorkItemState {
            repo_id,
            number: issue.number,
            is_pull_request: issue.pull_request.is_some(),
            opened_at,
            closed_at,
            merged,
            author_id: issue.user.as_ref().map(|u| u.id),
        });
        if page.latest_update.as_ref().is_none_or(|(at, _)| updated_at > *at) {
            page.latest_update = Some((updated_at, issue.updated_at.clone()));
        }
    }
    Ok(page)
}

/// `full_name`s of one page of `/orgs/{org}/repos` (or `/users/{user}/repos`).
pub fn repo_names_page(body: &str) -> Result<Vec<String>, String> {
    #[derive(Deserialize)]
    struct Repo {
        full_name: String,
    }
    let repos: Vec<Repo> = serde_json::from_str(body).map_err(|e| format!("not a list of repositories: {e}"))?;
    Ok(repos.into_iter().map(|r| r.full_name).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_history_weeks_become_days() {
        // 2026-08-30 is a Sunday.
        let sunday = crate::time::days_from_civil(2026, 8, 30);
        let body = format!(r#"[{{"week":{},"total":6,"days":[0,1,2,0,0,3,0]}}]"#, sunday * 86_400);
        let days = star_history_page(&body, 7).unwrap();
        assert_eq!(days.len(), 7);
        assert_eq!(days[1], StarDay { repo_id: 7, day: sunday + 1, stars: 1, source: StarSource::History });
        assert_eq!(days.iter().map(|d| d.stars).sum::<i64>(), 6);
        assert!(star_history_page(r#"[{"week":5,"total":0,"days":[]}]"#, 7).is_err());
        assert!(star_history_page(r#"{"message":"x"}"#, 7).is_err());
    }

    #[test]
    fn stargazers_are_counted_per_day_and_forgotten() {
        let mut per_day = BTreeMap::new();
        let body = r#"[{"starred_at":"2026-01-02T03:04:05Z","user":{"login":"a","id":1}},
                       {"starred_at":"2026-01-02T23:59:59Z","user":{"login":"b","id":2}},
                       {"starred_at":"2026-01-03T00:00:00Z","user":{"login":"c","id":3}}]"#;
        assert_eq!(count_stargazers(body, &mut per_day).unwrap(), 3);
        let day = crate::time::days_from_civil(2026, 1, 2);
        assert_eq!(per_day.into_iter().collect::<Vec<_>>(), vec![(day, 2), (day + 1, 1)]);
    }

    #[test]
    fn recorded_issue_pages_parse_with_pull_requests_told_apart() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../../../tests/fixtures/octokit/paginate-issues.json")).unwrap();
        let mut entities = Entities::default();
        let body = fixture[0]["response"].to_string();
        let page = issues_page(&body, 1000, 0, &mut entities).unwrap();
        assert_eq!(page.items.len(), 3);
        assert!(page.rejects.is_empty());
        assert!(page.latest_update.is_some());
        assert!(entities.actors.values().any(|a| a.login == "octokit-fixture-user-a"));
        let pr = r#"[{"number":5,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-03T00:00:00Z",
                      "closed_at":"2026-01-02T00:00:00Z","user":{"id":9,"login":"dependabot[bot]","type":"Bot"},
                      "pull_request":{"merged_at":"2026-01-02T00:00:00Z"}},
                     {"number":6,"created_at":"garbage","updated_at":"2026-01-03T00:00:00Z"}]"#;
        let page = issues_page(pr, 1, 10, &mut entities).unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].merged, Some(true));
        assert!(page.items[0].is_pull_request);
        assert_eq!(page.rejects.len(), 1);
        assert_eq!(page.rejects[0].line, 11);
        assert!(entities.actors[&9].is_bot);
    }
}
