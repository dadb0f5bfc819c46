//! Fetching from the web: one page, over http or https only, with bounds.
//!
//! Everything from the network is untrusted. A request goes only to an `http` or `https`
//! URL ([`crate::feeds::normalise_url`] refuses anything else, credentials in the host
//! included); redirects are followed at most [`MAX_REDIRECTS`] times and never to another
//! scheme; connecting may take [`CONNECT_TIMEOUT`] and the whole exchange
//! [`TOTAL_TIMEOUT`]; a body larger than [`MAX_PAGE_BYTES`] (after gzip or deflate
//! decoding) is refused, not truncated. Requests name digest in their `User-Agent`.
//!
//! A fetched page is saved as an `.html` file under `pages/` in the directory holding
//! the index (so `digest reindex` rebuilds from it, as from any file), opening with the
//! `<!-- saved from url=(NNNN)URL -->` line browsers write when they save a page, from
//! which ingest takes the page's address.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// Most redirects followed.
pub const MAX_REDIRECTS: u32 = 5;
/// Time to connect.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time for the whole exchange, body included.
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest page body accepted.
pub const MAX_PAGE_BYTES: u64 = 8 << 20;

/// The `User-Agent` digest sends.
pub fn user_agent() -> String {
    format!(
        "digest/{} (terminal news reader)",
        env!("CARGO_PKG_VERSION")
    )
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(TOTAL_TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(user_agent())
        .http_status_as_error(false)
        .build()
        .into()
}

/// A page fetched: the address it was finally served from and its bytes.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    /// The body, decoded from gzip or deflate.
    pub body: Vec<u8>,
}

/// Fetches one page. Errors name the URL and the reason: a refused scheme, a status
/// other than 200, a timeout, too many redirects, a body over the limit.
pub fn fetch_page(url: &str) -> Result<Fetched> {
    let url = crate::feeds::normalise_url(url)?;
    let fail = |reason: String| Error::Fetch {
        url: crate::text::sanitize_inline(&url).into_owned(),
        reason,
    };
    let response = agent()
        .get(&url)
        .call()
        .map_err(|e| fail(describe(&e, MAX_PAGE_BYTES)))?;
    let status = response.status();
    if status.as_u16() != 200 {
        return Err(fail(format!("HTTP {status}")));
    }
    let (url, body) = read_body(response, MAX_PAGE_BYTES).map_err(fail)?;
    Ok(Fetched { url, body })
}

/// The URL a response was finally served from and its body, at most `limit` bytes.
fn read_body(
    mut response: ureq::http::Response<ureq::Body>,
    limit: u64,
) -> std::result::Result<(String, Vec<u8>), String> {
    let url = {
        use ureq::ResponseExt;
        response.get_uri().to_string()
    };
    let body = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| describe(&e, limit))?;
    Ok((url, body))
}

/// A fetch error in a few words; `limit` is the body size allowed.
fn describe(e: &ureq::Error, limit: u64) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::BodyExceedsLimit(n) => {
            format!("larger than {} MB (at {n} bytes)", limit >> 20)
        }
        other => other.to_string(),
    }
}

/// Saves a fetched page under `pages/<host>/` in `data_dir`, marked with its address;
/// the path written. The file is named by a hash of the address, so fetching the same
/// page again replaces it (and ingest sees a changed file).
pub fn save_page(data_dir: &Path, page: &Fetched) -> Result<PathBuf> {
    let host = page
        .url
        .split("://")
        .nth(1)
        .and_then(|r| r.split(['/', '?', '#', ':']).next())
        .unwrap_or("page")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect::<String>();
    let dir = data_dir
        .join("pages")
        .join(if host.is_empty() { "page" } else { &host });
    let name = format!("{}.html", crate::ingest::short_hash(page.url.as_bytes()));
    let path = dir.join(name);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        let mark = format!(
            "<!-- saved from url=({:04}){} -->\n",
            page.url.len(),
            page.url
        );
        crate::index::write_atomically(&path, &[mark.as_bytes(), &page.body])
    };
    write().map_err(|e| Error::Fetch {
        url: crate::text::sanitize_inline(&page.url).into_owned(),
        reason: format!("cannot save to {}: {e}", path.display()),
    })?;
    Ok(path)
}

