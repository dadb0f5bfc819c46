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
//! those classes around each terminator it finds with `memchr`; other lines go through
//! unicode-segmentation. Property tests check that both give the same boundaries.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that are always followed by more of the same sentence (`v.` as in
/// `Dobbs v. Jackson`).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "rev",
    "st", "no", "vs", "v", "jr", "sr", "mt", "ft", "sept", "pres", "supt", "adm", "cmdr",
];

/// The Unicode CLDR's English sentence-break suppressions (`data/sentence_suppressions.txt`):
/// no sentence ends after `U.S.`, `Ph.D.` or `Dept.`, as written.
fn suppressed(token: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            include_str!("../../data/sentence_suppressions.txt")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(str::trim)
                .collect()
        });
    SET.contains(token)
}

/// Words that open a sentence far more often than they continue a name: after `U.S.`
/// they start a new sentence (`…left the U.S. The war ended.`).
const OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
    "Those", "But", "And", "Yet", "So", "In", "On", "At", "As", "If", "When", "While", "After",
    "Before", "There", "Its", "His", "Her", "Their", "Our", "Some", "Many", "Most",
];

/// Abbreviations that continue a sentence when a digit or lower-case word follows.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "e.u", "a.m", "p.m", "inc", "corp", "co", "ltd", "approx", "est", "fig", "e.g", "i.e",
    "etc",
];

/// Splits `body` into sentence byte ranges, trimmed of surrounding white space.
pub fn split_sentences(body: &str) -> Vec<Range<usize>> {
    // About one sentence per 150 bytes of news text.
    let mut out: Vec<Range<usize>> = Vec::with_capacity(body.len() / 128 + 1);
    let mut joinable = false;
    sentence_pieces(body, |start, piece| {
        let trimmed_start = start + (piece.len() - piece.trim_start().len());
        let trimmed_end = start + piece.trim_end().len();
        if trimmed_start >= trimmed_end {
            joinable = false;
            return;
        }
        let text = &body[trimmed_start..trimmed_end];
        let continues = joinable && {
            let first = text.chars().next().unwrap_or(' ');
            first.is_ascii_digit()
                || first.is_lowercase()
                || last_was_title(body, &out)
                || (last_suppressed(body, &out) && !opens_sentence(text))
        };
        if continues && let Some(last) = out.last_mut() {
            last.end = trimmed_end;
        } else {
            out.push(trimmed_start..trimmed_end);
        }
        // A line break ends the sentence for good.
        joinable = !piece.ends_with(['\n', '\r']) && ends_with_abbreviation(text);
    });
    out
}

/// Calls `f` with the UAX #29 sentence pieces of `text` and their offsets, as
/// `split_sentence_bound_indices` gives them.
fn sentence_pieces<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    let mut start = 0;
    while start < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        if !known_line(line, |from, to| f(start + from, &line[from..to])) {
            for (at, piece) in line.split_sentence_bound_indices() {
                f(start + at, piece);
            }
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
///
/// Only a terminator (`.`, `!`, `?`: the only ones [`class`] knows) or a line break can
/// end a sentence, so the line is not classified character by character: the stops are
/// found with `memchr`, and the rules look at the characters around each one.
fn known_line(line: &str, f: impl FnMut(usize, usize)) -> bool {
    if !line.is_ascii() && line.chars().any(|c| !c.is_ascii() && class(c).is_none()) {
        return false;
    }
    segment(&mut Line::new(line), f);
    true
}

/// A line whose characters [`class`] all knows, read by byte offset.
struct Line<'a> {
    bytes: &'a [u8],
    /// The first carriage return or line feed at or after the last stop looked for.
    line_break: Option<usize>,
}

