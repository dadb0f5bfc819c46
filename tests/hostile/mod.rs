//! Hostile and broken input: every case is either ingested safely or skipped with its path
//! and a reason, nothing else in the same run is lost, and nothing an article says reaches
//! a terminal raw.
//!
//! **Where hostile text is stopped.** Control characters, escape sequences, bidirectional
//! controls and invisible characters are removed *at ingest* (`digest::text::sanitize`,
//! applied by `digest::ingest::prepare` to every stored string), so the stored article is
//! clean: the strings of `search --json`, `show --json`, `events --json` and
//! `compare --json`, once decoded, hold no ESC, C0 (but `\n`, `\t`), C1 or bidi control. The
//! printers and the reader sanitise again on the way out, so an article that is not clean
//! (an index written by an older digest, a hand-made `Article`) is still safe to print:
//! tested below by feeding raw hostile articles to the printers and to the reader.
//! File paths are the exception in JSON: `source` and `origins[].path` name real files and
//! are given verbatim (JSON-escaped); every human output sanitises them.
//!
//! **What is skipped, and why** (the reason printed after `skipped PATH:`): empty or
//! white-space files (`empty file`), NUL bytes or mostly controls (`binary data, not
//! text`), invalid UTF-8 or UTF-16 (`invalid UTF-8 at byte N`), JSON nested more than 128
//! levels (`malformed JSON: nested more than 128 levels deep …`), a plain-text file over
//! 8 MB or a JSON file over 64 MB (`file is larger than N MB (M MB)`, decided from the
//! size before anything is read), one JSON item whose text is over 8 MB (`article text is
//! larger than 8 MB`), named pipes, sockets and devices (`not a regular file (named pipe)`),
//! symbolic link loops, broken links, and unreadable files and directories.
//!
//! The heavy cases (a million-item array, 1 GB files) are in `tests/reliability/hostile.sh`.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use digest::index::DigestIndex;
use digest::model::{Article, Hit, Origin, SearchResults, Sentence, Snippet};
use digest::output::{self, Style};
use digest::tui::action::Action;
use digest::tui::answer::Answer;
use digest::tui::app::{App, update};
use digest::tui::ui::theme::Theme;
use digest::tui::worker::{self, Request};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use serde_json::Value;

use crate::util::tui::settle;
use crate::util::{Digest, IngestSummary, Run, ShowJson, forbidden_chars};

// ---------------------------------------------------------------------------------------
// The hostile text and what may not come out of it

/// Every sequence of the hardening issue: CSI clear-screen and cursor moves, an OSC 52
/// clipboard write, an OSC 8 link (its visible text `linktext` is kept), an OSC title
/// change, C0 controls, C1 controls (NEL U+0085, the 8-bit CSI U+009B, a DCS string), a
/// NUL, bidi overrides and isolates, and zero-width characters.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[H\u{1b}[10;10H\u{1b}]52;c;SGVsbG8=\u{7}\
    \u{1b}]8;;http://evil\u{1b}\\linktext\u{1b}]8;;\u{1b}\\\u{1b}]0;pwned\u{7}\
    \u{1}\u{2}\u{8}\u{b}\u{c}\u{e}\u{1f}\u{7f}\u{0}\u{85}\u{9b}2J\u{90}dcs\u{9c}\
    \u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200b}\u{200d}\u{feff}";

/// Text an escape sequence carries that must never be shown as words either.
const PAYLOADS: [&str; 4] = ["pwned", "SGVsbG8", "http://evil", "dcs"];

/// Plain prose, so control characters stay a small share of every file (a file that is
/// mostly controls is refused as binary, which is not what these tests are about).
const FILLER: &str = "The quay was busy all morning, with cranes swinging crates of fruit \
    and timber onto the waiting lorries. Older dockers remembered when the basin was dug \
    by hand and the customs house was the tallest building in town.";

/// Characters that may not appear in anything digest prints or stores from an article:
/// `forbidden_chars` (ESC, BEL, C0 but `\n` `\t`, C1, bidi overrides and isolates) plus
/// the invisible characters the sanitiser removes, and a joiner next to ASCII.
fn unsafe_chars(s: &str) -> Vec<(usize, char)> {
    let mut bad = forbidden_chars(s);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let ascii_near = |d: isize| {
            chars
                .get((k as isize + d) as usize)
                .is_none_or(|&(_, n)| n.is_ascii())
        };
        if matches!(
            c,
            '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{2060}' | '\u{61c}'
        ) || (matches!(c, '\u{200c}' | '\u{200d}') && (ascii_near(-1) || ascii_near(1)))
        {
            bad.push((i, c));
        }
    }
    bad
}

/// Asserts that `text` is safe for a terminal and shows no escape payload.
#[track_caller]
fn assert_safe_text(what: &str, text: &str) {
    let bad = unsafe_chars(text);
    assert!(
        bad.is_empty(),
        "{what}: unsafe characters {bad:?} in {text:?}"
    );
    for p in PAYLOADS {
        assert!(
            !text.contains(p),
            "{what}: escape payload {p:?} in {text:?}"
        );
    }
}

/// Asserts that a command succeeded and printed nothing unsafe, byte for byte.
#[track_caller]
fn assert_terminal_safe(what: &str, r: &Run) {
    assert_eq!(r.code, 0, "{what}: {r:#?}");
    assert!(!r.stderr.contains("panicked"), "{what}: {}", r.stderr);
    for (byte, name) in [(0x1b, "ESC"), (0x07, "BEL"), (0x00, "NUL")] {
        assert!(!r.raw.contains(&byte), "{what}: raw {name} byte in stdout");
    }
    assert!(
        !r.stdout.contains('\u{9b}'),
        "{what}: U+009B in stdout: {}",
        r.stdout
    );
    assert_safe_text(what, &r.stdout);
    assert_safe_text(&format!("{what} (stderr)"), &r.stderr);
}

/// Every string in a JSON document, with the key it is under.
fn json_strings<'a>(v: &'a Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match v {
        Value::String(s) => out.push((key, s)),
        Value::Array(a) => a.iter().for_each(|x| json_strings(x, key, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            // Keys are strings too (naming is keyed by entity id).
            out.push(("(key)", k));
            json_strings(x, k, out)
        }),
        _ => {}
    }
}

