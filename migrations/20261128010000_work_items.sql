-- The lifecycle of every issue and pull request seen in events, kept by the loader in the same
-- transaction as the events, so charts of pull requests and issues read one row per item
-- instead of scanning events. Every column merges order-independently (min/max), because
-- hours load in any order and may overlap.
CREATE TABLE work_items (
    repo_id           INTEGER NOT NULL,
    number            INTEGER NOT NULL,
    kind              TEXT CHECK (kind IN ('pull_request', 'issue')), -- NULL until an event says
    opened_at         INTEGER,  -- earliest of: the 'opened' event, the item's own created_at
    closed_at         INTEGER,  -- latest 'closed' event
    merged            INTEGER,  -- pull requests: state at the latest close (NULL when unknown)
    author_id         INTEGER,
    first_response_at INTEGER,  -- first comment or review by a human other than the author
    PRIMARY KEY (repo_id, number)
) WITHOUT ROWID;
CREATE INDEX work_items_by_opened ON work_items (repo_id, opened_at);
CREATE INDEX work_items_by_closed ON work_items (repo_id, closed_at);
