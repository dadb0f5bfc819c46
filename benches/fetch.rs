//! Fetch benchmark: `digest fetch` against a local server holding 100 feeds of 20 items
//! each, every item a 40-word summary whose page must be fetched and extracted
//! (`--full-text auto`). Each page is one of 2,000 real AllSides articles inside the
//! `<head>` (scripts, styles, metadata) of one of the 181 real pages of the extraction
//! benchmark, in turn, with navigation, a related-links list and a footer; pages are sent
//! gzip-encoded, as news sites send them.
//!
//! Run with `cargo bench --bench fetch`. The server (tests/util/http.rs, on 127.0.0.1)
//! waits `DIGEST_BENCH_DELAY_MS` before each answer (a comma-separated list, default
//! `0,20`: a local server, then one 20 ms away). Measured for each, with the release
//! binary, each in a fresh index:
//!
//! 1. baseline: `digest fetch --jobs 1`, one feed after another;
//! 2. `digest fetch` (8 at a time, the default);
//! 3. `digest fetch` again in the same index: every feed answers 304.
//!
//! Each line gives the wall time, the requests and the bytes the server sent.
//! Without `--bench` (as `cargo test --benches` runs it) the binary does nothing.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};

#[path = "common/corpus.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "../tests/util/http.rs"]
mod http;

use http::{Reply, Server};

const FEEDS: usize = 100;
const ITEMS: usize = 20;

/// One AllSides article, as much of it as the pages need.
struct Article {
    outlet: String,
    title: String,
    date: String,
    body: String,
}

fn load_articles(n: usize) -> Result<Vec<Article>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = corpus::prepare_corpus(&root.join("target/bench-corpus"), None)?;
    let mut out = Vec::new();
    for path in corpus::list_json(&dir)? {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
        let field = |k: &str| v[k].as_str().unwrap_or_default().trim().to_string();
        let body = field("content_original");
        if body.split_whitespace().count() < 150 {
            continue;
        }
        out.push(Article {
            outlet: field("source"),
            title: field("title"),
            date: field("date"),
            body,
        });
        if out.len() == n {
            return Ok(out);
        }
    }
    bail!("only {} usable articles in {}", out.len(), dir.display())
}

/// The `<head>` contents of the extraction benchmark's real pages.
fn real_heads() -> Result<Vec<String>> {
    use std::io::Read;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/article-extraction-benchmark/html");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| dir.display().to_string())?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut heads = Vec::new();
    for p in paths {
        let mut html = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p)?).read_to_string(&mut html)?;
        let lower = html.to_ascii_lowercase();
        if let (Some(a), Some(b)) = (lower.find("<head"), lower.find("</head>")) {
            let a = a + lower[a..].find('>').unwrap_or(0) + 1;
            if a <= b {
                // Their own charset and title are left out; the article's are used.
                let head = &html[a..b];
                heads.push(
                    head.replace("charset", "data-charset")
                        .replace("<title", "<meta data-title"),
                );
            }
        }
    }
    if heads.is_empty() {
        bail!("no pages in {}", dir.display());
    }
    Ok(heads)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page of an article: a real site's head, furniture around its paragraphs.
fn page(a: &Article, head: &str) -> String {
    let mut paragraphs = String::new();
    let mut sentences = a.body.split_inclusive(". ").peekable();
    while sentences.peek().is_some() {
        let p: String = sentences.by_ref().take(3).collect();
        paragraphs.push_str(&format!("<p>{}</p>\n", escape(p.trim())));
    }
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{date}T08:00:00Z">
{head}
</head><body><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
{paragraphs}</article>
<aside><h3>Most read</h3><ul><li><a href="/x">Another story</a></li><li><a href="/y">And another</a></li></ul></aside>
<footer>All rights reserved.</footer></body></html>"#,
        title = escape(&a.title),
        outlet = escape(&a.outlet),
        date = escape(&a.date),
    )
}

/// The routes: `/feed/F.xml` (RSS with an ETag) and `/page/F/I`, and the OPML listing
/// the feeds.
fn routes(
    base: &str,
    articles: &[Article],
    heads: &[String],
    delay: Duration,
) -> (HashMap<String, Reply>, String) {
    let mut routes = HashMap::new();
    let mut opml = String::from(r#"<?xml version="1.0"?><opml version="2.0"><body>"#);
    for f in 0..FEEDS {
        let mut items = String::new();
        for i in 0..ITEMS {
            let a = &articles[f * ITEMS + i];
            let summary = a
                .body
                .split_whitespace()
                .take(40)
                .collect::<Vec<_>>()
                .join(" ");
            items.push_str(&format!(
                "<item><title>{}</title><link>{base}/page/{f}/{i}</link><guid>f{f}-i{i}</guid>\
                 <description>{}</description></item>\n",
                escape(&a.title),
                escape(summary.trim())
            ));
            let n = f * ITEMS + i;
            let html = page(a, &heads[n % heads.len()]);
            let mut reply = Reply::ok("text/html; charset=utf-8", gzip(html.as_bytes()))
                .with("Content-Encoding", "gzip");
            reply.delay = delay;
            routes.insert(format!("/page/{f}/{i}"), reply);
        }
        let rss = format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>{items}</channel></rss>"#
        );
        let mut reply = Reply::ok("application/rss+xml", rss).with("ETag", &format!("\"f{f}\""));
        reply.delay = delay;
        routes.insert(format!("/feed/{f}.xml"), reply);
        opml.push_str(&format!(
            r#"<outline type="rss" text="Feed {f}" xmlUrl="{base}/feed/{f}.xml"/>"#
        ));
    }
    opml.push_str("</body></opml>");
    (routes, opml)
}