/// Asserts that a `--json` command succeeded, printed valid JSON, and that every decoded
/// string in it is clean.
#[track_caller]
fn assert_json_safe(what: &str, r: &Run) -> Value {
    assert_terminal_safe(what, r);
    let v: Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{what}: {e}\n{}", r.stdout));
    let mut strings = Vec::new();
    json_strings(&v, "", &mut strings);
    for (key, s) in strings {
        assert_safe_text(&format!("{what}: decoded {key:?}"), s);
    }
    v
}

/// `ingest` under a deadline: a run that blocks (on a named pipe, say) fails the test
/// instead of hanging it.
#[track_caller]
fn ingest_within(d: &Digest, args: &[&str], limit: Duration) -> (IngestSummary, Duration) {
    let start = Instant::now();
    let mut child = d.spawn(std::iter::once("ingest").chain(args.iter().copied()));
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("digest ingest {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let elapsed = start.elapsed();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (IngestSummary::parse(&stdout), elapsed)
}

/// The reason a path was skipped, which must be reported.
#[track_caller]
fn reason<'a>(s: &'a IngestSummary, path_suffix: &str) -> &'a str {
    s.reason(path_suffix)
        .unwrap_or_else(|| panic!("{path_suffix} must be reported as skipped:\n{}", s.text))
}

/// The one article a word finds.
#[track_caller]
fn article_with(d: &Digest, word: &str) -> ShowJson {
    let doc = d.search([word]);
    assert_eq!(doc.total, 1, "{word}: {doc:#?}");
    d.show(&doc.hits[0].id)
}

// ---------------------------------------------------------------------------------------
// 1. Terminal escapes, controls, bidi and invisible characters

/// A sandbox with the hostile text in every field of a plain-text file with headers, a JSON
/// file and a JSON Lines file. The Velmora Herald and Coastal Courier articles tell the
/// same story (two shared names, dates two days apart), so they make an event.
fn hostile_sandbox() -> Digest {
    let d = Digest::new();
    // A raw NUL makes a plain-text file binary (tested apart); JSON escapes it instead.
    let no_nul = HOSTILE.replace('\0', "");
    let h = no_nul.as_str();
    d.write(
        "in/herald.txt",
        format!(
            "Title: Harbour deal {h}signed in Velmora\n\
             Outlet: Velmora {h}Herald\n\
             Date: 2021-03-10\n\
             Authors: Ann {h}Lee; Bo Ma\n\
             URL: https://example.org/{h}delta\n\n\
             On March 9, the Ministry of Ports {h}and the Harbour Authority of Velmora signed \
             the Delta Accord {h}in the old customs house. The wal\u{200d}rus watched.\n\n\
             Dock workers {h}gathered outside. {FILLER} {FILLER} {FILLER} {FILLER}\n"
        ),
    );
    let courier = serde_json::json!({
        "title": format!("Port fees {HOSTILE}to rise\u{0} under new accord"),
        "body": format!(
            "The Delta Accord, which the Harbour Authority of Velmora and the Ministry of \
             Ports put their names to on March 9, {h}will raise fees for container ships.\n\n\
             A crane at the quay. Photo: {h}Port archive\n\n\
             Shipping firms\u{0} said they had not been consulted about the harb\u{ad}our \
             levy. {FILLER}"
        ),
        "outlet": format!("Coastal {h}Courier"),
        "date": "2021-03-11",
        "authors": [format!("Cy {h}Dee")],
        "url": format!("https://example.org/{h}fees"),
        "via": format!("example.org{h}"),
        "language": format!("en{h}"),
    });
    d.write("in/courier.json", courier.to_string());
    let items = [
        serde_json::json!({
            "title": format!("Gazette {h}notes"),
            "body": format!("The gazette lighthouse {h}keeper retired. {FILLER}"),
            "source": format!("Inland {h}Gazette"),
            "date": "2021-03-12",
        }),
        serde_json::json!({
            "headline": format!("\u{202e}Gazette ferry {h}"),
            "paragraphs": [format!("The ferry {h}timetable changed."), format!("{h}{FILLER}")],
            "source": "Inland Gazette",
        }),
    ];
    let lines: Vec<String> = items.iter().map(Value::to_string).collect();
    d.write("in/gazette.jsonl", lines.join("\n") + "\n");
    let s = d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(s.counts(), (4, 0, 0, 0, 0), "{}", s.text);
    d
}

