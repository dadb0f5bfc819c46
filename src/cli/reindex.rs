//! `digest reindex`: rebuild the index from the files it was built from.

use std::path::PathBuf;

use clap::Args;
use digest::index::{ReindexOptions, reindex};
use digest::output;

use super::indexer::{IndexerArgs, about_index, with_progress};
use super::{Context, Outcome};

#[derive(Args)]
pub struct ReindexArgs {
    /// Files and directories to add besides the recorded ones (all there is to
    /// rebuild from when the index is too damaged to say what it held)
    paths: Vec<PathBuf>,
    #[command(flatten)]
    indexer: IndexerArgs,
    /// Print one JSON document: the counts, every file or item skipped, where the old
    /// index was kept (if it was)
    #[arg(long)]
    json: bool,
}

pub fn run(args: ReindexArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let given = args.paths.len();
    let opts = ReindexOptions {
        paths: args.paths,
        no_bundled: args.indexer.no_bundled,
        memory_mib: args.indexer.memory,
        threads: args.indexer.threads_or(ReindexOptions::default().threads),
        stop: Some(super::indexer::stop_on_interrupt()?),
    };
    let (report, took) =
        with_progress(|progress| reindex::reindex_with(&ctx.dir, &ctx.registries, &opts, progress))
            .map_err(|e| about_index(e, &format!("reindex {}", ctx.dir.display())))?;
    ctx.print(|w| {
        if args.json {
            let mut doc = output::json::ingest_json(&report.ingest);
            doc["bundled"] = report.bundled.into();
            doc["kept"] = report.kept.as_ref().map(|p| p.display().to_string()).into();
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)?;
            return Ok(());
        }
        output::print_ingest_report(w, &report.ingest, took.as_secs_f64())?;
        output::print_reindex_report(w, &report, given)?;
        Ok(())
    })?;
    Ok(Outcome::Found)
}
