//! An article laid out as screen lines, for the reader and the preview.
//!
//! Laying out is pure: the same article, query words, theme and width always give the
//! same lines. The reader lays out once when it opens (and again on resize) and keeps
//! the lines, so `n`/`N` know on which line each match is.

use std::collections::HashSet;

use ratatui::style::Style;

use super::rich::{self, Run, RunLine};
use super::theme::Theme;
use crate::model::Article;
use crate::text::{sanitize, sanitize_inline};

/// An article as lines of styled text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// The lines, top to bottom.
    pub lines: Vec<RunLine>,
    /// For each match number, the line it is on.
    pub matches: Vec<usize>,
}

/// Whether to lay out the whole article (reader) or a compact preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everything: metadata, provenance, body, captions.
    Full,
    /// Title, one metadata line, body.
    Preview,
}

struct Builder<'a> {
    theme: &'a Theme,
    terms: &'a HashSet<String>,
    width: usize,
    limit: usize,
    counter: u32,
    doc: Doc,
}

impl Builder<'_> {
    fn full(&self) -> bool {
        self.doc.lines.len() >= self.limit
    }

    fn push(&mut self, line: RunLine) {
        if self.full() {
            return;
        }
        let at = self.doc.lines.len();
        for r in &line {
            if let Some(m) = r.mark {
                let m = m as usize;
                if self.doc.matches.len() <= m {
                    self.doc.matches.resize(m + 1, at);
                    self.doc.matches[m] = at;
                }
            }
        }
        self.doc.lines.push(line);
    }

    fn blank(&mut self) {
        self.push(Vec::new());
    }

    /// Text (already sanitised) with query words highlighted, word-wrapped; the first
    /// line starts with `first`, the others with `indent` spaces.
    fn text(&mut self, first: Vec<Run>, text: &str, base: Style, indent: usize) {
        let ranges = rich::term_ranges(text, self.terms);
        let label_len = first.len();
        let mut runs = first;
        runs.extend(rich::highlight(
            text,
            &ranges,
            base,
            self.theme.highlight(),
            Some(&mut self.counter),
        ));
        if indent == 0 || indent >= self.width {
            for l in rich::wrap(&runs, self.width, self.limit) {
                self.push(l);
            }
            return;
        }
        // A label exactly as wide as the indent (`date      `, `• `): the value wraps in
        // its own column beside it.
        if !runs.is_empty() && rich::line_width(&first_runs(&runs, label_len)) == indent {
            let value = split_runs(&runs, label_bytes(&runs, label_len));
            let label = first_runs(&runs, label_len);
            for (i, l) in rich::wrap(&value, self.width - indent, self.limit)
                .into_iter()
                .enumerate()
            {
                let mut line = if i == 0 {
                    label.clone()
                } else {
                    vec![Run::new(" ".repeat(indent), Style::default())]
                };
                line.extend(l);
                self.push(line);
            }
            return;
        }
        // Otherwise hang the continuation lines: wrap the rest at the narrower width.
        let head_w = self.width;
        let lines = rich::wrap(&runs, head_w, 1);
        let used: usize = lines
            .first()
            .map(|l| l.iter().map(|r| r.text.len()).sum())
            .unwrap_or(0);
        if let Some(l) = lines.into_iter().next() {
            self.push(l);
        }
        // What did not fit on the first line (the first line is a prefix of the runs).
        let total: usize = runs.iter().map(|r| r.text.len()).sum();
        if used >= total {
            return;
        }
        let rest = trim_start(split_runs(&runs, used));
        for l in rich::wrap(&rest, self.width - indent, self.limit) {
            let mut line = vec![Run::new(" ".repeat(indent), Style::default())];
            line.extend(l);
            self.push(line);
        }
    }

    fn field(&mut self, label: &str, value: &str, style: Style) {
        let first = vec![Run::new(format!("{label:<9} "), self.theme.dim())];
        let value = sanitize_inline(value);
        self.text(first, &value, style, 10);
    }

    fn body(&mut self, body: &str) {
        let body = sanitize(body);
        let mut first = true;
        for para in body.split("\n\n") {
            let para = para.trim_matches('\n');
            if para.trim().is_empty() {
                continue;
            }
            if !first {
                self.blank();
            }
            first = false;
            for line in para.split('\n') {
                self.text(Vec::new(), line.trim_end(), self.theme.text(), 0);
            }
            if self.full() {
                return;
            }
        }
    }
}