#[test]
fn hostile_text_in_every_format_reaches_no_output_raw() {
    let d = hostile_sandbox();
    let mut ids = Vec::new();
    for word in ["velmora", "fees", "lighthouse", "ferry"] {
        assert_terminal_safe(&format!("search {word}"), &d.run(["search", word]));
        let v = assert_json_safe(
            &format!("search --json {word}"),
            &d.run(["search", "--json", word]),
        );
        for h in v["hits"].as_array().unwrap() {
            let id = h["id"].as_str().unwrap().to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    assert_eq!(ids.len(), 4, "every article is found: {ids:?}");
    for id in &ids {
        assert_terminal_safe(&format!("show {id}"), &d.run(["show", id]));
        assert_json_safe(&format!("show --json {id}"), &d.run(["show", "--json", id]));
    }
    assert_terminal_safe("outlets", &d.run(["outlets"]));
    assert_json_safe("outlets --json", &d.run(["outlets", "--json"]));

    let events = assert_json_safe("events --json", &d.run(["events", "--json"]));
    let events = events["events"].as_array().unwrap();
    assert_eq!(
        events.len(),
        1,
        "the Delta Accord is one event: {events:#?}"
    );
    let event = events[0]["id"].as_str().unwrap();
    let r = d.run(["events"]);
    assert_terminal_safe("events", &r);
    assert!(r.stdout.contains(event), "{}", r.stdout);
    for args in [
        vec!["compare", "Delta Accord"],
        vec!["compare", "--event", event],
    ] {
        let r = d.run(&args);
        assert_terminal_safe(&args.join(" "), &r);
        assert!(
            r.stdout.contains("── Velmora linktextHerald"),
            "{}",
            r.stdout
        );
        assert!(
            r.stdout.contains("── Coastal linktextCourier"),
            "{}",
            r.stdout
        );
        let mut json = args.clone();
        json.push("--json");
        assert_json_safe(&json.join(" "), &d.run(&json));
    }
}

#[test]
fn hostile_text_is_removed_at_ingest_and_the_words_around_it_survive() {
    let d = hostile_sandbox();

    let a = article_with(&d, "walrus");
    assert_eq!(a.title, "Harbour deal linktextsigned in Velmora");
    assert_eq!(a.outlet_name, "Velmora linktextHerald");
    assert_eq!(
        a.authors,
        ["Ann linktextLee", "Bo Ma"],
        "payloads are not names"
    );
    assert_eq!(a.url.as_deref(), Some("https://example.org/linktextdelta"));
    assert_eq!(a.date.as_deref(), Some("2021-03-10"));
    assert!(
        a.body
            .starts_with("On March 9, the Ministry of Ports linktextand the Harbour Authority"),
        "{:?}",
        a.body
    );
    assert_eq!(a.paragraphs().len(), 2, "{:?}", a.body);

    let a = article_with(&d, "fees");
    assert_eq!(a.title, "Port fees linktextto rise under new accord");
    assert_eq!(a.outlet_name, "Coastal linktextCourier");
    assert_eq!(a.authors, ["Cy linktextDee"]);
    assert_eq!(a.language.as_deref(), Some("enlinktext"));
    assert_eq!(
        a.captions,
        ["A crane at the quay. Photo: linktextPort archive"]
    );
    assert!(a.body.contains("Shipping firms said"), "{:?}", a.body);

    let a = article_with(&d, "ferry");
    assert_eq!(a.title, "Gazette ferry linktext");
    assert_eq!(a.date, None);

    // A joiner or soft hyphen inside a Latin word no longer hides it from search.
    assert_eq!(d.search(["walrus"]).total, 1);
    assert_eq!(d.search(["harbour", "levy"]).total, 1);
}

/// A library-made `Article` with hostile text in every field, as an index written by an
/// older digest could hold: the printers must not trust the index.
fn raw_hostile_article() -> Article {
    let h = HOSTILE;
    let body = format!("The {h}raw body sentence mentions velmora.\n\nSecond {h}paragraph.");
    Article {
        id: format!("abcd{h}"),
        title: format!("Raw {h}title"),
        body: body.clone(),
        captions: vec![format!("Raw {h}caption")],
        outlet: format!("raw{h}"),
        outlet_name: format!("Raw {h}Outlet"),
        date: Some(format!("2021{h}-03-09")),
        language: Some(format!("en{h}")),
        url: Some(format!("https://example.org/{h}")),
        via: Some(format!("example.org{h}")),
        authors: vec![format!("Ann {h}Lee")],
        provenance: [(format!("title{h}"), format!("stated {h}here"))]
            .into_iter()
            .collect(),
        origins: vec![Origin {
            path: format!("/tmp/raw{h}.txt"),
            item: Some(1),
            hash: format!("ff{h}"),
            added: None,
        }],
        sentences: vec![Sentence {
            start: 0,
            end: body.find('\n').unwrap() as u32,
            token: 0,
            entities: Vec::new(),
        }],
        entities: Vec::new(),
    }
}

fn raw_hostile_hit() -> Hit {
    let article = raw_hostile_article();
    let text = format!("raw {HOSTILE}snippet velmora {HOSTILE}end");
    let at = text.find("velmora").unwrap();
    Hit {
        rank: 1,
        score: 1.0,
        article,
        snippet: Snippet {
            highlights: vec![at - HOSTILE.len()..at + 7, at + 7..text.len()],
            text,
        },
    }
}

/// Text with SGR (colour and bold) sequences taken out; anything else starting with ESC is
/// left for the checks to find.
fn strip_sgr(s: &str) -> String {
    let re = regex::Regex::new("\u{1b}\\[[0-9;:]*m").unwrap();
    re.replace_all(s, "").into_owned()
}

#[test]
fn forced_colour_output_carries_colour_codes_and_nothing_else() {
    let d = hostile_sandbox();
    let index = DigestIndex::open(&d.index).unwrap();
    let request = digest::search::SearchRequest {
        query: "velmora OR fees OR ferry OR lighthouse".into(),
        limit: 10,
        ..Default::default()
    };
    let mut results = digest::search::search(&index, &request).unwrap();
    assert_eq!(results.hits.len(), 4);
    // And one article that did not come through ingest.
    results.hits.push(raw_hostile_hit());
    let events = digest::framing::events(&index, &Default::default()).unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let outlets = index.outlet_summaries().unwrap();
    let comparison =
        digest::framing::compare_query(&index, "Delta Accord", &Default::default()).unwrap();

    for color in [true, false] {
        let registries = digest::Registries::bundled();
        let style = Style {
            color,
            depth: digest::color::Depth::TrueColor,
            outlets: &registries.outlets,
        };
        let mut out = Vec::new();
        output::print_hits(&mut out, &results, style).unwrap();
        for hit in &results.hits {
            let a = &hit.article;
            output::print_article(&mut out, a, &a.origins, style).unwrap();
        }
        output::print_outlets(&mut out, &outlets, style).unwrap();
        output::print_events(&mut out, &events, events.len(), &outlets, style).unwrap();
        output::print_comparison(&mut out, &comparison, &outlets, style).unwrap();
        let text = String::from_utf8(out).unwrap();
        if color {
            assert!(text.contains("\u{1b}[1m"), "colour is on: {text}");
        }
        let plain = strip_sgr(&text);
        assert!(
            !plain.contains('\u{1b}'),
            "only SGR escapes (color {color}):\n{plain}"
        );
        assert_safe_text(&format!("printers (color {color})"), &plain);
        assert!(plain.contains("Raw linktexttitle"), "{plain}");
        assert!(plain.contains("velmora"), "{plain}");
    }
}

// --- The reader -------------------------------------------------------------------------

/// Draws the reader and returns every cell that holds something unsafe, with the screen.
fn unsafe_cells(app: &App) -> (Vec<(u16, u16, String)>, String) {
    let mut t = Terminal::new(TestBackend::new(app.area().width, app.area().height)).unwrap();
    t.draw(|f| digest::tui::draw::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    let mut bad = Vec::new();
    let mut screen = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            if !unsafe_chars(sym).is_empty() || sym.contains('\n') || sym.contains('\t') {
                bad.push((x, y, sym.escape_unicode().to_string()));
            }
        }
        screen.push_str(&line);
        screen.push('\n');
    }
    (bad, screen)
}

#[track_caller]
fn assert_screen_safe(what: &str, app: &App) -> String {
    let (bad, screen) = unsafe_cells(app);
    assert!(bad.is_empty(), "{what}: unsafe cells {bad:?}\n{screen}");
    for p in PAYLOADS {
        assert!(!screen.contains(p), "{what}: payload {p:?}\n{screen}");
    }
    screen
}

#[test]
fn the_reader_draws_hostile_articles_without_control_characters() {
    let d = hostile_sandbox();
    let index = DigestIndex::open(&d.index).unwrap();
    for (w, h) in [(80, 24), (120, 40)] {
        let info = worker::index_info(&index).unwrap();
        let mut app = App::new(Theme::colored(), info, Rect::new(0, 0, w, h));
        for c in "velmora OR ferry OR fees".chars() {
            update(&mut app, Action::Input(c));
        }
        settle(&index, &mut app);
        assert_eq!(app.hits().len(), 3);
        let screen = assert_screen_safe("list", &app);
        assert!(screen.contains("Harbour deal"), "{screen}");
        for _ in 0..3 {
            update(&mut app, Action::FocusList);
            update(&mut app, Action::Open);
            settle(&index, &mut app);
            assert_screen_safe("reader", &app);
            update(&mut app, Action::PageDown);
            assert_screen_safe("reader, next page", &app);
            update(&mut app, Action::Back);
            update(&mut app, Action::Down);
            assert_screen_safe("preview", &app);
        }
        update(&mut app, Action::OpenEvents);
        settle(&index, &mut app);
        assert_screen_safe("events", &app);
        update(&mut app, Action::Open);
        settle(&index, &mut app);
        let screen = assert_screen_safe("comparison", &app);
        assert!(screen.contains("Velmora linktextHerald"), "{screen}");
    }
}

#[test]
fn the_reader_sanitises_articles_that_did_not_come_through_ingest() {
    let d = Digest::new();
    d.write(
        "in/a.txt",
        "Title: Velmora\n\nA velmora placeholder article. It holds nothing.\n",
    );
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    let index = DigestIndex::open(&d.index).unwrap();
    let info = worker::index_info(&index).unwrap();
    for theme in [Theme::colored(), Theme::mono()] {
        let mut app = App::new(theme, info.clone(), Rect::new(0, 0, 100, 30));
        for c in "velmora".chars() {
            update(&mut app, Action::Input(c));
        }
        // Answer the search with a hostile hit instead of the index's.
        let generation = app
            .take_requests()
            .into_iter()
            .rev()
            .find_map(|r| match r {
                Request::Search { ticket, .. } => Some(ticket),
                _ => None,
            })
            .expect("a search request");
        let results = SearchResults {
            query: "velmora".into(),
            total: 1,
            hits: vec![raw_hostile_hit()],
            elapsed: Duration::from_millis(1),
        };
        app.answer(Answer::Results {
            ticket: generation,
            outcome: Ok(results),
        });
        let screen = assert_screen_safe("list of a raw hit", &app);
        assert!(screen.contains("Raw linktexttitle"), "{screen}");
        update(&mut app, Action::FocusList);
        update(&mut app, Action::Open);
        let id = raw_hostile_article().id;
        let origins = raw_hostile_article().origins;
        app.take_requests();
        app.answer(Answer::Origins { id, origins });
        let screen = assert_screen_safe("reader of a raw hit", &app);
        assert!(screen.contains("raw body sentence"), "{screen}");
    }
}

#[test]
fn the_sanitiser_is_idempotent_and_keeps_clean_text() {
    use digest::text::{sanitize, sanitize_inline};
    let samples = [
        HOSTILE.to_string(),
        format!("a{HOSTILE}b\n\nc\u{200d}d 👩\u{200d}🚀 क्\u{200d}ष"),
        "He said \u{e2}\u{80}\u{9c}yes,\u{e2}\u{80}\u{9d} and left.".to_string(),
        "tab\there\u{2028}line\u{2029}para".to_string(),
        "\u{1b}".to_string(),
        "\u{9d}".to_string(),
        "\u{1b}]0;never ends".to_string(),
    ];
    for s in &samples {
        let once = sanitize(s).into_owned();
        assert_eq!(sanitize(&once), once, "sanitize is idempotent on {s:?}");
        assert_safe_text("sanitize", &once);
        let inline = sanitize_inline(s).into_owned();
        assert!(!inline.contains('\n'), "{inline:?}");
        assert_eq!(sanitize_inline(&inline), inline);
    }
    for clean in [
        "Chang’e 4 — 嫦娥四号 🚀",
        "👨\u{200d}👩\u{200d}👧 family",
        "line\nnext",
    ] {
        assert_eq!(sanitize(clean), clean);
    }
}

// ---------------------------------------------------------------------------------------
// 2. Encodings and line endings

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// A plain-text article with headers and two paragraphs, its lines ended by `eol`.
fn headed(word: &str, eol: &str) -> String {
    [
        &format!("Title: The {word} story"),
        "Outlet: TASS",
        "Date: 2021-03-09",
        "",
        &format!("The {word} was seen at dawn. Rangers counted it twice."),
        "",
        &format!("A second {word} paragraph follows. It is short."),
        "",
    ]
    .join(eol)
}

#[test]
fn encodings_and_line_endings_are_decoded_or_skipped_with_a_reason() {
    let d = Digest::new();
    d.write("in/utf16le.txt", utf16(&headed("lemming", "\n"), false));
    d.write("in/utf16be.txt", utf16(&headed("lynx", "\r\n"), true));
    d.write(
        "in/utf16.json",
        utf16(
            &serde_json::json!({"title": "The loris story", "body": "The loris was seen. It slept.", "outlet": "TASS", "date": "2021-03-09"}).to_string(),
            false,
        ),
    );
    d.write("in/bom.txt", format!("\u{feff}{}", headed("marten", "\n")));
    d.write("in/crlf.txt", headed("mink", "\r\n"));
    d.write("in/cr.txt", headed("mole", "\r"));
    d.write(
        "in/mixed.txt",
        "Title: The muskrat story\r\nOutlet: TASS\rDate: 2021-03-09\n\r\nThe muskrat was seen at dawn. Rangers counted it twice.\r\rA second muskrat paragraph follows. It is short.\n",
    );
    let items = ["narwhal", "newt", "numbat"].map(|w| {
        serde_json::json!({"title": format!("The {w} story"), "body": format!("The {w} was seen. It left.")})
            .to_string()
    });
    d.write("in/crlf.jsonl", items.join("\r\n") + "\r\n");
    d.write(
        "in/cr.ndjson",
        ["ocelot", "okapi"]
            .map(|w| {
                serde_json::json!({"title": w, "body": format!("The {w} ran. It hid.")}).to_string()
            })
            .join("\r"),
    );

    // Refused, each with a reason.
    let mut bad = b"Title: Bad bytes\n\nThe opossum ".to_vec();
    let at = bad.len();
    bad.extend(b"\xc3\x28 was here.\n");
    d.write("in/invalid.txt", &bad);
    let mut odd = utf16("Title: Odd\n\nThe oryx.\n", false);
    odd.push(b'x');
    d.write("in/utf16_odd.txt", odd);
    let mut lone = vec![0xFF, 0xFE];
    lone.extend(0xD800u16.to_le_bytes());
    lone.extend(utf16("The osprey was seen here.", false)[2..].iter());
    d.write("in/utf16_surrogate.txt", lone);
    // UTF-16 without a BOM is full of NULs: binary.
    d.write(
        "in/utf16_nobom.txt",
        &utf16(&headed("otter", "\n"), false)[2..],
    );
    d.write("in/nul.txt", "Title: Nul\n\nThe ounce \0 was here.\n");
    d.write("in/crlf_only.txt", "\r\n\r\n\r\n");
    d.write("in/unicode_space.txt", "\u{a0}\u{3000}\u{2003}\n\u{feff}");
    d.write("in/utf16_blank.txt", utf16(" \r\n\t", true));
    d.write(
        "in/headers_only.txt",
        "Title: Only headers\r\nDate: 2021-03-09\r\n\r\n",
    );

    let s = d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    for (file, want) in [
        ("invalid.txt", format!("invalid UTF-8 at byte {at}")),
        ("utf16_odd.txt", "invalid UTF-8".into()),
        ("utf16_surrogate.txt", "invalid UTF-8".into()),
        ("utf16_nobom.txt", "binary data, not text".into()),
        ("nul.txt", "binary data, not text".into()),
        ("crlf_only.txt", "empty file".into()),
        ("unicode_space.txt", "empty file".into()),
        ("utf16_blank.txt", "empty file".into()),
        ("headers_only.txt", "no body text".into()),
    ] {
        let got = reason(&s, &format!("/in/{file}"));
        assert!(got.contains(&want), "{file}: {got:?} should say {want:?}");
    }
    // 6 text files, the UTF-16 JSON, 3 + 2 JSON Lines items.
    assert_eq!(s.counts(), (12, 0, 0, 0, 9), "{}", s.text);

    for word in ["lemming", "lynx", "marten", "mink", "mole", "muskrat"] {
        let a = article_with(&d, word);
        assert_eq!(a.title, format!("The {word} story"), "{word}");
        assert_eq!(a.outlet, "tass", "{word}");
        assert_eq!(a.date.as_deref(), Some("2021-03-09"), "{word}");
        assert_eq!(
            a.paragraphs(),
            [
                format!("The {word} was seen at dawn. Rangers counted it twice."),
                format!("A second {word} paragraph follows. It is short."),
            ],
            "{word}"
        );
    }
    assert_eq!(
        article_with(&d, "loris").date.as_deref(),
        Some("2021-03-09")
    );
    for (word, item) in [
        ("narwhal", 0),
        ("newt", 1),
        ("numbat", 2),
        ("ocelot", 0),
        ("okapi", 1),
    ] {
        let a = article_with(&d, word);
        assert_eq!(a.origins[0].item, Some(item), "{word}");
        assert!(!a.body.contains('\r'), "{word}: {:?}", a.body);
    }
}

// ---------------------------------------------------------------------------------------
// 3. Size: files over the limits are skipped before they are read

#[test]
fn a_50_mb_single_line_file_is_skipped_at_once_with_its_size() {
    let d = Digest::new();
    let big = d.path("in/huge.txt");
    std::fs::create_dir_all(big.parent().unwrap()).unwrap();
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        f.write_all(b"Title: Huge\n\n").unwrap();
        let chunk = "the walrus hauled out on the ice ".repeat(1024);
        while f.get_ref().metadata().unwrap().len() < 50 << 20 {
            f.write_all(chunk.as_bytes()).unwrap();
            f.flush().unwrap();
        }
        f.write_all(b"\n").unwrap();
    }
    d.write(
        "in/small.txt",
        "Title: Small\n\nThe puffin nested on the cliff. It left in autumn.\n",
    );
    let (s, took) = ingest_within(
        &d,
        &["--no-bundled", d.path("in").to_str().unwrap()],
        Duration::from_secs(20),
    );
    assert_eq!(s.counts(), (1, 0, 0, 0, 1), "{}", s.text);
    assert_eq!(
        reason(&s, "/in/huge.txt"),
        "file is larger than 8 MB (51 MB)"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(d.search(["puffin"]).total, 1);
    assert_eq!(d.search(["walrus"]).total, 0);
}

#[test]
fn one_json_item_over_the_article_limit_is_skipped_alone() {
    let d = Digest::new();
    let huge = "The puffin colony report repeats itself. ".repeat((8 << 20) / 40 + 10);
    let items = serde_json::json!([
        {"title": "Before", "body": "The razorbill dived. It caught a fish."},
        {"title": "Huge", "body": huge},
        {"title": "After", "body": "The guillemot dived. It caught a fish."},
    ]);
    let f = d.write("in/items.json", items.to_string());
    let s = d.ingest(["--no-bundled", f.to_str().unwrap()]);
    assert_eq!(s.counts(), (2, 0, 0, 0, 1), "{}", s.text);
    assert!(
        reason(&s, "items.json (item 1)").starts_with("article text is larger than 8 MB"),
        "{}",
        s.text
    );
    assert_eq!(d.search(["razorbill"]).total, 1);
    assert_eq!(d.search(["guillemot"]).total, 1);
}

#[test]
fn the_size_limits_are_decided_per_format_before_reading() {
    use digest::ingest::{Found, Limits, walk_with};
    let d = Digest::new();
    let at = d.write("w/at_limit.txt", "x".repeat(100));
    let over = d.write("w/over_limit.md", "x".repeat(101));
    let json = d.write("w/over.json", "x".repeat(151));
    let jsonl = d.write("w/fits.jsonl", "x".repeat(150));
    let named = d.write("named.article", "x".repeat(101));
    let limits = Limits {
        text_file_bytes: 100,
        json_file_bytes: 150,
    };
    assert_eq!(limits.for_format(digest::ingest::Format::Json), 150);
    let (found, ignored) = walk_with(&[d.path("w"), named.clone()], &limits);
    assert_eq!(ignored, 0);
    let files: Vec<&Path> = found
        .iter()
        .filter_map(|f| match f {
            Found::File(p, _) => Some(p.as_path()),
            Found::Problem(..) => None,
        })
        .collect();
    assert_eq!(files, [at.as_path(), jsonl.as_path()]);
    let problems: Vec<(&Path, &str)> = found
        .iter()
        .filter_map(|f| match f {
            Found::Problem(p, r) => Some((p.as_path(), r.as_str())),
            Found::File(..) => None,
        })
        .collect();
    // 101 bytes is over a 100-byte limit; both print as 0 MB here, so only the words count.
    assert_eq!(problems.len(), 3, "{problems:?}");
    for (p, r) in &problems {
        assert!(r.starts_with("file is larger than"), "{p:?}: {r}");
    }
    assert_eq!(
        problems.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        [json.as_path(), over.as_path(), named.as_path()]
    );
    // The defaults.
    let def = Limits::default();
    assert_eq!(def.text_file_bytes, 8 << 20);
    assert_eq!(def.json_file_bytes, 64 << 20);
    assert_eq!(digest::ingest::read::MAX_ARTICLE_BYTES, 8 << 20);
}

// ---------------------------------------------------------------------------------------
// 4. Structure: deep nesting, many items, impossible dates

#[test]
fn json_nested_10000_deep_is_a_per_file_skip_not_a_crash() {
    let d = Digest::new();
    let deep_array = "[".repeat(10_000) + &"]".repeat(10_000);
    let deep_object = "{\"body\":".repeat(10_000) + "\"x\"" + &"}".repeat(10_000);
    d.write("in/deep_array.json", &deep_array);
    d.write("in/deep_object.json", &deep_object);
    let shag =
        serde_json::json!({"title": "Shag", "body": "The shag dried its wings. It flew off."});
    let skua = serde_json::json!({"title": "Skua", "body": "The skua chased a gull. It won."});
    d.write("in/mixed.jsonl", format!("{shag}\n{deep_object}\n{skua}\n"));
    d.write(
        "in/fine.txt",
        "Title: Fine\n\nThe tern flew south. It came back in spring.\n",
    );
    let (s, _) = ingest_within(
        &d,
        &["--no-bundled", d.path("in").to_str().unwrap()],
        Duration::from_secs(20),
    );
    assert_eq!(s.counts(), (3, 0, 0, 0, 3), "{}", s.text);
    for file in [
        "deep_array.json",
        "deep_object.json",
        "mixed.jsonl (line 2)",
    ] {
        let r = reason(&s, file);
        assert!(
            r.starts_with("malformed JSON: nested more than 128 levels deep"),
            "{file}: {r}"
        );
    }
    for word in ["shag", "skua", "tern"] {
        assert_eq!(d.search([word]).total, 1, "{word}");
    }
}

#[test]
fn a_20000_item_json_array_is_ingested_whole() {
    let d = Digest::new();
    let items: Vec<Value> = (0..20_000)
        .map(|i| {
            serde_json::json!({
                "title": format!("Item {i}"),
                "body": format!("Report {i} about the walrus census mentions w{i}x once."),
                "date": format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            })
        })
        .collect();
    let f = d.write("many.json", serde_json::to_string(&items).unwrap());
    let (s, _) = ingest_within(
        &d,
        &["--no-bundled", f.to_str().unwrap()],
        Duration::from_secs(120),
    );
    assert_eq!(s.counts(), (20_000, 0, 0, 0, 0), "{}", s.text);
    let total: u64 = d.outlets().iter().map(|o| o.articles).sum();
    assert_eq!(total, 20_000);
    for i in [0, 9_999, 19_999] {
        let a = article_with(&d, &format!("w{i}x"));
        assert_eq!(a.origins[0].item, Some(i));
    }
    assert_eq!(d.search(["walrus"]).total, 20_000);
}

#[test]
fn impossible_dates_are_left_empty_and_date_filters_still_work() {
    let d = Digest::new();
    // (word, date as written, how it is given, date stored)
    let cases = [
        ("alpha", "0001-11-30", "header", None),
        ("bravo", "2050-01-01", "header", None),
        ("charlie", "31/02/2021", "header", None),
        ("delta", "2021-02-31", "header", None),
        ("echo", "9999-99-99", "header", None),
        ("foxtrot", "2021-02-28", "header", Some("2021-02-28")),
        ("golf", "2021-02-31", "json", None),
        ("hotel", "9999-99-99", "json", None),
        ("india", "2021-13", "json", None),
        ("juliet", "2021-00-05", "json", None),
        ("kilo", "February 31, 2021", "json", None),
        ("lima", "99999999", "json-number", None),
        ("mike", "2021-03-05", "json", Some("2021-03-05")),
    ];
    let mut jsonl = String::new();
    for (word, date, how, _) in cases {
        let body = format!("The {word} marker article. It has one date.");
        match how {
            "header" => {
                d.write(
                    &format!("in/{word}.txt"),
                    format!("Title: {word}\nDate: {date}\n\n{body}\n"),
                );
            }
            "json" => {
                jsonl.push_str(
                    &serde_json::json!({"title": word, "body": body, "date": date}).to_string(),
                );
                jsonl.push('\n');
            }
            _ => {
                let n: u64 = date.parse().unwrap();
                jsonl.push_str(
                    &serde_json::json!({"title": word, "body": body, "date": n}).to_string(),
                );
                jsonl.push('\n');
            }
        }
    }
    d.write("in/dates.jsonl", jsonl);
    // A dateline with an impossible day takes no year from the stated one.
    d.write(
        "in/november.txt",
        "Title: november\nDate: 2021\n\nMOSCOW, February 31. /TASS/. The november marker article. It has a dateline.\n",
    );
    let s = d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(s.counts(), (cases.len() + 1, 0, 0, 0, 0), "{}", s.text);
    for (word, date, _, want) in cases {
        let a = article_with(&d, word);
        assert_eq!(a.date.as_deref(), want, "{word}: {date:?}");
        if want.is_none() {
            let p = a.provenance.get("date").map(String::as_str).unwrap_or("");
            assert!(
                p.contains(date) && p.contains("left empty"),
                "{word}: provenance must say {date:?} was not used: {p:?}"
            );
        }
    }
    assert_eq!(article_with(&d, "november").date.as_deref(), Some("2021"));

    let dated = |args: &[&str]| -> Vec<String> {
        let mut all = args.to_vec();
        all.extend(["-n", "50", "marker"]);
        let mut t: Vec<String> = d.search(all).hits.into_iter().map(|h| h.title).collect();
        t.sort();
        t
    };
    assert_eq!(dated(&[]).len(), cases.len() + 1);
    assert_eq!(
        dated(&["--since", "2021-01-01"]),
        ["foxtrot", "mike", "november"]
    );
    // A date of a year (or month) is a range: it overlaps any filter that overlaps it.
    assert_eq!(dated(&["--until", "2021-02-28"]), ["foxtrot", "november"]);
    assert_eq!(dated(&["--until", "2020-12-31"]), Vec::<String>::new());
    assert_eq!(
        dated(&["--since", "2021-03-01", "--until", "2021-03-31"]),
        ["mike", "november"]
    );
    assert_eq!(
        dated(&["--since", "0001-01-01", "--until", "9999-12-31"]).len(),
        3
    );
    // A bad date on the command line is an error, not an empty filter.
    d.run(["search", "--since", "2021-02-31", "marker"])
        .assert_error();
    d.run(["search", "--until", "9999-99-99", "marker"])
        .assert_error();
}

// ---------------------------------------------------------------------------------------
// 5. Directory trees

/// Whether this process can read a file whatever its mode (root, or CAP_DAC_OVERRIDE):
/// then `chmod 000` blocks nothing and the unreadable-file checks cannot be made.
fn reads_anything(locked: &Path) -> bool {
    std::fs::File::open(locked).is_ok()
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {p:?}"
    );
}

