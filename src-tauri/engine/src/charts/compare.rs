//! Comparison: the same chart for each selected repository, overlaid on one set of axes.

use super::{ChartData, ChartRequest, ChartSpec, Series};
use crate::error::{EngineError, Result};
use crate::scope::RepoName;
use crate::store::Store;

/// Charts over time can be overlaid; rankings and the heatmap cannot.
pub(super) const COMPARABLE: &[&str] = &[
    "stars",
    "forks",
    "activity",
    "pull-requests",
    "time-to-merge",
    "issues",
    "issue-response",
    "releases",
    "contributors",
];

/// More repositories than this on one chart stop being readable.
pub const MAX_COMPARED: usize = 8;

pub(super) async fn build(store: &Store, spec: &'static ChartSpec, request: &ChartRequest) -> Result<ChartData> {
    if !COMPARABLE.contains(&spec.id) {
        return Err(EngineError::InvalidInput(format!(
            "chart `{}` cannot be compared; charts that can: {}",
            spec.id,
            COMPARABLE.join(", ")
        )));
    }
    let selection = super::selection::resolve(store, request).await?;
    if selection.everything || selection.repos.len() < 2 {
        return Err(EngineError::InvalidInput(
            "a comparison needs at least two repositories: repeat --repo, or name an organisation with several".into(),
        ));
    }
    if selection.repos.len() > MAX_COMPARED {
        return Err(EngineError::InvalidInput(format!(
            "{} repositories selected; a comparison overlays at most {MAX_COMPARED}",
            selection.repos.len()
        )));
    }
    // Each repository's chart is its own read: run them at once on the reader pool.
    let singles = selection
        .repos
        .iter()
        .map(|(_, name)| {
            Ok(ChartRequest { repos: vec![RepoName::parse(name)?], org: None, compare: false, ..request.clone() })
        })
        .collect::<Result<Vec<_>>>()?;
    let charts =
        futures_util::future::try_join_all(singles.iter().map(|single| super::build_one(store, spec, single))).await?;
    let mut merged: Option<ChartData> = None;
    for ((_, name), chart) in selection.repos.iter().zip(charts) {
        let series = overlay_series(spec.id, name, chart.x.len(), chart.series);
        match &mut merged {
            None => merged = Some(ChartData { series, ..chart }),
            Some(all) => {
                all.series.extend(series);
                for x in chart.incomplete {
                    if !all.incomplete.contains(&x) {
                        all.incomplete.push(x);
                    }
                }
                for note in chart.notes {
                    if !all.notes.contains(&note) {
                        all.notes.push(note);
                    }
                }
                all.marks.extend(chart.marks);
            }
        }
    }
    let mut chart = merged.ok_or_else(|| EngineError::Internal("a comparison without repositories".into()))?;
    // Keep the incomplete periods in the order of the axis.
    let order = |x: &String| chart.x.iter().position(|p| p == x);
    let mut incomplete = std::mem::take(&mut chart.incomplete);
    incomplete.sort_by_key(order);
    chart.incomplete = incomplete;
    chart.title = format!("{} (comparison)", spec.title);
    Ok(chart)
}

/// One repository's series, named after it. Activity collapses to one total per repository:
/// a stack of every event type for eight repositories could not be read.
fn overlay_series(id: &str, repo: &str, len: usize, series: Vec<Series>) -> Vec<Series> {
    if id == "activity" {
        let total = (0..len).map(|i| series.iter().map(|s| s.values.get(i).copied().unwrap_or(0.0)).sum()).collect();
        return vec![Series { name: format!("{repo}: events"), values: total }];
    }
    let prefix = format!("{repo}: ");
    series
        .into_iter()
        .map(|s| if s.name.starts_with(&prefix) { s } else { Series { name: format!("{prefix}{}", s.name), ..s } })
        .collect()
}
