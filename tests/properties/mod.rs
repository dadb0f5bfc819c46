//! Property tests of everything that takes untrusted text: the analyzer, highlighting,
//! sentence splitting, the sanitiser, the query parser and planner, the ingest readers
//! and the reader's screens. Inputs mix plain English, the words the corpus is made of
//! (`Chang’e-4`, `U.S.-led`, `Oct. 4`), arbitrary Unicode, combining marks, right-to-left
//! scripts, emoji, wide characters, control characters, escape sequences and bidi
//! controls.
//!
//! `cargo test --test tests properties::` runs every property with the case count given
//! below (well under a minute in a debug build). `PROPTEST_CASES=N` runs N cases of every
//! property instead, for a longer search:
//! `PROPTEST_CASES=20000 cargo test --release --test tests properties::`.
//!
//! The invariants the fuzz targets check too are in `invariants.rs`, which `fuzz/` includes.
//! Failures are not persisted to files: each input a property or a fuzz target (see
//! `fuzz/`) found is kept as a plain regression test at the end of this file.

use std::ops::Range;
use std::sync::OnceLock;

use digest::index::{DigestIndex, IngestOptions};
use digest::ingest::read::{self, Format};
use digest::ingest::{RawArticle, prepare};
use digest::model::{Article, Hit, Origin, SearchResults, Sentence, Snippet};
use digest::search::query;
use digest::search::{SearchRequest, snippet};
use digest::text::{Analyzer, normalize_word, split_sentences};
use digest::tui::action::Action;
use digest::tui::answer::{Answer, IndexInfo};
use digest::tui::app::{App, update};
use digest::tui::ui::theme::Theme;
use digest::tui::worker::Request;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use ratatui::layout::Rect;
use unicode_normalization::UnicodeNormalization;

mod invariants;

use invariants::{
    assert_article, assert_ranges_slice, assert_terminal_safe, check_query, check_sanitize, context,
};

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/// `cases` cases, or `PROPTEST_CASES` when set; no failure files.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

/// Characters chosen to hit every special case of the text code, with plain letters
/// weighted so that words still form.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        10 => prop::char::range('a', 'z'),
        3 => prop::char::range('A', 'Z'),
        3 => prop::char::range('0', '9'),
        6 => prop::sample::select(vec![
            ' ', ' ', ' ', '\n', '\n', '\t', '\r', '.', '.', ',', '\'', '’', '‘', '`', '´', 'ʼ',
            '-', '‐', '–', '—', ':', ';', '"', '“', '”', '„', '(', ')', '?', '!', '_', '/',
            '…', '。', '，', '\u{a0}', '\u{3000}',
        ]),
        // C0, DEL and C1 controls; escape introducers.
        2 => prop::char::range('\u{0}', '\u{1f}'),
        1 => prop::char::range('\u{7f}', '\u{9f}'),
        2 => prop::sample::select(vec!['\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '\u{9c}', '\u{7}']),
        // Bidi controls, zero-width and other invisible characters, line separators.
        2 => prop::sample::select(vec![
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}',
            '\u{2060}', '\u{feff}', '\u{061c}', '\u{180e}', '\u{2028}', '\u{2029}', '\u{85}',
            '\u{fe0f}', '\u{20e3}', '\u{fff9}', '\u{ad}',
        ]),
        // Combining marks.
        2 => prop::char::range('\u{300}', '\u{36f}'),
        // Right-to-left scripts.
        1 => prop::char::range('\u{5d0}', '\u{5ea}'),
        1 => prop::char::range('\u{621}', '\u{64a}'),
        // Wide characters: CJK, Hangul, full-width forms.
        1 => prop::char::range('\u{4e00}', '\u{4e80}'),
        1 => prop::char::range('\u{ac00}', '\u{ac40}'),
        1 => prop::char::range('\u{ff01}', '\u{ff5e}'),
        // Emoji, regional indicators, skin tones.
        1 => prop::char::range('\u{1f300}', '\u{1f6ff}'),
        1 => prop::sample::select(vec!['\u{1f1e8}', '\u{1f1f3}', '\u{1f3fb}', '\u{1f468}']),
        // Characters whose case mapping or NFKC changes their length.
        2 => prop::sample::select(vec![
            'İ', 'ß', 'ẞ', 'ﬁ', 'ﬃ', '½', '⑴', '①', 'Ⅻ', 'ŉ', 'ǅ', 'Ω', 'K', 'ΐ', '\u{fdfa}',
            '㈱', '㎞', 'ǰ', 'ﬀ', 'Å', 'µ', 'ſ', 'ς', 'Σ', '\u{1e9e}', '\u{345}', 'ͅ',
        ]),
        // Anything at all.
        2 => any::<char>(),
    ]
}

