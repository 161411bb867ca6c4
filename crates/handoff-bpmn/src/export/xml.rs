//! XML text: unique ids (NCNames), escaping and numbers.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// `handoff:id` when the BPMN id had to differ from the map's.
pub(super) fn original_id(o: &mut String, original: &str, written: &str) {
    if original != written {
        let _ = write!(o, " handoff:id=\"{}\"", attr(original));
    }
}

/// Allocates unique XML ids (NCNames) for the map's ids.
#[derive(Debug, Default)]
pub(super) struct Ids {
    used: HashSet<String>,
    /// For each id wanted more than once, the next suffix to try. Ids are never given
    /// back, so the suffixes below it stay taken, and n copies of one id cost n probes in
    /// all instead of n² / 2.
    next: HashMap<String, usize>,
}

impl Ids {
    /// `wanted` made an NCName (other characters become `_`, and a leading `_` is added
    /// unless it starts with a letter or `_`), else the first of `…_2`, `…_3`, … not yet
    /// taken; records it as taken.
    ///
    /// # Complexity
    /// Linear in the length of `wanted`, amortised over all calls: each suffix of each
    /// id is probed at most once.
    pub(super) fn alloc(&mut self, wanted: &str) -> String {
        let mut base: String = wanted
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if !base
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        {
            base.insert(0, '_');
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}_{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

pub(super) fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The shortest text that reads back as the same number.
pub(super) fn num(v: f64) -> String {
    format!("{}", finite(v))
}

/// Escapes an attribute value; line breaks and tabs as character references so they
/// survive attribute-value normalisation.
pub(super) fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Escapes element text.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Characters XML 1.0 allows in a document (control characters other than tab and line
/// breaks are not allowed, even escaped).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::Ids;

    #[test]
    fn ids_become_unique_ncnames() {
        let mut ids = Ids::default();
        assert_eq!(ids.alloc("a_2"), "a_2");
        assert_eq!(ids.alloc("a"), "a");
        assert_eq!(ids.alloc("a"), "a_3");
        assert_eq!(ids.alloc("a?"), "a_");
        assert_eq!(ids.alloc("1 x"), "_1_x");
        assert_eq!(ids.alloc("1 x"), "_1_x_2");
    }

    #[test]
    fn many_copies_of_one_id_are_all_distinct() {
        let mut ids = Ids::default();
        let all: HashSet<String> = (0..20_000).map(|_| ids.alloc("x")).collect();
        assert_eq!(all.len(), 20_000);
    }
}
