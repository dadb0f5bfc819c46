//! The `digest` command: argument parsing, dispatch and exit codes.
//!
//! Exit codes: 0 results, 1 no results, 2 error. A closed pipe (`digest search x | head`)
//! is not an error.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use digest::index::{self, DigestIndex, IngestOptions};
use digest::output::{self, Style};
use digest::search::{self, SearchRequest};

/// Read how different outlets tell the same story.
#[derive(Parser)]
#[command(name = "digest", version, about, long_about = None)]
struct Cli {
    /// Index directory [default: $XDG_DATA_HOME/digest/index]
    #[arg(long, global = true, env = "DIGEST_INDEX", value_name = "DIR")]
    index: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Search articles: words, "phrases", OR, NOT/-word, title:, outlet:
    Search {
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
        /// Print one JSON document
        #[arg(long)]
        json: bool,
    },
    /// Add article files or directories (.txt, .md, .json, .jsonl) to the index
    Ingest {
        /// Files and directories
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Set the outlet of every article ingested
        #[arg(long)]
        outlet: Option<String>,
        /// Worker threads [default: number of CPUs]
        #[arg(long)]
        threads: Option<usize>,
        /// Indexer memory budget in MiB (bounds ingest memory)
        #[arg(long, default_value_t = 256)]
        memory: usize,
        /// Do not add the bundled corpus to a new, empty index
        #[arg(long)]
        no_bundled: bool,
    },
    /// List outlets with their article counts and date ranges
    Outlets {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List events: happenings reported by two or more outlets
    Events {
        /// Show at most N events (default: all)
        #[arg(long, short = 'n')]
        limit: Option<usize>,
        /// Print one JSON document
        #[arg(long)]
        json: bool,
    },
    /// Compare how each outlet tells a story: a query, or an event from `digest events`
    Compare {
        /// The query (several words are joined with spaces)
        #[arg(num_args = 0.., required_unless_present = "event", conflicts_with = "event")]
        query: Vec<String>,
        /// Compare the event with this id (or a unique prefix)
        #[arg(long, value_name = "ID")]
        event: Option<String>,
        /// Passages to show per outlet
        #[arg(long, default_value_t = 12)]
        passages: usize,
        /// Print one JSON document
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the index from the files it was built from (and PATHs, if given)
    Reindex {
        /// Files and directories to add besides the recorded ones (all there is to
        /// rebuild from when the index is too damaged to say what it held)
        paths: Vec<PathBuf>,
        /// Leave the bundled corpus out
        #[arg(long)]
        no_bundled: bool,
        /// Worker threads [default: number of CPUs]
        #[arg(long)]
        threads: Option<usize>,
        /// Indexer memory budget in MiB (bounds memory)
        #[arg(long, default_value_t = 256)]
        memory: usize,
    },
    /// Show one article, cleaned, with its metadata and provenance
    Show {
        /// Article id (or a unique prefix of at least 4 characters)
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

/// What a command wants the process to exit with.
enum Outcome {
    Found,
    NothingFound,
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(query_words_after_flags(std::env::args_os().collect()));
    let dir = index_dir(&cli);
    report_panics_as_errors(&dir);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli, &dir)));
    match result {
        Ok(Ok(Outcome::Found)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::NothingFound)) => ExitCode::from(1),
        Ok(Err(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            let msg = error_message(&e, &dir);
            let _ = writeln!(io::stderr(), "digest: {}", digest::text::sanitize(&msg));
            ExitCode::from(2)
        }
        // Already reported by the panic hook.
        Err(_) => ExitCode::from(2),
    }
}

/// The one-line message for an error. Damage that shows only once the index is being
/// searched (a corrupted block deep inside a file that opened fine) gets the same advice
/// as damage found when it is opened.
fn error_message(e: &anyhow::Error, dir: &std::path::Path) -> String {
    let found = e
        .chain()
        .find_map(|c| match c.downcast_ref::<digest::Error>() {
            Some(digest::Error::Tantivy(t)) => digest::error::damage(t),
            _ => c
                .downcast_ref::<tantivy::TantivyError>()
                .and_then(digest::error::damage),
        });
    match found {
        Some(reason) => digest::Error::DamagedIndex {
            path: dir.to_path_buf(),
            reason,
        }
        .to_string(),
        // One line: a message with line breaks (from a library) is joined up.
        None => format!("{e:#}").trim_end().replace(['\n', '\r'], " "),
    }
}

/// Turns a panic into one line on stderr (and, from `main`, exit code 2) instead of a
/// backtrace prompt. The index engine panics on some kinds of corrupted data rather than
/// returning an error, so the line says how to rebuild the index. With `RUST_BACKTRACE`
/// set, the standard report follows. The reader (`digest` alone) chains its own hook in
/// front of this one, restoring the terminal first.
fn report_panics_as_errors(dir: &std::path::Path) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static REPORTED: AtomicBool = AtomicBool::new(false);
    let dir = dir.to_path_buf();
    let standard = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        if digest::error::panic_is_caught() {
            return;
        }
        if verbose {
            standard(info);
        }
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = format!(
            "internal error ({}{at}); if the index at {} is damaged, `digest reindex` rebuilds it",
            digest::error::one_line(&what),
            dir.display()
        );
        let _ = writeln!(io::stderr(), "digest: {}", digest::text::sanitize(&msg));
    }));
}

