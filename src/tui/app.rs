//! The reader's state: the list at the bottom, a stack of screens above it, at most one
//! pop-up on top, and [`update`], the one place it changes.
//!
//! `update` does no I/O. Screens answer actions with [`Effect`]s; the app carries them
//! out — pushing and popping screens, handing requests to the worker through the outbox
//! (the event loop sends them; tests run them directly) — and routes the worker's
//! [`Answer`]s to the screen that asked.

use ratatui::layout::Rect;

use super::action::Action;
use super::answer::{Answer, FetchStatus, IndexInfo};
use super::bindings::Place;
use super::links::{self, Io};
use super::screens::compare::CompareView;
use super::screens::events::EventsView;
use super::screens::list::{Focus, ListScreen};
use super::screens::popup::Popup;
use super::screens::reader::{self, Reader};
use super::screens::{Ctx, Effect, Filter, Screen};
use super::ui::theme::Theme;
use super::worker::Request;
use crate::model::{Hit, SearchResults};

pub use super::input::TextInput;
pub use super::screens::list::PAGE;

/// Which screen is on top (under any pop-up).
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

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct App {
    ctx: Ctx,
    list: ListScreen,
    stack: Vec<Screen>,
    popup: Option<Popup>,
    /// The events list last closed, reopened as it is while the index is unchanged.
    kept_events: Option<EventsView>,
    outbox: Vec<Request>,
    /// What the event loop is to do outside the reader (open, copy).
    io: Vec<Io>,
    /// Keys a configuration file bound.
    quit: bool,
}

impl App {
    /// A new reader over an index holding `index`, on a terminal of `area`.
    pub fn new(theme: Theme, index: IndexInfo, area: Rect) -> App {
        let mut app = App {
            ctx: Ctx {
                theme,
                area,
                index,
                last_visit: None,
                fetch: None,
                notice: None,
                read: Default::default(),
                keys: Vec::new(),
            },
            list: ListScreen::default(),
            stack: Vec::new(),
            popup: None,
            kept_events: None,
            outbox: Vec::new(),
            io: Vec::new(),
            quit: false,
        };
        // The newest articles, before anything is typed.
        let first = app.list.search(&app.ctx);
        app.apply(first);
        app
    }

    /// The same reader, marking articles that arrived after `at` (unix seconds) as new.
    pub fn with_last_visit(mut self, at: Option<u64>) -> App {
        self.ctx.last_visit = at;
        self
    }

    /// The same reader, knowing the articles already read.
    pub fn with_read(mut self, read: std::collections::HashMap<String, String>) -> App {
        self.ctx.read = std::sync::Arc::new(read);
        self
    }

    /// The same reader with keys bound by a configuration file.
    pub fn with_keys(mut self, keys: Vec<(super::bindings::Key, Action)>) -> App {
        self.ctx.keys = keys;
        self
    }

    /// The keys a configuration file bound.
    pub fn keys(&self) -> &[(super::bindings::Key, Action)] {
        &self.ctx.keys
    }

    /// The articles read, by id, with their outlets.
    pub fn read(&self) -> &std::collections::HashMap<String, String> {
        &self.ctx.read
    }

    /// The background fetch: under way, or how it ended (until the next key).
    pub fn fetch(&self) -> Option<&FetchStatus> {
        self.ctx.fetch.as_ref()
    }

    /// What every screen reads: theme, size, index.
    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// The terminal's size.
    pub fn area(&self) -> Rect {
        self.ctx.area
    }

    /// What the index holds.
    pub fn index(&self) -> &IndexInfo {
        &self.ctx.index
    }

    /// The list screen (search line, filters, results).
    pub fn list(&self) -> &ListScreen {
        &self.list
    }

    /// The screens above the list, bottom first.
    pub fn stack(&self) -> &[Screen] {
        &self.stack
    }

