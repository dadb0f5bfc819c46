//! `digest search`: the query language, entity expansion, the JSON schema, ranking and the
//! outlet and date filters.

use std::collections::BTreeSet;

use crate::util::{Digest, fixture};

/// A sandbox holding only the query fixtures (`tests/fixtures/query`).
fn query_corpus() -> Digest {
    let d = Digest::new();
    let s = d.ingest(["--no-bundled", fixture("query").to_str().unwrap()]);
    assert_eq!(s.counts(), (8, 0, 0, 0, 0), "{}", s.text);
    d
}

/// The fixture numbers (`01`…`08`) a query finds, sorted.
fn found(d: &Digest, query: &str) -> Vec<String> {
    let doc = d.search(["-n", "50", "--", query]);
    assert_eq!(doc.hits.len(), doc.total);
    let mut v: Vec<String> = doc.hits.iter().map(|h| h.source[..2].to_string()).collect();
    v.sort();
    v
}

#[track_caller]
fn assert_found(d: &Digest, query: &str, want: &[&str]) {
    assert_eq!(found(d, query), want, "query {query:?}");
}

#[test]
fn all_words_must_match() {
    let d = query_corpus();
    assert_found(&d, "xanadu", &["01", "03"]);
    assert_found(&d, "zephyr", &["01", "02", "05"]);
    assert_found(&d, "xanadu zephyr", &["01"]);
    assert_found(&d, "xanadu AND zephyr", &["01"]);
    assert_found(&d, "xanadu yonder", &[]);
}

#[test]
fn quoted_phrases_match_adjacent_words_only() {
    let d = query_corpus();
    assert_found(&d, "stone bridge", &["07", "08"]);
    assert_found(&d, "\"stone bridge\"", &["07"]);
    assert_found(&d, "“stone bridge”", &["07"]);
    assert_found(&d, "\"bridge stone\"", &[]);
}

#[test]
fn or_binds_tighter_than_the_implicit_and() {
    let d = query_corpus();
    assert_found(&d, "xanadu OR yonder", &["01", "02", "03", "04"]);
    // (xanadu OR yonder) AND zephyr — not xanadu OR (yonder AND zephyr).
    assert_found(&d, "xanadu OR yonder zephyr", &["01", "02"]);
    assert_found(&d, "zephyr xanadu OR yonder", &["01", "02"]);
    assert_found(&d, "xanadu OR (yonder zephyr)", &["01", "02", "03"]);
    assert_found(&d, "(xanadu OR yonder) zephyr", &["01", "02"]);
}

#[test]
fn negation_subtracts() {
    let d = query_corpus();
    for q in [
        "xanadu NOT zephyr",
        "xanadu -zephyr",
        "xanadu AND NOT zephyr",
        "-zephyr xanadu",
        "NOT zephyr xanadu",
    ] {
        assert_found(&d, q, &["03"]);
    }
    assert_found(&d, "(xanadu OR yonder) -zephyr", &["03", "04"]);
    assert_found(&d, "zephyr NOT (xanadu OR yonder)", &["05"]);
    // A query that is only a negation returns everything else.
    assert_found(&d, "-zephyr", &["03", "04", "06", "07", "08"]);
    assert_found(&d, "NOT zephyr", &["03", "04", "06", "07", "08"]);
}

#[test]
fn and_not_on_the_bundled_corpus_returns_the_difference() {
    let d = Digest::bundled();
    let ilrs: BTreeSet<String> = d
        .search(["ILRS"])
        .hits
        .iter()
        .map(|h| h.source.clone())
        .collect();
    let artemis: BTreeSet<String> = d
        .search(["artemis"])
        .hits
        .iter()
        .map(|h| h.source.clone())
        .collect();
    let want: BTreeSet<String> = ilrs.difference(&artemis).cloned().collect();
    assert_eq!(
        want,
        BTreeSet::from([
            "001_29d3600a7fae2898.txt".to_string(),
            "003_15cac33c2820b134.txt".to_string()
        ])
    );
    for q in ["ILRS AND NOT artemis", "ILRS NOT artemis", "ILRS -artemis"] {
        let doc = d.search([q]);
        let got: BTreeSet<String> = doc.hits.iter().map(|h| h.source.clone()).collect();
        assert_eq!(got, want, "{q}");
        assert_eq!(doc.total, 2, "{q}");
    }
    // Unquoted in the shell: `digest search ILRS -artemis` with the flag after it.
    let doc = d.search(["ILRS", "-artemis", "--limit", "5"]);
    let got: BTreeSet<String> = doc.hits.iter().map(|h| h.source.clone()).collect();
    assert_eq!(got, want, "ILRS -artemis as separate arguments");
    // A negated group.
    let doc = d.search(["ILRS -(artemis OR xylophone)"]);
    assert_eq!(doc.total, 2, "ILRS -(artemis OR xylophone)");
    // TASS 003 carries "/TASS/" in its dateline; only 001 remains.
    let doc = d.search(["ILRS -(artemis OR tass)"]);
    assert_eq!(doc.sources(), vec!["001_29d3600a7fae2898.txt"]);
}

