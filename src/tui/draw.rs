//! Drawing: a pure function of the state.
//!
//! The screen on top of the stack draws itself from its own state and the [`Ctx`]
//! (theme, size, index) — no index, no files — so the same state always draws the same
//! screen, which is what the snapshot tests rely on; the pop-up, if any, is drawn over it.
//! Every string from an article passes through the sanitiser on its way to the screen,
//! and every width is measured in terminal cells ([`super::ui::rich`]).
//!
//! [`Ctx`]: super::screens::Ctx

use ratatui::Frame;

use super::app::App;
use super::screens::{Screen, compare, events, list, popup, reader};
use super::ui::layout;
use super::ui::widgets::draw_too_small;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if layout::too_small(area) {
        draw_too_small(frame, area);
        return;
    }
    let ctx = app.ctx();
    match app.stack().last() {
        None => list::draw(frame, app.list(), ctx, area, app.popup().is_some()),
        Some(Screen::Reader(r)) => reader::draw(frame, r, ctx, area),
        Some(Screen::Events(e)) => events::draw(frame, e, ctx, area),
        Some(Screen::Compare(c)) => compare::draw(frame, c, ctx, area),
    }
    if let Some(p) = app.popup() {
        popup::draw(frame, p, ctx, &app.filter().outlets, area);
    }
}