/// Lets `digest search ilrs -artemis --json` mean what it says: in a search, a word
/// starting with a single `-` that is not one of search's own flags is a negated query
/// word. Flags (and any `--word`, so that typos are still reported) are moved before a
/// `--` and the query words after it.
fn query_words_after_flags(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    const WITH_VALUE: &[&str] = &[
        "--outlet", "-o", "--since", "--until", "--limit", "-n", "--index",
    ];
    const SWITCHES: &[&str] = &["--json", "-h", "--help"];
    let mut at = None;
    let mut i = 1;
    while i < args.len() {
        if args[i] == "--index" {
            i += 2;
            continue;
        }
        if args[i] == "search" {
            at = Some(i);
        }
        if !args[i].to_string_lossy().starts_with('-') {
            break;
        }
        i += 1;
    }
    let Some(at) = at else {
        return args;
    };
    if args[1..at].iter().any(|a| a == "--") {
        return args;
    }
    let mut out: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut words = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let s = arg.to_string_lossy();
        if s == "--" {
            words.extend(rest.by_ref().cloned());
        } else if WITH_VALUE.contains(&s.as_ref()) {
            out.push(arg.clone());
            out.extend(rest.next().cloned());
        } else if SWITCHES.contains(&s.as_ref())
            || (s.starts_with("--") && s.len() > 2)
            || WITH_VALUE
                .iter()
                .any(|f| f.starts_with("--") && s.starts_with(&format!("{f}=")))
        {
            out.push(arg.clone());
        } else {
            words.push(arg.clone());
        }
    }
    out.push("--".into());
    out.extend(words);
    out
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn index_dir(cli: &Cli) -> PathBuf {
    cli.index.clone().unwrap_or_else(index::default_dir)
}

fn run(cli: Cli, dir: &std::path::Path) -> anyhow::Result<Outcome> {
    let dir = dir.to_path_buf();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let style = Style::detect();
    let outcome = match cli.command {
        None => {
            digest::tui::run(&dir)?;
            Outcome::Found
        }
        Some(Command::Search {
            query,
            outlet,
            since,
            until,
            limit,
            json,
        }) => {
            let index = DigestIndex::open_seeded(&dir)?;
            let req = SearchRequest {
                query: query.join(" "),
                outlets: outlet,
                since,
                until,
                limit,
            };
            let results = search::search(&index, &req)?;
            if json {
                output::print_hits_json(&mut out, &results)?;
            } else {
                output::print_hits(&mut out, &results, style)?;
            }
            if results.total > 0 {
                Outcome::Found
            } else {
                Outcome::NothingFound
            }
        }
        Some(Command::Ingest {
            paths,
            outlet,
            threads,
            memory,
            no_bundled,
        }) => {
            let index = DigestIndex::open(&dir)?;
            let mut opts = IngestOptions {
                outlet,
                memory_mib: memory,
                ..Default::default()
            };
            if let Some(t) = threads {
                opts.threads = t.max(1);
            }
            opts.bundled = !no_bundled && index.article_count() == 0;
            let start = Instant::now();
            let bar = progress_bar();
            let report =
                index::writer::ingest_paths(&index, &paths, &opts, &mut |p| show_progress(&bar, p))
                    .map_err(|e| about_index(e, &format!("ingest into {}", dir.display())))?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            output::print_ingest_report(&mut out, &report, start.elapsed().as_secs_f64())?;
            Outcome::Found
        }
        Some(Command::Reindex {
            paths,
            no_bundled,
            threads,
            memory,
        }) => {
            let given = paths.len();
            let mut opts = index::ReindexOptions {
                paths,
                no_bundled,
                memory_mib: memory,
                ..Default::default()
            };
            if let Some(t) = threads {
                opts.threads = t.max(1);
            }
            let start = Instant::now();
            let bar = progress_bar();
            let report = index::reindex::reindex(&dir, &opts, &mut |p| show_progress(&bar, p))
                .map_err(|e| about_index(e, &format!("reindex {}", dir.display())))?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            output::print_ingest_report(&mut out, &report.ingest, start.elapsed().as_secs_f64())?;
            print_reindex_report(&mut out, &report, given)?;
            Outcome::Found
        }
        Some(Command::Outlets { json }) => {
            let index = DigestIndex::open_seeded(&dir)?;
            let outlets = index.outlet_summaries()?;
            if json {
                output::print_outlets_json(&mut out, &outlets)?;
            } else {
                output::print_outlets(&mut out, &outlets, style)?;
            }
            if outlets.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Found
            }
        }
        Some(Command::Events { limit, json }) => {
            let index = DigestIndex::open_seeded(&dir)?;
            let mut events = digest::framing::events(&index, &Default::default())?;
            let total = events.len();
            if let Some(n) = limit {
                events.truncate(n);
            }
            if json {
                output::print_events_json(&mut out, &events)?;
            } else {
                output::print_events(&mut out, &events, total, &index.outlet_summaries()?, style)?;
            }
            if events.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Found
            }
        }
        Some(Command::Compare {
            query,
            event,
            passages,
            json,
        }) => {
            let index = DigestIndex::open_seeded(&dir)?;
            let opts = digest::framing::CompareOptions {
                max_passages: passages,
                ..Default::default()
            };
            let comparison = match event {
                Some(id) => digest::framing::compare_event(&index, &id, &opts)?,
                None => digest::framing::compare_query(&index, &query.join(" "), &opts)?,
            };
            if json {
                output::print_comparison_json(&mut out, &comparison)?;
            } else {
                output::print_comparison(&mut out, &comparison, &index.outlet_summaries()?, style)?;
            }
            if comparison.outlets.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Found
            }
        }
        Some(Command::Show { id, json }) => {
            let index = DigestIndex::open_seeded(&dir)?;
            match index.article(&id)? {
                Some(a) => {
                    let origins = index.origins(&a.id)?;
                    if json {
                        output::print_article_json(&mut out, &a, &origins)?;
                    } else {
                        output::print_article(&mut out, &a, &origins, style)?;
                    }
                    Outcome::Found
                }
                None => {
                    eprintln!(
                        "digest: no article with id {:?}",
                        digest::text::sanitize_inline(&id)
                    );
                    Outcome::NothingFound
                }
            }
        }
    };
    out.flush()?;
    Ok(outcome)
}

