//! The sanitiser on any text: no control character (C0 but `\n` for `sanitize`, none
//! for `sanitize_inline`), no DEL, C1, ESC, bidi control or line separator in the
//! output; idempotent; and, without escape introducers, no visible character lost
//! (`digest_fuzz::check_sanitize`, the property tests' check).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    digest_fuzz::check_sanitize(&String::from_utf8_lossy(data));
});
