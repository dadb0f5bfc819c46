//! `digest reindex`: rebuilds the index from the files it was built from.
//!
//! Every article records its origins (each file and item, on the article document or an
//! origin document: the path, `bundled:…` for the built-in corpus), and an article ingested with `--outlet` records
//! that in its provenance (`set by --outlet NAME`). Reindexing reads those records
//! straight from the segments' document stores — not through tantivy's reader, so an
//! index that no longer opens (a version digest cannot read, a missing postings file)
//! still gives them up; stored values are recognised by their content (an origin's JSON
//! starts with its path, an article's with its id), not by field number — builds a fresh index from the recorded files in a sibling
//! directory (`<dir>.reindex-<pid>`), and swaps it in.
//!
//! Where the records come from:
//!
//! - `meta.json` readable: exactly the committed segments, with their deletions;
//! - `meta.json` missing or unreadable: every segment store file in the directory, which
//!   may include segments of runs that were killed before their commit (their files are
//!   ingested too) and lacks deletions (a file whose articles were all refused on its
//!   last ingest comes back);
//! - neither: nothing, and the index is rebuilt from the bundled corpus and the paths the
//!   user gives (`digest reindex PATH...`).
//!
//! Each store and deletion file is checked against the checksum in its footer before it
//! is read; a file that fails is reported and skipped, never half-read.
//!
//! The ids of articles removed with `digest remove` (`removed.tsv`) are carried into
//! the new index before anything is ingested, so those articles stay out.
//!
//! The swap is atomic on Linux (`renameat2(RENAME_EXCHANGE)`); elsewhere it is two renames
//! (old → `<dir>.old-<pid>`, new → `<dir>`), and a crash between them leaves the previous
//! index in `<dir>.old-<pid>`, which [`DigestIndex::open`] reports and the next reindex
//! puts back. While it runs, reindex holds the old index's writer lock, so an ingest that
//! starts meanwhile is told the index is busy. When anything could not be recovered, the
//! old index is kept beside the new one (`<dir>.damaged-<pid>`) instead of deleted.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tantivy::TantivyDocument;
use tantivy::directory::footer::Footer;
use tantivy::directory::{Directory, FileSlice, MmapDirectory};
use tantivy::fastfield::AliveBitSet;
use tantivy::schema::Value;
use tantivy::store::StoreReader;

use super::removed::REMOVED;
use super::writer::{IngestOptions, IngestReport, Progress, ingest_paths};
use super::{Contents, DigestIndex, is_segment_file, survey};
use crate::bundled::BUNDLED_PREFIX;
use crate::error::{Error, Result, short};
use crate::model::Origin;
use crate::registries::Registries;

/// Settings of a reindex.
#[derive(Debug, Clone)]
pub struct ReindexOptions {
    /// Files and directories to ingest besides the recorded sources.
    pub paths: Vec<PathBuf>,
    /// Leave the bundled corpus out even if the old index held it (or its sources could
    /// not be read, when it is otherwise added).
    pub no_bundled: bool,
    /// Worker threads.
    pub threads: usize,
    /// Indexer memory budget in MiB.
    pub memory_mib: usize,
    /// Set to stop the rebuild: it ends with `Error::Interrupted` and the old index
    /// stays as it was (see [`IngestOptions::stop`]).
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Default for ReindexOptions {
    fn default() -> Self {
        let ingest = IngestOptions::default();
        ReindexOptions {
            paths: Vec::new(),
            no_bundled: false,
            threads: ingest.threads,
            memory_mib: ingest.memory_mib,
            stop: None,
        }
    }
}

/// Where the record of the sources came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveredFrom {
    /// The committed segments, as `meta.json` lists them.
    Commit,
    /// Every segment store file in the directory, `meta.json` being unreadable (why).
    SegmentFiles(String),
    /// Nowhere (why): there was no index, or nothing in it could be read.
    Nothing(String),
}

