//! Fetching from the web: pages and feeds, over http or https only, with bounds.
//!
//! Everything from the network is untrusted. A request goes only to an `http` or `https`
//! URL ([`crate::feeds::normalise_url`] refuses anything else, credentials in the host
//! included); redirects are followed by digest itself, at most [`MAX_REDIRECTS`] times and
//! never to another scheme; connecting may take [`Settings::connect_timeout`] and the whole
//! exchange, redirects and body included, [`Settings::timeout`]; a body larger than its
//! limit ([`MAX_PAGE_BYTES`], [`MAX_FEED_BYTES`], after gzip or deflate decoding) is
//! refused, not truncated, and one that declares a larger `Content-Length` is refused
//! before it is read. Requests name digest in their `User-Agent`.
//!
//! A fetched page is saved as an `.html` file under `pages/` in the directory holding
//! the index (so `digest reindex` rebuilds from it, as from any file), opening with the
//! `<!-- saved from url=(NNNN)URL -->` line browsers write when they save a page, from
//! which ingest takes the page's address.
//!
//! [`fetch_all`] fetches every subscription, [`Settings::jobs`] at a time. Each worker
//! holds at most one feed document and one page, so memory is bounded by the number of
//! jobs, not the number of feeds: a feed's new items are written to their file as soon as
//! the feed is done, and only their keys are kept until the run's single commit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Most redirects followed.
pub const MAX_REDIRECTS: u32 = 5;
/// Largest page body accepted.
pub const MAX_PAGE_BYTES: u64 = 8 << 20;
/// Largest feed document accepted.
pub const MAX_FEED_BYTES: u64 = 16 << 20;

/// How fetching runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Feeds fetched at the same time (and so connections open), at most.
    pub jobs: usize,
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Time for one whole exchange: redirects, response and body.
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            jobs: 8,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
        }
    }
}

/// The `User-Agent` digest sends.
pub fn user_agent() -> String {
    format!(
        "digest/{} (terminal news reader)",
        env!("CARGO_PKG_VERSION")
    )
}

/// An HTTP client with digest's bounds; cheap to clone, its connections shared.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
}

impl Default for Client {
    fn default() -> Client {
        Client::new(Settings::default())
    }
}

/// A page fetched: the address it was finally served from and its bytes.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    /// The body, decoded from gzip or deflate.
    pub body: Vec<u8>,
}

/// What a feed request gave.
#[derive(Debug, Clone)]
pub enum FeedReply {
    /// 304: nothing new since the validators sent.
    NotModified {
        /// Where the feed now lives, when every redirect on the way was permanent.
        moved: Option<String>,
    },
    /// The feed document, the URL it was served from and its validators.
    Body {
        url: String,
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// Where the feed now lives, when every redirect on the way was permanent.
        moved: Option<String>,
    },
}

/// One response after redirects.
struct Reply {
    url: String,
    /// The final URL, when it differs from the one asked for and every redirect on the
    /// way was permanent (301 or 308).
    moved: Option<String>,
    response: ureq::http::Response<ureq::Body>,
}

