//! Styled text measured in terminal cells: highlighting, word wrapping and truncation.
//!
//! Everything here works on grapheme clusters and their display width (unicode-width),
//! never on byte or `char` counts, so CJK, emoji and combining marks lay out as the
//! terminal draws them. Every string that enters a [`Run`] from an article has already
//! been through [`crate::text::sanitize`] or [`crate::text::sanitize_inline`].

use std::collections::HashSet;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::Analyzer;

/// A piece of text with one style; `mark` numbers query-word matches (for `n`/`N`).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text (already sanitised).
    pub text: String,
    /// How to draw it.
    pub style: Style,
    /// The match number, when this run is a highlighted query word.
    pub mark: Option<u32>,
}

impl Run {
    /// A run without a match number.
    pub fn new(text: impl Into<String>, style: Style) -> Run {
        Run {
            text: text.into(),
            style,
            mark: None,
        }
    }
}

/// One screen line made of runs.
pub type RunLine = Vec<Run>;

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Display width of one grapheme cluster, as ratatui's buffer measures it.
fn grapheme_width(g: &str) -> usize {
    UnicodeWidthStr::width(g)
}

/// Display width of a line of runs.
pub fn line_width(line: &[Run]) -> usize {
    line.iter().map(|r| width(&r.text)).sum()
}

/// Splits `text` into runs: the byte ranges in `highlights` (sorted, on char boundaries)
/// get `hl`, the rest `base`. Each highlighted range gets the next match number when
/// `counter` is given.
pub fn highlight(
    text: &str,
    highlights: &[Range<usize>],
    base: Style,
    hl: Style,
    mut counter: Option<&mut u32>,
) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = 0;
    for h in highlights {
        if h.start < at {
            continue;
        }
        let (Some(before), Some(word)) = (text.get(at..h.start), text.get(h.start..h.end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Run::new(before, base));
        }
        let mark = counter.as_deref_mut().map(|c| {
            let m = *c;
            *c += 1;
            m
        });
        out.push(Run {
            text: word.to_string(),
            style: base.patch(hl),
            mark,
        });
        at = h.end;
    }
    if let Some(rest) = text.get(at..)
        && !rest.is_empty()
    {
        out.push(Run::new(rest, base));
    }
    out
}

/// Byte ranges of the words in `text` whose analysed term is one of `terms`.
pub fn term_ranges(text: &str, terms: &HashSet<String>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if terms.is_empty() {
        return out;
    }
    Analyzer.for_each(text, |term, _, span| {
        if terms.contains(term) {
            out.push(span);
        }
    });
    out
}

/// The analysed terms to highlight for a query: its positive words as the query
/// language reads them ([`crate::search::highlight_terms`]: operators, negated words and
/// `outlet:` filters left out) plus the words the search engine highlighted in
/// `snippet_words` (which catches entity expansions such as ILRS → lunar station).
pub fn query_terms<'a>(
    query: &str,
    snippet_words: impl IntoIterator<Item = &'a str>,
) -> HashSet<String> {
    let mut out: HashSet<String> = crate::search::highlight_terms(query).into_iter().collect();
    for w in snippet_words {
        out.extend(Analyzer.terms(w));
    }
    out
}

/// One grapheme with its width and the run it belongs to.
struct Cell<'a> {
    g: &'a str,
    w: usize,
    run: usize,
    space: bool,
}

/// Word-wraps runs into lines at most `max` cells wide. Spaces at a break are dropped;
/// a word longer than a line is broken between graphemes. Stops after `limit` lines.
pub fn wrap(runs: &[Run], max: usize, limit: usize) -> Vec<RunLine> {
    let max = max.max(1);
    let cells: Vec<Cell<'_>> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.text.graphemes(true).map(move |g| Cell {
                g,
                w: grapheme_width(g),
                run: i,
                space: g.chars().all(char::is_whitespace),
            })
        })
        .collect();
    let mut lines = Vec::new();
    let n = cells.len();
    let mut start = 0;
    while start < n && lines.len() < limit {
        let mut used = 0;
        let mut i = start;
        let mut last_space = None;
        while i < n && used + cells[i].w <= max {
            if cells[i].space {
                last_space = Some(i);
            }
            used += cells[i].w;
            i += 1;
        }
        let end = if i == n {
            n
        } else if cells[i].space {
            i
        } else if let Some(s) = last_space.filter(|&s| s > start) {
            s
        } else if i == start {
            // A single grapheme wider than the line: give it a line of its own.
            start + 1
        } else {
            i
        };
        let mut end_trim = end;
        while end_trim > start && cells[end_trim - 1].space {
            end_trim -= 1;
        }
        lines.push(collect_line(runs, &cells[start..end_trim]));
        start = end;
        while start < n && cells[start].space {
            start += 1;
        }
    }
    if lines.is_empty() && limit > 0 {
        lines.push(Vec::new());
    }
    lines
}

