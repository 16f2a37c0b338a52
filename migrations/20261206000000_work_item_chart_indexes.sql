-- The pull request and issue charts count items opened or closed per day inside SQLite, from
-- covering indexes, instead of reading every item opened or closed in the range into Rust: on
-- 20 million events a busy repository's whole history took 100-350 ms that way (see
-- docs/benchmarks.md). `kind` sits before the time so that one index range serves one chart;
-- the trailing columns are what the charts read, so no table lookups are needed. The
-- workspace-wide pair serves charts with no repository filter, which the per-repository
-- indexes cannot (they start with repo_id).
DROP INDEX work_items_by_opened;
DROP INDEX work_items_by_closed;
CREATE INDEX work_items_opened ON work_items (repo_id, kind, opened_at, closed_at, first_response_at);
CREATE INDEX work_items_closed ON work_items (repo_id, kind, closed_at, merged, opened_at);
CREATE INDEX work_items_opened_anywhere ON work_items (kind, opened_at, closed_at, first_response_at);
CREATE INDEX work_items_closed_anywhere ON work_items (kind, closed_at, merged, opened_at);
