//! Unit tests of the diff on small built maps; the template and independent-map cases are
//! in the workspace's `tests/diff.rs`.

use super::*;
use crate::build::{generate, Builder};
use crate::model::{NodeKind, SeatKind};

/// Sales takes an order, Finance invoices it, a decision checks payment.
fn order_to_cash() -> Document {
    Builder::new("Order to cash")
        .lane("sales", "Sales", SeatKind::Team)
        .lane("fin", "Finance", SeatKind::Team)
        .node("start", NodeKind::Start, Some("sales"))
        .step("take", "sales")
        .step("invoice", "fin")
        .node("paid", NodeKind::Decision, Some("fin"))
        .step("chase", "fin")
        .node("end", NodeKind::Outcome, Some("fin"))
        .arrow("start", "take")
        .flow("take", "invoice", "", "signed order")
        .arrow("invoice", "paid")
        .flow("paid", "end", "paid", "")
        .flow("paid", "chase", "not paid after 30 days", "")
        .arrow("chase", "paid")
        .build()
}

fn node_mut<'a>(doc: &'a mut Document, id: &str) -> &'a mut crate::model::Node {
    doc.process
        .nodes
        .iter_mut()
        .find(|n| n.id.as_str() == id)
        .expect("node exists")
}

#[test]
fn a_map_compared_with_itself_has_no_differences() {
    let doc = order_to_cash();
    let d = diff(&doc, &doc);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(d.summary(), "No changes");
    assert_eq!(d.metrics.before, d.metrics.after);
    assert!(d.matches.iter().all(|m| m.by == MatchedBy::Id));
    assert_eq!(
        d.matches.len(),
        doc.process.nodes.len() + doc.process.flows.len()
    );
}

#[test]
fn a_step_moved_to_another_lane_is_a_move_not_a_removal_and_an_addition() {
    let before = order_to_cash();
    let mut after = before.clone();
    node_mut(&mut after, "invoice").lane = Some("sales".into());
    let d = diff(&before, &after);
    assert!(d.added.is_empty() && d.removed.is_empty(), "{d:#?}");
    assert_eq!(d.moved.len(), 1);
    let m = &d.moved[0];
    assert_eq!((m.id.as_str(), m.after_id.as_str()), ("invoice", "invoice"));
    assert_eq!(
        (m.from_seat.name.as_str(), m.to_seat.name.as_str()),
        ("Finance", "Sales")
    );
    // The handoff moved with the step: take → invoice is now within Sales, invoice → paid
    // now crosses to Finance.
    let ids = |hs: &[Handoff]| hs.iter().map(|h| h.flow_id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.handoffs.removed), ["f2"]);
    assert_eq!(ids(&d.handoffs.added), ["f3"]);
    assert_eq!(
        d.summary(),
        "Moved 'invoice' from Finance to Sales; 1 handoff added and 1 removed"
    );
}

#[test]
fn a_renamed_step_is_a_label_change() {
    let before = order_to_cash();
    let mut after = before.clone();
    node_mut(&mut after, "take").label = "Take the order by phone".into();
    let d = diff(&before, &after);
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!(c.id, "take");
    assert_eq!(
        c.fields,
        [FieldChange {
            field: Field::Label,
            before: "take".into(),
            after: "Take the order by phone".into()
        }]
    );
    assert_eq!(d.summary(), "Renamed 'take' to 'Take the order by phone'");
}

#[test]
fn a_changed_branch_condition_is_reported_on_the_flow() {
    let before = order_to_cash();
    let mut after = before.clone();
    after.process.flows[4].label = "not paid after 14 days".into();
    let d = diff(&before, &after);
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!((c.element, c.id.as_str()), (ElementKind::Flow, "f5"));
    assert_eq!(c.fields[0].field, Field::Condition);
    assert_eq!(c.fields[0].before, "not paid after 30 days");
    assert_eq!(c.fields[0].after, "not paid after 14 days");
    assert_eq!(d.summary(), "1 branch condition changed");
}

#[test]
fn step_details_durations_and_raci_are_compared_field_by_field() {
    let before = order_to_cash();
    let mut after = before.clone();
    if let NodeKind::Step { details } = &mut node_mut(&mut after, "invoice").kind {
        details.duration_minutes = Some(90);
        details.wait_minutes = Some(2 * 1440);
        details.systems = vec!["Xero".into()];
        details.raci.accountable = vec!["seat-sales".into()];
    }
    let d = diff(&before, &after);
    let fields: Vec<(Field, &str, &str)> = d.changed[0]
        .fields
        .iter()
        .map(|f| (f.field, f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (Field::Duration, "30 min", "1 h 30 min"),
            (Field::Wait, "", "2 d"),
            (Field::Systems, "", "Xero"),
            (Field::Accountable, "Finance", "Sales"),
        ]
    );
}