#[test]
fn title_prefix_searches_titles_only() {
    let d = query_corpus();
    assert_found(&d, "marmoset", &["06"]);
    assert_found(&d, "title:marmoset", &["06"]);
    assert_found(&d, "title:census", &["06"]);
    assert_found(&d, "volunteers", &["06"]);
    assert_found(&d, "title:volunteers", &[]);
    assert_found(&d, "title:zephyr", &[]);
    assert_found(&d, "title:\"census results\"", &["06"]);
    assert_found(&d, "title:\"results census\"", &[]);
    assert_found(
        &d,
        "title:fixture -title:seventh",
        &["01", "02", "03", "04", "05", "08"],
    );
}

#[test]
fn title_prefix_on_the_bundled_corpus() {
    let d = Digest::bundled();
    let doc = d.search(["title:moon"]);
    assert_eq!(
        doc.source_set(),
        BTreeSet::from([
            "000_08e4b753123ab7c5.txt",
            "002_a9e59d9380c21298.txt",
            "004_12bc2d6dd8c64ff7.txt"
        ])
    );
    let doc = d.search(["title:\"lunar station\""]);
    assert_eq!(doc.sources(), vec!["003_15cac33c2820b134.txt"]);
}

#[test]
fn outlet_prefix_filters_by_outlet() {
    let d = Digest::bundled();
    for q in [
        "outlet:gt lunar",
        "outlet:GT lunar",
        "outlet:global-times lunar",
        "outlet:\"Global Times\" lunar",
        "lunar outlet:gt",
    ] {
        let doc = d.search([q]);
        assert_eq!(doc.sources(), vec!["002_a9e59d9380c21298.txt"], "{q}");
    }
    let doc = d.search(["(outlet:tass OR outlet:rfa) moon"]);
    assert_eq!(doc.outlet_set(), BTreeSet::from(["rfa", "tass"]));
    let doc = d.search(["moon -outlet:tass"]);
    assert_eq!(doc.total, 4);
    assert!(!doc.outlet_set().contains("tass"));

    let r = d.run(["search", "outlet:nosuchoutlet moon"]);
    r.assert_error();
    assert!(r.stderr.contains("nosuchoutlet"), "{}", r.stderr);
}

#[test]
fn parentheses_group() {
    let d = query_corpus();
    assert_found(&d, "((xanadu))", &["01", "03"]);
    assert_found(&d, "(xanadu zephyr) OR (yonder -zephyr)", &["01", "04"]);
}

#[test]
fn malformed_queries_are_errors_not_panics() {
    let d = Digest::bundled();
    for q in [
        "\"open quote",
        "“open curly",
        "a OR",
        "OR a",
        "(a",
        "a)",
        "((a)",
        "()",
        "a AND",
        "NOT",
        "moon OR OR lunar",
        "title:\"unclosed",
        "!!!",
    ] {
        let r = d.run(["search", q]);
        assert_eq!(r.code, 2, "{q:?}: {r:#?}");
        assert!(r.stderr.starts_with("digest: "), "{q:?}: {r:#?}");
        assert!(
            r.stderr.contains("query"),
            "{q:?} should say the query is bad: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{q:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{q:?}: {}", r.stdout);
        // --json too: an error, not an empty document.
        let r = d.run(["search", "--json", q]);
        assert_eq!(r.code, 2, "{q:?} --json: {r:#?}");
        assert!(!r.stderr.contains("panicked"));
    }
}

#[test]
fn entity_names_expand_to_all_their_forms() {
    let d = Digest::bundled();
    // TASS (003) says only "international scientific lunar station (ISLS)"; 001 only
    // "international lunar research station"; 002 "International Lunar Research Station";
    // 004 both the name and "ILRS". 000 never mentions it.
    let all_four = BTreeSet::from([
        "001_29d3600a7fae2898.txt",
        "002_a9e59d9380c21298.txt",
        "003_15cac33c2820b134.txt",
        "004_12bc2d6dd8c64ff7.txt",
    ]);
    for q in [
        "ILRS",
        "ilrs",
        "ISLS",
        "International Lunar Research Station",
        "international scientific lunar station",
    ] {
        let doc = d.search([q]);
        assert_eq!(doc.total, 4, "{q}: {doc:#?}");
        assert_eq!(doc.source_set(), all_four, "{q}");
    }
    // Issue 19: quotes mean these words. TASS writes only "international scientific
    // lunar station"; the other three write the station's name.
    let doc = d.search(["\"International Lunar Research Station\""]);
    assert_eq!(
        doc.source_set(),
        BTreeSet::from([
            "001_29d3600a7fae2898.txt",
            "002_a9e59d9380c21298.txt",
            "004_12bc2d6dd8c64ff7.txt",
        ]),
        "{doc:#?}"
    );
    let doc = d.search(["\"international scientific lunar station\""]);
    assert_eq!(
        doc.source_set(),
        BTreeSet::from(["003_15cac33c2820b134.txt"]),
        "{doc:#?}"
    );
    // Unquoted, "far side" is the entity and finds the articles that say "dark side"
    // too; quoted, only Radio Free Asia's, which says "far side".
    let doc = d.search(["far", "side"]);
    assert_eq!(
        doc.source_set(),
        BTreeSet::from([
            "000_08e4b753123ab7c5.txt",
            "002_a9e59d9380c21298.txt",
            "004_12bc2d6dd8c64ff7.txt",
        ]),
        "{doc:#?}"
    );
    let doc = d.search(["\"far side\""]);
    assert_eq!(
        doc.source_set(),
        BTreeSet::from(["000_08e4b753123ab7c5.txt"]),
        "{doc:#?}"
    );
    // CNSA = China National Space Administration.
    let doc = d.search(["CNSA"]);
    assert!(
        doc.source_set().contains("000_08e4b753123ab7c5.txt"),
        "{doc:#?}"
    );
}

