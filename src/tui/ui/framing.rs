//! Laying out the framing views' text: outlet badges, passages with their highlighted
//! words, and each outlet column of the comparison as lines ([`ColumnDoc`]).
//!
//! Every string from the corpus — titles, passages, names, forms, voices, terms, outlet
//! names and ids — goes through [`sanitize_inline`] on its way to a [`Run`]; passage
//! highlights are byte ranges into the raw text, so the text is split at them first and
//! each part sanitised after.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::style::Style;

use super::rich::{self, Run, RunLine};
use super::theme::Theme;
use crate::framing::{OutletColumn, Passage};
use crate::output::format::{also, lag, tone_label};
use crate::text::sanitize_inline;

/// Sanitised text as an owned string.
pub fn clean(s: &str) -> String {
    sanitize_inline(s).into_owned()
}

/// An outlet badge: a swatch and the name in the outlet's colour.
pub fn badge(t: &Theme, id: &str, name: &str) -> Vec<Run> {
    vec![
        Run::new("■ ", t.swatch(id)),
        Run::new(clean(name), t.outlet(id)),
    ]
}

/// The display name of an outlet id, from the index's outlet list.
/// `runs` word-wrapped at `width` after a `prefix` on the first line; the other lines
/// are indented by the prefix's width.
pub fn hang(prefix: Vec<Run>, runs: &[Run], width: usize) -> Vec<RunLine> {
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
pub fn passage_runs(p: &Passage, t: &Theme) -> Vec<Run> {
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

/// A signed score: `+0.12`, `−0.40`, `0.00`.
pub fn signed(v: f64, digits: usize) -> String {
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
pub const TONE_WORDS: usize = 12;

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
    // Coverage day by day from the story's first report, when it spans days.
    if col.timeline.per_day.len() > 1 {
        lines.push(rich::truncate(
            vec![
                Run::new(col.timeline.chart(), t.accent()),
                Run::new(
                    format!(
                        "  from {}",
                        clean(col.timeline.from.as_deref().unwrap_or(""))
                    ),
                    t.dim(),
                ),
            ],
            w,
        ));
    }
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
            let runs = [Run::new(
                also(p.shared_with.iter().map(|id| name(id))),
                t.dim(),
            )];
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
    let word = tone_label(tone.score);
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
