//! Invariants the fuzz targets check on what digest makes of arbitrary bytes. The same
//! invariants are property tests in `tests/properties.rs`.

use std::ops::Range;

use digest::ingest::read::{self, Format, RawArticle};
use digest::ingest::{Context, prepare};
use digest::model::{Article, Origin, Sentence};
use digest::text::Analyzer;

/// Characters the sanitiser promises never to output: C0 controls (but `\n` for block
/// text), DEL, C1 controls, tabs (they become spaces), bidi embeddings, overrides,
/// isolates and marks, and line/paragraph separators.
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
        assert!(r.end <= text.len(), "{what} {i}: {r:?} past the end");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what} {i}: {r:?} not on char boundaries"
        );
        assert!(i == 0 || r.start >= prev_end, "{what} {i}: {r:?} overlaps");
        prev_end = r.end;
    }
}

/// What ingest stores: sentences slice the body in order, their token positions rise,
/// entity indexes are in range, and every text field is terminal-safe.
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

/// What a reader returns for one item: a body with text in it.
pub fn assert_raw(raw: &RawArticle) {
    assert!(
        !raw.body.trim().is_empty(),
        "an item without a body was read"
    );
    for a in &raw.authors {
        assert!(
            !a.trim().is_empty() && a.trim() == a,
            "author {a:?} not trimmed"
        );
    }
}

fn context() -> Context<'static> {
    Context {
        outlets: digest::bundled::outlets(),
        entities: digest::bundled::entities(),
        outlet_override: None,
        manifest: None,
    }
}

/// Decodes `data` and reads it as `format`, checking every item and what ingest makes
/// of it. Returns how many articles were prepared.
pub fn ingest(data: &[u8], format: Format) -> usize {
    let Ok(text) = read::decode(data) else {
        return 0;
    };
    assert!(!text.trim().is_empty(), "decode returned blank text");
    let Ok(items) = read::read(&text, format) else {
        return 0;
    };
    assert!(!items.is_empty(), "read returned no item and no reason");
    let mut prepared = 0;
    for (i, item) in items.into_iter().enumerate() {
        let raw = match item {
            Ok(raw) => raw,
            Err((n, _)) => {
                match format {
                    Format::Json => assert_eq!(n as usize, i, "array item numbers"),
                    _ => assert!(n as usize >= i, "line numbers go back"),
                }
                continue;
            }
        };
        assert_raw(&raw);
        let origin = Origin {
            path: "/fuzz/input".into(),
            item: raw.item,
            hash: "0".repeat(16),
        };
        if let Ok(p) = prepare(raw, origin, &context()) {
            assert_article(&p.article);
            prepared += 1;
        }
    }
    prepared
}
