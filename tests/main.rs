//! Workspace integration tests. One module per concern; add yours with a line saying what
//! it covers.

/// Every template in `templates/` loads and passes every check (except the deliberately
/// flawed as-is example, whose findings are pinned).
mod templates;

/// BPMN exchange: round trips, bpmnlint on exports, the interchange corpus (bpmn.rs).
mod bpmn;

/// Comparing maps: the onboarding as-is vs to-be templates, moved, renamed and re-branched
/// steps, independently drawn maps paired by label, the backlog CSV (diff.rs).
mod diff;

/// Documents: SOP and handout PDFs through their extracted text (pdftotext), RACI as XLSX
/// (read back with calamine), CSV and PDF (docs.rs).
mod docs;

/// Arrows: the sides the core router picks on every template, written to the UI's fixture
/// that holds the canvas to the same rule (routes.rs).
mod routes;

/// Malformed maps and BPMN files, fuzz findings among them, each refused with its own clear
/// error (malformed.rs, inputs and expected errors in fixtures/malformed/).
mod malformed;

/// Reality check: the three real event logs of the shared corpus against hand-drawn maps
/// (fixtures/reality/): counts as Python counts them, fitting cases as pm4py finds them,
/// and CSV exports read exactly like the XES (reality.rs).
mod reality;

/// Labels: on every template, as drawn and after the canvas's auto-layout, no branch
/// condition, handoff badge or caption overlaps a node, a lane header or another label; the
/// placements are written to the UI's fixture that holds the canvas to them (labels.rs).
mod labels;
