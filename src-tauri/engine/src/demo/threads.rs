//! Issues and pull requests ("threads": they share one number sequence per repository).
//!
//! A thread's author, title, body and branch are derived from (seed, repository, number), so
//! the pull request that is opened in one hour has the same title when it is merged days later.

use std::collections::HashMap;

use super::json::{Json, Sha, TimeStyle, cat, new_node_id, put_u64};
use super::objects::{API_REPOS, RepoView, WEB, association, labels, reactions, repository, user, user_item};
use super::rng::{Rng, mix};
use super::text::{Voice, put_version};
use super::words::{ISSUE_TEMPLATE, PACKAGES, PULL_TEMPLATE};
use super::world::{ACTIONS, DEPENDABOT, RENOVATE, World};

/// What earlier events of the hour decided that later ones must respect.
#[derive(Default)]
pub(super) struct Memory {
    /// The repository of the previous event in the file.
    pub(super) previous_repo: Option<usize>,
    /// The highest number each repository gave an "opened" event, so no number opens twice.
    opened: HashMap<usize, u64>,
}

/// One issue or pull request of a repository.
pub(super) struct Thread {
    pub(super) repo: usize,
    pub(super) number: u64,
    pub(super) id: u64,
    pub(super) author: usize,
    pub(super) created: i64,
    pub(super) is_pull: bool,
    seed: u64,
}

/// How a pull request or issue stands at the moment of an event.
pub(super) struct ThreadState {
    pub(super) open: bool,
    pub(super) updated: i64,
    pub(super) closed: Option<i64>,
    pub(super) merged: Option<i64>,
    pub(super) merged_by: Option<usize>,
    pub(super) comments: u64,
}

impl ThreadState {
    pub(super) fn open_at(time: i64, comments: u64) -> Self {
        ThreadState { open: true, updated: time, closed: None, merged: None, merged_by: None, comments }
    }
}

impl Thread {
    pub(super) fn get(world: &World, repo: usize, number: u64) -> Self {
        let is_pull = world.is_pull(repo, number);
        let seed = mix(&[world.seed, 8, world.repos[repo].id, number]);
        let mut rng = Rng::new(seed);
        let author = if is_pull && rng.percent(22) {
            world.bot(if rng.percent(70) { DEPENDABOT } else { RENOVATE })
        } else if rng.percent(2) {
            world.bot(ACTIONS)
        } else {
            world.pick_contributor(&mut rng, repo)
        };
        let base = if is_pull { 1_000_000_000 } else { 1_500_000_000 };
        let id = base + seed % 900_000_000;
        Thread { repo, number, id, author, created: world.opened_at(repo, number), is_pull, seed }
    }

    /// The newest thread of the wanted kind at `time`, for "opened" events: past any number an
    /// earlier event of the hour opened.
    pub(super) fn newest(world: &World, memory: &mut Memory, repo: usize, time: i64, pull: bool) -> Self {
        let floor = memory.opened.get(&repo).map_or(0, |n| n + 1);
        let mut number = world.latest_number(repo, time).max(floor);
        for _ in 0..16 {
            if world.is_pull(repo, number) == pull {
                break;
            }
            number += 1;
        }
        memory.opened.insert(repo, number);
        let mut thread = Thread::get(world, repo, number);
        thread.created = time;
        thread
    }

    /// A thread of the wanted kind (or either) opened about `age` seconds before `time`.
    pub(super) fn recent(world: &World, repo: usize, time: i64, age: u64, pull: Option<bool>) -> Self {
        let mut number = world.latest_number(repo, time - age as i64);
        for _ in 0..16 {
            if number <= 1 || pull.is_none_or(|p| world.is_pull(repo, number) == p) {
                break;
            }
            number -= 1;
        }
        let mut thread = Thread::get(world, repo, number);
        thread.created = thread.created.min(time - 30);
        thread
    }

