//! The printers for people: aligned, dimmed where it helps, coloured per outlet on a
//! terminal, every string from an article sanitised.

use std::io::{self, Write};

use crossterm::style::{Attribute, Color, Stylize};

use super::Style;
use super::format::{also, date_range, lag, origin_line, plural};
use crate::framing::{Comparison, Event};
use crate::index::{IngestReport, OutletSummary, ReindexReport};
use crate::model::{Article, Origin, SearchResults, Snippet};
use crate::text::{sanitize, sanitize_inline};

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
            // The article's link when it has one (to open or cite), else its file.
            style.dim(&format!(
                "{} · id {}",
                sanitize_inline(a.url.as_deref().unwrap_or(a.source())),
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
        (t, _) => format!("{} ({ms:.1} ms)", plural(t, "result", "results")),
    };
    writeln!(w, "{}", style.dim(&summary))
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
        let range = date_range(o.first.as_deref(), o.last.as_deref());
        // The singular is padded to the plural's width, and the count right-aligned in
        // six places, so that the columns line up.
        let count = plural(o.articles, "article ", "articles");
        writeln!(
            w,
            "{}{}  {count:>15}  {}  {}",
            style.outlet(&o.id, &name),
            " ".repeat(pad),
            style.dim(&sanitize_inline(&range)),
            style.dim(&format!("({})", sanitize_inline(&o.id))),
        )?;
    }
    Ok(())
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
        field(w, "file", &origin_line(o))?;
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
            "ignored {} that are not .txt, .md, .json, .jsonl or .html",
            plural(r.ignored, "file", "files")
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
    for (path, date) in &r.unread_dates {
        writeln!(
            w,
            "undated {}: its date {:?} cannot be read",
            sanitize_inline(path),
            sanitize_inline(date)
        )?;
    }
    Ok(())
}

/// How many missing outlets a human listing names before "and N more".
const MISSING_SHOWN: usize = 8;

fn missing_line(missing: &[String], names: &[OutletSummary], style: Style) -> String {
    let known: Vec<(&str, &str)> = names
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let mut shown: Vec<String> = missing
        .iter()
        .take(MISSING_SHOWN)
        .map(|o| sanitize_inline(&outlet_display(o, &known, style)).into_owned())
        .collect();
    if missing.len() > MISSING_SHOWN {
        shown.push(format!("and {} more", missing.len() - MISSING_SHOWN));
    }
    format!("missing: {}", shown.join(", "))
}

