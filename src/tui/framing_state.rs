//! The state of the framing views — the events list (`e`) and the comparison (`c`, or
//! `Enter` on an event) — and how actions change it.
//!
//! As in [`super::app`], nothing here does I/O: events and comparisons are queued in
//! [`App::outbox`] for the worker's framing thread, tagged with a generation number, and
//! come back as [`Action::Events`] and [`Action::Comparison`]; answers to anything but
//! the newest request are dropped.

use std::collections::HashMap;
use std::ops::Range;

use super::action::Action;
use super::app::{App, Focus, Popup, View};
use super::framing_view::{self, ColumnDoc};
use super::layout;
use super::rich;
use super::worker::{CompareTarget, ComparisonAnswer, Request};
use crate::framing::{Comparison, Event};
use crate::model::{Article, Hit, Snippet};

/// Lines the mouse wheel scrolls a column.
const WHEEL_LINES: usize = 3;

/// The events list.
#[derive(Debug, Clone, Default)]
pub struct EventsView {
    /// Generation of the newest request.
    pub generation: u64,
    /// Generation of the newest answer applied.
    pub answered: u64,
    /// The events, most widely covered first; `None` until the first answer.
    pub events: Option<Vec<Event>>,
    /// What went wrong with the newest request.
    pub error: Option<String>,
    /// Index of the selected event.
    pub selected: usize,
    /// Articles in the index when the list was asked for (a different count asks again).
    pub articles: usize,
}

impl EventsView {
    /// Whether an answer is due.
    pub fn pending(&self) -> bool {
        self.answered < self.generation
    }

    /// The events on screen.
    pub fn list(&self) -> &[Event] {
        self.events.as_deref().unwrap_or(&[])
    }

    /// The selected event.
    pub fn selected_event(&self) -> Option<&Event> {
        self.list().get(self.selected)
    }
}

/// One outlet column of the comparison as laid out, with its selection and scroll.
#[derive(Debug, Clone, Default)]
pub struct ColumnState {
    /// The column's text at [`CompareView::width`].
    pub doc: ColumnDoc,
    /// Index of the selected passage.
    pub selected: usize,
    /// First line shown.
    pub scroll: usize,
}

/// The comparison view.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// What is compared.
    pub target: CompareTarget,
    /// The view `Esc` goes back to (the list or the events list).
    pub from: View,
    /// Generation of the request.
    pub generation: u64,
    /// Whether its answer has arrived.
    pub answered: bool,
    /// The comparison, once it has arrived.
    pub comparison: Option<Comparison>,
    /// The articles of the passages, by id (for the reader).
    pub articles: HashMap<String, Article>,
    /// What went wrong.
    pub error: Option<String>,
    /// Index of the focused column.
    pub focus: usize,
    /// Index of the leftmost column on screen.
    pub first: usize,
    /// Per column: laid-out text, selected passage, scroll.
    pub columns: Vec<ColumnState>,
    /// Text width the columns were laid out for.
    pub width: u16,
    /// Outlet id → display name, for "missing" and "shared with".
    pub names: HashMap<String, String>,
}

impl CompareView {
    /// Whether the comparison is still being computed.
    pub fn pending(&self) -> bool {
        !self.answered
    }

    /// The number of outlet columns.
    pub fn outlets(&self) -> usize {
        self.comparison.as_ref().map_or(0, |c| c.outlets.len())
    }

    /// What the view is about: the query, or the event's label as listed.
    pub fn label(&self) -> &str {
        match &self.target {
            CompareTarget::Query { query, .. } => query,
            CompareTarget::Event { label, .. } => label,
        }
    }

