//! Errors: typed inside the library, turned into messages and exit codes at the edge.

use std::path::PathBuf;

/// Everything that can go wrong in digest, apart from per-file ingest problems (those
/// are counted and reported, not raised).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another process is writing to the index.
    #[error("index is busy: another digest process is writing to {0} (try again when it finishes)")]
    IndexBusy(PathBuf),
    /// The index was written by a different version of digest.
    #[error(
        "the index at {path} was written by an incompatible version of digest ({found}); rebuild it: remove the directory and run `digest ingest` again"
    )]
    IncompatibleIndex { path: PathBuf, found: String },
    /// The index directory cannot be opened or is damaged.
    #[error("cannot open the index at {path}: {reason}")]
    OpenIndex { path: PathBuf, reason: String },
    /// The query could not be parsed.
    #[error("bad query: {0}")]
    Query(String),
    /// An outlet name matches no known outlet.
    #[error("unknown outlet {name:?}; known outlets: {known}")]
    UnknownOutlet { name: String, known: String },
    /// A date flag is not `YYYY-MM-DD`.
    #[error("bad date {0:?}: expected YYYY-MM-DD")]
    BadDate(String),
    /// No article has this id.
    #[error("no article with id {0:?}")]
    NoSuchArticle(String),
    /// No event has this id.
    #[error("no event with id {0:?} (see `digest events`)")]
    NoSuchEvent(String),
    /// An error from the index engine.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    /// An I/O error.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Result with digest's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