fn digest(index: &Path, args: &[&str]) -> Result<String> {
    Ok(digest_measured(index, args)?.0)
}

/// Runs digest; its stdout and its peak resident memory in MiB (VmHWM, read from
/// `/proc` while it runs, so the last reading is at most a few milliseconds old).
fn digest_measured(index: &Path, args: &[&str]) -> Result<(String, f64)> {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_digest"))
        .env("DIGEST_INDEX", index)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .context("running digest")?;
    let mut stdout = child.stdout.take().context("stdout")?;
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        if let Some(kib) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        }) {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        bail!("digest {args:?}: {}", err.trim());
    }
    Ok((out, peak_kib as f64 / 1024.0))
}

/// One timed `digest fetch`, printed: seconds, articles added, requests, bytes the server
/// sent, peak memory.
fn fetch(what: &str, index: &Path, server: &Server, args: &[&str]) -> Result<()> {
    server.sent.store(0, Ordering::Relaxed);
    server.requests.store(0, Ordering::Relaxed);
    let start = Instant::now();
    let (out, peak) = digest_measured(index, &[&["fetch", "--json"], args].concat())?;
    let secs = start.elapsed().as_secs_f64();
    let doc: serde_json::Value = serde_json::from_str(&out)?;
    let failed = doc["feeds"]
        .as_array()
        .context("feeds")?
        .iter()
        .filter(|f| !f["error"].is_null())
        .count();
    if failed > 0 {
        bail!("{failed} feeds failed: {doc:#}");
    }
    println!(
        "  {what:<34} {secs:>6.2} s  {:>5} new  {:>5} requests  {:>8.1} KiB sent  {peak:>6.1} MiB peak",
        doc["added"].as_u64().unwrap_or_default(),
        server.requests.load(Ordering::Relaxed),
        server.sent.load(Ordering::Relaxed) as f64 / 1024.0,
    );
    Ok(())
}

fn run() -> Result<()> {
    let delays: Vec<u64> = std::env::var("DIGEST_BENCH_DELAY_MS")
        .unwrap_or_else(|_| "0,20".into())
        .split(',')
        .map(|d| d.trim().parse())
        .collect::<std::result::Result<_, _>>()
        .context("DIGEST_BENCH_DELAY_MS")?;
    let articles = load_articles(FEEDS * ITEMS)?;
    let heads = real_heads()?;
    let tmp = tempfile::tempdir()?;
    for (run, delay_ms) in delays.into_iter().enumerate() {
        let mut opml = String::new();
        let server = Server::start_with(|base| {
            let delay = Duration::from_millis(delay_ms);
            let (routes, listing) = routes(base, &articles, &heads, delay);
            opml = listing;
            routes
        });
        println!(
            "{FEEDS} feeds x {ITEMS} items, every page fetched, server answers after {delay_ms} ms:"
        );
        let subscribe = |name: &str, feeds: usize| -> Result<std::path::PathBuf> {
            let index = tmp.path().join(format!("{run}-{name}")).join("index");
            let listing = tmp.path().join(format!("{run}-{name}.opml"));
            // The first `feeds` outlines of the listing.
            let mut cut = opml.clone();
            if let Some(at) = opml.match_indices("<outline").nth(feeds) {
                cut = format!("{}</body></opml>", &opml[..at.0]);
            }
            std::fs::write(&listing, cut)?;
            digest(
                &index,
                &["feeds", "import", listing.to_str().context("path")?],
            )?;
            Ok(index)
        };
        let index = subscribe("jobs-1", FEEDS)?;
        fetch("baseline: --jobs 1", &index, &server, &["--jobs", "1"])?;
        let index = subscribe("jobs-8", FEEDS)?;
        fetch("digest fetch (--jobs 8)", &index, &server, &[])?;
        fetch("again: every feed answers 304", &index, &server, &[])?;
        if run == 0 {
            let index = subscribe("quarter", FEEDS / 4)?;
            fetch("a quarter of the feeds (--jobs 8)", &index, &server, &[])?;
        }
    }
    Ok(())
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if let Err(e) = run() {
        eprintln!("fetch bench: {e:#}");
        std::process::exit(1);
    }
}
