//! Integration tests of the one-shot commands (`search`, `ingest`, `outlets`, `show`),
//! run against the built `digest` binary. Every test works in its own temporary index.

mod util;

mod analyzer;
mod clean;
mod cli;
mod faults;
mod framing;
mod hostile;
mod index;
mod ingest;
mod sanitize;
mod search;
mod signals;
