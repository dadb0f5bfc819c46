//! Article text is untrusted: the sanitiser makes it safe to put on a terminal.
//!
//! It removes terminal escape sequences whole (CSI, OSC — titles, clipboard writes, links —,
//! DCS/APC/PM/SOS strings and two-byte escapes, in both their 7-bit `ESC` and 8-bit C1
//! forms), every other C0/C1 control character, bidirectional overrides and isolates, and
//! invisible characters: zero-width spaces, word joiners, the BOM, soft hyphens and
//! deprecated format characters. A zero-width joiner or non-joiner is kept only between
//! two non-ASCII characters, where emoji sequences (👩‍🚀) and scripts such as Devanagari
//! and Persian need it; inside Latin words it only hides them from search. Tabs become
//! spaces. Newlines are kept by [`sanitize`] and turned into spaces by
//! [`sanitize_inline`].
//!
//! An 8-bit string introducer (U+0090, U+0098, U+009D–U+009F) swallows text only up to a
//! terminator on the same line; without one it is dropped alone. Mis-decoded text is full
//! of such characters (`”` read as Latin-1 and re-encoded ends in U+009D), and the words
//! after them must survive.

use std::borrow::Cow;

/// Whether `c` is dropped outright: controls (but `\n`/`\t`), bidi controls, zero-width
/// and other invisible format characters, and the BOM.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{ad}'
        | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{061c}'
        | '\u{feff}' | '\u{180e}' | '\u{fff9}'..='\u{fffb}')
}

/// Zero-width non-joiner and joiner: kept only between two non-ASCII characters.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// Whether a joiner next to `c` may join something: a visible non-ASCII character.
fn joinable(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !is_unsafe(c) && !is_joiner(c))
}

fn needs_work(s: &str, inline: bool) -> bool {
    // Byte by byte: every character that needs work is an ASCII control or starts with
    // one of a few UTF-8 lead bytes; only those characters are decoded.
    let bytes = s.as_bytes();
    // Runs of printable ASCII (most of any text) are passed over 16 bytes at a time.
    let plain = |chunk: &[u8]| {
        chunk
            .iter()
            .fold(true, |ok, &b| ok & (0x20..0x7f).contains(&b))
    };
    let byte_needs_work = |i: usize| match bytes[i] {
        b'\n' => inline,
        0..0x20 | 0x7f => true,
        0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef => s[i..]
            .chars()
            .next()
            .is_some_and(|c| char_needs_work(c, inline)),
        _ => false,
    };
    // A chunk that is not all printable ASCII is looked at byte by byte, once.
    bytes
        .chunks(16)
        .enumerate()
        .any(|(k, chunk)| !plain(chunk) && (k * 16..k * 16 + chunk.len()).any(byte_needs_work))
}

fn char_needs_work(c: char, inline: bool) -> bool {
    is_unsafe(c)
        || is_joiner(c)
        || c == '\t'
        || c == '\u{2028}'
        || c == '\u{2029}'
        || (inline && c == '\n')
}

/// Removes escape sequences and unsafe characters; keeps line breaks.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Like [`sanitize`], and also folds line breaks into single spaces (for one-line fields
/// such as titles).
pub fn sanitize_inline(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

fn clean(s: &str, inline: bool) -> Cow<'_, str> {
    if !needs_work(s, inline) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                // Escapes with intermediates (ESC ( B, ESC # 8): drop them and the final.
                Some('\u{20}'..='\u{2f}') => {
                    while chars
                        .next_if(|n| ('\u{20}'..='\u{2f}').contains(n))
                        .is_some()
                    {}
                    chars.next_if(|n| ('\u{30}'..='\u{7e}').contains(n));
                }
                // Two-byte escapes (ESC 7, ESC c, ESC M): drop the final byte too.
                Some('\u{30}'..='\u{7e}') => {
                    chars.next();
                }
                // A lone ESC (before a line break, a control, a letter beyond ASCII): only
                // the ESC goes; what follows is handled on its own.
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                if terminated_on_this_line(&chars) {
                    skip_string(&mut chars);
                }
            }
            c if is_joiner(c) => {
                if joinable(out.chars().next_back()) && joinable(chars.peek().copied()) {
                    out.push(c);
                }
            }
            '\t' => out.push(' '),
            '\n' | '\u{2028}' | '\u{2029}' if inline => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Skips the parameters, intermediates and final byte of a control sequence. A malformed
/// one ends at the first character that cannot belong to it, which is kept.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// Whether a string opened just before `chars` ends with BEL or ST before the line does.
fn terminated_on_this_line(chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let mut ahead = chars.clone();
    while let Some(c) = ahead.next() {
        match c {
            '\u{7}' | '\u{9c}' => return true,
            '\u{1b}' => return ahead.peek() == Some(&'\\'),
            '\n' | '\u{2028}' | '\u{2029}' => return false,
            _ => {}
        }
    }
    false
}

