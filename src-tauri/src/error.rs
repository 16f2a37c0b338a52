//! The one error every command returns over IPC: a stable code the UI branches on and a message
//! a person can act on. Engine messages never carry secrets, so they can be shown as they are.

use octoscope_engine::{EngineError, ErrorCode};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct WireError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<EngineError> for WireError {
    fn from(error: EngineError) -> Self {
        tracing::warn!(code = ?error.code(), %error, "command failed");
        WireError { code: error.code(), message: error.to_string() }
    }
}

pub type CommandResult<T> = Result<T, WireError>;
