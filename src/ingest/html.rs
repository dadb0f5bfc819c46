//! Web pages: the article in a saved page (`.html`, `.htm`).
//!
//! The body is extracted by [dom_smoothie](https://crates.io/crates/dom_smoothie) (a port
//! of Mozilla's Readability: the text without navigation, ads, captions, related-link
//! lists and comments), chosen by measuring it against the other Rust extractors on 181
//! real pages with hand-checked bodies (BENCHMARKS.md, "Article extraction"). What a page
//! says about itself is read by digest from its markup, because extractors disagree on it
//! and news pages state it in a few standard places:
//!
//! * **title** — `og:title`, without a trailing " | Site" or " - Site" naming the site;
//!   else JSON-LD `headline`; else the page's one `<h1>`; else `<title>` without the site;
//! * **date** — `article:published_time`, else JSON-LD `datePublished`, else the first
//!   `<time datetime>`;
//! * **outlet** — `og:site_name`, else JSON-LD `publisher.name`, else the host of the
//!   page's URL (without `www.`), resolved against the outlet registry by ingest
//!   (tass.com → TASS);
//! * **URL** — `<link rel="canonical">`, else `og:url`;
//! * **authors** — JSON-LD `author` names, else `<meta name="author">`.
//!
//! Pages are decoded from the charset they declare (a byte-order mark, `<meta charset>`
//! or `http-equiv` content type in their first kilobytes) with encoding_rs, or, when they
//! declare none and are not UTF-8, from the encoding chardetng guesses: windows-1251,
//! KOI8-R, GBK, Shift-JIS and the ISO-8859 family are read, not refused. Scripts and
//! styles never reach the text; the text then goes through digest's cleaning like any
//! article's.

use std::borrow::Cow;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// What a page says, as read by [`read_page`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    /// The article's text, paragraphs on their own lines.
    pub body: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub authors: Vec<String>,
}

/// Decodes a page's bytes from the charset it declares, else UTF-8, else a guess.
pub fn decode_html(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0;
    }
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(4096)]) {
        // A page declaring UTF-8 that is not is decoded with replacements, not refused.
        return enc.decode_without_bom_handling(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
            enc.decode_without_bom_handling(bytes).0
        }
    }
}

/// A page served with a charset in its `Content-Type` header, made to carry it: a `<meta
/// charset>` in front, which wins over any the page declares itself (as the header does in
/// a browser), so the saved file is read the same way later. A byte-order mark still wins;
/// a label encoding_rs does not know changes nothing.
pub fn with_served_charset(body: Vec<u8>, content_type: &str) -> Vec<u8> {
    let label = content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    });
    let Some(enc) = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) else {
        return body;
    };
    if encoding_rs::Encoding::for_bom(&body).is_some()
        || enc == encoding_rs::UTF_16LE
        || enc == encoding_rs::UTF_16BE
    {
        return body;
    }
    [
        format!("<meta charset=\"{}\">", enc.name()).as_bytes(),
        &body,
    ]
    .concat()
}

/// The encoding a page's head declares: `<meta charset="…">` or `<meta
/// http-equiv="Content-Type" content="text/html; charset=…">`.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(&[][..], |p| &rest[p..]);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest: Vec<u8> = rest
            .iter()
            .copied()
            .skip_while(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .collect();
        if let Some(enc) = encoding_rs::Encoding::for_label(&rest) {
            // A page that says UTF-16 in its markup is ASCII-compatible bytes: it is not.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

/// The article of a web page; `url` is where the page came from, when known (a fetched
/// page), for relative links and the outlet. `None` when no article text is found.
pub fn read_page(html: &str, url: Option<&str>) -> Option<Page> {
    let saved_from = saved_from(html);
    let url = url.or(saved_from.as_deref());
    let doc = Document::from(html);
    let meta = |selector: &str| -> Option<String> {
        doc.select(selector)
            .iter()
            .filter_map(|s| s.attr("content"))
            .map(|c| squash(&c))
            .find(|c| !c.is_empty())
    };
    let ld = json_ld(&doc);
    let ld_str = |key: &str| -> Option<String> {
        ld.iter()
            .filter_map(|v| v.get(key))
            .find_map(|v| v.as_str().map(squash))
            .filter(|s| !s.is_empty())
    };

    let site = meta("meta[property='og:site_name']").or_else(|| {
        ld.iter()
            .filter_map(|v| v.get("publisher")?.get("name")?.as_str().map(squash))
            .find(|s| !s.is_empty())
    });
    let canonical = doc
        .select("link[rel='canonical']")
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http://") || h.starts_with("https://"))
        .or_else(|| {
            meta("meta[property='og:url']")
                .filter(|h| h.starts_with("http://") || h.starts_with("https://"))
        });
    let page_url = canonical.clone().or_else(|| url.map(str::to_string));

    let title = meta("meta[property='og:title']")
        .or_else(|| ld_str("headline"))
        .or_else(|| {
            let h1 = doc.select("h1");
            (h1.length() == 1)
                .then(|| squash(&h1.text()))
                .filter(|t| !t.is_empty())
        })
        .or_else(|| Some(squash(&doc.select("title").text())).filter(|t| !t.is_empty()))
        .map(|t| without_site(&t, site.as_deref()));

    let date = meta("meta[property='article:published_time']")
        .or_else(|| meta("meta[itemprop='datePublished']"))
        .or_else(|| ld_str("datePublished"))
        .or_else(|| {
            doc.select("time[datetime]")
                .attr("datetime")
                .map(|d| d.trim().to_string())
        })
        .map(|d| day_of(&d));

    let mut authors: Vec<String> = ld
        .iter()
        .filter_map(|v| v.get("author"))
        .flat_map(|a| match a {
            serde_json::Value::Array(list) => list.clone(),
            other => vec![other.clone()],
        })
        .filter_map(|a| match a {
            serde_json::Value::String(s) => Some(squash(&s)),
            serde_json::Value::Object(o) => o.get("name")?.as_str().map(squash),
            _ => None,
        })
        .filter(|a| !a.is_empty())
        .collect();
    authors.dedup();
    if authors.is_empty()
        && let Some(a) = meta("meta[name='author']")
    {
        authors.push(a);
    }

    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let body = Readability::new(html, page_url.as_deref(), Some(cfg))
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default();
    let body = body
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    if body.is_empty() {
        return None;
    }
    let outlet = site.or_else(|| page_url.as_deref().and_then(host));
    let language = doc
        .select("html")
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    Some(Page {
        title,
        body,
        outlet,
        date,
        url: page_url,
        language,
        authors,
    })
}

/// The address a saved page came from, as browsers (and `digest ingest URL`) mark it in
/// its first line: `<!-- saved from url=(0044)https://… -->`.
fn saved_from(html: &str) -> Option<String> {
    let head = &html[..html.floor_char_boundary(2048)];
    let at = head.find("saved from url=(")? + "saved from url=(".len();
    let rest = &head[at..];
    let rest = &rest[rest.find(')')? + 1..];
    let url = rest[..rest.find("-->")?].trim();
    let plain = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (plain && (url.starts_with("http://") || url.starts_with("https://"))).then(|| url.to_string())
}

/// The JSON-LD objects of a page (arrays and `@graph` lists flattened).
fn json_ld(doc: &Document) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for script in doc.select("script[type='application/ld+json']").iter() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(script.text().trim()) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(list) => stack.extend(list),
                serde_json::Value::Object(ref o) if o.contains_key("@graph") => {
                    if let Some(g) = o.get("@graph") {
                        stack.push(g.clone());
                    }
                }
                v @ serde_json::Value::Object(_) => out.push(v),
                _ => {}
            }
        }
    }
    out
}

