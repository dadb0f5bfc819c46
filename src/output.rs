//! Printing for the shell: the same hits, as text for people or JSON for scripts.
//!
//! Text output is coloured only when stdout is a terminal and `NO_COLOR` is not set;
//! every string that came from an article passes through the sanitiser first, so an
//! article cannot move the cursor, retitle the window or write the clipboard. JSON
//! output is one document per command with a stable schema (see the README).

use std::io::{self, Write};

use crossterm::style::{Attribute, Color, Stylize};
use serde::Serialize;

use crate::bundled;
use crate::index::{IngestReport, OutletSummary};
use crate::model::{Article, Hit, Origin, SearchResults, Snippet};
use crate::text::{sanitize, sanitize_inline};

/// Whether to use colour and bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colours and attributes on.
    pub color: bool,
}

impl Style {
    /// Colour when `stdout` is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: io::stdout().is_terminal() && !no_color,
        }
    }

    fn outlet(&self, id: &str, name: &str) -> String {
        let name = sanitize_inline(name).into_owned();
        if !self.color {
            return name;
        }
        let (r, g, b) = bundled::outlets().color(id);
        name.with(Color::Rgb { r, g, b }).bold().to_string()
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            s.dim().to_string()
        } else {
            s.to_string()
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }
}

/// A snippet with its highlights rendered: bold yellow on a terminal, `[…]`-free plain
/// text otherwise (highlights are still in the JSON).
pub fn render_snippet(snippet: &Snippet, style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for h in &snippet.highlights {
        let (Some(before), Some(word)) = (
            snippet.text.get(at..h.start),
            snippet.text.get(h.start..h.end),
        ) else {
            continue;
        };
        out.push_str(&sanitize_inline(before));
        if style.color {
            out.push_str(
                &sanitize_inline(word)
                    .with(Color::Yellow)
                    .attribute(Attribute::Bold)
                    .to_string(),
            );
        } else {
            out.push_str(&sanitize_inline(word));
        }
        at = h.end;
    }
    out.push_str(&sanitize_inline(snippet.text.get(at..).unwrap_or("")));
    out
}

/// Prints search results for people.
pub fn print_hits(w: &mut dyn Write, results: &SearchResults, style: Style) -> io::Result<()> {
    for hit in &results.hits {
        let a = &hit.article;
        writeln!(
            w,
            "{:>2}. {}  {}  {}",
            hit.rank,
            style.outlet(&a.outlet, &a.outlet_name),
            style.dim(&sanitize_inline(a.date.as_deref().unwrap_or("undated"))),
            style.bold(&sanitize_inline(&a.title)),
        )?;
        writeln!(w, "    {}", render_snippet(&hit.snippet, style))?;
        writeln!(
            w,
            "    {}",
            style.dim(&format!(
                "{} · id {}",
                sanitize_inline(a.source()),
                sanitize_inline(&a.id)
            ))
        )?;
        writeln!(w)?;
    }
    let shown = results.hits.len();
    let ms = results.elapsed.as_secs_f64() * 1000.0;
    let summary = match (results.total, shown) {
        (0, _) => format!(
            "no results for {} ({ms:.1} ms)",
            sanitize_inline(&results.query)
        ),
        (t, s) if s < t => format!("{t} results, showing {s} ({ms:.1} ms)"),
        (t, _) => format!("{t} result{} ({ms:.1} ms)", if t == 1 { "" } else { "s" }),
    };
    writeln!(w, "{}", style.dim(&summary))
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total: usize,
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    rank: usize,
    score: f32,
    id: &'a str,
    outlet: &'a str,
    outlet_name: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: &'a str,
    via: Option<&'a str>,
    snippet: &'a str,
    highlights: Vec<[usize; 2]>,
}

fn json_hit(hit: &Hit) -> JsonHit<'_> {
    let a = &hit.article;
    JsonHit {
        rank: hit.rank,
        score: hit.score,
        id: &a.id,
        outlet: &a.outlet,
        outlet_name: &a.outlet_name,
        title: &a.title,
        date: a.date.as_deref(),
        source: a.source(),
        via: a.via.as_deref(),
        snippet: &hit.snippet.text,
        highlights: hit
            .snippet
            .highlights
            .iter()
            .map(|r| [r.start, r.end])
            .collect(),
    }
}

