//! The JSON printers: one pretty-printed document per command, in the schema the README
//! documents. Strings are written as stored; JSON escaping keeps them inert.

use std::io::{self, Write};

use serde::Serialize;

use crate::framing::{Comparison, Event};
use crate::index::OutletSummary;
use crate::index::writer::IngestReport;
use crate::model::{Article, Hit, Origin, SearchResults};

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total: usize,
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
pub(crate) struct JsonHit<'a> {
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

pub(crate) fn json_hit(hit: &Hit) -> JsonHit<'_> {
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

/// Prints `digest events --json`.
pub fn print_events_json(w: &mut dyn Write, events: &[Event]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Events<'a> {
        events: &'a [Event],
    }
    serde_json::to_writer_pretty(&mut *w, &Events { events })?;
    writeln!(w)
}

/// Prints `digest compare --json`.
pub fn print_comparison_json(w: &mut dyn Write, comparison: &Comparison) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, comparison)?;
    writeln!(w)
}

/// Prints `digest ingest --json`: the counts, every article stored or found again, and
/// every file or item skipped with the reason.
pub fn print_ingest_json(w: &mut dyn Write, r: &IngestReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &ingest_json(r))?;
    writeln!(w)
}

/// The document of [`print_ingest_json`], for `reindex --json` to add to.
pub fn ingest_json(r: &IngestReport) -> serde_json::Value {
    let articles: Vec<serde_json::Value> = r
        .articles
        .iter()
        .map(|a| {
            serde_json::json!({
                "status": a.status, "id": a.id, "source": a.source, "title": a.title,
                "outlet": a.outlet, "date": a.date,
            })
        })
        .collect();
    let skipped: Vec<serde_json::Value> = r
        .skipped
        .iter()
        .map(|(source, reason)| serde_json::json!({ "source": source, "reason": reason }))
        .collect();
    let undated: Vec<serde_json::Value> = r
        .unread_dates
        .iter()
        .map(|(source, date)| serde_json::json!({ "source": source, "date": date }))
        .collect();
    let doc = serde_json::json!({
        "added": r.added,
        "updated": r.updated,
        "unchanged": r.unchanged,
        "duplicates": r.duplicates,
        "ignored": r.ignored,
        "articles": articles,
        "skipped": skipped,
        "undated": undated,
    });
    doc
}
