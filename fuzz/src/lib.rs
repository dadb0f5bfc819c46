//! What the fuzz targets check on what digest makes of arbitrary bytes. The invariants
//! are the property tests' own (`tests/properties/invariants.rs`, included here by path),
//! so a fuzz target and a property cannot drift apart.

use digest::ingest::prepare;
use digest::ingest::read::{self, Format, RawArticle};
use digest::model::Origin;

#[path = "../../tests/properties/invariants.rs"]
mod invariants;

pub use invariants::*;

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
            added: None,
        };
        if let Ok(p) = prepare(raw, origin, &context()) {
            assert_article(&p.article);
            prepared += 1;
        }
    }
    prepared
}
