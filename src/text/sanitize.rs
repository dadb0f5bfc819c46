//! Article text is untrusted: the sanitiser makes it safe to put on a terminal.
//!
//! It removes terminal escape sequences whole (CSI, OSC — titles, clipboard writes, links —,
//! DCS/APC/PM/SOS strings and two-byte escapes, in both their 7-bit `ESC` and 8-bit C1
//! forms), every other C0/C1 control character, bidirectional overrides and isolates, and
//! invisible zero-width characters. Tabs become spaces. Newlines are kept by
//! [`sanitize`] and turned into spaces by [`sanitize_inline`].

use std::borrow::Cow;

/// Whether `c` is dropped outright: controls (but `\n`/`\t`), bidi controls, zero-width
/// characters and the BOM.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{061c}'
        | '\u{feff}' | '\u{180e}' | '\u{fff9}'..='\u{fffb}')
}

fn needs_work(s: &str, inline: bool) -> bool {
    s.chars().any(|c| {
        is_unsafe(c) || c == '\t' || c == '\u{2028}' || c == '\u{2029}' || (inline && c == '\n')
    })
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
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // Two-byte escapes (ESC 7, ESC c, ESC ( B …): drop the intermediates and final.
                Some(c2) if ('\u{20}'..='\u{2f}').contains(&c2) => {
                    while let Some(&n) = chars.peek() {
                        chars.next();
                        if !('\u{20}'..='\u{2f}').contains(&n) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
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

/// Skips the parameters, intermediates and final byte of a control sequence.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Malformed sequence: stop here; the character itself is dropped.
            return;
        }
    }
}

/// Skips an OSC/DCS/APC/PM/SOS string up to BEL, ST (`ESC \` or U+009C) or a line end.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' => return,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Chang’e 4 — 嫦娥四号 🚀"),
            Cow::Borrowed(_)
        ));
    }
}
