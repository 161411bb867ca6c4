//! Maps into the library: `*.handoff.json` files and BPMN 2.0 XML, each import reporting
//! progress over its own channel.

use handoff_api::import::{self, BpmnImported};
use handoff_api::{ApiResult, Progress};
use handoff_store::{ImportMode, Imported};
use tauri::ipc::Channel;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::{blocking, reporter, Api};

/// Asks the user for map files to import; empty when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_import_files(app: AppHandle) -> Vec<String> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import Handoff maps")
        .add_filter("Handoff map", &["json"])
        .blocking_pick_files();
    picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
        .collect()
}

/// Imports each file as a new process (never over an existing one).
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    api: Api<'_>,
    paths: Vec<String>,
    on_progress: Channel<Progress>,
) -> ApiResult<Vec<Imported>> {
    blocking(&api, move |ctx| {
        import::import_files(ctx, &paths, ImportMode::FreshId, &reporter(on_progress))
    })
    .await
}

/// Asks the user for a BPMN file; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_bpmn_file(app: AppHandle) -> Option<String> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import a BPMN 2.0 file")
        .add_filter("BPMN 2.0 XML", &["bpmn", "xml", "bpmn20.xml"])
        .blocking_pick_file();
    picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

#[tauri::command]
#[specta::specta]
pub async fn import_bpmn(
    api: Api<'_>,
    path: String,
    on_progress: Channel<Progress>,
) -> ApiResult<BpmnImported> {
    blocking(&api, move |ctx| {
        import::import_bpmn(ctx, path.as_ref(), &reporter(on_progress))
    })
    .await
}
