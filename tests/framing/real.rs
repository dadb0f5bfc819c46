//! Issue 18: events on real news from many outlets (a slice of the AllSides roundups in
//! `../shared`, read at test time), kept up to date as articles arrive, and the bad
//! input event detection must survive.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use serde_json::{Value, json};

use super::{events_json, only_event, strings};
use crate::util::{Digest, fixture};

const ROUNDUPS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpora/allsides-roundups/roundups.jsonl"
);

/// The roundups (one real event each, told by two or three outlets) dated in a period;
/// `None` when the shared corpus is not beside the checkout and `DIGEST_REQUIRE_SHARED`
/// is not set (`.ci/run` sets it whenever `../shared` is there).
fn roundups_between(since: &str, until: &str) -> Option<Vec<Value>> {
    let text = match std::fs::read_to_string(ROUNDUPS) {
        Ok(t) => t,
        Err(e) if std::env::var_os("DIGEST_REQUIRE_SHARED").is_some() => {
            panic!("{ROUNDUPS}: {e} (the shared development corpus)")
        }
        Err(e) => {
            eprintln!("skipped: {ROUNDUPS}: {e} (the shared development corpus)");
            return None;
        }
    };
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| {
            let day = &r["date"].as_str().unwrap()[..10];
            day >= since && day <= until
        })
        .collect::<Vec<_>>()
        .into()
}

/// A sandbox holding the roundups' articles, each dated to its roundup's day; and each
/// headline's roundup issue (headlines two roundups share are left out).
fn roundup_sandbox(roundups: &[Value]) -> (Digest, HashMap<String, String>) {
    let d = Digest::new();
    let mut gold: HashMap<String, Option<String>> = HashMap::new();
    let mut lines = String::new();
    for r in roundups {
        let issue = r["issue"].as_str().unwrap().to_string();
        for side in r["news"].as_object().unwrap().values() {
            let title = side["newsTitle"].as_str().unwrap().trim().to_string();
            let text: Vec<&str> = side["newBody"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            let line = json!({
                "outlet": side["newsSource"],
                "title": title,
                "date": &r["date"].as_str().unwrap()[..10],
                "text": text.join("\n\n"),
            });
            lines.push_str(&line.to_string());
            lines.push('\n');
            let e = gold.entry(title).or_insert_with(|| Some(issue.clone()));
            if e.as_deref() != Some(issue.as_str()) {
                *e = None;
            }
        }
    }
    d.write("in/roundups.jsonl", lines);
    let s = d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(s.skipped, 0, "{}", s.text);
    let gold = gold
        .into_iter()
        .filter_map(|(t, i)| Some((t, i?)))
        .collect();
    (d, gold)
}

/// B-cubed precision and recall over the headlines `gold` knows; an article no event
/// holds is its own cluster.
fn b_cubed(events: &[Value], gold: &HashMap<String, String>) -> (f64, f64) {
    let mut found: HashMap<&str, usize> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        for a in e["articles"].as_array().unwrap() {
            found.insert(a["title"].as_str().unwrap(), i);
        }
    }
    let cluster = |t: &str| found.get(t).map_or(usize::MAX - t.len(), |&c| c);
    let (mut p, mut r) = (0.0, 0.0);
    for (t, issue) in gold {
        let mine: Vec<&String> = gold
            .keys()
            .filter(|u| found.contains_key(u.as_str()) && cluster(u) == cluster(t) || *u == t)
            .collect();
        let same = mine.iter().filter(|u| gold[u.as_str()] == *issue).count() as f64;
        let truth = gold.values().filter(|i| *i == issue).count() as f64;
        p += same / mine.len() as f64;
        r += same / truth;
    }
    (p / gold.len() as f64, r / gold.len() as f64)
}

/// The roundup issue that contains `words`.
fn issue<'a>(gold: &'a HashMap<String, String>, words: &str) -> &'a str {
    gold.values()
        .find(|i| i.contains(words))
        .unwrap_or_else(|| panic!("no roundup about {words:?}"))
}

/// The events holding articles of `issue`, with how many of its articles each holds.
fn events_of<'a>(
    events: &'a [Value],
    gold: &HashMap<String, String>,
    issue: &str,
) -> Vec<&'a Value> {
    events
        .iter()
        .filter(|e| {
            e["articles"].as_array().unwrap().iter().any(|a| {
                gold.get(a["title"].as_str().unwrap())
                    .is_some_and(|i| i == issue)
            })
        })
        .collect()
}