/// A string of up to `max` [`nasty_char`]s.
fn nasty_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Words and fragments of news text that exercise the analyzer's and the sentence
/// splitter's rules.
const WORDS: &[&str] = &[
    "moon",
    "Moon",
    "lunar",
    "station",
    "Station",
    "research",
    "International Lunar Research Station",
    "ILRS",
    "far side of the moon",
    "Chang’e-4",
    "Chang'e 4",
    "CHANG‘E–4",
    "China’s",
    "countries’",
    "U.S.",
    "U.S.-led",
    "Russia",
    "Roscosmos",
    "CNSA",
    "NASA",
    "Mr.",
    "Dr.",
    "Oct.",
    "Sept.",
    "J.",
    "e.g.",
    "i.e.",
    "4,",
    "2018.",
    "1,000",
    "3.5",
    "9/11",
    "launching",
    "launched",
    "launch",
    "naïve",
    "Océan",
    "ＯＣＥＡＮ",
    "İstanbul",
    "straße",
    "ﬁre",
    "½",
    "a's's",
    "''",
    "'s",
    "嫦娥四号",
    "着陆。",
    "Россия",
    "العربية",
    "שלום",
    "한국어",
    "🚀",
    "👩‍🚀",
    "🇨🇳",
    "e\u{301}",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]8;;http://x\u{1b}\\",
    "\u{9b}2J",
    "\u{202e}evil\u{202c}",
    "\n\n",
    "\r\n",
    ". ",
    "? ",
    "Title: Moon\n",
    "Outlet: TASS\n",
    "Source: Radio Free Asia, January 8, 2019\n",
    "BEIJING, April 27. /TASS/. ",
    "\"far side\"",
    "“far side”",
    "OR",
    "AND",
    "NOT",
    "-",
    "(",
    ")",
    "title:",
    "outlet:",
];

/// Text: words, spaces, nasty fragments and arbitrary strings.
fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        4 => prop::sample::select(vec![" ", " ", "  ", "\n", "\n\n", ". ", ", "])
            .prop_map(str::to_string),
        3 => nasty_string(8),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|v| v.concat())
}

/// Phrases to highlight: analysed pieces of `text`, plus arbitrary ones.
fn phrases_for(text: &str) -> impl Strategy<Value = Vec<Vec<String>>> + use<> {
    let terms = Analyzer.terms(text);
    let n = terms.len();
    let from_text = prop::collection::vec((0..n.max(1), 1..4usize), 0..4).prop_map(move |v| {
        v.into_iter()
            .filter(|_| n > 0)
            .map(|(at, len)| terms[at..(at + len).min(n)].to_vec())
            .collect::<Vec<_>>()
    });
    let arbitrary = prop::collection::vec(
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(WORDS)
                    .prop_map(|w| { Analyzer.terms(w).into_iter().next().unwrap_or_default() }),
                nasty_string(4),
            ],
            0..3,
        ),
        0..3,
    );
    (from_text, arbitrary).prop_map(|(mut a, b)| {
        a.extend(b);
        a
    })
}

// ---------------------------------------------------------------------------------------
// Invariants shared by several properties
// ---------------------------------------------------------------------------------------

/// A snippet's highlights slice its text and are strictly apart (merged when touching).
fn assert_snippet(s: &Snippet) {
    assert_ranges_slice(&s.text, &s.highlights, "highlight");
    for w in s.highlights.windows(2) {
        assert!(
            w[0].end < w[1].start,
            "touching highlights {w:?} not merged"
        );
    }
}

fn origin() -> Origin {
    Origin {
        path: "/tmp/generated.txt".into(),
        item: None,
        hash: "0".repeat(16),
        added: None,
    }
}

// ---------------------------------------------------------------------------------------
// Analyzer
// ---------------------------------------------------------------------------------------

/// Checks the analyzer's output on `text` and returns its terms.
fn check_analyzer(text: &str) -> Vec<String> {
    let tokens = Analyzer.tokens(text);
    let spans: Vec<Range<usize>> = tokens.iter().map(|t| t.span.clone()).collect();
    assert_ranges_slice(text, &spans, "token span");
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(t.position as usize, i, "positions are consecutive");
        assert!(!t.term.is_empty(), "empty term at {i}");
        assert!(
            !t.term.chars().any(char::is_whitespace),
            "term {:?} holds white space",
            t.term
        );
        assert!(
            t.term.chars().any(char::is_alphanumeric),
            "term {:?} holds no letter or digit",
            t.term
        );
    }
    let terms = Analyzer.terms(text);
    assert_eq!(
        terms,
        tokens.iter().map(|t| t.term.clone()).collect::<Vec<_>>(),
        "terms() and tokens() agree"
    );
    let mut n = 0;
    Analyzer.for_each(text, |term, position, span| {
        assert_eq!(term, tokens[n].term);
        assert_eq!(position, tokens[n].position);
        assert_eq!(span, tokens[n].span);
        n += 1;
    });
    assert_eq!(n, tokens.len());
    terms
}

