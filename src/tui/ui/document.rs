//! An article laid out as screen lines, for the reader and the preview.
//!
//! Laying out is pure: the same article, query words, theme and width always give the
//! same lines. The reader lays out once when it opens (and again on resize) and keeps
//! the lines, so `n`/`N` know on which line each match is.

use std::collections::HashSet;
use std::ops::Range;

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
    /// The lines holding the passage asked for with [`layout_at`], if any.
    pub focus: Option<Range<usize>>,
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
    /// Byte range in the sanitised body whose lines go in [`Doc::focus`].
    focus: Option<Range<usize>>,
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

    /// One line of the body starting at byte `at` of the (sanitised) body, with query
    /// words highlighted, word-wrapped; notes the screen lines of the focus passage.
    fn body_line(&mut self, line: &str, at: usize) {
        let ranges = rich::term_ranges(line, self.terms);
        let runs = rich::highlight(
            line,
            &ranges,
            self.theme.text(),
            self.theme.highlight(),
            Some(&mut self.counter),
        );
        let mut pos = 0;
        for (i, l) in rich::wrap(&runs, self.width, self.limit)
            .into_iter()
            .enumerate()
        {
            if self.full() {
                return;
            }
            // Wrapping drops the spaces at each break.
            if i > 0 {
                // Wrapped runs can differ from the line in length (a lone combining mark
                // is drawn differently), so keep the position on a char boundary.
                let mut p = pos.min(line.len());
                while !line.is_char_boundary(p) {
                    p -= 1;
                }
                pos = p;
                let rest = &line[p..];
                pos += rest.len() - rest.trim_start().len();
            }
            let len: usize = l.iter().map(|r| r.text.len()).sum();
            let (start, end) = (at + pos, at + pos + len.max(1));
            pos += len;
            if let Some(f) = &self.focus
                && start < f.end
                && end > f.start
            {
                let n = self.doc.lines.len();
                let r = self.doc.focus.get_or_insert(n..n);
                r.end = n + 1;
            }
            self.push(l);
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
                // Where the line starts in the body (it is a slice of it).
                let at = line.as_ptr() as usize - body.as_ptr() as usize;
                self.body_line(line.trim_end(), at);
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
    layout_at(a, terms, theme, width, mode, limit, None)
}

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Like [`layout`], and notes in [`Doc::focus`] the lines that show `focus`, a byte
/// range of the article's body (a passage of a comparison).
pub fn layout_at(
    a: &Article,
    terms: &HashSet<String>,
    theme: &Theme,
    width: usize,
    mode: Mode,
    limit: usize,
    focus: Option<Range<usize>>,
) -> Doc {
    // The body is sanitised before it is laid out: move the range along.
    let focus = focus.map(|r| {
        let start = floor_boundary(&a.body, r.start);
        let end = floor_boundary(&a.body, r.end.max(r.start));
        sanitize(&a.body[..start]).len()..sanitize(&a.body[..end]).len()
    });
    let mut b = Builder {
        theme,
        terms,
        width: width.max(1),
        limit,
        counter: 0,
        focus,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(doc: &Doc, lines: Range<usize>) -> String {
        doc.lines[lines]
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn focus_finds_the_passage_lines_after_wrapping_and_sanitising() {
        // Escape sequences before the passage shift its offset in the sanitised body.
        let body = "Intro \u{1b}[31mred\u{1b}[0m words here.\n\nSecond paragraph starts. \
                    The target sentence is long enough to wrap over lines. Tail.";
        let start = body.find("The target").unwrap();
        let end = body.find(" Tail").unwrap();
        let a = Article {
            title: "T".into(),
            body: body.into(),
            ..Default::default()
        };
        let terms = HashSet::new();
        let theme = Theme::mono();
        let doc = layout_at(
            &a,
            &terms,
            &theme,
            20,
            Mode::Preview,
            usize::MAX,
            Some(start..end),
        );
        let lines = doc.focus.clone().expect("found");
        let shown = text(&doc, lines.clone());
        assert!(shown.contains("The target"), "{shown}");
        assert!(shown.ends_with("lines. Tail."), "{shown}");
        assert!(!text(&doc, 0..lines.start).contains("target"));
        assert!(!text(&doc, lines.end..doc.lines.len()).contains("lines."));
        // Without a focus, the same lines.
        let plain = layout(&a, &terms, &theme, 20, Mode::Preview, usize::MAX);
        assert_eq!(plain.lines, doc.lines);
        assert_eq!(plain.focus, None);
    }
}
