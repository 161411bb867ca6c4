//! Pairing the elements of two maps.
//!
//! A to-be map derived from an as-is map keeps element ids, so most elements pair by id.
//! Maps drawn independently of each other have their own ids, so what is left pairs by
//! label, in passes that each only look at what the earlier ones left:
//!
//! 1. **Seats** pair by id, then by name (case and spacing ignored).
//! 2. **Nodes** pair by id.
//! 3. Leftover nodes of the same kind in the **same seat** pair by label: identical
//!    normalised labels first (in document order), then by similarity.
//! 4. Leftover nodes of the same kind in **any seat** pair the same way, so a step that was
//!    re-owned and redrawn is seen as moved rather than removed and added.
//! 5. **Flows** pair by id when at least one end pairs up too (so that two maps that both
//!    call their first arrow `f1` are not paired blindly), then by their two paired ends.
//!
//! Labels are normalised to lowercase words (punctuation becomes a space, runs of spaces
//! collapse). Similarity is the normalised Levenshtein similarity from `strsim`:
//! 1 − edits / length of the longer label. Two labels are similar at
//! [`SIMILARITY_THRESHOLD`] or above, which accepts "Send welcome email" for "Send the
//! welcome e-mail" but not "Send offer" for "Send invoice". Among similar pairs the most
//! similar pair first, ties in document order, each element used once (greedy). A bucket
//! whose leftovers would need more than [`SIMILARITY_PAIR_BUDGET`] comparisons pairs by
//! equal labels only.

use std::collections::VecDeque;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};

use super::Side;
use crate::model::{Document, NodeId, NodeTag, SeatId};

/// The lowest normalised Levenshtein similarity (0.0 to 1.0) at which two labels are taken
/// for the same step.
pub const SIMILARITY_THRESHOLD: f64 = 0.75;

/// The most label pairs one bucket may measure for similarity. Past it (two large maps
/// drawn independently with almost no label in common) that bucket pairs by equal labels
/// only, so the diff stays interactive: similarity is quadratic in the leftovers.
pub const SIMILARITY_PAIR_BUDGET: usize = 250_000;

/// How an element of the first map found its counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// The same id on both sides.
    Id,
    /// A node with an equal or similar label in the same seat.
    LabelSameSeat,
    /// A node with an equal or similar label in another seat: it was moved.
    LabelOtherSeat,
    /// A flow between the same two (paired) nodes.
    Endpoints,
}

/// The pairing of two documents' seats, nodes and flows.
#[derive(Debug)]
pub(crate) struct Matching<'d> {
    pub(crate) before: Side<'d>,
    pub(crate) after: Side<'d>,
    /// Before seat id → after seat id.
    seats: HashMap<&'d str, &'d SeatId>,
    /// Per node of the first map, its counterpart's index in the second.
    pub(crate) node_after: Vec<Option<(usize, MatchedBy)>>,
    /// Per node of the second map, its counterpart's index in the first.
    pub(crate) node_before: Vec<Option<usize>>,
    pub(crate) flow_after: Vec<Option<(usize, MatchedBy)>>,
    pub(crate) flow_before: Vec<Option<usize>>,
}

impl<'d> Matching<'d> {
    pub(crate) fn new(before: &'d Document, after: &'d Document) -> Self {
        let (bp, ap) = (&before.process, &after.process);
        let mut m = Matching {
            seats: pair_seats(before, after),
            before: Side::new(before),
            after: Side::new(after),
            node_after: vec![None; bp.nodes.len()],
            node_before: vec![None; ap.nodes.len()],
            flow_after: vec![None; bp.flows.len()],
            flow_before: vec![None; ap.flows.len()],
        };
        m.pair_nodes_by_id();
        m.pair_nodes_by_label();
        m.pair_flows();
        m
    }

