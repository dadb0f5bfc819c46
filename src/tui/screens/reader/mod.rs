//! The reader: one article, whole, with its metadata, the page it came from and the
//! query words highlighted; `n`/`N` jump between matches.

mod draw;

pub use draw::draw;

use std::collections::HashSet;
use std::ops::Range;

use super::{Ctx, Effect};
use crate::model::{Hit, Origin};
use crate::tui::action::Action;
use crate::tui::scroll::WHEEL_LINES;
use crate::tui::ui::document::{self, Doc};
use crate::tui::ui::layout;
use crate::tui::worker::Request;

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
}

/// Height of the reader's text column.
pub fn height(ctx: &Ctx) -> usize {
    layout::reader_areas(ctx.area).text.height as usize
}

impl Reader {
    /// Opens `hit`'s article with `terms` highlighted; at the passage `focus` (a byte
    /// range of the body) when given. The request asks the worker for every file that
    /// holds the same text (the stored article names only the first).
    pub fn open(
        hit: Hit,
        terms: HashSet<String>,
        focus: Option<Range<usize>>,
        ctx: &Ctx,
    ) -> (Reader, Request) {
        let width = layout::reader_areas(ctx.area).text.width;
        let height = height(ctx);
        let doc = document::layout_at(
            &hit.article,
            &terms,
            &ctx.theme,
            width as usize,
            document::Mode::Full,
            usize::MAX,
            focus.clone(),
        );
        let ask = Request::Origins {
            id: hit.article.id.clone(),
        };
        // At a passage: show it a third of the way down, its first match current.
        let (scroll, current) = match &doc.focus {
            Some(lines) => {
                let max = doc.lines.len().saturating_sub(height);
                let current = doc.matches.iter().position(|l| lines.contains(l));
                (lines.start.saturating_sub(height / 3).min(max), current)
            }
            None => (0, None),
        };
        let reader = Reader {
            hit: Box::new(hit),
            terms,
            doc,
            width,
            scroll,
            current,
            focus,
        };
        (reader, ask)
    }

    /// Adds the files article `id` was also ingested from, once the worker has them.
    pub fn set_origins(&mut self, id: &str, origins: Vec<Origin>, ctx: &Ctx) {
        let a = &mut self.hit.article;
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
            self.width = 0; // lay out again
            self.relayout(ctx);
        }
    }

    /// Lays the article out again when the width changed, keeping the current match,
    /// the passage or the same place in the text in view.
    pub fn relayout(&mut self, ctx: &Ctx) {
        let width = layout::reader_areas(ctx.area).text.width;
        let height = height(ctx);
        if self.width != width {
            let old_len = self.doc.lines.len().max(1);
            self.doc = document::layout_at(
                &self.hit.article,
                &self.terms,
                &ctx.theme,
                width as usize,
                document::Mode::Full,
                usize::MAX,
                self.focus.clone(),
            );
            self.width = width;
            let new_len = self.doc.lines.len();
            let focus = self.doc.focus.as_ref().map(|f| f.start);
            self.scroll = match self
                .current
                .and_then(|m| self.doc.matches.get(m))
                .or(focus.as_ref())
            {
                Some(&line) => line.saturating_sub(height / 3),
                None if new_len.abs_diff(old_len) <= 2 => self.scroll,
                None => self.scroll * new_len / old_len,
            };
        }
        self.scroll = self.scroll.min(self.doc.lines.len().saturating_sub(height));
    }

    fn scroll_by(&mut self, ctx: &Ctx, to: impl FnOnce(usize, usize, usize) -> usize) {
        let height = height(ctx);
        let max = self.doc.lines.len().saturating_sub(height);
        self.scroll = to(self.scroll, height, max).min(max);
    }

    fn jump_match(&mut self, ctx: &Ctx, forward: bool) {
        let height = height(ctx);
        let n = self.doc.matches.len();
        if n == 0 {
            return;
        }
        let next = match (self.current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            // The first match at or below the top of the screen, or the last above it.
            (None, true) => self
                .doc
                .matches
                .iter()
                .position(|&l| l >= self.scroll)
                .unwrap_or(0),
            (None, false) => self
                .doc
                .matches
                .iter()
                .rposition(|&l| l < self.scroll + height)
                .unwrap_or(n - 1),
        };
        self.current = Some(next);
        let line = self.doc.matches[next];
        let max = self.doc.lines.len().saturating_sub(height);
        if line < self.scroll || line >= self.scroll + height {
            self.scroll = line.saturating_sub(height / 3).min(max);
        }
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Effect> {
        match action {
            Action::Up => self.scroll_by(ctx, |s, _, _| s.saturating_sub(1)),
            Action::Down => self.scroll_by(ctx, |s, _, _| s + 1),
            Action::ScrollUp => self.scroll_by(ctx, |s, _, _| s.saturating_sub(WHEEL_LINES)),
            Action::ScrollDown => self.scroll_by(ctx, |s, _, _| s + WHEEL_LINES),
            Action::PageUp => {
                self.scroll_by(ctx, |s, h, _| s.saturating_sub(h.saturating_sub(1).max(1)))
            }
            Action::PageDown => self.scroll_by(ctx, |s, h, _| s + h.saturating_sub(1).max(1)),
            Action::Top => self.scroll_by(ctx, |_, _, _| 0),
            Action::Bottom => self.scroll_by(ctx, |_, _, max| max),
            Action::NextMatch => self.jump_match(ctx, true),
            Action::PrevMatch => self.jump_match(ctx, false),
            Action::Help => return vec![Effect::OpenHelp],
            Action::Back => return vec![Effect::Back],
            Action::FocusSearch => return vec![Effect::ToSearch],
            _ => {}
        }
        Vec::new()
    }
}
