//! Cleaning and metadata detection, checked through `digest show --json`.

use crate::util::{BUNDLED, Digest, ShowJson, fixture};

/// The stored article ingested from a fixture file (found by one of its words).
fn article_with(d: &Digest, word: &str) -> ShowJson {
    let doc = d.search([word]);
    assert_eq!(doc.total, 1, "{word}: {doc:#?}");
    d.show(&doc.hits[0].id)
}

fn clean_corpus() -> Digest {
    let d = Digest::new();
    let s = d.ingest(["--no-bundled", fixture("clean").to_str().unwrap()]);
    assert_eq!(s.counts(), (4, 0, 0, 0, 0), "{}", s.text);
    d
}

#[test]
fn bundled_articles_have_their_manifest_metadata() {
    let d = Digest::bundled();
    let ids = d.bundled_ids();
    for (file, outlet, date) in BUNDLED {
        let a = d.show(&ids[file]);
        assert_eq!(a.source, file);
        assert_eq!(a.outlet, outlet, "{file}");
        assert_eq!(a.date.as_deref(), Some(date), "{file}");
        assert_eq!(a.language.as_deref(), Some("en"), "{file}");
        assert_eq!(
            a.origins,
            vec![crate::util::OriginJson {
                path: format!("bundled:data/articles/{file}"),
                item: None,
                hash: a.origins[0].hash.clone(),
                added: None,
            }],
            "the bundled corpus never counts as arrived"
        );
        for key in ["outlet", "title", "date"] {
            assert!(
                a.provenance.contains_key(key),
                "{file} provenance lacks {key}"
            );
        }
        assert!(!a.sentences.is_empty());
        // Sentences tile the body in order; their first token positions grow.
        for w in a.sentences.windows(2) {
            assert!(w[0].e <= w[1].s && w[0].t < w[1].t, "{file}: {w:?}");
        }
        for s in &a.sentences {
            assert!(s.n.iter().all(|&i| i < a.entities.len()), "{file}: {s:?}");
        }
    }
    let names: Vec<(String, String)> = BUNDLED
        .iter()
        .map(|(f, ..)| {
            let a = d.show(&ids[*f]);
            (a.outlet, a.outlet_name)
        })
        .collect();
    assert_eq!(
        names,
        [
            ("rfa", "Radio Free Asia"),
            ("unattributed", "Unattributed"),
            ("gt", "Global Times"),
            ("tass", "TASS"),
            ("cnes", "CNES"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn bundled_global_times_article_is_cleaned() {
    let d = Digest::bundled();
    let a = d.show(&d.bundled_ids()["002_a9e59d9380c21298.txt"]);
    assert_eq!(
        a.title,
        "Russia opting for moon base cooperation with China over US ‘not surprising’"
    );
    assert!(
        !a.body.starts_with("CHINA"),
        "kicker left in: {:?}",
        &a.body[..80]
    );
    assert!(!a.body.contains("CHINA / DIPLOMACY"));
    assert!(!a.body.contains("Published:"));
    assert!(!a.body.contains(&a.title), "the headline is not body text");
    let lede = a.paragraphs()[0];
    assert!(
        lede.starts_with("After opting not to join eight other countries"),
        "the lede must be the story, not the photo caption: {lede:?}"
    );
    assert!(!a.body.contains("Delegates receive award"));
    assert!(
        a.captions
            .iter()
            .any(|c| c.starts_with("Delegates receive award") && c.ends_with("Photo: CNSA")),
        "{:?}",
        a.captions
    );
    assert!(a.body.ends_with("Xu noted."));
    assert_eq!(a.via.as_deref(), Some("globaltimes.cn"));
}

#[test]
fn bundled_rfa_and_tass_articles_lose_their_site_chrome() {
    let d = Digest::bundled();
    let ids = d.bundled_ids();
    let rfa = d.show(&ids["000_08e4b753123ab7c5.txt"]);
    assert!(!rfa.body.contains("Skip to content"));
    assert!(!rfa.body.contains("Source: Radio Free Asia"));
    assert!(!rfa.body.contains("Radio Free Asia"));
    assert!(
        rfa.body
            .starts_with("The China National Space Administration announced")
    );
    assert!(rfa.body.ends_with("will last for 14 days."));
    assert!(!rfa.body.contains("Russian Media: Russia Assisted"));

    let tass = d.show(&ids["003_15cac33c2820b134.txt"]);
    assert!(!tass.body.contains("All news"));
    for e in ["ilrs", "roscosmos", "cnsa", "wang-wenbin"] {
        assert!(
            tass.entities.iter().any(|x| x == e),
            "{e} not in {:?}",
            tass.entities
        );
    }
    assert!(!tass.body.contains(&tass.title));
    assert!(
        tass.body
            .contains("BEIJING, April 27. /TASS/. China is set to cooperate")
    );

    let unattributed = d.show(&ids["001_29d3600a7fae2898.txt"]);
    assert!(!unattributed.body.contains("Recent Comments"));
    assert!(
        !unattributed
            .body
            .starts_with("A photo of the International Space Station")
    );
    assert!(
        unattributed
            .captions
            .iter()
            .any(|c| c.starts_with("A photo of the International Space Station")),
        "{:?}",
        unattributed.captions
    );
}

#[test]
fn bundled_cnes_captions_are_kept_apart_from_the_body() {
    let d = Digest::bundled();
    let a = d.show(&d.bundled_ids()["004_12bc2d6dd8c64ff7.txt"]);
    assert_eq!(a.title, "Russia, china's partner for the moon");
    assert!(
        !a.body.contains("Russia, china's partner for the moon"),
        "repeated headline"
    );
    assert!(!a.body.contains("Crédit"));
    assert!(!a.body.contains("Credit :"));
    assert!(!a.body.contains("Panorama"));
    assert!(!a.body.contains("Océan"));
    assert!(a.body.starts_with("The Russian and Chinese space agencies"));
    for c in [
        "Panorama of the Ocean of Storms by Chang’e 5.",
        "Credit : CNSA/CLEP",
        // The file has a no-break space in this one.
        "Panorama de l’Océan des Tempêtes par Chang’e\u{a0}5. Crédit : CNSA/CLEP",
    ] {
        assert!(
            a.captions.iter().any(|x| x == c),
            "{c:?} not in {:?}",
            a.captions
        );
    }
}

#[test]
fn site_chrome_kickers_and_repeated_titles_are_dropped() {
    let d = clean_corpus();
    let a = article_with(&d, "narwhal");
    assert_eq!(a.title, "Narwhal tusks puzzle marine scientists");
    assert_eq!(
        a.paragraphs(),
        vec![
            "Marine scientists say the narwhal tusk is a sensory organ. They studied forty animals over three seasons.",
            "The team will publish more results next year. Funding came from a national grant.",
            "Researchers plan a second expedition in the spring. It will last six weeks.",
        ]
    );
    for chrome in [
        "Skip to content",
        "WORLD / SCIENCE",
        "Share this article",
        "Recent Comments",
        "All news",
        "Published",
    ] {
        assert!(!a.body.contains(chrome), "{chrome:?} left in the body");
    }
    assert_eq!(
        a.date.as_deref(),
        Some("2021-03-04"),
        "from the Published: line"
    );
    assert!(
        a.provenance["date"].contains("Published: Mar 4, 2021"),
        "{:?}",
        a.provenance
    );
}

#[test]
fn photo_captions_and_credits_go_to_captions() {
    let d = clean_corpus();
    let a = article_with(&d, "narwhal");
    assert_eq!(
        a.captions,
        vec![
            "A narwhal swims near the ice. Photo: Arctic Institute",
            "Aerial view of the fjord at dawn.",
            "Credit : Arctic Institute/ABC",
        ]
    );
    // Captions are searchable but the lede is the story.
    assert!(a.paragraphs()[0].starts_with("Marine scientists"));
    let doc = d.search(["fjord"]);
    assert_eq!(doc.sources(), vec!["chrome.txt"]);
}

#[test]
fn a_source_line_gives_outlet_and_date() {
    let d = clean_corpus();
    let a = article_with(&d, "okapi");
    assert_eq!(a.title, "Okapi sightings rise in the northern forest");
    assert_eq!(a.outlet, "rfa");
    assert_eq!(a.outlet_name, "Radio Free Asia");
    assert_eq!(a.date.as_deref(), Some("2019-01-08"));
    assert!(!a.body.contains("Source:"));
    assert!(!a.body.contains("Skip to content"));
    assert_eq!(
        a.body,
        "Rangers counted more okapi this season than in any year on record. The count used camera traps.\n\nLocal officials welcomed the news. They said patrols would continue."
    );
    assert!(a.provenance["outlet"].contains("Source: Radio Free Asia"));
}

#[test]
fn a_tass_dateline_gives_the_outlet_but_never_invents_a_year() {
    let d = clean_corpus();
    let a = article_with(&d, "pangolin");
    assert_eq!(a.title, "Pangolin protection pact signed");
    assert_eq!(a.outlet, "tass");
    assert_eq!(a.date, None, "June 3 without a year must not become a date");
    assert!(!a.body.contains("All news"));
    assert!(
        a.body
            .starts_with("MOSCOW, June 3. /TASS/. Officials signed")
    );

    // With a stated year, the dateline supplies month and day.
    let a = article_with(&d, "axolotl");
    assert_eq!(a.title, "Axolotl laboratory opens");
    assert_eq!(a.outlet, "tass");
    assert_eq!(a.date.as_deref(), Some("2020-06-03"));
}

#[test]
fn outlet_flag_overrides_what_the_files_say() {
    let d = Digest::new();
    let s = d.ingest([
        "--no-bundled",
        "--outlet",
        "Reuters",
        fixture("clean").to_str().unwrap(),
        fixture("formats/header.txt").to_str().unwrap(),
    ]);
    assert_eq!(s.added, 5, "{}", s.text);
    for word in ["okapi", "pangolin", "narwhal", "capybara"] {
        let a = article_with(&d, word);
        assert_eq!(a.outlet, "reuters", "{word}");
        assert_eq!(a.outlet_name, "Reuters", "{word}");
        assert!(
            a.provenance["outlet"].contains("--outlet"),
            "{:?}",
            a.provenance
        );
    }
    // Dates still come from the text.
    assert_eq!(
        article_with(&d, "okapi").date.as_deref(),
        Some("2019-01-08")
    );
    let doc = d.search([
        "--outlet",
        "reuters",
        "okapi OR pangolin OR narwhal OR capybara",
    ]);
    assert_eq!(doc.total, 4);

    // An outlet the registry does not know gets an id made from its name.
    let d = Digest::new();
    d.ingest([
        "--no-bundled",
        "--outlet",
        "Arctic Daily News",
        fixture("clean/chrome.txt").to_str().unwrap(),
    ]);
    let a = article_with(&d, "narwhal");
    assert_eq!(a.outlet, "arctic-daily-news");
    assert_eq!(a.outlet_name, "Arctic Daily News");
    let doc = d.search(["--outlet", "Arctic Daily News", "narwhal"]);
    assert_eq!(doc.total, 1);
}

#[test]
fn messy_dates_are_parsed_or_left_empty() {
    let d = Digest::new();
    let cases = [
        ("slash", "3/9/21", Some("2021-03-09")),
        ("iso", "2021-03-09", Some("2021-03-09")),
        ("isotime", "2021-03-09T10:22:00Z", Some("2021-03-09")),
        ("written", "9 March 2021", Some("2021-03-09")),
        ("american", "Feb 18, 2021 05:33 PM", Some("2021-02-18")),
        ("month", "2021-03", Some("2021-03")),
        ("empty", "", None),
        ("yearone", "0001-11-30", None),
        ("future", "2050-01-01", None),
        ("impossible", "31/02/2021", None),
        ("garbage", "sometime soon", None),
    ];
    let mut lines = String::new();
    for (word, date, _) in cases {
        lines.push_str(
            &serde_json::json!({
                "title": format!("Date case {word}"),
                "body": format!("The datecase{word} article has a messy date. It says {date:?}."),
                "date": date,
            })
            .to_string(),
        );
        lines.push('\n');
    }
    let file = d.write("dates.jsonl", lines);
    let s = d.ingest(["--no-bundled", file.to_str().unwrap()]);
    assert_eq!(s.counts(), (cases.len(), 0, 0, 0, 0), "{}", s.text);
    for (word, date, want) in cases {
        let a = article_with(&d, &format!("datecase{word}"));
        assert_eq!(a.date.as_deref(), want, "date {date:?}");
        if want.is_none() && !date.is_empty() {
            assert!(
                a.provenance.get("date").is_some_and(|p| p.contains(date)),
                "provenance should say {date:?} was not used: {:?}",
                a.provenance
            );
        }
    }
    // A text header with a US date.
    let d = Digest::new();
    d.ingest([
        "--no-bundled",
        fixture("formats/header.txt").to_str().unwrap(),
    ]);
    assert_eq!(
        article_with(&d, "capybara").date.as_deref(),
        Some("2021-05-06")
    );
}

#[test]
fn author_and_outlet_bylines_are_dropped_from_the_top_of_the_body() {
    let d = Digest::new();
    let item = serde_json::json!({
        "title": "Court rules on travel ban",
        "source": "USA TODAY",
        "authors": "Alan Gomez",
        "content_original": "Alan Gomez\n\nUSA TODAY\n\nThe Supreme Court delivered a mixed ruling on Monday. It was close.\n\nMore to come."
    });
    let f = d.write("byline.json", item.to_string());
    d.ingest(["--no-bundled", f.to_str().unwrap()]);
    let doc = d.search(["supreme"]);
    let shown = d.show(&doc.hits[0].id);
    assert_eq!(
        shown.paragraphs(),
        vec![
            "The Supreme Court delivered a mixed ruling on Monday. It was close.",
            "More to come."
        ]
    );
    assert_eq!(shown.authors, vec!["Alan Gomez"]);
}
