//! Drawing the framing views: the events list and the comparison.
//!
//! Like [`super::view`], a pure function of the state. Every string from the corpus —
//! titles, passages, names, forms, voices, terms, outlet names and ids — goes through
//! [`sanitize_inline`] on its way to a [`Run`]; passage highlights are byte ranges into
//! the raw text, so the text is split at them first and each part sanitised after.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::app::App;
use super::framing_state::{CompareView, EventsView};
use super::layout;
use super::rich::{self, Run, RunLine};
use super::theme::Theme;
use super::view::{MsgLine, draw_message, hint_line, hint_runs, lines_widget, plural, wrapping};
use super::worker::CompareTarget;
use crate::framing::{Event, OutletColumn, Passage};
use crate::text::sanitize_inline;

/// Sanitised text as an owned string.
fn clean(s: &str) -> String {
    sanitize_inline(s).into_owned()
}

/// An outlet badge: a swatch and the name in the outlet's colour.
fn badge(t: &Theme, id: &str, name: &str) -> Vec<Run> {
    vec![
        Run::new("■ ", t.swatch(id)),
        Run::new(clean(name), t.outlet(id)),
    ]
}

/// The display name of an outlet id, from the index's outlet list.
fn outlet_name(app: &App, id: &str) -> String {
    app.index
        .outlets
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| id.to_string(), |o| o.name.clone())
}

/// `runs` word-wrapped at `width` after a `prefix` on the first line; the other lines
/// are indented by the prefix's width.
fn hang(prefix: Vec<Run>, runs: &[Run], width: usize) -> Vec<RunLine> {
    let pw = rich::line_width(&prefix);
    if pw + 4 > width {
        // No room for a hanging indent: the prefix is just the first words.
        let mut all = prefix;
        all.extend(runs.iter().cloned());
        return rich::wrap(&all, width, usize::MAX);
    }
    rich::wrap(runs, width - pw, usize::MAX)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mut line = if i == 0 {
                prefix.clone()
            } else {
                vec![Run::new(" ".repeat(pw), Style::new())]
            };
            line.extend(l);
            line
        })
        .collect()
}

/// A passage's text with its highlighted words, sanitised.
fn passage_runs(p: &Passage, t: &Theme) -> Vec<Run> {
    let mut ranges: Vec<Range<usize>> = p.highlights.clone();
    ranges.sort_by_key(|r| (r.start, r.end));
    rich::highlight(&p.text, &ranges, t.text(), t.highlight(), None)
        .into_iter()
        .map(|mut r| {
            r.text = clean(&r.text);
            r
        })
        .filter(|r| !r.text.is_empty())
        .collect()
}

/// `+N d` behind the first report, `first` for the first, nothing when unknown.
fn lag(days: Option<i64>) -> String {
    match days {
        Some(0) => "first".into(),
        Some(d) => format!("+{d} d"),
        None => String::new(),
    }
}

/// A signed score: `+0.12`, `−0.40`, `0.00`.
fn signed(v: f64, digits: usize) -> String {
    let s = format!("{:.*}", digits, v.abs());
    if s.bytes().all(|b| b == b'0' || b == b'.') {
        s
    } else if v < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

// ------------------------------------------------------------------- column content

/// Tone words shown per column (strongest first).
const TONE_WORDS: usize = 12;

/// One outlet column of the comparison as lines of text, with the lines each passage
/// takes (the selectable items).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnDoc {
    /// The lines, top to bottom.
    pub lines: Vec<RunLine>,
    /// For each passage, the lines it takes.
    pub passages: Vec<Range<usize>>,
}

