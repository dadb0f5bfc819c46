//! The reader's state and [`update`], the one place it changes.
//!
//! `update` does no I/O: a search is queued in [`App::outbox`] for the event loop to hand
//! to the worker (or, in tests, to run directly), and its answer comes back as an
//! [`Action::Results`].

use std::collections::HashSet;
use std::ops::Range;

use ratatui::layout::Rect;

use super::action::{Action, IndexInfo};
use super::document::{self, Doc};
use super::framing_state::{self, CompareView, EventsView};
use super::keys;
use super::layout;
use super::rich;
use super::theme::Theme;
use super::worker::Request;
use crate::model::{Hit, SearchResults};
use crate::search::SearchRequest;
use crate::text::sanitize_inline;

/// How many hits a search asks for at first; moving the selection near the end of the
/// list asks for this many more. Every hit costs a stored-document read and a snippet,
/// so asking for a screenful or two keeps each keystroke within a frame.
pub const PAGE: usize = 50;

/// Lines the mouse wheel scrolls in the reader and help.
const WHEEL_LINES: usize = 3;

/// The screen underneath any pop-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Search line, result list and preview.
    List,
    /// One article, whole.
    Reader,
    /// Happenings two or more outlets report (key `e`).
    Events,
    /// Outlets side by side on one story (key `c`, or `Enter` on an event).
    Compare,
}

/// Where keys go on the list screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Typing edits the query.
    Search,
    /// Single keys are commands.
    List,
}

/// A small window over the current view.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    /// The key list, scrolled this many lines.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// The outlet picker with its cursor.
    Outlets {
        /// Row under the cursor.
        cursor: usize,
    },
    /// The date prompt.
    Dates {
        /// What has been typed.
        input: TextInput,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
}

/// A one-line text field with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    /// The text.
    pub text: String,
    /// Cursor position: a byte offset on a char boundary.
    pub cursor: usize,
}

impl TextInput {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Applies an editing action; `true` when the text changed.
    fn edit(&mut self, action: &Action) -> bool {
        let before = self.text.len();
        match action {
            Action::Input(c) => self.insert(c.encode_utf8(&mut [0; 4])),
            Action::Paste(s) => self.insert(&sanitize_inline(s)),
            Action::Backspace => {
                let p = self.prev();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            Action::Delete => {
                let n = self.next();
                self.text.replace_range(self.cursor..n, "");
            }
            Action::DeleteWord => {
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::Clear => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::CursorLeft => self.cursor = self.prev(),
            Action::CursorRight => self.cursor = self.next(),
            Action::CursorStart => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            _ => return false,
        }
        self.text.len() != before
    }
}

/// The active filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Outlet ids; empty means all outlets.
    pub outlets: Vec<String>,
    /// Only articles on or after this day.
    pub since: Option<String>,
    /// Only articles on or before this day.
    pub until: Option<String>,
}

impl Filter {
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
}

/// An open article.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The hit it was opened from (holds the whole article).
    pub hit: Box<Hit>,
    /// Analysed query words to highlight.
    pub terms: HashSet<String>,
    /// The article laid out at [`Reader::width`].
    pub doc: Doc,
    /// Width the document was laid out for.
    pub width: u16,
    /// First line shown.
    pub scroll: usize,
    /// The match `n`/`N` last moved to.
    pub current: Option<usize>,
    /// The passage it was opened at: a byte range of the body (from a comparison).
    pub focus: Option<Range<usize>>,
    /// The view `Esc` goes back to.
    pub back: View,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct App {
    /// Styles.
    pub theme: Theme,
    /// The terminal's size.
    pub area: Rect,
    /// The screen under any pop-up.
    pub view: View,
    /// Where keys go on the list screen.
    pub focus: Focus,
    /// The open pop-up.
    pub popup: Option<Popup>,
    /// The search line.
    pub query: TextInput,
    /// What the index holds.
    pub index: IndexInfo,
    /// Outlet and date filters.
    pub filter: Filter,
    /// The results on screen; `None` when the query is empty.
    pub results: Option<SearchResults>,
    /// Index of the selected hit.
    pub selected: usize,
    /// What was wrong with the newest request (the previous results stay on screen).
    pub error: Option<String>,
    /// Generation of the newest search request.
    pub generation: u64,
    /// How many hits the current search asks for (grows by [`PAGE`] while scrolling).
    pub limit: usize,
    /// Generation of the newest answer applied.
    pub answered: u64,
    /// Requests for the worker, taken by the event loop.
    pub outbox: Vec<Request>,
    /// The open article, in the reader view.
    pub reader: Option<Reader>,
    /// Enter was pressed while a search was under way: open its first answer.
    pub open_when_ready: bool,
    /// The events list, kept while it is open or could be reopened as it is.
    pub events: Option<EventsView>,
    /// The comparison on screen (or under the reader opened from it).
    pub compare: Option<CompareView>,
    /// Generation of the newest events or comparison request.
    pub framing_generation: u64,
    /// Set when the user quits.
    pub quit: bool,
}

impl App {
    /// A new reader over an index holding `index`, on a terminal of `area`.
    pub fn new(theme: Theme, index: IndexInfo, area: Rect) -> App {
        App {
            theme,
            area,
            view: View::List,
            focus: Focus::Search,
            popup: None,
            query: TextInput::default(),
            index,
            filter: Filter::default(),
            results: None,
            selected: 0,
            error: None,
            generation: 0,
            limit: PAGE,
            answered: 0,
            outbox: Vec::new(),
            reader: None,
            open_when_ready: false,
            events: None,
            compare: None,
            framing_generation: 0,
            quit: false,
        }
    }

