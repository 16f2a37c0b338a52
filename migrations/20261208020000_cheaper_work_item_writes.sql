-- The writer now counts the opening and closing days of work items new to the workspace itself,
-- grouped per (repository, kind, day) (store/rollups.rs, `write_work_items`), so items go in
-- with a plain single-row insert that fires nothing. This trigger did it row by row, and made
-- the insert a multi-row statement with a statement journal. Moves between days of items that
-- already exist stay with the update trigger; deletes with the delete trigger. (IF EXISTS: a
-- test replays this migration and the one that created the trigger.)
DROP TRIGGER IF EXISTS work_items_days_after_insert;

-- No query reads these any more: the charts filter by kind and use the covering indexes of
-- migration 20261206000000 (led by `(repo_id, kind)` and by `kind`). Each new item paid an
-- entry in both.
DROP INDEX IF EXISTS work_items_by_opened;
DROP INDEX IF EXISTS work_items_by_closed;
