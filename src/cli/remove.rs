//! `digest remove`: take articles back out of the index, and keep them out.

use clap::Args;
use digest::index::remove::{Removal, RemovedArticle, remove};
use digest::text::sanitize_inline;

use super::{Context, JsonArg, Outcome, answer};

#[derive(Args)]
#[command(
    after_help = "Removed articles stay out: later ingests and `digest reindex` skip them. \
                  Their ids are listed in removed.tsv in the index directory; delete a line \
                  to let that article be ingested again."
)]
pub struct RemoveArgs {
    /// Article ids (or unique prefixes of at least 4 characters)
    #[arg(required_unless_present = "source")]
    ids: Vec<String>,
    /// Remove every article read from this file (repeat for several)
    #[arg(long, value_name = "PATH")]
    source: Vec<String>,
    #[command(flatten)]
    output: JsonArg,
}

/// An unknown id or a source with no articles is [`digest::Error::NoSuchArticle`]: exit
/// code 1, and nothing is removed.
pub fn run(args: RemoveArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let what = Removal {
        ids: args.ids,
        sources: args.source,
        missing_ok: false,
    };
    answer(
        ctx,
        &args.output,
        |index| Ok(remove(index, &what)?),
        |removed| !removed.is_empty(),
        |w, removed: &Vec<RemovedArticle>| {
            let list: Vec<serde_json::Value> = removed
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "id": a.id, "title": a.title, "outlet": a.outlet, "source": a.source,
                    })
                })
                .collect();
            serde_json::to_writer(&mut *w, &serde_json::json!({ "removed": list }))?;
            writeln!(w)
        },
        |w, removed, _, _| {
            for a in removed {
                writeln!(
                    w,
                    "removed {}  {}  {}",
                    a.id,
                    sanitize_inline(&a.outlet_name),
                    sanitize_inline(&a.title)
                )?;
            }
            let n = removed.len();
            writeln!(w, "{n} article{} removed", if n == 1 { "" } else { "s" })?;
            Ok(())
        },
    )
}