/// Lays out one outlet's column at `width` cells: its articles, its passages (● only
/// this outlet has it, ○ others share it), naming, voices, distinctive terms and tone.
/// `names` maps outlet ids to display names.
pub fn column_doc(
    col: &OutletColumn,
    names: &HashMap<String, String>,
    t: &Theme,
    width: usize,
) -> ColumnDoc {
    let w = width.max(1);
    let mut lines: Vec<RunLine> = Vec::new();
    let mut passages = Vec::new();
    let heading = |lines: &mut Vec<RunLine>, title: &str, note: String| {
        if !lines.is_empty() {
            lines.push(Vec::new());
        }
        let mut l = vec![Run::new(title, t.heading())];
        if !note.is_empty() {
            l.push(Run::new(format!("  {note}"), t.dim()));
        }
        lines.push(rich::truncate(l, w));
    };
    let none = |lines: &mut Vec<RunLine>, what: &str| {
        lines.push(rich::truncate(vec![Run::new(what, t.dim())], w));
    };
    let name = |id: &str| clean(names.get(id).map_or(id, String::as_str));

    heading(&mut lines, "Articles", col.articles.len().to_string());
    for a in &col.articles {
        let date = a.date.as_deref().map_or_else(|| "undated".into(), clean);
        let mut meta = vec![Run::new(date, t.dim())];
        let lag = lag(a.lag_days);
        if !lag.is_empty() {
            let style = if a.lag_days == Some(0) {
                t.dim()
            } else {
                t.accent()
            };
            meta.push(Run::new("  ", t.dim()));
            meta.push(Run::new(lag, style));
        }
        lines.push(rich::truncate(meta, w));
        let title = clean(&a.title);
        let title = if title.trim().is_empty() {
            "(untitled)".to_string()
        } else {
            title
        };
        let mut wrapped = hang(
            vec![Run::new("  ", Style::new())],
            &[Run::new(title, t.title())],
            w,
        );
        if wrapped.len() > 2 {
            wrapped.truncate(2);
            if let Some(last) = wrapped.last_mut() {
                last.push(Run::new(" …", t.dim()));
                *last = rich::truncate(std::mem::take(last), w);
            }
        }
        lines.extend(wrapped);
    }

    let only = col
        .passages
        .iter()
        .filter(|p| p.shared_with.is_empty())
        .count();
    let note = if col.passages.is_empty() {
        String::new()
    } else {
        format!("{} · {only} only here", col.passages.len())
    };
    heading(&mut lines, "Passages", note);
    if col.passages.is_empty() {
        none(&mut lines, "none");
    }
    let dated = col.articles.len() > 1;
    for (i, p) in col.passages.iter().enumerate() {
        if i > 0 {
            lines.push(Vec::new());
        }
        let start = lines.len();
        let marker = if p.shared_with.is_empty() {
            Run::new("● ", t.unique())
        } else {
            Run::new("○ ", t.shared())
        };
        let mut runs = Vec::new();
        // With several articles, say which one the passage is from.
        if dated
            && let Some(a) = col.articles.iter().find(|a| a.id == p.article)
            && let Some(d) = &a.date
        {
            runs.push(Run::new(format!("{} ", clean(d)), t.dim()));
        }
        runs.extend(passage_runs(p, t));
        lines.extend(hang(vec![marker], &runs, w));
        if !p.shared_with.is_empty() {
            let also: Vec<String> = p.shared_with.iter().map(|id| name(id)).collect();
            let runs = [Run::new(format!("also {}", also.join(", ")), t.dim())];
            lines.extend(hang(vec![Run::new("  ", Style::new())], &runs, w));
        }
        passages.push(start..lines.len());
    }

    heading(&mut lines, "Naming", String::new());
    if col.naming.is_empty() {
        none(&mut lines, "no key names found");
    }
    for n in col.naming.values() {
        let mut runs = vec![Run::new(format!("{}:", clean(&n.name)), t.title())];
        for (i, f) in n.forms.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            runs.push(Run::new(format!("{sep}{}", clean(&f.form)), t.text()));
            runs.push(Run::new(format!(" {}", f.count), t.dim()));
        }
        lines.extend(hang(Vec::new(), &runs, w));
    }

    heading(&mut lines, "Voices", String::new());
    if col.voices.is_empty() {
        none(&mut lines, "nobody quoted or cited");
    }
    for v in &col.voices {
        let mut runs = vec![Run::new(clean(&v.name), t.title())];
        if let Some(r) = &v.role {
            runs.push(Run::new(format!(", {}", clean(r)), t.text()));
        }
        runs.push(Run::new(format!(" · {}", clean(&v.kind)), t.dim()));
        if v.count > 1 {
            runs.push(Run::new(format!(" ×{}", v.count), t.dim()));
        }
        lines.extend(hang(vec![Run::new("• ", t.dim())], &runs, w));
    }

    heading(&mut lines, "Distinctive terms", String::new());
    if col.distinctive_terms.is_empty() {
        none(&mut lines, "none stand out");
    }
    let mut runs = Vec::new();
    for (i, s) in col.distinctive_terms.iter().enumerate() {
        if i > 0 {
            runs.push(Run::new(" · ", t.dim()));
        }
        runs.push(Run::new(clean(&s.term), t.text()));
        runs.push(Run::new(format!(" {:.1}", s.score), t.dim()));
    }
    if !runs.is_empty() {
        lines.extend(rich::wrap(&runs, w, usize::MAX));
    }

    let tone = &col.tone;
    let word = if tone.score > 0.05 {
        "positive"
    } else if tone.score < -0.05 {
        "negative"
    } else {
        "neutral"
    };
    heading(&mut lines, "Tone", String::new());
    if let Some(l) = lines.last_mut() {
        l.push(Run::new(
            format!("  {}", signed(tone.score, 2)),
            t.valence(tone.score).patch(t.title()),
        ));
        l.push(Run::new(format!(" {word}"), t.dim()));
        *l = rich::truncate(std::mem::take(l), w);
    }
    let mut runs = Vec::new();
    for (i, tw) in tone.words.iter().take(TONE_WORDS).enumerate() {
        if i > 0 {
            runs.push(Run::new(" · ", t.dim()));
        }
        runs.push(Run::new(clean(&tw.word), t.valence(tw.valence)));
        let count = if tw.count > 1 {
            format!("×{}", tw.count)
        } else {
            String::new()
        };
        runs.push(Run::new(
            format!(" {}{count}", signed(tw.valence, 1)),
            t.dim(),
        ));
    }
    if tone.words.len() > TONE_WORDS {
        let more = format!(" · +{} more", tone.words.len() - TONE_WORDS);
        runs.push(Run::new(more, t.dim()));
    }
    if runs.is_empty() {
        none(&mut lines, "no scored words");
    } else {
        lines.extend(rich::wrap(&runs, w, usize::MAX));
    }
    ColumnDoc { lines, passages }
}

