//! Reality check: a map held against an event log from the systems people use.
//!
//! The map is read like every other map ([`crate::maps::load_map`]: `*.handoff.json` or
//! any BPMN file); the log is streamed from disk straight into
//! [`handoff_reality::read_log`], never read whole, so a log of millions of events needs
//! memory only for its compact form. A saved mapping (log names → steps and seats) is a
//! small JSON file read with the bounded reader.

use std::path::Path;

use handoff_reality::{
    CsvGuess, CsvOptions, LogErrorKind, LogFormat, Mapping, ReadOptions, Report,
};
use serde::Serialize;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::files::{open_regular, read_bounded, Reason};
use crate::maps::{file_name, load_map, Warned};

/// A mapping file larger than this is refused before it is read.
pub const MAX_MAPPING_BYTES: usize = 16 * 1024 * 1024;

/// What to hold against what.
#[derive(Debug, Clone)]
pub struct RealityArgs<'a> {
    /// The map: `*.handoff.json` or `*.bpmn`.
    pub map: &'a Path,
    /// The event log: `*.xes`, `*.xes.gz` or `*.csv` (gzip-compressed or not).
    pub log: &'a Path,
    /// A saved [`Mapping`] (JSON), if any.
    pub mapping: Option<&'a Path>,
    /// What the user says about a CSV log's columns and dates.
    pub csv: CsvOptions,
}

/// How the log was read.
#[derive(Debug, Clone, Serialize)]
pub struct LogInfo {
    /// The log's file name.
    pub file: String,
    pub format: LogFormat,
    pub compressed: bool,
    /// For a CSV log: the columns and date format used, for the user to confirm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csv: Option<CsvGuess>,
}

/// The reality check's result.
#[derive(Debug, Clone, Serialize)]
pub struct Reality {
    /// The map's process name.
    pub process: String,
    pub log: LogInfo,
    #[serde(flatten)]
    pub report: Report,
}

/// Reads the map, the mapping and the log, and checks the log against the map.
///
/// Warnings are what a BPMN map could not hold, each prefixed with the map's path.
///
/// # Errors
/// [`ErrorCode::NotFound`] when a file does not exist, [`ErrorCode::InvalidFile`] when
/// the map, the mapping or the log cannot be read as one (the message names the file and,
/// for a log, the line), [`ErrorCode::Io`] when reading fails.
///
/// # Complexity
/// One streaming pass over the log, then one replay per distinct path through it
/// ([`handoff_reality::check`]).
pub fn reality(args: &RealityArgs<'_>) -> ApiResult<Warned<Reality>> {
    let map = load_map(args.map)?;
    let mapping = match args.mapping {
        Some(path) => read_mapping(path)?,
        None => Mapping::default(),
    };
    // Streamed: a regular file only (a pipe or device has no end to wait for).
    let (file, _) = open_regular(args.log)?;
    let name = file_name(args.log);
    let options = ReadOptions {
        name: args.log.display().to_string(),
        csv: args.csv.clone(),
    };
    let read = handoff_reality::read_log(file, &options).map_err(|e| {
        let code = match e.kind {
            LogErrorKind::Io(_) => ErrorCode::Io,
            _ => ErrorCode::InvalidFile,
        };
        ApiError::new(code, e.to_string())
    })?;
    let report = handoff_reality::check(&map.output, &read.log, &mapping);
    Ok(Warned {
        output: Reality {
            process: map.output.process.name.clone(),
            log: LogInfo {
                file: name,
                format: read.format,
                compressed: read.compressed,
                csv: read.csv,
            },
            report,
        },
        warnings: map.warnings,
    })
}

/// Reads a saved mapping.
///
/// # Errors
/// As [`reality`].
pub fn read_mapping(path: &Path) -> ApiResult<Mapping> {
    let bytes = read_bounded(path, MAX_MAPPING_BYTES, |bytes| {
        Reason::Io(std::io::Error::other(format!(
            "the mapping file is {bytes} bytes; at most {MAX_MAPPING_BYTES} are read"
        )))
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidFile,
            format!("{}: not a mapping file: {e}", path.display()),
        )
    })
}
