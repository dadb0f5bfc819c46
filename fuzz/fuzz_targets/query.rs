//! The query language: parsing any string returns Ok or Err (no panic, no stack
//! overflow); a parsed tree has no degenerate groups; planning it (no index needed, with
//! the bundled entities) gives non-empty highlight phrases (`digest_fuzz::check_query`,
//! the property tests' check); and highlighting those phrases in the query text gives
//! well-formed ranges.
#![no_main]

use digest::search::snippet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    if let Some(plan) = digest_fuzz::check_query(&q) {
        let s = snippet::highlight(q.to_string(), &plan.phrases);
        digest_fuzz::assert_ranges_slice(&s.text, &s.highlights, "highlight");
    }
});
