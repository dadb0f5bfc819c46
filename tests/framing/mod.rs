//! Framing: events across outlets (`digest events`) and per-outlet comparisons
//! (`digest compare`), on the bundled corpus — where a reader can check every claim
//! against the five articles — and on small fixtures (`tests/fixtures/framing/`) that
//! each isolate one rule of the event method: shared names and dates, the time window,
//! two outlets at least, the missing list, relative dates, and hostile text.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use digest::framing::tone::{density, normalize};
use digest::framing::{self, CompareOptions, Comparison, Event, EventOptions, OutletColumn};
use digest::index::DigestIndex;
use serde_json::Value;

use crate::util::{BUNDLED, Digest, Run, fixture, forbidden_chars};

mod background;
mod real;
mod signals;

// ---------------------------------------------------------------------------------------
// Helpers

/// The outlet ids of the bundled corpus.
const BUNDLED_OUTLETS: [&str; 5] = ["cnes", "gt", "rfa", "tass", "unattributed"];

/// The bundled file of an outlet.
fn bundled_file(outlet: &str) -> &'static str {
    BUNDLED
        .iter()
        .find(|(_, o, _)| *o == outlet)
        .map(|(f, _, _)| *f)
        .unwrap()
}

/// The display name of a bundled outlet.
fn outlet_name(id: &str) -> &'static str {
    match id {
        "rfa" => "Radio Free Asia",
        "gt" => "Global Times",
        "tass" => "TASS",
        "cnes" => "CNES",
        "unattributed" => "Unattributed",
        _ => panic!("not a bundled outlet: {id}"),
    }
}

/// The line the human output prints for outlets that did not cover a story.
fn missing_line(missing: &[String]) -> String {
    let names: Vec<&str> = missing.iter().map(|o| outlet_name(o)).collect();
    format!("missing: {}", names.join(", "))
}

/// Events found by the library on a copy of the bundled index (computed once).
fn bundled_events() -> &'static [Event] {
    static EVENTS: OnceLock<Vec<Event>> = OnceLock::new();
    EVENTS.get_or_init(|| {
        let d = Digest::bundled();
        let index = DigestIndex::open(&d.index).expect("open bundled index");
        framing::events(&index, &EventOptions::default()).expect("events")
    })
}

/// The one bundled event whose articles include the bundled article of every outlet in
/// `with` and of none in `not`.
#[track_caller]
fn bundled_event_with<'a>(events: &'a [Event], with: &[&str], not: &[&str]) -> &'a Event {
    let found: Vec<&Event> = events
        .iter()
        .filter(|e| {
            with.iter()
                .all(|o| e.articles.iter().any(|a| a.source == bundled_file(o)))
                && not
                    .iter()
                    .all(|o| e.articles.iter().all(|a| a.source != bundled_file(o)))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one event with the articles of {with:?} and not {not:?}: {events:#?}"
    );
    found[0]
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    items.into_iter().collect()
}

/// A sandbox whose index holds exactly the fixture directory `tests/fixtures/framing/NAME`
/// (no bundled corpus).
fn fixture_sandbox(name: &str) -> Digest {
    let d = Digest::new();
    let s = d.ingest([
        "--no-bundled",
        fixture(&format!("framing/{name}")).to_str().unwrap(),
    ]);
    assert_eq!(s.skipped, 0, "{}", s.text);
    assert!(s.added >= 2, "{}", s.text);
    d
}

/// `digest events --json`: checks the exit code (0 with events, 1 without) and the
/// document's shape, and returns the events.
#[track_caller]
fn events_json(d: &Digest) -> Vec<Value> {
    let r = d.run(["events", "--json"]);
    assert!(r.code == 0 || r.code == 1, "events --json failed: {r:#?}");
    assert!(r.stderr.is_empty(), "{r:#?}");
    let doc: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("events --json: {e}\n{}", r.stdout));
    let keys: Vec<&str> = doc
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["events"], "{}", r.stdout);
    let events = doc["events"].as_array().expect("events array").clone();
    assert_eq!(
        r.code,
        if events.is_empty() { 1 } else { 0 },
        "exit code must say whether an event was found: {r:#?}"
    );
    let outlets: BTreeSet<String> = d.outlets().into_iter().map(|o| o.id).collect();
    for e in &events {
        check_event_shape(e, &outlets);
    }
    events
}

