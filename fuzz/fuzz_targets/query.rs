//! The query language: parsing any string returns Ok or Err (no panic, no stack
//! overflow); a parsed tree has no degenerate groups; planning it (no index needed, with
//! the bundled entities) gives non-empty highlight phrases; and highlighting those
//! phrases in the query text gives well-formed ranges.
#![no_main]

use digest::index::Fields;
use digest::search::plan::Planner;
use digest::search::query::{self, Node};
use digest::search::snippet;
use libfuzzer_sys::fuzz_target;

fn walk(n: &Node, depth: usize) -> usize {
    match n {
        Node::And(v) | Node::Or(v) => {
            assert!(v.len() >= 2, "a group of {} items", v.len());
            v.iter().map(|c| walk(c, depth + 1)).max().unwrap_or(depth)
        }
        Node::Not(inner) => walk(inner, depth + 1),
        Node::Leaf { .. } => depth,
    }
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let Ok(node) = query::parse(&q) else {
        return;
    };
    walk(&node, 0);
    let (_, fields) = Fields::build();
    let resolve = |name: &str| Ok(name.to_string());
    let planner = Planner {
        fields,
        entities: digest::bundled::entities(),
        resolve_outlet: &resolve,
    };
    if let Ok(plan) = planner.plan(&node) {
        for p in &plan.phrases {
            assert!(!p.is_empty(), "an empty highlight phrase");
        }
        for t in &plan.terms {
            assert!(
                plan.phrases.iter().flatten().any(|x| x == t),
                "term {t:?} in no phrase"
            );
        }
        let s = snippet::highlight(q.to_string(), &plan.phrases);
        digest_fuzz::assert_ranges_slice(&s.text, &s.highlights, "highlight");
    }
});
