//! The scale corpus for the benches: the AllSides archives unpacked once into a cache
//! directory, optionally cut to the first N files, and the index built from it. Shared
//! by the benches.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use digest::index::{DigestIndex, IngestOptions, writer::ingest_paths};

/// Where the archives are unless `DIGEST_BENCH_CORPUS` says otherwise: the shared
/// material beside the checkout.
pub const DEFAULT_CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpora/allsides-article-bias"
);
/// The two halves of the corpus.
pub const ARCHIVES: [&str; 2] = ["jsons.part1-of-2.tar.gz", "jsons.part2-of-2.tar.gz"];
/// Files in the unpacked corpus.
pub const CORPUS_FILES: usize = 37_554;

/// Unpacks the archives into `cache/jsons` once (if it does not already hold the corpus);
/// with a limit, hard-links the first `limit` files (in name order) into `cache/limit-N/`.
pub fn prepare_corpus(cache: &Path, limit: Option<usize>) -> Result<PathBuf> {
    let full = cache.join("jsons");
    let complete = full.is_dir() && list_json(&full)?.len() == CORPUS_FILES;
    if !complete {
        let source = std::env::var_os("DIGEST_BENCH_CORPUS")
            .map_or_else(|| PathBuf::from(DEFAULT_CORPUS), PathBuf::from);
        eprintln!("unpacking {} into {}", source.display(), cache.display());
        if full.exists() {
            fs::remove_dir_all(&full)?;
        }
        fs::create_dir_all(cache)?;
        for archive in ARCHIVES {
            let status = Command::new("tar")
                .arg("-xzf")
                .arg(source.join(archive))
                .arg("-C")
                .arg(cache)
                .status()
                .context("running tar")?;
            if !status.success() {
                bail!("tar -xzf {archive} failed");
            }
        }
        let n = list_json(&full)?.len();
        if n != CORPUS_FILES {
            bail!(
                "expected {CORPUS_FILES} files in {}, found {n}",
                full.display()
            );
        }
        fs::write(cache.join(".unpacked"), "ok\n")?;
    }
    let Some(limit) = limit.filter(|&l| l < CORPUS_FILES) else {
        return Ok(full);
    };
    let dir = cache.join(format!("limit-{limit}"));
    if dir.exists() && list_json(&dir)?.len() == limit {
        return Ok(dir);
    }
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    for f in list_json(&full)?.into_iter().take(limit) {
        let to = dir.join(f.file_name().context("file name")?);
        if fs::hard_link(&f, &to).is_err() {
            fs::copy(&f, &to)?;
        }
    }
    Ok(dir)
}

/// The `*.json` files of a directory, sorted by name.
pub fn list_json(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    Ok(out)
}

/// Builds the index of `corpus` in `dir` unless a complete one is there (its article
/// count is recorded in `dir/.bench-articles` after a successful ingest, and it must open
/// with this version of digest). Returns the number of articles.
#[allow(dead_code)] // used by the benches that need a built index
pub fn ensure_index(dir: &Path, corpus: &Path) -> Result<usize> {
    let marker = dir.join(".bench-articles");
    if let Ok(s) = fs::read_to_string(&marker)
        && let Ok(expected) = s.trim().parse::<usize>()
    {
        // An index written by another version of digest does not open: build it again.
        if let Ok(index) = DigestIndex::open(dir)
            && expected > 0
            && index.article_count() == expected
        {
            return Ok(expected);
        }
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    eprintln!(
        "building the index of {} in {} (a minute or so)",
        corpus.display(),
        dir.display()
    );
    let started = Instant::now();
    let index = DigestIndex::open(dir)?;
    let opts = IngestOptions {
        outlet: None,
        threads: 2,
        memory_mib: 256,
        bundled: false,
        record: false,
        rebuild: false,
        stop: None,
    };
    let report = ingest_paths(&index, &[corpus.to_path_buf()], &opts, &mut |_| {})?;
    index.reload()?;
    let n = index.article_count();
    eprintln!(
        "  {} articles ({} added, {} duplicates, {} skipped) in {:.1} s",
        n,
        report.added,
        report.duplicates,
        report.skipped.len(),
        started.elapsed().as_secs_f64()
    );
    if n == 0 {
        bail!("the index of {} holds no articles", corpus.display());
    }
    fs::write(&marker, format!("{n}\n"))?;
    Ok(n)
}

/// `DIGEST_BENCH_LIMIT`: the number of corpus files to use, when it is set and smaller
/// than the corpus.
#[allow(dead_code)] // used by the benches that take a limit
pub fn bench_limit() -> Result<Option<usize>> {
    Ok(std::env::var("DIGEST_BENCH_LIMIT")
        .ok()
        .map(|v| {
            v.parse::<usize>()
                .context("DIGEST_BENCH_LIMIT must be a number")
        })
        .transpose()?
        .filter(|&l| l < CORPUS_FILES))
}
