//! Prose: commit messages, titles, markdown bodies, descriptions.
//!
//! Everything is appended to a buffer already JSON-escaped (the word lists contain no quotes or
//! backslashes; line breaks are written as `\n` / `\r\n` escapes, as GitHub stores them).

use super::json::{Sha, put_u64};
use super::rng::{Exponent, Rng, Zipf};
use super::words::{PACKAGES, PATHS, PHRASES, PREFIXES, VERBS, VOCABULARY};

/// The first entries of the vocabulary are function words, which read badly at the end of a
/// phrase.
const FUNCTION_WORDS: usize = 19;

/// Which kind of author writes a commit message; bots write their own formulaic ones.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Voice {
    Human,
    Dependabot,
    Renovate,
    Actions,
    OtherBot,
}

/// The word distribution, built once per generated hour.
pub(super) struct Text {
    words: Zipf,
}

impl Text {
    pub(super) fn new() -> Self {
        Text { words: Zipf::new(VOCABULARY.len(), 1.5, Exponent::One) }
    }

    pub(super) fn word(&self, rng: &mut Rng) -> &'static str {
        VOCABULARY[self.words.sample(rng)]
    }

    /// A word that can end a phrase: not one of the leading function words ("the", "to").
    pub(super) fn content_word(&self, rng: &mut Rng) -> &'static str {
        let index = self.words.sample(rng);
        if index >= FUNCTION_WORDS {
            return VOCABULARY[index];
        }
        VOCABULARY[FUNCTION_WORDS + rng.index(VOCABULARY.len() - FUNCTION_WORDS) / 4]
    }

    /// `count` words separated by spaces.
    pub(super) fn words(&self, rng: &mut Rng, buf: &mut Vec<u8>, count: u64) {
        for i in 0..count {
            if i > 0 {
                buf.push(b' ');
            }
            self.decorated_word(rng, buf);
        }
    }

    /// A word, now and then dressed as code, a path, a number or a version the way real
    /// messages mention them.
    fn decorated_word(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        match rng.below(40) {
            5..=13 => buf.extend_from_slice(rng.pick(PHRASES).as_bytes()),
            0 => {
                buf.push(b'`');
                buf.extend_from_slice(self.word(rng).as_bytes());
                buf.push(b'_');
                buf.extend_from_slice(self.word(rng).as_bytes());
                buf.extend_from_slice(b"()`");
            }
            1 => buf.extend_from_slice(rng.pick(PATHS).as_bytes()),
            2 => {
                let limit = if rng.percent(50) { 100 } else { 100_000 };
                put_u64(buf, rng.below(limit));
            }
            3 => put_version(rng, buf),
            _ => buf.extend_from_slice(self.word(rng).as_bytes()),
        }
    }

    /// A sentence of `min..=max` words, capitalised, ending with a full stop.
    pub(super) fn sentence(&self, rng: &mut Rng, buf: &mut Vec<u8>, min: u64, max: u64) {
        let start = buf.len();
        let count = rng.range(min, max);
        for i in 0..count {
            if i > 0 {
                buf.extend_from_slice(if rng.percent(6) { b", " } else { b" " });
            }
            self.decorated_word(rng, buf);
        }
        if let Some(first) = buf.get_mut(start) {
            first.make_ascii_uppercase();
        }
        buf.push(if rng.percent(8) { b'?' } else { b'.' });
    }

    /// A short imperative title: "Fix cache key when path is empty".
    pub(super) fn title(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        if rng.percent(25) {
            buf.extend_from_slice(rng.pick(PREFIXES).as_bytes());
        }
        buf.extend_from_slice(rng.pick(VERBS).as_bytes());
        buf.push(b' ');
        buf.extend_from_slice(self.content_word(rng).as_bytes());
        let count = rng.geometric(75, 12);
        if count > 0 {
            buf.push(b' ');
            self.words(rng, buf, count);
            buf.push(b' ');
            buf.extend_from_slice(self.content_word(rng).as_bytes());
        }
    }

    /// An issue title, phrased as a report or a request.
    pub(super) fn issue_title(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        let lead: &[u8] = match rng.below(6) {
            0 => b"[Bug] ",
            1 => b"Feature request: ",
            2 => b"Question: ",
            _ => b"",
        };
        buf.extend_from_slice(lead);
        let start = buf.len();
        let count = 2 + rng.geometric(75, 12);
        self.words(rng, buf, count);
        if let Some(first) = buf.get_mut(start) {
            first.make_ascii_uppercase();
        }
        if rng.percent(30) {
            buf.extend_from_slice(b" when ");
            let count = 2 + rng.below(5);
            self.words(rng, buf, count);
        }
    }

    /// A commit message in the given voice, with a body and trailers now and then.
    pub(super) fn commit_message(&self, rng: &mut Rng, buf: &mut Vec<u8>, voice: Voice) {
        match voice {
            Voice::Dependabot | Voice::Renovate => {
                let package = *rng.pick(PACKAGES);
                if voice == Voice::Renovate {
                    buf.extend_from_slice(b"chore(deps): update dependency ");
                    buf.extend_from_slice(package.as_bytes());
                    buf.extend_from_slice(b" to v");
                    put_version(rng, buf);
                    return;
                }
                bump_line(rng, buf, package);
                buf.extend_from_slice(b"\\n\\nBumps ");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(b" from ");
                put_version(rng, buf);
                buf.extend_from_slice(b" to ");
                put_version(rng, buf);
                buf.extend_from_slice(b".\\n\\n---\\nupdated-dependencies:\\n- dependency-name: ");
                buf.extend_from_slice(package.as_bytes());
                buf.extend_from_slice(
                    b"\\n  dependency-type: direct:production\\n  update-type: version-update:semver-",
                );
                buf.extend_from_slice(rng.pick(&["patch", "minor", "major"]).as_bytes());
                buf.extend_from_slice(b"\\n...\\n\\nSigned-off-by: dependabot[bot] <support@github.com>");
            }
            Voice::Actions => {
                let line: &[u8] = match rng.below(5) {
                    0 => b"deploy: ",
                    1 => b"Update generated files ",
                    2 => b"chore: update data ",
                    3 => b"Automated report ",
                    _ => b"Update README.md ",
                };
                buf.extend_from_slice(line);
                buf.extend_from_slice(Sha::random(rng).as_str().as_bytes());
            }
            Voice::OtherBot => {
                buf.extend_from_slice(b"[pre-commit.ci] auto fixes from pre-commit hooks\\n\\nfor more information, see https://pre-commit.ci");
            }
            Voice::Human => self.human_commit(rng, buf),
        }
    }

    fn human_commit(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        match rng.below(100) {
            0..=5 => {
                buf.extend_from_slice(b"Merge branch '");
                buf.extend_from_slice(rng.pick(&["main", "master", "develop", "dev"]).as_bytes());
                buf.extend_from_slice(b"' into ");
                self.branch(rng, buf);
                return;
            }
            6..=10 => {
                buf.extend_from_slice(rng.pick(SHORT_MESSAGES).as_bytes());
                return;
            }
            _ => {}
        }
        self.title(rng, buf);
        if rng.percent(18) {
            buf.extend_from_slice(b" (#");
            put_u64(buf, rng.range(1, 30_000));
            buf.push(b')');
        }
        if rng.percent(22) {
            buf.extend_from_slice(b"\\n\\n");
            let sentences = 1 + rng.geometric(45, 8);
            for i in 0..sentences {
                if i > 0 {
                    buf.extend_from_slice(if rng.percent(30) { b"\\n\\n" } else { b" " });
                }
                self.sentence(rng, buf, 4, 22);
            }
        }
    }

    /// A branch name: `feature/cache-keys`.
    pub(super) fn branch(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        let prefix = *rng.pick(super::words::BRANCH_PREFIXES);
        buf.extend_from_slice(prefix.as_bytes());
        if prefix == "patch-" {
            put_u64(buf, rng.range(1, 40));
            return;
        }
        let count = 1 + rng.below(3);
        for i in 0..count {
            if i > 0 {
                buf.push(b'-');
            }
            let word = self.word(rng);
            if word.is_ascii() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                buf.extend_from_slice(word.as_bytes());
            } else {
                buf.extend_from_slice(b"update");
            }
        }
    }

    /// A markdown body of roughly `scale` paragraphs: prose, lists, code and the occasional
    /// template heading, joined with `\r\n` as GitHub's web editor does.
    pub(super) fn markdown(&self, rng: &mut Rng, buf: &mut Vec<u8>, scale: u64) {
        let blocks = 1 + rng.geometric(55, scale.max(1) * 3);
        for i in 0..blocks {
            if i > 0 {
                buf.extend_from_slice(b"\\r\\n\\r\\n");
            }
            match rng.below(12) {
                0 => {
                    buf.extend_from_slice(b"### ");
                    buf.extend_from_slice(rng.pick(HEADINGS).as_bytes());
                    buf.extend_from_slice(b"\\r\\n\\r\\n");
                    self.sentence(rng, buf, 5, 25);
                }
                1 => {
                    let items = 2 + rng.below(4);
                    for n in 0..items {
                        if n > 0 {
                            buf.extend_from_slice(b"\\r\\n");
                        }
                        buf.extend_from_slice(rng.pick(&["- [x] ", "- [ ] ", "- ", "1. "]).as_bytes());
                        self.sentence(rng, buf, 3, 12);
                    }
                }
                2 => {
                    buf.extend_from_slice(b"```");
                    buf.extend_from_slice(rng.pick(&["", "rust", "python", "js", "console", "yaml"]).as_bytes());
                    let lines = 1 + rng.below(6);
                    for _ in 0..lines {
                        buf.extend_from_slice(b"\\r\\n");
                        self.code_line(rng, buf);
                    }
                    buf.extend_from_slice(b"\\r\\n```");
                }
                3 => {
                    buf.extend_from_slice(b"Fixes #");
                    put_u64(buf, rng.range(1, 20_000));
                }
                _ => {
                    let sentences = 1 + rng.geometric(60, 8);
                    for n in 0..sentences {
                        if n > 0 {
                            buf.push(b' ');
                        }
                        self.sentence(rng, buf, 3, 24);
                    }
                }
            }
        }
    }

    /// One line that looks like code or a log.
    fn code_line(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        match rng.below(4) {
            0 => {
                buf.extend_from_slice(b"let ");
                self.identifier(rng, buf);
                buf.extend_from_slice(b" = ");
                self.identifier(rng, buf);
                buf.extend_from_slice(b"(&");
                self.identifier(rng, buf);
                buf.extend_from_slice(b")?;");
            }
            1 => {
                buf.extend_from_slice(b"Error: ");
                let count = 3 + rng.below(6);
                self.words(rng, buf, count);
                buf.extend_from_slice(b" at ");
                buf.extend_from_slice(rng.pick(PATHS).as_bytes());
                buf.push(b':');
                put_u64(buf, rng.range(1, 900));
            }
            2 => {
                buf.extend_from_slice(b"$ ");
                buf.extend_from_slice(rng.pick(&["npm run ", "cargo ", "python -m ", "go ", "make "]).as_bytes());
                let count = 1 + rng.below(3);
                self.words(rng, buf, count);
            }
            _ => {
                buf.extend_from_slice(b"    ");
                self.identifier(rng, buf);
                buf.push(b'.');
                self.identifier(rng, buf);
                buf.extend_from_slice(b"(");
                put_u64(buf, rng.below(1000));
                buf.extend_from_slice(b")");
            }
        }
    }

    fn identifier(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        let mut first = true;
        for _ in 0..1 + rng.below(3) {
            let word = self.word(rng);
            if !word.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            if !first {
                buf.push(b'_');
            }
            buf.extend_from_slice(word.as_bytes());
            first = false;
        }
        if first {
            buf.extend_from_slice(b"value");
        }
    }

    /// A short review or issue comment.
    pub(super) fn comment(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        match rng.below(10) {
            0 => buf.extend_from_slice(rng.pick(SHORT_COMMENTS).as_bytes()),
            1..=6 => {
                let sentences = 1 + rng.geometric(50, 6);
                for n in 0..sentences {
                    if n > 0 {
                        buf.push(b' ');
                    }
                    self.sentence(rng, buf, 3, 20);
                }
            }
            _ => self.markdown(rng, buf, 1),
        }
    }

    /// A repository description: a phrase of a few words.
    pub(super) fn description(&self, rng: &mut Rng, buf: &mut Vec<u8>) {
        let start = buf.len();
        let count = 3 + rng.below(9);
        self.words(rng, buf, count);
        if let Some(first) = buf.get_mut(start) {
            first.make_ascii_uppercase();
        }
    }

    /// The body of a release: a changelog list.
    pub(super) fn release_notes(&self, rng: &mut Rng, buf: &mut Vec<u8>, login: &str, full_name: &str) {
        buf.extend_from_slice(b"## What's Changed\\r\\n");
        let items = 1 + rng.geometric(75, 25);
        for _ in 0..items {
            buf.extend_from_slice(b"* ");
            self.title(rng, buf);
            buf.extend_from_slice(b" by @");
            buf.extend_from_slice(login.as_bytes());
            buf.extend_from_slice(b" in https://github.com/");
            buf.extend_from_slice(full_name.as_bytes());
            buf.extend_from_slice(b"/pull/");
            put_u64(buf, rng.range(1, 9000));
            buf.extend_from_slice(b"\\r\\n");
        }
        buf.extend_from_slice(b"\\r\\n**Full Changelog**: https://github.com/");
        buf.extend_from_slice(full_name.as_bytes());
        buf.extend_from_slice(b"/compare/v");
        put_version(rng, buf);
        buf.extend_from_slice(b"...v");
        put_version(rng, buf);
    }
}