    pub(super) fn voice(&self, world: &World) -> Voice {
        world.accounts[self.author].voice
    }

    /// The dependency update a bot's pull request is about: package, old and new versions.
    fn bump(&self) -> (&'static str, Vec<u8>, Vec<u8>) {
        let mut rng = Rng::keyed(&[self.seed, 1]);
        let package = *rng.pick(PACKAGES);
        let (mut from, mut to) = (Vec::new(), Vec::new());
        put_version(&mut rng, &mut from);
        put_version(&mut rng, &mut to);
        (package, from, to)
    }

    /// Writes the title into `buf`, already escaped.
    pub(super) fn title(&self, world: &World, buf: &mut Vec<u8>) {
        match self.voice(world) {
            Voice::Dependabot => {
                let (package, from, to) = self.bump();
                buf.extend_from_slice(b"Bump ");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(b" from ");
                buf.extend_from_slice(&from);
                buf.extend_from_slice(b" to ");
                buf.extend_from_slice(&to);
            }
            Voice::Renovate => {
                let (package, _, to) = self.bump();
                buf.extend_from_slice(b"chore(deps): update dependency ");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(b" to v");
                buf.extend_from_slice(&to);
            }
            _ => {
                let mut rng = Rng::keyed(&[self.seed, 1]);
                if self.is_pull {
                    world.text.title(&mut rng, buf);
                } else {
                    world.text.issue_title(&mut rng, buf);
                }
            }
        }
    }

    /// Writes `"body":...`: bots' long boilerplate, people's markdown, or null.
    pub(super) fn body(&self, world: &World, json: &mut Json) {
        let mut rng = Rng::keyed(&[self.seed, 2]);
        let voice = self.voice(world);
        if voice == Voice::Human && rng.percent(20) {
            json.null("body");
            return;
        }
        json.begin_str("body");
        let buf = &mut json.buf;
        match voice {
            Voice::Dependabot | Voice::Renovate => {
                let (package, from, to) = self.bump();
                buf.extend_from_slice(b"Bumps [");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(b"](https://github.com/");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(b"/");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(b") from ");
                buf.extend_from_slice(&from);
                buf.extend_from_slice(b" to ");
                buf.extend_from_slice(&to);
                buf.extend_from_slice(b".\\n<details>\\n<summary>Release notes</summary>\\n<blockquote>\\n<ul>\\n");
                for _ in 0..1 + rng.geometric(70, 12) {
                    buf.extend_from_slice(b"<li>");
                    world.text.title(&mut rng, buf);
                    buf.extend_from_slice(b" in <a href=\\\"https://github.com/");
                    buf.extend_from_slice(package.as_bytes());
                    buf.extend_from_slice(b"/pull/");
                    put_u64(buf, rng.range(100, 9000));
                    buf.extend_from_slice(b"\\\">#");
                    put_u64(buf, rng.range(100, 9000));
                    buf.extend_from_slice(b"</a></li>\\n");
                }
                buf.extend_from_slice(
                    b"</ul>\\n</blockquote>\\n</details>\\n<details>\\n<summary>Commits</summary>\\n<ul>\\n",
                );
                for _ in 0..1 + rng.geometric(60, 10) {
                    buf.extend_from_slice(b"<li><code>");
                    buf.extend_from_slice(&Sha::random(&mut rng).0[..7]);
                    buf.extend_from_slice(b"</code> ");
                    world.text.title(&mut rng, buf);
                    buf.extend_from_slice(b"</li>\\n");
                }
                buf.extend_from_slice(DEPENDABOT_FOOTER.as_bytes());
            }
            Voice::Actions | Voice::OtherBot => world.text.markdown(&mut rng, buf, 1),
            // Many repositories use a template; the same boilerplate recurs across their threads.
            Voice::Human if self.is_pull && rng.percent(30) => {
                for (i, piece) in PULL_TEMPLATE.iter().enumerate() {
                    buf.extend_from_slice(piece.as_bytes());
                    if i + 1 < PULL_TEMPLATE.len() {
                        world.text.sentence(&mut rng, buf, 4, 18);
                    }
                }
            }
            Voice::Human if !self.is_pull && rng.percent(40) => {
                for (i, piece) in ISSUE_TEMPLATE.iter().enumerate() {
                    buf.extend_from_slice(piece.as_bytes());
                    match i {
                        0 | 1 => world.text.sentence(&mut rng, buf, 4, 18),
                        2 => buf.extend_from_slice(
                            rng.pick(&["Windows 11", "macOS 14.3", "Ubuntu 22.04", "iOS"]).as_bytes(),
                        ),
                        _ => {}
                    }
                }
            }
            Voice::Human => world.text.markdown(&mut rng, buf, 2),
        }
        json.end_str();
    }

