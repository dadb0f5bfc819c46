//! digest's one integration-test binary: `cargo test --test tests [MODULE::]`.
//!
//! The one-shot commands (`search`, `ingest`, `outlets`, `show`, `reindex`) run as the
//! built `digest` binary, each test in its own temporary index (`analyzer`, `clean`,
//! `cli`, `faults`, `framing`, `hostile`, `index`, `ingest`, `sanitize`, `search`,
//! `signals`); `properties` holds the property tests (with `properties/invariants.rs`,
//! shared with the fuzz targets); `tui` holds the reader's tests.
//!
//! Helpers live in `util`: the sandboxed binary runner and JSON schemas (`util/mod.rs`),
//! the tmux driver (`util/tmux.rs`) and the reader's test fixture (`util/tui.rs`).

mod util;

mod analyzer;
mod clean;
mod cli;
mod faults;
mod feeds;
mod framing;
mod hostile;
mod index;
mod ingest;
mod properties;
mod sanitize;
mod search;
mod signals;
mod tui;
