//! reqwest async: one Client, tokio multi-thread runtime (default worker count, one per
//! core), 8 concurrent tasks, each body read whole by chunks with the same 8 MB limit.

#[path = "../common.rs"]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let base = common::base_url();
    let start = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let bytes = runtime.block_on(async move {
        let client = reqwest::Client::builder()
            .timeout(common::TIMEOUT)
            .user_agent(common::USER_AGENT)
            .build()
            .expect("client");
        let next = Arc::new(AtomicUsize::new(0));
        let bytes = Arc::new(AtomicU64::new(0));
        let tasks: Vec<_> = (0..common::WORKERS)
            .map(|_| {
                let (client, next, bytes, base) =
                    (client.clone(), next.clone(), bytes.clone(), base.clone());
                tokio::spawn(async move {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= common::PAGES {
                            break;
                        }
                        let mut response = client
                            .get(common::page_url(&base, i))
                            .send()
                            .await
                            .and_then(|r| r.error_for_status())
                            .unwrap_or_else(|e| panic!("page {i}: {e}"));
                        let mut body = Vec::new();
                        while let Some(chunk) = response
                            .chunk()
                            .await
                            .unwrap_or_else(|e| panic!("page {i}: {e}"))
                        {
                            body.extend_from_slice(&chunk);
                            assert!(body.len() as u64 <= common::LIMIT, "page {i}: too large");
                        }
                        bytes.fetch_add(common::check(i, &body) as u64, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.expect("task panicked");
        }
        bytes.load(Ordering::Relaxed)
    });
    let wall = start.elapsed();
    common::report("reqwest-async", common::PAGES, bytes, wall);
}
