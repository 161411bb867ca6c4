//! Two maps side by side: two processes, or two revisions of one, and what differs between
//! them; and making a to-be map from an as-is map. The pairing, the differences and the
//! metric deltas all come from `handoff_core::diff`.

use handoff_core::diff::{self, Diff, MetricDelta, Unit};
use handoff_core::{Document, ProcessId};
use handoff_store::{Library, Saved, StoreError};
use serde::{Deserialize, Serialize};

use crate::ctx::Ctx;
use crate::error::ApiResult;

/// One side of a comparison: a process as it is now, or one of its saved revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MapRef {
    pub process: ProcessId,
    /// A revision number; `None` for the current version.
    pub revision: Option<u32>,
}

/// Both maps and their differences, as the compare view shows them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub before: Document,
    pub after: Document,
    pub diff: Diff,
    /// Steps, decisions, handoffs, seats, touch, waiting and cycle time of both sides.
    pub deltas: Vec<DeltaRow>,
    /// One line: "Added step 'Order laptop'; moved 'Badge' from IT to HR; handoffs 7 → 3".
    pub summary: String,
}

/// One metric of both maps, with the values as the engine writes them ("11 d 4 h"), so the
/// table reads like the CLI and the exported backlog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeltaRow {
    pub metric: String,
    pub unit: Unit,
    pub before: Option<u64>,
    pub after: Option<u64>,
    /// "11", "2 d 4 h" or "—".
    pub before_text: String,
    pub after_text: String,
    /// The signed change ("−4", "+1 d 2 h"); empty when equal or either side has no value.
    pub change_text: String,
}

impl From<MetricDelta> for DeltaRow {
    fn from(d: MetricDelta) -> Self {
        DeltaRow {
            before_text: d.format(d.before),
            after_text: d.format(d.after),
            change_text: d.change(),
            metric: d.metric,
            unit: d.unit,
            before: d.before,
            after: d.after,
        }
    }
}

/// The document `r` names.
///
/// # Errors
/// [`StoreError::NoSuchProcess`], [`StoreError::NoSuchRevision`] and the store's read
/// errors.
pub(crate) fn load_ref(lib: &Library, r: &MapRef) -> Result<Document, StoreError> {
    match r.revision {
        Some(n) => lib.load_revision(&r.process, n),
        None => lib.load(&r.process),
    }
}

/// What the compare view needs for two documents. Pure.
///
/// # Complexity
/// O(size of both maps) for maps whose elements pair by id (see `handoff_core::diff::diff`).
pub fn comparison(before: Document, after: Document) -> Comparison {
    let diff = diff::diff(&before, &after);
    let deltas = diff::metric_deltas(&diff)
        .into_iter()
        .map(DeltaRow::from)
        .collect();
    let summary = diff.summary();
    Comparison {
        before,
        after,
        diff,
        deltas,
        summary,
    }
}

/// Compares `before` (the as-is map or the older revision) with `after`.
///
/// # Errors
/// `NotFound` for an unknown process or revision; the store's read errors.
pub fn compare_maps(ctx: &Ctx, before: &MapRef, after: &MapRef) -> ApiResult<Comparison> {
    let (b, a) = ctx.with(|lib| Ok((load_ref(lib, before)?, load_ref(lib, after)?)))?;
    Ok(comparison(b, a))
}

/// Makes a to-be process from the current version of `id`: every element keeps its id (so
/// the compare view pairs them all), the new process says which revision it came from and
/// is named "<name> (to-be)". Returns the new process's first save.
///
/// # Errors
/// `NotFound`; the store's errors.
pub fn derive_to_be(ctx: &Ctx, id: &ProcessId) -> ApiResult<Saved> {
    let now = ctx.now();
    ctx.with(|lib| {
        let doc = lib.load(id)?;
        let revision = lib.revisions(id)?.first().map_or(0, |r| r.number);
        let fresh = ProcessId(to_be_id(id.as_str()));
        lib.save_new(diff::derive(&doc, fresh, revision), now)
    })
}

/// The id a derived to-be process starts from: "onboarding-as-is" → "onboarding-to-be",
/// anything else gets "-to-be" appended.
pub fn to_be_id(id: &str) -> String {
    let base = id.strip_suffix("-as-is").unwrap_or(id);
    format!("{base}-to-be")
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_core::build::generate;

    #[test]
    fn to_be_id_replaces_the_as_is_suffix() {
        assert_eq!(to_be_id("proc-onboarding-as-is"), "proc-onboarding-to-be");
        assert_eq!(to_be_id("invoicing"), "invoicing-to-be");
    }

    #[test]
    fn comparison_reports_a_re_owned_step_and_the_handoff_delta() {
        let before = generate(6, 2);
        let mut after = diff::derive(&before, ProcessId::from("p2"), 1);
        // Move the first step to the other lane.
        let other = after.process.lanes[1].id.clone();
        let moved = after
            .process
            .nodes
            .iter_mut()
            .find(|n| n.tag() == handoff_core::NodeTag::Step && n.lane.as_ref() != Some(&other))
            .expect("a step in the first lane");
        let moved_id = moved.id.to_string();
        moved.lane = Some(other);
        let c = comparison(before, after);
        assert!(
            c.diff.moved.iter().any(|m| m.id == moved_id),
            "{:?}",
            c.diff.moved
        );
        let names: Vec<&str> = c.deltas.iter().map(|d| d.metric.as_str()).collect();
        assert!(
            names.contains(&"handoffs") && names.contains(&"cycle time"),
            "{names:?}"
        );
        assert!(c.summary.to_lowercase().contains("moved"), "{}", c.summary);
    }

    #[test]
    fn delta_rows_sign_the_change_in_engine_units() {
        let row = DeltaRow::from(MetricDelta {
            metric: "cycle time".into(),
            unit: Unit::Minutes,
            before: Some(3000),
            after: Some(1500),
        });
        assert_eq!(
            (row.before_text.as_str(), row.after_text.as_str()),
            ("2 d 2 h", "1 d 1 h")
        );
        assert_eq!(row.change_text, "−1 d 1 h");
        let row = DeltaRow::from(MetricDelta {
            metric: "handoffs".into(),
            unit: Unit::Count,
            before: Some(3),
            after: Some(7),
        });
        assert_eq!(row.change_text, "+4");
        let row = DeltaRow::from(MetricDelta {
            metric: "cycle time".into(),
            unit: Unit::Minutes,
            before: None,
            after: Some(7),
        });
        assert_eq!(
            (row.before_text.as_str(), row.change_text.as_str()),
            ("—", "")
        );
    }

    #[test]
    fn an_unchanged_copy_compares_empty() {
        let before = generate(10, 3);
        let after = diff::derive(&before, ProcessId::from("copy"), 0);
        let c = comparison(before, after);
        assert!(c.diff.is_empty());
        assert!(c
            .deltas
            .iter()
            .all(|d| d.before == d.after && d.change_text.is_empty()));
    }
}
