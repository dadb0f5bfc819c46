//! Shared helpers for the TUI tests: a real index in a temporary directory, an `App` on
//! it, and a synchronous stand-in for the search worker.
#![allow(dead_code)]

use digest::index::DigestIndex;
use digest::tui::action::Action;
use digest::tui::app::{App, update};
use digest::tui::theme::Theme;
use digest::tui::view;
use digest::tui::worker::{self, Request};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// An index in a temporary directory (kept alive as long as the fixture).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub index: DigestIndex,
}

/// An index seeded with the bundled corpus.
pub fn seeded() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let index = DigestIndex::open_seeded(&dir.path().join("index")).unwrap();
    Fixture { dir, index }
}

/// An index with no articles.
pub fn empty() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let index = DigestIndex::open(&dir.path().join("index")).unwrap();
    Fixture { dir, index }
}

impl Fixture {
    /// A reader on this index, `w`×`h` cells, in colour.
    pub fn app(&self, w: u16, h: u16) -> App {
        self.app_with(w, h, Theme::colored())
    }

    /// A reader on this index with the given theme.
    pub fn app_with(&self, w: u16, h: u16, theme: Theme) -> App {
        let info = worker::index_info(&self.index).unwrap();
        App::new(theme, info, Rect::new(0, 0, w, h))
    }

    /// Does what the worker does, synchronously: runs every queued request in order and
    /// applies the answers (stale ones are dropped by `update`).
    pub fn settle(&self, app: &mut App) {
        for r in app.take_requests() {
            match r {
                Request::Search {
                    generation,
                    request,
                } => update(app, worker::answer(&self.index, generation, &request)),
                Request::Refresh => {
                    self.index.reload().unwrap();
                    update(app, Action::Index(worker::index_info(&self.index).unwrap()));
                }
                Request::Origins { id } => {
                    let origins = self.index.origins(&id).unwrap();
                    update(app, Action::Origins { id, origins });
                }
            }
        }
    }

    /// Types `text` into the focused field one key at a time, then lets searches finish.
    pub fn type_str(&self, app: &mut App, text: &str) {
        for c in text.chars() {
            update(app, Action::Input(c));
        }
        self.settle(app);
    }

    /// Applies actions in order, then lets searches finish.
    pub fn act(&self, app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            update(app, a);
        }
        self.settle(app);
    }
}

/// Draws the app on a test terminal of its size and returns the terminal.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    let t = render(app);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width_of(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn unicode_width_of(s: &str) -> usize {
    digest::tui::rich::width(s)
}

/// Ids of the hits on screen, in order.
pub fn hit_ids(app: &App) -> Vec<String> {
    app.hits().iter().map(|h| h.article.id.clone()).collect()
}
