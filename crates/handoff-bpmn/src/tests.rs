//! Unit tests of import and export: the mapping of each BPMN construct, round trips of
//! generated maps, and hostile or broken input.

use handoff_core::build::{generate, Builder};
use handoff_core::{Document, NodeKind, NodeTag, SeatKind};
use proptest::prelude::*;

use crate::{export, import, BpmnError, Import, MAX_DEPTH, MAX_INPUT_BYTES};

fn round_trip(doc: &Document) -> Document {
    let xml = export(doc);
    let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    back.document
}

fn node<'a>(imp: &'a Import, id: &str) -> &'a handoff_core::Node {
    imp.document
        .process
        .nodes
        .iter()
        .find(|n| n.id.0 == id)
        .unwrap_or_else(|| panic!("node {id} missing"))
}

fn has_note(imp: &Import, element: &str, words: &str) -> bool {
    imp.notes
        .iter()
        .any(|n| n.element.as_deref() == Some(element) && n.message.contains(words))
}

#[test]
fn generated_map_round_trips_exactly() {
    let doc = generate(200, 5);
    assert_eq!(round_trip(&doc), doc);
}

#[test]
fn export_is_deterministic() {
    let doc = generate(30, 3);
    assert_eq!(export(&doc), export(&doc));
}

#[test]
fn awkward_ids_and_labels_survive_a_round_trip() {
    // Ids that are not XML names, an id shared by a lane and a node, and labels with
    // markup characters, quotes and line breaks.
    let doc = Builder::new("Q&A <process>")
        .lane("1 lane", "Sales & \"Ops\"", SeatKind::Team)
        .lane("x", "Agent", SeatKind::Agent)
        .node("1 start", NodeKind::Start, Some("1 lane"))
        .step("x", "1 lane")
        .node("d?", NodeKind::Decision, Some("x"))
        .node("end", NodeKind::Outcome, Some("x"))
        .node("loose", NodeKind::Outcome, None)
        .flow("1 start", "x", "", "")
        .flow("x", "d?", "", "the <order>")
        .flow("d?", "end", "over $5,000\nand urgent", "")
        .flow("d?", "loose", "", "")
        .with(|d| {
            d.process.nodes[1].label = "Line one\nline two\ttab".into();
            d.process.nodes[1].position.x = 0.1 + 0.2;
            d.seats[0].holder = Some("Zoë Łódź".into());
        })
        .build();
    assert_eq!(round_trip(&doc), doc);
}

#[test]
fn a_map_without_lanes_comes_back_without_lanes() {
    let doc = Builder::bare("Loose")
        .node("s", NodeKind::Start, None)
        .node("e", NodeKind::Outcome, None)
        .arrow("s", "e")
        .build();
    assert_eq!(round_trip(&doc), doc);
}

#[test]
fn implicit_splits_and_joins_get_gateways_that_fold_away_again() {
    let doc = Builder::new("Fan")
        .lane("a", "A", SeatKind::Person)
        .node("s", NodeKind::Start, Some("a"))
        .step("t", "a")
        .step("u", "a")
        .step("v", "a")
        .node("e", NodeKind::Outcome, Some("a"))
        .arrow("s", "t")
        .arrow("t", "u")
        .arrow("t", "v")
        .arrow("u", "e")
        .arrow("v", "e")
        .build();
    let xml = export(&doc);
    assert!(xml.contains("<bpmn:parallelGateway id=\"t_split\" handoff:role=\"split\""));
    assert!(xml.contains("<bpmn:exclusiveGateway id=\"e_merge\" handoff:role=\"merge\""));
    assert_eq!(round_trip(&doc), doc);
}

#[test]
fn a_shape_moved_in_another_tool_moves_the_step() {
    let doc = generate(5, 2);
    let xml = export(&doc);
    let s1 = doc
        .process
        .nodes
        .iter()
        .find(|n| n.id.0 == "s1")
        .expect("s1");
    let abs_x = 2.0 * handoff_core::layout::LANE_HEADER_WIDTH + s1.position.x;
    let shape = "<bpmndi:BPMNShape id=\"s1_di\" bpmnElement=\"s1\"";
    let at = xml.find(shape).expect("shape of s1");
    let bounds = format!("<dc:Bounds x=\"{abs_x}\"");
    let rel = xml[at..].find(&bounds).expect("bounds of s1");
    let moved = format!("<dc:Bounds x=\"{}\"", abs_x + 100.0);
    let xml = format!(
        "{}{}{}",
        &xml[..at + rel],
        moved,
        &xml[at + rel + bounds.len()..]
    );
    let back = import(xml.as_bytes()).expect("imports");
    let again = back
        .document
        .process
        .nodes
        .iter()
        .find(|n| n.id.0 == "s1")
        .expect("s1");
    assert_eq!(again.position.x, s1.position.x + 100.0);
    assert_eq!(again.position.y, s1.position.y);
}

