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
        | E::NotAnIndex(_)
        | E::OpenIndex { .. }) => e.into(),
        e => anyhow::Error::from(e).context(what.to_string()),
    }
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
    }
}

/// A progress bar on a terminal, hidden until it is first drawn.
fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}
