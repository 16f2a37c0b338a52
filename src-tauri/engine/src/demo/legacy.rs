//! Events in the 2011-2014 "timeline" schema: no `id`, the actor as a plain login with an
//! `actor_attributes` profile, a `repository` object with counters, and local Pacific times.

use super::events::Slot;
use super::json::{Json, Sha, TimeStyle, cat, hex_string, put_hex, put_u64};
use super::objects::{API_REPOS, AVATARS, RepoView, WEB};
use super::rng::Rng;
use super::text::Voice;
use super::threads::{Memory, Thread, ThreadState};
use super::words::{CITIES, COMPANIES};
use super::world::World;

/// Event types of the timeline era.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum LegacyKind {
    Push,
    Create,
    Watch,
    IssueComment,
    Issues,
    Fork,
    PullRequest,
    Gist,
    Follow,
    Gollum,
    Delete,
    Member,
    CommitComment,
    Public,
}

/// Per-mille shares, close to a 2013 hour.
const MIX: [(LegacyKind, u32); 14] = [
    (LegacyKind::Push, 485),
    (LegacyKind::Create, 130),
    (LegacyKind::Watch, 120),
    (LegacyKind::IssueComment, 60),
    (LegacyKind::Issues, 40),
    (LegacyKind::Fork, 35),
    (LegacyKind::PullRequest, 30),
    (LegacyKind::Gist, 25),
    (LegacyKind::Follow, 25),
    (LegacyKind::Gollum, 15),
    (LegacyKind::Delete, 15),
    (LegacyKind::Member, 8),
    (LegacyKind::CommitComment, 10),
    (LegacyKind::Public, 2),
];

impl LegacyKind {
    pub(super) fn name(self) -> &'static str {
        match self {
            LegacyKind::Push => "PushEvent",
            LegacyKind::Create => "CreateEvent",
            LegacyKind::Watch => "WatchEvent",
            LegacyKind::IssueComment => "IssueCommentEvent",
            LegacyKind::Issues => "IssuesEvent",
            LegacyKind::Fork => "ForkEvent",
            LegacyKind::PullRequest => "PullRequestEvent",
            LegacyKind::Gist => "GistEvent",
            LegacyKind::Follow => "FollowEvent",
            LegacyKind::Gollum => "GollumEvent",
            LegacyKind::Delete => "DeleteEvent",
            LegacyKind::Member => "MemberEvent",
            LegacyKind::CommitComment => "CommitCommentEvent",
            LegacyKind::Public => "PublicEvent",
        }
    }
}