/// White space collapsed to single spaces.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title without a trailing " | Site", " - Site" or " — Site" that names the site.
fn without_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let tail = title[i + sep.len()..].trim();
            let names_site = site.is_some_and(|s| {
                let (a, b) = (tail.to_lowercase(), s.to_lowercase());
                a == b || a.contains(&b) || b.contains(&a)
            });
            if names_site && i > 0 {
                return title[..i].trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `2021-10-06T12:00:00Z` → `2021-10-06`; other forms are left for ingest's date reader.
fn day_of(date: &str) -> String {
    let b = date.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        date[..10].to_string()
    } else {
        date.to_string()
    }
}

/// The host of an http(s) URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_with_a_wide_character_where_its_head_is_cut_is_read() {
        let page = format!(
            "<!-- saved from url=(0021)https://tass.com/x/1 -->\n<title>{}’s</title><article><p>{}</p></article>",
            "a".repeat(2047 - 58),
            "The lunar station memorandum was signed on Tuesday by both agencies. ".repeat(4)
        );
        assert_eq!(page.find('’'), Some(2047));
        let read = read_page(&page, None).expect("an article");
        assert_eq!(read.url.as_deref(), Some("https://tass.com/x/1"));
    }

    #[test]
    fn the_served_charset_wins_over_the_page_but_not_over_a_byte_order_mark() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Роскосмос</p>");
        let stale = [b"<meta charset=\"iso-8859-1\">".as_slice(), &bytes].concat();
        let served = with_served_charset(stale.clone(), "text/html; charset=\"windows-1251\"");
        assert!(decode_html(&served).contains("Роскосмос"));
        assert!(!decode_html(&stale).contains("Роскосмос"));
        for ignored in [
            "text/html",
            "text/html; charset=no-such",
            "text/html; charset=utf-16",
        ] {
            assert_eq!(
                with_served_charset(stale.clone(), ignored),
                stale,
                "{ignored}"
            );
        }
        let bom = [b"\xEF\xBB\xBF".as_slice(), "<p>Луна</p>".as_bytes()].concat();
        let served = with_served_charset(bom.clone(), "text/html; charset=koi8-r");
        assert_eq!(served, bom);
    }

    #[test]
    fn legacy_encodings_are_decoded_from_the_declaration_or_a_guess() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Роскосмос и Китай</p>");
        let page = [b"<meta charset=\"windows-1251\">".as_slice(), &bytes].concat();
        assert!(decode_html(&page).contains("Роскосмос и Китай"));
        let (bytes, _, _) =
            encoding_rs::GBK.encode("<p>中国国家航天局宣布嫦娥四号成功着陆月球背面</p>");
        let page = [
            b"<meta http-equiv='Content-Type' content='text/html; charset=gbk'>".as_slice(),
            &bytes,
        ]
        .concat();
        assert!(decode_html(&page).contains("嫦娥四号"));
        // Undeclared, not UTF-8: guessed.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("<html><body><p>Российское космическое агентство подписало меморандум о лунной станции с Китаем.</p></body></html>");
        assert!(decode_html(&bytes).contains("меморандум"));
    }

    #[test]
    fn titles_lose_the_site_name_and_dates_their_time() {
        assert_eq!(
            without_site("Russia, China sign lunar deal | TASS", Some("TASS")),
            "Russia, China sign lunar deal"
        );
        assert_eq!(
            without_site("A - B: the dash stays", Some("TASS")),
            "A - B: the dash stays"
        );
        assert_eq!(day_of("2021-03-10T09:00:00+03:00"), "2021-03-10");
        assert_eq!(
            host("https://www.globaltimes.cn/page/1.shtml").as_deref(),
            Some("globaltimes.cn")
        );
    }
}
