//! The map being edited: checks and metrics, the engine's geometry, the templates.

use handoff_api::analysis::{self, Analysis, Geometry, TemplateInfo};
use handoff_api::ApiResult;
use handoff_core::Document;

use super::Api;

/// Checks and measures `doc`. Async so that Tauri runs it on its worker pool: a
/// synchronous command runs on the main thread and would stall the window on a big map.
#[tauri::command]
#[specta::specta]
pub async fn analyze(api: Api<'_>, doc: Document) -> ApiResult<Analysis> {
    analysis::analyze(&api, &doc)
}

#[tauri::command]
#[specta::specta]
pub fn canvas_geometry() -> Geometry {
    analysis::canvas_geometry()
}

#[tauri::command]
#[specta::specta]
pub fn list_templates() -> Vec<TemplateInfo> {
    analysis::templates()
}
