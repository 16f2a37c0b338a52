-- New and returning contributors over the whole workspace. The chart used to find each
-- account's first month with a window over every `contributor_months` row (one per repository,
-- month and account): 6.4 s on 20 million events. These three tables answer it from a few
-- thousand rows. Triggers keep them, so they follow every insert, bot-flag change and delete of
-- `contributor_months` inside the same transaction, whatever writes it.

-- The accounts that contributed anywhere in the workspace, per UTC month (`month` is the day
-- number of the month's first day, as in contributor_months). `is_bot`: some of the account's
-- contributions that month were made under a bot login.
CREATE TABLE workspace_contributor_months (
    month    INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    is_bot   INTEGER NOT NULL,
    PRIMARY KEY (month, actor_id)
) WITHOUT ROWID;

-- Per month: how many accounts contributed, and how many of them as bots.
CREATE TABLE workspace_contributor_counts (
    month        INTEGER PRIMARY KEY,
    contributors INTEGER NOT NULL,
    bots         INTEGER NOT NULL
);

-- Each account's first month of contribution in the workspace, and whether it was a bot then.
CREATE TABLE workspace_contributor_firsts (
    actor_id     INTEGER PRIMARY KEY,
    first_month  INTEGER NOT NULL,
    first_is_bot INTEGER NOT NULL
);
CREATE INDEX workspace_contributor_firsts_by_month ON workspace_contributor_firsts (first_month, first_is_bot);

-- contributor_months -> workspace_contributor_months
CREATE TRIGGER contributor_months_to_workspace_after_insert AFTER INSERT ON contributor_months
BEGIN
    INSERT INTO workspace_contributor_months (month, actor_id, is_bot) VALUES (NEW.month, NEW.actor_id, NEW.is_bot)
    ON CONFLICT (month, actor_id) DO UPDATE SET is_bot = 1 WHERE excluded.is_bot > is_bot;
END;

CREATE TRIGGER contributor_months_to_workspace_after_bot AFTER UPDATE OF is_bot ON contributor_months
WHEN NEW.is_bot > OLD.is_bot
BEGIN
    UPDATE workspace_contributor_months SET is_bot = 1 WHERE month = NEW.month AND actor_id = NEW.actor_id AND is_bot = 0;
END;

-- A bot flag only goes down when a bot's events are deleted (below): look across repositories.
CREATE TRIGGER contributor_months_to_workspace_after_unbot AFTER UPDATE OF is_bot ON contributor_months
WHEN NEW.is_bot < OLD.is_bot
BEGIN
    UPDATE workspace_contributor_months
       SET is_bot = (SELECT max(is_bot) FROM contributor_months WHERE month = NEW.month AND actor_id = NEW.actor_id)
     WHERE month = NEW.month AND actor_id = NEW.actor_id;
END;

-- contributor_months kept its bot flag when a bot's events were deleted; recompute it then.
DROP TRIGGER events_contributors_after_delete;
CREATE TRIGGER events_contributors_after_delete AFTER DELETE ON events
WHEN OLD.type NOT IN ('WatchEvent', 'ForkEvent')
BEGIN
    UPDATE contributor_months SET events = events - 1
    WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
    DELETE FROM contributor_months
    WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id AND events <= 0
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
    UPDATE contributor_months
       SET is_bot = coalesce((SELECT max(e.is_bot) FROM events e
                              WHERE e.repo_id = OLD.repo_id AND e.actor_id = OLD.actor_id
                                AND e.type NOT IN ('WatchEvent', 'ForkEvent')
                                AND e.created_at >= contributor_months.month * 86400
                                AND e.created_at < CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month', '+1 month') AS INTEGER)), 0)
    WHERE OLD.is_bot = 1 AND repo_id = OLD.repo_id AND actor_id = OLD.actor_id
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
END;

-- Deleting events is rare maintenance; these look across repositories without an index.
CREATE TRIGGER contributor_months_to_workspace_after_delete AFTER DELETE ON contributor_months
BEGIN
    DELETE FROM workspace_contributor_months WHERE month = OLD.month AND actor_id = OLD.actor_id
      AND NOT EXISTS (SELECT 1 FROM contributor_months WHERE month = OLD.month AND actor_id = OLD.actor_id);
    UPDATE workspace_contributor_months
       SET is_bot = (SELECT max(is_bot) FROM contributor_months WHERE month = OLD.month AND actor_id = OLD.actor_id)
     WHERE month = OLD.month AND actor_id = OLD.actor_id AND OLD.is_bot = 1;
END;

-- workspace_contributor_months -> counts and firsts
CREATE TRIGGER workspace_contributor_months_after_insert AFTER INSERT ON workspace_contributor_months
BEGIN
    INSERT INTO workspace_contributor_counts (month, contributors, bots) VALUES (NEW.month, 1, NEW.is_bot)
    ON CONFLICT (month) DO UPDATE SET contributors = contributors + 1, bots = bots + excluded.bots;
    INSERT INTO workspace_contributor_firsts (actor_id, first_month, first_is_bot) VALUES (NEW.actor_id, NEW.month, NEW.is_bot)
    ON CONFLICT (actor_id) DO UPDATE SET first_month = excluded.first_month, first_is_bot = excluded.first_is_bot
    WHERE excluded.first_month < first_month;
END;

CREATE TRIGGER workspace_contributor_months_after_bot AFTER UPDATE OF is_bot ON workspace_contributor_months
BEGIN
    UPDATE workspace_contributor_counts SET bots = bots + NEW.is_bot - OLD.is_bot WHERE month = NEW.month;
    UPDATE workspace_contributor_firsts SET first_is_bot = NEW.is_bot
     WHERE actor_id = NEW.actor_id AND first_month = NEW.month;
END;

CREATE TRIGGER workspace_contributor_months_after_delete AFTER DELETE ON workspace_contributor_months
BEGIN
    UPDATE workspace_contributor_counts SET contributors = contributors - 1, bots = bots - OLD.is_bot
     WHERE month = OLD.month;
    DELETE FROM workspace_contributor_counts WHERE month = OLD.month AND contributors <= 0;
    DELETE FROM workspace_contributor_firsts WHERE actor_id = OLD.actor_id
      AND NOT EXISTS (SELECT 1 FROM workspace_contributor_months WHERE actor_id = OLD.actor_id);
    UPDATE workspace_contributor_firsts
       SET (first_month, first_is_bot) = (SELECT month, is_bot FROM workspace_contributor_months
                                          WHERE actor_id = OLD.actor_id ORDER BY month LIMIT 1)
     WHERE actor_id = OLD.actor_id AND first_month = OLD.month;
END;

-- What is already there: the INSERT trigger above fills the other two tables.
INSERT INTO workspace_contributor_months (month, actor_id, is_bot)
SELECT month, actor_id, max(is_bot) FROM contributor_months GROUP BY month, actor_id;
