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

/// Found by fuzzing (fuzz target `graph`): an owner or RACI seat that the document does
/// not carry paired with nothing, so a map compared with itself showed the owner and the
/// RACI as changed.
#[test]
fn a_dangling_owner_or_raci_seat_does_not_differ_from_itself() {
    let doc = Builder::new("t")
        .lane("l1", "One", SeatKind::Person)
        .step("a", "l1")
        .with(|d| {
            d.process.owner = Some(SeatId::from("nobody"));
            if let NodeKind::Step { details } = &mut d.process.nodes[0].kind {
                details.raci.consulted = vec![SeatId::from("ghost")];
            }
        })
        .build();
    let d = diff(&doc, &doc);
    assert!(d.is_empty(), "{d:#?}");
}

/// Found by fuzzing (fuzz target `graph`): a flow between two missing nodes was matched
/// by neither its id nor its ends, so a map compared with itself showed it added and
/// removed.
#[test]
fn a_flow_between_missing_nodes_does_not_differ_from_itself() {
    let doc = Builder::new("t").arrow("nowhere", "nowhere").build();
    let d = diff(&doc, &doc);
    assert!(d.is_empty(), "{d:#?}");
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
        &"changed,step,take,\"'=HYPERLINK(\"\"x\"\"), by phone\",Sales,label,take,\"'=HYPERLINK(\"\"x\"\"), by phone\""
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
fn metric_changes_are_signed_and_in_the_metric_s_unit() {
    let before = order_to_cash();
    let mut after = before.clone();
    after.process.nodes.retain(|n| n.id.as_str() != "chase");
    if let NodeKind::Step { details } = &mut node_mut(&mut after, "take").kind {
        details.duration_minutes = Some(95);
    }
    let d = diff(&before, &after);
    let change = |name: &str| {
        metric_deltas(&d)
            .into_iter()
            .find(|m| m.metric == name)
            .map(|m| m.change())
            .unwrap_or_else(|| panic!("no metric {name}"))
    };
    assert_eq!(change("steps"), "−1");
    assert_eq!(change("touch time"), "+1 h 5 min");
    assert_eq!(change("handoffs"), "");
    assert!(
        d.summary()
            .starts_with("Removed step 'chase'; 1 step with new times"),
        "{}",
        d.summary()
    );
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

mod props {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Flow, FlowId, LaneId, Node, NodeId, Position};

    /// Few words, so that labels repeat and nearly repeat and the label passes have work.
    const WORDS: [&str; 6] = ["send", "check", "invoice", "order", "approve", "file"];

    fn label(words: &[usize]) -> String {
        words
            .iter()
            .map(|&w| WORDS[w % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A random map: up to 25 nodes of random kinds with short random labels, in three
    /// lanes (or none), and up to 40 flows, some with a condition.
    fn arb_map() -> impl Strategy<Value = Document> {
        let node = (
            0usize..4,
            prop::collection::vec(0usize..6, 0..3),
            prop::option::weighted(0.9, 0usize..3),
            prop::option::of(0u32..5),
        );
        (
            prop::collection::vec(node, 1..25),
            prop::collection::vec((0usize..30, 0usize..30, prop::option::of(0usize..6)), 0..40),
        )
            .prop_map(|(nodes, flows)| {
                let n = nodes.len();
                let kinds = [
                    NodeKind::Start,
                    NodeKind::step(),
                    NodeKind::Decision,
                    NodeKind::Outcome,
                ];
                Builder::new("Random")
                    .lane("a", "A", SeatKind::Person)
                    .lane("b", "B", SeatKind::Team)
                    .lane("c", "C", SeatKind::System)
                    .with(|doc| {
                        for (i, (kind, words, lane, minutes)) in nodes.into_iter().enumerate() {
                            let mut kind = kinds[kind].clone();
                            if let NodeKind::Step { details } = &mut kind {
                                details.duration_minutes = minutes.map(|m| m * 15);
                            }
                            doc.process.nodes.push(Node {
                                id: NodeId(format!("n{i}")),
                                kind,
                                label: label(&words),
                                lane: lane.map(|l| LaneId::from(["a", "b", "c"][l])),
                                position: Position::default(),
                            });
                        }
                        for (k, (from, to, cond)) in flows.into_iter().enumerate() {
                            doc.process.flows.push(Flow {
                                id: FlowId(format!("f{k}")),
                                from: NodeId(format!("n{}", from % n)),
                                to: NodeId(format!("n{}", to % (n + 1))),
                                label: cond.map(|c| WORDS[c].to_owned()).unwrap_or_default(),
                                handover: String::new(),
                            });
                        }
                    })
                    .build()
            })
    }

    /// An edit a to-be author makes.
    #[derive(Debug, Clone)]
    enum Edit {
        Rename(usize, Vec<usize>),
        Move(usize, Option<usize>),
        Remove(usize),
        Add(Vec<usize>, usize),
        Condition(usize, usize),
        Duration(usize, u32),
        /// Give every node and flow a fresh id, as if drawn again from scratch.
        Redraw,
    }

    fn arb_edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0usize..30, prop::collection::vec(0usize..6, 1..3))
                .prop_map(|(i, w)| Edit::Rename(i, w)),
            (0usize..30, prop::option::of(0usize..3)).prop_map(|(i, l)| Edit::Move(i, l)),
            (0usize..30).prop_map(Edit::Remove),
            (prop::collection::vec(0usize..6, 1..3), 0usize..3).prop_map(|(w, l)| Edit::Add(w, l)),
            (0usize..40, 0usize..6).prop_map(|(f, c)| Edit::Condition(f, c)),
            (0usize..30, 0u32..500).prop_map(|(i, m)| Edit::Duration(i, m)),
            Just(Edit::Redraw),
        ]
    }

    fn apply(doc: &Document, edits: &[Edit]) -> Document {
        let mut doc = doc.clone();
        let p = &mut doc.process;
        for (k, edit) in edits.iter().enumerate() {
            let n = p.nodes.len();
            match edit {
                Edit::Rename(i, w) if n > 0 => p.nodes[i % n].label = label(w),
                Edit::Move(i, l) if n > 0 => {
                    p.nodes[i % n].lane = l.map(|l| LaneId::from(["a", "b", "c"][l]))
                }
                Edit::Remove(i) if n > 0 => {
                    p.nodes.remove(i % n);
                }
                Edit::Add(w, l) => p.nodes.push(Node {
                    id: NodeId(format!("new{k}")),
                    kind: NodeKind::step(),
                    label: label(w),
                    lane: Some(LaneId::from(["a", "b", "c"][*l])),
                    position: Position::default(),
                }),
                Edit::Condition(f, c) if !p.flows.is_empty() => {
                    let len = p.flows.len();
                    p.flows[f % len].label = WORDS[*c].to_owned();
                }
                Edit::Duration(i, m) if n > 0 => {
                    if let NodeKind::Step { details } = &mut p.nodes[i % n].kind {
                        details.duration_minutes = Some(*m);
                    }
                }
                Edit::Redraw => {
                    for node in &mut p.nodes {
                        node.id.0.insert(0, 'r');
                    }
                    for flow in &mut p.flows {
                        flow.id.0.insert(0, 'r');
                        flow.from.0.insert(0, 'r');
                        flow.to.0.insert(0, 'r');
                    }
                }
                _ => {}
            }
        }
        doc
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn a_map_never_differs_from_itself(doc in arb_map()) {
            let d = diff(&doc, &doc);
            prop_assert!(d.is_empty(), "{}", d.summary());
        }

        #[test]
        fn swapping_the_maps_swaps_added_and_removed(
            a in arb_map(),
            edits in prop::collection::vec(arb_edit(), 0..6),
        ) {
            let b = apply(&a, &edits);
            let (ab, ba) = (diff(&a, &b), diff(&b, &a));
            prop_assert_eq!(&ab.added, &ba.removed);
            prop_assert_eq!(&ab.removed, &ba.added);
            prop_assert_eq!(ab.moved.len(), ba.moved.len());
            prop_assert_eq!(ab.changed.len(), ba.changed.len());
            prop_assert_eq!(&ab.handoffs.added, &ba.handoffs.removed);
            prop_assert_eq!(ab.is_empty(), ba.is_empty());
        }

        #[test]
        fn every_element_is_matched_or_reported_exactly_once(
            a in arb_map(),
            edits in prop::collection::vec(arb_edit(), 0..6),
        ) {
            let b = apply(&a, &edits);
            let d = diff(&a, &b);
            for (kind, before, after) in [
                (ElementKind::Node, a.process.nodes.len(), b.process.nodes.len()),
                (ElementKind::Flow, a.process.flows.len(), b.process.flows.len()),
            ] {
                let matched = d.matches.iter().filter(|m| m.element == kind).count();
                let removed = d.removed.iter().filter(|e| e.element == kind).count();
                let added = d.added.iter().filter(|e| e.element == kind).count();
                prop_assert_eq!(matched + removed, before);
                prop_assert_eq!(matched + added, after);
            }
        }
    }
}