// ---------------------------------------------------------------------- events view

/// Draws the events list (and, when there is room, the selected event beside or below).
pub fn draw_events(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let empty = EventsView::default();
    let ev = app.events.as_ref().unwrap_or(&empty);
    let a = layout::list_areas(area, ev.selected_event().is_some());
    let w = area.width as usize;

    // Title row.
    let mut title = vec![
        Run::new(" Events › ", t.accent()),
        Run::new("happenings two or more outlets report", t.dim()),
    ];
    if ev.pending() && ev.events.is_some() {
        let right = " finding events… ";
        let used = rich::line_width(&title);
        if used + rich::width(right) <= w {
            title.push(Run::new(
                " ".repeat(w - used - rich::width(right)),
                t.text(),
            ));
            title.push(Run::new(right, t.dim()));
        }
    }
    render_line(frame, a.search, title);

    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border_focused());
    let inner = block.inner(a.list);
    let list = ev.list();
    let message: Option<Vec<MsgLine>> = if let Some(e) = &ev.error {
        Some(wrapping(vec![
            vec![Run::new(clean(e), t.error())],
            vec![],
            vec![Run::new("Press r to try again, Esc to go back.", t.dim())],
        ]))
    } else if ev.events.is_none() {
        Some(wrapping(vec![vec![Run::new("Finding events…", t.dim())]]))
    } else if list.is_empty() {
        Some(wrapping(vec![
            vec![Run::new(
                "No events: no happening is reported by two or more outlets.",
                t.title(),
            )],
            vec![],
            vec![Run::new(
                "An event is the same happening — the same names, places and dates — told by \
                 articles from at least two outlets. Ingest more outlets' coverage to find some.",
                t.dim(),
            )],
        ]))
    } else {
        None
    };
    match message {
        Some(m) => {
            frame.render_widget(block.title(" Events "), a.list);
            draw_message(frame, inner, &m);
        }
        None => {
            let per_page = layout::events_page(a.list);
            let offset = (ev.selected + 1).saturating_sub(per_page);
            let last = (offset + per_page).min(list.len());
            let position = Line::from(Span::styled(
                format!(" {}–{} of {} ", offset + 1, last, list.len()),
                t.dim(),
            ))
            .right_aligned();
            frame.render_widget(block.title(" Events ").title_bottom(position), a.list);
            let mut lines = Vec::new();
            for (i, e) in list.iter().enumerate().skip(offset).take(per_page) {
                for l in event_item(app, e, inner.width as usize, i == ev.selected) {
                    lines.push(rich::to_line(&l, None, Style::new()));
                }
            }
            frame.render_widget(lines_widget(lines), inner);
        }
    }

    if let (Some(area), Some(e)) = (a.preview, ev.selected_event()) {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.border())
            .title(" Event ")
            .title_bottom(hint_line(t, &[("Enter", "compare")]));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.width > 2 {
            let text = Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height);
            let lines = event_details(app, e, text.width as usize);
            let lines: Vec<Line<'static>> = lines
                .iter()
                .take(text.height as usize)
                .map(|l| {
                    rich::to_line(
                        &rich::truncate(l.clone(), text.width as usize),
                        None,
                        Style::new(),
                    )
                })
                .collect();
            frame.render_widget(lines_widget(lines), text);
        }
    }

    // Status and hints.
    let mut status = vec![Run::new(" ", Style::new())];
    if ev.error.is_some() {
        status.push(Run::new("the events could not be found", t.error()));
    } else if ev.events.is_none() {
        status.push(Run::new("finding events…", t.dim()));
    } else {
        status.push(Run::new(
            format!("{} event{}", list.len(), plural(list.len())),
            t.text(),
        ));
    }
    status.push(Run::new(
        format!(
            " · {} article{} · {} outlet{}",
            app.index.articles,
            plural(app.index.articles),
            app.index.outlets.len(),
            plural(app.index.outlets.len())
        ),
        t.dim(),
    ));
    let hints = hint_runs(
        t,
        &[
            ("j/k", "move"),
            ("Enter", "compare"),
            ("Esc", "back"),
            ("?", "help"),
        ],
    );
    draw_status_and_hints(frame, a.status, a.hints, status, hints);
}