/// Normalising is idempotent and never leaves white space.
fn check_normalize(text: &str) {
    let mut once = String::new();
    let mut twice = String::new();
    for t in Analyzer.tokens(text) {
        normalize_word(&text[t.span.clone()], &mut once);
        normalize_word(&once, &mut twice);
        assert_eq!(
            once,
            twice,
            "normalize_word is not idempotent on {:?}",
            &text[t.span.clone()]
        );
    }
}

proptest! {
    #![proptest_config(config(1500))]

    /// The analyzer never panics, and its tokens are well formed: spans slice the text
    /// in order on char boundaries, positions are 0, 1, 2, …, terms are non-empty and
    /// hold no white space, and `tokens`, `terms` and `for_each` agree.
    #[test]
    fn analyzer_tokens_are_well_formed(s in text(40)) {
        check_analyzer(&s);
        check_normalize(&s);
    }

    /// The same on arbitrary Unicode strings (any scalar value, uniformly).
    #[test]
    fn analyzer_on_arbitrary_unicode(s in any::<String>()) {
        check_analyzer(&s);
        check_normalize(&s);
    }

    /// Idempotence on normalised text. "Normalised text" is a text with each of its
    /// words replaced by what the analyzer normalises it to before stemming
    /// ([`normalize_word`]: NFKC, lower case, no diacritics, apostrophes folded,
    /// possessives and abbreviation dots dropped), joined by single spaces. Analysing the
    /// normalised text gives exactly the terms of the original, position for position.
    ///
    /// Stems are not part of it: Snowball stems are not fixed points (`Chinese` →
    /// `chines` → `chine`, `Chang'e` → `chang'` → `chang`; see
    /// `regression_stems_are_not_fixed_points`), and nothing in digest analyses a term
    /// again. The input is put in NFKC first because the analyzer applies NFKC to each
    /// word after cutting the text into words, and a compatibility character can
    /// decompose into punctuation that cuts words differently: `⒀` is the word `(13)`,
    /// which typed back is the word `13`; `㎧` is `m∕s`, typed back `m` and `s`.
    #[test]
    fn analyzer_is_idempotent_on_normalised_text(s in text(40)) {
        check_idempotent(&s);
    }

    #[test]
    fn analyzer_is_idempotent_on_arbitrary_unicode(s in any::<String>()) {
        check_idempotent(&s);
    }
}

/// See [`analyzer_is_idempotent_on_normalised_text`].
fn check_idempotent(s: &str) {
    let s: String = s.nfkc().collect();
    let tokens = Analyzer.tokens(&s);
    let mut word = String::new();
    let normalised: Vec<String> = tokens
        .iter()
        .map(|t| {
            normalize_word(&s[t.span.clone()], &mut word);
            word.clone()
        })
        .collect();
    let again = Analyzer.terms(&normalised.join(" "));
    let terms: Vec<String> = tokens.into_iter().map(|t| t.term).collect();
    assert_eq!(again, terms, "normalised as {normalised:?}");
}

// ---------------------------------------------------------------------------------------
// Highlights and snippets
// ---------------------------------------------------------------------------------------

/// Reference for `snippet::matches`: the spans of every whole-phrase occurrence.
fn occurrences(text: &str, phrases: &[Vec<String>]) -> Vec<Range<usize>> {
    let tokens = Analyzer.tokens(text);
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        for p in phrases {
            if !p.is_empty()
                && i + p.len() <= tokens.len()
                && p.iter().zip(&tokens[i..]).all(|(a, b)| *a == b.term)
            {
                out.push(tokens[i].span.start..tokens[i + p.len() - 1].span.end);
            }
        }
    }
    out
}

fn check_matches(text: &str, phrases: &[Vec<String>]) {
    let ranges = snippet::matches(text, phrases);
    assert_ranges_slice(text, &ranges, "match");
    let occ = occurrences(text, phrases);
    // Every occurrence is inside one range; every range starts and ends where some
    // occurrence does; between two ranges there is more than spaces.
    for o in &occ {
        assert!(
            ranges.iter().any(|r| r.start <= o.start && o.end <= r.end),
            "occurrence {o:?} not highlighted in {ranges:?}"
        );
    }
    for r in &ranges {
        assert!(
            occ.iter().any(|o| o.start == r.start),
            "{r:?} starts nowhere"
        );
        assert!(occ.iter().any(|o| o.end == r.end), "{r:?} ends nowhere");
    }
    for w in ranges.windows(2) {
        assert!(
            !text[w[0].end..w[1].start].chars().all(|c| c == ' '),
            "{w:?} should have been merged"
        );
    }
    let s = snippet::highlight(text.to_string(), phrases);
    assert_snippet(&s);
    assert_eq!(s.highlights, ranges);
}