    /// Whether a search is under way whose answer has not arrived.
    pub fn searching(&self) -> bool {
        self.answered < self.generation
    }

    /// Whether an events list or a comparison is being computed.
    pub fn framing_pending(&self) -> bool {
        framing_state::pending(self)
    }

    /// The hits on screen.
    pub fn hits(&self) -> &[Hit] {
        self.results.as_ref().map_or(&[], |r| &r.hits)
    }

    /// The selected hit.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits().get(self.selected)
    }

    /// Takes the queued requests for the worker.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.outbox)
    }

    /// Display names of the outlets in the filter.
    pub fn filter_outlet_names(&self) -> Vec<String> {
        self.filter
            .outlets
            .iter()
            .map(|id| {
                self.index
                    .outlets
                    .iter()
                    .find(|o| &o.id == id)
                    .map_or_else(|| id.clone(), |o| o.name.clone())
            })
            .map(|n| sanitize_inline(&n).into_owned())
            .collect()
    }

    /// Queues a search for the current query and filters (or clears the results when
    /// the query is empty: the search line then shows a hint instead).
    fn request_search(&mut self) {
        self.limit = PAGE;
        self.send_search();
    }

    /// Asks for another page of the same search, keeping the selection.
    fn request_more(&mut self) {
        let loaded = self.hits().len();
        let total = self.results.as_ref().map_or(0, |r| r.total);
        if !self.searching() && loaded >= self.limit && total > loaded {
            self.limit += PAGE;
            self.send_search();
        }
    }

    fn send_search(&mut self) {
        self.generation += 1;
        let query = self.query.text.trim();
        if query.is_empty() {
            self.results = None;
            self.error = None;
            self.selected = 0;
            self.answered = self.generation;
            return;
        }
        self.outbox.push(Request::Search {
            generation: self.generation,
            request: SearchRequest {
                query: query.to_string(),
                outlets: self.filter.outlets.clone(),
                since: self.filter.since.clone(),
                until: self.filter.until.clone(),
                limit: self.limit,
            },
        });
    }

    fn apply_results(&mut self, generation: u64, outcome: Result<SearchResults, String>) {
        if generation != self.generation {
            return; // stale: a newer request is on its way
        }
        self.answered = generation;
        match outcome {
            Ok(results) => {
                let keep = self.selected_hit().map(|h| h.article.id.clone());
                let at = keep.and_then(|id| results.hits.iter().position(|h| h.article.id == id));
                self.selected =
                    at.unwrap_or(self.selected.min(results.hits.len().saturating_sub(1)));
                self.results = Some(results);
                self.error = None;
                if std::mem::take(&mut self.open_when_ready) {
                    self.open_reader();
                }
            }
            Err(e) => {
                self.error = Some(e);
                self.open_when_ready = false;
            }
        }
    }

    fn toggle_outlet(&mut self, i: usize) {
        let Some(id) = self.index.outlets.get(i).map(|o| o.id.clone()) else {
            return;
        };
        if let Some(p) = self.filter.outlets.iter().position(|x| *x == id) {
            self.filter.outlets.remove(p);
        } else {
            self.filter.outlets.push(id);
            let order = |id: &String| self.index.outlets.iter().position(|o| &o.id == id);
            let mut ids = std::mem::take(&mut self.filter.outlets);
            ids.sort_by_key(|id| order(id));
            self.filter.outlets = ids;
        }
        self.request_search();
    }

    fn all_outlets(&mut self) {
        if !self.filter.outlets.is_empty() {
            self.filter.outlets.clear();
            self.request_search();
        }
    }

    /// Rows and results per page of the list on the current screen.
    pub fn list_page(&self) -> usize {
        let a = layout::list_areas(self.area, self.selected_hit().is_some());
        layout::list_page(a.list).1
    }

    fn move_selection(&mut self, delta: isize) {
        let n = self.hits().len();
        if n == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
        if self.selected + PAGE / 5 >= n {
            self.request_more();
        }
    }

    fn open_reader(&mut self) {
        let Some(results) = &self.results else { return };
        let Some(hit) = results.hits.get(self.selected) else {
            return;
        };
        let words = hit
            .snippet
            .highlights
            .iter()
            .filter_map(|r| hit.snippet.text.get(r.clone()));
        let terms = rich::query_terms(&results.query, words);
        let hit = hit.clone();
        self.open_reader_with(hit, terms, None, View::List);
    }

    /// Opens `hit`'s article in the reader with `terms` highlighted; at the passage
    /// `focus` (a byte range of the body) when given. `Esc` goes back to `back`.
    pub(crate) fn open_reader_with(
        &mut self,
        hit: Hit,
        terms: HashSet<String>,
        focus: Option<Range<usize>>,
        back: View,
    ) {
        let width = layout::reader_areas(self.area).text.width;
        let height = self.reader_height();
        let doc = document::layout_at(
            &hit.article,
            &terms,
            &self.theme,
            width as usize,
            document::Mode::Full,
            usize::MAX,
            focus.clone(),
        );
        // The stored article names the file it was first read from; the worker lists
        // every file holding the same text.
        self.outbox.push(Request::Origins {
            id: hit.article.id.clone(),
        });
        // At a passage: show it a third of the way down, its first match current.
        let (scroll, current) = match &doc.focus {
            Some(lines) => {
                let max = doc.lines.len().saturating_sub(height);
                let current = doc.matches.iter().position(|l| lines.contains(l));
                (lines.start.saturating_sub(height / 3).min(max), current)
            }
            None => (0, None),
        };
        self.reader = Some(Reader {
            hit: Box::new(hit),
            terms,
            doc,
            width,
            scroll,
            current,
            focus,
            back,
        });
        self.view = View::Reader;
    }

    /// Height of the reader's text column.
    pub fn reader_height(&self) -> usize {
        layout::reader_areas(self.area).text.height as usize
    }

    fn set_origins(&mut self, id: &str, origins: Vec<crate::model::Origin>) {
        let Some(r) = &mut self.reader else { return };
        let a = &mut r.hit.article;
        if a.id != id || origins.is_empty() {
            return;
        }
        // Keep the first file (the source) first.
        let mut all = a.origins.clone();
        for o in origins {
            if !all.contains(&o) {
                all.push(o);
            }
        }
        if all != a.origins {
            a.origins = all;
            r.width = 0; // lay out again
            self.relayout_reader();
        }
    }

    fn relayout_reader(&mut self) {
        let width = layout::reader_areas(self.area).text.width;
        let height = self.reader_height();
        let theme = self.theme;
        let Some(r) = &mut self.reader else { return };
        if r.width != width {
            let old_len = r.doc.lines.len().max(1);
            r.doc = document::layout_at(
                &r.hit.article,
                &r.terms,
                &theme,
                width as usize,
                document::Mode::Full,
                usize::MAX,
                r.focus.clone(),
            );
            r.width = width;
            // Keep the current match in view, or the passage, or the same place in the
            // text.
            let new_len = r.doc.lines.len();
            let focus = r.doc.focus.as_ref().map(|f| f.start);
            r.scroll = match r
                .current
                .and_then(|m| r.doc.matches.get(m))
                .or(focus.as_ref())
            {
                Some(&line) => line.saturating_sub(height / 3),
                None if new_len.abs_diff(old_len) <= 2 => r.scroll,
                None => r.scroll * new_len / old_len,
            };
        }
        r.scroll = r.scroll.min(r.doc.lines.len().saturating_sub(height));
    }

    fn scroll_reader(&mut self, to: impl FnOnce(usize, usize, usize) -> usize) {
        let height = self.reader_height();
        if let Some(r) = &mut self.reader {
            let max = r.doc.lines.len().saturating_sub(height);
            r.scroll = to(r.scroll, height, max).min(max);
        }
    }

    fn jump_match(&mut self, forward: bool) {
        let height = self.reader_height();
        let Some(r) = &mut self.reader else { return };
        let n = r.doc.matches.len();
        if n == 0 {
            return;
        }
        let next = match (r.current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            // The first match at or below the top of the screen, or the last above it.
            (None, true) => r
                .doc
                .matches
                .iter()
                .position(|&l| l >= r.scroll)
                .unwrap_or(0),
            (None, false) => r
                .doc
                .matches
                .iter()
                .rposition(|&l| l < r.scroll + height)
                .unwrap_or(n - 1),
        };
        r.current = Some(next);
        let line = r.doc.matches[next];
        let max = r.doc.lines.len().saturating_sub(height);
        if line < r.scroll || line >= r.scroll + height {
            r.scroll = line.saturating_sub(height / 3).min(max);
        }
    }

    fn submit_dates(&mut self) {
        let Some(Popup::Dates { input, error }) = &mut self.popup else {
            return;
        };
        match parse_dates(&input.text) {
            Ok((since, until)) => {
                self.filter.since = since;
                self.filter.until = until;
                self.popup = None;
                self.request_search();
            }
            Err(e) => *error = Some(e),
        }
    }

    fn help_max_scroll(&self) -> usize {
        let b = layout::help_text(self.area);
        keys::help_lines(&self.theme, b.width as usize)
            .len()
            .saturating_sub(b.height as usize)
    }
}

