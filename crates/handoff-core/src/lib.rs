//! Handoff's engine.
//!
//! A map comes in as bytes of a `*.handoff.json` file ([`file::parse_document`]) or as a
//! [`model::Document`] built by the app, the BPMN importer or a [`build::Builder`]. From it
//! the engine computes, without touching files, clocks or the network:
//!
//! - [`checks::check`]: the findings a business owner must fix, as data;
//! - [`metrics::metrics`]: counts, cycle times and work per seat;
//! - [`review`]: when the process is next due for review, given today's date.
//!
//! The graph facts that checks and metrics share (reachability both ways, loops with no way
//! out) live in [`graph`], computed with petgraph in time linear in the size of the map.

pub mod build;
pub mod checks;
pub mod diff;
pub mod file;
pub mod graph;
pub mod layout;
pub mod limits;
pub mod metrics;
pub mod model;
pub mod procedure;
pub mod review;
pub mod vacancy;

pub use checks::{check, Code, Diagnostic, Rules, Severity};
pub use file::{parse_document, to_json, LoadError};
pub use metrics::{metrics, Metrics};
pub use model::*;