/// The sources read back from the old index.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// Where they came from.
    pub from: RecoveredFrom,
    /// Whether the bundled corpus was among them.
    pub bundled: bool,
    /// Recorded files (absolute paths), each with the `--outlet` it was ingested with,
    /// if any.
    pub files: BTreeMap<String, Option<String>>,
    /// Segments read.
    pub segments_read: usize,
    /// What could not be read: `segment 4665…: file 4665….store is missing`.
    pub problems: Vec<String>,
    /// Stored documents that could not be decoded.
    pub unreadable_docs: usize,
}

impl Recovered {
    fn nothing(why: &str) -> Recovered {
        Recovered {
            from: RecoveredFrom::Nothing(why.into()),
            bundled: false,
            files: BTreeMap::new(),
            segments_read: 0,
            problems: Vec::new(),
            unreadable_docs: 0,
        }
    }

    /// Whether every source of the old index is known: it was read from its commit and
    /// nothing failed.
    pub fn complete(&self) -> bool {
        self.from == RecoveredFrom::Commit && self.problems.is_empty() && self.unreadable_docs == 0
    }

    /// Files recorded with an `--outlet` override.
    pub fn overridden(&self) -> usize {
        self.files.values().filter(|o| o.is_some()).count()
    }
}

/// What a reindex did.
#[derive(Debug, Clone)]
pub struct ReindexReport {
    /// The index directory.
    pub path: PathBuf,
    /// The sources read back.
    pub recovered: Recovered,
    /// Whether the bundled corpus went into the new index.
    pub bundled: bool,
    /// The ingest runs into the new index, added up. Recorded files that no longer exist
    /// are among `skipped`.
    pub ingest: IngestReport,
    /// Where the old index was kept, when something of it could not be recovered.
    pub kept: Option<PathBuf>,
}

