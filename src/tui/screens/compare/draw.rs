//! Drawing the comparison: what is compared, the missing outlets, and the outlet
//! columns side by side (scrolling sideways, or one at a time on narrow terminals).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::{ColumnState, CompareView};
use crate::framing::OutletColumn;
use crate::output::plural;
use crate::tui::bindings::{self, Bar};
use crate::tui::screens::Ctx;
use crate::tui::ui::framing::{badge, clean};
use crate::tui::ui::layout;
use crate::tui::ui::rich::{self, Run};
use crate::tui::ui::widgets::{
    MsgLine, draw_message, draw_status_and_hints, hint_runs, lines_widget, render_line, wrapping,
};
use crate::tui::worker::CompareTarget;

/// Draws the comparison: what is compared, the missing outlets, the outlet columns
/// side by side (scrolling sideways, or one at a time on narrow terminals).
pub fn draw(frame: &mut Frame<'_>, cv: &CompareView, ctx: &Ctx, area: Rect) {
    let t = &ctx.theme;
    let a = layout::compare_areas(area);
    let w = area.width as usize;
    let n = cv.outlets();
    let visible = layout::visible_columns(area.width, n);
    let first = cv.first.min(n.saturating_sub(visible));
    let shown = visible.min(n.saturating_sub(first));

    // Title: the label, and totals on the right.
    let mut title = vec![
        Run::new(" Compare › ", t.accent()),
        Run::new(clean(cv.label()), t.title()),
    ];
    if let Some(c) = cv.comparison().filter(|_| n > 0) {
        let articles: usize = c.outlets.iter().map(|o| o.articles.len()).sum();
        let passages: usize = c.outlets.iter().map(|o| o.passages.len()).sum();
        let right = format!(
            " {} · {} · {} ",
            plural(n, "outlet", "outlets"),
            plural(articles, "article", "articles"),
            plural(passages, "passage", "passages")
        );
        let used = rich::line_width(&title);
        let rw = rich::width(&right);
        if used + rw + 2 <= w {
            title.push(Run::new(" ".repeat(w - used - rw), t.text()));
            title.push(Run::new(right, t.dim()));
        }
    }
    render_line(frame, a.title, title);

    // Info: "◀ n more", missing outlets, the list's filters, "n more ▶".
    if let Some(info) = a.info {
        let before = first;
        let after = n.saturating_sub(first + shown);
        let mut left = vec![Run::new(" ", Style::new())];
        if before > 0 {
            left.push(Run::new(format!("◀ {before} more"), t.accent()));
            left.push(Run::new("  ", t.text()));
        }
        if let Some(c) = cv.comparison().filter(|_| n > 0) {
            if c.missing.is_empty() && c.event.is_some() {
                // Missing from an event: outlets expected to cover it (see `digest events`).
                left.push(Run::new(
                    "no outlet expected to cover it is missing",
                    t.dim(),
                ));
            } else if c.missing.is_empty() {
                left.push(Run::new("every outlet covers it", t.dim()));
            } else {
                left.push(Run::new("missing: ", t.dim()));
                let names: Vec<String> = c.missing.iter().map(|id| clean(cv.name(id))).collect();
                left.push(Run::new(names.join(", "), t.text()));
            }
        }
        if let CompareTarget::Query {
            outlets,
            since,
            until,
            ..
        } = &cv.target
            && (!outlets.is_empty() || since.is_some() || until.is_some())
        {
            left.push(Run::new(
                " · within the list's outlet/date filters",
                t.dim(),
            ));
        }
        let right = if after > 0 {
            vec![Run::new(format!("{after} more ▶ "), t.accent())]
        } else {
            Vec::new()
        };
        let rw = rich::line_width(&right);
        let mut line = rich::truncate(left, w.saturating_sub(rw + 1));
        if rw > 0 {
            let used = rich::line_width(&line);
            line.push(Run::new(" ".repeat(w.saturating_sub(used + rw)), t.text()));
            line.extend(right);
        }
        render_line(frame, info, line);
    }

    // The columns, or what is going on instead.
    let message: Option<Vec<MsgLine>> = if let Some(e) = cv.answer.error() {
        Some(wrapping(vec![
            vec![Run::new(clean(e), t.error())],
            vec![],
            vec![Run::new("Press r to try again, Esc to go back.", t.dim())],
        ]))
    } else if matches!(&cv.target, CompareTarget::Query { query, .. } if query.is_empty()) {
        Some(wrapping(vec![
            vec![Run::new("No query to compare.", t.title())],
            vec![],
            vec![
                Run::new("Type one in the search line (", t.dim()),
                Run::new("/", t.accent()),
                Run::new("), then press ", t.dim()),
                Run::new("Esc c", t.accent()),
                Run::new(".", t.dim()),
            ],
        ]))
    } else if cv.pending() {
        Some(wrapping(vec![vec![Run::new("Comparing…", t.dim())]]))
    } else if n == 0 {
        let what = match cv.target {
            CompareTarget::Query { .. } => "No outlet covers this query.",
            CompareTarget::Event { .. } => "No outlet covers this event.",
        };
        Some(wrapping(vec![vec![Run::new(what, t.title())]]))
    } else {
        None
    };
    if let Some(m) = message {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.border_focused());
        let inner = block.inner(a.columns);
        frame.render_widget(block, a.columns);
        draw_message(frame, inner, &m);
    } else if let Some(c) = cv.comparison() {
        let rects = layout::column_rects(a.columns, shown);
        for (k, rect) in rects.into_iter().enumerate() {
            let i = first + k;
            if let (Some(col), Some(state)) = (c.outlets.get(i), cv.columns.get(i)) {
                draw_column(frame, ctx, cv, i, col, state, rect, n);
            }
        }
    }

    // Status and hints.
    let mut status = vec![Run::new(" ", Style::new())];
    if let (Some(c), Some(state)) = (cv.comparison(), cv.columns.get(cv.focus)) {
        if let Some(col) = c.outlets.get(cv.focus) {
            status.push(Run::new(clean(&col.outlet_name), t.outlet(&col.outlet)));
            let np = col.passages.len();
            let pos = if np == 0 {
                " · no passages".to_string()
            } else {
                format!(" · passage {} of {np}", state.selected.min(np - 1) + 1)
            };
            status.push(Run::new(pos, t.text()));
            status.push(Run::new("  ● ", t.unique()));
            status.push(Run::new("only here ", t.dim()));
            status.push(Run::new("○ ", t.shared()));
            status.push(Run::new("shared", t.dim()));
        }
    } else if cv.pending() {
        status.push(Run::new("comparing…", t.dim()));
    }
    let hints = hint_runs(t, &bindings::hint_pairs(Bar::Compare));
    draw_status_and_hints(frame, a.status, a.hints, status, hints);
}

