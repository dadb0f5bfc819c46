//! Article text is untrusted: nothing from an article may reach the terminal as an escape
//! sequence, a control character or a bidirectional override.

use crate::util::{Digest, Run, forbidden_chars};

/// Clear-screen, window-title and clipboard-write escapes, C0 and C1 controls, and a
/// right-to-left override.
const EVIL: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[31m\u{202e}\u{85}\u{9b}31m\u{1}\u{8}\u{7f}\u{90}dcs\u{9c}";

/// Plain prose, so that the control characters stay a small share of the file (a file made
/// mostly of control characters is refused as binary, which is not what is tested here).
const FILLER: &str = "The square was quiet in the evening, when the market stalls had been cleared away and the \
fountain was the only sound. Older residents remembered when the statue was brought from the \
quarry on a cart pulled by oxen, and how the sculptor had argued with the mayor about its \
expression. Children still dare each other to look it in the eye, and visitors leave coins at \
its feet for luck. The town council has voted twice to restore it and twice found no money. \
Local historians are collecting photographs of the statue from every decade since it arrived.";

#[track_caller]
fn assert_clean(what: &str, r: &Run) {
    assert_eq!(r.code, 0, "{what}: {r:#?}");
    let bad = forbidden_chars(&r.stdout);
    assert!(
        bad.is_empty(),
        "{what}: forbidden characters {bad:?} in output:\n{}",
        r.stdout
    );
    assert!(!r.raw.contains(&0x1b), "{what}: raw ESC byte");
    assert!(!r.raw.contains(&0x07), "{what}: raw BEL byte");
    let bad = forbidden_chars(&r.stderr);
    assert!(
        bad.is_empty(),
        "{what}: forbidden characters in stderr: {bad:?}"
    );
}

/// Every output of every command that shows the article found by `word`.
fn check_all_outputs(d: &Digest, word: &str) -> Vec<(String, Run)> {
    let doc = d.search([word]);
    assert_eq!(doc.total, 1, "{doc:#?}");
    let id = doc.hits[0].id.clone();
    let runs = vec![
        ("search".to_string(), d.run(["search", word])),
        (
            "search --json".to_string(),
            d.run(["search", "--json", word]),
        ),
        ("show".to_string(), d.run(["show", &id])),
        ("show --json".to_string(), d.run(["show", "--json", &id])),
        ("outlets".to_string(), d.run(["outlets"])),
        ("outlets --json".to_string(), d.run(["outlets", "--json"])),
    ];
    for (what, r) in &runs {
        assert_clean(what, r);
    }
    // Colour on (no NO_COLOR) must not let anything through either.
    let r = d
        .cmd()
        .env_remove("NO_COLOR")
        .args(["search", word])
        .output()
        .unwrap();
    assert!(!r.stdout.contains(&0x1b));
    runs
}

#[test]
fn escapes_in_a_text_files_title_and_body_are_removed() {
    let d = Digest::new();
    let text = format!(
        "Title: Evil {EVIL} headline\n\nThe gorgon {EVIL} statue stood in the square.\u{7} Tourists photographed the gorgon {EVIL} daily.\n\nA second paragraph {EVIL} about the gorgon ends here.\n\n{FILLER}\n"
    );
    let f = d.write("evil.txt", text);
    let s = d.ingest(["--no-bundled", f.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
    let runs = check_all_outputs(&d, "gorgon");

    // The words around the escapes survive.
    let search = &runs[0].1.stdout;
    assert!(search.contains("Evil"), "{search}");
    assert!(search.contains("headline"), "{search}");
    assert!(search.contains("gorgon"), "{search}");
    let doc = d.search(["gorgon"]);
    let h = &doc.hits[0];
    assert!(forbidden_chars(&h.title).is_empty(), "{:?}", h.title);
    assert!(forbidden_chars(&h.snippet).is_empty(), "{:?}", h.snippet);
    assert!(!h.title.contains("pwned") && !h.snippet.contains("pwned"));
    assert!(!h.snippet.contains("ZXZpbA"));
    let a = d.show(&h.id);
    assert!(forbidden_chars(&a.title).is_empty());
    assert!(forbidden_chars(&a.body).is_empty(), "{:?}", a.body);
    assert!(a.body.contains("statue stood in the square."));
    assert!(!a.body.contains("pwned"));
}

#[test]
fn escapes_in_a_json_articles_title_body_and_captions_are_removed() {
    let d = Digest::new();
    let article = serde_json::json!({
        "title": format!("Basilisk {EVIL} report"),
        "body": format!(
            "The basilisk {EVIL} lizard runs on water.\n\nA basilisk at the zoo. Photo: {EVIL} Zoo\n\nKeepers {EVIL} say it is shy. It hides often."
        ),
        "date": "2021-01-01",
    });
    let f = d.write("evil.json", serde_json::to_string(&article).unwrap());
    let s = d.ingest(["--no-bundled", f.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
    check_all_outputs(&d, "basilisk");
    let doc = d.search(["basilisk"]);
    let a = d.show(&doc.hits[0].id);
    for field in std::iter::once(&a.title)
        .chain(std::iter::once(&a.body))
        .chain(&a.captions)
    {
        assert!(forbidden_chars(field).is_empty(), "{field:?}");
        assert!(!field.contains("pwned"), "{field:?}");
    }
}

#[test]
fn escapes_in_metadata_fields_are_removed() {
    let d = Digest::new();
    let article = serde_json::json!({
        "title": "Chimera report",
        "body": "The chimera exhibit opened on Monday. Visitors queued for hours.",
        "outlet": format!("Evil {EVIL} Press"),
        "authors": [format!("Mal {EVIL} Lory")],
        "url": format!("https://example.org/{EVIL}"),
        "language": format!("en{EVIL}"),
        "date": "2021-01-01",
    });
    let f = d.write("evil-meta.json", serde_json::to_string(&article).unwrap());
    d.ingest(["--no-bundled", f.to_str().unwrap()]);
    check_all_outputs(&d, "chimera");
    let doc = d.search(["chimera"]);
    let h = &doc.hits[0];
    assert!(
        forbidden_chars(&h.outlet_name).is_empty(),
        "{:?}",
        h.outlet_name
    );
    let a = d.show(&h.id);
    for field in [&a.outlet_name]
        .into_iter()
        .chain(&a.authors)
        .chain(a.url.as_ref())
        .chain(a.via.as_ref())
        .chain(a.language.as_ref())
        .chain(a.provenance.values())
    {
        assert!(forbidden_chars(field).is_empty(), "{field:?}");
    }
}

#[test]
fn queries_and_ids_echoed_back_are_sanitised() {
    let d = Digest::bundled();
    let q = "zyzzyva\u{1b}]0;pwned\u{7}";
    let r = d.run(["search", q]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(forbidden_chars(&r.stdout).is_empty(), "{:?}", r.stdout);
    let r = d.run(["search", "\"unclosed\u{1b}[2J"]);
    assert_eq!(r.code, 2);
    assert!(forbidden_chars(&r.stderr).is_empty(), "{:?}", r.stderr);
    let r = d.run(["show", "bad\u{1b}[2Jid"]);
    assert_eq!(r.code, 1);
    assert!(forbidden_chars(&r.stderr).is_empty(), "{:?}", r.stderr);
    let r = d.run(["search", "--outlet", "evil\u{1b}[2J", "moon"]);
    assert_eq!(r.code, 2);
    assert!(forbidden_chars(&r.stderr).is_empty(), "{:?}", r.stderr);
}