/// [`reindex_with`] the bundled registries.
pub fn reindex(
    dir: &Path,
    opts: &ReindexOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReindexReport> {
    reindex_with(dir, &Registries::bundled(), opts, progress)
}

/// Rebuilds the index in `dir` from its recorded sources and `opts.paths`, reading
/// articles with `registries`.
pub fn reindex_with(
    dir: &Path,
    registries: &Registries,
    opts: &ReindexOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReindexReport> {
    let dir = &fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .map_err(|e| Error::OpenIndex {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
    let write_err = |reason: String| Error::WriteIndex {
        path: dir.clone(),
        reason,
    };
    // A swap that stopped half-way: put the previous index back, then rebuild it.
    if survey(dir)? == Contents::Missing
        && let Some(previous) = interrupted(dir)
    {
        fs::rename(&previous, dir)
            .map_err(|e| write_err(format!("cannot move {} back: {e}", previous.display())))?;
    }
    let contents = survey(dir)?;
    if contents == Contents::Other {
        return Err(Error::NotAnIndex(dir.clone()));
    }
    let _lock = match contents {
        Contents::Missing => None,
        _ => Some(lock_writer(dir)?),
    };
    remove_stale_siblings(dir);
    let recovered = match contents {
        Contents::Missing | Contents::Fresh => Recovered::nothing("there was no index"),
        _ => collect(dir),
    };

    let new_dir = sibling(dir, "reindex");
    if new_dir.exists() {
        fs::remove_dir_all(&new_dir).map_err(|e| write_err(e.to_string()))?;
    }
    let bundled = !opts.no_bundled && (recovered.bundled || !recovered.complete());
    let ingest = match build(
        dir, &new_dir, registries, &recovered, bundled, opts, progress,
    ) {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_dir_all(&new_dir);
            return Err(e);
        }
    };
    let old = swap_in(dir, &new_dir).map_err(|e| {
        let _ = fs::remove_dir_all(&new_dir);
        write_err(format!("cannot move the rebuilt index into place: {e}"))
    })?;
    let kept = match old {
        Some(old) if !recovered.complete() && contents != Contents::Fresh => {
            let keep = sibling(dir, "damaged");
            match fs::rename(&old, &keep) {
                Ok(()) => Some(keep),
                Err(_) => Some(old),
            }
        }
        Some(old) => {
            let _ = fs::remove_dir_all(&old);
            None
        }
        None => None,
    };
    Ok(ReindexReport {
        path: dir.clone(),
        recovered,
        bundled,
        ingest,
        kept,
    })
}

/// Ingests the sources into a new index in `new_dir`: one run per `--outlet` override
/// (files without one, and the paths given, first, with the bundled corpus).
fn build(
    dir: &Path,
    new_dir: &Path,
    registries: &Registries,
    recovered: &Recovered,
    bundled: bool,
    opts: &ReindexOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestReport> {
    let index = DigestIndex::open_with(new_dir, registries.clone())?;
    // Articles removed with `digest remove` stay out of the rebuilt index.
    let removed = dir.join(REMOVED);
    if removed.exists() {
        fs::copy(&removed, new_dir.join(REMOVED)).map_err(|e| Error::WriteIndex {
            path: new_dir.to_path_buf(),
            reason: format!("cannot carry over {}: {e}", removed.display()),
        })?;
    }
    let mut groups: BTreeMap<Option<String>, Vec<PathBuf>> = BTreeMap::new();
    groups.insert(None, opts.paths.clone());
    for (path, outlet) in &recovered.files {
        groups
            .entry(outlet.clone())
            .or_default()
            .push(PathBuf::from(path));
    }
    let mut total = IngestReport::default();
    let mut first = true;
    for (outlet, paths) in groups {
        let with_bundled = first && bundled;
        first = false;
        if paths.is_empty() && !with_bundled {
            continue;
        }
        let run = IngestOptions {
            outlet,
            threads: opts.threads,
            memory_mib: opts.memory_mib,
            bundled: with_bundled,
            record: false,
            rebuild: true,
            stop: opts.stop.clone(),
        };
        let r = ingest_paths(&index, &paths, &run, progress)?;
        total.added += r.added;
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.duplicates += r.duplicates;
        total.ignored += r.ignored;
        total.skipped.extend(r.skipped);
        total.unread_dates.extend(r.unread_dates);
    }
    Ok(total)
}

/// A segment's store file and, if it has deletions, its deletion file.
struct SegmentFiles {
    id: String,
    store: String,
    deletes: Option<String>,
}

/// The parts of a stored article that say where it came from.
#[derive(Deserialize)]
struct ArticleSources {
    #[serde(default)]
    origins: Vec<Origin>,
    #[serde(default)]
    provenance: BTreeMap<String, String>,
}

/// Reads the recorded sources of the index in `dir`, as far as they can be read.
fn collect(dir: &Path) -> Recovered {
    let mut r = Recovered::nothing("");
    let segments = match committed_segments(dir) {
        Ok(segments) => {
            r.from = RecoveredFrom::Commit;
            segments
        }
        Err(why) => {
            let segments = segment_files(dir);
            r.from = if segments.is_empty() {
                RecoveredFrom::Nothing(format!("{why}, and no segment files were found"))
            } else {
                RecoveredFrom::SegmentFiles(why)
            };
            segments
        }
    };
    let directory = match MmapDirectory::open(dir) {
        Ok(d) => d,
        Err(e) => {
            r.from = RecoveredFrom::Nothing(short(&e.to_string()));
            return r;
        }
    };
    let mut paths = BTreeSet::new();
    let mut overrides = BTreeMap::new();
    for segment in &segments {
        match read_segment(&directory, segment, &mut paths, &mut overrides) {
            Ok(unreadable) => {
                r.segments_read += 1;
                r.unreadable_docs += unreadable;
            }
            Err(why) => r
                .problems
                .push(format!("segment {}…: {why}", &segment.id[..8])),
        }
    }
    for path in paths {
        if path.starts_with("bundled:") {
            r.bundled = true;
        } else {
            let outlet = overrides.get(&path).cloned();
            r.files.insert(path, outlet);
        }
    }
    if r.segments_read == 0
        && !segments.is_empty()
        && let RecoveredFrom::SegmentFiles(why) = &r.from
    {
        r.from = RecoveredFrom::Nothing(format!("{why}, and no segment file could be read"));
    }
    r
}

/// The committed segments, from `meta.json` (read as plain JSON: it need not be this
/// version's to give up its segment list).
fn committed_segments(dir: &Path) -> std::result::Result<Vec<SegmentFiles>, String> {
    let text = fs::read(dir.join("meta.json")).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "meta.json is missing".to_string(),
        _ => format!("meta.json cannot be read: {e}"),
    })?;
    let bad = || "meta.json is not a valid index description".to_string();
    let meta: serde_json::Value = serde_json::from_slice(&text).map_err(|_| bad())?;
    let mut segments = Vec::new();
    for s in meta["segments"].as_array().ok_or_else(bad)? {
        let id: String = s["segment_id"]
            .as_str()
            .ok_or_else(bad)?
            .chars()
            .filter(|c| *c != '-')
            .collect();
        if !is_segment_file(&format!("{id}.store")) {
            return Err(bad());
        }
        let deletes = s["deletes"]["opstamp"]
            .as_u64()
            .map(|opstamp| format!("{id}.{opstamp}.del"));
        segments.push(SegmentFiles {
            store: format!("{id}.store"),
            id,
            deletes,
        });
    }
    Ok(segments)
}

/// Every segment store file in `dir`, with the newest deletion file of its segment.
fn segment_files(dir: &Path) -> Vec<SegmentFiles> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_segment_file(n))
        .collect();
    let mut out = Vec::new();
    for name in &names {
        let Some(id) = name.strip_suffix(".store") else {
            continue;
        };
        let deletes = names
            .iter()
            .filter_map(|n| {
                let opstamp = n
                    .strip_prefix(id)?
                    .strip_prefix('.')?
                    .strip_suffix(".del")?;
                Some((opstamp.parse::<u64>().ok()?, n.clone()))
            })
            .max()
            .map(|(_, n)| n);
        out.push(SegmentFiles {
            id: id.to_string(),
            store: name.clone(),
            deletes,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Reads one segment's stored documents, noting every source path and `--outlet`
/// override. Returns the number of documents that could not be decoded.
fn read_segment(
    directory: &MmapDirectory,
    segment: &SegmentFiles,
    paths: &mut BTreeSet<String>,
    overrides: &mut BTreeMap<String, String>,
) -> std::result::Result<usize, String> {
    let store = StoreReader::open(checked(directory, &segment.store)?, 4)
        .map_err(|e| format!("file {} cannot be read: {e}", segment.store))?;
    let alive = match &segment.deletes {
        Some(name) => {
            let bytes = checked(directory, name)?
                .read_bytes()
                .map_err(|e| format!("file {name} cannot be read: {e}"))?;
            if bytes.len() < 4 || (bytes.len() - 4) % 8 != 0 {
                return Err(format!("file {name} is damaged"));
            }
            Some(AliveBitSet::open(bytes))
        }
        None => None,
    };
    let mut unreadable = 0;
    for doc in store.iter::<TantivyDocument>(alive.as_ref()) {
        let Ok(doc) = doc else {
            unreadable += 1;
            continue;
        };
        // Recognised by content, not by field number: the JSON of an origin starts with
        // its path, that of an article with its id. An index written by another version
        // of digest numbers its fields differently, and a damaged one may not say.
        for value in doc.field_values().map(|(_, v)| v) {
            let Some(text) = value.as_str() else {
                continue;
            };
            if text.starts_with("{\"path\":") {
                match serde_json::from_str::<Origin>(text) {
                    Ok(o) => note_path(paths, o.path),
                    Err(_) => unreadable += 1,
                }
            } else if text.starts_with("{\"id\":") {
                let Ok(a) = serde_json::from_str::<ArticleSources>(text) else {
                    unreadable += 1;
                    continue;
                };
                if let Some(first) = a.origins.first()
                    && !first.path.starts_with(BUNDLED_PREFIX)
                    && let Some(name) = a
                        .provenance
                        .get("outlet")
                        .and_then(|how| how.strip_prefix("set by --outlet "))
                {
                    overrides.insert(first.path.clone(), name.to_string());
                }
                for o in a.origins {
                    note_path(paths, o.path);
                }
            }
        }
    }
    Ok(unreadable)
}

/// Keeps a recorded path that looks like one: absolute, or in the bundled corpus.
fn note_path(paths: &mut BTreeSet<String>, path: String) {
    if (path.starts_with(BUNDLED_PREFIX) || Path::new(&path).is_absolute())
        && !path.contains(['\n', '\0'])
    {
        paths.insert(path);
    }
}

/// Opens a segment file and checks it against the checksum in its footer; returns its
/// contents without the footer.
fn checked(directory: &MmapDirectory, name: &str) -> std::result::Result<FileSlice, String> {
    let file = directory.open_read(Path::new(name)).map_err(|e| match e {
        tantivy::directory::error::OpenReadError::FileDoesNotExist(_) => {
            format!("file {name} is missing")
        }
        e => format!("file {name} cannot be read: {}", short(&e.to_string())),
    })?;
    let (footer, body) = Footer::extract_footer(file)
        .map_err(|_| format!("file {name} is truncated or corrupted"))?;
    let bytes = body
        .read_bytes()
        .map_err(|e| format!("file {name} cannot be read: {e}"))?;
    if crc32(bytes.as_slice()) != footer.crc {
        return Err(format!("file {name} fails its checksum"));
    }
    Ok(body)
}

/// CRC-32 (IEEE), as tantivy's footers record it.
fn crc32(bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    });
    let mut crc = !0u32;
    for &b in bytes {
        crc = table[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Takes the writer lock of the index in `dir` (the one tantivy's writer takes), so no
/// ingest runs while the index is rebuilt.
fn lock_writer(dir: &Path) -> Result<fs::File> {
    let write_err = |reason: String| Error::WriteIndex {
        path: dir.to_path_buf(),
        reason,
    };
    let file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(".tantivy-writer.lock"))
        .map_err(|e| write_err(format!("cannot open the writer lock: {e}")))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(Error::IndexBusy(dir.to_path_buf())),
        Err(fs::TryLockError::Error(e)) => {
            Err(write_err(format!("cannot take the writer lock: {e}")))
        }
    }
}

/// `<dir>.<tag>-<pid>`.
fn sibling(dir: &Path, tag: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("{name}.{tag}-{}", std::process::id()))
}

/// Siblings of `dir` named `<name>.<tag>-<pid>`, with the pid.
fn siblings(dir: &Path, tag: &str) -> Vec<(PathBuf, u32)> {
    let Ok(dir) = std::path::absolute(dir) else {
        return Vec::new();
    };
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Vec::new();
    };
    let prefix = format!("{}.{tag}-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, u32)> = entries
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let pid = n.strip_prefix(&prefix)?.parse().ok()?;
            Some((e.path(), pid))
        })
        .collect();
    out.sort();
    out
}

/// When `dir` is missing because a reindex stopped between its two renames: where the
/// previous index is.
pub(crate) fn interrupted(dir: &Path) -> Option<PathBuf> {
    siblings(dir, "old")
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.join("meta.json").exists())
}