#[test]
fn highlights_mark_the_matched_words_in_the_snippet() {
    let d = Digest::bundled();
    let doc = d.search(["ILRS"]);
    let allowed = [
        "ilrs",
        "isls",
        "international",
        "lunar",
        "research",
        "station",
        "scientific",
    ];
    for h in &doc.hits {
        let ranges = h.highlighted();
        assert!(!ranges.is_empty(), "no highlight in {h:#?}");
        // A highlight is one matched word, or a run of them (a matched phrase).
        for range in ranges {
            for w in range.split_whitespace() {
                assert!(
                    allowed.contains(&w.to_lowercase().as_str()),
                    "{w:?} highlighted in {h:#?}"
                );
            }
        }
    }
    let cnes = doc
        .hits
        .iter()
        .find(|h| h.outlet == "cnes")
        .expect("CNES hit");
    assert!(cnes.highlighted().contains(&"ILRS"), "{cnes:#?}");
    let words: Vec<&str> = cnes
        .highlighted()
        .iter()
        .flat_map(|r| r.split_whitespace())
        .collect();
    assert_eq!(
        words,
        vec!["International", "Lunar", "Research", "Station", "ILRS"],
        "{cnes:#?}"
    );

    // Non-ASCII text around the highlights: byte offsets stay on char boundaries.
    let doc = d.search(["Chang’e 4"]);
    for h in &doc.hits {
        let words: Vec<String> = h
            .highlighted()
            .iter()
            .flat_map(|r| r.split(|c: char| c.is_whitespace() || c == '-'))
            .map(|w| w.to_lowercase())
            .collect();
        assert!(
            words.iter().any(|w| w == "chang’e" || w == "chang'e"),
            "{h:#?}"
        );
    }
}

