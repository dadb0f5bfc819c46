//! Drawing: a pure function of the state.
//!
//! Views read [`App`] and nothing else — no index, no files — so the same state always
//! draws the same screen (which is what the snapshot tests rely on). Every string from
//! an article passes through the sanitiser on its way here, and every width is measured
//! in terminal cells ([`super::rich`]).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use super::app::{App, Focus, Popup, TextInput, View};
use super::document::{self, Mode};
use super::framing_view;
use super::keys;
use super::layout::{self, ListAreas};
use super::rich::{self, Run, RunLine};
use super::theme::Theme;
use crate::model::{Hit, Snippet};
use crate::text::sanitize_inline;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if layout::too_small(area) {
        draw_too_small(frame, area);
        return;
    }
    match app.view {
        View::List => draw_list_screen(frame, app, area),
        View::Reader => draw_reader(frame, app, area),
        View::Events => framing_view::draw_events(frame, app, area),
        View::Compare => framing_view::draw_compare(frame, app, area),
    }
    match &app.popup {
        None => {}
        Some(Popup::Help { scroll }) => draw_help(frame, app, area, *scroll),
        Some(Popup::Outlets { cursor }) => draw_outlets(frame, app, area, *cursor),
        Some(Popup::Dates { input, error }) => {
            draw_dates(frame, app, area, input, error.as_deref())
        }
    }
}

pub(crate) fn lines_widget(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(Text::from(lines))
}

pub(crate) fn to_lines(lines: &[RunLine], width: usize) -> Vec<Line<'static>> {
    lines
        .iter()
        .map(|l| rich::to_line(&rich::truncate(l.clone(), width), None, Style::new()))
        .collect()
}