/// `Bump serde from 1.0.188 to 1.0.190`.
pub(super) fn bump_line(rng: &mut Rng, buf: &mut Vec<u8>, package: &str) {
    buf.extend_from_slice(b"Bump ");
    buf.extend_from_slice(package.as_bytes());
    buf.extend_from_slice(b" from ");
    put_version(rng, buf);
    buf.extend_from_slice(b" to ");
    put_version(rng, buf);
}

/// A semantic version: `1.0.188`.
pub(super) fn put_version(rng: &mut Rng, buf: &mut Vec<u8>) {
    put_u64(buf, rng.geometric(55, 20));
    buf.push(b'.');
    put_u64(buf, rng.below(40));
    buf.push(b'.');
    let limit = if rng.percent(80) { 12 } else { 250 };
    put_u64(buf, rng.below(limit));
}

#[rustfmt::skip]
const SHORT_MESSAGES: &[&str] = &[
    "Initial commit", "wip", "WIP", ".", "update", "Update README.md", "fix", "typo", "cleanup",
    "Add files via upload", "first commit", "minor changes", "more tests", "Update index.html",
    "Create README.md", "Delete test.txt", "save", "done", "lint", "fmt",
];

#[rustfmt::skip]
const SHORT_COMMENTS: &[&str] = &[
    "LGTM", "LGTM!", "Thanks!", "+1", "Same here.", "Any update on this?", "Closing as fixed.",
    "Nice catch, thanks.", "/retest", "Merged, thank you!", "I can reproduce this on main.",
    "@dependabot rebase", "Looks good to me :+1:", "Done.", "Fixed in the latest release.",
];

#[rustfmt::skip]
const HEADINGS: &[&str] = &[
    "Description", "Describe the bug", "To Reproduce", "Expected behavior", "Screenshots",
    "Environment", "Motivation", "Changes", "How has this been tested?", "Checklist",
    "Additional context", "Summary", "Test plan", "Related issues", "Proposed solution",
];