/// An article made directly (no cleaning): the raw text, sentences from the splitter
/// with their first token positions.
fn raw_article(title: &str, body: &str) -> Article {
    let tokens = Analyzer.tokens(body);
    let mut t = 0;
    let sentences = split_sentences(body)
        .into_iter()
        .map(|r| {
            while t < tokens.len() && tokens[t].span.start < r.start {
                t += 1;
            }
            Sentence {
                start: r.start as u32,
                end: r.end as u32,
                token: t as u32,
                entities: Vec::new(),
            }
        })
        .collect();
    Article {
        id: digest::ingest::short_hash(body.as_bytes()),
        title: title.to_string(),
        body: body.to_string(),
        sentences,
        ..Article::default()
    }
}

proptest! {
    #![proptest_config(config(800))]

    /// Highlight ranges fall on char boundaries inside the text, sorted, non-overlapping,
    /// and are exactly the merged occurrences of the phrases.
    #[test]
    fn highlights_slice_the_text(
        (s, phrases) in text(40).prop_flat_map(|s| {
            let p = phrases_for(&s);
            (Just(s), p)
        })
    ) {
        check_matches(&s, &phrases);
    }

    /// Snippets built from sentence offsets and arbitrary token positions (also past the
    /// end of the body) are well formed, for raw and for ingested articles.
    #[test]
    fn built_snippets_are_well_formed(
        (body, phrases, positions) in text(80).prop_flat_map(|s| {
            let p = phrases_for(&s);
            let pos = prop::collection::vec(
                (0..4usize, prop::collection::vec(0..200u32, 0..6)),
                0..4,
            );
            (Just(s), p, pos)
        })
    ) {
        let a = raw_article("t", &body);
        assert_snippet(&snippet::build(&a, &positions, &phrases));
        let raw = RawArticle { body: body.clone(), ..RawArticle::default() };
        if let Ok(p) = prepare(raw, origin(), &context()) {
            assert_snippet(&snippet::build(&p.article, &positions, &phrases));
        }
    }
}

/// An index holding generated articles (built once for the whole binary).
fn generated_index() -> &'static (tempfile::TempDir, DigestIndex) {
    static INDEX: OnceLock<(tempfile::TempDir, DigestIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut runner = TestRunner::deterministic();
        let strategy = prop::collection::vec((text(8), text(120)), 24);
        let articles = strategy.new_tree(&mut runner).unwrap().current();
        let mut lines = String::new();
        for (i, (title, body)) in articles.iter().enumerate() {
            let outlet = ["TASS", "Global Times", "RFA", "CNES", "Xinhua"][i % 5];
            let date = format!("2021-0{}-1{}", 1 + i % 9, i % 10);
            let body = format!("{body} moon lunar station Chang’e-4 U.S.-led {i}.");
            lines.push_str(
                &serde_json::json!({"title": title, "body": body, "outlet": outlet, "date": date})
                    .to_string(),
            );
            lines.push('\n');
        }
        let input = dir.path().join("generated.jsonl");
        std::fs::write(&input, lines).unwrap();
        let index = DigestIndex::open(&dir.path().join("index")).unwrap();
        let opts = IngestOptions {
            threads: 1,
            ..IngestOptions::default()
        };
        digest::index::writer::ingest_paths(&index, &[input], &opts, &mut |_| {}).unwrap();
        index.reload().unwrap();
        (dir, index)
    })
}

/// Queries: words of the corpus, operators, quotes, field prefixes and nasty strings.
fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(str::to_string),
        3 => prop::sample::select(vec![" ", " OR ", " AND ", " NOT ", " -", "(", ")", "\"", "title:", "outlet:tass "])
            .prop_map(str::to_string),
        1 => nasty_string(6),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(200))]

    /// The snippets of real searches over generated articles are well formed, and so are
    /// the hits' articles.
    #[test]
    fn search_snippets_are_well_formed(q in query_text()) {
        if let Some(Ok(results)) = search_generated(&q) {
            for hit in &results.hits {
                assert_snippet(&hit.snippet);
                assert_article(&hit.article);
            }
        }
    }
}

/// The message of tantivy 0.27's debug assertion in `PhraseScorer::seek_danger`, which
/// fires when a phrase is excluded (`NOT "a b"`) although the caller keeps the
/// `seek_danger` contract (tantivy issue #2811). Release builds do not check it.
const TANTIVY_2811: &str = "should be greater than or equal to doc";

