//! Drawing the events list, and the selected event beside or below it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use super::EventsView;
use crate::framing::Event;
use crate::output::format::lag;
use crate::output::plural;
use crate::tui::bindings::{self, Bar};
use crate::tui::screens::Ctx;
use crate::tui::ui::framing::{badge, clean, hang};
use crate::tui::ui::layout;
use crate::tui::ui::rich::{self, Run, RunLine};
use crate::tui::ui::widgets::{
    MsgLine, draw_item_list, draw_message, draw_status_and_hints, hint_runs, lines_widget,
    marked_item, preview_frame, render_line, wrapping,
};

/// Draws the events list (and, when there is room, the selected event beside or below).
pub fn draw(frame: &mut Frame<'_>, ev: &EventsView, ctx: &Ctx, area: Rect) {
    let t = &ctx.theme;
    let a = layout::list_areas(area, ev.selected_event().is_some());
    let w = area.width as usize;

    // Title row.
    let mut title = vec![
        Run::new(" Events › ", t.accent()),
        Run::new("happenings two or more outlets report", t.dim()),
    ];
    if !ev.window.is_open() {
        title.push(Run::new(
            " · within the list's outlet/date filters",
            t.dim(),
        ));
    }
    if ev.pending() && ev.events.value().is_some() {
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
    let message: Option<Vec<MsgLine>> = if let Some(e) = ev.events.error() {
        Some(wrapping(vec![
            vec![Run::new(clean(e), t.error())],
            vec![],
            vec![Run::new("Press r to try again, Esc to go back.", t.dim())],
        ]))
    } else if ev.events.value().is_none() {
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
            let items = list
                .iter()
                .enumerate()
                .skip(offset)
                .take(per_page)
                .map(|(i, e)| event_item(ctx, e, inner.width as usize, i == ev.selected));
            let page = (offset, per_page, list.len());
            draw_item_list(frame, t, block, a.list, " Events ", page, items);
        }
    }

    if let (Some(area), Some(e)) = (a.preview, ev.selected_event()) {
        let hints = bindings::hint_pairs(Bar::EventPreview);
        if let Some(text) = preview_frame(frame, t, area, " Event ", &hints) {
            let lines = event_details(ctx, e, text.width as usize);
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
    if ev.events.error().is_some() {
        status.push(Run::new("the events could not be found", t.error()));
    } else if ev.events.value().is_none() {
        status.push(Run::new("finding events…", t.dim()));
    } else {
        status.push(Run::new(plural(list.len(), "event", "events"), t.text()));
    }
    status.push(Run::new(format!(" · {}", ctx.index_summary()), t.dim()));
    let hints = hint_runs(t, &bindings::hint_pairs(Bar::Events));
    draw_status_and_hints(frame, a.status, a.hints, status, hints);
}

/// One event in the list: date and label; under them the outlet badges and counts.
fn event_item(ctx: &Ctx, e: &Event, width: usize, selected: bool) -> Vec<RunLine> {
    let t = &ctx.theme;
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
    let count = format!("  {}", plural(e.passages, "passage", "passages"));
    let avail = inner.saturating_sub(indent + rich::width(&count));
    let mut badges: Vec<Run> = Vec::new();
    for (i, id) in e.outlets.iter().enumerate() {
        let mut b = badge(t, id, &ctx.outlet_name(id));
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
                plural(n, "outlet", "outlets")
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
    marked_item([first, second].into(), t, selected)
}

/// The selected event in detail: label, date, reports with their lag, missing outlets,
/// the anchors the passages share.
fn event_details(ctx: &Ctx, e: &Event, width: usize) -> Vec<RunLine> {
    let t = &ctx.theme;
    let mut out: Vec<RunLine> = Vec::new();
    out.extend(rich::wrap(
        &[Run::new(clean(&e.label), t.title())],
        width,
        usize::MAX,
    ));
    out.push(vec![Run::new(
        format!(
            "{} · {} · {}",
            e.date.as_deref().map_or_else(|| "undated".into(), clean),
            plural(e.outlets.len(), "outlet", "outlets"),
            plural(e.passages, "passage", "passages")
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
            .map(|id| clean(&ctx.outlet_name(id)))
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
