//! The engine's error type. Every variant carries a message a user can act on; `code()` gives the
//! stable machine-readable code that the CLI's exit paths and the desktop app's wire error use.

use std::path::PathBuf;

/// Stable codes a consumer may branch on. Add one only when a consumer needs to tell it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorCode {
    InvalidInput,
    Workspace,
    Network,
    Database,
    Cancelled,
    /// No usable OS keychain (no Secret Service, locked, refused).
    KeychainUnavailable,
    /// A credential is not set where one is needed.
    CredentialMissing,
    /// A credential was refused or is malformed.
    CredentialInvalid,
    /// An API's rate limit is used up and the run was told not to wait.
    RateLimited,
    /// A plan would cost more than a budget allows (BigQuery's per-run or monthly budget).
    BudgetExceeded,
    /// A remote service refused or failed a request for a reason of its own (a BigQuery job's
    /// quota, permission or query error); the message carries the service's reason.
    Remote,
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Something the user typed or chose is not acceptable; the message says what and why.
    #[error("{0}")]
    InvalidInput(String),

    #[error("cannot use workspace {}: {reason}", path.display())]
    Workspace { path: PathBuf, reason: String },

    #[error("{0}")]
    Network(String),

    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),

    /// From the writer's bulk statements, which step SQLite directly (decision 0010).
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),

    /// SQLite could not grow the workspace database (SQLITE_FULL). Said plainly because the
    /// raw "(code: 13) database or disk is full" tells nobody what to do.
    #[error("the disk holding the workspace is full: free some space and run again (everything loaded so far is kept)")]
    DiskFull,

    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),

    #[error("cancelled")]
    Cancelled,

    #[error("{0}")]
    KeychainUnavailable(String),

    #[error("{0}")]
    CredentialMissing(String),

    #[error("{0}")]
    CredentialInvalid(String),

    #[error("{0}")]
    RateLimited(String),

    #[error("{0}")]
    BudgetExceeded(String),

    #[error("{0}")]
    Remote(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("internal error: {0}")]
    Internal(String),
}

impl EngineError {
    pub fn code(&self) -> ErrorCode {
        match self {
            EngineError::InvalidInput(_) => ErrorCode::InvalidInput,
            EngineError::Workspace { .. } => ErrorCode::Workspace,
            EngineError::Network(_) => ErrorCode::Network,
            EngineError::Database(_) | EngineError::Sqlite(_) | EngineError::Migration(_) => ErrorCode::Database,
            EngineError::DiskFull => ErrorCode::Workspace,
            EngineError::Cancelled => ErrorCode::Cancelled,
            EngineError::KeychainUnavailable(_) => ErrorCode::KeychainUnavailable,
            EngineError::CredentialMissing(_) => ErrorCode::CredentialMissing,
            EngineError::CredentialInvalid(_) => ErrorCode::CredentialInvalid,
            EngineError::RateLimited(_) => ErrorCode::RateLimited,
            EngineError::BudgetExceeded(_) => ErrorCode::BudgetExceeded,
            EngineError::Remote(_) => ErrorCode::Remote,
            EngineError::Io { .. } | EngineError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        EngineError::Io { context: context.into(), source }
    }
}

impl From<sqlx::Error> for EngineError {
    fn from(error: sqlx::Error) -> Self {
        /// SQLite's primary result code for "database or disk is full"; sqlx reports the extended
        /// code, whose low byte is the primary one.
        const SQLITE_FULL: i64 = 13;
        let full = match &error {
            sqlx::Error::Database(database) => {
                database.code().and_then(|code| code.parse::<i64>().ok()).is_some_and(|code| code & 0xff == SQLITE_FULL)
            }
            _ => false,
        };
        if full { EngineError::DiskFull } else { EngineError::Database(error) }
    }
}

impl From<rusqlite::Error> for EngineError {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => EngineError::DiskFull,
            _ => EngineError::Sqlite(error),
        }
    }
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

/// `head`, then each cause of `error` that it does not already say: libraries' Display often
/// hides the part a user can act on ("error sending request" over "connection refused").
pub fn with_causes(head: String, error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = head;
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text = format!("{text}: {cause_text}");
        }
        source = cause.source();
    }
    text
}
