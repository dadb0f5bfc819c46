//! The scale corpus for the benches: the AllSides archives unpacked once into a cache
//! directory, optionally cut to the first N files. Shared by `scale.rs` and `tui.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};

/// Where the archives are unless `DIGEST_BENCH_CORPUS` says otherwise.
pub const DEFAULT_CORPUS: &str = "/work/shared/corpora/allsides-article-bias";
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