#[test]
fn json_hits_carry_the_article_metadata() {
    let d = Digest::bundled();
    let doc = d.search(["ILRS"]);
    assert_eq!(doc.query, "ILRS");
    let tass = doc
        .hits
        .iter()
        .find(|h| h.outlet == "tass")
        .expect("TASS hit");
    assert_eq!(tass.outlet_name, "TASS");
    assert_eq!(tass.source, "003_15cac33c2820b134.txt");
    assert_eq!(tass.date.as_deref(), Some("2021-04-27"));
    assert_eq!(tass.via.as_deref(), Some("tass.com"));
    assert_eq!(
        tass.title,
        "China to team up with Russia, other partners in creating lunar station — diplomat"
    );
    assert_eq!(tass.id.len(), 16);
    assert!(tass.id.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(tass.snippet.to_lowercase().contains("lunar station"));
    // The id is the one `show` knows.
    assert_eq!(d.show(&tass.id).title, tass.title);

    // `date` and `via` are null, not missing, for a fixture that has neither.
    let d = query_corpus();
    let doc = d.search(["marmoset"]);
    let h = &doc.hits[0];
    assert_eq!(h.date, None);
    assert_eq!(h.via, None);
    assert_eq!(h.source, "06_title_only.txt");
    assert_eq!(h.outlet, "unattributed");
}

#[test]
fn limit_bounds_hits_not_total() {
    let d = Digest::bundled();
    let doc = d.search(["--limit", "1", "china"]);
    assert_eq!((doc.total, doc.hits.len()), (5, 1));
    let doc = d.search(["-n", "3", "china"]);
    assert_eq!((doc.total, doc.hits.len()), (5, 3));
}

#[test]
fn a_title_match_ranks_above_a_body_only_match() {
    let d = Digest::new();
    d.ingest([
        "--no-bundled",
        fixture("ranking/title_vs_body").to_str().unwrap(),
    ]);
    // b_title has "heron" in its title and is older; a_body_only is newer.
    let doc = d.search(["heron"]);
    assert_eq!(
        doc.sources(),
        vec!["b_title.txt", "a_body_only.txt"],
        "{doc:#?}"
    );
    assert_eq!(
        doc.titles(),
        vec![
            "Heron returns to the reservoir",
            "Birdwatchers gather at the reservoir"
        ]
    );
    assert!(doc.hits[0].score > doc.hits[1].score);
}

#[test]
fn words_close_together_rank_above_the_same_words_apart() {
    let d = Digest::new();
    // The same words in both bodies, so the same BM25 score but for the proximity bonus;
    // without it the newer article would come first.
    d.write(
        "near/older.txt",
        "Title: Morning walk\nDate: 2019-01-01\n\nA heron reservoir sighting was reported early. \
         Walkers counted ducks geese swans and gulls.\n",
    );
    d.write(
        "near/newer.txt",
        "Title: Morning walk\nDate: 2022-01-01\n\nA heron sighting was reported early. \
         Walkers counted ducks geese swans and gulls reservoir.\n",
    );
    d.ingest(["--no-bundled", d.path("near").to_str().unwrap()]);
    let doc = d.search(["heron", "reservoir"]);
    assert_eq!(doc.sources(), vec!["older.txt", "newer.txt"], "{doc:#?}");
    assert!(doc.hits[0].score > doc.hits[1].score);
    // Each word alone: a tie, which goes to the newer article.
    let doc = d.search(["heron"]);
    assert_eq!(doc.sources(), vec!["newer.txt", "older.txt"], "{doc:#?}");
    assert_eq!(doc.hits[0].score, doc.hits[1].score);
}

#[test]
fn equal_scores_go_to_the_newer_article() {
    let d = Digest::new();
    d.ingest(["--no-bundled", fixture("ranking/ties").to_str().unwrap()]);
    let doc = d.search(["ibis"]);
    assert_eq!(doc.total, 4);
    let scores: Vec<f32> = doc.hits.iter().map(|h| h.score).collect();
    assert!(
        scores.iter().all(|s| *s == scores[0]),
        "the fixtures are built to tie: {scores:?}"
    );
    assert_eq!(
        doc.sources(),
        vec!["b_2022.txt", "d_2021.txt", "a_2019.txt", "c_undated.txt"],
        "{doc:#?}"
    );
}

#[test]
fn outlet_flag_accepts_ids_names_and_aliases_case_insensitively() {
    let d = Digest::bundled();
    for name in [
        "gt",
        "GT",
        "Global Times",
        "global times",
        "global-times",
        "GLOBAL-TIMES",
        "globaltimes.cn",
    ] {
        let doc = d.search(["--outlet", name, "lunar"]);
        assert_eq!(
            doc.sources(),
            vec!["002_a9e59d9380c21298.txt"],
            "--outlet {name:?}"
        );
    }
    let doc = d.search(["-o", "Radio Free Asia", "moon"]);
    assert_eq!(doc.outlet_set(), BTreeSet::from(["rfa"]));
    let doc = d.search(["--outlet", "unattributed", "moon"]);
    assert_eq!(doc.outlet_set(), BTreeSet::from(["unattributed"]));
}

#[test]
fn repeated_outlet_flags_are_a_union() {
    let d = Digest::bundled();
    let doc = d.search(["--outlet", "gt", "--outlet", "TASS", "china"]);
    assert_eq!(doc.total, 2);
    assert_eq!(doc.outlet_set(), BTreeSet::from(["gt", "tass"]));
    let doc = d.search([
        "--outlet", "gt", "--outlet", "tass", "--outlet", "cnes", "china",
    ]);
    assert_eq!(doc.outlet_set(), BTreeSet::from(["cnes", "gt", "tass"]));
    // The same outlet twice is still one outlet.
    let doc = d.search(["--outlet", "gt", "--outlet", "Global Times", "china"]);
    assert_eq!(doc.total, 1);
}

#[test]
fn an_unknown_outlet_is_an_error_that_lists_the_known_ones() {
    let d = Digest::bundled();
    for args in [
        vec!["search", "--outlet", "Pravda", "moon"],
        vec!["search", "--outlet", "gt", "--outlet", "Pravda", "moon"],
        vec!["search", "--json", "--outlet", "Pravda", "moon"],
    ] {
        let r = d.run(&args);
        r.assert_error();
        assert!(r.stdout.is_empty(), "{r:#?}");
        assert!(r.stderr.contains("Pravda"), "{}", r.stderr);
        for known in ["tass", "gt", "rfa", "cnes", "Global Times"] {
            assert!(
                r.stderr.contains(known),
                "{known} missing from: {}",
                r.stderr
            );
        }
    }
}

#[test]
fn since_and_until_filter_by_date() {
    let d = Digest::bundled();
    // Bundled dates: 000 2019-01-08, 001 2021-03, 002 2021-02-18, 003 2021-04-27, 004 2021-03.
    let doc = d.search(["--since", "2021-04-01", "china"]);
    assert_eq!(doc.sources(), vec!["003_15cac33c2820b134.txt"]);
    let doc = d.search(["--until", "2020-12-31", "china"]);
    assert_eq!(doc.sources(), vec!["000_08e4b753123ab7c5.txt"]);
    let doc = d.search(["--since", "2021-02-18", "--until", "2021-02-18", "china"]);
    assert_eq!(doc.sources(), vec!["002_a9e59d9380c21298.txt"]);
    let doc = d.search(["--since", "2021-02-19", "--until", "2021-02-28", "china"]);
    assert_eq!(doc.total, 0);
    let doc = d.search(["--since", "2019-01-08", "--until", "2019-01-08", "china"]);
    assert_eq!(doc.sources(), vec!["000_08e4b753123ab7c5.txt"]);
    let doc = d.search(["--since", "2019-01-09", "--until", "2021-02-18", "china"]);
    assert_eq!(doc.sources(), vec!["002_a9e59d9380c21298.txt"]);
}

#[test]
fn month_precision_dates_fall_inside_a_range_covering_their_month() {
    let d = Digest::bundled();
    // 001 and 004 are dated 2021-03 (month only): March 2021 certainly contains them.
    let doc = d.search(["--since", "2021-03-01", "--until", "2021-03-31", "china"]);
    assert_eq!(
        doc.source_set(),
        BTreeSet::from(["001_29d3600a7fae2898.txt", "004_12bc2d6dd8c64ff7.txt"]),
        "{doc:#?}"
    );
}

#[test]
fn a_date_filter_leaves_out_undated_articles() {
    let d = query_corpus();
    d.ingest([fixture("ranking/ties").to_str().unwrap()]);
    // Three dated "ibis" notes and one undated.
    assert_eq!(d.search(["ibis"]).total, 4);
    let doc = d.search(["--since", "1900-01-01", "ibis"]);
    assert_eq!(doc.total, 3, "{doc:#?}");
    assert!(!doc.source_set().contains("c_undated.txt"));
    let doc = d.search(["--until", "2022-12-31", "ibis"]);
    assert_eq!(doc.total, 3, "{doc:#?}");
    let doc = d.search(["--since", "2021-01-01", "ibis"]);
    assert_eq!(doc.sources(), vec!["b_2022.txt", "d_2021.txt"]);
    // The query fixtures are all undated.
    assert_eq!(d.search(["--since", "1900-01-01", "xanadu"]).total, 0);
}

#[test]
fn date_filters_select_without_changing_scores() {
    let d = Digest::new();
    d.ingest(["--no-bundled", fixture("ranking/ties").to_str().unwrap()]);
    let plain = d.search(["ibis"]);
    assert_eq!(plain.total, 4);
    for args in [
        vec!["--since", "1900-01-01", "ibis"],
        vec!["--until", "2030-12-31", "ibis"],
        vec!["--since", "2021-01-01", "--until", "2022-12-31", "ibis"],
    ] {
        let filtered = d.search(args.clone());
        assert!(filtered.total > 0, "{args:?}");
        for h in &filtered.hits {
            let unfiltered = plain.hits.iter().find(|p| p.id == h.id).map(|p| p.score);
            assert_eq!(Some(h.score), unfiltered, "{args:?}: {}", h.source);
        }
        // Equal scores: newest first.
        let dates: Vec<_> = filtered.hits.iter().map(|h| h.date.clone()).collect();
        let mut newest_first = dates.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, newest_first, "{args:?}");
    }
}

