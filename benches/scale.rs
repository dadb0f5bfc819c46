//! Scale benchmark: digest against bare tantivy on the AllSides corpus (37,554 articles).
//!
//! Run with `cargo bench --bench scale` (a quick run: `DIGEST_BENCH_LIMIT=2000 cargo bench
//! --bench scale`). One run measures, so that the ratios compare like with like:
//!
//! 1. ingest: digest's `ingest_paths` (1 and 2 threads, fresh index each) against bare
//!    tantivy (title + body, default tokenizer, `TEXT | STORED`, same JSON files read with
//!    serde_json, 1 and 2 indexing threads, one commit), in rounds of one run each
//!    (`DIGEST_BENCH_ROUNDS`, default 3) with the order swapped every round, medians
//!    reported; peak RSS of both as child processes under `/usr/bin/time -v`; where
//!    digest's ingest time goes;
//! 2. queries: per-query latency of digest `search` (top 10 with snippets) against bare
//!    tantivy top 10 without and with `SnippetGenerator` snippets;
//! 3. whole process: `digest --index DIR search QUERY` against a minimal bare tantivy
//!    process (this binary re-executed as `scale --bare-search INDEX_DIR QUERY`).
//!
//! The corpus is unpacked from `../shared/corpora/allsides-article-bias/` (or
//! `DIGEST_BENCH_CORPUS`) into `target/bench-corpus/` once and reused; indexes are built in
//! `target/bench-scale/`, and the report is printed and written to
//! `target/bench-scale/report.md`.
//!
//! Without `--bench` (as `cargo test --benches` runs it) the binary does nothing. Other
//! modes, used by the benchmark itself or for profiling: `--bare-search INDEX_DIR QUERY`,
//! `--bare-ingest INDEX_DIR THREADS CORPUS_DIR`, `--digest-search-loop INDEX_DIR N QUERY`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use digest::bundled;
use digest::index::{DigestIndex, IngestOptions, writer::ingest_paths};
use digest::index::{DigestTokenizer, Handoff};
use digest::ingest::{self, Context, Format, clean, read};
use digest::model::Origin;
use digest::search::{SearchRequest, search};
use digest::text::{Analysed, split_sentences};
use serde::Deserialize;

#[path = "common/corpus.rs"]
mod corpus;
use corpus::{list_json, prepare_corpus};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, STORED, Schema, TEXT, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{TokenStream, Tokenizer as _};
use tantivy::{Index, IndexWriter, TantivyDocument, doc};

/// Indexer memory budget for digest and bare tantivy alike (MiB).
const MEMORY_MIB: usize = 256;
/// Timed repetitions of each query (after `WARMUP` untimed ones).
const REPS: usize = 20;
const WARMUP: usize = 3;
/// Runs of each whole-process search.
const PROCESS_RUNS: usize = 20;
/// `--memory` budgets (MiB) of the digest ingest runs whose peak RSS is measured.
const RSS_BUDGETS: [usize; 2] = [MEMORY_MIB, 64];
/// Files (at most) run through the single-thread stage breakdown.
const BREAKDOWN_SAMPLE: usize = 10_000;
/// Characters of a bare tantivy snippet (digest aims at 160–280 bytes).
const BARE_SNIPPET_CHARS: usize = 200;

/// `(kind, digest query, the same query for tantivy's QueryParser)`.
const QUERIES: &[(&str, &str, &str)] = &[
    ("common", "trump", "trump"),
    ("common", "obama", "obama"),
    ("common", "immigration", "immigration"),
    ("common", "congress", "congress"),
    ("common", "election", "election"),
    ("common", "taxes", "taxes"),
    ("common", "police", "police"),
    ("common", "economy", "economy"),
    ("common", "health care", "health care"),
    ("rare", "filibuster", "filibuster"),
    ("rare", "gerrymandering", "gerrymandering"),
    ("rare", "emoluments", "emoluments"),
    ("rare", "kavanaugh", "kavanaugh"),
    ("rare", "ocasio-cortez", "ocasio-cortez"),
    ("rare", "fracking", "fracking"),
    ("rare", "solyndra", "solyndra"),
    ("rare", "benghazi", "benghazi"),
    (
        "and",
        "trump russia investigation",
        "trump russia investigation",
    ),
    ("and", "border wall funding", "border wall funding"),
    ("and", "gun control", "gun control"),
    ("and", "iran nuclear deal", "iran nuclear deal"),
    ("and", "supreme court nominee", "supreme court nominee"),
    ("and", "tax reform", "tax reform"),
    ("and", "minimum wage", "minimum wage"),
    ("and", "north korea missile", "north korea missile"),
    ("and", "obamacare repeal", "obamacare repeal"),
    ("and", "mueller report", "mueller report"),
    ("phrase", "\"supreme court\"", "\"supreme court\""),
    ("phrase", "\"climate change\"", "\"climate change\""),
    ("phrase", "\"white house\"", "\"white house\""),
    (
        "phrase",
        "\"affordable care act\"",
        "\"affordable care act\"",
    ),
    ("phrase", "\"planned parenthood\"", "\"planned parenthood\""),
    ("phrase", "\"second amendment\"", "\"second amendment\""),
    ("phrase", "\"federal reserve\"", "\"federal reserve\""),
    ("phrase", "\"black lives matter\"", "\"black lives matter\""),
    (
        "or",
        "immigration OR immigrants",
        "immigration OR immigrants",
    ),
    ("or", "clinton OR sanders", "clinton OR sanders"),
    (
        "or",
        "abortion OR \"roe v. wade\"",
        "abortion OR \"roe v wade\"",
    ),
    ("or", "iran OR iraq sanctions", "(iran OR iraq) sanctions"),
    ("or", "pelosi OR schumer", "pelosi OR schumer"),
    ("or", "vaccine OR vaccination", "vaccine OR vaccination"),
    ("not", "trump -russia", "trump -russia"),
    ("not", "clinton NOT emails", "clinton -emails"),
    ("not", "immigration -trump", "immigration -trump"),
    (
        "not",
        "\"climate change\" -trump",
        "\"climate change\" -trump",
    ),
    ("not", "election AND NOT 2016", "election -2016"),
    ("title", "title:trump", "title:trump"),
    ("title", "title:impeachment", "title:impeachment"),
    (
        "title",
        "title:\"supreme court\"",
        "title:\"supreme court\"",
    ),
    ("title", "title:shutdown budget", "title:shutdown budget"),
    ("title", "obama title:speech", "obama title:speech"),
];