const FEATURES: &str = r##"<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
    xmlns:vendor="http://example.com/vendor"
    id="defs" name="Features" targetNamespace="http://example.com">
  <collaboration id="collab">
    <participant id="pool" name="Shop" processRef="proc"/>
    <participant id="customer" name="Customer"/>
    <participant id="bank_pool" name="Bank" processRef="bank"/>
    <messageFlow id="mf1" name="payment request" sourceRef="charge" targetRef="bank_task"/>
    <messageFlow id="mf2" name="order" sourceRef="customer" targetRef="start"/>
  </collaboration>
  <process id="proc" name="Order handling">
    <documentation>Handle every order.</documentation>
    <laneSet id="ls">
      <lane id="lane_sales" name="Sales">
        <flowNodeRef>start</flowNodeRef>
        <flowNodeRef>check</flowNodeRef>
        <flowNodeRef>gw</flowNodeRef>
      </lane>
      <lane id="lane_ops" name="Operations">
        <childLaneSet id="cls">
          <lane id="lane_pick" name="Picking">
            <flowNodeRef>pick</flowNodeRef>
          </lane>
          <lane id="lane_pack" name="Packing"/>
        </childLaneSet>
      </lane>
    </laneSet>
    <startEvent id="start" name="Order in"><messageEventDefinition/></startEvent>
    <userTask id="check" name="Check caf&#233; order">
      <documentation>Look at the order &amp; the stock.</documentation>
      <extensionElements><vendor:thing a="1"/></extensionElements>
    </userTask>
    <exclusiveGateway id="gw" name="In stock?" default="f_no"/>
    <task id="pick" name="Pick"/>
    <task id="pack" name="Pack">
      <dataOutputAssociation id="doa"><targetRef>dor</targetRef></dataOutputAssociation>
    </task>
    <boundaryEvent id="late" name="Too late" attachedToRef="pick"><timerEventDefinition/></boundaryEvent>
    <subProcess id="sub" name="Ship">
      <startEvent id="sub_s"/><task id="sub_t"/><endEvent id="sub_e"/>
      <sequenceFlow id="sf_in1" sourceRef="sub_s" targetRef="sub_t"/>
      <sequenceFlow id="sf_in2" sourceRef="sub_t" targetRef="sub_e"/>
    </subProcess>
    <task id="charge" name="Charge card"/>
    <exclusiveGateway id="merge"/>
    <endEvent id="end" name="Done"/>
    <endEvent id="end_late" name="Cancelled"/>
    <dataObjectReference id="dor" name="Parcel label" dataObjectRef="do"/>
    <dataObject id="do"/>
    <textAnnotation id="ann"><text>Remember the gift wrap</text></textAnnotation>
    <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <sequenceFlow id="f2" sourceRef="check" targetRef="gw"/>
    <sequenceFlow id="f_yes" name="yes" sourceRef="gw" targetRef="pick">
      <conditionExpression>${inStock}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="f_no" sourceRef="gw" targetRef="merge"/>
    <sequenceFlow id="f_cond" sourceRef="pick" targetRef="pack">
      <conditionExpression><![CDATA[picked > 0]]></conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="f4" sourceRef="pack" targetRef="merge"/>
    <sequenceFlow id="f5" sourceRef="merge" targetRef="sub"/>
    <sequenceFlow id="f6" sourceRef="sub" targetRef="charge"/>
    <sequenceFlow id="f7" sourceRef="charge" targetRef="end"/>
    <sequenceFlow id="f8" sourceRef="late" targetRef="end_late"/>
  </process>
  <process id="bank">
    <task id="bank_task" name="Authorise"/>
  </process>
  <bpmndi:BPMNDiagram id="d">
    <bpmndi:BPMNPlane id="pl" bpmnElement="collab">
      <bpmndi:BPMNShape id="pool_di" bpmnElement="pool"><dc:Bounds x="100" y="100" width="1030" height="400"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="ls_di" bpmnElement="lane_sales"><dc:Bounds x="130" y="100" width="1000" height="150"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lo_di" bpmnElement="lane_ops"><dc:Bounds x="130" y="250" width="1000" height="250"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lpi_di" bpmnElement="lane_pick"><dc:Bounds x="160" y="250" width="970" height="120"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lpa_di" bpmnElement="lane_pack"><dc:Bounds x="160" y="370" width="970" height="130"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="cust_di" bpmnElement="customer"><dc:Bounds x="100" y="0" width="1030" height="60"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="bank_di" bpmnElement="bank_pool"><dc:Bounds x="100" y="600" width="1030" height="120"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_di" bpmnElement="start"><dc:Bounds x="202" y="157" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="c_di" bpmnElement="check"><dc:Bounds x="280" y="135" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="pick_di" bpmnElement="pick"><dc:Bounds x="400" y="270" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="pack_di" bpmnElement="pack"><dc:Bounds x="550" y="390" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="late_di" bpmnElement="late"><dc:Bounds x="482" y="332" width="36" height="36"/></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>
