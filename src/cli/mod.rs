//! The `digest` command line: one file per command, each an `Args` struct (what the
//! user may type) and a `run` (what it does), so a new command is a new file here and a
//! line in [`Command`].
//!
//! It lives in the binary, not the library: nothing but `main` runs a command, and the
//! library's users (the reader, the tests, the benchmarks) need neither clap's types nor
//! the `anyhow` errors and exit codes of the shell's edge. Touching a command also
//! rebuilds only the binary.
//!
//! The reading commands share one shape — open the index, compute, print as JSON or for
//! people, say whether anything was found — written once in [`answer`]. Flags that
//! several commands take are declared once and flattened in: [`JsonArg`] and
//! [`indexer::IndexerArgs`].

mod compare;
mod events;
mod feeds;
mod fetch;
mod indexer;
mod ingest;
mod outlets;
mod query_words;
mod reindex;
mod remove;
mod search;
mod show;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};
use digest::Registries;
use digest::index::{self, DigestIndex};
use digest::output::Style;

/// Read how different outlets tell the same story.
///
/// Run `digest` with no command to open the reader: search as you type, filter by outlet
/// and date, read, compare outlets side by side (`?` lists its keys).
#[derive(Parser)]
#[command(
    name = "digest",
    version,
    about = "Read how different outlets tell the same story. Run with no command to open the reader.",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else
    /// $XDG_DATA_HOME/digest/index]
    // DIGEST_INDEX is read by hand, not with clap's `env`: clap puts an argument set from
    // the environment into its usage lines, which then make `--index` look required.
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,
    /// Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Start without ~/.config/digest/config.toml (the defaults)
    #[arg(long, global = true)]
    no_config: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// `--color`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The examples `digest --help` ends with.
const EXAMPLES: &str = "\
Examples:
  digest                                   open the reader
  digest search \"lunar station\" --outlet tass
  digest list --since 2021-03-01 -n 5      the newest articles
  digest compare lunar station             outlets side by side
  digest ingest ~/news/ page.html https://tass.com/science/1
  digest feeds add https://tass.com/rss/v2.xml && digest fetch
  digest completions bash > ~/.local/share/bash-completion/completions/digest";

#[derive(Subcommand)]
enum Command {
    /// Search articles: words, "phrases", OR, NOT/-word, title:, outlet:
    Search(search::SearchArgs),
    /// List the newest articles (under the outlet and date filters)
    List(search::ListArgs),
    /// Add article files, saved web pages, web addresses or directories to the index
    Ingest(ingest::IngestArgs),
    /// List outlets with their article counts and date ranges
    Outlets(outlets::OutletsArgs),
    /// List events: happenings reported by two or more outlets
    Events(events::EventsArgs),
    /// Compare how each outlet tells a story: a query, or an event from `digest events`
    Compare(compare::CompareArgs),
    /// Rebuild the index from the files it was built from (and PATHs, if given)
    Reindex(reindex::ReindexArgs),
    /// Show one article, cleaned, with its metadata and provenance
    Show(show::ShowArgs),
    /// Remove articles (by id, or every article of a source file) and keep them out
    Remove(remove::RemoveArgs),
    /// List, add, remove, import and export the feeds digest follows
    Feeds(feeds::FeedsArgs),
    /// Fetch every feed and add the new articles (in one commit)
    Fetch(fetch::FetchArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print digest's manual page (roff: `digest man | man -l -`)
    Man,
    /// Where the configuration file is, whether digest can use it, or a commented default
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
        /// Print the answer as one JSON document
        #[arg(long, global = true)]
        json: bool,
    },
}

#[derive(Subcommand, Clone, Copy)]
enum ConfigCommand {
    /// Print the configuration file's path
    Path,
    /// Read the configuration file and say whether digest can use it (exit 2 if not)
    Check,
    /// Print a commented default configuration
    Default,
}

/// `--json`, for every command that prints a result.
#[derive(clap::Args)]
pub struct JsonArg {
    /// Print one JSON document
    #[arg(long)]
    pub json: bool,
}

/// `--format` of `search`, `list` and `compare`: output for other programs.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Export {
    Csv,
    Ndjson,
    Markdown,
}

