-- Octoscope workspace schema, first version.
-- Times are UTC unix seconds (INTEGER); `hour` columns are unix hours (seconds / 3600) and `day`
-- columns unix days (seconds / 86400), which keeps rollup keys small and arithmetic trivial.
-- No column anywhere holds an e-mail address: the loader never extracts one (see docs/decisions).

-- Repositories are keyed by GitHub's numeric id because repositories get renamed;
-- `full_name` is the latest name seen, `repository_names` keeps every name with when it was seen.
CREATE TABLE repositories (
    id            INTEGER PRIMARY KEY,
    full_name     TEXT    NOT NULL,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE INDEX repositories_by_name ON repositories (full_name COLLATE NOCASE);

CREATE TABLE repository_names (
    repo_id       INTEGER NOT NULL,
    full_name     TEXT    NOT NULL,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    PRIMARY KEY (repo_id, full_name)
) WITHOUT ROWID;
CREATE INDEX repository_names_by_name ON repository_names (full_name COLLATE NOCASE);

-- Legacy (2011-2014) events name actors and organisations by login only; they get stable
-- negative synthetic ids derived from the login so they never collide with GitHub's ids.
CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL,
    is_bot        INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE INDEX actors_by_login ON actors (login COLLATE NOCASE);

CREATE TABLE organisations (
    id    INTEGER PRIMARY KEY,
    login TEXT NOT NULL
);
CREATE INDEX organisations_by_login ON organisations (login COLLATE NOCASE);

-- One row per (id, created_at): GH Archive repeats events, and legacy ids are synthetic.
-- Only the normalised facts charts need are kept, never the raw payload.
CREATE TABLE events (
    id              INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    action          TEXT,
    repo_id         INTEGER NOT NULL,
    actor_id        INTEGER NOT NULL,
    org_id          INTEGER,
    number          INTEGER,           -- issue or pull request number
    is_bot          INTEGER NOT NULL,
    merged          INTEGER,           -- PullRequestEvent closed: 1 merged, 0 not; NULL when unknown
    item_created_at INTEGER,           -- when the issue / pull request itself was opened
    item_author_id  INTEGER,           -- who opened the issue / pull request
    commit_count    INTEGER,           -- PushEvent size; NULL after the 2025-10-07 payload trim
    ref_type        TEXT,              -- CreateEvent / DeleteEvent: branch, tag or repository
    PRIMARY KEY (id, created_at)
) WITHOUT ROWID;
CREATE INDEX events_by_repo_time ON events (repo_id, created_at);

-- Rollups, kept current by the load step inside the transaction that inserts the events.
CREATE TABLE daily_repo_events (
    repo_id    INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    events     INTEGER NOT NULL,
    bot_events INTEGER NOT NULL,
    PRIMARY KEY (repo_id, day, type)
) WITHOUT ROWID;

CREATE TABLE hourly_events (
    hour           INTEGER PRIMARY KEY,
    events         INTEGER NOT NULL,
    bot_events     INTEGER NOT NULL,
    first_event_at INTEGER NOT NULL,
    last_event_at  INTEGER NOT NULL
);

CREATE TABLE runs (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    source              TEXT    NOT NULL,
    scope_key           TEXT    NOT NULL,
    scope_json          TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN
        ('running', 'completed', 'completed_with_errors', 'failed', 'cancelled', 'interrupted')),
    started_at          INTEGER NOT NULL,
    finished_at         INTEGER,
    units_total         INTEGER NOT NULL DEFAULT 0,
    units_skipped       INTEGER NOT NULL DEFAULT 0,
    units_done          INTEGER NOT NULL DEFAULT 0,
    units_missing       INTEGER NOT NULL DEFAULT 0,
    units_failed        INTEGER NOT NULL DEFAULT 0,
    events_loaded       INTEGER NOT NULL DEFAULT 0,
    records_quarantined INTEGER NOT NULL DEFAULT 0,
    error               TEXT,
    pid                 INTEGER
);

-- A unit is the smallest resumable piece of work. `scope_key` is part of its identity: an hour
-- loaded for one repository says nothing about another one (the key '*' means all of GitHub).
CREATE TABLE units (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    source              TEXT    NOT NULL,
    unit_key            TEXT    NOT NULL,
    scope_key           TEXT    NOT NULL,
    state               TEXT    NOT NULL CHECK (state IN ('pending', 'running', 'done', 'missing', 'failed')),
    run_id              INTEGER REFERENCES runs (id),
    attempts            INTEGER NOT NULL DEFAULT 0,
    records_seen        INTEGER NOT NULL DEFAULT 0,
    events_loaded       INTEGER NOT NULL DEFAULT 0,
    records_quarantined INTEGER NOT NULL DEFAULT 0,
    bytes               INTEGER,
    checkpoint          TEXT,
    error               TEXT,
    updated_at          INTEGER NOT NULL,
    UNIQUE (source, unit_key, scope_key)
);

CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER,
    source      TEXT    NOT NULL,
    unit_key    TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    excerpt     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX quarantine_by_unit ON quarantine (source, unit_key);

-- What each source holds for each hour: 'complete', 'missing' (the source has no file: a known
-- gap) or 'failed' (we could not load it).
CREATE TABLE coverage (
    source     TEXT    NOT NULL,
    hour       INTEGER NOT NULL,
    scope_key  TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('complete', 'missing', 'failed')),
    events     INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (source, hour, scope_key)
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
