//! Reading article files: plain text (with optional `Key: value` headers), JSON (one
//! object or an array) and JSON Lines. Bytes that cannot be articles — empty, binary,
//! invalid UTF-8, malformed JSON, no body — are refused with a reason, per file or per
//! item, so one bad input never costs the others.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

/// What a file says about one article before cleaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Headline, if the file states one.
    pub title: Option<String>,
    /// Body text, paragraphs separated by line breaks.
    pub body: String,
    /// Outlet name as the file gives it.
    pub outlet: Option<String>,
    /// Date as written.
    pub date: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// The page or site the text was taken from.
    pub via: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Index within a JSON array or JSON Lines file.
    pub item: Option<u32>,
}

/// Why a file or an item was not ingested.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// Zero bytes, or only white space.
    #[error("empty file")]
    Empty,
    /// Looks like binary data (NUL bytes or mostly control characters).
    #[error("binary data, not text")]
    Binary,
    /// Not valid UTF-8 (or UTF-16 with a BOM).
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    /// JSON that does not parse.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// JSON that parses but is not an article or a list of them.
    #[error("JSON is not an article object or an array of them")]
    NotArticles,
    /// No body text at all.
    #[error("no body text")]
    NoBody,
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// More text than one article can be, or more bytes than a file may hold (see
    /// [`MAX_ARTICLE_BYTES`] and [`super::Limits`]).
    #[error("{what} is larger than {} MB ({} MB)", mb(*.limit), mb_ceil(*.size))]
    TooLarge {
        /// `"file"` or `"article text"`.
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A named pipe, socket or device: reading it could block forever or never end.
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
}

/// The largest article text digest reads: a plain-text file, or one item's body in a JSON
/// or JSON Lines file. No news article comes near it (8 MiB is over a million words);
/// cleaning and analysing an article takes about 20 times its size in memory.
pub const MAX_ARTICLE_BYTES: u64 = 8 << 20;

/// Megabytes (MiB), rounded down, for messages.
fn mb(bytes: u64) -> u64 {
    bytes >> 20
}

/// Megabytes (MiB), rounded up, so a file just over a limit never reads as equal to it.
fn mb_ceil(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

/// What kind of file `t` is, for a [`SkipReason::NotRegular`] message; `None` for regular
/// files, directories and symbolic links.
pub fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        Some("named pipe")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_block_device() {
        Some("block device")
    } else if t.is_char_device() {
        Some("character device")
    } else if t.is_file() || t.is_dir() || t.is_symlink() {
        None
    } else {
        Some("special file")
    }
}

