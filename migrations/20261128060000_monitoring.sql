-- Monitoring: how each stage of a run went, its peak memory, what an API request retried and
-- its rate limit, alert rules and the alert log.

ALTER TABLE runs ADD COLUMN peak_rss_bytes INTEGER;

-- Busy time per stage of a run, summed over its units (units overlap, so stages can add up to
-- more than the run's wall time). `items` is what the stage handled: bytes downloaded, records
-- decoded, events loaded, requests answered.
CREATE TABLE run_stages (
    run_id  INTEGER NOT NULL REFERENCES runs (id),
    stage   TEXT    NOT NULL,
    calls   INTEGER NOT NULL,
    items   INTEGER NOT NULL,
    busy_ms INTEGER NOT NULL,
    PRIMARY KEY (run_id, stage)
) WITHOUT ROWID;

-- 1 when the request repeated an earlier attempt of the same call (after an error or a wait).
ALTER TABLE http_requests ADD COLUMN retry INTEGER NOT NULL DEFAULT 0;
-- The rate limit the answer reported (`x-ratelimit-limit`), to read `rate_remaining` as a share.
ALTER TABLE http_requests ADD COLUMN rate_limit INTEGER;

CREATE TABLE alert_rules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL CHECK (kind IN
        ('run_failed', 'bigquery_budget', 'github_rate_limit', 'data_gap', 'activity_spike', 'star_spike')),
    -- Percent for bigquery_budget and github_rate_limit, a multiple of the trailing median for
    -- the spikes; unused by run_failed and data_gap.
    threshold  REAL,
    -- The spikes: one repository (owner/name), or NULL for every tracked repository.
    repo       TEXT,
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

-- Every firing. A condition fires once: (kind, condition_key) is unique, and the key names the
-- condition (the run, the month and threshold, the day, the repository and day).
CREATE TABLE alert_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id       INTEGER REFERENCES alert_rules (id) ON DELETE SET NULL,
    kind          TEXT    NOT NULL,
    condition_key TEXT    NOT NULL,
    severity      TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    title         TEXT    NOT NULL,
    message       TEXT    NOT NULL,
    fired_at      INTEGER NOT NULL,
    UNIQUE (kind, condition_key)
);
CREATE INDEX alert_log_by_time ON alert_log (fired_at);

-- The rules a new workspace starts with; all can be changed or removed.
INSERT INTO alert_rules (kind, threshold, repo, enabled, created_at) VALUES
    ('run_failed', NULL, NULL, 1, CAST(strftime('%s', 'now') AS INTEGER)),
    ('bigquery_budget', 80, NULL, 1, CAST(strftime('%s', 'now') AS INTEGER)),
    ('github_rate_limit', 10, NULL, 1, CAST(strftime('%s', 'now') AS INTEGER)),
    ('data_gap', NULL, NULL, 1, CAST(strftime('%s', 'now') AS INTEGER)),
    ('star_spike', 5, NULL, 1, CAST(strftime('%s', 'now') AS INTEGER)),
    ('activity_spike', 5, NULL, 1, CAST(strftime('%s', 'now') AS INTEGER));
