//! A local HTTP/1.1 server for the client benchmark: 2,000 distinct HTML pages of about
//! 16 KiB each (decoded), sent gzip-encoded (`Content-Encoding: gzip`), one thread per
//! connection, `Connection: close` after each response by default.
//!
//! Env: `PORT` (default 0: any free port), `DELAY_MS` (sleep before each response,
//! default 0), `KEEP_ALIVE=1` (keep connections open instead), `PAGES` (default 2000).
//! Prints `listening http://127.0.0.1:PORT` and the page sizes, then serves until killed.
//! Binds 127.0.0.1 only. A request without `Accept-Encoding: gzip` gets 406, so a client
//! that does not negotiate gzip fails loudly.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

const PAGE_BYTES: usize = 16 * 1024;

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "government",
    "minister",
    "election",
    "report",
    "market",
    "council",
    "health",
    "police",
    "court",
    "budget",
    "climate",
    "energy",
    "school",
    "housing",
    "transport",
    "season",
    "players",
    "research",
    "university",
    "company",
    "shares",
    "inflation",
    "parliament",
    "spokesperson",
    "announced",
    "yesterday",
    "according",
    "statement",
    "investigation",
    "committee",
    "proposal",
    "residents",
    "officials",
    "analysis",
    "infrastructure",
    "international",
    "technology",
    "development",
    "community",
];

/// xorshift64*: distinct, reproducible text per page.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }
}

fn page_html(i: usize) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x1000_0000_01B3));
    let mut html = format!(
        "<!DOCTYPE html>\n<html><head><title>Page {i}</title>\
         <meta charset=\"utf-8\"><link rel=\"canonical\" href=\"/page/{i}\"></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> \
         <a href=\"/politics\">Politics</a></nav>\n<article><h1>"
    );
    for _ in 0..8 {
        html.push_str(rng.word());
        html.push(' ');
    }
    html.push_str("</h1>\n");
    let tail = "</article><footer>(c) bench</footer></body></html>\n";
    while html.len() + tail.len() < PAGE_BYTES - 400 {
        html.push_str("<p>");
        let n = 40 + rng.next() % 60;
        for k in 0..n {
            if k > 0 {
                html.push(' ');
            }
            html.push_str(rng.word());
        }
        html.push_str(".</p>\n");
    }
    while html.len() + tail.len() < PAGE_BYTES {
        html.push(' ');
        html.push_str(rng.word());
    }
    html.push_str(tail);
    html.into_bytes()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

struct Site {
    pages: Vec<Vec<u8>>,
    delay: Duration,
    keep_alive: bool,
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let n = env_num("PAGES", 2000) as usize;
    let pages: Vec<Vec<u8>> = (0..n).map(|i| gzip(&page_html(i))).collect();
    let raw: usize = (0..n).map(|i| page_html(i).len()).sum();
    let gz: usize = pages.iter().map(Vec::len).sum();
    let site = Arc::new(Site {
        pages,
        delay: Duration::from_millis(env_num("DELAY_MS", 0)),
        keep_alive: env_num("KEEP_ALIVE", 0) == 1,
    });
    let listener = TcpListener::bind(("127.0.0.1", env_num("PORT", 0) as u16)).expect("bind");
    let addr = listener.local_addr().unwrap();
    println!("listening http://{addr}");
    println!(
        "pages={n} decoded_avg={} gzip_avg={} delay_ms={} keep_alive={}",
        raw / n,
        gz / n,
        site.delay.as_millis(),
        site.keep_alive
    );
    std::io::stdout().flush().unwrap();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        std::thread::spawn(move || {
            let _ = serve(stream, &site);
        });
    }
}

fn serve(stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut gzip_ok = false;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':')
                && k.eq_ignore_ascii_case("accept-encoding")
                && v.to_ascii_lowercase().contains("gzip")
            {
                gzip_ok = true;
            }
        }
        if !site.delay.is_zero() {
            std::thread::sleep(site.delay);
        }
        let conn = if site.keep_alive {
            "keep-alive"
        } else {
            "close"
        };
        let page = path
            .strip_prefix("/page/")
            .and_then(|s| s.parse::<usize>().ok())
            .and_then(|i| site.pages.get(i));
        match (page, gzip_ok) {
            (Some(body), true) => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Encoding: gzip\r\nContent-Length: {}\r\nConnection: {conn}\r\n\r\n",
                    body.len()
                );
                let mut msg = Vec::with_capacity(head.len() + body.len());
                msg.extend_from_slice(head.as_bytes());
                msg.extend_from_slice(body);
                out.write_all(&msg)?;
            }
            (found, _) => {
                let status = if found.is_some() {
                    "406 Not Acceptable"
                } else {
                    "404 Not Found"
                };
                write!(
                    out,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: {conn}\r\n\r\n"
                )?;
            }
        }
        out.flush()?;
        if !site.keep_alive {
            return Ok(());
        }
    }
}