"##;

fn features() -> Import {
    // Encode the file as ISO-8859-1 as it declares (é is one byte).
    let bytes: Vec<u8> = FEATURES
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1 text"))
        .collect();
    import(&bytes).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lanes_come_from_pools_and_innermost_lanes_top_to_bottom() {
    let imp = features();
    let p = &imp.document.process;
    let names: Vec<&str> = p
        .lanes
        .iter()
        .map(|l| imp.document.seat(&l.seat).expect("seat").name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Customer",
            "Sales",
            "Operations / Picking",
            "Operations / Packing",
            "Bank"
        ]
    );
    assert_eq!(imp.document.seats[0].kind, SeatKind::External);
    assert!(has_note(&imp, "lane_ops", "holds lanes of its own"));
    assert!(has_note(&imp, "customer", "no process of its own"));
}

#[test]
fn lane_membership_by_reference_then_host_then_geometry() {
    let imp = features();
    assert_eq!(
        node(&imp, "check").lane.as_ref().map(|l| l.0.as_str()),
        Some("lane_sales")
    );
    assert_eq!(
        node(&imp, "pick").lane.as_ref().map(|l| l.0.as_str()),
        Some("lane_pick")
    );
    // `pack` is listed nowhere, but its shape lies in the Packing lane.
    assert_eq!(
        node(&imp, "pack").lane.as_ref().map(|l| l.0.as_str()),
        Some("lane_pack")
    );
    assert!(has_note(&imp, "pack", "because its shape lies there"));
    // The boundary event goes with the task it sits on.
    assert_eq!(
        node(&imp, "late").lane.as_ref().map(|l| l.0.as_str()),
        Some("lane_pick")
    );
    // A pool without lanes is one lane.
    assert_eq!(
        node(&imp, "bank_task").lane.as_ref().map(|l| l.0.as_str()),
        Some("bank_pool")
    );
}

#[test]
fn every_bpmn_construct_maps_to_a_map_element_or_a_note() {
    let imp = features();
    let p = &imp.document.process;
    // Two pools have processes, so the map is named after the first process.
    assert_eq!(p.name, "Order handling");
    assert_eq!(p.purpose, "Handle every order.");
    assert_eq!(p.trigger.kind, Some(handoff_core::TriggerKind::Event));
    let check = node(&imp, "check");
    assert_eq!(check.label, "Check café order");
    assert_eq!(
        check.details().map(|d| d.instructions.as_str()),
        Some("Look at the order & the stock.")
    );
    assert_eq!(node(&imp, "gw").tag(), NodeTag::Decision);
    assert_eq!(node(&imp, "start").tag(), NodeTag::Start);
    assert_eq!(node(&imp, "end").tag(), NodeTag::Outcome);
    assert_eq!(node(&imp, "sub").tag(), NodeTag::Step);
    assert!(has_note(
        &imp,
        "sub",
        "the 5 elements inside it were not imported"
    ));
    assert_eq!(node(&imp, "late").tag(), NodeTag::Step);
    assert!(has_note(&imp, "late", "a timer event on the edge"));
    assert!(has_note(&imp, "start", "a message start"));
    assert!(imp
        .notes
        .iter()
        .any(|n| n.message.contains("1 user task became plain steps")));
    assert!(has_note(&imp, "ann", "Remember the gift wrap"));
    assert!(has_note(&imp, "f_no", "default branch"));
    // Data the task writes becomes its output, and the data object is not noted as lost.
    assert_eq!(
        node(&imp, "pack").details().map(|d| d.outputs.clone()),
        Some(vec!["Parcel label".to_owned()])
    );
    assert!(!imp
        .notes
        .iter()
        .any(|n| n.element.as_deref() == Some("dor")));
    // Nothing inside the sub-process became a node.
    assert!(!p.nodes.iter().any(|n| n.id.0.starts_with("sub_")));
}

