//! Sentences by UAX #29, with the usual abbreviation splits mended.
//!
//! Unicode sentence boundaries break after `Oct.` in `Oct. 4, 2018` and after `Mr.` in
//! `Mr. Wang`; news text is full of both. A boundary is removed when the sentence before
//! it ends in a known abbreviation and the next one starts the way a continuation does
//! (a digit or a lower-case letter, or anything at all after a title such as `Dr.`).
//! Sentences never cross a line break: paragraphs end sentences.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that are always followed by more of the same sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "rev",
    "st", "no", "vs", "jr", "sr", "mt", "ft", "sept",
];

/// Abbreviations that continue a sentence when a digit or lower-case word follows.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "e.u", "a.m", "p.m", "inc", "corp", "co", "ltd", "approx", "est", "fig", "e.g", "i.e",
    "etc",
];

/// Splits `body` into sentence byte ranges, trimmed of surrounding white space.
pub fn split_sentences(body: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut joinable = false;
    for (start, piece) in body.split_sentence_bound_indices() {
        let trimmed_start = start + (piece.len() - piece.trim_start().len());
        let trimmed_end = start + piece.trim_end().len();
        if trimmed_start >= trimmed_end {
            joinable = false;
            continue;
        }
        let text = &body[trimmed_start..trimmed_end];
        let continues = joinable && {
            let first = text.chars().next().unwrap_or(' ');
            first.is_ascii_digit() || first.is_lowercase() || last_was_title(body, &out)
        };
        if continues && let Some(last) = out.last_mut() {
            last.end = trimmed_end;
        } else {
            out.push(trimmed_start..trimmed_end);
        }
        // A line break ends the sentence for good.
        joinable = !piece.ends_with(['\n', '\r']) && ends_with_abbreviation(text);
    }
    out
}

fn last_word(text: &str) -> &str {
    let t = text.trim_end_matches('.');
    // After the last separator, which may be several bytes long (a no-break space).
    let start = t
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |(i, c)| i + c.len_utf8());
    &t[start..]
}

fn ends_with_abbreviation(text: &str) -> bool {
    if !text.ends_with('.') {
        return false;
    }
    let word = last_word(text).to_lowercase();
    // A single initial ("J. Smith") also continues.
    (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || TITLES.contains(&word.as_str())
        || ABBREVIATIONS.contains(&word.as_str())
}

fn last_was_title(body: &str, out: &[Range<usize>]) -> bool {
    out.last().is_some_and(|r| {
        let word = last_word(&body[r.clone()]).to_lowercase();
        TITLES.contains(&word.as_str())
            || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn mends_abbreviation_splits() {
        assert_eq!(
            sentences("It detached on Oct. 4, 2018. Then it left."),
            vec!["It detached on Oct. 4, 2018.", "Then it left."]
        );
        assert_eq!(
            sentences("The U.S.-led program grew. Russia withdrew."),
            vec!["The U.S.-led program grew.", "Russia withdrew."]
        );
        assert_eq!(
            sentences("Published Feb. 18 in Beijing. Mr. Wang spoke."),
            vec!["Published Feb. 18 in Beijing.", "Mr. Wang spoke."]
        );
    }

    #[test]
    fn paragraphs_end_sentences() {
        assert_eq!(
            sentences("A headline\n\nThe body starts. Ends"),
            vec!["A headline", "The body starts.", "Ends"]
        );
    }

    #[test]
    fn ranges_slice_the_body() {
        let s = "  Chang’e 4 landed.  嫦娥四号着陆。 Then?  ";
        for r in split_sentences(s) {
            assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        }
    }
}
