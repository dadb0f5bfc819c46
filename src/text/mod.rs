//! Text: the one place where words are decided.
//!
//! Every piece of digest that compares words — the index, the query parser, snippet
//! highlighting, entity recognition, sentence splitting — goes through this module, so
//! that `Chang’e-4` typed in a query meets `Chang'e 4` in an article. Which characters
//! are apostrophes and dashes, and how a word is lower-cased, is written once, in
//! [`fold`]; the analyzer and the framing signals both use it. Nothing here knows about
//! files, the index on disk or terminals.

mod analyzer;
mod entities;
pub mod fold;
mod sanitize;
mod sentences;

pub use analyzer::{Analysed, AnalyzedToken, Analyzer, normalize_word};
pub use entities::{Entity, EntityMatch, EntityMatcher, EntityRegistry};
pub use sanitize::{sanitize, sanitize_inline};
pub use sentences::split_sentences;
