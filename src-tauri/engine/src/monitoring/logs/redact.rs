//! Keeps secrets out of log lines. Two nets:
//!
//! - every [`crate::secrets::Secret`] registers a fingerprint (a hash, never the text) of
//!   itself, and any word of a line with a registered fingerprint is masked;
//! - patterns catch what looks like a credential whether or not this process has seen it:
//!   GitHub tokens, PEM private keys, bearer tokens, JWTs, a key file's `private_key`, and
//!   OAuth form fields.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{LazyLock, RwLock};

use regex::Regex;

pub const MASK: &str = "[redacted]";

/// Secrets shorter than this are not fingerprinted: they would mask ordinary words.
const MIN_SECRET_LEN: usize = 12;

static FINGERPRINTS: LazyLock<RwLock<HashSet<u64>>> = LazyLock::new(|| RwLock::new(HashSet::new()));

static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})", MASK),
        (r"(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", MASK),
        (r#"(?i)("private_key(?:_id)?\\?"\s*:\s*\\?")[^"\\]*"#, "${1}[redacted]"),
        (r"(?i)\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{12,}", "${1} [redacted]"),
        (r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", MASK),
        (r"(?i)\b(access_token|refresh_token|id_token|assertion|client_secret)=[^&\s\x22]+", "${1}=[redacted]"),
    ]
    .into_iter()
    .map(|(pattern, replacement)| (Regex::new(pattern).expect("redaction patterns are valid"), replacement))
    .collect()
});

fn fingerprint(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Remembers `secret` (by fingerprint) so log lines containing it are masked.
pub fn register_secret(secret: &str) {
    if secret.len() >= MIN_SECRET_LEN {
        FINGERPRINTS.write().unwrap_or_else(|e| e.into_inner()).insert(fingerprint(secret));
    }
}

/// `line` with every secret it contains masked.
pub fn redact(line: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(line);
    for (pattern, replacement) in PATTERNS.iter() {
        if let Cow::Owned(replaced) = pattern.replace_all(&text, *replacement) {
            text = Cow::Owned(replaced);
        }
    }
    let fingerprints = FINGERPRINTS.read().unwrap_or_else(|e| e.into_inner());
    if fingerprints.is_empty() {
        return text;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || "_-./+".contains(c);
    let registered: Vec<String> = text
        .split(|c: char| !is_word(c))
        .filter(|w| w.len() >= MIN_SECRET_LEN && fingerprints.contains(&fingerprint(w)))
        .map(str::to_owned)
        .collect();
    if registered.is_empty() {
        return text;
    }
    let mut owned = text.into_owned();
    for word in &registered {
        owned = owned.replace(word, MASK);
    }
    Cow::Owned(owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_masked_by_shape() {
        let token = format!("ghp_{}", "a1B2c3D4e5".repeat(4));
        let cases = [
            (format!("token {token} refused"), "token [redacted] refused"),
            (format!("github_pat_{}", "x".repeat(30)), MASK),
            ("Authorization: Bearer abc.def-ghi_jklmnop".to_owned(), "Authorization: Bearer [redacted]"),
            (
                r#"{"message":"key {\"private_key\":\"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n\"}"}"#
                    .to_owned(),
                r#"{"message":"key {\"private_key\":\"[redacted]\n\"}"}"#,
            ),
            ("body grant_type=jwt&assertion=eyJhbGciOi.eyJpc3MiOi.c2lnbmF0dXJl".to_owned(), "body grant_type=jwt&assertion=[redacted]"),
            ("jwt eyJhbGciOiJSUzI1.eyJpc3MiOiJ4QHku.c2lnbmF0dXJlMTIz done".to_owned(), "jwt [redacted] done"),
        ];
        for (line, expected) in cases {
            assert_eq!(redact(&line), expected, "for {line}");
        }
        let plain = "run 12 loaded 4,512 events from 2024-01-15T10";
        assert!(matches!(redact(plain), Cow::Borrowed(_)), "clean lines are not copied");
    }

    #[test]
    fn registered_secrets_are_masked_whatever_their_shape() {
        let secret = "corp-sso-7f3a9c1e55d0b2";
        let line = format!("{{\"message\":\"proxy rejected {secret}\",\"user\":\"{secret}x\"}}");
        assert_eq!(redact(&line), line, "not registered yet: nothing in the line looks like a credential");
        register_secret(secret);
        // Once one word is the secret, every occurrence goes, even inside a longer word.
        assert_eq!(redact(&line), format!("{{\"message\":\"proxy rejected {MASK}\",\"user\":\"{MASK}x\"}}"));
    }
}
