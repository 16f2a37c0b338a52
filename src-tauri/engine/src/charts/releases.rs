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
    let sql = format!(
        "SELECT r.repo_id, n.full_name, r.tag, r.published_at FROM releases r JOIN repositories n ON n.id = r.repo_id
         WHERE r.published_at >= ?1 AND r.published_at < ?2 {filter} ORDER BY r.published_at, n.full_name, r.tag"
    );
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(&sql)
        .bind(request.range.from.start())
        .bind(request.range.to.start())
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
    let mut marks = Vec::new();
    for (repo_id, name, tag, published_at) in &rows {
        let Some(i) = buckets.of(Some(*published_at)) else { continue };
        let group = if per_repo { groups.iter().position(|(id, _)| id == repo_id) } else { Some(0) };
        if let Some(g) = group {
            series[g].values[i] += 1.0;
        }
        marks.push(Mark { x: buckets.label(i), text: format!("{name} {tag}") });
    }
    let mut notes = vec![
        "A release is a tag's first ReleaseEvent; tags pushed without a GitHub release are not counted.".to_owned(),
    ];
    if marks.len() > MAX_MARKS {
        notes.push(format!("{} releases; only the first {MAX_MARKS} are labelled.", marks.len()));
        marks.truncate(MAX_MARKS);
    }
    let mut chart = buckets.chart(store, spec, selection, "releases", series, notes).await?;
    chart.marks = marks;
    Ok(chart)
}