/// Reads a file of at most `limit` bytes without ever blocking on it: the file is opened
/// non-blocking and must be a regular file when opened (a path replaced by a named pipe
/// or a device after the walk is refused, not read), and reading stops one byte past the
/// limit (a file that grew after the walk is refused, not loaded whole).
pub fn read_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, SkipReason> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| SkipReason::Io(e.to_string()))?;
    let meta = file.metadata().map_err(|e| SkipReason::Io(e.to_string()))?;
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(SkipReason::NotRegular(kind));
    }
    if meta.is_dir() {
        return Err(SkipReason::Io("is a directory".into()));
    }
    if meta.len() > limit {
        return Err(SkipReason::TooLarge {
            what: "file",
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            what: "file",
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// The formats digest reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, optionally with `Key: value` header lines.
    Text,
    /// One JSON object or an array of objects.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// A web page: its article is extracted ([`super::html`]).
    Html,
}

impl Format {
    /// The format for a file name, by extension; `None` for files digest does not read.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "md" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Decodes bytes to text: UTF-8 (BOM dropped) or UTF-16 with a BOM; refuses binary.
/// UTF-8 is borrowed, not copied.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SkipReason> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SkipReason::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(Cow::Owned);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(SkipReason::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(SkipReason::InvalidUtf8(e.valid_up_to())),
    };
    if controls_in_head(text) {
        return Err(SkipReason::Binary);
    }
    if is_blank(text) {
        return Err(SkipReason::Empty);
    }
    Ok(Cow::Borrowed(text))
}

/// Whether more than a tenth of the first 8,192 characters are control characters other
/// than white space: binary data that happens to be valid UTF-8. Counted on bytes: the
/// controls are C0 (one byte), DEL and C1 (`C2 80`–`C2 9F`; U+0085 is white space).
fn controls_in_head(text: &str) -> bool {
    let bytes = text.as_bytes();
    let c0 = |b: u8| (b < 0x20 && !(0x09..=0x0d).contains(&b)) || b == 0x7f;
    // Most texts hold no control in the most bytes 8,192 characters can take, which a
    // branch-free scan tells quickly. `C2` also leads the no-break space and the rest of
    // Latin-1, so a chunk holding one is looked at again for a C1 control (`C2 80`–`C2 9F`),
    // with the byte after the chunk.
    let near = &bytes[..bytes.len().min(4 * 8192)];
    let c1 = |w: &[u8]| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]);
    // Bit 0: a C0 control or DEL; bit 1: a `C2` byte. Without branches, over chunks of a
    // fixed size, the scan is vectorised.
    fn mark(m: u8, &b: &u8) -> u8 {
        let control = u8::from(b < 0x20) & u8::from(b.wrapping_sub(0x09) > 0x0d - 0x09);
        m | control | u8::from(b == 0x7f) | u8::from(b == 0xc2) << 1
    }
    let look = |at: usize, m: u8| {
        m & 1 != 0 || m & 2 != 0 && near[at..near.len().min(at + 257)].windows(2).any(c1)
    };
    let (chunks, rest) = near.as_chunks::<256>();
    let suspect = chunks
        .iter()
        .enumerate()
        .any(|(k, c)| look(k * 256, c.iter().fold(0, mark)))
        || look(near.len() - rest.len(), rest.iter().fold(0, mark));
    if !suspect {
        return false;
    }
    let starts_char = |b: &u8| b & 0xc0 != 0x80;
    // The first 8,192 characters: at least 8,192 bytes, more when some take several.
    let mut end = bytes.len().min(8192);
    let mut chars = bytes[..end].iter().filter(|b| starts_char(b)).count();
    while chars < 8192 && end < bytes.len() {
        chars += usize::from(starts_char(&bytes[end]));
        end += 1;
    }
    while end < bytes.len() && !starts_char(&bytes[end]) {
        end += 1;
    }
    let head = &bytes[..end];
    let c0 = head.iter().filter(|&&b| c0(b)).count();
    let c1 = head
        .windows(2)
        .filter(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]) && w[1] != 0x85)
        .count();
    (c0 + c1) * 10 > chars
}

