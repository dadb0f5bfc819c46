//! Drawing the reader.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Reader;
use crate::output::plural;
use crate::text::sanitize_inline;
use crate::tui::bindings::{self, Bar};
use crate::tui::screens::Ctx;
use crate::tui::ui::layout;
use crate::tui::ui::rich::{self, Run};
use crate::tui::ui::widgets::{lines_widget, ranked_hints, render_line};

/// Draws the reader over `area`.
pub fn draw(frame: &mut Frame<'_>, r: &Reader, ctx: &Ctx, area: Rect) {
    let t = &ctx.theme;
    let a = layout::reader_areas(area);
    let art = &r.hit.article;
    let w = a.header.width as usize;
    let header = vec![
        Run::new(" ", t.selected()),
        Run::new(
            sanitize_inline(&art.outlet_name),
            t.outlet(&art.outlet).patch(t.selected()),
        ),
        Run::new("  ", t.selected()),
        Run::new(sanitize_inline(&art.title), t.title().patch(t.selected())),
    ];
    frame.render_widget(
        lines_widget(vec![rich::to_line(
            &rich::fit(header, w, t.selected()),
            None,
            Style::new(),
        )]),
        a.header,
    );
    let height = a.text.height as usize;
    let lines: Vec<Line<'static>> = r
        .doc
        .lines
        .iter()
        .skip(r.scroll)
        .take(height)
        .map(|l| {
            rich::to_line(
                &rich::truncate(l.clone(), a.text.width as usize),
                r.current.map(|c| c as u32),
                t.current_match(),
            )
        })
        .collect();
    frame.render_widget(lines_widget(lines), a.text);
    // Opened at a passage of a comparison: mark its lines in the margin.
    if let Some(f) = &r.doc.focus
        && a.text.x >= area.x + 2
    {
        for (i, line) in (r.scroll..r.scroll + height).enumerate() {
            if f.contains(&line) {
                let y = a.text.y + i as u16;
                frame.render_widget(
                    Paragraph::new(Span::styled("▌", t.marker())),
                    Rect::new(a.text.x - 2, y, 1, 1),
                );
            }
        }
    }

    let total = r.doc.lines.len();
    let end = (r.scroll + height).min(total);
    let pct = if total <= height {
        100
    } else {
        end * 100 / total
    };
    let mut status = vec![Run::new(format!(" {pct:>3}%  "), t.dim())];
    let m = r.doc.matches.len();
    status.push(match (m, r.current) {
        (0, _) => Run::new("no matches", t.dim()),
        (m, Some(c)) => Run::new(format!("match {} of {m}", c + 1), t.highlight()),
        (m, None) => Run::new(plural(m, "match", "matches"), t.highlight()),
    });
    if let Some((text, error)) = &ctx.notice {
        let style = if *error { t.error() } else { t.accent() };
        status.push(Run::new("  ", Style::new()));
        status.push(Run::new(sanitize_inline(text), style));
    }
    let room = (a.status.width as usize).saturating_sub(rich::line_width(&status) + 1);
    let hints = ranked_hints(t, &bindings::hints(Bar::Reader), room);
    let sw = rich::line_width(&status);
    let hw = rich::line_width(&hints);
    let w = a.status.width as usize;
    if sw + hw < w {
        status.push(Run::new(" ".repeat(w - sw - hw), Style::new()));
        status.extend(hints);
    }
    render_line(frame, a.status, status);
}
