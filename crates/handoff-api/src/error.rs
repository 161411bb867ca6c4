//! The one error every operation returns: a [`ErrorCode`] the front ends branch on and a
//! message for people. It crosses to the UI as `{ code, message }`; the CLI prints the
//! message and exits with code 2.

use serde::Serialize;

/// What went wrong, as a front end needs to know it. Kept small on purpose: add a code
/// only when some front end does something different for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The library could not be opened or read from or written to.
    Library,
    /// A process, seat, revision or template with the given id does not exist.
    NotFound,
    /// A file is not a map Handoff can read (`*.handoff.json` or BPMN 2.0 XML).
    InvalidFile,
    /// Reading or writing a file on disk failed.
    Io,
    /// The request itself makes no sense (merging a seat into itself, an empty name, an
    /// output file named with an unknown extension, a path Handoff will not write to).
    Invalid,
    /// A file is already where the document would go: the front end asks before replacing
    /// it and calls again with replacing allowed.
    Exists,
    /// Someone else saved the process since this copy was opened: nothing was saved, and
    /// the front end shows it instead of overwriting their work.
    Conflict,
}

/// An operation's failure. `message` names the file or element concerned and is shown as
/// it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    /// An error with this code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// [`ErrorCode::Invalid`] with this message.
    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Invalid, message)
    }
}

/// What every operation returns.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<handoff_store::StoreError> for ApiError {
    fn from(e: handoff_store::StoreError) -> Self {
        use handoff_store::StoreError as S;
        let code = match &e {
            S::NoSuchProcess { .. } | S::NoSuchRevision { .. } | S::NoSuchSeat { .. } => {
                ErrorCode::NotFound
            }
            S::Load { .. } => ErrorCode::InvalidFile,
            S::Io { .. } => ErrorCode::Io,
            S::SeatInUse { .. } | S::MergeIntoSelf { .. } | S::Invalid { .. } => ErrorCode::Invalid,
            S::Conflict { .. } => ErrorCode::Conflict,
            _ => ErrorCode::Library,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<handoff_core::LoadError> for ApiError {
    fn from(e: handoff_core::LoadError) -> Self {
        ApiError::new(ErrorCode::InvalidFile, e.to_string())
    }
}

impl From<crate::files::ReadError> for ApiError {
    fn from(e: crate::files::ReadError) -> Self {
        let code = match e.reason {
            crate::files::Reason::NotFound => ErrorCode::NotFound,
            crate::files::Reason::Load(_) | crate::files::Reason::Bpmn(_) => ErrorCode::InvalidFile,
            _ => ErrorCode::Io,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<crate::files::WriteError> for ApiError {
    fn from(e: crate::files::WriteError) -> Self {
        let code = match e.reason {
            crate::files::WriteReason::Exists => ErrorCode::Exists,
            crate::files::WriteReason::UnknownFormat(_) => ErrorCode::Invalid,
            crate::files::WriteReason::Io(_) => ErrorCode::Io,
        };
        ApiError::new(code, e.to_string())
    }
}
