//! Errors: typed inside the library, turned into messages and exit codes at the edge.
//!
//! Every error about the index itself names the index directory and, where rebuilding is
//! the way out, says so: `digest reindex` rebuilds an index from the files it was built
//! from. Messages are one line.

use std::path::PathBuf;

/// Everything that can go wrong in digest, apart from per-file ingest problems (those
/// are counted and reported, not raised).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another process is writing to the index.
    #[error("index is busy: another digest process is writing to {0} (try again when it finishes)")]
    IndexBusy(PathBuf),
    /// The index was written by a different version of digest.
    #[error("the index at {path} was written by {found}; {advice}")]
    IncompatibleIndex {
        /// The index directory.
        path: PathBuf,
        /// Who wrote it, e.g. "an older version of digest (index format digest-index-3)".
        found: String,
        /// What to do, e.g. "rebuild it with `digest reindex`".
        advice: String,
    },
    /// The index directory holds an index that cannot be read.
    #[error("the index at {path} is damaged ({reason}); rebuild it with `digest reindex`")]
    DamagedIndex {
        /// The index directory.
        path: PathBuf,
        /// What is wrong, in a few words.
        reason: String,
    },
    /// `digest reindex` stopped between moving the old index away and moving the new one
    /// in: the index directory is missing, the previous index is beside it.
    #[error(
        "the index at {path} is missing: `digest reindex` was interrupted while replacing it (the previous index is in {previous}); run `digest reindex` to finish"
    )]
    InterruptedReindex {
        /// The index directory.
        path: PathBuf,
        /// Where the previous index is.
        previous: PathBuf,
    },
    /// A writing command was interrupted (Ctrl-C) before it committed anything.
    #[error("interrupted; the index is unchanged")]
    Interrupted,
    /// The directory given as the index holds other things.
    #[error(
        "{0} is not a digest index: it holds other files and no index; choose an empty or new directory with --index or DIGEST_INDEX"
    )]
    NotAnIndex(PathBuf),
    /// The index directory cannot be opened or created.
    #[error("cannot open the index at {path}: {reason}")]
    OpenIndex {
        /// The index directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Writing to the index failed (read-only directory, full disk, file size limit); the
    /// run's changes were not committed.
    #[error("cannot write to the index at {path}: {reason}; nothing was changed")]
    WriteIndex {
        /// The index directory.
        path: PathBuf,
        /// Why, usually the operating system's words ("No space left on device").
        reason: String,
    },
    /// The query could not be parsed.
    #[error("bad query: {0}")]
    Query(String),
    /// An outlet name matches no known outlet.
    #[error("{}", unknown_outlet(name, nearest, *all))]
    UnknownOutlet {
        /// The name as given.
        name: String,
        /// Outlets of the index to offer instead (`Fox News (fox)`), nearest first.
        nearest: Vec<String>,
        /// Whether `nearest` is every outlet of the index (it is short).
        all: bool,
    },
    /// A user's registry file (`outlets.json`, `entities.json`) cannot be used.
    #[error("{}: {reason}", path.display())]
    Registry {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong, with its line and column when the JSON is at fault.
        reason: String,
    },
    /// An outlet the registry knows, of which the index holds no article.
    #[error("{}", outlet_without_articles(name, nearest))]
    OutletWithoutArticles {
        /// The outlet's display name.
        name: String,
        /// Outlets of the index to offer instead, nearest first.
        nearest: Vec<String>,
    },
    /// A period that ends before it starts.
    #[error("--since {since} is after --until {until}")]
    BackwardsPeriod {
        /// The start given.
        since: String,
        /// The end given.
        until: String,
    },
    /// A date flag is not `YYYY-MM-DD`.
    #[error("bad date {0:?}: expected YYYY-MM-DD")]
    BadDate(String),
    /// No article has this id (or unique prefix). Like [`Error::NoSuchEvent`], the
    /// shell reports it with exit code 1, as a search that finds nothing.
    #[error("no article with id {0:?} (see `digest search`)")]
    NoSuchArticle(String),
    /// No event has this id (or unique prefix).
    #[error("no event with id {0:?} (see `digest events`)")]
    NoSuchEvent(String),
    /// No subscription has this URL or id (or unique prefix).
    #[error("no feed {0:?} (see `digest feeds`)")]
    NoSuchFeed(String),
    /// The configuration file cannot be read or says something digest cannot use.
    #[error("{}: {reason} (start without it: --no-config)", path.display())]
    BadConfig {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong, and where.
        reason: String,
    },
    /// A fetch was asked for with no subscriptions.
    #[error("no feeds to fetch: add one with `digest feeds add URL`")]
    NoFeeds,
    /// A feed URL that cannot be subscribed to.
    #[error("cannot follow {url}: {reason}")]
    BadFeed {
        /// The URL given.
        url: String,
        /// Why.
        reason: String,
    },
    /// The subscriptions file cannot be read or written.
    #[error("feeds file {}: {reason}", path.display())]
    BadFeedsFile {
        /// Its path.
        path: std::path::PathBuf,
        /// Why.
        reason: String,
    },
    /// A page or feed could not be fetched.
    #[error("cannot fetch {url}: {reason}")]
    Fetch {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// An OPML document that cannot be read.
    #[error("not a readable OPML file: {0}")]
    BadOpml(String),
    /// An error from the index engine.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    /// An I/O error.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Result with digest's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// When a tantivy error says the index files are missing, truncated or corrupted, what is
/// wrong, in a few words (`file 4665….store is missing`); `None` for other errors.
///
/// tantivy reports damage it meets while searching as data corruption or as a failure to
/// open a file for reading; both mean the index must be rebuilt.
pub fn damage(e: &tantivy::TantivyError) -> Option<String> {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::OpenReadError;
    let file_name = |p: &std::path::Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    match e {
        T::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            Some(format!("file {} is missing", file_name(p)))
        }
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            Some(match io_error.kind() {
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => {
                    format!("file {} is truncated or corrupted", file_name(filepath))
                }
                _ => format!("file {} cannot be read: {}", file_name(filepath), io_error),
            })
        }
        T::OpenReadError(OpenReadError::IncompatibleIndex(_)) | T::IncompatibleIndex(_) => {
            Some("its files were written by an incompatible version of the index engine".into())
        }
        T::DataCorruption(c) => {
            let text = format!("{c:?}");
            Some(if text.contains("meta.json") {
                "meta.json is not a valid index description".to_string()
            } else if text.contains(".managed.json") {
                ".managed.json is not a valid file list".to_string()
            } else {
                // "Data corruption (in file `x`): what." → "what"
                let what = text.rsplit("): ").next().unwrap_or(&text);
                let what = what.trim_start_matches("Data corruption: ");
                let what = what.split(". ").next().unwrap_or(what);
                format!(
                    "a segment file is missing or corrupted: {}",
                    short(what.trim_end_matches('.'))
                )
            })
        }
        // Reading a file that is there (a stored block that does not decompress, a term
        // dictionary of an unknown version): its content is at fault, unless the error
        // is about the machine rather than the file.
        T::IoError(io)
            if !matches!(
                io.kind(),
                std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::OutOfMemory
                    | std::io::ErrorKind::StorageFull
                    | std::io::ErrorKind::QuotaExceeded
                    | std::io::ErrorKind::FileTooLarge
                    | std::io::ErrorKind::ReadOnlyFilesystem
                    | std::io::ErrorKind::Interrupted
            ) =>
        {
            Some(format!(
                "a segment file is corrupted: {}",
                short(&io.to_string())
            ))
        }
        T::DeserializeError(e) => Some(format!(
            "a stored document is corrupted: {}",
            short(&e.to_string())
        )),
        _ => None,
    }
}

