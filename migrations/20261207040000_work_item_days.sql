-- Pull requests and issues opened and closed per repository, kind and UTC day, for the
-- pull-request and issue charts of selected repositories. Counting them per day from the
-- covering indexes of 20261206000000 still read every item: 75-115 ms for the busiest
-- repository's history on 20 million events, 250-360 ms to compare four. Triggers on
-- work_items keep these counts in the loader's transaction; an item moves between days when a
-- later hour changes when it opened or closed, or whether it merged. `merged` splits the closes
-- as work_items.merged does: 1, 0, or unknown (NULL: payloads since 2025-10-07, and issues).
CREATE TABLE work_item_days (
    repo_id         INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    day             INTEGER NOT NULL,
    opened          INTEGER NOT NULL DEFAULT 0,
    closed_merged   INTEGER NOT NULL DEFAULT 0,
    closed_unmerged INTEGER NOT NULL DEFAULT 0,
    closed_unknown  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (repo_id, kind, day)
) WITHOUT ROWID;

CREATE TRIGGER work_items_days_after_insert AFTER INSERT ON work_items
WHEN NEW.kind IS NOT NULL
BEGIN
    INSERT INTO work_item_days (repo_id, kind, day, opened)
    SELECT NEW.repo_id, NEW.kind, NEW.opened_at / 86400, 1 WHERE NEW.opened_at IS NOT NULL
    ON CONFLICT (repo_id, kind, day) DO UPDATE SET opened = opened + 1;
    INSERT INTO work_item_days (repo_id, kind, day, closed_merged, closed_unmerged, closed_unknown)
    SELECT NEW.repo_id, NEW.kind, NEW.closed_at / 86400, NEW.merged IS 1, NEW.merged IS 0, NEW.merged IS NULL
    WHERE NEW.closed_at IS NOT NULL
    ON CONFLICT (repo_id, kind, day) DO UPDATE SET
        closed_merged = closed_merged + excluded.closed_merged,
        closed_unmerged = closed_unmerged + excluded.closed_unmerged,
        closed_unknown = closed_unknown + excluded.closed_unknown;
END;

-- Only when something the counts depend on changed: most updates (a comment, a review) do not.
CREATE TRIGGER work_items_days_after_update AFTER UPDATE OF kind, opened_at, closed_at, merged ON work_items
WHEN OLD.kind IS NOT NEW.kind OR OLD.opened_at IS NOT NEW.opened_at
  OR OLD.closed_at IS NOT NEW.closed_at OR OLD.merged IS NOT NEW.merged
BEGIN
    UPDATE work_item_days SET opened = opened - 1
     WHERE OLD.kind IS NOT NULL AND OLD.opened_at IS NOT NULL
       AND repo_id = OLD.repo_id AND kind = OLD.kind AND day = OLD.opened_at / 86400;
    UPDATE work_item_days
       SET closed_merged = closed_merged - (OLD.merged IS 1),
           closed_unmerged = closed_unmerged - (OLD.merged IS 0),
           closed_unknown = closed_unknown - (OLD.merged IS NULL)
     WHERE OLD.kind IS NOT NULL AND OLD.closed_at IS NOT NULL
       AND repo_id = OLD.repo_id AND kind = OLD.kind AND day = OLD.closed_at / 86400;
    INSERT INTO work_item_days (repo_id, kind, day, opened)
    SELECT NEW.repo_id, NEW.kind, NEW.opened_at / 86400, 1 WHERE NEW.kind IS NOT NULL AND NEW.opened_at IS NOT NULL
    ON CONFLICT (repo_id, kind, day) DO UPDATE SET opened = opened + 1;
    INSERT INTO work_item_days (repo_id, kind, day, closed_merged, closed_unmerged, closed_unknown)
    SELECT NEW.repo_id, NEW.kind, NEW.closed_at / 86400, NEW.merged IS 1, NEW.merged IS 0, NEW.merged IS NULL
    WHERE NEW.kind IS NOT NULL AND NEW.closed_at IS NOT NULL
    ON CONFLICT (repo_id, kind, day) DO UPDATE SET
        closed_merged = closed_merged + excluded.closed_merged,
        closed_unmerged = closed_unmerged + excluded.closed_unmerged,
        closed_unknown = closed_unknown + excluded.closed_unknown;
END;

CREATE TRIGGER work_items_days_after_delete AFTER DELETE ON work_items
WHEN OLD.kind IS NOT NULL
BEGIN
    UPDATE work_item_days SET opened = opened - 1
     WHERE OLD.opened_at IS NOT NULL AND repo_id = OLD.repo_id AND kind = OLD.kind AND day = OLD.opened_at / 86400;
    UPDATE work_item_days
       SET closed_merged = closed_merged - (OLD.merged IS 1),
           closed_unmerged = closed_unmerged - (OLD.merged IS 0),
           closed_unknown = closed_unknown - (OLD.merged IS NULL)
     WHERE OLD.closed_at IS NOT NULL AND repo_id = OLD.repo_id AND kind = OLD.kind AND day = OLD.closed_at / 86400;
END;

-- What is already there.
INSERT INTO work_item_days (repo_id, kind, day, opened)
SELECT repo_id, kind, opened_at / 86400, count(*) FROM work_items
WHERE kind IS NOT NULL AND opened_at IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO work_item_days (repo_id, kind, day, closed_merged, closed_unmerged, closed_unknown)
SELECT repo_id, kind, closed_at / 86400, sum(merged IS 1), sum(merged IS 0), sum(merged IS NULL) FROM work_items
WHERE kind IS NOT NULL AND closed_at IS NOT NULL GROUP BY 1, 2, 3
ON CONFLICT (repo_id, kind, day) DO UPDATE SET
    closed_merged = excluded.closed_merged,
    closed_unmerged = excluded.closed_unmerged,
    closed_unknown = excluded.closed_unknown;