/// What a feed request gave.
#[derive(Debug, Clone)]
pub enum FeedReply {
    /// 304: nothing new since the validators sent.
    NotModified,
    /// The feed document, the URL it was served from and its validators.
    Body {
        url: String,
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Largest feed document accepted.
pub const MAX_FEED_BYTES: u64 = 16 << 20;

/// Fetches a feed, conditionally when validators from the last fetch are given.
pub fn fetch_feed(url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<FeedReply> {
    let url = crate::feeds::normalise_url(url)?;
    let fail = |reason: String| Error::Fetch {
        url: crate::text::sanitize_inline(&url).into_owned(),
        reason,
    };
    let mut request = agent().get(&url);
    if let Some(e) = etag {
        request = request.header("If-None-Match", e);
    }
    if let Some(m) = last_modified {
        request = request.header("If-Modified-Since", m);
    }
    let response = request
        .call()
        .map_err(|e| fail(describe(&e, MAX_FEED_BYTES)))?;
    match response.status().as_u16() {
        304 => return Ok(FeedReply::NotModified),
        200 => {}
        other => return Err(fail(format!("HTTP {other}"))),
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let (url, bytes) = read_body(response, MAX_FEED_BYTES).map_err(fail)?;
    Ok(FeedReply::Body {
        url,
        bytes,
        etag,
        last_modified,
    })
}

/// One item of a feed, as digest stores it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Item {
    /// The feed's id for it (GUID), else its link.
    #[serde(skip)]
    pub key: String,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// The items of a feed document (RSS 0.9x/1.0/2.0, Atom, JSON Feed), links resolved
/// against the feed's URL; `outlet` overrides the feed's title as the items' outlet.
pub fn parse_feed(bytes: &[u8], url: &str, outlet: Option<&str>) -> Result<Vec<Item>> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .build()
        .parse(bytes)
        .map_err(|e| Error::Fetch {
            url: crate::text::sanitize_inline(url).into_owned(),
            reason: format!("not a readable feed: {e}"),
        })?;
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| crate::ingest::html::squash(&t.content));
    let outlet = outlet.map(str::to_string).or(feed_title);
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|e| {
            let link = e
                .links
                .iter()
                .map(|l| l.href.trim().to_string())
                .find(|h| h.starts_with("http://") || h.starts_with("https://"));
            let html = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let text = fragment_text(&html);
            let title = e
                .title
                .as_ref()
                .map(|t| crate::ingest::html::squash(&fragment_text(&t.content)))?;
            let key = if e.id.trim().is_empty() {
                link.clone()?
            } else {
                e.id.trim().to_string()
            };
            Some(Item {
                key,
                title,
                outlet: outlet.clone(),
                date: e
                    .published
                    .or(e.updated)
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                url: link,
                text,
            })
        })
        .collect())
}

/// The text of an HTML fragment, paragraphs on their own lines; plain text is kept.
fn fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let doc = dom_query::Document::fragment(html);
    doc.select("script, style").remove();
    doc.formatted_text()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// How one feed's fetch went.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedOutcome {
    pub id: String,
    pub url: String,
    /// `ok`, `not modified` or `error`.
    pub status: &'static str,
    /// Articles added from it.
    pub new: usize,
    pub error: Option<String>,
}

/// Feeds fetched at the same time, at most.
pub const PARALLEL_FEEDS: usize = 4;

/// An item whose feed text has fewer words than this gets its page fetched (`auto`).
const SHORT_TEXT_WORDS: usize = 120;

/// What one feed gave before ingest.
struct Fetched1 {
    items: Vec<Item>,
    etag: Option<String>,
    last_modified: Option<String>,
    not_modified: bool,
}

