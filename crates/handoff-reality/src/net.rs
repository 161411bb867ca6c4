//! The map as a Petri net, with the semantics its BPMN export has (and so the net that
//! pm4py builds from that export, up to silent transitions):
//!
//! - every node but a parallel join takes any one of its incoming arrows (an exclusive
//!   merge); a parallel join waits for all of them;
//! - a decision sends the case down one arrow; a parallel split down all of them; a step,
//!   start, outcome or join that several arrows leave sends it down one of them when every
//!   arrow is labelled and down all of them otherwise (a join's always all), exactly where
//!   the exporter adds an exclusive or a parallel gateway;
//! - a case begins with one token before one of the starts and has finished when a single
//!   token has reached an outcome that nothing leaves, and nothing else is left over. A node
//!   with no way out (other than an outcome) keeps its token, so a case that reaches it
//!   never finishes cleanly.
//!
//! Steps are labelled transitions; everything else is silent.

use handoff_core::{NodeTag, Process};
use rustc_hash::FxHashMap;

/// A place of the net.
pub type Place = u32;

/// One transition: consumes a token from each input, produces one on each output.
#[derive(Debug, Clone)]
pub struct Transition {
    pub inputs: Vec<Place>,
    pub outputs: Vec<Place>,
    /// The node it belongs to (index in `process.nodes`).
    pub node: usize,
    /// Whether the transition is the step itself (visible in a log).
    pub visible: bool,
}

/// The net of one process.
#[derive(Debug, Clone)]
pub struct Net {
    pub places: u32,
    /// Where the case's first token lies.
    pub source: Place,
    /// Where a finished case's token lies.
    pub sink: Place,
    pub transitions: Vec<Transition>,
    /// For each node index, its visible transitions (empty for nodes that are not steps).
    pub visible: Vec<Vec<u32>>,
    /// For each place, the silent transitions that take a token from it.
    pub silent_from: Vec<Vec<u32>>,
}

/// Whether the arrows leaving a node of this kind are alternatives.
pub fn exclusive_out(tag: NodeTag, outs: usize, all_labelled: bool) -> bool {
    match tag {
        NodeTag::Decision => true,
        NodeTag::ParallelSplit => false,
        NodeTag::ParallelJoin => outs <= 1,
        NodeTag::Step | NodeTag::Start | NodeTag::Outcome => outs <= 1 || all_labelled,
    }
}

/// The arrows of a process that connect two existing nodes, as (flow index, from, to).
pub fn arrows(process: &Process) -> Vec<(usize, usize, usize)> {
    let index: FxHashMap<&str, usize> = process
        .nodes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    process
        .flows
        .iter()
        .enumerate()
        .filter_map(|(f, flow)| {
            let a = *index.get(flow.from.as_str())?;
            let b = *index.get(flow.to.as_str())?;
            Some((f, a, b))
        })
        .collect()
}

impl Net {
    /// Builds the net of `process`.
    ///
    /// # Complexity
    /// O(nodes + flows), except an exclusive node with k ways out gets k transitions.
    pub fn new(process: &Process) -> Net {
        let nodes = &process.nodes;
        let n = nodes.len();
        let arrows = arrows(process);
        let mut ins: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut all_labelled = vec![true; n];
        for (k, &(f, a, b)) in arrows.iter().enumerate() {
            outs[a].push(k);
            ins[b].push(k);
            if process.flows[f].label.trim().is_empty() {
                all_labelled[a] = false;
            }
        }
        let mut places = 0u32;
        let mut new_place = || {
            places += 1;
            places - 1
        };
        let source = new_place();
        let sink = new_place();
        // A place that nothing ever takes from: a token there means the case got stuck.
        let stuck = new_place();
        let and_in: Vec<bool> = nodes
            .iter()
            .zip(&ins)
            .map(|(nd, i)| nd.tag() == NodeTag::ParallelJoin && !i.is_empty())
            .collect();
        let entry: Vec<Place> = (0..n).map(|_| new_place()).collect();
        // For the arrows into a parallel join, a place each.
        let mut arrow_place: Vec<Place> = vec![0; arrows.len()];
        for (k, &(_, _, b)) in arrows.iter().enumerate() {
            arrow_place[k] = if and_in[b] { new_place() } else { entry[b] };
        }
        let mut transitions = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            let tag = node.tag();
            let inputs: Vec<Place> = if and_in[i] {
                ins[i].iter().map(|&k| arrow_place[k]).collect()
            } else {
                vec![entry[i]]
            };
            let visible = tag == NodeTag::Step;
            let mut choices: Vec<Vec<Place>> = Vec::new();
            if outs[i].is_empty() {
                choices.push(vec![if tag == NodeTag::Outcome { sink } else { stuck }]);
            } else {
                if tag == NodeTag::Outcome {
                    choices.push(vec![sink]);
                }
                if exclusive_out(tag, outs[i].len(), all_labelled[i]) {
                    choices.extend(outs[i].iter().map(|&k| vec![arrow_place[k]]));
                } else {
                    choices.push(outs[i].iter().map(|&k| arrow_place[k]).collect());
                }
            }
            for outputs in choices {
                transitions.push(Transition {
                    inputs: inputs.clone(),
                    outputs,
                    node: i,
                    visible,
                });
            }
            if tag == NodeTag::Start {
                transitions.push(Transition {
                    inputs: vec![source],
                    outputs: vec![entry[i]],
                    node: i,
                    visible: false,
                });
            }
        }
        let mut visible = vec![Vec::new(); n];
        let mut silent_from = vec![Vec::new(); places as usize];
        for (t, tr) in transitions.iter().enumerate() {
            if tr.visible {
                visible[tr.node].push(t as u32);
            } else {
                for &p in &tr.inputs {
                    silent_from[p as usize].push(t as u32);
                }
            }
        }
        for v in &mut silent_from {
            v.dedup();
        }
        Net {
            places,
            source,
            sink,
            transitions,
            visible,
            silent_from,
        }
    }
}