#[test]
fn bad_dates_are_errors() {
    let d = Digest::bundled();
    for (flag, date) in [
        ("--since", "2021-2-1"),
        ("--since", "20210201"),
        ("--since", "yesterday"),
        ("--since", "2021-02-30"),
        ("--until", "31/12/2021"),
        ("--until", "2021-13-01"),
        ("--until", ""),
    ] {
        let r = d.run(["search", flag, date, "china"]);
        r.assert_error();
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains("date"), "{flag} {date:?}: {}", r.stderr);
    }
}

#[test]
fn future_bounds_are_valid_dates() {
    let d = Digest::bundled();
    let doc = d.search(["--until", "2100-01-01", "china"]);
    assert_eq!(doc.total, 5);
    let doc = d.search(["--since", "2099-01-01", "china"]);
    assert_eq!(doc.total, 0);
    let doc = d.search(["--since", "1700-01-01", "china"]);
    assert_eq!(doc.total, 5);
}

#[test]
fn outlet_filters_select_without_changing_scores() {
    // The same words in one TASS article and three Global Times ones: the outlet terms
    // have different frequencies, which must not reach the scores.
    let d = Digest::new();
    for (name, outlet, last) in [
        ("t1", "TASS", "wone"),
        ("g1", "Global Times", "wtwo"),
        ("g2", "Global Times", "wthree"),
        ("g3", "Global Times", "wfour"),
    ] {
        d.write(
            &format!("in/{name}.txt"),
            format!("Title: Marsh note {last}\nOutlet: {outlet}\nDate: 2021-01-01\n\nThe ibis waded in the marsh {last}."),
        );
    }
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    let plain = d.search(["ibis"]);
    assert_eq!(plain.total, 4);
    let score_of = |doc: &crate::util::SearchJson, source: &str| {
        doc.hits
            .iter()
            .find(|h| h.source == source)
            .map(|h| h.score)
    };
    for filtered in [
        d.search(["--outlet", "tass", "--outlet", "gt", "ibis"]),
        d.search(["ibis (outlet:tass OR outlet:gt)"]),
    ] {
        assert_eq!(filtered.total, 4);
        for h in &plain.hits {
            assert_eq!(
                score_of(&filtered, &h.source),
                Some(h.score),
                "{filtered:#?}"
            );
        }
    }
}