/// Digest-only queries (outlet filters have no bare counterpart); reported apart.
const DIGEST_ONLY: &[&str] = &["outlet:cnn trump", "outlet:\"National Review\" trump"];

/// Queries for the whole-process comparison: `(digest, tantivy)`.
const PROCESS_QUERIES: &[(&str, &str)] = &[
    ("trump", "trump"),
    ("\"supreme court\"", "\"supreme court\""),
    ("iran nuclear deal", "iran nuclear deal"),
    ("immigration -trump", "immigration -trump"),
    ("title:impeachment", "title:impeachment"),
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("--bare-search") if args.len() >= 4 => {
            bare_search_process(Path::new(&args[2]), &args[3..].join(" "))
        }
        Some("--bare-ingest") if (5..=6).contains(&args.len()) => bare_ingest_process(
            Path::new(&args[2]),
            args[3].parse().unwrap_or(1),
            &args[4],
            args.get(5)
                .and_then(|m| m.parse().ok())
                .unwrap_or(MEMORY_MIB),
        ),
        Some("--digest-search-loop") if args.len() >= 5 => digest_search_loop(
            Path::new(&args[2]),
            args[3].parse().unwrap_or(1),
            &args[4..].join(" "),
        ),
        _ if args.iter().any(|a| a == "--bench") => run(),
        _ => {
            eprintln!("scale: run with `cargo bench --bench scale`; nothing to do without --bench");
            Ok(())
        }
    };
    if let Err(e) = result {
        eprintln!("scale: {e:#}");
        std::process::exit(2);
    }
}

// ---------------------------------------------------------------------------------------
// Corpus

fn dir_size(dir: &Path) -> u64 {
    walk_size(dir).unwrap_or(0)
}

fn walk_size(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for e in fs::read_dir(dir)? {
        let e = e?;
        let m = e.metadata()?;
        total += if m.is_dir() {
            walk_size(&e.path())?
        } else {
            m.len()
        };
    }
    Ok(total)
}

fn fresh_dir(path: &Path) -> Result<PathBuf> {
    if path.exists() {
        fs::remove_dir_all(path)?;
    }
    fs::create_dir_all(path)?;
    Ok(path.to_path_buf())
}

// ---------------------------------------------------------------------------------------
// Bare tantivy

#[derive(Deserialize)]
struct BareArticle {
    #[serde(default)]
    title: String,
    #[serde(default)]
    content_original: String,
}

fn bare_schema() -> (Schema, Field, Field) {
    let mut b = Schema::builder();
    let title = b.add_text_field("title", TEXT | STORED);
    let body = b.add_text_field("body", TEXT | STORED);
    (b.build(), title, body)
}

/// Indexes `files` into a new bare index in `dir` with an indexer memory budget of
/// `memory_mib`; returns the number of documents.
fn bare_ingest(dir: &Path, files: &[PathBuf], threads: usize, memory_mib: usize) -> Result<usize> {
    let (schema, title, body) = bare_schema();
    let index = Index::create_in_dir(dir, schema)?;
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, memory_mib << 20)?;
    let mut n = 0;
    for f in files {
        let bytes = fs::read(f)?;
        let a: BareArticle =
            serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", f.display()))?;
        writer.add_document(doc!(title => a.title, body => a.content_original))?;
        n += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(n)
}

