//! Maps into the library: `*.handoff.json` files and BPMN 2.0 XML.

use std::path::Path;

use handoff_bpmn::ImportNote;
use handoff_core::{Document, ProcessId};
use handoff_store::{ImportMode, Imported};
use serde::Serialize;

use crate::ctx::{Ctx, Progress};
use crate::error::ApiResult;
use crate::maps::{file_name, load_map, read_bpmn, read_map_file, Warned};

/// Imports each `*.handoff.json` file as a process, in order; with
/// [`ImportMode::FreshId`] a file whose process id exists gets a fresh id, so nothing is
/// overwritten. Stops at the first bad file, naming it; the files before it stay imported.
/// Reports progress after each file.
///
/// # Errors
/// The first file that cannot be read (named) or the store's write errors.
pub fn import_files(
    ctx: &Ctx,
    paths: &[impl AsRef<Path>],
    mode: ImportMode,
    progress: &dyn Fn(Progress),
) -> ApiResult<Vec<Imported>> {
    let total = paths.len() as u32;
    let mut out = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        let path = path.as_ref();
        progress(Progress::new(i as u32, total, path.display().to_string()));
        let doc = read_map_file(path)?;
        out.push(add(ctx, doc, mode, &file_name(path))?);
    }
    progress(Progress::new(total, total, ""));
    Ok(out)
}

/// One map read from a file and added to the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMap {
    /// The process's name, as the file had it.
    pub name: String,
    pub imported: Imported,
}

/// Imports one map of either format (see [`load_map`]); BPMN notes come back as warnings.
///
/// # Errors
/// As [`import_files`].
pub fn import_map(ctx: &Ctx, path: &Path, mode: ImportMode) -> ApiResult<Warned<ImportedMap>> {
    let map = load_map(path)?;
    let name = map.output.process.name.clone();
    let imported = add(ctx, map.output, mode, &file_name(path))?;
    Ok(Warned {
        output: ImportedMap { name, imported },
        warnings: map.warnings,
    })
}

/// A BPMN file now in the library as a process.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BpmnImported {
    pub id: ProcessId,
    pub name: String,
    pub steps: u32,
    pub lanes: u32,
    /// What the map does not hold as the file had it, in file order.
    pub notes: Vec<ImportNote>,
}

/// Reads the BPMN file at `path` into a new process (a fresh id when the file's process id
/// is taken), reporting three steps of progress.
///
/// # Errors
/// The file cannot be read or is not BPMN (named, with line and column where known); the
/// store's write errors.
pub fn import_bpmn(ctx: &Ctx, path: &Path, progress: &dyn Fn(Progress)) -> ApiResult<BpmnImported> {
    progress(Progress::new(0, 3, "Reading the file"));
    let import = read_bpmn(path)?;
    progress(Progress::new(2, 3, "Adding it to the library"));
    let summary = summary(&import.document, import.notes);
    let saved = add(ctx, import.document, ImportMode::FreshId, &file_name(path))?;
    progress(Progress::new(3, 3, ""));
    Ok(BpmnImported {
        id: saved.id,
        ..summary
    })
}

fn add(ctx: &Ctx, doc: Document, mode: ImportMode, source: &str) -> ApiResult<Imported> {
    let now = ctx.now();
    ctx.with(|lib| lib.import_document(doc, mode, source, now))
}

/// What the import dialog reports about `doc`, before the library assigns the final id.
fn summary(doc: &Document, notes: Vec<ImportNote>) -> BpmnImported {
    let counts = handoff_core::metrics(doc);
    BpmnImported {
        id: doc.process.id.clone(),
        name: doc.process.name.clone(),
        steps: counts.steps,
        lanes: counts.lanes,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handoff_export_imports_back_with_its_counts() {
        let doc = handoff_core::build::generate(12, 3);
        let xml = handoff_bpmn::export(&doc);
        let back = handoff_bpmn::import(xml.as_bytes()).expect("own export imports");
        let s = summary(&back.document, back.notes);
        assert_eq!(s.lanes, 3);
        assert_eq!(
            s.steps as usize,
            doc.process
                .nodes
                .iter()
                .filter(|n| n.details().is_some())
                .count()
        );
    }
}