/// Skips an OSC/DCS/APC/PM/SOS string up to BEL or ST (`ESC \\` or U+009C), which go
/// too, or up to a line end or another escape, which stay to be handled on their own.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            '\n' | '\u{2028}' | '\u{2029}' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The byte scan finds work exactly where a character does.
        #[test]
        fn the_byte_scan_agrees_with_the_characters(
            // Visible text around at most one character from the ranges that hold every
            // character needing work, so that each one decides the answer alone. Runs of
            // 16 printable ASCII bytes put it inside and beside the chunks skipped whole.
            s in "([aé’—\u{10000}]|[ -~]{16}){0,4}[\u{0}-\u{1f}\u{7f}-\u{a0}\u{ad}\u{61c}\u{180e}\u{2000}-\u{2070}\u{feff}\u{fff0}-\u{fffd}]?([aé’—]|[ -~]{16}){0,4}",
            inline: bool,
        ) {
            let by_chars = s.chars().any(|c| char_needs_work(c, inline));
            proptest::prop_assert_eq!(needs_work(&s, inline), by_chars);
        }
    }

    #[test]
    fn removes_escape_sequences_whole() {
        assert_eq!(sanitize("a\u{1b}[2J\u{1b}[1;1Hb"), "ab");
        assert_eq!(sanitize("x\u{1b}]52;c;ZXZpbA==\u{7}y"), "xy");
        assert_eq!(
            sanitize("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(sanitize("t\u{1b}]0;title\u{1b}\\u"), "tu");
        assert_eq!(sanitize("c\u{9b}31mred"), "cred");
    }

    #[test]
    fn removes_controls_bidi_and_zero_width() {
        assert_eq!(
            sanitize("a\u{0}b\u{7}c\u{85}d\u{202e}e\u{200b}f\u{feff}"),
            "abcdef"
        );
        assert_eq!(sanitize("line\nnext\tcol"), "line\nnext col");
        assert_eq!(sanitize_inline("line\nnext"), "line next");
    }

    #[test]
    fn joiners_stay_only_between_non_ascii_characters() {
        // Inside Latin words a joiner only hides the word from search.
        assert_eq!(sanitize("wal\u{200d}rus in\u{200c}ter"), "walrus inter");
        assert_eq!(sanitize("\u{200d}start end\u{200d}"), "start end");
        // Emoji sequences and scripts that need them keep them.
        assert_eq!(sanitize("👩\u{200d}🚀"), "👩\u{200d}🚀");
        assert_eq!(sanitize("क्\u{200d}ष"), "क्\u{200d}ष");
        assert_eq!(sanitize("می\u{200c}خواهم"), "می\u{200c}خواهم");
        // A joiner next to a removed character has nothing to join.
        assert_eq!(sanitize("é\u{200d}\u{202e}é"), "éé");
    }

    #[test]
    fn soft_hyphens_and_deprecated_format_characters_go() {
        assert_eq!(sanitize("inter\u{ad}national"), "international");
        assert_eq!(sanitize("a\u{206a}b\u{206f}c"), "abc");
    }

    #[test]
    fn mis_decoded_quotes_do_not_swallow_the_line() {
        // “yes,” encoded as UTF-8, read as Latin-1, encoded again.
        let mojibake = "He said \u{e2}\u{80}\u{9c}yes,\u{e2}\u{80}\u{9d} and left the harbour.";
        assert_eq!(
            sanitize(mojibake),
            "He said \u{e2}yes,\u{e2} and left the harbour."
        );
        // A terminated 8-bit string is still removed whole.
        assert_eq!(sanitize("a\u{9d}0;title\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{90}dcs\u{1b}\\b"), "ab");
    }

    #[test]
    fn line_breaks_after_broken_escapes_survive() {
        assert_eq!(sanitize("one\u{1b}\ntwo"), "one\ntwo");
        assert_eq!(sanitize("one\u{1b}[\ntwo"), "one\ntwo");
        assert_eq!(sanitize("one\u{1b}]0;unterminated\ntwo"), "one\ntwo");
        assert_eq!(sanitize("one\u{1b}(\ntwo"), "one\ntwo");
        // An escape inside a string ends it and is removed on its own.
        assert_eq!(sanitize("a\u{1b}]0;t\u{1b}[31mb"), "ab");
        assert_eq!(sanitize("a\u{1b}(Bb\u{1b}7c\u{1b}Md"), "abcd");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Chang’e 4 — 嫦娥四号 🚀"),
            Cow::Borrowed(_)
        ));
    }
}