/// Fetches every subscription (several at a time), writes the new items of each as a
/// JSON Lines file under `feeds/<id>/` in `data_dir`, and ingests them all in one commit.
/// One feed's failure never stops the others; the subscriptions are updated (last fetch,
/// status, validators, article counts) and saved to `feeds_file`.
pub fn fetch_all(
    index: &crate::index::DigestIndex,
    data_dir: &Path,
    feeds_file: &Path,
    subs: &mut crate::feeds::Subscriptions,
) -> Result<(Vec<FeedOutcome>, crate::index::writer::IngestReport)> {
    use crate::feeds::FullText;
    let results: Vec<Result<Fetched1>> = std::thread::scope(|scope| {
        let mut out = Vec::new();
        for chunk in subs.feeds.chunks(PARALLEL_FEEDS) {
            let handles: Vec<_> = chunk
                .iter()
                .map(|f| {
                    scope.spawn(move || -> Result<Fetched1> {
                        let seen = read_seen(data_dir, &f.id);
                        match fetch_feed(&f.url, f.etag.as_deref(), f.last_modified.as_deref())? {
                            FeedReply::NotModified => Ok(Fetched1 {
                                items: Vec::new(),
                                etag: f.etag.clone(),
                                last_modified: f.last_modified.clone(),
                                not_modified: true,
                            }),
                            FeedReply::Body {
                                url,
                                bytes,
                                etag,
                                last_modified,
                            } => {
                                let mut items = parse_feed(&bytes, &url, f.outlet.as_deref())?;
                                items.retain(|i| !seen.contains(&i.key));
                                for item in &mut items {
                                    let short =
                                        item.text.split_whitespace().count() < SHORT_TEXT_WORDS;
                                    let want = match f.full_text {
                                        FullText::Always => true,
                                        FullText::Auto => short,
                                        FullText::Never => false,
                                    };
                                    if want
                                        && let Some(link) = item.url.clone()
                                        && let Ok(page) = fetch_page(&link)
                                        && let Some(p) = crate::ingest::html::read_page(
                                            &crate::ingest::html::decode_html(&page.body),
                                            Some(&page.url),
                                        )
                                        && p.body.len() > item.text.len()
                                    {
                                        item.text = p.body;
                                    }
                                }
                                Ok(Fetched1 {
                                    items,
                                    etag,
                                    last_modified,
                                    not_modified: false,
                                })
                            }
                        }
                    })
                })
                .collect();
            for h in handles {
                out.push(h.join().unwrap_or_else(|_| {
                    Err(Error::Fetch {
                        url: String::new(),
                        reason: "the fetch stopped unexpectedly".into(),
                    })
                }));
            }
        }
        out
    });

    // Each feed's new items as one file.
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f").to_string();
    let mut files: Vec<(usize, PathBuf)> = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let Ok(got) = r else { continue };
        let items: Vec<&Item> = got
            .items
            .iter()
            .filter(|i| !i.text.trim().is_empty())
            .collect();
        if items.is_empty() {
            continue;
        }
        let dir = data_dir.join("feeds").join(&subs.feeds[i].id);
        let path = dir.join(format!("{stamp}.jsonl"));
        let mut lines = Vec::new();
        for item in items {
            let mut line = serde_json::to_vec(item).map_err(std::io::Error::other)?;
            line.push(b'\n');
            lines.push(line);
        }
        let parts: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        std::fs::create_dir_all(&dir)?;
        crate::index::write_atomically(&path, &parts)?;
        files.push((i, path));
    }
    let paths: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
    let report = if paths.is_empty() {
        crate::index::writer::IngestReport::default()
    } else {
        crate::index::writer::ingest_paths(
            index,
            &paths,
            &crate::index::writer::IngestOptions {
                record: true,
                ..Default::default()
            },
            &mut |_| {},
        )?
    };

    // The items are in the index: remember them, and the feeds' state.
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut outcomes = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        let f = &mut subs.feeds[i];
        f.last_fetch = Some(now.clone());
        match r {
            Ok(got) => {
                let new = files.iter().find(|(j, _)| *j == i).map_or(0, |(_, p)| {
                    let p = std::path::absolute(p).unwrap_or_else(|_| p.clone());
                    let p = p.to_string_lossy();
                    report
                        .articles
                        .iter()
                        .filter(|a| a.status == "added" && a.source.starts_with(p.as_ref()))
                        .count()
                });
                append_seen(data_dir, &f.id, got.items.iter().map(|i| i.key.as_str()))?;
                f.etag = got.etag;
                f.last_modified = got.last_modified;
                f.articles += new;
                let status = if got.not_modified {
                    "not modified"
                } else {
                    "ok"
                };
                f.status = Some(status.to_string());
                outcomes.push(FeedOutcome {
                    id: f.id.clone(),
                    url: f.url.clone(),
                    status,
                    new,
                    error: None,
                });
            }
            Err(e) => {
                f.status = Some(format!("error: {e}"));
                outcomes.push(FeedOutcome {
                    id: f.id.clone(),
                    url: f.url.clone(),
                    status: "error",
                    new: 0,
                    error: Some(e.to_string()),
                });
            }
        }
    }
    subs.save(feeds_file)?;
    Ok((outcomes, report))
}

fn seen_path(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join("feeds").join(id).join("seen.txt")
}

/// The keys (GUIDs or links) of the items already stored from a feed.
fn read_seen(data_dir: &Path, id: &str) -> std::collections::HashSet<String> {
    std::fs::read_to_string(seen_path(data_dir, id))
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

fn append_seen<'a>(data_dir: &Path, id: &str, keys: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut all: Vec<String> = {
        let seen = read_seen(data_dir, id);
        let mut v: Vec<String> = seen.into_iter().collect();
        v.sort();
        v
    };
    let before = all.len();
    for k in keys {
        let k = k.replace(['\n', '\r'], " ");
        if !all.contains(&k) {
            all.push(k);
        }
    }
    if all.len() == before {
        return Ok(());
    }
    let path = seen_path(data_dir, id);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = all.join("\n") + "\n";
    crate::index::write_atomically(&path, &[text.as_bytes()])?;
    Ok(())
}
