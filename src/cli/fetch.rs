//! `digest fetch`: fetch every subscribed feed and add what is new.

use clap::Args;
use digest::feeds::{Subscriptions, feeds_path};
use digest::fetch::fetch_all;
use digest::index::DigestIndex;
use digest::text::sanitize_inline;

use super::indexer::about_index;
use super::{Context, Outcome};

#[derive(Args)]
pub struct FetchArgs {
    /// Print one JSON document: per feed `id`, `url`, `status`, `new`, `error`
    #[arg(long)]
    json: bool,
}

pub fn run(args: FetchArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let path = feeds_path(&ctx.dir);
    let mut subs = Subscriptions::load(&path)?;
    if subs.feeds.is_empty() {
        anyhow::bail!("no feeds to fetch: add one with `digest feeds add URL`");
    }
    let index = DigestIndex::open_with(&ctx.dir, ctx.registries.clone())?;
    let data_dir = digest::feeds::data_dir(&ctx.dir);
    let (outcomes, report) = fetch_all(&index, data_dir, &path, &mut subs)
        .map_err(|e| about_index(e, &format!("fetch into {}", ctx.dir.display())))?;
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
                    "{}  {}  {}, {} new",
                    o.id,
                    sanitize_inline(&o.url),
                    o.status,
                    o.new
                )?,
            }
        }
        let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
        writeln!(
            w,
            "{} new article{} from {} feed{}{}",
            report.added,
            if report.added == 1 { "" } else { "s" },
            outcomes.len(),
            if outcomes.len() == 1 { "" } else { "s" },
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        )?;
        Ok(())
    })?;
    Ok(Outcome::Found)
}
