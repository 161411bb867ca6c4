//! Turning a path into a map. Every front end reads maps through [`load_map`], so a new
//! input format is one more branch here: `*.bpmn` files are imported from BPMN 2.0 XML (what
//! the map cannot hold comes back as warnings), everything else is read as a Handoff map.

use std::path::Path;

use handoff_core::file::MAX_FILE_BYTES;
use handoff_core::{parse_document, Document, LoadError};

use crate::files::{read_bounded, ReadError, Reason};

/// A result and what the reader should know about it (a BPMN element the map could not
/// hold, a character the PDF font cannot print). One shape for every operation that may
/// warn.
#[derive(Debug, Clone, PartialEq)]
pub struct Warned<T> {
    pub output: T,
    pub warnings: Vec<String>,
}

impl<T> Warned<T> {
    /// A result with nothing to warn about.
    pub fn clean(output: T) -> Self {
        Warned {
            output,
            warnings: Vec::new(),
        }
    }
}

/// Reads the map at `path`: BPMN 2.0 XML when the name ends in `.bpmn`, else a
/// `*.handoff.json` map. BPMN import notes become warnings, each prefixed with the path.
///
/// # Errors
/// A [`ReadError`] naming the path: the file is missing, not a regular file, too large, or
/// not a map ([`Reason::Load`], [`Reason::Bpmn`] with line and column where known).
///
/// # Complexity
/// O(file size).
pub fn load_map(path: &Path) -> Result<Warned<Document>, ReadError> {
    if is_bpmn(path) {
        let import = read_bpmn(path)?;
        let warnings = import
            .notes
            .iter()
            .map(|n| format!("{}: {n}", path.display()))
            .collect();
        return Ok(Warned {
            output: import.document,
            warnings,
        });
    }
    read_map_file(path).map(Warned::clean)
}

/// Reads a `*.handoff.json` map, refusing one over [`MAX_FILE_BYTES`] before reading it.
///
/// # Errors
/// As [`load_map`].
pub fn read_map_file(path: &Path) -> Result<Document, ReadError> {
    let bytes = read_bounded(path, MAX_FILE_BYTES, |bytes| {
        Reason::Load(LoadError::TooLarge {
            bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
        })
    })?;
    parse_document(&bytes).map_err(|e| ReadError {
        path: path.to_owned(),
        reason: Reason::Load(e),
    })
}

/// Reads a BPMN 2.0 XML file into a map with the importer's notes, refusing one over
/// [`handoff_bpmn::MAX_INPUT_BYTES`] before reading it.
///
/// # Errors
/// As [`load_map`].
pub fn read_bpmn(path: &Path) -> Result<handoff_bpmn::Import, ReadError> {
    let bytes = read_bounded(path, handoff_bpmn::MAX_INPUT_BYTES, |bytes| {
        Reason::Bpmn(handoff_bpmn::BpmnError::TooLarge { bytes })
    })?;
    handoff_bpmn::import(&bytes).map_err(|e| ReadError {
        path: path.to_owned(),
        reason: Reason::Bpmn(e),
    })
}

/// Whether the path names a BPMN file (`.bpmn`, any case).
pub fn is_bpmn(path: &Path) -> bool {
    has_extension(path, "bpmn")
}

/// Whether the file name ends in `.<ext>`, any case.
pub(crate) fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The file's name for messages and revision notes ("Imported from order.bpmn").
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
