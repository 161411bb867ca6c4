//! Property tests on random graphs: the checks and metrics never panic, whatever the shape
//! (self-loops, islands, broken flows, missing lanes), and the graph facts the checks rest
//! on agree with a naive search written independently here.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use handoff_core::build::Builder;
use handoff_core::graph::{ProcessGraph, Trap};
use handoff_core::{check, metrics, Code, Document, NodeKind, NodeTag, Rules, SeatKind};
use proptest::prelude::*;

const KINDS: [fn() -> NodeKind; 6] = [
    || NodeKind::Start,
    NodeKind::step,
    || NodeKind::Decision,
    || NodeKind::ParallelSplit,
    || NodeKind::ParallelJoin,
    || NodeKind::Outcome,
];

/// A random map: up to 40 nodes of random kinds in random lanes (or none), up to 80 flows
/// between random nodes, some pointing at nodes that do not exist.
fn arb_map() -> impl Strategy<Value = Document> {
    (1usize..40)
        .prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::vec((0usize..6, prop::option::weighted(0.9, 0usize..3)), n),
                prop::collection::vec((0usize..n + 2, 0usize..n + 2), 0..80),
            )
        })
        .prop_map(|(_, nodes, flows)| {
            let mut b = Builder::new("Random")
                .lane("a", "A", SeatKind::Person)
                .lane("b", "B", SeatKind::Team)
                .lane("c", "C", SeatKind::System);
            for (i, (kind, lane)) in nodes.iter().enumerate() {
                let lane = lane.map(|l| ["a", "b", "c"][l]);
                b = b.node(&format!("n{i}"), KINDS[*kind](), lane);
            }
            for (from, to) in flows {
                b = b.arrow(&format!("n{from}"), &format!("n{to}"));
            }
            b.build()
        })
}

/// Adjacency by id, ignoring flows whose ends do not exist.
fn adjacency(doc: &Document) -> HashMap<&str, Vec<&str>> {
    let ids: BTreeSet<&str> = doc.process.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut adj: HashMap<&str, Vec<&str>> = ids.iter().map(|&id| (id, vec![])).collect();
    for f in &doc.process.flows {
        if ids.contains(f.from.as_str()) && ids.contains(f.to.as_str()) {
            adj.get_mut(f.from.as_str()).unwrap().push(f.to.as_str());
        }
    }
    adj
}

/// Naive reachability: repeat "add every successor of what is reached" until nothing changes.
fn naive_closure<'a>(
    adj: &HashMap<&'a str, Vec<&'a str>>,
    sources: &[&'a str],
) -> BTreeSet<&'a str> {
    let mut reached: BTreeSet<&str> = sources.iter().copied().collect();
    loop {
        let before = reached.len();
        let next: Vec<&str> = reached
            .iter()
            .flat_map(|n| adj[n].iter().copied())
            .collect();
        reached.extend(next);
        if reached.len() == before {
            return reached;
        }
    }
}

fn ids_of(doc: &Document, tag: NodeTag) -> Vec<&str> {
    doc.process
        .nodes
        .iter()
        .filter(|n| n.tag() == tag)
        .map(|n| n.id.as_str())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn checks_and_metrics_never_panic(doc in arb_map()) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let findings = check(&doc, today, &Rules::default());
        for d in &findings {
            prop_assert!(!d.message.is_empty() && !d.hint.is_empty());
        }
        let _ = metrics(&doc);
    }

    #[test]
    fn reachability_agrees_with_a_naive_search(doc in arb_map()) {
        let adj = adjacency(&doc);
        let g = ProcessGraph::new(&doc.process);

        let from_start = naive_closure(&adj, &ids_of(&doc, NodeTag::Start));
        let fast: BTreeSet<&str> = g.reachable_from_starts().iter().enumerate()
            .filter(|(_, r)| **r).map(|(i, _)| doc.process.nodes[i].id.as_str()).collect();
        prop_assert_eq!(&fast, &from_start);

        // "Can reach an outcome" = some outcome is in the node's forward closure.
        let outcomes: BTreeSet<&str> = ids_of(&doc, NodeTag::Outcome).into_iter().collect();
        let reaches = g.reaches_outcome();
        for (i, node) in doc.process.nodes.iter().enumerate() {
            let naive = !naive_closure(&adj, &[node.id.as_str()]).is_disjoint(&outcomes);
            prop_assert_eq!(reaches[i], naive, "node {}", node.id);
        }
    }

    #[test]
    fn every_stuck_node_leads_into_a_reported_trap(doc in arb_map()) {
        let adj = adjacency(&doc);
        let g = ProcessGraph::new(&doc.process);
        let reaches = g.reaches_outcome();
        let traps = g.traps(&reaches);
        let trapped: BTreeSet<&str> = traps.iter().flat_map(|t| match t {
            Trap::DeadEnd(i) => vec![*i],
            Trap::Loop(ns) => ns.clone(),
        }).map(|i| doc.process.nodes[i].id.as_str()).collect();
        for (i, node) in doc.process.nodes.iter().enumerate() {
            if !reaches[i] {
                let closure = naive_closure(&adj, &[node.id.as_str()]);
                prop_assert!(!closure.is_disjoint(&trapped), "{} reaches no trap", node.id);
            }
        }
        // A dead end really has no way on; a loop's members all reach each other.
        for t in &traps {
            match t {
                Trap::DeadEnd(i) => prop_assert!(adj[doc.process.nodes[*i].id.as_str()].is_empty()),
                Trap::Loop(ns) => {
                    for &a in ns {
                        let closure = naive_closure(&adj, &adj[doc.process.nodes[a].id.as_str()]);
                        for &b in ns {
                            prop_assert!(closure.contains(doc.process.nodes[b].id.as_str()));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn unreachable_findings_are_exactly_the_connected_unreached_nodes(doc in arb_map()) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let adj = adjacency(&doc);
        let starts = ids_of(&doc, NodeTag::Start);
        prop_assume!(!starts.is_empty());
        let reached = naive_closure(&adj, &starts);
        let has_flow: BTreeSet<&str> = adj.iter()
            .flat_map(|(from, tos)| tos.iter().copied().chain((!tos.is_empty()).then_some(*from)))
            .collect();
        let expected: BTreeSet<String> = doc.process.nodes.iter()
            .map(|n| n.id.as_str())
            .filter(|id| !reached.contains(id) && (has_flow.contains(id) || doc.process.nodes.len() == 1))
            .map(str::to_owned)
            .collect();
        let found: BTreeSet<String> = check(&doc, today, &Rules::default()).into_iter()
            .filter(|d| d.code == Code::UnreachableStep)
            .flat_map(|d| d.elements)
            .collect();
        prop_assert_eq!(found, expected);
    }
}