/// Child-process mode `--bare-ingest DIR THREADS CORPUS [MEMORY_MIB]`.
fn bare_ingest_process(dir: &Path, threads: usize, corpus: &str, memory_mib: usize) -> Result<()> {
    let files = list_json(Path::new(corpus))?;
    fresh_dir(dir)?;
    let start = Instant::now();
    let n = bare_ingest(dir, &files, threads, memory_mib)?;
    println!("{n} documents in {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}

struct Bare {
    index: Index,
    reader: tantivy::IndexReader,
    title: Field,
    body: Field,
}

impl Bare {
    fn open(dir: &Path) -> Result<Bare> {
        let index = Index::open_in_dir(dir)?;
        let schema = index.schema();
        let title = schema.get_field("title")?;
        let body = schema.get_field("body")?;
        let reader = index.reader()?;
        Ok(Bare {
            index,
            reader,
            title,
            body,
        })
    }

    fn parser(&self) -> QueryParser {
        let mut qp = QueryParser::for_index(&self.index, vec![self.title, self.body]);
        qp.set_conjunction_by_default();
        qp.set_field_boost(self.title, 2.0);
        qp
    }

    /// Top 10 and the total; with `snippets`, loads each hit and builds a body snippet.
    /// Returns `(total, titles and snippets)`.
    fn search(&self, query: &str, snippets: bool) -> Result<(usize, Vec<(String, String)>)> {
        let searcher = self.reader.searcher();
        let q = self.parser().parse_query(query)?;
        let (total, top) =
            searcher.search(&q, &(Count, TopDocs::with_limit(10).order_by_score()))?;
        let mut out = Vec::new();
        if snippets {
            let mut generator = SnippetGenerator::create(&searcher, &*q, self.body)?;
            generator.set_max_num_chars(BARE_SNIPPET_CHARS);
            for (_, addr) in top {
                let d: TantivyDocument = searcher.doc(addr)?;
                let title = d
                    .get_first(self.title)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string();
                let s = generator.snippet_from_doc(&d);
                out.push((title, s.fragment().to_string()));
            }
        }
        Ok((total, out))
    }
}

/// Child-process mode `--bare-search INDEX_DIR QUERY`: open, search, print top 10.
fn bare_search_process(dir: &Path, query: &str) -> Result<()> {
    let bare = Bare::open(dir)?;
    let (total, hits) = bare.search(query, true)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, (title, snippet)) in hits.iter().enumerate() {
        writeln!(out, "{:>2}. {title}\n    {snippet}\n", i + 1)?;
    }
    writeln!(out, "{total} results")?;
    out.flush()?;
    Ok(())
}

/// Profiling aid `--digest-search-loop INDEX_DIR N QUERY`: runs one digest search N times
/// (for `perf record`), then prints the mean latency.
fn digest_search_loop(dir: &Path, n: usize, query: &str) -> Result<()> {
    let index = DigestIndex::open(dir)?;
    let req = SearchRequest {
        query: query.to_string(),
        outlets: vec![],
        since: None,
        until: None,
        limit: 10,
        sort: Default::default(),
        exclude: Default::default(),
    };
    let start = Instant::now();
    for _ in 0..n.max(1) {
        std::hint::black_box(search(&index, &req)?);
    }
    println!("{:.3} ms per search", ms(start.elapsed()) / n.max(1) as f64);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Measuring helpers

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn median(samples: &[Duration]) -> Duration {
    let mut s = samples.to_vec();
    s.sort();
    percentile(&s, 50.0)
}

/// What a child process run measured.
struct ChildRun {
    wall: Duration,
    /// Peak RSS reported by `/usr/bin/time -v` (KiB), file-backed pages included.
    max_rss: Option<u64>,
    /// Peak anonymous RSS (heap, stacks) sampled every 20 ms from /proc (KiB).
    peak_anon: u64,
    /// Peak file-backed RSS (mapped index files) sampled the same way (KiB).
    peak_file: u64,
}

/// `RssAnon` and `RssFile` of a process, in KiB.
fn rss_parts(pid: u32) -> Option<(u64, u64)> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status.lines().find_map(|l| {
            l.strip_prefix(name)?
                .trim()
                .trim_end_matches(" kB")
                .parse::<u64>()
                .ok()
        })
    };
    Some((field("RssAnon:")?, field("RssFile:")?))
}

/// Runs a command under `/usr/bin/time -v` (when installed), sampling its memory.
fn time_child(cmd: &mut Command) -> Result<ChildRun> {
    let timed = Path::new("/usr/bin/time").exists();
    let mut full = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(cmd.get_program()).args(cmd.get_args());
        c
    } else {
        let mut c = Command::new(cmd.get_program());
        c.args(cmd.get_args());
        c
    };
    let start = Instant::now();
    let mut child = full
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let (mut peak_anon, mut peak_file) = (0, 0);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        // Under time(1) the measured process is time's only child.
        let pid = if timed {
            fs::read_to_string(format!("/proc/{0}/task/{0}/children", child.id()))
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse().ok())
        } else {
            Some(child.id())
        };
        if let Some((anon, file)) = pid.and_then(rss_parts) {
            peak_anon = peak_anon.max(anon);
            peak_file = peak_file.max(file);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = start.elapsed();
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        std::io::Read::read_to_string(&mut e, &mut stderr)?;
    }
    if !status.success() {
        bail!("{:?} failed: {status}\n{stderr}", cmd.get_program());
    }
    let max_rss = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok());
    Ok(ChildRun {
        wall,
        max_rss,
        peak_anon,
        peak_file,
    })
}

