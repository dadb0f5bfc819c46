//! The index on disk: opening or creating it, reading articles back, and (in
//! [`writer`]) adding them in one atomic commit per run.
//!
//! An index is opened with the outlet and entity registries ([`Registries`]); ingest,
//! search and framing read them from it ([`DigestIndex::registries`]). Each ingest run
//! hands the tokens it analysed to tantivy's indexing threads through its own
//! [`Handoff`], so no text is analysed twice.
//!
//! tantivy makes a commit atomic — a run killed half-way leaves the previous `meta.json`
//! and so the previous index — and its writer lock keeps a second writer out; this module
//! turns that lock into a clear "index is busy". Each commit records the schema version,
//! so an index written by an incompatible digest is refused with advice, not misread.
//! [`DigestIndex::open`], which every command goes through, also refuses a damaged index
//! (unreadable `meta.json`, missing or truncated segment files) in one line that points
//! to `digest reindex` ([`reindex`]), which rebuilds an index from the files its articles
//! came from. Results derived from the whole corpus (the events) are kept beside it until
//! the next commit through [`DigestIndex::read_cache`] and [`DigestIndex::write_cache`].

mod cache;
pub mod handoff;
pub mod reindex;
pub mod remove;
pub mod removed;
pub mod schema;
pub mod writer;

pub(crate) use cache::write_atomically;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, Value};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result, catching_panics, damage, short};
use crate::model::{Article, Origin, Sentence};
use crate::registries::Registries;
use crate::text::Analysed;
pub use handoff::Handoff;
pub use reindex::{ReindexOptions, ReindexReport};
pub use schema::Fields;
use schema::{ANALYZER, BODY_MARK, KIND_ARTICLE, SCHEMA_VERSION};
pub(crate) use writer::write_reason;
pub use writer::{IngestOptions, IngestReport, Progress};

/// The digest analyzer as a tantivy tokenizer, registered as `digest` at open time.
///
/// During an ingest run the writer registers one holding the run's [`Handoff`], which
/// answers with the tokens ingest computed moments ago instead of analysing again.
#[derive(Clone, Default)]
pub struct DigestTokenizer {
    handoff: Option<Arc<Handoff>>,
}

impl DigestTokenizer {
    /// A tokenizer that takes offered tokens from `handoff` before analysing.
    pub fn with_handoff(handoff: Arc<Handoff>) -> DigestTokenizer {
        DigestTokenizer {
            handoff: Some(handoff),
        }
    }
}

/// Token stream over analysed tokens, reusing one [`Token`].
pub struct DigestTokenStream {
    analysed: Analysed,
    next: usize,
    token: Token,
}