    /// The display name of an outlet id.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

/// Whether an events list or a comparison is being computed.
pub fn pending(app: &App) -> bool {
    app.events.as_ref().is_some_and(EventsView::pending)
        || app.compare.as_ref().is_some_and(CompareView::pending)
}

// ---------------------------------------------------------------------------- events

/// Opens the events list; asks for it unless the one in hand is for the same index.
pub fn open_events(app: &mut App) {
    let current = app.events.as_ref().is_some_and(|e| {
        e.events.is_some() && e.error.is_none() && e.articles == app.index.articles
    });
    if !current {
        request_events(app);
    }
    app.view = View::Events;
}

fn request_events(app: &mut App) {
    app.framing_generation += 1;
    let generation = app.framing_generation;
    let articles = app.index.articles;
    let ev = app.events.get_or_insert_with(EventsView::default);
    ev.generation = generation;
    ev.error = None;
    ev.articles = articles;
    app.outbox.push(Request::Events { generation });
}

/// Applies the worker's answer to an events request.
pub fn apply_events(app: &mut App, generation: u64, outcome: Result<Vec<Event>, String>) {
    let Some(ev) = &mut app.events else { return };
    if generation != ev.generation {
        return; // stale
    }
    ev.answered = generation;
    match outcome {
        Ok(list) => {
            // Keep the same event selected when it is still there.
            let keep = ev.selected_event().map(|e| e.id.clone());
            let at = keep.and_then(|id| list.iter().position(|e| e.id == id));
            ev.selected = at.unwrap_or(ev.selected.min(list.len().saturating_sub(1)));
            ev.events = Some(list);
            ev.error = None;
        }
        Err(e) => ev.error = Some(e),
    }
}

fn events_page(app: &App) -> usize {
    let a = layout::list_areas(app.area, true);
    layout::events_page(a.list)
}

fn move_event(app: &mut App, delta: isize) {
    let page = events_page(app);
    let Some(ev) = &mut app.events else { return };
    let n = ev.list().len();
    let delta = match delta {
        isize::MIN => -(page as isize),
        isize::MAX => page as isize,
        d => d,
    };
    ev.selected = ev
        .selected
        .saturating_add_signed(delta)
        .min(n.saturating_sub(1));
}

/// Applies an action in the events list.
pub fn update_events(app: &mut App, action: Action) {
    match action {
        Action::Up | Action::ScrollUp => move_event(app, -1),
        Action::Down | Action::ScrollDown => move_event(app, 1),
        Action::PageUp => move_event(app, isize::MIN),
        Action::PageDown => move_event(app, isize::MAX),
        Action::Top => {
            if let Some(ev) = &mut app.events {
                ev.selected = 0;
            }
        }
        Action::Bottom => {
            if let Some(ev) = &mut app.events {
                ev.selected = ev.list().len().saturating_sub(1);
            }
        }
        Action::Open => {
            let Some(e) = app.events.as_ref().and_then(EventsView::selected_event) else {
                return;
            };
            let target = CompareTarget::Event {
                id: e.id.clone(),
                label: e.label.clone(),
            };
            open_compare(app, target, View::Events);
        }
        Action::Refresh => {
            app.outbox.push(Request::Refresh);
            request_events(app);
        }
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Back => app.view = View::List,
        Action::FocusSearch => {
            app.view = View::List;
            app.focus = Focus::Search;
        }
        _ => {}
    }
}

// ------------------------------------------------------------------------ comparison

/// Opens the comparison of the query on the search line (`c`).
pub fn open_compare_query(app: &mut App) {
    let target = CompareTarget::Query {
        query: app.query.text.trim().to_string(),
        outlets: app.filter.outlets.clone(),
        since: app.filter.since.clone(),
        until: app.filter.until.clone(),
    };
    open_compare(app, target, View::List);
}

fn open_compare(app: &mut App, target: CompareTarget, from: View) {
    app.framing_generation += 1;
    let generation = app.framing_generation;
    let empty_query = matches!(&target, CompareTarget::Query { query, .. } if query.is_empty());
    if !empty_query {
        app.outbox.push(Request::Compare {
            generation,
            target: target.clone(),
        });
    }
    app.compare = Some(CompareView {
        target,
        from,
        generation,
        // Nothing to compute without a query: the view says to type one.
        answered: empty_query,
        comparison: None,
        articles: HashMap::new(),
        error: None,
        focus: 0,
        first: 0,
        columns: Vec::new(),
        width: 0,
        names: HashMap::new(),
    });
    app.view = View::Compare;
}

/// Applies the worker's answer to a comparison request.
pub fn apply_comparison(
    app: &mut App,
    generation: u64,
    outcome: Result<Box<ComparisonAnswer>, String>,
) {
    let outlets = app.index.outlets.clone();
    let Some(cv) = &mut app.compare else { return };
    if generation != cv.generation {
        return; // stale: another comparison was asked for since
    }
    cv.answered = true;
    match outcome {
        Ok(answer) => {
            let ComparisonAnswer {
                comparison,
                articles,
            } = *answer;
            let mut names: HashMap<String, String> = outlets
                .iter()
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect();
            for c in &comparison.outlets {
                names
                    .entry(c.outlet.clone())
                    .or_insert_with(|| c.outlet_name.clone());
            }
            cv.names = names;
            cv.columns = vec![ColumnState::default(); comparison.outlets.len()];
            cv.comparison = Some(comparison);
            cv.articles = articles;
            cv.error = None;
            cv.width = 0;
            relayout_compare(app);
        }
        Err(e) => cv.error = Some(e),
    }
}

/// Lays the columns out again for the terminal's width (on arrival and on resize) and
/// keeps the focused column and the selected passages in view.
pub fn relayout_compare(app: &mut App) {
    let theme = app.theme;
    let area = app.area;
    let Some(cv) = &mut app.compare else { return };
    let Some(comparison) = &cv.comparison else {
        return;
    };
    let n = comparison.outlets.len();
    let visible = layout::visible_columns(area.width, n);
    let width = layout::column_text_width(area.width, visible);
    if width != cv.width {
        for (col, state) in comparison.outlets.iter().zip(cv.columns.iter_mut()) {
            state.doc = framing_view::column_doc(col, &cv.names, &theme, width as usize);
        }
        cv.width = width;
    }
    let height = layout::column_text_height(area);
    for state in &mut cv.columns {
        show_selected(state, height, false);
    }
    keep_focus_visible(cv, visible);
}

/// Scrolls a column so its selected passage is in view — the whole of it when `whole`
/// and it fits, else its first line — and within the text.
fn show_selected(state: &mut ColumnState, height: usize, whole: bool) {
    let height = height.max(1);
    if let Some(r) = state.doc.passages.get(state.selected) {
        let r = if whole {
            r.clone()
        } else {
            r.start..r.start + 1
        };
        if r.end <= height {
            // Near the top: show the headings above it too.
            state.scroll = 0;
        } else if r.start < state.scroll {
            state.scroll = r.start;
        } else if r.end > state.scroll + height {
            state.scroll = r.start.min(r.end - height);
        }
    }
    state.scroll = state
        .scroll
        .min(state.doc.lines.len().saturating_sub(height));
}

fn keep_focus_visible(cv: &mut CompareView, visible: usize) {
    let n = cv.columns.len();
    cv.focus = cv.focus.min(n.saturating_sub(1));
    if cv.focus < cv.first {
        cv.first = cv.focus;
    } else if cv.focus >= cv.first + visible {
        cv.first = cv.focus + 1 - visible;
    }
    cv.first = cv.first.min(n.saturating_sub(visible));
}

fn move_column(app: &mut App, forward: bool) {
    let width = app.area.width;
    let Some(cv) = &mut app.compare else { return };
    let n = cv.columns.len();
    if n == 0 {
        return;
    }
    cv.focus = if forward {
        (cv.focus + 1) % n
    } else {
        (cv.focus + n - 1) % n
    };
    keep_focus_visible(cv, layout::visible_columns(width, n));
}

fn move_passage(app: &mut App, delta: isize) {
    let height = layout::column_text_height(app.area);
    let Some(cv) = &mut app.compare else { return };
    let Some(state) = cv.columns.get_mut(cv.focus) else {
        return;
    };
    let n = state.doc.passages.len();
    if n == 0 {
        // Nothing to select: move the text instead.
        scroll_state(state, height, delta);
        return;
    }
    state.selected = state.selected.saturating_add_signed(delta).min(n - 1);
    show_selected(state, height, true);
}

fn scroll_state(state: &mut ColumnState, height: usize, delta: isize) {
    let max = state.doc.lines.len().saturating_sub(height.max(1));
    state.scroll = state.scroll.saturating_add_signed(delta).min(max);
}

/// Scrolls the focused column; the selection follows onto a passage in view.
fn scroll_column(app: &mut App, delta: isize) {
    let height = layout::column_text_height(app.area);
    let Some(cv) = &mut app.compare else { return };
    let Some(state) = cv.columns.get_mut(cv.focus) else {
        return;
    };
    scroll_state(state, height, delta);
    let (top, bottom) = (state.scroll, state.scroll + height.max(1));
    let in_view = |r: &Range<usize>| r.start >= top && r.end <= bottom;
    if state.doc.passages.get(state.selected).is_some_and(in_view) {
        return;
    }
    let pick = if delta > 0 {
        state.doc.passages.iter().position(in_view)
    } else {
        state.doc.passages.iter().rposition(in_view)
    };
    if let Some(p) = pick {
        state.selected = p;
    }
}

fn open_passage(app: &mut App) {
    let Some(cv) = &app.compare else { return };
    let Some(c) = &cv.comparison else { return };
    let Some(col) = c.outlets.get(cv.focus) else {
        return;
    };
    let Some(state) = cv.columns.get(cv.focus) else {
        return;
    };
    let Some(p) = col.passages.get(state.selected) else {
        return;
    };
    let Some(article) = cv.articles.get(&p.article) else {
        return;
    };
    // The sentence's range in the body; the passage text's length when they disagree.
    let range = article
        .sentences
        .get(p.sentence)
        .filter(|s| s.start as usize == p.offset)
        .map(|s| s.range())
        .unwrap_or(p.offset..p.offset + p.text.len());
    let hit = Hit {
        rank: 0,
        score: 0.0,
        article: article.clone(),
        snippet: Snippet {
            text: p.text.clone(),
            highlights: p.highlights.clone(),
        },
    };
    // The query's words and the words this passage has highlighted (not every word
    // highlighted anywhere in the comparison: on an event that is most of the text).
    let query = match &cv.target {
        CompareTarget::Query { query, .. } => query.as_str(),
        CompareTarget::Event { .. } => "",
    };
    let words = p.highlights.iter().filter_map(|r| p.text.get(r.clone()));
    let terms = rich::query_terms(query, words);
    app.open_reader_with(hit, terms, Some(range), View::Compare);
}

/// Applies an action in the comparison.
pub fn update_compare(app: &mut App, action: Action) {
    let page = layout::column_text_height(app.area)
        .saturating_sub(1)
        .max(1) as isize;
    match action {
        Action::NextColumn => move_column(app, true),
        Action::PrevColumn => move_column(app, false),
        Action::Up => move_passage(app, -1),
        Action::Down => move_passage(app, 1),
        Action::Top => move_passage(app, isize::MIN),
        Action::Bottom => {
            move_passage(app, isize::MAX);
            scroll_column(app, isize::MAX / 2);
        }
        Action::ScrollUp => scroll_column(app, -(WHEEL_LINES as isize)),
        Action::ScrollDown => scroll_column(app, WHEEL_LINES as isize),
        Action::PageUp => scroll_column(app, -page),
        Action::PageDown => scroll_column(app, page),
        Action::Open => open_passage(app),
        Action::Refresh => {
            if let Some(cv) = &app.compare {
                let (target, from) = (cv.target.clone(), cv.from);
                app.outbox.push(Request::Refresh);
                open_compare(app, target, from);
            }
        }
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Back => {
            app.view = app.compare.as_ref().map_or(View::List, |c| c.from);
            app.compare = None;
        }
        Action::FocusSearch => {
            app.view = View::List;
            app.focus = Focus::Search;
            app.compare = None;
        }
        _ => {}
    }
}