    /// The open pop-up.
    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }

    /// Whether the user has quit.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// Where keys go now.
    pub fn focus(&self) -> Focus {
        self.list.focus
    }

    /// The search line.
    pub fn query(&self) -> &TextInput {
        &self.list.query
    }

    /// Outlet and date filters.
    pub fn filter(&self) -> &Filter {
        &self.list.filter
    }

    /// The results on screen; `None` when the query is empty.
    pub fn results(&self) -> Option<&SearchResults> {
        self.list.results.value()
    }

    /// What was wrong with the newest search (the previous results stay on screen).
    pub fn error(&self) -> Option<&str> {
        self.list.results.error()
    }

    /// Index of the selected hit.
    pub fn selected(&self) -> usize {
        self.list.selected
    }

    /// The hits on screen.
    pub fn hits(&self) -> &[Hit] {
        self.list.hits()
    }

    /// The selected hit.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.list.selected_hit()
    }

    /// The screen on top.
    pub fn view(&self) -> View {
        match self.stack.last() {
            None => View::List,
            Some(Screen::Reader(_)) => View::Reader,
            Some(Screen::Events(_)) => View::Events,
            Some(Screen::Compare(_)) => View::Compare,
        }
    }

    /// Where a key press goes now.
    pub fn place(&self) -> Place {
        match (&self.popup, self.stack.last()) {
            (Some(Popup::Help { .. }), _) => Place::Help,
            (Some(Popup::Outlets { .. }), _) => Place::Outlets,
            (Some(Popup::Dates { .. }), _) => Place::Dates,
            (None, Some(Screen::Reader(_))) => Place::Reader,
            (None, Some(Screen::Events(_))) => Place::Events,
            (None, Some(Screen::Compare(_))) => Place::Compare,
            (None, None) => match self.list.focus {
                Focus::Search => Place::Search,
                Focus::List => Place::List,
            },
        }
    }

    /// The open article, when the reader is on top.
    pub fn reader(&self) -> Option<&Reader> {
        match self.stack.last() {
            Some(Screen::Reader(r)) => Some(r),
            _ => None,
        }
    }

    /// The events list: on the stack, or kept from when it was last open.
    pub fn events(&self) -> Option<&EventsView> {
        self.stack
            .iter()
            .rev()
            .find_map(|s| match s {
                Screen::Events(e) => Some(e),
                _ => None,
            })
            .or(self.kept_events.as_ref())
    }

    /// The comparison on the stack (on top, or under the reader opened from it).
    pub fn compare(&self) -> Option<&CompareView> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Compare(c) => Some(&**c),
            _ => None,
        })
    }

    /// Whether a search is under way whose answer has not arrived.
    pub fn searching(&self) -> bool {
        self.list.results.is_due()
    }

    /// Whether an events list or a comparison is being computed.
    pub fn framing_pending(&self) -> bool {
        self.events().is_some_and(EventsView::pending)
            || self.compare().is_some_and(CompareView::pending)
    }

    /// Takes what the event loop is to do outside the reader.
    pub fn take_io(&mut self) -> Vec<Io> {
        std::mem::take(&mut self.io)
    }

    /// What the last key did outside the reader, or why it could not: `(text, error)`.
    pub fn notice(&self) -> Option<&(String, bool)> {
        self.ctx.notice.as_ref()
    }

    /// Says what happened outside the reader (the event loop reports a browser that
    /// would not start this way).
    pub fn set_notice(&mut self, text: String, error: bool) {
        self.ctx.notice = Some((text, error));
    }

    /// The article the link keys act on: the one open in the reader, else the one
    /// selected in the list.
    fn current_article(&self) -> Option<&crate::model::Article> {
        match self.stack.last() {
            Some(Screen::Reader(r)) => Some(&r.hit.article),
            None => self.list.selected_hit().map(|h| &h.article),
            Some(_) => None,
        }
    }

    /// Opens or copies the current article's link, or its citation.
    fn link_action(&mut self, action: &Action) {
        let Some(article) = self.current_article() else {
            self.set_notice("no article selected".into(), true);
            return;
        };
        let (io, said) = match action {
            Action::OpenLink => match links::http_link(article) {
                Ok(url) => (Io::Open(url.clone()), format!("opening {url}")),
                Err(why) => return self.set_notice(why, true),
            },
            Action::CopyLink => match links::http_link(article) {
                Ok(url) => (Io::Copy(url.clone()), format!("copied {url}")),
                Err(why) => return self.set_notice(why, true),
            },
            _ => {
                let c = links::citation(article);
                (Io::Copy(c.clone()), format!("copied: {c}"))
            }
        };
        self.io.push(io);
        self.set_notice(said, false);
    }

    /// Takes the queued requests for the worker.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.outbox)
    }

    /// Height of the reader's text column.
    pub fn reader_height(&self) -> usize {
        reader::height(&self.ctx)
    }

    /// Rows and results per page of the list on the current screen.
    pub fn list_page(&self) -> usize {
        self.list.page(&self.ctx)
    }

    /// Carries out what a screen asked for.
    fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.apply_one(effect);
        }
    }

    fn apply_one(&mut self, effect: Effect) {
        let ctx = &self.ctx;
        match effect {
            Effect::Ask(r) => self.outbox.push(r),
            Effect::OpenReader { hit, terms, focus } => {
                let a = &hit.article;
                if !self.ctx.read.contains_key(&a.id) {
                    std::sync::Arc::make_mut(&mut self.ctx.read)
                        .insert(a.id.clone(), a.outlet.clone());
                    self.io.push(Io::SaveRead);
                }
                let ctx = &self.ctx;
                let (r, ask) = Reader::open(*hit, terms, focus, ctx);
                self.outbox.push(ask);
                self.stack.push(Screen::Reader(Box::new(r)));
            }
            Effect::OpenEvents(window) => {
                let kept = self
                    .kept_events
                    .take()
                    .filter(|e| e.is_current(ctx, &window));
                let ev = match kept {
                    Some(ev) => ev,
                    None => {
                        let (ev, ask) = EventsView::open(ctx, window);
                        self.outbox.push(ask);
                        ev
                    }
                };
                self.stack.push(Screen::Events(ev));
            }
            Effect::OpenCompare(target) => {
                let (cv, ask) = CompareView::open(target);
                self.outbox.extend(ask);
                self.stack.push(Screen::Compare(Box::new(cv)));
            }
            Effect::OpenHelp => self.popup = Some(Popup::Help { scroll: 0 }),
            Effect::OpenOutlets => self.popup = Some(Popup::Outlets { cursor: 0 }),
            Effect::OpenDates => {
                self.popup = Some(Popup::Dates {
                    input: TextInput::new(&self.list.filter.dates().unwrap_or_default()),
                    error: None,
                })
            }
            Effect::ClosePopup => self.popup = None,
            Effect::ToggleOutlet(i) => {
                let e = self.list.toggle_outlet(i, ctx);
                self.apply(e);
            }
            Effect::AllOutlets => {
                let e = self.list.all_outlets(&self.ctx);
                self.apply(e);
            }
            Effect::SetDates(since, until) => {
                let e = self.list.set_dates(since, until, &self.ctx);
                self.apply(e);
            }
            Effect::Back => self.pop(),
            Effect::ToSearch => {
                while !self.stack.is_empty() {
                    self.pop();
                }
                self.list.focus = Focus::Search;
            }
        }
    }

    /// Closes the top screen; an events list is kept to be reopened as it is.
    fn pop(&mut self) {
        if let Some(Screen::Events(ev)) = self.stack.pop() {
            self.kept_events = Some(ev);
        }
    }

    /// Takes an answer from the worker to the screen that asked.
    pub fn answer(&mut self, answer: Answer) {
        let ctx = &self.ctx;
        match answer {
            Answer::Results { ticket, outcome } => {
                let e = self.list.apply_results(ticket, outcome);
                self.apply(e);
            }
            Answer::Index(info) => {
                self.ctx.index = info;
                if let Some(p) = &mut self.popup {
                    p.clamp(&self.ctx);
                }
            }
            Answer::Origins { id, origins } => {
                if let Some(Screen::Reader(r)) = self.stack.last_mut() {
                    r.set_origins(&id, origins, ctx);
                }
            }
            Answer::Events { ticket, outcome } => {
                let on_stack = self.stack.iter_mut().rev().find_map(|s| match s {
                    Screen::Events(e) => Some(e),
                    _ => None,
                });
                if let Some(ev) = on_stack.or(self.kept_events.as_mut()) {
                    ev.apply(ticket, outcome);
                }
            }
            Answer::Comparison { ticket, outcome } => {
                for s in self.stack.iter_mut().rev() {
                    if let Screen::Compare(cv) = s {
                        cv.apply(ticket, outcome, ctx);
                        break;
                    }
                }
            }
            Answer::Fetch(status) => {
                let done = matches!(status, FetchStatus::Done(_));
                self.ctx.fetch = Some(status);
                if done {
                    // The new articles are in: re-read the index and search again.
                    self.outbox.push(Request::Refresh);
                    let e = self.list.search(&self.ctx);
                    self.apply(e);
                }
            }
        }
    }

    /// Starts fetching every feed in the background, unless a fetch is under way.
    fn start_fetch(&mut self) {
        if self.ctx.fetch.as_ref().is_some_and(FetchStatus::running) {
            return;
        }
        self.ctx.fetch = Some(FetchStatus::Fetching { done: 0, total: 0 });
        self.outbox.push(Request::Fetch);
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.ctx.area = Rect::new(0, 0, w, h);
        let ctx = &self.ctx;
        for s in &mut self.stack {
            match s {
                Screen::Reader(r) => r.relayout(ctx),
                Screen::Compare(c) => c.relayout(ctx),
                Screen::Events(_) => {}
            }
        }
        if let Some(p) = &mut self.popup {
            p.clamp(ctx);
        }
    }
}