/// Draws one outlet column: a bordered box titled with the outlet and its article
/// count, the text scrolled, the selected passage marked when the column has focus.
#[allow(clippy::too_many_arguments)]
fn draw_column(
    frame: &mut Frame<'_>,
    ctx: &Ctx,
    cv: &CompareView,
    i: usize,
    col: &OutletColumn,
    state: &ColumnState,
    rect: Rect,
    n: usize,
) {
    let t = &ctx.theme;
    let focused = i == cv.focus;
    let mut title = vec![Span::raw(" ")];
    for r in badge(t, &col.outlet, &col.outlet_name) {
        title.push(Span::styled(r.text, r.style));
    }
    title.push(Span::styled(
        format!(" · {} ", plural(col.articles.len(), "article", "articles")),
        t.dim(),
    ));
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused {
            t.border_focused()
        } else {
            t.border()
        })
        .title(Line::from(title));
    if n > 1 && layout::visible_columns(ctx.area.width, n) == 1 {
        // Stacked: say which of how many.
        block = block
            .title(Line::from(Span::styled(format!(" {}/{n} ", i + 1), t.dim())).right_aligned());
    }
    let inner = block.inner(rect);
    let height = inner.height as usize;
    let total = state.doc.lines.len();
    let scroll = state.scroll.min(total.saturating_sub(height.max(1)));
    let arrows = match (scroll > 0, scroll + height < total) {
        (true, true) => " ↑↓ ",
        (true, false) => " ↑ ",
        (false, true) => " ↓ ",
        (false, false) => "",
    };
    if !arrows.is_empty() {
        block = block.title_bottom(Line::from(Span::styled(arrows, t.dim())).right_aligned());
    }
    frame.render_widget(block, rect);
    if inner.width < 2 || height == 0 {
        return;
    }
    let text_w = (inner.width as usize).saturating_sub(2).max(1);
    let selected = focused
        .then(|| state.doc.passages.get(state.selected).cloned())
        .flatten();
    let lines: Vec<Line<'static>> = state
        .doc
        .lines
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(li, l)| {
            let on = selected.as_ref().is_some_and(|r| r.contains(&li));
            let mut out = if on {
                vec![Run::new("▌", t.marker())]
            } else {
                vec![Run::new(" ", Style::new())]
            };
            if on {
                let line = rich::fit(l.clone(), text_w, Style::new());
                out.extend(line.into_iter().map(|mut r| {
                    r.style = t.selected().patch(r.style);
                    r
                }));
            } else {
                out.extend(rich::truncate(l.clone(), text_w));
            }
            rich::to_line(&out, None, Style::new())
        })
        .collect();
    frame.render_widget(lines_widget(lines), inner);
}