/// Parses the date prompt: `YYYY-MM-DD..YYYY-MM-DD`, either side optional; a single
/// date means that day; empty clears the filter.
pub fn parse_dates(s: &str) -> Result<(Option<String>, Option<String>), String> {
    let s = s.trim();
    let (since, until) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s, s),
    };
    let check = |d: &str| -> Result<Option<String>, String> {
        if d.is_empty() {
            return Ok(None);
        }
        let b = d.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && digits(0..4)
            && digits(5..7)
            && digits(8..10)
            && (1..=12).contains(&d[5..7].parse::<u8>().unwrap_or(0))
            && (1..=31).contains(&d[8..10].parse::<u8>().unwrap_or(0));
        if ok {
            Ok(Some(d.to_string()))
        } else {
            Err(format!(
                "{} is not a date: use YYYY-MM-DD",
                sanitize_inline(d)
            ))
        }
    };
    let (since, until) = (check(since)?, check(until)?);
    if let (Some(a), Some(b)) = (&since, &until)
        && a > b
    {
        return Err(format!("{a} is after {b}"));
    }
    Ok((since, until))
}

/// Applies one action to the state. No I/O: searches are queued in [`App::outbox`].
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            app.area = Rect::new(0, 0, w, h);
            app.relayout_reader();
            framing_state::relayout_compare(app);
            let max = app.help_max_scroll();
            if let Some(Popup::Help { scroll }) = &mut app.popup {
                *scroll = (*scroll).min(max);
            }
        }
        Action::Index(info) => {
            app.index = info;
            if let Some(Popup::Outlets { cursor }) = &mut app.popup {
                *cursor = (*cursor).min(app.index.outlets.len().saturating_sub(1));
            }
        }
        Action::Results {
            generation,
            outcome,
        } => app.apply_results(generation, outcome),
        Action::Origins { id, origins } => app.set_origins(&id, origins),
        Action::Events {
            generation,
            outcome,
        } => framing_state::apply_events(app, generation, outcome),
        Action::Comparison {
            generation,
            outcome,
        } => framing_state::apply_comparison(app, generation, outcome),
        action => {
            if app.popup.is_some() {
                update_popup(app, action);
            } else {
                match app.view {
                    View::Reader => update_reader(app, action),
                    View::Events => framing_state::update_events(app, action),
                    View::Compare => framing_state::update_compare(app, action),
                    View::List => update_list(app, action),
                }
            }
        }
    }
}

