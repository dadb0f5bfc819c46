//! Faults: runs killed at random points, damaged and incompatible indexes, unwritable
//! and full disks, `digest reindex`, and the reader open while an ingest commits.
//!
//! The promise under test: whatever happens to a run, the index afterwards holds exactly
//! what it held before the run or exactly what the run meant to add, and every command
//! that meets a damaged index says so in one line that tells how to rebuild it.
//!
//! (Two writers at once are covered by `index::a_second_writer_is_told_the_index_is_busy`;
//! reindex against a running ingest is covered here.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use digest::index::DigestIndex;
use digest::index::schema::{KIND_ARTICLE, KIND_ORIGIN};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::util::tmux::{Tmux, have_tmux};
use crate::util::{BIN, Digest, Run, fixture, write_generated_jsonl};

/// A small xorshift generator: a fixed seed gives the same kill points on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What an index holds, as the library reads it: article ids and the number of origins.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    articles: BTreeSet<String>,
    origins: usize,
}

fn state(dir: &Path) -> Result<State, String> {
    let index = DigestIndex::open(dir).map_err(|e| e.to_string())?;
    let searcher = index.searcher();
    let f = index.fields();
    let kind = |k: &str| TermQuery::new(Term::from_field_text(f.kind, k), IndexRecordOption::Basic);
    let mut articles = BTreeSet::new();
    for addr in searcher
        .search(&kind(KIND_ARTICLE), &DocSetCollector)
        .map_err(|e| e.to_string())?
    {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| e.to_string())?;
        let id = doc.get_first(f.id).and_then(|v| v.as_str()).unwrap_or("");
        if !articles.insert(id.to_string()) {
            return Err(format!("article {id} is stored twice"));
        }
    }
    let origins = searcher
        .search(&kind(KIND_ORIGIN), &Count)
        .map_err(|e| e.to_string())?;
    Ok(State { articles, origins })
}

/// Copies a flat directory (an index) to `to`, replacing whatever is there.
fn copy_dir(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Segment files in `dir` that belong to no segment of the committed `meta.json`.
fn orphan_files(dir: &Path) -> Vec<String> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json")).unwrap()).unwrap();
    let live: BTreeSet<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.len() > 33
                && n.as_bytes()[32] == b'.'
                && n[..32].bytes().all(|b| b.is_ascii_hexdigit())
                && !live.contains(&n[..32])
        })
        .collect();
    out.sort();
    out
}

/// The inode of `dir/meta.json`: tantivy writes a new file and renames it into place, so
/// this changes at the moment a commit lands.
fn meta_inode(dir: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir.join("meta.json"))
        .ok()
        .map(|m| m.ino())
}

/// Runs killed with SIGKILL at this many random points.
const KILL_RUNS: usize = 50;
/// Articles in the committed first batch and in the batch the killed runs add.
const OLD_BATCH: usize = 40;
const NEW_BATCH: usize = 200;

