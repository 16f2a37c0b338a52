-- The writer now adds new `contributor_months` rows to the workspace and repository contributor
-- rollups itself, one statement per key in key order (store/rollups.rs, `write_new_contributors`).
-- These per-row insert triggers did the same work at about 4.5 µs a row: 77,000 new rows made
-- them a third of a busy hour's serial commit (docs/benchmarks.md). The triggers for bot flags,
-- moved first months and deletions stay: they fire for few rows. (IF EXISTS: a test replays the
-- migration that created one of them.)
DROP TRIGGER IF EXISTS contributor_months_to_workspace_after_insert;
DROP TRIGGER IF EXISTS contributor_months_to_repository_after_insert;
DROP TRIGGER IF EXISTS workspace_contributor_months_after_insert;
DROP TRIGGER IF EXISTS repository_contributor_firsts_after_insert;