#[test]
fn flows_keep_names_and_conditions_and_merges_fold_away() {
    let imp = features();
    let p = &imp.document.process;
    let flow = |id: &str| p.flows.iter().find(|f| f.id.0 == id).expect(id);
    assert_eq!(flow("f_yes").label, "yes");
    assert!(has_note(&imp, "f_yes", "${inStock}"));
    assert_eq!(flow("f_cond").label, "picked > 0");
    // The merging gateway is gone and both arrows into it lead to the sub-process.
    assert!(p.nodes.iter().all(|n| n.id.0 != "merge"));
    assert_eq!(flow("f_no").to.0, "sub");
    assert_eq!(flow("f4").to.0, "sub");
    assert!(p.flows.iter().all(|f| f.id.0 != "f5"));
    assert!(has_note(&imp, "merge", "folded away"));
    // The boundary event is reached from its host.
    assert!(p
        .flows
        .iter()
        .any(|f| f.from.0 == "pick" && f.to.0 == "late" && f.label == "timer"));
    // Message flows between pools are handoffs; one from a black-box pool is noted.
    let mf = flow("mf1");
    assert_eq!(
        (mf.from.0.as_str(), mf.to.0.as_str()),
        ("charge", "bank_task")
    );
    assert_eq!(mf.handover, "payment request");
    assert!(has_note(&imp, "mf2", "pool rather than at a step"));
}

#[test]
fn positions_are_relative_to_the_lane_and_the_content_edge() {
    let imp = features();
    // Content starts right of the leftmost name band: the pools at x 100 have a 30-wide
    // band, so at 130. The task's centre (330, 175) minus half a step (50, 40), minus 130
    // and minus the lane top (100).
    let check = node(&imp, "check");
    assert_eq!((check.position.x, check.position.y), (150.0, 35.0));
    // An event keeps its centre: (220, 175) → top-left (202, 157) → (72, 57).
    let start = node(&imp, "start");
    assert_eq!((start.position.x, start.position.y), (72.0, 57.0));
    // Picking's top is 250: the task at y 270 sits 20 below it.
    assert_eq!(node(&imp, "pick").position.y, 20.0);
    // The sub-process has no shape: it is placed in a row and noted.
    assert!(imp
        .notes
        .iter()
        .any(|n| n.message.contains("no position in the diagram")));
}

#[test]
fn imported_maps_export_and_import_again_unchanged() {
    let imp = features();
    let back = import(export(&imp.document).as_bytes()).expect("re-import");
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    assert_eq!(back.document, imp.document);
}

/// Found by fuzzing (fuzz target `bpmn_import`): two elements sharing an id both took
/// the id made for the second, so the map held one node id twice and, once saved, could
/// not be opened again.
#[test]
fn elements_sharing_an_id_each_get_an_id_of_their_own() {
    let xml = r#"<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="p">
    <startEvent id="a"/>
    <task id="t" name="One"/>
    <task id="t" name="Two"/>
    <endEvent id="e"/>
  </process>
</definitions>"#;
    let imp = import(xml.as_bytes()).expect("imports");
    let ids: Vec<&str> = imp
        .document
        .process
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "t", "t-2", "e"]);
    assert!(has_note(&imp, "t", "used twice"), "{:?}", imp.notes);
    let saved = handoff_core::to_json(&imp.document);
    assert_eq!(
        handoff_core::parse_document(saved.as_bytes()),
        Ok(imp.document)
    );
}

/// Found by fuzzing (fuzz target `graph`): a seat listed twice in Handoff's process
/// details was imported twice, so the map held one seat id twice and, once saved, could
/// not be opened again.
#[test]
fn a_seat_listed_twice_is_imported_once() {
    let doc = Builder::new("t")
        .lane("l1", "One", SeatKind::Person)
        .with(|d| {
            let mut twin = d.seats[0].clone();
            twin.name = "Twin".into();
            d.seats.push(twin);
        })
        .build();
    let imp = import(export(&doc).as_bytes()).expect("imports");
    let seats: Vec<&str> = imp.document.seats.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(seats, ["One"]);
    assert!(
        imp.notes.iter().any(|n| n.message.contains("listed twice")),
        "{:?}",
        imp.notes
    );
    let saved = handoff_core::to_json(&imp.document);
    assert!(handoff_core::parse_document(saved.as_bytes()).is_ok());
}

