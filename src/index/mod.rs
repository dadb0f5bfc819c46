//! The index on disk: opening or creating it, reading articles back, and (in
//! [`writer`]) adding them in one atomic commit per run.
//!
//! tantivy makes a commit atomic — a run killed half-way leaves the previous `meta.json`
//! and so the previous index — and its writer lock keeps a second writer out; this module
//! turns that lock into a clear "index is busy". Each commit records the schema version,
//! so an index written by an incompatible digest is refused with advice, not misread.

pub mod schema;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::model::{Article, Origin};
use crate::text::Analyzer;
pub use schema::Fields;
use schema::{ANALYZER, KIND_ARTICLE, SCHEMA_VERSION};
pub use writer::{IngestOptions, IngestReport, Progress};

/// The digest analyzer as a tantivy tokenizer, registered as `digest` at open time.
#[derive(Clone, Default)]
pub struct DigestTokenizer;

/// Token stream over pre-analysed tokens.
pub struct DigestTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for DigestTokenizer {
    type TokenStream<'a> = DigestTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> DigestTokenStream {
        DigestTokenStream {
            tokens: to_tantivy_tokens(text),
            next: 0,
        }
    }
}

impl TokenStream for DigestTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn to_tantivy_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    Analyzer.for_each(text, |term, position, span| {
        out.push(Token {
            offset_from: span.start,
            offset_to: span.end,
            position: position as usize,
            text: term.to_string(),
            position_length: 1,
        })
    });
    out
}

/// An open digest index.
pub struct DigestIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    path: PathBuf,
}

/// Where the index lives when neither `--index` nor `DIGEST_INDEX` says:
/// `$XDG_DATA_HOME/digest/index` (usually `~/.local/share/digest/index`).
pub fn default_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "digest")
        .map(|d| d.data_dir().join("index"))
        .unwrap_or_else(|| PathBuf::from(".digest-index"))
}

/// Per-outlet counts for `digest outlets`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletSummary {
    /// Outlet id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Number of articles.
    pub articles: u64,
    /// Earliest date (`YYYY-MM-DD` or shorter), if any article is dated.
    pub first: Option<String>,
    /// Latest date.
    pub last: Option<String>,
}

