//! One ingest run: walk, read and prepare files on worker threads, write in file order,
//! commit once.
//!
//! Workers read, hash, clean and analyse files in parallel; the writer thread takes
//! their results back in walk order (so "the first copy wins" means the same thing on
//! every run) and decides, per file: unchanged (its path and hash are already indexed),
//! new, changed (its old articles are replaced), or a duplicate of text already stored
//! (only a new origin is recorded). Everything lands in a single commit: a run that is
//! killed leaves the index exactly as it was, and so does a run that cannot write (a full
//! disk, a read-only directory), which fails with [`Error::WriteIndex`] naming the cause.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::directory::error::LockError;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, Searcher, TantivyDocument, TantivyError, Term};

use super::handoff::Handoff;
use super::schema::{
    ANALYZER, BODY_MARK, KIND_ARTICLE, KIND_ORIGIN, SCHEMA_VERSION, path_hash_key, path_key,
};
use super::{DigestIndex, DigestTokenizer};
use crate::bundled;
use crate::error::{Error, Result, short};
use crate::ingest::{
    self, Context, Format, Found, Prepared, SkipReason,
    dates::{date_end_key, date_key},
    read,
};
use crate::model::{Origin, item_source};
use crate::registries::Registries;

/// Settings of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Outlet for every article, overriding what files say.
    pub outlet: Option<String>,
    /// Worker threads for reading and analysing (and for tantivy's indexer).
    pub threads: usize,
    /// Indexer memory budget in MiB: bounds ingest memory whatever the corpus size.
    pub memory_mib: usize,
    /// Also ingest the bundled corpus (done when a new index gets its first articles).
    pub bundled: bool,
    /// Keep a record of every article stored ([`IngestReport::articles`]), for
    /// `digest ingest --json`; off for large runs that do not need it.
    pub record: bool,
    /// A rebuild (`reindex`): articles count as arrived when their file was last written,
    /// not now, so a rebuild does not make everything new.
    pub rebuild: bool,
    /// Set (by a Ctrl-C handler) to stop the run before it commits: the run then ends
    /// with [`Error::Interrupted`], its files deleted and the index as it was.
    pub stop: Option<Arc<std::sync::atomic::AtomicBool>>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(8);
        IngestOptions {
            outlet: None,
            threads,
            memory_mib: 256,
            bundled: false,
            record: false,
            rebuild: false,
            stop: None,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// New articles stored.
    pub added: usize,
    /// Files whose content changed; their articles were replaced.
    pub updated: usize,
    /// Files already indexed with the same content.
    pub unchanged: usize,
    /// Articles whose text was already stored (a new origin was recorded).
    pub duplicates: usize,
    /// Files or items not ingested: `(path, reason)`.
    pub skipped: Vec<(String, String)>,
    /// Articles stored whose file gave a date that could not be read: `(source, date)`.
    pub unread_dates: Vec<(String, String)>,
    /// Files in walked directories that are not article files.
    pub ignored: usize,
    /// With [`IngestOptions::record`]: every article stored or found again, in input order.
    pub articles: Vec<IngestedArticle>,
}

/// One article an ingest stored or found again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestedArticle {
    /// `added`, `updated` (the new version of a changed file) or `duplicate` (its text
    /// was already stored; the file was recorded as one more origin).
    pub status: &'static str,
    /// Article id.
    pub id: String,
    /// The file it was read from, and the item within it for JSON and JSON Lines.
    pub source: String,
    /// Title.
    pub title: String,
    /// Outlet id.
    pub outlet: String,
    /// Date, `YYYY-MM-DD` or `YYYY-MM`, if known.
    pub date: Option<String>,
}

/// Progress of a run, reported after each file.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files finished.
    pub done: usize,
    /// Files in the run.
    pub total: usize,
    /// Articles read so far (stored, or found already stored).
    pub articles: usize,
    /// Time since the run started.
    pub elapsed: Duration,
}

enum Job {
    File(PathBuf, Format),
    Bundled(&'static str, &'static [u8]),
}

impl Job {
    /// Input bytes (0 when the file cannot be read: it is skipped quickly).
    fn size(&self) -> u64 {
        match self {
            Job::File(p, _) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Job::Bundled(_, bytes) => bytes.len() as u64,
        }
    }

