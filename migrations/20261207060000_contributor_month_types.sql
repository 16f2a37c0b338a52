-- Contributing events per repository, month and account, by type (decision 0015): top
-- contributors take the breakdown of whole months from here instead of reading the events. One
-- column per common contributing type (store/rollups.rs `CONTRIBUTION_TYPES` lists the same);
-- legacy and rare types are `events` minus their sum. Mostly zeros, which SQLite stores in
-- the row header alone.
ALTER TABLE contributor_months ADD COLUMN commit_comment_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN create_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN delete_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN gollum_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN issue_comment_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN issues_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN member_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN public_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN pull_request_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN pull_request_review_comment_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN pull_request_review_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN push_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contributor_months ADD COLUMN release_events INTEGER NOT NULL DEFAULT 0;

-- Existing workspaces: counted from their events, once.
CREATE TEMP TABLE contributor_month_types (
    repo_id INTEGER, month INTEGER, actor_id INTEGER,
    commit_comment_events INTEGER, create_events INTEGER, delete_events INTEGER, gollum_events INTEGER,
    issue_comment_events INTEGER, issues_events INTEGER, member_events INTEGER, public_events INTEGER,
    pull_request_events INTEGER, pull_request_review_comment_events INTEGER, pull_request_review_events INTEGER,
    push_events INTEGER, release_events INTEGER,
    PRIMARY KEY (repo_id, month, actor_id)
) WITHOUT ROWID;
INSERT INTO contributor_month_types
SELECT repo_id, CAST(strftime('%s', created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400, actor_id,
       sum(type = 'CommitCommentEvent'),
       sum(type = 'CreateEvent'),
       sum(type = 'DeleteEvent'),
       sum(type = 'GollumEvent'),
       sum(type = 'IssueCommentEvent'),
       sum(type = 'IssuesEvent'),
       sum(type = 'MemberEvent'),
       sum(type = 'PublicEvent'),
       sum(type = 'PullRequestEvent'),
       sum(type = 'PullRequestReviewCommentEvent'),
       sum(type = 'PullRequestReviewEvent'),
       sum(type = 'PushEvent'),
       sum(type = 'ReleaseEvent')
FROM events WHERE type NOT IN ('WatchEvent', 'ForkEvent') GROUP BY 1, 2, 3;
UPDATE contributor_months SET
    commit_comment_events = t.commit_comment_events,
    create_events = t.create_events,
    delete_events = t.delete_events,
    gollum_events = t.gollum_events,
    issue_comment_events = t.issue_comment_events,
    issues_events = t.issues_events,
    member_events = t.member_events,
    public_events = t.public_events,
    pull_request_events = t.pull_request_events,
    pull_request_review_comment_events = t.pull_request_review_comment_events,
    pull_request_review_events = t.pull_request_review_events,
    push_events = t.push_events,
    release_events = t.release_events
FROM contributor_month_types t
WHERE t.repo_id = contributor_months.repo_id AND t.month = contributor_months.month AND t.actor_id = contributor_months.actor_id;
DROP TABLE contributor_month_types;

-- Deleting an event takes it from its type's column too (otherwise as in migration
-- 20261206010000).
DROP TRIGGER events_contributors_after_delete;
CREATE TRIGGER events_contributors_after_delete AFTER DELETE ON events
WHEN OLD.type NOT IN ('WatchEvent', 'ForkEvent')
BEGIN
    UPDATE contributor_months SET events = events - 1,
        commit_comment_events = commit_comment_events - (OLD.type = 'CommitCommentEvent'),
        create_events = create_events - (OLD.type = 'CreateEvent'),
        delete_events = delete_events - (OLD.type = 'DeleteEvent'),
        gollum_events = gollum_events - (OLD.type = 'GollumEvent'),
        issue_comment_events = issue_comment_events - (OLD.type = 'IssueCommentEvent'),
        issues_events = issues_events - (OLD.type = 'IssuesEvent'),
        member_events = member_events - (OLD.type = 'MemberEvent'),
        public_events = public_events - (OLD.type = 'PublicEvent'),
        pull_request_events = pull_request_events - (OLD.type = 'PullRequestEvent'),
        pull_request_review_comment_events = pull_request_review_comment_events - (OLD.type = 'PullRequestReviewCommentEvent'),
        pull_request_review_events = pull_request_review_events - (OLD.type = 'PullRequestReviewEvent'),
        push_events = push_events - (OLD.type = 'PushEvent'),
        release_events = release_events - (OLD.type = 'ReleaseEvent')
    WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
    DELETE FROM contributor_months
    WHERE repo_id = OLD.repo_id AND actor_id = OLD.actor_id AND events <= 0
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
    UPDATE contributor_months
       SET is_bot = coalesce((SELECT max(e.is_bot) FROM events e
                              WHERE e.repo_id = OLD.repo_id AND e.actor_id = OLD.actor_id
                                AND e.type NOT IN ('WatchEvent', 'ForkEvent')
                                AND e.created_at >= contributor_months.month * 86400
                                AND e.created_at < CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month', '+1 month') AS INTEGER)), 0)
    WHERE OLD.is_bot = 1 AND repo_id = OLD.repo_id AND actor_id = OLD.actor_id
      AND month = CAST(strftime('%s', OLD.created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400;
END;