/// Whether a text shows nothing once sanitised: only white space, controls and invisible
/// characters (a BOM, zero-width spaces). Stops at the first visible character.
fn is_blank(text: &str) -> bool {
    let mut buf = [0u8; 4];
    text.chars()
        .all(|c| c.is_whitespace() || crate::text::sanitize(c.encode_utf8(&mut buf)).is_empty())
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, SkipReason> {
    if !bytes.len().is_multiple_of(2) {
        return Err(SkipReason::InvalidUtf8(bytes.len()));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    let text = String::from_utf16(&units).map_err(|_| SkipReason::InvalidUtf8(0))?;
    if is_blank(&text) {
        Err(SkipReason::Empty)
    } else {
        Ok(text)
    }
}

/// One item of a file: the article, or its index and why it was refused.
pub type ItemResult = Result<RawArticle, (u32, SkipReason)>;

/// Reads every article in a decoded file. Per-item problems come back as `Err` items.
pub fn read(text: &str, format: Format) -> Result<Vec<ItemResult>, SkipReason> {
    match format {
        Format::Text => Ok(vec![Ok(read_text(text)?)]),
        Format::Html => {
            let page = super::html::read_page(text, None).ok_or(SkipReason::NoBody)?;
            Ok(vec![Ok(RawArticle {
                title: page.title,
                body: page.body,
                outlet: page.outlet,
                date: page.date,
                url: page.url,
                via: None,
                language: page.language,
                authors: page.authors,
                item: None,
            })])
        }
        Format::Json => {
            let items = parse_articles(text)?;
            if items.is_empty() {
                return Err(SkipReason::Empty);
            }
            Ok(items)
        }
        Format::JsonLines => {
            let mut out = Vec::new();
            for (i, line) in lines(text).enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let i = i as u32;
                out.push(parse_item(line, Some(i)).map_err(|e| (i, e)));
            }
            if out.is_empty() {
                return Err(SkipReason::Empty);
            }
            Ok(out)
        }
    }
}

/// Decodes and reads a file's bytes: [`decode`] then [`read`], except that a JSON Lines
/// file with invalid UTF-8 is decoded line by line, so one bad line costs that line alone
/// (reported as its item, `invalid UTF-8 at byte N` counted from the start of the file).
pub fn read_bytes(bytes: &[u8], format: Format) -> Result<Vec<ItemResult>, SkipReason> {
    if format == Format::Html {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SkipReason::Empty);
        }
        if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
            return Err(SkipReason::Binary);
        }
        return read(&super::html::decode_html(bytes), format);
    }
    match decode(bytes) {
        Ok(text) => read(&text, format),
        Err(SkipReason::InvalidUtf8(_))
            if format == Format::JsonLines
                && !bytes.starts_with(&[0xFF, 0xFE])
                && !bytes.starts_with(&[0xFE, 0xFF]) =>
        {
            let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                3
            } else {
                0
            };
            let mut out = Vec::new();
            let mut at = start;
            let mut i = 0u32;
            while at < bytes.len() {
                let rest = &bytes[at..];
                let end = rest
                    .iter()
                    .position(|b| matches!(b, b'\n' | b'\r'))
                    .unwrap_or(rest.len());
                let skip = match rest.get(end..end + 2) {
                    Some(b"\r\n") => 2,
                    _ if end < rest.len() => 1,
                    _ => 0,
                };
                let line = &rest[..end];
                if !line.iter().all(u8::is_ascii_whitespace) {
                    out.push(
                        match std::str::from_utf8(line) {
                            Ok(l) => parse_item(l, Some(i)),
                            Err(e) => Err(SkipReason::InvalidUtf8(at + e.valid_up_to())),
                        }
                        .map_err(|e| (i, e)),
                    );
                }
                at += end + skip;
                i += 1;
            }
            Ok(out)
        }
        Err(e) => Err(e),
    }
}

/// The lines of `text`, ended by `\n`, `\r\n` or a lone `\r` (old Mac files, and some
/// exports, end lines with CR alone).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let s = rest?;
        match memchr::memchr2(b'\n', b'\r', s.as_bytes()) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]).filter(|r| !r.is_empty());
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// One JSON document that should be one article (a line of JSON Lines).
fn parse_item(text: &str, item: Option<u32>) -> Result<RawArticle, SkipReason> {
    match serde_json::from_str::<Item>(text).map_err(json_error)? {
        Item(Some(fields)) => fields.article(item),
        Item(None) => Err(SkipReason::NotArticles),
    }
}

/// serde_json refuses nesting deeper than 128 levels with an error, not a crash; the
/// message says so in words.
fn json_error(e: serde_json::Error) -> SkipReason {
    let msg = e.to_string();
    SkipReason::MalformedJson(match msg.strip_prefix("recursion limit exceeded") {
        Some(at) => format!("nested more than 128 levels deep{at}"),
        None => msg,
    })
}

/// The visitor methods for JSON's scalars (booleans, numbers, strings, null), each
/// giving `$value`: for the readers that take anything but an object or a list as one
/// thing.
macro_rules! scalars_are {
    ($value:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

/// A JSON file's articles: one object, or an array whose items are turned into articles
/// one by one as they are parsed. Only the fields digest reads are kept, borrowed from
/// the text where they hold no escapes, so a large array never exists in memory as a
/// whole and nothing else is copied.
fn parse_articles(text: &str) -> Result<Vec<ItemResult>, SkipReason> {
    use serde::Deserializer as _;

    struct Articles;
    impl<'de> Visitor<'de> for Articles {
        type Value = Result<Vec<ItemResult>, SkipReason>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an article object or an array of them")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(item) = seq.next_element::<Item>()? {
                let i = out.len() as u32;
                out.push(match item {
                    Item(Some(fields)) => fields.article(Some(i)).map_err(|e| (i, e)),
                    Item(None) => Err((i, SkipReason::NotArticles)),
                });
            }
            Ok(Ok(out))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let fields = Fields::from_map(map)?;
            Ok(fields.article(None).map(|a| vec![Ok(a)]))
        }

        scalars_are!(Err(SkipReason::NotArticles));
    }

    let mut de = serde_json::Deserializer::from_str(text);
    let items = (&mut de).deserialize_any(Articles).map_err(json_error)?;
    de.end().map_err(json_error)?;
    items
}

