//! Reality check: an event log held against a drawn map.
//!
//! What flows through it:
//!
//! 1. **Reading** ([`read`]): an XES file (plain or `.xes.gz`) or a CSV export is read in
//!    one streaming pass from any [`std::io::Read`] into a compact [`EventLog`] ([`log`]):
//!    per case, the completed activities with interned activity and resource ids and
//!    times as milliseconds. Rows that cannot be used are counted with their lines.
//! 2. **Matching** ([`mapping`]): the log's activities are paired with the map's steps
//!    (same label, then close labels, then what the user set by hand) and its resources
//!    with seats. The [`Mapping`] is plain serde data, to be stored with the process.
//! 3. **Conformance** ([`conformance`]): the map becomes a small Petri net ([`net`]) with
//!    the same semantics as its BPMN export, and every distinct path through the log is
//!    replayed on it exactly ([`replay`]): a case *fits* when the map can produce its
//!    steps in that order from a start to an outcome. Unfitting cases are explained as
//!    deviations ([`deviations`]) with the help of the map's paths ([`paths`]); counts and
//!    times per step and arrow are measured ([`stats`]).
//!
//! Nothing here touches files, clocks or the network; the same log and map always give
//! the same [`Report`], field for field.

pub mod conformance;
pub mod deviations;
pub mod log;
pub mod mapping;
pub mod net;
pub mod paths;
pub mod read;
pub mod replay;
pub mod stats;
pub mod time;

pub use conformance::{check, Report};
pub use log::EventLog;
pub use mapping::Mapping;
pub use read::{
    read_log, CsvGuess, CsvOptions, LogError, LogErrorKind, LogFormat, ReadLog, ReadOptions,
};