fn update_popup(app: &mut App, action: Action) {
    let max_help = app.help_max_scroll();
    let outlets = app.index.outlets.len();
    let Some(popup) = &mut app.popup else { return };
    match popup {
        Popup::Help { scroll } => match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::ScrollUp => *scroll = scroll.saturating_sub(WHEEL_LINES),
            Action::Down => *scroll = (*scroll + 1).min(max_help),
            Action::ScrollDown => *scroll = (*scroll + WHEEL_LINES).min(max_help),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = (*scroll + 10).min(max_help),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max_help,
            Action::Back | Action::Help => app.popup = None,
            _ => {}
        },
        Popup::Outlets { cursor } => match action {
            Action::Up | Action::ScrollUp => *cursor = cursor.saturating_sub(1),
            Action::Down | Action::ScrollDown => {
                *cursor = (*cursor + 1).min(outlets.saturating_sub(1))
            }
            Action::Top | Action::PageUp => *cursor = 0,
            Action::Bottom | Action::PageDown => *cursor = outlets.saturating_sub(1),
            Action::ToggleCurrent => {
                let c = *cursor;
                app.toggle_outlet(c);
            }
            Action::ToggleOutlet(i) => {
                *cursor = i.min(outlets.saturating_sub(1));
                app.toggle_outlet(i);
            }
            Action::AllOutlets => app.all_outlets(),
            Action::Back | Action::OpenOutlets => app.popup = None,
            _ => {}
        },
        Popup::Dates { input, error } => match action {
            Action::Submit => app.submit_dates(),
            Action::Back => app.popup = None,
            a => {
                if input.edit(&a) {
                    *error = None;
                }
            }
        },
    }
}

