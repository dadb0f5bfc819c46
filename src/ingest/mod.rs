//! Ingest: from files on disk to [`Prepared`] articles, ready for the index.
//!
//! Reading ([`read`]), cleaning ([`clean`]) and date parsing ([`dates`]) each own one
//! concern; [`prepare`] puts them together and decides every metadata value in a fixed
//! order of trust — the user's `--outlet`, the bundled manifest, the file's own
//! header or JSON fields, then what the text itself says — recording for each value how
//! it was established. Nothing here touches the index.

pub mod clean;
pub mod dates;
pub mod html;
pub mod read;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::bundled::ManifestEntry;
use crate::model::{Article, Origin, Sentence};
use crate::outlets::{OutletRegistry, UNATTRIBUTED};

use crate::text::{Analysed, EntityRegistry, split_sentences};
pub use read::{Format, RawArticle, SkipReason};

/// An article ready for the index.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The article as it will be stored.
    pub article: Article,
    /// The analysed title, as the index will ask for it.
    pub title_tokens: Analysed,
    /// The analysed body, as the index will ask for it.
    pub body_tokens: Analysed,
    /// The date the file gave that could not be read (the article is stored undated
    /// unless its text gave one).
    pub unread_date: Option<String>,
}

/// What `prepare` needs besides the raw article.
pub struct Context<'a> {
    /// Outlet registry.
    pub outlets: &'a OutletRegistry,
    /// Entity registry.
    pub entities: &'a EntityRegistry,
    /// `--outlet`: overrides everything else.
    pub outlet_override: Option<&'a str>,
    /// The bundled manifest's entry for this file.
    pub manifest: Option<&'a ManifestEntry>,
}

/// Hash of some bytes as 16 hex digits.
pub fn short_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

