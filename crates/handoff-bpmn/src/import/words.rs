//! The wording of import notes: how elements are named and lists are shortened.

use crate::parse::{NodeDef, TASKS};

/// "task \"Check order\"" for messages.
pub(super) fn describe(n: &NodeDef) -> String {
    let kind = match n.kind.as_str() {
        k if TASKS.contains(&k) => "task",
        "startEvent" => "start event",
        "endEvent" => "end event",
        "intermediateCatchEvent" | "intermediateThrowEvent" => "event",
        "boundaryEvent" => "boundary event",
        "callActivity" => "call activity",
        k if k.ends_with("Gateway") => "gateway",
        _ => "sub-process",
    };
    if n.name.trim().is_empty() {
        format!("the unnamed {kind}")
    } else {
        format!("{kind} \"{}\"", n.name.trim())
    }
}

pub(super) fn plural_task(kind: &str, n: usize) -> String {
    let word = match kind {
        "userTask" => "user task",
        "serviceTask" => "service task",
        "manualTask" => "manual task",
        "scriptTask" => "script task",
        "sendTask" => "send task",
        "receiveTask" => "receive task",
        "businessRuleTask" => "business-rule task",
        _ => "task",
    };
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// A list of ids for a message, shortened after ten.
pub(super) fn list(ids: &[&str]) -> String {
    let mut s = ids.iter().take(10).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        s.push_str(&format!(" and {} more", ids.len() - 10));
    }
    s
}

pub(super) fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        let cut: String = one_line.chars().take(77).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

pub(super) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

pub(super) fn quoted(name: &str) -> String {
    if name.trim().is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", name.trim())
    }
}