/// `--since`, `--until`, `--outlet`: the articles `search` and `list` keep, the window
/// `events` and `compare` look through.
#[derive(clap::Args)]
pub struct WindowArgs {
    /// Only on or after YYYY-MM-DD
    #[arg(long)]
    pub since: Option<String>,
    /// Only on or before YYYY-MM-DD
    #[arg(long)]
    pub until: Option<String>,
    /// Only this outlet (id, name or alias); repeat for several
    #[arg(long, short)]
    pub outlet: Vec<String>,
}

impl WindowArgs {
    /// The window, its dates checked and its outlets resolved against the index.
    pub fn window(&self, index: &DigestIndex) -> digest::Result<digest::framing::Window> {
        let window = digest::framing::Window {
            since: self.since.clone(),
            until: self.until.clone(),
            outlets: self
                .outlet
                .iter()
                .map(|o| digest::search::resolve_outlet(index, o))
                .collect::<digest::Result<_>>()?,
        };
        window.check()?;
        Ok(window)
    }
}

/// What a command wants the process to exit with (errors aside).
pub enum Outcome {
    /// Something was found or done: exit code 0.
    Found,
    /// Nothing matched: exit code 1.
    NothingFound,
}

/// What every command is run with.
pub struct Context {
    /// The index directory.
    pub dir: PathBuf,
    /// The outlet and entity registries the index is opened with.
    pub registries: Registries,
    /// Colour on stdout.
    pub color: bool,
    /// `config.toml` (the defaults with `--no-config` or without a file).
    pub config: digest::config::Config,
}

impl Cli {
    /// The command line of this process, with a search's query words told from its flags
    /// (see [`query_words::after_flags`]). Exits with a usage message when it is wrong.
    pub fn from_env() -> Cli {
        let args = query_words::after_flags(std::env::args_os().collect(), &Cli::command());
        Cli::parse_from(args)
    }

    /// The index directory: `--index`, `DIGEST_INDEX` or the default.
    pub fn index_dir(&self) -> PathBuf {
        self.given_index().unwrap_or_else(index::default_dir)
    }

