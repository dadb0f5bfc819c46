//! The index as a whole: atomic commits, the writer lock, `outlets` and `show`.

use std::time::Duration;

use crate::util::{Digest, OutletJson, fixture, write_generated_jsonl};

mod remove;

/// Articles in the big generated batch: enough that even a release build needs over a second
/// to ingest them, so the run can be killed part-way.
const BIG_BATCH: usize = 4000;

#[test]
fn a_killed_ingest_leaves_the_index_as_it_was() {
    let d = Digest::new();
    // A first, committed run: the bundled corpus and the query fixtures.
    let s = d.ingest([fixture("query").to_str().unwrap()]);
    assert_eq!(s.added, 13, "{}", s.text);
    let before_search = d.search(["-n", "50", "fixture OR marmoset OR china"]);
    assert_eq!(before_search.total, 13);
    let before_outlets = d.outlets();

    let big = d.path("big.jsonl");
    write_generated_jsonl(&big, "killbatch", BIG_BATCH, 0);
    let mut child = d.spawn(["ingest", big.to_str().unwrap()]);
    assert!(
        d.wait_for_writer(&mut child, Duration::from_secs(60)),
        "the ingest never took the writer lock"
    );
    std::thread::sleep(Duration::from_millis(50));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before it could be killed: make BIG_BATCH bigger"
    );
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());

    // Exactly as before: nothing of the batch, everything of the earlier run.
    let doc = d.search(["killbatch"]);
    assert_eq!(doc.total, 0, "{doc:#?}");
    assert_eq!(d.search(["killbatch0x"]).total, 0);
    let after_search = d.search(["-n", "50", "fixture OR marmoset OR china"]);
    assert_eq!(after_search.total, before_search.total);
    assert_eq!(after_search.sources(), before_search.sources());
    let ids = |doc: &crate::util::SearchJson| -> Vec<String> {
        doc.hits.iter().map(|h| h.id.clone()).collect()
    };
    assert_eq!(ids(&after_search), ids(&before_search));
    assert_eq!(d.outlets(), before_outlets);
    assert_eq!(
        d.search(["xanadu zephyr"]).sources(),
        vec!["01_xanadu_zephyr.txt"]
    );

    // And the index still takes writes: the full batch goes in.
    let s = d.ingest([big.to_str().unwrap()]);
    assert_eq!(s.counts(), (BIG_BATCH, 0, 0, 0, 0), "{}", s.text);
    assert_eq!(d.search(["killbatch"]).total, BIG_BATCH);
    assert_eq!(d.search(["killbatch1234x"]).total, 1);
    assert_eq!(
        d.search(["-n", "50", "fixture OR marmoset OR china"]).total,
        13
    );
}