/// Searches the generated index for `q`; `None` when tantivy's debug assertion fired
/// (debug builds only); any other panic goes on.
fn search_generated(q: &str) -> Option<digest::Result<SearchResults>> {
    let (_, index) = generated_index();
    let request = SearchRequest {
        query: q.to_string(),
        limit: 20,
        ..SearchRequest::default()
    };
    let run = std::panic::AssertUnwindSafe(|| digest::search::search(index, &request));
    match std::panic::catch_unwind(run) {
        Ok(r) => Some(r),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            if cfg!(debug_assertions) && msg.contains(TANTIVY_2811) {
                None
            } else {
                std::panic::resume_unwind(payload)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Sentences and ingest
// ---------------------------------------------------------------------------------------

fn check_sentences(body: &str) {
    let ranges = split_sentences(body);
    assert_ranges_slice(body, &ranges, "sentence");
    for r in &ranges {
        let s = &body[r.clone()];
        assert_eq!(s, s.trim(), "sentence {r:?} is not trimmed");
        assert!(
            !s.contains(['\n', '\r']),
            "sentence {r:?} crosses a line break: {s:?}"
        );
    }
}

proptest! {
    #![proptest_config(config(800))]

    /// For any body, sentences slice it: within bounds, on char boundaries, in order,
    /// non-overlapping, trimmed, never across a line break.
    #[test]
    fn sentences_slice_the_body(body in text(60)) {
        check_sentences(&body);
    }

    /// The same on arbitrary Unicode strings.
    #[test]
    fn sentences_on_arbitrary_unicode(body in any::<String>()) {
        check_sentences(&body);
    }

    /// Every Sentence of an ingested article slices the article's body, its token
    /// positions rise, and everything ingest stores is terminal-safe.
    #[test]
    fn prepared_articles_are_well_formed(
        title in proptest::option::of(text(6)),
        body in text(80),
        outlet in proptest::option::of(nasty_string(12)),
        date in proptest::option::of(prop_oneof![Just("2021-03-09".to_string()), nasty_string(12)]),
        authors in prop::collection::vec(nasty_string(10), 0..3),
    ) {
        let raw = RawArticle {
            title,
            body,
            outlet,
            date,
            url: Some("https://example.com/\u{1b}]0;x\u{7}".into()),
            via: None,
            language: Some("en\u{202e}".into()),
            authors,
            item: None,
        };
        if let Ok(p) = prepare(raw, origin(), &context()) {
            assert_article(&p.article);
        }
    }

    /// The readers never panic on any text, in any format, and what they read prepares
    /// into well-formed articles.
    #[test]
    fn readers_accept_or_refuse_any_text(s in text(40), json in json_text()) {
        for input in [&s, &json] {
            for format in [Format::Text, Format::Json, Format::JsonLines] {
                if let Ok(items) = read::read(input, format) {
                    for raw in items.into_iter().flatten() {
                        assert!(!raw.body.trim().is_empty(), "an article without a body was read");
                        if let Ok(p) = prepare(raw, origin(), &context()) {
                            assert_article(&p.article);
                        }
                    }
                }
            }
        }
    }
}

/// JSON and JSON Lines articles with nasty field values, sometimes cut short.
fn json_text() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        text(10).prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        prop::collection::vec(text(6), 0..3).prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    let key = prop::sample::select(vec![
        "title",
        "headline",
        "body",
        "paragraphs",
        "text",
        "content",
        "outlet",
        "source",
        "date",
        "published",
        "url",
        "authors",
        "author",
        "language",
        "via",
    ]);
    let object = prop::collection::btree_map(key, value, 0..6).prop_map(|m| {
        serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    });
    (
        prop::collection::vec(object, 0..4),
        any::<bool>(),
        0..100usize,
    )
        .prop_map(|(objects, lines, cut)| {
            let mut s = if lines {
                objects
                    .iter()
                    .map(|o| o.to_string() + "\n")
                    .collect::<String>()
            } else {
                serde_json::Value::Array(objects).to_string()
            };
            if cut > 90 {
                let mut at = s.len() * (cut - 90) / 10;
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                s.truncate(at);
            }
            s
        })
}

// ---------------------------------------------------------------------------------------
// Sanitiser
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(3000))]

    /// The sanitiser's output never holds a control character (C0 but `\n` for
    /// `sanitize`, none at all for `sanitize_inline`; no DEL, no C1, no ESC), a bidi
    /// override or isolate (U+202A–202E, U+2066–2069) or a line/paragraph separator; it is
    /// idempotent; and on text without escape introducers it removes only those.
    #[test]
    fn sanitizer_output_is_terminal_safe(s in text(30)) {
        check_sanitize(&s);
    }

    #[test]
    fn sanitizer_on_arbitrary_unicode(s in any::<String>()) {
        check_sanitize(&s);
    }
}

