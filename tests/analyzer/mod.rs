//! Word normalisation as seen through `digest search`: apostrophes, dashes, diacritics,
//! possessives, quotes, stemming.

use std::collections::BTreeSet;

use crate::util::{Digest, fixture};

fn analyzer_corpus() -> Digest {
    let d = Digest::new();
    let s = d.ingest(["--no-bundled", fixture("analyzer").to_str().unwrap()]);
    assert_eq!(s.added, 8, "{}", s.text);
    d
}

#[track_caller]
fn assert_finds(d: &Digest, query: &str, want: &[&str]) {
    let doc = d.search(["-n", "50", "--", query]);
    let got: BTreeSet<&str> = doc.source_set();
    let want: BTreeSet<&str> = want.iter().copied().collect();
    assert_eq!(got, want, "query {query:?}");
}

#[test]
fn change_4_spellings_find_the_same_articles() {
    let d = Digest::bundled();
    // 000 (RFA) and 004 (CNES) write "Chang’e 4", 002 (GT) "Chang'e-4"; 003 has only
    // "Chang’e-5" and 001 only Chang'e 5 and 7.
    let want = BTreeSet::from([
        "000_08e4b753123ab7c5.txt",
        "002_a9e59d9380c21298.txt",
        "004_12bc2d6dd8c64ff7.txt",
    ]);
    for q in [
        "Chang’e 4",
        "Chang'e-4",
        "chang'e 4",
        "CHANG’E–4",
        "\"Chang'e 4\"",
        "Chang‘e—4",
    ] {
        let doc = d.search([q]);
        assert_eq!(doc.source_set(), want, "{q}");
    }
    // Chang'e is not "change".
    let doc = d.search(["\"Chang'e 5\""]);
    assert!(doc.source_set().contains("003_15cac33c2820b134.txt"));
    assert!(!doc.source_set().contains("000_08e4b753123ab7c5.txt"));
}

#[test]
fn diacritics_are_folded_both_ways() {
    let d = analyzer_corpus();
    for q in ["Océan", "ocean", "OCEAN", "océan", "OCÉAN", "ｏｃｅａｎ"] {
        assert_finds(&d, q, &["accent.txt", "plain_ocean.txt"]);
    }
}

#[test]
fn accented_caption_of_a_bundled_article_is_searchable() {
    let d = Digest::bundled();
    // 004 has "Océan" only in a French caption and "Ocean" in the English one.
    for q in ["Océan", "ocean", "Tempêtes", "tempetes"] {
        let doc = d.search([q]);
        assert_eq!(doc.sources(), vec!["004_12bc2d6dd8c64ff7.txt"], "{q}");
    }
}

#[test]
fn inflections_are_stemmed() {
    let d = analyzer_corpus();
    for q in ["launching", "launched", "launch", "launches", "LAUNCHING"] {
        assert_finds(&d, q, &["launch.txt"]);
    }
}

#[test]
fn possessives_and_apostrophes_match_the_bare_word() {
    let d = analyzer_corpus();
    for q in ["wallaby", "wallaby’s", "wallaby's", "Wallaby‘s"] {
        assert_finds(&d, q, &["possessive.txt", "plain_wallaby.txt"]);
    }
    for q in ["keeper", "keeper's", "keeper’s"] {
        assert_finds(&d, q, &["curly_quote.txt"]);
    }
}

#[test]
fn possessives_on_the_bundled_corpus() {
    let d = Digest::bundled();
    let plain = d.search(["china"]);
    let possessive = d.search(["China’s"]);
    let straight = d.search(["China's"]);
    assert_eq!(plain.total, 5);
    assert_eq!(possessive.source_set(), plain.source_set());
    assert_eq!(straight.source_set(), plain.source_set());
}

#[test]
fn curly_and_straight_quotes_delimit_the_same_phrase() {
    let d = analyzer_corpus();
    for q in [
        "\"lantern room\"",
        "“lantern room”",
        "„lantern room“",
        "lantern room",
    ] {
        assert_finds(&d, q, &["curly_quote.txt"]);
    }
    assert_finds(&d, "\"room lantern\"", &[]);
}

#[test]
fn every_dash_separates_words_like_a_hyphen() {
    let d = analyzer_corpus();
    // The text has an en dash (Sino–Kazakh) and an em dash (Kyrgyz—Tajik).
    for q in [
        "Sino-Kazakh",
        "Sino–Kazakh",
        "Sino—Kazakh",
        "\"sino kazakh\"",
    ] {
        assert_finds(&d, q, &["dashes.txt"]);
    }
    for q in ["Kyrgyz-Tajik", "Kyrgyz–Tajik", "Kyrgyz—Tajik"] {
        assert_finds(&d, q, &["dashes.txt"]);
    }
    // The text has a hyphen (Uzbek-Turkmen); queries with dashes find it.
    for q in [
        "Uzbek-Turkmen",
        "Uzbek–Turkmen",
        "Uzbek—Turkmen",
        "Uzbek‑Turkmen",
    ] {
        assert_finds(&d, q, &["hyphen.txt"]);
    }
}

#[test]
fn us_abbreviation_with_dots() {
    let d = Digest::bundled();
    // 001 says "U.S.-led"; 002 "US-led".
    for q in ["U.S.-led", "US-led", "\"u.s. led\""] {
        let doc = d.search([q]);
        assert_eq!(
            doc.source_set(),
            BTreeSet::from(["001_29d3600a7fae2898.txt", "002_a9e59d9380c21298.txt"]),
            "{q}"
        );
    }
}
