-- What the GitHub API adds to a workspace (the GH Archive tables are untouched).

-- Repository metadata as it was at each collection: the star, fork and watcher counts over time
-- (a star timeline going forward, whatever the stargazer endpoints allow).
CREATE TABLE repo_snapshots (
    repo_id        INTEGER NOT NULL,
    taken_at       INTEGER NOT NULL,
    stars          INTEGER NOT NULL,
    forks          INTEGER NOT NULL,
    watchers       INTEGER NOT NULL,
    open_issues    INTEGER NOT NULL,
    language       TEXT,
    topics         TEXT    NOT NULL,  -- JSON array of strings
    license        TEXT,              -- SPDX id when GitHub knows it
    created_at     INTEGER,
    pushed_at      INTEGER,
    updated_at     INTEGER,
    archived       INTEGER NOT NULL,
    default_branch TEXT,
    PRIMARY KEY (repo_id, taken_at)
) WITHOUT ROWID;

-- Stars gained per UTC day as GitHub reports them: 'history' from /stargazers/history (counts
-- only), 'stargazers' from the stargazer list with timestamps (admins and collaborators only).
-- A later collection replaces a day's count: GitHub's figure is the truth (unstars included).
CREATE TABLE star_days (
    repo_id INTEGER NOT NULL,
    day     INTEGER NOT NULL,
    stars   INTEGER NOT NULL,
    source  TEXT    NOT NULL CHECK (source IN ('history', 'stargazers')),
    PRIMARY KEY (repo_id, day)
) WITHOUT ROWID;

-- One row per HTTP request a run made to an API: what the monitoring page and `runs show` read.
CREATE TABLE http_requests (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id         INTEGER NOT NULL,
    source         TEXT    NOT NULL,
    endpoint       TEXT    NOT NULL,  -- the route template, e.g. /repos/{owner}/{repo}/events
    status         INTEGER NOT NULL,  -- 0 when no answer came (network error)
    latency_ms     INTEGER NOT NULL,
    from_cache     INTEGER NOT NULL,  -- answered 304 and read from the workspace's HTTP cache
    rate_remaining INTEGER,
    at             INTEGER NOT NULL
);
CREATE INDEX http_requests_by_run ON http_requests (run_id);
