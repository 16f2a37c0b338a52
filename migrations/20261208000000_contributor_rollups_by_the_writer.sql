-- The writer now adds new `contributor_months` rows to the workspace and repository contributor
-- rollups itself, grouped by key and in key order (store/rollups.rs, `write_new_contributors`).
-- These per-row triggers did the same work at about 4.5 µs a row: a third of a busy hour's
-- serial commit (docs/benchmarks.md). The triggers for bot flags and deletions stay: they fire
-- for few rows.
DROP TRIGGER IF EXISTS contributor_months_to_workspace_after_insert;
DROP TRIGGER IF EXISTS contributor_months_to_repository_after_insert;