// ---------------------------------------------------------------------------------------
// Query parser and planner
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(3000))]

    /// The parser returns Ok or Err for any input, never panics; its trees have no
    /// degenerate groups, and planning them (without an index) never panics.
    #[test]
    fn query_parser_never_panics(q in query_text()) {
        check_query(&q);
    }

    #[test]
    fn query_parser_on_arbitrary_unicode(q in any::<String>()) {
        check_query(&q);
    }
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

/// An article for the screen: arbitrary title, body and metadata, not cleaned.
fn screen_article() -> impl Strategy<Value = Article> {
    (
        text(8),
        text(60),
        nasty_string(16),
        proptest::option::of(nasty_string(12)),
        prop::collection::vec(nasty_string(12), 0..3),
        prop::collection::vec(text(6), 0..2),
        nasty_string(20),
    )
        .prop_map(
            |(title, body, outlet_name, date, authors, captions, path)| {
                let mut a = raw_article(&title, &body);
                a.outlet = digest::outlets::slug(&outlet_name);
                a.outlet_name = outlet_name;
                a.date = date;
                a.authors = authors;
                a.captions = captions;
                a.url = Some(format!("https://example.com/{path}"));
                a.via = Some(path.clone());
                a.provenance.insert("title".into(), path.clone());
                a.origins = vec![Origin {
                    path,
                    item: Some(3),
                    hash: "0".repeat(16),
                    added: None,
                }];
                a
            },
        )
}

/// Draws the app at its size; every cell is terminal-safe.
fn draw(app: &App) {
    let t = crate::util::tui::render(app);
    let buf = t.backend().buffer();
    for cell in &buf.content {
        assert_terminal_safe(cell.symbol(), true, "a screen cell");
    }
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (1..=300u16, 1..=100u16),
        1 => (1..=30u16, 1..=12u16),
    ]
}

proptest! {
    #![proptest_config(config(150))]

    /// Drawing the list (with its preview), the outlet picker, the reader (scrolled, at a
    /// match) and the help at any size from 1×1 to 300×100, and again after a resize, never
    /// panics, and no control character, escape or bidi control reaches a screen cell.
    #[test]
    fn rendering_never_panics(
        articles in prop::collection::vec(screen_article(), 1..3),
        query in query_text(),
        (w, h) in size(),
        (w2, h2) in size(),
    ) {
        let outlets = articles
            .iter()
            .map(|a| digest::index::OutletSummary {
                id: a.outlet.clone(),
                name: a.outlet_name.clone(),
                articles: 1,
                first: a.date.clone(),
                last: a.date.clone(),
            })
            .collect();
        let info = IndexInfo { articles: articles.len(), outlets };
        let mut app = App::new(Theme::colored(), info, Rect::new(0, 0, w, h));
        draw(&app);
        update(&mut app, Action::Paste(query.clone()));
        let generation = app
            .take_requests()
            .into_iter()
            .filter_map(|r| match r {
                Request::Search { ticket, .. } => Some(ticket),
                _ => None,
            })
            .next_back();
        let phrases: Vec<Vec<String>> = query
            .split_whitespace()
            .map(|w| Analyzer.terms(w))
            .filter(|p| !p.is_empty())
            .collect();
        let hits: Vec<Hit> = articles
            .into_iter()
            .enumerate()
            .map(|(i, article)| {
                let positions: Vec<(usize, Vec<u32>)> =
                    (0..phrases.len()).map(|p| (p, vec![i as u32, 3])).collect();
                let snippet = snippet::build(&article, &positions, &phrases);
                Hit { rank: i + 1, score: 1.0, article, snippet }
            })
            .collect();
        if let Some(generation) = generation {
            let total = hits.len();
            app.answer(Answer::Results {
                ticket: generation,
                outcome: Ok(SearchResults { query: query.clone(), total, hits, elapsed: Default::default() }),
            });
        }
        draw(&app);
        update(&mut app, Action::FocusList);
        update(&mut app, Action::Down);
        draw(&app);
        update(&mut app, Action::OpenOutlets);
        draw(&app);
        update(&mut app, Action::Back);
        update(&mut app, Action::Up);
        update(&mut app, Action::Open);
        draw(&app);
        for a in [Action::NextMatch, Action::PageDown, Action::Bottom] {
            update(&mut app, a);
            draw(&app);
        }
        update(&mut app, Action::Resize(w2, h2));
        draw(&app);
        update(&mut app, Action::Help);
        draw(&app);
        update(&mut app, Action::Back);
        update(&mut app, Action::Back);
        draw(&app);
    }
}

// ---------------------------------------------------------------------------------------
// Regressions: inputs the properties and fuzz targets found
// ---------------------------------------------------------------------------------------

