//! Events benchmark: how long `digest events` takes on the AllSides corpus (37,554
//! articles), and what a comparison of one event costs.
//!
//! Run with `cargo bench --bench events` (a quick run: `DIGEST_BENCH_LIMIT=2000 cargo
//! bench --bench events`). Measured in this process, with the library's public functions:
//!
//! 1. baseline: reading and decoding every stored article (`framing::corpus::all_articles`),
//!    the floor any corpus-wide method pays;
//! 2. `framing::events::detect` on those articles (the method itself);
//! 3. `framing::events` end to end with no cache (what the first `digest events` after a
//!    commit does: read, detect, write the cache), then with the cache;
//! 4. `framing::compare_event` of the most widely covered event.
//!
//! Peak resident memory (VmHWM) is read from `/proc/self/status` at the end. The index is
//! built once into `target/bench-index-tui/<all|limit-N>/` (shared with `benches/tui.rs`).
//!
//! Without `--bench` (as `cargo test --benches` runs it) the binary does nothing.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context as _, Result};
use digest::framing::{self, CompareOptions, EventOptions};
use digest::index::DigestIndex;

#[path = "common/corpus.rs"]
mod corpus;
use corpus::{bench_limit, ensure_index, prepare_corpus};

/// Runs of each timed step; the median is reported.
const RUNS: usize = 3;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn timed<T>(mut f: impl FnMut() -> Result<T>) -> Result<(f64, T)> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let out = f()?;
        times.push(t.elapsed().as_secs_f64());
        last = Some(out);
    }
    Ok((median(times), last.context("no run")?))
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn run() -> Result<()> {
    let limit = bench_limit()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = prepare_corpus(&root.join("target/bench-corpus"), limit)?;
    let tag = limit.map_or_else(|| "all".to_string(), |l| format!("limit-{l}"));
    let dir = root.join("target/bench-index-tui").join(&tag);
    let articles = ensure_index(&dir, &corpus)?;
    let index = DigestIndex::open(&dir)?;
    let outlets: Vec<String> = index
        .outlet_summaries()?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let cache = index.cache_path(framing::events::CACHE);

    eprintln!("reading every article ({RUNS} runs)");
    let (read_s, corpus_articles) = timed(|| Ok(framing::corpus::all_articles(&index)?))?;
    eprintln!("detecting events ({RUNS} runs)");
    let (detect_s, found) = timed(|| {
        Ok(framing::events::detect(
            &corpus_articles,
            &outlets,
            &index.registries().entities,
            &EventOptions::default(),
        ))
    })?;
    drop(corpus_articles);
    eprintln!("digest events without a cache ({RUNS} runs)");
    let (cold_s, _) = timed(|| {
        let _ = std::fs::remove_file(&cache);
        Ok(framing::events(&index, &EventOptions::default())?)
    })?;
    eprintln!("digest events from the cache ({RUNS} runs)");
    let (warm_s, events) = timed(|| Ok(framing::events(&index, &EventOptions::default())?))?;
    let top = events.first().context("no events found")?;
    eprintln!("comparing event {} ({RUNS} runs)", top.id);
    let (compare_s, comparison) = timed(|| {
        Ok(framing::compare_event(
            &index,
            &top.id,
            &CompareOptions::default(),
        )?)
    })?;

    let sizes: Vec<usize> = found.iter().map(|e| e.outlets.len()).collect();
    let wide = sizes.iter().filter(|&&n| n >= 3).count();
    println!(
        "## Events on {articles} articles ({} outlets)\n",
        outlets.len()
    );
    println!("| step | median of {RUNS} |");
    println!("|---|---:|");
    println!("| baseline: read and decode every article | {read_s:.2} s |");
    println!("| detect events (the method alone) | {detect_s:.2} s |");
    println!("| `digest events` with no cache (read + detect + write cache) | {cold_s:.2} s |");
    println!("| `digest events` from the cache | {warm_s:.2} s |");
    println!(
        "| `digest compare --event` on the widest event ({} outlets) | {compare_s:.2} s |",
        comparison.outlets.len()
    );
    println!(
        "\n{} events, {wide} covered by three or more outlets; peak RSS {:.0} MiB.",
        found.len(),
        peak_rss_mib()
    );
    Ok(())
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if let Err(e) = run() {
        eprintln!("events bench: {e:#}");
        std::process::exit(1);
    }
}