/// Busy CPU time of the whole machine and of this process (with its waited-for
/// children), in clock ticks, to tell how much other processes ran during a phase: the
/// machine is shared, and a compile running beside the benchmark skews every figure.
fn cpu_ticks() -> (u64, u64) {
    let machine = fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            let line = s.lines().next()?.to_string();
            let v: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|x| x.parse().ok())
                .collect();
            // user nice system idle iowait irq softirq steal
            Some(v.iter().take(8).sum::<u64>() - v.get(3)? - v.get(4)?)
        })
        .unwrap_or(0);
    let own = fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name, from field 3 (state) on: utime is field 14,
            // then stime, cutime (waited-for children) and cstime.
            let rest = s.rsplit_once(')')?.1.to_string();
            let f: Vec<&str> = rest.split_whitespace().collect();
            let tick = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok());
            Some(tick(11)? + tick(12)? + tick(13)? + tick(14)?)
        })
        .unwrap_or(0);
    (machine, own)
}

/// Measures how busy other processes kept the machine from its creation on.
struct Meter {
    start: Instant,
    ticks: (u64, u64),
}

impl Meter {
    fn new() -> Meter {
        Meter {
            start: Instant::now(),
            ticks: cpu_ticks(),
        }
    }

    /// Average number of cores used by other processes (100 ticks per second).
    fn foreign(&self) -> f64 {
        let (m, o) = cpu_ticks();
        let other = (m - self.ticks.0) as f64 - (o - self.ticks.1) as f64;
        (other / 100.0 / secs(self.start.elapsed())).max(0.0)
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("MemTotal:")
                    .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            })
        })
        .map_or_else(String::new, |kb| {
            format!(", {:.0} GiB RAM", kb as f64 / 1048576.0)
        });
    format!("{cpus} CPUs ({model}){mem}")
}

// ---------------------------------------------------------------------------------------
// The benchmark

struct IngestRow {
    name: String,
    threads: usize,
    round: usize,
    wall: Duration,
    docs: usize,
    foreign: f64,
}

