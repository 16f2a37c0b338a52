-- The BigQuery source. Every job is kept with what it was estimated to cost and what it
-- processed and billed, so budgets can sum a month's spending and monitoring can chart it.
CREATE TABLE bigquery_jobs (
    job_id               TEXT    PRIMARY KEY,
    run_id               INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    unit_key             TEXT    NOT NULL,
    mode                 TEXT    NOT NULL,
    estimated_bytes      INTEGER NOT NULL,
    maximum_bytes_billed INTEGER NOT NULL,
    -- Known once the job is done; NULL while it runs or when it never finished.
    bytes_processed      INTEGER,
    bytes_billed         INTEGER,
    -- What the month's budget counts: billed dollars once known, else the estimate.
    dollars              REAL    NOT NULL,
    cache_hit            INTEGER,
    state                TEXT    NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
    error                TEXT,
    started_at           INTEGER NOT NULL,
    finished_at          INTEGER
);
CREATE INDEX bigquery_jobs_by_start ON bigquery_jobs (started_at);
CREATE INDEX bigquery_jobs_by_run ON bigquery_jobs (run_id);

-- Events per day, repository and type, counted by a remote engine (BigQuery's daily-counts
-- mode) instead of loaded event by event. Kept apart from the rollups of local events, which
-- must stay exact counts of the events table.
CREATE TABLE remote_daily_counts (
    repo_id    INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    events     INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (repo_id, day, type, source)
) WITHOUT ROWID;