/// One event in the list: date and label; under them the outlet badges and counts.
fn event_item(app: &App, e: &Event, width: usize, selected: bool) -> Vec<RunLine> {
    let t = &app.theme;
    let bg = if selected { t.selected() } else { Style::new() };
    let marker = if selected {
        Run::new("▌", t.marker())
    } else {
        Run::new(" ", Style::new())
    };
    let inner = width.saturating_sub(1);
    let date = e.date.as_deref().map_or_else(|| "undated".into(), clean);
    // The label often ends with the date, which the row shows already.
    let label = clean(&e.label);
    let label = label
        .strip_suffix(&format!(" — {date}"))
        .map_or(label.clone(), str::to_string);
    let first = vec![
        Run::new(format!("{date:<10}  "), t.dim()),
        Run::new(label, t.title()),
    ];
    let first = rich::fit(first, inner, Style::new());

    // Badges, as many as fit beside the count; "+n more" for the rest.
    let indent = 2;
    let count = format!("  {} passage{}", e.passages, plural(e.passages));
    let avail = inner.saturating_sub(indent + rich::width(&count));
    let mut badges: Vec<Run> = Vec::new();
    for (i, id) in e.outlets.iter().enumerate() {
        let mut b = badge(t, id, &outlet_name(app, id));
        if i > 0 {
            b.insert(0, Run::new("  ", Style::new()));
        }
        let rest = e.outlets.len() - i - 1;
        let more = if rest > 0 {
            format!("  +{rest} more")
        } else {
            String::new()
        };
        if rich::line_width(&badges) + rich::line_width(&b) + rich::width(&more) > avail {
            let n = e.outlets.len();
            let text = if i == 0 {
                format!("{n} outlet{}", plural(n))
            } else {
                format!("  +{} more", n - i)
            };
            badges.push(Run::new(text, t.dim()));
            break;
        }
        badges.extend(b);
    }
    let mut second = vec![Run::new(" ".repeat(indent), Style::new())];
    second.extend(badges);
    second.push(Run::new(count, t.dim()));
    let second = rich::fit(second, inner, Style::new());
    [first, second]
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

/// The selected event in detail: label, date, reports with their lag, missing outlets,
/// the anchors the passages share.
fn event_details(app: &App, e: &Event, width: usize) -> Vec<RunLine> {
    let t = &app.theme;
    let mut out: Vec<RunLine> = Vec::new();
    out.extend(rich::wrap(
        &[Run::new(clean(&e.label), t.title())],
        width,
        usize::MAX,
    ));
    out.push(vec![Run::new(
        format!(
            "{} · {} outlet{} · {} passage{}",
            e.date.as_deref().map_or_else(|| "undated".into(), clean),
            e.outlets.len(),
            plural(e.outlets.len()),
            e.passages,
            plural(e.passages)
        ),
        t.dim(),
    )]);
    out.push(Vec::new());
    out.push(vec![Run::new("Reports", t.heading())]);
    for a in &e.articles {
        let mut head = badge(t, &a.outlet, &a.outlet_name);
        head.push(Run::new(
            format!(
                "  {}",
                a.date.as_deref().map_or_else(|| "undated".into(), clean)
            ),
            t.dim(),
        ));
        let lag = lag(a.lag_days);
        if !lag.is_empty() {
            head.push(Run::new(format!("  {lag}"), t.accent()));
        }
        out.push(head);
        out.extend(hang(
            vec![Run::new("  ", Style::new())],
            &[Run::new(clean(&a.title), t.text())],
            width,
        ));
    }
    if !e.missing.is_empty() {
        out.push(Vec::new());
        out.push(vec![Run::new("Missing", t.heading())]);
        let names: Vec<String> = e
            .missing
            .iter()
            .map(|id| clean(&outlet_name(app, id)))
            .collect();
        out.extend(rich::wrap(
            &[Run::new(names.join(", "), t.text())],
            width,
            usize::MAX,
        ));
    }
    if !e.anchors.is_empty() {
        out.push(Vec::new());
        out.push(vec![Run::new("Shared anchors", t.heading())]);
        let keys: Vec<String> = e.anchors.iter().map(|k| clean(k)).collect();
        out.extend(rich::wrap(
            &[Run::new(keys.join(" · "), t.dim())],
            width,
            usize::MAX,
        ));
    }
    out
}

// ------------------------------------------------------------------- comparison view

/// Draws the comparison: what is compared, the missing outlets, the outlet columns
/// side by side (scrolling sideways, or one at a time on narrow terminals).
pub fn draw_compare(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let t = &app.theme;
    let Some(cv) = &app.compare else { return };
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
    if let Some(c) = cv.comparison.as_ref().filter(|_| n > 0) {
        let articles: usize = c.outlets.iter().map(|o| o.articles.len()).sum();
        let passages: usize = c.outlets.iter().map(|o| o.passages.len()).sum();
        let right = format!(
            " {} outlet{} · {} article{} · {} passage{} ",
            n,
            plural(n),
            articles,
            plural(articles),
            passages,
            plural(passages)
        );
        let used = rich::line_width(&title);
        let rw = rich::width(&right);
        if used + rw + 2 <= w {
            title.push(Run::new(" ".repeat(w - used - rw), t.text()));
            title.push(Run::new(right, t.dim()));
        }
    }
    render_line(frame, a.title, title);

    // Info: "◀ n more", missing outlets, filters not applied, "n more ▶".
    if let Some(info) = a.info {
        let before = first;
        let after = n.saturating_sub(first + shown);
        let mut left = vec![Run::new(" ", Style::new())];
        if before > 0 {
            left.push(Run::new(format!("◀ {before} more"), t.accent()));
            left.push(Run::new("  ", t.text()));
        }
        if let Some(c) = cv.comparison.as_ref().filter(|_| n > 0) {
            if c.missing.is_empty() {
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
                " · the list's outlet/date filters are not applied",
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
    let message: Option<Vec<MsgLine>> = if let Some(e) = &cv.error {
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
    } else if let Some(c) = &cv.comparison {
        let rects = layout::column_rects(a.columns, shown);
        for (k, rect) in rects.into_iter().enumerate() {
            let i = first + k;
            if let (Some(col), Some(state)) = (c.outlets.get(i), cv.columns.get(i)) {
                draw_column(frame, app, cv, i, col, state, rect, n);
            }
        }
    }

    // Status and hints.
    let mut status = vec![Run::new(" ", Style::new())];
    if let (Some(c), Some(state)) = (&cv.comparison, cv.columns.get(cv.focus)) {
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
    let hints = hint_runs(
        t,
        &[
            ("Tab", "column"),
            ("j/k", "passage"),
            ("Enter", "read"),
            ("Esc", "back"),
            ("?", "help"),
        ],
    );
    draw_status_and_hints(frame, a.status, a.hints, status, hints);
}

/// Draws one outlet column: a bordered box titled with the outlet and its article
/// count, the text scrolled, the selected passage marked when the column has focus.
#[allow(clippy::too_many_arguments)]
fn draw_column(
    frame: &mut Frame<'_>,
    app: &App,
    cv: &CompareView,
    i: usize,
    col: &OutletColumn,
    state: &super::framing_state::ColumnState,
    rect: Rect,
    n: usize,
) {
    let t = &app.theme;
    let focused = i == cv.focus;
    let mut title = vec![Span::raw(" ")];
    for r in badge(t, &col.outlet, &col.outlet_name) {
        title.push(Span::styled(r.text, r.style));
    }
    title.push(Span::styled(
        format!(
            " · {} article{} ",
            col.articles.len(),
            plural(col.articles.len())
        ),
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
    if n > 1 && layout::visible_columns(app.area.width, n) == 1 {
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

// ------------------------------------------------------------------------- helpers

fn render_line(frame: &mut Frame<'_>, area: Rect, line: RunLine) {
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
fn draw_status_and_hints(
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