#[test]
fn added_and_removed_steps_with_their_flows_and_seats() {
    let before = order_to_cash();
    let after = Builder::new("Order to cash")
        .lane("sales", "Sales", SeatKind::Team)
        .lane("bot", "Billing bot", SeatKind::Agent)
        .node("start", NodeKind::Start, Some("sales"))
        .step("take", "sales")
        .step("bill", "bot")
        .node("end", NodeKind::Outcome, Some("bot"))
        .arrow("start", "take")
        .flow("take", "bill", "", "order")
        .arrow("bill", "end")
        .build();
    let d = diff(&before, &after);
    let labels = |es: &[Element]| es.iter().map(|e| e.label.clone()).collect::<Vec<_>>();
    // f2 keeps its id and its source, so it is the same flow pointed at a new step.
    assert_eq!(labels(&d.added), ["bill", "bill → end"]);
    assert!(d
        .changed
        .iter()
        .any(|c| c.id == "f2" && c.fields.iter().any(|f| f.field == Field::To)));
    assert!(labels(&d.removed).starts_with(&["invoice".into(), "paid".into(), "chase".into()]));
    assert_eq!(d.seats.added[0].name, "Billing bot");
    assert_eq!(d.seats.removed[0].name, "Finance");
    // `end` moved from Finance to the bot's lane.
    assert_eq!(d.moved.len(), 1);
    assert_eq!(d.moved[0].id, "end");
    assert!(
        d.summary().starts_with("Added step 'bill' and 1 flow"),
        "{}",
        d.summary()
    );
}

#[test]
fn a_flow_pointed_at_another_node_keeps_its_id_and_reports_the_new_end() {
    let before = order_to_cash();
    let mut after = before.clone();
    after.process.flows[2].to = "end".into();
    let d = diff(&before, &after);
    let c = d.changed.iter().find(|c| c.id == "f3").expect("f3 changed");
    assert_eq!(c.fields[0].field, Field::To);
    assert_eq!(
        (c.fields[0].before.as_str(), c.fields[0].after.as_str()),
        ("paid", "end")
    );
}

#[test]
fn flows_that_share_an_id_but_no_end_are_different_flows() {
    let before = order_to_cash();
    let mut after = before.clone();
    // Rebuild f1 between two other nodes: an independent drawing reusing the name "f1".
    after.process.flows[0].from = "chase".into();
    after.process.flows[0].to = "end".into();
    let d = diff(&before, &after);
    assert!(d.removed.iter().any(|e| e.id == "f1"));
    assert!(d.added.iter().any(|e| e.id == "f1"));
}

#[test]
fn the_csv_has_a_bom_a_header_and_one_row_per_field() {
    let before = order_to_cash();
    let mut after = before.clone();
    node_mut(&mut after, "take").label = "=HYPERLINK(\"x\"), by phone".into();
    after.process.flows[4].label = "late".into();
    let csv = to_csv(&diff(&before, &after));
    assert!(csv.starts_with("\u{feff}Difference,Type,Id,Element,Seat,Field,Before,After\r\n"));
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows.contains(
        &"changed,step,take,\"'=HYPERLINK(\"\"x\"\"), by phone\",,label,take,\"'=HYPERLINK(\"\"x\"\"), by phone\""
    ), "{csv}");
    assert!(
        rows.iter().any(|r| r.starts_with("changed,flow,f5,")
            && r.ends_with(",branch condition,not paid after 30 days,late")),
        "{csv}"
    );
}

#[test]
fn the_text_names_the_numbers_that_changed() {
    let before = order_to_cash();
    let mut after = before.clone();
    node_mut(&mut after, "invoice").lane = Some("sales".into());
    if let NodeKind::Step { details } = &mut node_mut(&mut after, "take").kind {
        details.wait_minutes = Some(3 * 1440);
    }
    let text = to_text(&diff(&before, &after));
    assert!(
        text.contains("waiting time 0 min → 3 d, cycle time 1 h → 3 d 1 h"),
        "{text}"
    );
    assert!(text.contains("> step 'invoice': Finance → Sales"), "{text}");
}

#[test]
fn a_generated_map_with_a_few_edits_reports_exactly_those_edits() {
    let before = generate(200, 5);
    let mut after = before.clone();
    node_mut(&mut after, "s10").label = "Step ten, reworded".into();
    node_mut(&mut after, "s20").lane = Some("l4".into());
    after.process.nodes.retain(|n| n.id.as_str() != "s30");
    let d = diff(&before, &after);
    assert_eq!(
        d.moved.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["s20"]
    );
    assert_eq!(
        d.removed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["s30"],
        "flows into a removed node stay (they are broken, not removed)"
    );
    assert_eq!(d.changed.len(), 1, "{:#?}", d.changed);
}
