//! Reading the maps a command is given. Everything that turns a path into a
//! [`Document`] goes through [`load_map`], so a new input format is one more branch there.
//! `*.bpmn` files are imported from BPMN 2.0 XML; what the map cannot hold is printed on
//! stderr as warnings.

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
    /// The file is not BPMN 2.0 XML a map can be read from.
    #[error(transparent)]
    Bpmn(#[from] handoff_bpmn::BpmnError),
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
    if is_bpmn(path) {
        let bytes = read_bounded(path, handoff_bpmn::MAX_INPUT_BYTES, |bytes| {
            Reason::Bpmn(handoff_bpmn::BpmnError::TooLarge { bytes })
        })
        .map_err(fail)?;
        let import = handoff_bpmn::import(&bytes).map_err(|e| fail(Reason::Bpmn(e)))?;
        for note in &import.notes {
            crate::output::print_warning(&format!("{}: {note}", path.display()));
        }
        return Ok(import.document);
    }
    let bytes = read_bounded(path, MAX_FILE_BYTES, |bytes| {
        Reason::Load(LoadError::TooLarge {
            bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
        })
    })
    .map_err(fail)?;
    parse_document(&bytes).map_err(|e| fail(Reason::Load(e)))
}

/// Whether the path names a BPMN file (`.bpmn`, any case).
pub fn is_bpmn(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bpmn"))
}

/// The bytes of a file no larger than `max` bytes; `too_large` names the refusal.
fn read_bounded(
    path: &Path,
    max: usize,
    too_large: impl FnOnce(u64) -> Reason,
) -> Result<Vec<u8>, Reason> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Reason::NotFound,
        _ => Reason::Io(e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Reason::IsDir);
    }
    if meta.len() > max as u64 {
        return Err(too_large(meta.len()));
    }
    std::fs::read(path).map_err(io)
}
