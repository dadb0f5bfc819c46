//! Sentences by UAX #29, with the usual abbreviation splits mended.
//!
//! Unicode sentence boundaries break after `Oct.` in `Oct. 4, 2018` and after `Mr.` in
//! `Mr. Wang`; news text is full of both. A boundary is removed when the sentence before
//! it ends in a known abbreviation and the next one starts the way a continuation does
//! (a digit or a lower-case letter, or anything at all after a title such as `Dr.`).
//! Sentences never cross a line break: paragraphs end sentences.
//!
//! UAX #29 always breaks after a line break and its rules never look back across one, so
//! each line is segmented on its own. A line made only of characters whose sentence-break
//! class is known here (ASCII, Latin-1 letters, curly quotes, dashes: nearly all of an
//! English article) goes through [`known_line`], which applies the UAX #29 rules to
//! those classes; other lines go through unicode-segmentation. A property test checks
//! that both give the same boundaries.

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
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    sentence_pieces(body, &mut pieces);
    for (start, piece) in pieces {
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

/// The UAX #29 sentence pieces of `text`, as `split_sentence_bound_indices` gives them.
fn sentence_pieces<'a>(text: &'a str, out: &mut Vec<(usize, &'a str)>) {
    let mut classes = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        if !known_line(line, &mut classes, |from, to| {
            out.push((start + from, &line[from..to]))
        }) {
            out.extend(
                line.split_sentence_bound_indices()
                    .map(|(at, piece)| (start + at, piece)),
            );
        }
        start = end;
    }
}

/// Sentence-break classes of UAX #29 (without Extend and Format, which no character known
/// here has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// Classes of the ASCII characters, looked up for speed.
const ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = match class_of(i as u8 as char) {
            Some(k) => k,
            None => Class::Other,
        };
        i += 1;
    }
    table
};

/// The class of `c`, for the characters news text is mostly made of; `None` for the rest.
fn class(c: char) -> Option<Class> {
    if c.is_ascii() {
        Some(ASCII_CLASSES[c as usize])
    } else {
        class_of(c)
    }
}

const fn class_of(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        '\r' => Cr,
        '\n' => Lf,
        '\t' | '\u{b}' | '\u{c}' | ' ' | '\u{a0}' => Sp,
        'a'..='z' | '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' => Lower,
        'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => Upper,
        '0'..='9' => Numeric,
        '.' => ATerm,
        '!' | '?' => STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{ab}' | '\u{bb}' | '\u{2018}'
        | '\u{2019}' | '\u{201c}' | '\u{201d}' => Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => SContinue,
        '\u{0}'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}' => Other,
        '#' | '$' | '%' | '&' | '*' | '+' | '/' | '<' | '=' | '>' | '@' | '\\' | '^' | '_'
        | '`' | '|' | '~' | '\u{a3}' | '\u{b0}' | '\u{d7}' | '\u{f7}' | '\u{2022}' | '\u{2026}'
        | '\u{20ac}' => Other,
        _ => return None,
    })
}

/// Applies the UAX #29 sentence rules to `line` and calls `f` with each piece's byte
/// range; `false` (and no call) when the line holds a character [`class`] does not know.
fn known_line(
    line: &str,
    classes: &mut Vec<(usize, Class)>,
    mut f: impl FnMut(usize, usize),
) -> bool {
    use Class::*;
    classes.clear();
    if line.is_ascii() {
        classes.extend(
            line.bytes()
                .enumerate()
                .map(|(i, b)| (i, ASCII_CLASSES[b as usize])),
        );
    } else {
        for (i, c) in line.char_indices() {
            match class(c) {
                Some(k) => classes.push((i, k)),
                None => return false,
            }
        }
    }
    // The context before the current character: `Some((aterm, spaces))` after
    // SATerm Close* Sp*, where `aterm` says the terminator was ATerm and `spaces` whether
    // Sp* is non-empty.
    let next = |c: Class, after_term: Option<(bool, bool)>| match (c, after_term) {
        (ATerm, _) => Some((true, false)),
        (STerm, _) => Some((false, false)),
        (Close, Some((a, false))) => Some((a, false)),
        (Sp, Some((a, _))) => Some((a, true)),
        _ => None,
    };
    let Some(&(_, first)) = classes.first() else {
        return true;
    };
    let mut after_term = next(first, None);
    let mut piece_start = 0;
    let mut k = 1;
    while k < classes.len() {
        if after_term.is_none() && !matches!(classes[k - 1].1, Cr | Lf) {
            // Only a terminator's context or a line break can end a sentence: skip to the
            // next terminator or line break, before which nothing breaks.
            let Some(skip) = classes[k..]
                .iter()
                .position(|&(_, c)| matches!(c, ATerm | STerm | Cr | Lf))
            else {
                break;
            };
            k += skip;
            after_term = next(classes[k].1, None);
            k += 1;
            continue;
        }
        let (at, c) = classes[k];
        if breaks_before(classes, k, after_term) {
            f(piece_start, at);
            piece_start = at;
        }
        after_term = next(c, after_term);
        k += 1;
    }
    if piece_start < line.len() {
        f(piece_start, line.len());
    }
    true
}

