//! Checks and metrics of the map being edited, run on every edit (debounced by the UI).

use handoff_core::{Diagnostic, Document, Metrics};
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// What the problems panel and the metrics strip show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub metrics: Metrics,
}

/// Checks `doc` with the library's rule settings as of today, and measures it.
///
/// Async so that Tauri runs it on its worker pool: a synchronous command runs on the main
/// thread, and on a big map (or in a debug build) checking would stall the window's event
/// loop, and so the frames being shown, for as long as it takes, e.g. right after a drag.
#[tauri::command]
#[specta::specta]
pub async fn analyze(state: State<'_, AppState>, doc: Document) -> CmdResult<Analysis> {
    let rules = state.rules()?;
    Ok(Analysis {
        diagnostics: handoff_core::check(&doc, crate::state::today(), &rules),
        metrics: handoff_core::metrics(&doc),
    })
}

/// A generated map of `steps` steps over `lanes` lanes, for the performance benchmark.
#[tauri::command]
#[specta::specta]
pub fn generate_map(steps: u32, lanes: u32) -> Document {
    handoff_core::build::generate(steps as usize, lanes as usize)
}

/// The box of one node kind, as the engine lays maps out.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct NodeBox {
    pub tag: handoff_core::NodeTag,
    pub width: f64,
    pub height: f64,
}

/// The engine's canvas geometry (`handoff_core::layout`), so the canvas draws the same
/// boxes and lane heights as the PDF and BPMN exports.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Geometry {
    pub nodes: Vec<NodeBox>,
    pub min_lane_height: f64,
    pub lane_padding: f64,
}

#[tauri::command]
#[specta::specta]
pub fn canvas_geometry() -> Geometry {
    use handoff_core::{layout, NodeTag};
    let tags = [
        NodeTag::Start,
        NodeTag::Step,
        NodeTag::Decision,
        NodeTag::ParallelSplit,
        NodeTag::ParallelJoin,
        NodeTag::Outcome,
    ];
    Geometry {
        nodes: tags
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
