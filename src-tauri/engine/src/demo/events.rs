//! Events in the Events API shape (2015 on), with the 2025-10-07 trimmed payloads.

use super::json::{Json, Sha, TimeStyle, cat, new_node_id, put_u64};
use super::objects::{API_REPOS, RepoView, WEB, actor, association, org, reactions, repository, user};
use super::rng::Rng;
use super::text::{Voice, put_version};
use super::threads::{Memory, Thread, ThreadState, comment_body};
use super::world::{ACTIONS, DEPENDABOT, K8S_ROBOT, PRE_COMMIT, RENOVATE, RENOVATE_USER, World};

/// One event to write: its id (unused before 2015), its time, and the key its content is drawn
/// from.
#[derive(Clone, Copy)]
pub(super) struct Slot {
    pub(super) id: u64,
    pub(super) time: i64,
    pub(super) key: u64,
}

impl Slot {
    /// An id for an object the event creates (a comment, a review), unique because event ids
    /// are.
    fn entity_id(&self) -> u64 {
        self.id.saturating_sub(super::ID_AT_2015) + 100_000_000
    }
}

/// Event types of the Events API era.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Push,
    Create,
    PullRequest,
    Watch,
    IssueComment,
    Delete,
    PullRequestReview,
    Issues,
    Fork,
    PullRequestReviewComment,
    Release,
    Gollum,
    Member,
    Public,
    CommitComment,
}

/// Per-mille shares, close to a real 2024 hour.
const MIX: [(Kind, u32); 15] = [
    (Kind::Push, 510),
    (Kind::Create, 120),
    (Kind::PullRequest, 90),
    (Kind::Watch, 70),
    (Kind::IssueComment, 60),
    (Kind::Delete, 40),
    (Kind::PullRequestReview, 27),
    (Kind::Issues, 30),
    (Kind::Fork, 20),
    (Kind::PullRequestReviewComment, 17),
    (Kind::Release, 5),
    (Kind::Gollum, 3),
    (Kind::Member, 3),
    (Kind::Public, 2),
    (Kind::CommitComment, 3),
];

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Push => "PushEvent",
            Kind::Create => "CreateEvent",
            Kind::PullRequest => "PullRequestEvent",
            Kind::Watch => "WatchEvent",
            Kind::IssueComment => "IssueCommentEvent",
            Kind::Delete => "DeleteEvent",
            Kind::PullRequestReview => "PullRequestReviewEvent",
            Kind::Issues => "IssuesEvent",
            Kind::Fork => "ForkEvent",
            Kind::PullRequestReviewComment => "PullRequestReviewCommentEvent",
            Kind::Release => "ReleaseEvent",
            Kind::Gollum => "GollumEvent",
            Kind::Member => "MemberEvent",
            Kind::Public => "PublicEvent",
            Kind::CommitComment => "CommitCommentEvent",
        }
    }

    fn pick(rng: &mut Rng) -> Self {
        let weights = MIX.map(|m| m.1);
        MIX[rng.weighted(&weights)].0
    }
}

/// Writes one event. `trimmed` selects the payloads GitHub trimmed on 2025-10-07; `kind`
/// forces a type (malformed records start from a known one).
pub(super) fn write_event(
    json: &mut Json,
    world: &World,
    slot: &Slot,
    trimmed: bool,
    kind: Option<Kind>,
    memory: &mut Memory,
) {
    let mut rng = Rng::new(slot.key);
    let kind = kind.unwrap_or_else(|| Kind::pick(&mut rng));
    let repo = world.pick_repo_after(&mut rng, memory.previous_repo);
    memory.previous_repo = Some(repo);
    let mut e = Event { json, world, slot, rng, repo, memory };
    match kind {
        Kind::Push => e.push(trimmed),
        Kind::Create | Kind::Delete => e.reference(kind),
        Kind::PullRequest => e.pull_request(trimmed),
        Kind::Watch => {
            let who = world.pick_human(&mut e.rng);
            e.head(kind, who);
            e.json.str("action", "started");
            e.tail();
        }
        Kind::IssueComment => e.issue_comment(),
        Kind::PullRequestReview | Kind::PullRequestReviewComment => e.review(kind),
        Kind::Issues => e.issues(),
        Kind::Fork => {
            let who = world.pick_human(&mut e.rng);
            e.head(kind, who);
            let forkee = RepoView::fork_of(world, repo, who, slot.time, slot.time);
            repository(e.json, "forkee", world, &forkee, true);
            e.tail();
        }
        Kind::Release => e.release(),
        Kind::Gollum | Kind::Member | Kind::Public | Kind::CommitComment => e.rare(kind),
    }
}

