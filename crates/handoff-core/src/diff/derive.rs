//! Making the to-be map from an as-is map.

use crate::model::{DerivedFrom, Document, ProcessId, ProcessState};

/// A to-be copy of `doc`: every element keeps its id (so [`super::diff`] pairs them all by
/// id), the process gets `new_process_id`, the state [`ProcessState::ToBe`], a
/// `derived_from` naming `doc`'s process and `revision` (0 for a file outside any
/// library), and the name "<name> (to-be)" (an "(as-is)" suffix is replaced, not kept).
///
/// Review dates are cleared: they record reviews of the process as it runs today, and the
/// plan has not been reviewed yet.
///
/// # Complexity
/// O(size of the document) (one clone).
pub fn derive(doc: &Document, new_process_id: ProcessId, revision: u32) -> Document {
    let mut out = doc.clone();
    let p = &mut out.process;
    let base = strip_state_suffix(p.name.trim());
    p.name = format!("{base} (to-be)");
    p.derived_from = Some(DerivedFrom {
        process: std::mem::replace(&mut p.id, new_process_id),
        revision,
    });
    p.state = ProcessState::ToBe;
    p.last_reviewed = None;
    p.review_due = None;
    out
}

fn strip_state_suffix(name: &str) -> &str {
    for suffix in ["(as-is)", "(to-be)", "(as is)", "(to be)"] {
        let Some(cut) = name.len().checked_sub(suffix.len()) else {
            continue;
        };
        if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(suffix) {
            return name[..cut].trim_end();
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::generate;

    #[test]
    fn a_derived_map_keeps_ids_and_says_where_it_came_from() {
        let mut asis = generate(20, 3);
        asis.process.name = "Employee onboarding (as-is)".into();
        let tobe = derive(&asis, ProcessId::from("p2"), 7);
        assert_eq!(tobe.process.id.as_str(), "p2");
        assert_eq!(tobe.process.name, "Employee onboarding (to-be)");
        assert_eq!(tobe.process.state, ProcessState::ToBe);
        assert_eq!(
            tobe.process.derived_from,
            Some(DerivedFrom {
                process: ProcessId::from("p1"),
                revision: 7
            })
        );
        assert_eq!(tobe.process.nodes, asis.process.nodes);
        assert_eq!(tobe.process.flows, asis.process.flows);
        assert!(crate::diff::diff(&asis, &tobe).is_empty());
    }

    #[test]
    fn a_name_without_a_state_gets_one() {
        let mut doc = generate(2, 1);
        doc.process.name = "Invoicing".into();
        assert_eq!(
            derive(&doc, ProcessId::from("x"), 0).process.name,
            "Invoicing (to-be)"
        );
    }
}
