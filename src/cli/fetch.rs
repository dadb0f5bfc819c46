//! `digest fetch`: fetch every subscribed feed and add what is new.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use digest::feeds::{Subscriptions, feeds_path};
use digest::fetch::{Client, Settings, Step, fetch_all};
use digest::index::DigestIndex;
use digest::text::sanitize_inline;
use indicatif::{ProgressBar, ProgressStyle};

use super::indexer::about_index;
use super::{Context, Outcome};

#[derive(Args)]
pub struct FetchArgs {
    /// Print one JSON document: per feed `id`, `url`, `status`, `new`, `error`
    #[arg(long)]
    json: bool,
    /// Feeds fetched at the same time, at most
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    jobs: u16,
    /// Seconds one feed or page may take in all (connecting, redirects, body)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
}

pub fn run(args: FetchArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let path = feeds_path(&ctx.dir);
    let mut subs = Subscriptions::load(&path)?;
    if subs.feeds.is_empty() {
        return Err(digest::Error::NoFeeds.into());
    }
    let index = DigestIndex::open_with(&ctx.dir, ctx.registries.clone())?;
    let data_dir = digest::feeds::data_dir(&ctx.dir);
    let timeout = Duration::from_secs(args.timeout);
    let client = Client::new(Settings {
        jobs: usize::from(args.jobs),
        connect_timeout: timeout.min(Settings::default().connect_timeout),
        timeout,
    });
    let bar = progress_bar(args.json);
    let progress = |step: Step| {
        let Some(bar) = &bar else { return };
        match step {
            Step::Fetched { done, total, .. } => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
            Step::Indexing { items } => {
                bar.set_style(spinner_style());
                bar.set_message(format!(
                    "indexing {items} new item{}",
                    if items == 1 { "" } else { "s" }
                ));
                bar.enable_steady_tick(Duration::from_millis(120));
            }
        }
    };
    let fetched = fetch_all(&index, data_dir, &path, &mut subs, &client, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let (outcomes, report) =
        fetched.map_err(|e| about_index(e, &format!("fetch into {}", ctx.dir.display())))?;
    ctx.print(|w| {
        if args.json {
            serde_json::to_writer_pretty(
                &mut *w,
                &serde_json::json!({ "feeds": outcomes, "added": report.added }),
            )?;
            writeln!(w)?;
            return Ok(());
        }
        for o in &outcomes {
            match &o.error {
                Some(e) => writeln!(
                    w,
                    "{}  {}  {}",
                    o.id,
                    sanitize_inline(&o.url),
                    sanitize_inline(e)
                )?,
                None => writeln!(
                    w,
                    "{}  {}  {}, {} new{}",
                    o.id,
                    sanitize_inline(&o.url),
                    o.status,
                    o.new,
                    o.moved_from
                        .as_deref()
                        .map(|from| format!(" (moved from {})", sanitize_inline(from)))
                        .unwrap_or_default()
                )?,
            }
        }
        writeln!(w, "{}", digest::fetch::summary(&outcomes, report.added))?;
        Ok(())
    })?;
    Ok(Outcome::Found)
}

/// A bar counting feeds on a terminal's stderr; none for `--json` or off a terminal.
fn progress_bar(json: bool) -> Option<ProgressBar> {
    if json || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("fetching feeds {bar:30} {pos}/{len}  {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}
