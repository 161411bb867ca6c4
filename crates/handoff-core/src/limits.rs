//! How big a map may be. A map over these limits is refused when it is read, with a message
//! saying what is over and by how much, before any check, metric or document is computed:
//! the limits keep every later step (checks, layout, documents, the canvas) within bounds a
//! desktop can handle, whatever a file claims. They sit well above any real process (the
//! benchmarks use 10,000 steps; BPMN imports of 50,000 tasks must still load).

use crate::file::LoadError;
use crate::model::Document;

/// Steps, decisions, starts and outcomes together.
pub const MAX_NODES: usize = 100_000;
/// Arrows.
pub const MAX_FLOWS: usize = 200_000;
/// Lanes in one process.
pub const MAX_LANES: usize = 1_000;
/// Seats a map carries.
pub const MAX_SEATS: usize = 10_000;
/// Characters in one text (a label, a name, a step's instructions, one input or output).
pub const MAX_TEXT_CHARS: usize = 100_000;

/// Refuses a document over any limit.
///
/// # Errors
/// [`LoadError::TooMany`] naming the kind of element, or [`LoadError::TextTooLong`] naming
/// the element and the field.
///
/// # Complexity
/// Linear in the size of the document.
pub fn check(doc: &Document) -> Result<(), LoadError> {
    let p = &doc.process;
    for (what, count, max) in [
        ("steps and other nodes", p.nodes.len(), MAX_NODES),
        ("arrows", p.flows.len(), MAX_FLOWS),
        ("lanes", p.lanes.len(), MAX_LANES),
        ("seats", doc.seats.len(), MAX_SEATS),
    ] {
        if count > max {
            return Err(LoadError::TooMany { what, count, max });
        }
    }
    let text = |element: &str, field: &'static str, s: &str| {
        // Bytes bound characters from above: count characters only when it can matter.
        if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS {
            return Err(LoadError::TextTooLong {
                element: element.to_owned(),
                field,
                chars: s.chars().count(),
                max: MAX_TEXT_CHARS,
            });
        }
        Ok(())
    };
    text("the process", "name", &p.name)?;
    text("the process", "purpose", &p.purpose)?;
    text("the process", "expected output", &p.expected_output)?;
    text("the process", "trigger", &p.trigger.description)?;
    for s in &p.failure_signals {
        text("the process", "failure signals", s)?;
    }
    for s in &doc.seats {
        text(&format!("seat \"{}\"", s.id), "name", &s.name)?;
    }
    for n in &p.nodes {
        let element = || format!("node \"{}\"", n.id);
        if n.label.len() > MAX_TEXT_CHARS {
            text(&element(), "label", &n.label)?;
        }
        if let Some(d) = n.details() {
            text(&element(), "instructions", &d.instructions)?;
            for s in d.inputs.iter().chain(&d.outputs).chain(&d.systems) {
                text(&element(), "inputs, outputs or systems", s)?;
            }
        }
    }
    for f in &p.flows {
        text(&format!("arrow \"{}\"", f.id), "label", &f.label)?;
        text(&format!("arrow \"{}\"", f.id), "handover", &f.handover)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::generate;

    #[test]
    fn a_map_within_the_limits_passes() {
        assert_eq!(check(&generate(500, 5)), Ok(()));
    }

    #[test]
    fn too_many_lanes_or_too_long_a_text_is_refused_with_what_and_where() {
        let mut doc = generate(20, 2);
        let lane = doc.process.lanes[0].clone();
        doc.process.lanes = vec![lane; MAX_LANES + 1];
        let err = check(&doc).expect_err("too many lanes");
        assert!(err.to_string().contains("1001 lanes"), "{err}");

        let mut doc = generate(20, 2);
        doc.process.flows[3].handover = "x".repeat(MAX_TEXT_CHARS + 1);
        let err = check(&doc).expect_err("too long");
        let id = doc.process.flows[3].id.to_string();
        assert!(
            err.to_string().contains(&id) && err.to_string().contains("handover"),
            "{err}"
        );
    }
}