/// Issue 18: a section of a publisher ("Fox News (Online News)", "New York Post (News)")
/// is that publisher: one outlet, found by its short name.
#[test]
fn sections_of_a_publisher_are_one_outlet_found_by_its_name() {
    let d = Digest::new();
    let items = [
        (
            "Fox News (Online News)",
            "Senate vote on the border bill",
            "2021-10-04",
        ),
        ("Fox News", "Border bill passes the Senate", "2021-10-05"),
        (
            "New York Post (News)",
            "Subway fares rise in January",
            "2021-10-04",
        ),
        (
            "New York Post",
            "Commuters react to subway fares",
            "2021-10-06",
        ),
        (
            "New York Post (Opinion)",
            "The subway fare rise is a mistake",
            "2021-10-07",
        ),
    ];
    let jsonl: String = items
        .iter()
        .map(|(outlet, title, date)| {
            serde_json::json!({
                "outlet": outlet,
                "title": title,
                "date": date,
                "text": format!("{title}. Reporters covered the vote and the fares on the same day."),
            })
            .to_string()
                + "\n"
        })
        .collect();
    let file = d.write("news.jsonl", jsonl);
    d.ingest(["--no-bundled".as_ref(), file.as_os_str()]);

    let outlets = d.outlets();
    let names: Vec<&str> = outlets.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(outlets.len(), 2, "{names:?}");
    assert!(names.contains(&"Fox News"), "{names:?}");
    assert!(names.contains(&"New York Post"), "{names:?}");

    let fox = d.search(["--outlet", "fox", "reporters"]);
    assert_eq!(fox.total, 2, "{fox:#?}");
    let post = d.search(["--outlet", "New York Post (News)", "reporters"]);
    assert_eq!(post.total, 3, "{post:#?}");
}

/// Issue 18: a record naming an outlet the index already holds, however it writes the
/// name, gets that outlet: a later `The Daily Blurb` joins `Daily Blurb (Online News)`,
/// and one first indexed as `The Morning Ledger` is found again as `Morning Ledger`.
#[test]
fn a_later_record_naming_an_outlet_the_index_holds_gets_that_outlet() {
    let d = Digest::new();
    let line = |outlet: &str, title: &str| {
        serde_json::json!({
            "outlet": outlet,
            "title": title,
            "date": "2021-10-05",
            "text": format!("{title}. Reporters covered the vote on the same day."),
        })
        .to_string()
            + "\n"
    };
    let first = d.write(
        "first.jsonl",
        line("Daily Blurb (Online News)", "Council votes")
            + &line("The Morning Ledger", "Senate votes"),
    );
    d.ingest(["--no-bundled".as_ref(), first.as_os_str()]);
    let later = d.write(
        "later.jsonl",
        line("The Daily Blurb", "Council vote recount")
            + &line("Morning Ledger", "Senate vote recount"),
    );
    d.ingest(["--no-bundled".as_ref(), later.as_os_str()]);
    let outlets = d.outlets();
    let names: Vec<(&str, usize)> = outlets
        .iter()
        .map(|o| (o.name.as_str(), o.articles as usize))
        .collect();
    assert_eq!(outlets.len(), 2, "{names:?}");
    assert!(names.contains(&("Daily Blurb", 2)), "{names:?}");
    assert!(names.contains(&("The Morning Ledger", 2)), "{names:?}");
}

