//! The template gallery: starter processes embedded in the binary.

use handoff_core::Document;
use serde::Serialize;

use crate::error::CmdResult;

/// One template as the gallery shows it; `doc` drives the preview.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub file_name: String,
    pub doc: Document,
}

/// Every embedded template, parsed. A template that fails to parse is left out (the
/// templates crate's own tests keep that from happening).
#[tauri::command]
#[specta::specta]
pub fn list_templates() -> CmdResult<Vec<TemplateInfo>> {
    Ok(handoff_templates::documents()
        .into_iter()
        .filter_map(|(name, doc)| {
            doc.ok().map(|doc| TemplateInfo {
                file_name: name.to_owned(),
                doc,
            })
        })
        .collect())
}
