//! The sample population: people, organisations, bots and repositories.
//!
//! It depends only on the seed and the population sizes, never on the hour, so every hour of a
//! workspace talks about the same repositories and people. Values that change over time (stars,
//! issue numbers) are linear functions of the event time anchored at [`super::DEMO_START`].

use std::collections::HashSet;

use super::json::hex_string;
use super::rng::{Exponent, Rng, Zipf, mix};
use super::text::{Text, Voice};
use super::words::{FIRST_NAMES, LANGUAGES, LAST_NAMES, LICENSES, ORG_SUFFIXES, REPO_SUFFIXES, VOCABULARY};
use super::{DEMO_START, FEATURED_REPOSITORIES, RENAMED_AT, RENAMED_FROM, SampleConfig};

/// What kind of GitHub account this is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum AccountKind {
    User,
    Bot,
    Organization,
}

pub(super) struct Account {
    pub(super) id: u64,
    pub(super) login: String,
    /// The display name ("Jane Doe"); bots and organisations use their login or brand.
    pub(super) name: String,
    /// The address commits are authored with.
    pub(super) email: String,
    pub(super) kind: AccountKind,
    pub(super) voice: Voice,
    /// Seeds the profile fields only the 2012-2014 timeline shows (company, location, blog).
    pub(super) profile: u64,
}

impl Account {
    /// The login without a `[bot]` suffix, as `display_login` and app URLs show it.
    pub(super) fn display_login(&self) -> &str {
        self.login.strip_suffix("[bot]").unwrap_or(&self.login)
    }
}

pub(super) struct Repo {
    pub(super) id: u64,
    /// Index into [`World::accounts`].
    pub(super) owner: usize,
    pub(super) name: String,
    pub(super) full_name: String,
    pub(super) description: Option<String>,
    pub(super) language: Option<&'static str>,
    pub(super) license: Option<usize>,
    pub(super) homepage: bool,
    pub(super) default_branch: &'static str,
    /// Unix seconds when the repository was created (before any event in the usual range).
    pub(super) created: i64,
    /// Seeds stable per-repository details such as topics.
    pub(super) seed: u64,
    /// Issue and pull request numbers handed out per 1,000 hours.
    number_rate: u64,
    number_base: u64,
    /// Stars gained per 1,000 hours.
    star_rate: u64,
    star_base: u64,
}

/// How often an event is about the same repository as the one before it, in percent.
const BURST_PERCENT: u32 = 30;

/// Bot accounts: login, id, the voice its commits use, and how often it comments relative to
/// the others. Five are GitHub Apps (`[bot]` logins); the last two are ordinary user accounts
/// run by scripts, which a loader cannot tell from people by their login.
const BOTS: [(&str, u64, Voice, u32); 7] = [
    ("dependabot[bot]", 49_699_333, Voice::Dependabot, 15),
    ("github-actions[bot]", 41_898_282, Voice::Actions, 30),
    ("renovate[bot]", 29_139_614, Voice::Renovate, 10),
    ("pre-commit-ci[bot]", 66_853_113, Voice::OtherBot, 5),
    ("codecov[bot]", 22_429_695, Voice::OtherBot, 25),
    ("renovate-bot", 25_180_681, Voice::Renovate, 5),
    ("k8s-ci-robot", 20_407_524, Voice::OtherBot, 10),
];

/// Bots by role, as indices into [`BOTS`].
pub(super) const DEPENDABOT: usize = 0;
pub(super) const ACTIONS: usize = 1;
pub(super) const RENOVATE: usize = 2;
pub(super) const PRE_COMMIT: usize = 3;
pub(super) const RENOVATE_USER: usize = 5;
pub(super) const K8S_ROBOT: usize = 6;

/// The people who own featured repositories: (login, name).
const FEATURED_PEOPLE: &[(&str, &str)] = &[("jdoe", "Jane Doe"), ("mira-chen", "Mira Chen"), ("kaito-s", "Kaito Sato")];

/// Featured organisations: (login, display name).
const FEATURED_ORGS: &[(&str, &str)] = &[
    ("acme", "Acme Corp"),
    ("octo-org", "Octo Org"),
    ("nimbus-labs", "Nimbus Labs"),
    ("pixel-forge", "Pixel Forge"),
    ("openfield", "OpenField"),
    ("river-db", "RiverDB"),
    ("helios-ai", "Helios AI"),
];