/// Shapes drawn near f64's limits gave nodes infinite positions, so the imported map
/// could not be saved and opened again (found while building the fuzzers' corpus;
/// `tests/fixtures/malformed/huge-coordinates.bpmn` holds the full case).
#[test]
fn shapes_at_the_limits_of_f64_get_positions_a_file_can_hold() {
    let xml = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
      xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
      xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d">
  <process id="p">
    <laneSet><lane id="l1" name="Sales"><flowNodeRef>t</flowNodeRef></lane></laneSet>
    <task id="t" name="Far away"/>
  </process>
  <bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="p">
    <bpmndi:BPMNShape bpmnElement="l1"><dc:Bounds x="-1.7e308" y="-1.7e308" width="1.7e308" height="1.7e308"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape bpmnElement="t"><dc:Bounds x="1.7e308" y="1.7e308" width="1e308" height="1e308"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>"#;
    let imp = import(xml.as_bytes()).expect("imports");
    for n in &imp.document.process.nodes {
        assert!(
            n.position.x.is_finite() && n.position.y.is_finite(),
            "{n:?}"
        );
    }
    let saved = handoff_core::to_json(&imp.document);
    assert!(handoff_core::parse_document(saved.as_bytes()).is_ok());
}

// Hostile and broken input.

fn err(xml: &str) -> BpmnError {
    import(xml.as_bytes()).expect_err("should be refused")
}

#[test]
fn malformed_xml_names_line_and_column() {
    let e = err("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <process id=\"p\">\n  </definitions>");
    match e {
        BpmnError::Syntax { line, .. } => assert_eq!(line, 3, "{e}"),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let e = err("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\" name=\"unterminated>");
    assert!(matches!(e, BpmnError::Syntax { line: 2, .. }), "{e}");
}

#[test]
fn wrong_namespace_or_root_is_not_bpmn() {
    let e = err("<?xml version=\"1.0\"?>\n<definitions xmlns=\"http://www.omg.org/spec/DMN/20151101/dmn.xsd\"/>");
    assert!(
        matches!(&e, BpmnError::NotBpmn { line: 2, column: 1, found } if found.contains("dmn.xsd")),
        "{e:?}"
    );
    assert!(matches!(
        err("<html><body/></html>"),
        BpmnError::NotBpmn { .. }
    ));
    assert!(matches!(err("just text"), BpmnError::Syntax { .. }));
}

#[test]
fn a_definitions_without_process_or_pool_is_refused() {
    let e = err("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>");
    assert_eq!(e, BpmnError::NoProcess);
}

#[test]
fn entity_expansion_bombs_are_refused_at_the_doctype() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&lol9;"/></definitions>"#;
    assert_eq!(err(bomb), BpmnError::Doctype { line: 2, column: 1 });
}

#[test]
fn external_entities_are_refused_and_never_fetched() {
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE d [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY net SYSTEM "http://127.0.0.1:9/x"> ]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&xxe;&net;"/></definitions>"#;
    assert_eq!(err(xxe), BpmnError::Doctype { line: 2, column: 1 });
}

#[test]
fn undeclared_entities_are_syntax_errors_with_a_place() {
    let xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\"><documentation>a &secret; b</documentation></process></definitions>";
    let e = err(xml);
    assert!(
        matches!(&e, BpmnError::Syntax { line: 2, message, .. } if message.contains("secret")),
        "{e:?}"
    );
    let xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\" name=\"&secret;\"/></definitions>";
    assert!(matches!(err(xml), BpmnError::Syntax { line: 2, .. }));
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let big = vec![b'<'; 100 * 1024 * 1024];
    assert_eq!(
        import(&big),
        Err(BpmnError::TooLarge {
            bytes: 100 * 1024 * 1024
        })
    );
    assert!(big.len() > MAX_INPUT_BYTES);
}

#[test]
fn very_deep_nesting_is_refused_without_recursion() {
    let depth = 200_000;
    let mut xml =
        String::from("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n");
    xml.push_str(&"<a>".repeat(depth));
    xml.push_str(&"</a>".repeat(depth));
    xml.push_str("</definitions>");
    match err(&xml) {
        BpmnError::TooDeep { line, column, max } => {
            assert_eq!((line, max), (2, MAX_DEPTH));
            assert_eq!(column, 3 * (MAX_DEPTH - 1) + 1);
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
}

#[test]
fn truncated_file_is_a_syntax_error() {
    let xml = export(&generate(5, 2));
    let cut = &xml[..xml.len() / 2];
    assert!(matches!(err(cut), BpmnError::Syntax { .. }));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Random edits to a real export: import returns Ok or an error, never panics.
    #[test]
    fn mutated_exports_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12)
    ) {
        let mut bytes = export(&generate(12, 3)).into_bytes();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len().max(1));
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        if let Err(e) = import(&bytes) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}
