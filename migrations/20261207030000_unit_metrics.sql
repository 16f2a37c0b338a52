-- Metrics per unit, beside those per run: when a unit's processing began and ended (unix
-- milliseconds; set by the writer when the unit is begun and when it is done, missing or failed),
-- and which unit each request served, so `runs show` and the app can say which hours were slow,
-- retried or failed. Both describe the unit's latest attempt, as the rest of its row does.
ALTER TABLE units ADD COLUMN started_ms INTEGER;
ALTER TABLE units ADD COLUMN finished_ms INTEGER;
ALTER TABLE http_requests ADD COLUMN unit_key TEXT;
CREATE INDEX units_by_run ON units (run_id);