/// Issue 18: an `--outlet` that names nothing offers the nearest outlets, one per line;
/// one the registry knows but the index has no articles from says so (exit 1).
#[test]
fn an_outlet_with_no_articles_or_no_name_says_so() {
    let d = Digest::bundled();
    let r = d.run(["search", "moon", "--outlet", "cnn"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(r.stderr.contains("no articles from \"CNN\""), "{r:#?}");
    let r = d.run(["search", "moon", "--outlet", "Pravda"]);
    r.assert_error();
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(lines.len() >= 6, "one outlet per line: {r:#?}");
    assert!(lines.contains(&"  Global Times (gt)"), "{r:#?}");
}

/// Issue 18: `outlets.json` in the user's config directory merges over the bundled
/// registry; a broken one is an error that names the file and the line.
#[test]
fn a_users_outlets_file_adds_outlets_and_a_broken_one_names_its_line() {
    let d = Digest::new();
    d.write(
        "home/.config/digest/outlets.json",
        r##"{"outlets": [
  {"id": "pravda", "name": "Pravda", "aliases": ["pravda.ru"], "color": "#cc0000"},
  {"id": "tass", "name": "TASS Russian News Agency", "aliases": ["tass", "tass.com"]}
]}"##,
    );
    let file = d.write(
        "items.jsonl",
        concat!(
            r#"{"outlet": "pravda.ru", "title": "Lunar plans", "date": "2021-03-10", "text": "The lunar station plans were discussed in Moscow."}"#,
            "\n",
            r#"{"outlet": "TASS", "title": "Lunar station", "date": "2021-03-09", "text": "The lunar station memorandum was signed."}"#,
            "\n"
        ),
    );
    d.ingest(["--no-bundled".as_ref(), file.as_os_str()]);
    let names: Vec<String> = d.outlets().into_iter().map(|o| o.name).collect();
    assert!(names.contains(&"Pravda".to_string()), "{names:?}");
    assert!(
        names.contains(&"TASS Russian News Agency".to_string()),
        "{names:?}"
    );
    assert_eq!(d.search(["--outlet", "pravda", "lunar"]).total, 1);

    d.write(
        "home/.config/digest/outlets.json",
        "{\"outlets\": [\n  {\"id\": \"x\", \"name\": \"X\",}\n]}",
    );
    let r = d.run(["search", "lunar"]);
    r.assert_error();
    assert!(r.stderr.contains("outlets.json"), "{r:#?}");
    assert!(r.stderr.contains("line 2"), "{r:#?}");
}

