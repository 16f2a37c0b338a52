//! The releases timeline: releases per period, each marked with its tag.

use super::queries::{Buckets, MAX_SERIES, id_list};
use super::selection::Selection;
use super::{ChartData, ChartRequest, ChartSpec, Mark, Series};
use crate::error::Result;
use crate::store::Store;

/// More marks than this would hide the chart under its labels.
const MAX_MARKS: usize = 200;

pub(super) async fn releases(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let filter =
        if selection.everything { String::new() } else { format!("AND r.repo_id IN ({})", id_list(&selection.ids())) };
    let (from, to) = (request.range.from.start(), request.range.to.start());
    // Counted per day in SQLite: eight busy repositories hold tens of thousands of releases, and
    // fetching each row cost more than the query. Periods are whole UTC days, so this is exact.
    let per_day: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT r.repo_id, r.published_at / 86400, count(*) FROM releases r
         WHERE r.published_at >= ?1 AND r.published_at < ?2 {filter} GROUP BY 1, 2"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(store.pool())
    .await?;
    // Only the first releases get a label; one more than that says whether any were left out.
    let labelled: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT n.full_name, r.tag, r.published_at FROM releases r JOIN repositories n ON n.id = r.repo_id
         WHERE r.published_at >= ?1 AND r.published_at < ?2 {filter} ORDER BY r.published_at, n.full_name, r.tag
         LIMIT {}",
        MAX_MARKS + 1
    ))
    .bind(from)
    .bind(to)
    .fetch_all(store.pool())
    .await?;
    let buckets = Buckets::new(request);
    let per_repo = !selection.everything && selection.repos.len() <= MAX_SERIES;
    let groups: Vec<(i64, String)> = if per_repo {
        selection.repos.clone()
    } else {
        vec![(
            0,
            if selection.everything {
                "all repositories".into()
            } else {
                format!("{} repositories", selection.repos.len())
            },
        )]
    };
    let mut series: Vec<Series> =
        groups.iter().map(|(_, name)| Series { name: format!("{name}: releases"), values: buckets.zeros() }).collect();
    let mut total = 0;
    for (repo_id, day, releases) in per_day {
        total += releases;
        let Some(i) = buckets.of(Some(day * 86_400)) else { continue };
        let group = if per_repo { groups.iter().position(|(id, _)| *id == repo_id) } else { Some(0) };
        if let Some(g) = group {
            series[g].values[i] += releases as f64;
        }
    }
    let mut marks: Vec<Mark> = labelled
        .iter()
        .filter_map(|(name, tag, published_at)| {
            buckets.of(Some(*published_at)).map(|i| Mark { x: buckets.label(i), text: format!("{name} {tag}") })
        })
        .collect();
    let mut notes = vec![
        "A release is a tag's first ReleaseEvent; tags pushed without a GitHub release are not counted.".to_owned(),
    ];
    if marks.len() > MAX_MARKS {
        notes.push(format!("{total} releases; only the first {MAX_MARKS} are labelled."));
        marks.truncate(MAX_MARKS);
    }
    let mut chart = buckets.chart(store, spec, selection, "releases", series, notes).await?;
    chart.marks = marks;
    Ok(chart)
}
