//! Helpers shared by every integration test: a `digest` runner bound to its own temporary
//! index, the JSON schemas of `search`, `outlets` and `show` (checked strictly, with
//! `deny_unknown_fields`), a parser for the ingest summary, and corpus generators.
//!
//! Submodules: [`tmux`] drives the real reader in a terminal; [`tui`] builds the reader's
//! state on a real index and draws it on a test backend.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::Deserialize;

pub mod http;
pub mod tmux;
pub mod tui;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_digest");

/// The bundled articles: file name, outlet id, date.
pub const BUNDLED: [(&str, &str, &str); 5] = [
    ("000_08e4b753123ab7c5.txt", "rfa", "2019-01-08"),
    ("001_29d3600a7fae2898.txt", "unattributed", "2021-03"),
    ("002_a9e59d9380c21298.txt", "gt", "2021-02-18"),
    ("003_15cac33c2820b134.txt", "tass", "2021-04-27"),
    ("004_12bc2d6dd8c64ff7.txt", "cnes", "2021-03"),
];

/// A path under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// One `digest` sandbox: a temporary directory holding the index (passed through
/// `DIGEST_INDEX`), a fake `HOME`/`XDG_DATA_HOME` (so the user's default index can never be
/// touched, even by mistake) and room for generated input files.
pub struct Digest {
    tmp: tempfile::TempDir,
    /// The index directory (does not exist until digest creates it).
    pub index: PathBuf,
}

/// What a finished command printed and returned.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`-1` if killed by a signal).
    pub code: i32,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
    /// Raw standard output.
    pub raw: Vec<u8>,
}

impl Run {
    /// What a finished process printed and returned.
    pub fn from_output(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            raw: o.stdout,
        }
    }

    /// Asserts a clean error: exit code 2, a message, no panic.
    #[track_caller]
    pub fn assert_error(&self) {
        assert_eq!(self.code, 2, "expected exit 2; {self:#?}");
        // A sentence for people, or `{"error": …}` after `--json` (issue 21).
        let json = serde_json::from_str::<serde_json::Value>(self.stderr.trim())
            .is_ok_and(|v| v["error"].is_string());
        assert!(
            self.stderr.starts_with("digest: ") || self.stderr.starts_with("error: ") || json,
            "expected an error message on stderr; {self:#?}"
        );
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        assert!(
            !self.stderr.contains("RUST_BACKTRACE"),
            "panic: {}",
            self.stderr
        );
    }
}

impl Default for Digest {
    fn default() -> Self {
        Self::new()
    }
}

impl Digest {
    /// A sandbox with a fresh, not yet created index.
    pub fn new() -> Digest {
        let tmp = tempfile::Builder::new()
            .prefix("digest-test-")
            .tempdir()
            .expect("create temp dir");
        let index = tmp.path().join("index");
        std::fs::create_dir_all(tmp.path().join("home")).unwrap();
        Digest { tmp, index }
    }

