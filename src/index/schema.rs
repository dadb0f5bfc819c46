//! The schema: the one place index fields are named.
//!
//! Two kinds of document live in the index. An *article* document holds the searchable
//! title and body (pre-tokenised by the digest analyzer), filter fields (outlet, date,
//! entities) and the whole cleaned [`Article`](crate::model::Article): its body as stored
//! bytes, the rest as stored JSON. An
//! origin is one file (and item) an article's text came from, with the file's hash: a
//! new article document records the origin it was first found in itself, and an *origin*
//! document records each further one. Re-ingesting an unchanged file is a term lookup,
//! and identical text from two paths is one article document and one origin document.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Name of the digest analyzer as registered with tantivy.
pub const ANALYZER: &str = "digest";

/// Version of the schema and of the analyzer; stored with every commit.
pub const SCHEMA_VERSION: &str = "digest-index-9";

/// The first character of every stored body. No JSON text starts with it, and no cleaned
/// body holds it (cleaning removes control characters), so `reindex`, which recognises
/// digest's own stored records by their content, never takes an article's text (which may
/// well begin `{"id":`) for one of them.
pub const BODY_MARK: char = '\u{2}';

/// `kind` values.
pub const KIND_ARTICLE: &str = "article";
/// `kind` value of origin documents.
pub const KIND_ORIGIN: &str = "origin";

/// Handles to every field.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// `article` or `origin`.
    pub kind: Field,
    /// Article id (on both kinds).
    pub id: Field,
    /// Title text (articles).
    pub title: Field,
    /// Body text (articles).
    pub body: Field,
    /// Photo captions and credits (articles), searchable at a lower weight.
    pub captions: Field,
    /// Outlet id (articles), fast for counting.
    pub outlet: Field,
    /// Outlet display name (articles), fast for `digest outlets`.
    pub outlet_name: Field,
    /// Date as `YYYYMMDD`, 0 when unknown (articles).
    pub date: Field,
    /// Last day the date covers as `YYYYMMDD` (`2021-03` → 20210399), 0 when unknown.
    pub date_end: Field,
    /// Canonical entity ids (articles).
    pub entity: Field,
    /// The whole article but its body and sentence table as JSON (articles).
    pub article: Field,
    /// The article's sentence table, packed ([`super::pack_sentences`]; articles).
    pub sentences: Field,
    /// The article's body after [`BODY_MARK`] (articles). Stored beside the JSON rather
    /// than in it: no escaping on the way in or out. Text rather than bytes: tantivy
    /// writes and reads a bytes value one byte at a time.
    pub stored_body: Field,
    /// [`path_key`] of the origin file's path (origins, and articles that record their
    /// first origin). The path itself is in the origin's JSON.
    pub path_key: Field,
    /// [`path_hash_key`] of the path and the file's hash (wherever `path_key` is).
    pub path_hash: Field,
    /// The origin as JSON (wherever `path_key` is).
    pub origin: Field,
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            kind: b.add_text_field("kind", STRING),
            id: b.add_text_field("id", STRING | STORED),
            title: b.add_text_field("title", text.clone()),
            body: b.add_text_field("body", text.clone()),
            captions: b.add_text_field("captions", text),
            outlet: b.add_text_field("outlet", STRING | FAST),
            outlet_name: b.add_text_field("outlet_name", FAST),
            date: b.add_u64_field("date", INDEXED | FAST),
            date_end: b.add_u64_field("date_end", INDEXED),
            entity: b.add_text_field("entity", STRING),
            article: b.add_text_field("article", STORED),
            sentences: b.add_text_field("sentences", STORED),
            stored_body: b.add_text_field("stored_body", STORED),
            path_key: b.add_u64_field("path_key", INDEXED),
            path_hash: b.add_u64_field("path_hash", INDEXED),
            origin: b.add_text_field("origin", STORED),
        };
        (b.build(), fields)
    }
}

/// The `path_key` value of a path: 64 bits of its BLAKE3 hash. Every lookup of a file's
/// documents goes through it (two paths with the same key would be taken for one file:
/// for a million files, a chance of about 3 in 100 million). A short key: as text, paths
/// were the index's longest unique terms, costly to build its term dictionary from.
pub fn path_key(path: &str) -> u64 {
    let bytes = blake3::hash(path.as_bytes());
    u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or_default())
}

/// The `path_hash` value of a path and file hash: 64 bits of their BLAKE3 hash. With the
/// `path_key` term it tells an unchanged file (a changed file whose two hashes gave the
/// same key would go unnoticed: a chance of one in 2^64 per change).
pub fn path_hash_key(path: &str, hash: &str) -> u64 {
    let mut h = blake3::Hasher::new();
    h.update(path.as_bytes());
    h.update(b"\x1f");
    h.update(hash.as_bytes());
    let bytes = h.finalize();
    u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or_default())
}
