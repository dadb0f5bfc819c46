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
        "digest/{} (news reader; +https://github.com/digest-news/digest)",
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
    let mut response = agent().get(&url).call().map_err(|e| fail(describe(&e)))?;
    let status = response.status();
    if status.as_u16() != 200 {
        return Err(fail(format!("HTTP {status}")));
    }
    let final_url = {
        use ureq::ResponseExt;
        response.get_uri().to_string()
    };
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_PAGE_BYTES)
        .read_to_vec()
        .map_err(|e| fail(describe(&e)))?;
    Ok(Fetched {
        url: final_url,
        body,
    })
}

/// A fetch error in a few words.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::BodyExceedsLimit(n) => {
            format!(
                "page larger than {} MB (at {n} bytes)",
                MAX_PAGE_BYTES >> 20
            )
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
