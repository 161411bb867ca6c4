//! The five questions every process document answers: who owns it, what starts it, what it
//! produces, how you notice it failing, and whether anyone has looked at it lately.

use super::{Code, Context, Findings};
use crate::review::{review_status, ReviewStatus};

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    let doc = cx.doc;
    let p = &doc.process;
    let name = &p.name;

    match &p.owner {
        None => f.push(
            Code::ProcessNoOwner,
            vec![],
            format!("Process '{name}' has no owner."),
            "Choose the seat answerable for this process in the process header.",
        ),
        Some(seat) if doc.seat(seat).is_none() => f.push(
            Code::ProcessNoOwner,
            vec![seat.to_string()],
            format!("Process '{name}' is owned by seat '{seat}', which does not exist."),
            "Choose an existing seat as owner in the process header.",
        ),
        Some(_) => {}
    }
    if p.trigger.kind.is_none() && p.trigger.description.trim().is_empty() {
        f.push(
            Code::ProcessNoTrigger,
            vec![],
            format!("Process '{name}' does not say what starts it."),
            "Describe the trigger in the process header: a schedule, an event, a threshold or a request.",
        );
    }
    if p.expected_output.trim().is_empty() {
        f.push(
            Code::ProcessNoOutput,
            vec![],
            format!("Process '{name}' does not say what it produces."),
            "Write the expected output in the process header, e.g. 'invoice paid and reconciled'.",
        );
    }
    if p.failure_signals.iter().all(|s| s.trim().is_empty()) {
        f.push(
            Code::ProcessNoFailureSignals,
            vec![],
            format!("Process '{name}' does not say how you would notice it failing."),
            "Add failure signals in the process header, e.g. 'customer chases us after 2 days'.",
        );
    }
    if let ReviewStatus::Overdue { due } = review_status(p, cx.today) {
        let days = (cx.today - due).num_days();
        f.push(
            Code::ReviewOverdue,
            vec![],
            format!("Process '{name}' was due for review on {due} ({days} days ago)."),
            "Walk through the map with the people in its lanes, then mark it reviewed today.",
        );
    }
}
