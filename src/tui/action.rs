//! Everything that can happen to the reader, as data.
//!
//! Keys, the mouse, resizes and the search worker's answers all become an [`Action`];
//! [`super::app::update`] applies it to the state. Keys mean different things in
//! different places (`j` types a letter on the search line and moves down in the list),
//! so [`super::keys::map`] decides with the state in hand.

use crate::framing::Event;
use crate::index::OutletSummary;
use crate::model::{Origin, SearchResults};

use super::worker::ComparisonAnswer;

/// What the index holds, as the worker last saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexInfo {
    /// Number of articles.
    pub articles: usize,
    /// Outlets with their counts, most articles first (the order of the `1`–`9` keys).
    pub outlets: Vec<OutletSummary>,
}

/// One thing to do to the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// Type a character into the focused text field (search line or date prompt).
    Input(char),
    /// Insert pasted text into the focused text field.
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Empty the focused text field.
    Clear,
    /// Move the text cursor one character left.
    CursorLeft,
    /// Move the text cursor one character right.
    CursorRight,
    /// Move the text cursor to the start of the field.
    CursorStart,
    /// Move the text cursor to the end of the field.
    CursorEnd,
    /// Select the previous item, or scroll up one line.
    Up,
    /// Select the next item, or scroll down one line.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Go to the first item or the top of the text.
    Top,
    /// Go to the last item or the end of the text.
    Bottom,
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// Open the selected article in the reader.
    Open,
    /// Go back one level: close a pop-up, leave the reader, leave the search line.
    Back,
    /// Put the focus on the search line.
    FocusSearch,
    /// Put the focus on the result list.
    FocusList,
    /// Toggle the outlet with this position in the outlet list (0-based).
    ToggleOutlet(usize),
    /// Toggle the outlet under the cursor in the outlet picker.
    ToggleCurrent,
    /// Drop the outlet filter: all outlets.
    AllOutlets,
    /// Open the outlet picker.
    OpenOutlets,
    /// Open the date prompt.
    OpenDates,
    /// Apply the date prompt.
    Submit,
    /// Jump to the next query-word match in the reader.
    NextMatch,
    /// Jump to the previous query-word match in the reader.
    PrevMatch,
    /// Show the key help.
    Help,
    /// Re-read the index (picks up articles ingested meanwhile) and search again.
    Refresh,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The worker's answer to search request `generation`.
    Results {
        /// The request this answers.
        generation: u64,
        /// Hits, or what was wrong with the request.
        outcome: Result<SearchResults, String>,
    },
    /// The worker's view of the index changed (new articles or outlets).
    Index(IndexInfo),
    /// The worker's list of every file article `id` was ingested from.
    Origins {
        /// Article id.
        id: String,
        /// Its origins.
        origins: Vec<Origin>,
    },
    /// Leave digest.
    Quit,
    /// Open the events view (key `e`): happenings two or more outlets report.
    OpenEvents,
    /// Open the comparison of the current search (key `c`): outlets side by side.
    OpenCompare,
    /// Comparison: focus the next outlet column.
    NextColumn,
    /// Comparison: focus the previous outlet column.
    PrevColumn,
    /// The worker's answer to events request `generation`.
    Events {
        /// The request this answers.
        generation: u64,
        /// Events, most widely covered first, or what went wrong.
        outcome: Result<Vec<Event>, String>,
    },
    /// The worker's answer to comparison request `generation`.
    Comparison {
        /// The request this answers.
        generation: u64,
        /// The comparison with the articles its passages come from, or what went wrong.
        outcome: Result<Box<ComparisonAnswer>, String>,
    },
}