/// The object keys digest reads; [`Fields`] keeps their values in this order.
const KEYS: [&str; 20] = [
    "title",
    "headline",
    "paragraphs",
    "body",
    "content_original",
    "text",
    "content",
    "outlet",
    "source",
    "publisher",
    "date",
    "published",
    "published_at",
    "url",
    "link",
    "via",
    "language",
    "lang",
    "authors",
    "author",
];

/// A JSON value as digest reads it: a string (borrowed when it had no escapes), a number
/// (as serde_json writes it), a list, or something else.
#[derive(Debug, Clone, PartialEq)]
enum Loose<'a> {
    Str(Cow<'a, str>),
    Num(String),
    List(Vec<Loose<'a>>),
    Other,
}

impl<'de> Deserialize<'de> for Loose<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LooseVisitor;
        impl<'de> Visitor<'de> for LooseVisitor {
            type Value = Loose<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Loose::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Loose::Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(Loose::Str(Cow::Owned(s)))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                Ok(Loose::Num(n.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                Ok(Loose::Num(n.to_string()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
                Ok(serde_json::Number::from_f64(n)
                    .map_or(Loose::Other, |n| Loose::Num(n.to_string())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Loose::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Loose::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Loose>()? {
                    items.push(item);
                }
                Ok(Loose::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Loose::Other)
            }
        }
        d.deserialize_any(LooseVisitor)
    }
}

impl Loose<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Loose::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A JSON value read and dropped. Unlike `IgnoredAny`, it goes through serde_json's
/// `deserialize_any`, which refuses values nested more than 128 levels deep and numbers
/// out of range, as a whole `Value` would: a file is refused for the same reasons
/// whichever fields digest reads.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SkipVisitor;
        impl<'de> Visitor<'de> for SkipVisitor {
            type Value = Skip;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            scalars_are!(Skip);
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Skip)
            }
        }
        d.deserialize_any(SkipVisitor)
    }
}

/// An item of a JSON file: an object's [`Fields`], or `None` for anything else.
struct Item<'a>(Option<Fields<'a>>);

impl<'de> Deserialize<'de> for Item<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = Item<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Fields::from_map(map).map(|f| Item(Some(f)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Item(None))
            }
            scalars_are!(Item(None));
        }
        d.deserialize_any(ItemVisitor)
    }
}

/// An object key: its place in [`KEYS`], if it is one of them. Read without copying.
struct Key(Option<usize>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Key(KEYS.iter().position(|k| *k == s)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The values of an object's [`KEYS`]; other keys are passed over unread. As in
/// serde_json's own maps, a key given twice keeps its last value.
#[derive(Debug, Default)]
struct Fields<'a>([Option<Loose<'a>>; KEYS.len()]);

impl<'de> Fields<'de> {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut fields = Fields::default();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            match key {
                Some(i) => fields.0[i] = Some(map.next_value::<Loose>()?),
                None => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(fields)
    }

    fn slot(key: &str) -> Option<usize> {
        KEYS.iter().position(|k| *k == key)
    }