fn update_reader(app: &mut App, action: Action) {
    match action {
        Action::Up => app.scroll_reader(|s, _, _| s.saturating_sub(1)),
        Action::Down => app.scroll_reader(|s, _, _| s + 1),
        Action::ScrollUp => app.scroll_reader(|s, _, _| s.saturating_sub(WHEEL_LINES)),
        Action::ScrollDown => app.scroll_reader(|s, _, _| s + WHEEL_LINES),
        Action::PageUp => app.scroll_reader(|s, h, _| s.saturating_sub(h.saturating_sub(1).max(1))),
        Action::PageDown => app.scroll_reader(|s, h, _| s + h.saturating_sub(1).max(1)),
        Action::Top => app.scroll_reader(|_, _, _| 0),
        Action::Bottom => app.scroll_reader(|_, _, max| max),
        Action::NextMatch => app.jump_match(true),
        Action::PrevMatch => app.jump_match(false),
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Back => {
            let back = app.reader.as_ref().map_or(View::List, |r| r.back);
            app.view = match back {
                View::Compare if app.compare.is_none() => View::List,
                v => v,
            };
            app.reader = None;
        }
        Action::FocusSearch => {
            app.view = View::List;
            app.reader = None;
            app.compare = None;
            app.focus = Focus::Search;
        }
        _ => {}
    }
}

