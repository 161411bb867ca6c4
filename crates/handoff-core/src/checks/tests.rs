//! Each check against a map that trips it and a near-identical map that does not.

use chrono::NaiveDate;

use super::*;
use crate::build::Builder;
use crate::model::{NodeKind, SeatKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn codes(doc: &Document) -> Vec<Code> {
    check(doc, today(), &Rules::default())
        .into_iter()
        .map(|d| d.code)
        .collect()
}

fn findings(doc: &Document, code: Code) -> Vec<Diagnostic> {
    check(doc, today(), &Rules::default())
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// start -> s1 (a) -> s2 (b) -> end, handoff named. Passes every check.
fn clean() -> Builder {
    Builder::new("Clean")
        .lane("a", "Sales", SeatKind::Team)
        .lane("b", "Finance", SeatKind::Team)
        .node("start", NodeKind::Start, Some("a"))
        .step("s1", "a")
        .step("s2", "b")
        .node("end", NodeKind::Outcome, Some("b"))
        .arrow("start", "s1")
        .flow("s1", "s2", "", "signed order")
        .arrow("s2", "end")
}

#[test]
fn the_clean_map_has_no_findings() {
    assert_eq!(codes(&clean().build()), vec![]);
}

#[test]
fn ownerless_step() {
    let doc = clean().with(|d| d.process.nodes[1].lane = None).build();
    let f = findings(&doc, Code::OwnerlessStep);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["s1"]);
    assert_eq!(f[0].message, "Step 's1' has no owner: put it in a lane.");
    assert_eq!(f[0].severity, Severity::Error);
    // A lane whose seat is missing.
    let doc = clean()
        .with(|d| {
            d.seats.remove(0);
            d.process.owner = Some("seat-b".into());
        })
        .build();
    assert_eq!(
        findings(&doc, Code::OwnerlessStep)[0].elements,
        vec!["s1", "a"]
    );
}

#[test]
fn dangling_decision() {
    let base = clean()
        .node("d", NodeKind::Decision, Some("b"))
        .with(|d| d.process.flows.retain(|f| f.from.as_str() != "s2"))
        .arrow("s2", "d")
        .flow("d", "end", "yes", "");
    let one = base.build();
    let f = findings(&one, Code::DanglingDecision);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["d"]);
    let two = clean()
        .node("d", NodeKind::Decision, Some("b"))
        .with(|d| d.process.flows.retain(|f| f.from.as_str() != "s2"))
        .arrow("s2", "d")
        .flow("d", "end", "yes", "")
        .flow("d", "s2", "no", "")
        .build();
    assert_eq!(codes(&two), vec![]);
}

#[test]
fn unlabeled_branch_and_duplicate_labels() {
    let make = |l1: &str, l2: &str| {
        clean()
            .node("d", NodeKind::Decision, Some("b"))
            .with(|d| d.process.flows.retain(|f| f.from.as_str() != "s2"))
            .arrow("s2", "d")
            .flow("d", "end", l1, "")
            .flow("d", "s2", l2, "")
            .build()
    };
    assert_eq!(findings(&make("yes", ""), Code::UnlabeledBranch).len(), 1);
    let dup = findings(&make("Yes", "yes "), Code::UnlabeledBranch);
    assert_eq!(dup.len(), 1);
    assert!(
        dup[0].message.contains("both labelled"),
        "{}",
        dup[0].message
    );
    assert_eq!(codes(&make("yes", "no")), vec![]);
}

#[test]
fn broken_flow() {
    let doc = clean().arrow("s1", "ghost").build();
    let f = findings(&doc, Code::BrokenFlow);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("ghost"));
    assert_eq!(findings(&clean().build(), Code::BrokenFlow), vec![]);
}

#[test]
fn no_start_and_no_outcome() {
    let doc = clean()
        .with(|d| d.process.nodes.retain(|n| n.id.as_str() != "start"))
        .build();
    assert!(codes(&doc).contains(&Code::NoStart));
    let doc = clean()
        .with(|d| d.process.nodes.retain(|n| n.id.as_str() != "end"))
        .build();
    let c = codes(&doc);
    assert!(c.contains(&Code::NoOutcome));
    // Without any outcome, "dead end" everywhere would only repeat the same news.
    assert!(!c.contains(&Code::DeadEnd));
}

#[test]
fn unreachable_step_is_global_not_local() {
    // x -> y -> x is a closed island: each has an incoming flow, yet neither is reachable.
    let doc = clean()
        .step("x", "a")
        .step("y", "a")
        .arrow("x", "y")
        .arrow("y", "x")
        .arrow("y", "end")
        .build();
    let f = findings(&doc, Code::UnreachableStep);
    let ids: Vec<_> = f.iter().flat_map(|d| d.elements.clone()).collect();
    assert_eq!(ids, vec!["x", "y"]);
    assert_eq!(findings(&clean().build(), Code::UnreachableStep), vec![]);
}

