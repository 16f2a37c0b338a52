-- The writer adds each unit's new rows to the rollups itself (store/rollups.rs), in the same
-- transaction. Deleting events is rare (maintenance, a future "forget this repository"), so it
-- is handled by a trigger here: rollups stay exact whatever deletes the rows.
-- first_event_at / last_event_at of an hour cannot be recomputed cheaply on delete; they stay
-- as bounds, and the hour's row disappears with its last event.
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
