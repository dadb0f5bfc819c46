//! The events list (`e`): happenings two or more outlets report, most widely covered
//! first; `Enter` compares the outlets on the selected one.
//!
//! Finding events takes up to seconds on a large corpus, so it runs on the worker's
//! framing thread; the list is kept when the user leaves it and reused while the index
//! holds the same number of articles.

mod draw;

pub use draw::draw;

use super::{Ctx, Effect};
use crate::framing::{Event, Window};
use crate::tui::action::Action;
use crate::tui::pending::Pending;
use crate::tui::scroll;
use crate::tui::ui::layout;
use crate::tui::worker::{CompareTarget, Request};

/// The events list.
#[derive(Debug, Clone, Default)]
pub struct EventsView {
    /// The events, most widely covered first, and the request under way.
    pub events: Pending<Vec<Event>>,
    /// Index of the selected event.
    pub selected: usize,
    /// Articles in the index when the list was asked for (a different count asks again).
    pub articles: usize,
    /// The list's dates and outlets the events were asked for in.
    pub window: Window,
}

impl EventsView {
    /// A new list, asked of the worker.
    pub fn open(ctx: &Ctx, window: Window) -> (EventsView, Request) {
        let mut ev = EventsView {
            window,
            ..EventsView::default()
        };
        let ask = ev.ask(ctx);
        (ev, ask)
    }

    /// Whether this list still describes the index (same number of articles, no error).
    pub fn is_current(&self, ctx: &Ctx, window: &Window) -> bool {
        self.events.is_ok() && self.articles == ctx.index.articles && self.window == *window
    }

    fn ask(&mut self, ctx: &Ctx) -> Request {
        self.articles = ctx.index.articles;
        Request::Events {
            ticket: self.events.ask(),
            window: self.window.clone(),
        }
    }

    /// Whether an answer is due.
    pub fn pending(&self) -> bool {
        self.events.is_due()
    }

    /// The events on screen.
    pub fn list(&self) -> &[Event] {
        self.events.value().map_or(&[], Vec::as_slice)
    }

    /// The selected event.
    pub fn selected_event(&self) -> Option<&Event> {
        self.list().get(self.selected)
    }

    /// Takes the worker's answer to events request `ticket`, keeping the same event
    /// selected when it is still there.
    pub fn apply(&mut self, ticket: u64, outcome: Result<Vec<Event>, String>) {
        let keep = self.selected_event().map(|e| e.id.clone());
        if !self.events.accept(ticket, outcome) || self.events.error().is_some() {
            return;
        }
        let list = self.list();
        let at = keep.and_then(|id| list.iter().position(|e| e.id == id));
        self.selected = at.unwrap_or(self.selected.min(list.len().saturating_sub(1)));
    }

    fn page(ctx: &Ctx) -> usize {
        let a = layout::list_areas(ctx.area, true);
        layout::events_page(a.list)
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = scroll::step(self.selected, delta, self.list().len());
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Effect> {
        let page = Self::page(ctx) as isize;
        match action {
            Action::Up | Action::ScrollUp => self.move_by(-1),
            Action::Down | Action::ScrollDown => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = self.list().len().saturating_sub(1),
            Action::Open => {
                if let Some(e) = self.selected_event() {
                    return vec![Effect::OpenCompare(CompareTarget::Event {
                        id: e.id.clone(),
                        label: e.label.clone(),
                        window: self.window.clone(),
                    })];
                }
            }
            Action::Refresh => {
                return vec![Effect::Ask(Request::Refresh), Effect::Ask(self.ask(ctx))];
            }
            Action::Help => return vec![Effect::OpenHelp],
            Action::Back => return vec![Effect::Back],
            Action::FocusSearch => return vec![Effect::ToSearch],
            _ => {}
        }
        Vec::new()
    }
}
