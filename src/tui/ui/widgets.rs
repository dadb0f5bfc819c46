//! Pieces every screen draws with: messages, hint bars, text fields, pop-up frames,
//! outlet rows.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use super::rich::{self, Run, RunLine};
use super::theme::Theme;
use crate::index::OutletSummary;
use crate::text::sanitize_inline;
use crate::tui::input::TextInput;
use crate::tui::ui::layout;

pub fn lines_widget(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(Text::from(lines))
}

pub fn to_lines(lines: &[RunLine], width: usize) -> Vec<Line<'static>> {
    lines
        .iter()
        .map(|l| rich::to_line(&rich::truncate(l.clone(), width), None, Style::new()))
        .collect()
}

/// The message shown instead of the screen when the terminal is too small.
pub fn draw_too_small(frame: &mut Frame<'_>, area: Rect) {
    let msg = format!(
        "Terminal too small ({}×{}); digest needs {}×{}.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let p = Paragraph::new(msg)
        .wrap(Wrap { trim: true })
        .alignment(Alignment::Center);
    let h = area.height.min(3);
    frame.render_widget(
        p,
        Rect::new(area.x, area.y + (area.height - h) / 2, area.width, h),
    );
}

/// A line of a message: wrapped to the width when `true`, else cut with `…` (tables).
pub type MsgLine = (RunLine, bool);

pub fn wrapping(lines: Vec<RunLine>) -> Vec<MsgLine> {
    lines.into_iter().map(|l| (l, true)).collect()
}

/// Draws message lines into `area` (one blank column of padding on the left).
pub fn draw_message(frame: &mut Frame<'_>, area: Rect, lines: &[MsgLine]) {
    if area.width < 2 {
        return;
    }
    let w = (area.width - 1) as usize;
    let mut out = Vec::new();
    for (l, wrap) in lines {
        if *wrap {
            for wrapped in rich::wrap(l, w, area.height as usize) {
                out.push(rich::to_line(&wrapped, None, Style::new()));
            }
        } else {
            out.push(rich::to_line(
                &rich::truncate(l.clone(), w),
                None,
                Style::new(),
            ));
        }
        if out.len() >= area.height as usize {
            break;
        }
    }
    let inner = Rect::new(area.x + 1, area.y, area.width - 1, area.height);
    frame.render_widget(lines_widget(out), inner);
}

/// `[x] 3 ■ Global Times   12  2021-02-18 … 2021-04-27` for the picker and start screen.
pub fn outlet_row(
    t: &Theme,
    chosen: &[String],
    i: usize,
    o: &OutletSummary,
    name_w: usize,
    unread: u64,
) -> RunLine {
    let on = chosen.contains(&o.id);
    let key = if i < 9 {
        format!("{}", i + 1)
    } else {
        " ".into()
    };
    let mark = match (chosen.is_empty(), on) {
        (true, _) => "   ",
        (false, true) => "[x]",
        (false, false) => "[ ]",
    };
    let name = sanitize_inline(&o.name).into_owned();
    let name = rich::fit(vec![Run::new(name, t.outlet(&o.id))], name_w, t.text());
    let mut row = vec![
        Run::new(format!("{mark} "), if on { t.accent() } else { t.dim() }),
        Run::new(format!("{key} "), t.accent()),
        Run::new("■ ", t.swatch(&o.id)),
    ];
    row.extend(name);
    row.push(Run::new(format!(" {:>5}", o.articles), t.text()));
    // Once some of its articles have been read, how many are left.
    if unread < o.articles {
        row.push(Run::new(format!("  {unread} unread"), t.accent()));
    }
    let range = match (&o.first, &o.last) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "undated".into(),
    };
    row.push(Run::new(format!("  {}", sanitize_inline(&range)), t.dim()));
    row
}

/// The part of a text field that fits in `avail` cells with the cursor visible, and the
/// cursor's column within it.
pub fn input_window(input: &TextInput, avail: usize, style: Style) -> (Vec<Run>, usize) {
    let text = sanitize_inline(&input.text).into_owned();
    let cursor = input.cursor.min(input.text.len());
    let before = sanitize_inline(&input.text[..cursor]).into_owned();
    let avail = avail.max(1);
    // Drop graphemes from the left until the cursor fits (one cell kept for it).
    let mut start = 0;
    let mut bw = rich::width(&before);
    let graphemes: Vec<&str> = before.graphemes(true).collect();
    let mut gi = 0;
    while bw + 1 > avail && gi < graphemes.len() {
        bw -= rich::width(graphemes[gi]);
        start += graphemes[gi].len();
        gi += 1;
    }
    let visible = &text[start.min(text.len())..];
    let mut run = vec![Run::new(visible, style)];
    // Cut on the right without an ellipsis (the field just continues).
    if rich::line_width(&run) > avail {
        let mut s = String::new();
        let mut used = 0;
        for g in visible.graphemes(true) {
            let gw = rich::width(g);
            if used + gw > avail {
                break;
            }
            used += gw;
            s.push_str(g);
        }
        run = vec![Run::new(s, style)];
    }
    (run, bw)
}