fn draw_too_small(frame: &mut Frame<'_>, area: Rect) {
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

// ---------------------------------------------------------------------------- list

fn draw_list_screen(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let a = layout::list_areas(area, app.selected_hit().is_some());
    draw_search_line(frame, app, a.search);
    let focused = app.focus == Focus::List && app.popup.is_none();
    let border = if focused {
        t.border_focused()
    } else {
        t.border()
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border);
    if app.index.articles == 0 {
        let inner = block.clone().title(" digest ").inner(a.list);
        frame.render_widget(block.title(" digest "), a.list);
        draw_message(frame, inner, &wrapping(empty_index_message(t)));
    } else if let Some(results) = &app.results {
        if results.hits.is_empty() {
            let inner = block.inner(a.list);
            frame.render_widget(block.title(" Results "), a.list);
            draw_message(frame, inner, &wrapping(no_results_message(app)));
        } else {
            draw_results(frame, app, &a, block);
        }
    } else if !app.query.text.trim().is_empty() {
        let inner = block.inner(a.list);
        frame.render_widget(block.title(" Results "), a.list);
        let msg = match &app.error {
            Some(e) => vec![
                vec![Run::new(sanitize_inline(e), t.error())],
                vec![],
                vec![Run::new(
                    "Fix the query to see results (Ctrl-U clears it).",
                    t.dim(),
                )],
            ],
            None => vec![vec![Run::new("Searching…", t.dim())]],
        };
        draw_message(frame, inner, &wrapping(msg));
    } else {
        let inner = block.inner(a.list);
        frame.render_widget(block.title(" digest "), a.list);
        draw_message(frame, inner, &start_message(app));
    }
    draw_status(frame, app, &a);
}

/// A line of a message: wrapped to the width when `true`, else cut with `…` (tables).
pub(crate) type MsgLine = (RunLine, bool);

pub(crate) fn wrapping(lines: Vec<RunLine>) -> Vec<MsgLine> {
    lines.into_iter().map(|l| (l, true)).collect()
}

/// Draws message lines into `area` (one blank column of padding on the left).
pub(crate) fn draw_message(frame: &mut Frame<'_>, area: Rect, lines: &[MsgLine]) {
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

fn empty_index_message(t: &Theme) -> Vec<RunLine> {
    vec![
        vec![Run::new("The index is empty.", t.title())],
        vec![],
        vec![
            Run::new("Add articles with ", t.text()),
            Run::new("digest ingest PATH", t.accent()),
            Run::new(
                " (files or directories of .txt, .md, .json or .jsonl), then start digest again.",
                t.text(),
            ),
        ],
    ]
}

fn filters_description(app: &App) -> Vec<Run> {
    let t = &app.theme;
    let mut out = Vec::new();
    let names = app.filter_outlet_names();
    if !names.is_empty() {
        out.push(Run::new("outlets ", t.dim()));
        out.push(Run::new(names.join(", "), t.text()));
    }
    if let Some(d) = app.filter.dates() {
        if !out.is_empty() {
            out.push(Run::new(" · ", t.dim()));
        }
        out.push(Run::new("dates ", t.dim()));
        out.push(Run::new(d, t.text()));
    }
    out
}

fn no_results_message(app: &App) -> Vec<RunLine> {
    let t = &app.theme;
    let query = app
        .results
        .as_ref()
        .map(|r| sanitize_inline(&r.query).into_owned())
        .unwrap_or_default();
    let mut out = vec![vec![
        Run::new("No articles match ", t.title()),
        Run::new(format!("“{query}”"), t.highlight()),
    ]];
    let filters = filters_description(app);
    if filters.is_empty() {
        out.push(vec![Run::new(
            "No outlet or date filter is active.",
            t.dim(),
        )]);
    } else {
        let mut l = vec![Run::new("Active filters: ", t.dim())];
        l.extend(filters);
        out.push(l);
        out.push(vec![]);
        let mut hint = vec![Run::new("Press ", t.dim())];
        if !app.filter.outlets.is_empty() {
            hint.push(Run::new("a", t.accent()));
            hint.push(Run::new(" for all outlets", t.dim()));
        }
        if app.filter.dates().is_some() {
            if hint.len() > 1 {
                hint.push(Run::new(", ", t.dim()));
            }
            hint.push(Run::new("d", t.accent()));
            hint.push(Run::new(" to change the dates", t.dim()));
        }
        hint.push(Run::new(". ", t.dim()));
        if app.focus == Focus::Search {
            hint.push(Run::new("(Esc first to leave the search line)", t.dim()));
        }
        out.push(hint);
    }
    out
}

fn start_message(app: &App) -> Vec<MsgLine> {
    let t = &app.theme;
    let n = app.index.outlets.len();
    let mut out: Vec<MsgLine> = vec![
        (
            vec![
                Run::new("Type to search ", t.title()),
                Run::new(
                    format!(
                        "{} article{} from {} outlet{}.",
                        app.index.articles,
                        plural(app.index.articles),
                        n,
                        plural(n)
                    ),
                    t.title(),
                ),
            ],
            true,
        ),
        (vec![], false),
    ];
    out.push((
        vec![
            Run::new("Outlets", t.heading()),
            Run::new("  1–9 toggle from the list, o opens the picker", t.dim()),
        ],
        true,
    ));
    let name_w = app
        .index
        .outlets
        .iter()
        .map(|o| rich::width(&sanitize_inline(&o.name)))
        .max()
        .unwrap_or(0)
        .min(28);
    for (i, o) in app.index.outlets.iter().enumerate() {
        out.push((outlet_row(app, i, o, name_w), false));
    }
    out.push((vec![], false));
    out.push((vec![Run::new("Query syntax", t.heading())], false));
    for (q, what) in [
        ("lunar station", "both words"),
        ("\"far side\"", "the phrase"),
        ("moon OR lunar", "either word"),
        ("ilrs -artemis", "without a word"),
        ("title:moon", "in titles only"),
        ("outlet:tass", "one outlet"),
    ] {
        out.push((
            vec![
                Run::new(format!("  {q:<16}"), t.accent()),
                Run::new(what, t.dim()),
            ],
            false,
        ));
    }
    out
}

/// `[x] 3 ■ Global Times   12  2021-02-18 … 2021-04-27` for the picker and start screen.
fn outlet_row(app: &App, i: usize, o: &crate::index::OutletSummary, name_w: usize) -> RunLine {
    let t = &app.theme;
    let on = app.filter.outlets.contains(&o.id);
    let key = if i < 9 {
        format!("{}", i + 1)
    } else {
        " ".into()
    };
    let mark = match (app.filter.outlets.is_empty(), on) {
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
    let range = match (&o.first, &o.last) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "undated".into(),
    };
    row.push(Run::new(format!("  {}", sanitize_inline(&range)), t.dim()));
    row
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn draw_search_line(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Focus::Search && app.popup.is_none();
    let prompt = " Search › ";
    let prompt_style = if focused { t.accent() } else { t.dim() };
    let right: Vec<Run> = if app.searching() {
        vec![Run::new(" searching… ", t.dim())]
    } else if !focused && app.popup.is_none() {
        vec![Run::new(" / to search ", t.dim())]
    } else {
        Vec::new()
    };
    let w = area.width as usize;
    let pw = rich::width(prompt);
    let rw = rich::line_width(&right);
    let right = if pw + rw + 10 <= w { right } else { Vec::new() };
    let avail = w.saturating_sub(pw + rich::line_width(&right));
    let text_style = if focused { t.text() } else { t.dim() };
    let (shown, cursor_x) = input_window(&app.query, avail, text_style);
    let mut line = vec![Run::new(prompt, prompt_style)];
    line.extend(shown);
    let used = rich::line_width(&line);
    if !right.is_empty() {
        line.push(Run::new(" ".repeat(w.saturating_sub(used + rw)), t.text()));
        line.extend(right);
    }
    frame.render_widget(
        lines_widget(vec![rich::to_line(
            &rich::truncate(line, w),
            None,
            Style::new(),
        )]),
        area,
    );
    if focused {
        frame.set_cursor_position((area.x + (pw + cursor_x) as u16, area.y));
    }
}

/// The part of a text field that fits in `avail` cells with the cursor visible, and the
/// cursor's column within it.
fn input_window(input: &TextInput, avail: usize, style: Style) -> (Vec<Run>, usize) {
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

fn snippet_runs(s: &Snippet, t: &Theme) -> Vec<Run> {
    // Highlights are byte ranges into the raw text: split first, then sanitise each part.
    rich::highlight(&s.text, &s.highlights, t.text(), t.highlight(), None)
        .into_iter()
        .map(|mut r| {
            r.text = sanitize_inline(&r.text).into_owned();
            r
        })
        .collect()
}

fn result_item(
    hit: &Hit,
    t: &Theme,
    width: usize,
    snippet_lines: usize,
    selected: bool,
) -> Vec<RunLine> {
    let a = &hit.article;
    let bg = if selected { t.selected() } else { Style::new() };
    let marker = if selected {
        Run::new("▌", t.marker())
    } else {
        Run::new(" ", Style::new())
    };
    let inner = width.saturating_sub(1);
    let mut header = vec![
        Run::new(sanitize_inline(&a.outlet_name), t.outlet(&a.outlet)),
        Run::new(
            format!(
                "  {}  ",
                a.date
                    .as_deref()
                    .map(sanitize_inline)
                    .unwrap_or("undated".into())
            ),
            t.dim(),
        ),
        Run::new(sanitize_inline(&a.title), t.title()),
    ];
    header = rich::fit(header, inner, Style::new());
    let mut lines = vec![header];
    let text_w = inner.saturating_sub(2);
    let mut wrapped = rich::wrap(&snippet_runs(&hit.snippet, t), text_w, snippet_lines + 1);
    if wrapped.len() > snippet_lines {
        wrapped.truncate(snippet_lines);
        if let Some(last) = wrapped.last_mut() {
            last.push(Run::new(" …", t.dim()));
            *last = rich::truncate(std::mem::take(last), text_w);
        }
    }
    wrapped.resize(snippet_lines, Vec::new());
    for l in wrapped {
        let mut line = vec![Run::new("  ", Style::new())];
        line.extend(l);
        lines.push(rich::fit(line, inner, Style::new()));
    }
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

fn draw_results(frame: &mut Frame<'_>, app: &App, a: &ListAreas, block: Block<'_>) {
    let t = &app.theme;
    let hits = app.hits();
    let (item_h, per_page) = layout::list_page(a.list);
    let inner = block.inner(a.list);
    let offset = if app.selected >= per_page {
        app.selected + 1 - per_page
    } else {
        0
    };
    let last = (offset + per_page).min(hits.len());
    let position = Line::from(Span::styled(
        format!(" {}–{} of {} ", offset + 1, last, hits.len()),
        t.dim(),
    ))
    .right_aligned();
    frame.render_widget(block.title(" Results ").title_bottom(position), a.list);
    let mut lines = Vec::new();
    for (i, hit) in hits.iter().enumerate().skip(offset).take(per_page) {
        for l in result_item(hit, t, inner.width as usize, item_h - 1, i == app.selected) {
            lines.push(rich::to_line(&l, None, Style::new()));
        }
    }
    frame.render_widget(lines_widget(lines), inner);

    if let (Some(area), Some(hit)) = (a.preview, app.selected_hit()) {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.border())
            .title(" Preview ")
            .title_bottom(hint_line(t, &[("Enter", "read")]));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.width > 2 {
            let text = Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height);
            let query = app.results.as_ref().map_or("", |r| r.query.as_str());
            let words = hit
                .snippet
                .highlights
                .iter()
                .filter_map(|r| hit.snippet.text.get(r.clone()));
            let terms = rich::query_terms(query, words);
            let doc = document::layout(
                &hit.article,
                &terms,
                t,
                text.width as usize,
                Mode::Preview,
                text.height as usize,
            );
            frame.render_widget(
                lines_widget(to_lines(&doc.lines, text.width as usize)),
                text,
            );
        }
    }
}

pub(crate) fn hint_runs(t: &Theme, pairs: &[(&str, &str)]) -> Vec<Run> {
    let mut out = Vec::new();
    for (k, what) in pairs {
        out.push(Run::new(format!(" {k}"), t.accent()));
        out.push(Run::new(format!(" {what} "), t.dim()));
    }
    out
}

/// Key hints for a border title, right-aligned: ` Enter apply Esc cancel `.
pub(crate) fn hint_line(t: &Theme, pairs: &[(&str, &str)]) -> Line<'static> {
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
fn ranked_hints(t: &Theme, pairs: &[(&str, &str, u8)], width: usize) -> Vec<Run> {
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

fn list_hints(app: &App, width: usize) -> Vec<Run> {
    let t = &app.theme;
    if app.focus == Focus::List {
        return ranked_hints(
            t,
            &[
                ("/", "search", 7),
                ("j/k", "move", 0),
                ("Enter", "open", 2),
                ("1-9 o", "outlets", 3),
                ("d", "dates", 1),
                ("e", "events", 5),
                ("c", "compare", 4),
                ("?", "help", 8),
                ("q", "quit", 6),
            ],
            width,
        );
    }
    match app.focus {
        Focus::Search => hint_runs(
            t,
            &[
                ("↑↓", "select"),
                ("Enter", "open"),
                ("Esc", "list keys"),
                ("F1", "help"),
                ("^C", "quit"),
            ],
        ),
        Focus::List => Vec::new(),
    }
}

fn draw_status(frame: &mut Frame<'_>, app: &App, a: &ListAreas) {
    let t = &app.theme;
    let w = a.status.width as usize;
    let mut left: Vec<Run> = vec![Run::new(" ", Style::new())];
    if let Some(e) = &app.error {
        left.push(Run::new(sanitize_inline(e), t.error()));
        if app.results.is_some() {
            left.push(Run::new(" (previous results shown)", t.dim()));
        }
    } else if app.searching() {
        left.push(Run::new("searching…", t.dim()));
    } else if let Some(r) = &app.results {
        let shown = r.hits.len();
        let text = if shown < r.total {
            format!(
                "{} of {} articles match, {} shown",
                r.total, app.index.articles, shown
            )
        } else {
            format!("{} of {} articles match", r.total, app.index.articles)
        };
        left.push(Run::new(text, t.text()));
    } else {
        left.push(Run::new(
            format!(
                "{} article{} · {} outlet{}",
                app.index.articles,
                plural(app.index.articles),
                app.index.outlets.len(),
                plural(app.index.outlets.len())
            ),
            t.text(),
        ));
    }
    let filters = filters_description(app);
    left.push(Run::new(" · ", t.dim()));
    if filters.is_empty() {
        left.push(Run::new("all outlets, any date", t.dim()));
    } else {
        left.extend(filters);
    }
    let mut status = left;
    let room = if a.hints.is_none() {
        w.saturating_sub(rich::line_width(&status) + 2)
    } else {
        w
    };
    let hints = list_hints(app, room);
    if a.hints.is_none() {
        let lw = rich::line_width(&status);
        let hw = rich::line_width(&hints);
        if lw + hw + 2 <= w {
            status.push(Run::new(" ".repeat(w - lw - hw), Style::new()));
            status.extend(hints.clone());
        }
    }
    frame.render_widget(
        lines_widget(vec![rich::to_line(
            &rich::truncate(status, w),
            None,
            Style::new(),
        )]),
        a.status,
    );
    if let Some(h) = a.hints {
        frame.render_widget(
            lines_widget(vec![rich::to_line(
                &rich::truncate(hints, w),
                None,
                Style::new(),
            )]),
            h,
        );
    }
}

// -------------------------------------------------------------------------- reader

fn draw_reader(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let Some(r) = &app.reader else { return };
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
        (m, None) => Run::new(
            format!("{m} match{}", if m == 1 { "" } else { "es" }),
            t.highlight(),
        ),
    });
    let hints = hint_runs(
        t,
        &[
            ("j/k", "scroll"),
            ("n/N", "match"),
            ("Esc", "back"),
            ("?", "help"),
        ],
    );
    let sw = rich::line_width(&status);
    let hw = rich::line_width(&hints);
    let w = a.status.width as usize;
    if sw + hw < w {
        status.push(Run::new(" ".repeat(w - sw - hw), Style::new()));
        status.extend(hints);
    }
    frame.render_widget(
        lines_widget(vec![rich::to_line(
            &rich::truncate(status, w),
            None,
            Style::new(),
        )]),
        a.status,
    );
}

// -------------------------------------------------------------------------- pop-ups

fn popup_block<'a>(t: &Theme, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border_focused())
        .title(Span::styled(title, t.heading()))
}

fn draw_help(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: usize) {
    let t = &app.theme;
    let b = layout::help_box(area);
    let text = layout::help_text(area);
    let all = keys::help_lines(t, text.width as usize);
    let inner_h = text.height as usize;
    let footer = if all.len() > inner_h {
        let end = (scroll + inner_h).min(all.len());
        format!(
            " {}–{} of {}  j/k scroll  Esc close ",
            scroll + 1,
            end,
            all.len()
        )
    } else {
        " Esc close ".to_string()
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

fn draw_outlets(frame: &mut Frame<'_>, app: &App, area: Rect, cursor: usize) {
    let t = &app.theme;
    let outlets = &app.index.outlets;
    let b = layout::outlets_box(area, outlets.len());
    let block = popup_block(t, " Outlets ").title_bottom(hint_line(
        t,
        &[("Space", "toggle"), ("a", "all"), ("Esc", "close")],
    ));
    let inner = block.inner(b);
    frame.render_widget(Clear, b);
    frame.render_widget(block, b);
    if inner.width < 2 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let mut lines: Vec<RunLine> = Vec::new();
    let status = if app.filter.outlets.is_empty() {
        " Showing all outlets.".to_string()
    } else {
        format!(
            " Showing {} of {} outlets.",
            app.filter.outlets.len(),
            outlets.len()
        )
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
        let row = outlet_row(app, i, o, name_w);
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
    app: &App,
    area: Rect,
    input: &TextInput,
    error: Option<&str>,
) {
    let t = &app.theme;
    let b = layout::dates_box(area);
    let block = popup_block(t, " Dates ")
        .title_bottom(hint_line(t, &[("Enter", "apply"), ("Esc", "cancel")]));
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