impl Client {
    pub fn new(settings: Settings) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.timeout))
            // Redirects are followed in `get`, where each new address is checked.
            .max_redirects(0)
            .user_agent(user_agent())
            .http_status_as_error(false)
            .build()
            .into();
        Client { agent, settings }
    }

    /// The settings this client runs with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// A GET of `url` with `headers`, following redirects (each checked like the first
    /// address) within the total timeout.
    fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Reply> {
        let asked = crate::feeds::normalise_url(url)?;
        let fail = |reason: String| fetch_error(&asked, reason);
        let start = Instant::now();
        let mut url = asked.clone();
        let mut permanent = true;
        for hop in 0..=MAX_REDIRECTS {
            let left = self
                .settings
                .timeout
                .checked_sub(start.elapsed())
                .filter(|d| !d.is_zero())
                .ok_or_else(|| fail("timed out".into()))?;
            let mut request = self
                .agent
                .get(&url)
                .header("Accept-Encoding", "gzip, deflate");
            for (k, v) in headers {
                request = request.header(*k, *v);
            }
            let response = request
                .config()
                .timeout_global(Some(left))
                .build()
                .call()
                .map_err(|e| fail(describe(&e, 0)))?;
            let status = response.status().as_u16();
            if !matches!(status, 301 | 302 | 303 | 307 | 308) {
                let moved = (permanent && url != asked).then(|| url.clone());
                return Ok(Reply {
                    url,
                    moved,
                    response,
                });
            }
            if hop == MAX_REDIRECTS {
                break;
            }
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| fail(format!("HTTP {status} without a Location")))?;
            let next = url::Url::parse(&url)
                .and_then(|base| base.join(location))
                .map_err(|_| fail("redirect to an address that cannot be read".into()))?;
            url = crate::feeds::normalise_url(next.as_str()).map_err(|_| {
                fail(format!(
                    "redirect to {} refused: only http and https are followed",
                    crate::text::sanitize_inline(next.as_str())
                ))
            })?;
            permanent &= matches!(status, 301 | 308);
        }
        Err(fail(format!("more than {MAX_REDIRECTS} redirects")))
    }

    /// Fetches one page. Errors name the URL and the reason: a refused scheme, a status
    /// other than 200, a timeout, too many redirects, a body over the limit.
    pub fn page(&self, url: &str) -> Result<Fetched> {
        let reply = self.get(url, &[])?;
        let fail = |reason: String| fetch_error(url, reason);
        let status = reply.response.status().as_u16();
        if status != 200 {
            return Err(fail(format!("HTTP {status}")));
        }
        let content_type = reply
            .response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = read_body(reply.response, MAX_PAGE_BYTES).map_err(fail)?;
        let body = crate::ingest::html::with_served_charset(body, &content_type);
        Ok(Fetched {
            url: reply.url,
            body,
        })
    }

    /// Fetches a feed, conditionally when validators from the last fetch are given.
    pub fn feed(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<FeedReply> {
        let mut headers = Vec::new();
        if let Some(e) = etag {
            headers.push(("If-None-Match", e));
        }
        if let Some(m) = last_modified {
            headers.push(("If-Modified-Since", m));
        }
        let reply = self.get(url, &headers)?;
        let fail = |reason: String| fetch_error(url, reason);
        match reply.response.status().as_u16() {
            304 => return Ok(FeedReply::NotModified { moved: reply.moved }),
            200 => {}
            other => return Err(fail(format!("HTTP {other}"))),
        }
        let header = |name: &str| {
            reply
                .response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let bytes = read_body(reply.response, MAX_FEED_BYTES).map_err(fail)?;
        Ok(FeedReply::Body {
            url: reply.url,
            bytes,
            etag,
            last_modified,
            moved: reply.moved,
        })
    }
}

fn fetch_error(url: &str, reason: String) -> Error {
    Error::Fetch {
        url: crate::text::sanitize_inline(url).into_owned(),
        reason,
    }
}

/// A response's body, at most `limit` bytes once decoded (ureq decodes gzip; deflate,
/// which it does not ask for, is decoded here).
fn read_body(
    mut response: ureq::http::Response<ureq::Body>,
    limit: u64,
) -> std::result::Result<Vec<u8>, String> {
    let too_big = |n: u64| format!("larger than {} MB (at {n} bytes)", limit >> 20);
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(n) = declared.filter(|&n| n > limit) {
        return Err(too_big(n));
    }
    let deflate = response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("deflate"));
    let body = response.body_mut().with_config().limit(limit);
    if !deflate {
        return body.read_to_vec().map_err(|e| describe(&e, limit));
    }
    // HTTP's deflate is zlib-wrapped; some servers send it raw.
    let raw = body.read_to_vec().map_err(|e| describe(&e, limit))?;
    let inflate = |mut r: Box<dyn Read + '_>| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.by_ref().take(limit + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let out = inflate(Box::new(flate2::read::ZlibDecoder::new(&raw[..])))
        .or_else(|_| inflate(Box::new(flate2::read::DeflateDecoder::new(&raw[..]))))
        .map_err(|e| format!("cannot decode its deflate encoding: {e}"))?;
    if out.len() as u64 > limit {
        return Err(too_big(out.len() as u64));
    }
    Ok(out)
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

/// Fetches one page with the default settings (see [`Client::page`]).
pub fn fetch_page(url: &str) -> Result<Fetched> {
    Client::default().page(url)
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
    /// The address it was fetched from before it moved (a permanent redirect), when
    /// the subscription now follows the new one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
}

/// A run of [`fetch_all`] in one line: `3 new articles from 5 feeds, 1 failed`.
pub fn summary(outcomes: &[FeedOutcome], added: usize) -> String {
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    format!(
        "{} from {}{}",
        crate::output::plural(added, "new article", "new articles"),
        crate::output::plural(outcomes.len(), "feed", "feeds"),
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    )
}

/// Fetches every feed subscribed beside the index in `index_dir` with the default
/// settings, as `digest fetch` does: the reader runs this on its own thread. The index is
/// opened apart from any other handle the caller holds. `Err` when nothing could be
/// fetched at all (no subscriptions, the index busy); a failed feed is counted in the
/// summary.
pub fn fetch_subscriptions(
    index_dir: &Path,
    registries: crate::Registries,
    progress: &(dyn Fn(Step) + Sync),
) -> Result<String> {
    let path = crate::feeds::feeds_path(index_dir);
    let mut subs = crate::feeds::Subscriptions::load(&path)?;
    if subs.feeds.is_empty() {
        return Err(Error::NoFeeds);
    }
    let index = crate::index::DigestIndex::open_with(index_dir, registries)?;
    let data_dir = crate::feeds::data_dir(index_dir);
    let (outcomes, report) = fetch_all(
        &index,
        data_dir,
        &path,
        &mut subs,
        &Client::default(),
        progress,
    )?;
    Ok(summary(&outcomes, report.added))
}

/// Where a run of [`fetch_all`] is.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// `done` of `total` feeds fetched; the last one was `url`.
    Fetched {
        done: usize,
        total: usize,
        url: &'a str,
    },
    /// Every feed fetched; `items` new items are being indexed.
    Indexing { items: usize },
}

