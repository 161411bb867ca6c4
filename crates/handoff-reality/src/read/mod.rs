//! Reading event logs: XES (plain or gzip-compressed) and CSV, each in one streaming pass
//! over a [`Read`], so memory grows with the compact [`EventLog`] and never with the size
//! of the file.
//!
//! Whether the bytes are gzip-compressed is told by their first two bytes; whether they are
//! XES or CSV by the file name, or by the first character when the name does not say.

mod csv;
mod xes;

use std::io::{BufRead, BufReader, Read};

use serde::Serialize;

use crate::log::EventLog;

pub use self::csv::{CsvGuess, CsvOptions};

/// Why a log could not be read. Displays as `<file>: line N: <what>`.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {}{kind}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct LogError {
    /// The file's name as given in [`ReadOptions::name`].
    pub file: String,
    /// The 1-based line where reading stopped, when known.
    pub line: Option<u64>,
    pub kind: LogErrorKind,
}

/// What stopped the reading.
#[derive(Debug, thiserror::Error)]
pub enum LogErrorKind {
    /// The bytes could not be read (or gzip data is damaged).
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The file has no content at all.
    #[error("the file is empty")]
    Empty,
    /// The XML is not well-formed.
    #[error("the XML is not well-formed: {0}")]
    Xml(String),
    /// The XML has a `<!DOCTYPE>`; XES never needs one and entity tricks start there.
    #[error("the file has a <!DOCTYPE> declaration; XES files never need one and it is refused for safety")]
    Doctype,
    /// Elements nest deeper than [`MAX_DEPTH`].
    #[error("elements are nested more than {MAX_DEPTH} deep")]
    TooDeep,
    /// The root element is not `<log>`.
    #[error("this is not an XES event log: the root element is <{0}>, expected <log>")]
    NotXes(String),
    /// The CSV file has no header row.
    #[error("the CSV file has no header row")]
    NoHeader,
    /// A column the log needs could not be found.
    #[error("{0}")]
    Columns(String),
    /// No known date format reads the timestamp column.
    #[error("{0}")]
    DateFormat(String),
    /// The log is larger than [`crate::log::MAX_EVENTS`] events.
    #[error("the log has more than {0} events")]
    TooManyEvents(u64),
}

/// Elements nested deeper than this are refused. XES nests about 5 deep.
pub const MAX_DEPTH: usize = 256;

/// The format of a log file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Xes,
    Csv,
}

/// How to read a log.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The file's name, for messages and to tell XES from CSV.
    pub name: String,
    /// Columns and date format of a CSV file, where the user has set them.
    pub csv: CsvOptions,
}

/// A log as read, with how it was read.
#[derive(Debug, Clone)]
pub struct ReadLog {
    pub log: EventLog,
    pub format: LogFormat,
    /// Whether the bytes were gzip-compressed.
    pub compressed: bool,
    /// For a CSV file, the columns and date format used (guessed or given).
    pub csv: Option<CsvGuess>,
}

/// Reads an event log from `input`.
///
/// # Errors
/// A [`LogError`] naming the file and, where there is one, the line. Rows or events that
/// cannot be used are not errors: they are counted in [`EventLog::bad`] with their lines.
///
/// # Complexity
/// One pass over the bytes; O(e log e) for e events to group them into cases; memory
/// about 56 bytes an event while reading and 24 bytes an event after.
pub fn read_log(input: impl Read, options: &ReadOptions) -> Result<ReadLog, LogError> {
    let fail = |kind| LogError {
        file: options.name.clone(),
        line: None,
        kind,
    };
    let mut raw = BufReader::with_capacity(1 << 16, input);
    let head = raw.fill_buf().map_err(|e| fail(e.into()))?;
    if head.is_empty() {
        return Err(fail(LogErrorKind::Empty));
    }
    let compressed = head.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn BufRead> = if compressed {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    let mut reader = reader;
    let format = match format_from_name(&options.name) {
        Some(f) => f,
        None => {
            let head = reader.fill_buf().map_err(|e| fail(e.into()))?;
            let first = head
                .iter()
                .copied()
                .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
            if first == Some(b'<') {
                LogFormat::Xes
            } else {
                LogFormat::Csv
            }
        }
    };
    let (log, csv) = match format {
        LogFormat::Xes => (xes::read(reader, &options.name)?, None),
        LogFormat::Csv => {
            let (log, guess) = csv::read(reader, options)?;
            (log, Some(guess))
        }
    };
    Ok(ReadLog {
        log,
        format,
        compressed,
        csv,
    })
}

/// The format a file name says (`.xes`, `.xes.gz`, `.xml`, `.csv`, `.tsv`, `.txt`, any
/// case), if any.
pub fn format_from_name(name: &str) -> Option<LogFormat> {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    if base.ends_with(".xes") || base.ends_with(".xml") {
        Some(LogFormat::Xes)
    } else if base.ends_with(".csv") || base.ends_with(".tsv") || base.ends_with(".txt") {
        Some(LogFormat::Csv)
    } else {
        None
    }
}