impl Tokenizer for DigestTokenizer {
    type TokenStream<'a> = DigestTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> DigestTokenStream {
        // At ingest, the text was analysed moments ago and its tokens wait in the hand-off.
        let analysed = self
            .handoff
            .as_ref()
            .and_then(|h| h.take(text))
            .unwrap_or_else(|| Analysed::of(text));
        DigestTokenStream {
            analysed,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for DigestTokenStream {
    fn advance(&mut self) -> bool {
        let i = self.next;
        if i >= self.analysed.len() {
            return false;
        }
        self.next += 1;
        let span = self.analysed.span(i);
        self.token.offset_from = span.start;
        self.token.offset_to = span.end;
        self.token.position = i;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(self.analysed.term(i));
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// An open digest index.
pub struct DigestIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    path: PathBuf,
    registries: Registries,
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
    /// The outlet counts kept under `key`, if any.
    fn kept_outlet_counts(&self, key: &str) -> Option<OutletCounts> {
        let bytes = std::fs::read(self.cache_path(OUTLETS_CACHE)).ok()?;
        let line = bytes.iter().position(|&b| b == b'\n')?;
        if bytes[..line] != *key.as_bytes() {
            return None;
        }
        serde_json::from_slice(&bytes[line + 1..]).ok()
    }
}

/// The cache of [`DigestIndex::outlet_summaries`]' counts.
const OUTLETS_CACHE: &str = "outlets";

/// Outlet id → (name in the index, articles, first date key, last date key).
type OutletCounts = std::collections::HashMap<String, (String, u64, u64, u64)>;

/// What a searcher sees, as a cache key: the schema, digest's version, and each
/// segment with its deletes. It changes with every commit that changes the articles.
pub fn segments_key(searcher: &Searcher) -> String {
    let mut key = format!("{SCHEMA_VERSION}/{}", env!("CARGO_PKG_VERSION"));
    for r in searcher.segment_readers() {
        key.push_str(&format!(
            " {}.{}",
            r.segment_id().uuid_string(),
            r.delete_opstamp().map_or(String::new(), |o| o.to_string())
        ));
    }
    key
}

/// Counts articles and date ranges per outlet over every segment of `searcher`.
fn outlet_counts(searcher: &Searcher) -> Result<OutletCounts> {
    use std::collections::HashMap;
    // Count by term ordinals first; turn each distinct ordinal into text once.
    let mut acc: HashMap<String, (String, u64, u64, u64)> = HashMap::new();
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let (Some(outlets), Some(names)) = (ff.str("outlet")?, ff.str("outlet_name")?) else {
            continue;
        };
        let dates = ff.u64("date")?;
        let alive = seg.alive_bitset();
        // Per outlet ordinal: articles, first and last date, the first name ordinal.
        // Columns are read a block of documents at a time: on a million articles
        // this scan is the reader's launch.
        let mut per: Vec<(u64, u64, u64, u64)> =
            vec![(0, u64::MAX, 0, u64::MAX); outlets.num_terms()];
        const BLOCK: u32 = 1024;
        let (mut docs, mut ords, mut name_ords, mut days) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for start in (0..seg.max_doc()).step_by(BLOCK as usize) {
            let end = start.saturating_add(BLOCK).min(seg.max_doc());
            docs.clear();
            docs.extend((start..end).filter(|&d| alive.is_none_or(|a| a.is_alive(d))));
            for buf in [&mut ords, &mut name_ords, &mut days] {
                buf.clear();
                buf.resize(docs.len(), None);
            }
            outlets.ords().first_vals(&docs, &mut ords);
            names.ords().first_vals(&docs, &mut name_ords);
            dates.first_vals(&docs, &mut days);
            for i in 0..docs.len() {
                let Some(e) = ords[i].and_then(|o| per.get_mut(o as usize)) else {
                    continue;
                };
                e.0 += 1;
                if e.3 == u64::MAX {
                    e.3 = name_ords[i].unwrap_or(u64::MAX);
                }
                let d = days[i].unwrap_or(0);
                if d > 0 {
                    e.1 = e.1.min(d);
                    e.2 = e.2.max(d);
                }
            }
        }
        // Ordinals to text, a dictionary block at a time (one look-up per ordinal
        // would decompress a block each).
        let live: Vec<(u64, (u64, u64, u64, u64))> = per
            .into_iter()
            .enumerate()
            .filter(|(_, e)| e.0 > 0)
            .map(|(ord, e)| (ord as u64, e))
            .collect();
        let ords: Vec<u64> = live.iter().map(|(o, _)| *o).collect();
        let mut ids = Vec::with_capacity(ords.len());
        outlets.dictionary().sorted_ords_to_term_cb(&ords, |b| {
            ids.push(String::from_utf8_lossy(b).into_owned());
        })?;
        let mut name_ords: Vec<u64> = live
            .iter()
            .map(|(_, e)| e.3)
            .filter(|&o| o != u64::MAX)
            .collect();
        name_ords.sort_unstable();
        name_ords.dedup();
        let mut texts = Vec::with_capacity(name_ords.len());
        names.dictionary().sorted_ords_to_term_cb(&name_ords, |b| {
            texts.push(String::from_utf8_lossy(b).into_owned());
        })?;
        let name_of: HashMap<u64, String> = name_ords.into_iter().zip(texts).collect();
        for (id, (_, (n, lo, hi, name_ord))) in ids.into_iter().zip(live) {
            let name = name_of.get(&name_ord).cloned().unwrap_or_default();
            let e = acc.entry(id).or_insert((name, 0, u64::MAX, 0));
            e.1 += n;
            e.2 = e.2.min(lo);
            e.3 = e.3.max(hi);
        }
    }
    Ok(acc)
}

impl DigestIndex {
    /// Opens the index in `path`, creating an empty one if there is none (the directory
    /// is missing, empty, or holds nothing but lock files).
    ///
    /// Every command that reads or writes the index opens it here, so this is where a
    /// damaged or incompatible index is recognised: a missing, truncated or unparsable
    /// `meta.json`, a missing or truncated segment file, an index written by another
    /// version of digest. Each is refused with one line that names the directory and says
    /// how to rebuild it (`digest reindex`). A directory that holds other things is not
    /// turned into an index.
    ///
    /// Ingest, search and framing on this index use `registries`.
    pub fn open_with(path: &Path, registries: Registries) -> Result<DigestIndex> {
        let (schema, fields) = Fields::build();
        let open_err = |reason: String| Error::OpenIndex {
            path: path.to_path_buf(),
            reason,
        };
        let index = match survey(path)? {
            Contents::Index => open_existing(path, &schema)?,
            Contents::Missing => {
                if let Some(previous) = reindex::interrupted(path) {
                    return Err(Error::InterruptedReindex {
                        path: path.to_path_buf(),
                        previous,
                    });
                }
                std::fs::create_dir_all(path).map_err(|e| open_err(e.to_string()))?;
                Index::create_in_dir(path, schema)
                    .map_err(|e| open_err(write_reason(&e).unwrap_or_else(|| e.to_string())))?
            }
            Contents::Fresh => Index::create_in_dir(path, schema)
                .map_err(|e| open_err(write_reason(&e).unwrap_or_else(|| e.to_string())))?,
            Contents::NoMeta => {
                return Err(Error::DamagedIndex {
                    path: path.to_path_buf(),
                    reason: "meta.json is missing".into(),
                });
            }
            Contents::Other => return Err(Error::NotAnIndex(path.to_path_buf())),
        };
        index
            .tokenizers()
            .register(ANALYZER, DigestTokenizer::default());
        // Some corrupted segment files make the engine panic rather than fail: that, too,
        // is damage.
        let reader: IndexReader = catching_panics(|| {
            let reader: IndexReader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            check_segments(&reader.searcher())?;
            Ok(reader)
        })
        .map_err(|panic| Error::DamagedIndex {
            path: path.to_path_buf(),
            reason: format!("a segment file is corrupted: {}", short(&panic)),
        })?
        .map_err(|e| read_error(path, e))?;
        Ok(DigestIndex {
            index,
            fields,
            reader,
            path: path.to_path_buf(),
            registries,
        })
    }

    /// [`open_with`](Self::open_with) the bundled registries.
    pub fn open(path: &Path) -> Result<DigestIndex> {
        Self::open_with(path, Registries::bundled())
    }

    /// [`open_seeded_with`](Self::open_seeded_with) the bundled registries.
    pub fn open_seeded(path: &Path) -> Result<DigestIndex> {
        Self::open_seeded_with(path, Registries::bundled())
    }

    /// Opens the index with `registries` and, if it holds no articles, ingests the
    /// bundled corpus into it.
    pub fn open_seeded_with(path: &Path, registries: Registries) -> Result<DigestIndex> {
        let index = Self::open_with(path, registries)?;
        if index.try_article_count()? == 0 {
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

    /// The registries this index was opened with.
    pub fn registries(&self) -> &Registries {
        &self.registries
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

    /// Number of articles in the index (0 if the index cannot be read; see
    /// [`try_article_count`](Self::try_article_count)).
    pub fn article_count(&self) -> usize {
        self.try_article_count().unwrap_or(0)
    }

    /// Number of articles in the index, or why it cannot be counted.
    pub fn try_article_count(&self) -> Result<usize> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        );
        Ok(self.searcher().search(&q, &Count)?)
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
        decode_article(&self.fields, doc).unwrap_or_default()
    }

    /// Each outlet with its article count and date range, most articles first.
    ///
    /// The counts come from a scan of every article's outlet and date columns (50 ms on a
    /// million articles, most of the reader's launch), so they are kept in the index
    /// directory (`digest-outlets.cache`) under the segments they were counted from.
    pub fn outlet_summaries(&self) -> Result<Vec<OutletSummary>> {
        let searcher = self.searcher();
        let key = segments_key(&searcher);
        let acc = match self.kept_outlet_counts(&key) {
            Some(acc) => acc,
            None => {
                let acc = outlet_counts(&searcher)?;
                if let Ok(json) = serde_json::to_vec(&acc) {
                    // Best effort: a read-only directory only means counting next time.
                    let _ = write_atomically(
                        &self.cache_path(OUTLETS_CACHE),
                        &[key.as_bytes(), b"\n", &json],
                    );
                }
                acc
            }
        };
        let registry = &self.registries.outlets;
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
        if let Some(o) = self.registries.outlets.resolve(id).filter(|o| o.id == id) {
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

/// What an index directory holds, judged by its file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contents {
    /// Nothing there yet.
    Missing,
    /// An empty directory, or one with nothing but lock files and hidden files: a new
    /// index can be made here without losing anything.
    Fresh,
    /// A `meta.json`: an index (readable or not).
    Index,
    /// Segment files or tantivy's file list without `meta.json`: a damaged index.
    NoMeta,
    /// Other files: not an index, and not to be made one.
    Other,
}

/// Looks at what `path` holds.
pub(crate) fn survey(path: &Path) -> Result<Contents> {
    let open_err = |reason: String| Error::OpenIndex {
        path: path.to_path_buf(),
        reason,
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(e) => return Err(open_err(e.to_string())),
        Ok(m) if !m.is_dir() => return Err(open_err("it is not a directory".into())),
        Ok(_) => {}
    }
    if std::fs::symlink_metadata(path.join("meta.json")).is_ok() {
        return Ok(Contents::Index);
    }
    let mut contents = Contents::Fresh;
    for entry in std::fs::read_dir(path).map_err(|e| open_err(e.to_string()))? {
        let entry = entry.map_err(|e| open_err(e.to_string()))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == ".managed.json" || is_segment_file(&name) {
            return Ok(Contents::NoMeta);
        }
        if !name.starts_with('.') {
            contents = Contents::Other;
        }
    }
    Ok(contents)
}

/// Whether a file name is one of a tantivy segment's (32 hex digits, a dot, an extension).
pub(crate) fn is_segment_file(name: &str) -> bool {
    name.len() > 33
        && name.as_bytes()[32] == b'.'
        && name[..32].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The stored article of an article document: its JSON, with its body and sentence
/// table beside it; `None` when the JSON is missing or it or the table is unreadable.
pub fn decode_article(fields: &Fields, doc: &TantivyDocument) -> Option<Article> {
    let json = doc.get_first(fields.article).and_then(|v| v.as_str())?;
    let mut article: Article = serde_json::from_str(json).ok()?;
    if let Some(body) = doc.get_first(fields.stored_body).and_then(|v| v.as_str()) {
        article.body = body.strip_prefix(BODY_MARK).unwrap_or(body).to_string();
    }
    if let Some(table) = doc.get_first(fields.sentences).and_then(|v| v.as_str()) {
        article.sentences = unpack_sentences(table)?;
    }
    Some(article)
}

/// The sentence table as stored: one flat JSON array of numbers, for each sentence in
/// turn the bytes from the previous sentence's end to its start, its length in bytes, the
/// tokens from the previous sentence's first token to its own, the number of entities it
/// names and their indexes. About 12 bytes a sentence where `{"s":…,"e":…,"t":…}` took
/// 27, and the table is most of an article's stored JSON: less to write, compress and
/// read back.
pub fn pack_sentences(sentences: &[Sentence]) -> String {
    let mut numbers: Vec<i64> = Vec::with_capacity(4 * sentences.len());
    let (mut end, mut token) = (0i64, 0i64);
    for s in sentences {
        let (start, stop, first) = (i64::from(s.start), i64::from(s.end), i64::from(s.token));
        numbers.extend([start - end, stop - start, first - token]);
        numbers.push(s.entities.len() as i64);
        numbers.extend(s.entities.iter().map(|&e| i64::from(e)));
        (end, token) = (stop, first);
    }
    serde_json::to_string(&numbers).unwrap_or_default()
}

/// The sentence table [`pack_sentences`] wrote; `None` if `packed` is not one.
pub fn unpack_sentences(packed: &str) -> Option<Vec<Sentence>> {
    let numbers: Vec<i64> = serde_json::from_str(packed).ok()?;
    let mut numbers = numbers.into_iter();
    let mut out = Vec::with_capacity(numbers.len() / 4);
    let (mut end, mut token) = (0i64, 0i64);
    while let Some(gap) = numbers.next() {
        let start = end.checked_add(gap)?;
        end = start.checked_add(numbers.next()?)?;
        token = token.checked_add(numbers.next()?)?;
        let named = usize::try_from(numbers.next()?).ok()?;
        let mut entities = Vec::with_capacity(named.min(numbers.len()));
        for _ in 0..named {
            entities.push(u16::try_from(numbers.next()?).ok()?);
        }
        out.push(Sentence {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            token: u32::try_from(token).ok()?,
            entities,
        });
    }
    Some(out)
}

/// Opens an index whose `meta.json` exists, refusing one written by another version.
fn open_existing(path: &Path, schema: &Schema) -> Result<Index> {
    let index = Index::open_in_dir(path).map_err(|e| read_error(path, e))?;
    let metas = index.load_metas().map_err(|e| read_error(path, e))?;
    if let Some(payload) = metas.payload.as_deref()
        && payload != SCHEMA_VERSION
    {
        let (found, advice) = describe_version(payload);
        return Err(Error::IncompatibleIndex {
            path: path.to_path_buf(),
            found,
            advice,
        });
    }
    if index.schema() != *schema {
        return Err(Error::IncompatibleIndex {
            path: path.to_path_buf(),
            found: "a version of digest with different index fields".into(),
            advice: "rebuild it with `digest reindex`".into(),
        });
    }
    Ok(index)
}

/// Who wrote an index whose commit payload is `payload`, and what to do about it.
fn describe_version(payload: &str) -> (String, String) {
    let number = |s: &str| s.strip_prefix("digest-index-")?.parse::<u32>().ok();
    let rebuild = "rebuild it with `digest reindex`".to_string();
    match (number(payload), number(SCHEMA_VERSION)) {
        (Some(theirs), Some(ours)) if theirs < ours => (
            format!(
                "an older version of digest (index format {payload}, this digest reads {SCHEMA_VERSION})"
            ),
            rebuild,
        ),
        (Some(_), Some(_)) => (
            format!(
                "a newer version of digest (index format {payload}, this digest reads {SCHEMA_VERSION})"
            ),
            "use that version, or rebuild it for this one with `digest reindex`".into(),
        ),
        _ => (
            format!(
                "another program (its commits are marked {:?})",
                short(payload)
            ),
            rebuild,
        ),
    }
}

/// Turns an error met while opening an existing index into digest's: damage, an
/// incompatible engine version, or (permissions and the like) a plain open error.
pub(crate) fn read_error(path: &Path, e: tantivy::TantivyError) -> Error {
    use tantivy::directory::error::OpenReadError;
    if let tantivy::TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) = &e
        && !matches!(
            io_error.kind(),
            std::io::ErrorKind::InvalidData
                | std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::IsADirectory
        )
    {
        return Error::OpenIndex {
            path: path.to_path_buf(),
            reason: format!("cannot read {}: {io_error}", filepath.display()),
        };
    }
    match damage(&e) {
        Some(reason) => Error::DamagedIndex {
            path: path.to_path_buf(),
            reason,
        },
        None => Error::OpenIndex {
            path: path.to_path_buf(),
            reason: short(&e.to_string()),
        },
    }
}

/// Opens every indexed field of every segment: a missing or truncated postings, positions
/// or term file shows now, as damage, rather than in the middle of a search. (The
/// segments' other files are opened with the reader.) Cheap: tantivy caches what it
/// opens here for the searches that follow.
fn check_segments(searcher: &Searcher) -> tantivy::Result<()> {
    let schema = searcher.schema();
    for segment in searcher.segment_readers() {
        for (field, entry) in schema.fields() {
            if entry.is_indexed() {
                segment.inverted_index(field)?;
            }
        }
    }
    Ok(())
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

/// Now, in unix seconds: when an article arrives, when the reader is opened.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
