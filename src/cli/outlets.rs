//! `digest outlets`: each outlet with its number of articles and date range.

use clap::Args;
use digest::output;

use super::{Context, JsonArg, Outcome, answer};

#[derive(Args)]
pub struct OutletsArgs {
    #[command(flatten)]
    output: JsonArg,
}

pub fn run(args: OutletsArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    answer(
        ctx,
        &args.output,
        |index| Ok(index.outlet_summaries()?),
        |outlets| !outlets.is_empty(),
        |w, outlets| output::print_outlets_json(w, outlets),
        |w, outlets, _, style| Ok(output::print_outlets(w, outlets, style)?),
    )
}
