//! Reading the maps a command is given, through the application layer's one reader
//! ([`handoff_api::maps::load_map`]); what a BPMN file's map could not hold is printed on
//! stderr as warnings.

use std::path::Path;

use handoff_core::Document;

pub use handoff_api::files::ReadError as InputError;

/// Reads the map at `path` (`*.handoff.json` or `*.bpmn`), printing its warnings.
///
/// # Errors
/// An [`InputError`] naming the path and the reason.
pub fn load_map(path: &Path) -> Result<Document, InputError> {
    let map = handoff_api::maps::load_map(path)?;
    for w in &map.warnings {
        crate::output::print_warning(w);
    }
    Ok(map.output)
}
