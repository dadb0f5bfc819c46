//! What the three clients share: settings, the check of each page, and the report line.
//! Plain std, so it adds nothing to any client's dependency tree.

#![allow(dead_code)]

use std::time::Duration;

/// Pages fetched per run.
pub const PAGES: usize = 2000;
/// Worker threads (blocking clients) or concurrent tasks (async client).
pub const WORKERS: usize = 8;
/// Largest decoded body accepted, as digest's article limit.
pub const LIMIT: u64 = 8 << 20;
/// Whole-request timeout, set on every client alike.
pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const USER_AGENT: &str = "digest-http-bench/0.1";

/// The server's address, from `BASE_URL` (e.g. `http://127.0.0.1:40123`).
pub fn base_url() -> String {
    let base = std::env::var("BASE_URL").expect("set BASE_URL=http://127.0.0.1:PORT");
    assert!(
        base.starts_with("http://127.0.0.1:") || base.starts_with("http://localhost:"),
        "only a loopback server may be contacted"
    );
    base.trim_end_matches('/').to_string()
}

pub fn page_url(base: &str, i: usize) -> String {
    format!("{base}/page/{i}")
}

/// Checks that page `i` arrived whole and gzip-decoded; returns its length.
pub fn check(i: usize, body: &[u8]) -> usize {
    let head = format!("<!DOCTYPE html>\n<html><head><title>Page {i}</title>");
    assert!(
        body.starts_with(head.as_bytes()) && body.ends_with(b"</html>\n"),
        "page {i}: not the decoded page ({} bytes)",
        body.len()
    );
    body.len()
}

/// Peak resident set size of this process, in KiB (VmHWM).
pub fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system, all threads) of this process so far, in ms, from
/// /proc/self/stat (10 ms ticks on Linux's usual USER_HZ of 100).
pub fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    (f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)) * 10
}

/// One line for run.sh to parse.
pub fn report(client: &str, pages: usize, bytes: u64, wall: Duration) {
    println!(
        "client={client} pages={pages} decoded_bytes={bytes} wall_ms={:.1} cpu_ms={} vmhwm_kib={}",
        wall.as_secs_f64() * 1e3,
        cpu_ms(),
        vm_hwm_kib()
    );
}