    fn path(&self) -> String {
        match self {
            Job::File(p, _) => std::path::absolute(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned(),
            Job::Bundled(name, _) => format!("{}{name}", bundled::BUNDLED_PREFIX),
        }
    }
}

enum Outcome {
    Unchanged,
    Skip(String),
    /// The file's items; each article records its origin (path, item, file hash).
    Articles(Vec<Result<Prepared, (u32, SkipReason)>>),
}

/// Most input bytes of files being prepared or waiting for the writer, beyond the file
/// the writer needs next. A prepared article holds its text twice and its tokens: about
/// 8 times its input for a news article, 50 times for a tiny one.
const QUEUED_INPUT_BYTES: u64 = 24 << 20;

/// Ingests files and directories.
pub fn ingest_paths(
    index: &DigestIndex,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestReport> {
    let (found, ignored) = ingest::walk(paths);
    let mut report = IngestReport {
        ignored,
        ..Default::default()
    };
    let mut jobs: Vec<Job> = Vec::new();
    let mut seen = HashSet::new();
    if opts.bundled {
        jobs.extend(bundled::ARTICLES.iter().map(|(n, b)| Job::Bundled(n, b)));
    }
    for f in found {
        match f {
            Found::File(p, format) => {
                // The same file named twice (or reached twice through links) is read once.
                let key = std::path::absolute(&p).unwrap_or_else(|_| p.clone());
                if seen.insert(key) {
                    jobs.push(Job::File(p, format));
                }
            }
            Found::Problem(p, reason) => report.skipped.push((p.display().to_string(), reason)),
        }
    }
    run(index, jobs, opts, report, progress)
}

/// Ingests the bundled corpus (what a new index starts with).
pub fn ingest_bundled(index: &DigestIndex) -> Result<IngestReport> {
    let jobs = bundled::ARTICLES
        .iter()
        .map(|(n, b)| Job::Bundled(n, b))
        .collect();
    run(
        index,
        jobs,
        &IngestOptions::default(),
        IngestReport::default(),
        &mut |_| {},
    )
}

/// A writer for a small change (a removal): the default threads and memory.
pub(crate) fn open_writer_for(index: &DigestIndex) -> Result<IndexWriter> {
    open_writer(
        index,
        &IngestOptions {
            threads: 1,
            memory_mib: 32,
            ..IngestOptions::default()
        },
    )
}

fn open_writer(index: &DigestIndex, opts: &IngestOptions) -> Result<IndexWriter> {
    let threads = opts.threads.clamp(1, 8);
    // tantivy needs at least 15 MB per indexing thread.
    let budget = (opts.memory_mib.max(16 * threads)) << 20;
    index
        .tantivy()
        .writer_with_num_threads(threads, budget)
        .map_err(|e| match e {
            // Only a lock held by someone else is "busy"; a lock file that cannot be
            // opened (a read-only directory) is a write failure.
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                Error::IndexBusy(index.path().to_path_buf())
            }
            e => write_failure(index, e),
        })
}

/// Why a write to the index failed, in the operating system's words, when `e` is a
/// failure to write (a full disk, a file size limit, a read-only directory, a dead
/// indexing thread); `None` for other errors.
pub(crate) fn write_reason(e: &TantivyError) -> Option<String> {
    use tantivy::directory::error::OpenWriteError;
    match e {
        // An error of the operating system (no space, file too large, permission denied),
        // not one the engine made up about a file's content.
        TantivyError::IoError(io) if io.raw_os_error().is_some() => Some(io.to_string()),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            Some(io_error.to_string())
        }
        TantivyError::OpenWriteError(OpenWriteError::FileAlreadyExists(p)) => {
            Some(format!("{} already exists", p.display()))
        }
        TantivyError::LockFailure(LockError::IoError(io), _) => {
            Some(format!("cannot open the writer lock: {io}"))
        }
        TantivyError::ErrorInThread(msg) => Some(short(msg)),
        // An indexing thread's I/O error, as joining it reports it.
        TantivyError::InternalError(msg) if msg.contains("(os error ") => Some(short(msg)),
        _ => None,
    }
}

/// `e` as a [`Error::WriteIndex`] if it is a failure to write, else unchanged.
pub(crate) fn write_failure(index: &DigestIndex, e: impl Into<Error>) -> Error {
    let e: Error = e.into();
    let reason = match &e {
        Error::Tantivy(t) => write_reason(t),
        Error::Io(io) => Some(io.to_string()),
        _ => None,
    };
    match reason {
        Some(reason) => Error::WriteIndex {
            path: index.path().to_path_buf(),
            reason,
        },
        None => e,
    }
}

