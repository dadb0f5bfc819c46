//! The sanitiser on any text: no control character (C0 but `\n` for `sanitize`, none
//! for `sanitize_inline`), no DEL, C1, ESC, bidi control or line separator in the
//! output; idempotent; and, without escape introducers, no visible character lost.
#![no_main]

use digest::text::{sanitize, sanitize_inline};
use libfuzzer_sys::fuzz_target;

fn visible(t: &str) -> String {
    t.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_format(c))
        .collect()
}

/// Invisible format characters the sanitiser may drop.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let block = sanitize(&s);
    let line = sanitize_inline(&s);
    digest_fuzz::assert_terminal_safe(&block, false, "sanitize");
    digest_fuzz::assert_terminal_safe(&line, true, "sanitize_inline");
    assert_eq!(sanitize(&block), block, "sanitize is not idempotent");
    assert_eq!(
        sanitize_inline(&line),
        line,
        "sanitize_inline is not idempotent"
    );
    assert_eq!(
        sanitize_inline(&block),
        line,
        "inline of block differs from inline"
    );
    if !s.contains([
        '\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}',
    ]) {
        assert_eq!(
            visible(&block),
            visible(&s),
            "sanitize removed visible text"
        );
        assert_eq!(
            visible(&line),
            visible(&s),
            "sanitize_inline removed visible text"
        );
    }
});