fn run() -> Result<()> {
    let limit = std::env::var("DIGEST_BENCH_LIMIT")
        .ok()
        .map(|v| {
            v.parse::<usize>()
                .context("DIGEST_BENCH_LIMIT must be a number")
        })
        .transpose()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let digest_bin = PathBuf::from(env!("CARGO_BIN_EXE_digest"));
    let self_bin = std::env::current_exe()?;
    let corpus = prepare_corpus(&root.join("target/bench-corpus"), limit)?;
    let work = fresh_dir(&root.join("target/bench-scale"))?;
    let files = list_json(&corpus)?;
    let n_files = files.len();
    let mut total_bytes = 0u64;
    for f in &files {
        total_bytes += fs::read(f)?.len() as u64; // also warms the page cache
    }
    let started = chrono::Local::now();
    let mut md = String::new();
    writeln!(md, "## Scale benchmark (`benches/scale.rs`)\n")?;
    writeln!(md, "- date: {}", started.format("%Y-%m-%d %H:%M %Z"))?;
    writeln!(md, "- machine: {}", machine())?;
    writeln!(
        md,
        "- corpus: {n_files} AllSides JSON files ({:.0} MB) in `{}`{}",
        total_bytes as f64 / 1e6,
        corpus.strip_prefix(&root).unwrap_or(&corpus).display(),
        limit.map_or(String::new(), |l| format!(" (DIGEST_BENCH_LIMIT={l})"))
    )?;
    writeln!(
        md,
        "- indexer memory budget: {MEMORY_MIB} MiB for digest and bare tantivy alike\n"
    )?;

    // 1. Ingest -------------------------------------------------------------------------
    // Rounds of (bare, digest) pairs, the order swapped each round, so that a slow spell of
    // this shared machine weighs on both engines; the report gives medians.
    let rounds = std::env::var("DIGEST_BENCH_ROUNDS")
        .ok()
        .map(|v| {
            v.parse::<usize>()
                .context("DIGEST_BENCH_ROUNDS must be a number")
        })
        .transpose()?
        .unwrap_or(3)
        .max(1);
    let mut rows: Vec<IngestRow> = Vec::new();
    let mut digest_counts = String::new();
    for threads in [1, 2] {
        for round in 0..rounds {
            for engine in if round % 2 == 0 {
                ["bare tantivy", "digest"]
            } else {
                ["digest", "bare tantivy"]
            } {
                eprintln!("ingest: {engine}, {threads} thread(s), round {}", round + 1);
                let short = if engine == "digest" { "digest" } else { "bare" };
                let dir = fresh_dir(&work.join(format!("{short}-{threads}")))?;
                let meter = Meter::new();
                let docs = if engine == "digest" {
                    let index = DigestIndex::open(&dir)?;
                    let opts = IngestOptions {
                        outlet: None,
                        threads,
                        memory_mib: MEMORY_MIB,
                        bundled: false,
                        record: false,
                        rebuild: false,
                        stop: None,
                    };
                    let report =
                        ingest_paths(&index, std::slice::from_ref(&corpus), &opts, &mut |_| {})?;
                    digest_counts = format!(
                        "digest stored {} articles ({} duplicate texts, {} skipped, {} ignored)",
                        report.added,
                        report.duplicates,
                        report.skipped.len(),
                        report.ignored
                    );
                    if round == 0 {
                        for (path, reason) in report.skipped.iter().take(3) {
                            eprintln!("  skipped {path}: {reason}");
                        }
                    }
                    report.added
                } else {
                    bare_ingest(&dir, &files, threads, MEMORY_MIB)?
                };
                rows.push(IngestRow {
                    name: engine.into(),
                    threads,
                    round,
                    wall: meter.start.elapsed(),
                    docs,
                    foreign: meter.foreign(),
                });
            }
        }
    }

    writeln!(md, "### 1. Ingest\n")?;
    writeln!(
        md,
        "Articles/s = input files / wall time (open, read, analyse, index, commit, merges). {rounds} rounds per thread count, each a run of both engines on a fresh index, the order swapped every round; the table gives the median round. *digest / bare* is the median of the rounds' own ratios, with every round's ratio beside it. *Other load* = cores kept busy by other processes during a run (from /proc/stat; the machine has 2), the most seen in any round.\n"
    )?;
    writeln!(
        md,
        "| engine | threads | wall (s) | articles/s | docs stored | digest / bare | each round | other load |"
    )?;
    writeln!(md, "|---|---:|---:|---:|---:|---:|---|---:|")?;
    for threads in [1, 2] {
        for engine in ["bare tantivy", "digest"] {
            let runs: Vec<&IngestRow> = rows
                .iter()
                .filter(|r| r.name == engine && r.threads == threads)
                .collect();
            let walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
            let wall = median(&walls);
            let foreign = runs.iter().map(|r| r.foreign).fold(0.0, f64::max);
            let (ratio, each) = if engine == "digest" {
                let mut ratios: Vec<f64> = runs
                    .iter()
                    .filter_map(|d| {
                        let b = rows.iter().find(|b| {
                            b.name != "digest" && b.threads == threads && b.round == d.round
                        })?;
                        Some(secs(b.wall) / secs(d.wall))
                    })
                    .collect();
                let each = ratios
                    .iter()
                    .map(|r| format!("{r:.2}×"))
                    .collect::<Vec<_>>()
                    .join(" ");
                ratios.sort_by(f64::total_cmp);
                (format!("{:.2}×", ratios[ratios.len() / 2]), each)
            } else {
                (String::new(), String::new())
            };
            writeln!(
                md,
                "| {engine} | {threads} | {:.1} | {:.0} | {} | {ratio} | {each} | {foreign:.2} |",
                secs(wall),
                n_files as f64 / secs(wall),
                runs[0].docs,
            )?;
        }
    }
    writeln!(md, "\n{digest_counts}.\n")?;

    // Peak memory as child processes.
    writeln!(
        md,
        "Memory of ingest as a child process, fresh index each, 2 threads. Peak RSS is `/usr/bin/time -v`'s maximum resident set size, which counts mapped index files too; anonymous (heap) and file-backed RSS are peaks of `RssAnon` / `RssFile` in /proc/PID/status sampled every 20 ms.\n"
    )?;
    writeln!(
        md,
        "| process | wall (s) | articles/s | peak RSS (MiB) | peak anon (MiB) | peak file-backed (MiB) | other load |"
    )?;
    writeln!(md, "|---|---:|---:|---:|---:|---:|---:|")?;
    let mib = |k: u64| format!("{:.0}", k as f64 / 1024.0);
    let child_row = |md: &mut String, name: String, cmd: &mut Command| -> Result<()> {
        let meter = Meter::new();
        let run = time_child(cmd)?;
        writeln!(
            md,
            "| {name} | {:.1} | {:.0} | {} | {} | {} | {:.2} |",
            secs(run.wall),
            n_files as f64 / secs(run.wall),
            run.max_rss.map_or("n/a".into(), mib),
            mib(run.peak_anon),
            mib(run.peak_file),
            meter.foreign()
        )?;
        Ok(())
    };
    let dir = work.join("digest-rss");
    for memory in RSS_BUDGETS {
        fresh_dir(&dir)?;
        eprintln!("ingest: digest binary, --memory {memory}, as a child process");
        child_row(
            &mut md,
            format!("`digest ingest --no-bundled --threads 2 --memory {memory}`"),
            Command::new(&digest_bin)
                .arg("--index")
                .arg(&dir)
                .args(["ingest", "--no-bundled", "--threads", "2", "--memory"])
                .arg(memory.to_string())
                .arg(&corpus),
        )?;
    }
    fs::remove_dir_all(&dir)?;
    let dir = work.join("bare-rss");
    for memory in RSS_BUDGETS {
        eprintln!("ingest: bare tantivy, {memory} MiB, as a child process");
        child_row(
            &mut md,
            format!("bare tantivy (`scale --bare-ingest`, 2 threads, {memory} MiB)"),
            Command::new(&self_bin)
                .arg("--bare-ingest")
                .arg(&dir)
                .arg("2")
                .arg(&corpus)
                .arg(memory.to_string()),
        )?;
    }
    fs::remove_dir_all(&dir)?;

    // Index sizes.
    let digest_dir = work.join("digest-2");
    let bare_dir = work.join("bare-2");
    let digest = DigestIndex::open(&digest_dir)?;
    let bare = Bare::open(&bare_dir)?;
    writeln!(
        md,
        "\nIndex size on disk (2-thread runs): digest {:.0} MB in {} segments ({} documents, articles + origins), bare tantivy {:.0} MB in {} segments.\n",
        dir_size(&digest_dir) as f64 / 1e6,
        digest.tantivy().searchable_segment_ids()?.len(),
        digest.searcher().num_docs(),
        dir_size(&bare_dir) as f64 / 1e6,
        bare.index.searchable_segment_ids()?.len(),
    )?;

    let meter = Meter::new();
    breakdown(&mut md, &files, &bare)?;
    writeln!(
        md,
        "Other load during the breakdown: {:.2} cores.\n",
        meter.foreign()
    )?;

    // 2. Queries ------------------------------------------------------------------------
    eprintln!(
        "queries: {} queries × {REPS} runs × 3 engines",
        QUERIES.len()
    );
    let meter = Meter::new();
    let mut all: [Vec<Duration>; 3] = Default::default();
    let mut per_query = Vec::new();
    for &(kind, dq, tq) in QUERIES {
        let req = SearchRequest {
            query: dq.to_string(),
            outlets: vec![],
            since: None,
            until: None,
            limit: 10,
            sort: Default::default(),
            exclude: Default::default(),
        };
        let mut totals = (0, 0);
        for _ in 0..WARMUP {
            totals.0 = search(&digest, &req)?.total;
            totals.1 = bare.search(tq, false)?.0;
            bare.search(tq, true)?;
        }
        let mut samples: [Vec<Duration>; 3] = Default::default();
        for _ in 0..REPS {
            let t = Instant::now();
            let r = search(&digest, &req)?;
            samples[0].push(t.elapsed());
            std::hint::black_box(r);
            let t = Instant::now();
            let r = bare.search(tq, false)?;
            samples[1].push(t.elapsed());
            std::hint::black_box(r);
            let t = Instant::now();
            let r = bare.search(tq, true)?;
            samples[2].push(t.elapsed());
            std::hint::black_box(r);
        }
        let medians = [
            median(&samples[0]),
            median(&samples[1]),
            median(&samples[2]),
        ];
        for (a, s) in all.iter_mut().zip(samples) {
            a.extend(s);
        }
        per_query.push((kind, dq, tq, totals, medians));
    }
    for a in &mut all {
        a.sort();
    }
    let names = [
        "digest `search` (top 10, snippets)",
        "bare tantivy top 10, no snippets",
        "bare tantivy top 10 + SnippetGenerator",
    ];
    writeln!(md, "### 2. Queries\n")?;
    writeln!(
        md,
        "{} queries, each run {WARMUP}× to warm up then {REPS}× timed, engines interleaved; percentiles over all {} timed runs per engine. Bare tantivy: QueryParser over title+body, conjunction by default, title boost 2, `Count` + `TopDocs` like digest; snippets of {BARE_SNIPPET_CHARS} chars from the stored body.\n",
        QUERIES.len(),
        all[0].len()
    )?;
    writeln!(md, "| engine | p50 (ms) | p99 (ms) | max (ms) |")?;
    writeln!(md, "|---|---:|---:|---:|")?;
    for (name, s) in names.iter().zip(&all) {
        writeln!(
            md,
            "| {name} | {:.3} | {:.3} | {:.3} |",
            ms(percentile(s, 50.0)),
            ms(percentile(s, 99.0)),
            ms(*s.last().unwrap_or(&Duration::ZERO))
        )?;
    }
    let r50 = secs(percentile(&all[0], 50.0)) / secs(percentile(&all[2], 50.0));
    let r99 = secs(percentile(&all[0], 99.0)) / secs(percentile(&all[2], 99.0));
    writeln!(
        md,
        "\ndigest / bare-with-snippets: p50 {r50:.2}×, p99 {r99:.2}×. Other load during the query runs: {:.2} cores.\n",
        meter.foreign()
    )?;
    writeln!(
        md,
        "<details><summary>Per query (median of {REPS} runs, ms; hits = total matches)</summary>\n"
    )?;
    writeln!(
        md,
        "| kind | digest query | digest ms | digest hits | tantivy query | bare ms | bare+snip ms | bare hits | digest / bare+snip |"
    )?;
    writeln!(md, "|---|---|---:|---:|---|---:|---:|---:|---:|")?;
    for (kind, dq, tq, totals, m) in &per_query {
        writeln!(
            md,
            "| {kind} | `{dq}` | {:.3} | {} | `{tq}` | {:.3} | {:.3} | {} | {:.2}× |",
            ms(m[0]),
            totals.0,
            ms(m[1]),
            ms(m[2]),
            totals.1,
            secs(m[0]) / secs(m[2])
        )?;
    }
    writeln!(md, "\n</details>\n")?;

    writeln!(
        md,
        "Digest-only queries (outlet filters; median of {REPS} runs):\n"
    )?;
    writeln!(md, "| query | ms | hits |")?;
    writeln!(md, "|---|---:|---:|")?;
    for q in DIGEST_ONLY {
        let req = SearchRequest {
            query: q.to_string(),
            outlets: vec![],
            since: None,
            until: None,
            limit: 10,
            sort: Default::default(),
            exclude: Default::default(),
        };
        let total = search(&digest, &req)?.total;
        let mut s = Vec::new();
        for _ in 0..REPS {
            let t = Instant::now();
            std::hint::black_box(search(&digest, &req)?);
            s.push(t.elapsed());
        }
        writeln!(md, "| `{q}` | {:.3} | {total} |", ms(median(&s)))?;
    }
    drop(digest);
    drop(bare);

    // 3. Whole process ------------------------------------------------------------------
    eprintln!(
        "whole process: {} queries × {PROCESS_RUNS} runs",
        PROCESS_QUERIES.len()
    );
    let meter = Meter::new();
    writeln!(md, "\n### 3. Whole process\n")?;
    writeln!(
        md,
        "`digest --index DIR search QUERY` against `scale --bare-search BARE_DIR QUERY` (open the bare index, top 10 with snippets, print, exit); stdout to /dev/null; {PROCESS_RUNS} runs each, interleaved; median wall time.\n"
    )?;
    writeln!(md, "| query | digest (ms) | bare (ms) | digest / bare |")?;
    writeln!(md, "|---|---:|---:|---:|")?;
    let mut worst = 0f64;
    for &(dq, tq) in PROCESS_QUERIES {
        let mut d = Vec::new();
        let mut b = Vec::new();
        for _ in 0..PROCESS_RUNS {
            let t = Instant::now();
            let st = Command::new(&digest_bin)
                .arg("--index")
                .arg(&digest_dir)
                .arg("search")
                .arg(dq)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            d.push(t.elapsed());
            if st.code() == Some(2) {
                bail!("digest search {dq} failed");
            }
            let t = Instant::now();
            let st = Command::new(&self_bin)
                .arg("--bare-search")
                .arg(&bare_dir)
                .arg(tq)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            b.push(t.elapsed());
            if !st.success() {
                bail!("bare search {tq} failed");
            }
        }
        let ratio = secs(median(&d)) / secs(median(&b));
        worst = worst.max(ratio);
        writeln!(
            md,
            "| `{dq}` | {:.1} | {:.1} | {ratio:.2}× |",
            ms(median(&d)),
            ms(median(&b))
        )?;
    }
    writeln!(
        md,
        "\nWorst whole-process ratio: {worst:.2}×. Other load during these runs: {:.2} cores.\n",
        meter.foreign()
    )?;
    let grep_query = "supreme court";
    match find_on_path("rg") {
        Some(rg) => {
            let mut s = Vec::new();
            for _ in 0..5 {
                let t = Instant::now();
                Command::new(&rg)
                    .args(["-i", grep_query])
                    .arg(&corpus)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()?;
                s.push(t.elapsed());
            }
            writeln!(
                md,
                "`rg -i \"{grep_query}\"` over the raw JSON directory: {:.0} ms (median of 5).\n",
                ms(median(&s))
            )?;
        }
        None => {
            writeln!(
                md,
                "`rg` is not installed: the ripgrep comparison was skipped."
            )?;
            if let Some(grep) = find_on_path("grep") {
                let mut s = Vec::new();
                for _ in 0..3 {
                    let t = Instant::now();
                    Command::new(&grep)
                        .args(["-r", "-i", "-F", grep_query])
                        .arg(&corpus)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()?;
                    s.push(t.elapsed());
                }
                writeln!(
                    md,
                    "For scale, `grep -r -i -F \"{grep_query}\"` over the raw JSON directory: {:.0} ms (median of 3).\n",
                    ms(median(&s))
                )?;
            }
        }
    }

    writeln!(
        md,
        "Total benchmark time: {:.0} s.",
        (chrono::Local::now() - started).num_seconds()
    )?;
    print!("{md}");
    fs::write(work.join("report.md"), &md)?;
    eprintln!("report written to {}", work.join("report.md").display());
    Ok(())
}