#[test]
fn sigkill_at_random_points_leaves_the_old_or_the_new_index() {
    let d = Digest::new();
    let old_batch = d.path("old.jsonl");
    let new_batch = d.path("new.jsonl");
    write_generated_jsonl(&old_batch, "killold", OLD_BATCH, 0);
    write_generated_jsonl(&new_batch, "killnew", NEW_BATCH, 0);
    let s = d.ingest(["--no-bundled", old_batch.to_str().unwrap()]);
    assert_eq!(s.added, OLD_BATCH, "{}", s.text);
    let template = d.path("template");
    copy_dir(&d.index, &template);
    let old = state(&d.index).unwrap();
    assert_eq!(old.articles.len(), OLD_BATCH);

    // The state a completed run leaves, and how long a run takes (the faster of two).
    let mut full_run = Duration::MAX;
    let mut new = None;
    for _ in 0..2 {
        copy_dir(&template, &d.index);
        let start = Instant::now();
        let out = d
            .spawn(["ingest", new_batch.to_str().unwrap()])
            .wait_with_output()
            .unwrap();
        full_run = full_run.min(start.elapsed());
        assert!(out.status.success(), "{out:?}");
        new = Some(state(&d.index).unwrap());
    }
    let new = new.unwrap();
    assert_eq!(new.articles.len(), OLD_BATCH + NEW_BATCH);
    assert!(old.articles.is_subset(&new.articles));

    // Kill runs at random points between the start and the end of a full run (see below
    // for where).
    // A run that ends before its kill point is not counted as killed, and its duration
    // corrects the estimate of a full run (the machine's load changes as tests come and
    // go). After a kill that left the old state the next run starts from it as it is,
    // files of killed runs and all; after one that left the new state the old one is
    // restored.
    copy_dir(&template, &d.index);
    let mut rng = XorShift(0x5eed_d16e_57ab_1e01);
    let (mut kills, mut before_commit, mut after_commit, mut finished) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    let started = Instant::now();
    let mut run = 0;
    while kills < KILL_RUNS && run < 3 * KILL_RUNS {
        run += 1;
        let span = full_run.as_micros() as u64;
        // A quarter anywhere in the run, a quarter in its last 30 % (the segments are
        // written and committed), a quarter in its last 10 %, and a quarter the moment
        // the new meta.json is in place (after the commit, before the run ends).
        let on_commit = run % 4 == 3;
        let delay = Duration::from_micros(match run % 4 {
            0 => rng.below(span),
            1 => span * 7 / 10 + rng.below(span * 3 / 10),
            2 => span * 9 / 10 + rng.below(span / 10),
            _ => 3 * span,
        });
        let meta_before = meta_inode(&d.index);
        let start = Instant::now();
        let mut child = d.spawn(["ingest", new_batch.to_str().unwrap()]);
        let mut ended_first = false;
        while start.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                ended_first = true;
                break;
            }
            if on_commit && meta_inode(&d.index) != meta_before {
                break;
            }
            std::thread::sleep(Duration::from_micros(if on_commit { 100 } else { 500 }));
        }
        let took = start.elapsed();
        if !ended_first {
            let _ = child.kill(); // SIGKILL
        }
        let status = child.wait().unwrap();
        // A run that ended on its own, before its kill point or in the last half
        // millisecond, exits 0 (a killed one has no exit code).
        let exited = (ended_first || status.success()).then_some((status, took));
        let got = state(&d.index);
        let search = d.search(["-n", "1000", "killold OR killnew"]);
        match (&exited, got) {
            (Some((status, took)), Ok(s)) => {
                finished += 1;
                assert!(status.success(), "run {run} failed on its own: {status:?}");
                assert_eq!(s, new, "run {run} finished but left something else");
                if !on_commit {
                    full_run = (full_run + *took) / 2;
                }
                copy_dir(&template, &d.index);
            }
            (None, Ok(s)) if s == old => {
                kills += 1;
                before_commit += 1;
                assert_eq!(search.total, OLD_BATCH, "run {run}: search disagrees");
            }
            (None, Ok(s)) if s == new => {
                kills += 1;
                after_commit += 1;
                assert_eq!(search.total, OLD_BATCH + NEW_BATCH, "run {run}");
                copy_dir(&template, &d.index);
            }
            (_, Ok(s)) => {
                kills += 1;
                failures.push(format!(
                    "run {run} (killed after {delay:?}): {} articles, {} origins",
                    s.articles.len(),
                    s.origins
                ))
            }
            (_, Err(e)) => {
                kills += 1;
                failures.push(format!("run {run} (killed after {delay:?}): {e}"))
            }
        }
    }
    eprintln!(
        "sigkill: {kills} runs killed in {:.1} s (a full run takes about {:.0} ms): {before_commit} left the old index (killed before the commit), {after_commit} the new one (killed after it), {} failures; {finished} more runs finished before their kill point",
        started.elapsed().as_secs_f64(),
        full_run.as_secs_f64() * 1000.0,
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(kills >= KILL_RUNS, "only {kills} runs were killed");

    // The files killed runs left behind go with the next run that completes.
    let s = d.ingest([new_batch.to_str().unwrap()]);
    assert_eq!(s.added, NEW_BATCH, "{}", s.text);
    assert_eq!(state(&d.index).unwrap(), new);
    assert_eq!(orphan_files(&d.index), Vec::<String>::new());
}

