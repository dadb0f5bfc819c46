//! `digest ingest`: input formats, directory walking, bad files, idempotence, updates and
//! duplicates, and the bundled corpus on a new index.

use std::collections::BTreeSet;

use crate::util::{Digest, fixture};

/// The one article a word finds: (title, source, item of its first origin).
fn one(d: &Digest, word: &str) -> crate::util::ShowJson {
    let doc = d.search([word]);
    assert_eq!(doc.total, 1, "{word}: {doc:#?}");
    d.show(&doc.hits[0].id)
}

#[test]
fn a_new_index_receives_the_bundled_corpus_with_the_first_ingest() {
    let d = Digest::new();
    let s = d.ingest([fixture("formats/header.txt").to_str().unwrap()]);
    assert_eq!(s.counts(), (6, 0, 0, 0, 0), "{}", s.text);
    assert_eq!(d.search(["china"]).total, 5);
    assert_eq!(d.search(["capybara"]).total, 1);
    let total: u64 = d.outlets().iter().map(|o| o.articles).sum();
    assert_eq!(total, 6);
    // Only once: the next run does not add them again.
    let s = d.ingest([fixture("formats/notes.md").to_str().unwrap()]);
    assert_eq!(s.counts(), (1, 0, 0, 0, 0), "{}", s.text);
}

#[test]
fn no_bundled_keeps_the_new_index_to_the_given_files() {
    let d = Digest::new();
    let s = d.ingest([
        "--no-bundled",
        fixture("formats/header.txt").to_str().unwrap(),
    ]);
    assert_eq!(s.counts(), (1, 0, 0, 0, 0), "{}", s.text);
    let doc = d.search(["china"]);
    assert_eq!(doc.total, 0, "{doc:#?}");
    let outlets = d.outlets();
    assert_eq!(outlets.len(), 1, "{outlets:#?}");
    assert_eq!(outlets[0].id, "gt");
    // A later search does not seed an index that has articles.
    assert_eq!(d.search(["lunar"]).total, 0);
}

#[test]
fn every_format_is_read_and_directories_are_walked() {
    let d = Digest::new();
    let s = d.ingest(["--no-bundled", fixture("formats").to_str().unwrap()]);
    // header.txt, no_header.txt, notes.md, single.json, 2 in array.json, 2 in items.jsonl,
    // more.ndjson, nested/deep.txt, page.html.
    assert_eq!(s.counts(), (11, 0, 0, 0, 0), "{}", s.text);
    for word in [
        "capybara",
        "chinchilla",
        "dugong",
        "echidna",
        "fennec",
        "gerenuk",
        "hoatzin",
        "ibex",
        "jerboa",
        "kinkajou",
        "manatee",
    ] {
        assert_eq!(d.search([word]).total, 1, "{word}");
    }
    // Other extensions and hidden files are not read.
    for word in ["lemur", "nilgai"] {
        assert_eq!(d.search([word]).total, 0, "{word} must be ignored");
    }
    assert!(s.text.contains("ignored"), "{}", s.text);
}

