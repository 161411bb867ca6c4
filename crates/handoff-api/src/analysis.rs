//! The map being edited: its checks and metrics (run on every edit, debounced by the UI),
//! the engine's canvas geometry, and the starter templates.

use handoff_core::{layout, Diagnostic, Document, Metrics, NodeTag, Rules};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::ApiResult;

/// What the problems panel and the metrics strip show.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub metrics: Metrics,
}

/// Checks `doc` with the library's rule settings (the defaults when no library is open) as
/// of today, and measures it.
///
/// # Errors
/// When the library's rule settings cannot be read.
///
/// # Complexity
/// Linear in the size of the map (see `handoff_core::check` and `handoff_core::metrics`).
pub fn analyze(ctx: &Ctx, doc: &Document) -> ApiResult<Analysis> {
    let rules = if ctx.has_library() {
        ctx.with(|lib| lib.rules())?
    } else {
        Rules::default()
    };
    Ok(Analysis {
        diagnostics: handoff_core::check(doc, ctx.today(), &rules),
        metrics: handoff_core::metrics(doc),
    })
}

/// The box of one node kind, as the engine lays maps out.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NodeBox {
    pub tag: NodeTag,
    pub width: f64,
    pub height: f64,
}

/// The engine's canvas geometry (`handoff_core::layout`), so the canvas draws the same
/// boxes and lane heights as the PDF and BPMN exports.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Geometry {
    pub nodes: Vec<NodeBox>,
    pub min_lane_height: f64,
    pub lane_padding: f64,
}

/// The node boxes and lane measures every renderer uses.
pub fn canvas_geometry() -> Geometry {
    Geometry {
        nodes: NodeTag::ALL
            .into_iter()
            .map(|tag| {
                let s = layout::node_size(tag);
                NodeBox {
                    tag,
                    width: s.width,
                    height: s.height,
                }
            })
            .collect(),
        min_lane_height: layout::MIN_LANE_HEIGHT,
        lane_padding: layout::LANE_PADDING,
    }
}

/// One template as the gallery shows it; `doc` drives the preview.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub file_name: String,
    pub doc: Document,
}

/// Every embedded template, parsed. A template that fails to parse is left out (the
/// templates crate's own tests keep that from happening).
pub fn templates() -> Vec<TemplateInfo> {
    handoff_templates::documents()
        .into_iter()
        .filter_map(|(name, doc)| {
            doc.ok().map(|doc| TemplateInfo {
                file_name: name.to_owned(),
                doc,
            })
        })
        .collect()
}