/// A `digest` command line for `sh -c`, each word quoted.
fn shell_words(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `digest ARGS` under `sh` with a file size limit of `blocks` (SIGXFSZ ignored, so
/// writes past the limit fail with EFBIG, as on a full disk).
fn run_with_file_size_limit(d: &Digest, blocks: u32, args: &[&str]) -> Run {
    let mut words = vec![BIN];
    words.extend_from_slice(args);
    let script = format!(
        "ulimit -f {blocks}; trap '' XFSZ; exec {}",
        shell_words(&words)
    );
    let out = d.command("sh").args(["-c", &script]).output().unwrap();
    Run::from_output(out)
}

/// Asserts a clean one-line error (exit 2) that contains every one of `wants`.
#[track_caller]
fn assert_one_line_error(r: &Run, wants: &[&str]) {
    r.assert_error();
    assert_eq!(r.stderr.lines().count(), 1, "one line: {r:#?}");
    assert!(r.stdout.is_empty(), "{r:#?}");
    for w in wants {
        assert!(r.stderr.contains(w), "expected {w:?} in {:?}", r.stderr);
    }
}

/// What `search` finds for a query that matches every article of the test indexes.
fn everything(d: &Digest) -> Vec<String> {
    let doc = d.search([
        "-n",
        "1000",
        "xanadu OR zephyr OR yonder OR china OR marmoset OR bridge",
    ]);
    let mut ids: Vec<String> = doc.hits.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn a_full_disk_fails_the_ingest_and_keeps_the_index() {
    let d = Digest::bundled();
    d.ingest([fixture("query").to_str().unwrap()]);
    let before = everything(&d);
    let outlets = d.outlets();
    let big = d.path("big.jsonl");
    write_generated_jsonl(&big, "fullbatch", 2000, 2);

    // 64 blocks (32 or 64 KiB): the new segment's files outgrow that at once.
    let r = run_with_file_size_limit(&d, 64, &["ingest", big.to_str().unwrap()]);
    assert_one_line_error(
        &r,
        &[
            "cannot write to the index at",
            "File too large",
            "nothing was changed",
        ],
    );
    assert_eq!(everything(&d), before);
    assert_eq!(d.outlets(), outlets);
    assert_eq!(d.search(["fullbatch"]).total, 0);

    // With room again the same batch goes in, and the failed run's files are gone.
    let s = d.ingest([big.to_str().unwrap()]);
    assert_eq!(s.added, 2000, "{}", s.text);
    assert_eq!(orphan_files(&d.index), Vec::<String>::new());
}

/// Whether this process runs as root (where file permissions do not stop writes).
fn running_as_root(d: &Digest) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = d.write("uid-probe", "");
    std::fs::metadata(probe).unwrap().uid() == 0
}

/// Gives the whole sandbox to `nobody` (so that, running as `nobody`, only the
/// permission bits decide what may be written).
fn give_to_nobody(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::os::unix::fs::chown(path, Some(65534), Some(65534)).unwrap();
    let meta = std::fs::symlink_metadata(path).unwrap();
    if meta.is_dir() {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        for e in std::fs::read_dir(path).unwrap() {
            give_to_nobody(&e.unwrap().path());
        }
    }
}

#[test]
fn a_read_only_index_directory_refuses_the_ingest_and_keeps_the_index() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let d = Digest::bundled();
    d.ingest([fixture("query").to_str().unwrap()]);
    let before = everything(&d);
    let small = d.write(
        "small.txt",
        "Title: Okapi sighting\n\nAn okapi was seen at the edge of the forest. Rangers confirmed it.\n",
    );
    let root = running_as_root(&d);
    if root {
        // root writes whatever the permission bits say: run the ingest as `nobody`.
        give_to_nobody(d.root());
    }
    let ingest = |d: &Digest| {
        let mut c = d.cmd();
        c.args(["ingest", small.to_str().unwrap()]);
        if root {
            c.uid(65534).gid(65534);
        }
        Run::from_output(c.output().unwrap())
    };
    let set_mode = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };

    // The directory is read-only; the lock file in it is still writable.
    set_mode(&d.index, 0o555);
    let r = ingest(&d);
    assert_one_line_error(
        &r,
        &[
            "cannot write to the index at",
            "Permission denied",
            "nothing was changed",
        ],
    );
    assert!(!r.stderr.contains("busy"), "{r:#?}");

    // The lock file is read-only too: a write failure, not "busy".
    set_mode(&d.index.join(".tantivy-writer.lock"), 0o444);
    let r = ingest(&d);
    assert_one_line_error(&r, &["cannot open the writer lock", "Permission denied"]);
    assert!(!r.stderr.contains("busy"), "{r:#?}");

    set_mode(&d.index.join(".tantivy-writer.lock"), 0o644);
    set_mode(&d.index, 0o755);
    assert_eq!(everything(&d), before);
    assert_eq!(d.search(["okapi"]).total, 0);
    let s = d.ingest([small.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
    assert_eq!(orphan_files(&d.index), Vec::<String>::new());
}

/// A damage done to a copy of a good index, and what the message must name.
struct Damage {
    name: &'static str,
    apply: fn(&Path),
    /// Words the one-line message must contain (besides the directory).
    says: &'static [&'static str],
    /// What `reindex` gets back.
    recovers: Recovers,
}

/// What `reindex` gets back from a damaged index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Recovers {
    /// Every source, from the commit: the old index is deleted.
    All,
    /// Every source, but from the segment files (meta.json unreadable): as it cannot know
    /// that nothing is missing, the old index is kept beside the new one.
    AllKeepingTheOld,
    /// Part of the sources (a store file is gone): the old index is kept.
    Part,
}