/// Cleans a raw article and decides its metadata, sentences and entities.
pub fn prepare(raw: RawArticle, origin: Origin, cx: &Context<'_>) -> Result<Prepared, SkipReason> {
    // Metadata is untrusted text too: no controls or escapes are stored.
    let line = |s: Option<String>| {
        s.map(|s| crate::text::sanitize_inline(&s).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let raw = RawArticle {
        title: line(raw.title),
        outlet: line(raw.outlet),
        date: line(raw.date),
        url: line(raw.url),
        via: line(raw.via),
        language: line(raw.language),
        authors: raw
            .authors
            .into_iter()
            .filter_map(|a| line(Some(a)))
            .collect(),
        ..raw
    };
    let m = cx.manifest;
    let mut provenance = BTreeMap::new();
    let given_title = m.map(|m| m.title.clone()).or_else(|| raw.title.clone());
    let mut cleaned = clean::clean(&raw.body, given_title.as_deref());
    let mut names: Vec<&str> = raw.authors.iter().map(String::as_str).collect();
    names.extend(raw.outlet.as_deref());
    clean::drop_bylines(&mut cleaned.paragraphs, &names);
    let body = cleaned.paragraphs.join("\n\n");
    if body.trim().is_empty() {
        return Err(SkipReason::NoBody);
    }
    let body_tokens = Analysed::of(&body);
    if body_tokens.is_empty() {
        return Err(SkipReason::NoBody);
    }

    // Title.
    let title = if let Some(m) = m {
        provenance.insert(
            "title".into(),
            m.provenance
                .get("title")
                .cloned()
                .unwrap_or_else(|| "bundled manifest".into()),
        );
        m.title.clone()
    } else if let Some(t) = raw.title.clone() {
        provenance.insert("title".into(), "stated by the file".into());
        t
    } else if let Some(t) = cleaned.title.clone() {
        provenance.insert(
            "title".into(),
            "detected: first headline-like line of the text".into(),
        );
        t
    } else {
        provenance.insert(
            "title".into(),
            "the file states no title; taken from the first sentence of the body".into(),
        );
        lead_title(&body)
    };
    let title = crate::text::sanitize_inline(&title).trim().to_string();

    // Outlet.
    let (outlet, outlet_name, how) = if let Some(name) = cx.outlet_override {
        let (id, display) = cx.outlets.identify(name);
        (id, display, format!("set by --outlet {name}"))
    } else if let Some(m) = m {
        let (id, display) = cx.outlets.identify(&m.outlet);
        (
            id,
            display,
            m.provenance
                .get("outlet")
                .cloned()
                .unwrap_or_else(|| "bundled manifest".into()),
        )
    } else if let Some(name) = &raw.outlet {
        let (id, display) = cx.outlets.identify(name);
        (id, display, format!("stated by the file: {name:?}"))
    } else if let Some((name, line)) = &cleaned.source_outlet {
        let (id, display) = cx.outlets.identify(name);
        (id, display, format!("detected from the line {line:?}"))
    } else if let Some((o, found)) = cx.outlets.detect(&raw.body) {
        (
            o.id.clone(),
            o.name.clone(),
            format!("detected from {found:?} in the text"),
        )
    } else {
        let (id, display) = cx.outlets.identify(UNATTRIBUTED);
        (id, display, "no outlet stated or detected".to_string())
    };
    provenance.insert("outlet".into(), how);

    // Date: a stated date wins; a year-less dateline borrows its year from it.
    let mut date = None;
    let mut unread_date = None;
    let stated = m.and_then(|m| m.date.clone()).or_else(|| raw.date.clone());
    if let Some(s) = &stated {
        match dates::parse_date(s) {
            Some(d) => {
                date = Some(d);
                let how = m
                    .and_then(|m| m.provenance.get("date").cloned())
                    .unwrap_or_else(|| format!("stated by the file: {s:?}"));
                provenance.insert("date".into(), how);
            }
            None => {
                provenance.insert(
                    "date".into(),
                    format!("the file's date {s:?} could not be parsed; left empty"),
                );
                unread_date = Some(s.clone());
            }
        }
    }
    if date.is_none()
        && let Some((d, line)) = &cleaned.date
    {
        date = Some(*d);
        provenance.insert("date".into(), format!("detected from the line {line:?}"));
    }
    if let Some((dl, line)) = &cleaned.dateline {
        match date {
            Some(d) if d.day.is_none() && d.year.is_some() => {
                let full = dl.with_year_from(d);
                if full.year.is_some() && (d.month.is_none() || d.month == full.month) {
                    date = Some(full);
                    provenance.insert(
                        "date".into(),
                        format!(
                            "month and day from the dateline {line:?}, year from the stated date"
                        ),
                    );
                }
            }
            None if dl.year.is_some() => {
                date = Some(*dl);
                provenance.insert(
                    "date".into(),
                    format!("detected from the dateline {line:?}"),
                );
            }
            None => {
                provenance.insert(
                    "date".into(),
                    format!("the dateline {line:?} has no year and none was stated; left empty"),
                );
            }
            _ => {}
        }
    }

    let language = m.and_then(|m| m.language.clone()).or(raw.language);
    let via = m
        .and_then(|m| m.via.clone())
        .or(raw.via)
        .or_else(|| raw.url.clone());
    if let Some(m) = m {
        for key in ["via", "language"] {
            if let Some(p) = m.provenance.get(key) {
                provenance.insert(key.into(), p.clone());
            }
        }
    }

    let title_tokens = Analysed::of(&title);
    let (sentences, entities) =
        sentences_and_entities(&body, &body_tokens, &title, &title_tokens, cx.entities);
    let article = Article {
        id: short_hash(body.as_bytes()),
        title,
        body,
        captions: cleaned.captions,
        outlet,
        outlet_name,
        date: date.and_then(|d| d.render()),
        language,
        url: raw.url,
        via,
        authors: raw.authors,
        provenance,
        origins: vec![origin],
        sentences,
        entities,
    };
    // Reported only when the text gave no date either.
    let unread_date = unread_date.filter(|_| article.date.is_none());
    Ok(Prepared {
        article,
        title_tokens,
        body_tokens,
        unread_date,
    })
}

/// A title made from the lead when the file has none: the first sentence, cut at a word
/// boundary near 100 characters.
fn lead_title(body: &str) -> String {
    let first = split_sentences(body)
        .first()
        .map(|r| &body[r.clone()])
        .unwrap_or(body);
    if first.chars().count() <= 100 {
        return first.to_string();
    }
    let mut cut = String::new();
    for word in first.split_whitespace() {
        if cut.chars().count() + word.chars().count() > 100 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.push('…');
    cut
}

/// Whether an entity match on short all-capital forms (US, ESA, ISS) is written in capitals
/// in the text, so that the pronoun "us" is not the United States.
fn acronym_ok(form: &str, written: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    let is_acronym = letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase());
    !is_acronym || !written.chars().any(char::is_lowercase)
}

fn sentences_and_entities(
    body: &str,
    body_tokens: &Analysed,
    title: &str,
    title_tokens: &Analysed,
    registry: &EntityRegistry,
) -> (Vec<Sentence>, Vec<String>) {
    let mut entity_ids: Vec<String> = Vec::new();
    let mut index_of = |id: &str| -> u16 {
        if let Some(i) = entity_ids.iter().position(|e| e == id) {
            return i as u16;
        }
        entity_ids.push(id.to_string());
        (entity_ids.len() - 1) as u16
    };
    let find = |text: &str, tokens: &Analysed| {
        registry
            .matcher()
            .find_with(tokens.len(), |i| tokens.term(i))
            .into_iter()
            .filter(|m| {
                let written = &text[tokens.span(m.start).start..tokens.span(m.end - 1).end];
                acronym_ok(registry.form_text(m), written)
            })
            .collect::<Vec<_>>()
    };
    for m in find(title, title_tokens) {
        index_of(&registry.entities[m.entity].id);
    }
    let body_matches = find(body, body_tokens);
    let ranges = split_sentences(body);
    let mut sentences: Vec<Sentence> = Vec::with_capacity(ranges.len());
    let mut t = 0usize;
    for r in ranges {
        while t < body_tokens.len() && body_tokens.span(t).start < r.start {
            t += 1;
        }
        sentences.push(Sentence {
            start: r.start as u32,
            end: r.end as u32,
            token: t as u32,
            entities: Vec::new(),
        });
    }
    for m in body_matches {
        let pos = m.start as u32;
        let si = sentences
            .partition_point(|s| s.token <= pos)
            .saturating_sub(1);
        let idx = index_of(&registry.entities[m.entity].id);
        if let Some(s) = sentences.get_mut(si)
            && !s.entities.contains(&idx)
        {
            s.entities.push(idx);
        }
    }
    (sentences, entity_ids)
}

/// A file found by walking the inputs, or a problem with a path.
#[derive(Debug)]
pub enum Found {
    /// A file to read, in a format digest knows.
    File(PathBuf, Format),
    /// A path that could not be walked or read.
    Problem(PathBuf, String),
}

/// The largest JSON or JSON Lines file digest reads by default. Such a file is read whole
/// and all its articles are prepared before they are written, which takes about 20 times
/// the file's size in memory for articles of a few hundred bytes (less for longer ones).
pub const MAX_JSON_FILE_BYTES: u64 = 64 << 20;

/// The largest files a walk lets through; larger ones are reported as problems with
/// "file is larger than N MB", never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A plain-text file holds one article: [`read::MAX_ARTICLE_BYTES`] by default.
    pub text_file_bytes: u64,
    /// A JSON or JSON Lines file holds many: [`MAX_JSON_FILE_BYTES`] by default.
    pub json_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            text_file_bytes: read::MAX_ARTICLE_BYTES,
            json_file_bytes: MAX_JSON_FILE_BYTES,
        }
    }
}