/// The fields of one event of `digest events --json`, and what they promise.
#[track_caller]
fn check_event_shape(e: &Value, corpus_outlets: &BTreeSet<String>) {
    for k in [
        "id", "label", "date", "outlets", "articles", "passages", "missing",
    ] {
        assert!(e.get(k).is_some(), "event without {k:?}: {e:#}");
    }
    let id = e["id"].as_str().expect("id is a string");
    assert!(
        id.len() >= 5 && id.starts_with('e') && id[1..].bytes().all(|b| b.is_ascii_hexdigit()),
        "id is `e` and hex digits: {e:#}"
    );
    assert!(!e["label"].as_str().expect("label").is_empty(), "{e:#}");
    let date = e["date"].as_str().expect("date is a string here");
    assert!(
        regex::Regex::new(r"^\d{4}-\d\d(-\d\d)?$")
            .unwrap()
            .is_match(date),
        "{e:#}"
    );
    let outlets = strings(&e["outlets"]);
    let missing = strings(&e["missing"]);
    assert!(outlets.len() >= 2, "an event needs two outlets: {e:#}");
    let covered: BTreeSet<&str> = outlets.iter().map(String::as_str).collect();
    assert_eq!(covered.len(), outlets.len(), "outlets repeat: {e:#}");
    let lacking: BTreeSet<&str> = missing.iter().map(String::as_str).collect();
    assert!(covered.is_disjoint(&lacking), "{e:#}");
    assert_eq!(
        lacking.len(),
        missing.len(),
        "missing outlets repeat: {e:#}"
    );
    let corpus: BTreeSet<&str> = corpus_outlets.iter().map(String::as_str).collect();
    assert!(
        lacking.is_subset(&corpus),
        "missing outlets are outlets of the corpus: {e:#}"
    );
    let articles = e["articles"].as_array().expect("articles");
    assert!(articles.len() >= outlets.len(), "{e:#}");
    for a in articles {
        for k in ["id", "title", "outlet", "outlet_name", "source"] {
            assert!(
                a[k].as_str().is_some_and(|s| !s.is_empty()),
                "article without {k:?}: {a:#}"
            );
        }
        assert!(
            covered.contains(a["outlet"].as_str().unwrap()),
            "an article of an outlet the event does not list: {e:#}"
        );
    }
    let article_outlets: BTreeSet<&str> = articles
        .iter()
        .map(|a| a["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(article_outlets, covered, "{e:#}");
    let passages = e["passages"].as_u64().expect("passages is a number");
    assert!(
        passages as usize >= outlets.len(),
        "each outlet tells it in a passage at least: {e:#}"
    );
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// `digest compare ARGS... --json`; returns the run and the document.
#[track_caller]
fn compare_json(d: &Digest, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["compare"];
    all.extend_from_slice(args);
    all.push("--json");
    let r = d.run(&all);
    assert!(r.code == 0 || r.code == 1, "compare failed: {r:#?}");
    let doc: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("compare --json: {e}\n{}", r.stdout));
    let outlets = doc["outlets"].as_array().expect("outlets array");
    assert_eq!(
        r.code,
        if outlets.is_empty() { 1 } else { 0 },
        "exit code must say whether anything was found: {r:#?}"
    );
    (r, doc)
}

/// The highlighted words of a passage; checks the ranges are sorted, non-empty,
/// non-overlapping byte ranges on char boundaries of the passage text.
#[track_caller]
fn highlighted(p: &framing::Passage) -> Vec<&str> {
    let mut last = 0;
    p.highlights
        .iter()
        .map(|r| {
            assert!(r.start < r.end, "empty highlight: {p:#?}");
            assert!(
                r.start >= last,
                "unsorted or overlapping highlights: {p:#?}"
            );
            last = r.end;
            p.text
                .get(r.clone())
                .unwrap_or_else(|| panic!("{r:?} is not a char-boundary range: {p:#?}"))
        })
        .collect()
}

#[track_caller]
fn column<'a>(c: &'a Comparison, outlet: &str) -> &'a OutletColumn {
    c.outlets
        .iter()
        .find(|col| col.outlet == outlet)
        .unwrap_or_else(|| panic!("no {outlet} column: {c:#?}"))
}

/// `(form, count)` of how a column names one entity.
fn forms(col: &OutletColumn, entity: &str) -> Vec<(String, usize)> {
    col.naming
        .get(entity)
        .map(|n| n.forms.iter().map(|f| (f.form.clone(), f.count)).collect())
        .unwrap_or_default()
}

/// A comparison of the bundled corpus by the library (each call on its own copy).
fn bundled_compare(f: impl FnOnce(&DigestIndex) -> Comparison) -> Comparison {
    let d = Digest::bundled();
    let index = DigestIndex::open(&d.index).expect("open bundled index");
    f(&index)
}

/// The bytes a terminal would act on (ESC, BEL, C1 controls, bidi overrides).
#[track_caller]
fn assert_terminal_safe(what: &str, r: &Run) {
    for (name, bytes) in [
        ("stdout", &r.raw),
        ("stderr", &r.stderr.as_bytes().to_vec()),
    ] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0x07),
            "{what}: ESC or BEL on {name}: {r:#?}"
        );
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains('\u{202e}'),
            "{what}: U+202E on {name}: {r:#?}"
        );
        assert_eq!(forbidden_chars(&text), vec![], "{what}: {name}: {r:#?}");
    }
}

// ---------------------------------------------------------------------------------------
// A. Events of the bundled corpus

/// Issue 18: an article belongs to at most one event, and an event is what outlets
/// report within a day of its first report. The five bundled articles span 27 months
/// (RFA January 2019, Global Times 18 February 2021, CNES and the commentary March
/// 2021, TASS 27 April 2021): the two March pieces, both on the ILRS memorandum, are
/// the one event; the others were published weeks apart from it.
#[test]
fn bundled_corpus_has_one_event_the_two_march_2021_pieces_on_the_memorandum() {
    let events = bundled_events();
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = bundled_event_with(events, &["cnes", "unattributed"], &["gt", "tass", "rfa"]);
    assert_eq!(
        set(e.outlets.iter().map(String::as_str)),
        set(["cnes", "unattributed"]),
        "{e:#?}"
    );
    // Dated by its first report (both are dated to the month).
    assert_eq!(e.date.as_deref(), Some("2021-03"), "{e:#?}");
    for a in &e.articles {
        assert!(!a.id.is_empty() && !a.title.is_empty(), "{a:#?}");
        assert_eq!(a.source, bundled_file(&a.outlet), "{a:#?}");
    }
    // The label is one of its headlines, as written.
    assert!(
        e.articles.iter().any(|a| a.title == e.label),
        "the label is a headline: {e:#?}"
    );
    // What the two share: the memorandum on the ILRS.
    assert!(
        e.keys
            .iter()
            .any(|k| k == "e:ilrs-mou" || k == "memorandum"),
        "{e:#?}"
    );
    assert!(
        e.anchors
            .iter()
            .any(|a| a.contains("International Lunar Research Station")),
        "{e:#?}"
    );
    // Nobody else published within a week of it: no outlet was expected to.
    assert_eq!(e.missing, Vec::<String>::new(), "{e:#?}");
    assert!(e.passages >= 2, "{e:#?}");
    assert_eq!(e.members.len(), e.passages, "{e:#?}");
    // Every passage is a sentence of one of its articles.
    for (id, _) in &e.members {
        assert!(e.articles.iter().any(|a| &a.id == id), "{e:#?}");
    }
}

