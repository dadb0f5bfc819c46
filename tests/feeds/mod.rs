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

/// `digest fetch` against a server on 127.0.0.1: RSS, Atom and JSON Feed read, relative
/// links resolved, the same article in two feeds stored once, a second fetch answered 304
/// stores nothing twice, and a broken or missing feed does not stop the others.
#[test]
fn fetch_reads_every_feed_format_once_and_survives_bad_feeds() {
    use crate::util::http::{Reply, Server};
    let body = |who: &str| {
        format!(
            "Russia and China signed a memorandum on the international lunar research station \
             on Tuesday, {who} reported, opening the project to partners from other countries."
        )
    };
    let rss = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>TASS</title>
        <item><title>Lunar station memorandum signed</title><link>/science/1</link>
        <guid>tass-1</guid><pubDate>Tue, 09 Mar 2021 10:00:00 GMT</pubDate>
        <description><![CDATA[<p>{}</p>]]></description></item></channel></rss>"#,
        body("TASS")
    );
    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
        <title>Global Times</title><id>urn:gt</id><updated>2021-03-10T00:00:00Z</updated>
        <entry><title>China, Russia to build lunar station</title><id>urn:gt:1</id>
        <link href="https://www.globaltimes.cn/page/1.shtml"/><updated>2021-03-10T08:00:00Z</updated>
        <content type="html">&lt;p&gt;{}&lt;/p&gt;</content></entry></feed>"#,
        body("the Global Times")
    );
    let json_feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "CNES",
        "items": [
            {"id": "cnes-1", "url": "https://cnes.fr/en/1", "title": "Russia, China's partner for the Moon",
             "date_published": "2021-03-12T09:00:00Z", "content_text": body("CNES")},
            // The TASS article again, in another feed: stored once.
            {"id": "cnes-2", "url": "https://cnes.fr/en/2", "title": "Lunar station memorandum signed",
             "content_html": format!("<p>{}</p>", body("TASS"))}
        ]
    })
    .to_string();
    let mut routes = std::collections::HashMap::new();
    let mut etagged = Reply::ok("application/rss+xml", rss);
    etagged.headers.push(("ETag".into(), "\"v1\"".into()));
    routes.insert("/tass.xml".to_string(), etagged);
    routes.insert(
        "/gt.atom".to_string(),
        Reply::ok("application/atom+xml", atom),
    );
    routes.insert(
        "/cnes.json".to_string(),
        Reply::ok("application/feed+json", json_feed),
    );
    routes.insert(
        "/broken.xml".to_string(),
        Reply::ok("application/rss+xml", "<rss><channel><item><title>x"),
    );
    let server = Server::start(routes);

    let d = Digest::new();
    for path in [
        "/tass.xml",
        "/gt.atom",
        "/cnes.json",
        "/broken.xml",
        "/gone.xml",
    ] {
        let r = d.run(["feeds", "add", &server.url(path), "--full-text", "never"]);
        assert_eq!(r.code, 0, "{r:#?}");
    }
    let fetch = |d: &Digest| -> Value {
        let r = d.run(["fetch", "--json"]);
        assert_eq!(r.code, 0, "{r:#?}");
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
    };
    let doc = fetch(&d);
    let by_url = |doc: &Value, path: &str| -> Value {
        doc["feeds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["url"] == server.url(path).as_str())
            .cloned()
            .unwrap_or_else(|| panic!("{path}: {doc:#}"))
    };
    assert_eq!(doc["added"], 3, "{doc:#}");
    assert_eq!(by_url(&doc, "/tass.xml")["new"], 1);
    assert_eq!(by_url(&doc, "/gt.atom")["new"], 1);
    assert_eq!(
        by_url(&doc, "/cnes.json")["new"],
        1,
        "its copy of the TASS text is not new"
    );
    assert_eq!(by_url(&doc, "/broken.xml")["status"], "error");
    assert!(
        by_url(&doc, "/gone.xml")["error"]
            .as_str()
            .unwrap()
            .contains("404")
    );

    // What a reader finds: three articles, outlets resolved, the relative link resolved.
    assert_eq!(d.search(["lunar"]).total, 3);
    let r = d.run(["search", "memorandum", "--outlet", "TASS", "--json"]);
    let hits: Value = serde_json::from_str(&r.stdout).unwrap();
    let id = hits["hits"][0]["id"].as_str().unwrap();
    let shown = d.run(["show", id, "--json"]);
    let shown: Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(shown["url"], server.url("/science/1"));
    assert_eq!(shown["date"], "2021-03-09");

    // Again: the RSS feed answers 304, the others hold nothing new; nothing stored twice.
    let doc = fetch(&d);
    assert_eq!(doc["added"], 0, "{doc:#}");
    assert_eq!(by_url(&doc, "/tass.xml")["status"], "not modified");
    assert_eq!(d.search(["lunar"]).total, 3);
    let listed = feeds_json(&d);
    let tass = listed["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == server.url("/tass.xml").as_str())
        .unwrap()
        .clone();
    assert_eq!(tass["articles"], 1);
    assert_eq!(tass["etag"], "\"v1\"");
    assert!(tass["last_fetch"].is_string());
}

/// Hostile feeds: entity expansion bombs and external entities are not expanded (no file
/// is read), a redirect loop stops, and a redirect to another scheme is not followed;
/// each is one failed feed with its reason.
#[test]
fn hostile_feeds_expand_nothing_and_fail_alone() {
    use crate::util::http::{Reply, Server};
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>Laughs &lol9;</title><guid>b1</guid><description>Exploding text &lol9; and a file &xxe; in one item about nothing at all.</description></item>
</channel></rss>"#;
    let mut routes = std::collections::HashMap::new();
    routes.insert(
        "/bomb.xml".to_string(),
        Reply::ok("application/rss+xml", laughs),
    );
    routes.insert("/loop-a".to_string(), Reply::redirect("/loop-b"));
    routes.insert("/loop-b".to_string(), Reply::redirect("/loop-a"));
    routes.insert(
        "/to-file".to_string(),
        Reply::redirect("file:///etc/passwd"),
    );
    let server = Server::start(routes);
    let d = Digest::new();
    for path in ["/bomb.xml", "/loop-a", "/to-file"] {
        d.run(["feeds", "add", &server.url(path), "--full-text", "never"]);
    }
    let r = d.run(["fetch", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let feeds = doc["feeds"].as_array().unwrap();
    let of = |path: &str| {
        feeds
            .iter()
            .find(|f| f["url"] == server.url(path).as_str())
            .unwrap()
            .clone()
    };
    assert!(
        of("/loop-a")["error"]
            .as_str()
            .unwrap()
            .contains("redirects"),
        "{doc:#}"
    );
    assert_eq!(of("/to-file")["status"], "error", "{doc:#}");
    // Whatever the bomb feed gave, nothing was expanded and no file was read.
    let r = d.run(["search", "-n", "5", "laughs OR exploding", "--json"]);
    for hit in serde_json::from_str::<Value>(&r.stdout).unwrap()["hits"]
        .as_array()
        .unwrap()
    {
        let shown = d.run(["show", hit["id"].as_str().unwrap()]);
        assert!(!shown.stdout.contains("lollollol"), "{}", shown.stdout);
        assert!(!shown.stdout.contains("root:"), "{}", shown.stdout);
    }
    for f in std::fs::read_dir(d.index.parent().unwrap().join("feeds"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for file in std::fs::read_dir(f.path()).unwrap().flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            assert!(
                text.len() < 100_000 && !text.contains("root:"),
                "{}",
                text.len()
            );
        }
    }
}

/// `feeds remove --purge`: the feed goes, and so do the articles fetched from it.
#[test]
fn removing_a_feed_with_purge_removes_its_articles() {
    use crate::util::http::{Reply, Server};
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>TASS</title>
        <item><title>Lunar station memorandum signed</title><link>https://tass.com/science/1</link>
        <guid>tass-1</guid><description>Russia and China signed a memorandum on the lunar research station on Tuesday.</description></item>
        </channel></rss>"#;
    let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Global Times</title>
        <id>urn:gt</id><updated>2021-03-10T00:00:00Z</updated><entry><title>Lunar base plans</title>
        <id>urn:gt:1</id><link href="https://www.globaltimes.cn/page/1.shtml"/><updated>2021-03-10T08:00:00Z</updated>
        <summary>China and Russia plan a lunar base open to partners, the agencies said.</summary></entry></feed>"#;
    let mut routes = std::collections::HashMap::new();
    routes.insert(
        "/tass.xml".to_string(),
        Reply::ok("application/rss+xml", rss),
    );
    routes.insert(
        "/gt.atom".to_string(),
        Reply::ok("application/atom+xml", atom),
    );
    let server = Server::start(routes);
    let d = Digest::new();
    for path in ["/tass.xml", "/gt.atom"] {
        d.run(["feeds", "add", &server.url(path), "--full-text", "never"]);
    }
    assert_eq!(d.run(["fetch"]).code, 0);
    assert_eq!(d.search(["lunar"]).total, 2);
    let r = d.run(["feeds", "remove", &server.url("/tass.xml"), "--purge"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.contains("1 article removed"), "{}", r.stdout);
    assert_eq!(d.search(["lunar"]).titles(), ["Lunar base plans"]);
    assert_eq!(urls(&d), [server.url("/gt.atom")]);
}

/// One RSS feed holding one item about `word`.
fn one_item_feed(word: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>{word}</title>
        <item><title>The {word} report</title><link>https://example.org/{word}</link>
        <guid>{word}-1</guid><description>Officials described the {word} plan for the lunar
        research station on Tuesday, opening it to partners from other countries.</description>
        </item></channel></rss>"#
    )
}

/// What `fetch --json` said about the feed at `url`.
fn outcome(doc: &Value, url: &str) -> Value {
    doc["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == url)
        .cloned()
        .unwrap_or_else(|| panic!("{url}: {doc:#}"))
}

/// A fetch is bounded: a server that never answers is given up at `--timeout` and one that
/// never stops sending at the 16 MB limit, while the other feeds arrive in the same run;
/// gzip and deflate bodies are decoded; a feed moved for good (301) has its subscription
/// follow it, one moved for now (302) keeps its address; Last-Modified makes the second
/// fetch conditional.
#[test]
fn fetch_is_bounded_decodes_and_follows_moved_feeds() {
    use crate::util::http::{Reply, Server};
    use std::io::Write;
    let compress = |text: &str, gzip: bool| -> Vec<u8> {
        if gzip {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(text.as_bytes()).unwrap();
            e.finish().unwrap()
        } else {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(text.as_bytes()).unwrap();
            e.finish().unwrap()
        }
    };
    let rss = "application/rss+xml";
    let mut routes = std::collections::HashMap::new();
    routes.insert("/silent.xml".to_string(), Reply::never());
    routes.insert(
        "/endless.xml".to_string(),
        Reply::endless(rss, "<rss><channel><item><title>again</title>".repeat(512)),
    );
    routes.insert(
        "/gzip.xml".to_string(),
        Reply::ok(rss, compress(&one_item_feed("gzipped"), true)).with("Content-Encoding", "gzip"),
    );
    routes.insert(
        "/deflate.xml".to_string(),
        Reply::ok(rss, compress(&one_item_feed("deflated"), false))
            .with("Content-Encoding", "deflate"),
    );
    routes.insert("/old.xml".to_string(), Reply::redirect("/new.xml"));
    routes.insert(
        "/new.xml".to_string(),
        Reply::ok(rss, one_item_feed("relocated")),
    );
    routes.insert(
        "/for-now.xml".to_string(),
        Reply::redirect_with(302, "/elsewhere.xml"),
    );
    routes.insert(
        "/elsewhere.xml".to_string(),
        Reply::ok(rss, one_item_feed("visiting")),
    );
    routes.insert(
        "/dated.xml".to_string(),
        Reply::ok(rss, one_item_feed("dated"))
            .with("Last-Modified", "Tue, 09 Mar 2021 10:00:00 GMT"),
    );
    let server = Server::start(routes);
    let d = Digest::new();
    let paths = [
        "/silent.xml",
        "/endless.xml",
        "/gzip.xml",
        "/deflate.xml",
        "/old.xml",
        "/for-now.xml",
        "/dated.xml",
    ];
    for path in paths {
        let r = d.run(["feeds", "add", &server.url(path), "--full-text", "never"]);
        assert_eq!(r.code, 0, "{r:#?}");
    }
    let r = d.run(["fetch", "--json", "--jobs", "3", "--timeout", "3"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 5, "{doc:#}");
    let silent = outcome(&doc, &server.url("/silent.xml"));
    assert!(
        silent["error"].as_str().unwrap().contains("timed out"),
        "{doc:#}"
    );
    let endless = outcome(&doc, &server.url("/endless.xml"));
    assert!(
        endless["error"]
            .as_str()
            .unwrap()
            .contains("larger than 16 MB"),
        "{doc:#}"
    );
    for path in ["/gzip.xml", "/deflate.xml", "/for-now.xml", "/dated.xml"] {
        assert_eq!(
            outcome(&doc, &server.url(path))["new"],
            1,
            "{path}: {doc:#}"
        );
    }
    let moved = outcome(&doc, &server.url("/new.xml"));
    assert_eq!(moved["new"], 1, "{doc:#}");
    assert_eq!(moved["moved_from"], server.url("/old.xml"));
    for word in ["gzipped", "deflated", "relocated", "visiting", "dated"] {
        assert_eq!(d.search([word]).total, 1, "{word}");
    }
    let subscribed = urls(&d);
    assert!(
        subscribed.contains(&server.url("/new.xml")),
        "{subscribed:?}"
    );
    assert!(
        !subscribed.contains(&server.url("/old.xml")),
        "{subscribed:?}"
    );
    assert!(
        subscribed.contains(&server.url("/for-now.xml")),
        "{subscribed:?}"
    );

    // Again: If-Modified-Since answered 304; the moved feed is asked at its new address.
    let r = d.run(["fetch", "--json", "--timeout", "2"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 0, "{doc:#}");
    assert_eq!(
        outcome(&doc, &server.url("/dated.xml"))["status"],
        "not modified"
    );
    assert_eq!(outcome(&doc, &server.url("/new.xml"))["status"], "ok");
    assert_eq!(d.search(["relocated"]).total, 1);
}

/// `--jobs` and `--timeout` take only what makes sense.
#[test]
fn fetch_flags_are_checked() {
    let d = Digest::new();
    for args in [["--jobs", "0"], ["--timeout", "0"], ["--jobs", "many"]] {
        let r = d.run(["fetch", args[0], args[1]]);
        assert_eq!(r.code, 2, "{args:?}: {r:#?}");
        assert!(r.stderr.contains(args[0]), "{}", r.stderr);
    }
}

/// A fetch killed with SIGKILL at any moment loses nothing: `feeds.json` still reads, the
/// index opens, and the next fetch stores every article once.
#[test]
fn a_fetch_killed_at_any_moment_loses_nothing() {
    use crate::util::http::{Reply, Server};
    use std::time::Duration;
    let mut routes = std::collections::HashMap::new();
    let words = [
        "quartz", "basalt", "regolith", "helium", "crater", "orbiter",
    ];
    for w in words {
        routes.insert(
            format!("/{w}.xml"),
            Reply::ok("application/rss+xml", one_item_feed(w)),
        );
    }
    routes.insert("/silent.xml".to_string(), Reply::never());
    let server = Server::start(routes);
    for delay_ms in [0u64, 30, 120, 400, 1500] {
        let d = Digest::new();
        for w in words
            .iter()
            .map(|w| format!("/{w}.xml"))
            .chain(["/silent.xml".into()])
        {
            d.run(["feeds", "add", &server.url(&w), "--full-text", "never"]);
        }
        let mut child = d.spawn(["fetch", "--jobs", "2", "--timeout", "2"]);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let listed = feeds_json(&d);
        assert_eq!(
            listed["feeds"].as_array().unwrap().len(),
            7,
            "after {delay_ms} ms"
        );
        let r = d.run(["fetch", "--json", "--timeout", "1"]);
        assert_eq!(r.code, 0, "after {delay_ms} ms: {r:#?}");
        for w in words {
            assert_eq!(d.search([w]).total, 1, "{w} after {delay_ms} ms");
        }
        let r = d.run(["reindex", "--no-bundled"]);
        assert_eq!(r.code, 0, "{r:#?}");
        for w in words {
            assert_eq!(d.search([w]).total, 1, "{w} after reindex, {delay_ms} ms");
        }
    }
}

/// Conditional requests: once fetched, feeds with an ETag or a Last-Modified date are sent
/// again only as a 304, so the second fetch moves a sliver of the bytes of the first.
#[test]
fn a_second_fetch_transfers_almost_nothing() {
    use crate::util::http::{Reply, Server};
    use std::sync::atomic::Ordering;
    let feed = |outlet: &str| {
        let items: String = (0..40)
            .map(|i| {
                format!(
                    "<item><title>{outlet} dispatch {i}</title><guid>{outlet}-{i}</guid>\
                     <link>https://example.org/{outlet}/{i}</link><description>Dispatch \
                     number {i} from {outlet} about the lunar research station, its partners, \
                     its schedule and its cost, as officials described them on Tuesday.\
                     </description></item>"
                )
            })
            .collect();
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>{items}</channel></rss>"#
        )
    };
    let mut routes = std::collections::HashMap::new();
    routes.insert(
        "/a.xml".to_string(),
        Reply::ok("application/rss+xml", feed("alpha")).with("ETag", "\"a1\""),
    );
    routes.insert(
        "/b.xml".to_string(),
        Reply::ok("application/rss+xml", feed("beta"))
            .with("Last-Modified", "Wed, 10 Mar 2021 08:00:00 GMT"),
    );
    let server = Server::start(routes);
    let d = Digest::new();
    for path in ["/a.xml", "/b.xml"] {
        d.run(["feeds", "add", &server.url(path), "--full-text", "never"]);
    }
    let r = d.run(["fetch", "--json"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 80, "{doc:#}");
    let first = server.sent.swap(0, Ordering::Relaxed);
    server.requests.store(0, Ordering::Relaxed);
    let r = d.run(["fetch", "--json"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 0, "{doc:#}");
    assert_eq!(
        server.requests.load(Ordering::Relaxed),
        2,
        "one request per feed, no page asked again"
    );
    let second = server.sent.load(Ordering::Relaxed);
    assert!(
        second * 50 < first,
        "second fetch sent {second} bytes, the first {first}"
    );
}

/// Feeds that carry only summaries: with `--full-text auto` (the default) each short
/// item's page is fetched and its article stored instead; a long item is kept as the
/// feed gives it unless `always`; `never` keeps the summary; a page that cannot be
/// fetched leaves the summary, not a hole.
#[test]
fn summaries_are_completed_from_their_pages() {
    use crate::util::http::{Reply, Server};
    let page = |lead: &str| {
        format!(
            r#"<html><head><meta property="og:site_name" content="Radio Free Asia">
            <title>{lead} | Radio Free Asia</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{lead}</h1>
            <p>{lead} was confirmed on Tuesday by officials in Beijing and Moscow, who said
            the International Lunar Research Station would be open to other partners.</p>
            <p>The full text of the agreement was not published, but both agencies described
            the timetable for the first robotic missions to the lunar south pole.</p>
            <p>Analysts said the announcement followed months of talks between the space
            agencies and their governments on how the station would be financed.</p></article>
            <aside>Most read: Subscribe to our newsletter</aside></body></html>"#
        )
    };
    let long: String = "The feed itself carries this whole article about the lunar base \
        timetable and its partners, sentence after sentence. "
        .repeat(12);
    let rss = |base: &str| {
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>RFA</title>
            <item><title>Station deal</title><link>{base}/p/deal</link><guid>a</guid>
            <description>Short teaser about the station deal.</description></item>
            <item><title>Gone page</title><link>{base}/p/gone</link><guid>b</guid>
            <description>Teaser of a page that is gone from the lunar site.</description></item>
            <item><title>Long item</title><link>{base}/p/long</link><guid>c</guid>
            <description>{long}</description></item>
            </channel></rss>"#
        )
    };
    let server = Server::start_with(|base| {
        let mut routes = std::collections::HashMap::new();
        routes.insert(
            "/feed.xml".to_string(),
            Reply::ok("application/rss+xml", rss(base)),
        );
        routes.insert(
            "/p/deal".to_string(),
            Reply::ok("text/html", page("Pellucid lunar accord")),
        );
        routes.insert(
            "/p/long".to_string(),
            Reply::ok("text/html", page("Quorum lunar timetable")),
        );
        routes
    });
    for (mode, deal, long_from_page) in [
        ("auto", true, false),
        ("always", true, true),
        ("never", false, false),
    ] {
        let d = Digest::new();
        let r = d.run([
            "feeds",
            "add",
            &server.url("/feed.xml"),
            "--full-text",
            mode,
        ]);
        assert_eq!(r.code, 0, "{r:#?}");
        let r = d.run(["fetch", "--json"]);
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(doc["added"], 3, "{mode}: {doc:#}");
        // The page's article (not its navigation or aside), or the feed's summary.
        assert_eq!(d.search(["pellucid"]).total, usize::from(deal), "{mode}");
        assert_eq!(
            d.search(["teaser", "deal"]).total,
            usize::from(!deal),
            "{mode}"
        );
        assert_eq!(
            d.search(["quorum"]).total,
            usize::from(long_from_page),
            "{mode}"
        );
        assert_eq!(d.search(["subscribe"]).total, 0, "{mode}");
        // The page that is gone: its summary stands in.
        assert_eq!(d.search(["gone"]).total, 1, "{mode}");
    }
}