impl Limits {
    /// The limit for a file of this format.
    pub fn for_format(&self, format: Format) -> u64 {
        match format {
            Format::Text | Format::Html => self.text_file_bytes,
            Format::Json | Format::JsonLines => self.json_file_bytes,
        }
    }

    /// The file as found, or the problem if it is larger than its format allows.
    fn check(&self, path: PathBuf, format: Format, size: u64) -> Found {
        let limit = self.for_format(format);
        if size > limit {
            let reason = SkipReason::TooLarge {
                what: "file",
                size,
                limit,
            };
            Found::Problem(absolute(path), reason.to_string())
        } else {
            Found::File(path, format)
        }
    }
}

fn absolute(p: PathBuf) -> PathBuf {
    std::path::absolute(&p).unwrap_or(p)
}

/// Why a path that cannot be opened cannot be: a dangling link says so.
fn missing_reason(path: &Path, e: &std::io::Error) -> String {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && e.kind() == std::io::ErrorKind::NotFound => {
            match std::fs::read_link(path) {
                Ok(target) => format!(
                    "broken symbolic link: its target {} does not exist",
                    target.display()
                ),
                Err(_) => "broken symbolic link".to_string(),
            }
        }
        _ => e.to_string(),
    }
}

/// Walks the given paths with the default [`Limits`]; see [`walk_with`].
pub fn walk(paths: &[PathBuf]) -> (Vec<Found>, usize) {
    walk_with(paths, &Limits::default())
}