/// Writes one timeline event with timestamps in `style` (offset or slash form).
pub(super) fn write_legacy_event(
    json: &mut Json,
    world: &World,
    slot: &Slot,
    style: TimeStyle,
    kind: Option<LegacyKind>,
    memory: &mut Memory,
) {
    let mut rng = Rng::new(slot.key);
    let kind = kind.unwrap_or_else(|| MIX[rng.weighted(&MIX.map(|m| m.1))].0);
    let repo = world.pick_repo_after(&mut rng, memory.previous_repo);
    memory.previous_repo = Some(repo);
    let time = slot.time;
    let who = match kind {
        LegacyKind::Push | LegacyKind::Create | LegacyKind::Delete | LegacyKind::Gollum => {
            world.pick_contributor(&mut rng, repo)
        }
        LegacyKind::Member => world.team_member(repo, 0),
        _ => world.pick_human(&mut rng),
    };
    let (full_name, _) = world.names_at(repo, time);
    // The envelope's `url` names the page the event links to; it is decided with the payload, so
    // the payload is written to a side buffer first and copied in after `created_at`.
    let mut payload = Json::new();
    let mut url = Vec::with_capacity(96);
    url.extend_from_slice(WEB.as_bytes());
    url.extend_from_slice(full_name.as_bytes());
    payload.open_item();
    let mut has_repository = true;
    match kind {
        LegacyKind::Push => {
            let count = if rng.percent(70) { 1 } else { rng.range(2, 6) };
            let before = Sha::random(&mut rng);
            payload.open_array("shas");
            let mut head = before;
            for _ in 0..count {
                let author =
                    &world.accounts[if rng.percent(85) { who } else { world.pick_contributor(&mut rng, repo) }];
                head = Sha::random(&mut rng);
                payload.open_array_item();
                payload.begin_str_item();
                payload.buf.extend_from_slice(&head.0);
                payload.end_str();
                payload.str_value(&author.email);
                payload.begin_str_item();
                world.text.commit_message(&mut rng, &mut payload.buf, Voice::Human);
                payload.end_str();
                payload.str_value(&author.name);
                payload.bool_value(true);
                payload.close_array();
            }
            payload.close_array();
            payload.num("size", count);
            payload.str("ref", if rng.percent(85) { "refs/heads/master" } else { "refs/heads/gh-pages" });
            payload.sha("head", &head);
            url.extend_from_slice(b"/compare/");
            url.extend_from_slice(&before.0[..10]);
            url.extend_from_slice(b"...");
            url.extend_from_slice(&head.0[..10]);
        }
        LegacyKind::Create | LegacyKind::Delete => {
            let ref_type = match rng.below(10) {
                0..=5 => "branch",
                6..=7 => "tag",
                _ if kind == LegacyKind::Create => "repository",
                _ => "branch",
            };
            let mut name = Vec::with_capacity(32);
            match ref_type {
                "tag" => {
                    name.push(b'v');
                    super::text::put_version(&mut rng, &mut name);
                }
                "branch" => world.text.branch(&mut rng, &mut name),
                _ => {}
            }
            if ref_type == "repository" {
                payload.null("ref");
            } else {
                payload.begin_str("ref");
                payload.buf.extend_from_slice(&name);
                payload.end_str();
                url.extend_from_slice(if ref_type == "tag" { b"/tree/" } else { b"/compare/" });
                url.extend_from_slice(&name);
            }
            payload.str("ref_type", ref_type);
            if kind == LegacyKind::Create {
                payload.str("master_branch", "master");
                payload.str("description", world.repos[repo].description.as_deref().unwrap_or(""));
            }
        }
        LegacyKind::Watch => payload.str("action", "started"),
        LegacyKind::IssueComment => {
            let thread = Thread::recent(world, repo, time, rng.log_spread(60, 60 * 86_400), None);
            let comment_id = 1_000_000 + slot.key % 30_000_000;
            payload.num("issue_id", thread.id / 100);
            payload.num("comment_id", comment_id);
            url.extend_from_slice(b"/issues/");
            put_u64(&mut url, thread.number);
            url.extend_from_slice(b"#issuecomment-");
            put_u64(&mut url, comment_id);
        }
        LegacyKind::Issues => {
            let opened = rng.percent(55);
            let thread = if opened {
                Thread::newest(world, memory, repo, time, false)
            } else {
                Thread::recent(world, repo, time, rng.log_spread(600, 60 * 86_400), Some(false))
            };
            payload.str("action", if opened { "opened" } else { "closed" });
            payload.num("issue", thread.id / 100);
            payload.num("number", thread.number);
            url.extend_from_slice(b"/issues/");
            put_u64(&mut url, thread.number);
        }
        LegacyKind::Fork => {
            url.clear();
            url.extend_from_slice(WEB.as_bytes());
            url.extend_from_slice(world.accounts[who].login.as_bytes());
            url.push(b'/');
            url.extend_from_slice(world.repos[repo].name.as_bytes());
        }
        LegacyKind::PullRequest => {
            let opened = rng.percent(55);
            let thread = if opened {
                Thread::newest(world, memory, repo, time, true)
            } else {
                Thread::recent(world, repo, time, rng.log_spread(600, 20 * 86_400), Some(true))
            };
            let mut state = ThreadState::open_at(time, rng.geometric(40, 20));
            if !opened {
                state.open = false;
                state.closed = Some(time);
                state.merged = rng.percent(75).then_some(time);
                state.merged_by = state.merged.map(|_| who);
            }
            payload.str("action", if opened { "opened" } else { "closed" });
            payload.num("number", thread.number);
            legacy_pull(&mut payload, world, &thread, &state, &mut rng);
            url.extend_from_slice(b"/pull/");
            put_u64(&mut url, thread.number);
        }
        LegacyKind::Gist => {
            has_repository = false;
            let id = 1_000_000 + slot.key % 5_000_000;
            payload.str("action", if rng.percent(80) { "create" } else { "update" });
            payload.begin_str("desc");
            let count = rng.below(8);
            world.text.words(&mut rng, &mut payload.buf, count);
            payload.end_str();
            payload.num("id", id);
            cat!(&mut payload, "name", "gist: ", id);
            payload.begin_str("snippet");
            world.text.sentence(&mut rng, &mut payload.buf, 3, 15);
            payload.end_str();
            cat!(&mut payload, "url", "https://gist.github.com/", id);
            url.clear();
            url.extend_from_slice(b"https://gist.github.com/");
            put_u64(&mut url, id);
        }
        LegacyKind::Follow => {
            has_repository = false;
            let target = &world.accounts[world.pick_human(&mut rng)];
            payload.open("target");
            payload.num("id", target.id);
            payload.str("login", &target.login);
            payload.begin_str("gravatar_id");
            put_hex(&mut payload.buf, target.profile, 32);
            payload.end_str();
            payload.num("repos", target.profile % 60);
            payload.num("followers", target.profile % 300);
            payload.close();
            url.clear();
            url.extend_from_slice(WEB.as_bytes());
            url.extend_from_slice(target.login.as_bytes());
        }
        LegacyKind::Gollum => {
            payload.open_array("pages");
            let page = ["Home", "Installation", "FAQ", "Configuration", "Roadmap"][rng.index(5)];
            payload.open_item();
            payload.str("page_name", page);
            payload.str("title", page);
            payload.null("summary");
            payload.str("action", if rng.percent(70) { "edited" } else { "created" });
            payload.sha("sha", &Sha::random(&mut rng));
            cat!(&mut payload, "html_url", WEB, full_name, "/wiki/", page);
            payload.close();
            payload.close_array();
            url.extend_from_slice(b"/wiki/");
            url.extend_from_slice(page.as_bytes());
        }
        LegacyKind::Member => {
            let member = &world.accounts[world.pick_human(&mut rng)];
            payload.open("member");
            payload.num("id", member.id);
            payload.str("login", &member.login);
            payload.begin_str("gravatar_id");
            put_hex(&mut payload.buf, member.profile, 32);
            payload.end_str();
            cat!(&mut payload, "url", "https://api.github.com/users/", member.login);
            cat!(&mut payload, "avatar_url", AVATARS, member.id, "?");
            payload.close();
            payload.str("action", "added");
        }
        LegacyKind::CommitComment => {
            let sha = Sha::random(&mut rng);
            let comment_id = 100_000 + slot.key % 3_000_000;
            payload.num("comment_id", comment_id);
            payload.sha("commit", &sha);
            url.extend_from_slice(b"/commit/");
            url.extend_from_slice(&sha.0);
            url.extend_from_slice(b"#commitcomment-");
            put_u64(&mut url, comment_id);
        }
        LegacyKind::Public => {}
    }
    payload.close();

    json.open_item();
    json.time("created_at", time, style);
    json.raw("payload", &payload.buf);
    json.bool("public", true);
    json.str("type", kind.name());
    json.begin_str("url");
    json.buf.extend_from_slice(&url);
    json.end_str();
    let account = &world.accounts[who];
    json.str("actor", &account.login);
    actor_attributes(json, world, who);
    if has_repository {
        repository(json, world, repo, time, style);
    }
    json.close();
}