/// Drops a run that failed: nothing of it is committed. Its segment files, written in
/// part, are deleted now as far as possible (on a full disk they would otherwise keep it
/// full); an indexing thread still finishing its segment may leave one behind, which the
/// next run deletes when it starts. Best effort: the index is already as it was.
fn discard(mut writer: IndexWriter) {
    if writer.rollback().is_ok() {
        let _ = writer.garbage_collect_files().wait();
    }
}

/// Drops an interrupted run and every file it wrote: unlike [`discard`], it waits for the
/// indexing threads to finish their segments and then deletes those too, so nothing of
/// the run is left in the index directory.
fn discard_all(index: &DigestIndex, opts: &IngestOptions, mut writer: IndexWriter) {
    if writer.rollback().is_err() {
        return;
    }
    let _ = writer.wait_merging_threads();
    // The lock is free again: a writer of our own deletes what the threads left.
    if let Ok(w) = open_writer(
        index,
        &IngestOptions {
            threads: 1,
            ..opts.clone()
        },
    ) {
        let _ = w.garbage_collect_files().wait();
    }
}

/// The error that ended a run. When an indexing thread died (tantivy then reports only
/// "an index writer was killed"), joining the threads gives its own error, such as
/// "No space left on device".
fn cause(writer: &mut IndexWriter, e: Error) -> Error {
    match e {
        Error::Tantivy(TantivyError::ErrorInThread(_)) => match writer.prepare_commit() {
            // Dropped, not committed.
            Ok(_prepared) => e,
            Err(cause) => Error::Tantivy(cause),
        },
        e => e,
    }
}

/// The article document `id` (not its origin documents).
fn article_query(f: &super::Fields, id: &str) -> BooleanQuery {
    BooleanQuery::intersection(vec![
        term_query(Term::from_field_text(f.id, id)),
        term_query(Term::from_field_text(f.kind, KIND_ARTICLE)),
    ])
}

/// A query for the documents holding `term`.
fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