pub(super) struct World {
    pub(super) accounts: Vec<Account>,
    /// `accounts[..humans]` are people.
    pub(super) humans: usize,
    /// `accounts[bots..]` are bots.
    pub(super) bots: usize,
    pub(super) repos: Vec<Repo>,
    pub(super) text: Text,
    pub(super) seed: u64,
    repo_pick: Zipf,
    human_pick: Zipf,
}

impl World {
    pub(super) fn new(config: &SampleConfig) -> Self {
        let seed = config.seed;
        let text = Text::new();
        let humans = (config.actors as usize).max(FEATURED_PEOPLE.len() + 1);
        let orgs = (config.repositories as usize / 8).max(FEATURED_ORGS.len() + 2);
        let repo_count = (config.repositories as usize).max(FEATURED_REPOSITORIES.len() + 1);
        let ascii_words: Vec<&'static str> = VOCABULARY
            .iter()
            .copied()
            .filter(|w| w.len() > 2 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            .collect();

        // Featured organisation logins are reserved up front so no generated person takes one.
        let mut logins: HashSet<String> = FEATURED_ORGS.iter().map(|o| o.0.to_owned()).collect();
        let mut accounts = Vec::with_capacity(humans + orgs + BOTS.len());
        let spacing = 160_000_000 / (humans + orgs) as u64;
        for i in 0..humans + orgs {
            let mut rng = Rng::keyed(&[seed, 1, i as u64]);
            let mut id = 1_000 + i as u64 * spacing + rng.below(spacing);
            if BOTS.iter().any(|b| b.1 == id) {
                id += 1;
            }
            let account = if i < humans {
                person(&mut rng, i, id, &ascii_words)
            } else {
                organisation(&mut rng, i - humans, id, &ascii_words)
            };
            let featured_org = i >= humans && i - humans < FEATURED_ORGS.len();
            accounts.push(if featured_org { account } else { unique_login(account, &mut logins, &mut rng) });
        }
        for (login, id, voice, _) in BOTS {
            let kind = if login.ends_with("[bot]") { AccountKind::Bot } else { AccountKind::User };
            let email = format!("{id}+{login}@users.noreply.github.com");
            let name = login.to_owned();
            accounts.push(Account { id, login: login.to_owned(), name, email, kind, voice, profile: id });
        }

        let repo_pick = Zipf::new(repo_count, 2.0, Exponent::NineEighths);
        let mut names = HashSet::new();
        let mut repos = Vec::with_capacity(repo_count);
        let repo_spacing = 780_000_000 / repo_count as u64;
        for r in 0..repo_count {
            let mut rng = Rng::keyed(&[seed, 2, r as u64]);
            let id = 10_000 + r as u64 * repo_spacing + rng.below(repo_spacing);
            let (owner, name) = match FEATURED_REPOSITORIES.get(r) {
                Some(full) => {
                    let (owner, name) = full.split_once('/').unwrap_or(("acme", full));
                    let index = accounts.iter().position(|a| a.login == owner).unwrap_or(humans);
                    (index, name.to_owned())
                }
                None => {
                    let owner = if rng.percent(35) { humans + rng.index(orgs) } else { rng.index(humans) };
                    (owner, repo_name(&mut rng, &ascii_words, &accounts[owner].login))
                }
            };
            let mut full_name = format!("{}/{}", accounts[owner].login, name);
            let mut name = name;
            while !names.insert(full_name.clone()) {
                name = format!("{name}-{}", rng.range(2, 99));
                full_name = format!("{}/{}", accounts[owner].login, name);
            }
            let share = repo_pick.share(r);
            let hourly = f64::from(config.events_per_hour) * share;
            let description = rng.percent(80).then(|| {
                let mut buf = Vec::new();
                text.description(&mut rng, &mut buf);
                String::from_utf8(buf).unwrap_or_default()
            });
            let language = rng.percent(88).then(|| {
                let weights: Vec<u32> = LANGUAGES.iter().map(|l| l.1).collect();
                LANGUAGES[rng.weighted(&weights)].0
            });
            let age_days = if r < FEATURED_REPOSITORIES.len() { 400 + rng.below(2500) } else { 1 + rng.below(4000) };
            repos.push(Repo {
                id,
                owner,
                name,
                full_name,
                description,
                language,
                license: rng.percent(60).then(|| rng.index(LICENSES.len())),
                homepage: rng.percent(25),
                default_branch: if rng.percent(75) { "main" } else { "master" },
                created: DEMO_START.start() - age_days as i64 * 86_400 - rng.below(86_400) as i64,
                seed: rng.next_u64(),
                // About six in a hundred events open an issue or pull request; numbers advance a
                // little faster so that two "opened" events rarely land on the same number.
                number_rate: ((hourly * 90.0) as u64).max(3),
                number_base: 1 + age_days * rng.range(1, 20) / 10,
                star_rate: ((hourly * 70.0) as u64).max(1),
                star_base: rng.below(40) + (age_days as f64 * hourly * 0.5) as u64,
            });
        }
        let bots = humans + orgs;
        World {
            accounts,
            humans,
            bots,
            repos,
            text,
            seed,
            repo_pick,
            human_pick: Zipf::new(humans, 20.0, Exponent::ThreeQuarters),
        }
    }

    /// A repository index, popular ones far more often.
    pub(super) fn pick_repo(&self, rng: &mut Rng) -> usize {
        self.repo_pick.sample(rng)
    }

    /// A repository for the event after one about `previous`: activity comes in bursts (a push,
    /// then the pull request, then its merge), so the same repository often follows itself.
    pub(super) fn pick_repo_after(&self, rng: &mut Rng, previous: Option<usize>) -> usize {
        match previous {
            Some(repo) if rng.percent(BURST_PERCENT) => repo,
            _ => self.pick_repo(rng),
        }
    }

    /// Any person, active ones more often.
    pub(super) fn pick_human(&self, rng: &mut Rng) -> usize {
        self.human_pick.sample(rng)
    }

    /// The bot with the given index into the bot table.
    pub(super) fn bot(&self, which: usize) -> usize {
        self.bots + which.min(BOTS.len() - 1)
    }

    /// Any bot account.
    pub(super) fn pick_bot(&self, rng: &mut Rng) -> usize {
        self.bots + rng.weighted(&BOTS.map(|b| b.3))
    }

    /// The `k`-th regular contributor of a repository: its owner first when a person owns it.
    pub(super) fn team_member(&self, repo: usize, k: u64) -> usize {
        let owner = self.repos[repo].owner;
        if k == 0 && owner < self.humans {
            return owner;
        }
        (mix(&[self.seed, 3, self.repos[repo].id, k]) % self.humans as u64) as usize
    }

    /// Someone who works on the repository: mostly its regular contributors.
    pub(super) fn pick_contributor(&self, rng: &mut Rng, repo: usize) -> usize {
        if rng.percent(65) { self.team_member(repo, rng.geometric(55, 9)) } else { self.pick_human(rng) }
    }

    /// The repository's full name and short name at `time` (one featured repository is renamed).
    pub(super) fn names_at(&self, repo: usize, time: i64) -> (&str, &str) {
        let r = &self.repos[repo];
        if repo == 0 && time < RENAMED_AT.start() {
            let short = RENAMED_FROM.split_once('/').map_or(RENAMED_FROM, |(_, n)| n);
            return (RENAMED_FROM, short);
        }
        (&r.full_name, &r.name)
    }

    /// The repository's creation time as shown at `time`: never less than a month earlier, so
    /// years before the population's anchor still see plausible repositories.
    pub(super) fn created_at(&self, repo: usize, time: i64) -> i64 {
        let r = &self.repos[repo];
        r.created.min(time - 86_400 * (30 + (r.seed % 300) as i64))
    }

    /// The highest issue or pull request number at `time`.
    pub(super) fn latest_number(&self, repo: usize, time: i64) -> u64 {
        let r = &self.repos[repo];
        let grown = (time - DEMO_START.start()) as i128 * i128::from(r.number_rate) / 3_600_000;
        (r.number_base as i128 + grown).max(1) as u64
    }

    /// When number `n` was opened: the inverse of [`World::latest_number`], so a pull request
    /// keeps one creation time across all the hours that mention it.
    pub(super) fn opened_at(&self, repo: usize, number: u64) -> i64 {
        let r = &self.repos[repo];
        let offset = (number as i128 - r.number_base as i128) * 3_600_000 / i128::from(r.number_rate);
        DEMO_START.start() + offset as i64
    }

    /// Whether number `n` of the repository is a pull request rather than an issue.
    pub(super) fn is_pull(&self, repo: usize, number: u64) -> bool {
        mix(&[self.seed, 4, self.repos[repo].id, number]) % 100 < 62
    }

    /// Stars at `time`: growing linearly from the anchor on, and in proportion to the
    /// repository's age before it (so 2013 hours show smaller, not zero, counts).
    pub(super) fn stars(&self, repo: usize, time: i64) -> u64 {
        let r = &self.repos[repo];
        let anchor = DEMO_START.start();
        if time >= anchor {
            return r.star_base + ((time - anchor) as u128 * u128::from(r.star_rate) / 3_600_000) as u64;
        }
        let created = self.created_at(repo, time);
        let lived = (time - created).max(0) as u128;
        (u128::from(r.star_base) * lived / (anchor - created).max(1) as u128) as u64
    }

    /// Whether the repository belongs to an organisation.
    pub(super) fn org_owned(&self, repo: usize) -> bool {
        self.accounts[self.repos[repo].owner].kind == AccountKind::Organization
    }

    pub(super) fn owner(&self, repo: usize) -> &Account {
        &self.accounts[self.repos[repo].owner]
    }
}

/// Lower-case ASCII for logins and e-mail local parts (names carry a few accents).
fn ascii_fold(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'å' | 'ä' => Some('a'),
            'é' | 'ë' | 'è' => Some('e'),
            'í' | 'ï' => Some('i'),
            'ó' | 'ö' | 'ø' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ñ' => Some('n'),
            'ć' => Some('c'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn person(rng: &mut Rng, index: usize, id: u64, words: &[&'static str]) -> Account {
    let (login, name) = match FEATURED_PEOPLE.get(index) {
        Some(&(login, name)) => (login.to_owned(), name.to_owned()),
        None => {
            let first = *rng.pick(FIRST_NAMES);
            let last = *rng.pick(LAST_NAMES);
            let (f, l) = (ascii_fold(first), ascii_fold(last));
            let login = match rng.below(9) {
                0 | 1 => format!("{f}{l}"),
                2 => format!("{f}-{l}"),
                3 => format!("{}{l}", f.get(..1).unwrap_or("x")),
                4 => format!("{f}{}", rng.range(1, 9999)),
                5 => format!("{}-{}", rng.pick(words), rng.pick(words)),
                6 => format!("{l}{}", f.get(..1).unwrap_or("x")),
                7 => format!("{}{}", rng.pick(words), rng.range(1, 999)),
                _ => format!("{f}-{}", rng.pick(words)),
            };
            let name = if rng.percent(75) { format!("{first} {last}") } else { login.clone() };
            (login, name)
        }
    };
    let email = match rng.below(20) {
        0..=7 => {
            let domain = rng.pick(&["example.com", "example.org", "example.net", "mail.example.com"]);
            let parts: Vec<String> = name.split(' ').map(ascii_fold).collect();
            let local = if parts.len() == 2 && rng.percent(70) { parts.join(".") } else { login.clone() };
            format!("{local}@{domain}")
        }
        8..=14 => format!("{id}+{login}@users.noreply.github.com"),
        15..=16 => format!("{login}@users.noreply.github.com"),
        _ => format!("{}@users.noreply.github.com", hex_string(rng.next_u64(), 40)),
    };
    Account { id, login, name, email, kind: AccountKind::User, voice: Voice::Human, profile: rng.next_u64() }
}

fn organisation(rng: &mut Rng, index: usize, id: u64, words: &[&'static str]) -> Account {
    let (login, name) = match FEATURED_ORGS.get(index) {
        Some(&(login, name)) => (login.to_owned(), name.to_owned()),
        None => {
            let login = match rng.below(3) {
                0 => format!("{}{}", rng.pick(words), rng.pick(ORG_SUFFIXES)),
                1 => format!("{}-{}", rng.pick(words), rng.pick(words)),
                _ => rng.pick(words).to_string(),
            };
            let mut name = login.replace('-', " ");
            if let Some(first) = name.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            (login, name)
        }
    };
    let email = format!("{id}+{login}@users.noreply.github.com");
    Account { id, login, name, email, kind: AccountKind::Organization, voice: Voice::Human, profile: rng.next_u64() }
}

/// Appends digits to a login until it is unique, as later sign-ups must.
fn unique_login(mut account: Account, taken: &mut HashSet<String>, rng: &mut Rng) -> Account {
    let base = account.login.clone();
    while !taken.insert(account.login.clone()) {
        account.login = format!("{base}{}", rng.range(1, 9999));
    }
    if account.name == base && account.kind == AccountKind::User {
        account.name = account.login.clone();
    }
    account
}

fn repo_name(rng: &mut Rng, words: &[&'static str], owner: &str) -> String {
    match rng.below(20) {
        0 => "dotfiles".to_owned(),
        1 => format!("{owner}.github.io"),
        2 => format!("awesome-{}", rng.pick(words)),
        3 => owner.to_owned(),
        4..=8 => format!("{}-{}", rng.pick(words), rng.pick(words)),
        _ => format!("{}{}", rng.pick(words), rng.pick(REPO_SUFFIXES)),
    }
}