    /// A sandbox whose index already holds the bundled corpus, exactly as the first
    /// `digest search` on a new index leaves it. The index is a private copy of one seeded
    /// once per test run (seeding costs more than every other step of most tests).
    pub fn bundled() -> Digest {
        let d = Digest::new();
        std::fs::create_dir_all(&d.index).unwrap();
        for e in std::fs::read_dir(seeded_template()).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), d.index.join(e.file_name())).unwrap();
        }
        d
    }

    /// The sandbox directory.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the sandbox.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Writes a file inside the sandbox (creating parent directories) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Copies a fixture directory (not recursive) into the sandbox; returns the copy.
    pub fn copy_fixture_dir(&self, rel: &str, to: &str) -> PathBuf {
        let dest = self.path(to);
        std::fs::create_dir_all(&dest).unwrap();
        for e in std::fs::read_dir(fixture(rel)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), dest.join(e.file_name())).unwrap();
            }
        }
        dest
    }

    /// A `digest` command bound to this sandbox's index, with `NO_COLOR=1`.
    pub fn cmd(&self) -> Command {
        self.command(BIN)
    }

    /// `program` with the environment of [`Digest::cmd`], for running digest under
    /// another program (a shell with limits set, say).
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("DIGEST_INDEX", &self.index)
            .env("NO_COLOR", "1")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.root())
            .stdin(Stdio::null());
        c
    }

    /// Runs `digest ARGS...` to completion.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.cmd().args(args).output().expect("run digest");
        Run::from_output(out)
    }

    /// Starts `digest ARGS...` in the background (stdout and stderr piped).
    pub fn spawn<I, S>(&self, args: I) -> Child
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn digest")
    }

    /// `digest ingest ARGS...`, which must succeed; returns its parsed summary.
    #[track_caller]
    pub fn ingest<I, S>(&self, args: I) -> IngestSummary
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut all = vec![std::ffi::OsString::from("ingest")];
        all.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        let r = self.run(&all);
        assert_eq!(r.code, 0, "ingest failed: {r:#?}");
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        IngestSummary::parse(&r.stdout)
    }

    /// `digest search --json ARGS...`; checks exit code (0 with hits, 1 without) and the
    /// schema, and returns the document.
    #[track_caller]
    pub fn search<I, S>(&self, args: I) -> SearchJson
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut all = vec![
            std::ffi::OsString::from("search"),
            std::ffi::OsString::from("--json"),
        ];
        all.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        let r = self.run(&all);
        assert!(r.code == 0 || r.code == 1, "search {all:?} failed: {r:#?}");
        let doc = SearchJson::parse(&r.stdout);
        assert_eq!(
            r.code,
            if doc.total > 0 { 0 } else { 1 },
            "exit code must say whether anything was found: {r:#?}"
        );
        doc
    }

    /// `digest show ID --json`, which must succeed.
    #[track_caller]
    pub fn show(&self, id: &str) -> ShowJson {
        let r = self.run(["show", id, "--json"]);
        assert_eq!(r.code, 0, "show {id} failed: {r:#?}");
        ShowJson::parse(&r.stdout)
    }

    /// `digest outlets --json`, which must succeed.
    #[track_caller]
    pub fn outlets(&self) -> Vec<OutletJson> {
        let r = self.run(["outlets", "--json"]);
        assert_eq!(r.code, 0, "outlets failed: {r:#?}");
        let doc: OutletsJson = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("outlets --json: {e}\n{}", r.stdout));
        doc.outlets
    }

    /// Ids of the bundled articles by file name (seeds the index if needed).
    #[track_caller]
    pub fn bundled_ids(&self) -> BTreeMap<String, String> {
        let doc = self.search(["-n", "50", "china"]);
        let ids: BTreeMap<String, String> = doc
            .hits
            .iter()
            .filter(|h| h.source.len() == 24 && h.source.ends_with(".txt"))
            .map(|h| (h.source.clone(), h.id.clone()))
            .collect();
        for (file, _, _) in BUNDLED {
            assert!(ids.contains_key(file), "bundled {file} not found: {doc:#?}");
        }
        ids
    }

    /// Waits until `child` holds this sandbox's index writer lock, or `timeout` passes.
    /// Returns whether the lock was seen held by the child.
    ///
    /// tantivy keeps `.tantivy-writer.lock` on disk between runs and locks it with
    /// `flock`, so the file's existence says nothing; `/proc/locks` says who holds it. Where
    /// `/proc/locks` cannot be read, this waits half a second instead.
    pub fn wait_for_writer(&self, child: &mut Child, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            match self.writer_lock_holder() {
                Some(Some(pid)) if pid == child.id() => return true,
                Some(_) => {}
                None => {
                    std::thread::sleep(Duration::from_millis(500));
                    return child.try_wait().unwrap().is_none();
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        false
    }

    /// The pid holding the index writer lock: `None` if that cannot be known here,
    /// `Some(None)` if nobody holds it.
    fn writer_lock_holder(&self) -> Option<Option<u32>> {
        use std::os::unix::fs::MetadataExt;
        let locks = std::fs::read_to_string("/proc/locks").ok()?;
        let Ok(meta) = std::fs::metadata(self.index.join(".tantivy-writer.lock")) else {
            return Some(None);
        };
        let inode = format!(":{}", meta.ino());
        Some(locks.lines().find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 6 && f[1] == "FLOCK" && f[5].ends_with(&inode))
                .then(|| f[4].parse().ok())
                .flatten()
        }))
    }
}

/// An index seeded with the bundled corpus by this build of digest, under
/// `CARGO_TARGET_TMPDIR` (keyed by the binary's size and mtime so a rebuilt digest gets a
/// fresh one). Only ever copied, never used directly.
fn seeded_template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let meta = std::fs::metadata(BIN).unwrap();
        let mtime = meta
            .modified()
            .unwrap()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!("digest-bundled-index-{}-{mtime}", meta.len());
        let dir = tmp.join(&name);
        if dir.join("meta.json").exists() {
            return dir;
        }
        // Remove templates of earlier builds.
        if let Ok(entries) = std::fs::read_dir(tmp) {
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.starts_with("digest-bundled-index-") && n != name {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let staging = tempfile::tempdir_in(tmp).unwrap();
        let index = staging.path().join("index");
        let out = Command::new(BIN)
            .args(["outlets", "--json"])
            .env("DIGEST_INDEX", &index)
            .env("NO_COLOR", "1")
            .env("HOME", staging.path())
            .env("XDG_DATA_HOME", staging.path())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "seeding the bundled index: {out:?}"
        );
        // Another test process may have won the race; either copy is the same.
        if std::fs::rename(&index, &dir).is_err() {
            assert!(dir.join("meta.json").exists());
        }
        dir
    })
}