/// The `actor_attributes` profile; people filled in some fields and not others.
fn actor_attributes(json: &mut Json, world: &World, who: usize) {
    let account = &world.accounts[who];
    let mut rng = Rng::new(account.profile);
    json.open("actor_attributes");
    json.str("login", &account.login);
    json.str("type", "User");
    json.begin_str("gravatar_id");
    put_hex(&mut json.buf, account.profile, 32);
    json.end_str();
    if account.name != account.login {
        json.str("name", &account.name);
    }
    if rng.percent(40) {
        let company = *rng.pick(COMPANIES);
        json.str("company", company);
    }
    if rng.percent(30) {
        cat!(json, "blog", "http://", account.login, ".example.com");
    }
    if rng.percent(60) {
        let location = *rng.pick(CITIES);
        json.str("location", location);
    }
    if rng.percent(85) {
        json.str("email", &account.email);
    }
    json.close();
}

/// The timeline's `repository` object.
fn repository(json: &mut Json, world: &World, repo: usize, time: i64, style: TimeStyle) {
    let view = RepoView::of(world, repo, time);
    let r = &world.repos[repo];
    json.open("repository");
    json.num("id", view.id);
    json.str("name", view.name);
    cat!(json, "url", WEB, view.full_name.as_ref());
    json.str("description", r.description.as_deref().unwrap_or(""));
    if r.homepage {
        cat!(json, "homepage", "http://", view.owner.login, ".github.com/", view.name);
    } else {
        json.str("homepage", "");
    }
    json.num("watchers", view.stars);
    json.num("stargazers", view.stars);
    json.num("forks", view.forks);
    json.bool("fork", false);
    json.num("size", view.size);
    json.str("owner", &view.owner.login);
    json.bool("private", false);
    json.num("open_issues", view.open_issues);
    json.bool("has_issues", true);
    json.bool("has_downloads", true);
    json.bool("has_wiki", !r.seed.is_multiple_of(3));
    if let Some(language) = r.language {
        json.str("language", language);
    }
    json.time("created_at", view.created, style);
    json.time("pushed_at", view.pushed, style);
    json.str("master_branch", "master");
    if world.org_owned(repo) {
        json.str("organization", &view.owner.login);
    }
    json.close();
}

