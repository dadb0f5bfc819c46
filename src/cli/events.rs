//! `digest events`: happenings reported by two or more outlets, most widely covered
//! first.

use clap::Args;
use digest::framing::{self, Event};
use digest::output;

use super::{Context, JsonArg, Outcome, WindowArgs, answer};

#[derive(Args)]
pub struct EventsArgs {
    /// Show at most N events (default: all)
    #[arg(long, short = 'n')]
    limit: Option<usize>,
    /// Events first reported in this period, told by these outlets
    #[command(flatten)]
    window: WindowArgs,
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
            let window = args.window.window(index)?;
            let mut events = framing::events_in(index, &window)?;
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
