//! Drawing the pop-ups over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::Popup;
use crate::text::sanitize_inline;
use crate::tui::bindings::{self, Bar};
use crate::tui::input::TextInput;
use crate::tui::screens::Ctx;
use crate::tui::ui::layout;
use crate::tui::ui::rich::{self, Run, RunLine};
use crate::tui::ui::widgets::{
    hint_line, input_window, lines_widget, outlet_row, popup_block, to_lines,
};

/// Draws the pop-up over `area`; `chosen` are the outlet ids in the list's filter.
pub fn draw(frame: &mut Frame<'_>, popup: &Popup, ctx: &Ctx, chosen: &[String], area: Rect) {
    match popup {
        Popup::Help { scroll } => draw_help(frame, ctx, area, *scroll),
        Popup::Outlets { cursor } => draw_outlets(frame, ctx, chosen, area, *cursor),
        Popup::Dates { input, error } => draw_dates(frame, ctx, area, input, error.as_deref()),
    }
}

fn draw_help(frame: &mut Frame<'_>, ctx: &Ctx, area: Rect, scroll: usize) {
    let t = &ctx.theme;
    let b = layout::help_box(area);
    let text = layout::help_text(area);
    let all = bindings::help_lines(t, text.width as usize, &ctx.keys);
    let keys: Vec<String> = bindings::hint_pairs(Bar::Help)
        .iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let keys = keys.join("  ");
    let inner_h = text.height as usize;
    let footer = if all.len() > inner_h {
        let end = (scroll + inner_h).min(all.len());
        format!(" {}–{} of {}  {keys} ", scroll + 1, end, all.len())
    } else {
        let close = keys.rsplit("  ").next().unwrap_or_default();
        format!(" {close} ")
    };
    let block = popup_block(t, " Keys ")
        .title_bottom(Line::from(Span::styled(footer, t.dim())).right_aligned());
    frame.render_widget(Clear, b);
    frame.render_widget(block, b);
    if text.width == 0 {
        return;
    }
    let shown: Vec<RunLine> = all.into_iter().skip(scroll).take(inner_h).collect();
    frame.render_widget(lines_widget(to_lines(&shown, text.width as usize)), text);
}

fn draw_outlets(frame: &mut Frame<'_>, ctx: &Ctx, chosen: &[String], area: Rect, cursor: usize) {
    let t = &ctx.theme;
    let outlets = &ctx.index.outlets;
    let b = layout::outlets_box(area, outlets.len());
    let block =
        popup_block(t, " Outlets ").title_bottom(hint_line(t, &bindings::hint_pairs(Bar::Outlets)));
    let inner = block.inner(b);
    frame.render_widget(Clear, b);
    frame.render_widget(block, b);
    if inner.width < 2 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let mut lines: Vec<RunLine> = Vec::new();
    let status = if chosen.is_empty() {
        " Showing all outlets.".to_string()
    } else {
        format!(" Showing {} of {} outlets.", chosen.len(), outlets.len())
    };
    lines.push(vec![Run::new(status, t.dim())]);
    if outlets.is_empty() {
        lines.push(vec![Run::new("No outlets: the index is empty.", t.text())]);
    }
    let name_w = outlets
        .iter()
        .map(|o| rich::width(&sanitize_inline(&o.name)))
        .max()
        .unwrap_or(0)
        .min(24);
    // Keep the cursor row visible.
    let rows = (inner.height as usize).saturating_sub(1).max(1);
    let offset = cursor.saturating_sub(rows - 1);
    for (i, o) in outlets.iter().enumerate().skip(offset).take(rows) {
        let row = outlet_row(t, chosen, i, o, name_w, ctx.unread(o));
        let row = if i == cursor {
            let mut r = vec![Run::new("▌", t.marker())];
            r.extend(row);
            rich::fit(r, w, t.selected())
                .into_iter()
                .map(|mut run| {
                    run.style = t.selected().patch(run.style);
                    run
                })
                .collect()
        } else {
            let mut r = vec![Run::new(" ", Style::new())];
            r.extend(row);
            r
        };
        lines.push(row);
    }
    frame.render_widget(lines_widget(to_lines(&lines, w)), inner);
}

fn draw_dates(
    frame: &mut Frame<'_>,
    ctx: &Ctx,
    area: Rect,
    input: &TextInput,
    error: Option<&str>,
) {
    let t = &ctx.theme;
    let b = layout::dates_box(area);
    let block =
        popup_block(t, " Dates ").title_bottom(hint_line(t, &bindings::hint_pairs(Bar::Dates)));
    let inner = block.inner(b);
    frame.render_widget(Clear, b);
    frame.render_widget(block, b);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let text = Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height);
    let w = text.width as usize;
    let mut lines: Vec<RunLine> = Vec::new();
    if inner.height >= 5 {
        lines.extend(rich::wrap(
            &[Run::new(
                "since..until as YYYY-MM-DD; either side may be empty; one date is that day; empty clears.",
                t.dim(),
            )],
            w,
            2,
        ));
        lines.push(Vec::new());
    }
    let prompt = "› ";
    let (shown, cursor_x) = input_window(input, w.saturating_sub(2), t.text());
    let mut line = vec![Run::new(prompt, t.accent())];
    line.extend(shown);
    let input_line = lines.len();
    lines.push(line);
    match error {
        Some(e) => lines.push(vec![Run::new(sanitize_inline(e), t.error())]),
        None => lines.push(vec![Run::new(
            "e.g. 2021-01-01..2021-06-30 or ..2020-12-31",
            t.dim(),
        )]),
    }
    frame.render_widget(lines_widget(to_lines(&lines, w)), text);
    if (input_line as u16) < text.height {
        frame.set_cursor_position((text.x + 2 + cursor_x as u16, text.y + input_line as u16));
    }
}