#[test]
fn october_2021_news_from_many_outlets_groups_into_its_events() {
    // The 48 roundups of 1–18 October 2021: 140-odd articles from some 70 outlets,
    // several stories a day, many on the same topics.
    let Some(roundups) = roundups_between("2021-10-01", "2021-10-18") else {
        return;
    };
    assert!(roundups.len() >= 40, "{}", roundups.len());
    let (d, gold) = roundup_sandbox(&roundups);
    let events = events_json(&d);

    // No article is in two events.
    let mut seen = BTreeSet::new();
    for e in &events {
        for a in e["articles"].as_array().unwrap() {
            assert!(seen.insert(a["id"].as_str().unwrap()), "twice: {a:#}");
        }
    }

    // The stories the earlier method missed, each one event of exactly its articles:
    // Colin Powell's death (three outlets, the same day), qualified immunity, the
    // clean-energy cut, the Facebook outage.
    for words in [
        "Colin Powell",
        "Qualified Immunity",
        "Clean Energy Program",
        "Back Up After Major Outage",
    ] {
        let issue = issue(&gold, words);
        let told = events_of(&events, &gold, issue);
        assert_eq!(told.len(), 1, "{words}: {told:#?}");
        let e = told[0];
        let titles: BTreeSet<&str> = e["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        let want: BTreeSet<&str> = gold
            .iter()
            .filter(|(_, i)| *i == issue)
            .map(|(t, _)| t.as_str())
            .collect();
        assert!(want.is_subset(&titles), "{words}: {e:#}");
        // Dated by its first report; labelled by one of its headlines.
        let first = e["articles"][0]["date"].as_str().unwrap();
        assert_eq!(e["date"], first, "{e:#}");
        assert!(titles.contains(e["label"].as_str().unwrap()), "{e:#}");
    }
    let powell = events_of(&events, &gold, issue(&gold, "Colin Powell"))[0];
    assert_eq!(
        powell["articles"].as_array().unwrap().len(),
        3,
        "{powell:#}"
    );
    assert_eq!(powell["date"], "2021-10-18", "{powell:#}");

    // Two same-topic stories of one week stay apart: a federal judge blocking Texas's
    // abortion law (7 October) and the appeals court reviving it (9 October), and the
    // appeals court keeping it (15 October).
    let abortion: Vec<&str> = roundups
        .iter()
        .filter(|r| r["topic"] == "Abortion")
        .map(|r| r["issue"].as_str().unwrap())
        .collect();
    assert!(abortion.len() >= 3, "{abortion:?}");
    for e in &events {
        let issues: BTreeSet<&str> = e["articles"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| gold.get(a["title"].as_str().unwrap()))
            .map(String::as_str)
            .filter(|i| abortion.contains(i))
            .collect();
        assert!(issues.len() <= 1, "two abortion stories merged: {e:#}");
    }

    // Missing outlets are those expected to cover it (a related article that week),
    // not the whole corpus.
    let outlets = d.outlets().len();
    assert!(outlets > 50, "{outlets}");
    for e in &events {
        assert!(strings(&e["missing"]).len() < outlets / 3, "{e:#}");
    }
    let short = events
        .iter()
        .filter(|e| strings(&e["missing"]).len() <= 5)
        .count();
    assert!(
        short * 2 > events.len(),
        "most events miss a few outlets at most"
    );

    // Over the whole slice, events match the roundups.
    let (p, r) = b_cubed(&events, &gold);
    let f1 = 2.0 * p * r / (p + r);
    assert!(
        p >= 0.85 && f1 >= 0.8,
        "B-cubed precision {p:.3} recall {r:.3} F1 {f1:.3}"
    );
}

#[test]
fn an_outlet_writing_on_the_same_kind_of_story_that_week_is_missing() {
    // The Herald (10 March) and the Courier (11 March) report the Delta Accord's
    // signing. The Gazette writes two days later on the harbour's fees and dredging,
    // not on the signing: it was expected to cover the signing, and did not.
    let d = Digest::new();
    for f in ["herald_delta.txt", "courier_delta.txt"] {
        d.write(
            &format!("in/{f}"),
            std::fs::read(fixture(&format!("framing/delta/{f}"))).unwrap(),
        );
    }
    d.write(
        "in/gazette_fees.txt",
        "Title: Velmora harbour fees worry container ship owners\n\
         Outlet: Inland Gazette\n\
         Date: 2021-03-12\n\n\
         Owners of container ships calling at the harbour of Velmora say the new fees \
         will cost them dearly. The dredging programme for the eastern basin will take \
         years, the harbour's critics add. Dock workers fear fewer ships.\n",
    );
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    let events = events_json(&d);
    let e = only_event(&events);
    assert_eq!(
        strings(&e["outlets"]),
        ["velmora-herald", "coastal-courier"],
        "{e:#}"
    );
    assert_eq!(strings(&e["missing"]), ["inland-gazette"], "{e:#}");
    let human = d.run(["events"]);
    assert!(
        human.stdout.contains("missing: Inland Gazette"),
        "{human:#?}"
    );
}

#[test]
fn undated_articles_are_placed_by_the_day_they_name_or_not_at_all() {
    let d = Digest::new();
    let article = |outlet: &str, title: &str, lead: &str| {
        format!("Title: {title}\nOutlet: {outlet}\n\n{lead}\n")
    };
    d.write(
        "in/herald.txt",
        article(
            "Velmora Herald",
            "Harbour deal signed in Velmora",
            "On March 9, 2021, the Ministry of Ports and the Harbour Authority of Velmora \
             signed the Delta Accord in the old customs house. The accord sets new fees for \
             container ships.",
        ),
    );
    d.write(
        "in/courier.txt",
        article(
            "Coastal Courier",
            "Velmora signs the Delta Accord",
            "The Delta Accord was signed on 9 March 2021 by the Ministry of Ports and the \
             Harbour Authority of Velmora. Container ships will pay new fees.",
        ),
    );
    // Undated and naming no day: nothing places it, so it is in no event.
    d.write(
        "in/gazette.txt",
        article(
            "Inland Gazette",
            "The Delta Accord and the harbour",
            "The Ministry of Ports and the Harbour Authority of Velmora signed the Delta \
             Accord, which sets new fees for container ships.",
        ),
    );
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    let events = events_json(&d);
    let e = only_event(&events);
    assert_eq!(
        strings(&e["outlets"]).into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from(["velmora-herald".to_string(), "coastal-courier".to_string()]),
        "{e:#}"
    );
    assert_eq!(e["date"], "2021-03-09", "the day they name: {e:#}");

    // Nothing dated at all: no event, and no error.
    let none = Digest::new();
    none.write(
        "in/gazette.txt",
        article("Inland Gazette", "A", "Ports and fees."),
    );
    none.write(
        "in/herald.txt",
        article("Velmora Herald", "B", "Ports and fees."),
    );
    none.ingest(["--no-bundled", none.path("in").to_str().unwrap()]);
    assert_eq!(events_json(&none), Vec::<Value>::new());
}

#[test]
fn an_empty_index_has_no_events() {
    // (`digest` seeds a new index with the bundled corpus; the library sees it empty.)
    let dir = tempfile::tempdir().unwrap();
    let index = digest::index::DigestIndex::open(dir.path()).unwrap();
    assert_eq!(
        digest::framing::events(&index, &Default::default()).unwrap(),
        vec![]
    );
    let window = digest::framing::Window {
        since: Some("2021-01-01".into()),
        ..Default::default()
    };
    assert_eq!(digest::framing::events_in(&index, &window).unwrap(), vec![]);
}

#[test]
fn ten_thousand_articles_on_one_happening_are_one_event() {
    // 10,000 reports of one dam failure from 25 outlets over two days, each worded a
    // little differently: one event, found without comparing every pair.
    const N: usize = 10_000;
    let d = Digest::new();
    let path = d.path("in/dam.jsonl");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let openings = [
        "The Pellucid Dam above Velmora burst on Monday",
        "Floodwater poured through Velmora after the Pellucid Dam gave way on Monday",
        "The Pellucid Dam failed on Monday, flooding the lower town of Velmora",
        "Engineers say the Pellucid Dam collapsed on Monday after days of heavy rain",
    ];
    let details = [
        "Hundreds of families left their homes.",
        "Rescue teams reached the flooded streets by boat.",
        "The regional governor Tamsin Korvath called it a disaster.",
        "The reservoir had been full for a week.",
        "Schools near the river were closed.",
        "Water reached the first floors of the old town.",
        "The army sent trucks and tents.",
        "Power failed across the valley.",
        "Farmers lost their spring crops.",
        "The railway line to the coast was cut.",
        "Two bridges were swept away.",
        "Hospitals moved patients to higher ground.",
    ];
    // Three details in every order: 1,320 × 4 openings × 2 endings, 10,000 of them.
    let mut orders = Vec::new();
    for a in 0..12 {
        for b in (0..12).filter(|&b| b != a) {
            for c in (0..12).filter(|&c| c != a && c != b) {
                orders.push((a, b, c));
            }
        }
    }
    for i in 0..N {
        let o = i % 4;
        let (a, b, c) = orders[(i / 4) % orders.len()];
        let ending = if i / (4 * orders.len()) == 1 {
            " More rain is forecast."
        } else {
            ""
        };
        let text = format!(
            "{}, the regional authority said. {} {} {}{ending}",
            openings[o], details[a], details[b], details[c],
        );
        let line = json!({
            "outlet": format!("Outlet {}", i % 25),
            "title": openings[(o + a) % 4],
            "date": if i % 2 == 0 { "2021-04-26" } else { "2021-04-27" },
            "text": text,
        });
        writeln!(f, "{line}").unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let s = d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    assert_eq!(s.added, N, "{}", s.text);
    let events = events_json(&d);
    assert_eq!(events.len(), 1, "one happening: {} events", events.len());
    let e = &events[0];
    assert_eq!(e["outlets"].as_array().unwrap().len(), 25);
    let held = e["articles"].as_array().unwrap().len();
    assert!(held >= N * 99 / 100, "{held} of {N}");
    assert_eq!(e["date"], "2021-04-26");
}

/// Issue 18: events are kept up to date as articles arrive: an ingest computes the
/// features of what it added, and events are regrouped around what changed.
#[test]
fn an_ingest_adds_the_features_of_what_it_added_and_events_follow() {
    let d = fixture_copy(&["framing/delta"]);
    assert_eq!(events_json(&d).len(), 1);
    let kept = feature_files(&d);
    assert!(!kept.is_empty(), "features are kept beside the index");

    // More articles: a new segment, whose features are computed; the others are kept
    // as they were.
    d.ingest(["--no-bundled", fixture("framing/weekday").to_str().unwrap()]);
    let events = events_json(&d);
    assert_eq!(events.len(), 2, "{events:#?}");
    // Kept up to date, they are what finding them afresh gives.
    assert_eq!(events, afresh(&d));
    let now = feature_files(&d);
    for (name, bytes) in &kept {
        assert_eq!(now.get(name), Some(bytes), "{name} was rewritten");
    }
    assert!(now.len() > kept.len(), "{:?}", now.keys());

    // An article whose text changes is replaced: the signing is no longer told twice.
    let courier = d.path("in/courier_delta.txt");
    let text = std::fs::read_to_string(&courier).unwrap();
    let head: String = text.lines().take(4).collect::<Vec<_>>().join("\n");
    std::fs::write(
        &courier,
        format!("{head}\nThe ferry timetable changes in April.\n"),
    )
    .unwrap();
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    let events = events_json(&d);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert!(
        strings(&events[0]["outlets"]).contains(&"orbis-wire".to_string()),
        "{events:#?}"
    );
    assert_eq!(events, afresh(&d));
}

/// The events found with nothing kept from earlier runs.
fn afresh(d: &Digest) -> Vec<Value> {
    for e in std::fs::read_dir(&d.index).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("digest-events") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    events_json(d)
}

/// A sandbox whose `in/` holds copies of fixture directories, ingested.
fn fixture_copy(dirs: &[&str]) -> Digest {
    let d = Digest::new();
    for dir in dirs {
        for e in std::fs::read_dir(fixture(dir)).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            d.write(&format!("in/{name}"), std::fs::read(e.path()).unwrap());
        }
    }
    d.ingest(["--no-bundled", d.path("in").to_str().unwrap()]);
    d
}

/// The feature files beside the index, by name.
fn feature_files(d: &Digest) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(&d.index)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("digest-features-")
                .then(|| (name, std::fs::read(e.path()).unwrap()))
        })
        .collect()
}
