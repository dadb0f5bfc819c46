//! The list screen, at the bottom of the stack: the search line, the results of the
//! query under the outlet and date filters, and a preview of the selected article.
//!
//! Searching follows every keystroke: each edit asks the worker for the new query's
//! results, and only the answer to the newest request is shown. With the search line
//! empty the list holds every article under the filters, newest first.

mod draw;

pub use draw::draw;

use super::{Ctx, Effect, Filter};
use crate::model::{Hit, SearchResults};
use crate::search::{SearchRequest, Sort};
use crate::tui::action::Action;
use crate::tui::input::TextInput;
use crate::tui::pending::Pending;
use crate::tui::scroll;
use crate::tui::ui::{layout, rich};
use crate::tui::worker::{CompareTarget, Request};

/// How many hits a search asks for at first; moving the selection near the end of the
/// list asks for this many more. Every hit costs a stored-document read and a snippet,
/// so asking for a screenful or two keeps each keystroke within a frame.
pub const PAGE: usize = 50;

/// Where keys go on the list screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Typing edits the query.
    Search,
    /// Single keys are commands.
    List,
}

/// The list screen's state.
#[derive(Debug, Clone)]
pub struct ListScreen {
    /// Where keys go.
    pub focus: Focus,
    /// The search line.
    pub query: TextInput,
    /// Outlet and date filters.
    pub filter: Filter,
    /// The results on screen (none while the query is empty) and the search under way.
    pub results: Pending<SearchResults>,
    /// Index of the selected hit.
    pub selected: usize,
    /// How many hits the current search asks for (grows by [`PAGE`] while scrolling).
    pub limit: usize,
    /// Enter was pressed while a search was under way: open its first answer.
    pub open_when_ready: bool,
    /// The order of a query's results (key `s`); an empty query lists newest first.
    pub sort: Sort,
}

impl Default for ListScreen {
    fn default() -> Self {
        ListScreen {
            focus: Focus::Search,
            query: TextInput::default(),
            filter: Filter::default(),
            results: Pending::default(),
            selected: 0,
            limit: PAGE,
            open_when_ready: false,
            sort: Sort::Relevance,
        }
    }
}

impl ListScreen {
    /// The hits on screen.
    pub fn hits(&self) -> &[Hit] {
        self.results.value().map_or(&[], |r| &r.hits)
    }