    /// `--index`, else a non-empty `DIGEST_INDEX`.
    fn given_index(&self) -> Option<PathBuf> {
        self.index.clone().or_else(|| {
            std::env::var_os("DIGEST_INDEX")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// The configuration file's settings, unless `--no-config`.
    fn config(&self) -> anyhow::Result<digest::config::Config> {
        if self.no_config {
            return Ok(Default::default());
        }
        // `digest config` works whatever the file says.
        if matches!(self.command, Some(Command::Config { .. })) {
            return Ok(Default::default());
        }
        Ok(match digest::config::path() {
            Some(p) => digest::config::load(&p)?,
            None => Default::default(),
        })
    }

    /// What the commands are run with; the user's registries from the config directory
    /// are merged over the bundled ones here, so a bad file stops every command alike.
    pub fn context(&self) -> anyhow::Result<Context> {
        let mut registries = match Registries::config_dir() {
            Some(dir) => Registries::with_user_files(&dir)?,
            None => Registries::bundled(),
        };
        let config = self.config()?;
        // Outlet colours from the file, for the reader and the shell's output alike.
        let outlet_colors = config.outlet_rgb();
        if !outlet_colors.is_empty() {
            std::sync::Arc::make_mut(&mut registries.outlets).set_colors(outlet_colors);
        }
        Ok(Context {
            // `--index` and `DIGEST_INDEX`, then the file's `index`, then the default.
            dir: self
                .given_index()
                .or_else(|| config.index.clone())
                .unwrap_or_else(index::default_dir),
            registries,
            color: match self.color {
                ColorChoice::Auto => digest::output::stdout_color(),
                ColorChoice::Always => true,
                ColorChoice::Never => false,
            },
            config,
        })
    }

    /// Runs the command; with none, opens the reader.
    pub fn run(self, ctx: &Context) -> anyhow::Result<Outcome> {
        match self.command {
            None => {
                let c = &ctx.config;
                let settings = digest::tui::Settings {
                    theme: c.theme.clone(),
                    colors: c.element_colors(),
                    keys: c.key_overrides().map_err(anyhow::Error::msg)?,
                };
                digest::tui::run(&ctx.dir, ctx.registries.clone(), settings)?;
                Ok(Outcome::Found)
            }
            Some(Command::Search(args)) => search::run(args, ctx),
            Some(Command::List(args)) => search::list(args, ctx),
            Some(Command::Ingest(args)) => ingest::run(args, ctx),
            Some(Command::Outlets(args)) => outlets::run(args, ctx),
            Some(Command::Events(args)) => events::run(args, ctx),
            Some(Command::Compare(args)) => compare::run(args, ctx),
            Some(Command::Reindex(args)) => reindex::run(args, ctx),
            Some(Command::Show(args)) => show::run(args, ctx),
            Some(Command::Remove(args)) => remove::run(args, ctx),
            Some(Command::Feeds(args)) => feeds::run(args, ctx),
            Some(Command::Fetch(args)) => fetch::run(args, ctx),
            // Written to memory first: clap_complete panics on a write error, and a
            // closed pipe (`| head`) is not an error here.
            Some(Command::Completions { shell }) => {
                let mut script = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "digest", &mut script);
                ctx.print(|w| Ok(w.write_all(&script)?))?;
                Ok(Outcome::Found)
            }
            Some(Command::Config { what, json }) => {
                let path = digest::config::path();
                let exists = path.as_ref().is_some_and(|p| p.is_file());
                let text = match (what, json) {
                    (ConfigCommand::Default, false) => digest::config::DEFAULT.to_string(),
                    (ConfigCommand::Default, true) => {
                        serde_json::json!({ "default": digest::config::DEFAULT }).to_string() + "\n"
                    }
                    (what, json) => {
                        let Some(path) = path else {
                            anyhow::bail!("no configuration directory on this system");
                        };
                        if let ConfigCommand::Check = what {
                            // A file digest cannot use is the command's error.
                            digest::config::load(&path)?;
                        }
                        match (what, json) {
                            (_, true) => {
                                let mut doc = serde_json::json!({
                                    "path": path.display().to_string(),
                                    "exists": exists,
                                });
                                if let ConfigCommand::Check = what {
                                    doc["ok"] = true.into();
                                }
                                doc.to_string() + "\n"
                            }
                            (ConfigCommand::Check, false) if exists => {
                                format!("{}: ok\n", path.display())
                            }
                            (ConfigCommand::Check, false) => {
                                format!("{}: no file; digest uses its defaults\n", path.display())
                            }
                            _ => format!("{}\n", path.display()),
                        }
                    }
                };
                ctx.print(|w| Ok(w.write_all(text.as_bytes())?))?;
                Ok(Outcome::Found)
            }
            Some(Command::Man) => {
                let mut page = Vec::new();
                clap_mangen::Man::new(Cli::command()).render(&mut page)?;
                ctx.print(|w| Ok(w.write_all(&page)?))?;
                Ok(Outcome::Found)
            }
        }
    }
}

impl Context {
    /// The style of the human printers: colour, and the outlets' colours and names.
    pub fn style(&self) -> Style<'_> {
        Style {
            color: self.color,
            depth: digest::color::Depth::detect(),
            outlets: &self.registries.outlets,
        }
    }

    /// Opens the index, seeding a new one with the bundled corpus.
    pub fn open_seeded(&self) -> digest::Result<DigestIndex> {
        DigestIndex::open_seeded_with(&self.dir, self.registries.clone())
    }

    /// Runs `print` on buffered stdout and flushes it.
    pub fn print(
        &self,
        print: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        print(&mut out)?;
        out.flush()?;
        Ok(())
    }
}

/// The reading commands' shape: opens the index (a new one is seeded with the bundled
/// corpus), `compute`s the result, prints it with `json` or `human` as `--json` asks,
/// and turns `found` into the outcome.
pub fn answer<T>(
    ctx: &Context,
    output: &JsonArg,
    compute: impl FnOnce(&DigestIndex) -> anyhow::Result<T>,
    found: impl FnOnce(&T) -> bool,
    json: impl FnOnce(&mut dyn Write, &T) -> io::Result<()>,
    human: impl FnOnce(&mut dyn Write, &T, &DigestIndex, Style) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let index = ctx.open_seeded()?;
    let result = compute(&index)?;
    ctx.print(|w| {
        if output.json {
            json(w, &result)?;
        } else {
            human(w, &result, &index, ctx.style())?;
        }
        Ok(())
    })?;
    Ok(if found(&result) {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// A count flag that must be 1 or more (`--limit 0` asks for nothing: an error, not one
/// result). Larger than the index is fine: the search lists everything.
pub fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be 1 or more".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a whole number, 1 or more".into()),
    }
}