/// The first segment's file with this extension.
fn segment_file(dir: &Path, ext: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files.into_iter().next().expect("a segment file")
}

fn set_payload(dir: &Path, payload: &str) {
    let p = dir.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    meta["payload"] = serde_json::Value::String(payload.into());
    std::fs::write(p, serde_json::to_string_pretty(&meta).unwrap()).unwrap();
}

const REBUILD: &str = "rebuild it with `digest reindex`";

fn damages() -> Vec<Damage> {
    vec![
        Damage {
            name: "truncated meta.json",
            apply: |dir| {
                let p = dir.join("meta.json");
                let text = std::fs::read(&p).unwrap();
                std::fs::write(&p, &text[..text.len() / 3]).unwrap();
            },
            says: &[
                "is damaged (meta.json is not a valid index description)",
                REBUILD,
            ],
            recovers: Recovers::AllKeepingTheOld,
        },
        Damage {
            name: "garbage in meta.json",
            apply: |dir| std::fs::write(dir.join("meta.json"), "this is not an index").unwrap(),
            says: &[
                "is damaged (meta.json is not a valid index description)",
                REBUILD,
            ],
            recovers: Recovers::AllKeepingTheOld,
        },
        Damage {
            name: "empty meta.json",
            apply: |dir| std::fs::write(dir.join("meta.json"), "").unwrap(),
            says: &[
                "is damaged (meta.json is not a valid index description)",
                REBUILD,
            ],
            recovers: Recovers::AllKeepingTheOld,
        },
        Damage {
            name: "meta.json missing",
            apply: |dir| std::fs::remove_file(dir.join("meta.json")).unwrap(),
            says: &["is damaged (meta.json is missing)", REBUILD],
            recovers: Recovers::AllKeepingTheOld,
        },
        Damage {
            name: "missing store file",
            apply: |dir| std::fs::remove_file(segment_file(dir, "store")).unwrap(),
            says: &["is damaged (file ", ".store is missing)", REBUILD],
            recovers: Recovers::Part,
        },
        Damage {
            name: "missing postings file",
            apply: |dir| std::fs::remove_file(segment_file(dir, "idx")).unwrap(),
            says: &["is damaged (file ", ".idx is missing)", REBUILD],
            recovers: Recovers::All,
        },
        Damage {
            name: "missing positions file",
            apply: |dir| std::fs::remove_file(segment_file(dir, "pos")).unwrap(),
            says: &[
                "is damaged (a segment file is missing or corrupted",
                REBUILD,
            ],
            recovers: Recovers::All,
        },
        Damage {
            name: "truncated term file",
            apply: |dir| {
                let p = segment_file(dir, "term");
                let len = std::fs::metadata(&p).unwrap().len();
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&p)
                    .unwrap()
                    .set_len(len / 2)
                    .unwrap();
            },
            says: &[
                "is damaged (file ",
                ".term is truncated or corrupted)",
                REBUILD,
            ],
            recovers: Recovers::All,
        },
        Damage {
            name: "older version",
            apply: |dir| set_payload(dir, "digest-index-1"),
            says: &[
                "was written by an older version of digest (index format digest-index-1",
                REBUILD,
            ],
            recovers: Recovers::All,
        },
        Damage {
            name: "newer version",
            apply: |dir| set_payload(dir, "digest-index-999"),
            says: &[
                "was written by a newer version of digest (index format digest-index-999",
                "use that version, or rebuild it for this one with `digest reindex`",
            ],
            recovers: Recovers::All,
        },
        Damage {
            name: "different fields",
            apply: |dir| {
                let p = dir.join("meta.json");
                let mut meta: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                meta["schema"][2]["name"] = "headline".into();
                std::fs::write(p, serde_json::to_string(&meta).unwrap()).unwrap();
            },
            says: &[
                "was written by a version of digest with different index fields",
                REBUILD,
            ],
            recovers: Recovers::All,
        },
    ]
}

