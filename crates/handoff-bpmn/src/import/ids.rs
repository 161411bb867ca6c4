//! Phase 3: a map id for every node that stays: the Handoff id a file from Handoff
//! carries, else the BPMN id, made unique.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use handoff_core::NodeId;

use super::Conversion;

impl Conversion<'_> {
    /// Fills `node_ids` and `element_ids`; notes every id that had to change.
    pub(super) fn ids(&mut self) {
        let model = self.model;
        for (i, n) in model.nodes.iter().enumerate() {
            if n.inside.is_some()
                || self.merge_next.contains_key(n.id.as_str())
                || self.split_prev.contains_key(n.id.as_str())
            {
                continue;
            }
            let wanted = n.handoff_id.clone().unwrap_or_else(|| n.id.clone());
            let id = self.node_id_set.unique(&wanted);
            if id != wanted {
                self.notes.add(
                    Some(&n.id),
                    format!("the id \"{wanted}\" is used twice; this element is now \"{id}\""),
                );
            }
            self.node_ids.insert(&n.id, NodeId(id.clone()));
            self.element_ids[i] = Some(NodeId(id));
        }
    }
}

/// The ids handed out so far in one namespace (nodes, flows or lanes).
#[derive(Debug, Default)]
pub(super) struct Ids {
    used: HashSet<String>,
    /// For each id wanted more than once, the next suffix to try. Ids are never given
    /// back, so the suffixes below it stay taken, and n copies of one id cost n probes in
    /// all instead of n² / 2.
    next: HashMap<String, usize>,
}

impl Ids {
    /// `wanted` (or `element` when empty), else the first of `wanted-2`, `wanted-3`, …
    /// not yet taken; records it as taken.
    ///
    /// # Complexity
    /// Amortised constant: each suffix of each wanted id is probed at most once.
    pub(super) fn unique(&mut self, wanted: &str) -> String {
        let wanted = if wanted.is_empty() { "element" } else { wanted };
        if self.used.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        let n = self.next.entry(wanted.to_owned()).or_insert(2);
        loop {
            let id = format!("{wanted}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ids;

    #[test]
    fn duplicates_get_the_first_free_suffix() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a-2"), "a-2");
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-3");
        assert_eq!(ids.unique("a"), "a-4");
        assert_eq!(ids.unique(""), "element");
        assert_eq!(ids.unique("element"), "element-2");
    }

    #[test]
    fn many_copies_of_one_id_are_all_distinct() {
        let mut ids = Ids::default();
        let all: std::collections::HashSet<String> = (0..20_000).map(|_| ids.unique("x")).collect();
        assert_eq!(all.len(), 20_000);
    }
}
