//! The analyzer: UAX #29 words, normalised and stemmed.
//!
//! Steps, in order, for each word boundary segment that holds a letter or digit:
//! NFKC, lower case, diacritics removed (`Océan` → `ocean`), apostrophe variants folded to
//! `'`, English possessives dropped (`China’s` → `china`), dots removed from
//! abbreviations (`U.S.` → `us`), digit group commas removed, then English Snowball
//! stemming (`launching` → `launch`). Hyphens and dashes of every kind separate words,
//! so `Chang'e-4`, `Chang’e 4` and `chang'e 4` all become `chang'e` `4`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// One analysed word: its term, its position in the token stream and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The normalised, stemmed term as stored in the index.
    pub term: String,
    /// Position in the token stream (0-based, consecutive).
    pub position: u32,
    /// Byte range of the original word in the analysed text.
    pub span: Range<usize>,
}

/// Largest number of distinct words whose stems are remembered per thread.
const STEM_CACHE_LIMIT: usize = 200_000;

thread_local! {
    static STEM_CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The digest analyzer. Cheap to clone; holds no per-text state.
#[derive(Clone, Copy, Debug, Default)]
pub struct Analyzer;

impl Analyzer {
    /// Calls `f` for every token of `text`, in order.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(&str, u32, Range<usize>)) {
        let mut position = 0u32;
        let mut word = String::new();
        for (start, segment) in text.split_word_bound_indices() {
            if !segment.chars().any(char::is_alphanumeric) {
                continue;
            }
            normalize_word(segment, &mut word);
            if word.is_empty() {
                continue;
            }
            stem_into(&mut word);
            f(&word, position, start..start + segment.len());
            position += 1;
        }
    }

    /// All tokens of `text`.
    pub fn tokens(&self, text: &str) -> Vec<AnalyzedToken> {
        let mut out = Vec::new();
        self.for_each(text, |term, position, span| {
            out.push(AnalyzedToken {
                term: term.to_string(),
                position,
                span,
            })
        });
        out
    }

    /// Only the terms of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each(text, |term, _, _| out.push(term.to_string()));
        out
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '`' | '\u{00B4}'
    )
}

/// Normalises one word segment (no stemming) into `out`. `out` is empty when nothing is
/// left (a lone apostrophe, for instance).
pub fn normalize_word(segment: &str, out: &mut String) {
    out.clear();
    if segment.is_ascii() {
        out.extend(segment.chars().map(|c| {
            if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        }));
    } else {
        for c in segment.nfkc().flat_map(char::to_lowercase).nfd() {
            if is_combining_mark(c) {
                continue;
            }
            out.push(if is_apostrophe(c) { '\'' } else { c });
        }
    }
    // Possessives: "china's" → "china", "countries'" → "countries".
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    }
    while out.ends_with('\'') {
        out.pop();
    }
    while out.starts_with('\'') {
        out.remove(0);
    }
    let has_digit = out.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        // "1,000" → "1000"; "3.5" keeps its point.
        if out.contains(',') {
            out.retain(|c| c != ',');
        }
    } else if out.contains('.') {
        // "u.s" → "us"
        out.retain(|c| c != '.');
    }
}

fn stem_into(word: &mut String) {
    // Stemming only makes sense for alphabetic English-looking words.
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        return;
    }
    STEM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = stemmer().stem(word).into_owned();
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(std::mem::take(word), stem.clone());
        *word = stem;
    });
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        Analyzer.terms(s)
    }

    #[test]
    fn apostrophe_and_dash_variants_agree() {
        let a = terms("Chang’e 4");
        assert_eq!(a, terms("Chang'e-4"));
        assert_eq!(a, terms("chang'e 4"));
        assert_eq!(a, terms("CHANG‘E–4"));
        assert_eq!(a.len(), 2);
        assert_ne!(
            a[0],
            terms("change")[0],
            "Chang'e must not collapse into 'change'"
        );
    }

    #[test]
    fn diacritics_case_and_nfkc() {
        assert_eq!(terms("Océan"), terms("ocean"));
        assert_eq!(terms("ＯＣＥＡＮ"), terms("ocean"));
    }

    #[test]
    fn possessives_and_stemming() {
        assert_eq!(terms("China’s"), terms("china"));
        assert_eq!(terms("countries’"), terms("countries"));
        assert_eq!(terms("launching"), terms("launched"));
        assert_eq!(terms("U.S.-led"), vec!["us".to_string(), "led".to_string()]);
        assert_eq!(terms("U.S."), terms("US"));
    }

    #[test]
    fn positions_and_spans_are_consecutive_and_exact() {
        let text = "On March 9, Russia’s Roscosmos — and CNSA.";
        let toks = Analyzer.tokens(text);
        for (i, t) in toks.iter().enumerate() {
            assert_eq!(t.position as usize, i);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
        assert_eq!(&text[toks[3].span.clone()], "Russia’s");
    }
}
