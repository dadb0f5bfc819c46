//! What the worker sends back, as data.
//!
//! Each answer that was asked for carries the ticket of its request (see
//! [`super::pending::Pending`]), so an answer to anything but the newest request of its
//! kind is dropped. Answers the user did not ask for (the index changed) carry none.

use std::collections::HashMap;

use crate::framing::{Comparison, Event};
use crate::index::OutletSummary;
use crate::model::{Article, Origin, SearchResults};

/// What the index holds, as the worker last saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexInfo {
    /// Number of articles.
    pub articles: usize,
    /// Outlets with their counts, most articles first (the order of the `1`–`9` keys).
    pub outlets: Vec<OutletSummary>,
}

/// A comparison with the articles its passages come from, so a passage opens in the
/// reader without another trip to the index.
#[derive(Debug, Clone)]
pub struct ComparisonAnswer {
    /// The comparison.
    pub comparison: Comparison,
    /// The articles of the passages, by id.
    pub articles: HashMap<String, Article>,
}

/// One answer from the worker.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The answer to search request `ticket`.
    Results {
        /// The request this answers.
        ticket: u64,
        /// Hits, or what was wrong with the request.
        outcome: Result<SearchResults, String>,
    },
    /// The worker's view of the index changed (new articles or outlets).
    Index(IndexInfo),
    /// Every file article `id` was ingested from.
    Origins {
        /// Article id.
        id: String,
        /// Its origins.
        origins: Vec<Origin>,
    },
    /// The answer to events request `ticket`.
    Events {
        /// The request this answers.
        ticket: u64,
        /// Events, most widely covered first, or what went wrong.
        outcome: Result<Vec<Event>, String>,
    },
    /// How the background fetch is going (it is never stale: one runs at a time).
    Fetch(FetchStatus),
    /// The answer to comparison request `ticket`.
    Comparison {
        /// The request this answers.
        ticket: u64,
        /// The comparison with the articles its passages come from, or what went wrong.
        outcome: Result<Box<ComparisonAnswer>, String>,
    },
}

/// Where the reader's background fetch of the subscribed feeds is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchStatus {
    /// `done` of `total` feeds fetched (`total` is 0 until the feeds are read).
    Fetching {
        /// Feeds fetched.
        done: usize,
        /// Feeds subscribed.
        total: usize,
    },
    /// Every feed fetched; the new items are being indexed.
    Indexing {
        /// New items.
        items: usize,
    },
    /// Finished: the one-line summary (`3 new articles from 5 feeds`).
    Done(String),
    /// It could not run (no feeds, the index busy): why.
    Failed(String),
}

impl FetchStatus {
    /// Whether the fetch is still under way.
    pub fn running(&self) -> bool {
        matches!(
            self,
            FetchStatus::Fetching { .. } | FetchStatus::Indexing { .. }
        )
    }
}
