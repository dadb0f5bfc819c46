//! `digest compare`: how each outlet tells one story, a query's or an event's.

use clap::Args;
use digest::framing::{self, CompareOptions, Comparison};
use digest::index::DigestIndex;
use digest::output;

use super::{Context, Export, JsonArg, Outcome, WindowArgs, answer};

#[derive(Args)]
pub struct CompareArgs {
    /// The query (several words are joined with spaces)
    #[arg(num_args = 0.., required_unless_present = "event", conflicts_with = "event")]
    query: Vec<String>,
    /// Compare the event with this id (or a unique prefix)
    #[arg(long, value_name = "ID")]
    event: Option<String>,
    /// Passages to show per outlet
    #[arg(long, default_value_t = 12)]
    passages: usize,
    /// A query's articles from this period and these outlets; for an event, the period
    /// of the `digest events` list its id comes from, and the columns of these outlets
    #[command(flatten)]
    window: WindowArgs,
    /// Print the passages for other programs instead: csv, ndjson or markdown
    #[arg(long, value_enum, conflicts_with = "json")]
    format: Option<Export>,
    #[command(flatten)]
    output: JsonArg,
}

fn compare(args: &CompareArgs, index: &DigestIndex) -> anyhow::Result<Comparison> {
    let opts = CompareOptions {
        max_passages: args.passages,
        window: args.window.window(index)?,
        ..Default::default()
    };
    Ok(match &args.event {
        Some(id) => framing::compare_event(index, id, &opts)?,
        None => framing::compare_query(index, &args.query.join(" "), &opts)?,
    })
}

/// An unknown event id is [`digest::Error::NoSuchEvent`]: exit code 1.
pub fn run(args: CompareArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    if let Some(format) = args.format {
        let index = ctx.open_seeded()?;
        let comparison = compare(&args, &index)?;
        ctx.print(|w| {
            match format {
                Export::Csv => output::export::print_comparison_csv(w, &comparison)?,
                Export::Ndjson => output::export::print_comparison_ndjson(w, &comparison)?,
                Export::Markdown => output::export::print_comparison_markdown(w, &comparison)?,
            }
            Ok(())
        })?;
        return Ok(if comparison.outlets.is_empty() {
            Outcome::NothingFound
        } else {
            Outcome::Found
        });
    }
    answer(
        ctx,
        &args.output,
        |index| compare(&args, index),
        |comparison| !comparison.outlets.is_empty(),
        |w, comparison| output::print_comparison_json(w, comparison),
        |w, comparison, index, style| {
            let names = index.outlet_summaries()?;
            Ok(output::print_comparison(w, comparison, &names, style)?)
        },
    )
}
