//! The chart catalogue. Each chart is defined once here (id, title, what it counts) and served
//! to every consumer: the CLI, the exporters and, later, the desktop UI. No chart logic lives
//! anywhere else. Charts read rollups, except top contributors, which reads the events of the few
//! accounts that can enter its ranking (and every event of the range for very large selections).

mod compare;
mod export;
mod lifecycle;
mod people;
mod period;
mod queries;
mod query;
mod ranking;
mod releases;
mod selection;
mod top_contributors;

pub use export::{ExportFormat, export, to_csv};
pub use period::Granularity;
pub use query::ChartQuery;

use crate::error::{EngineError, Result};
use crate::scope::{OrgName, RepoName};
use crate::store::Store;
use crate::time::HourRange;

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartSpec {
    pub id: &'static str,
    pub title: &'static str,
    /// Exactly what is counted (docs/charts.md says more).
    pub definition: &'static str,
}

pub const CATALOGUE: &[ChartSpec] = &[
    ChartSpec {
        id: "stars",
        title: "Stars over time",
        definition: "New stars (WatchEvent 'started') per period for each repository, and their running total since the start of the range",
    },
    ChartSpec {
        id: "activity",
        title: "Activity by event type",
        definition: "Events per period, one series per event type, over the selected repositories",
    },
    ChartSpec {
        id: "forks",
        title: "Forks over time",
        definition: "New forks (ForkEvent) per period for each repository, and their running total since the start of the range",
    },
    ChartSpec {
        id: "pull-requests",
        title: "Pull requests",
        definition: "Pull requests opened, merged, and closed without merge per period (each counted at its opening and at its last close)",
    },
    ChartSpec {
        id: "time-to-merge",
        title: "Time to merge",
        definition: "Median and 90th-percentile hours from creation to merge, for pull requests merged in each period",
    },
    ChartSpec {
        id: "issues",
        title: "Issues",
        definition: "Issues opened and closed per period (each counted at its opening and at its last close)",
    },
    ChartSpec {
        id: "issue-response",
        title: "Issue response times",
        definition: "For issues opened in each period: median and 90th-percentile hours to close and to the first response by a human other than the author",
    },
    ChartSpec {
        id: "heatmap",
        title: "Activity by weekday and hour",
        definition: "Events per weekday (Monday first) and hour of day, UTC, over the range",
    },
    ChartSpec {
        id: "top-contributors",
        title: "Top contributors",
        definition: "Accounts with the most contributing events (all but stars and forks) in the selected repositories, bots excluded unless asked, with a breakdown by event type",
    },
    ChartSpec {
        id: "releases",
        title: "Releases",
        definition: "Releases published per period for each repository (a tag counted once, at its first ReleaseEvent), each release marked with its tag",
    },
    ChartSpec {
        id: "contributors",
        title: "New and returning contributors",
        definition: "Per UTC month: accounts whose first contribution (any event but stars and forks) to the selected repositories in the collected data falls in that month, and accounts who contributed before; bots excluded unless asked",
    },
    ChartSpec {
        id: "org-overview",
        title: "Organisation overview",
        definition: "The organisation's repositories ranked by events in the range, with a breakdown by event type",
    },
    ChartSpec {
        id: "top-repos",
        title: "Top repositories",
        definition: "Repositories of the workspace (or organisation) ranked by events, or by stars gained, in the range",
    },
    ChartSpec {
        id: "coverage",
        title: "Data coverage",
        definition: "Events per hour in the workspace, with the hours that have no complete data and the hours whose count falls under half the median of the same hour on the previous seven days marked",
    },
];

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct ChartRequest {
    /// Repositories to show; empty with no organisation means the whole workspace.
    pub repos: Vec<RepoName>,
    pub org: Option<OrgName>,
    pub range: HourRange,
    pub granularity: Granularity,
    /// For ranked charts: how many rows.
    pub limit: usize,
    /// For ranked charts: what to rank by.
    pub rank_by: RankBy,
    /// Count bot accounts in contributor charts.
    pub include_bots: bool,
    /// Overlay the selected repositories: each one's series side by side, named after it.
    pub compare: bool,
}

