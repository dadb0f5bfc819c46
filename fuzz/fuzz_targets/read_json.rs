//! JSON (one object or an array) and JSON Lines files as ingest reads them: the same
//! bytes are read both ways, every item is checked, and every article is prepared and
//! checked like `read_text`'s.
#![no_main]

use digest::ingest::read::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    digest_fuzz::ingest(data, Format::Json);
    digest_fuzz::ingest(data, Format::JsonLines);
});