/// Removes what reindex runs that died left beside `dir`: half-built indexes, and old
/// indexes whose replacement is in place. Called with the writer lock held and `dir`
/// present.
fn remove_stale_siblings(dir: &Path) {
    for tag in ["reindex", "old"] {
        for (path, pid) in siblings(dir, tag) {
            if pid != std::process::id() && !process_alive(pid) {
                let _ = fs::remove_dir_all(path);
            }
        }
    }
}

fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks whether the process exists; no signal is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Moves the index built in `new_dir` to `dir`. Returns where the previous index is now,
/// if there was one.
fn swap_in(dir: &Path, new_dir: &Path) -> std::io::Result<Option<PathBuf>> {
    if !dir.exists() {
        fs::rename(new_dir, dir)?;
        sync_parent(dir);
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    if exchange(new_dir, dir).is_ok() {
        sync_parent(dir);
        return Ok(Some(new_dir.to_path_buf()));
    }
    let old = sibling(dir, "old");
    fs::rename(dir, &old)?;
    if let Err(e) = fs::rename(new_dir, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e);
    }
    sync_parent(dir);
    Ok(Some(old))
}

/// Swaps two directories in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call; the
    // syscall reads them and nothing else.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Makes the renames in `dir`'s parent durable (best effort).
fn sync_parent(dir: &Path) {
    if let Some(parent) = dir.parent()
        && let Ok(f) = fs::File::open(parent)
    {
        let _ = f.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
