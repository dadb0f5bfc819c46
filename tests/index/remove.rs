//! `digest remove`: articles leave the index in one commit and stay out of every later
//! ingest and reindex (issue 20).

use serde_json::Value;

use crate::util::Digest;

/// A sandbox with two files of two articles each.
fn two_files() -> Digest {
    let d = Digest::new();
    d.write(
        "a.jsonl",
        concat!(
            r#"{"outlet":"Daily Ledger","title":"Dam opens on the river","date":"2021-10-06","text":"The new dam on the river opened on Wednesday after ten years of work."}"#,
            "\n",
            r#"{"outlet":"Daily Ledger","title":"Bridge closes for repairs","date":"2021-10-07","text":"The old bridge over the river closed on Thursday for a year of repairs."}"#,
            "\n"
        ),
    );
    d.write(
        "b.jsonl",
        concat!(
            r#"{"outlet":"Evening Courier","title":"River dam finished","date":"2021-10-06","text":"Engineers finished the river dam, which opened to traffic on Wednesday."}"#,
            "\n"
        ),
    );
    let r = d.run([
        "ingest",
        "--no-bundled",
        d.path("a.jsonl").to_str().unwrap(),
        d.path("b.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    d
}

fn titles(d: &Digest, query: &str) -> Vec<String> {
    let mut t: Vec<String> = d
        .search(["-n", "20", query])
        .titles()
        .into_iter()
        .map(String::from)
        .collect();
    t.sort();
    t
}

fn id_of(d: &Digest, title: &str) -> String {
    let r = d.run(["search", title, "--json"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    doc["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["title"] == title)
        .unwrap_or_else(|| panic!("{title}: {}", r.stdout))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_removed_article_stays_out_of_ingest_and_reindex() {
    let d = two_files();
    let id = id_of(&d, "Dam opens on the river");
    let r = d.run(["remove", &id[..6], "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["removed"][0]["id"], id.as_str());
    assert_eq!(doc["removed"][0]["title"], "Dam opens on the river");
    assert_eq!(
        titles(&d, "river"),
        ["Bridge closes for repairs", "River dam finished"]
    );
    assert_eq!(d.run(["show", &id]).code, 1, "gone from show too");
    let listed = std::fs::read_to_string(d.index.join("removed.tsv")).unwrap();
    assert!(
        listed.contains(&format!("{id}\tDam opens on the river")),
        "{listed}"
    );

    // The same file again: the article is skipped, with the reason.
    d.write(
        "a.jsonl",
        std::fs::read_to_string(d.path("a.jsonl")).unwrap() + "\n",
    );
    let r = d.run([
        "ingest",
        "--no-bundled",
        d.path("a.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(
        r.stderr.contains("removed with `digest remove`")
            || r.stdout.contains("removed with `digest remove`"),
        "{r:#?}"
    );
    assert_eq!(
        titles(&d, "river"),
        ["Bridge closes for repairs", "River dam finished"]
    );

    // A rebuild from the recorded files leaves it out too.
    let r = d.run(["reindex", "--no-bundled"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(
        titles(&d, "river"),
        ["Bridge closes for repairs", "River dam finished"]
    );
}

#[test]
fn remove_by_source_takes_that_files_articles_only() {
    let d = two_files();
    let a = d.path("a.jsonl");
    let r = d.run(["remove", "--source", a.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.contains("2 articles removed"), "{}", r.stdout);
    assert_eq!(titles(&d, "river"), ["River dam finished"]);
}

#[test]
fn an_unknown_id_removes_nothing() {
    let d = two_files();
    let id = id_of(&d, "Dam opens on the river");
    let r = d.run(["remove", &id, "ffffffffffff"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(r.stderr.contains("ffffffffffff"), "{r:#?}");
    assert_eq!(
        titles(&d, "river"),
        [
            "Bridge closes for repairs",
            "Dam opens on the river",
            "River dam finished"
        ],
        "nothing was removed"
    );
    assert!(!d.index.join("removed.tsv").exists());
    let r = d.run([
        "remove",
        "--source",
        d.path("nowhere.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{r:#?}");
}

/// The outlet counts are kept beside the index, and a removal (deletes in a segment,
/// no new segment) is counted again (issue 21).
#[test]
fn outlet_counts_follow_a_removal() {
    let d = two_files();
    let count = |d: &Digest, id: &str| {
        d.outlets()
            .iter()
            .find(|o| o.id == id)
            .map_or(0, |o| o.articles)
    };
    assert_eq!(count(&d, "daily-ledger"), 2);
    let kept = d.path("index").join("digest-outlets.cache");
    assert!(kept.is_file(), "the counts are kept");
    let id = id_of(&d, "Bridge closes for repairs");
    let r = d.run(["remove", &id]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(count(&d, "daily-ledger"), 1);
    assert_eq!(count(&d, "evening-courier"), 1);
}
