//! Comparing maps: the employee-onboarding as-is and to-be templates, a to-be derived from
//! a template and edited, two maps drawn independently of each other, and the CSV backlog.

use handoff_core::diff::{derive, diff, to_csv, Diff, ElementKind, Field, MatchedBy};
use handoff_core::model::{Document, NodeKind, ProcessId};
use handoff_core::parse_document;
use handoff_tests::templates_dir;

fn template(name: &str) -> Document {
    let path = templates_dir().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_document(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn onboarding() -> (Document, Document) {
    (
        template("employee-onboarding-as-is.handoff.json"),
        template("employee-onboarding-to-be.handoff.json"),
    )
}

fn ids(elements: &[handoff_core::diff::Element], kind: ElementKind) -> Vec<&str> {
    elements
        .iter()
        .filter(|e| e.element == kind)
        .map(|e| e.id.as_str())
        .collect()
}

fn change<'a>(d: &'a Diff, id: &str) -> &'a handoff_core::diff::Change {
    d.changed
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no change for {id}: {:#?}", d.changed))
}

fn node_mut<'a>(doc: &'a mut Document, id: &str) -> &'a mut handoff_core::model::Node {
    doc.process
        .nodes
        .iter_mut()
        .find(|n| n.id.as_str() == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn onboarding_to_be_runs_hr_it_and_the_manager_in_parallel() {
    let (asis, tobe) = onboarding();
    let d = diff(&asis, &tobe);

    // The to-be keeps the as-is ids: every surviving node pairs by id.
    assert!(d
        .matches
        .iter()
        .filter(|m| m.element == ElementKind::Node)
        .all(|m| m.by == MatchedBy::Id));
    assert_eq!(
        ids(&d.added, ElementKind::Node),
        ["n-announce-hire", "n-split", "n-join"]
    );
    assert_eq!(
        ids(&d.removed, ElementKind::Node),
        ["n-notify-manager", "n-request-it"]
    );
    // Flows kept by id: the paperwork chain and the laptop decision's two branches.
    for kept in ["f-2", "f-3", "f-10", "f-11", "f-13"] {
        assert!(
            d.matches
                .iter()
                .any(|m| m.before == kept && m.after == kept),
            "{kept} should pair by id"
        );
    }
    assert!(ids(&d.removed, ElementKind::Flow).contains(&"f-8"));

    // The building pass had no owner; the to-be gives it to HR.
    let badge = change(&d, "n-badge");
    assert!(badge
        .fields
        .iter()
        .any(|f| f.field == Field::Lane && f.before.is_empty() && f.after == "HR coordinator"));
    // Planning the first week starts a day earlier.
    let plan = change(&d, "n-plan-first-week");
    assert!(plan
        .fields
        .iter()
        .any(|f| f.field == Field::Wait && f.before == "2 d" && f.after == "1 d"));

    // Fewer handoffs, a shorter cycle; the metrics are those of the two templates.
    let (b, a) = (&d.metrics.before, &d.metrics.after);
    assert_eq!(*b, handoff_core::metrics(&asis));
    assert_eq!(*a, handoff_core::metrics(&tobe));
    assert_eq!(
        b.handoffs as usize + d.handoffs.added.len() - d.handoffs.removed.len(),
        a.handoffs as usize
    );
    let cycle = |m: &handoff_core::Metrics| m.cycle.expect("reaches an outcome").typical.total;
    assert!(cycle(a) < cycle(b), "{} vs {}", cycle(a), cycle(b));
    let summary = d.summary();
    assert!(
        summary.starts_with(
            "Added 1 step, 1 parallel split, 1 parallel join and 12 flows; removed 2 steps and 8 flows"
        ),
        "{summary}"
    );
    assert!(summary.ends_with("handoffs 6 → 8"), "{summary}");
}

#[test]
fn onboarding_compared_the_other_way_swaps_added_and_removed() {
    let (asis, tobe) = onboarding();
    let forward = diff(&asis, &tobe);
    let backward = diff(&tobe, &asis);
    assert_eq!(forward.added, backward.removed);
    assert_eq!(forward.removed, backward.added);
    assert_eq!(forward.handoffs.added, backward.handoffs.removed);
    assert_eq!(forward.metrics.before, backward.metrics.after);
}

#[test]
fn every_template_compared_with_itself_and_with_its_derived_copy_is_unchanged() {
    for (name, doc) in handoff_tests::templates() {
        let d = diff(&doc, &doc);
        assert!(d.is_empty(), "{name}: {}", d.summary());
        let tobe = derive(&doc, ProcessId::from("to-be"), 3);
        let d = diff(&doc, &tobe);
        assert!(d.is_empty(), "{name}: {}", d.summary());
        assert_eq!(d.summary(), "No changes");
    }
}

#[test]
fn a_step_moved_to_another_lane_is_reported_as_moved() {
    let (asis, _) = onboarding();
    let mut tobe = derive(&asis, ProcessId::from("p2"), 1);
    // IT, not the hiring manager, asks for the accounts.
    node_mut(&mut tobe, "n-request-it").lane = Some("l-it".into());
    let d = diff(&asis, &tobe);
    assert!(d.added.is_empty() && d.removed.is_empty(), "{d:#?}");
    assert_eq!(d.moved.len(), 1);
    let m = &d.moved[0];
    assert_eq!(m.id, "n-request-it");
    assert_eq!(m.from_seat.name, "Hiring manager");
    assert_eq!(m.to_seat.name, "IT support");
    // The step now sits with IT: the handoff into the decision disappears.
    assert!(d.handoffs.removed.iter().any(|h| h.flow_id == "f-9"));
    assert_eq!(d.metrics.after.handoffs + 1, d.metrics.before.handoffs);
    assert!(d
        .summary()
        .starts_with("Moved 'Ask IT for accounts and a laptop' from Hiring manager to IT support"));
}

#[test]
fn a_renamed_step_is_a_label_change_not_a_new_step() {
    let (asis, _) = onboarding();
    let mut tobe = derive(&asis, ProcessId::from("p2"), 1);
    node_mut(&mut tobe, "n-badge").label = "Print the building pass".into();
    let d = diff(&asis, &tobe);
    assert!(d.added.is_empty() && d.removed.is_empty());
    let c = change(&d, "n-badge");
    assert_eq!(c.fields.len(), 1);
    assert_eq!(c.fields[0].field, Field::Label);
    assert_eq!(c.fields[0].before, "Arrange the building pass");
    assert_eq!(c.fields[0].after, "Print the building pass");
}

#[test]
fn a_changed_branch_condition_is_reported() {
    let (asis, _) = onboarding();
    let mut tobe = derive(&asis, ProcessId::from("p2"), 1);
    let branch = tobe
        .process
        .flows
        .iter_mut()
        .find(|f| f.id.as_str() == "f-11")
        .expect("f-11");
    branch.label = "fewer than two spare".into();
    let d = diff(&asis, &tobe);
    let c = change(&d, "f-11");
    assert_eq!(c.element, ElementKind::Flow);
    assert_eq!(
        (
            c.fields[0].field,
            c.fields[0].before.as_str(),
            c.fields[0].after.as_str()
        ),
        (Field::Condition, "none in stock", "fewer than two spare")
    );
    assert_eq!(d.summary(), "1 branch condition changed");
}

/// The onboarding as-is, redrawn by someone else from scratch: new ids everywhere, new lane
/// ids and seat ids, one label reworded, and the laptop order re-owned by the hiring
/// manager.
fn redrawn(asis: &Document) -> Document {
    let mut doc = asis.clone();
    for seat in &mut doc.seats {
        seat.id.0 = format!("other-{}", seat.id);
    }
    for lane in &mut doc.process.lanes {
        lane.id.0 = format!("lane-{}", lane.id);
        lane.seat.0 = format!("other-{}", lane.seat);
    }
    doc.process.owner = doc
        .process
        .owner
        .take()
        .map(|s| format!("other-{s}").as_str().into());
    for node in &mut doc.process.nodes {
        node.id.0 = format!("x{}", node.id);
        if let Some(lane) = &mut node.lane {
            lane.0 = format!("lane-{lane}");
        }
        if let NodeKind::Step { details } = &mut node.kind {
            for s in details
                .raci
                .accountable
                .iter_mut()
                .chain(details.raci.consulted.iter_mut())
                .chain(details.raci.informed.iter_mut())
            {
                s.0 = format!("other-{s}");
            }
        }
    }
    for flow in &mut doc.process.flows {
        flow.id.0 = format!("x{}", flow.id);
        flow.from.0 = format!("x{}", flow.from);
        flow.to.0 = format!("x{}", flow.to);
    }
    // Reversing the node list makes sure pairing does not lean on document order.
    doc.process.nodes.reverse();
    node_mut(&mut doc, "xn-setup-payroll").label = "Set up the new employee in payroll".into();
    node_mut(&mut doc, "xn-order-laptop").lane = Some("lane-l-hiring-manager".into());
    doc
}

#[test]
fn maps_drawn_independently_pair_by_label_within_and_across_seats() {
    let (asis, _) = onboarding();
    let other = redrawn(&asis);
    let d = diff(&asis, &other);

    assert!(d.added.is_empty(), "{:#?}", d.added);
    assert!(d.removed.is_empty(), "{:#?}", d.removed);
    assert!(d.seats.added.is_empty() && d.seats.removed.is_empty());
    let by = |id: &str| {
        d.matches
            .iter()
            .find(|m| m.before == id)
            .map(|m| (m.after.as_str(), m.by))
    };
    assert_eq!(
        by("n-plan-first-week"),
        Some(("xn-plan-first-week", MatchedBy::LabelSameSeat))
    );
    assert_eq!(
        by("n-setup-payroll"),
        Some(("xn-setup-payroll", MatchedBy::LabelSameSeat))
    );
    assert_eq!(
        by("n-order-laptop"),
        Some(("xn-order-laptop", MatchedBy::LabelOtherSeat))
    );
    // The step with no lane pairs with the other map's step with no lane.
    assert_eq!(by("n-badge"), Some(("xn-badge", MatchedBy::LabelSameSeat)));
    // Flows pair through their paired ends.
    assert_eq!(by("f-11"), Some(("xf-11", MatchedBy::Endpoints)));

    assert_eq!(d.moved.len(), 1);
    assert_eq!(
        (
            d.moved[0].id.as_str(),
            d.moved[0].from_seat.name.as_str(),
            d.moved[0].to_seat.name.as_str()
        ),
        ("n-order-laptop", "IT support", "Hiring manager")
    );
    // The only content change is the reworded label; RACI seats agree through their names.
    assert_eq!(d.changed.len(), 1, "{:#?}", d.changed);
    let c = &d.changed[0];
    assert_eq!(
        (c.id.as_str(), c.after_id.as_str()),
        ("n-setup-payroll", "xn-setup-payroll")
    );
    assert_eq!(c.fields[0].after, "Set up the new employee in payroll");
}

#[test]
fn the_backlog_csv_lists_every_difference_once() {
    let (asis, tobe) = onboarding();
    let d = diff(&asis, &tobe);
    let csv = to_csv(&d);
    assert!(csv.starts_with('\u{feff}'));
    let rows: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split("\r\n")
        .collect();
    assert_eq!(
        rows[0],
        "Difference,Type,Id,Element,Seat,Field,Before,After"
    );
    let fields: usize = d.changed.iter().map(|c| c.fields.len()).sum();
    let metrics = handoff_core::diff::metric_deltas(&d)
        .iter()
        .filter(|m| m.changed())
        .count();
    let expected = d.added.len()
        + d.removed.len()
        + d.moved.len()
        + fields
        + d.handoffs.added.len()
        + d.handoffs.removed.len()
        + d.seats.added.len()
        + d.seats.removed.len()
        + metrics;
    assert_eq!(rows.len() - 1, expected, "{csv}");
    // A handed-over item with a comma is quoted, not split.
    assert!(
        csv.contains("\"new hire with laptop, logins and pass\""),
        "{csv}"
    );
}

/// The compare view's unit tests read the engine's diff of the onboarding templates from a
/// committed fixture; it must be what the engine says today. `UPDATE_FIXTURES=1` rewrites it.
#[test]
fn the_compare_views_fixture_is_the_engines_diff() {
    use serde::Serialize;
    let (before, after) = onboarding();
    let mut json = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut json,
        serde_json::ser::PrettyFormatter::with_indent(b" "),
    );
    diff(&before, &after)
        .serialize(&mut ser)
        .expect("a diff serialises");
    let fresh = format!(
        "// The engine's diff of templates/employee-onboarding-as-is vs -to-be, as the compare view\n\
         // receives it. Written by tests/diff.rs (the_compare_views_fixture_is_the_engines_diff);\n\
         // regenerate with `UPDATE_FIXTURES=1 cargo test -p handoff-tests compare_views_fixture`.\n\
         \n\
         import type {{ Diff }} from \"../../bindings.gen\";\n\
         \n\
         const raw: unknown = {};\n\
         \n\
         export default raw as Diff;\n",
        String::from_utf8(json).expect("JSON is UTF-8")
    );
    let path = handoff_tests::repo_root().join("ui/src/compare/fixtures/onboarding.diff.ts");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &fresh).expect("write the fixture");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the engine's diff changed. Regenerate it with\n\n    \
         UPDATE_FIXTURES=1 cargo test -p handoff-tests compare_views_fixture\n\nand commit it.",
        path.display()
    );
}
