//! Whether decisions and parallel gateways are drawn so they can be followed: a decision
//! chooses between at least two labelled branches, a split fans out and a join gathers in.

use petgraph::Direction;

use super::{Code, Context, Findings};
use crate::model::NodeTag;

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    let p = &cx.doc.process;
    let g = &cx.graph;
    let (mut splits, mut joins) = (Vec::new(), Vec::new());

    for ix in g.graph.node_indices() {
        let node = &p.nodes[ix.index()];
        let tag = node.tag();
        if !matches!(
            tag,
            NodeTag::Decision | NodeTag::ParallelSplit | NodeTag::ParallelJoin
        ) {
            continue;
        }
        let name = node.display_name();
        match tag {
            NodeTag::Decision => {
                let out: Vec<usize> = g
                    .graph
                    .edges_directed(ix, Direction::Outgoing)
                    .map(|e| *e.weight())
                    .collect();
                if out.len() < 2 {
                    f.push(
                        Code::DanglingDecision,
                        vec![node.id.to_string()],
                        format!(
                            "Decision '{name}' has {} branch{}; a decision needs at least two.",
                            out.len(),
                            if out.len() == 1 { "" } else { "es" }
                        ),
                        "Drag an arrow from the decision for each possible answer.",
                    );
                }
                // Edges come out of petgraph newest first; report in file order.
                let mut out = out;
                out.sort_unstable();
                // Decisions have a handful of branches: a short list beats a hash map.
                let mut seen: Vec<(String, usize)> = Vec::with_capacity(out.len());
                for fi in out {
                    let flow = &p.flows[fi];
                    let label = flow.label.trim();
                    if label.is_empty() {
                        let target = g
                            .index_of(flow.to.as_str())
                            .map(|t| p.nodes[t.index()].display_name())
                            .unwrap_or_default();
                        f.push(
                            Code::UnlabeledBranch,
                            vec![flow.id.to_string(), node.id.to_string()],
                            format!(
                                "A branch of decision '{name}' (to '{target}') has no condition."
                            ),
                            "Type the answer on the arrow, e.g. 'approved' or 'over $5,000'.",
                        );
                    } else if let Some(&(_, first)) =
                        seen.iter().find(|(l, _)| *l == label.to_lowercase())
                    {
                        f.push(
                            Code::UnlabeledBranch,
                            vec![p.flows[first].id.to_string(), flow.id.to_string(), node.id.to_string()],
                            format!("Two branches of decision '{name}' are both labelled '{label}'."),
                            "Give each branch a different condition so the reader knows which to take.",
                        );
                    } else {
                        seen.push((label.to_lowercase(), fi));
                    }
                }
            }
            NodeTag::ParallelSplit => {
                splits.push(ix);
                let n = g.graph.edges_directed(ix, Direction::Outgoing).count();
                if n < 2 {
                    f.push(
                        Code::ParallelUnbalanced,
                        vec![node.id.to_string()],
                        format!("Parallel split '{name}' starts {n} path{}; it should start at least two.", if n == 1 { "" } else { "s" }),
                        "Draw an arrow from the split to each piece of work that runs at the same time.",
                    );
                }
            }
            NodeTag::ParallelJoin => {
                joins.push(ix);
                let n = g.graph.edges_directed(ix, Direction::Incoming).count();
                if n < 2 {
                    f.push(
                        Code::ParallelUnbalanced,
                        vec![node.id.to_string()],
                        format!("Parallel join '{name}' waits for {n} path{}; it should gather at least two.", if n == 1 { "" } else { "s" }),
                        "Draw an arrow into the join from each parallel path it waits for.",
                    );
                }
            }
            _ => {}
        }
    }

    if splits.len() != joins.len() {
        let ids = splits
            .iter()
            .chain(&joins)
            .map(|ix| p.nodes[ix.index()].id.to_string())
            .collect();
        f.push(
            Code::ParallelUnbalanced,
            ids,
            format!(
                "The map has {} parallel split{} but {} parallel join{}.",
                splits.len(),
                if splits.len() == 1 { "" } else { "s" },
                joins.len(),
                if joins.len() == 1 { "" } else { "s" }
            ),
            "Every split needs a join where the parallel work comes back together.",
        );
    }
}