/// The summary `digest ingest` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub duplicates: usize,
    pub skipped: usize,
    /// `(path, reason)` of every `skipped PATH: reason` line.
    pub skipped_files: Vec<(String, String)>,
    /// The whole output.
    pub text: String,
}

impl IngestSummary {
    /// Parses `added A, updated U, unchanged N, duplicates D, skipped S (T s)` and the
    /// `skipped PATH: reason` lines.
    #[track_caller]
    pub fn parse(out: &str) -> IngestSummary {
        let re = regex::Regex::new(
            r"^added (\d+), updated (\d+), unchanged (\d+), duplicates (\d+), skipped (\d+) \(\d+(?:\.\d+)? s\)$",
        )
        .unwrap();
        let first = out.lines().next().unwrap_or("");
        let c = re
            .captures(first)
            .unwrap_or_else(|| panic!("unexpected ingest summary: {out:?}"));
        let n = |i: usize| c[i].parse::<usize>().unwrap();
        let skipped_files: Vec<(String, String)> = out
            .lines()
            .filter_map(|l| l.strip_prefix("skipped "))
            .map(|l| {
                let (p, r) = l
                    .split_once(": ")
                    .unwrap_or_else(|| panic!("bad skipped line {l:?}"));
                (p.to_string(), r.to_string())
            })
            .collect();
        let s = IngestSummary {
            added: n(1),
            updated: n(2),
            unchanged: n(3),
            duplicates: n(4),
            skipped: n(5),
            skipped_files,
            text: out.to_string(),
        };
        assert_eq!(
            s.skipped,
            s.skipped_files.len(),
            "one `skipped PATH: reason` line per skipped file: {out}"
        );
        s
    }

    /// `(added, updated, unchanged, duplicates, skipped)`.
    pub fn counts(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.added,
            self.updated,
            self.unchanged,
            self.duplicates,
            self.skipped,
        )
    }

    /// The reason a file (matched by the end of its reported path, which may carry an
    /// ` (item N)` suffix for a JSON array or ` (line N)` for JSON Lines) was skipped.
    pub fn reason(&self, path_suffix: &str) -> Option<&str> {
        self.skipped_files
            .iter()
            .find(|(p, _)| {
                let at = p.rfind(" (item ").or_else(|| p.rfind(" (line "));
                let p = match at {
                    Some(i)
                        if !path_suffix.contains(" (item ") && !path_suffix.contains(" (line ") =>
                    {
                        &p[..i]
                    }
                    _ => p.as_str(),
                };
                p.ends_with(path_suffix)
            })
            .map(|(_, r)| r.as_str())
    }
}

/// `digest search --json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchJson {
    pub query: String,
    pub total: usize,
    pub hits: Vec<HitJson>,
}

/// One hit of `digest search --json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitJson {
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub outlet: String,
    pub outlet_name: String,
    pub title: String,
    pub date: Option<String>,
    pub source: String,
    pub via: Option<String>,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
}

const HIT_KEYS: [&str; 11] = [
    "date",
    "highlights",
    "id",
    "outlet",
    "outlet_name",
    "rank",
    "score",
    "snippet",
    "source",
    "title",
    "via",
];