/// Prints search results as one JSON document.
pub fn print_hits_json(w: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    let doc = JsonResults {
        query: &results.query,
        total: results.total,
        hits: results.hits.iter().map(json_hit).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}

/// Prints `digest outlets`.
pub fn print_outlets(w: &mut dyn Write, outlets: &[OutletSummary], style: Style) -> io::Result<()> {
    let width = outlets
        .iter()
        .map(|o| o.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for o in outlets {
        let name = sanitize_inline(&o.name);
        let pad = width.saturating_sub(name.chars().count());
        let range = match (&o.first, &o.last) {
            (Some(a), Some(b)) if a == b => a.clone(),
            (Some(a), Some(b)) => format!("{a} … {b}"),
            _ => "undated".into(),
        };
        writeln!(
            w,
            "{}{}  {:>6} article{}  {}  {}",
            style.outlet(&o.id, &name),
            " ".repeat(pad),
            o.articles,
            if o.articles == 1 { " " } else { "s" },
            style.dim(&sanitize_inline(&range)),
            style.dim(&format!("({})", sanitize_inline(&o.id))),
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonOutlet<'a> {
    id: &'a str,
    name: &'a str,
    articles: u64,
    first: Option<&'a str>,
    last: Option<&'a str>,
}

/// Prints `digest outlets --json`.
pub fn print_outlets_json(w: &mut dyn Write, outlets: &[OutletSummary]) -> io::Result<()> {
    let list: Vec<JsonOutlet<'_>> = outlets
        .iter()
        .map(|o| JsonOutlet {
            id: &o.id,
            name: &o.name,
            articles: o.articles,
            first: o.first.as_deref(),
            last: o.last.as_deref(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &serde_json::json!({ "outlets": list }))?;
    writeln!(w)
}

/// Prints `digest show`: metadata, provenance, body, captions.
pub fn print_article(
    w: &mut dyn Write,
    a: &Article,
    origins: &[Origin],
    style: Style,
) -> io::Result<()> {
    writeln!(w, "{}", style.bold(&sanitize_inline(&a.title)))?;
    let field = |w: &mut dyn Write, k: &str, v: &str| {
        writeln!(
            w,
            "{} {}",
            style.dim(&format!("{k:<9}")),
            sanitize_inline(v)
        )
    };
    writeln!(
        w,
        "{} {}",
        style.dim(&format!("{:<9}", "outlet")),
        style.outlet(&a.outlet, &a.outlet_name)
    )?;
    field(w, "date", a.date.as_deref().unwrap_or("unknown"))?;
    if let Some(v) = &a.via {
        field(w, "via", v)?;
    }
    if let Some(u) = &a.url {
        field(w, "url", u)?;
    }
    if !a.authors.is_empty() {
        field(w, "authors", &a.authors.join(", "))?;
    }
    if let Some(l) = &a.language {
        field(w, "language", l)?;
    }
    field(w, "id", &a.id)?;
    for o in origins {
        let item = o.item.map(|i| format!(" (item {i})")).unwrap_or_default();
        field(w, "file", &format!("{}{item}", o.path))?;
    }
    writeln!(w)?;
    for para in a.body.split("\n\n") {
        writeln!(w, "{}\n", sanitize(para))?;
    }
    if !a.captions.is_empty() {
        writeln!(w, "{}", style.dim("Captions"))?;
        for c in &a.captions {
            writeln!(w, "  {}", sanitize_inline(c))?;
        }
        writeln!(w)?;
    }
    if !a.provenance.is_empty() {
        writeln!(w, "{}", style.dim("How the metadata was established"))?;
        for (k, v) in &a.provenance {
            writeln!(w, "  {}: {}", sanitize_inline(k), sanitize_inline(v))?;
        }
    }
    Ok(())
}

/// Prints `digest show --json`: the stored article with all its origins.
pub fn print_article_json(w: &mut dyn Write, a: &Article, origins: &[Origin]) -> io::Result<()> {
    let mut a = a.clone();
    a.origins = origins.to_vec();
    let mut v = serde_json::to_value(&a).map_err(io::Error::other)?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("source".into(), a.source().into());
    }
    serde_json::to_writer_pretty(&mut *w, &v)?;
    writeln!(w)
}

/// Prints the ingest summary.
pub fn print_ingest_report(w: &mut dyn Write, r: &IngestReport, secs: f64) -> io::Result<()> {
    writeln!(
        w,
        "added {}, updated {}, unchanged {}, duplicates {}, skipped {} ({secs:.1} s)",
        r.added,
        r.updated,
        r.unchanged,
        r.duplicates,
        r.skipped.len()
    )?;
    if r.ignored > 0 {
        writeln!(
            w,
            "ignored {} file{} that are not .txt, .md, .json or .jsonl",
            r.ignored,
            if r.ignored == 1 { "" } else { "s" }
        )?;
    }
    for (path, reason) in &r.skipped {
        writeln!(
            w,
            "skipped {}: {}",
            sanitize_inline(path),
            sanitize_inline(reason)
        )?;
    }
    Ok(())
}

/// How many missing outlets a human listing names before "and N more".
const MISSING_SHOWN: usize = 8;

fn missing_line(missing: &[String], names: &[OutletSummary]) -> String {
    let known: Vec<(&str, &str)> = names
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let mut shown: Vec<String> = missing
        .iter()
        .take(MISSING_SHOWN)
        .map(|o| sanitize_inline(&outlet_display(o, &known)).into_owned())
        .collect();
    if missing.len() > MISSING_SHOWN {
        shown.push(format!("and {} more", missing.len() - MISSING_SHOWN));
    }
    format!("missing: {}", shown.join(", "))
}

fn outlet_display(id: &str, known: &[(&str, &str)]) -> String {
    known
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, n)| n.to_string())
        .or_else(|| {
            bundled::outlets()
                .resolve(id)
                .filter(|o| o.id == id)
                .map(|o| o.name.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Prints `digest events` for people.
pub fn print_events(
    w: &mut dyn Write,
    events: &[crate::framing::Event],
    total: usize,
    names: &[OutletSummary],
    style: Style,
) -> io::Result<()> {
    for e in events {
        let known: Vec<(&str, &str)> = e
            .articles
            .iter()
            .map(|a| (a.outlet.as_str(), a.outlet_name.as_str()))
            .collect();
        writeln!(
            w,
            "{}  {}  {}",
            style.dim(&sanitize_inline(&e.id)),
            style.dim(&sanitize_inline(e.date.as_deref().unwrap_or("undated"))),
            style.bold(&sanitize_inline(&e.label)),
        )?;
        let outlets: Vec<String> = e
            .outlets
            .iter()
            .map(|o| style.outlet(o, &outlet_display(o, &known)))
            .collect();
        writeln!(
            w,
            "    {}  {}",
            outlets.join(", "),
            style.dim(&format!(
                "{} article{}, {} passage{}",
                e.articles.len(),
                if e.articles.len() == 1 { "" } else { "s" },
                e.passages,
                if e.passages == 1 { "" } else { "s" },
            )),
        )?;
        if !e.missing.is_empty() {
            writeln!(w, "    {}", style.dim(&missing_line(&e.missing, names)))?;
        }
    }
    let summary = if events.len() < total {
        format!("{} of {total} events", events.len())
    } else {
        format!("{total} event{}", if total == 1 { "" } else { "s" })
    };
    writeln!(w, "{}", style.dim(&summary))
}

/// Prints `digest events --json`.
pub fn print_events_json(w: &mut dyn Write, events: &[crate::framing::Event]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Events<'a> {
        events: &'a [crate::framing::Event],
    }
    serde_json::to_writer_pretty(&mut *w, &Events { events })?;
    writeln!(w)
}

/// Prints `digest compare --json`.
pub fn print_comparison_json(
    w: &mut dyn Write,
    comparison: &crate::framing::Comparison,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, comparison)?;
    writeln!(w)
}

/// Prints `digest compare` for people: one section per outlet.
pub fn print_comparison(
    w: &mut dyn Write,
    c: &crate::framing::Comparison,
    outlets: &[OutletSummary],
    style: Style,
) -> io::Result<()> {
    let what = match (&c.event, &c.query) {
        (Some(id), _) => format!("event {}: ", sanitize_inline(id)),
        _ => "query: ".to_string(),
    };
    writeln!(
        w,
        "{}{}",
        style.dim(&what),
        style.bold(&sanitize_inline(&c.label))
    )?;
    if !c.missing.is_empty() {
        writeln!(w, "{}", style.dim(&missing_line(&c.missing, outlets)))?;
    }
    for col in &c.outlets {
        writeln!(w)?;
        writeln!(
            w,
            "── {} {}",
            style.outlet(&col.outlet, &col.outlet_name),
            style.dim(&format!(
                "({} article{})",
                col.articles.len(),
                if col.articles.len() == 1 { "" } else { "s" }
            )),
        )?;
        for a in &col.articles {
            let lag = match a.lag_days {
                Some(0) => "first".to_string(),
                Some(d) => format!("+{d} d"),
                None => String::new(),
            };
            writeln!(
                w,
                "   {}  {}  {}",
                style.dim(&sanitize_inline(a.date.as_deref().unwrap_or("undated"))),
                sanitize_inline(&a.title),
                style.dim(&lag),
            )?;
        }
        if !col.passages.is_empty() {
            writeln!(w, "   {}", style.bold("passages"))?;
        }
        for p in &col.passages {
            let snippet = Snippet {
                text: p.text.clone(),
                highlights: p.highlights.clone(),
            };
            let marker = if p.shared_with.is_empty() {
                style.dim("only here")
            } else {
                let names: Vec<String> = p
                    .shared_with
                    .iter()
                    .map(|o| {
                        c.outlets
                            .iter()
                            .find(|x| &x.outlet == o)
                            .map_or_else(|| o.clone(), |x| x.outlet_name.clone())
                    })
                    .map(|n| sanitize_inline(&n).into_owned())
                    .collect();
                style.dim(&format!("also {}", names.join(", ")))
            };
            writeln!(w, "   • {}  {}", render_snippet(&snippet, style), marker)?;
        }
        if !col.naming.is_empty() {
            writeln!(w, "   {}", style.bold("naming"))?;
            for n in col.naming.values() {
                let forms: Vec<String> = n
                    .forms
                    .iter()
                    .map(|f| format!("{} {}", sanitize_inline(&f.form), f.count))
                    .collect();
                writeln!(w, "     {}: {}", sanitize_inline(&n.name), forms.join(", "))?;
            }
        }
        if !col.voices.is_empty() {
            writeln!(w, "   {}", style.bold("voices"))?;
            for v in &col.voices {
                let role = v
                    .role
                    .as_deref()
                    .map(|r| format!(", {}", sanitize_inline(r)))
                    .unwrap_or_default();
                writeln!(
                    w,
                    "     {}{} {}",
                    sanitize_inline(&v.name),
                    role,
                    style.dim(&format!("({}, {}×)", sanitize_inline(&v.kind), v.count)),
                )?;
            }
        }
        if !col.distinctive_terms.is_empty() {
            let terms: Vec<String> = col
                .distinctive_terms
                .iter()
                .map(|t| format!("{} {:.1}", sanitize_inline(&t.term), t.score))
                .collect();
            writeln!(
                w,
                "   {} {}",
                style.bold("distinctive terms"),
                terms.join(", ")
            )?;
        }
        let words: Vec<String> = col
            .tone
            .words
            .iter()
            .take(6)
            .map(|t| format!("{} {:+.1}×{}", sanitize_inline(&t.word), t.valence, t.count))
            .collect();
        writeln!(
            w,
            "   {} {:+.2} {}{}",
            style.bold("tone"),
            col.tone.score,
            style.dim(&format!(
                "(sum {:+.1} over {} words)",
                col.tone.sum, col.tone.word_count
            )),
            if words.is_empty() {
                String::new()
            } else {
                format!("  ({})", words.join(", "))
            },
        )?;
    }
    Ok(())
}