    /// The seat of the second map that a seat of the first map pairs with.
    pub(crate) fn seat_after(&self, before: &SeatId) -> Option<&'d SeatId> {
        self.seats.get(before.as_str()).copied()
    }

    /// The id in the second map of the node a node id of the first map pairs with.
    pub(crate) fn node_after_id(&self, before: &str) -> Option<&'d str> {
        let i = *self.before.node_index.get(before)?;
        let (j, _) = self.node_after[i]?;
        Some(self.after.doc.process.nodes[j].id.as_str())
    }

    /// Whether a flow end in the first map and one in the second name the same node: a
    /// paired node, or the same id where neither side has a paired node under it (a node
    /// that exists on one side only, or a broken reference on both). The second case is
    /// the node's own addition or removal, reported once on the node, not on its flows.
    pub(crate) fn same_end(&self, before: &NodeId, after: &NodeId) -> bool {
        match self.node_after_id(before.as_str()) {
            Some(a) => a == after.as_str(),
            None => {
                before == after
                    && self
                        .after
                        .node_index
                        .get(after.as_str())
                        .is_none_or(|&j| self.node_before[j].is_none())
            }
        }
    }

    fn link_node(&mut self, i: usize, j: usize, by: MatchedBy) {
        self.node_after[i] = Some((j, by));
        self.node_before[j] = Some(i);
    }

    fn pair_nodes_by_id(&mut self) {
        let bp = &self.before.doc.process;
        for (i, node) in bp.nodes.iter().enumerate() {
            // Only the first node with an id is indexed; later duplicates fall through to
            // label matching.
            if self.before.node_index.get(node.id.as_str()) != Some(&i) {
                continue;
            }
            if let Some(&j) = self.after.node_index.get(node.id.as_str()) {
                self.link_node(i, j, MatchedBy::Id);
            }
        }
    }

    fn pair_nodes_by_label(&mut self) {
        let (bp, ap) = (&self.before.doc.process, &self.after.doc.process);
        let left_b: Vec<usize> = (0..bp.nodes.len())
            .filter(|&i| self.node_after[i].is_none())
            .collect();
        let left_a: Vec<usize> = (0..ap.nodes.len())
            .filter(|&j| self.node_before[j].is_none())
            .collect();
        if left_b.is_empty() || left_a.is_empty() {
            return;
        }
        let norm_b: HashMap<usize, String> = left_b
            .iter()
            .map(|&i| (i, normalise(&bp.nodes[i].label)))
            .collect();
        let norm_a: HashMap<usize, String> = left_a
            .iter()
            .map(|&j| (j, normalise(&ap.nodes[j].label)))
            .collect();

        // Same seat (a node in no lane counts as its own seat, "none").
        type Bucket = (Vec<usize>, Vec<usize>);
        let mut buckets: HashMap<(Option<&str>, NodeTag), Bucket> = HashMap::default();
        for &i in &left_b {
            let n = &bp.nodes[i];
            let seat = match self.before.seat_of(n) {
                Some(s) => match self.seat_after(s) {
                    Some(s) => Some(s.as_str()),
                    // A seat the second map lacks: no same-seat partner can exist.
                    None => continue,
                },
                None => None,
            };
            buckets.entry((seat, n.tag())).or_default().0.push(i);
        }
        for &j in &left_a {
            let n = &ap.nodes[j];
            let seat = self.after.seat_of(n).map(SeatId::as_str);
            if let Some(b) = buckets.get_mut(&(seat, n.tag())) {
                b.1.push(j);
            }
        }
        for (bs, as_) in buckets.into_values() {
            for (i, j) in pair_labels(&bs, &as_, &norm_b, &norm_a, true) {
                self.link_node(i, j, MatchedBy::LabelSameSeat);
            }
        }

        // Any seat.
        let mut buckets: HashMap<NodeTag, Bucket> = HashMap::default();
        for &i in &left_b {
            if self.node_after[i].is_none() {
                buckets.entry(bp.nodes[i].tag()).or_default().0.push(i);
            }
        }
        for &j in &left_a {
            if self.node_before[j].is_none() {
                if let Some(b) = buckets.get_mut(&ap.nodes[j].tag()) {
                    b.1.push(j);
                }
            }
        }
        for (bs, as_) in buckets.into_values() {
            for (i, j) in pair_labels(&bs, &as_, &norm_b, &norm_a, false) {
                self.link_node(i, j, MatchedBy::LabelOtherSeat);
            }
        }
    }

    fn pair_flows(&mut self) {
        let (bp, ap) = (&self.before.doc.process, &self.after.doc.process);
        let mut after_by_id: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(ap.flows.len(), Default::default());
        for (j, f) in ap.flows.iter().enumerate() {
            after_by_id.entry(f.id.as_str()).or_insert(j);
        }
        for (i, f) in bp.flows.iter().enumerate() {
            let Some(&j) = after_by_id.get(f.id.as_str()) else {
                continue;
            };
            if self.flow_before[j].is_some() {
                continue;
            }
            let g = &ap.flows[j];
            // `same_end`, not only paired nodes: a flow whose ends are both broken (or
            // name nodes on one side only) is still the same flow when its id and ends are.
            if self.same_end(&f.from, &g.from) || self.same_end(&f.to, &g.to) {
                self.flow_after[i] = Some((j, MatchedBy::Id));
                self.flow_before[j] = Some(i);
            }
        }

        // Then by paired ends: first the flows that also agree on their condition, then
        // the rest in document order. Two passes (rather than "prefer the same label")
        // keep the pairing the same whichever map is called the first.
        for same_label in [true, false] {
            let mut by_ends: HashMap<(&str, &str, &str), VecDeque<usize>> = HashMap::default();
            for (j, g) in ap.flows.iter().enumerate() {
                if self.flow_before[j].is_none() {
                    let label = if same_label { g.label.trim() } else { "" };
                    by_ends
                        .entry((g.from.as_str(), g.to.as_str(), label))
                        .or_default()
                        .push_back(j);
                }
            }
            if by_ends.is_empty() {
                return;
            }
            for (i, f) in bp.flows.iter().enumerate() {
                if self.flow_after[i].is_some() {
                    continue;
                }
                let (Some(from), Some(to)) = (
                    self.node_after_id(f.from.as_str()),
                    self.node_after_id(f.to.as_str()),
                ) else {
                    continue;
                };
                let label = if same_label { f.label.trim() } else { "" };
                if let Some(j) = by_ends
                    .get_mut(&(from, to, label))
                    .and_then(VecDeque::pop_front)
                {
                    self.flow_after[i] = Some((j, MatchedBy::Endpoints));
                    self.flow_before[j] = Some(i);
                }
            }
        }
    }
}

