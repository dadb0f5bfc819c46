//! `digest search`: ranked articles with their best passage.

use clap::Args;
use digest::output;
use digest::search::{self, SearchRequest};

use super::{Context, JsonArg, Outcome, answer};

#[derive(Args)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces)
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// Only this outlet (id, name or alias); repeat for several
    #[arg(long, short)]
    outlet: Vec<String>,
    /// Only articles dated on or after YYYY-MM-DD
    #[arg(long)]
    since: Option<String>,
    /// Only articles dated on or before YYYY-MM-DD
    #[arg(long)]
    until: Option<String>,
    /// Show at most N results
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    output: JsonArg,
}

pub fn run(args: SearchArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let req = SearchRequest {
        query: args.query.join(" "),
        outlets: args.outlet,
        since: args.since,
        until: args.until,
        limit: args.limit,
    };
    answer(
        ctx,
        &args.output,
        |index| Ok(search::search(index, &req)?),
        |results| results.total > 0,
        output::print_hits_json,
        |w, results, _, style| Ok(output::print_hits(w, results, style)?),
    )
}
