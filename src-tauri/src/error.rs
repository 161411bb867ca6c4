//! The one error type every command returns: `{ code, message }` on the wire.
//!
//! The UI branches on [`ErrorCode`] (for example to offer "pick another file" on
//! [`ErrorCode::InvalidFile`]); `message` is for people and is shown as is.

use serde::Serialize;

/// What went wrong, as the UI needs to know it. Kept small on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The library could not be opened or read from or written to.
    Library,
    /// A process, seat, revision or template with the given id does not exist.
    NotFound,
    /// A file is not a valid `*.handoff.json` map.
    InvalidFile,
    /// Reading or writing a file on disk failed.
    Io,
    /// The request itself makes no sense (e.g. merging a seat into itself).
    Invalid,
}

/// An error as it crosses to the UI.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    /// An error with this code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
        }
    }
}

impl From<handoff_core::LoadError> for AppError {
    fn from(e: handoff_core::LoadError) -> Self {
        AppError::new(ErrorCode::InvalidFile, e.to_string())
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::new(ErrorCode::Io, e.to_string())
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, AppError>;

impl From<handoff_store::StoreError> for AppError {
    fn from(e: handoff_store::StoreError) -> Self {
        use handoff_store::StoreError as S;
        let code = match &e {
            S::NoSuchProcess { .. } | S::NoSuchRevision { .. } | S::NoSuchSeat { .. } => {
                ErrorCode::NotFound
            }
            S::Load { .. } => ErrorCode::InvalidFile,
            S::Io { .. } => ErrorCode::Io,
            S::SeatInUse { .. } | S::MergeIntoSelf { .. } => ErrorCode::Invalid,
            _ => ErrorCode::Library,
        };
        AppError::new(code, e.to_string())
    }
}