/// Pairs seats by id, then the rest by normalised name. Covers the seats a document
/// carries and any its lanes, owner or RACI name without carrying them (so that a map with
/// such a dangling seat still pairs with itself).
fn pair_seats<'d>(before: &'d Document, after: &'d Document) -> HashMap<&'d str, &'d SeatId> {
    let all = |doc: &'d Document| -> Vec<(&'d SeatId, String)> {
        let mut out: Vec<(&'d SeatId, String)> = Vec::new();
        let mut seen = HashSet::default();
        for s in &doc.seats {
            if seen.insert(s.id.as_str()) {
                out.push((&s.id, normalise(&s.name)));
            }
        }
        let p = &doc.process;
        let raci = p.nodes.iter().filter_map(|n| n.details()).flat_map(|d| {
            d.raci
                .accountable
                .iter()
                .chain(&d.raci.consulted)
                .chain(&d.raci.informed)
        });
        let named = p.lanes.iter().map(|l| &l.seat).chain(&p.owner).chain(raci);
        for seat in named {
            if seen.insert(seat.as_str()) {
                out.push((seat, normalise(seat.as_str())));
            }
        }
        out
    };
    let (bs, as_) = (all(before), all(after));
    let mut map = HashMap::with_capacity_and_hasher(bs.len(), Default::default());
    let mut used: HashSet<&str> = HashSet::default();
    let after_ids: HashMap<&str, &'d SeatId> =
        as_.iter().map(|(id, _)| (id.as_str(), *id)).collect();
    for (id, _) in &bs {
        if let Some(&a) = after_ids.get(id.as_str()) {
            map.insert(id.as_str(), a);
            used.insert(a.as_str());
        }
    }
    let mut by_name: HashMap<&str, VecDeque<&'d SeatId>> = HashMap::default();
    for (id, name) in &as_ {
        if !used.contains(id.as_str()) && !name.is_empty() {
            by_name.entry(name.as_str()).or_default().push_back(id);
        }
    }
    for (id, name) in &bs {
        if map.contains_key(id.as_str()) {
            continue;
        }
        if let Some(a) = by_name.get_mut(name.as_str()).and_then(VecDeque::pop_front) {
            map.insert(id.as_str(), a);
        }
    }
    map
}

/// Lowercase words separated by single spaces.
pub(crate) fn normalise(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// How alike two normalised labels are, 0.0 to 1.0 (see the module docs).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// A label's length and character counts, for a cheap upper bound on its similarity to
/// another label, so that most hopeless pairs are never measured.
#[derive(Debug)]
struct Signature {
    len: usize,
    /// Counts of a–z, 0–9, space, and everything else in one bin.
    counts: [u16; 38],
}

impl Signature {
    fn of(label: &str) -> Signature {
        let mut counts = [0u16; 38];
        let mut len = 0;
        for c in label.chars() {
            len += 1;
            let bin = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                ' ' => 36,
                _ => 37,
            };
            counts[bin] = counts[bin].saturating_add(1);
        }
        Signature { len, counts }
    }

    /// The highest similarity the two labels can have. Each edit fixes at most one
    /// surplus character on each side, so at least max(surplus of a, surplus of b) edits
    /// are needed (which also covers the length difference).
    fn best_similarity(&self, other: &Signature) -> f64 {
        let longer = self.len.max(other.len);
        if longer == 0 {
            return 1.0;
        }
        let (mut surplus_a, mut surplus_b) = (0usize, 0usize);
        for (x, y) in self.counts.iter().zip(&other.counts) {
            if x > y {
                surplus_a += (x - y) as usize;
            } else {
                surplus_b += (y - x) as usize;
            }
        }
        1.0 - surplus_a.max(surplus_b) as f64 / longer as f64
    }
}