fn outlet_display(id: &str, known: &[(&str, &str)], style: Style) -> String {
    known
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, n)| n.to_string())
        .or_else(|| {
            style
                .outlets
                .resolve(id)
                .filter(|o| o.id == id)
                .map(|o| o.name.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Prints `digest events` for people.
pub fn print_events(
    w: &mut dyn Write,
    events: &[Event],
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
            .map(|o| style.outlet(o, &outlet_display(o, &known, style)))
            .collect();
        writeln!(
            w,
            "    {}  {}",
            outlets.join(", "),
            style.dim(&format!(
                "{}, {}",
                plural(e.articles.len(), "article", "articles"),
                plural(e.passages, "passage", "passages"),
            )),
        )?;
        if !e.missing.is_empty() {
            writeln!(
                w,
                "    {}",
                style.dim(&missing_line(&e.missing, names, style))
            )?;
        }
    }
    let summary = if events.len() < total {
        format!("{} of {total} events", events.len())
    } else {
        plural(total, "event", "events")
    };
    writeln!(w, "{}", style.dim(&summary))
}

/// Prints `digest compare` for people: one section per outlet.
pub fn print_comparison(
    w: &mut dyn Write,
    c: &Comparison,
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
        writeln!(
            w,
            "{}",
            style.dim(&missing_line(&c.missing, outlets, style))
        )?;
    }
    for col in &c.outlets {
        writeln!(w)?;
        writeln!(
            w,
            "── {} {}",
            style.outlet(&col.outlet, &col.outlet_name),
            style.dim(&format!(
                "({})",
                plural(col.articles.len(), "article", "articles")
            )),
        )?;
        for a in &col.articles {
            let lag = lag(a.lag_days);
            writeln!(
                w,
                "   {}  {}  {}",
                style.dim(&sanitize_inline(a.date.as_deref().unwrap_or("undated"))),
                sanitize_inline(&a.title),
                style.dim(&lag),
            )?;
        }
        // Coverage day by day, from the story's first report, when it spans days.
        if col.timeline.per_day.len() > 1 {
            writeln!(
                w,
                "   {} {}  {}",
                style.bold("timeline"),
                col.timeline.chart(),
                style.dim(&format!(
                    "from {}, {}",
                    sanitize_inline(col.timeline.from.as_deref().unwrap_or("")),
                    plural(col.timeline.per_day.len(), "day", "days"),
                )),
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
                let names = p.shared_with.iter().map(|o| {
                    c.outlets
                        .iter()
                        .find(|x| &x.outlet == o)
                        .map_or(o.as_str(), |x| x.outlet_name.as_str())
                });
                style.dim(&also(names))
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

/// Prints what `digest reindex` recovered and what it could not, after the ingest
/// summary; `given` is the number of paths given on the command line.
pub fn print_reindex_report(w: &mut dyn Write, r: &ReindexReport, given: usize) -> io::Result<()> {
    use crate::index::reindex::RecoveredFrom;
    let rec = &r.recovered;
    let mut from = Vec::new();
    if !matches!(rec.from, RecoveredFrom::Nothing(_)) {
        from.push(plural(rec.files.len(), "recorded file", "recorded files"));
    }
    if r.bundled {
        from.push("the bundled corpus".to_string());
    }
    if given > 0 {
        from.push(plural(given, "path given", "paths given"));
    }
    let from = match from.len() {
        0 => "nothing".to_string(),
        1 => from.remove(0),
        _ => {
            let last = from.pop().unwrap_or_default();
            format!("{} and {last}", from.join(", "))
        }
    };
    let path = r.path.display().to_string();
    let path = sanitize_inline(&path);
    match &rec.from {
        RecoveredFrom::Commit => writeln!(w, "rebuilt {path} from {from}")?,
        RecoveredFrom::SegmentFiles(why) => writeln!(
            w,
            "rebuilt {path} from {from}; {}, so the sources were read from every segment file, including any of unfinished runs",
            sanitize_inline(why)
        )?,
        RecoveredFrom::Nothing(why) => writeln!(
            w,
            "rebuilt {path} from {from}: no recorded sources could be read ({})",
            sanitize_inline(why)
        )?,
    }
    let overridden = rec.overridden();
    if overridden > 0 {
        writeln!(
            w,
            "{} the --outlet {} ingested with",
            plural(overridden, "file keeps", "files keep"),
            if overridden == 1 {
                "it was"
            } else {
                "they were"
            }
        )?;
    }
    for p in &rec.problems {
        writeln!(w, "not recovered: {}", sanitize_inline(p))?;
    }
    if rec.unreadable_docs > 0 {
        writeln!(
            w,
            "not recovered: {} that could not be decoded",
            plural(rec.unreadable_docs, "stored document", "stored documents")
        )?;
    }
    let no_index = matches!(&rec.from, RecoveredFrom::Nothing(why) if why == "there was no index");
    if !rec.complete() && !no_index {
        writeln!(
            w,
            "articles whose records could not be read are not in the new index: give their files or directories to `digest reindex PATH...` or `digest ingest`"
        )?;
    }
    if let Some(kept) = &r.kept {
        writeln!(
            w,
            "the old index was kept in {}; delete it once the new one has what you need",
            sanitize_inline(&kept.display().to_string())
        )?;
    }
    Ok(())
}