fn run(
    index: &DigestIndex,
    jobs: Vec<Job>,
    opts: &IngestOptions,
    mut report: IngestReport,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestReport> {
    let start = Instant::now();
    let mut writer = open_writer(index, opts)?;
    let handoff = Arc::new(Handoff::default());
    let _tokenizer = RunTokenizer::register(index, Arc::clone(&handoff));
    // Files of runs that were killed or failed (never committed) go first: on a full
    // disk they may be what fills it.
    let _ = writer.garbage_collect_files().wait();
    index.reload()?;
    let committed_before = index.tantivy().load_metas()?.opstamp;
    let searcher = index.searcher();
    let f = *index.fields();
    let total = jobs.len();
    let next_job = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    // Input bytes of the files being prepared or waiting to be written.
    let queued = AtomicU64::new(0);
    // Workers never run further ahead of the writer than this many files, nor start a
    // file that would take the files in hand past `QUEUED_INPUT_BYTES`, bounding memory
    // whether files hold one article or thousands. The file the writer needs next always
    // goes ahead.
    let window = 64 * opts.threads.max(1);
    let (tx, rx) = mpsc::sync_channel::<(usize, u64, Outcome)>(window);
    let outlet_override = opts.outlet.clone();
    let arrival = if opts.rebuild {
        Arrival::FileWritten
    } else {
        Arrival::At(super::unix_now())
    };
    // Records naming an outlet the index already holds get that outlet.
    let held = index.outlet_summaries()?;
    let registries = Registries {
        outlets: Arc::new(
            index
                .registries()
                .outlets
                .knowing(held.iter().map(|o| (o.id.as_str(), o.name.as_str()))),
        ),
        entities: Arc::clone(&index.registries().entities),
    };

    let stopped = || {
        opts.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    };
    let result = std::thread::scope(|scope| -> Result<()> {
        for _ in 0..opts.threads.max(1) {
            let tx = tx.clone();
            let (jobs, next_job, written, queued, searcher) =
                (&jobs, &next_job, &written, &queued, &searcher);
            let registries = &registries;
            let outlet_override = outlet_override.as_deref();
            let worker = std::thread::Builder::new().name("digest-prepare".into());
            worker.spawn_scoped(scope, move || {
                loop {
                    let i = next_job.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() || stopped() {
                        break;
                    }
                    let size = jobs[i].size();
                    loop {
                        let w = written.load(Ordering::Acquire);
                        let full = i >= w + window
                            || queued.load(Ordering::Acquire) + size > QUEUED_INPUT_BYTES;
                        if i == w || !full {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    queued.fetch_add(size, Ordering::AcqRel);
                    let outcome =
                        process(&jobs[i], registries, searcher, &f, outlet_override, arrival);
                    if tx.send((i, size, outcome)).is_err() {
                        break;
                    }
                }
            })?;
        }
        drop(tx);
        let mut pending: BTreeMap<usize, (u64, Outcome)> = BTreeMap::new();
        let mut state = RunState {
            handoff: Arc::clone(&handoff),
            removed: super::removed::removed_ids(index.path())?
                .into_keys()
                .collect(),
            record: opts.record,
            stop: opts.stop.clone(),
            ..RunState::default()
        };
        let mut next = 0;
        for (i, size, outcome) in rx {
            if stopped() {
                return Err(Error::Interrupted);
            }
            pending.insert(i, (size, outcome));
            while let Some((size, outcome)) = pending.remove(&next) {
                let path = jobs[next].path();
                apply(&mut writer, index, &path, outcome, &mut state, &mut report)?;
                queued.fetch_sub(size, Ordering::AcqRel);
                next += 1;
                written.store(next, Ordering::Release);
                progress(Progress {
                    done: next,
                    total,
                    articles: report.added + report.duplicates,
                    elapsed: start.elapsed(),
                });
            }
        }
        // Stopped while the last files were being read: nothing more will come.
        if stopped() {
            return Err(Error::Interrupted);
        }
        Ok(())
    });
    if let Err(Error::Interrupted) = result {
        discard_all(index, opts, writer);
        return Err(Error::Interrupted);
    }
    if let Err(e) = result {
        let e = cause(&mut writer, e);
        discard(writer);
        return Err(write_failure(index, e));
    }
    let mut prepared = match writer.prepare_commit() {
        Ok(p) => p,
        Err(e) => {
            discard(writer);
            return Err(write_failure(index, e));
        }
    };
    prepared.set_payload(SCHEMA_VERSION);
    if let Err(e) = prepared.commit() {
        // A failure after the new meta.json is in place (cleaning up) does not undo the
        // commit: the run succeeded.
        let landed = index
            .tantivy()
            .load_metas()
            .is_ok_and(|m| m.opstamp != committed_before);
        if !landed {
            discard(writer);
            return Err(write_failure(index, e));
        }
    }
    // The commit is durable; a merge that fails (say, for want of disk space) leaves the
    // segments unmerged, and a later run merges them.
    let _ = writer.wait_merging_threads();
    index.reload()?;
    Ok(report)
}

/// When the articles of a run count as arrived (see [`Origin::added`]).
#[derive(Clone, Copy)]
enum Arrival {
    At(u64),
    FileWritten,
}

fn process(
    job: &Job,
    registries: &Registries,
    searcher: &Searcher,
    f: &super::Fields,
    outlet_override: Option<&str>,
    arrival: Arrival,
) -> Outcome {
    let path = job.path();
    let (bytes, format, manifest) = match job {
        // Bounded and non-blocking: the file may have grown, or been swapped for a
        // named pipe, since the walk looked at it.
        Job::File(p, format) => {
            match read::read_file(p, ingest::Limits::default().for_format(*format)) {
                Ok(b) => (std::borrow::Cow::Owned(b), *format, None),
                Err(e) => return Outcome::Skip(e.to_string()),
            }
        }
        Job::Bundled(name, bytes) => (
            std::borrow::Cow::Borrowed(*bytes),
            Format::Text,
            bundled::manifest_entry(name),
        ),
    };
    // The bundled corpus keeps its manifest's outlets even under --outlet.
    let outlet_override = if manifest.is_some() {
        None
    } else {
        outlet_override
    };
    let hash = ingest::short_hash(&bytes);
    let key = Term::from_field_u64(f.path_key, path_key(&path));
    if !never_indexed(searcher, &key) {
        let seen = BooleanQuery::intersection(vec![
            term_query(key),
            term_query(Term::from_field_u64(
                f.path_hash,
                path_hash_key(&path, &hash),
            )),
        ]);
        if searcher.search(&seen, &Count).unwrap_or(0) > 0 {
            return Outcome::Unchanged;
        }
    }
    // JSON Lines are decoded line by line, so one bad line costs only that line.
    let raws = match read::read_bytes(&bytes, format) {
        Ok(r) => r,
        Err(e) => return Outcome::Skip(e.to_string()),
    };
    drop(bytes);
    let cx = Context {
        outlets: &registries.outlets,
        entities: &registries.entities,
        outlet_override,
        manifest,
    };
    let added = match (job, arrival) {
        (Job::Bundled(..), _) => None,
        (Job::File(..), Arrival::At(t)) => Some(t),
        (Job::File(p, _), Arrival::FileWritten) => std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs()),
    };
    let items = raws
        .into_iter()
        .map(|r| {
            let raw = r?;
            let item = raw.item;
            let origin = Origin {
                path: path.clone(),
                item,
                hash: hash.clone(),
                added,
            };
            ingest::prepare(raw, origin, &cx).map_err(|e| (item.unwrap_or(0), e))
        })
        .collect();
    Outcome::Articles(items)
}

#[derive(Default)]
struct RunState {
    added_ids: FxHashSet<String>,
    deleted_ids: FxHashSet<String>,
    /// Articles added in this run that carry their first origin, with that origin.
    carried: FxHashMap<String, Origin>,
    /// Where the tokens of the articles added go for tantivy's indexing threads.
    handoff: Arc<Handoff>,
    /// Ids of articles removed with `digest remove`: never stored again.
    removed: FxHashSet<String>,
    /// Whether to keep a record of each article ([`IngestOptions::record`]).
    record: bool,
    /// [`IngestOptions::stop`], looked at between the items of a large file too.
    stop: Option<Arc<std::sync::atomic::AtomicBool>>,
}

/// The run's tokenizer, registered under the analyzer's name while the run lasts: it
/// takes the tokens the run offers. The plain one is registered again when the run ends,
/// however it ends.
struct RunTokenizer<'a>(&'a DigestIndex);

impl<'a> RunTokenizer<'a> {
    /// Registers a tokenizer holding `handoff`. Called with the writer lock held and
    /// before any document is added, so every segment of the run uses it and no other
    /// run can replace it.
    fn register(index: &'a DigestIndex, handoff: Arc<Handoff>) -> RunTokenizer<'a> {
        let tokenizer = DigestTokenizer::with_handoff(handoff);
        index.tantivy().tokenizers().register(ANALYZER, tokenizer);
        RunTokenizer(index)
    }
}

impl Drop for RunTokenizer<'_> {
    fn drop(&mut self) {
        let plain = DigestTokenizer::default();
        self.0.tantivy().tokenizers().register(ANALYZER, plain);
    }
}

impl RunState {
    /// The origin the article document `id` carries, if any: the one added in this run,
    /// else the committed one.
    fn own_origin(
        &self,
        searcher: &Searcher,
        f: &super::Fields,
        id: &str,
    ) -> Result<Option<Origin>> {
        if self.added_ids.contains(id) {
            return Ok(self.carried.get(id).cloned());
        }
        if self.deleted_ids.contains(id) {
            return Ok(None);
        }
        committed_own_origin(searcher, f, id)
    }
}

/// Deletes the article document `id`. Its own origin, when that is not `path` (the file
/// being replaced), is another file that still holds the text: it is kept as an origin
/// document.
fn delete_article(
    writer: &mut IndexWriter,
    f: &super::Fields,
    id: &str,
    own: Option<Origin>,
    path: &str,
) -> Result<()> {
    writer.delete_query(Box::new(article_query(f, id)))?;
    if let Some(o) = own.filter(|o| o.path != path) {
        writer.add_document(origin_doc(f, id, &o))?;
    }
    Ok(())
}

fn apply(
    writer: &mut IndexWriter,
    index: &DigestIndex,
    path: &str,
    outcome: Outcome,
    state: &mut RunState,
    report: &mut IngestReport,
) -> Result<()> {
    // The index has not been reloaded since the run began: this is the committed state.
    let searcher = &index.searcher();
    let f = index.fields();
    let items = match outcome {
        Outcome::Unchanged => {
            report.unchanged += 1;
            return Ok(());
        }
        Outcome::Skip(reason) => {
            report.skipped.push((path.to_string(), reason));
            return Ok(());
        }
        Outcome::Articles(items) => items,
    };
    let new_ids: FxHashSet<&str> = items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|p| p.article.id.as_str())
        .collect();

    // A changed file: forget its old origins, and the articles only it held. Deleting
    // its path deletes the origin documents from it and the article documents whose own
    // origin it was.
    let old_ids = committed_ids_for_path(searcher, f, path)?;
    let changed = !old_ids.is_empty();
    if changed {
        report.updated += 1;
        writer.delete_term(Term::from_field_u64(f.path_key, path_key(path)));
        for id in &old_ids {
            if new_ids.contains(id.as_str()) {
                // Replaced by the new version below.
                let own = state.own_origin(searcher, f, id)?;
                delete_article(writer, f, id, own, path)?;
                state.deleted_ids.insert(id.clone());
                state.added_ids.remove(id);
                state.carried.remove(id);
            } else if state.added_ids.contains(id) {
                // A copy added earlier in this run holds the text.
            } else {
                let others: Vec<Origin> = index
                    .origins(id)?
                    .into_iter()
                    .filter(|o| o.path != path)
                    .collect();
                let own = state.own_origin(searcher, f, id)?;
                delete_article(writer, f, id, own, path)?;
                state.deleted_ids.insert(id.clone());
                // The text lives on in other files: store it again, sourced from them.
                // Each of them has an origin document now, so the article carries none.
                if !others.is_empty()
                    && let Some(mut article) = index.article(id)?
                {
                    article.origins = others;
                    writer.add_document(article_doc(f, &mut article, None))?;
                    state.deleted_ids.remove(id);
                    state.added_ids.insert(id.clone());
                }
            }
        }
    }

    let mut any = false;
    for (n, item) in items.into_iter().enumerate() {
        if n % 256 == 255
            && state
                .stop
                .as_ref()
                .is_some_and(|s| s.load(Ordering::Relaxed))
        {
            return Err(Error::Interrupted);
        }
        let mut prepared = match item {
            Ok(p) => p,
            Err((i, reason)) => {
                report
                    .skipped
                    .push((item_source(path, Some(i)), reason.to_string()));
                continue;
            }
        };
        any = true;
        let id = prepared.article.id.clone();
        if state.removed.contains(&id) {
            let at = item_source(path, prepared.article.origins[0].item);
            report
                .skipped
                .push((at, "removed with `digest remove`".to_string()));
            continue;
        }
        let origin = prepared.article.origins[0].clone();
        if let Some(date) = prepared.unread_date.take() {
            report
                .unread_dates
                .push((item_source(path, origin.item), date));
        }
        let record = state.record.then(|| IngestedArticle {
            status: "",
            id: id.clone(),
            source: item_source(path, origin.item),
            title: prepared.article.title.clone(),
            outlet: prepared.article.outlet.clone(),
            date: prepared.article.date.clone(),
        });
        let exists = state.added_ids.contains(&id)
            || (!state.deleted_ids.contains(&id) && committed_article(searcher, f, &id)?);
        if !exists {
            // The first origin of a new article is recorded on the article itself.
            let doc = article_doc(f, &mut prepared.article, Some(&origin));
            // tantivy's indexing thread will ask for these tokens in a moment. The
            // document holds copies of title and body; the article's own become the keys.
            let article = &mut prepared.article;
            let handoff = &state.handoff;
            handoff.offer(std::mem::take(&mut article.title), prepared.title_tokens);
            handoff.offer(std::mem::take(&mut article.body), prepared.body_tokens);
            writer.add_document(doc)?;
            state.added_ids.insert(id.clone());
            state.carried.insert(id.clone(), origin);
            if !changed {
                report.added += 1;
            }
            if let Some(mut r) = record {
                r.status = if changed { "updated" } else { "added" };
                report.articles.push(r);
            }
        } else {
            if !changed {
                report.duplicates += 1;
            }
            writer.add_document(origin_doc(f, &id, &origin))?;
            if let Some(mut r) = record {
                r.status = if changed { "updated" } else { "duplicate" };
                report.articles.push(r);
            }
        }
    }
    if !any && changed {
        // Every item of the new version was refused; the old version is gone.
        report.updated -= 1;
    }
    Ok(())
}