/// `--limit` larger than the index lists every match (it once tried to allocate 51 GB);
/// `--limit 0` is refused; a period that ends before it starts is an error that says so,
/// not an empty answer (issue 21).
#[test]
fn limits_and_periods_that_make_no_sense_are_handled() {
    let d = Digest::bundled();
    let r = d.run(["search", "lunar", "--limit", "2147483647", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let all = crate::util::SearchJson::parse(&r.stdout);
    assert_eq!(all.hits.len(), all.total);
    assert!(all.total >= 4);
    // (`events -n 0` stays: it counts the events and lists none.)
    let r = d.run(["search", "lunar", "--limit", "0"]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert!(r.stderr.contains("--limit"), "{}", r.stderr);
    let r = d.run([
        "search",
        "lunar",
        "--since",
        "2021-10-01",
        "--until",
        "2021-09-01",
    ]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert!(
        r.stderr
            .contains("--since 2021-10-01 is after --until 2021-09-01"),
        "{}",
        r.stderr
    );
}

/// `digest list`: every article newest first, under the outlet and date filters;
/// `search --sort date` orders a query's matches the same way; a result line shows the
/// article's link when it has one (issue 21).
#[test]
fn list_and_sort_by_date_put_the_newest_first() {
    let d = Digest::bundled();
    let r = d.run(["list", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let all = crate::util::SearchJson::parse(&r.stdout);
    assert_eq!(all.total, 5);
    let dates: Vec<String> = all
        .hits
        .iter()
        .map(|h| h.date.clone().unwrap_or_default())
        .collect();
    assert_eq!(dates[0], "2021-04-27");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    let r = d.run(["list", "--outlet", "tass", "--json"]);
    assert_eq!(crate::util::SearchJson::parse(&r.stdout).total, 1);
    let r = d.run(["list", "--since", "2021-03-01", "--json"]);
    let march_on = crate::util::SearchJson::parse(&r.stdout);
    assert_eq!(march_on.total, 3, "{march_on:#?}");
    let r = d.run(["list", "--since", "2022-01-01"]);
    assert_eq!(r.code, 1, "nothing listed: {r:#?}");
    let r = d.run(["list", "-n", "2"]);
    assert_eq!(r.stdout.matches(" · id ").count(), 2, "{}", r.stdout);

    let r = d.run(["search", "lunar", "--sort", "date", "--json"]);
    let by_date = crate::util::SearchJson::parse(&r.stdout);
    let dates: Vec<String> = by_date
        .hits
        .iter()
        .map(|h| h.date.clone().unwrap_or_default())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let r = d.run(["search", "lunar", "--sort", "newest"]);
    assert_eq!(r.code, 2, "{r:#?}");

    // The link, where the file gave one.
    let f = d.write(
        "linked.txt",
        "Title: Okapi census\nURL: https://example.org/okapi\n\nRangers counted more okapi this season than ever.\n",
    );
    d.ingest([f.to_str().unwrap()]);
    let r = d.run(["search", "okapi"]);
    assert!(
        r.stdout.contains("https://example.org/okapi · id "),
        "{}",
        r.stdout
    );
}

/// `--format csv|ndjson|markdown` on `search` and `list`: a spreadsheet reads the CSV
/// (header, one row per hit), each NDJSON line is one hit with its link, Markdown is one
/// item per hit; `--format` and `--json` do not mix (issue 21).
#[test]
fn results_export_as_csv_ndjson_and_markdown() {
    let d = Digest::bundled();
    let r = d.run(["search", "lunar", "-n", "3", "--format", "csv"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let mut rows = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "rank",
            "id",
            "outlet",
            "outlet_name",
            "date",
            "title",
            "url",
            "source",
            "snippet"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[0][0], "1");

    let r = d.run(["list", "--format", "ndjson"]);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["date"], "2021-04-27");
    assert!(lines.iter().all(|l| l.get("url").is_some()));

    let r = d.run(["list", "-n", "2", "--format", "markdown"]);
    let items: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("- **")).collect();
    assert_eq!(items.len(), 2, "{}", r.stdout);

    let r = d.run(["list", "--format", "csv", "--json"]);
    assert_eq!(r.code, 2, "{r:#?}");
}

/// `compare --format`: one CSV row or NDJSON line per passage shown, with the outlets
/// that tell the same thing; Markdown has a heading per outlet (issue 21).
#[test]
fn comparisons_export_their_passages() {
    let d = Digest::bundled();
    let r = d.run(["compare", "lunar", "station", "--format", "ndjson"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    let json = d.run(["compare", "lunar", "station", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let passages: usize = doc["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["passages"].as_array().unwrap().len())
        .sum();
    assert_eq!(lines.len(), passages, "one line per passage");
    assert!(
        lines
            .iter()
            .all(|l| l["shared_with"].is_array() && l["text"].is_string())
    );

    let r = d.run(["compare", "lunar", "station", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(r.stdout.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "outlet",
            "outlet_name",
            "article",
            "source",
            "sentence",
            "shared_with",
            "text"
        ]
    );
    assert_eq!(rows.records().count(), passages);

    let r = d.run(["compare", "lunar", "station", "--format", "markdown"]);
    let headings = r.stdout.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(
        headings,
        doc["outlets"].as_array().unwrap().len(),
        "{}",
        r.stdout
    );
}

/// The newest page found a month, a year, ten years back before looking at everything
/// is the page looking at everything gives: the same dates, whatever the limit and the
/// outlet filter, undated articles last (issue 21).
#[test]
fn the_newest_page_is_the_same_however_far_back_it_looks() {
    use digest::search::{SearchRequest, Sort, search};
    let dir = tempfile::tempdir().unwrap();
    let index = digest::index::DigestIndex::open(&dir.path().join("index")).unwrap();
    // 150 articles: a few in the newest month, more over the last year and the
    // decade before, and some undated, from two outlets.
    let mut lines = String::new();
    let mut dates = Vec::new();
    for i in 0..150u32 {
        let date = match i % 10 {
            0 => None,
            1 | 2 => Some(format!("2024-06-{:02}", 1 + i % 28)),
            3..=5 => Some(format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            _ => Some(format!("{}-{:02}-15", 2012 + i % 11, 1 + i % 12)),
        };
        let outlet = if i % 3 == 0 {
            "Alpha Daily"
        } else {
            "Beta Times"
        };
        let mut doc = serde_json::json!({
            "title": format!("Harbour report number {i}"),
            "body": format!("The harbour authority published report {i} on shipping volumes."),
            "outlet": outlet,
        });
        if let Some(d) = &date {
            doc["date"] = d.clone().into();
        }
        dates.push((outlet, date));
        lines.push_str(&doc.to_string());
        lines.push('\n');
    }
    let file = dir.path().join("articles.jsonl");
    std::fs::write(&file, lines).unwrap();
    let opts = digest::index::writer::IngestOptions {
        bundled: false,
        ..Default::default()
    };
    digest::index::writer::ingest_paths(&index, &[file], &opts, &mut |_| {}).unwrap();
    index.reload().unwrap();

    for outlet in [None, Some("Alpha Daily")] {
        let mut want: Vec<String> = dates
            .iter()
            .filter(|(o, _)| outlet.is_none_or(|w| w == *o))
            .map(|(_, d)| d.clone().unwrap_or_default())
            .collect();
        want.sort_by(|a, b| b.cmp(a));
        for limit in [1, 3, 10, 29, 30, 31, 45, 100, 150, 500] {
            let req = SearchRequest {
                limit,
                sort: Sort::Date,
                outlets: outlet.map(|o| vec![o.to_string()]).unwrap_or_default(),
                ..Default::default()
            };
            let r = search(&index, &req).unwrap();
            assert_eq!(r.total, want.len(), "{outlet:?}");
            let got: Vec<String> = r
                .hits
                .iter()
                .map(|h| h.article.date.clone().unwrap_or_default())
                .collect();
            let n = limit.min(want.len());
            assert_eq!(got, want[..n].to_vec(), "{outlet:?}, limit {limit}");
        }
    }
}