    /// The selected hit.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits().get(self.selected)
    }

    /// Results per page of the list on the current screen.
    pub fn page(&self, ctx: &Ctx) -> usize {
        let a = layout::list_areas(ctx.area, self.selected_hit().is_some());
        layout::list_page(a.list).1
    }

    /// A new search for the current query and filters (an empty query lists the newest
    /// articles).
    pub fn search(&mut self, ctx: &Ctx) -> Vec<Effect> {
        self.limit = PAGE;
        self.send_search(ctx)
    }

    /// Another page of the same search, keeping the selection.
    fn more(&mut self, ctx: &Ctx) -> Vec<Effect> {
        let loaded = self.hits().len();
        let total = self.results.value().map_or(0, |r| r.total);
        if !self.results.is_due() && loaded >= self.limit && total > loaded {
            self.limit += PAGE;
            return self.send_search(ctx);
        }
        Vec::new()
    }

    fn send_search(&mut self, ctx: &Ctx) -> Vec<Effect> {
        let query = self.query.text.trim();
        let request = SearchRequest {
            query: query.to_string(),
            outlets: self.filter.outlets.clone(),
            since: self.filter.since.clone(),
            until: self.filter.until.clone(),
            limit: self.limit,
            sort: self.sort,
            exclude: if self.filter.unread {
                ctx.read.keys().cloned().collect()
            } else {
                Default::default()
            },
        };
        let ticket = self.results.ask();
        vec![Effect::Ask(Request::Search { ticket, request })]
    }

    /// Whether the list shows the newest articles: the query is empty or sorted by date.
    pub fn newest_first(&self) -> bool {
        self.query.text.trim().is_empty() || self.sort == Sort::Date
    }

    /// Takes the worker's answer to search `ticket`, keeping the selected article
    /// selected when it is still there.
    pub fn apply_results(
        &mut self,
        ticket: u64,
        outcome: Result<SearchResults, String>,
    ) -> Vec<Effect> {
        let keep = self.selected_hit().map(|h| h.article.id.clone());
        let failed = outcome.is_err();
        if !self.results.accept(ticket, outcome) {
            return Vec::new(); // stale: a newer request is on its way
        }
        if failed {
            self.open_when_ready = false;
            return Vec::new();
        }
        let hits = self.hits();
        let at = keep.and_then(|id| hits.iter().position(|h| h.article.id == id));
        self.selected = at.unwrap_or(self.selected.min(hits.len().saturating_sub(1)));
        if std::mem::take(&mut self.open_when_ready) {
            return self.open().into_iter().collect();
        }
        Vec::new()
    }

    /// Toggles the outlet at position `i` of the index's outlets in the filter.
    pub fn toggle_outlet(&mut self, i: usize, ctx: &Ctx) -> Vec<Effect> {
        let Some(id) = ctx.index.outlets.get(i).map(|o| o.id.clone()) else {
            return Vec::new();
        };
        if let Some(p) = self.filter.outlets.iter().position(|x| *x == id) {
            self.filter.outlets.remove(p);
        } else {
            self.filter.outlets.push(id);
            let order = |id: &String| ctx.index.outlets.iter().position(|o| &o.id == id);
            self.filter.outlets.sort_by_key(order);
        }
        self.search(ctx)
    }

    /// Drops the outlet filter.
    pub fn all_outlets(&mut self, ctx: &Ctx) -> Vec<Effect> {
        if self.filter.outlets.is_empty() {
            return Vec::new();
        }
        self.filter.outlets.clear();
        self.search(ctx)
    }

    /// Sets the date filter.
    pub fn set_dates(
        &mut self,
        since: Option<String>,
        until: Option<String>,
        ctx: &Ctx,
    ) -> Vec<Effect> {
        self.filter.since = since;
        self.filter.until = until;
        self.search(ctx)
    }

    fn move_selection(&mut self, delta: isize, ctx: &Ctx) -> Vec<Effect> {
        let n = self.hits().len();
        self.selected = scroll::step(self.selected, delta, n);
        if n > 0 && self.selected + PAGE / 5 >= n {
            return self.more(ctx);
        }
        Vec::new()
    }

    /// Opens the selected hit in the reader, its query words highlighted.
    fn open(&self) -> Option<Effect> {
        let results = self.results.value()?;
        let hit = results.hits.get(self.selected)?;
        let words = hit
            .snippet
            .highlights
            .iter()
            .filter_map(|r| hit.snippet.text.get(r.clone()));
        let terms = rich::query_terms(&results.query, words);
        Some(Effect::OpenReader {
            hit: Box::new(hit.clone()),
            terms,
            focus: None,
        })
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Effect> {
        // Enter while typing fast: wait for the answer to what was typed, then open. Any
        // other key cancels that.
        self.open_when_ready = false;
        match action {
            a if TextInput::is_edit(&a) => {
                if let Action::Paste(_) = a {
                    self.focus = Focus::Search;
                }
                if self.focus == Focus::Search && self.query.edit(&a) {
                    return self.search(ctx);
                }
                Vec::new()
            }
            Action::Up | Action::ScrollUp => self.move_selection(-1, ctx),
            Action::Down | Action::ScrollDown => self.move_selection(1, ctx),
            Action::PageUp => self.move_selection(-(self.page(ctx) as isize), ctx),
            Action::PageDown => self.move_selection(self.page(ctx) as isize, ctx),
            Action::Top => {
                self.selected = 0;
                Vec::new()
            }
            Action::Bottom => self.move_selection(isize::MAX, ctx),
            Action::Open if self.results.is_due() => {
                self.open_when_ready = true;
                Vec::new()
            }
            Action::Open => self.open().into_iter().collect(),
            Action::Back | Action::FocusList => {
                self.focus = Focus::List;
                Vec::new()
            }
            Action::FocusSearch => {
                self.focus = Focus::Search;
                Vec::new()
            }
            Action::ToggleOutlet(i) => self.toggle_outlet(i, ctx),
            Action::AllOutlets => self.all_outlets(ctx),
            Action::OpenOutlets => vec![Effect::OpenOutlets],
            Action::OpenDates => vec![Effect::OpenDates],
            Action::Help => vec![Effect::OpenHelp],
            Action::Refresh => {
                let mut out = vec![Effect::Ask(Request::Refresh)];
                out.extend(self.search(ctx));
                out
            }
            Action::ToggleUnread => {
                self.filter.unread = !self.filter.unread;
                self.search(ctx)
            }
            Action::ToggleSort => {
                self.sort = match self.sort {
                    Sort::Relevance => Sort::Date,
                    Sort::Date => Sort::Relevance,
                };
                self.search(ctx)
            }
            Action::OpenEvents => vec![Effect::OpenEvents(self.filter.window())],
            Action::OpenCompare => vec![Effect::OpenCompare(CompareTarget::Query {
                query: self.query.text.trim().to_string(),
                outlets: self.filter.outlets.clone(),
                since: self.filter.since.clone(),
                until: self.filter.until.clone(),
            })],
            _ => Vec::new(),
        }
    }
}