/// Whether no committed document has `term`, deleted ones included: true for nearly every
/// file and article of a large ingest, told by a look in each segment's term dictionary
/// without building a query.
fn never_indexed(searcher: &Searcher, term: &Term) -> bool {
    searcher.doc_freq(term).is_ok_and(|n| n == 0)
}

fn committed_article(searcher: &Searcher, f: &super::Fields, id: &str) -> Result<bool> {
    if never_indexed(searcher, &Term::from_field_text(f.id, id)) {
        return Ok(false);
    }
    Ok(searcher.search(&article_query(f, id), &Count)? > 0)
}

pub(crate) fn committed_ids_for_path(
    searcher: &Searcher,
    f: &super::Fields,
    path: &str,
) -> Result<Vec<String>> {
    let key = Term::from_field_u64(f.path_key, path_key(path));
    if never_indexed(searcher, &key) {
        return Ok(Vec::new());
    }
    let mut ids = Vec::new();
    for addr in searcher.search(&*term_query(key), &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str())
            && !ids.iter().any(|i| i == id)
        {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

/// An origin document: one more file (and item) an article's text was found in.
fn origin_doc(f: &super::Fields, id: &str, origin: &Origin) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.kind, KIND_ORIGIN);
    doc.add_text(f.id, id);
    add_origin(&mut doc, f, origin);
    // Every document has a date value, so the date column is dense and fast to read.
    doc.add_u64(f.date, 0);
    doc
}

