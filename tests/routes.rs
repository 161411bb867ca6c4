//! One arrow rule for every renderer: the sides handoff-core's router picks for every flow
//! of every template are written to `ui/src/lib/fixtures/routes.json`, and the UI's
//! `ui/src/lib/routes.test.ts` checks that the canvas (`facingHandles`) picks the same on
//! the same templates. This test fails when the committed file is stale;
//! `UPDATE_FIXTURES=1` rewrites it.

use std::collections::{BTreeMap, HashMap};

use handoff_core::layout::layout;
use handoff_core::layout::route::{sides, Side};
use handoff_core::NodeId;
use handoff_tests::{repo_root, templates};

/// Template file name → flow id → (exit side, entry side).
fn routes() -> BTreeMap<String, BTreeMap<String, (Side, Side)>> {
    templates()
        .into_iter()
        .map(|(name, doc)| {
            let p = &doc.process;
            let rects = layout(p).node_rects(p);
            let index: HashMap<&NodeId, usize> = p
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (&n.id, i))
                .collect();
            let flows = p
                .flows
                .iter()
                .filter_map(|f| {
                    let (a, b) = (index.get(&f.from)?, index.get(&f.to)?);
                    Some((f.id.0.clone(), sides(&rects[*a], &rects[*b])))
                })
                .collect();
            (name, flows)
        })
        .collect()
}

#[test]
fn the_canvas_route_fixture_is_the_core_router() {
    let fresh = serde_json::to_string_pretty(&routes()).expect("routes serialise") + "\n";
    let path = repo_root().join("ui/src/lib/fixtures/routes.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("mkdir");
        std::fs::write(&path, &fresh).expect("write the fixture");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the router or a template changed. Regenerate it with\n\n    \
         UPDATE_FIXTURES=1 cargo test -p handoff-tests route_fixture\n\nand commit it.",
        path.display()
    );
}

#[test]
fn every_template_flow_has_a_route() {
    let all = routes();
    for (name, doc) in templates() {
        assert_eq!(all[&name].len(), doc.process.flows.len(), "{name}");
    }
}
