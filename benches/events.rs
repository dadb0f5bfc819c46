//! Events benchmark: how long `digest events` takes on the AllSides corpus (37,554
//! articles), and what a comparison of one event costs.
//!
//! Run with `cargo bench --bench events` (a quick run: `DIGEST_BENCH_LIMIT=2000 cargo
//! bench --bench events`). Measured in this process, with the library's public functions:
//!
//! 1. baseline: reading and decoding every stored article (`framing::corpus::all_articles`),
//!    what a method that rereads the corpus after each commit pays at least;
//! 2. `framing::events` with no features kept (the first run on an index: every
//!    article's headline and lead read), then after a commit (features kept, events
//!    recomputed), split into loading the features and `framing::events::detect`;
//!    then from the cache;
//! 3. `framing::events_in` a week (the week of the widest event);
//! 4. `framing::compare_event` of the most widely covered event;
//! 5. 100 new articles ingested into a copy of the index, then `framing::events`: what
//!    an ingest costs events.
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
    let cache = index.cache_path(framing::events::STATE);
    let features = || -> Result<()> {
        for e in std::fs::read_dir(&dir)? {
            let e = e?;
            if e.file_name()
                .to_string_lossy()
                .starts_with("digest-features-")
            {
                std::fs::remove_file(e.path())?;
            }
        }
        Ok(())
    };

    eprintln!("reading every article ({RUNS} runs)");
    let (read_s, corpus_articles) = timed(|| Ok(framing::corpus::all_articles(&index)?))?;
    drop(corpus_articles);
    eprintln!("digest events with no features kept ({RUNS} runs)");
    let (fresh_s, _) = timed(|| {
        features()?;
        let _ = std::fs::remove_file(&cache);
        Ok(framing::events(&index, &EventOptions::default())?)
    })?;
    eprintln!("digest events after a commit: features kept, events not ({RUNS} runs)");
    let (commit_s, _) = timed(|| {
        let _ = std::fs::remove_file(&cache);
        Ok(framing::events(&index, &EventOptions::default())?)
    })?;
    eprintln!("loading the features, and detecting alone ({RUNS} runs)");
    let (load_s, set) = timed(|| Ok(framing::features::all_features(&index)?))?;
    let (detect_s, found) =
        timed(|| Ok(framing::events::detect(&set, &index.registries().entities)))?;
    drop(set);
    eprintln!("digest events from the cache ({RUNS} runs)");
    let (warm_s, events) = timed(|| Ok(framing::events(&index, &EventOptions::default())?))?;
    let top = events.first().context("no events found")?;
    let day = top.date.clone().context("undated event")?;
    let week = framing::Window {
        since: Some(day.clone()),
        until: Some(add_days(&day, 6)),
        outlets: Vec::new(),
    };
    eprintln!("events of the week from {day} ({RUNS} runs)");
    let (week_s, in_week) = timed(|| {
        // The period's events are kept until the next commit: time finding them.
        for e in std::fs::read_dir(&dir)? {
            let e = e?;
            if e.file_name()
                .to_string_lossy()
                .starts_with("digest-events-window-")
            {
                std::fs::remove_file(e.path())?;
            }
        }
        Ok(framing::events_in(&index, &week)?)
    })?;
    eprintln!("comparing event {} ({RUNS} runs)", top.id);
    let (compare_s, comparison) = timed(|| {
        Ok(framing::compare_event(
            &index,
            &top.id,
            &CompareOptions::default(),
        )?)
    })?;

    // An ingest of 100 new articles into a copy of the index, then events: only the
    // new segment's features are computed.
    let copy = root.join("target/bench-events-incremental");
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&dir, &copy)?;
    let fresh_dir = root.join("target/bench-events-new");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    std::fs::create_dir_all(&fresh_dir)?;
    let mut lines = String::new();
    for (i, a) in framing::corpus::all_articles(&index)?
        .iter()
        .take(100)
        .enumerate()
    {
        let line = serde_json::json!({
            "outlet": a.outlet_name,
            "title": format!("{} (update {i})", a.title),
            "date": a.date,
            "text": format!("Update {i}. {}", a.body),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(fresh_dir.join("new.jsonl"), lines)?;
    let copied = DigestIndex::open(&copy)?;
    framing::events(&copied, &EventOptions::default())?;
    let t = Instant::now();
    let opts = digest::index::writer::IngestOptions {
        bundled: false,
        ..Default::default()
    };
    digest::index::writer::ingest_paths(
        &copied,
        std::slice::from_ref(&fresh_dir),
        &opts,
        &mut |_| {},
    )?;
    copied.reload()?;
    let ingest_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let after = framing::events(&copied, &EventOptions::default())?;
    let update_s = t.elapsed().as_secs_f64();

    let sizes: Vec<usize> = found.iter().map(|e| e.outlets.len()).collect();
    let wide = sizes.iter().filter(|&&n| n >= 3).count();
    println!(
        "## Events on {articles} articles ({} outlets)\n",
        outlets.len()
    );
    println!("| step | median of {RUNS} |");
    println!("|---|---:|");
    println!("| baseline: read and decode every article | {read_s:.2} s |");
    println!("| `digest events`, no features kept (first run on an index) | {fresh_s:.2} s |");
    println!(
        "| `digest events` after a commit (features kept, events recomputed) | {commit_s:.2} s |"
    );
    println!("| of which: load the kept features | {load_s:.2} s |");
    println!("| of which: detect events (the method alone) | {detect_s:.2} s |");
    println!("| `digest events` from the cache | {warm_s:.3} s |");
    println!(
        "| `digest events --since {day} --until {}` ({} events) | {week_s:.2} s |",
        add_days(&day, 6),
        in_week.len()
    );
    println!(
        "| `digest compare --event` on the widest event ({} outlets) | {compare_s:.2} s |",
        comparison.outlets.len()
    );
    println!("| ingest 100 new articles (one run) | {ingest_s:.2} s |");
    println!(
        "| `digest events` after that ingest (one run; {} events) | {update_s:.2} s |",
        after.len()
    );
    println!(
        "\n{} events, {wide} covered by three or more outlets; peak RSS {:.0} MiB.",
        found.len(),
        peak_rss_mib()
    );
    std::fs::remove_dir_all(&copy)?;
    std::fs::remove_dir_all(&fresh_dir)?;
    Ok(())
}

/// `day` (`YYYY-MM-DD`) plus `n` days.
fn add_days(day: &str, n: i64) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| {
            (d + chrono::Duration::days(n))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|_| day.to_string())
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        if e.file_type()?.is_file() {
            std::fs::copy(e.path(), to.join(e.file_name()))?;
        }
    }
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
