//! The comparison (`c`, or `Enter` on an event): the outlets side by side on one story,
//! each column with its passages (● only this outlet has it, ○ others share it), naming,
//! voices, distinctive terms and tone. `Enter` reads the article at a passage.

mod draw;

pub use draw::draw;

use std::collections::HashMap;
use std::ops::Range;

use super::{Ctx, Effect};
use crate::framing::Comparison;
use crate::model::{Hit, Snippet};
use crate::tui::action::Action;
use crate::tui::answer::ComparisonAnswer;
use crate::tui::pending::Pending;
use crate::tui::scroll::{self, WHEEL_LINES};
use crate::tui::ui::framing::{ColumnDoc, column_doc};
use crate::tui::ui::{layout, rich};
use crate::tui::worker::{CompareTarget, Request};

/// One outlet column as laid out, with its selection and scroll.
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
    /// The comparison with the articles of its passages, once it has arrived.
    pub answer: Pending<Box<ComparisonAnswer>>,
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
    /// A comparison of `target`, and the request for it (none for an empty query: the
    /// view then says to type one).
    pub fn open(target: CompareTarget) -> (CompareView, Option<Request>) {
        let mut cv = CompareView {
            target,
            answer: Pending::default(),
            focus: 0,
            first: 0,
            columns: Vec::new(),
            width: 0,
            names: HashMap::new(),
        };
        let empty = matches!(&cv.target, CompareTarget::Query { query, .. } if query.is_empty());
        let ask = (!empty).then(|| Request::Compare {
            ticket: cv.answer.ask(),
            target: cv.target.clone(),
        });
        (cv, ask)
    }

    /// Whether the comparison is still being computed.
    pub fn pending(&self) -> bool {
        self.answer.is_due()
    }

    /// The comparison, once it has arrived.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.answer.value().map(|a| &a.comparison)
    }

    /// The number of outlet columns.
    pub fn outlets(&self) -> usize {
        self.comparison().map_or(0, |c| c.outlets.len())
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

    /// Takes the worker's answer to comparison request `ticket`.
    pub fn apply(
        &mut self,
        ticket: u64,
        outcome: Result<Box<ComparisonAnswer>, String>,
        ctx: &Ctx,
    ) {
        if !self.answer.accept(ticket, outcome) || self.answer.error().is_some() {
            return;
        }
        let Some(comparison) = self.comparison() else {
            return;
        };
        let mut names: HashMap<String, String> = ctx
            .index
            .outlets
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect();
        for c in &comparison.outlets {
            names
                .entry(c.outlet.clone())
                .or_insert_with(|| c.outlet_name.clone());
        }
        let n = comparison.outlets.len();
        self.names = names;
        self.columns = vec![ColumnState::default(); n];
        self.width = 0;
        self.relayout(ctx);
    }

    /// Lays the columns out again for the terminal's width (on arrival and on resize)
    /// and keeps the focused column and the selected passages in view.
    pub fn relayout(&mut self, ctx: &Ctx) {
        let area = ctx.area;
        let Some(comparison) = self.answer.value().map(|a| &a.comparison) else {
            return;
        };
        let n = comparison.outlets.len();
        let visible = layout::visible_columns(area.width, n);
        let width = layout::column_text_width(area.width, visible);
        if width != self.width {
            for (col, state) in comparison.outlets.iter().zip(self.columns.iter_mut()) {
                state.doc = column_doc(col, &self.names, &ctx.theme, width as usize);
            }
            self.width = width;
        }
        let height = layout::column_text_height(area);
        for state in &mut self.columns {
            show_selected(state, height, false);
        }
        self.keep_focus_visible(visible);
    }

    fn keep_focus_visible(&mut self, visible: usize) {
        let n = self.columns.len();
        self.focus = self.focus.min(n.saturating_sub(1));
        if self.focus < self.first {
            self.first = self.focus;
        } else if self.focus >= self.first + visible {
            self.first = self.focus + 1 - visible;
        }
        self.first = self.first.min(n.saturating_sub(visible));
    }

    fn move_column(&mut self, forward: bool, ctx: &Ctx) {
        let n = self.columns.len();
        if n == 0 {
            return;
        }
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.keep_focus_visible(layout::visible_columns(ctx.area.width, n));
    }

    fn move_passage(&mut self, delta: isize, ctx: &Ctx) {
        let height = layout::column_text_height(ctx.area);
        let Some(state) = self.columns.get_mut(self.focus) else {
            return;
        };
        let n = state.doc.passages.len();
        if n == 0 {
            // Nothing to select: move the text instead.
            state.scroll = scroll::scroll(state.scroll, delta, state.doc.lines.len(), height);
            return;
        }
        state.selected = scroll::step(state.selected, delta, n);
        show_selected(state, height, true);
    }

    /// Scrolls the focused column; the selection follows onto a passage in view.
    fn scroll_column(&mut self, delta: isize, ctx: &Ctx) {
        let height = layout::column_text_height(ctx.area);
        let Some(state) = self.columns.get_mut(self.focus) else {
            return;
        };
        state.scroll = scroll::scroll(state.scroll, delta, state.doc.lines.len(), height);
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

    /// The reader on the article of the selected passage, at that passage.
    fn open_passage(&self) -> Option<Effect> {
        let answer = self.answer.value()?;
        let col = answer.comparison.outlets.get(self.focus)?;
        let state = self.columns.get(self.focus)?;
        let p = col.passages.get(state.selected)?;
        let article = answer.articles.get(&p.article)?;
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
        let query = match &self.target {
            CompareTarget::Query { query, .. } => query.as_str(),
            CompareTarget::Event { .. } => "",
        };
        let words = p.highlights.iter().filter_map(|r| p.text.get(r.clone()));
        let terms = rich::query_terms(query, words);
        Some(Effect::OpenReader {
            hit: Box::new(hit),
            terms,
            focus: Some(range),
        })
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Effect> {
        let page = layout::column_text_height(ctx.area)
            .saturating_sub(1)
            .max(1) as isize;
        match action {
            Action::NextColumn => self.move_column(true, ctx),
            Action::PrevColumn => self.move_column(false, ctx),
            Action::Up => self.move_passage(-1, ctx),
            Action::Down => self.move_passage(1, ctx),
            Action::Top => self.move_passage(isize::MIN, ctx),
            Action::Bottom => {
                self.move_passage(isize::MAX, ctx);
                self.scroll_column(isize::MAX / 2, ctx);
            }
            Action::ScrollUp => self.scroll_column(-(WHEEL_LINES as isize), ctx),
            Action::ScrollDown => self.scroll_column(WHEEL_LINES as isize, ctx),
            Action::PageUp => self.scroll_column(-page, ctx),
            Action::PageDown => self.scroll_column(page, ctx),
            Action::Open => return self.open_passage().into_iter().collect(),
            Action::Refresh => {
                let (fresh, ask) = CompareView::open(self.target.clone());
                *self = fresh;
                let mut out = vec![Effect::Ask(Request::Refresh)];
                out.extend(ask.map(Effect::Ask));
                return out;
            }
            Action::Help => return vec![Effect::OpenHelp],
            Action::Back => return vec![Effect::Back],
            Action::FocusSearch => return vec![Effect::ToSearch],
            _ => {}
        }
        Vec::new()
    }
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
        .min(scroll::max_scroll(state.doc.lines.len(), height));
}
