//! Plain data shared by every layer: articles, sentences, hits and snippets.
//!
//! Nothing here knows about tantivy or terminals. An [`Article`] is what ingest produces
//! and what the index stores whole; a [`Hit`] is what search hands to every printer.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One cleaned article with its metadata and provenance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a hash of the cleaned title-less body, so identical text is stored once.
    pub id: String,
    /// Headline (detected, given, or from the manifest).
    pub title: String,
    /// Cleaned body: paragraphs separated by a blank line, no site chrome, no captions.
    /// (The index stores it apart from the rest of the article's JSON.)
    #[serde(default)]
    pub body: String,
    /// Photo captions and credits, kept apart from the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    /// Outlet id a reader filters on (`tass`, `gt`, `unattributed`, …).
    pub outlet: String,
    /// Outlet display name.
    pub outlet_name: String,
    /// Publication date: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Language tag, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Canonical URL of the article, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The page or site the text was actually taken from (may differ from the outlet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Authors, when known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// How each metadata value was established, by field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
    /// Every file (and item within it) this text was ingested from; the first is the source.
    pub origins: Vec<Origin>,
    /// Sentences of the body.
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    /// Canonical ids of the entities named in the title or body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
}

impl Article {
    /// The file name the article was first ingested from, e.g. `000_08e4b753123ab7c5.txt`.
    pub fn source(&self) -> &str {
        self.origins.first().map_or("", |o| o.file_name())
    }

    /// The text of one sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        self.body
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
    }
}

/// Where an article's text came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Absolute path of the file (`bundled:` paths for the built-in corpus).
    pub path: String,
    /// Index of the article inside a JSON array or JSON Lines file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// Hash of the whole file's bytes when it was ingested.
    pub hash: String,
    /// When the article arrived (unix seconds): the ingest run that first stored it, or,
    /// for an index rebuilt by `reindex`, when its file was last written. `None` for the
    /// bundled corpus and for indexes older than this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<u64>,
}

/// Where an item of a file is, as people count: `feed.jsonl (line 5)` for JSON Lines
/// (line numbers from 1, as editors show them), `array.json (item 4)` for a JSON array
/// (indexes from 0, as `jq .[4]` takes them), the path alone for a whole file.
pub fn item_source(path: &str, item: Option<u32>) -> String {
    let lines = [".jsonl", ".ndjson"].iter().any(|ext| {
        // By bytes: the name may end in any character.
        path.len()
            .checked_sub(ext.len())
            .and_then(|at| path.as_bytes().get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(ext.as_bytes()))
    });
    match item {
        Some(i) if lines => format!("{path} (line {})", u64::from(i) + 1),
        Some(i) => format!("{path} (item {i})"),
        None => path.to_string(),
    }
}

impl Origin {
    /// The last component of the path.
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

/// A sentence: byte range into the body, first token position, entities named in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offset of the first character in the body.
    #[serde(rename = "s")]
    pub start: u32,
    /// Byte offset one past the last character.
    #[serde(rename = "e")]
    pub end: u32,
    /// Position of the sentence's first token in the body's token stream.
    #[serde(rename = "t")]
    pub token: u32,
    /// Indexes into [`Article::entities`] of entities named in this sentence.
    #[serde(rename = "n", default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<u16>,
}

impl Sentence {
    /// The byte range as a `Range`.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A short passage of an article with the byte ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, cleaned text.
    pub text: String,
    /// Byte ranges into `text`, sorted, non-overlapping, on char boundaries.
    pub highlights: Vec<Range<usize>>,
}

/// One search result, ready for any printer.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score (BM25 plus title and proximity boosts).
    pub score: f32,
    /// The article.
    pub article: Article,
    /// Best passage with matched words highlighted.
    pub snippet: Snippet,
}

/// The answer to a search.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The query as the user typed it.
    pub query: String,
    /// How many articles match (not only those returned).
    pub total: usize,
    /// The returned hits, best first.
    pub hits: Vec<Hit>,
    /// Time spent searching and building snippets.
    pub elapsed: std::time::Duration,
}