/// `s` on one line: runs of whitespace, line breaks included, become one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` on one line and at most 160 characters: for quoting another program's words.
pub fn short(s: &str) -> String {
    let out = one_line(s);
    if out.chars().count() > 160 {
        out.chars().take(159).collect::<String>() + "…"
    } else {
        out
    }
}

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err(what it said)`. The index engine panics, rather
/// than returning an error, on some kinds of corrupted data; where digest can say
/// "damaged" instead, it runs the engine through this. While `f` runs,
/// [`panic_is_caught`] is true on this thread, so a panic hook can stay quiet.
pub fn catching_panics<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let before = CATCHING.with(|c| c.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(before));
    r.map_err(|payload| panic_message(&*payload))
}

/// What a panic said, from its payload (`panic!("…")` or a `String`); `unknown cause`
/// for anything else.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into())
}

/// Whether a panic on this thread is about to be caught by [`catching_panics`] (and
/// reported as an error), so that a panic hook need not report it.
pub fn panic_is_caught() -> bool {
    CATCHING.with(|c| c.get())
}

/// Outlets offered instead of a name, one per line.
fn offer(lines: &[String]) -> String {
    lines.iter().map(|l| format!("\n  {l}")).collect()
}

fn unknown_outlet(name: &str, nearest: &[String], all: bool) -> String {
    match (nearest.is_empty(), all) {
        (true, _) => format!("unknown outlet {name:?}; the index holds no outlets"),
        (false, true) => format!(
            "unknown outlet {name:?}; the outlets are:{}",
            offer(nearest)
        ),
        (false, false) => format!("unknown outlet {name:?}; did you mean:{}", offer(nearest)),
    }
}

fn outlet_without_articles(name: &str, nearest: &[String]) -> String {
    let mut s = format!("the index holds no articles from {name:?}");
    if !nearest.is_empty() {
        s.push_str("; outlets with articles:");
        s.push_str(&offer(nearest));
    }
    s
}
