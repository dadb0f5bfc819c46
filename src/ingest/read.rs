//! Reading article files: plain text (with optional `Key: value` headers), JSON (one
//! object or an array) and JSON Lines. Bytes that cannot be articles — empty, binary,
//! invalid UTF-8, malformed JSON, no body — are refused with a reason, per file or per
//! item, so one bad input never costs the others.

use serde_json::Value;

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
}

impl Format {
    /// The format for a file name, by extension; `None` for files digest does not read.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "md" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// Decodes bytes to text: UTF-8 (BOM dropped) or UTF-16 with a BOM; refuses binary.
pub fn decode(bytes: &[u8]) -> Result<String, SkipReason> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SkipReason::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(SkipReason::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(SkipReason::InvalidUtf8(e.valid_up_to())),
    };
    let controls = text
        .chars()
        .take(8192)
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if controls * 10 > text.chars().take(8192).count() {
        return Err(SkipReason::Binary);
    }
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(text.to_string())
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, SkipReason> {
    if !bytes.len().is_multiple_of(2) {
        return Err(SkipReason::InvalidUtf8(bytes.len()));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    let text = String::from_utf16(&units).map_err(|_| SkipReason::InvalidUtf8(0))?;
    if text.trim().is_empty() {
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
        Format::Json => {
            let value: Value = parse_json(text)?;
            match value {
                Value::Array(items) => {
                    if items.is_empty() {
                        return Err(SkipReason::Empty);
                    }
                    Ok(items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| from_json(v, Some(i as u32)).map_err(|e| (i as u32, e)))
                        .collect())
                }
                Value::Object(_) => Ok(vec![Ok(from_json(&value, None)?)]),
                _ => Err(SkipReason::NotArticles),
            }
        }
        Format::JsonLines => {
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let i = i as u32;
                out.push(
                    parse_json(line)
                        .and_then(|v| from_json(&v, Some(i)))
                        .map_err(|e| (i, e)),
                );
            }
            if out.is_empty() {
                return Err(SkipReason::Empty);
            }
            Ok(out)
        }
    }
}

fn parse_json(text: &str) -> Result<Value, SkipReason> {
    // serde_json refuses nesting deeper than 128 levels with an error, not a crash.
    serde_json::from_str(text).map_err(|e| SkipReason::MalformedJson(e.to_string()))
}

/// Header keys accepted at the top of a text file, lower case.
const HEADER_KEYS: &[&str] = &[
    "title", "outlet", "source", "date", "url", "via", "language", "lang", "author", "authors",
];

/// Plain text: optional `Key: value` header lines, then a blank line, then the body.
pub fn read_text(text: &str) -> Result<RawArticle, SkipReason> {
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
    if raw.body.trim().is_empty() {
        return Err(SkipReason::NoBody);
    }
    Ok(raw)
}

fn split_authors(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

fn string_field(obj: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// One JSON object as an article. Field names (first present wins):
/// title/headline; body/paragraphs/content_original/text/content; outlet/source/publisher;
/// date/published/published_at; url/link; via; language/lang; authors/author.
pub fn from_json(value: &Value, item: Option<u32>) -> Result<RawArticle, SkipReason> {
    let Value::Object(obj) = value else {
        return Err(SkipReason::NotArticles);
    };
    let body = match obj.get("paragraphs") {
        Some(Value::Array(ps)) if obj.get("body").is_none() => ps
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => {
            string_field(obj, &["body", "content_original", "text", "content"]).unwrap_or_default()
        }
    };
    if body.trim().is_empty() {
        return Err(SkipReason::NoBody);
    }
    let authors = match obj.get("authors").or_else(|| obj.get("author")) {
        Some(Value::String(s)) => split_authors(s),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    Ok(RawArticle {
        title: string_field(obj, &["title", "headline"]),
        body,
        outlet: string_field(obj, &["outlet", "source", "publisher"]),
        date: string_field(obj, &["date", "published", "published_at"]),
        url: string_field(obj, &["url", "link"]),
        via: string_field(obj, &["via"]),
        language: string_field(obj, &["language", "lang"]),
        authors,
        item,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(decode(b"ab\0cd"), Err(SkipReason::Binary));
        assert_eq!(decode(b"ok \xff no"), Err(SkipReason::InvalidUtf8(3)));
        assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap(), "hi");
    }

    #[test]
    fn json_variants() {
        let v: Value = serde_json::from_str(
            r#"{"title":"T","paragraphs":["a","b"],"source":"CNN (Web News)","authors":"A, B"}"#,
        )
        .unwrap();
        let a = from_json(&v, None).unwrap();
        assert_eq!(a.body, "a\n\nb");
        assert_eq!(a.outlet.as_deref(), Some("CNN (Web News)"));
        assert_eq!(a.authors, vec!["A", "B"]);
        let v: Value = serde_json::from_str(r#"{"title":"T","body":"  "}"#).unwrap();
        assert_eq!(from_json(&v, None), Err(SkipReason::NoBody));
    }
}