/// The compact API v3 pull request of 2012-2014 (nested times were already UTC).
fn legacy_pull(json: &mut Json, world: &World, thread: &Thread, state: &ThreadState, rng: &mut Rng) {
    let view = RepoView::of(world, thread.repo, state.updated);
    let full_name = view.full_name.as_ref();
    let n = thread.number;
    let (head_sha, base_sha) = thread.shas(state.updated as u64 / 86_400);
    json.open("pull_request");
    cat!(json, "url", API_REPOS, full_name, "/pulls/", n);
    json.num("id", thread.id / 100);
    cat!(json, "html_url", WEB, full_name, "/pull/", n);
    cat!(json, "diff_url", WEB, full_name, "/pull/", n, ".diff");
    cat!(json, "patch_url", WEB, full_name, "/pull/", n, ".patch");
    cat!(json, "issue_url", WEB, full_name, "/issues/", n);
    json.num("number", n);
    json.str("state", if state.open { "open" } else { "closed" });
    json.begin_str("title");
    thread.title(world, &mut json.buf);
    json.end_str();
    small_user(json, "user", world, thread.author);
    thread.body(world, json);
    json.time("created_at", thread.created, TimeStyle::Utc);
    json.time("updated_at", state.updated, TimeStyle::Utc);
    json.opt_time("closed_at", state.closed, TimeStyle::Utc);
    json.opt_time("merged_at", state.merged, TimeStyle::Utc);
    let head_ref = thread.head_ref_string(world);
    for (key, branch, sha) in [("head", head_ref.as_str(), head_sha), ("base", "master", base_sha)] {
        json.open(key);
        cat!(json, "label", view.owner.login, ":", branch);
        json.str("ref", branch);
        json.sha("sha", &sha);
        small_user(json, "user", world, world.repos[thread.repo].owner);
        json.open("repo");
        json.num("id", view.id);
        json.str("name", view.name);
        json.str("full_name", full_name);
        small_user(json, "owner", world, world.repos[thread.repo].owner);
        json.bool("private", false);
        cat!(json, "html_url", WEB, full_name);
        json.str("description", world.repos[thread.repo].description.as_deref().unwrap_or(""));
        json.bool("fork", false);
        cat!(json, "url", API_REPOS, full_name);
        json.time("created_at", view.created, TimeStyle::Utc);
        json.time("updated_at", view.updated, TimeStyle::Utc);
        json.time("pushed_at", view.pushed, TimeStyle::Utc);
        cat!(json, "git_url", "git://github.com/", full_name, ".git");
        cat!(json, "ssh_url", "git@github.com:", full_name, ".git");
        cat!(json, "clone_url", WEB, full_name, ".git");
        cat!(json, "svn_url", WEB, full_name);
        json.num("size", view.size);
        json.num("watchers_count", view.stars);
        json.opt_str("language", world.repos[thread.repo].language);
        json.num("forks_count", view.forks);
        json.num("open_issues_count", view.open_issues);
        json.str("master_branch", "master");
        json.str("default_branch", "master");
        json.close();
        json.close();
    }
    json.open("_links");
    for (key, host, middle, suffix) in [
        ("self", API_REPOS, "/pulls/", ""),
        ("html", WEB, "/pull/", ""),
        ("comments", API_REPOS, "/issues/", "/comments"),
        ("review_comments", API_REPOS, "/pulls/", "/comments"),
    ] {
        json.open(key);
        cat!(json, "href", host, full_name, middle, n, suffix);
        json.close();
    }
    json.close();
    json.bool("merged", state.merged.is_some());
    json.null("mergeable");
    match state.merged_by {
        Some(m) => small_user(json, "merged_by", world, m),
        None => json.null("merged_by"),
    }
    json.num("comments", state.comments);
    json.num("commits", 1 + rng.geometric(50, 30));
    json.num("additions", rng.log_spread(1, 3000));
    json.num("deletions", rng.log_spread(1, 1000) - 1);
    json.num("changed_files", 1 + rng.geometric(60, 40));
    json.close();
}

fn small_user(json: &mut Json, key: &str, world: &World, who: usize) {
    let account = &world.accounts[who];
    json.open(key);
    json.str("login", &account.login);
    json.num("id", account.id);
    // 2012-era avatars were gravatar URLs keyed by the same hash as `gravatar_id`.
    cat!(json, "avatar_url", "https://secure.gravatar.com/avatar/", hex_string(account.profile, 32));
    json.begin_str("gravatar_id");
    put_hex(&mut json.buf, account.profile, 32);
    json.end_str();
    cat!(json, "url", "https://api.github.com/users/", account.login);
    json.close();
}
