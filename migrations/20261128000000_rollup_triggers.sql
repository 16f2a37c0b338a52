-- Rollups are maintained by triggers on `events`, so every path that inserts or deletes events
-- (any source, any future maintenance command) keeps them exact. Inserts use
-- `ON CONFLICT DO NOTHING`, and a row that is not inserted fires no trigger: duplicates are
-- never counted twice.
CREATE TRIGGER events_rollups_after_insert AFTER INSERT ON events
BEGIN
    INSERT INTO daily_repo_events (repo_id, day, type, events, bot_events)
    VALUES (NEW.repo_id, NEW.created_at / 86400, NEW.type, 1, NEW.is_bot)
    ON CONFLICT (repo_id, day, type) DO UPDATE SET
        events = events + 1, bot_events = bot_events + excluded.bot_events;
    INSERT INTO hourly_events (hour, events, bot_events, first_event_at, last_event_at)
    VALUES (NEW.created_at / 3600, 1, NEW.is_bot, NEW.created_at, NEW.created_at)
    ON CONFLICT (hour) DO UPDATE SET
        events = events + 1,
        bot_events = bot_events + excluded.bot_events,
        first_event_at = min(first_event_at, excluded.first_event_at),
        last_event_at = max(last_event_at, excluded.last_event_at);
END;

-- first_event_at / last_event_at of an hour cannot be recomputed cheaply on delete; they stay
-- as bounds (the hour's row disappears when its last event goes).
CREATE TRIGGER events_rollups_after_delete AFTER DELETE ON events
BEGIN
    UPDATE daily_repo_events SET events = events - 1, bot_events = bot_events - OLD.is_bot
    WHERE repo_id = OLD.repo_id AND day = OLD.created_at / 86400 AND type = OLD.type;
    DELETE FROM daily_repo_events
    WHERE repo_id = OLD.repo_id AND day = OLD.created_at / 86400 AND type = OLD.type AND events <= 0;
    UPDATE hourly_events SET events = events - 1, bot_events = bot_events - OLD.is_bot
    WHERE hour = OLD.created_at / 3600;
    DELETE FROM hourly_events WHERE hour = OLD.created_at / 3600 AND events <= 0;
END;
