-- Top contributors without reading every event of the range (decision 0015,
-- charts/top_contributors.rs).
--
-- Per (repository, month), accounts by their contributing events, most first: an account's
-- count in a range is at most the sum of its rows for the months the range touches, so the
-- ranking takes accounts from the top of these lists and stops once no account further down
-- can reach it.
CREATE INDEX contributor_months_ranked ON contributor_months (repo_id, month, events DESC);

-- An account's contributing events in a repository, by type, bot flag and time: counting the
-- few accounts that can enter the ranking, and their breakdown, seeks to their events in the
-- range and reads nothing else. Stars and forks are not contributions (the contributors chart's
-- definition too), so they are left out of the index.
CREATE INDEX events_by_contributor ON events (repo_id, actor_id, type, is_bot, created_at)
WHERE type NOT IN ('WatchEvent', 'ForkEvent');