impl DigestIndex {
    /// Opens the index in `path`, creating an empty one if there is none.
    pub fn open(path: &Path) -> Result<DigestIndex> {
        let (schema, fields) = Fields::build();
        let open_err = |reason: String| Error::OpenIndex {
            path: path.to_path_buf(),
            reason,
        };
        let index = if path.join("meta.json").exists() {
            let index = Index::open_in_dir(path).map_err(|e| {
                open_err(format!("{e}; the index looks damaged: remove the directory and run `digest ingest` again"))
            })?;
            let metas = index.load_metas().map_err(|e| open_err(e.to_string()))?;
            if let Some(payload) = metas.payload.as_deref()
                && payload != SCHEMA_VERSION
            {
                return Err(Error::IncompatibleIndex {
                    path: path.to_path_buf(),
                    found: payload.to_string(),
                });
            }
            if index.schema() != schema {
                return Err(Error::IncompatibleIndex {
                    path: path.to_path_buf(),
                    found: "a different schema".into(),
                });
            }
            index
        } else {
            std::fs::create_dir_all(path).map_err(|e| open_err(e.to_string()))?;
            Index::create_in_dir(path, schema).map_err(|e| open_err(e.to_string()))?
        };
        index.tokenizers().register(ANALYZER, DigestTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(DigestIndex {
            index,
            fields,
            reader,
            path: path.to_path_buf(),
        })
    }

    /// Opens the index and, if it holds no articles, ingests the bundled corpus into it.
    pub fn open_seeded(path: &Path) -> Result<DigestIndex> {
        let index = Self::open(path)?;
        if index.article_count() == 0 {
            match writer::ingest_bundled(&index) {
                Ok(_) | Err(Error::IndexBusy(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(index)
    }

    /// The directory of the index.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The underlying tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// A searcher over the last commit seen by [`reload`](Self::reload).
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Picks up commits made since the index was opened (by this or another process).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Identifies the committed state of the index: it changes with every commit, so a
    /// result computed from the whole corpus can be cached under it.
    pub fn generation(&self) -> Result<String> {
        let metas = self.index.load_metas()?;
        Ok(format!(
            "{SCHEMA_VERSION}/{}/{}/{}",
            env!("CARGO_PKG_VERSION"),
            metas.opstamp,
            self.article_count()
        ))
    }

    /// Number of articles in the index.
    pub fn article_count(&self) -> usize {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        );
        self.searcher().search(&q, &Count).unwrap_or(0)
    }

    /// The article with this id (or a unique prefix of at least 4 characters).
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let searcher = self.searcher();
        let exact = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let kind = TermQuery::new(
            Term::from_field_text(self.fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        );
        let q = tantivy::query::BooleanQuery::intersection(vec![
            Box::new(exact) as Box<dyn Query>,
            Box::new(kind),
        ]);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        if let Some((_, addr)) = top.first() {
            return Ok(Some(self.load_article(&searcher.doc(*addr)?)));
        }
        if id.len() >= 4 {
            // A unique prefix, as with git hashes.
            let q = tantivy::query::RegexQuery::from_pattern(
                &format!("{}.*", regex_escape(id)),
                self.fields.id,
            )?;
            let kind = TermQuery::new(
                Term::from_field_text(self.fields.kind, KIND_ARTICLE),
                IndexRecordOption::Basic,
            );
            let q = tantivy::query::BooleanQuery::intersection(vec![
                Box::new(q) as Box<dyn Query>,
                Box::new(kind),
            ]);
            let top = searcher.search(&q, &TopDocs::with_limit(2).order_by_score())?;
            if top.len() == 1 {
                return Ok(Some(self.load_article(&searcher.doc(top[0].1)?)));
            }
        }
        Ok(None)
    }

    /// Every origin recorded for an article id.
    pub fn origins(&self, id: &str) -> Result<Vec<Origin>> {
        let searcher = self.searcher();
        let q = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let docs = searcher.search(&q, &tantivy::collector::DocSetCollector)?;
        let mut out = Vec::new();
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(json) = doc.get_first(self.fields.origin).and_then(|v| v.as_str())
                && let Ok(o) = serde_json::from_str::<Origin>(json)
            {
                out.push(o);
            }
        }
        out.sort_by(|a, b| (&a.path, a.item).cmp(&(&b.path, b.item)));
        Ok(out)
    }

    /// Decodes the stored article of an article document.
    pub fn load_article(&self, doc: &TantivyDocument) -> Article {
        doc.get_first(self.fields.article)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    /// Each outlet with its article count and date range, most articles first.
    pub fn outlet_summaries(&self) -> Result<Vec<OutletSummary>> {
        use std::collections::HashMap;
        let searcher = self.searcher();
        // Count by term ordinals first; turn each distinct ordinal into text once.
        let mut acc: HashMap<String, (String, u64, u64, u64)> = HashMap::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(outlets), Some(names)) = (ff.str("outlet")?, ff.str("outlet_name")?) else {
                continue;
            };
            let dates = ff.u64("date")?.first_or_default_col(0);
            let alive = seg.alive_bitset();
            let mut by_ord: HashMap<(u64, u64), (u64, u64, u64)> = HashMap::new();
            for doc in 0..seg.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let Some(ord) = outlets.term_ords(doc).next() else {
                    continue;
                };
                let name_ord = names.term_ords(doc).next().unwrap_or(u64::MAX);
                let d = dates.get_val(doc);
                let e = by_ord.entry((ord, name_ord)).or_insert((0, u64::MAX, 0));
                e.0 += 1;
                if d > 0 {
                    e.1 = e.1.min(d);
                    e.2 = e.2.max(d);
                }
            }
            for ((ord, name_ord), (n, lo, hi)) in by_ord {
                let mut id = String::new();
                outlets.ord_to_str(ord, &mut id)?;
                let mut name = String::new();
                if name_ord != u64::MAX {
                    names.ord_to_str(name_ord, &mut name)?;
                }
                let e = acc.entry(id).or_insert((name, 0, u64::MAX, 0));
                e.1 += n;
                e.2 = e.2.min(lo);
                e.3 = e.3.max(hi);
            }
        }
        let registry = crate::bundled::outlets();
        let mut out: Vec<OutletSummary> = acc
            .into_iter()
            .map(|(id, (name, n, lo, hi))| OutletSummary {
                name: match registry.resolve(&id).filter(|o| o.id == id) {
                    Some(o) => o.name.clone(),
                    None if !name.is_empty() => name,
                    None => registry.identify(&id).1,
                },
                id,
                articles: n,
                first: (lo != u64::MAX).then(|| render_key(lo)),
                last: (hi > 0).then(|| render_key(hi)),
            })
            .collect();
        out.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// The display name of an outlet id as stored with one of its articles.
    pub fn outlet_name(&self, id: &str) -> Option<String> {
        if let Some(o) = crate::bundled::outlets().resolve(id).filter(|o| o.id == id) {
            return Some(o.name.clone());
        }
        let searcher = self.searcher();
        let q = TermQuery::new(
            Term::from_field_text(self.fields.outlet, id),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .ok()?;
        let doc = searcher.doc(top.first()?.1).ok()?;
        Some(self.load_article(&doc).outlet_name)
    }
}

fn render_key(k: u64) -> String {
    let (y, m, d) = (k / 10000, (k / 100) % 100, k % 100);
    match (m, d) {
        (0, _) => format!("{y:04}"),
        (_, 0) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn regex_escape(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}