/// `split_sentences` took the byte after the last white space before an abbreviation as
/// one byte on: a no-break space (U+00A0) or an en quad (U+2000) before `Mr.` made it
/// slice inside that character and panic, and so did ingest on such an article.
#[test]
fn regression_multibyte_space_before_an_abbreviation() {
    for body in [
        "A\u{2000}Mr. International Lunar Research Station",
        "⁴\u{2000}.",
        "\u{300}\u{a0}. ϒ",
        "Talks with\u{a0}Dr. Wang ended on\u{a0}Oct. 4, 2018. Then\u{3000}U.S. officials left.",
    ] {
        check_sentences(body);
        let raw = RawArticle {
            body: body.to_string(),
            ..RawArticle::default()
        };
        if let Ok(p) = prepare(raw, origin(), &context()) {
            assert_article(&p.article);
        }
    }
    let body = "Talks with\u{a0}Dr. Wang ended.";
    let s: Vec<&str> = split_sentences(body)
        .into_iter()
        .map(|r| &body[r])
        .collect();
    assert_eq!(
        s,
        vec![body],
        "the title still joins across a no-break space"
    );
}

/// NFKC turns compatibility forms of spacing marks into a space and a combining mark
/// (`ﹲ` U+FE72 → ` ٌ`): the analyzer made the term `" "` of them. A segment whose only
/// letters were combining marks (`!` and a Kharoshthi vowel sign) made the term `"!"`.
#[test]
fn regression_terms_hold_no_space_and_no_lone_punctuation() {
    assert_eq!(Analyzer.terms("ﹲ"), Vec::<String>::new());
    assert_eq!(Analyzer.terms("ﹰ"), Vec::<String>::new());
    assert_eq!(Analyzer.terms("!\u{10a05}"), Vec::<String>::new());
    assert_eq!(
        Analyzer.terms("\u{627}\u{fe72}"),
        vec!["\u{627}".to_string()]
    );
    check_analyzer("ﹲ ﹰ !\u{10a05} \u{627}\u{fe72}");
    check_idempotent("ﹲ ﹰ !\u{10a05} \u{627}\u{fe72}");
}

/// `normalize_word` dropped one `'s` only, so normalising `a's's` twice changed it again.
#[test]
fn regression_normalize_word_is_idempotent_on_double_possessives() {
    let mut once = String::new();
    let mut twice = String::new();
    for w in ["a's's", "countries's'", "it's'", "Chang’e's"] {
        normalize_word(w, &mut once);
        normalize_word(&once, &mut twice);
        assert_eq!(once, twice, "{w}");
    }
    normalize_word("China’s", &mut once);
    assert_eq!(once, "china");
}

/// Why the idempotence property stops before stemming: Snowball stems are not fixed
/// points. The stemmer cuts `chang'e` to `chang'` (kept apart from `change` → `chang`);
/// typed back, `chang'` reads as a plural possessive.
#[test]
fn regression_stems_are_not_fixed_points() {
    assert_eq!(Analyzer.terms("Chang’e-4"), vec!["chang'", "4"]);
    assert_eq!(Analyzer.terms("chang'"), vec!["chang"]);
    assert_eq!(Analyzer.terms("Chinese"), vec!["chines"]);
    assert_eq!(Analyzer.terms("chines"), vec!["chine"]);
    check_idempotent("Chang’e-4 Chinese launchinge\u{301}");
}

/// A query excluding a phrase (`NOT a␎station` analyses to `NOT "a station"`) over the
/// generated articles trips tantivy's debug assertion (tantivy #2811); release builds
/// answer it.
#[test]
fn regression_excluded_phrase() {
    for q in [
        " NOT a\u{e}station",
        "moon -\"lunar station\"",
        "NOT \"a station\"",
    ] {
        match search_generated(q) {
            Some(r) => {
                for hit in &r.unwrap().hits {
                    assert_snippet(&hit.snippet);
                }
            }
            // Only debug builds check tantivy's assertion.
            None if cfg!(debug_assertions) => {}
            None => panic!("tantivy #2811 in a release build"),
        }
    }
}

/// A grapheme that starts with a space and goes on (` \u{301}`, a space and a combining
/// mark; ` 𑤰`, a space and a Dives Akuru vowel sign) at a line break: the reader's body
/// layout counted the space as dropped although the wrapper kept it, and sliced the
/// line inside the next character (found by `rendering_never_panics` at 1×1).
#[test]
fn regression_reader_wrap_on_combining_marks() {
    use digest::tui::ui::document::{Mode, layout};
    for (body, width) in [
        ("ab \u{301}嫦娥", 2),
        ("moon \u{11930}\u{1820}", 1),
        ("moon  \u{300}\u{1fa70}", 1),
    ] {
        let a = raw_article("t", body);
        for w in [width, 1, 2, 3, 4] {
            for mode in [Mode::Full, Mode::Preview] {
                layout(
                    &a,
                    &Default::default(),
                    &Theme::colored(),
                    w,
                    mode,
                    usize::MAX,
                );
            }
        }
    }
}

