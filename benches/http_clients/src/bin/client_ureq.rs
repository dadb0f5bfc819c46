//! ureq 3: one Agent shared by 8 threads, each body read whole and decoded, 8 MB limit.

#[path = "../common.rs"]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let base = common::base_url();
    let start = Instant::now();
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(common::TIMEOUT))
        .user_agent(common::USER_AGENT);
    // Side experiment only: UREQ_BUF_KB sets ureq's per-connection input and output
    // buffers (default 128 KiB each). Unset, ureq's defaults are used, as in digest.
    if let Some(kb) = std::env::var("UREQ_BUF_KB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        config = config
            .input_buffer_size(kb * 1024)
            .output_buffer_size(kb * 1024);
    }
    let agent: ureq::Agent = config.build().into();
    let next = Arc::new(AtomicUsize::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let workers: Vec<_> = (0..common::WORKERS)
        .map(|_| {
            let (agent, next, bytes, base) =
                (agent.clone(), next.clone(), bytes.clone(), base.clone());
            std::thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= common::PAGES {
                        break;
                    }
                    let mut response = agent
                        .get(&common::page_url(&base, i))
                        .call()
                        .unwrap_or_else(|e| panic!("page {i}: {e}"));
                    let body = response
                        .body_mut()
                        .with_config()
                        .limit(common::LIMIT)
                        .read_to_vec()
                        .unwrap_or_else(|e| panic!("page {i}: {e}"));
                    bytes.fetch_add(common::check(i, &body) as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker panicked");
    }
    let wall = start.elapsed();
    common::report("ureq", common::PAGES, bytes.load(Ordering::Relaxed), wall);
}