/// `(id, date, outlets, missing, passages)` of an event.
type EventSummary<'a> = (&'a str, &'a str, Vec<String>, Vec<String>, u64);

#[test]
fn events_json_matches_the_library_and_has_the_documented_shape() {
    let d = Digest::bundled();
    let events = events_json(&d);
    let lib = bundled_events();
    let got: Vec<EventSummary> = events
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap(),
                e["date"].as_str().unwrap(),
                strings(&e["outlets"]),
                strings(&e["missing"]),
                e["passages"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<EventSummary> = lib
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.date.as_deref().unwrap(),
                e.outlets.clone(),
                e.missing.clone(),
                e.passages as u64,
            )
        })
        .collect();
    assert_eq!(got, want);
    let memo = events
        .iter()
        .find(|e| e["date"] == "2021-03")
        .expect("the memorandum event");
    let articles = memo["articles"].as_array().unwrap();
    let cnes = articles
        .iter()
        .find(|a| a["outlet"] == "cnes")
        .expect("CNES article");
    assert_eq!(cnes["source"], "004_12bc2d6dd8c64ff7.txt", "{cnes:#}");
    assert_eq!(cnes["outlet_name"], "CNES", "{cnes:#}");
    assert_eq!(cnes["date"], "2021-03", "{cnes:#}");
    assert!(
        cnes["title"]
            .as_str()
            .unwrap()
            .contains("partner for the moon"),
        "{cnes:#}"
    );
}

#[test]
fn event_ids_are_stable_and_a_unique_prefix_selects_the_event() {
    let d = Digest::bundled();
    let first: Vec<String> = events_json(&d)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let second: Vec<String> = events_json(&d)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(first, second, "two runs on one index");
    // An index seeded on its own, by `digest events` itself.
    let fresh = Digest::new();
    let third: Vec<String> = events_json(&fresh)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(first, third, "a freshly seeded index");

    let human = d.run(["events"]);
    assert_eq!(human.code, 0, "{human:#?}");
    for id in &first {
        assert!(human.stdout.contains(id.as_str()), "{human:#?}");
    }
    for e in bundled_events() {
        assert_eq!(
            human.stdout.contains("missing:"),
            !e.missing.is_empty(),
            "{human:#?}"
        );
    }
    assert!(human.stdout.trim_end().ends_with("1 event"), "{human:#?}");

    let id = &first[0];
    let prefix = &id[..5];
    assert_eq!(
        first.iter().filter(|i| i.starts_with(prefix)).count(),
        1,
        "the prefix is unique"
    );
    let (_, by_prefix) = compare_json(&d, &["--event", prefix]);
    assert_eq!(by_prefix["event"], id.as_str(), "{by_prefix:#}");
    let (_, by_id) = compare_json(&d, &["--event", id]);
    assert_eq!(
        by_prefix, by_id,
        "a prefix and the full id compare the same event"
    );

    // `-n 0` keeps none of them, and says how many there are.
    let none = d.run(["events", "-n", "0"]);
    assert!(!none.stdout.contains(id.as_str()), "{none:#?}");
    assert!(none.stdout.contains("0 of 1 events"), "{none:#?}");
}

#[test]
fn compare_with_an_unknown_event_id_is_an_error_that_points_to_digest_events() {
    let d = Digest::bundled();
    for id in ["e0000000", "zzzzz", "not-an-event"] {
        let r = d.run(["compare", "--event", id]);
        // An unknown id is "nothing found" (exit 1), as for `show`.
        assert_eq!(r.code, 1, "{r:#?}");
        assert!(r.stdout.is_empty(), "{r:#?}");
        assert!(r.stderr.contains("digest events"), "{r:#?}");
        assert!(r.stderr.contains(id), "the message names the id: {r:#?}");
    }
}

// ---------------------------------------------------------------------------------------
// B. Comparisons of the bundled corpus

fn memorandum_comparison() -> &'static Comparison {
    static C: OnceLock<Comparison> = OnceLock::new();
    C.get_or_init(|| {
        let id = bundled_event_with(bundled_events(), &["unattributed"], &[])
            .id
            .clone();
        bundled_compare(|index| {
            framing::compare_event(index, &id, &CompareOptions::default()).expect("compare")
        })
    })
}

#[test]
fn compare_event_has_a_column_per_covering_outlet_with_memorandum_passages() {
    let c = memorandum_comparison();
    let e = bundled_event_with(bundled_events(), &["unattributed"], &[]);
    assert_eq!(c.event.as_deref(), Some(e.id.as_str()));
    assert_eq!(c.label, e.label);
    // One column per outlet of the event, in the event's order (earliest report first).
    let cols: Vec<&str> = c.outlets.iter().map(|col| col.outlet.as_str()).collect();
    assert_eq!(cols, e.outlets, "{c:#?}");
    assert!(cols.len() >= 2, "{c:#?}");
    assert_eq!(c.missing, e.missing, "{c:#?}");
    for col in &c.outlets {
        assert_eq!(col.articles.len(), 1, "{col:#?}");
        assert_eq!(col.articles[0].source, bundled_file(&col.outlet));
        let memo: Vec<&framing::Passage> = col
            .passages
            .iter()
            .filter(|p| p.text.to_lowercase().contains("memorandum"))
            .collect();
        assert!(
            !memo.is_empty(),
            "{}: no passage about the memorandum: {col:#?}",
            col.outlet
        );
        for p in &col.passages {
            assert_eq!(p.source, bundled_file(&col.outlet), "{p:#?}");
            assert_eq!(p.article, col.articles[0].id, "{p:#?}");
            let words = highlighted(p);
            assert!(
                !words.is_empty(),
                "an event passage shows its anchors: {p:#?}"
            );
        }
        for p in &memo {
            let words = highlighted(p);
            assert!(
                words
                    .iter()
                    .any(|w| w.to_lowercase().contains("memorandum")),
                "{}: the memorandum is highlighted: {words:?} in {p:#?}",
                col.outlet
            );
            assert!(
                !p.shared_with.is_empty(),
                "{}: the signing is told by the others too: {p:#?}",
                col.outlet
            );
            assert!(!p.shared_with.contains(&col.outlet), "{p:#?}");
            for o in &p.shared_with {
                assert!(cols.contains(&o.as_str()), "{o} is not a column: {p:#?}");
            }
        }
    }
}