/// U+02BC (ʼ) is a letter to UAX #29, so `a0ʼmoon` is one word; the analyzer folded it to
/// `'`, and the term `a0'moon`, typed back, was the two words `a0` and `moon`.
#[test]
fn regression_letter_apostrophe_next_to_a_digit() {
    assert_eq!(Analyzer.terms("a0ʼmoon"), vec!["a0ʼmoon"]);
    check_idempotent("a0ʼmoon 1ʼa aʼ1");
    // Between letters it is an apostrophe like any other.
    assert_eq!(Analyzer.terms("Changʼe"), Analyzer.terms("Chang’e"));
    assert_eq!(Analyzer.terms("countriesʼ"), Analyzer.terms("countries"));
}

/// Invisible characters a word carries along (a bidi embedding, a soft hyphen, a word
/// joiner, a zero-width non-joiner) stayed in its term: the term `\u{202a}a` analysed
/// again was `a`, and `inter\u{ad}national` did not find `international`. The zero
/// width joiner stays: `א\u{200d}🐀` is one word, `א🐀` two.
#[test]
fn regression_invisible_characters_leave_terms() {
    check_idempotent("ʼ\u{202a}a א\u{200d}🐀 乧\u{200d}🛴 a\u{200d}");
    for w in [
        "inter\u{ad}national",
        "inter\u{2060}national",
        "inter\u{200c}national",
        "international\u{fe0f}",
    ] {
        assert_eq!(Analyzer.terms(w), Analyzer.terms("international"), "{w:?}");
    }
}

/// A query nested thousands deep (`((((…moon…))))`, `NOT NOT … moon`, `-(-(…`) overflowed
/// the stack and aborted the process — from the reader, a paste into the search line
/// would have killed it with the terminal still in raw mode. Nesting now stops at
/// `query::MAX_DEPTH`; at that depth a search runs on a thread with the 2 MiB stack the
/// reader's search worker has.
#[test]
fn regression_deeply_nested_queries() {
    let d = query::MAX_DEPTH;
    for n in [d + 1, 1_000, 100_000] {
        for q in [
            format!("{}moon{}", "(".repeat(n), ")".repeat(n)),
            format!("{}moon", "NOT ".repeat(n)),
            format!("{}moon", "-(".repeat(n)),
        ] {
            assert!(query::parse(&q).is_err());
            check_query(&q);
        }
    }
    let deepest = [
        format!("{}moon{}", "(".repeat(d), ")".repeat(d)),
        format!("{}moon", "NOT ".repeat(d)),
        format!(
            "{}\"lunar station\" OR moon{}",
            "-(".repeat(d / 2),
            ")".repeat(d / 2)
        ),
        format!("{}moon lunar{}", "(NOT ".repeat(d / 2), ")".repeat(d / 2)),
    ];
    generated_index();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            for q in &deepest {
                check_query(q);
                search_generated(q);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

/// What normalising leaves at the edge of a word stayed in its term: `ʼ🏻a` (an
/// apostrophe-letter, a skin tone modifier, `a`) gave the term `🏻a`, which analysed
/// again is `a`; `ﾠ:𖼀` (an invisible Hangul filler, `:`, a Miao letter) gave `:𖼀`.
#[test]
fn regression_no_punctuation_at_the_edges_of_terms() {
    assert_eq!(Analyzer.terms("ʼ🏻a"), vec!["a"]);
    assert_eq!(Analyzer.terms("ﾠ:𖼀"), vec!["𖼀"]);
    check_idempotent("ʼ🏻a ﾠ:𖼀 a🏻 x’s🏻");
}

proptest! {
    #![proptest_config(config(500))]

    /// The packed sentence table the index stores gives back every sentence as it was,
    /// in any order and with any offsets, and reading a table that is not one (damaged,
    /// or any other text) fails without a panic.
    #[test]
    fn packed_sentence_tables_read_back_as_written(
        table in prop::collection::vec(
            (any::<u32>(), any::<u32>(), any::<u32>(), prop::collection::vec(any::<u16>(), 0..4)),
            0..40,
        ),
        junk in prop_oneof![
            text(30),
            prop::collection::vec(any::<i64>(), 0..20).prop_map(|v| format!("{v:?}")),
        ],
    ) {
        let sentences: Vec<Sentence> = table
            .into_iter()
            .map(|(start, end, token, entities)| Sentence { start, end, token, entities })
            .collect();
        let packed = digest::index::pack_sentences(&sentences);
        prop_assert_eq!(digest::index::unpack_sentences(&packed), Some(sentences));
        let _ = digest::index::unpack_sentences(&junk);
    }
}