/// The fields that record an origin: on an origin document, or on the article document
/// of the file the article was first found in.
fn add_origin(doc: &mut TantivyDocument, f: &super::Fields, origin: &Origin) {
    doc.add_u64(f.path_key, path_key(&origin.path));
    doc.add_u64(f.path_hash, path_hash_key(&origin.path, &origin.hash));
    doc.add_text(f.origin, serde_json::to_string(origin).unwrap_or_default());
}

/// The origin the committed article document `id` carries, if any (articles stored
/// again from their other files carry none).
fn committed_own_origin(
    searcher: &Searcher,
    f: &super::Fields,
    id: &str,
) -> Result<Option<Origin>> {
    for addr in searcher.search(&article_query(f, id), &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        if let Some(json) = doc.get_first(f.origin).and_then(|v| v.as_str()) {
            return Ok(serde_json::from_str(json).ok());
        }
    }
    Ok(None)
}

/// An article document; `origin` when it carries the origin it was first found in.
fn article_doc(
    f: &super::Fields,
    a: &mut crate::model::Article,
    origin: Option<&Origin>,
) -> TantivyDocument {
    let json = article_json(a);
    let sentences = super::pack_sentences(&a.sentences);
    // Sized for what it will hold (the body twice: indexed, and stored), so that it is
    // not grown and copied a step at a time.
    let values = 2 * a.body.len()
        + a.title.len()
        + a.captions.iter().map(String::len).sum::<usize>()
        + json.len()
        + sentences.len();
    let mut doc = TantivyDocument::with_capacity(values + 1024);
    if let Some(o) = origin {
        add_origin(&mut doc, f, o);
    }
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_text(f.id, &a.id);
    // Title and body go through the registered `digest` analyzer inside tantivy's
    // indexing threads, which finds the tokens ingest offered (see [`Handoff`]):
    // handing tantivy pre-tokenised text costs more, as it round-trips the tokens
    // through JSON.
    doc.add_text(f.title, &a.title);
    doc.add_text(f.body, &a.body);
    for c in &a.captions {
        doc.add_text(f.captions, c);
    }
    doc.add_text(f.outlet, &a.outlet);
    doc.add_text(f.outlet_name, &a.outlet_name);
    doc.add_u64(f.date, date_key(a.date.as_deref()));
    doc.add_u64(f.date_end, date_end_key(a.date.as_deref()));
    for e in &a.entities {
        doc.add_text(f.entity, e);
    }
    let mut stored_body = String::with_capacity(a.body.len() + BODY_MARK.len_utf8());
    stored_body.push(BODY_MARK);
    stored_body.push_str(&a.body);
    doc.add_text(f.stored_body, stored_body);
    doc.add_text(f.article, json);
    doc.add_text(f.sentences, sentences);
    doc
}

/// The stored JSON of an article, without its body and sentence table (stored apart).
pub fn article_json(a: &mut crate::model::Article) -> String {
    let body = std::mem::take(&mut a.body);
    let sentences = std::mem::take(&mut a.sentences);
    // Written into a buffer sized for it: grown a step at a time, it was copied again and
    // again.
    let mut buf = Vec::with_capacity(
        a.title.len() + a.captions.iter().map(String::len).sum::<usize>() + 1024,
    );
    let written = serde_json::to_writer(&mut buf, &*a);
    a.body = body;
    a.sentences = sentences;
    match written {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => String::new(),
    }
}