#[test]
fn dead_end_reports_where_the_path_stops() {
    // s1 -> stuck, and nothing after stuck.
    let doc = clean().step("stuck", "a").arrow("s1", "stuck").build();
    let f = findings(&doc, Code::DeadEnd);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["stuck"]);
    assert!(f[0].message.contains("'stuck'"));
}

#[test]
fn endless_loop_is_a_cycle_with_no_way_out() {
    let looped = clean()
        .step("x", "a")
        .step("y", "a")
        .arrow("s1", "x")
        .arrow("x", "y")
        .arrow("y", "x")
        .build();
    let f = findings(&looped, Code::EndlessLoop);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["x", "y"]);
    assert!(!codes(&looped).contains(&Code::DeadEnd));
    // The same loop with an exit is fine (a rework loop).
    let exit = clean()
        .step("x", "a")
        .node("d", NodeKind::Decision, Some("a"))
        .arrow("s1", "x")
        .arrow("x", "d")
        .flow("d", "x", "redo", "")
        .flow("d", "end", "done", "final report")
        .build();
    assert_eq!(findings(&exit, Code::EndlessLoop), vec![]);
    assert_eq!(findings(&exit, Code::DeadEnd), vec![]);
}

#[test]
fn disconnected_node_is_reported_once() {
    let doc = clean().step("lonely", "a").build();
    assert_eq!(codes(&doc), vec![Code::Disconnected]);
}

#[test]
fn unnamed_handoff() {
    let doc = clean()
        .with(|d| d.process.flows[1].handover.clear())
        .build();
    let f = findings(&doc, Code::UnnamedHandoff);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["f2"]);
    assert!(
        f[0].message.contains("from Sales ('s1') to Finance ('s2')"),
        "{}",
        f[0].message
    );
    // A flow inside one lane needs no handover.
    assert_eq!(findings(&clean().build(), Code::UnnamedHandoff), vec![]);
}

#[test]
fn raci_accountable_exactly_one() {
    let none = clean()
        .with(|d| {
            if let NodeKind::Step { details } = &mut d.process.nodes[1].kind {
                details.raci.accountable.clear();
            }
        })
        .build();
    assert_eq!(
        findings(&none, Code::RaciNoAccountable)[0].elements,
        vec!["s1"]
    );
    let two = clean()
        .with(|d| {
            if let NodeKind::Step { details } = &mut d.process.nodes[1].kind {
                details.raci.accountable.push("seat-b".into());
            }
        })
        .build();
    let f = findings(&two, Code::RaciMultipleAccountable);
    assert_eq!(f[0].elements, vec!["s1", "seat-a", "seat-b"]);
    assert!(f[0].message.contains("Sales, Finance"));
}

#[test]
fn process_header_questions() {
    let doc = Builder::bare("Bare")
        .lane("a", "Sales", SeatKind::Team)
        .node("start", NodeKind::Start, Some("a"))
        .step("s1", "a")
        .node("end", NodeKind::Outcome, Some("a"))
        .arrow("start", "s1")
        .arrow("s1", "end")
        .build();
    assert_eq!(
        codes(&doc),
        vec![
            Code::ProcessNoOwner,
            Code::ProcessNoTrigger,
            Code::ProcessNoOutput,
            Code::ProcessNoFailureSignals
        ]
    );
    let ghost_owner = clean()
        .with(|d| d.process.owner = Some("nobody".into()))
        .build();
    assert_eq!(
        findings(&ghost_owner, Code::ProcessNoOwner)[0].elements,
        vec!["nobody"]
    );
}

#[test]
fn review_overdue_depends_on_the_date_passed_in() {
    let doc = clean()
        .with(|d| d.process.last_reviewed = NaiveDate::from_ymd_opt(2026, 1, 1))
        .build();
    // Weekly cadence: due 2026-04-01.
    let f = findings(&doc, Code::ReviewOverdue);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("2026-04-01"));
    let early = check(
        &doc,
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        &Rules::default(),
    );
    assert!(early.is_empty());
}

#[test]
fn empty_lane_and_unlabeled_step() {
    let doc = clean().lane("c", "Legal", SeatKind::Person).build();
    let f = findings(&doc, Code::EmptyLane);
    assert_eq!(f[0].elements, vec!["c"]);
    assert_eq!(f[0].severity, Severity::Info);
    let doc = clean()
        .with(|d| d.process.nodes[1].label = "  ".into())
        .build();
    assert_eq!(findings(&doc, Code::UnlabeledStep)[0].elements, vec!["s1"]);
}