impl SearchJson {
    /// Parses and checks the document: every key present (nullable ones as `null`), no
    /// unknown keys, ranks 1..n, highlights sorted byte ranges on char boundaries.
    #[track_caller]
    pub fn parse(s: &str) -> SearchJson {
        let v: serde_json::Value =
            serde_json::from_str(s).unwrap_or_else(|e| panic!("search --json: {e}\n{s}"));
        let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["hits", "query", "total"]), "{s}");
        for h in v["hits"].as_array().unwrap() {
            let keys: BTreeSet<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys, BTreeSet::from(HIT_KEYS), "hit keys: {h}");
        }
        let doc: SearchJson =
            serde_json::from_value(v).unwrap_or_else(|e| panic!("search --json schema: {e}\n{s}"));
        assert!(doc.hits.len() <= doc.total, "{doc:#?}");
        // Listed or sorted newest first: no relevance score (0 for every hit).
        let by_date = doc.hits.iter().all(|h| h.score == 0.0);
        for (i, h) in doc.hits.iter().enumerate() {
            assert_eq!(h.rank, i + 1, "ranks are 1..n in order: {doc:#?}");
            assert!(by_date || (h.score.is_finite() && h.score > 0.0), "{h:#?}");
            if i > 0 && !by_date {
                assert!(
                    h.score <= doc.hits[i - 1].score,
                    "sorted by score: {doc:#?}"
                );
            }
            assert!(!h.id.is_empty() && !h.title.is_empty() && !h.source.is_empty());
            let mut last_end = 0;
            for &[start, end] in &h.highlights {
                assert!(start < end, "empty highlight in {h:#?}");
                assert!(
                    start >= last_end,
                    "overlapping or unsorted highlights: {h:#?}"
                );
                assert!(
                    h.snippet.get(start..end).is_some(),
                    "highlight {start}..{end} is not a char-boundary range of the snippet: {h:#?}"
                );
                last_end = end;
            }
        }
        doc
    }

    /// File names of the hits, in rank order.
    pub fn sources(&self) -> Vec<&str> {
        self.hits.iter().map(|h| h.source.as_str()).collect()
    }

    /// File names of the hits, sorted.
    pub fn source_set(&self) -> BTreeSet<&str> {
        self.hits.iter().map(|h| h.source.as_str()).collect()
    }

    /// Outlet ids of the hits, sorted and deduplicated.
    pub fn outlet_set(&self) -> BTreeSet<&str> {
        self.hits.iter().map(|h| h.outlet.as_str()).collect()
    }

    /// Titles of the hits, in rank order.
    pub fn titles(&self) -> Vec<&str> {
        self.hits.iter().map(|h| h.title.as_str()).collect()
    }
}

impl HitJson {
    /// The highlighted words of the snippet.
    pub fn highlighted(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .map(|&[s, e]| &self.snippet[s..e])
            .collect()
    }
}

/// `digest outlets --json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletsJson {
    pub outlets: Vec<OutletJson>,
}

/// One outlet of `digest outlets --json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletJson {
    pub id: String,
    pub name: String,
    pub articles: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// `digest show ID --json`: the stored article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowJson {
    pub id: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub captions: Vec<String>,
    pub outlet: String,
    pub outlet_name: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub provenance: BTreeMap<String, String>,
    pub origins: Vec<OriginJson>,
    pub sentences: Vec<SentenceJson>,
    #[serde(default)]
    pub entities: Vec<String>,
    pub source: String,
}

/// One origin of an article.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginJson {
    pub path: String,
    #[serde(default)]
    pub item: Option<u32>,
    pub hash: String,
    /// When the article arrived (unix seconds); none for the bundled corpus.
    #[serde(default)]
    pub added: Option<u64>,
}

/// One sentence of an article: byte range in the body, first token position, entities.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceJson {
    pub s: usize,
    pub e: usize,
    pub t: usize,
    #[serde(default)]
    pub n: Vec<usize>,
}

impl ShowJson {
    /// Parses and checks the document.
    #[track_caller]
    pub fn parse(s: &str) -> ShowJson {
        let a: ShowJson =
            serde_json::from_str(s).unwrap_or_else(|e| panic!("show --json schema: {e}\n{s}"));
        assert!(!a.origins.is_empty(), "{s}");
        assert!(
            a.origins[0].path.ends_with(&a.source),
            "source is the file name of the first origin: {s}"
        );
        for sen in &a.sentences {
            assert!(
                sen.s < sen.e && a.body.get(sen.s..sen.e).is_some(),
                "{sen:?}"
            );
        }
        a
    }

    /// The body's paragraphs.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.body.split("\n\n").collect()
    }

    /// File names of every origin.
    pub fn origin_names(&self) -> Vec<&str> {
        self.origins
            .iter()
            .map(|o| o.path.rsplit('/').next().unwrap())
            .collect()
    }
}

/// Writes `n` small generated articles as one JSON Lines file. Article `i` contains the
/// word `{word}` and the unique word `{word}{i}x`, so every article is distinct and each
/// one can be found alone. `pad` sentences of filler make the bodies longer.
pub fn write_generated_jsonl(path: &Path, word: &str, n: usize, pad: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let mut body = format!(
            "Generated report {i} about the {word} survey mentions {word}{i}x once. The field team counted birds near the river."
        );
        for k in 0..pad {
            body.push_str(&format!(
                " Filler sentence {k} describes the weather, the light and the long walk back to camp."
            ));
        }
        let line = serde_json::json!({
            "title": format!("Generated {word} report {i}"),
            "body": body,
            "date": format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        });
        writeln!(f, "{line}").unwrap();
    }
    f.flush().unwrap();
}

/// Bytes that terminals interpret or that reorder text, none of which may reach a terminal.
pub fn forbidden_chars(s: &str) -> Vec<(usize, char)> {
    s.char_indices()
        .filter(|&(_, c)| {
            c == '\u{1b}'
                || c == '\u{7}'
                || ('\u{80}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || (c.is_control() && c != '\n' && c != '\t')
        })
        .collect()
}