/// Stage g of the breakdown.
const HANDOFF_STAGE: &str = "g. tokens handed to tantivy's tokenizer (title + body)";

/// Where digest's ingest time goes: each stage on one thread, without the index.
fn breakdown(md: &mut String, files: &[PathBuf], bare: &Bare) -> Result<()> {
    eprintln!("ingest breakdown: digest stages on one thread");
    let cx = Context {
        outlets: bundled::outlets(),
        entities: bundled::entities(),
        outlet_override: None,
        manifest: None,
    };
    let mut stage: BTreeMap<&str, Duration> = BTreeMap::new();
    let mut add = |name, since: Instant| {
        *stage.entry(name).or_default() += since.elapsed();
        Instant::now()
    };
    let mut default_tokenizer = bare
        .index
        .tokenizers()
        .get("default")
        .context("default tokenizer")?;
    let handoff = std::sync::Arc::new(Handoff::default());
    let mut tokenizer = DigestTokenizer::with_handoff(handoff.clone());
    let (mut digest_tokens, mut bare_tokens) = (0usize, 0usize);
    let mut skipped = 0;
    // An evenly spread sample keeps this phase short on the full corpus.
    let total = files.len();
    let step = total.div_ceil(BREAKDOWN_SAMPLE).max(1);
    let files: Vec<&PathBuf> = files.iter().step_by(step).collect();
    for path in files.iter().copied() {
        let t = Instant::now();
        let bytes = fs::read(path)?;
        let t = add("a. read file", t);
        let hash = ingest::short_hash(&bytes);
        let t = add("b. hash (blake3)", t);
        let text = read::decode(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
        let raws = read::read(&text, Format::Json).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut t = add("c. decode + JSON parse (read::read)", t);
        for raw in raws {
            let Ok(raw) = raw else {
                skipped += 1;
                continue;
            };
            // The parts of prepare, one by one.
            let cleaned = clean::clean(&raw.body, raw.title.as_deref());
            let body = cleaned.paragraphs.join("\n\n");
            t = add("e1. clean::clean", t);
            let tokens = Analysed::of(&body);
            digest_tokens += tokens.len();
            t = add("e2. Analysed::of(body)", t);
            let sentences = split_sentences(&body);
            std::hint::black_box(&sentences);
            t = add("e3. split_sentences(body)", t);
            std::hint::black_box(
                cx.entities
                    .matcher()
                    .find_with(tokens.len(), |i| tokens.term(i)),
            );
            t = add("e4. entity matcher", t);
            {
                let mut stream = default_tokenizer.token_stream(&raw.body);
                while stream.advance() {
                    bare_tokens += 1;
                }
            }
            t = add(
                "x. (reference) tantivy default tokenizer on the raw body",
                t,
            );
            // The whole of prepare.
            let origin = Origin {
                path: path.to_string_lossy().into_owned(),
                item: raw.item,
                hash: hash.clone(),
                added: None,
            };
            let mut prepared = match ingest::prepare(raw, origin, &cx) {
                Ok(p) => p,
                Err(_) => {
                    skipped += 1;
                    continue;
                }
            };
            t = add("d. ingest::prepare (all of e1–e4 and the rest)", t);
            // What the writer thread does with it: the JSON of all but the body and the
            // sentence table, which are stored apart, and the packed table.
            let json = digest::index::writer::article_json(&mut prepared.article);
            let table = digest::index::pack_sentences(&prepared.article.sentences);
            std::hint::black_box((&json, &table));
            t = add("f. serialise stored article JSON and sentence table", t);
            // The writer offers the tokens; tantivy's indexing thread asks the registered
            // tokenizer for them and streams them.
            let article = &prepared.article;
            handoff.offer(&article.title, prepared.title_tokens);
            handoff.offer(&article.body, prepared.body_tokens);
            let mut tokens = 0usize;
            for text in [&article.title, &article.body] {
                let mut stream = tokenizer.token_stream(text);
                while stream.advance() {
                    tokens += 1;
                }
            }
            std::hint::black_box(tokens);
            t = add(HANDOFF_STAGE, t);
        }
        let _ = t;
    }
    let n = files.len() as f64;
    let direct: Duration = [
        "a. read file",
        "b. hash (blake3)",
        "c. decode + JSON parse (read::read)",
        "d. ingest::prepare (all of e1–e4 and the rest)",
        "f. serialise stored article JSON and sentence table",
        HANDOFF_STAGE,
    ]
    .iter()
    .filter_map(|k| stage.get(k))
    .sum();
    writeln!(
        md,
        "Where digest's ingest time goes: each stage run on one thread, without an index, over {} files (every {step}th of {total}). e1–e4 are the main parts of d, timed again separately; x is tantivy's default tokenizer on the same raw body, for comparison. a+b+c+d+f+g = {:.0} µs of CPU per article before tantivy indexes anything ({:.0} articles/s per core). {skipped} items skipped. Tokens: digest {digest_tokens}, tantivy default {bare_tokens}.\n",
        files.len(),
        secs(direct) * 1e6 / n,
        n / secs(direct)
    )?;
    writeln!(md, "| stage | total (s) | µs / article |")?;
    writeln!(md, "|---|---:|---:|")?;
    for (k, v) in &stage {
        writeln!(md, "| {k} | {:.2} | {:.0} |", secs(*v), secs(*v) * 1e6 / n)?;
    }
    writeln!(md)?;
    Ok(())
}
