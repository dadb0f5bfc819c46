//! digest: a terminal reader for how different outlets tell the same story.
//!
//! The library holds everything below the screen: reading and cleaning articles
//! ([`ingest`]), the words ([`text`]), the tantivy index ([`index`]), searching
//! ([`search`]), how outlets tell a story ([`framing`]), printing for the shell
//! ([`output`], whose formatting helpers the reader shares) and the terminal reader
//! ([`tui`]). The outlet and entity [`Registries`] are one value the caller builds and
//! opens the index with; nothing below reaches for the bundled ones itself. The `digest`
//! binary holds the command line (`src/cli/`, one file per command) and maps outcomes
//! and errors to exit codes.

pub mod bundled;
pub mod color;
pub mod config;
pub mod error;
pub mod feeds;
pub mod fetch;
pub mod framing;
pub mod index;
pub mod ingest;
pub mod model;
pub mod outlets;
pub mod output;
pub mod registries;
pub mod search;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
pub use registries::Registries;