    fn get(&self, key: &str) -> Option<&Loose<'de>> {
        self.0[Self::slot(key)?].as_ref()
    }

    /// The first of `keys` holding a non-blank string (trimmed) or a number, taken out
    /// (a string the parser already had to copy is moved, not copied again).
    fn take_string(&mut self, keys: &[&str]) -> Option<String> {
        let i = keys.iter().filter_map(|k| Self::slot(k)).find(|&i| {
            matches!(&self.0[i], Some(Loose::Str(s)) if !s.trim().is_empty())
                || matches!(&self.0[i], Some(Loose::Num(_)))
        })?;
        match self.0[i].take()? {
            Loose::Str(Cow::Owned(s)) if s.trim().len() == s.len() => Some(s),
            Loose::Str(s) => Some(s.trim().to_string()),
            Loose::Num(n) => Some(n),
            _ => None,
        }
    }

    /// The article. Field names (first present wins): title/headline;
    /// body/paragraphs/content_original/text/content; outlet/source/publisher;
    /// date/published/published_at; url/link; via; language/lang; authors/author.
    fn article(mut self, item: Option<u32>) -> Result<RawArticle, SkipReason> {
        let body = match self.get("paragraphs") {
            Some(Loose::List(ps)) if self.get("body").is_none() => ps
                .iter()
                .filter_map(Loose::as_str)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n"),
            _ => self
                .take_string(&["body", "content_original", "text", "content"])
                .unwrap_or_default(),
        };
        if body.trim().is_empty() {
            return Err(SkipReason::NoBody);
        }
        if body.len() as u64 > MAX_ARTICLE_BYTES {
            return Err(SkipReason::TooLarge {
                what: "article text",
                size: body.len() as u64,
                limit: MAX_ARTICLE_BYTES,
            });
        }
        let authors = match self.get("authors").or_else(|| self.get("author")) {
            Some(Loose::Str(s)) => split_authors(s),
            Some(Loose::List(a)) => a
                .iter()
                .filter_map(Loose::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            _ => Vec::new(),
        };
        Ok(RawArticle {
            title: self.take_string(&["title", "headline"]),
            body,
            outlet: self.take_string(&["outlet", "source", "publisher"]),
            date: self.take_string(&["date", "published", "published_at"]),
            url: self.take_string(&["url", "link"]),
            via: self.take_string(&["via"]),
            language: self.take_string(&["language", "lang"]),
            authors,
            item,
        })
    }
}

/// Header keys accepted at the top of a text file, lower case.
const HEADER_KEYS: &[&str] = &[
    "title", "outlet", "source", "date", "url", "via", "language", "lang", "author", "authors",
];

/// Plain text: optional `Key: value` header lines, then a blank line, then the body.
pub fn read_text(text: &str) -> Result<RawArticle, SkipReason> {
    // Headers and paragraphs are found line by line: CRLF and lone CR end lines too.
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = text.as_ref();
    let mut raw = RawArticle::default();
    let mut lines = text.lines();
    let mut headers = Vec::new();
    let mut consumed = 0usize;
    for line in lines.by_ref() {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let key = key.trim().to_ascii_lowercase();
        if !HEADER_KEYS.contains(&key.as_str()) || value.trim().is_empty() {
            break;
        }
        headers.push((key, value.trim().to_string()));
        consumed += line.len() + 1;
    }
    // Headers count only when they are followed by a blank line (or end the file).
    let after = text.get(consumed.min(text.len())..).unwrap_or("");
    let first_after = after.lines().next();
    if headers.is_empty() || !first_after.is_none_or(|l| l.trim().is_empty()) {
        raw.body = text.to_string();
    } else {
        for (key, value) in headers {
            match key.as_str() {
                "title" => raw.title = Some(value),
                "outlet" | "source" => raw.outlet = Some(value),
                "date" => raw.date = Some(value),
                "url" => raw.url = Some(value),
                "via" => raw.via = Some(value),
                "language" | "lang" => raw.language = Some(value),
                _ => raw.authors.extend(split_authors(&value)),
            }
        }
        raw.body = after.to_string();
    }
    if let Some(plain) = without_heading_marks(&raw.body) {
        raw.body = plain;
    }
    if raw.body.trim().is_empty() {
        return Err(SkipReason::NoBody);
    }
    Ok(raw)
}

