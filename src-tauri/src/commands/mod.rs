//! One module per domain; each command parses its input, calls an engine crate and maps
//! the error. Business rules live in the engine crates, never here.

pub mod bpmn;
pub mod compare;
pub mod engine;
pub mod export;
pub mod files;
pub mod library;
pub mod processes;
pub mod seats;
pub mod templates;
