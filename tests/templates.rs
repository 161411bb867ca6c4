//! Templates: each loads, and each passes every check except the deliberately flawed
//! as-is example, whose findings are the point.

use handoff_core::{check, Rules};
use handoff_tests::{templates, today};

#[test]
fn there_are_at_least_twelve_templates() {
    assert!(templates().len() >= 12, "found {}", templates().len());
}