#[test]
fn compare_event_naming_voices_and_tone_describe_each_outlet() {
    let c = memorandum_comparison();
    let unattributed = column(c, "unattributed");
    let china = forms(unattributed, "china");
    assert_eq!(
        china.first().map(|f| f.0.as_str()),
        Some("Chinese Communist Party"),
        "the commentary names China by its party first: {china:?}"
    );
    assert!(china.iter().any(|f| f.0 == "China"), "{china:?}");
    // TASS reported in April, apart from the event: compare it on the story's words.
    let q = bundled_compare(|index| {
        framing::compare_query(index, "lunar station", &CompareOptions::default()).expect("compare")
    });
    let tass = column(&q, "tass");
    assert_eq!(
        forms(tass, "china").first().map(|f| f.0.as_str()),
        Some("China"),
        "{:?}",
        forms(tass, "china")
    );
    assert!(
        !forms(tass, "china")
            .iter()
            .any(|f| f.0 == "Chinese Communist Party"),
        "{tass:#?}"
    );
    for col in &c.outlets {
        for (id, n) in &col.naming {
            assert!(!n.forms.is_empty(), "{}: {id}: {n:#?}", col.outlet);
            assert!(
                n.forms.windows(2).all(|w| w[0].count >= w[1].count),
                "most used form first: {n:#?}"
            );
        }
    }

    let wang = tass
        .voices
        .iter()
        .find(|v| v.name == "Wang Wenbin")
        .unwrap_or_else(|| panic!("TASS quotes Wang Wenbin: {:#?}", tass.voices));
    assert_eq!(wang.kind, "person", "{wang:#?}");
    assert!(
        wang.role
            .as_deref()
            .is_some_and(|r| r.contains("Spokesperson")),
        "{wang:#?}"
    );
    assert!(wang.count >= 1 && !wang.text.is_empty(), "{wang:#?}");
    assert_eq!(wang.article, tass.articles[0].id, "{wang:#?}");

    for col in &c.outlets {
        let t = &col.tone;
        let sum: f64 = t.words.iter().map(|w| w.valence * w.count as f64).sum();
        assert!(
            (sum - t.sum).abs() < 1e-9,
            "{}: Σ valence×count = {sum}, tone.sum = {}",
            col.outlet,
            t.sum
        );
        assert!((-1.0..=1.0).contains(&t.score), "{}: {t:#?}", col.outlet);
        assert!(
            (t.score - normalize(density(t.sum, t.word_count))).abs() < 1e-9,
            "{}: the score is the normalised density of the sum: {t:#?}",
            col.outlet
        );
        assert!(t.word_count > 50, "{}: {t:#?}", col.outlet);
        assert!(!t.words.is_empty(), "{}: {t:#?}", col.outlet);
    }
}

#[test]
fn compare_event_json_matches_the_library() {
    let d = Digest::bundled();
    let c = memorandum_comparison();
    let id = c.event.clone().unwrap();
    let (_, doc) = compare_json(&d, &["--event", &id]);
    assert_eq!(doc["event"], id.as_str());
    assert!(doc.get("query").is_none(), "{doc:#}");
    assert_eq!(doc["label"], c.label.as_str());
    assert_eq!(strings(&doc["missing"]), c.missing);
    let cols = doc["outlets"].as_array().unwrap();
    assert_eq!(cols.len(), c.outlets.len());
    for (j, col) in cols.iter().zip(&c.outlets) {
        assert_eq!(j["outlet"], col.outlet.as_str());
        for k in [
            "outlet_name",
            "articles",
            "passages",
            "naming",
            "voices",
            "distinctive_terms",
            "tone",
        ] {
            assert!(j.get(k).is_some(), "column without {k}: {j:#}");
        }
        let passages = j["passages"].as_array().unwrap();
        assert_eq!(passages.len(), col.passages.len());
        for (jp, p) in passages.iter().zip(&col.passages) {
            assert_eq!(jp["text"], p.text.as_str());
            let ranges: Vec<[usize; 2]> = serde_json::from_value(jp["highlights"].clone())
                .expect("highlights are [start, end] pairs");
            let want: Vec<[usize; 2]> = p.highlights.iter().map(|r| [r.start, r.end]).collect();
            assert_eq!(ranges, want);
            assert_eq!(strings(&jp["shared_with"]), p.shared_with);
        }
    }
}

#[test]
fn compare_event_human_output_has_a_section_per_outlet() {
    let d = Digest::bundled();
    let id = memorandum_comparison().event.clone().unwrap();
    let r = d.run(["compare", "--event", &id]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stderr.is_empty(), "{r:#?}");
    assert!(
        !r.raw.contains(&0x1b),
        "no colour when stdout is a pipe: {r:#?}"
    );
    let out = &r.stdout;
    assert!(out.starts_with(&format!("event {id}: ")), "{out}");
    let c = memorandum_comparison();
    assert_eq!(
        out.contains(&missing_line(&c.missing)),
        !c.missing.is_empty(),
        "{out}"
    );
    // A section per column, in column order.
    let mut at = 0;
    for col in &c.outlets {
        let header = format!("\n── {} (", outlet_name(&col.outlet));
        let found = out[at..]
            .find(&header)
            .unwrap_or_else(|| panic!("no section {header:?} after byte {at}:\n{out}"));
        at += found + header.len();
    }
    for o in &c.missing {
        assert!(!out.contains(&format!("── {}", outlet_name(o))), "{out}");
    }
    for word in ["passages", "naming", "voices", "tone"] {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(word)),
            "no {word:?} line:\n{out}"
        );
    }
    assert!(out.contains("Chinese Communist Party"), "{out}");
}