/// What `top-repos` ranks repositories by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RankBy {
    #[default]
    Events,
    /// Stars gained (WatchEvents) in the range.
    Stars,
}

impl RankBy {
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "events" => Ok(RankBy::Events),
            "stars" => Ok(RankBy::Stars),
            other => Err(EngineError::InvalidInput(format!("cannot rank by `{other}`: use events or stars"))),
        }
    }
}

/// How the x axis of a chart is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum XAxis {
    /// `x` holds period starts (`2024-03-04`, or `2024-03-04T10` for hours).
    Time,
    /// `x` holds names (repositories, contributors); several series stack.
    Category,
    /// `x` holds hours of the day (`00`-`23`) and each series is a weekday: a heatmap.
    HourOfDay,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Series {
    pub name: String,
    /// One value per entry of [`ChartData::x`].
    pub values: Vec<f64>,
}

/// A computed chart, ready to draw or export.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartData {
    pub id: &'static str,
    pub title: String,
    pub x_axis: XAxis,
    pub x_label: String,
    pub y_label: String,
    pub x: Vec<String>,
    pub series: Vec<Series>,
    /// Entries of `x` whose data is incomplete (hours not collected, missing or failed, or GH
    /// Archive's known event loss after 2025-05-24).
    pub incomplete: Vec<String>,
    /// Caveats a reader must see next to the chart.
    pub notes: Vec<String>,
    /// Points to label on the chart: releases, anomalous hours.
    pub marks: Vec<Mark>,
}

/// A labelled point of a chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mark {
    /// The entry of [`ChartData::x`] it belongs to.
    pub x: String,
    pub text: String,
}

pub fn spec(id: &str) -> Result<&'static ChartSpec> {
    CATALOGUE.iter().find(|c| c.id == id).ok_or_else(|| {
        let known: Vec<&str> = CATALOGUE.iter().map(|c| c.id).collect();
        EngineError::InvalidInput(format!("there is no chart `{id}`; charts: {}", known.join(", ")))
    })
}

/// Computes chart `id` for `request`.
pub async fn build(store: &Store, id: &str, request: &ChartRequest) -> Result<ChartData> {
    let spec = spec(id)?;
    if request.repos.len() > 8 {
        return Err(EngineError::InvalidInput(format!(
            "{} repositories selected; charts compare at most 8",
            request.repos.len()
        )));
    }
    if request.compare {
        return compare::build(store, spec, request).await;
    }
    build_one(store, spec, request).await
}

async fn build_one(store: &Store, spec: &'static ChartSpec, request: &ChartRequest) -> Result<ChartData> {
    let selection = selection::resolve(store, request).await?;
    match spec.id {
        "stars" => queries::growth(store, spec, request, &selection, "WatchEvent", "stars").await,
        "forks" => queries::growth(store, spec, request, &selection, "ForkEvent", "forks").await,
        "activity" => queries::activity(store, spec, request, &selection).await,
        "top-repos" => queries::top_repositories(store, spec, request, &selection).await,
        "pull-requests" => lifecycle::pull_requests(store, spec, request, &selection).await,
        "time-to-merge" => lifecycle::time_to_merge(store, spec, request, &selection).await,
        "issues" => lifecycle::issues(store, spec, request, &selection).await,
        "issue-response" => lifecycle::issue_response(store, spec, request, &selection).await,
        "heatmap" => people::heatmap(store, spec, request, &selection).await,
        "top-contributors" => top_contributors::top_contributors(store, spec, request, &selection).await,
        "coverage" => queries::coverage(store, spec, request).await,
        "releases" => releases::releases(store, spec, request, &selection).await,
        "contributors" => people::new_and_returning(store, spec, request, &selection).await,
        "org-overview" => queries::org_overview(store, spec, request, &selection).await,
        other => Err(EngineError::Internal(format!("chart `{other}` has no query"))),
    }
}