/// Markdown headings as plain lines: `## Method ##` becomes `Method`, and the `===`
/// under a heading goes. `None` when the text has none (most files).
fn without_heading_marks(text: &str) -> Option<String> {
    fn atx(line: &str) -> Option<&str> {
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() > 3 {
            return None;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        let rest = &t[hashes..];
        if !(1..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
            return None;
        }
        let rest = rest.trim();
        // An optional closing run of hashes, after a space.
        let closed = rest.trim_end_matches('#');
        let text = if closed.ends_with([' ', '\t']) || closed.is_empty() {
            closed.trim_end()
        } else {
            rest
        };
        (!text.is_empty()).then_some(text)
    }
    let underline = |l: &str| l.trim().len() >= 3 && l.trim().bytes().all(|b| b == b'=');
    let marked = text.lines().any(|l| atx(l).is_some() || underline(l));
    if !marked {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut previous_text = false;
    for line in text.lines() {
        if underline(line) && previous_text {
            previous_text = false;
            continue;
        }
        out.push_str(atx(line).unwrap_or(line));
        out.push('\n');
        previous_text = !line.trim().is_empty();
    }
    Some(out)
}

fn split_authors(s: &str) -> Vec<String> {
    // Escape sequences hold `;`: remove them first, or their payloads become names.
    crate::text::sanitize_inline(s)
        .split([',', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_headings_lose_their_marks() {
        let a = read_text("# Okapi census grows\n\nRangers counted okapi.\n\n## Method ##\n\nCamera traps.\n#hashtag stays\n").unwrap();
        assert_eq!(
            a.body,
            "Okapi census grows\n\nRangers counted okapi.\n\nMethod\n\nCamera traps.\n#hashtag stays\n"
        );
        let b = read_text("Second look\n===\n\nRangers counted okapi again.\n").unwrap();
        assert_eq!(b.body, "Second look\n\nRangers counted okapi again.\n");
        let c = read_text("C# 12 ships\n\n    # not a heading: indented code\n").unwrap();
        assert_eq!(
            c.body,
            "C# 12 ships\n\n    # not a heading: indented code\n"
        );
    }

    #[test]
    fn headers_need_a_blank_line() {
        let a = read_text("Title: Moon\nOutlet: TASS\n\nBody here.").unwrap();
        assert_eq!(a.title.as_deref(), Some("Moon"));
        assert_eq!(a.outlet.as_deref(), Some("TASS"));
        assert_eq!(a.body.trim(), "Body here.");
        let b = read_text("Source: Radio Free Asia said so.\nMore text.").unwrap();
        assert_eq!(b.outlet, None);
        assert!(b.body.starts_with("Source:"));
    }

    #[test]
    fn decode_refuses_bad_bytes() {
        assert_eq!(decode(b""), Err(SkipReason::Empty));
        assert_eq!(decode(b"  \n\t"), Err(SkipReason::Empty));
        assert_eq!(
            decode("\u{a0}\u{3000}\n\u{feff}\u{200b}".as_bytes()),
            Err(SkipReason::Empty)
        );
        assert_eq!(decode(b"ab\0cd"), Err(SkipReason::Binary));
        assert_eq!(decode(b"ok \xff no"), Err(SkipReason::InvalidUtf8(3)));
        assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap(), "hi");
    }

    proptest::proptest! {
        /// The byte count of controls agrees with counting characters.
        #[test]
        fn controls_are_counted_on_bytes_as_on_characters(
            s in "[a\u{0}-\u{1f}\u{7f}-\u{a0}é’]{0,40}",
        ) {
            let controls = s
                .chars()
                .take(8192)
                .filter(|c| c.is_control() && !c.is_whitespace())
                .count();
            let binary = controls * 10 > s.chars().take(8192).count();
            proptest::prop_assert_eq!(controls_in_head(&s), binary);
        }

        /// Near a tenth of controls, where the 8,192nd character falls decides.
        #[test]
        fn only_the_first_8192_characters_count(
            head in 800usize..840,
            letters in 7330usize..7400,
            tail in 0usize..60,
            control in proptest::sample::select(vec!['\u{1}', '\u{7f}', '\u{9b}', '\u{85}']),
        ) {
            let s: String = std::iter::repeat_n(control, head)
                .chain(std::iter::repeat_n('é', letters))
                .chain(std::iter::repeat_n(control, tail))
                .collect();
            let controls = s.chars().take(8192).filter(|&c| c == control && c != '\u{85}').count();
            proptest::prop_assert_eq!(controls_in_head(&s), controls * 10 > 8192.min(s.chars().count()));
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let got: Vec<&str> = lines("a\nb\r\nc\rd\r\re").collect();
        assert_eq!(got, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(lines("a\n").collect::<Vec<_>>(), ["a"]);
        assert_eq!(lines("").count(), 0);
        let a = read_text("Title: Moon\rDate: 2021-03-09\r\rBody here.\r\rMore.").unwrap();
        assert_eq!(a.title.as_deref(), Some("Moon"));
        assert_eq!(a.date.as_deref(), Some("2021-03-09"));
        assert_eq!(a.body.trim(), "Body here.\n\nMore.");
    }

    #[test]
    fn authors_are_split_after_escapes_are_removed() {
        let a = read_text("Authors: Ann \u{1b}]52;c;SGVsbG8=\u{7}Lee; Bo Ma\n\nBody.").unwrap();
        assert_eq!(a.authors, ["Ann Lee", "Bo Ma"]);
    }

    #[test]
    fn deep_json_is_refused_with_a_reason() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let json = format!(r#"{{"title": "T", "body": {deep}}}"#);
        let Err(SkipReason::MalformedJson(m)) = read(&json, Format::Json) else {
            panic!("deep JSON must be refused");
        };
        assert!(m.starts_with("nested more than 128 levels deep"), "{m}");
        // Nested where digest reads nothing, the same.
        for json in [
            deep.clone(),
            format!(r#"{{"title": "T", "body": "b", "extra": {deep}}}"#),
        ] {
            let Err(SkipReason::MalformedJson(m)) = read(&json, Format::Json) else {
                panic!("deep JSON must be refused");
            };
            assert!(m.starts_with("nested more than 128 levels deep"), "{m}");
        }
    }

    #[test]
    fn too_large_reads_in_megabytes() {
        let r = SkipReason::TooLarge {
            what: "file",
            size: (50 << 20) + 1,
            limit: 8 << 20,
        };
        assert_eq!(r.to_string(), "file is larger than 8 MB (51 MB)");
        let body = "a".repeat(MAX_ARTICLE_BYTES as usize + 1);
        let v = serde_json::json!({ "title": "T", "body": body });
        assert!(matches!(
            parse_item(&v.to_string(), None),
            Err(SkipReason::TooLarge {
                what: "article text",
                ..
            })
        ));
    }

    #[test]
    fn read_file_refuses_pipes_and_files_past_the_limit() {
        let dir = std::env::temp_dir().join(format!("digest-read-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        std::fs::write(&f, "0123456789").unwrap();
        assert_eq!(read_file(&f, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_file(&f, 9),
            Err(SkipReason::TooLarge { size: 10, .. })
        ));
        let fifo = dir.join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            read_file(&fifo, 10),
            Err(SkipReason::NotRegular("named pipe"))
        );
        assert!(matches!(read_file(&dir, 10), Err(SkipReason::Io(_))));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn json_files_are_one_object_or_an_array_of_them() {
        let items = read(
            r#"[{"body":"a b"}, 3, {"title":"t"}, {"text":"c d"}]"#,
            Format::Json,
        )
        .unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().item, Some(0));
        assert_eq!(items[1], Err((1, SkipReason::NotArticles)));
        assert_eq!(items[2], Err((2, SkipReason::NoBody)));
        assert_eq!(items[3].as_ref().unwrap().body, "c d");
        let one = read(r#" {"body":"x y","title":"T"} "#, Format::Json).unwrap();
        assert_eq!(one[0].as_ref().unwrap().item, None);
        assert_eq!(one[0].as_ref().unwrap().title.as_deref(), Some("T"));
        for not in ["3", "\"s\"", "null", "true", "-1.5"] {
            assert_eq!(
                read(not, Format::Json),
                Err(SkipReason::NotArticles),
                "{not}"
            );
        }
        assert_eq!(read("[]", Format::Json), Err(SkipReason::Empty));
        for bad in ["[{\"body\":\"x\"}", "[{}] trailing", "", "{\"a\":1}{}"] {
            assert!(
                matches!(read(bad, Format::Json), Err(SkipReason::MalformedJson(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn one_bad_line_of_json_lines_costs_that_line() {
        let good = |w: &str| format!("{{\"title\":\"{w}\",\"body\":\"The {w} ran.\"}}");
        let mut bytes = format!("{}\r\n", good("a")).into_bytes();
        let bad_at = bytes.len() + 9;
        bytes.extend(b"{\"body\":\"\xff\xfe bad\"}\n\n");
        bytes.extend(format!("{}\r{}", good("c"), good("d")).into_bytes());
        let items = read_bytes(&bytes, Format::JsonLines).unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().title.as_deref(), Some("a"));
        assert_eq!(items[1], Err((1, SkipReason::InvalidUtf8(bad_at))));
        assert_eq!(items[2].as_ref().unwrap().item, Some(3));
        assert_eq!(items[3].as_ref().unwrap().title.as_deref(), Some("d"));
        // The same lines read as one decoded text number their items alike.
        let text = String::from_utf8_lossy(&bytes);
        let same = read(&text, Format::JsonLines).unwrap();
        assert_eq!(same[2].as_ref().unwrap().item, Some(3));
        // Other formats, and valid files, are refused or read as before.
        assert_eq!(
            read_bytes(&bytes, Format::Json),
            Err(SkipReason::InvalidUtf8(bad_at))
        );
        assert_eq!(read_bytes(b"", Format::JsonLines), Err(SkipReason::Empty));
        assert_eq!(
            read_bytes(good("e").as_bytes(), Format::JsonLines)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn json_variants() {
        let a = parse_item(
            r#"{"title":"T","paragraphs":["a","b"],"source":"CNN (Web News)","authors":"A, B"}"#,
            None,
        )
        .unwrap();
        assert_eq!(a.body, "a\n\nb");
        assert_eq!(a.outlet.as_deref(), Some("CNN (Web News)"));
        assert_eq!(a.authors, vec!["A", "B"]);
        assert_eq!(
            parse_item(r#"{"title":"T","body":"  "}"#, None),
            Err(SkipReason::NoBody)
        );
        assert_eq!(parse_item("[1]", None), Err(SkipReason::NotArticles));
    }

    /// The article serde_json's own `Value` gives, read field by field: what the reader
    /// must agree with.
    fn from_value(value: &serde_json::Value, item: Option<u32>) -> Result<RawArticle, SkipReason> {
        use serde_json::Value;
        let Value::Object(obj) = value else {
            return Err(SkipReason::NotArticles);
        };
        let string = |keys: &[&str]| {
            keys.iter().find_map(|k| match obj.get(*k) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        let strings = |a: &Vec<Value>| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let body = match obj.get("paragraphs") {
            Some(Value::Array(ps)) if obj.get("body").is_none() => strings(ps).join("\n\n"),
            _ => string(&["body", "content_original", "text", "content"]).unwrap_or_default(),
        };
        if body.trim().is_empty() {
            return Err(SkipReason::NoBody);
        }
        let authors = match obj.get("authors").or_else(|| obj.get("author")) {
            Some(Value::String(s)) => split_authors(s),
            Some(Value::Array(a)) => strings(a),
            _ => Vec::new(),
        };
        Ok(RawArticle {
            title: string(&["title", "headline"]),
            body,
            outlet: string(&["outlet", "source", "publisher"]),
            date: string(&["date", "published", "published_at"]),
            url: string(&["url", "link"]),
            via: string(&["via"]),
            language: string(&["language", "lang"]),
            authors,
            item,
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Objects with digest's keys and others, given twice or not at all, holding
        /// strings (with escapes and without, blank or not), numbers, lists, objects,
        /// booleans and nulls, read as serde_json's `Value` reads them.
        #[test]
        fn the_reader_agrees_with_serde_json_values(
            entries in proptest::collection::vec(
                (
                    r"(title|headline|paragraphs|body|content_original|text|content|source|date|published_at|link|via|lang|authors|author|topic|bias|ti\\u0074le)",
                    r#"("[a-z é]{0,6}"|"a\\"b\\u2019c\\n"|" "|0|-?[1-9][0-9]{0,2}|1\.5e3|-0\.25|2e400|true|null|\[\]|\["p", 1, " q ", ""\]|\{"body": "x"\})"#,
                ),
                0..8,
            ),
            item in proptest::option::of(0u32..4),
        ) {
            let json = format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("\"{k}\": {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) else {
                // 2e400 is out of range, wherever it is: both refuse it.
                proptest::prop_assert!(parse_item(&json, item).is_err());
                proptest::prop_assert!(read(&json, Format::Json).is_err());
                return Ok(());
            };
            proptest::prop_assert_eq!(parse_item(&json, item), from_value(&value, item), "{}", json);
            let in_array = read(&format!("[{json}, 7]"), Format::Json);
            let expected = vec![
                from_value(&value, Some(0)).map_err(|e| (0, e)),
                Err((1, SkipReason::NotArticles)),
            ];
            proptest::prop_assert_eq!(in_array, Ok(expected));
        }
    }
}