#[test]
fn compare_query_far_side_covers_every_outlet_that_mentions_the_far_side() {
    let d = Digest::bundled();
    for q in ["far side", "dark side"] {
        let (r, doc) = compare_json(&d, &[q]);
        assert_eq!(r.code, 0, "{r:#?}");
        assert_eq!(doc["query"], q);
        assert!(doc.get("event").is_none(), "{doc:#}");
        let cols: BTreeSet<&str> = doc["outlets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["outlet"].as_str().unwrap())
            .collect();
        // data/entities.json makes "far side" and "dark side" forms of one place: RFA
        // writes "far side of the moon", Global Times "dark side of moon", CNES "dark side".
        assert_eq!(cols, set(["rfa", "gt", "cnes"]), "{q}: {doc:#}");
        let missing: BTreeSet<String> = strings(&doc["missing"]).into_iter().collect();
        assert_eq!(
            missing,
            BTreeSet::from(["tass".to_string(), "unattributed".to_string()]),
            "{q}"
        );
        for col in doc["outlets"].as_array().unwrap() {
            let text: Vec<&str> = col["passages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["text"].as_str().unwrap())
                .collect();
            assert!(
                text.iter().any(|t| {
                    let t = t.to_lowercase();
                    t.contains("far side") || t.contains("dark side")
                }),
                "{q}: {}: no passage names the far side: {text:#?}",
                col["outlet"]
            );
        }
    }
}

#[test]
fn compare_query_passages_are_the_sentences_that_match_the_query() {
    // Each query with what every passage must mention (a form or reference of the
    // entity in data/entities.json).
    let cases: [(&str, &[&str]); 2] = [
        ("far side", &["far side", "dark side"]),
        ("Roscosmos", &["roscosmos", "space agency"]),
    ];
    for (q, mentions) in cases {
        let c = bundled_compare(|index| {
            framing::compare_query(index, q, &CompareOptions::default()).expect("compare")
        });
        assert!(!c.outlets.is_empty(), "{q}");
        for col in &c.outlets {
            for p in &col.passages {
                let words = highlighted(p);
                let lower = p.text.to_lowercase();
                assert!(
                    mentions.iter().any(|m| lower.contains(m)),
                    "{q}: {}: a passage that does not mention it (highlighted {words:?}): \
                     {p:#?}",
                    col.outlet
                );
                for w in &words {
                    assert!(
                        !["the", "of", "of the", "for", "states"]
                            .contains(&w.to_lowercase().as_str()),
                        "{q}: {}: {w:?} highlighted in {:?}",
                        col.outlet,
                        p.text
                    );
                }
            }
        }
    }
}

#[test]
fn compare_query_naming_shows_far_side_and_dark_side() {
    // With room for every entity: how each outlet names the far side.
    let c = bundled_compare(|index| {
        let opts = CompareOptions {
            max_naming: usize::MAX,
            ..CompareOptions::default()
        };
        framing::compare_query(index, "far side", &opts).expect("compare")
    });
    let rfa = forms(column(&c, "rfa"), "lunar-far-side");
    let gt = forms(column(&c, "gt"), "lunar-far-side");
    let cnes = forms(column(&c, "cnes"), "lunar-far-side");
    assert!(
        !rfa.is_empty() && rfa.iter().all(|f| f.0.starts_with("far side")),
        "RFA writes \"far side\": {rfa:?}"
    );
    assert_eq!(rfa.iter().map(|f| f.1).sum::<usize>(), 2, "{rfa:?}");
    assert!(
        !gt.is_empty() && gt.iter().all(|f| f.0.starts_with("dark side")),
        "Global Times writes \"dark side\": {gt:?}"
    );
    assert_eq!(cnes, [("dark side".to_string(), 1)]);
}

#[test]
fn compare_query_naming_keeps_the_entity_the_query_names() {
    let c = bundled_compare(|index| {
        framing::compare_query(index, "far side", &CompareOptions::default()).expect("compare")
    });
    for o in ["rfa", "gt", "cnes"] {
        let col = column(&c, o);
        assert!(
            !forms(col, "lunar-far-side").is_empty(),
            "{o}: naming has no lunar-far-side, only {:?}",
            col.naming.keys().collect::<Vec<_>>()
        );
    }
    assert_eq!(
        forms(column(&c, "gt"), "lunar-far-side")[0].0,
        "dark side",
        "{c:#?}"
    );
}

#[test]
fn compare_query_that_matches_nothing_exits_1_with_no_columns() {
    let d = Digest::bundled();
    let (r, doc) = compare_json(&d, &["zqxjvw"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert_eq!(doc["outlets"], serde_json::json!([]), "{doc:#}");
    assert_eq!(doc["query"], "zqxjvw");
    let missing: BTreeSet<String> = strings(&doc["missing"]).into_iter().collect();
    assert_eq!(
        missing,
        BUNDLED_OUTLETS.iter().map(|s| s.to_string()).collect(),
        "no outlet covers it"
    );
    let human = d.run(["compare", "zqxjvw"]);
    assert_eq!(human.code, 1, "{human:#?}");
    assert!(!human.stdout.contains("──"), "{human:#?}");
    assert!(!human.stderr.contains("panicked"), "{human:#?}");
}

// ---------------------------------------------------------------------------------------
// C. Fixtures that isolate the event method

/// The one event of a fixture corpus.
#[track_caller]
fn only_event(events: &[Value]) -> &Value {
    assert_eq!(events.len(), 1, "expected one event: {events:#?}");
    &events[0]
}

fn sources(e: &Value) -> BTreeSet<String> {
    e["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_outlets_reporting_one_signing_make_one_event_dated_by_its_first_report() {
    let d = fixture_sandbox("delta");
    let events = events_json(&d);
    let e = only_event(&events);
    assert_eq!(
        strings(&e["outlets"]),
        ["velmora-herald", "coastal-courier"],
        "the earliest report first: {e:#}"
    );
    // Issue 18: dated by its first report (the Herald, 10 March 2021), not by the day
    // the articles mention ("On March 9").
    assert_eq!(e["date"], "2021-03-10", "{e:#}");
    assert_eq!(
        sources(e),
        BTreeSet::from([
            "herald_delta.txt".to_string(),
            "courier_delta.txt".to_string()
        ])
    );
    assert!(
        strings(&e["anchors"]).contains(&"Delta Accord".to_string()),
        "{e:#}"
    );
    // A third outlet wrote that day, on a harvest: it was not expected to report a
    // harbour deal, so it is not missing.
    assert_eq!(strings(&e["missing"]), Vec::<String>::new(), "{e:#}");
    let human = d.run(["events"]);
    assert_eq!(human.code, 0, "{human:#?}");
    assert!(!human.stdout.contains("missing:"), "{human:#?}");
    assert!(
        human.stdout.contains("Velmora Herald, Coastal Courier"),
        "{human:#?}"
    );

    // The comparison highlights the shared name and the day in both passages.
    let id = e["id"].as_str().unwrap();
    let (_, c) = compare_json(&d, &["--event", id]);
    assert_eq!(strings(&c["missing"]), Vec::<String>::new(), "{c:#}");
    let cols = c["outlets"].as_array().unwrap();
    assert_eq!(cols.len(), 2, "{c:#}");
    // Issue 19: when each outlet covered it, day by day from the first report.
    let timeline = |i: usize| &cols[i]["timeline"];
    assert_eq!(timeline(0)["first"], "2021-03-10", "{c:#}");
    assert_eq!(timeline(0)["lag_days"], 0, "{c:#}");
    assert_eq!(timeline(0)["per_day"], serde_json::json!([1, 0]), "{c:#}");
    assert_eq!(timeline(1)["first"], "2021-03-11", "{c:#}");
    assert_eq!(timeline(1)["lag_days"], 1, "{c:#}");
    assert_eq!(timeline(1)["per_day"], serde_json::json!([0, 1]), "{c:#}");
    let human = d.run(["compare", "--event", id]);
    assert!(
        human
            .stdout
            .contains("timeline █·  from 2021-03-10, 2 days"),
        "{human:#?}"
    );
    assert!(
        human
            .stdout
            .contains("timeline ·█  from 2021-03-10, 2 days"),
        "{human:#?}"
    );
    for col in cols {
        let p = &col["passages"][0];
        let text = p["text"].as_str().unwrap();
        let words: Vec<&str> = p["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
            .collect();
        assert!(words.contains(&"Delta Accord"), "{words:?} in {p:#}");
        assert!(words.contains(&"March 9"), "{words:?} in {p:#}");
        let other = if col["outlet"] == "velmora-herald" {
            "coastal-courier"
        } else {
            "velmora-herald"
        };
        assert_eq!(strings(&p["shared_with"]), [other], "{p:#}");
    }
}

#[test]
fn the_same_names_two_years_apart_are_not_one_event() {
    // Herald and Courier, a day apart in May 2019, name the Harbour Authority of Velmora
    // and the Ministry of Ports in one sentence: one event. The Gazette names both in
    // May 2021 and mentions no date: it is not part of it.
    let d = fixture_sandbox("apart");
    let events = events_json(&d);
    let e = only_event(&events);
    assert_eq!(
        strings(&e["outlets"]),
        ["velmora-herald", "coastal-courier"],
        "{e:#}"
    );
    assert_eq!(
        sources(e),
        BTreeSet::from([
            "herald_2019.txt".to_string(),
            "courier_2019.txt".to_string()
        ]),
        "{e:#}"
    );
    assert_eq!(e["date"], "2019-05-02", "the first report's");
    // The Gazette published nothing within a week of it: it was not expected to.
    assert_eq!(strings(&e["missing"]), Vec::<String>::new(), "{e:#}");
    // The label is the first report's headline (two articles are equally central);
    // the names both outlets use are anchors.
    assert_eq!(e["label"], e["articles"][0]["title"], "{e:#}");
    let anchors = strings(&e["anchors"]);
    assert!(
        anchors.contains(&"Harbour Authority of Velmora".to_string())
            && anchors.contains(&"Ministry of Ports".to_string()),
        "{e:#}"
    );

    // Without the 2019 Courier article the 2021 Gazette article has nobody to link to.
    let d = Digest::new();
    d.write(
        "in/herald_2019.txt",
        std::fs::read(fixture("framing/apart/herald_2019.txt")).unwrap(),
    );
    d.write(
        "in/gazette_2021.txt",
        std::fs::read(fixture("framing/apart/gazette_2021.txt")).unwrap(),
    );
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(events_json(&d), Vec::<Value>::new());
    let human = d.run(["events"]);
    assert_eq!(human.code, 1, "{human:#?}");
    assert_eq!(human.stdout.trim(), "0 events", "{human:#?}");
}

#[test]
fn one_outlet_alone_is_not_an_event() {
    // Two Velmora Herald articles tell the signing; the Coastal Courier does not.
    let d = fixture_sandbox("single");
    assert_eq!(events_json(&d), Vec::<Value>::new());
    let (r, _) = compare_json(&d, &["Delta Accord"]);
    assert_eq!(r.code, 0, "the story is there, told by one outlet: {r:#?}");

    // The same two articles under two outlets are an event: the outlet is what was
    // missing.
    let d2 = Digest::new();
    d2.write(
        "in/herald.txt",
        std::fs::read(fixture("framing/single/herald_delta_1.txt")).unwrap(),
    );
    let other = std::fs::read_to_string(fixture("framing/single/herald_delta_2.txt"))
        .unwrap()
        .replace("Outlet: Velmora Herald", "Outlet: Coastal Courier");
    d2.write("in/courier.txt", other);
    d2.write(
        "in/ferry.txt",
        std::fs::read(fixture("framing/single/courier_other.txt")).unwrap(),
    );
    d2.ingest(["--no-bundled", d2.path("in").to_str().unwrap()]);
    let events = events_json(&d2);
    let e = only_event(&events);
    assert_eq!(
        strings(&e["outlets"]),
        ["velmora-herald", "coastal-courier"],
        "{e:#}"
    );
    assert_eq!(e["date"], "2021-03-10", "{e:#}");
}

#[test]
fn weekdays_resolve_against_the_publication_date() {
    // "told reporters on Tuesday" (Orbis Wire, Tuesday 2021-04-27) and "said on Tuesday,
    // April 27" (Meridian Post, Wednesday 2021-04-28).
    let d = fixture_sandbox("weekday");
    let events = events_json(&d);
    let e = only_event(&events);
    assert_eq!(
        strings(&e["outlets"]),
        ["orbis-wire", "meridian-post"],
        "{e:#}"
    );
    assert_eq!(e["date"], "2021-04-27", "{e:#}");
    let anchors = strings(&e["anchors"]);
    assert!(
        anchors.contains(&"Tamsin Korvath".to_string())
            && anchors.contains(&"Pellucid Dam".to_string()),
        "{e:#}"
    );
    // The weekday is the event's day in both passages, so both are highlighted.
    let id = e["id"].as_str().unwrap();
    let c = {
        let index = DigestIndex::open(&d.index).unwrap();
        framing::compare_event(&index, id, &CompareOptions::default()).unwrap()
    };
    for col in &c.outlets {
        assert_eq!(col.passages.len(), 1, "{col:#?}");
        let words = highlighted(&col.passages[0]);
        assert!(
            words.contains(&"on Tuesday"),
            "{}: {words:?} in {:#?}",
            col.outlet,
            col.passages[0]
        );
    }
}

#[test]
fn hostile_text_in_an_event_never_reaches_the_terminal() {
    let d = Digest::new();
    let hostile = "Title: Harbour deal \u{1b}]0;owned\u{7} signed\n\
                   Outlet: Velmora Herald\n\
                   Date: 2021-03-10\n\n\
                   On March 9, the Ministry of Ports \u{1b}]52;c;SGVsbG8=\u{7}and the Harbour \
                   Authority of Velmora \u{1b}[2J signed the Delta Accord \u{202e}in the old \
                   customs house. Dock workers watched.\n";
    d.write("in/herald_hostile.txt", hostile);
    d.write(
        "in/courier_delta.txt",
        std::fs::read(fixture("framing/delta/courier_delta.txt")).unwrap(),
    );
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);

    let events = events_json(&d);
    let e = only_event(&events);
    assert!(
        sources(e).contains("herald_hostile.txt"),
        "the hostile sentence is part of the event: {e:#}"
    );
    let id = e["id"].as_str().unwrap().to_string();

    let r = d.run(["events"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.contains(&id), "{r:#?}");
    assert_terminal_safe("digest events", &r);

    let r = d.run(["compare", "--event", &id]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.contains("── Velmora Herald"), "{r:#?}");
    assert!(
        r.stdout.contains("signed the Delta Accord"),
        "the hostile passage is shown: {r:#?}"
    );
    assert!(
        r.stdout.contains("Harbour deal"),
        "the title is shown: {r:#?}"
    );
    assert_terminal_safe("digest compare --event", &r);

    let r = d.run(["compare", "Delta Accord"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_terminal_safe("digest compare QUERY", &r);
}

#[test]
fn two_names_joined_by_and_are_two_anchors() {
    let names = |s: &'static str| -> Vec<&'static str> {
        framing::mentions::names_in(s)
            .into_iter()
            .map(|m| &s[m.span])
            .collect()
    };
    assert_eq!(
        names("On Friday the Ministry of Ports and the Harbour Authority of Velmora met."),
        ["Ministry of Ports", "Harbour Authority of Velmora"]
    );

    // Two outlets, a day apart, no date in the text: the two shared names are the link.
    let d = Digest::new();
    d.write(
        "in/a.txt",
        "Title: Dredging talks\nOutlet: Velmora Herald\nDate: 2019-05-02\n\n\
         Officials said the Ministry of Ports and the Harbour Authority of Velmora will share \
         the cost of dredging.\n",
    );
    d.write(
        "in/b.txt",
        "Title: Who pays for dredging\nOutlet: Coastal Courier\nDate: 2019-05-03\n\n\
         Engineers expect the Harbour Authority of Velmora and the Ministry of Ports to split \
         the dredging bill.\n",
    );
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    let events = events_json(&d);
    assert_eq!(events.len(), 1, "{events:#?}");
}

/// Every bundled event's article list agrees with `digest show` (ids resolve to the same
/// source and outlet).
#[test]
fn bundled_event_articles_resolve_with_show() {
    let d = Digest::bundled();
    let ids = d.bundled_ids();
    let by_source: BTreeMap<&str, &str> =
        ids.iter().map(|(f, i)| (f.as_str(), i.as_str())).collect();
    for e in bundled_events() {
        for a in &e.articles {
            assert_eq!(
                by_source.get(a.source.as_str()).copied(),
                Some(a.id.as_str()),
                "{a:#?}"
            );
        }
    }
}

/// Ingest already strips control sequences, so the printers are checked on their own:
/// an event and a comparison whose every article-derived string is hostile.
#[test]
fn printers_sanitise_hostile_event_and_comparison_fields() {
    use digest::index::OutletSummary;
    use digest::output::{Style, print_comparison, print_events};

    const OSC: &str = "\u{1b}]52;c;SGVsbG8=\u{7}";
    const CLEAR: &str = "\u{1b}[2J";
    const RLO: &str = "\u{202e}";
    let evil = |s: &str| format!("{s}{OSC}{CLEAR}{RLO}");
    let names = vec![OutletSummary {
        id: "rfa".into(),
        name: evil("Radio Free Asia"),
        articles: 1,
        first: None,
        last: None,
    }];

    let mut events = bundled_events().to_vec();
    for e in &mut events {
        e.label = evil(&e.label);
        e.missing = vec!["rfa".into()];
        for a in &mut e.articles {
            a.outlet_name = evil(&a.outlet_name);
            a.title = evil(&a.title);
        }
    }
    let mut c = memorandum_comparison().clone();
    c.label = evil(&c.label);
    c.missing = vec!["rfa".into()];
    for col in &mut c.outlets {
        col.outlet_name = evil(&col.outlet_name);
        for a in &mut col.articles {
            a.title = evil(&a.title);
        }
        for p in &mut col.passages {
            let start = p.text.len();
            p.text = evil(&p.text);
            // A highlight over the hostile bytes themselves.
            p.highlights.push(start..p.text.len());
        }
        for n in col.naming.values_mut() {
            n.name = evil(&n.name);
            for f in &mut n.forms {
                f.form = evil(&f.form);
            }
        }
        for v in &mut col.voices {
            v.name = evil(&v.name);
            v.role = Some(evil(v.role.as_deref().unwrap_or("role")));
        }
        for t in &mut col.distinctive_terms {
            t.term = evil(&t.term);
        }
        for w in &mut col.tone.words {
            w.word = evil(&w.word);
        }
    }

    for color in [false, true] {
        let registries = digest::Registries::bundled();
        let style = Style {
            color,
            depth: digest::color::Depth::TrueColor,
            outlets: &registries.outlets,
        };
        let mut out = Vec::new();
        print_events(&mut out, &events, events.len(), &names, style).unwrap();
        print_comparison(&mut out, &c, &names, style).unwrap();
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(
            text.contains("joint lunar exploration") && text.contains("memorandum"),
            "{text}"
        );
        assert!(text.contains("missing: Radio Free Asia"), "{text}");
        assert!(!text.contains('\u{7}'), "BEL (color {color}):\n{text}");
        assert!(!text.contains("\u{1b}]"), "OSC (color {color}):\n{text}");
        assert!(
            !text.contains(CLEAR),
            "clear screen (color {color}):\n{text}"
        );
        assert!(!text.contains(RLO), "U+202E (color {color}):\n{text}");
        if !color {
            assert_eq!(forbidden_chars(&text), vec![], "{text}");
        }
    }
}

/// Issue 18: `digest events` and `digest compare` look through a window of dates and
/// outlets.
#[test]
fn events_and_comparisons_take_a_window_of_dates_and_outlets() {
    let d = Digest::bundled();
    let all = events_json(&d);
    let json = |args: &[&str]| -> Vec<Value> {
        let mut a = vec!["events", "--json"];
        a.extend_from_slice(args);
        let r = d.run(&a);
        assert!(r.code == 0 || r.code == 1, "{r:#?}");
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        doc["events"].as_array().unwrap().clone()
    };
    // The one bundled event (March 2021) is in a window holding March, and in none
    // that ends before it.
    assert_eq!(all.len(), 1, "{all:#?}");
    let march = json(&["--since", "2021-03-01", "--until", "2021-03-31"]);
    assert_eq!(march.len(), 1, "{march:#?}");
    assert_eq!(march[0]["date"], "2021-03", "{march:#?}");
    assert_eq!(json(&["--until", "2021-02-28"]), Vec::<Value>::new());
    assert_eq!(json(&["--since", "2021-04-01"]), Vec::<Value>::new());
    // Only events CNES told; Radio Free Asia told none.
    let cnes = json(&["--outlet", "CNES"]);
    assert_eq!(cnes.len(), 1, "{cnes:#?}");
    assert!(strings(&cnes[0]["outlets"]).contains(&"cnes".to_string()));
    assert_eq!(json(&["--outlet", "Radio Free Asia"]), Vec::<Value>::new());
    // A period that ends before it starts is an error.
    let r = d.run(["events", "--since", "2021-02-01", "--until", "2021-01-01"]);
    r.assert_error();
    assert!(r.stderr.contains("is after"), "{r:#?}");

    // A query comparison of two outlets has their columns only.
    let (_, doc) = compare_json(&d, &["lunar", "station", "--outlet", "tass", "-o", "gt"]);
    let ids: BTreeSet<&str> = doc["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BTreeSet::from(["gt", "tass"]), "{doc:#}");
    // An event of a period's list is compared with that period.
    let id = march[0]["id"].as_str().unwrap();
    let (r, doc) = compare_json(
        &d,
        &[
            "--event",
            id,
            "--since",
            "2021-03-01",
            "--until",
            "2021-03-31",
        ],
    );
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(doc["event"], id, "{doc:#}");
    let r = d.run(["compare", "--event", "abcd", "--since", "2021-01-01"]);
    assert_eq!(r.code, 1, "an id no event of the period has: {r:#?}");
    assert!(r.stderr.contains("digest events"), "{r:#?}");
}
