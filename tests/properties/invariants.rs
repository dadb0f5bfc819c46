//! What must hold of whatever digest makes of untrusted text: ranges that slice their text,
//! terminal-safe output, well-formed articles, query trees and plans, and the sanitiser's
//! promises. The property tests (`tests/properties/`) and the fuzz targets (`fuzz/`, whose
//! library includes this file by path) check the same invariants with these functions,
//! so it uses nothing but `digest` and the standard library.

use std::ops::Range;

use digest::ingest::Context;
use digest::model::{Article, Sentence};
use digest::search::plan::{Plan, Planner};
use digest::search::query::{self, Node};
use digest::text::{Analyzer, sanitize, sanitize_inline};

/// The characters the sanitiser promises never to output: C0 controls (but `\n` for
/// block text, that is where `inline` is false), DEL, C1 controls, tabs (they become
/// spaces), bidi embeddings, overrides, isolates and marks, and line/paragraph separators.
pub fn forbidden(c: char, inline: bool) -> bool {
    match c {
        '\n' => inline,
        '\t' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => true,
        '\u{061c}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

/// Panics when `s` holds a character the terminal must not see.
pub fn assert_terminal_safe(s: &str, inline: bool, what: &str) {
    if let Some(c) = s.chars().find(|&c| forbidden(c, inline)) {
        panic!("{what} holds {c:?} (U+{:04X}): {s:?}", c as u32);
    }
}

/// `ranges` slice `text`: within bounds, on char boundaries, non-empty, sorted and
/// non-overlapping.
pub fn assert_ranges_slice(text: &str, ranges: &[Range<usize>], what: &str) {
    let mut prev_end = 0;
    for (i, r) in ranges.iter().enumerate() {
        assert!(r.start < r.end, "{what} {i}: empty or reversed {r:?}");
        assert!(
            r.end <= text.len(),
            "{what} {i}: {r:?} past the end ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what} {i}: {r:?} not on char boundaries of {text:?}"
        );
        assert!(
            i == 0 || r.start >= prev_end,
            "{what} {i}: {r:?} overlaps or precedes the previous range (ending {prev_end})"
        );
        prev_end = r.end;
    }
}

/// What ingest stores: sentences slice the body in order, their token positions rise,
/// entity indexes are in range, the body is not blank, every text field is
/// terminal-safe, and a date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn assert_article(a: &Article) {
    let ranges: Vec<Range<usize>> = a.sentences.iter().map(Sentence::range).collect();
    assert_ranges_slice(&a.body, &ranges, "sentence");
    for w in a.sentences.windows(2) {
        assert!(w[0].token <= w[1].token, "sentence tokens go back: {w:?}");
    }
    let tokens = Analyzer.tokens(&a.body).len() as u32;
    for s in &a.sentences {
        assert!(
            s.token <= tokens,
            "sentence token {} past {tokens}",
            s.token
        );
        for &e in &s.entities {
            assert!(
                (e as usize) < a.entities.len(),
                "entity index {e} out of range"
            );
        }
    }
    assert!(!a.body.trim().is_empty(), "an article without a body");
    assert_terminal_safe(&a.body, false, "body");
    for f in [&a.title, &a.outlet, &a.outlet_name] {
        assert_terminal_safe(f, true, "metadata");
    }
    for f in a.authors.iter().chain(&a.captions) {
        assert_terminal_safe(f, true, "author or caption");
    }
    for f in [&a.date, &a.url, &a.via, &a.language].into_iter().flatten() {
        assert_terminal_safe(f, true, "metadata");
    }
    if let Some(d) = &a.date {
        let ok =
            matches!(d.len(), 4 | 7 | 10) && d.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        assert!(ok, "date {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD");
    }
}

/// The ingest context of the bundled registries, as for a file outside the bundled corpus.
pub fn context() -> Context<'static> {
    Context {
        outlets: digest::bundled::outlets(),
        entities: digest::bundled::entities(),
        outlet_override: None,
        manifest: None,
    }
}

/// Parses `q`; on success checks that the tree has no group of fewer than two items and
/// plans it without an index (with the bundled entities): every highlight phrase is
/// non-empty and every term is in one. Returns the plan when there is one.
pub fn check_query(q: &str) -> Option<Plan> {
    let Ok(node) = query::parse(q) else {
        return None;
    };
    fn walk(n: &Node) {
        match n {
            Node::And(v) | Node::Or(v) => {
                assert!(v.len() >= 2, "a one- or zero-item group: {n:?}");
                v.iter().for_each(walk);
            }
            Node::Not(inner) => walk(inner),
            Node::Leaf { .. } => {}
        }
    }
    walk(&node);
    let (_, fields) = digest::index::Fields::build();
    let resolve = |name: &str| Ok(name.to_string());
    let planner = Planner {
        fields,
        entities: digest::bundled::entities(),
        resolve_outlet: &resolve,
    };
    let plan = planner.plan(&node).ok()?;
    for p in &plan.phrases {
        assert!(!p.is_empty(), "an empty highlight phrase");
    }
    for t in &plan.terms {
        assert!(
            plan.phrases.iter().flatten().any(|x| x == t),
            "term {t:?} in no phrase"
        );
    }
    Some(plan)
}

/// The sanitiser on `s`: nothing [`forbidden`] in its output, idempotent, text with
/// nothing to remove comes back borrowed, `sanitize_inline` is `sanitize` with line breaks
/// folded, and without escape introducers no visible character is lost.
pub fn check_sanitize(s: &str) {
    let block = sanitize(s);
    let line = sanitize_inline(s);
    assert_terminal_safe(&block, false, "sanitize");
    assert_terminal_safe(&line, true, "sanitize_inline");
    // Idempotent, and text without anything to remove comes back borrowed.
    assert_eq!(sanitize(&block), block, "sanitize is not idempotent");
    assert_eq!(
        sanitize_inline(&line),
        line,
        "sanitize_inline is not idempotent"
    );
    // `sanitize_inline` is `sanitize` with line breaks folded into spaces.
    assert_eq!(sanitize_inline(&block), line, "inline and block disagree");
    if !s
        .chars()
        .any(|c| forbidden(c, true) || c.is_control() || is_format(c))
    {
        assert!(matches!(sanitize(s), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(sanitize_inline(s), std::borrow::Cow::Borrowed(_)));
    }
    // Without escape sequence introducers, no visible text is lost: the letters, digits,
    // punctuation and symbols of the input all reach the output, in order.
    if !s.contains([
        '\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}',
    ]) {
        let visible = |t: &str| -> String {
            t.chars()
                .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_format(c))
                .collect()
        };
        assert_eq!(visible(&block), visible(s), "sanitize removed visible text");
        assert_eq!(
            visible(&line),
            visible(s),
            "sanitize_inline removed visible text"
        );
    }
}

/// Invisible format characters (general category Cf) and the other invisible characters
/// the sanitiser may drop.
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}