/// Applies one action to the state. No I/O: requests are queued for the worker.
pub fn update(app: &mut App, action: Action) {
    // How the last fetch ended, and any notice, are shown until the next key.
    if !matches!(action, Action::Resize(..)) {
        if app.ctx.fetch.as_ref().is_some_and(|f| !f.running()) {
            app.ctx.fetch = None;
        }
        app.ctx.notice = None;
    }
    if matches!(
        action,
        Action::OpenLink | Action::CopyLink | Action::CopyCitation
    ) && app.popup.is_none()
    {
        app.link_action(&action);
        return;
    }
    if action == Action::Fetch {
        app.start_fetch();
        return;
    }
    let ctx = &app.ctx;
    let effects = match action {
        Action::Quit => {
            app.quit = true;
            return;
        }
        Action::Resize(w, h) => {
            app.resize(w, h);
            return;
        }
        action => match (&mut app.popup, app.stack.last_mut()) {
            (Some(p), _) => p.update(action, ctx),
            (None, Some(Screen::Reader(r))) => r.update(action, ctx),
            (None, Some(Screen::Events(e))) => e.update(action, ctx),
            (None, Some(Screen::Compare(c))) => c.update(action, ctx),
            (None, None) => app.list.update(action, ctx),
        },
    };
    app.apply(effects);
}