struct Event<'a> {
    json: &'a mut Json,
    world: &'a World,
    slot: &'a Slot,
    rng: Rng,
    repo: usize,
    memory: &'a mut Memory,
}

impl Event<'_> {
    /// The envelope up to and including the opening of `payload`.
    fn head(&mut self, kind: Kind, who: usize) {
        let (world, json) = (self.world, &mut *self.json);
        json.open_item();
        json.begin_str("id");
        put_u64(&mut json.buf, self.slot.id);
        json.end_str();
        json.str("type", kind.name());
        actor(json, "actor", &world.accounts[who]);
        let (full_name, _) = world.names_at(self.repo, self.slot.time);
        json.open("repo");
        json.num("id", world.repos[self.repo].id);
        json.str("name", full_name);
        cat!(json, "url", API_REPOS, full_name);
        json.close();
        json.open("payload");
    }

    /// Closes `payload` and the envelope.
    fn tail(&mut self) {
        let json = &mut *self.json;
        json.close();
        json.bool("public", true);
        json.time("created_at", self.slot.time, TimeStyle::Utc);
        if self.world.org_owned(self.repo) {
            org(json, self.world.owner(self.repo));
        }
        json.close();
    }

    fn full_name(&self) -> &str {
        self.world.names_at(self.repo, self.slot.time).0
    }

    fn push(&mut self, trimmed: bool) {
        let world = self.world;
        let rng = &mut self.rng;
        let who = if rng.percent(18) {
            world.bot(
                [DEPENDABOT, ACTIONS, ACTIONS, ACTIONS, RENOVATE, PRE_COMMIT, RENOVATE_USER, K8S_ROBOT][rng.index(8)],
            )
        } else {
            world.pick_contributor(rng, self.repo)
        };
        let voice = world.accounts[who].voice;
        let size = match rng.below(100) {
            0..=74 => 1,
            75..=93 => rng.range(2, 5),
            94..=98 => rng.range(6, 20),
            _ => rng.range(21, 300),
        };
        let mut git_ref = b"refs/heads/".to_vec();
        match voice {
            Voice::Dependabot | Voice::Renovate => {
                git_ref.extend_from_slice(if voice == Voice::Renovate {
                    b"renovate/"
                } else {
                    b"dependabot/npm_and_yarn/"
                });
                git_ref.extend_from_slice(rng.pick(super::words::PACKAGES).replace(['@', ':'], "").as_bytes());
            }
            Voice::Actions if rng.percent(40) => git_ref.extend_from_slice(b"gh-pages"),
            _ if rng.percent(68) => git_ref.extend_from_slice(world.repos[self.repo].default_branch.as_bytes()),
            _ => world.text.branch(rng, &mut git_ref),
        }
        let before = Sha::random(rng);
        let shas: Vec<Sha> = (0..size.min(20)).map(|_| Sha::random(rng)).collect();
        let head_sha = shas.last().copied().unwrap_or(before);
        // Commits already pushed to another branch of the repository are not distinct.
        let distinct = if rng.percent(95) { size } else { size / 2 };
        self.head(Kind::Push, who);
        let json = &mut *self.json;
        let rng = &mut self.rng;
        json.num("repository_id", world.repos[self.repo].id);
        json.num("push_id", self.slot.id.saturating_sub(super::ID_AT_2015) + super::PUSH_ID_AT_2015);
        if !trimmed {
            json.num("size", size);
            json.num("distinct_size", distinct);
        }
        json.begin_str("ref");
        json.buf.extend_from_slice(&git_ref);
        json.end_str();
        json.sha("head", &head_sha);
        json.sha("before", &before);
        if !trimmed {
            let full_name = world.names_at(self.repo, self.slot.time).0;
            json.open_array("commits");
            for (i, sha) in shas.iter().enumerate() {
                let author =
                    if voice == Voice::Human && rng.percent(15) { world.pick_contributor(rng, self.repo) } else { who };
                let account = &world.accounts[author];
                json.open_item();
                json.sha("sha", sha);
                json.open("author");
                json.str("email", &account.email);
                json.str("name", &account.name);
                json.close();
                json.begin_str("message");
                world.text.commit_message(rng, &mut json.buf, account.voice);
                json.end_str();
                json.bool("distinct", (i as u64) < distinct);
                cat!(json, "url", API_REPOS, full_name, "/commits/", *sha);
                json.close();
            }
            json.close_array();
        }
        self.tail();
    }

    /// CreateEvent and DeleteEvent: a branch, a tag, or (create only) the repository itself.
    fn reference(&mut self, kind: Kind) {
        let world = self.world;
        let rng = &mut self.rng;
        let ref_type = match rng.below(100) {
            0..=61 => "branch",
            62..=74 => "tag",
            _ if kind == Kind::Create => "repository",
            _ => "branch",
        };
        let bot = ref_type == "branch" && rng.percent(22);
        let who = match ref_type {
            _ if bot => world.bot(if rng.percent(70) { DEPENDABOT } else { RENOVATE }),
            "repository" => world.team_member(self.repo, 0),
            "tag" if rng.percent(25) => world.bot(ACTIONS),
            _ => world.pick_contributor(rng, self.repo),
        };
        let mut name = Vec::with_capacity(48);
        match ref_type {
            "tag" => {
                name.push(b'v');
                put_version(rng, &mut name);
            }
            "branch" if bot => {
                name.extend_from_slice(b"dependabot/npm_and_yarn/");
                name.extend_from_slice(rng.pick(super::words::PACKAGES).replace(['@', ':'], "").as_bytes());
                name.push(b'-');
                put_version(rng, &mut name);
            }
            "branch" => world.text.branch(rng, &mut name),
            _ => {}
        }
        self.head(kind, who);
        let json = &mut *self.json;
        if ref_type == "repository" {
            json.null("ref");
        } else {
            json.begin_str("ref");
            json.buf.extend_from_slice(&name);
            json.end_str();
        }
        json.str("ref_type", ref_type);
        if kind == Kind::Create {
            json.str("master_branch", world.repos[self.repo].default_branch);
            json.opt_str("description", world.repos[self.repo].description.as_deref());
        }
        json.str("pusher_type", "user");
        self.tail();
    }

    fn pull_request(&mut self, trimmed: bool) {
        let (world, time) = (self.world, self.slot.time);
        let rng = &mut self.rng;
        let action = ["opened", "closed", "reopened", "synchronize"][rng.weighted(&[46, 47, 3, 4])];
        let thread = if action == "opened" {
            Thread::newest(world, self.memory, self.repo, time, true)
        } else {
            Thread::recent(world, self.repo, time, rng.log_spread(300, 21 * 86_400), Some(true))
        };
        let mut state = ThreadState::open_at(time, rng.geometric(45, 40));
        let who = if action == "closed" {
            let merged = rng.percent(78);
            let closer = if merged || rng.percent(50) {
                world.team_member(self.repo, rng.geometric(40, 3))
            } else {
                thread.author
            };
            state.open = false;
            state.closed = Some(time);
            if merged {
                state.merged = Some(time);
                state.merged_by = Some(closer);
            }
            closer
        } else {
            thread.author
        };
        self.head(Kind::PullRequest, who);
        let json = &mut *self.json;
        json.str("action", action);
        json.num("number", thread.number);
        if trimmed {
            let full_name = world.names_at(self.repo, time).0;
            let (head_sha, base_sha) = thread.shas(time as u64 / 86_400);
            let head_ref = thread.head_ref_string(world);
            json.open("pull_request");
            cat!(json, "url", API_REPOS, full_name, "/pulls/", thread.number);
            json.num("id", thread.id);
            json.num("number", thread.number);
            for (key, sha) in [("head", head_sha), ("base", base_sha)] {
                json.open(key);
                json.str("ref", if key == "base" { world.repos[self.repo].default_branch } else { &head_ref });
                json.sha("sha", &sha);
                json.open("repo");
                json.num("id", world.repos[self.repo].id);
                cat!(json, "url", API_REPOS, full_name);
                json.str("name", full_name);
                json.close();
                json.close();
            }
            json.close();
        } else {
            thread.write_pull(world, json, &state, &mut self.rng, true);
        }
        self.tail();
    }

    fn issues(&mut self) {
        let (world, time) = (self.world, self.slot.time);
        let rng = &mut self.rng;
        let action = ["opened", "closed", "reopened"][rng.weighted(&[50, 42, 8])];
        let thread = if action == "opened" {
            Thread::newest(world, self.memory, self.repo, time, false)
        } else {
            Thread::recent(world, self.repo, time, rng.log_spread(600, 120 * 86_400), Some(false))
        };
        let mut state = ThreadState::open_at(time, if action == "opened" { 0 } else { rng.geometric(55, 60) });
        let who = if action == "closed" {
            state.open = false;
            state.closed = Some(time);
            if rng.percent(60) { world.team_member(self.repo, rng.geometric(40, 3)) } else { thread.author }
        } else {
            thread.author
        };
        self.head(Kind::Issues, who);
        self.json.str("action", action);
        thread.write_issue(world, self.json, &state, &mut self.rng);
        self.tail();
    }

    fn issue_comment(&mut self) {
        let (world, time) = (self.world, self.slot.time);
        let rng = &mut self.rng;
        let thread = Thread::recent(world, self.repo, time, rng.log_spread(60, 90 * 86_400), None);
        let who = match rng.below(100) {
            0..=11 => world.pick_bot(rng),
            12..=50 => thread.author,
            _ => world.pick_contributor(rng, self.repo),
        };
        let mut state = ThreadState::open_at(time, 1 + rng.geometric(60, 200));
        if rng.percent(12) {
            state.open = false;
            state.closed = Some(time - rng.log_spread(60, 30 * 86_400) as i64);
        }
        self.head(Kind::IssueComment, who);
        self.json.str("action", "created");
        thread.write_issue(world, self.json, &state, &mut self.rng);
        thread.write_comment(world, self.json, who, self.slot.entity_id(), time, &mut self.rng);
        self.tail();
    }

    /// PullRequestReviewEvent and PullRequestReviewCommentEvent.
    fn review(&mut self, kind: Kind) {
        let (world, time) = (self.world, self.slot.time);
        let rng = &mut self.rng;
        let thread = Thread::recent(world, self.repo, time, rng.log_spread(300, 14 * 86_400), Some(true));
        let mut who = world.team_member(self.repo, rng.geometric(45, 4));
        if who == thread.author {
            who = world.team_member(self.repo, 5);
        }
        if kind == Kind::PullRequestReviewComment && rng.percent(30) {
            who = thread.author;
        }
        let state = ThreadState::open_at(time, rng.geometric(50, 30));
        let (head_sha, _) = thread.shas(time as u64 / 86_400);
        let id = self.slot.entity_id();
        let full_name = world.names_at(self.repo, time).0.to_owned();
        let n = thread.number;
        self.head(kind, who);
        let json = &mut *self.json;
        json.str("action", "created");
        let rng = &mut self.rng;
        if kind == Kind::PullRequestReview {
            json.open("review");
            json.num("id", id);
            new_node_id(json, "PRR", world.repos[self.repo].id, id);
            user(json, "user", &world.accounts[who]);
            if rng.percent(55) {
                json.null("body");
            } else {
                json.begin_str("body");
                world.text.comment(rng, &mut json.buf);
                json.end_str();
            }
            json.sha("commit_id", &head_sha);
            json.time("submitted_at", time, TimeStyle::Utc);
            json.str("state", ["approved", "commented", "changes_requested"][rng.weighted(&[55, 35, 10])]);
            cat!(json, "html_url", WEB, full_name, "/pull/", n, "#pullrequestreview-", id);
            cat!(json, "pull_request_url", API_REPOS, full_name, "/pulls/", n);
            json.str("author_association", association(world, self.repo, who));
            json.open("_links");
            json.open("html");
            cat!(json, "href", WEB, full_name, "/pull/", n, "#pullrequestreview-", id);
            json.close();
            json.open("pull_request");
            cat!(json, "href", API_REPOS, full_name, "/pulls/", n);
            json.close();
            json.close();
            json.close();
        } else {
            let path = *rng.pick(super::words::PATHS);
            let line = rng.range(1, 800);
            json.open("comment");
            cat!(json, "url", API_REPOS, full_name, "/pulls/comments/", id);
            json.num("pull_request_review_id", id + 1 + rng.below(5));
            json.num("id", id);
            new_node_id(json, "PRRC", world.repos[self.repo].id, id);
            json.begin_str("diff_hunk");
            json.buf.extend_from_slice(b"@@ -");
            put_u64(&mut json.buf, line.saturating_sub(3).max(1));
            json.buf.extend_from_slice(b",7 +");
            put_u64(&mut json.buf, line.saturating_sub(3).max(1));
            json.buf.extend_from_slice(b",8 @@");
            for _ in 0..1 + rng.below(8) {
                json.buf.extend_from_slice(rng.pick(&["\\n ", "\\n+", "\\n-", "\\n "]).as_bytes());
                let count = 1 + rng.below(9);
                world.text.words(rng, &mut json.buf, count);
            }
            json.end_str();
            json.str("path", path);
            json.sha("commit_id", &head_sha);
            json.sha("original_commit_id", &head_sha);
            user(json, "user", &world.accounts[who]);
            json.begin_str("body");
            world.text.comment(rng, &mut json.buf);
            json.end_str();
            json.time("created_at", time, TimeStyle::Utc);
            json.time("updated_at", time, TimeStyle::Utc);
            cat!(json, "html_url", WEB, full_name, "/pull/", n, "#discussion_r", id);
            cat!(json, "pull_request_url", API_REPOS, full_name, "/pulls/", n);
            json.str("author_association", association(world, self.repo, who));
            json.open("_links");
            for (key, host, middle, tail) in [
                ("self", API_REPOS, "/pulls/comments/", ""),
                ("html", WEB, "/pull/", "#discussion_r"),
                ("pull_request", API_REPOS, "/pulls/", ""),
            ] {
                json.open(key);
                json.begin_str("href");
                json.buf.extend_from_slice(host.as_bytes());
                json.buf.extend_from_slice(full_name.as_bytes());
                json.buf.extend_from_slice(middle.as_bytes());
                put_u64(&mut json.buf, if key == "self" { id } else { n });
                if !tail.is_empty() {
                    json.buf.extend_from_slice(tail.as_bytes());
                    put_u64(&mut json.buf, id);
                }
                json.end_str();
                json.close();
            }
            json.close();
            let mut reaction_tail = full_name.as_bytes().to_vec();
            reaction_tail.extend_from_slice(b"/pulls/comments/");
            put_u64(&mut reaction_tail, id);
            reactions(json, rng, API_REPOS, &reaction_tail);
            json.null("start_line");
            json.null("original_start_line");
            json.null("start_side");
            json.num("line", line);
            json.num("original_line", line);
            json.str("side", "RIGHT");
            json.num("original_position", rng.range(1, 60));
            json.num("position", rng.range(1, 60));
            json.str("subject_type", "line");
            json.close();
        }
        thread.write_pull(world, json, &state, &mut self.rng, false);
        self.tail();
    }

    fn release(&mut self) {
        let (world, time) = (self.world, self.slot.time);
        let rng = &mut self.rng;
        let who = if rng.percent(30) { world.bot(ACTIONS) } else { world.team_member(self.repo, rng.geometric(30, 2)) };
        let mut tag = b"v".to_vec();
        put_version(rng, &mut tag);
        let tag = String::from_utf8(tag).unwrap_or_default();
        let id = 100_000_000 + self.slot.entity_id() / 40;
        let full_name = self.full_name().to_owned();
        self.head(Kind::Release, who);
        let json = &mut *self.json;
        let rng = &mut self.rng;
        json.str("action", "published");
        json.open("release");
        cat!(json, "url", API_REPOS, full_name, "/releases/", id);
        cat!(json, "assets_url", API_REPOS, full_name, "/releases/", id, "/assets");
        cat!(
            json,
            "upload_url",
            "https://uploads.github.com/repos/",
            full_name,
            "/releases/",
            id,
            "/assets{?name,label}"
        );
        cat!(json, "html_url", WEB, full_name, "/releases/tag/", tag);
        json.num("id", id);
        user(json, "author", &world.accounts[who]);
        new_node_id(json, "RE", world.repos[self.repo].id, id);
        json.str("tag_name", &tag);
        json.str("target_commitish", world.repos[self.repo].default_branch);
        json.str("name", if rng.percent(70) { &tag } else { "Release" });
        json.bool("draft", false);
        json.bool("prerelease", rng.percent(10));
        json.time("created_at", time - rng.log_spread(60, 86_400) as i64, TimeStyle::Utc);
        json.time("published_at", time, TimeStyle::Utc);
        json.open_array("assets");
        for k in 0..rng.geometric(35, 6) {
            let asset = id * 10 + k;
            json.open_item();
            cat!(json, "url", API_REPOS, full_name, "/releases/assets/", asset);
            json.num("id", asset);
            new_node_id(json, "RA", id, asset);
            let name = format!(
                "{}-{tag}-{}",
                world.repos[self.repo].name,
                rng.pick(&["linux-x64.tar.gz", "darwin-arm64.zip", "windows-x64.zip", "checksums.txt"])
            );
            json.str("name", &name);
            json.null("label");
            user(json, "uploader", &world.accounts[who]);
            json.str("content_type", "application/octet-stream");
            json.str("state", "uploaded");
            json.num("size", rng.log_spread(1000, 80_000_000));
            json.num("download_count", 0);
            json.time("created_at", time - 60, TimeStyle::Utc);
            json.time("updated_at", time - 30, TimeStyle::Utc);
            cat!(json, "browser_download_url", WEB, full_name, "/releases/download/", tag, "/", name);
            json.close();
        }
        json.close_array();
        cat!(json, "tarball_url", API_REPOS, full_name, "/tarball/", tag);
        cat!(json, "zipball_url", API_REPOS, full_name, "/zipball/", tag);
        json.begin_str("body");
        world.text.release_notes(rng, &mut json.buf, &world.accounts[who].login, &full_name);
        json.end_str();
        json.close();
        self.tail();
    }

    /// GollumEvent, MemberEvent, PublicEvent and CommitCommentEvent.
    fn rare(&mut self, kind: Kind) {
        let (world, time) = (self.world, self.slot.time);
        let rng = &mut self.rng;
        let who = world.pick_contributor(rng, self.repo);
        let member = world.pick_human(rng);
        let full_name = self.full_name().to_owned();
        self.head(kind, who);
        let json = &mut *self.json;
        let rng = &mut self.rng;
        match kind {
            Kind::Gollum => {
                json.open_array("pages");
                for _ in 0..1 + rng.geometric(25, 4) {
                    let mut page = Vec::with_capacity(40);
                    let count = 1 + rng.below(4);
                    world.text.words(rng, &mut page, count);
                    let title = String::from_utf8(page).unwrap_or_default();
                    let page_name = title.replace(' ', "-");
                    json.open_item();
                    json.str("page_name", &page_name);
                    json.str("title", &title);
                    json.null("summary");
                    json.str("action", if rng.percent(70) { "edited" } else { "created" });
                    json.sha("sha", &Sha::random(rng));
                    cat!(json, "html_url", WEB, full_name, "/wiki/", page_name);
                    json.close();
                }
                json.close_array();
            }
            Kind::Member => {
                user(json, "member", &world.accounts[member]);
                json.str("action", "added");
            }
            Kind::CommitComment => {
                let id = self.slot.entity_id();
                let sha = Sha::random(rng);
                json.open("comment");
                cat!(json, "url", API_REPOS, full_name, "/comments/", id);
                cat!(json, "html_url", WEB, full_name, "/commit/", sha, "#commitcomment-", id);
                json.num("id", id);
                new_node_id(json, "CC", world.repos[self.repo].id, id);
                user(json, "user", &world.accounts[who]);
                json.null("position");
                json.null("line");
                json.null("path");
                json.sha("commit_id", &sha);
                json.time("created_at", time, TimeStyle::Utc);
                json.time("updated_at", time, TimeStyle::Utc);
                json.str("author_association", association(world, self.repo, who));
                json.begin_str("body");
                comment_body(world, who, rng, &mut json.buf);
                json.end_str();
                let mut tail = full_name.as_bytes().to_vec();
                tail.extend_from_slice(b"/comments/");
                put_u64(&mut tail, id);
                reactions(json, rng, API_REPOS, &tail);
                json.close();
            }
            _ => {}
        }
        self.tail();
    }
}