/// An error of a command that writes: errors about the index name it already; others
/// get `what` ("ingest into DIR") in front.
fn about_index(e: digest::Error, what: &str) -> anyhow::Error {
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

/// What reindex recovered and what it could not, after the ingest summary.
fn print_reindex_report(
    w: &mut dyn Write,
    r: &digest::index::ReindexReport,
    given: usize,
) -> io::Result<()> {
    use digest::index::reindex::RecoveredFrom;
    use digest::text::sanitize_inline;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let rec = &r.recovered;
    let mut from = Vec::new();
    if !matches!(rec.from, RecoveredFrom::Nothing(_)) {
        from.push(plural(rec.files.len(), "recorded file", "recorded files"));
    }
    if r.bundled {
        from.push("the bundled corpus".to_string());
    }
    if given > 0 {
        from.push(plural(given, "path given", "paths given"));
    }
    let from = match from.len() {
        0 => "nothing".to_string(),
        1 => from.remove(0),
        _ => {
            let last = from.pop().unwrap_or_default();
            format!("{} and {last}", from.join(", "))
        }
    };
    let path = r.path.display().to_string();
    let path = sanitize_inline(&path);
    match &rec.from {
        RecoveredFrom::Commit => writeln!(w, "rebuilt {path} from {from}")?,
        RecoveredFrom::SegmentFiles(why) => writeln!(
            w,
            "rebuilt {path} from {from}; {}, so the sources were read from every segment file, including any of unfinished runs",
            sanitize_inline(why)
        )?,
        RecoveredFrom::Nothing(why) => writeln!(
            w,
            "rebuilt {path} from {from}: no recorded sources could be read ({})",
            sanitize_inline(why)
        )?,
    }
    let overridden = rec.overridden();
    if overridden > 0 {
        writeln!(
            w,
            "{} the --outlet {} ingested with",
            plural(overridden, "file keeps", "files keep"),
            if overridden == 1 {
                "it was"
            } else {
                "they were"
            }
        )?;
    }
    for p in &rec.problems {
        writeln!(w, "not recovered: {}", sanitize_inline(p))?;
    }
    if rec.unreadable_docs > 0 {
        writeln!(
            w,
            "not recovered: {} that could not be decoded",
            plural(rec.unreadable_docs, "stored document", "stored documents")
        )?;
    }
    let no_index = matches!(&rec.from, RecoveredFrom::Nothing(why) if why == "there was no index");
    if !rec.complete() && !no_index {
        writeln!(
            w,
            "articles whose records could not be read are not in the new index: give their files or directories to `digest reindex PATH...` or `digest ingest`"
        )?;
    }
    if let Some(kept) = &r.kept {
        writeln!(
            w,
            "the old index was kept in {}; delete it once the new one has what you need",
            sanitize_inline(&kept.display().to_string())
        )?;
    }
    Ok(())
}

/// Draws ingest progress on the bar, once a run has lasted a second.
fn show_progress(bar: &Option<indicatif::ProgressBar>, p: index::Progress) {
    if let Some(bar) = bar
        && p.elapsed.as_secs_f64() >= 1.0
    {
        if bar.is_hidden() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    }
}

/// A progress bar on a terminal, drawn only once a run has lasted a second.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}
