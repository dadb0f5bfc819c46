//! `digest compare`: how each outlet tells one story, a query's or an event's.

use clap::Args;
use digest::framing::{self, CompareOptions};
use digest::output;

use super::{Context, JsonArg, Outcome, WindowArgs, answer};

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
    #[command(flatten)]
    output: JsonArg,
}

/// An unknown event id is [`digest::Error::NoSuchEvent`]: exit code 1.
pub fn run(args: CompareArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    answer(
        ctx,
        &args.output,
        |index| {
            let opts = CompareOptions {
                max_passages: args.passages,
                window: args.window.window(index)?,
                ..Default::default()
            };
            Ok(match &args.event {
                Some(id) => framing::compare_event(index, id, &opts)?,
                None => framing::compare_query(index, &args.query.join(" "), &opts)?,
            })
        },
        |comparison| !comparison.outlets.is_empty(),
        |w, comparison| output::print_comparison_json(w, comparison),
        |w, comparison, index, style| {
            let names = index.outlet_summaries()?;
            Ok(output::print_comparison(w, comparison, &names, style)?)
        },
    )
}
