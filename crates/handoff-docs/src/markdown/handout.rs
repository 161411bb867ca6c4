//! The onboarding handout for one seat as Markdown.

use chrono::NaiveDate;
use handoff_core::procedure::Procedure;
use handoff_core::{Document, SeatId};

use super::Markdown;
use crate::directions::{direction_lines, item_title, moves, Names};
use crate::handout::{
    introduction, involved, my_items, overview, owned_row, sections, step_io, step_meta,
    HandoutError, NO_STEPS, OWNED_INTRO,
};

/// The handout for `seat` across `docs` (the library's processes in the order they should
/// appear) as Markdown: what the seat owns, where it takes part, and for each process its
/// steps in order (numbered as in the SOP, with their directions), what it receives and
/// hands over, and where it is accountable, consulted or informed.
///
/// # Errors
/// [`HandoutError::UnknownSeat`] when no document carries the seat.
///
/// # Complexity
/// Linear in the total size of the maps.
pub fn handout(docs: &[Document], seat: &SeatId, date: NaiveDate) -> Result<String, HandoutError> {
    let Some(info) = docs.iter().find_map(|d| d.seat(seat)) else {
        return Err(HandoutError::UnknownSeat(seat.to_string()));
    };
    let parts: Vec<(&Document, Procedure)> = docs
        .iter()
        .filter(|d| involved(d, seat))
        .map(|d| (d, Procedure::new(&d.process)))
        .collect();
    let owned: Vec<&Document> = parts
        .iter()
        .map(|(d, _)| *d)
        .filter(|d| d.process.owner.as_ref() == Some(seat))
        .collect();

    let mut md = Markdown::default();
    md.heading(1, &format!("Onboarding handout: {}", info.name));
    md.paragraph(&format!(
        "{} This handout is as of {date}.",
        introduction(info, parts.len(), owned.len())
    ));

    md.heading(2, "Processes you own");
    if owned.is_empty() {
        md.paragraph("You own no process.");
    } else {
        md.paragraph(OWNED_INTRO);
        let rows: Vec<Vec<String>> = owned.iter().map(|d| Vec::from(owned_row(d))).collect();
        md.table(&["Process", "Function", "Runs", "Next review"], &rows);
    }

    if parts.is_empty() {
        md.heading(2, "Your work");
        md.paragraph("No process in the library gives this seat any work yet.");
    } else {
        md.heading(2, "Where you take part");
        let rows: Vec<Vec<String>> = parts
            .iter()
            .map(|(d, procedure)| {
                let mut row = vec![d.process.name.clone()];
                row.extend(overview(d, procedure, seat).iter().map(ToString::to_string));
                row
            })
            .collect();
        md.table(
            &[
                "Process",
                "Your steps",
                "Handed to you",
                "You hand over",
                "Accountable for",
            ],
            &rows,
        );
    }

    for (doc, procedure) in &parts {
        process(&mut md, doc, procedure, seat);
    }
    Ok(md.finish())
}

/// The seat's part in one process.
fn process(md: &mut Markdown, doc: &Document, procedure: &Procedure, seat: &SeatId) {
    let p = &doc.process;
    let names = Names { doc };
    md.heading(2, &p.name);
    if !p.purpose.trim().is_empty() {
        md.paragraph(p.purpose.trim());
    }
    let mut facts = Vec::new();
    if !p.trigger.description.trim().is_empty() {
        facts.push(("Starts when", p.trigger.description.trim().to_owned()));
    }
    facts.push(("Runs", p.cadence.label().to_owned()));
    facts.push(("Owner", crate::sop::owner_name(&names)));
    md.fields(&facts);

    md.heading(3, "Your steps, in order");
    let items = my_items(doc, procedure, seat);
    if items.is_empty() {
        md.paragraph(NO_STEPS);
    }
    for (number, ix) in items {
        let node = &p.nodes[ix];
        md.heading(4, &format!("Step {number}: {}", item_title(node)));
        let mut lines = Vec::new();
        if let Some(d) = node.details() {
            md.paragraph(&step_meta(d).join(" · "));
            md.paragraph(d.instructions.trim());
            lines.extend(step_io(d));
        }
        let ways = moves(doc, procedure, &node.id);
        lines.extend(
            direction_lines(&names, node, number, &ways)
                .into_iter()
                .map(|l| format!("→ {l}")),
        );
        md.list(&lines);
    }

    for (title, items, none) in sections(doc, procedure, seat) {
        md.heading(3, title);
        if items.is_empty() {
            md.paragraph(none);
        }
        md.list(&items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
    }

    fn library() -> Vec<Document> {
        handoff_templates::documents()
            .into_iter()
            .map(|(file, doc)| doc.unwrap_or_else(|e| panic!("{file}: {e}")))
            .collect()
    }

    #[test]
    fn the_bookkeepers_handout_gathers_its_work_across_the_library() {
        let docs = library();
        let md = handout(&docs, &SeatId::from("seat-bookkeeper"), date()).expect("a handout");
        assert!(md.starts_with("# Onboarding handout: Bookkeeper\n\nA person seat."));
        // The processes it owns, with their next review.
        assert!(
            md.contains("| Expense approval | Finance | weekly | "),
            "{md}"
        );
        assert!(md.contains("| Monthly invoicing and receivables follow-up | Finance | monthly | "));
        // Its part in order to cash: steps numbered as in the SOP, with their directions.
        let otc = &md[md.find("\n## Order to cash\n").expect("order to cash")..];
        assert!(otc.contains("#### Step 8: Reconcile and close the order\n"));
        assert!(otc.contains("#### Step 11: Decide: Release the order?\n"));
        assert!(otc.contains(
            "- → If declined, hand over declined credit decision to Sales rep, then go to step 12.\n"
        ));
        assert!(otc.contains("- Sales order on credit hold from Sales rep, for step 10\n"));
        assert!(otc.contains("### You are informed of\n\n- Step 12: Ask the customer to prepay (done by Sales rep)\n"));
        // Steps 8-11; the credit hold and both payments come to it; it hands over the
        // release note and the declined decision; Accountable for steps 4-6 and 8-10.
        assert!(md.contains("| Order to cash | 4 | 3 | 2 | 6 |"), "{md}");
    }

    #[test]
    fn an_agent_seat_is_introduced_as_an_ai_agent_and_hands_over_to_people() {
        let docs = library();
        let md = handout(&docs, &SeatId::from("seat-triage-agent"), date()).expect("a handout");
        assert!(md.contains("An AI agent seat. You take part in 1 process and own 0."));
        // Its decision, numbered as in the SOP, and where it hands work to a person.
        let decision = md
            .lines()
            .find(|l| l.starts_with("#### Step ") && l.ends_with(": Decide: What kind of ticket?"))
            .expect("the agent's routing decision");
        let number = decision
            .trim_start_matches("#### Step ")
            .split(':')
            .next()
            .expect("a number");
        assert!(
            md.contains(&format!(
                "- Hand over ticket tagged urgent with a summary to Support lead, after step {number}\n"
            )),
            "{md}"
        );
    }

    #[test]
    fn an_unknown_seat_is_an_error() {
        let err = handout(&library(), &SeatId::from("nobody"), date()).expect_err("unknown");
        assert_eq!(err, HandoutError::UnknownSeat("nobody".into()));
    }
}
