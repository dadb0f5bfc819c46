//! `digest events`: happenings reported by two or more outlets, most widely covered
//! first.

use clap::Args;
use digest::framing::{self, Event};
use digest::output;

use super::{Context, JsonArg, Outcome, answer};

#[derive(Args)]
pub struct EventsArgs {
    /// Show at most N events (default: all)
    #[arg(long, short = 'n')]
    limit: Option<usize>,
    #[command(flatten)]
    output: JsonArg,
}

/// The events shown, and how many there are in all.
struct Shown {
    events: Vec<Event>,
    total: usize,
}

pub fn run(args: EventsArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    answer(
        ctx,
        &args.output,
        |index| {
            let mut events = framing::events(index, &Default::default())?;
            let total = events.len();
            if let Some(n) = args.limit {
                events.truncate(n);
            }
            Ok(Shown { events, total })
        },
        |shown| !shown.events.is_empty(),
        |w, shown| output::print_events_json(w, &shown.events),
        |w, shown, index, style| {
            let names = index.outlet_summaries()?;
            Ok(output::print_events(
                w,
                &shown.events,
                shown.total,
                &names,
                style,
            )?)
        },
    )
}
