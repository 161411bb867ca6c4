//! One process: open, save (each save a revision), history, and the library screen's
//! actions on it.

use handoff_core::{Document, Process, ProcessId};
use handoff_store::{DeletedProcess, RevisionInfo, Saved};
use tauri::State;

use crate::error::{AppError, CmdResult, ErrorCode};
use crate::state::{self, AppState};

/// The process as last saved.
#[tauri::command]
#[specta::specta]
pub fn load_process(state: State<'_, AppState>, id: ProcessId) -> CmdResult<Document> {
    state.with(|lib| lib.load(&id))
}

/// Saves the document as a new revision (nothing is added when it did not change).
#[tauri::command]
#[specta::specta]
pub fn save_process(state: State<'_, AppState>, doc: Document) -> CmdResult<Saved> {
    state.with(|lib| lib.save(&doc, state::now()))
}

/// A new, empty process named `name`, with an id derived from the name.
#[tauri::command]
#[specta::specta]
pub fn create_process(state: State<'_, AppState>, name: String) -> CmdResult<Saved> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::new(ErrorCode::Invalid, "a process needs a name"));
    }
    state.with(|lib| {
        let id = lib.fresh_process_id(&slug(name))?;
        lib.save(
            &Document::new(Vec::new(), Process::blank(id, name)),
            state::now(),
        )
    })
}

/// A new process copied from the template `file_name`, under a fresh id.
#[tauri::command]
#[specta::specta]
pub fn create_from_template(state: State<'_, AppState>, file_name: String) -> CmdResult<Saved> {
    let template = handoff_templates::get(&file_name).ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            format!("no template named {file_name}"),
        )
    })?;
    let mut doc = template.document()?;
    state.with(|lib| {
        doc.process.id = lib.fresh_process_id(doc.process.id.as_str())?;
        lib.save(&doc, state::now())
    })
}

/// A copy of the process under a new id, named "<name> (copy)".
#[tauri::command]
#[specta::specta]
pub fn duplicate_process(state: State<'_, AppState>, id: ProcessId) -> CmdResult<Saved> {
    state.with(|lib| lib.duplicate(&id, state::now()))
}

#[tauri::command]
#[specta::specta]
pub fn rename_process(state: State<'_, AppState>, id: ProcessId, name: String) -> CmdResult<Saved> {
    state.with(|lib| lib.rename(&id, name.trim(), state::now()))
}

/// Moves the process to the bin; [`undelete_process`] brings it back.
#[tauri::command]
#[specta::specta]
pub fn delete_process(state: State<'_, AppState>, id: ProcessId) -> CmdResult<()> {
    state.with(|lib| lib.delete(&id, state::now()))
}

#[tauri::command]
#[specta::specta]
pub fn undelete_process(state: State<'_, AppState>, id: ProcessId) -> CmdResult<()> {
    state.with(|lib| lib.undelete(&id))
}

#[tauri::command]
#[specta::specta]
pub fn deleted_processes(state: State<'_, AppState>) -> CmdResult<Vec<DeletedProcess>> {
    state.with(|lib| lib.deleted_processes())
}

/// Records a review today (a new revision).
#[tauri::command]
#[specta::specta]
pub fn mark_reviewed(state: State<'_, AppState>, id: ProcessId) -> CmdResult<Saved> {
    state.with(|lib| lib.mark_reviewed(&id, state::today(), state::now()))
}

/// The process's revisions, newest first as the store lists them.
#[tauri::command]
#[specta::specta]
pub fn list_revisions(state: State<'_, AppState>, id: ProcessId) -> CmdResult<Vec<RevisionInfo>> {
    state.with(|lib| lib.revisions(&id))
}

/// Makes an old revision current again, as a new revision; returns the restored document.
#[tauri::command]
#[specta::specta]
pub fn restore_revision(
    state: State<'_, AppState>,
    id: ProcessId,
    number: u32,
) -> CmdResult<Document> {
    state.with(|lib| {
        lib.restore_revision(&id, number, state::now())?;
        lib.load(&id)
    })
}

/// A process id from a name: lower-case words joined by dashes.
fn slug(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "process".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slug_keeps_words_and_drops_punctuation() {
        assert_eq!(slug("Client onboarding (v2)!"), "client-onboarding-v2");
        assert_eq!(slug("  ?? "), "process");
    }
}
