-- Events and stars per repository and UTC month, for ranking the whole workspace's repositories.
-- `daily_repo_events` is keyed by repository first, so the ranking read all of it: 573 ms for a
-- month on 20 million events. A month's totals bound a range's count from above, so the chart
-- ranks repositories by these bounds and counts exactly, from the daily rollup, only until no
-- bound left can beat the ranking (charts/ranking.rs). `month` is the day number of the month's
-- first day, as in contributor_months. The writer adds each unit's counts (store/rollups.rs).
CREATE TABLE monthly_repo_events (
    month   INTEGER NOT NULL,
    repo_id INTEGER NOT NULL,
    events  INTEGER NOT NULL,
    stars   INTEGER NOT NULL,
    PRIMARY KEY (month, repo_id)
) WITHOUT ROWID;

CREATE TRIGGER events_monthly_repo_after_delete AFTER DELETE ON events
BEGIN
    UPDATE monthly_repo_events SET events = events - 1, stars = stars - (OLD.type = 'WatchEvent')
     WHERE repo_id = OLD.repo_id
       AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
    DELETE FROM monthly_repo_events
     WHERE repo_id = OLD.repo_id AND events <= 0
       AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
END;

-- What is already there, from the daily rollup.
INSERT INTO monthly_repo_events (month, repo_id, events, stars)
SELECT CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400, repo_id,
       sum(events), sum(CASE WHEN type = 'WatchEvent' THEN events ELSE 0 END)
FROM daily_repo_events GROUP BY 1, 2;