/// Walks the given paths: files are taken as given (plain text unless their extension
/// says JSON), directories are walked (following symlinks, loops reported) for `.txt`,
/// `.md`, `.json`, `.jsonl` and `.ndjson` files. Returns the files in a stable order and
/// how many other files were ignored.
///
/// Every path that will not be read and is not merely ignored comes back as a
/// [`Found::Problem`] with its absolute path and a reason: a missing path or a broken
/// link, a symbolic link loop, an unreadable directory, a named pipe, socket or device (a
/// pipe could block the run forever; one named explicitly is refused too), and a file
/// larger than `limits` allows.
pub fn walk_with(paths: &[PathBuf], limits: &Limits) -> (Vec<Found>, usize) {
    let mut out = Vec::new();
    let mut ignored = 0;
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push(Found::Problem(
                absolute(path.clone()),
                missing_reason(path, &e),
            )),
            Ok(meta) if meta.is_file() => {
                let format = Format::from_path(path).unwrap_or(Format::Text);
                out.push(limits.check(path.clone(), format, meta.len()));
            }
            Ok(meta) if !meta.is_dir() => {
                let kind = read::special_kind(meta.file_type()).unwrap_or("special file");
                out.push(Found::Problem(
                    absolute(path.clone()),
                    SkipReason::NotRegular(kind).to_string(),
                ));
            }
            Ok(_) => {
                for entry in walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                {
                    match entry {
                        Err(e) => {
                            let p = e
                                .path()
                                .map(Path::to_path_buf)
                                .unwrap_or_else(|| path.clone());
                            let reason = if e.loop_ancestor().is_some() {
                                "symbolic link loop".to_string()
                            } else if let Some(io) = e.io_error() {
                                missing_reason(&p, io)
                            } else {
                                e.to_string()
                            };
                            out.push(Found::Problem(absolute(p), reason));
                        }
                        Ok(e) if e.file_type().is_dir() => {}
                        Ok(e) => {
                            let name = e.file_name().to_string_lossy();
                            let format = Format::from_path(e.path());
                            match format {
                                _ if name.starts_with('.') => ignored += 1,
                                None => ignored += 1,
                                Some(format) => {
                                    if let Some(kind) = read::special_kind(e.file_type()) {
                                        // An article's name on a pipe, socket or device.
                                        out.push(Found::Problem(
                                            absolute(e.into_path()),
                                            SkipReason::NotRegular(kind).to_string(),
                                        ));
                                    } else {
                                        match e.metadata() {
                                            Ok(m) => out.push(limits.check(
                                                e.into_path(),
                                                format,
                                                m.len(),
                                            )),
                                            Err(err) => out.push(Found::Problem(
                                                absolute(e.into_path()),
                                                err.to_string(),
                                            )),
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    (out, ignored)
}

/// Saves text given on standard input (`digest ingest -`) under `stdin/` in `data_dir`,
/// named by its hash, so `reindex` can read it again; the file's extension is the format
/// its first character suggests (`[` a JSON array, `{` JSON or, over several lines, JSON
/// Lines, `<` a web page, else plain text).
pub fn save_stdin(data_dir: &std::path::Path, bytes: &[u8]) -> std::io::Result<std::path::PathBuf> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    let objects = text
        .split(|&b| b == b'\n')
        .filter(|l| l.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'))
        .count();
    let ext = match first {
        Some(b'[') => "json",
        Some(b'{') if objects > 1 => "jsonl",
        Some(b'{') => "json",
        Some(b'<') => "html",
        _ => "txt",
    };
    let dir = data_dir.join("stdin");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.{ext}", short_hash(bytes)));
    crate::index::write_atomically(&path, &[bytes])?;
    Ok(path)
}
