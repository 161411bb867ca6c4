//! The SOP of one process as Markdown.

use handoff_core::procedure::Procedure;
use handoff_core::{check, Document};

use super::Markdown;
use crate::directions::{direction_lines, item_title, moves, Names};
use crate::raci::RaciMatrix;
use crate::sop::{
    covers, ends_with, next_review_on, or_missing, outside_inputs, owner_name, revision_text,
    role_rows, start_sentence, starts_when, status_line, step_facts, step_meta, title,
    trigger_text, HAVE_READY, NO_INPUTS,
};
use crate::SopOptions;

/// The standard operating procedure of `doc` as Markdown: document control, purpose,
/// scope, trigger, roles, inputs, the numbered procedure (the PDF's numbers and
/// directions), expected output, failure signals, RACI as a table, open findings and
/// revision history.
///
/// Never fails; gaps in the map are written as such, as in the PDF ([`crate::sop()`]).
///
/// # Complexity
/// Linear in the size of the map (the RACI table is steps × seats).
pub fn sop(doc: &Document, opts: &SopOptions) -> String {
    let p = &doc.process;
    let names = Names { doc };
    let procedure = Procedure::new(p);
    let mut md = Markdown::default();

    md.heading(1, &format!("Standard operating procedure: {}", title(p)));
    let mut control = vec![
        ("Revision", revision_text(opts)),
        ("Effective date", opts.date.to_string()),
        ("Next review", next_review_on(p, opts.date).to_string()),
        ("Owner", owner_name(&names)),
        ("Status", status_line(p)),
    ];
    if let Some(last) = p.last_reviewed {
        control.push(("Last reviewed", last.to_string()));
    }
    md.fields(&control);

    md.heading(2, "Purpose");
    md.paragraph(or_missing(&p.purpose, "No purpose written yet."));

    md.heading(2, "Scope");
    md.fields(&[
        ("Starts when", starts_when(p).to_owned()),
        ("Ends with", ends_with(p)),
        ("Covers", covers(p)),
    ]);

    md.heading(2, "Trigger and cadence");
    md.fields(&[
        ("Trigger", trigger_text(p)),
        ("Cadence", p.cadence.label().to_owned()),
    ]);

    md.heading(2, "Roles");
    let roles: Vec<Vec<String>> = role_rows(doc).into_iter().map(Vec::from).collect();
    if roles.is_empty() {
        md.paragraph("No seats are placed in this process yet.");
    } else {
        md.table(&["Seat", "Kind", "Held by", "Role in this process"], &roles);
    }

    md.heading(2, "Inputs and prerequisites");
    let (needed, systems) = outside_inputs(doc);
    if needed.is_empty() && systems.is_empty() {
        md.paragraph(NO_INPUTS);
    }
    if !needed.is_empty() {
        md.paragraph(HAVE_READY);
        md.list(&needed);
    }
    if !systems.is_empty() {
        md.paragraph(&format!("Access needed to: {}.", systems.join(", ")));
    }

    md.heading(2, "Procedure");
    if procedure.is_empty() {
        md.paragraph("The map has no steps yet.");
    }
    if let Some(line) = start_sentence(doc, &procedure) {
        md.paragraph(&line);
    }
    for (k, &ix) in procedure.order().iter().enumerate() {
        let number = k + 1;
        let node = &p.nodes[ix];
        md.heading(3, &format!("Step {number}: {}", item_title(node)));
        md.paragraph(&step_meta(&names, node).join(" · "));
        if let Some(d) = node.details() {
            md.paragraph(d.instructions.trim());
        }
        let mut lines = step_facts(&names, node);
        let ways = moves(doc, &procedure, &node.id);
        lines.extend(
            direction_lines(&names, node, number, &ways)
                .into_iter()
                .map(|l| format!("→ {l}")),
        );
        md.list(&lines);
    }

    md.heading(2, "Expected output");
    md.paragraph(or_missing(
        &p.expected_output,
        "No expected output written yet.",
    ));
    md.heading(2, "Failure signals");
    if p.failure_signals.is_empty() {
        md.paragraph("No failure signals written yet.");
    }
    md.list(&p.failure_signals);

    md.heading(2, "RACI");
    md.paragraph(
        "R: does the work (the step's lane) · A: answers for the result · C: asked before · I: told after.",
    );
    raci_table(&mut md, &RaciMatrix::new(doc));

    md.heading(2, "Open findings");
    let findings = check(doc, opts.date, &opts.rules);
    if findings.is_empty() {
        md.paragraph("The map passes every check.");
    } else {
        let rows: Vec<Vec<String>> = findings
            .iter()
            .map(|d| {
                vec![
                    d.severity.label().to_owned(),
                    d.code.as_str().to_owned(),
                    format!("{} {}", d.message, d.hint),
                ]
            })
            .collect();
        md.table(&["Severity", "Check", "Finding and how to fix it"], &rows);
    }

    md.heading(2, "Revision history");
    let mut history = opts.history.clone();
    history.sort_by_key(|h| std::cmp::Reverse(h.revision));
    if history.is_empty() {
        md.paragraph(&format!(
            "No saved revisions: this edition was written from a file on {}.",
            opts.date
        ));
    } else {
        let rows: Vec<Vec<String>> = history
            .iter()
            .map(|h| {
                vec![
                    h.revision.to_string(),
                    h.date.to_string(),
                    h.summary.clone(),
                ]
            })
            .collect();
        md.table(&["Revision", "Date", "Change"], &rows);
    }
    md.finish()
}