impl<'a> Line<'a> {
    fn new(line: &'a str) -> Self {
        let bytes = line.as_bytes();
        Line {
            bytes,
            line_break: memchr::memchr2(b'\r', b'\n', bytes),
        }
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The class and byte length of the character at byte offset `at`.
    fn at(&self, at: usize) -> (Class, usize) {
        let b = self.bytes[at];
        if b.is_ascii() {
            return (ASCII_CLASSES[usize::from(b)], 1);
        }
        let len = match b {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        // The line is a `&str` and `at` a character boundary.
        let c = std::str::from_utf8(&self.bytes[at..at + len])
            .ok()
            .and_then(|s| s.chars().next());
        (c.and_then(class).unwrap_or(Class::Other), len)
    }

    /// The byte offset of the character before the one at `at` (`at > 0`).
    fn before(&self, at: usize) -> usize {
        let mut i = at - 1;
        while i > 0 && self.bytes[i] & 0xc0 == 0x80 {
            i -= 1;
        }
        i
    }

    /// The first terminator or line break at or after byte offset `from`.
    fn next_stop(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        let term = memchr::memchr3(b'.', b'!', b'?', rest).map(|i| from + i);
        if self.line_break.is_some_and(|b| b < from) {
            self.line_break = memchr::memchr2(b'\r', b'\n', rest).map(|i| from + i);
        }
        match (term, self.line_break) {
            (Some(t), Some(b)) => Some(t.min(b)),
            (t, b) => t.or(b),
        }
    }
}

/// The UAX #29 sentence rules over `line`, calling `f` with each piece's byte range.
fn segment(line: &mut Line, mut f: impl FnMut(usize, usize)) {
    use Class::*;
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
    if line.len() == 0 {
        return;
    }
    let (first, first_len) = line.at(0);
    let mut after_term = next(first, None);
    let mut piece_start = 0;
    // The byte offsets of the previous character and the current one.
    let (mut prev, mut at) = (0, first_len);
    while at < line.len() {
        if after_term.is_none() && !matches!(line.at(prev).0, Cr | Lf) {
            // Only a terminator's context or a line break can end a sentence: skip to the
            // next terminator or line break, before which nothing breaks. Each is one byte.
            let Some(stop) = line.next_stop(at) else {
                break;
            };
            after_term = next(line.at(stop).0, None);
            (prev, at) = (stop, stop + 1);
            continue;
        }
        let (c, len) = line.at(at);
        if breaks_before(line, prev, at, after_term) {
            f(piece_start, at);
            piece_start = at;
        }
        after_term = next(c, after_term);
        (prev, at) = (at, at + len);
    }
    if piece_start < line.len() {
        f(piece_start, line.len());
    }
}

/// Whether UAX #29 puts a sentence boundary before the character at byte offset `at`,
/// whose previous character is at `prev`, given the SATerm Close* Sp* context before it
/// (see [`segment`]).
fn breaks_before(line: &Line, prev: usize, at: usize, after_term: Option<(bool, bool)>) -> bool {
    use Class::*;
    let para = |k: Class| matches!(k, Cr | Lf);
    let saterm = |k: Class| matches!(k, ATerm | STerm);
    let c = line.at(at).0;
    let p = line.at(prev).0;
    let pp = (prev > 0).then(|| line.at(line.before(prev)).0);
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
        if !aterm {
            return false;
        }
        let mut i = at;
        while i < line.len() {
            let (k, len) = line.at(i);
            if matches!(k, Upper | Lower) || para(k) || saterm(k) {
                return k == Lower;
            }
            i += len;
        }
        false
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
        || suppressed(last_token(text))
}

fn last_was_title(body: &str, out: &[Range<usize>]) -> bool {
    out.last().is_some_and(|r| {
        let word = last_word(&body[r.clone()]);
        // An initial (`George W. Bush`), checked before lower-casing.
        (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
            || TITLES.contains(&word.to_lowercase().as_str())
    })
}

/// The last token of a text with its dots (`U.S.`), without an opening quote or bracket.
fn last_token(text: &str) -> &str {
    let start = text
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}' | '['))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

fn last_suppressed(body: &str, out: &[Range<usize>]) -> bool {
    out.last()
        .is_some_and(|r| suppressed(last_token(&body[r.clone()])))
}

/// Whether a piece starts with a word that opens sentences ([`OPENERS`]).
fn opens_sentence(text: &str) -> bool {
    let word: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    OPENERS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    /// Issue 19: no sentence ends at an initial, a `v.` or an abbreviation of the CLDR
    /// list; one still ends after `U.S.` when the next word opens a sentence.
    #[test]
    fn initials_v_and_cldr_abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("It began under President George W. Bush in 2003. Then it grew."),
            vec![
                "It began under President George W. Bush in 2003.",
                "Then it grew."
            ]
        );
        assert_eq!(
            sentences("He worked for President Donald J. Trump. He left in 2019."),
            vec![
                "He worked for President Donald J. Trump.",
                "He left in 2019."
            ]
        );
        assert_eq!(
            sentences(
                "The court overturned Roe in Dobbs v. Jackson Women's Health Organization. Protests followed."
            ),
            vec![
                "The court overturned Roe in Dobbs v. Jackson Women's Health Organization.",
                "Protests followed."
            ]
        );
        assert_eq!(
            sentences("Officials said that the U.S. Embassy would close. Staff left."),
            vec![
                "Officials said that the U.S. Embassy would close.",
                "Staff left."
            ]
        );
        assert_eq!(
            sentences("She holds a Ph.D. from Yale. She teaches."),
            vec!["She holds a Ph.D. from Yale.", "She teaches."]
        );
        assert_eq!(
            sentences("Troops left the U.S. The war ended."),
            vec!["Troops left the U.S.", "The war ended."]
        );
        assert_eq!(
            sentences("The vote was close. Senators left."),
            vec!["The vote was close.", "Senators left."]
        );
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
        sentence_pieces(s, |at, piece| out.push((at, piece)));
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

        /// ASCII lines, which are read byte by byte, split as unicode-segmentation
        /// splits them too.
        #[test]
        fn the_ascii_path_agrees_with_uax29(
            s in "([aZ. !?\"'(),;:\n\r1\t-]|Mr|U\\.S|\\. |\\.\" |\\.\\) a|!\\? )*"
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