    /// Writes the head branch name into `buf`.
    fn head_ref(&self, world: &World, buf: &mut Vec<u8>) {
        match self.voice(world) {
            Voice::Dependabot => {
                let (package, _, to) = self.bump();
                buf.extend_from_slice(b"dependabot/npm_and_yarn/");
                buf.extend_from_slice(package.replace(['@', ':'], "").as_bytes());
                buf.push(b'-');
                buf.extend_from_slice(&to);
            }
            Voice::Renovate => {
                let (package, _, _) = self.bump();
                buf.extend_from_slice(b"renovate/");
                buf.extend_from_slice(package.replace(['@', ':'], "").as_bytes());
            }
            _ => world.text.branch(&mut Rng::keyed(&[self.seed, 3]), buf),
        }
    }

    pub(super) fn head_ref_string(&self, world: &World) -> String {
        let mut buf = Vec::with_capacity(40);
        self.head_ref(world, &mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }

    /// Whether the pull request comes from the author's fork rather than a branch.
    fn is_from_fork(&self, world: &World) -> bool {
        self.voice(world) == Voice::Human && self.seed % 5 < 2 && world.repos[self.repo].owner != self.author
    }

    /// Head and base commit ids; a new head for each `revision`.
    pub(super) fn shas(&self, revision: u64) -> (Sha, Sha) {
        let mut rng = Rng::keyed(&[self.seed, 4, revision]);
        (Sha::random(&mut rng), Sha::random(&mut rng))
    }

    /// Writes the `pull_request` object. `full` adds the merge and size fields that pull request
    /// events carry and review events do not.
    pub(super) fn write_pull(&self, world: &World, json: &mut Json, state: &ThreadState, rng: &mut Rng, full: bool) {
        let base_view = RepoView::of(world, self.repo, state.updated);
        let full_name = base_view.full_name.as_ref();
        let n = self.number;
        json.open("pull_request");
        cat!(json, "url", API_REPOS, full_name, "/pulls/", n);
        json.num("id", self.id);
        new_node_id(json, "PR", base_view.id, self.id);
        cat!(json, "html_url", WEB, full_name, "/pull/", n);
        cat!(json, "diff_url", WEB, full_name, "/pull/", n, ".diff");
        cat!(json, "patch_url", WEB, full_name, "/pull/", n, ".patch");
        cat!(json, "issue_url", API_REPOS, full_name, "/issues/", n);
        json.num("number", n);
        json.str("state", if state.open { "open" } else { "closed" });
        json.bool("locked", false);
        json.begin_str("title");
        self.title(world, &mut json.buf);
        json.end_str();
        user(json, "user", &world.accounts[self.author]);
        self.body(world, json);
        json.time("created_at", self.created, TimeStyle::Utc);
        json.time("updated_at", state.updated, TimeStyle::Utc);
        json.opt_time("closed_at", state.closed, TimeStyle::Utc);
        json.opt_time("merged_at", state.merged, TimeStyle::Utc);
        let (head_sha, base_sha) = self.shas(state.updated as u64 / 86_400);
        if state.open || state.merged.is_some() {
            json.sha("merge_commit_sha", &Sha::random(rng));
        } else {
            json.null("merge_commit_sha");
        }
        let assignee = rng.percent(12).then(|| world.team_member(self.repo, rng.below(3)));
        match assignee {
            Some(a) => user(json, "assignee", &world.accounts[a]),
            None => json.null("assignee"),
        }
        json.open_array("assignees");
        if let Some(a) = assignee {
            user_item(json, &world.accounts[a]);
        }
        json.close_array();
        json.open_array("requested_reviewers");
        if state.open && rng.percent(20) {
            user_item(json, &world.accounts[world.team_member(self.repo, 1 + rng.below(3))]);
        }
        json.close_array();
        json.empty_array("requested_teams");
        let is_bot = self.voice(world) != Voice::Human;
        labels(json, rng, full_name, base_view.id, if is_bot { 1 } else { 3 });
        json.null("milestone");
        json.bool("draft", self.seed.is_multiple_of(13) && state.open);
        for (key, middle, suffix) in
            [("commits_url", "/pulls/", "/commits"), ("review_comments_url", "/pulls/", "/comments")]
        {
            cat!(json, key, API_REPOS, full_name, middle, n, suffix);
        }
        cat!(json, "review_comment_url", API_REPOS, full_name, "/pulls/comments{/number}");
        cat!(json, "comments_url", API_REPOS, full_name, "/issues/", n, "/comments");
        cat!(json, "statuses_url", API_REPOS, full_name, "/statuses/", head_sha);

        let head_ref = self.head_ref_string(world);
        let head_view = if self.is_from_fork(world) {
            RepoView::fork_of(world, self.repo, self.author, state.updated, self.created - 3600)
        } else {
            RepoView::of(world, self.repo, state.updated)
        };
        let base_ref = world.repos[self.repo].default_branch;
        for (key, view, branch, sha) in
            [("head", &head_view, head_ref.as_str(), head_sha), ("base", &base_view, base_ref, base_sha)]
        {
            json.open(key);
            cat!(json, "label", view.owner.login, ":", branch);
            json.str("ref", branch);
            json.sha("sha", &sha);
            user(json, "user", view.owner);
            repository(json, "repo", world, view, false);
            json.close();
        }
        json.open("_links");
        let links: [(&str, &str, &str, &str); 8] = [
            ("self", API_REPOS, "/pulls/", ""),
            ("html", WEB, "/pull/", ""),
            ("issue", API_REPOS, "/issues/", ""),
            ("comments", API_REPOS, "/issues/", "/comments"),
            ("review_comments", API_REPOS, "/pulls/", "/comments"),
            ("review_comment", API_REPOS, "/pulls/comments{/number}", ""),
            ("commits", API_REPOS, "/pulls/", "/commits"),
            ("statuses", API_REPOS, "/statuses/", ""),
        ];
        for (key, host, middle, suffix) in links {
            json.open(key);
            json.begin_str("href");
            json.buf.extend_from_slice(host.as_bytes());
            json.buf.extend_from_slice(full_name.as_bytes());
            json.buf.extend_from_slice(middle.as_bytes());
            match key {
                "review_comment" => {}
                "statuses" => json.buf.extend_from_slice(&head_sha.0),
                _ => put_u64(&mut json.buf, n),
            }
            json.buf.extend_from_slice(suffix.as_bytes());
            json.end_str();
            json.close();
        }
        json.close();
        json.str("author_association", association(world, self.repo, self.author));
        json.null("auto_merge");
        json.null("active_lock_reason");
        if full {
            json.bool("merged", state.merged.is_some());
            // Events are recorded before GitHub computes mergeability, so these are always unknown.
            json.null("mergeable");
            json.null("rebaseable");
            json.str("mergeable_state", "unknown");
            match state.merged_by {
                Some(m) => user(json, "merged_by", &world.accounts[m]),
                None => json.null("merged_by"),
            }
            let mut sizes = Rng::keyed(&[self.seed, 5]);
            json.num("comments", state.comments);
            json.num("review_comments", sizes.geometric(40, 30));
            json.bool("maintainer_can_modify", self.is_from_fork(world));
            json.num("commits", 1 + sizes.geometric(55, 60));
            json.num("additions", sizes.log_spread(1, 4000));
            json.num("deletions", sizes.log_spread(1, 1500) - 1);
            json.num("changed_files", 1 + sizes.geometric(65, 80));
        }
        json.close();
    }

    /// Writes the `issue` object of issue and issue comment events; pull requests appear as
    /// issues with a `pull_request` link, as GitHub shows them.
    pub(super) fn write_issue(&self, world: &World, json: &mut Json, state: &ThreadState, rng: &mut Rng) {
        let view = RepoView::of(world, self.repo, state.updated);
        let full_name = view.full_name.as_ref();
        let n = self.number;
        let web_kind = if self.is_pull { "/pull/" } else { "/issues/" };
        json.open("issue");
        cat!(json, "url", API_REPOS, full_name, "/issues/", n);
        cat!(json, "repository_url", API_REPOS, full_name);
        cat!(json, "labels_url", API_REPOS, full_name, "/issues/", n, "/labels{/name}");
        cat!(json, "comments_url", API_REPOS, full_name, "/issues/", n, "/comments");
        cat!(json, "events_url", API_REPOS, full_name, "/issues/", n, "/events");
        cat!(json, "html_url", WEB, full_name, web_kind, n);
        json.num("id", if self.is_pull { self.id + 700_000_000 } else { self.id });
        new_node_id(json, if self.is_pull { "PR" } else { "I" }, view.id, self.id);
        json.num("number", n);
        json.begin_str("title");
        self.title(world, &mut json.buf);
        json.end_str();
        user(json, "user", &world.accounts[self.author]);
        labels(json, rng, full_name, view.id, 3);
        json.str("state", if state.open { "open" } else { "closed" });
        json.bool("locked", false);
        json.null("assignee");
        json.empty_array("assignees");
        json.null("milestone");
        json.num("comments", state.comments);
        json.time("created_at", self.created, TimeStyle::Utc);
        json.time("updated_at", state.updated, TimeStyle::Utc);
        json.opt_time("closed_at", state.closed, TimeStyle::Utc);
        json.str("author_association", association(world, self.repo, self.author));
        json.null("active_lock_reason");
        if self.is_pull {
            json.bool("draft", false);
            json.open("pull_request");
            cat!(json, "url", API_REPOS, full_name, "/pulls/", n);
            cat!(json, "html_url", WEB, full_name, "/pull/", n);
            cat!(json, "diff_url", WEB, full_name, "/pull/", n, ".diff");
            cat!(json, "patch_url", WEB, full_name, "/pull/", n, ".patch");
            json.opt_time("merged_at", state.merged, TimeStyle::Utc);
            json.close();
        }
        self.body(world, json);
        let mut tail = Vec::with_capacity(64);
        tail.extend_from_slice(full_name.as_bytes());
        tail.extend_from_slice(b"/issues/");
        put_u64(&mut tail, n);
        reactions(json, rng, API_REPOS, &tail);
        cat!(json, "timeline_url", API_REPOS, full_name, "/issues/", n, "/timeline");
        json.null("performed_via_github_app");
        if state.open {
            json.null("state_reason");
        } else {
            json.str("state_reason", if rng.percent(85) { "completed" } else { "not_planned" });
        }
        json.close();
    }

    /// Writes an issue comment object by `author`.
    pub(super) fn write_comment(
        &self,
        world: &World,
        json: &mut Json,
        author: usize,
        id: u64,
        time: i64,
        rng: &mut Rng,
    ) {
        let (full_name, _) = world.names_at(self.repo, time);
        let web_kind = if self.is_pull { "/pull/" } else { "/issues/" };
        json.open("comment");
        cat!(json, "url", API_REPOS, full_name, "/issues/comments/", id);
        cat!(json, "html_url", WEB, full_name, web_kind, self.number, "#issuecomment-", id);
        cat!(json, "issue_url", API_REPOS, full_name, "/issues/", self.number);
        json.num("id", id);
        new_node_id(json, "IC", world.repos[self.repo].id, id);
        user(json, "user", &world.accounts[author]);
        json.time("created_at", time, TimeStyle::Utc);
        json.time("updated_at", time, TimeStyle::Utc);
        json.str("author_association", association(world, self.repo, author));
        json.begin_str("body");
        comment_body(world, author, rng, &mut json.buf);
        json.end_str();
        let mut tail = Vec::with_capacity(64);
        tail.extend_from_slice(full_name.as_bytes());
        tail.extend_from_slice(b"/issues/comments/");
        put_u64(&mut tail, id);
        reactions(json, rng, API_REPOS, &tail);
        json.null("performed_via_github_app");
        json.close();
    }
}

/// A comment's text; bots post their reports.
pub(super) fn comment_body(world: &World, author: usize, rng: &mut Rng, buf: &mut Vec<u8>) {
    let account = &world.accounts[author];
    match account.voice {
        Voice::Human | Voice::Dependabot | Voice::Renovate => world.text.comment(rng, buf),
        Voice::Actions | Voice::OtherBot => {
            buf.extend_from_slice(b"## Coverage report\\n\\n| File | Coverage | Change |\\n|---|---|---|\\n");
            for _ in 0..1 + rng.below(8) {
                buf.extend_from_slice(b"| ");
                buf.extend_from_slice(rng.pick(super::words::PATHS).as_bytes());
                buf.extend_from_slice(b" | ");
                put_u64(buf, rng.range(40, 100));
                buf.extend_from_slice(b"% | ");
                put_u64(buf, rng.below(5));
                buf.extend_from_slice(b".");
                put_u64(buf, rng.below(100));
                buf.extend_from_slice(b"% |\\n");
            }
        }
    }
}

const DEPENDABOT_FOOTER: &str = "</ul>\\n</details>\\n<br />\\n\\n\\nDependabot will resolve any conflicts with this PR as long as you don't alter it yourself. You can also trigger a rebase manually by commenting `@dependabot rebase`.\\n\\n[//]: # (dependabot-automerge-start)\\n[//]: # (dependabot-automerge-end)\\n\\n---\\n\\n<details>\\n<summary>Dependabot commands and options</summary>\\n<br />\\n\\nYou can trigger Dependabot actions by commenting on this PR:\\n- `@dependabot rebase` will rebase this PR\\n- `@dependabot recreate` will recreate this PR, overwriting any edits that have been made to it\\n- `@dependabot merge` will merge this PR after your CI passes on it\\n- `@dependabot squash and merge` will squash and merge this PR after your CI passes on it\\n- `@dependabot cancel merge` will cancel a previously requested merge and block automerging\\n- `@dependabot reopen` will reopen this PR if it is closed\\n- `@dependabot close` will close this PR and stop Dependabot recreating it. You can achieve the same result by closing it manually\\n- `@dependabot show <dependency name> ignore conditions` will show all of the ignore conditions of the specified dependency\\n- `@dependabot ignore this major version` will close this PR and stop Dependabot creating any more for this major version (unless you reopen the PR or upgrade to it yourself)\\n- `@dependabot ignore this minor version` will close this PR and stop Dependabot creating any more for this minor version (unless you reopen the PR or upgrade to it yourself)\\n- `@dependabot ignore this dependency` will close this PR and stop Dependabot creating any more for this dependency (unless you reopen the PR or upgrade to it yourself)\\n\\n\\n</details>";
