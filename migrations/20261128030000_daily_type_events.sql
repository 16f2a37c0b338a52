-- Events per UTC day and type over the whole workspace. `daily_repo_events` is keyed by
-- repository first, so a workspace-wide chart had to read all of it (6.4 s on 20 million
-- events); this rollup makes it a range read of a few rows per day.
CREATE TABLE daily_type_events (
    day        INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    events     INTEGER NOT NULL,
    bot_events INTEGER NOT NULL,
    PRIMARY KEY (day, type)
) WITHOUT ROWID;

INSERT INTO daily_type_events (day, type, events, bot_events)
SELECT day, type, sum(events), sum(bot_events) FROM daily_repo_events GROUP BY day, type;

CREATE TRIGGER events_daily_types_after_delete AFTER DELETE ON events
BEGIN
    UPDATE daily_type_events SET events = events - 1, bot_events = bot_events - OLD.is_bot
    WHERE day = OLD.created_at / 86400 AND type = OLD.type;
    DELETE FROM daily_type_events WHERE day = OLD.created_at / 86400 AND type = OLD.type AND events <= 0;
END;
