-- Releases and contributors, for the releases timeline and the new-vs-returning contributors
-- chart. Both are kept by the loader in the same transaction as the events they come from.

-- The tag a ReleaseEvent published. Hours loaded before this migration have NULL here (the tag
-- was not kept): their releases are missing from the releases chart until collected again.
ALTER TABLE events ADD COLUMN release_tag TEXT;

-- One row per release of a repository: its tag, first seen published (earliest event wins, so
-- the result does not depend on the order hours load in).
CREATE TABLE releases (
    repo_id      INTEGER NOT NULL,
    tag          TEXT    NOT NULL,
    published_at INTEGER NOT NULL,
    actor_id     INTEGER NOT NULL,
    PRIMARY KEY (repo_id, tag)
) WITHOUT ROWID;
CREATE INDEX releases_by_time ON releases (repo_id, published_at);

-- Contributing events (all but stars and forks) per repository, UTC month and account.
-- `month` is the day number (days since 1970-01-01) of the month's first day.
CREATE TABLE contributor_months (
    repo_id  INTEGER NOT NULL,
    month    INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    is_bot   INTEGER NOT NULL,
    events   INTEGER NOT NULL,
    PRIMARY KEY (repo_id, month, actor_id)
) WITHOUT ROWID;

INSERT INTO contributor_months (repo_id, month, actor_id, is_bot, events)
SELECT repo_id,
       CAST(strftime('%s', created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400,
       actor_id, max(is_bot), count(*)
FROM events
WHERE type NOT IN ('WatchEvent', 'ForkEvent')
GROUP BY 1, 2, 3;

CREATE TRIGGER events_contributors_after_delete AFTER DELETE ON events
WHEN OLD.type NOT IN ('WatchEvent', 'ForkEvent')
BEGIN
    UPDATE contributor_months SET events = events - 1
    WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
    DELETE FROM contributor_months
    WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id AND events <= 0
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
END;

-- Deleting events is rare (maintenance); keep releases exact anyway.
CREATE TRIGGER events_releases_after_delete AFTER DELETE ON events
WHEN OLD.release_tag IS NOT NULL
BEGIN
    DELETE FROM releases WHERE repo_id = OLD.repo_id AND tag = OLD.release_tag
      AND NOT EXISTS (SELECT 1 FROM events WHERE repo_id = OLD.repo_id AND release_tag = OLD.release_tag);
    UPDATE releases SET published_at = (SELECT min(created_at) FROM events
                                        WHERE repo_id = OLD.repo_id AND release_tag = OLD.release_tag)
    WHERE repo_id = OLD.repo_id AND tag = OLD.release_tag;
END;
