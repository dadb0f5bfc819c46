//! A web server on 127.0.0.1 for the tests (and benchmarks) that fetch: fixed responses
//! by path, served from a thread for the life of the value; conditional requests answered
//! 304; servers that never answer or never stop.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// One response: status line code, extra headers and body.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub how: How,
    /// Waited before answering, as a distant server would.
    pub delay: Duration,
}

/// How a reply is sent.
#[derive(Clone, Copy, PartialEq)]
pub enum How {
    /// Head, `Content-Length`, body.
    Whole,
    /// Reads the request and never answers.
    Never,
    /// Head without a length, then the body over and over until the client leaves.
    Endless,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            how: How::Whole,
            delay: Duration::ZERO,
        }
    }

    /// A reply that never comes.
    pub fn never() -> Reply {
        Reply {
            how: How::Never,
            ..Reply::status(200)
        }
    }

    /// `chunk` sent again and again, with no length and no end.
    pub fn endless(content_type: &str, chunk: impl Into<Vec<u8>>) -> Reply {
        Reply {
            how: How::Endless,
            ..Reply::ok(content_type, chunk)
        }
    }

    /// The same reply with one more header.
    pub fn with(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            how: How::Whole,
            delay: Duration::ZERO,
        }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply::redirect_with(301, to)
    }

    pub fn redirect_with(status: u16, to: &str) -> Reply {
        Reply::status(status).with("Location", to)
    }
}

/// A server answering each path with its reply (404 for others).
pub struct Server {
    pub base: String,
    /// Bytes sent so far, heads and bodies.
    pub sent: Arc<AtomicU64>,
    /// Requests answered (or, for [`How::Never`], read) so far.
    pub requests: Arc<AtomicU64>,
}

impl Server {
    pub fn start(routes: HashMap<String, Reply>) -> Server {
        Server::start_with(|_| routes)
    }

    /// A server whose routes are made knowing its address (`http://127.0.0.1:PORT`).
    pub fn start_with(routes: impl FnOnce(&str) -> HashMap<String, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes = Arc::new(routes(&base));
        let sent = Arc::new(AtomicU64::new(0));
        let requests = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&sent);
        let asked = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let routes = Arc::clone(&routes);
                let sent = Arc::clone(&counter);
                let asked = Arc::clone(&asked);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                    // The rest of the request head; a conditional request for a reply
                    // with the same ETag is answered 304.
                    let mut if_none_match = None;
                    let mut if_modified_since = None;
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':')
                            && k.eq_ignore_ascii_case("if-none-match")
                        {
                            if_none_match = Some(v.trim().to_string());
                        }
                        if let Some((k, v)) = h.split_once(':')
                            && k.eq_ignore_ascii_case("if-modified-since")
                        {
                            if_modified_since = Some(v.trim().to_string());
                        }
                    }
                    asked.fetch_add(1, Ordering::Relaxed);
                    let mut reply = routes.get(&path).cloned().unwrap_or(Reply::status(404));
                    std::thread::sleep(reply.delay);
                    let header = |name: &str| {
                        reply
                            .headers
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(name))
                            .map(|(_, v)| v.clone())
                    };
                    let etag = header("etag");
                    let modified = header("last-modified");
                    if (etag.is_some() && etag == if_none_match)
                        || (modified.is_some() && modified == if_modified_since)
                    {
                        reply = Reply::status(304);
                    }
                    if reply.how == How::Never {
                        std::thread::sleep(Duration::from_secs(3600));
                        return;
                    }
                    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
                    for (k, v) in &reply.headers {
                        head.push_str(&format!("{k}: {v}\r\n"));
                    }
                    if reply.how == How::Whole {
                        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
                    }
                    head.push_str("\r\n");
                    let mut send = |bytes: &[u8]| {
                        sent.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                        stream.write_all(bytes).is_ok()
                    };
                    send(head.as_bytes());
                    if reply.how == How::Endless {
                        while !reply.body.is_empty() && send(&reply.body) {}
                    } else {
                        send(&reply.body);
                    }
                });
            }
        });
        Server {
            base,
            sent,
            requests,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A server with one TASS feed at `/tass.xml`: one item about an okapi census, for the
/// tests of fetching from the reader.
pub fn okapi_feed_server() -> Server {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>TASS</title>
        <item><title>Okapi census on the lunar station</title><link>https://tass.com/science/9</link>
        <guid>okapi-1</guid><pubDate>Tue, 09 Mar 2021 10:00:00 GMT</pubDate>
        <description>Rangers counted okapi near the lunar research station model on Tuesday, the
        agency said, in a survey open to partners from other countries.</description></item>
        </channel></rss>"#;
    let mut routes = HashMap::new();
    routes.insert(
        "/tass.xml".to_string(),
        Reply::ok("application/rss+xml", rss),
    );
    Server::start(routes)
}
