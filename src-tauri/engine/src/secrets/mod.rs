//! Credentials: a GitHub token and a Google service-account key, kept only in the OS keychain
//! (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
//!
//! A [`Secret`] cannot be serialised, cloned or printed: its `Debug` shows a mask, and the only
//! way to the text is [`Secret::expose`], called where the secret goes over the wire. Nothing
//! here falls back to a file: when the keychain is unavailable the caller gets
//! [`EngineError::KeychainUnavailable`] with the way to fix it.

pub mod github;
pub mod google;
mod status;

pub use status::{CheckedAccount, CredentialStatus, ErrorReport, check, save, status};

use std::fmt;

use zeroize::Zeroizing;

use crate::error::{EngineError, Result};

/// The keychain "service" all Octoscope credentials are filed under.
const KEYCHAIN_SERVICE: &str = "octoscope";

/// A secret value. Zeroed in memory when dropped.
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Takes the text, trimming the whitespace and newlines that pasting and `echo` add.
    pub fn new(text: String) -> Self {
        let trimmed = text.trim();
        // From here on a log line holding this secret is masked (see monitoring::logs::redact).
        crate::monitoring::logs::register_secret(trimmed);
        if trimmed.len() == text.len() {
            Secret(Zeroizing::new(text))
        } else {
            let owned = trimmed.to_owned();
            drop(Zeroizing::new(text));
            Secret(Zeroizing::new(owned))
        }
    }

    /// The secret text, for the one place it is sent (an HTTP header, a signature).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••••••)")
    }
}

/// The credentials Octoscope keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CredentialKind {
    /// A GitHub personal access token (classic or fine-grained) or app token.
    Github,
    /// A Google Cloud service-account key (the JSON file), for BigQuery.
    Gcp,
}

impl CredentialKind {
    pub const ALL: [CredentialKind; 2] = [CredentialKind::Github, CredentialKind::Gcp];

    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "github" => Ok(CredentialKind::Github),
            "gcp" | "google" => Ok(CredentialKind::Gcp),
            other => Err(EngineError::InvalidInput(format!("unknown credential `{other}`: use github or gcp"))),
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            CredentialKind::Github => "github",
            CredentialKind::Gcp => "gcp",
        }
    }

    /// What a person calls it.
    pub fn noun(self) -> &'static str {
        match self {
            CredentialKind::Github => "GitHub token",
            CredentialKind::Gcp => "Google service-account key",
        }
    }

    /// The keychain account name it is filed under.
    fn account(self) -> &'static str {
        match self {
            CredentialKind::Github => "github-token",
            CredentialKind::Gcp => "gcp-service-account-key",
        }
    }

    /// The environment variable that may supply it to one process on a machine without a
    /// keychain. Read, never written anywhere.
    pub fn env_var(self) -> &'static str {
        match self {
            CredentialKind::Github => "OCTOSCOPE_GITHUB_TOKEN",
            CredentialKind::Gcp => "OCTOSCOPE_GCP_KEY",
        }
    }
}

/// Where a credential in use came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CredentialSource {
    Keychain,
    /// The process environment ([`CredentialKind::env_var`]); it wins over the keychain.
    Environment,
}

/// The OS keychain.
#[derive(Debug, Default, Clone, Copy)]
pub struct Keychain;

impl Keychain {
    /// The credential from the environment if set there, else from the keychain; `None` when
    /// neither has it.
    pub fn find(self, kind: CredentialKind) -> Result<Option<(Secret, CredentialSource)>> {
        if let Some(value) = std::env::var_os(kind.env_var()) {
            let secret = Secret::new(
                value
                    .into_string()
                    .map_err(|_| EngineError::InvalidInput(format!("{} is not valid UTF-8", kind.env_var())))?,
            );
            if !secret.is_empty() {
                return Ok(Some((secret, CredentialSource::Environment)));
            }
        }
        Ok(self.read(kind)?.map(|secret| (secret, CredentialSource::Keychain)))
    }

    /// The credential stored in the keychain, if any.
    pub fn read(self, kind: CredentialKind) -> Result<Option<Secret>> {
        let entry = entry(kind)?;
        match entry.get_password() {
            Ok(text) => Ok(Some(Secret::new(text))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keychain_error(kind, "read", error)),
        }
    }

    /// Fails with [`EngineError::KeychainUnavailable`] unless the keychain answers: lets a
    /// caller refuse before asking for, or checking, a secret it could not keep.
    pub fn ensure_available(self, kind: CredentialKind) -> Result<()> {
        self.read(kind).map(drop)
    }

    /// Stores (or replaces) the credential. Callers validate it first.
    pub fn store(self, kind: CredentialKind, secret: &Secret) -> Result<()> {
        entry(kind)?.set_password(secret.expose()).map_err(|error| keychain_error(kind, "store", error))
    }

    /// Removes the credential; `false` when there was none.
    pub fn remove(self, kind: CredentialKind) -> Result<bool> {
        match entry(kind)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(error) => Err(keychain_error(kind, "remove", error)),
        }
    }
}

fn entry(kind: CredentialKind) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYCHAIN_SERVICE, kind.account()).map_err(|error| keychain_error(kind, "open", error))
}

/// A keychain failure, explained. Keyring errors never carry the secret, but they may carry
/// platform detail; only the variant's meaning is shown.
fn keychain_error(kind: CredentialKind, doing: &str, error: keyring::Error) -> EngineError {
    let how_to_fix = "start a Secret Service provider (GNOME Keyring or KWallet) in your desktop session, or, on a \
                      machine without one, pass the credential for one process in $";
    let reason = match &error {
        keyring::Error::NoStorageAccess(_) => {
            format!(
                "the keychain is locked or refused access; unlock it (log in to your desktop session) and try again, or {how_to_fix}{}",
                kind.env_var()
            )
        }
        keyring::Error::NoDefaultStore => format!("no keychain is available: {how_to_fix}{}", kind.env_var()),
        keyring::Error::PlatformFailure(_) => {
            format!("the keychain service did not answer: {how_to_fix}{}", kind.env_var())
        }
        keyring::Error::TooLong(..) | keyring::Error::Invalid(..) | keyring::Error::BadEncoding(_) => {
            return EngineError::InvalidInput(format!("the keychain cannot hold this {}: {error}", kind.noun()));
        }
        _ => format!("unexpected keychain error: {}", error_kind_name(&error)),
    };
    tracing::debug!(credential = kind.id(), doing, "keychain unavailable");
    EngineError::KeychainUnavailable(format!("cannot {doing} the {} in the OS keychain: {reason}", kind.noun()))
}

fn error_kind_name(error: &keyring::Error) -> &'static str {
    match error {
        keyring::Error::Ambiguous(_) => "several matching entries",
        _ => "an unknown failure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print_and_lose_pasted_whitespace() {
        let secret = Secret::new("  ghp_abcdefghijklmnop\n".into());
        assert_eq!(secret.expose(), "ghp_abcdefghijklmnop");
        let shown = format!("{secret:?} {:?}", Some(&secret));
        assert!(!shown.contains("ghp_"), "{shown}");
        assert!(shown.contains("••••"));
    }

    #[test]
    fn credential_names_parse() {
        assert_eq!(CredentialKind::parse("github").unwrap(), CredentialKind::Github);
        assert_eq!(CredentialKind::parse("gcp").unwrap(), CredentialKind::Gcp);
        assert!(CredentialKind::parse("aws").unwrap_err().to_string().contains("use github or gcp"));
    }
}
