//! Comparisons: one column per outlet with the signals of how it tells the story.

use super::Comparison;
use crate::error::Result;
use crate::index::DigestIndex;

/// Options for a comparison.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Articles to take from the search, at most.
    pub max_articles: usize,
    /// Passages to keep per outlet, at most.
    pub max_passages: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            max_articles: 200,
            max_passages: 12,
        }
    }
}

/// The comparison of the articles matching a query.
pub fn compare_query(
    index: &DigestIndex,
    query: &str,
    opts: &CompareOptions,
) -> Result<Comparison> {
    let _ = (index, opts);
    Ok(Comparison {
        query: Some(query.to_string()),
        event: None,
        label: query.to_string(),
        outlets: Vec::new(),
        missing: Vec::new(),
    })
}

/// The comparison of one event found by [`super::events`].
pub fn compare_event(index: &DigestIndex, id: &str, opts: &CompareOptions) -> Result<Comparison> {
    let _ = (index, opts);
    Ok(Comparison {
        query: None,
        event: Some(id.to_string()),
        label: id.to_string(),
        outlets: Vec::new(),
        missing: Vec::new(),
    })
}