#[test]
fn plain_text_headers_set_the_metadata() {
    let d = Digest::new();
    d.ingest(["--no-bundled", fixture("formats").to_str().unwrap()]);
    let a = one(&d, "capybara");
    assert_eq!(a.title, "Capybara colony grows");
    assert_eq!(a.outlet, "gt");
    assert_eq!(a.outlet_name, "Global Times");
    assert_eq!(a.date.as_deref(), Some("2021-05-06"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/capybara"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.authors, vec!["Ana Ruiz", "Ben Okoro"]);
    assert_eq!(
        a.body,
        "The capybara colony by the lake has doubled in two years. Rangers say the wet winters helped."
    );
    assert_eq!(a.source, "header.txt");
    assert_eq!(a.origins.len(), 1);
    assert!(
        a.origins[0]
            .path
            .ends_with("tests/fixtures/formats/header.txt")
    );
    assert!(std::path::Path::new(&a.origins[0].path).is_absolute());

    // Without headers, the first headline-like line is the title.
    let a = one(&d, "chinchilla");
    assert_eq!(a.title, "Chinchilla breeders meet in Lima");
    assert_eq!(
        a.body,
        "Breeders of the chinchilla met in Lima to compare notes on diet. The meeting lasted two days."
    );
    assert_eq!(a.outlet, "unattributed");
    assert_eq!(a.date, None);

    let a = one(&d, "dugong");
    assert_eq!(a.title, "Dugong seagrass study");
    assert_eq!(a.source, "notes.md");
}

#[test]
fn json_fields_set_the_metadata() {
    let d = Digest::new();
    d.ingest(["--no-bundled", fixture("formats").to_str().unwrap()]);

    let a = one(&d, "echidna");
    assert_eq!(a.title, "Echidna spines examined");
    assert_eq!(a.outlet, "tass");
    assert_eq!(a.date.as_deref(), Some("2021-04-01"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/echidna"));
    assert_eq!(a.authors, vec!["Chen Li", "Dana Fox"]);
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.origins[0].item, None);

    // Array items: `paragraphs` and `source`; `content_original` and `outlet`.
    let a = one(&d, "fennec");
    assert_eq!(a.title, "Fennec fox ears");
    assert_eq!(
        a.paragraphs(),
        vec![
            "The fennec fox loses heat through its large ears.",
            "Its burrows are deep and cool."
        ]
    );
    assert_eq!(a.outlet, "rfa");
    assert_eq!(a.date.as_deref(), Some("2020-07-08"));
    assert_eq!(a.source, "array.json");
    assert_eq!(a.origins[0].item, Some(0));
    let a = one(&d, "gerenuk");
    assert_eq!(a.title, "Gerenuk feeding habits");
    assert_eq!(a.outlet, "cnes");
    assert_eq!(a.origins[0].item, Some(1));

    // JSON Lines: `text`, `content`; .ndjson with `author`.
    let a = one(&d, "hoatzin");
    assert_eq!(a.title, "Hoatzin chicks climb");
    assert_eq!(a.source, "items.jsonl");
    assert_eq!(a.origins[0].item, Some(0));
    let a = one(&d, "ibex");
    assert_eq!(a.title, "Ibex on the dam wall");
    assert_eq!(a.origins[0].item, Some(1));
    let a = one(&d, "jerboa");
    assert_eq!(a.source, "more.ndjson");
    assert_eq!(a.authors, vec!["Eva Stone"]);

    let a = one(&d, "kinkajou");
    assert_eq!(a.source, "deep.txt");
    assert!(a.origins[0].path.ends_with("formats/nested/deep.txt"));
}

#[test]
fn bad_files_are_skipped_with_a_reason_and_the_rest_go_in() {
    let d = Digest::new();
    let dir = d.copy_fixture_dir("bad", "bad");
    d.write(
        "bad/binary.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0",
    );
    d.write(
        "bad/latin1.txt",
        b"Title: Caf\xe9\n\nLe caf\xe9 \xe9tait ferm\xe9 ce matin.\n",
    );
    d.write("bad/bom_only.txt", b"\xef\xbb\xbf");
    let r = d.run(["ingest", "--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(!r.stderr.contains("panicked"));
    let s = crate::util::IngestSummary::parse(&r.stdout);
    // good.txt and two of the three items of partial_array.json.
    assert_eq!(s.added, 3, "{}", s.text);
    assert_eq!(d.search(["potoroo"]).total, 1);
    assert_eq!(d.search(["quoll"]).total, 1);
    assert_eq!(d.search(["quokka"]).total, 1);
    assert_eq!(d.search(["ocelot"]).total, 0);

    let expect = [
        ("empty.txt", "empty"),
        ("whitespace.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        ("malformed.json", "JSON"),
        ("nobody.json", "body"),
        ("partial_array.json (item 1)", "body"),
    ];
    for (file, reason) in expect {
        let got = s
            .reason(file)
            .unwrap_or_else(|| panic!("{file} not reported as skipped:\n{}", s.text));
        assert!(
            got.to_lowercase().contains(&reason.to_lowercase()),
            "{file}: reason {got:?} should mention {reason:?}"
        );
    }
    // Every skipped line names the full path.
    for (p, _) in &s.skipped_files {
        assert!(p.starts_with(dir.to_str().unwrap()), "{p}");
    }
    assert!(s.reason("bom_only.txt").is_some(), "{}", s.text);
    assert_eq!(s.skipped, expect.len() + 1, "{}", s.text);
    assert!(s.reason("good.txt").is_none());
}

#[test]
fn a_file_named_on_the_command_line_is_read_whatever_its_extension() {
    let d = Digest::new();
    let f = d.write(
        "notes.article",
        "Title: Tarsier eyes\n\nEach tarsier eye is as big as its brain. They hunt insects at night.\n",
    );
    let missing = d.path("does-not-exist.txt");
    let r = d.run([
        "ingest",
        "--no-bundled",
        f.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let s = crate::util::IngestSummary::parse(&r.stdout);
    assert_eq!((s.added, s.skipped), (1, 1), "{}", s.text);
    assert!(s.reason("does-not-exist.txt").is_some());
    assert_eq!(one(&d, "tarsier").title, "Tarsier eyes");
}

#[test]
fn re_ingesting_the_same_directory_changes_nothing() {
    let d = Digest::new();
    let dir = d.copy_fixture_dir("query", "corpus");
    let first = d.ingest(["--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(first.counts(), (8, 0, 0, 0, 0), "{}", first.text);
    let before = d.search(["-n", "50", "fixture OR marmoset"]);
    let second = d.ingest(["--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(second.counts(), (0, 0, 8, 0, 0), "{}", second.text);
    let third = d.ingest([dir.to_str().unwrap()]);
    assert_eq!(third.counts(), (0, 0, 8, 0, 0), "{}", third.text);
    let after = d.search(["-n", "50", "fixture OR marmoset"]);
    assert_eq!(before.total, 8);
    assert_eq!(after.total, 8);
    let ids = |doc: &crate::util::SearchJson| -> BTreeSet<String> {
        doc.hits.iter().map(|h| h.id.clone()).collect()
    };
    assert_eq!(ids(&before), ids(&after));
}

#[test]
fn a_changed_file_replaces_its_old_text() {
    let d = Digest::new();
    let dir = d.copy_fixture_dir("query", "corpus");
    d.ingest(["--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(d.search(["marmoset"]).total, 1);
    std::fs::write(
        dir.join("06_title_only.txt"),
        "Title: Gibbon census results\n\nVolunteers counted singing gibbons in the reserve this spring. The survey covered nine valleys.\n",
    )
    .unwrap();
    let s = d.ingest(["--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 1, 7, 0, 0), "{}", s.text);
    assert_eq!(d.search(["marmoset"]).total, 0, "the old text must be gone");
    let doc = d.search(["gibbon"]);
    assert_eq!(doc.total, 1);
    assert_eq!(doc.hits[0].title, "Gibbon census results");
    assert_eq!(doc.hits[0].source, "06_title_only.txt");
    // Still 8 articles, and the next run sees the new version as unchanged.
    assert_eq!(d.search(["-n", "50", "fixture OR census"]).total, 8);
    let s = d.ingest(["--no-bundled", dir.to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 0, 8, 0, 0), "{}", s.text);
    let a = d.show(&doc.hits[0].id);
    assert_eq!(a.origins.len(), 1);
}

#[test]
fn identical_text_in_two_files_is_stored_once() {
    let d = Digest::new();
    let text = "Title: Tapir tracks\n\nFresh tapir tracks were found by the salt lick. Camera traps were set.\n";
    let a = d.write("dup/a.txt", text);
    let b = d.write("dup/b.txt", text);
    d.write(
        "dup/c.txt",
        "Title: Other\n\nA solitary tamandua crossed the road. Drivers stopped.\n",
    );
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (2, 0, 0, 1, 0), "{}", s.text);
    let doc = d.search(["tapir"]);
    assert_eq!(doc.total, 1, "{doc:#?}");
    let shown = d.show(&doc.hits[0].id);
    let paths: Vec<&str> = shown.origins.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(paths, vec![a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(shown.origins[0].hash, shown.origins[1].hash);
    assert_eq!(shown.source, "a.txt");
    assert_eq!(shown.origin_names(), vec!["a.txt", "b.txt"]);
    // Human `show` lists both files too.
    let r = d.run(["show", &doc.hits[0].id]);
    assert!(r.stdout.contains(a.to_str().unwrap()) && r.stdout.contains(b.to_str().unwrap()));

    // Re-ingesting: both files unchanged, nothing added.
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 0, 3, 0, 0), "{}", s.text);
    assert_eq!(d.search(["tapir"]).total, 1);
}

#[test]
fn changing_one_copy_of_shared_text_keeps_the_other_as_its_source() {
    let d = Digest::new();
    let text = "Title: Okapi sighting\n\nAn okapi was filmed at the river bend. Rangers cheered.\n";
    let a = d.write("dup/a.txt", text);
    let b = d.write("dup/b.txt", text);
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (1, 0, 0, 1, 0), "{}", s.text);
    assert_eq!(d.search(["okapi"]).hits[0].source, "a.txt");

    // a.txt gets new text; the okapi text now lives only in b.txt.
    std::fs::write(
        &a,
        "Title: Bongo sighting\n\nA bongo was seen in the forest. Nobody cheered.\n",
    )
    .unwrap();
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 1, 1, 0, 0), "{}", s.text);
    let okapi = d.search(["okapi"]);
    assert_eq!(okapi.total, 1, "{okapi:#?}");
    assert_eq!(
        okapi.hits[0].source, "b.txt",
        "the hit must name a file that still holds it"
    );
    let shown = d.show(&okapi.hits[0].id);
    assert_eq!(shown.source, "b.txt");
    assert_eq!(shown.origin_names(), vec!["b.txt"]);
    assert_eq!(shown.origins[0].path, b.to_str().unwrap());
    assert_eq!(d.search(["bongo"]).hits[0].source, "a.txt");
}

#[test]
fn changing_the_second_copy_of_shared_text_keeps_the_first_as_its_source() {
    let d = Digest::new();
    let text = "Title: Pangolin rescue\n\nA pangolin was rescued from a trader. It was released.\n";
    let a = d.write("dup/a.txt", text);
    let b = d.write("dup/b.txt", text);
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (1, 0, 0, 1, 0), "{}", s.text);

    // b.txt keeps the text under another title: its bytes change, the text does not.
    std::fs::write(
        &b,
        "Title: Pangolin freed\n\nA pangolin was rescued from a trader. It was released.\n",
    )
    .unwrap();
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 1, 1, 0, 0), "{}", s.text);
    let doc = d.search(["pangolin"]);
    assert_eq!(doc.total, 1, "{doc:#?}");
    let shown = d.show(&doc.hits[0].id);
    assert_eq!(shown.origin_names(), vec!["a.txt", "b.txt"], "{shown:#?}");
    assert_eq!(shown.origins[0].path, a.to_str().unwrap());

    // b.txt gets other text: the pangolin text lives on in a.txt alone.
    std::fs::write(
        &b,
        "Title: Aardvark burrow\n\nAn aardvark dug a burrow by the road. Nobody minded.\n",
    )
    .unwrap();
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 1, 1, 0, 0), "{}", s.text);
    let doc = d.search(["pangolin"]);
    assert_eq!(doc.total, 1, "{doc:#?}");
    assert_eq!(doc.hits[0].source, "a.txt");
    assert_eq!(d.show(&doc.hits[0].id).origin_names(), vec!["a.txt"]);
    assert_eq!(d.search(["aardvark"]).hits[0].source, "b.txt");

    // Nothing is left over: a third run finds both files unchanged, and changing a.txt
    // now removes the pangolin text.
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 0, 2, 0, 0), "{}", s.text);
    std::fs::write(
        &a,
        "Title: Civet tracks\n\nCivet tracks crossed the trail at night. They led west.\n",
    )
    .unwrap();
    let s = d.ingest(["--no-bundled", d.path("dup").to_str().unwrap()]);
    assert_eq!(s.counts(), (0, 1, 1, 0, 0), "{}", s.text);
    assert_eq!(d.search(["pangolin"]).total, 0);
    assert_eq!(d.search(["-n", "10", "civet OR aardvark"]).total, 2);
}

#[test]
fn identical_text_inside_one_json_array_is_stored_once() {
    let d = Digest::new();
    let item = serde_json::json!({"title": "Saiga herd", "body": "A saiga herd crossed the steppe at dawn. Rangers counted them."});
    let f = d.write(
        "dup.json",
        serde_json::to_string(&vec![item.clone(), item]).unwrap(),
    );
    let s = d.ingest(["--no-bundled", f.to_str().unwrap()]);
    assert_eq!(s.counts(), (1, 0, 0, 1, 0), "{}", s.text);
    let doc = d.search(["saiga"]);
    assert_eq!(doc.total, 1);
    let items: Vec<Option<u32>> = d
        .show(&doc.hits[0].id)
        .origins
        .iter()
        .map(|o| o.item)
        .collect();
    assert_eq!(items, vec![Some(0), Some(1)]);
}

#[test]
fn ingest_prints_one_skipped_line_per_skipped_file() {
    let d = Digest::new();
    d.write(
        "in/ok.txt",
        "Title: Fine\n\nThe serval hunts in tall grass. It leaps high.\n",
    );
    d.write("in/empty.txt", "");
    d.write("in/broken.json", "[{");
    let r = d.run(["ingest", "--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let re = regex::Regex::new(
        r"^added 1, updated 0, unchanged 0, duplicates 0, skipped 2 \(\d+(\.\d+)? s\)$",
    )
    .unwrap();
    assert!(re.is_match(lines[0]), "{}", r.stdout);
    let skipped: Vec<&&str> = lines.iter().filter(|l| l.starts_with("skipped ")).collect();
    assert_eq!(skipped.len(), 2, "{}", r.stdout);
    let broken = d.path("in/broken.json");
    let empty = d.path("in/empty.txt");
    assert!(
        skipped
            .iter()
            .any(|l| l.starts_with(&format!("skipped {}: malformed JSON", broken.display()))),
        "{}",
        r.stdout
    );
    assert!(
        skipped
            .iter()
            .any(|l| **l == format!("skipped {}: empty file", empty.display())),
        "{}",
        r.stdout
    );
}

/// `digest ingest --json`: every article with its status, id, source, title, outlet and
/// date, and every item skipped with the reason, for scripts (issue 20).
#[test]
fn ingest_json_reports_every_article_and_every_skip() {
    let d = Digest::new();
    let feed = d.write(
        "news.jsonl",
        concat!(
            r#"{"outlet":"Daily Ledger","title":"Dam opens","date":"2021-10-06","text":"The new dam on the river opened on Wednesday."}"#,
            "\n",
            "{not json\n",
            r#"{"outlet":"Evening Courier","title":"Dam opens again","text":"The new dam on the river opened on Wednesday."}"#,
            "\n"
        ),
    );
    let run = |d: &Digest| -> serde_json::Value {
        let r = d.run(["ingest", "--no-bundled", "--json", feed.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{r:#?}");
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
    };
    let doc = run(&d);
    assert_eq!(doc["added"], 1, "{doc:#}");
    assert_eq!(doc["duplicates"], 1, "the same text twice is one article");
    let articles = doc["articles"].as_array().unwrap();
    let statuses: Vec<&str> = articles
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["added", "duplicate"]);
    let first = &articles[0];
    assert_eq!(first["title"], "Dam opens");
    assert_eq!(first["outlet"], "daily-ledger");
    assert_eq!(first["date"], "2021-10-06");
    assert!(
        first["source"]
            .as_str()
            .unwrap()
            .ends_with("news.jsonl (line 1)"),
        "{first}"
    );
    assert_eq!(first["id"], articles[1]["id"]);
    assert_eq!(d.show(first["id"].as_str().unwrap()).title, "Dam opens");
    let skipped = doc["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{doc:#}");
    assert!(
        skipped[0]["source"].as_str().unwrap().ends_with("(line 2)"),
        "JSON Lines are counted as editors count lines: {doc:#}"
    );

    // Unchanged the second time: counted, no articles listed.
    let doc = run(&d);
    assert_eq!(doc["unchanged"], 1, "{doc:#}");
    assert!(doc["articles"].as_array().unwrap().is_empty());
}

/// A saved web page: the article, not the markup; its title without the site's name, its
/// date, its outlet resolved against the registry, its canonical link; legacy encodings
/// decoded; scripts and escape sequences never stored (issue 20).
#[test]
fn a_saved_web_page_is_ingested_as_its_article() {
    let d = Digest::new();
    let page = r#"<!DOCTYPE html><html lang="en"><head>
        <meta charset="utf-8">
        <title>Russia and China sign lunar station deal - TASS</title>
        <meta property="og:title" content="Russia and China sign lunar station deal | TASS">
        <meta property="og:site_name" content="TASS">
        <meta property="article:published_time" content="2021-03-10T09:00:00+03:00">
        <link rel="canonical" href="https://tass.com/science/1264967">
        <script>document.title = "\u001b[31mowned"; var ads = "Subscribe now";</script>
        <style>.menu { color: red }</style></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/science">Science</a></nav>
        <article><h1>Russia and China sign lunar station deal</h1>
        <p>MOSCOW, March 10. Russia and China have signed a memorandum of understanding on the
        creation of an international scientific lunar station, the Roscosmos press service said.</p>
        <p>The station is to be a complex of experimental and research facilities built on the
        surface or in the orbit of the Moon, open to all interested countries and partners.</p>
        <p>Roscosmos head Dmitry Rogozin and China National Space Administration chief Zhang
        Kejian signed the document by video link, the agency added on Wednesday.</p>
        </article>
        <aside><h3>Related</h3><ul><li><a href="/a">Soyuz launches new crew</a></li></ul></aside>
        <footer>© TASS 2021. All rights reserved.</footer></body></html>"#;
    let path = d.write("saved/tass-lunar.html", page);
    let r = d.run(["ingest", "--no-bundled", "--json", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let a = &doc["articles"][0];
    assert_eq!(
        a["title"], "Russia and China sign lunar station deal",
        "{doc:#}"
    );
    assert_eq!(a["outlet"], "tass");
    assert_eq!(a["date"], "2021-03-10");
    let shown = d.show(a["id"].as_str().unwrap());
    assert!(
        shown.body.contains("memorandum of understanding"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Zhang Kejian"), "{}", shown.body);
    for junk in [
        "Home",
        "Subscribe",
        "color: red",
        "All rights reserved",
        "owned",
        "<p>",
        "\u{1b}",
    ] {
        assert!(
            !shown.body.contains(junk),
            "{junk:?} stored: {}",
            shown.body
        );
    }
    let r = d.run(["show", a["id"].as_str().unwrap(), "--json"]);
    let full: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(full["url"], "https://tass.com/science/1264967");

    // Legacy encodings, declared and not: decoded, not refused.
    let body = "<html><head><title>Роскосмос и CNSA</title></head><body><article><p>Госкорпорация Роскосмос и Китайское национальное космическое управление подписали меморандум о создании Международной научной лунной станции.</p><p>Станция будет открыта для всех заинтересованных стран и международных партнеров, сообщили в Роскосмосе.</p></article></body></html>";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(body);
    let declared = [b"<meta charset=\"windows-1251\">".as_slice(), &cp1251].concat();
    d.write("saved/ru-declared.htm", declared);
    let other = body.replace("меморандум", "соглашение");
    let (koi8, _, _) = encoding_rs::KOI8_R.encode(&other);
    d.write("saved/ru-undeclared.html", koi8);
    let zh = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><title>中俄签署月球站合作备忘录</title></head><body><article><p>中国国家航天局与俄罗斯国家航天集团签署了关于合作建设国际月球科研站的谅解备忘录。</p><p>双方将共同推动国际月球科研站的论证、工程实施和运营。</p></article></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(zh);
    d.write("saved/zh-gbk.html", gbk);
    let r = d.run([
        "ingest",
        "--no-bundled",
        "--json",
        d.path("saved").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 3, "{doc:#}");
    assert!(doc["skipped"].as_array().unwrap().is_empty(), "{doc:#}");
    assert_eq!(d.search(["меморандум"]).total, 1);
    assert_eq!(d.search(["соглашение"]).total, 1, "KOI8-R guessed");
    let titles: Vec<String> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles.iter().any(|t| t == "中俄签署月球站合作备忘录"),
        "{titles:?}"
    );
}

/// `digest ingest URL`: the page is fetched from a real server on 127.0.0.1, saved beside
/// the index, and read as its article with its address; pages that cannot be fetched are
/// skipped with the URL and the reason, and the others still land (issue 20).
#[test]
fn a_web_address_is_fetched_saved_and_read_as_its_article() {
    use crate::util::http::{Reply, Server};
    let page = r#"<html><head><meta property="og:site_name" content="Global Times">
        <meta property="og:title" content="China, Russia open lunar station to partners - Global Times">
        <meta property="article:published_time" content="2021-04-25T10:00:00+08:00"></head>
        <body><article><p>China and Russia on Sunday invited international partners to join the
        International Lunar Research Station, the China National Space Administration said.</p>
        <p>The two countries released a guide for partnership at a conference in Nanjing.</p>
        </article></body></html>"#;
    let mut routes = std::collections::HashMap::new();
    routes.insert(
        "/page/1".to_string(),
        Reply::ok("text/html; charset=utf-8", page),
    );
    routes.insert("/moved".to_string(), Reply::redirect("/page/1"));
    routes.insert(
        "/to-file".to_string(),
        Reply::redirect("file:///etc/passwd"),
    );
    routes.insert("/broken".to_string(), Reply::status(500));
    routes.insert(
        "/huge".to_string(),
        Reply::ok("text/html", vec![b'a'; 9 << 20]),
    );
    routes.insert(
        "/endless".to_string(),
        Reply::endless("text/html", "<p>and on and on</p>".repeat(1000)),
    );
    // Shift-JIS, said by the HTTP header, which wins over the page's stale Latin-1 meta.
    let ja = "<html><head><meta charset=\"iso-8859-1\"><title>日露、月面基地で協力</title></head><body><article><p>ロシアと中国は国際月面研究ステーションの建設に関する覚書に署名したと、ロスコスモスが発表した。</p><p>ステーションはすべての関心国に開かれるという。</p></article></body></html>";
    routes.insert(
        "/ja".to_string(),
        Reply::ok(
            "text/html; charset=Shift_JIS",
            encoding_rs::SHIFT_JIS.encode(ja).0.into_owned(),
        ),
    );
    let server = Server::start(routes);
    let d = Digest::new();
    let r = d.run([
        "ingest",
        "--no-bundled",
        "--json",
        &server.url("/moved"),
        &server.url("/missing"),
        &server.url("/broken"),
        &server.url("/to-file"),
        &server.url("/huge"),
        &server.url("/endless"),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 1, "{doc:#}");
    let a = &doc["articles"][0];
    assert_eq!(a["title"], "China, Russia open lunar station to partners");
    assert_eq!(
        a["outlet"], "gt",
        "og:site_name resolved against the registry"
    );
    assert_eq!(a["date"], "2021-04-25");
    let shown = d.run(["show", a["id"].as_str().unwrap(), "--json"]);
    let shown: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(
        shown["url"],
        server.url("/page/1"),
        "the address after the redirect"
    );
    // Saved beside the index, where reindex finds it again.
    let saved = d.index.parent().unwrap().join("pages").join("127.0.0.1");
    assert_eq!(std::fs::read_dir(&saved).unwrap().count(), 1);

    let skipped: Vec<(String, String)> = doc["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap().into(),
                s["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let reason = |path: &str| {
        skipped
            .iter()
            .find(|(s, _)| *s == server.url(path))
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{path} not reported: {skipped:?}"))
    };
    assert!(reason("/missing").contains("404"));
    assert!(reason("/broken").contains("500"));
    assert!(
        !reason("/to-file").is_empty(),
        "a redirect to file:// is not followed"
    );
    assert!(
        reason("/huge").contains("larger than 8 MB"),
        "{}",
        reason("/huge")
    );
    assert!(
        reason("/endless").contains("larger than 8 MB"),
        "a body with no length is cut at the limit too: {}",
        reason("/endless")
    );

    // The charset the server names is the one the page is read in, now and at reindex,
    // as a browser would.
    let r = d.run(["ingest", "--json", &server.url("/ja")]);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        doc["articles"][0]["title"], "日露、月面基地で協力",
        "{doc:#}"
    );
    assert_eq!(d.search(["覚書"]).total, 1);

    let r = d.run(["reindex", "--no-bundled"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(d.search(["lunar"]).total, 1, "rebuilt from the saved page");
    assert_eq!(d.search(["覚書"]).total, 1, "read in Shift-JIS again");
}

/// Each article records when it arrived: an ingest, the time of the run; a `reindex`,
/// the time its file was last written, so a rebuild does not make every article new in
/// the reader. The bundled corpus never counts as arrived.
#[test]
fn articles_record_when_they_arrived_and_a_rebuild_keeps_it_honest() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let d = Digest::new();
    let path = d.write(
        "old/okapi.txt",
        "Okapi census\n\nRangers counted more okapi this season than in any year on record.",
    );
    let written = UNIX_EPOCH + Duration::from_secs(1_577_836_800); // 2020-01-01
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(written)
        .unwrap();
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    d.ingest([path.to_str().unwrap()]);
    let a = one(&d, "okapi");
    let added = a.origins[0].added.expect("an arrival time");
    assert!(
        added >= before && added < before + 600,
        "{added} vs {before}"
    );
    let bundled = d.search(["lunar"]);
    let b = d.show(&bundled.hits[0].id);
    assert_eq!(b.origins[0].added, None);

    let r = d.run(["reindex"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(one(&d, "okapi").origins[0].added, Some(1_577_836_800));
}

/// AP-style dates ("Sept. 3, 2021", "June 3, 2021") are read; a date that cannot be read
/// leaves the article undated and is reported, by line for JSON Lines (issue 21).
#[test]
fn ap_dates_are_read_and_unreadable_dates_are_reported() {
    let d = Digest::new();
    d.write(
        "in/a.txt",
        "Title: Okapi count\nDate: Sept. 3, 2021\n\nRangers counted more okapi this season than in any year on record.\n",
    );
    d.write(
        "in/b.jsonl",
        concat!(
            r#"{"title":"Quokka count","date":"June 3, 2021","body":"Rangers counted more quokka this season than ever."}"#,
            "\n\n",
            r#"{"title":"Numbat count","date":"Sept. 31, 2021","body":"Rangers counted more numbat this season than ever."}"#,
            "\n"
        ),
    );
    let r = d.run(["ingest", "--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("undated "))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        line.ends_with("in/b.jsonl (line 3): its date \"Sept. 31, 2021\" cannot be read"),
        "{line}"
    );
    assert_eq!(one(&d, "okapi").date.as_deref(), Some("2021-09-03"));
    assert_eq!(one(&d, "quokka").date.as_deref(), Some("2021-06-03"));
    assert_eq!(one(&d, "numbat").date, None);

    let d = Digest::new();
    let f = d.write(
        "b.jsonl",
        r#"{"title":"Numbat count","date":"Sept. 31, 2021","body":"Rangers counted more numbat this season than ever."}"#,
    );
    let r = d.run(["ingest", "--no-bundled", "--json", f.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["undated"][0]["date"], "Sept. 31, 2021", "{doc:#}");
    assert!(
        doc["undated"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with("b.jsonl (line 1)")
    );
}

/// A Markdown file's heading is its title, without the `# ` (issue 21).
#[test]
fn markdown_titles_lose_their_hashes() {
    let d = Digest::new();
    let f = d.write(
        "notes/okapi.md",
        "# Okapi census grows\n\nRangers counted more okapi this season than in any year on record.\n\n## Method\n\nCamera traps were used across the reserve.\n",
    );
    d.ingest(["--no-bundled", f.to_str().unwrap()]);
    let a = one(&d, "okapi");
    assert_eq!(a.title, "Okapi census grows");
    assert!(!a.body.contains('#'), "{}", a.body);
}

/// `digest ingest -` reads standard input — text, or JSON Lines — keeps it beside the
/// index so `reindex` reads it again, and refuses empty input with a reason (issue 21).
#[test]
fn standard_input_is_ingested_and_kept_for_reindex() {
    use std::io::Write;
    let d = Digest::new();
    let pipe = |input: &str| {
        let mut child = d
            .cmd()
            .args(["ingest", "--no-bundled", "--json", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let doc = pipe("Title: Piped okapi\n\nRangers counted more okapi this season than ever.\n");
    assert_eq!(doc["added"], 1, "{doc:#}");
    let doc = pipe(concat!(
        r#"{"title":"Quokka one","body":"Rangers counted quokka on the island this week."}"#,
        "\n",
        r#"{"title":"Numbat two","body":"Rangers counted numbat in the forest this week."}"#,
        "\n"
    ));
    assert_eq!(doc["added"], 2, "{doc:#}");
    assert!(
        doc["articles"][1]["source"]
            .as_str()
            .unwrap()
            .ends_with(".jsonl (line 2)"),
        "{doc:#}"
    );
    let doc = pipe("  \n");
    assert_eq!(doc["skipped"][0]["source"], "-", "{doc:#}");
    assert_eq!(doc["skipped"][0]["reason"], "standard input is empty");

    let r = d.run(["reindex", "--no-bundled"]);
    assert_eq!(r.code, 0, "{r:#?}");
    for word in ["okapi", "quokka", "numbat"] {
        assert_eq!(d.search([word]).total, 1, "{word} after reindex");
    }
}
