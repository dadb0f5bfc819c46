//! Folding: which characters are apostrophes and dashes, and how a word is lower-cased.
//!
//! Articles spell one word several ways (`China’s`, `China's`, `CHINAʼS`). The analyzer
//! folds them on its way to index terms; the framing signals (tone, voices, distinctive
//! terms) compare words as written and fold them here, with the same rules, so a curly
//! apostrophe means the same thing to every part of digest.

use std::borrow::Cow;

/// Whether `c` is written as an apostrophe: `'` and its typographic stand-ins (curly
/// quotes, the modifier letter `ʼ`, the prime, the full-width apostrophe, the grave and
/// acute accents typed for one).
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '`' | '\u{00B4}'
    )
}

/// Whether `c` is an en or em dash: punctuation that sets off a clause, unlike a hyphen,
/// which joins the parts of a word.
pub fn is_dash(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}')
}

/// `s` with every apostrophe variant written as `'` (borrowed when it already is).
pub fn fold_apostrophes(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\'' && is_apostrophe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .collect(),
    )
}

/// `s` in lower case (borrowed when it already is).
pub fn fold_case(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.to_lowercase().ne(std::iter::once(c))) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().flat_map(char::to_lowercase).collect())
}

/// A word as framing compares it: lower case, apostrophes folded to `'` (borrowed when
/// it already is).
pub fn fold_word(s: &str) -> Cow<'_, str> {
    // Plain lower-case ASCII letters, most words of an English article: nothing to do.
    if s.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(s);
    }
    match fold_apostrophes(s) {
        Cow::Borrowed(s) => fold_case(s),
        Cow::Owned(folded) => match fold_case(&folded) {
            Cow::Borrowed(_) => Cow::Owned(folded),
            Cow::Owned(lower) => Cow::Owned(lower),
        },
    }
}

/// `s` without a possessive `'s` (any apostrophe variant) at its end.
pub fn strip_possessive(s: &str) -> &str {
    if let Some(rest) = s.strip_suffix('s')
        && let Some(a) = rest.chars().next_back()
        && is_apostrophe(a)
    {
        return &rest[..rest.len() - a.len_utf8()];
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophe_variants_fold_to_one() {
        for s in [
            "china’s",
            "china‘s",
            "chinaʼs",
            "china′s",
            "china＇s",
            "china`s",
        ] {
            assert_eq!(fold_apostrophes(s), "china's", "{s}");
        }
        assert!(matches!(fold_apostrophes("china's"), Cow::Borrowed(_)));
    }

    #[test]
    fn words_fold_case_and_apostrophes_together() {
        assert_eq!(fold_word("ISN’T"), "isn't");
        assert_eq!(fold_word("Océan"), "océan");
        assert!(matches!(fold_word("moon"), Cow::Borrowed(_)));
        assert!(matches!(fold_word("don't"), Cow::Borrowed(_)));
        assert!(matches!(fold_case("42"), Cow::Borrowed(_)));
    }

    #[test]
    fn possessives_go_with_any_apostrophe() {
        assert_eq!(strip_possessive("Russia’s"), "Russia");
        assert_eq!(strip_possessive("Russia's"), "Russia");
        assert_eq!(strip_possessive("Ross"), "Ross");
        assert_eq!(strip_possessive("’s"), "");
    }

    #[test]
    fn dashes_are_en_and_em_only() {
        assert!(is_dash('–') && is_dash('—'));
        assert!(!is_dash('-'));
    }
}
