//! `digest feeds`: the feeds `digest fetch` follows — list, add, remove, import, export.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use digest::feeds::{FullText, Subscriptions, data_dir, feeds_path};
use digest::index::DigestIndex;
use digest::index::remove::{Removal, remove};
use digest::text::sanitize_inline;

use super::{Context, Outcome};

#[derive(Args)]
#[command(after_help = "Subscriptions are kept in feeds.json beside the index directory.")]
pub struct FeedsArgs {
    #[command(subcommand)]
    action: Option<Action>,
    /// Print the subscriptions as one JSON document
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum Action {
    /// Subscribe to a feed (RSS, Atom or JSON Feed; http or https)
    Add {
        /// The feed's URL
        url: String,
        /// Outlet of every article from this feed, overriding what the feed says
        #[arg(long)]
        outlet: Option<String>,
        /// When to fetch an item's page for its text: auto (when the feed has only a
        /// summary), always or never
        #[arg(long, value_name = "WHEN")]
        full_text: Option<FullText>,
    },
    /// Unsubscribe (by URL, id or unique id prefix)
    Remove {
        /// The feed's URL or id
        feed: String,
        /// Also remove every article fetched from it (and keep them out)
        #[arg(long)]
        purge: bool,
    },
    /// Subscribe to every feed of an OPML file
    Import {
        /// The OPML file
        file: PathBuf,
    },
    /// Print the subscriptions as OPML
    Export,
}

pub fn run(args: FeedsArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let path = feeds_path(&ctx.dir);
    let mut subs = Subscriptions::load(&path)?;
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    match args.action {
        None => {
            ctx.print(|w| {
                if args.json {
                    serde_json::to_writer_pretty(&mut *w, &subs)?;
                    writeln!(w)?;
                    return Ok(());
                }
                for f in &subs.feeds {
                    writeln!(
                        w,
                        "{}  {}  {}  {} articles  {}",
                        f.id,
                        sanitize_inline(&f.url),
                        sanitize_inline(f.outlet.as_deref().or(f.title.as_deref()).unwrap_or("-")),
                        f.articles,
                        match (&f.last_fetch, &f.status) {
                            (Some(at), Some(status)) => format!(
                                "fetched {} ({})",
                                sanitize_inline(at),
                                sanitize_inline(status)
                            ),
                            _ => "never fetched".to_string(),
                        }
                    )?;
                }
                let n = subs.feeds.len();
                writeln!(w, "{n} feed{}", if n == 1 { "" } else { "s" })?;
                Ok(())
            })?;
            return Ok(if subs.feeds.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Found
            });
        }
        Some(Action::Add {
            url,
            outlet,
            full_text,
        }) => {
            let added = subs
                .add(&url, outlet, None, full_text, &today)?
                .map(|f| (f.id.clone(), f.url.clone()));
            subs.save(&path)?;
            ctx.print(|w| {
                match added {
                    Some((id, url)) => writeln!(w, "added {id}  {}", sanitize_inline(&url))?,
                    None => writeln!(w, "already subscribed: {}", sanitize_inline(&url))?,
                }
                Ok(())
            })?;
        }
        Some(Action::Remove { feed, purge }) => {
            let removed = subs.remove(&feed)?;
            // The feed's articles first: if that fails, the subscription is kept.
            let mut purged = 0;
            if purge {
                let dir = data_dir(&ctx.dir).join("feeds").join(&removed.id);
                let sources: Vec<String> = std::fs::read_dir(&dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if !sources.is_empty() {
                    let index = DigestIndex::open_with(&ctx.dir, ctx.registries.clone())?;
                    purged = remove(
                        &index,
                        &Removal {
                            ids: Vec::new(),
                            sources,
                            missing_ok: true,
                        },
                    )?
                    .len();
                }
            }
            subs.save(&path)?;
            ctx.print(|w| {
                writeln!(
                    w,
                    "removed {}  {}",
                    removed.id,
                    sanitize_inline(&removed.url)
                )?;
                if purge {
                    writeln!(
                        w,
                        "{purged} article{} removed",
                        if purged == 1 { "" } else { "s" }
                    )?;
                }
                Ok(())
            })?;
        }
        Some(Action::Import { file }) => {
            let xml = std::fs::read_to_string(&file).map_err(|e| {
                anyhow::anyhow!(
                    "cannot read {}: {e}",
                    sanitize_inline(&file.to_string_lossy())
                )
            })?;
            let (added, skipped) = subs.import_opml(&xml, &today)?;
            subs.save(&path)?;
            ctx.print(|w| {
                writeln!(
                    w,
                    "imported {added} new feed{}",
                    if added == 1 { "" } else { "s" }
                )?;
                for (url, reason) in &skipped {
                    writeln!(
                        w,
                        "skipped {}: {}",
                        sanitize_inline(url),
                        sanitize_inline(reason)
                    )?;
                }
                Ok(())
            })?;
        }
        Some(Action::Export) => {
            let xml = subs.export_opml()?;
            ctx.print(|w| {
                writeln!(w, "{xml}")?;
                Ok(())
            })?;
        }
    }
    Ok(Outcome::Found)
}
