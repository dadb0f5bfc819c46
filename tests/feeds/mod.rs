//! `digest feeds`: subscriptions kept in `feeds.json` beside the index, added, listed,
//! removed, imported from and exported to OPML (issue 20).

use serde_json::Value;

use crate::util::Digest;

fn feeds_json(d: &Digest) -> Value {
    let r = d.run(["feeds", "--json"]);
    assert!(r.code == 0 || r.code == 1, "{r:#?}");
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

fn urls(d: &Digest) -> Vec<String> {
    feeds_json(d)["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn subscriptions_are_added_listed_removed_and_kept_beside_the_index() {
    let d = Digest::new();
    let r = d.run(["feeds"]);
    assert_eq!(r.code, 1, "no feeds yet: {r:#?}");
    assert!(r.stdout.contains("0 feeds"));

    let r = d.run([
        "feeds",
        "add",
        "HTTPS://TASS.com/rss/v2.xml#x",
        "--outlet",
        "TASS",
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let r = d.run([
        "feeds",
        "add",
        "https://www.globaltimes.cn/rss/outbrain.xml",
        "--full-text",
        "never",
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    let r = d.run(["feeds", "add", "https://tass.com/rss/v2.xml"]);
    assert!(r.stdout.contains("already subscribed"), "{r:#?}");
    assert_eq!(
        urls(&d),
        [
            "https://tass.com/rss/v2.xml",
            "https://www.globaltimes.cn/rss/outbrain.xml"
        ]
    );
    let doc = feeds_json(&d);
    assert_eq!(doc["feeds"][0]["outlet"], "TASS");
    assert_eq!(doc["feeds"][1]["full_text"], "never");
    assert_eq!(doc["feeds"][0]["articles"], 0);

    // The documented file, beside the index directory.
    let file = d.index.parent().unwrap().join("feeds.json");
    let on_disk: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(on_disk, doc);

    let r = d.run(["feeds"]);
    assert!(
        r.stdout.contains("tass.com/rss/v2.xml") && r.stdout.contains("never fetched"),
        "{r:#?}"
    );

    let id = doc["feeds"][1]["id"].as_str().unwrap();
    let r = d.run(["feeds", "remove", &id[..5]]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(urls(&d), ["https://tass.com/rss/v2.xml"]);
    let r = d.run(["feeds", "remove", "https://nowhere.example/feed"]);
    assert_eq!(r.code, 1, "{r:#?}");
}

#[test]
fn only_http_and_https_feeds_are_accepted() {
    let d = Digest::new();
    for bad in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://example.org/rss",
        "example.org/rss",
    ] {
        let r = d.run(["feeds", "add", bad]);
        r.assert_error();
        assert!(r.stderr.contains("cannot follow"), "{bad}: {r:#?}");
    }
    assert!(urls(&d).is_empty());
}

#[test]
fn opml_export_and_import_carry_the_subscriptions() {
    let d = Digest::new();
    d.run([
        "feeds",
        "add",
        "https://tass.com/rss/v2.xml",
        "--outlet",
        "TASS",
    ]);
    d.run(["feeds", "add", "https://www.rfa.org/english/RSS"]);
    let r = d.run(["feeds", "export"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(
        r.stdout.contains(r#"xmlUrl="https://tass.com/rss/v2.xml""#),
        "{}",
        r.stdout
    );
    let opml = d.write("mine.opml", &r.stdout);

    let e = Digest::new();
    // A nested folder, as feed readers export them, and one feed that is not http.
    let nested = e.write(
        "other.opml",
        r#"<opml version="2.0"><head><title>x</title></head><body>
           <outline text="News"><outline text="CNES" xmlUrl="https://cnes.fr/en/rss.xml"/>
           <outline text="Bad" xmlUrl="file:///etc/passwd"/></outline></body></opml>"#,
    );
    let r = e.run(["feeds", "import", opml.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.contains("imported 2 new feeds"), "{r:#?}");
    let r = e.run(["feeds", "import", nested.to_str().unwrap()]);
    assert!(
        r.stdout.contains("imported 1 new feed") && r.stdout.contains("skipped file:///etc/passwd"),
        "{r:#?}"
    );
    assert_eq!(
        urls(&e),
        [
            "https://tass.com/rss/v2.xml",
            "https://www.rfa.org/english/RSS",
            "https://cnes.fr/en/rss.xml"
        ]
    );
    let broken = e.write("broken.opml", "<opml><body><outline");
    e.run(["feeds", "import", broken.to_str().unwrap()])
        .assert_error();
}