#[test]
fn parallel_unbalanced() {
    let split_only = clean()
        .with(|d| d.process.flows.retain(|f| f.from.as_str() != "s1"))
        .node("split", NodeKind::ParallelSplit, Some("a"))
        .step("p1", "a")
        .arrow("s1", "split")
        .arrow("split", "p1")
        .flow("split", "s2", "", "order")
        .arrow("p1", "end")
        .build();
    let f = findings(&split_only, Code::ParallelUnbalanced);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("1 parallel split but 0 parallel joins"),
        "{}",
        f[0].message
    );
    let balanced = clean()
        .with(|d| {
            d.process
                .flows
                .retain(|f| f.from.as_str() != "s1" && f.from.as_str() != "s2")
        })
        .node("split", NodeKind::ParallelSplit, Some("a"))
        .step("p1", "a")
        .node("join", NodeKind::ParallelJoin, Some("b"))
        .arrow("s1", "split")
        .arrow("split", "p1")
        .flow("split", "s2", "", "order")
        .flow("p1", "join", "", "notes")
        .arrow("s2", "join")
        .arrow("join", "end")
        .build();
    assert_eq!(codes(&balanced), vec![]);
}

#[test]
fn rules_switch_off_and_regrade() {
    let doc = clean()
        .with(|d| d.process.flows[1].handover.clear())
        .build();
    let mut rules = Rules::default();
    rules
        .overrides
        .insert(Code::UnnamedHandoff, RuleSetting::Severity(Severity::Error));
    let f = check(&doc, today(), &rules);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(has_errors(&f));
    rules
        .overrides
        .insert(Code::UnnamedHandoff, RuleSetting::Off);
    assert!(check(&doc, today(), &rules).is_empty());
}

#[test]
fn findings_are_sorted_most_severe_first() {
    let doc = clean()
        .with(|d| d.process.flows[1].handover.clear())
        .lane("c", "Legal", SeatKind::Person)
        .step("stuck", "a")
        .arrow("s1", "stuck")
        .build();
    let sev: Vec<Severity> = check(&doc, today(), &Rules::default())
        .iter()
        .map(|d| d.severity)
        .collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    assert_eq!(sev.len(), 3);
}

#[test]
fn every_code_round_trips_through_its_text() {
    for &code in Code::ALL {
        assert_eq!(Code::parse(code.as_str()), Some(code));
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
    }
    assert_eq!(Code::ALL.len(), 25);
}

#[test]
fn generated_maps_pass_every_check() {
    for steps in [24, 25, 301, 1000] {
        let doc = crate::build::generate(steps, 8);
        assert_eq!(codes(&doc), vec![], "generate({steps}, 8)");
    }
}

/// A request taken by a team, drafted and checked by an agent that retries at most three
/// times, then reviewed by the team: an agent seat done right.
fn agent_map() -> Builder {
    Builder::new("Agent drafts")
        .lane("a", "Operations", SeatKind::Team)
        .lane("g", "Drafting agent", SeatKind::Agent)
        .node("start", NodeKind::Start, Some("a"))
        .step("s1", "a")
        .step("g1", "g")
        .step("g2", "g")
        .node("dq", NodeKind::Decision, Some("g"))
        .step("s2", "a")
        .node("end", NodeKind::Outcome, Some("a"))
        .arrow("start", "s1")
        .flow("s1", "g1", "", "request")
        .arrow("g1", "g2")
        .arrow("g2", "dq")
        .flow("dq", "s2", "good enough", "draft")
        .flow("dq", "g1", "not yet", "")
        .arrow("s2", "end")
        .with(|d| {
            for n in &mut d.process.nodes {
                if let NodeKind::Step { details } = &mut n.kind {
                    if n.lane.as_ref().is_some_and(|l| l.as_str() == "g") {
                        details.raci.accountable = vec!["seat-a".into()];
                        details.inputs = vec!["request".into()];
                        details.outputs = vec!["draft".into()];
                        if n.id.as_str() == "g1" {
                            details.max_tries = Some(3);
                        }
                    }
                }
            }
        })
}

fn agent_step<'d>(d: &'d mut Document, id: &str) -> &'d mut crate::model::StepDetails {
    let n = d
        .process
        .nodes
        .iter_mut()
        .find(|n| n.id.as_str() == id)
        .unwrap();
    match &mut n.kind {
        NodeKind::Step { details } => details,
        _ => panic!("{id} is a step"),
    }
}

#[test]
fn an_agent_seat_done_right_has_no_findings() {
    assert_eq!(codes(&agent_map().build()), vec![]);
}

