//! Feed subscriptions: the feeds `digest fetch` follows.
//!
//! They are kept in `feeds.json` in the directory that holds the index (the XDG data
//! directory, `~/.local/share/digest/`, for the default index), as one JSON document:
//!
//! ```json
//! {"feeds": [{"id": "a1b2c3d4", "url": "https://tass.com/rss/v2.xml", "outlet": "TASS",
//!   "title": null, "full_text": "auto", "added": "2026-12-06",
//!   "last_fetch": null, "status": null, "articles": 0, "etag": null, "last_modified": null}]}
//! ```
//!
//! `id` is the first 8 hex digits of a hash of the normalised URL; `outlet` (optional)
//! overrides what the feed says; `full_text` says when an item's page is fetched for its
//! text (`auto`: when the feed carries only a short summary); the last six fields are
//! written by fetching. The file is written whole to a temporary file and renamed into
//! place, so it is never half-written. Only `http` and `https` URLs are accepted.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// File name of the subscriptions, beside the index directory.
pub const FEEDS_FILE: &str = "feeds.json";

/// When an item's web page is fetched for the article text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// When the feed carries only a short summary.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never: the feed's own text is stored.
    Never,
}

impl std::str::FromStr for FullText {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "auto" => Ok(FullText::Auto),
            "always" => Ok(FullText::Always),
            "never" => Ok(FullText::Never),
            _ => Err(format!("{s:?} is not auto, always or never")),
        }
    }
}

/// One subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feed {
    /// Short stable id: a hash of the normalised URL.
    pub id: String,
    /// The feed's URL (`http` or `https`).
    pub url: String,
    /// The outlet of every article from this feed, overriding what the feed says.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The feed's title, as the feed or an OPML file gave it.
    #[serde(default)]
    pub title: Option<String>,
    /// When an item's page is fetched for its text.
    #[serde(default)]
    pub full_text: FullText,
    /// Day the subscription was added (`YYYY-MM-DD`).
    #[serde(default)]
    pub added: Option<String>,
    /// When the feed was last fetched (RFC 3339).
    #[serde(default)]
    pub last_fetch: Option<String>,
    /// How the last fetch went (`ok`, `not modified`, or the error).
    #[serde(default)]
    pub status: Option<String>,
    /// Articles stored from this feed.
    #[serde(default)]
    pub articles: usize,
    /// The validators of the last response, for a conditional request.
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
}

/// Every subscription, in the order added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscriptions {
    pub feeds: Vec<Feed>,
}

/// Where the subscriptions of the index in `index_dir` are kept: beside it.
pub fn feeds_path(index_dir: &Path) -> PathBuf {
    data_dir(index_dir).join(FEEDS_FILE)
}

/// The directory that holds the index, where what digest fetches is kept beside it
/// (`feeds.json`, `feeds/`, `pages/`): the XDG data directory for the default index.
pub fn data_dir(index_dir: &Path) -> &Path {
    index_dir.parent().unwrap_or_else(|| Path::new("."))
}

/// A URL as subscriptions compare it, parsed as browsers do (the `url` crate): scheme and
/// host in lower case, no fragment, no trailing slash on an empty path. Anything but an
/// `http` or `https` URL with a host and no credentials is refused.
pub fn normalise_url(url: &str) -> Result<String> {
    let bad = |why: &str| Error::BadFeed {
        url: crate::text::sanitize_inline(url).into_owned(),
        reason: why.to_string(),
    };
    let text = url.trim();
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) || !text.contains("://") {
        return Err(bad("not a URL"));
    }
    let mut parsed = url::Url::parse(text).map_err(|e| bad(&format!("not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("only http and https feeds are fetched"));
    }
    if parsed.host_str().is_none_or(str::is_empty)
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return Err(bad("not a valid host"));
    }
    parsed.set_fragment(None);
    let mut out = parsed.to_string();
    if parsed.path() == "/" && parsed.query().is_none() && !text.ends_with("/?") {
        out.pop();
    }
    Ok(out)
}

/// The id of a normalised URL.
pub fn feed_id(url: &str) -> String {
    crate::ingest::short_hash(url.as_bytes())[..8].to_string()
}

impl Subscriptions {
    /// The subscriptions in `path`; none when the file does not exist.
    pub fn load(path: &Path) -> Result<Subscriptions> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| Error::BadFeedsFile {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Subscriptions::default()),
            Err(e) => Err(Error::BadFeedsFile {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
        }
    }