fn update_list(app: &mut App, action: Action) {
    // Enter while typing fast: wait for the answer to what was typed, then open. Any
    // other key cancels that.
    app.open_when_ready = false;
    match action {
        Action::Input(_)
        | Action::Paste(_)
        | Action::Backspace
        | Action::Delete
        | Action::DeleteWord
        | Action::Clear
        | Action::CursorLeft
        | Action::CursorRight
        | Action::CursorStart
        | Action::CursorEnd => {
            if let Action::Paste(_) = action {
                app.focus = Focus::Search;
            }
            if app.focus == Focus::Search && app.query.edit(&action) {
                app.request_search();
            }
        }
        Action::Up | Action::ScrollUp => app.move_selection(-1),
        Action::Down | Action::ScrollDown => app.move_selection(1),
        Action::PageUp => app.move_selection(-(app.list_page() as isize)),
        Action::PageDown => app.move_selection(app.list_page() as isize),
        Action::Top => app.selected = 0,
        Action::Bottom => app.move_selection(isize::MAX),
        Action::Open if app.searching() => app.open_when_ready = true,
        Action::Open => app.open_reader(),
        Action::Back | Action::FocusList => app.focus = Focus::List,
        Action::FocusSearch => app.focus = Focus::Search,
        Action::ToggleOutlet(i) => app.toggle_outlet(i),
        Action::AllOutlets => app.all_outlets(),
        Action::OpenOutlets => app.popup = Some(Popup::Outlets { cursor: 0 }),
        Action::OpenDates => {
            app.popup = Some(Popup::Dates {
                input: TextInput::new(&app.filter.dates().unwrap_or_default()),
                error: None,
            })
        }
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Refresh => {
            app.outbox.push(Request::Refresh);
            app.request_search();
        }
        Action::OpenEvents => framing_state::open_events(app),
        Action::OpenCompare => framing_state::open_compare_query(app),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prompt_accepts_open_ranges() {
        assert_eq!(parse_dates(""), Ok((None, None)));
        assert_eq!(
            parse_dates("2021-01-01.."),
            Ok((Some("2021-01-01".into()), None))
        );
        assert_eq!(
            parse_dates("..2021-12-31"),
            Ok((None, Some("2021-12-31".into())))
        );
        assert_eq!(
            parse_dates("2021-03-09"),
            Ok((Some("2021-03-09".into()), Some("2021-03-09".into())))
        );
        assert!(parse_dates("2021-13-01..").is_err());
        assert!(parse_dates("2021-3-1").is_err());
        assert!(parse_dates("2022-01-01..2021-01-01").is_err());
    }

    #[test]
    fn text_input_edits_by_character() {
        let mut t = TextInput::new("嫦娥 moon");
        assert!(t.edit(&Action::Backspace));
        assert_eq!(t.text, "嫦娥 moo");
        t.edit(&Action::DeleteWord);
        assert_eq!(t.text, "嫦娥 ");
        t.edit(&Action::CursorStart);
        t.edit(&Action::Delete);
        assert_eq!(t.text, "娥 ");
        t.edit(&Action::CursorRight);
        t.edit(&Action::Input('x'));
        assert_eq!(t.text, "娥x ");
    }
}
