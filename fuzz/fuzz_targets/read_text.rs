//! Plain-text files (with or without `Key: value` headers) as ingest reads them: decoded
//! from arbitrary bytes, read, cleaned and prepared. Asserts what
//! `digest_fuzz::assert_article` lists, not only "no panic".
#![no_main]

use digest::ingest::read::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    digest_fuzz::ingest(data, Format::Text);
    // `read_text` on any string, also where `decode` would refuse the bytes.
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(raw) = read::read_text(text)
    {
        digest_fuzz::assert_raw(&raw);
    }
});
