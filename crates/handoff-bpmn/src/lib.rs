//! BPMN 2.0 XML in and out of Handoff maps, with the diagram layout (BPMN DI).
//!
//! **Import** ([`import`]) runs in three stages:
//!
//! 1. [`text`]: the bytes are size-checked and decoded from whatever encoding the XML
//!    declaration or byte-order mark names (UTF-8, UTF-16, ISO-8859-1, windows-1252, …).
//! 2. [`parse`]: one streaming pass with quick-xml collects the BPMN elements a map can
//!    use (pools, lanes, flow nodes, sequence and message flows, documentation) and the
//!    diagram shapes and edges into a flat [`parse::Model`]. Any `<!DOCTYPE>` is refused,
//!    so no entity is ever declared, expanded or fetched; nesting deeper than
//!    [`MAX_DEPTH`] is refused. Nothing recursive runs on untrusted input.
//! 3. [`import`](mod@import): the model becomes a [`Document`]. Pools and lanes become
//!    seats and lanes, tasks become steps, gateways decisions or parallel splits and
//!    joins, events starts and outcomes, message flows handoffs; diagram positions become
//!    lane-relative positions. Whatever the map cannot hold is reported as an
//!    [`ImportNote`], never dropped silently.
//!
//! **Export** ([`export()`]) writes one collaboration with one pool for the process and one
//! lane per seat, with full BPMN DI (shapes, edges with waypoints, labels) computed with
//! [`handoff_core::layout`], so bpmn.io shows the same picture as Handoff. What BPMN has
//! no place for (seat kinds, step details, handed-over items, the process header) travels
//! in `extensionElements` in the [`HANDOFF_NS`] namespace, so map → BPMN → map keeps
//! everything. Where BPMN needs a gateway that Handoff draws implicitly (a step where
//! several arrows meet or from which several leave), the exporter adds one marked with
//! `handoff:role`, and the importer folds it away again.

pub mod export;
mod header;
pub mod import;
pub mod parse;
pub mod text;

use handoff_core::Document;
use serde::Serialize;

pub use export::export;

/// The BPMN 2.0 semantic namespace.
pub const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
/// The BPMN 2.0 diagram-interchange namespace.
pub const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
/// The OMG diagram-common namespace (bounds, fonts).
pub const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
/// The OMG diagram-interchange namespace (waypoints).
pub const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";
/// The namespace of Handoff's own extension elements and attributes.
pub const HANDOFF_NS: &str = "https://handoff.app/schema/bpmn/1";

/// Inputs larger than this are refused before any parsing. The largest real-world file in
/// the interchange corpus is 0.5 MB; a 10,000-step Handoff export is about 12 MB.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// Elements nested deeper than this are refused. Real BPMN files nest about 12 deep.
pub const MAX_DEPTH: usize = 256;

/// A map read from a BPMN file, with what could not be carried over.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub document: Document,
    /// What the map cannot hold, in file order; shown to the user after an import.
    pub notes: Vec<ImportNote>,
}

/// Something in the BPMN file that the map does not hold as it was, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportNote {
    /// The id of the BPMN element concerned (as in the file), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.element {
            Some(id) => write!(f, "{id}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why a BPMN file could not be imported. Each names the place in the file when there is
/// one: a line and column (1-based, columns in characters) of the decoded text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BpmnError {
    /// The file has no content.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than [`MAX_INPUT_BYTES`]; nothing was parsed.
    #[error(
        "the file is {:.1} MB; a BPMN file may be at most {} MB",
        *bytes as f64 / 1_048_576.0,
        MAX_INPUT_BYTES / 1_048_576
    )]
    TooLarge { bytes: u64 },
    /// The XML declaration names an encoding this build does not know.
    #[error("line 1: unknown text encoding \"{name}\"")]
    UnknownEncoding { name: String },
    /// The bytes are not valid in the file's encoding.
    #[error("the file is not valid {encoding} text (bad byte at offset {offset})")]
    BadText {
        encoding: &'static str,
        offset: usize,
    },
    /// The XML is not well-formed (or uses an entity that is not one of XML's five).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The file has a `<!DOCTYPE>`. BPMN never needs one, and it is how entity-expansion
    /// ("billion laughs") and external-entity attacks are mounted, so it is refused.
    #[error(
        "line {line}, column {column}: the file has a <!DOCTYPE> declaration; BPMN files never need one and it is refused for safety"
    )]
    Doctype { line: usize, column: usize },
    /// Elements are nested deeper than [`MAX_DEPTH`].
    #[error("line {line}, column {column}: elements are nested more than {max} deep")]
    TooDeep {
        line: usize,
        column: usize,
        max: usize,
    },
    /// The root element is not BPMN 2.0 `definitions` (wrong element or namespace).
    #[error("line {line}, column {column}: this is not a BPMN 2.0 file: the root element is {found}, expected <definitions> in namespace {BPMN_NS}")]
    NotBpmn {
        line: usize,
        column: usize,
        found: String,
    },
    /// The file is BPMN but holds no process and no pool.
    #[error("the file holds no process and no pool to import")]
    NoProcess,
    /// The map the file makes is over one of Handoff's limits (`handoff_core::limits`):
    /// too many elements, or a text too long.
    #[error("{0}")]
    OverLimit(String),
}

/// Reads a map from the bytes of a BPMN 2.0 XML file.
///
/// Returns the map and the notes on what it could not hold. Ids of BPMN elements become
/// the ids of the map's elements (files exported by Handoff keep their original ids).
///
/// # Errors
/// Every [`BpmnError`] variant, as documented there. Never panics.
///
/// # Complexity
/// Linear in the size of the file; memory is bounded by a small multiple of
/// [`MAX_INPUT_BYTES`].
pub fn import(bytes: &[u8]) -> Result<Import, BpmnError> {
    let text = text::decode(bytes)?;
    let model = parse::parse(&text)?;
    let import = import::convert(model)?;
    handoff_core::limits::check(&import.document)
        .map_err(|e| BpmnError::OverLimit(e.to_string()))?;
    Ok(import)
}

#[cfg(test)]
mod tests;
