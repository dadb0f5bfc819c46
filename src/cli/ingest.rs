//! `digest ingest`: add article files and directories to the index.

use std::path::PathBuf;

use clap::Args;
use digest::index::{DigestIndex, IngestOptions, writer};
use digest::output;

use super::indexer::{IndexerArgs, about_index, with_progress};
use super::{Context, Outcome};

#[derive(Args)]
pub struct IngestArgs {
    /// Files and directories
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Set the outlet of every article ingested
    #[arg(long)]
    outlet: Option<String>,
    #[command(flatten)]
    indexer: IndexerArgs,
}

/// A new, empty index also receives the bundled corpus, unless `--no-bundled`.
pub fn run(args: IngestArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let index = DigestIndex::open_with(&ctx.dir, ctx.registries.clone())?;
    let opts = IngestOptions {
        outlet: args.outlet,
        memory_mib: args.indexer.memory,
        threads: args.indexer.threads_or(IngestOptions::default().threads),
        bundled: !args.indexer.no_bundled && index.article_count() == 0,
    };
    let (report, took) =
        with_progress(|progress| writer::ingest_paths(&index, &args.paths, &opts, progress))
            .map_err(|e| about_index(e, &format!("ingest into {}", ctx.dir.display())))?;
    ctx.print(|w| Ok(output::print_ingest_report(w, &report, took.as_secs_f64())?))?;
    Ok(Outcome::Found)
}