/// Steps × seats with the RACI letters, numbered as in the procedure.
fn raci_table(md: &mut Markdown, m: &RaciMatrix) {
    if m.rows.is_empty() {
        md.paragraph("The map has no steps, so there is no RACI yet.");
        return;
    }
    let mut headers = vec!["#", "Step"];
    headers.extend(m.seats.iter().map(|s| s.name.as_str()));
    let rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.number.to_string(), r.label.clone()];
            row.extend(r.roles.iter().map(|roles| roles.code().to_owned()));
            row
        })
        .collect();
    md.table(&headers, &rows);
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use handoff_core::procedure::Procedure;
    use handoff_core::{Document, Rules};

    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
    }

    fn template(file: &str) -> Document {
        handoff_templates::get(file)
            .expect("the template is embedded")
            .document()
            .expect("the template reads")
    }

    #[test]
    fn order_to_cash_has_its_numbered_steps_directions_raci_and_no_findings() {
        let doc = template("order-to-cash.handoff.json");
        let md = sop(&doc, &SopOptions::new(date()));
        assert!(md.starts_with("# Standard operating procedure: Order to cash\n"));
        assert!(md.contains("- **Owner:** Operations lead\n"), "{md}");
        assert!(
            md.contains("- **Next review:** 2026-12-28\n"),
            "daily: quarterly reviews"
        );
        assert!(md.contains("### Step 1: Enter and confirm the order\n"));
        assert!(md.contains("### Step 2: Decide: Within credit limit?\n"));
        assert!(md.contains(
            "- → If over limit, hand over sales order on credit hold to Bookkeeper, then go to step 10.\n"
        ));
        assert!(md.contains("### Step 10: Review the customer's credit\n"));
        assert!(md.contains("- Consult first: Sales rep\n"));
        assert!(md.contains("- → Then the process ends: Order paid and reconciled.\n"));
        assert!(md.contains(
            "| # | Step | Customer | Sales rep | Bookkeeper | Warehouse team | Accounting system | Operations lead |\n"
        ));
        assert!(md.contains("| 10 | Review the customer's credit |  | C | R/A |  |  | I |\n"));
        assert!(md.contains("## Open findings\n\nThe map passes every check.\n"));
        assert!(md.ends_with("this edition was written from a file on 2026-12-02.\n"));
    }

    #[test]
    fn every_template_numbers_its_steps_as_the_procedure_does() {
        for (file, doc) in handoff_templates::documents() {
            let doc = doc.expect("the template reads");
            let md = sop(&doc, &SopOptions::new(date()));
            let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### Step ")).collect();
            let procedure = Procedure::new(&doc.process);
            assert_eq!(headings.len(), procedure.order().len(), "{file}");
            for (k, (heading, &ix)) in headings.iter().zip(procedure.order()).enumerate() {
                let expected =
                    format!("### Step {}: {}", k + 1, item_title(&doc.process.nodes[ix]));
                assert_eq!(*heading, expected, "{file}");
            }
            // Every "go to step N" names a step that is there.
            for n in md.split("go to step ").skip(1).filter_map(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|d| d.parse::<usize>().ok())
            }) {
                assert!((1..=headings.len()).contains(&n), "{file}: step {n}");
            }
        }
    }

    #[test]
    fn open_findings_list_what_the_checks_find_with_the_library_rules() {
        let doc = template("employee-onboarding-as-is.handoff.json");
        let findings = check(&doc, date(), &Rules::default());
        assert!(!findings.is_empty(), "the flawed example has findings");
        let md = sop(&doc, &SopOptions::new(date()));
        assert!(md.contains("| Severity | Check | Finding and how to fix it |\n"));
        for d in &findings {
            assert!(
                md.contains(&format!("| {} | {} |", d.severity.label(), d.code.as_str())),
                "{}",
                d.code.as_str()
            );
        }
    }

    #[test]
    fn a_revision_history_is_listed_newest_first() {
        let doc = template("lead-intake.handoff.json");
        let mut opts = SopOptions::new(date());
        opts.revision = Some(2);
        opts.history = vec![
            crate::RevisionNote {
                revision: 1,
                date: date(),
                summary: "Created".into(),
            },
            crate::RevisionNote {
                revision: 2,
                date: date(),
                summary: "Renamed | split a step".into(),
            },
        ];
        let md = sop(&doc, &opts);
        assert!(md.contains("- **Revision:** 2\n"));
        let two = md
            .find("| 2 | 2026-12-02 | Renamed \\| split a step |")
            .expect("row 2");
        let one = md.find("| 1 | 2026-12-02 | Created |").expect("row 1");
        assert!(two < one);
    }
}
