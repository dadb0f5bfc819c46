//! The screens of the reader, one folder each: its state, its `update` (no I/O; what it
//! needs done comes back as [`Effect`]s) and its `draw` (reads the state, draws, nothing
//! else).
//!
//! - [`list`]: the search line, the result list and the preview (the bottom of the stack);
//! - [`reader`]: one article, whole;
//! - [`events`]: happenings two or more outlets report;
//! - [`compare`]: outlets side by side on one story;
//! - [`popup`]: the help, the outlet picker and the date prompt, drawn over a screen.
//!
//! Screens never import each other's state or the app: a screen that opens another says
//! so with an effect, and the app ([`super::app`]) keeps the stack. What every screen may
//! read — theme, terminal size, what the index holds — is the [`Ctx`].

pub mod compare;
pub mod events;
pub mod list;
pub mod popup;
pub mod reader;

use std::collections::HashSet;
use std::ops::Range;

use ratatui::layout::Rect;

use super::answer::{FetchStatus, IndexInfo};
use super::ui::theme::Theme;
use super::worker::{CompareTarget, Request};
use crate::index::OutletSummary;
use crate::model::{Article, Hit};
use crate::output::plural;
use crate::text::sanitize_inline;

/// What every screen may read.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Styles.
    pub theme: Theme,
    /// The terminal's size.
    pub area: Rect,
    /// What the index holds.
    pub index: IndexInfo,
    /// When the reader was last opened before this visit (unix seconds); articles that
    /// arrived later are marked new. `None` on a first visit.
    pub last_visit: Option<u64>,
    /// The background fetch, while it runs and until the next key once it has ended.
    pub fetch: Option<FetchStatus>,
    /// What the last key did outside the reader (a link opened, copied), or why it
    /// could not: `(text, is an error)`, until the next key.
    pub notice: Option<(String, bool)>,
    /// The articles opened in the reader, by id, with their outlet ids.
    pub read: std::sync::Arc<std::collections::HashMap<String, String>>,
    /// Keys a configuration file bound, tried before the built-in ones.
    pub keys: Vec<(crate::tui::bindings::Key, crate::tui::action::Action)>,
}

impl Ctx {
    /// What the index holds, in words: `37544 articles · 484 outlets`.
    pub fn index_summary(&self) -> String {
        format!(
            "{} · {}",
            plural(self.index.articles, "article", "articles"),
            plural(self.index.outlets.len(), "outlet", "outlets")
        )
    }

    /// Whether `article` has been opened in the reader.
    pub fn is_read(&self, article: &Article) -> bool {
        self.read.contains_key(&article.id)
    }

    /// Articles of outlet `id` not yet read (as far as the read list knows).
    pub fn unread(&self, outlet: &OutletSummary) -> u64 {
        let read = self.read.values().filter(|o| **o == outlet.id).count() as u64;
        outlet.articles.saturating_sub(read)
    }

    /// Whether `article` arrived since the last visit began (in the same second counts:
    /// better marked twice than missed).
    pub fn is_new(&self, article: &Article) -> bool {
        let added = article.origins.first().and_then(|o| o.added);
        matches!((self.last_visit, added), (Some(visit), Some(added)) if added >= visit)
    }

    /// The display name of an outlet id (the id when the index does not know it).
    pub fn outlet_name(&self, id: &str) -> String {
        self.index
            .outlets
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    }
}

/// The active filters of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Outlet ids; empty means all outlets.
    pub outlets: Vec<String>,
    /// Only articles on or after this day.
    pub since: Option<String>,
    /// Only articles on or before this day.
    pub until: Option<String>,
    /// Only articles not yet read (key `u`).
    pub unread: bool,
}

impl Filter {
    /// The filter as a window for events and comparisons.
    pub fn window(&self) -> crate::framing::Window {
        crate::framing::Window {
            since: self.since.clone(),
            until: self.until.clone(),
            outlets: self.outlets.clone(),
        }
    }

    /// The date filter as typed in the prompt (`since..until`), if any.
    pub fn dates(&self) -> Option<String> {
        match (&self.since, &self.until) {
            (None, None) => None,
            (Some(a), Some(b)) if a == b => Some(a.clone()),
            (a, b) => Some(format!(
                "{}..{}",
                a.as_deref().unwrap_or(""),
                b.as_deref().unwrap_or("")
            )),
        }
    }

    /// Display names of the outlets in the filter.
    pub fn outlet_names(&self, ctx: &Ctx) -> Vec<String> {
        self.outlets
            .iter()
            .map(|id| sanitize_inline(&ctx.outlet_name(id)).into_owned())
            .collect()
    }
}

/// A screen above the list.
#[derive(Debug, Clone)]
pub enum Screen {
    /// An open article.
    Reader(Box<reader::Reader>),
    /// The events list.
    Events(events::EventsView),
    /// A comparison.
    Compare(Box<compare::CompareView>),
}

/// What a screen's update asks the app to do.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Send this request to the worker.
    Ask(Request),
    /// Open `hit`'s article with `terms` highlighted, at the passage `focus` (a byte
    /// range of the body) when given.
    OpenReader {
        /// The hit (holds the whole article).
        hit: Box<Hit>,
        /// Analysed words to highlight.
        terms: HashSet<String>,
        /// The passage to show.
        focus: Option<Range<usize>>,
    },
    /// Open the events list in this window (kept from last time when neither the index
    /// nor the window has changed).
    OpenEvents(crate::framing::Window),
    /// Open the comparison of this target.
    OpenCompare(CompareTarget),
    /// Open the key help.
    OpenHelp,
    /// Open the outlet picker.
    OpenOutlets,
    /// Open the date prompt.
    OpenDates,
    /// Close the pop-up.
    ClosePopup,
    /// Toggle the outlet with this position in the outlet list (0-based).
    ToggleOutlet(usize),
    /// Drop the outlet filter.
    AllOutlets,
    /// Set the date filter.
    SetDates(Option<String>, Option<String>),
    /// Close the top screen.
    Back,
    /// Close every screen above the list and put the focus on the search line.
    ToSearch,
}