/// Pairs two lists of node indices by label: equal normalised labels first, in order,
/// then similar ones, most similar first. Blank labels pair only when `blank_ok` (within
/// one seat two unnamed starts are the same start; across seats they say nothing).
///
/// # Complexity
/// O(b + a) for equal labels, then O(b' · a' · L²) for the b' and a' left over, skipped
/// when b' · a' exceeds [`SIMILARITY_PAIR_BUDGET`].
fn pair_labels(
    bs: &[usize],
    as_: &[usize],
    norm_b: &HashMap<usize, String>,
    norm_a: &HashMap<usize, String>,
    blank_ok: bool,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    if bs.is_empty() || as_.is_empty() {
        return pairs;
    }
    let mut exact: HashMap<&str, VecDeque<usize>> = HashMap::default();
    for &j in as_ {
        exact.entry(norm_a[&j].as_str()).or_default().push_back(j);
    }
    let mut taken_a: HashSet<usize> = HashSet::default();
    let mut rest_b = Vec::new();
    for &i in bs {
        let label = norm_b[&i].as_str();
        if label.is_empty() && !blank_ok {
            continue;
        }
        match exact.get_mut(label).and_then(VecDeque::pop_front) {
            Some(j) => {
                taken_a.insert(j);
                pairs.push((i, j));
            }
            None if !label.is_empty() => rest_b.push(i),
            None => {}
        }
    }
    let rest_a: Vec<usize> = as_
        .iter()
        .copied()
        .filter(|j| !taken_a.contains(j) && !norm_a[j].is_empty())
        .collect();
    if rest_b.is_empty()
        || rest_a.is_empty()
        || rest_b.len().saturating_mul(rest_a.len()) > SIMILARITY_PAIR_BUDGET
    {
        return pairs;
    }
    let sig_a: Vec<Signature> = rest_a.iter().map(|j| Signature::of(&norm_a[j])).collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &rest_b {
        let lb = norm_b[&i].as_str();
        let sb = Signature::of(lb);
        for (&j, sa) in rest_a.iter().zip(&sig_a) {
            if sb.best_similarity(sa) < SIMILARITY_THRESHOLD {
                continue;
            }
            let la = norm_a[&j].as_str();
            let s = similarity(lb, la);
            if s >= SIMILARITY_THRESHOLD {
                scored.push((s, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_b = HashSet::default();
    for (_, i, j) in scored {
        if !used_b.contains(&i) && !taken_a.contains(&j) {
            used_b.insert(i);
            taken_a.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise_to_lowercase_words() {
        assert_eq!(
            normalise("  Send the  Welcome e-mail! "),
            "send the welcome e mail"
        );
        assert_eq!(normalise("Łódź office"), "łódź office");
        assert_eq!(normalise("—"), "");
    }

    #[test]
    fn the_signature_bound_never_underestimates_the_similarity() {
        let labels = [
            "send welcome email",
            "send the welcome e mail",
            "step 12",
            "task 12",
            "approve",
            "",
            "łódź office",
            "lodz office",
        ];
        for a in labels {
            for b in labels {
                let bound = Signature::of(a).best_similarity(&Signature::of(b));
                assert!(bound + 1e-9 >= similarity(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_threshold_accepts_rewordings_and_refuses_different_work() {
        let sim = |a: &str, b: &str| similarity(&normalise(a), &normalise(b));
        assert!(sim("Send welcome email", "Send the welcome e-mail") >= SIMILARITY_THRESHOLD);
        assert!(sim("Approve expense", "Approve expenses") >= SIMILARITY_THRESHOLD);
        assert!(sim("Send offer", "Send invoice") < SIMILARITY_THRESHOLD);
        assert!(sim("Order laptop", "Book induction") < SIMILARITY_THRESHOLD);
    }
}
