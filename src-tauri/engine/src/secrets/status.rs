//! The credential checks the CLI and the desktop app share: save (check, then store), and
//! status (set or not, from where, and who it is, checked live).

use super::github::{self, GithubAccount};
use super::google::{self, GcpAccount};
use super::{CredentialKind, CredentialSource, Keychain, Secret};
use crate::error::{EngineError, ErrorCode, Result};

/// Who a working credential belongs to. Never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum CheckedAccount {
    Github(GithubAccount),
    Gcp(GcpAccount),
}

/// An error as the app and `--json` show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&EngineError> for ErrorReport {
    fn from(error: &EngineError) -> Self {
        ErrorReport { code: error.code(), message: error.to_string() }
    }
}

/// One credential's state.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CredentialStatus {
    pub kind: CredentialKind,
    /// `None` when the keychain could not be asked (see `error`).
    pub set: Option<bool>,
    pub source: Option<CredentialSource>,
    pub account: Option<CheckedAccount>,
    /// Why it could not be read or does not work.
    pub error: Option<ErrorReport>,
}

/// Asks GitHub or Google whether `secret` works, and whose it is.
pub async fn check(kind: CredentialKind, secret: &Secret, github_api: &str) -> Result<CheckedAccount> {
    Ok(match kind {
        CredentialKind::Github => CheckedAccount::Github(github::check_token(github_api, secret).await?),
        CredentialKind::Gcp => CheckedAccount::Gcp(google::check_key(secret).await?),
    })
}

/// Checks `secret` and, only if it works, stores it in the keychain (replacing any stored one).
pub async fn save(
    keychain: Keychain,
    kind: CredentialKind,
    secret: Secret,
    github_api: &str,
) -> Result<CheckedAccount> {
    keychain.ensure_available(kind)?;
    let account = check(kind, &secret, github_api).await?;
    keychain.store(kind, &secret)?;
    Ok(account)
}

/// The state of one credential, checked live. Failures are reported in the status, not
/// returned: status is how people find out what is wrong.
pub async fn status(keychain: Keychain, kind: CredentialKind, github_api: &str) -> CredentialStatus {
    let blank = CredentialStatus { kind, set: None, source: None, account: None, error: None };
    match keychain.find(kind) {
        Ok(None) => CredentialStatus { set: Some(false), ..blank },
        Ok(Some((secret, source))) => match check(kind, &secret, github_api).await {
            Ok(account) => CredentialStatus { set: Some(true), source: Some(source), account: Some(account), ..blank },
            Err(error) => {
                CredentialStatus { set: Some(true), source: Some(source), error: Some((&error).into()), ..blank }
            }
        },
        Err(error) => CredentialStatus { error: Some((&error).into()), ..blank },
    }
}
