//! Reading the maps a command is given. Everything that turns a path into a
//! [`Document`] goes through [`load_map`], so a new input format is one more branch there.

use std::path::{Path, PathBuf};

use handoff_core::file::MAX_FILE_BYTES;
use handoff_core::{parse_document, Document, LoadError};

/// Why a map could not be read. Displays as `<path>: <reason>`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct InputError {
    pub path: PathBuf,
    pub reason: Reason,
}

/// What was wrong with the input.
#[derive(Debug, thiserror::Error)]
pub enum Reason {
    /// The path does not exist.
    #[error("no such file")]
    NotFound,
    /// The path is a folder.
    #[error("is a folder, not a file")]
    IsDir,
    /// The file could not be read for another reason (permissions, I/O).
    #[error("cannot read the file: {0}")]
    Io(#[source] std::io::Error),
    /// The file was read but is not a valid map (empty, too large, bad JSON, wrong shape,
    /// unknown format version).
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// Reads and parses the map at `path`. The size is checked from the file's metadata before
/// anything is read, so an oversized file is refused without loading it into memory.
///
/// # Errors
/// An [`InputError`] naming the path and the [`Reason`].
pub fn load_map(path: &Path) -> Result<Document, InputError> {
    let fail = |reason| InputError {
        path: path.to_owned(),
        reason,
    };
    let bytes = read_bounded(path).map_err(fail)?;
    parse_document(&bytes).map_err(|e| fail(Reason::Load(e)))
}

/// The bytes of a file no larger than [`MAX_FILE_BYTES`].
fn read_bounded(path: &Path) -> Result<Vec<u8>, Reason> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Reason::NotFound,
        _ => Reason::Io(e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Reason::IsDir);
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(Reason::Load(LoadError::TooLarge {
            bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
        }));
    }
    std::fs::read(path).map_err(io)
}
