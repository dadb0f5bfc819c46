//! Results for other programs: CSV for spreadsheets, NDJSON for pipelines, Markdown for
//! notes (`--format csv|ndjson|markdown` on `search`, `list` and `compare`).
//!
//! Article text is untrusted: every field is stripped of control characters and escape
//! sequences, a CSV cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
//! first) gets a leading `'`, and Markdown's link and emphasis characters are escaped.

use std::io::{self, Write};

use crate::model::{Hit, SearchResults};
use crate::text::sanitize_inline;

/// The columns of `--format csv`, in order.
pub const CSV_COLUMNS: [&str; 9] = [
    "rank",
    "id",
    "outlet",
    "outlet_name",
    "date",
    "title",
    "url",
    "source",
    "snippet",
];

fn fields(hit: &Hit) -> [String; 9] {
    let a = &hit.article;
    [
        hit.rank.to_string(),
        a.id.clone(),
        a.outlet.clone(),
        a.outlet_name.clone(),
        a.date.clone().unwrap_or_default(),
        a.title.clone(),
        a.url.clone().unwrap_or_default(),
        a.source().to_string(),
        hit.snippet.text.clone(),
    ]
    .map(|f| sanitize_inline(&f).into_owned())
}

/// A cell a spreadsheet will show, not evaluate.
fn inert(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// `--format csv`: a header, then one row per hit.
pub fn print_hits_csv(w: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_COLUMNS)?;
    for hit in &results.hits {
        out.write_record(fields(hit).map(inert))?;
    }
    out.flush()
}

/// `--format ndjson`: one JSON object per hit and line, as `--json` gives each hit, with
/// the article's `url`.
pub fn print_hits_ndjson(w: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        let mut v = serde_json::to_value(super::json::json_hit(hit))?;
        v["url"] = hit.article.url.as_deref().into();
        serde_json::to_writer(&mut *w, &v)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Markdown's own characters, escaped so a title stays text.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize_inline(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `--format markdown`: a list, one item per hit: outlet, date, the title linked when the
/// link is http(s), and the passage quoted.
pub fn print_hits_markdown(w: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        let a = &hit.article;
        let title = match a.url.as_deref().map(crate::feeds::normalise_url) {
            Some(Ok(url)) => format!("[{}](<{}>)", md(&a.title), url.replace('>', "%3E")),
            _ => md(&a.title),
        };
        writeln!(
            w,
            "- **{}**, {}: {}",
            md(&a.outlet_name),
            md(a.date.as_deref().unwrap_or("undated")),
            title
        )?;
        writeln!(w, "  > {}", md(&hit.snippet.text))?;
    }
    Ok(())
}

/// The columns of `compare --format csv`: one row per passage shown.
pub const PASSAGE_COLUMNS: [&str; 7] = [
    "outlet",
    "outlet_name",
    "article",
    "source",
    "sentence",
    "shared_with",
    "text",
];

fn passage_rows(c: &crate::framing::Comparison) -> impl Iterator<Item = [String; 7]> + '_ {
    c.outlets.iter().flat_map(|col| {
        col.passages.iter().map(move |p| {
            [
                col.outlet.clone(),
                col.outlet_name.clone(),
                p.article.clone(),
                p.source.clone(),
                p.sentence.to_string(),
                p.shared_with.join(";"),
                p.text.clone(),
            ]
            .map(|f| sanitize_inline(&f).into_owned())
        })
    })
}

/// `compare --format csv`: a header, then a row per passage (`shared_with` lists the
/// other outlets telling the same thing, `;`-separated; empty when only this one does).
pub fn print_comparison_csv(w: &mut dyn Write, c: &crate::framing::Comparison) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(PASSAGE_COLUMNS)?;
    for row in passage_rows(c) {
        out.write_record(row.map(inert))?;
    }
    out.flush()
}

/// `compare --format ndjson`: one JSON object per passage.
pub fn print_comparison_ndjson(
    w: &mut dyn Write,
    c: &crate::framing::Comparison,
) -> io::Result<()> {
    for col in &c.outlets {
        for p in &col.passages {
            let line = serde_json::json!({
                "outlet": col.outlet, "outlet_name": col.outlet_name, "article": p.article,
                "source": p.source, "sentence": p.sentence, "shared_with": p.shared_with,
                "text": p.text,
            });
            serde_json::to_writer(&mut *w, &line)?;
            writeln!(w)?;
        }
    }
    Ok(())
}

/// `compare --format markdown`: a heading per outlet, its passages as a list, each said
/// to be told only there or by which others too.
pub fn print_comparison_markdown(
    w: &mut dyn Write,
    c: &crate::framing::Comparison,
) -> io::Result<()> {
    writeln!(w, "# {}", md(&c.label))?;
    for col in &c.outlets {
        writeln!(w, "\n## {}\n", md(&col.outlet_name))?;
        for p in &col.passages {
            let who = if p.shared_with.is_empty() {
                "only here".to_string()
            } else {
                format!("also {}", md(&p.shared_with.join(", ")))
            };
            writeln!(w, "- {} ({who})", md(&p.text))?;
        }
    }
    if !c.missing.is_empty() {
        writeln!(w, "\nNot covered by: {}", md(&c.missing.join(", ")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Snippet};

    fn results(title: &str, url: Option<&str>, snippet: &str) -> SearchResults {
        SearchResults {
            query: "q".into(),
            total: 1,
            hits: vec![Hit {
                rank: 1,
                score: 1.0,
                article: Article {
                    id: "abc".into(),
                    title: title.into(),
                    outlet: "tass".into(),
                    outlet_name: "TASS".into(),
                    date: Some("2021-04-27".into()),
                    url: url.map(String::from),
                    ..Default::default()
                },
                snippet: Snippet {
                    text: snippet.into(),
                    ..Default::default()
                },
            }],
            elapsed: Default::default(),
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_stay_text() {
        let r = results("=HYPERLINK(\"http://x\")", None, "a, \"quoted\"\npassage");
        let mut out = Vec::new();
        print_hits_csv(&mut out, &r).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let row = rows.records().next().unwrap().unwrap();
        assert_eq!(&row[5], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&row[8], "a, \"quoted\" passage");
    }

    #[test]
    fn markdown_escapes_titles_and_links_only_the_web() {
        let r = results(
            "A [link](javascript:x)",
            Some("javascript:alert(1)"),
            "*bold*",
        );
        let mut out = Vec::new();
        print_hits_markdown(&mut out, &r).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "- **TASS**, 2021-04-27: A \\[link\\]\\(javascript:x\\)\n  > \\*bold\\*\n"
        );
        let r = results("Moon", Some("https://tass.com/a"), "x");
        let mut out = Vec::new();
        print_hits_markdown(&mut out, &r).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("[Moon](<https://tass.com/a>)")
        );
    }
}
