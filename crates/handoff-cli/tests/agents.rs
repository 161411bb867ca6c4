//! AI-agent seats from the command line: an agent's runbook, and the seat change drill with
//! its handover pack, on a library seeded with the starter processes.

mod common;

use common::handoff_in;

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn the_runbook_of_an_agent_seat_prints_as_markdown_or_json() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = handoff_in(data.path(), ["runbook", "--seat", "ticket triage agent"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("# Runbook: Ticket triage agent\n"), "{md}");
    assert!(md.contains("## Support ticket routing"));
    assert!(md.contains("### Escalate to a person"));

    let file = data.path().join("triage.json");
    let out = handoff_in(
        data.path(),
        [
            "runbook",
            "--seat",
            "seat-triage-agent",
            "-o",
            file.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("written")).expect("JSON");
    assert_eq!(json["schema"], "handoff.runbook/1");
    assert_eq!(json["processes"][0]["name"], "Support ticket routing");

    // A person's seat has a handout, not a runbook.
    let out = handoff_in(data.path(), ["runbook", "--seat", "support lead"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("\"Support lead\" is a person seat"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_seat_change_drill_shows_what_becomes_ownerless_and_writes_the_pack() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = data.path().join("pack.pdf");
    let out = handoff_in(
        data.path(),
        [
            "seat-change",
            "--seat",
            "Support lead",
            "-o",
            pack.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "something becomes ownerless: {}",
        text(&out.stderr)
    );
    let shown = text(&out.stdout);
    assert!(shown.starts_with("Support lead takes part in"), "{shown}");
    assert!(shown.contains("Support ticket routing (owner)"), "{shown}");
    assert!(
        shown.contains("Process 'Support ticket routing' has no owner."),
        "{shown}"
    );
    let bytes = std::fs::read(&pack).expect("the pack is written");
    assert!(bytes.starts_with(b"%PDF"));

    let out = handoff_in(
        data.path(),
        ["seat-change", "--seat", "support lead", "--format", "json"],
    );
    let drill: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let processes = drill["processes"].as_array().expect("processes");
    let routing = processes
        .iter()
        .find(|p| p["processName"] == "Support ticket routing")
        .expect("routing");
    assert_eq!(routing["owns"], true);
    let codes: Vec<&str> = routing["ifEmpty"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"process-no-owner"), "{codes:?}");
}
