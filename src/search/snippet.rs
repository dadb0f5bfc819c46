//! Snippets from sentence offsets, not from re-reading the article.
//!
//! The index already knows where each query term occurs in a matched body (token
//! positions in its postings), and every stored article knows the first token position
//! of each sentence. So the best passage — the sentence holding the most distinct query
//! terms, earliest on a tie — is found without tokenising the body again; only the
//! chosen passage, a couple of hundred bytes, is analysed to place the highlights.

use std::collections::HashSet;

use crate::model::{Article, Snippet};
use crate::text::Analyzer;

/// Aim for passages about this long (bytes); longer ones are cut around the first match.
pub const SNIPPET_TARGET: usize = 160;
/// Hard limit on passage length (bytes, before the ellipses).
pub const SNIPPET_MAX: usize = 280;

/// Builds the snippet for `article` given, per query phrase (by index into `phrases`),
/// the token positions where it starts in the body.
pub fn build(
    article: &Article,
    term_positions: &[(usize, Vec<u32>)],
    phrases: &[Vec<String>],
) -> Snippet {
    let sentences = &article.sentences;
    if sentences.is_empty() {
        return highlight(cut(&article.body, 0), phrases);
    }
    // Score each sentence: distinct terms first, then occurrences.
    let mut best: Option<(usize, usize, usize)> = None; // (distinct, count, sentence)
    let mut hits_per_sentence: std::collections::HashMap<usize, (HashSet<usize>, usize)> =
        Default::default();
    for (term, positions) in term_positions {
        for &p in positions {
            let si = sentences
                .partition_point(|s| s.token <= p)
                .saturating_sub(1);
            let e = hits_per_sentence.entry(si).or_default();
            e.0.insert(*term);
            e.1 += 1;
        }
    }
    for (&si, (distinct, count)) in &hits_per_sentence {
        let cand = (distinct.len(), *count, si);
        best = match best {
            Some(b)
                if (b.0, b.1) > (cand.0, cand.1)
                    || ((b.0, b.1) == (cand.0, cand.1) && b.2 < cand.2) =>
            {
                Some(b)
            }
            _ => Some(cand),
        };
    }
    let first = best.map_or(0, |b| b.2);
    // Extend with following sentences of the same paragraph while short.
    let start = sentences[first].start as usize;
    let mut end = sentences[first].end as usize;
    for s in &sentences[first + 1..] {
        if end - start >= SNIPPET_TARGET || article.body[end..s.start as usize].contains('\n') {
            break;
        }
        if s.end as usize - start > SNIPPET_MAX {
            break;
        }
        end = s.end as usize;
    }
    let passage = &article.body[start..end];
    let focus = matches(passage, phrases).first().map_or(0, |r| r.start);
    highlight(cut(passage, focus), phrases)
}

/// Byte ranges of every occurrence of a whole phrase in `text`, in order, merged where
/// they overlap or only spaces separate them ("Lunar Research Station" is one range).
pub fn matches(text: &str, phrases: &[Vec<String>]) -> Vec<std::ops::Range<usize>> {
    let tokens = Analyzer.tokens(text);
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        for p in phrases {
            if p.is_empty() || p[0] != t.term || i + p.len() > tokens.len() {
                continue;
            }
            if p.iter().zip(&tokens[i..]).all(|(a, b)| *a == b.term) {
                found.push(t.span.start..tokens[i + p.len() - 1].span.end);
            }
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in found {
        match merged.last_mut() {
            Some(last)
                if r.start <= last.end || text[last.end..r.start].chars().all(|c| c == ' ') =>
            {
                last.end = last.end.max(r.end)
            }
            _ => merged.push(r),
        }
    }
    merged
}

/// At most `SNIPPET_MAX` bytes of `text` around byte `focus`, cut at spaces, with `…`
/// where text was left out.
fn cut(text: &str, focus: usize) -> String {
    let text = text.trim();
    if text.len() <= SNIPPET_MAX {
        return text.to_string();
    }
    let mut start = focus
        .saturating_sub(SNIPPET_MAX / 3)
        .min(text.len() - SNIPPET_MAX);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        start = text[start..].find(' ').map_or(start, |i| start + i + 1);
    }
    let mut end = (start + SNIPPET_MAX).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        end = text[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[start..end].trim());
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Marks every occurrence of a query phrase in `text`.
pub fn highlight(text: String, phrases: &[Vec<String>]) -> Snippet {
    let highlights = matches(&text, phrases);
    Snippet { text, highlights }
}