/// An index with the bundled corpus, the query fixtures, and a file ingested with
/// `--outlet`, in `d.index`; returns the source of that file.
fn build_recorded_index(d: &Digest) -> PathBuf {
    let sources = d.copy_fixture_dir("query", "sources/query");
    d.ingest([sources.to_str().unwrap()]);
    let outlet_file = d.write(
        "sources/tass/tapir.txt",
        "Title: Tapir trail mapped\n\nA tapir trail through the lowland forest was mapped by volunteers. It runs for nine kilometres.\n",
    );
    let s = d.ingest(["--outlet", "TASS", outlet_file.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
    outlet_file
}

/// Every command that opens the index.
fn commands(header: &str) -> Vec<Vec<String>> {
    [
        vec!["search", "moon"],
        vec!["show", "abcd"],
        vec!["events"],
        vec!["compare", "moon"],
        vec!["outlets"],
        vec!["ingest", header],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(String::from).collect())
    .collect()
}

#[test]
fn every_command_reports_a_damaged_index_in_one_line_with_the_way_to_rebuild_it() {
    let d = Digest::bundled();
    build_recorded_index(&d);
    let header = fixture("formats/header.txt");
    for damage in damages() {
        let dir = d.path(&format!("damaged-{}", damage.name.replace(' ', "-")));
        copy_dir(&d.index, &dir);
        (damage.apply)(&dir);
        for args in commands(header.to_str().unwrap()) {
            let mut all = vec!["--index".to_string(), dir.display().to_string()];
            all.extend(args.iter().cloned());
            let r = d.run(&all);
            let mut wants = vec![dir.to_str().unwrap()];
            wants.extend_from_slice(damage.says);
            assert_one_line_error(&r, &wants);
            eprintln!("{} / {}: {}", damage.name, args[0], r.stderr.trim_end());
        }
    }
}

#[test]
fn directories_that_are_not_indexes() {
    let d = Digest::new();
    // Nothing but lock files (and hidden files): nothing to lose, a new index is made.
    let locks = d.path("locks-only");
    std::fs::create_dir_all(&locks).unwrap();
    std::fs::write(locks.join(".tantivy-writer.lock"), "").unwrap();
    std::fs::write(locks.join(".tantivy-meta.lock"), "").unwrap();
    let r = d.run([
        "--index",
        locks.to_str().unwrap(),
        "search",
        "--json",
        "china",
    ]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(locks.join("meta.json").exists());

    // A directory of other things is not turned into an index.
    let docs = d.path("documents");
    d.write("documents/notes.txt", "my notes");
    let r = d.run(["--index", docs.to_str().unwrap(), "search", "china"]);
    assert_one_line_error(&r, &["is not a digest index", docs.to_str().unwrap()]);
    assert!(!docs.join("meta.json").exists());
    let r = d.run(["--index", docs.to_str().unwrap(), "reindex"]);
    assert_one_line_error(&r, &["is not a digest index"]);
    assert_eq!(
        std::fs::read_to_string(docs.join("notes.txt")).unwrap(),
        "my notes"
    );

    // A file where the directory should be.
    let file = d.write("a-file", "x");
    let r = d.run(["--index", file.to_str().unwrap(), "outlets"]);
    assert_one_line_error(&r, &["cannot open the index at", "not a directory"]);
}

#[test]
fn reindex_rebuilds_from_the_recorded_sources() {
    let d = Digest::bundled();
    let outlet_file = build_recorded_index(&d);
    let gone = d.write(
        "sources/gone.txt",
        "Title: Pangolin notes\n\nA pangolin crossed the road at dawn. Nobody saw where it went.\n",
    );
    d.ingest([gone.to_str().unwrap()]);
    let before = state(&d.index).unwrap();
    std::fs::remove_file(&gone).unwrap();

    let r = d.run(["reindex"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let s = crate::util::IngestSummary::parse(&r.stdout);
    // 13 bundled and query articles, the --outlet one; the removed file is reported.
    assert_eq!(s.counts(), (14, 0, 0, 0, 1), "{}", r.stdout);
    assert_eq!(
        s.reason(gone.to_str().unwrap())
            .map(|r| r.contains("No such file")),
        Some(true)
    );
    assert!(
        r.stdout.contains(&format!(
            "rebuilt {} from 10 recorded files and the bundled corpus",
            std::fs::canonicalize(&d.index).unwrap().display()
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("1 file keeps the --outlet it was ingested with"),
        "{}",
        r.stdout
    );
    let after = state(&d.index).unwrap();
    assert!(after.articles.is_subset(&before.articles));
    assert_eq!(after.articles.len(), before.articles.len() - 1);
    assert_eq!(d.search(["pangolin"]).total, 0);
    // The --outlet survived.
    let tapir = d.search(["tapir"]);
    assert_eq!(tapir.hits[0].outlet, "tass", "{tapir:#?}");
    assert!(
        tapir.hits[0]
            .source
            .ends_with(outlet_file.file_name().unwrap().to_str().unwrap())
    );
    // Nothing left beside the index.
    let leftovers: Vec<String> = std::fs::read_dir(d.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("index."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // And it is a normal index: ingest works on it.
    let s = d.ingest([fixture("formats/header.txt").to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
}

#[test]
fn reindex_never_reads_paths_from_article_text() {
    // An article whose text looks like one of digest's stored origin records: reindex
    // must rebuild from the files digest recorded, not from what an article says.
    let d = Digest::new();
    let secret = d.write(
        "private/secret.txt",
        "Title: Okapi diary\n\nThe okapi came to the salt lick again. Nobody was told.\n",
    );
    let record = format!(
        r#"{{"path":{},"hash":"0000000000000000"}}"#,
        serde_json::to_string(secret.to_str().unwrap()).unwrap()
    );
    let lure = d.write("in/lure.txt", format!("Title: Lure\n\n{record}\n"));
    let s = d.ingest(["--no-bundled", lure.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);
    assert!(
        d.show(&d.search(["lure"]).hits[0].id)
            .body
            .starts_with("{\"path\":")
    );

    let r = d.run(["reindex"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(d.search(["okapi"]).total, 0, "{}", r.stdout);
    assert_eq!(d.search(["lure"]).total, 1);
}

#[test]
fn reindex_repairs_each_kind_of_damage() {
    let d = Digest::bundled();
    build_recorded_index(&d);
    let good = state(&d.index).unwrap();
    let pristine = d.path("pristine");
    copy_dir(&d.index, &pristine);
    for damage in damages() {
        copy_dir(&pristine, &d.index);
        (damage.apply)(&d.index);
        let r = d.run(["reindex"]);
        assert_eq!(r.code, 0, "{}: {r:#?}", damage.name);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        eprintln!("reindex after {}:\n{}", damage.name, r.stdout);
        let got = state(&d.index).unwrap_or_else(|e| panic!("{}: {e}", damage.name));
        if damage.recovers == Recovers::Part {
            // What the lost store held may be gone (the bundled corpus is added anyway).
            assert!(
                got.articles.is_subset(&good.articles),
                "{}: {}",
                damage.name,
                r.stdout
            );
            assert!(r.stdout.contains("not recovered: segment "), "{}", r.stdout);
        } else {
            assert_eq!(got, good, "{}: {}", damage.name, r.stdout);
        }
        let kept: Vec<PathBuf> = std::fs::read_dir(d.root())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("index.damaged-")
            })
            .collect();
        if damage.recovers == Recovers::All {
            assert!(kept.is_empty(), "{}: {kept:?}", damage.name);
            assert!(!r.stdout.contains("kept"), "{}", r.stdout);
        } else {
            assert_eq!(kept.len(), 1, "{}: the damaged index is kept", damage.name);
            assert!(
                r.stdout.contains("the old index was kept in"),
                "{}",
                r.stdout
            );
            for k in kept {
                std::fs::remove_dir_all(k).unwrap();
            }
        }
    }
}

#[test]
fn reindex_without_readable_records_uses_the_bundled_corpus_and_the_paths_given() {
    let d = Digest::bundled();
    build_recorded_index(&d);
    // meta.json and every store file gone: no record of the sources is left.
    std::fs::write(d.index.join("meta.json"), "{").unwrap();
    for e in std::fs::read_dir(&d.index).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "store") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    let query = fixture("query");
    let r = d.run(["reindex", query.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    let s = crate::util::IngestSummary::parse(&r.stdout);
    assert_eq!(s.added, 13, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("from the bundled corpus and 1 path given: no recorded sources could be read (meta.json is not a valid index description, and no segment files were found)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("articles whose records could not be read are not in the new index"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("the old index was kept in"),
        "{}",
        r.stdout
    );
    assert_eq!(
        d.search(["tapir"]).total,
        0,
        "the --outlet file was not recoverable"
    );
    assert_eq!(d.search(["xanadu"]).total, 2);
}

#[test]
fn reindex_of_no_index_builds_the_bundled_one() {
    let d = Digest::new();
    let r = d.run(["reindex"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(crate::util::IngestSummary::parse(&r.stdout).added, 5);
    assert_eq!(d.search(["china"]).total, 5);
}

#[test]
fn reindex_waits_for_no_writer_and_no_writer_for_it() {
    let d = Digest::new();
    d.ingest([fixture("query").to_str().unwrap()]);
    let big = d.path("big.jsonl");
    write_generated_jsonl(&big, "busyreindex", 2000, 0);
    let mut ingest = d.spawn(["ingest", big.to_str().unwrap()]);
    assert!(d.wait_for_writer(&mut ingest, Duration::from_secs(60)));
    let r = d.run(["reindex"]);
    let still_running = ingest.try_wait().unwrap().is_none();
    ingest.kill().unwrap();
    ingest.wait().unwrap();
    assert!(still_running, "the ingest finished too early");
    assert_one_line_error(&r, &["index is busy"]);
    assert_eq!(d.search(["xanadu"]).total, 2);
}

#[test]
fn an_interrupted_reindex_is_reported_and_finished_by_the_next() {
    let d = Digest::bundled();
    d.ingest([fixture("query").to_str().unwrap()]);
    let before = state(&d.index).unwrap();
    // What a reindex that died between its two renames leaves (pid 999999999 is not
    // running): no index, the old one beside it.
    let old = d.path("index.old-999999999");
    std::fs::rename(&d.index, &old).unwrap();
    let r = d.run(["search", "xanadu"]);
    assert_one_line_error(
        &r,
        &[
            "`digest reindex` was interrupted",
            "index.old-999999999",
            "run `digest reindex` to finish",
        ],
    );
    assert!(!d.index.exists(), "no new empty index is made in its place");
    let r = d.run(["reindex"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(state(&d.index).unwrap(), before);
    assert!(!old.exists());
}

#[test]
fn the_reader_reports_a_damaged_index_before_taking_the_terminal() {
    if !have_tmux() {
        return;
    }
    let d = Digest::bundled();
    std::fs::write(d.index.join("meta.json"), "garbage").unwrap();
    let t = Tmux::start("damaged", &d.index, 100, 30);
    // The message wraps at the pane's width.
    let s = t.wait_text("DONE-2").replace('\n', "");
    assert!(
        s.contains("is damaged (meta.json is not a valid index description); rebuild it with `digest reindex`"),
        "{s}"
    );
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "left on the alternate screen"
    );
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor left hidden");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture left on");
}

#[test]
fn the_open_reader_shows_articles_ingested_meanwhile() {
    if !have_tmux() {
        return;
    }
    let d = Digest::bundled();
    let t = Tmux::start("reload", &d.index, 100, 30);
    t.wait_text("Type to search 5 articles from 5 outlets");
    t.type_text("okapi");
    t.wait_text("No articles match");

    // Another process adds an okapi article while the reader is open.
    let file = d.write(
        "okapi.txt",
        "Title: Okapi sighting\n\nAn okapi was seen at the edge of the forest. Rangers confirmed it.\n",
    );
    let s = d.ingest([file.to_str().unwrap()]);
    assert_eq!(s.added, 1, "{}", s.text);

    // The worker re-reads the index before a search once its view is two seconds old:
    // edit the query (same words) until the new article shows, without a restart.
    let start = Instant::now();
    loop {
        t.keys(&["BSpace"]);
        t.type_text("i");
        std::thread::sleep(Duration::from_millis(300));
        let s = t.screen();
        if s.contains("1 of 6 articles match") {
            assert!(s.contains("Okapi sighting"), "{s}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the new article never showed:\n{s}"
        );
    }
    t.keys(&["C-c"]);
    t.wait_text("DONE-0");
}
