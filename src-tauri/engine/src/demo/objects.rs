//! The REST API objects events embed: users, full repositories, labels, reactions.
//!
//! Full repository and user objects are most of a real event's bytes (a pull request event
//! carries two repositories and half a dozen users), so they are reproduced field for field.

use std::borrow::Cow;

use super::json::{Json, TimeStyle, cat, new_node_id, node_id};
use super::rng::{Rng, mix};
use super::words::{LABELS, LICENSES, VOCABULARY};
use super::world::{Account, AccountKind, World};

pub(super) const API_REPOS: &str = "https://api.github.com/repos/";
pub(super) const API_USERS: &str = "https://api.github.com/users/";
pub(super) const AVATARS: &str = "https://avatars.githubusercontent.com/u/";
pub(super) const WEB: &str = "https://github.com/";

/// A repository as seen at one moment: its name then, and its counters then.
pub(super) struct RepoView<'a> {
    pub(super) index: usize,
    pub(super) id: u64,
    pub(super) owner: &'a Account,
    pub(super) name: &'a str,
    pub(super) full_name: Cow<'a, str>,
    pub(super) fork: bool,
    pub(super) created: i64,
    pub(super) updated: i64,
    pub(super) pushed: i64,
    pub(super) stars: u64,
    pub(super) forks: u64,
    pub(super) open_issues: u64,
    pub(super) size: u64,
}

impl<'a> RepoView<'a> {
    pub(super) fn of(world: &'a World, repo: usize, time: i64) -> Self {
        let (full_name, name) = world.names_at(repo, time);
        let r = &world.repos[repo];
        let stars = world.stars(repo, time);
        let created = world.created_at(repo, time);
        RepoView {
            index: repo,
            id: r.id,
            owner: world.owner(repo),
            name,
            full_name: Cow::Borrowed(full_name),
            fork: false,
            created,
            updated: time - (r.seed % 7200) as i64,
            pushed: time - (r.seed % 900) as i64,
            stars,
            forks: stars / (3 + r.seed % 9),
            open_issues: (stars / 40).min(3000) + r.seed % 30,
            size: 40 + r.seed % 90_000 + ((time - created) / 86_400).max(0) as u64 * (r.seed % 7),
        }
    }

    /// `owner`'s fork of `repo`, created at `created`.
    pub(super) fn fork_of(world: &'a World, repo: usize, owner: usize, time: i64, created: i64) -> Self {
        let base = RepoView::of(world, repo, time);
        let owner = &world.accounts[owner];
        let id = 800_000_000 + mix(&[world.seed, 6, base.id, owner.id]) % 100_000_000;
        RepoView {
            id,
            full_name: Cow::Owned(format!("{}/{}", owner.login, base.name)),
            owner,
            fork: true,
            created,
            updated: created.max(time - 86_400),
            pushed: time,
            stars: 0,
            forks: 0,
            open_issues: 0,
            ..base
        }
    }
}

/// The short actor object of the Events API envelope.
pub(super) fn actor(json: &mut Json, key: &str, account: &Account) {
    json.open(key);
    json.num("id", account.id);
    json.str("login", &account.login);
    json.str("display_login", account.display_login());
    json.str("gravatar_id", "");
    cat!(json, "url", API_USERS, account.login);
    cat!(json, "avatar_url", AVATARS, account.id, "?");
    json.close();
}

/// The envelope's `org` object.
pub(super) fn org(json: &mut Json, account: &Account) {
    json.open("org");
    json.num("id", account.id);
    json.str("login", &account.login);
    json.str("gravatar_id", "");
    cat!(json, "url", "https://api.github.com/orgs/", account.login);
    cat!(json, "avatar_url", AVATARS, account.id, "?");
    json.close();
}

/// A full REST user object.
pub(super) fn user(json: &mut Json, key: &str, account: &Account) {
    json.open(key);
    user_fields(json, account);
    json.close();
}

/// A full user object as an array element.
pub(super) fn user_item(json: &mut Json, account: &Account) {
    json.open_item();
    user_fields(json, account);
    json.close();
}

