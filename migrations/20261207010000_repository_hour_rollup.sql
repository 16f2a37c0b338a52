-- Events per repository, UTC day and hour of day, for the per-repository heatmap. The chart
-- counted a repository's events through the (repo_id, created_at) index: 157 ms for a month of
-- the busiest repository of the 20-million-event benchmark, 257 ms for a featured repository's
-- whole history. One row per repository and day holds its 24 hourly counts, so a month is 30
-- rows and the range's first and last day can still be cut at the hour. The writer adds each
-- unit's counts (store/rollups.rs); deletes are followed by the trigger below.
CREATE TABLE daily_repo_hours (
    repo_id INTEGER NOT NULL,
    day     INTEGER NOT NULL,
    h00 INTEGER NOT NULL DEFAULT 0,
    h01 INTEGER NOT NULL DEFAULT 0,
    h02 INTEGER NOT NULL DEFAULT 0,
    h03 INTEGER NOT NULL DEFAULT 0,
    h04 INTEGER NOT NULL DEFAULT 0,
    h05 INTEGER NOT NULL DEFAULT 0,
    h06 INTEGER NOT NULL DEFAULT 0,
    h07 INTEGER NOT NULL DEFAULT 0,
    h08 INTEGER NOT NULL DEFAULT 0,
    h09 INTEGER NOT NULL DEFAULT 0,
    h10 INTEGER NOT NULL DEFAULT 0,
    h11 INTEGER NOT NULL DEFAULT 0,
    h12 INTEGER NOT NULL DEFAULT 0,
    h13 INTEGER NOT NULL DEFAULT 0,
    h14 INTEGER NOT NULL DEFAULT 0,
    h15 INTEGER NOT NULL DEFAULT 0,
    h16 INTEGER NOT NULL DEFAULT 0,
    h17 INTEGER NOT NULL DEFAULT 0,
    h18 INTEGER NOT NULL DEFAULT 0,
    h19 INTEGER NOT NULL DEFAULT 0,
    h20 INTEGER NOT NULL DEFAULT 0,
    h21 INTEGER NOT NULL DEFAULT 0,
    h22 INTEGER NOT NULL DEFAULT 0,
    h23 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (repo_id, day)
) WITHOUT ROWID;

CREATE TRIGGER events_repo_hours_after_delete AFTER DELETE ON events
BEGIN
    UPDATE daily_repo_hours
       SET h00 = h00 - (OLD.created_at / 3600 % 24 = 0),
           h01 = h01 - (OLD.created_at / 3600 % 24 = 1),
           h02 = h02 - (OLD.created_at / 3600 % 24 = 2),
           h03 = h03 - (OLD.created_at / 3600 % 24 = 3),
           h04 = h04 - (OLD.created_at / 3600 % 24 = 4),
           h05 = h05 - (OLD.created_at / 3600 % 24 = 5),
           h06 = h06 - (OLD.created_at / 3600 % 24 = 6),
           h07 = h07 - (OLD.created_at / 3600 % 24 = 7),
           h08 = h08 - (OLD.created_at / 3600 % 24 = 8),
           h09 = h09 - (OLD.created_at / 3600 % 24 = 9),
           h10 = h10 - (OLD.created_at / 3600 % 24 = 10),
           h11 = h11 - (OLD.created_at / 3600 % 24 = 11),
           h12 = h12 - (OLD.created_at / 3600 % 24 = 12),
           h13 = h13 - (OLD.created_at / 3600 % 24 = 13),
           h14 = h14 - (OLD.created_at / 3600 % 24 = 14),
           h15 = h15 - (OLD.created_at / 3600 % 24 = 15),
           h16 = h16 - (OLD.created_at / 3600 % 24 = 16),
           h17 = h17 - (OLD.created_at / 3600 % 24 = 17),
           h18 = h18 - (OLD.created_at / 3600 % 24 = 18),
           h19 = h19 - (OLD.created_at / 3600 % 24 = 19),
           h20 = h20 - (OLD.created_at / 3600 % 24 = 20),
           h21 = h21 - (OLD.created_at / 3600 % 24 = 21),
           h22 = h22 - (OLD.created_at / 3600 % 24 = 22),
           h23 = h23 - (OLD.created_at / 3600 % 24 = 23)
     WHERE repo_id = OLD.repo_id AND day = OLD.created_at / 86400;
    DELETE FROM daily_repo_hours
     WHERE repo_id = OLD.repo_id AND day = OLD.created_at / 86400
       AND h00 + h01 + h02 + h03 + h04 + h05 + h06 + h07 + h08 + h09 + h10 + h11 + h12 + h13 + h14 + h15 + h16 + h17 + h18 + h19 + h20 + h21 + h22 + h23 <= 0;
END;

-- What is already there: one pass over events in (repo_id, created_at) order.
INSERT INTO daily_repo_hours (repo_id, day, h00, h01, h02, h03, h04, h05, h06, h07, h08, h09, h10, h11, h12, h13, h14, h15, h16, h17, h18, h19, h20, h21, h22, h23)
SELECT repo_id, created_at / 86400,
       sum(created_at / 3600 % 24 = 0),
       sum(created_at / 3600 % 24 = 1),
       sum(created_at / 3600 % 24 = 2),
       sum(created_at / 3600 % 24 = 3),
       sum(created_at / 3600 % 24 = 4),
       sum(created_at / 3600 % 24 = 5),
       sum(created_at / 3600 % 24 = 6),
       sum(created_at / 3600 % 24 = 7),
       sum(created_at / 3600 % 24 = 8),
       sum(created_at / 3600 % 24 = 9),
       sum(created_at / 3600 % 24 = 10),
       sum(created_at / 3600 % 24 = 11),
       sum(created_at / 3600 % 24 = 12),
       sum(created_at / 3600 % 24 = 13),
       sum(created_at / 3600 % 24 = 14),
       sum(created_at / 3600 % 24 = 15),
       sum(created_at / 3600 % 24 = 16),
       sum(created_at / 3600 % 24 = 17),
       sum(created_at / 3600 % 24 = 18),
       sum(created_at / 3600 % 24 = 19),
       sum(created_at / 3600 % 24 = 20),
       sum(created_at / 3600 % 24 = 21),
       sum(created_at / 3600 % 24 = 22),
       sum(created_at / 3600 % 24 = 23)
FROM events GROUP BY repo_id, created_at / 86400;