    /// Writes the subscriptions to `path`, whole or not at all.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::BadFeedsFile {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let mut json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        json.push(b'\n');
        crate::index::write_atomically(path, &[&json]).map_err(|e| Error::BadFeedsFile {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
    }

    /// Adds a feed; `Ok(None)` when it is already subscribed (its outlet and full-text
    /// setting are updated when given).
    pub fn add(
        &mut self,
        url: &str,
        outlet: Option<String>,
        title: Option<String>,
        full_text: Option<FullText>,
        today: &str,
    ) -> Result<Option<&Feed>> {
        let url = normalise_url(url)?;
        let id = feed_id(&url);
        if let Some(i) = self.feeds.iter().position(|f| f.id == id) {
            let f = &mut self.feeds[i];
            if outlet.is_some() {
                f.outlet = outlet;
            }
            if let Some(ft) = full_text {
                f.full_text = ft;
            }
            return Ok(None);
        }
        self.feeds.push(Feed {
            id,
            url,
            outlet,
            title,
            full_text: full_text.unwrap_or_default(),
            added: Some(today.to_string()),
            last_fetch: None,
            status: None,
            articles: 0,
            etag: None,
            last_modified: None,
        });
        Ok(self.feeds.last())
    }

    /// Removes the feed with this URL or id (or unique id prefix); the removed feed.
    pub fn remove(&mut self, which: &str) -> Result<Feed> {
        let by_url = normalise_url(which).ok();
        let matches: Vec<usize> = self
            .feeds
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                by_url.as_deref() == Some(f.url.as_str())
                    || (which.len() >= 4 && f.id.starts_with(which))
            })
            .map(|(i, _)| i)
            .collect();
        match matches.as_slice() {
            [i] => Ok(self.feeds.remove(*i)),
            _ => Err(Error::NoSuchFeed(
                crate::text::sanitize_inline(which).into_owned(),
            )),
        }
    }

    /// Adds every feed of an OPML document (nested outlines included); how many were new,
    /// and the outlines that were skipped with the reason.
    pub fn import_opml(
        &mut self,
        xml: &str,
        today: &str,
    ) -> Result<(usize, Vec<(String, String)>)> {
        let doc = opml::OPML::from_str(xml).map_err(|e| Error::BadOpml(e.to_string()))?;
        let mut added = 0;
        let mut skipped = Vec::new();
        let mut stack: Vec<&opml::Outline> = doc.body.outlines.iter().rev().collect();
        while let Some(o) = stack.pop() {
            stack.extend(o.outlines.iter().rev());
            let Some(url) = o.xml_url.as_deref() else {
                continue;
            };
            let title = o.title.clone().or_else(|| Some(o.text.clone()));
            match self.add(url, None, title.filter(|t| !t.is_empty()), None, today) {
                Ok(Some(_)) => added += 1,
                Ok(None) => {}
                Err(e) => skipped.push((url.to_string(), e.to_string())),
            }
        }
        Ok((added, skipped))
    }

    /// The subscriptions as an OPML 2.0 document.
    pub fn export_opml(&self) -> Result<String> {
        let mut doc = opml::OPML {
            head: Some(opml::Head {
                title: Some("digest subscriptions".to_string()),
                ..opml::Head::default()
            }),
            ..opml::OPML::default()
        };
        for f in &self.feeds {
            let text = f
                .title
                .clone()
                .or_else(|| f.outlet.clone())
                .unwrap_or_else(|| f.url.clone());
            doc.body.outlines.push(opml::Outline {
                text: text.clone(),
                title: Some(text),
                r#type: Some("rss".to_string()),
                xml_url: Some(f.url.clone()),
                ..opml::Outline::default()
            });
        }
        doc.to_string().map_err(|e| Error::BadOpml(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised_and_only_http_is_accepted() {
        assert_eq!(
            normalise_url("HTTPS://TASS.com/rss/v2.xml#top").unwrap(),
            "https://tass.com/rss/v2.xml"
        );
        assert_eq!(
            normalise_url("http://Example.org/").unwrap(),
            "http://example.org"
        );
        assert_eq!(
            normalise_url("http://example.org:80/a/../feed?x=1").unwrap(),
            "http://example.org/feed?x=1"
        );
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://example.org/feed",
            "https://",
            "https://user@evil.example/feed",
            "https://exa mple.org/",
            "https://exa\u{1b}[2Jmple.org/",
            "tass.com/rss",
        ] {
            assert!(normalise_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn add_remove_and_opml_round_trip() {
        let mut s = Subscriptions::default();
        let id = s
            .add(
                "https://tass.com/rss/v2.xml",
                Some("TASS".into()),
                None,
                None,
                "2026-12-06",
            )
            .unwrap()
            .unwrap()
            .id
            .clone();
        assert!(
            s.add(
                "https://TASS.com/rss/v2.xml",
                None,
                None,
                None,
                "2026-12-06"
            )
            .unwrap()
            .is_none(),
            "the same feed once"
        );
        let xml = s.export_opml().unwrap();
        let mut t = Subscriptions::default();
        let (added, skipped) = t.import_opml(&xml, "2026-12-07").unwrap();
        assert_eq!((added, skipped.len()), (1, 0));
        assert_eq!(t.feeds[0].url, "https://tass.com/rss/v2.xml");
        assert_eq!(t.feeds[0].title.as_deref(), Some("TASS"));
        assert_eq!(
            s.remove(&id[..4]).unwrap().url,
            "https://tass.com/rss/v2.xml"
        );
        assert!(s.remove("https://tass.com/rss/v2.xml").is_err());
    }
}