#[test]
fn tree_hazards_are_reported_and_every_good_file_goes_in() {
    let d = Digest::new();
    let root = d.path("in");
    let article =
        |w: &str| format!("Title: The {w}\n\nThe {w} was counted in the survey. It was well.\n");
    d.write("in/a_good.txt", article("avocet"));
    d.write(
        "in/sub/b_good.json",
        serde_json::json!({"title": "b", "body": "The bittern boomed. It hid."}).to_string(),
    );
    d.write("in/folder.json/c_good.txt", article("curlew"));
    d.write("outside/d_good.md", article("dunlin"));
    std::os::unix::fs::symlink(d.path("outside/d_good.md"), root.join("linked.md")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(d.path("gone.txt"), root.join("dangling.txt")).unwrap();
    mkfifo(&root.join("pipe.txt"));
    mkfifo(&root.join("pipe.unknown"));
    let _socket = std::os::unix::net::UnixListener::bind(root.join("socket.jsonl")).unwrap();
    let locked = d.write("in/locked.txt", article("eider"));
    chmod(&locked, 0o000);
    d.write("in/locked_dir/f_good.txt", article("fulmar"));
    chmod(&root.join("locked_dir"), 0o000);
    let privileged = reads_anything(&locked);

    let (s, _) = ingest_within(
        &d,
        &["--no-bundled", root.to_str().unwrap()],
        Duration::from_secs(30),
    );
    chmod(&locked, 0o644);
    chmod(&root.join("locked_dir"), 0o755);

    for word in ["avocet", "bittern", "curlew", "dunlin"] {
        assert_eq!(d.search([word]).total, 1, "{word} must go in: {}", s.text);
    }
    assert_eq!(reason(&s, "/in/sub/loop"), "symbolic link loop");
    assert!(
        reason(&s, "/in/dangling.txt").starts_with("broken symbolic link"),
        "{}",
        s.text
    );
    assert_eq!(
        reason(&s, "/in/pipe.txt"),
        "not a regular file (named pipe)"
    );
    assert_eq!(
        reason(&s, "/in/socket.jsonl"),
        "not a regular file (socket)"
    );
    assert!(
        s.reason("pipe.unknown").is_none(),
        "not an article name: ignored"
    );
    let mut skipped = 4;
    if privileged {
        eprintln!(
            "note: running with the privilege to read any file; chmod 000 blocks nothing here, \
             so the unreadable-file checks are skipped"
        );
        assert_eq!(d.search(["eider"]).total, 1);
        assert_eq!(d.search(["fulmar"]).total, 1);
    } else {
        assert!(
            reason(&s, "/in/locked.txt").contains("ermission denied"),
            "{}",
            s.text
        );
        assert!(
            reason(&s, "/in/locked_dir").contains("ermission denied"),
            "{}",
            s.text
        );
        skipped += 2;
    }
    assert_eq!(s.skipped, skipped, "{}", s.text);
    for (p, _) in &s.skipped_files {
        assert!(
            Path::new(p).is_absolute(),
            "skipped paths are absolute: {p}"
        );
    }
}

#[test]
fn special_files_named_on_the_command_line_are_refused_not_read() {
    let d = Digest::new();
    let pipe = d.path("pipe.txt");
    mkfifo(&pipe);
    let good = d.write("good.txt", "Title: Good\n\nThe gannet dived. It ate.\n");
    let missing = d.path("missing.txt");
    let dangling = d.path("dangling.json");
    std::os::unix::fs::symlink(&missing, &dangling).unwrap();
    let a = d.path("a.txt");
    std::os::unix::fs::symlink(d.path("b.txt"), &a).unwrap();
    std::os::unix::fs::symlink(&a, d.path("b.txt")).unwrap();
    let mut args = vec!["--no-bundled".to_string()];
    for p in [&pipe, &good, &missing, &dangling, &a] {
        args.push(p.to_str().unwrap().into());
    }
    if Path::new("/dev/null").exists() {
        args.push("/dev/null".into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (s, _) = ingest_within(&d, &args, Duration::from_secs(20));
    assert_eq!(s.added, 1, "{}", s.text);
    assert_eq!(reason(&s, "/pipe.txt"), "not a regular file (named pipe)");
    assert!(
        reason(&s, "/missing.txt").contains("No such file"),
        "{}",
        s.text
    );
    assert!(
        reason(&s, "/dangling.json").starts_with("broken symbolic link"),
        "{}",
        s.text
    );
    assert!(
        reason(&s, "/a.txt").contains("symbolic links"),
        "{}",
        s.text
    );
    if args.contains(&"/dev/null") {
        assert_eq!(
            reason(&s, "/dev/null"),
            "not a regular file (character device)"
        );
    }
}

#[test]
fn hostile_file_names_never_reach_the_terminal() {
    let d = Digest::new();
    // No NUL and no `/` (neither can be in a file name), no `\` (`source` takes the name
    // after the last `/` or `\`).
    let name = format!("evil{HOSTILE}name.txt").replace(['\0', '/', '\\'], "");
    let good = d.write(
        &format!("in/{name}"),
        "Title: Named\n\nThe kittiwake nested on the ledge. It stayed.\n",
    );
    d.write(&format!("in/empty{}.txt", "\u{1b}]0;pwned\u{7}"), "");
    let r = d.run(["ingest", "--no-bundled", d.path("in").to_str().unwrap()]);
    assert_terminal_safe("ingest", &r);
    let s = IngestSummary::parse(&r.stdout);
    assert_eq!((s.added, s.skipped), (1, 1), "{}", s.text);
    let doc = d.search(["kittiwake"]);
    let id = &doc.hits[0].id;
    assert_terminal_safe("search", &d.run(["search", "kittiwake"]));
    assert_terminal_safe("show", &d.run(["show", id]));
    // JSON names the real file, escaped: it is a path, not article text.
    let a = d.show(id);
    assert_eq!(a.origins[0].path, good.to_str().unwrap());
    assert_eq!(a.source, name);
    let r = d.run(["search", "--json", "kittiwake"]);
    assert!(!r.raw.contains(&0x1b), "JSON escapes ESC");
}

// ---------------------------------------------------------------------------------------
// Helpers' own checks

#[test]
fn the_unsafe_character_check_catches_what_it_must() {
    for c in [
        '\u{1b}', '\u{7}', '\u{0}', '\u{9b}', '\u{85}', '\u{202e}', '\u{2066}', '\u{2069}',
        '\u{200b}', '\u{feff}',
    ] {
        assert!(!unsafe_chars(&format!("a{c}b")).is_empty(), "{c:?}");
    }
    assert!(!unsafe_chars("wal\u{200d}rus").is_empty());
    assert!(unsafe_chars("👩\u{200d}🚀\n\tok").is_empty());
    assert_eq!(strip_sgr("\u{1b}[1;31mred\u{1b}[0m"), "red");
    assert_eq!(strip_sgr("\u{1b}]0;t\u{7}"), "\u{1b}]0;t\u{7}");
}

// ---------------------------------------------------------------------------------------
// Known bug outside the ingest module (src/index/writer.rs)

/// Runs `digest ARGS` to completion and returns its exit code, its stdout and its own peak
/// resident memory in MB (from `wait4`, so tests running beside it do not count).
#[expect(clippy::zombie_processes, reason = "the child is reaped by wait4")]
fn run_measured(d: &Digest, args: &[&str]) -> (i32, String, u64) {
    let out = d.path(&format!("run-{}.out", args.len()));
    let child = d
        .cmd()
        .args(args)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for this child only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which std will not wait for again (not waited on
    // through `Child`, which is dropped without waiting).
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (
        code,
        std::fs::read_to_string(out).unwrap(),
        usage.ru_maxrss as u64 / 1024,
    )
}

/// Files of `items` of the smallest articles each, in a new directory.
fn tiny_jsonl_files(d: &Digest, dir: &str, files: usize, items: usize) -> std::path::PathBuf {
    for f in 0..files {
        let mut text = String::new();
        for i in 0..items {
            text.push_str(&format!(
                "{{\"title\":\"t\",\"body\":\"w{f}x{i} walrus{f}\"}}\n"
            ));
        }
        d.write(&format!("{dir}/part{f}.jsonl"), text);
    }
    d.path(dir)
}

#[test]
#[ignore = "still grows, far less: workers pause at 24 MB of input in hand, but a large \
            file's articles outlive its writing (release: one 16 MB JSON Lines file 233 MB, \
            four 701 MB; before the input budget: one 808 MB, three 2.1 GB); run with \
            `cargo test --release --test tests -- --ignored memory_does_not_grow`"]
fn memory_does_not_grow_with_the_number_of_large_files() {
    let one = Digest::new();
    let dir = tiny_jsonl_files(&one, "one", 1, 100_000);
    let (code, out, peak_one) =
        run_measured(&one, &["ingest", "--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let four = Digest::new();
    let dir = tiny_jsonl_files(&four, "four", 4, 100_000);
    let (code, out, peak_four) =
        run_measured(&four, &["ingest", "--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("added 400000,"), "{out}");
    eprintln!("peak RSS: one file {peak_one} MB, four files {peak_four} MB");
    // Written one file after another, four files may cost one file's articles plus what
    // the index writer keeps for 300,000 more documents (the same 400,000 articles in 400
    // small files take 367 MB in a release build).
    assert!(
        peak_four <= peak_one + 150,
        "four files of 100,000 articles take {peak_four} MB, one takes {peak_one} MB"
    );
}

#[test]
fn one_invalid_utf8_line_of_json_lines_costs_only_that_line() {
    let d = Digest::new();
    let mut bytes = b"{\"title\":\"a\",\"body\":\"The harrier hunted. It rested.\"}\n".to_vec();
    let bad_at = bytes.len() + 9;
    bytes.extend(b"{\"body\":\"\xff bad bytes\"}\n");
    bytes.extend(b"{\"title\":\"c\",\"body\":\"The hobby hunted. It rested.\"}\n");
    let f = d.write("in/lines.jsonl", bytes);
    let s = d.ingest(["--no-bundled", f.to_str().unwrap()]);
    // Today: `added 0 … skipped 1`, "lines.jsonl: invalid UTF-8 at byte 63".
    assert_eq!(s.counts(), (2, 0, 0, 0, 1), "{}", s.text);
    assert_eq!(
        reason(&s, "lines.jsonl (line 2)"),
        format!("invalid UTF-8 at byte {bad_at}")
    );
}