/// An item whose feed text has fewer words than this gets its page fetched (`auto`).
const SHORT_TEXT_WORDS: usize = 120;

/// What one feed gave before ingest: its new items already written to `file`.
struct FeedDone {
    file: Option<PathBuf>,
    /// Items written to `file`.
    stored: usize,
    keys: Vec<String>,
    etag: Option<String>,
    last_modified: Option<String>,
    not_modified: bool,
    moved: Option<String>,
}

/// Fetches every subscription ([`Settings::jobs`] at a time), writes the new items of
/// each as a JSON Lines file under `feeds/<id>/` in `data_dir`, and ingests them all in
/// one commit. One feed's failure never stops the others; the subscriptions are updated
/// (last fetch, status, validators, article counts, a permanently moved address) and
/// saved to `feeds_file`.
pub fn fetch_all(
    index: &crate::index::DigestIndex,
    data_dir: &Path,
    feeds_file: &Path,
    subs: &mut crate::feeds::Subscriptions,
    client: &Client,
    progress: &(dyn Fn(Step) + Sync),
) -> Result<(Vec<FeedOutcome>, crate::index::writer::IngestReport)> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f").to_string();
    let total = subs.feeds.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<FeedDone>>>> =
        Mutex::new((0..total).map(|_| None).collect());
    let feeds = &subs.feeds;
    std::thread::scope(|scope| {
        for _ in 0..client.settings.jobs.clamp(1, total.max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(feed) = feeds.get(i) else { break };
                    // A bug met on one feed's content fails that feed, not the run.
                    let got =
                        crate::error::catching_panics(|| fetch_one(client, data_dir, feed, &stamp))
                            .unwrap_or_else(|why| {
                                Err(fetch_error(&feed.url, format!("internal error: {why}")))
                            });
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(got);
                    }
                    progress(Step::Fetched {
                        done: done.fetch_add(1, Ordering::Relaxed) + 1,
                        total,
                        url: &feed.url,
                    });
                }
            });
        }
    });
    let results: Vec<Result<FeedDone>> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Error::Fetch {
                    url: String::new(),
                    reason: "the fetch stopped unexpectedly".into(),
                })
            })
        })
        .collect();

    let paths: Vec<PathBuf> = results
        .iter()
        .filter_map(|r| r.as_ref().ok()?.file.clone())
        .collect();
    progress(Step::Indexing {
        items: results
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|d| d.stored)
            .sum(),
    });
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
                let new = got.file.as_ref().map_or(0, |p| {
                    let p = std::path::absolute(p).unwrap_or_else(|_| p.clone());
                    let p = p.to_string_lossy();
                    report
                        .articles
                        .iter()
                        .filter(|a| a.status == "added" && a.source.starts_with(p.as_ref()))
                        .count()
                });
                append_seen(data_dir, &f.id, got.keys.iter().map(String::as_str))?;
                f.etag = got.etag;
                f.last_modified = got.last_modified;
                f.articles += new;
                let moved_from = got.moved.map(|to| std::mem::replace(&mut f.url, to));
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
                    moved_from,
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
                    moved_from: None,
                });
            }
        }
    }
    subs.save(feeds_file)?;
    Ok((outcomes, report))
}

