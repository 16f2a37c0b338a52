-- New and returning contributors of one repository. The chart found each account's first month
-- in the repository with a window over all of its `contributor_months` rows: 513 ms for the
-- busiest repository of the 20-million-event benchmark. These two tables answer it from one row
-- per month. Triggers on `contributor_months` keep them, in the same transaction, following
-- inserts, bot-flag changes and deletes, as the workspace-wide tables of 20261206010000 do.
-- Selections of several repositories (an organisation) still use the window: an account's
-- first month there is the earliest over the selected repositories, which no per-repository
-- table can give.

-- Per repository and UTC month: how many accounts contributed, how many as bots, and how many
-- of them contributed for the first time (and of those, as bots). Keeping the new ones counted
-- here, instead of an index on the first months, saves the loader an index write per new
-- account (measured: decision 0009).
CREATE TABLE repository_contributor_counts (
    repo_id          INTEGER NOT NULL,
    month            INTEGER NOT NULL,
    contributors     INTEGER NOT NULL,
    bots             INTEGER NOT NULL,
    new_contributors INTEGER NOT NULL DEFAULT 0,
    new_bots         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (repo_id, month)
) WITHOUT ROWID;

-- Each account's first month of contribution to a repository, and whether it was a bot then.
CREATE TABLE repository_contributor_firsts (
    repo_id      INTEGER NOT NULL,
    actor_id     INTEGER NOT NULL,
    first_month  INTEGER NOT NULL,
    first_is_bot INTEGER NOT NULL,
    PRIMARY KEY (repo_id, actor_id)
) WITHOUT ROWID;

-- firsts -> the new counts of their month
CREATE TRIGGER repository_contributor_firsts_after_insert AFTER INSERT ON repository_contributor_firsts
BEGIN
    INSERT INTO repository_contributor_counts (repo_id, month, contributors, bots, new_contributors, new_bots)
    VALUES (NEW.repo_id, NEW.first_month, 0, 0, 1, NEW.first_is_bot)
    ON CONFLICT (repo_id, month) DO UPDATE SET
        new_contributors = new_contributors + 1, new_bots = new_bots + excluded.new_bots;
END;

CREATE TRIGGER repository_contributor_firsts_after_update AFTER UPDATE OF first_month, first_is_bot
ON repository_contributor_firsts
BEGIN
    UPDATE repository_contributor_counts
       SET new_contributors = new_contributors - 1, new_bots = new_bots - OLD.first_is_bot
     WHERE repo_id = OLD.repo_id AND month = OLD.first_month;
    INSERT INTO repository_contributor_counts (repo_id, month, contributors, bots, new_contributors, new_bots)
    VALUES (NEW.repo_id, NEW.first_month, 0, 0, 1, NEW.first_is_bot)
    ON CONFLICT (repo_id, month) DO UPDATE SET
        new_contributors = new_contributors + 1, new_bots = new_bots + excluded.new_bots;
END;

CREATE TRIGGER repository_contributor_firsts_after_delete AFTER DELETE ON repository_contributor_firsts
BEGIN
    UPDATE repository_contributor_counts
       SET new_contributors = new_contributors - 1, new_bots = new_bots - OLD.first_is_bot
     WHERE repo_id = OLD.repo_id AND month = OLD.first_month;
END;

CREATE TRIGGER contributor_months_to_repository_after_insert AFTER INSERT ON contributor_months
BEGIN
    INSERT INTO repository_contributor_counts (repo_id, month, contributors, bots)
    VALUES (NEW.repo_id, NEW.month, 1, NEW.is_bot)
    ON CONFLICT (repo_id, month) DO UPDATE SET contributors = contributors + 1, bots = bots + excluded.bots;
    INSERT INTO repository_contributor_firsts (repo_id, actor_id, first_month, first_is_bot)
    VALUES (NEW.repo_id, NEW.actor_id, NEW.month, NEW.is_bot)
    ON CONFLICT (repo_id, actor_id) DO UPDATE SET first_month = excluded.first_month, first_is_bot = excluded.first_is_bot
    WHERE excluded.first_month < first_month;
END;

CREATE TRIGGER contributor_months_to_repository_after_bot AFTER UPDATE OF is_bot ON contributor_months
WHEN NEW.is_bot <> OLD.is_bot
BEGIN
    UPDATE repository_contributor_counts SET bots = bots + NEW.is_bot - OLD.is_bot
     WHERE repo_id = NEW.repo_id AND month = NEW.month;
    UPDATE repository_contributor_firsts SET first_is_bot = NEW.is_bot
     WHERE repo_id = NEW.repo_id AND actor_id = NEW.actor_id AND first_month = NEW.month;
END;

-- Deleting events is rare maintenance: the first month is looked up again among the account's
-- remaining months in the repository.
CREATE TRIGGER contributor_months_to_repository_after_delete AFTER DELETE ON contributor_months
BEGIN
    UPDATE repository_contributor_counts SET contributors = contributors - 1, bots = bots - OLD.is_bot
     WHERE repo_id = OLD.repo_id AND month = OLD.month;
    DELETE FROM repository_contributor_counts WHERE repo_id = OLD.repo_id AND month = OLD.month AND contributors <= 0;
    DELETE FROM repository_contributor_firsts WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id
      AND NOT EXISTS (SELECT 1 FROM contributor_months WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id);
    UPDATE repository_contributor_firsts
       SET (first_month, first_is_bot) = (SELECT month, is_bot FROM contributor_months
                                          WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id
                                          ORDER BY month LIMIT 1)
     WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id AND first_month = OLD.month;
END;

-- What is already there: the counts first, then the firsts (whose trigger counts the new ones).
INSERT INTO repository_contributor_counts (repo_id, month, contributors, bots)
SELECT repo_id, month, count(*), sum(is_bot) FROM contributor_months GROUP BY repo_id, month;
-- SQLite takes the bare column is_bot from the row that holds min(month).
INSERT INTO repository_contributor_firsts (repo_id, actor_id, first_month, first_is_bot)
SELECT repo_id, actor_id, min(month), is_bot FROM contributor_months GROUP BY repo_id, actor_id;
