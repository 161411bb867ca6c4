//! RACI: every step has exactly one Accountable seat. (Responsible is the lane's seat, so it
//! is always exactly one and needs no check.)

use super::{Code, Context, Findings};

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    let doc = cx.doc;
    for node in &doc.process.nodes {
        let Some(details) = node.details() else {
            continue;
        };
        let name = || node.display_name();
        let accountable = &details.raci.accountable;
        match accountable.len() {
            0 => f.push(
                Code::RaciNoAccountable,
                vec![node.id.to_string()],
                format!("Step '{}' has no Accountable seat.", name()),
                "In the inspector's RACI, set A on the one seat that answers for this step being done right.",
            ),
            1 => {}
            n => {
                let names: Vec<String> = accountable
                    .iter()
                    .map(|s| doc.seat(s).map_or(s.to_string(), |seat| seat.name.clone()))
                    .collect();
                let mut elements = vec![node.id.to_string()];
                elements.extend(accountable.iter().map(|s| s.to_string()));
                f.push(
                    Code::RaciMultipleAccountable,
                    elements,
                    format!("Step '{}' has {n} Accountable seats ({}); when everyone answers for it, no one does.", name(), names.join(", ")),
                    "Keep A on exactly one seat; make the others Consulted or Informed.",
                );
            }
        }
    }
}
