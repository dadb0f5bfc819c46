//! `digest ingest`: add article files and directories to the index.

use std::path::PathBuf;

use clap::Args;
use digest::fetch;
use digest::index::{DigestIndex, IngestOptions, writer};
use digest::output;

use super::indexer::{IndexerArgs, about_index, with_progress};
use super::{Context, Outcome};

#[derive(Args)]
pub struct IngestArgs {
    /// Files, directories, web pages (http and https URLs: fetched, saved beside the
    /// index, and read as their article), and `-` for standard input
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Set the outlet of every article ingested
    #[arg(long)]
    outlet: Option<String>,
    #[command(flatten)]
    indexer: IndexerArgs,
    /// Print one JSON document: the counts, every article added, updated or found
    /// again (id, source, title, outlet, date), and every file or item skipped
    #[arg(long)]
    json: bool,
}

/// A new, empty index also receives the bundled corpus, unless `--no-bundled`.
pub fn run(args: IngestArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let index = DigestIndex::open_with(&ctx.dir, ctx.registries.clone())?;
    let opts = IngestOptions {
        outlet: args.outlet,
        memory_mib: args.indexer.memory,
        threads: args.indexer.threads_or(IngestOptions::default().threads),
        bundled: !args.indexer.no_bundled && index.article_count() == 0,
        record: args.json,
        stop: Some(super::indexer::stop_on_interrupt()?),
        ..IngestOptions::default()
    };
    // Web addresses are fetched and saved beside the index first; a page that cannot be
    // fetched is skipped with its URL and the reason, like a file that cannot be read.
    let data_dir = digest::feeds::data_dir(&ctx.dir);
    let mut paths = Vec::new();
    let mut failed: Vec<(String, String)> = Vec::new();
    for p in args.paths {
        let text = p.to_string_lossy();
        let lower = text.to_ascii_lowercase();
        if text == "-" {
            // Kept beside the index, like a fetched page, so reindex finds it again.
            use std::io::Read;
            let mut bytes = Vec::new();
            let limit = 64 << 20;
            std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)?;
            if bytes.len() as u64 > limit {
                failed.push(("-".into(), "standard input is larger than 64 MB".into()));
            } else if bytes.iter().all(u8::is_ascii_whitespace) {
                failed.push(("-".into(), "standard input is empty".into()));
            } else {
                paths.push(digest::ingest::save_stdin(data_dir, &bytes)?);
            }
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            match fetch::fetch_page(&text).and_then(|page| fetch::save_page(data_dir, &page)) {
                Ok(saved) => paths.push(saved),
                Err(e) => failed.push((text.into_owned(), e.to_string())),
            }
        } else {
            paths.push(p);
        }
    }
    let (mut report, took) =
        with_progress(|progress| writer::ingest_paths(&index, &paths, &opts, progress))
            .map_err(|e| about_index(e, &format!("ingest into {}", ctx.dir.display())))?;
    report.skipped.extend(failed);
    ctx.print(|w| {
        if args.json {
            output::json::print_ingest_json(w, &report)?;
        } else {
            output::print_ingest_report(w, &report, took.as_secs_f64())?;
        }
        Ok(())
    })?;
    Ok(Outcome::Found)
}
