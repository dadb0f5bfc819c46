//! Regenerates `data/background.tsv`, the document frequencies event detection smooths
//! its IDF with (see `digest::framing::events`), from an index of a large news corpus.
//! It is not run by `cargo test`; regenerate the table when the analyzer or the
//! features change:
//!
//! ```text
//! mkdir -p target/bench-corpus && for p in ../shared/corpora/allsides-article-bias/jsons.part*.tar.gz; do tar -xzf "$p" -C target/bench-corpus; done
//! digest --index target/idx37k ingest --no-bundled target/bench-corpus/jsons
//! DIGEST_BACKGROUND_INDEX=target/idx37k cargo test --release background_table -- --ignored
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;

use digest::framing::corpus::for_each_batch;
use digest::framing::features::FeatureSet;
use digest::index::DigestIndex;

/// Keys in fewer articles than this are left out: in a corpus of tens of thousands of
/// articles they are as rare as a key the table does not hold.
const MIN_DF: u32 = 3;

#[test]
#[ignore = "reads a large corpus index; run by hand to regenerate data/background.tsv"]
fn background_table() {
    let path = std::env::var("DIGEST_BACKGROUND_INDEX")
        .expect("DIGEST_BACKGROUND_INDEX: the index of a large news corpus");
    let index = DigestIndex::open(std::path::Path::new(&path)).unwrap();
    let mut features = FeatureSet::keeping_common_keys();
    for_each_batch(&index, 4096, |batch| {
        for a in &batch {
            features.add(a, index.registries().entities.as_ref());
        }
        Ok(())
    })
    .unwrap();
    let mut df: BTreeMap<&str, u32> = BTreeMap::new();
    for f in &features.docs {
        for t in &f.terms {
            let k = features.keys[t.0 as usize].as_str();
            // Dates and registry entities are particular to a corpus and a registry.
            if !k.starts_with("d:") && !k.starts_with("e:") {
                *df.entry(k).or_default() += 1;
            }
        }
    }
    let mut out = format!(
        "# digest background document frequencies: key, articles holding it in their \
         headline or lead, of {} articles of US news 2012-2020 (AllSides article-bias \
         corpus); keys in fewer than {MIN_DF} left out\n{}\n",
        features.len(),
        features.len()
    );
    for (k, n) in df.into_iter().filter(|(_, n)| *n >= MIN_DF) {
        if !k.contains(['\t', '\n']) {
            writeln!(out, "{k}\t{n}").unwrap();
        }
    }
    let target = concat!(env!("CARGO_MANIFEST_DIR"), "/data/background.tsv");
    std::fs::write(target, out).unwrap();
}
