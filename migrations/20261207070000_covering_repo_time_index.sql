-- The per-account index of migration 20261207050000 led with (repository, account), so every
-- hour loaded wrote into pages spread over the whole history: loading 30 consecutive hours took
-- 1.9 times as long with it (decision 0015). Top contributors now read the few stretches of
-- events they need through `(repo_id, created_at)` instead, made covering with the columns
-- they count by; its entries are still appended at each repository's end, as before.
DROP INDEX events_by_contributor;
DROP INDEX events_by_repo_time;
CREATE INDEX events_by_repo_time ON events (repo_id, created_at, actor_id, is_bot, type);

-- The contributing events made under a bot login, per repository, month and account: with bots
-- left out, a month whose events were all a bot's counts nothing without reading its events.
ALTER TABLE contributor_months ADD COLUMN bot_events INTEGER NOT NULL DEFAULT 0;
CREATE TEMP TABLE contributor_month_bots (
    repo_id INTEGER, month INTEGER, actor_id INTEGER, bot_events INTEGER,
    PRIMARY KEY (repo_id, month, actor_id)
) WITHOUT ROWID;
INSERT INTO contributor_month_bots
SELECT repo_id, CAST(strftime('%s', created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400, actor_id, count(*)
FROM events WHERE is_bot = 1 AND type NOT IN ('WatchEvent', 'ForkEvent') GROUP BY 1, 2, 3;
UPDATE contributor_months SET bot_events = b.bot_events
FROM contributor_month_bots b
WHERE b.repo_id = contributor_months.repo_id AND b.month = contributor_months.month AND b.actor_id = contributor_months.actor_id;
DROP TABLE contributor_month_bots;

-- Deleting an event takes it from `bot_events` too (otherwise as in migration 20261207060000).
DROP TRIGGER events_contributors_after_delete;
CREATE TRIGGER events_contributors_after_delete AFTER DELETE ON events
WHEN OLD.type NOT IN ('WatchEvent', 'ForkEvent')
BEGIN
    UPDATE contributor_months SET events = events - 1, bot_events = bot_events - OLD.is_bot,
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
