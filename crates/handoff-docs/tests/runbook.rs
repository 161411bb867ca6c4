//! The runbook of an agent seat, from the starter processes.

use chrono::NaiveDate;
use handoff_core::{Document, SeatId};
use handoff_docs::runbook::{json_schema, runbook, to_json, to_markdown, RunbookError};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

fn library() -> Vec<Document> {
    handoff_templates::documents()
        .into_iter()
        .map(|(name, doc)| doc.unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect()
}

#[test]
fn the_triage_agent_runbook_has_its_steps_hand_overs_and_escalations() {
    let docs = library();
    let r = runbook(&docs, &SeatId::from("seat-triage-agent"), date()).expect("a runbook");
    assert_eq!(r.seat, "Ticket triage agent");
    let names: Vec<&str> = r.processes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Support ticket routing"],
        "only the processes it works in"
    );
    let p = &r.processes[0];
    let steps: Vec<(usize, &str)> = p
        .steps
        .iter()
        .map(|s| (s.number, s.kind.as_str()))
        .collect();
    assert_eq!(steps[0].1, "step");
    assert!(steps.iter().any(|(_, k)| *k == "decision"));
    // The numbers are the SOP's: the first step of the process is the helpdesk's, not the agent's.
    assert!(steps[0].0 > 1);
    let first = &p.steps[0];
    assert!(!first.inputs.is_empty() && !first.outputs.is_empty() && !first.tools.is_empty());
    assert_eq!(first.accountable, ["Support lead"]);
    assert_eq!(p.receives.len(), 1);
    assert_eq!(p.receives[0].seat, "Helpdesk");
    assert_eq!(p.receives[0].step, Some(first.number));
    let to: Vec<&str> = p.escalations.iter().map(|e| e.to.as_str()).collect();
    assert!(to.contains(&"Support lead"), "{to:?}");
    assert!(!p.failure_signals.is_empty());

    let md = to_markdown(&r);
    assert!(md.starts_with("# Runbook: Ticket triage agent\n"));
    assert!(md.contains("## Support ticket routing\n"));
    for s in &p.steps {
        assert!(
            md.contains(&format!("\n{}. **{}**\n", s.number, s.title)),
            "{md}"
        );
    }
    assert!(md.contains("- Bug or outage (at step "), "{md}");
}

#[test]
fn only_agent_seats_have_runbooks() {
    let docs = library();
    let err = runbook(&docs, &SeatId::from("seat-support-lead"), date()).expect_err("a person");
    assert_eq!(
        err,
        RunbookError::NotAnAgent {
            name: "Support lead".into(),
            kind: "person"
        }
    );
    let err = runbook(&docs, &SeatId::from("seat-nobody"), date()).expect_err("unknown");
    assert!(matches!(err, RunbookError::UnknownSeat(_)));
}

#[test]
fn the_json_follows_the_committed_schema() {
    let schema_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/runbook.schema.json"
    );
    let schema = json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(schema_path, &schema).expect("write the schema");
    }
    let committed = std::fs::read_to_string(schema_path).expect("docs/runbook.schema.json");
    assert_eq!(
        committed, schema,
        "docs/runbook.schema.json is out of date: run `UPDATE_SCHEMA=1 cargo test -p handoff-docs --test runbook`"
    );
    // Every key the JSON uses is one the schema describes.
    let docs = library();
    let r = runbook(&docs, &SeatId::from("seat-triage-agent"), date()).expect("a runbook");
    let json: serde_json::Value = serde_json::from_str(&to_json(&r)).expect("JSON");
    let schema: serde_json::Value = serde_json::from_str(&committed).expect("schema JSON");
    assert_eq!(json["schema"], "handoff.runbook/1");
    let described = |def: &str| -> Vec<String> {
        let props = if def.is_empty() {
            &schema["properties"]
        } else {
            &schema["$defs"][def]["properties"]
        };
        props.as_object().expect(def).keys().cloned().collect()
    };
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("object").keys().cloned().collect()
    };
    let within = |used: Vec<String>, def: &str| {
        let known = described(def);
        for k in used {
            assert!(known.contains(&k), "{def}: key {k} is not in the schema");
        }
    };
    within(keys(&json), "");
    let p = &json["processes"][0];
    within(keys(p), "RunbookProcess");
    within(keys(&p["steps"][0]), "RunbookStep");
    within(keys(&p["escalations"][0]), "Escalation");
    within(keys(&p["receives"][0]), "Transfer");
}