/// Fetches one feed and the pages of its new items that need them, and writes those
/// items to `feeds/<id>/<stamp>.jsonl`.
fn fetch_one(
    client: &Client,
    data_dir: &Path,
    f: &crate::feeds::Feed,
    stamp: &str,
) -> Result<FeedDone> {
    use crate::feeds::FullText;
    let (url, bytes, etag, last_modified, moved) =
        match client.feed(&f.url, f.etag.as_deref(), f.last_modified.as_deref())? {
            FeedReply::NotModified { moved } => {
                return Ok(FeedDone {
                    file: None,
                    stored: 0,
                    keys: Vec::new(),
                    etag: f.etag.clone(),
                    last_modified: f.last_modified.clone(),
                    not_modified: true,
                    moved,
                });
            }
            FeedReply::Body {
                url,
                bytes,
                etag,
                last_modified,
                moved,
            } => (url, bytes, etag, last_modified, moved),
        };
    let mut items = parse_feed(&bytes, &url, f.outlet.as_deref())?;
    drop(bytes);
    let seen = read_seen(data_dir, &f.id);
    items.retain(|i| !seen.contains(&i.key));
    for item in &mut items {
        let short = item.text.split_whitespace().count() < SHORT_TEXT_WORDS;
        let want = match f.full_text {
            FullText::Always => true,
            FullText::Auto => short,
            FullText::Never => false,
        };
        if want
            && let Some(link) = item.url.clone()
            && let Ok(page) = client.page(&link)
            && let Some(p) = crate::ingest::html::read_page(
                &crate::ingest::html::decode_html(&page.body),
                Some(&page.url),
            )
            // `auto` keeps the feed's text when the page gave less (a paywall's stub);
            // `always` takes the page's article.
            && (f.full_text == FullText::Always || p.body.len() > item.text.len())
        {
            item.text = p.body;
        }
    }
    let keys = items.iter().map(|i| i.key.clone()).collect();
    items.retain(|i| !i.text.trim().is_empty());
    let file = if items.is_empty() {
        None
    } else {
        let dir = data_dir.join("feeds").join(&f.id);
        let path = dir.join(format!("{stamp}.jsonl"));
        let mut lines = Vec::new();
        for item in &items {
            let mut line = serde_json::to_vec(item).map_err(std::io::Error::other)?;
            line.push(b'\n');
            lines.push(line);
        }
        let parts: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        std::fs::create_dir_all(&dir)?;
        crate::index::write_atomically(&path, &parts)?;
        Some(path)
    };
    Ok(FeedDone {
        file,
        stored: items.len(),
        keys,
        etag,
        last_modified,
        not_modified: false,
        moved,
    })
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
