//! Reading and writing the native `*.handoff.json` format.
//!
//! Reading goes in three passes so that each kind of mistake gets the clearest message:
//! the bytes must be a JSON object at all (syntax errors carry line and column), its
//! `format` must be one this build reads, and only then is the whole document read into
//! the model (shape errors carry the JSON path, line and column). Finally ids must be
//! unique, because everything else refers to elements by id.
//!
//! The caller names the file; [`LoadError`] says what is wrong and where inside it.

use std::collections::HashSet;

use crate::model::{Document, FORMAT};

/// Files larger than this are refused before parsing. A 10,000-step map with full step
/// details is about 6 MB, so this leaves ample room while keeping memory bounded.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// Why a `*.handoff.json` file could not be read. None of these is a panic; each names the
/// place in the file when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file has no content at all (or only whitespace).
    #[error("the file is empty")]
    Empty,
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "the file is {:.1} MB; a Handoff map may be at most {} MB",
        *bytes as f64 / 1_048_576.0,
        MAX_FILE_BYTES / 1_048_576
    )]
    TooLarge { bytes: usize },
    /// The bytes are not valid UTF-8.
    #[error("the file is not UTF-8 text (invalid byte at offset {offset})")]
    NotText { offset: usize },
    /// The text is not well-formed JSON, or ends early.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The JSON has no `format` field, so it is not a Handoff map.
    #[error("no \"format\" field: this is not a Handoff map (expected \"format\": \"{FORMAT}\")")]
    MissingFormat,
    /// The `format` names a version this build does not read.
    #[error("unsupported format \"{found}\": this version of Handoff reads \"{FORMAT}\"")]
    UnknownFormat { found: String },
    /// A field has the wrong type, a required field is missing, or a value is not allowed.
    #[error("at {path} (line {line}, column {column}): {message}")]
    Shape {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Two elements of the same kind share an id.
    #[error("{what} id \"{id}\" is used twice; ids must be unique")]
    DuplicateId { what: &'static str, id: String },
}

/// Reads a document from the bytes of a `*.handoff.json` file.
///
/// # Errors
/// Every [`LoadError`] variant, as documented there.
///
/// # Complexity
/// Linear in the size of the input.
pub fn parse_document(bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotText {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }

    // Pass 1: well-formed JSON, and a format we read.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: plain_serde_message(&e),
    })?;
    let format = match value.get("format") {
        None => return Err(LoadError::MissingFormat),
        Some(serde_json::Value::String(s)) => s.as_str(),
        Some(other) => {
            return Err(LoadError::UnknownFormat {
                found: other.to_string(),
            })
        }
    };
    if format != FORMAT {
        return Err(LoadError::UnknownFormat {
            found: format.to_owned(),
        });
    }
    drop(value);

    // Pass 2: the full shape, with the JSON path of the first mistake.
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        LoadError::Shape {
            path: if path == "." {
                "the top level".into()
            } else {
                path
            },
            line: inner.line(),
            column: inner.column(),
            message: plain_serde_message(&inner),
        }
    })?;

    check_unique_ids(&doc)?;
    Ok(doc)
}

/// Writes a document as pretty-printed JSON with a trailing newline, the form that reads
/// well in git diffs. Field order is fixed by the model, so the same document always gives
/// the same text.
pub fn to_json(doc: &Document) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        // The model holds only strings, numbers and lists; serialising it cannot fail.
        unreachable!("serialising a document failed: {e}")
    });
    out.push('\n');
    out
}

/// serde_json appends " at line L column C" to its messages; we report the place
/// ourselves, so strip it.
fn plain_serde_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    }
}

fn check_unique_ids(doc: &Document) -> Result<(), LoadError> {
    fn unique<'a>(what: &'static str, ids: impl Iterator<Item = &'a str>) -> Result<(), LoadError> {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                return Err(LoadError::DuplicateId {
                    what,
                    id: id.to_owned(),
                });
            }
        }
        Ok(())
    }
    let p = &doc.process;
    unique("seat", doc.seats.iter().map(|s| s.id.as_str()))?;
    unique("lane", p.lanes.iter().map(|l| l.id.as_str()))?;
    unique("node", p.nodes.iter().map(|n| n.id.as_str()))?;
    unique("flow", p.flows.iter().map(|f| f.id.as_str()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"format":"handoff/1","process":{"id":"p","name":"P"}}"#;

    #[test]
    fn minimal_document_loads_and_round_trips() {
        let doc = parse_document(MINIMAL.as_bytes()).unwrap();
        assert_eq!(doc.process.name, "P");
        let again = parse_document(to_json(&doc).as_bytes()).unwrap();
        assert_eq!(doc, again);
    }

    #[test]
    fn empty_and_whitespace_files_are_empty() {
        assert_eq!(parse_document(b""), Err(LoadError::Empty));
        assert_eq!(parse_document(b"  \n"), Err(LoadError::Empty));
    }

    #[test]
    fn truncated_file_reports_line_and_column() {
        let text = "{\n  \"format\": \"handoff/1\",\n  \"process\": {";
        match parse_document(text.as_bytes()) {
            Err(LoadError::Syntax { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_type_names_the_json_path() {
        let text = r#"{"format":"handoff/1","process":{"id":"p","name":"P",
            "nodes":[{"id":"n1","kind":"step","label":42}]}}"#;
        match parse_document(text.as_bytes()) {
            Err(LoadError::Shape { path, line, .. }) => {
                assert!(path.contains("nodes[0]"), "{path}");
                assert_eq!(line, 2);
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_node_kind_is_a_shape_error() {
        let text = r#"{"format":"handoff/1","process":{"id":"p","name":"P",
            "nodes":[{"id":"n1","kind":"teleport"}]}}"#;
        let err = parse_document(text.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("teleport"), "{err}");
    }

    #[test]
    fn unknown_format_version_is_refused_by_name() {
        let text = r#"{"format":"handoff/2","process":{}}"#;
        assert_eq!(
            parse_document(text.as_bytes()),
            Err(LoadError::UnknownFormat {
                found: "handoff/2".into()
            })
        );
        assert_eq!(
            parse_document(br#"{"process":{}}"#),
            Err(LoadError::MissingFormat)
        );
    }

    #[test]
    fn duplicate_node_ids_are_refused() {
        let text = r#"{"format":"handoff/1","process":{"id":"p","name":"P",
            "nodes":[{"id":"a","kind":"start"},{"id":"a","kind":"outcome"}]}}"#;
        assert_eq!(
            parse_document(text.as_bytes()),
            Err(LoadError::DuplicateId {
                what: "node",
                id: "a".into()
            })
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(matches!(
            parse_document(&big),
            Err(LoadError::TooLarge { .. })
        ));
    }

    #[test]
    fn invalid_utf8_is_not_text() {
        assert_eq!(
            parse_document(b"{\"a\xff"),
            Err(LoadError::NotText { offset: 3 })
        );
    }
}
