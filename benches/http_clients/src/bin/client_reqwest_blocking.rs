//! reqwest blocking: one Client shared by 8 threads, each body read whole (gzip decoded by
//! reqwest) through `Read`, with the same 8 MB limit as the ureq client.

#[path = "../common.rs"]
mod common;

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let base = common::base_url();
    let start = Instant::now();
    let client = reqwest::blocking::Client::builder()
        .timeout(common::TIMEOUT)
        .user_agent(common::USER_AGENT)
        .build()
        .expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let workers: Vec<_> = (0..common::WORKERS)
        .map(|_| {
            let (client, next, bytes, base) =
                (client.clone(), next.clone(), bytes.clone(), base.clone());
            std::thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= common::PAGES {
                        break;
                    }
                    let response = client
                        .get(common::page_url(&base, i))
                        .send()
                        .and_then(|r| r.error_for_status())
                        .unwrap_or_else(|e| panic!("page {i}: {e}"));
                    let mut body = Vec::new();
                    response
                        .take(common::LIMIT + 1)
                        .read_to_end(&mut body)
                        .unwrap_or_else(|e| panic!("page {i}: {e}"));
                    assert!(body.len() as u64 <= common::LIMIT, "page {i}: too large");
                    bytes.fetch_add(common::check(i, &body) as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker panicked");
    }
    let wall = start.elapsed();
    drop(client);
    common::report(
        "reqwest-blocking",
        common::PAGES,
        bytes.load(Ordering::Relaxed),
        wall,
    );
}
