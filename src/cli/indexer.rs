//! What the two writing commands, `ingest` and `reindex`, share: the indexer's flags, the
//! progress bar, and how their errors are worded.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use clap::Args;
use digest::index::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How the indexer runs.
#[derive(Args)]
pub struct IndexerArgs {
    /// Worker threads [default: number of CPUs]
    #[arg(long)]
    pub threads: Option<usize>,
    /// Indexer memory budget in MiB (bounds memory)
    #[arg(long, default_value_t = 256)]
    pub memory: usize,
    /// Leave the bundled corpus out (ingest adds it only to a new, empty index)
    #[arg(long)]
    pub no_bundled: bool,
}

impl IndexerArgs {
    /// `--threads` (at least one), or `default`.
    pub fn threads_or(&self, default: usize) -> usize {
        self.threads.map_or(default, |t| t.max(1))
    }
}

/// Runs an indexing job, drawing its progress on a bar on a terminal once it has lasted
/// a second; returns its result and how long it took.
pub fn with_progress<T>(
    job: impl FnOnce(&mut dyn FnMut(Progress)) -> digest::Result<T>,
) -> digest::Result<(T, Duration)> {
    let start = Instant::now();
    let bar = progress_bar();
    let result = job(&mut |p| show_progress(&bar, p))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok((result, start.elapsed()))
}

/// An error of a command that writes: errors about the index name it already; others
/// get `what` ("ingest into DIR") in front.
pub fn about_index(e: digest::Error, what: &str) -> anyhow::Error {
    use digest::Error as E;
    match e {
        e @ (E::IndexBusy(_)
        | E::WriteIndex { .. }
        | E::DamagedIndex { .. }
        | E::IncompatibleIndex { .. }
        | E::InterruptedReindex { .. }
        | E::Interrupted
        | E::NotAnIndex(_)
        | E::OpenIndex { .. }) => e.into(),
        e => anyhow::Error::from(e).context(what.to_string()),
    }
}

/// A flag Ctrl-C (SIGINT) or SIGTERM sets, so a writing run stops before it commits and
/// cleans up ("interrupted; the index is unchanged"); a second signal ends the process at
/// once.
pub fn stop_on_interrupt() -> std::io::Result<std::sync::Arc<std::sync::atomic::AtomicBool>> {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(sig, 130, std::sync::Arc::clone(&stop))?;
        signal_hook::flag::register(sig, std::sync::Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// Draws progress on the bar, once a run has lasted a second.
fn show_progress(bar: &Option<ProgressBar>, p: Progress) {
    if let Some(bar) = bar
        && p.elapsed.as_secs_f64() >= 1.0
    {
        if bar.is_hidden() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
        bar.set_message(rate(p.articles, p.elapsed));
    }
}

/// A progress bar on a terminal, hidden until it is first drawn.
fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {msg}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Articles read and the rate, with its unit: `12480 articles, 2391 articles/s`.
fn rate(articles: usize, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let per_sec = if secs > 0.0 {
        articles as f64 / secs
    } else {
        0.0
    };
    format!("{articles} articles, {per_sec:.0} articles/s")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rate_has_its_unit_and_no_spurious_decimals() {
        let r = super::rate(2386, std::time::Duration::from_millis(1000));
        assert_eq!(r, "2386 articles, 2386 articles/s");
        assert_eq!(
            super::rate(0, std::time::Duration::ZERO),
            "0 articles, 0 articles/s"
        );
    }
}