/// Whether UAX #29 puts a sentence boundary before `classes[k]` (`k > 0`), given the
/// SATerm Close* Sp* context before it (see [`known_line`]).
fn breaks_before(classes: &[(usize, Class)], k: usize, after_term: Option<(bool, bool)>) -> bool {
    use Class::*;
    let para = |k: Class| matches!(k, Cr | Lf);
    let saterm = |k: Class| matches!(k, ATerm | STerm);
    let c = classes[k].1;
    let p = classes[k - 1].1;
    let pp = k.checked_sub(2).map(|i| classes[i].1);
    if p == Cr && c == Lf {
        return false; // SB3
    }
    if para(p) {
        return true; // SB4
    }
    let sb6 = p == ATerm && c == Numeric;
    let sb7 = p == ATerm && c == Upper && matches!(pp, Some(Upper | Lower));
    if sb6 || sb7 {
        return false;
    }
    let Some((aterm, spaces)) = after_term else {
        return false; // SB998
    };
    let sb8 = || {
        aterm
            && classes[k..]
                .iter()
                .map(|&(_, k)| k)
                .find(|&k| matches!(k, Upper | Lower) || para(k) || saterm(k))
                == Some(Lower)
    };
    let sb8a = saterm(c) || c == SContinue;
    let sb9 = !spaces && (c == Close || c == Sp || para(c));
    let sb10 = c == Sp || para(c);
    // SB11 breaks unless one of the rules before it holds.
    !(sb8a || sb9 || sb10 || sb8())
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

    fn uax29(s: &str) -> Vec<(usize, &str)> {
        s.split_sentence_bound_indices().collect()
    }

    fn ours(s: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        sentence_pieces(s, &mut out);
        out
    }

    /// Every character `class` knows really has that class: a line made of it and its
    /// neighbours in every rule's position splits as unicode-segmentation splits it.
    #[test]
    fn known_classes_agree_with_uax29() {
        let known: Vec<char> = (0..0x3000u32)
            .filter_map(char::from_u32)
            .filter(|&c| class(c).is_some())
            .collect();
        for &c in &known {
            for context in [
                "Ab. {c}x. Y",
                "ab.{c} Y. z",
                "He said. {c} b",
                "Hi!{c}{c} The",
                "U.S.{c}1 a",
                "x.{c}a",
                "end.{c}\nNext",
                "A {c}. B",
            ] {
                let s = context.replace("{c}", &c.to_string());
                assert_eq!(ours(&s), uax29(&s), "{c:?} in {s:?}");
            }
        }
    }

    #[test]
    fn the_fast_path_agrees_with_uax29_on_the_bundled_articles() {
        for (name, bytes) in crate::bundled::ARTICLES {
            let s = String::from_utf8_lossy(bytes);
            assert_eq!(ours(&s), uax29(&s), "{name}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Lines of characters the fast path knows (and now and then one it does not)
        /// split exactly as unicode-segmentation splits them.
        #[test]
        fn the_fast_path_agrees_with_uax29(
            s in "([aZé. !?\"'()’”“\u{a0},;:—–\n\r1…]|Mr|U\\.S|\\. |\\.\" |[\u{85}\u{2028}ǅ\u{ad}])*"
        ) {
            proptest::prop_assert_eq!(ours(&s), uax29(&s));
        }
    }

    #[test]
    fn ranges_slice_the_body() {
        let s = "  Chang’e 4 landed.  嫦娥四号着陆。 Then?  ";
        for r in split_sentences(s) {
            assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        }
    }
}