#[test]
fn a_second_writer_is_told_the_index_is_busy() {
    let d = Digest::new();
    d.ingest([fixture("query").to_str().unwrap()]);
    let big = d.path("big.jsonl");
    write_generated_jsonl(&big, "busybatch", BIG_BATCH, 0);
    let mut first = d.spawn(["ingest", big.to_str().unwrap()]);
    assert!(
        d.wait_for_writer(&mut first, Duration::from_secs(60)),
        "the first ingest never took the writer lock"
    );
    let small = d.write(
        "small.txt",
        "Title: Second writer\n\nThe okapi line from the second writer. It must wait.\n",
    );
    let second = d.run(["ingest", small.to_str().unwrap()]);
    let first_still_running = first.try_wait().unwrap().is_none();
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(
        first_still_running,
        "the first ingest finished too early: make BIG_BATCH bigger"
    );
    second.assert_error();
    assert!(
        second.stderr.contains("index is busy"),
        "stderr: {}",
        second.stderr
    );
    assert!(second.stdout.is_empty(), "{second:#?}");

    // Readers are not blocked by a writer, and once the writer is gone writes work again.
    assert_eq!(d.search(["xanadu"]).total, 2);
    let s = d.ingest([small.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
}

#[test]
fn outlets_lists_counts_and_date_ranges() {
    let d = Digest::bundled();
    let outlets = d.outlets();
    let mut got = outlets.clone();
    got.sort_by(|a, b| a.id.cmp(&b.id));
    let o = |id: &str, name: &str, n: u64, first: &str, last: &str| OutletJson {
        id: id.into(),
        name: name.into(),
        articles: n,
        first: Some(first.into()),
        last: Some(last.into()),
    };
    assert_eq!(
        got,
        vec![
            o("cnes", "CNES", 1, "2021-03", "2021-03"),
            o("gt", "Global Times", 1, "2021-02-18", "2021-02-18"),
            o("rfa", "Radio Free Asia", 1, "2019-01-08", "2019-01-08"),
            o("tass", "TASS", 1, "2021-04-27", "2021-04-27"),
            o("unattributed", "Unattributed", 1, "2021-03", "2021-03"),
        ]
    );

    // More articles: counts and ranges grow; undated articles count but have no range.
    d.ingest([fixture("formats").to_str().unwrap()]);
    d.ingest([fixture("query").to_str().unwrap()]);
    let outlets = d.outlets();
    let find = |id: &str| outlets.iter().find(|o| o.id == id).unwrap().clone();
    // header.txt (gt, 2021-05-06) joins the bundled GT article.
    assert_eq!(
        find("gt"),
        o("gt", "Global Times", 2, "2021-02-18", "2021-05-06")
    );
    // echidna (tass, 2021-04-01).
    assert_eq!(
        find("tass"),
        o("tass", "TASS", 2, "2021-04-01", "2021-04-27")
    );
    // fennec (rfa, 2020-07-08).
    assert_eq!(
        find("rfa"),
        o("rfa", "Radio Free Asia", 2, "2019-01-08", "2020-07-08")
    );
    // The bundled 001 (2021-03), seven undated format fixtures and eight query fixtures.
    let u = find("unattributed");
    assert_eq!(u.articles, 1 + 7 + 8, "{outlets:#?}");
    assert_eq!(
        (u.first.as_deref(), u.last.as_deref()),
        (Some("2021-03"), Some("2021-03"))
    );
    // gerenuk (cnes, undated) counts but does not widen the range.
    assert_eq!(find("cnes"), o("cnes", "CNES", 2, "2021-03", "2021-03"));
    // Most articles first.
    assert_eq!(outlets[0].id, "unattributed");
    for w in outlets.windows(2) {
        assert!(w[0].articles >= w[1].articles, "{outlets:#?}");
    }
}

#[test]
fn outlets_human_output() {
    let d = Digest::new();
    d.ingest(["--no-bundled", fixture("query").to_str().unwrap()]);
    d.ingest([fixture("clean/rfa_source.txt").to_str().unwrap()]);
    let r = d.run(["outlets"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    let re = regex::Regex::new(r"^(.+?)\s+(\d+) articles?\s+(.+?)\s+\((.+)\)$").unwrap();
    let parsed: Vec<(String, String, String, String)> = lines
        .iter()
        .map(|l| {
            let c = re.captures(l).unwrap_or_else(|| panic!("{l:?}"));
            (
                c[1].to_string(),
                c[2].to_string(),
                c[3].to_string(),
                c[4].to_string(),
            )
        })
        .collect();
    assert_eq!(
        parsed,
        vec![
            (
                "Unattributed".into(),
                "8".into(),
                "undated".into(),
                "unattributed".into()
            ),
            (
                "Radio Free Asia".into(),
                "1".into(),
                "2019-01-08".into(),
                "rfa".into()
            ),
        ]
    );
}

#[test]
fn show_prints_title_metadata_body_captions_and_provenance() {
    let d = Digest::bundled();
    let id = d.bundled_ids()["002_a9e59d9380c21298.txt"].clone();
    let r = d.run(["show", &id]);
    assert_eq!(r.code, 0, "{r:#?}");
    let out = &r.stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Russia opting for moon base cooperation with China over US ‘not surprising’"
    );
    for want in [
        "outlet    Global Times",
        "date      2021-02-18",
        "via       globaltimes.cn",
        "language  en",
        &format!("id        {id}"),
        "file      bundled:data/articles/002_a9e59d9380c21298.txt",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in:\n{out}");
    }
    let body_at = out
        .find("After opting not to join eight other countries")
        .expect("body");
    let captions_at = out.find("\nCaptions\n").expect("captions heading");
    let caption_at = out.find("  Delegates receive award").expect("caption");
    let provenance_at = out
        .find("How the metadata was established")
        .expect("provenance heading");
    assert!(body_at < captions_at && captions_at < caption_at && caption_at < provenance_at);
    assert!(out.contains("  date: From the file's 'Published: Feb 18, 2021 05:33 PM' line."));
    assert!(lines.iter().any(|l| l.starts_with("  outlet: ")));
    assert!(lines.iter().any(|l| l.starts_with("  title: ")));
    assert!(!out.contains("Published: Feb 18, 2021 05:33 PM\n"));
}

#[test]
fn show_accepts_a_unique_id_prefix() {
    let d = Digest::bundled();
    let ids = d.bundled_ids();
    let id = &ids["003_15cac33c2820b134.txt"];
    let prefix = &id[..6];
    assert_eq!(
        ids.values().filter(|i| i.starts_with(prefix)).count(),
        1,
        "prefix must be unique among the bundled ids"
    );
    let a = d.show(prefix);
    assert_eq!(&a.id, id);
    assert_eq!(a.outlet, "tass");
    let a = d.show(&id[..4]);
    assert_eq!(&a.id, id, "four characters are enough when unique");
    // Fewer than four characters are not a prefix.
    let r = d.run(["show", &id[..3]]);
    assert_eq!(r.code, 1, "{r:#?}");
}

#[test]
fn show_an_unknown_id_exits_1() {
    let d = Digest::bundled();
    for id in ["0000000000000000", "ffff", "nosuch"] {
        let r = d.run(["show", id]);
        assert_eq!(r.code, 1, "{id}: {r:#?}");
        assert!(r.stdout.is_empty(), "{r:#?}");
        assert!(r.stderr.contains(id), "{r:#?}");
        assert!(!r.stderr.contains("panicked"));
        let r = d.run(["show", "--json", id]);
        assert_eq!(r.code, 1, "{id} --json: {r:#?}");
    }
}

/// Ctrl-C during an ingest: one line says so, the exit status is 130, and the index
/// directory holds exactly the files it held before — no segment of the run is left
/// behind (issue 21).
#[test]
fn ctrl_c_during_ingest_says_so_and_leaves_no_files() {
    let d = Digest::new();
    d.ingest([fixture("query").to_str().unwrap()]);
    let files = |d: &Digest| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&d.index)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = files(&d);
    let big = d.path("big.jsonl");
    write_generated_jsonl(&big, "sigintbatch", BIG_BATCH, 4);
    let mut child = d.spawn(["ingest", big.to_str().unwrap()]);
    assert!(
        d.wait_for_writer(&mut child, Duration::from_secs(60)),
        "the ingest never took the writer lock"
    );
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before Ctrl-C: make the batch bigger"
    );
    // SAFETY: kill(2) with the pid of our own child and a valid signal number.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "digest: interrupted; the index is unchanged",
        "one line"
    );
    assert_eq!(files(&d), before, "files of the interrupted run were left");
    assert_eq!(d.search(["sigintbatch"]).total, 0);
    assert_eq!(
        d.search(["-n", "50", "fixture OR marmoset OR china"]).total,
        13
    );
}