pub fn hint_runs(t: &Theme, pairs: &[(&str, &str)]) -> Vec<Run> {
    let mut out = Vec::new();
    for (k, what) in pairs {
        out.push(Run::new(format!(" {k}"), t.accent()));
        out.push(Run::new(format!(" {what} "), t.dim()));
    }
    out
}

/// Key hints for a border title, right-aligned: ` Enter apply Esc cancel `.
pub fn hint_line(t: &Theme, pairs: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, what)) in pairs.iter().enumerate() {
        let key = if i == 0 {
            format!(" {k}")
        } else {
            k.to_string()
        };
        spans.push(Span::styled(key, t.accent()));
        spans.push(Span::styled(format!(" {what} "), t.dim()));
    }
    Line::from(spans).right_aligned()
}

/// Key hints for `pairs`, leaving out those with the lowest `rank` until they fit in
/// `width` cells.
pub fn ranked_hints(t: &Theme, pairs: &[(&str, &str, u8)], width: usize) -> Vec<Run> {
    let mut keep: Vec<(&str, &str, u8)> = pairs.to_vec();
    loop {
        let shown: Vec<(&str, &str)> = keep.iter().map(|&(k, w, _)| (k, w)).collect();
        let runs = hint_runs(t, &shown);
        if rich::line_width(&runs) <= width || keep.len() <= 1 {
            return runs;
        }
        if let Some(i) = keep
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| p.2)
            .map(|(i, _)| i)
        {
            keep.remove(i);
        }
    }
}

/// The frame of a pop-up, titled.
pub fn popup_block<'a>(t: &Theme, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border_focused())
        .title(Span::styled(title, t.heading()))
}

/// Draws one line of runs into `area`.
pub fn render_line(frame: &mut Frame<'_>, area: Rect, line: RunLine) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let w = area.width as usize;
    frame.render_widget(
        lines_widget(vec![rich::to_line(
            &rich::truncate(line, w),
            None,
            Style::new(),
        )]),
        area,
    );
}

/// The status row, with the key hints on it when they have no row of their own and fit.
pub fn draw_status_and_hints(
    frame: &mut Frame<'_>,
    status_area: Rect,
    hints_area: Option<Rect>,
    mut status: RunLine,
    hints: RunLine,
) {
    let w = status_area.width as usize;
    if hints_area.is_none() {
        let sw = rich::line_width(&status);
        let hw = rich::line_width(&hints);
        if sw + hw + 2 <= w {
            status.push(Run::new(" ".repeat(w - sw - hw), Style::new()));
            status.extend(hints.clone());
        }
    }
    render_line(frame, status_area, status);
    if let Some(h) = hints_area {
        render_line(frame, h, hints);
    }
}

/// A bordered list of items (each some lines) titled `title`, showing `per_page` items
/// from `offset`, with `first–last of total` on its bottom border.
pub fn draw_item_list(
    frame: &mut Frame<'_>,
    t: &Theme,
    block: Block<'_>,
    area: Rect,
    title: &str,
    (offset, per_page, total): (usize, usize, usize),
    items: impl Iterator<Item = Vec<RunLine>>,
) {
    let inner = block.inner(area);
    let last = (offset + per_page).min(total);
    let position = Line::from(Span::styled(
        format!(" {}–{} of {} ", offset + 1, last, total),
        t.dim(),
    ))
    .right_aligned();
    frame.render_widget(block.title(title).title_bottom(position), area);
    let lines: Vec<Line<'static>> = items
        .flatten()
        .map(|l| rich::to_line(&l, None, Style::new()))
        .collect();
    frame.render_widget(lines_widget(lines), inner);
}

/// The frame of the preview beside a list, titled, with hints on its bottom border;
/// the text area inside it (one column of padding each side), when there is room.
pub fn preview_frame(
    frame: &mut Frame<'_>,
    t: &Theme,
    area: Rect,
    title: &str,
    hints: &[(&str, &str)],
) -> Option<Rect> {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border())
        .title(title)
        .title_bottom(hint_line(t, hints));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    (inner.width > 2).then(|| Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height))
}

/// The lines of a list item behind a margin that marks the selected one (`▌`), on the
/// selection's background when selected.
pub fn marked_item(lines: Vec<RunLine>, t: &Theme, selected: bool) -> Vec<RunLine> {
    let (bg, marker) = if selected {
        (t.selected(), Run::new("▌", t.marker()))
    } else {
        (Style::new(), Run::new(" ", Style::new()))
    };
    lines
        .into_iter()
        .map(|l| {
            let mut out = vec![marker.clone()];
            out.extend(l.into_iter().map(|mut r| {
                r.style = bg.patch(r.style);
                r
            }));
            out
        })
        .collect()
}
