//! Reading and writing the native `*.handoff.json` format.
//!
//! A file is first read the quick way: straight into the model in one pass. When that
//! fails, it is read again carefully, in three passes, so that each kind of mistake gets the
//! clearest message: the bytes must be a JSON object at all (syntax errors carry line and
//! column), its `format` must be one this build reads, and only then is the whole document
//! read into the model (shape errors carry the JSON path, line and column). Either way ids
//! must be unique, because everything else refers to elements by id.
//!
//! The caller names the file; [`LoadError`] says what is wrong and where inside it.

use rustc_hash::FxHashSet;
use serde::Deserialize;

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
    /// The map has more elements of a kind than Handoff works with (see [`crate::limits`]).
    #[error("the map has {count} {what}; Handoff works with at most {max}")]
    TooMany {
        what: &'static str,
        count: usize,
        max: usize,
    },
    /// One text is longer than Handoff keeps (see [`crate::limits`]).
    #[error("the {field} of {element} is {chars} characters long; at most {max} are kept")]
    TextTooLong {
        element: String,
        field: &'static str,
        chars: usize,
        max: usize,
    },
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

    if let Some(doc) = read_quickly(text) {
        if doc.format != FORMAT {
            return Err(LoadError::UnknownFormat { found: doc.format });
        }
        check_unique_ids(&doc)?;
        crate::limits::check(&doc)?;
        return Ok(doc);
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
    let careful::Careful(doc) = serde_path_to_error::deserialize(&mut de).map_err(|e| {
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
    crate::limits::check(&doc)?;
    Ok(doc)
}

/// The document, when the text reads straight into the model with no mistake: the model's
/// own `Deserialize` in one pass, without the careful reading's copy of the whole text as a
/// JSON value or its path tracking. `None` sends the text on to the careful reading, which
/// then accepts or refuses it exactly as before. This never accepts what the careful
/// reading refuses: every value is read in full, ignored ones included (see `model::Skip`),
/// and trailing text is refused.
fn read_quickly(text: &str) -> Option<Document> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = Document::deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(doc)
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
        let mut seen = FxHashSet::default();
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

/// The careful reading's model: serde's derived code over the same types, with the node's
/// kind `#[serde(flatten)]`ed, as `handoff/1` files have always been read. It runs only when
/// the quick reading fails, so that every message (JSON path, line, column, wording) stays
/// what it was and the odd file the quick reading leaves to it is still read. Each copy
/// names its model type with `remote`, so the compiler refuses a copy that misses or adds a
/// field; the test `careful_and_quick_readings_agree` checks the attributes.
mod careful {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer};

    use crate::model::{
        BusinessFunction, Cadence, Category, DerivedFrom, Document, Flow, Lane, LaneId, Node,
        NodeId, NodeKind, Position, Process, ProcessId, ProcessState, Seat, SeatId, Trigger,
    };

    /// A document read the careful way.
    #[derive(Deserialize)]
    #[serde(transparent)]
    pub(super) struct Careful(#[serde(with = "DocumentDef")] pub(super) Document);

    #[derive(Deserialize)]
    #[serde(remote = "Document", rename_all = "camelCase", deny_unknown_fields)]
    struct DocumentDef {
        format: String,
        #[serde(default)]
        seats: Vec<Seat>,
        #[serde(with = "ProcessDef")]
        process: Process,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Process", rename_all = "camelCase", deny_unknown_fields)]
    struct ProcessDef {
        id: ProcessId,
        name: String,
        #[serde(default)]
        purpose: String,
        #[serde(default)]
        category: Category,
        #[serde(default)]
        function: BusinessFunction,
        #[serde(default)]
        owner: Option<SeatId>,
        #[serde(default)]
        trigger: Trigger,
        #[serde(default)]
        cadence: Cadence,
        #[serde(default)]
        expected_output: String,
        #[serde(default)]
        failure_signals: Vec<String>,
        #[serde(default)]
        state: ProcessState,
        #[serde(default)]
        derived_from: Option<DerivedFrom>,
        #[serde(default)]
        last_reviewed: Option<NaiveDate>,
        #[serde(default)]
        review_due: Option<NaiveDate>,
        #[serde(default)]
        lanes: Vec<Lane>,
        #[serde(default, deserialize_with = "flat_nodes")]
        nodes: Vec<Node>,
        #[serde(default)]
        flows: Vec<Flow>,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Node", rename_all = "camelCase")]
    struct NodeDef {
        id: NodeId,
        #[serde(flatten)]
        kind: NodeKind,
        #[serde(default)]
        label: String,
        #[serde(default)]
        lane: Option<LaneId>,
        #[serde(default)]
        position: Position,
    }

    fn flat_nodes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Node>, D::Error> {
        #[derive(Deserialize)]
        #[serde(transparent)]
        struct FlatNode(#[serde(with = "NodeDef")] Node);
        let nodes = Vec::<FlatNode>::deserialize(deserializer)?;
        Ok(nodes.into_iter().map(|n| n.0).collect())
    }
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

    /// Wraps node objects in a minimal document.
    fn with_nodes(nodes: &str) -> String {
        format!(r#"{{"format":"handoff/1","process":{{"id":"p","name":"P","nodes":[{nodes}]}}}}"#)
    }

    fn careful(text: &str) -> Option<Document> {
        serde_json::from_str::<careful::Careful>(text)
            .ok()
            .map(|c| c.0)
    }

    #[test]
    fn odd_nodes_that_were_always_read_still_are() {
        // A kind by its index, details on a kind that has none, unknown keys, details before
        // the kind, an escaped key: serde's flatten read all of these.
        let text = with_nodes(
            r#"{"id":"s","kind":1,"bogus":[1,{"a":null}],"details":{"instructions":"Do it"}},
               {"details":{"nonsense":1},"id":"o","kind":"outcome","label":"Done"},
               {"details":{"durationMinutes":5},"k\u0069nd":"step","id":"t","position":[3,4]}"#,
        );
        let doc = parse_document(text.as_bytes()).unwrap();
        let nodes = &doc.process.nodes;
        assert_eq!(nodes[0].details().unwrap().instructions, "Do it");
        assert_eq!(nodes[1].kind, crate::model::NodeKind::Outcome);
        assert_eq!(nodes[2].details().unwrap().duration_minutes, Some(5));
        assert_eq!(nodes[2].position.x, 3.0);
        // Details that do not read as a step's, before the kind says they are ignored, are
        // left to the careful reading.
        assert_eq!(read_quickly(&text), None);
    }

    #[test]
    fn node_errors_are_worded_as_before() {
        // Mistakes in the flattened kind and details are reported at the node, after the
        // whole node is read, as serde's flatten did.
        let text = "{\"format\":\"handoff/1\",\"process\":{\"id\":\"p\",\"name\":\"P\",\n\
            \"nodes\":[{\"id\":\"n1\",\"kind\":\"step\",\"details\":{\"durationMinutes\":\"soon\"},\"label\":\"L\"}]}}";
        assert_eq!(
            parse_document(text.as_bytes()).unwrap_err().to_string(),
            "at process.nodes[0] (line 2, column 83): invalid type: string \"soon\", expected u32"
        );
        let text = with_nodes(r#"{"id":"n1","kind":"teleport"}"#);
        assert_eq!(
            parse_document(text.as_bytes()).unwrap_err().to_string(),
            "at process.nodes[0] (line 1, column 91): unknown variant `teleport`, expected one \
             of `start`, `step`, `decision`, `parallelSplit`, `parallelJoin`, `outcome`"
        );
    }

    #[test]
    fn ignored_values_are_still_checked() {
        // The quick reading must not let through what plain JSON refuses, even where the
        // value is thrown away.
        for node in [
            r#"{"id":"a","kind":"start","extra":1e400}"#,
            r#"{"id":"a","kind":"start","position":{"x":1,"y":2,"z":1e400}}"#,
            r#"{"id":"a","kind":"start","details":{"x":"\ud800"}}"#,
        ] {
            let text = with_nodes(node);
            assert_eq!(read_quickly(&text), None, "{node}");
            assert!(
                matches!(
                    parse_document(text.as_bytes()),
                    Err(LoadError::Syntax { .. })
                ),
                "{node}"
            );
        }
    }

    /// Pieces of node objects, ordinary and odd, for the property below.
    const NODE_PARTS: &[&str] = &[
        r#""id":"a""#,
        r#""id":"b""#,
        r#""id":5"#,
        r#""kind":"step""#,
        r#""kind":"start""#,
        r#""kind":"outcome""#,
        r#""kind":"teleport""#,
        r#""kind":1"#,
        r#""kind":6"#,
        r#""kind":-1"#,
        r#""kind":null"#,
        r#""kind":{"a":1}"#,
        r#""details":{}"#,
        r#""details":{"instructions":"x","durationMinutes":5}"#,
        r#""details":{"durationMinutes":"x"}"#,
        r#""details":{"bogus":1}"#,
        r#""details":["a",["i"],[],[],null,7,{}]"#,
        r#""details":["a",[],[],[],null,null,{},"extra"]"#,
        r#""details":null"#,
        r#""details":{"raci":{"accountable":["s"]}}"#,
        r#""details":{"inputs":["a",5]}"#,
        r#""details":{"instructions":"a","instructions":"b"}"#,
        r#""label":"L""#,
        r#""label":42"#,
        r#""lane":"l1""#,
        r#""lane":null"#,
        r#""position":{"x":1,"y":2}"#,
        r#""position":{"x":1}"#,
        r#""position":[1,2]"#,
        r#""position":[1,2,3]"#,
        r#""position":{"x":1,"y":2,"z":[1]}"#,
        r#""position":{"x":1,"y":2,"x":3}"#,
        r#""extra":{"deep":[[]]}"#,
        r#""extra":1e400"#,
        r#""k\u0069nd":"step""#,
    ];

    proptest::proptest! {
        /// Whatever the quick reading accepts, the careful reading (serde's derived code with
        /// flatten, the reading of record) accepts too, with the same result.
        #[test]
        fn careful_and_quick_readings_agree(
            picks in proptest::collection::vec(
                proptest::collection::vec(0..NODE_PARTS.len(), 0..7), 1..3),
        ) {
            let nodes: Vec<String> = picks
                .iter()
                .map(|p| {
                    let parts: Vec<&str> = p.iter().map(|&i| NODE_PARTS[i]).collect();
                    format!("{{{}}}", parts.join(","))
                })
                .collect();
            let text = with_nodes(&nodes.join(","));
            if let Some(quick) = read_quickly(&text) {
                proptest::prop_assert_eq!(careful(&text), Some(quick), "{}", text);
            }
        }
    }
}
