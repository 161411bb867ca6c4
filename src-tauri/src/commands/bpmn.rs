//! BPMN 2.0 XML into the library, with the importer's notes on what the map could not hold.
//! (A process goes out as BPMN through the export dialog: see [`super::export`].)

use std::path::Path;

use handoff_bpmn::ImportNote;
use handoff_core::ProcessId;
use handoff_store::ImportMode;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

use crate::error::{AppError, CmdResult, ErrorCode};
use crate::events::Progress;
use crate::state::{self, lock, AppState};

/// A BPMN file now in the library as a process.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BpmnImported {
    pub id: ProcessId,
    pub name: String,
    pub steps: u32,
    pub lanes: u32,
    /// What the map does not hold as the file had it, in file order.
    pub notes: Vec<ImportNote>,
}

/// Asks the user for a BPMN file; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_bpmn_file(app: AppHandle) -> Option<String> {
    app.dialog()
        .file()
        .set_title("Import a BPMN 2.0 file")
        .add_filter("BPMN 2.0 XML", &["bpmn", "xml", "bpmn20.xml"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// Reads the BPMN file at `path` into a new process (a fresh id when the file's process id
/// is taken). Runs off the UI thread and emits `Progress { task: "bpmn-import" }`.
#[tauri::command]
#[specta::specta]
pub async fn import_bpmn(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<BpmnImported> {
    let library = state.library.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let progress = |done, detail: &str| {
            let _ = Progress {
                task: "bpmn-import".into(),
                done,
                total: 3,
                detail: detail.into(),
            }
            .emit(&app);
        };
        progress(0, "Reading the file");
        let file = Path::new(&path);
        let bytes = std::fs::read(file)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("{path}: {e}")))?;
        progress(1, "Reading the BPMN");
        let import = handoff_bpmn::import(&bytes)
            .map_err(|e| AppError::new(ErrorCode::InvalidFile, format!("{path}: {e}")))?;
        progress(2, "Adding it to the library");
        let doc = import.document;
        let source = file
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
        let summary = imported_summary(&doc, import.notes);
        let mut guard = lock(&library);
        let lib = guard
            .as_mut()
            .ok_or_else(|| AppError::new(ErrorCode::Library, "no library is open"))?;
        let saved = lib.import_document(doc, ImportMode::FreshId, &source, state::now())?;
        progress(3, "");
        Ok(BpmnImported {
            id: saved.id,
            ..summary
        })
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Io, format!("the import stopped: {e}")))?
}

/// What the import dialog reports about `doc`, before the library assigns the final id.
fn imported_summary(doc: &handoff_core::Document, notes: Vec<ImportNote>) -> BpmnImported {
    let p = &doc.process;
    BpmnImported {
        id: p.id.clone(),
        name: p.name.clone(),
        steps: p.nodes.iter().filter(|n| n.details().is_some()).count() as u32,
        lanes: p.lanes.len() as u32,
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
        let s = imported_summary(&back.document, back.notes);
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