fn collect_line(runs: &[Run], cells: &[Cell<'_>]) -> RunLine {
    let mut out: RunLine = Vec::new();
    let mut current: Option<usize> = None;
    for c in cells {
        if current != Some(c.run) {
            let r = &runs[c.run];
            out.push(Run {
                text: String::new(),
                style: r.style,
                mark: r.mark,
            });
            current = Some(c.run);
        }
        if let Some(last) = out.last_mut() {
            last.text.push_str(c.g);
        }
    }
    out
}

/// Cuts a line to at most `max` cells, ending it with `…` when anything was cut.
pub fn truncate(line: RunLine, max: usize) -> RunLine {
    if line_width(&line) <= max {
        return line;
    }
    if max == 0 {
        return Vec::new();
    }
    let budget = max - 1;
    let mut used = 0;
    let mut out: RunLine = Vec::new();
    let mut last_style = Style::default();
    'runs: for r in line {
        let mut text = String::new();
        last_style = r.style;
        for g in r.text.graphemes(true) {
            let w = grapheme_width(g);
            if used + w > budget {
                if !text.is_empty() {
                    out.push(Run {
                        text,
                        style: r.style,
                        mark: r.mark,
                    });
                }
                break 'runs;
            }
            used += w;
            text.push_str(g);
        }
        if !text.is_empty() {
            out.push(Run {
                text,
                style: r.style,
                mark: r.mark,
            });
        }
    }
    // Drop trailing spaces before the ellipsis.
    if let Some(last) = out.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
    }
    // The ellipsis keeps the colour but not the highlight of what it follows.
    let ellipsis = Style {
        fg: last_style.fg,
        bg: last_style.bg,
        ..Style::default()
    };
    out.push(Run::new("…", ellipsis));
    out
}

/// Pads a line with spaces to exactly `max` cells (after truncating it to fit).
pub fn fit(line: RunLine, max: usize, pad: Style) -> RunLine {
    let mut line = truncate(line, max);
    let w = line_width(&line);
    if w < max {
        line.push(Run::new(" ".repeat(max - w), pad));
    }
    line
}

/// Converts runs to a ratatui line; the run numbered `current` gets `current_style`.
pub fn to_line(runs: &[Run], current: Option<u32>, current_style: Style) -> Line<'static> {
    Line::from(
        runs.iter()
            .map(|r| {
                let style = if r.mark.is_some() && r.mark == current {
                    r.style.patch(current_style)
                } else {
                    r.style
                };
                Span::styled(r.text.clone(), style)
            })
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<Run> {
        vec![Run::new(s, Style::default())]
    }

    fn texts(lines: &[RunLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_on_spaces_and_breaks_long_words() {
        let l = wrap(&plain("the quick brown fox"), 10, usize::MAX);
        assert_eq!(texts(&l), ["the quick", "brown fox"]);
        let l = wrap(&plain("abcdefghijkl"), 5, usize::MAX);
        assert_eq!(texts(&l), ["abcde", "fghij", "kl"]);
    }

    #[test]
    fn wide_and_combining_characters_are_measured() {
        assert_eq!(width("嫦娥四号"), 8);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("🚀"), 2);
        let l = wrap(&plain("嫦娥四号嫦娥"), 5, usize::MAX);
        assert_eq!(texts(&l), ["嫦娥", "四号", "嫦娥"]);
        for line in &l {
            assert!(line_width(line) <= 5);
        }
        // A wide character never fits a one-cell line, but wrapping still ends.
        let l = wrap(&plain("嫦娥"), 1, usize::MAX);
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn truncates_by_display_width() {
        let t = truncate(plain("嫦娥四号 lander"), 6);
        let s: String = t.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(s, "嫦娥…");
        assert!(line_width(&t) <= 6);
        let t = truncate(plain("short"), 10);
        assert_eq!(line_width(&t), 5);
    }

    #[test]
    fn highlights_number_matches() {
        let mut n = 0;
        let runs = highlight(
            "moon and moon",
            &[0..4, 9..13],
            Style::default(),
            Style::default(),
            Some(&mut n),
        );
        assert_eq!(n, 2);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[2].mark, Some(1));
    }

    #[test]
    fn query_terms_skip_operators_and_negations() {
        let t = query_terms("moon OR lunar -artemis NOT nasa outlet:tass title:base", []);
        let want: HashSet<String> = ["moon", "lunar", "base"]
            .iter()
            .flat_map(|w| Analyzer.terms(w))
            .collect();
        assert_eq!(t, want);
    }
}
