//! Drawing the list screen: search line, results, preview, status and key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType};

use super::{Focus, ListScreen};
use crate::model::{Hit, Snippet};
use crate::output::plural;
use crate::text::sanitize_inline;
use crate::tui::answer::FetchStatus;
use crate::tui::bindings::{self, Bar};
use crate::tui::screens::Ctx;
use crate::tui::scroll;
use crate::tui::ui::document::{self, Mode};
use crate::tui::ui::layout::{self, ListAreas};
use crate::tui::ui::rich::{self, Run, RunLine};
use crate::tui::ui::theme::Theme;
use crate::tui::ui::widgets::{
    MsgLine, draw_item_list, draw_message, hint_runs, input_window, lines_widget, marked_item,
    outlet_row, preview_frame, ranked_hints, render_line, to_lines, wrapping,
};

/// Put before an article that arrived since the last visit.
const NEW_MARK: &str = "new ";

/// Draws the list screen over `area`; `popup` when a pop-up covers it (nothing here has
/// focus then).
pub fn draw(frame: &mut Frame<'_>, app: &ListScreen, ctx: &Ctx, area: Rect, popup: bool) {
    let t = &ctx.theme;
    let a = layout::list_areas(area, app.selected_hit().is_some());
    draw_search_line(frame, app, ctx, a.search, popup);
    let focused = app.focus == Focus::List && !popup;
    let border = if focused {
        t.border_focused()
    } else {
        t.border()
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border);
    if ctx.index.articles == 0 {
        let inner = block.clone().title(" digest ").inner(a.list);
        frame.render_widget(block.title(" digest "), a.list);
        draw_message(frame, inner, &wrapping(empty_index_message(t)));
    } else if let Some(results) = app.results.value() {
        if results.hits.is_empty() {
            let inner = block.inner(a.list);
            frame.render_widget(block.title(" Results "), a.list);
            draw_message(frame, inner, &wrapping(no_results_message(app, ctx)));
        } else {
            draw_results(frame, app, ctx, &a, block);
        }
    } else if !app.query.text.trim().is_empty() {
        let inner = block.inner(a.list);
        frame.render_widget(block.title(" Results "), a.list);
        let msg = match app.results.error() {
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
        draw_message(frame, inner, &start_message(app, ctx));
    }
    draw_status(frame, app, ctx, &a);
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

fn filters_description(app: &ListScreen, ctx: &Ctx) -> Vec<Run> {
    let t = &ctx.theme;
    let mut out = Vec::new();
    let names = app.filter.outlet_names(ctx);
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
    if app.filter.unread {
        if !out.is_empty() {
            out.push(Run::new(" · ", t.dim()));
        }
        out.push(Run::new("unread only", t.text()));
    }
    out
}

fn no_results_message(app: &ListScreen, ctx: &Ctx) -> Vec<RunLine> {
    let t = &ctx.theme;
    let query = app
        .results
        .value()
        .map(|r| sanitize_inline(&r.query).into_owned())
        .unwrap_or_default();
    let mut out = vec![if query.trim().is_empty() {
        vec![Run::new(
            "No articles in these outlets and dates",
            t.title(),
        )]
    } else {
        vec![
            Run::new("No articles match ", t.title()),
            Run::new(format!("“{query}”"), t.highlight()),
        ]
    }];
    let filters = filters_description(app, ctx);
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

fn start_message(app: &ListScreen, ctx: &Ctx) -> Vec<MsgLine> {
    let t = &ctx.theme;
    let n = ctx.index.outlets.len();
    let mut out: Vec<MsgLine> = vec![
        (
            vec![
                Run::new("Type to search ", t.title()),
                Run::new(
                    format!(
                        "{} from {}.",
                        plural(ctx.index.articles, "article", "articles"),
                        plural(n, "outlet", "outlets")
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
    let name_w = ctx
        .index
        .outlets
        .iter()
        .map(|o| rich::width(&sanitize_inline(&o.name)))
        .max()
        .unwrap_or(0)
        .min(28);
    for (i, o) in ctx.index.outlets.iter().enumerate() {
        out.push((
            outlet_row(t, &app.filter.outlets, i, o, name_w, ctx.unread(o)),
            false,
        ));
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

fn draw_search_line(frame: &mut Frame<'_>, app: &ListScreen, ctx: &Ctx, area: Rect, popup: bool) {
    let t = &ctx.theme;
    let focused = app.focus == Focus::Search && !popup;
    let prompt = " Search › ";
    let prompt_style = if focused { t.accent() } else { t.dim() };
    let right: Vec<Run> = if app.results.is_due() {
        vec![Run::new(" searching… ", t.dim())]
    } else if !focused && !popup {
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
    if app.query.text.is_empty() && ctx.index.articles > 0 {
        // What there is to search, where the query will go.
        let hint = format!(
            "Type to search {} from {}.",
            plural(ctx.index.articles, "article", "articles"),
            plural(ctx.index.outlets.len(), "outlet", "outlets")
        );
        line.push(Run::new(hint, t.dim()));
        line = rich::fit(line, avail + pw, Style::new());
    }
    let used = rich::line_width(&line);
    if !right.is_empty() {
        line.push(Run::new(" ".repeat(w.saturating_sub(used + rw)), t.text()));
        line.extend(right);
    }
    render_line(frame, area, line);
    if focused {
        frame.set_cursor_position((area.x + (pw + cursor_x) as u16, area.y));
    }
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
    ctx: &Ctx,
    width: usize,
    snippet_lines: usize,
    selected: bool,
) -> Vec<RunLine> {
    let t = &ctx.theme;
    let a = &hit.article;
    let inner = width.saturating_sub(1);
    let mut header = Vec::new();
    if ctx.is_new(a) {
        header.push(Run::new(NEW_MARK, t.accent()));
    }
    header.extend([
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
        // What has been read is dimmed.
        Run::new(
            sanitize_inline(&a.title),
            if ctx.is_read(a) { t.dim() } else { t.title() },
        ),
    ]);
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
    marked_item(lines, t, selected)
}

fn draw_results(
    frame: &mut Frame<'_>,
    app: &ListScreen,
    ctx: &Ctx,
    a: &ListAreas,
    block: Block<'_>,
) {
    let t = &ctx.theme;
    let hits = app.hits();
    let (item_h, per_page) = layout::list_page(a.list);
    let width = block.inner(a.list).width as usize;
    let offset = scroll::offset_showing(app.selected, per_page);
    let items = hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(per_page)
        .map(|(i, hit)| result_item(hit, ctx, width, item_h - 1, i == app.selected));
    let page = (offset, per_page, hits.len());
    // Named after the results shown (a bad query keeps the previous ones on screen).
    let listing = app
        .results
        .value()
        .is_some_and(|r| r.query.trim().is_empty());
    let title = if listing {
        " Newest "
    } else if app.newest_first() {
        " Results, newest first "
    } else {
        " Results "
    };
    draw_item_list(frame, t, block, a.list, title, page, items);

    if let (Some(area), Some(hit)) = (a.preview, app.selected_hit()) {
        let hints = bindings::hint_pairs(Bar::Preview);
        if let Some(text) = preview_frame(frame, t, area, " Preview ", &hints) {
            let query = app.results.value().map_or("", |r| r.query.as_str());
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

fn list_hints(app: &ListScreen, t: &Theme, width: usize) -> Vec<Run> {
    match app.focus {
        Focus::List => ranked_hints(t, &bindings::hints(Bar::List), width),
        Focus::Search => hint_runs(t, &bindings::hint_pairs(Bar::Search)),
    }
}

fn draw_status(frame: &mut Frame<'_>, app: &ListScreen, ctx: &Ctx, a: &ListAreas) {
    let t = &ctx.theme;
    let w = a.status.width as usize;
    let mut left: Vec<Run> = vec![Run::new(" ", Style::new())];
    if let Some((text, error)) = &ctx.notice {
        let style = if *error { t.error() } else { t.accent() };
        left.push(Run::new(sanitize_inline(text), style));
        left.push(Run::new(" · ", t.dim()));
    }
    if let Some(f) = &ctx.fetch {
        left.push(fetch_status(f, t));
        left.push(Run::new(" · ", t.dim()));
    }
    if let Some(e) = app.results.error() {
        left.push(Run::new(sanitize_inline(e), t.error()));
        if app.results.value().is_some() {
            left.push(Run::new(" (previous results shown)", t.dim()));
        }
    } else if app.results.is_due() {
        left.push(Run::new("searching…", t.dim()));
    } else if let Some(r) = app.results.value()
        && r.query.trim().is_empty()
    {
        let text = if ctx.index.articles == 0 {
            ctx.index_summary()
        } else if r.total == ctx.index.articles {
            format!("{}, newest first", plural(r.total, "article", "articles"))
        } else {
            format!(
                "{} of {} articles, newest first",
                r.total, ctx.index.articles
            )
        };
        left.push(Run::new(text, t.text()));
    } else if let Some(r) = app.results.value() {
        let shown = r.hits.len();
        let order = if app.newest_first() {
            ", newest first"
        } else {
            ""
        };
        let text = if shown < r.total {
            format!(
                "{} of {} articles match, {} shown{order}",
                r.total, ctx.index.articles, shown
            )
        } else {
            format!(
                "{} of {} articles match{order}",
                r.total, ctx.index.articles
            )
        };
        left.push(Run::new(text, t.text()));
    } else {
        left.push(Run::new(ctx.index_summary(), t.text()));
    }
    let filters = filters_description(app, ctx);
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
    let hints = list_hints(app, t, room);
    if a.hints.is_none() {
        let lw = rich::line_width(&status);
        let hw = rich::line_width(&hints);
        if lw + hw + 2 <= w {
            status.push(Run::new(" ".repeat(w - lw - hw), Style::new()));
            status.extend(hints.clone());
        }
    }
    render_line(frame, a.status, status);
    if let Some(h) = a.hints {
        render_line(frame, h, hints);
    }
}

/// The background fetch in a few words, for the status line.
fn fetch_status(f: &FetchStatus, t: &Theme) -> Run {
    match f {
        FetchStatus::Fetching { total: 0, .. } => Run::new("fetching feeds…", t.accent()),
        FetchStatus::Fetching { done, total } => {
            Run::new(format!("fetching feeds {done}/{total}…"), t.accent())
        }
        FetchStatus::Indexing { items } => Run::new(
            format!("indexing {}…", plural(*items, "new item", "new items")),
            t.accent(),
        ),
        FetchStatus::Done(summary) => {
            Run::new(format!("fetched: {}", sanitize_inline(summary)), t.accent())
        }
        FetchStatus::Failed(why) => {
            Run::new(format!("fetch failed: {}", sanitize_inline(why)), t.error())
        }
    }
}