/// The first `n` runs.
fn first_runs(runs: &[Run], n: usize) -> Vec<Run> {
    runs[..n.min(runs.len())].to_vec()
}

/// Bytes in the first `n` runs.
fn label_bytes(runs: &[Run], n: usize) -> usize {
    runs[..n.min(runs.len())].iter().map(|r| r.text.len()).sum()
}

/// Byte offset `at` into the concatenated runs: the runs from there on.
fn split_runs(runs: &[Run], mut at: usize) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        if at >= r.text.len() {
            at -= r.text.len();
            continue;
        }
        let mut r = r.clone();
        if at > 0 {
            r.text = r.text[at..].to_string();
            at = 0;
        }
        out.push(r);
    }
    out
}

fn trim_start(mut runs: Vec<Run>) -> Vec<Run> {
    while let Some(first) = runs.first_mut() {
        let t = first.text.trim_start();
        if t.is_empty() {
            runs.remove(0);
        } else {
            first.text = t.to_string();
            break;
        }
    }
    runs
}

/// Lays out `a` at `width` cells, highlighting words whose analysed term is in `terms`,
/// stopping after `limit` lines.
pub fn layout(
    a: &Article,
    terms: &HashSet<String>,
    theme: &Theme,
    width: usize,
    mode: Mode,
    limit: usize,
) -> Doc {
    let mut b = Builder {
        theme,
        terms,
        width: width.max(1),
        limit,
        counter: 0,
        doc: Doc::default(),
    };
    let title = sanitize_inline(&a.title);
    let title = if title.trim().is_empty() {
        "(untitled)".into()
    } else {
        title
    };
    b.text(Vec::new(), &title, theme.title(), 0);
    let outlet = sanitize_inline(&a.outlet_name).into_owned();
    let date = a.date.as_deref().map(sanitize_inline);
    match mode {
        Mode::Preview => {
            let mut meta = vec![Run::new(outlet, theme.outlet(&a.outlet))];
            meta.push(Run::new(
                format!("  {}", date.as_deref().unwrap_or("undated")),
                theme.dim(),
            ));
            if let Some(v) = &a.via {
                meta.push(Run::new(
                    format!("  via {}", sanitize_inline(v)),
                    theme.dim(),
                ));
            }
            for l in rich::wrap(&meta, b.width, 2) {
                b.push(l);
            }
            b.blank();
            b.body(&a.body);
        }
        Mode::Full => {
            b.blank();
            b.field("outlet", &outlet, theme.outlet(&a.outlet));
            b.field("date", date.as_deref().unwrap_or("unknown"), theme.text());
            if let Some(v) = &a.via {
                b.field("via", v, theme.text());
            }
            if let Some(u) = &a.url {
                b.field("url", u, theme.text());
            }
            if !a.authors.is_empty() {
                b.field("authors", &a.authors.join(", "), theme.text());
            }
            if let Some(l) = &a.language {
                b.field("language", l, theme.text());
            }
            b.field("source", a.source(), theme.text());
            for o in a.origins.iter() {
                let item = o.item.map(|i| format!(" (item {i})")).unwrap_or_default();
                b.field("file", &format!("{}{item}", o.path), theme.dim());
            }
            b.field("id", &a.id, theme.dim());
            b.blank();
            b.body(&a.body);
            if !a.captions.is_empty() {
                b.blank();
                b.push(vec![Run::new("Captions", theme.heading())]);
                for c in &a.captions {
                    let c = sanitize_inline(c);
                    b.text(vec![Run::new("• ", theme.dim())], &c, theme.dim(), 2);
                }
            }
            if !a.provenance.is_empty() {
                b.blank();
                b.push(vec![Run::new(
                    "How the metadata was established",
                    theme.heading(),
                )]);
                for (k, v) in &a.provenance {
                    let v = sanitize_inline(v);
                    let k = sanitize_inline(k);
                    b.text(
                        vec![Run::new(format!("{k}: "), theme.dim())],
                        &v,
                        theme.text(),
                        2,
                    );
                }
            }
        }
    }
    b.doc
}