fn user_fields(json: &mut Json, account: &Account) {
    let login = &account.login;
    json.str("login", login);
    json.num("id", account.id);
    let (prefix, kind) = match account.kind {
        AccountKind::User => ("04:User", "User"),
        AccountKind::Bot => ("03:Bot", "Bot"),
        AccountKind::Organization => ("012:Organization", "Organization"),
    };
    node_id(json, prefix, account.id);
    cat!(json, "avatar_url", AVATARS, account.id, "?v=4");
    json.str("gravatar_id", "");
    cat!(json, "url", API_USERS, login);
    if account.kind == AccountKind::Bot {
        cat!(json, "html_url", WEB, "apps/", account.display_login());
    } else {
        cat!(json, "html_url", WEB, login);
    }
    for (key, suffix) in USER_URLS {
        cat!(json, key, API_USERS, login, suffix);
    }
    json.str("type", kind);
    json.bool("site_admin", false);
}

const USER_URLS: &[(&str, &str)] = &[
    ("followers_url", "/followers"),
    ("following_url", "/following{/other_user}"),
    ("gists_url", "/gists{/gist_id}"),
    ("starred_url", "/starred{/owner}{/repo}"),
    ("subscriptions_url", "/subscriptions"),
    ("organizations_url", "/orgs"),
    ("repos_url", "/repos"),
    ("events_url", "/events{/privacy}"),
    ("received_events_url", "/received_events"),
];

const REPO_URLS: &[(&str, &str)] = &[
    ("forks_url", "/forks"),
    ("keys_url", "/keys{/key_id}"),
    ("collaborators_url", "/collaborators{/collaborator}"),
    ("teams_url", "/teams"),
    ("hooks_url", "/hooks"),
    ("issue_events_url", "/issues/events{/number}"),
    ("events_url", "/events"),
    ("assignees_url", "/assignees{/user}"),
    ("branches_url", "/branches{/branch}"),
    ("tags_url", "/tags"),
    ("blobs_url", "/git/blobs{/sha}"),
    ("git_tags_url", "/git/tags{/sha}"),
    ("git_refs_url", "/git/refs{/sha}"),
    ("trees_url", "/git/trees{/sha}"),
    ("statuses_url", "/statuses/{sha}"),
    ("languages_url", "/languages"),
    ("stargazers_url", "/stargazers"),
    ("contributors_url", "/contributors"),
    ("subscribers_url", "/subscribers"),
    ("subscription_url", "/subscription"),
    ("commits_url", "/commits{/sha}"),
    ("git_commits_url", "/git/commits{/sha}"),
    ("comments_url", "/comments{/number}"),
    ("issue_comment_url", "/issues/comments{/number}"),
    ("contents_url", "/contents/{+path}"),
    ("compare_url", "/compare/{base}...{head}"),
    ("merges_url", "/merges"),
    ("archive_url", "/{archive_format}{/ref}"),
    ("downloads_url", "/downloads"),
    ("issues_url", "/issues{/number}"),
    ("pulls_url", "/pulls{/number}"),
    ("milestones_url", "/milestones{/number}"),
    ("notifications_url", "/notifications{?since,all,participating}"),
    ("labels_url", "/labels{/name}"),
    ("releases_url", "/releases{/id}"),
    ("deployments_url", "/deployments"),
];

/// A full REST repository object. `public` adds the `"public": true` field that only fork
/// events' `forkee` carries.
pub(super) fn repository(json: &mut Json, key: &str, world: &World, view: &RepoView<'_>, public: bool) {
    let repo = &world.repos[view.index];
    let full = view.full_name.as_ref();
    json.open(key);
    json.num("id", view.id);
    if view.id < 400_000_000 {
        node_id(json, "010:Repository", view.id);
    } else {
        new_node_id(json, "R", view.id, view.id);
    }
    json.str("name", view.name);
    json.str("full_name", full);
    json.bool("private", false);
    user(json, "owner", view.owner);
    cat!(json, "html_url", WEB, full);
    json.opt_str("description", repo.description.as_deref());
    json.bool("fork", view.fork);
    cat!(json, "url", API_REPOS, full);
    for (key, suffix) in REPO_URLS {
        cat!(json, key, API_REPOS, full, suffix);
    }
    json.time("created_at", view.created, TimeStyle::Utc);
    json.time("updated_at", view.updated, TimeStyle::Utc);
    json.time("pushed_at", view.pushed, TimeStyle::Utc);
    cat!(json, "git_url", "git://github.com/", full, ".git");
    cat!(json, "ssh_url", "git@github.com:", full, ".git");
    cat!(json, "clone_url", WEB, full, ".git");
    cat!(json, "svn_url", WEB, full);
    if repo.homepage {
        cat!(json, "homepage", "https://", view.owner.login, ".github.io/", view.name);
    } else if repo.seed.is_multiple_of(2) {
        json.null("homepage");
    } else {
        json.str("homepage", "");
    }
    json.num("size", view.size);
    json.num("stargazers_count", view.stars);
    json.num("watchers_count", view.stars);
    json.opt_str("language", repo.language);
    json.bool("has_issues", true);
    json.bool("has_projects", !repo.seed.is_multiple_of(5));
    json.bool("has_downloads", true);
    json.bool("has_wiki", !repo.seed.is_multiple_of(3));
    json.bool("has_pages", repo.homepage);
    json.bool("has_discussions", repo.seed.is_multiple_of(11));
    json.num("forks_count", view.forks);
    json.null("mirror_url");
    json.bool("archived", false);
    json.bool("disabled", false);
    json.num("open_issues_count", view.open_issues);
    match repo.license {
        Some(l) => {
            let (spdx_key, name, spdx) = LICENSES[l];
            json.open("license");
            json.str("key", spdx_key);
            json.str("name", name);
            json.str("spdx_id", spdx);
            if spdx_key == "other" {
                json.null("url");
            } else {
                cat!(json, "url", "https://api.github.com/licenses/", spdx_key);
            }
            node_id(json, "07:License", l as u64 + 1);
            json.close();
        }
        None => json.null("license"),
    }
    json.bool("allow_forking", true);
    json.bool("is_template", false);
    json.bool("web_commit_signoff_required", false);
    topics(json, repo.seed);
    json.str("visibility", "public");
    json.num("forks", view.forks);
    json.num("open_issues", view.open_issues);
    json.num("watchers", view.stars);
    json.str("default_branch", repo.default_branch);
    if public {
        json.bool("public", true);
    }
    json.close();
}