#[test]
fn an_agent_step_needs_a_person_accountable() {
    let doc = agent_map()
        .with(|d| agent_step(d, "g2").raci.accountable = vec!["seat-g".into()])
        .build();
    let f = findings(&doc, Code::AgentNoHumanAccountable);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["g2", "seat-g"]);
    assert_eq!(
        f[0].message,
        "Step 'g2' is done by the agent Drafting agent, but its Accountable is Drafting agent, not a person."
    );
    // No Accountable at all: both the RACI rule and the agent rule say so.
    let doc = agent_map()
        .with(|d| agent_step(d, "g2").raci.accountable.clear())
        .build();
    let f = findings(&doc, Code::AgentNoHumanAccountable);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.ends_with("but no one is Accountable for it."),
        "{}",
        f[0].message
    );
    assert_eq!(findings(&doc, Code::RaciNoAccountable).len(), 1);
    // A person's own step with a system Accountable is not the agent rule's business.
    let doc = agent_map()
        .with(|d| agent_step(d, "s1").raci.accountable = vec!["seat-g".into()])
        .build();
    assert!(findings(&doc, Code::AgentNoHumanAccountable).is_empty());
}

#[test]
fn an_agent_step_names_its_inputs_and_outputs() {
    let doc = agent_map()
        .with(|d| {
            agent_step(d, "g1").inputs.clear();
            let g2 = agent_step(d, "g2");
            g2.inputs.clear();
            g2.outputs.clear();
        })
        .build();
    let f = findings(&doc, Code::AgentStepNoInputsOutputs);
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0].message,
        "Step 'g1' is done by the agent Drafting agent, but does not name what it works from."
    );
    assert_eq!(
        f[1].message,
        "Step 'g2' is done by the agent Drafting agent, but does not name what it works from nor what it produces."
    );
}

#[test]
fn an_agent_failure_reaches_a_person() {
    // The agent finishes on its own: no arrow back to the team.
    let alone = || {
        agent_map().with(|d| {
            d.process
                .flows
                .retain(|f| !(f.from.as_str() == "dq" && f.to.as_str() == "s2"));
            d.process.nodes.push(crate::model::Node {
                id: "sent".into(),
                label: "Sent".into(),
                kind: NodeKind::Outcome,
                lane: Some("g".into()),
                position: Default::default(),
            });
            d.process.flows.push(crate::model::Flow {
                id: "f-sent".into(),
                from: "dq".into(),
                to: "sent".into(),
                label: "good enough".into(),
                handover: String::new(),
            });
        })
    };
    // Failure signals with a team as owner: someone watches for the agent failing.
    assert!(findings(&alone().build(), Code::AgentNoEscalation).is_empty());
    let doc = alone().with(|d| d.process.failure_signals.clear()).build();
    let f = findings(&doc, Code::AgentNoEscalation);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["g"]);
    assert!(f[0]
        .message
        .starts_with("Nothing says how a failure of the agent Drafting agent reaches a person"));
    // Signals watched by an agent owner do not count either.
    let doc = alone()
        .with(|d| d.process.owner = Some("seat-g".into()))
        .build();
    assert_eq!(findings(&doc, Code::AgentNoEscalation).len(), 1);
}

#[test]
fn an_agent_loop_states_its_tries() {
    let doc = agent_map()
        .with(|d| agent_step(d, "g1").max_tries = None)
        .build();
    let f = findings(&doc, Code::AgentLoopNoLimit);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].elements, vec!["g1", "g2", "dq"]);
    assert_eq!(
        f[0].message,
        "The agent Drafting agent can go round 'g1' → 'g2' → 'dq' without limit: nothing says how many tries before a person is brought in."
    );
    // The same loop through the team's lane is a person's loop, not the agent's.
    let doc = agent_map()
        .with(|d| {
            agent_step(d, "g1").max_tries = None;
            d.process
                .nodes
                .iter_mut()
                .find(|n| n.id.as_str() == "g2")
                .unwrap()
                .lane = Some("a".into());
        })
        .build();
    assert!(findings(&doc, Code::AgentLoopNoLimit).is_empty());
}

#[test]
fn agent_rules_can_be_switched_off_and_maps_without_agents_get_none() {
    let doc = agent_map()
        .with(|d| {
            let g2 = agent_step(d, "g2");
            g2.raci.accountable.clear();
            g2.inputs.clear();
        })
        .build();
    let mut rules = Rules::default();
    for code in [
        Code::AgentNoHumanAccountable,
        Code::AgentStepNoInputsOutputs,
    ] {
        rules.overrides.insert(code, RuleSetting::Off);
    }
    let left: Vec<Code> = check(&doc, today(), &rules)
        .into_iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(left, vec![Code::RaciNoAccountable]);
    // The same map with the agent's seat made a team: no agent finding at all.
    let doc = agent_map()
        .with(|d| {
            d.seats.iter_mut().for_each(|s| s.kind = SeatKind::Team);
            agent_step(d, "g1").max_tries = None;
            agent_step(d, "g2").inputs.clear();
        })
        .build();
    assert!(
        codes(&doc)
            .iter()
            .all(|c| !c.as_str().starts_with("agent-")),
        "{:?}",
        codes(&doc)
    );
}
