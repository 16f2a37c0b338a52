//! Rollup deltas of one unit, accumulated in memory as its new rows are inserted and written
//! with its commit. Aggregating here instead of in per-row triggers or a `GROUP BY` at commit
//! keeps the hot path to one hash-map update per event.

use std::borrow::Cow;
use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::writer::{ROWS_PER_INSERT, values_sql};
use crate::error::Result;
use crate::sources::gharchive::record::EventRow;

#[derive(Debug, Default, Clone, Copy)]
struct HourDelta {
    events: i64,
    bot_events: i64,
    first_event_at: i64,
    last_event_at: i64,
}

/// Counts to add to `daily_repo_events` and `hourly_events` for rows that were really new.
#[derive(Debug, Default)]
pub(super) struct RollupDelta {
    /// (repo_id, day, type) -> (events, bot_events)
    daily: HashMap<(i64, i64, Cow<'static, str>), (i64, i64)>,
    hourly: HashMap<i64, HourDelta>,
}

impl RollupDelta {
    pub(super) fn add(&mut self, row: &EventRow) {
        let bot = i64::from(row.is_bot);
        let day = row.created_at.div_euclid(86_400);
        let counts = self.daily.entry((row.repo_id, day, row.kind.clone())).or_default();
        counts.0 += 1;
        counts.1 += bot;
        let hour = self.hourly.entry(row.created_at.div_euclid(3600)).or_insert(HourDelta {
            first_event_at: row.created_at,
            last_event_at: row.created_at,
            ..HourDelta::default()
        });
        hour.events += 1;
        hour.bot_events += bot;
        hour.first_event_at = hour.first_event_at.min(row.created_at);
        hour.last_event_at = hour.last_event_at.max(row.created_at);
    }

    /// Adds the deltas to the rollup tables (inside the unit's transaction).
    pub(super) async fn write(&self, c: &mut SqliteConnection) -> Result<()> {
        // Sorted by key, so the upserts walk the rollup B-tree in order.
        let mut daily: Vec<_> = self.daily.iter().collect();
        daily.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for chunk in daily.chunks(ROWS_PER_INSERT) {
            let sql = values_sql(
                "INSERT INTO daily_repo_events (repo_id, day, type, events, bot_events) VALUES ",
                5,
                chunk.len(),
                " ON CONFLICT (repo_id, day, type) DO UPDATE SET
                     events = events + excluded.events, bot_events = bot_events + excluded.bot_events",
            );
            let mut query = sqlx::query(&sql);
            for ((repo_id, day, kind), (events, bots)) in chunk {
                query = query.bind(*repo_id).bind(*day).bind(kind.as_ref()).bind(*events).bind(*bots);
            }
            query.execute(&mut *c).await?;
        }
        let hourly: Vec<_> = self.hourly.iter().collect();
        for chunk in hourly.chunks(ROWS_PER_INSERT) {
            let sql = values_sql(
                "INSERT INTO hourly_events (hour, events, bot_events, first_event_at, last_event_at) VALUES ",
                5,
                chunk.len(),
                " ON CONFLICT (hour) DO UPDATE SET
                     events = events + excluded.events,
                     bot_events = bot_events + excluded.bot_events,
                     first_event_at = min(first_event_at, excluded.first_event_at),
                     last_event_at = max(last_event_at, excluded.last_event_at)",
            );
            let mut query = sqlx::query(&sql);
            for (hour, delta) in chunk {
                query = query
                    .bind(**hour)
                    .bind(delta.events)
                    .bind(delta.bot_events)
                    .bind(delta.first_event_at)
                    .bind(delta.last_event_at);
            }
            query.execute(&mut *c).await?;
        }
        Ok(())
    }
}