fn topics(json: &mut Json, seed: u64) {
    json.open_array("topics");
    let mut rng = Rng::new(seed);
    if rng.percent(35) {
        for _ in 0..rng.range(1, 6) {
            let word = rng.pick(VOCABULARY);
            if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                json.str_value(word);
            }
        }
    }
    json.close_array();
}

/// A `labels` array with up to `max` of GitHub's default labels.
pub(super) fn labels(json: &mut Json, rng: &mut Rng, full_name: &str, repo_id: u64, max: u64) {
    json.open_array("labels");
    let count = rng.geometric(30, max);
    let first = rng.index(LABELS.len());
    for k in 0..count as usize {
        let (name, color, description) = LABELS[(first + k) % LABELS.len()];
        json.open_item();
        let id = 1_000_000_000 + mix(&[repo_id, (first + k) as u64]) % 6_000_000_000;
        json.num("id", id);
        new_node_id(json, "LA", repo_id, id);
        json.begin_str("url");
        json.buf.extend_from_slice(API_REPOS.as_bytes());
        json.buf.extend_from_slice(full_name.as_bytes());
        json.buf.extend_from_slice(b"/labels/");
        json.buf.extend_from_slice(name.replace(' ', "%20").as_bytes());
        json.end_str();
        json.str("name", name);
        json.str("color", color);
        json.bool("default", true);
        json.str("description", description);
        json.close();
    }
    json.close_array();
}

/// A `reactions` object; most things have none.
pub(super) fn reactions(json: &mut Json, rng: &mut Rng, url_head: &str, url_tail: &[u8]) {
    json.open("reactions");
    json.begin_str("url");
    json.buf.extend_from_slice(url_head.as_bytes());
    json.buf.extend_from_slice(url_tail);
    json.buf.extend_from_slice(b"/reactions");
    json.end_str();
    let counts: [u64; 8] = if rng.percent(85) {
        [0; 8]
    } else {
        std::array::from_fn(|i| if i < 2 || rng.percent(25) { rng.geometric(50, 30) } else { 0 })
    };
    json.num("total_count", counts.iter().sum());
    for (key, count) in ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"].iter().zip(counts) {
        json.num(key, count);
    }
    json.close();
}

/// How GitHub describes `account`'s relation to the repository.
pub(super) fn association(world: &World, repo: usize, account: usize) -> &'static str {
    if world.repos[repo].owner == account {
        return "OWNER";
    }
    if world.accounts[account].kind == AccountKind::Bot {
        return "CONTRIBUTOR";
    }
    if (0..4).any(|k| world.team_member(repo, k) == account) {
        return if world.org_owned(repo) { "MEMBER" } else { "COLLABORATOR" };
    }
    match mix(&[world.seed, 7, world.repos[repo].id, account as u64]) % 10 {
        0..=3 => "CONTRIBUTOR",
        4 => "FIRST_TIME_CONTRIBUTOR",
        _ => "NONE",
    }
}
