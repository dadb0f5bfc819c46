//! Article-extraction benchmark over the scrapinghub article-extraction-benchmark pages.
//!
//! Usage (run from benches/extractors, or through run.sh):
//!   extract-bench extract            # write bench/output/<cand>.json, titles/<cand>.json, meta/<cand>.json
//!   extract-bench speed [RUNS]       # single-thread timing, pages already decompressed in memory
//!   extract-bench one CAND PAGE_ID   # print one page's result (debugging)

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

use serde_json::{json, Value};

const BENCH: &str = "bench";

/// Main candidates (timed) and extra variants (scored only, for context).
const CANDIDATES: &[&str] = &["rs_trafilatura", "dom_smoothie", "readable_readability", "readability"];
const VARIANTS: &[&str] = &["rs_trafilatura_nourl", "rs_trafilatura_bytes", "rs_trafilatura_precision", "dom_smoothie_raw", "readable_readability_native", "readability_native"];

struct Page {
    id: String,
    url: String,
    html: String,
    bytes: Vec<u8>,
}

#[derive(Default)]
struct Out {
    title: String,
    body: String,
    meta: BTreeMap<&'static str, Value>,
}

fn load_pages() -> Vec<Page> {
    let gt: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{BENCH}/ground-truth.json")).unwrap()).unwrap();
    let gt = gt.as_object().unwrap();
    let mut pages = Vec::new();
    for (id, v) in gt {
        let path = format!("{BENCH}/html/{id}.html.gz");
        let gz = std::fs::read(&path).unwrap();
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut bytes).unwrap();
        if std::str::from_utf8(&bytes).is_err() {
            eprintln!("note: {id} is not valid UTF-8; decoded lossily");
        }
        let html = String::from_utf8_lossy(&bytes).into_owned();
        pages.push(Page { id: id.clone(), url: v["url"].as_str().unwrap_or("").to_string(), html, bytes });
    }
    pages
}

fn opt(v: &Option<String>) -> Value {
    v.as_ref().map(|s| Value::String(s.clone())).unwrap_or(Value::Null)
}

/// Plain text with paragraphs, using dom_query's formatted_text (the same converter dom_smoothie's
/// TextMode::Formatted uses), for crates that return only an HTML fragment.
fn html_fragment_to_text(fragment: &str) -> String {
    let doc = dom_query::Document::from(fragment);
    doc.root().formatted_text().to_string()
}

// ---------------------------------------------------------------- rs-trafilatura
fn run_rs_trafilatura(html: &str, url: &str) -> Out {
    let options = rs_trafilatura::Options { url: Some(url.to_string()), ..rs_trafilatura::Options::default() };
    trafilatura_out(rs_trafilatura::extract_with_options(html, &options))
}

fn trafilatura_out(res: Result<rs_trafilatura::ExtractResult, rs_trafilatura::Error>) -> Out {
    match res {
        Ok(r) => {
            let m = &r.metadata;
            let mut meta = BTreeMap::new();
            meta.insert("author", opt(&m.author));
            meta.insert("date", m.date.map(|d| Value::String(d.to_rfc3339())).unwrap_or(Value::Null));
            meta.insert("url", opt(&m.url));
            meta.insert("sitename", opt(&m.sitename));
            meta.insert("hostname", opt(&m.hostname));
            meta.insert("description", opt(&m.description));
            meta.insert("language", opt(&m.language));
            meta.insert("image", opt(&m.image));
            meta.insert("page_type", opt(&m.page_type));
            meta.insert("extraction_quality", json!(r.extraction_quality));
            Out { title: m.title.clone().unwrap_or_default(), body: r.content_text, meta }
        }
        Err(e) => {
            let mut meta = BTreeMap::new();
            meta.insert("error", Value::String(e.to_string()));
            Out { meta, ..Default::default() }
        }
    }
}

// ---------------------------------------------------------------- dom_smoothie
fn run_dom_smoothie(html: &str, url: &str, mode: dom_smoothie::TextMode) -> Out {
    let cfg = dom_smoothie::Config { text_mode: mode, ..Default::default() };
    let url = if url.is_empty() { None } else { Some(url) };
    let res = dom_smoothie::Readability::new(html, url, Some(cfg)).and_then(|mut r| r.parse());
    match res {
        Ok(a) => {
            let mut meta = BTreeMap::new();
            meta.insert("author", opt(&a.byline));
            meta.insert("date", opt(&a.published_time));
            meta.insert("modified", opt(&a.modified_time));
            meta.insert("url", opt(&a.url));
            meta.insert("sitename", opt(&a.site_name));
            meta.insert("description", opt(&a.excerpt));
            meta.insert("language", opt(&a.lang));
            meta.insert("image", opt(&a.image));
            Out { title: a.title, body: a.text_content.to_string(), meta }
        }
        Err(e) => {
            let mut meta = BTreeMap::new();
            meta.insert("error", Value::String(e.to_string()));
            Out { meta, ..Default::default() }
        }
    }
}

// ---------------------------------------------------------------- readable-readability
fn run_readable_readability(html: &str, url: &str, native_text: bool) -> Out {
    let mut r = readable_readability::Readability::new();
    if let Ok(u) = url::Url::parse(url) {
        r.base_url(Some(u));
    }
    let (node, m) = r.parse(html);
    let body = if native_text { node.text_contents() } else { html_fragment_to_text(&node.to_string()) };
    let mut meta = BTreeMap::new();
    meta.insert("author", opt(&m.byline));
    meta.insert("description", opt(&m.description));
    meta.insert("image", opt(&m.image_url));
    meta.insert("page_title", opt(&m.page_title));
    Out { title: m.article_title.clone().or(m.page_title.clone()).unwrap_or_default(), body, meta }
}

// ---------------------------------------------------------------- readability
fn run_readability(html: &str, url: &str, native_text: bool) -> Out {
    let u = url::Url::parse(url).unwrap_or_else(|_| url::Url::parse("http://localhost/").unwrap());
    match readability::extractor::extract(&mut html.as_bytes(), &u) {
        Ok(p) => {
            let body = if native_text { p.text } else { html_fragment_to_text(&p.content) };
            Out { title: p.title, body, meta: BTreeMap::new() }
        }
        Err(e) => {
            let mut meta = BTreeMap::new();
            meta.insert("error", Value::String(format!("{e:?}")));
            Out { meta, ..Default::default() }
        }
    }
}

fn run(cand: &str, p: &Page) -> Out {
    match cand {
        "rs_trafilatura" => run_rs_trafilatura(&p.html, &p.url),
        "rs_trafilatura_nourl" => trafilatura_out(rs_trafilatura::extract(&p.html)),
        "rs_trafilatura_bytes" => trafilatura_out(rs_trafilatura::extract_bytes_with_options(
            &p.bytes,
            &rs_trafilatura::Options { url: Some(p.url.clone()), ..Default::default() },
        )),
        "rs_trafilatura_precision" => trafilatura_out(rs_trafilatura::extract_with_options(
            &p.html,
            &rs_trafilatura::Options { url: Some(p.url.clone()), favor_precision: true, ..Default::default() },
        )),
        "dom_smoothie" => run_dom_smoothie(&p.html, &p.url, dom_smoothie::TextMode::Formatted),
        "dom_smoothie_raw" => run_dom_smoothie(&p.html, &p.url, dom_smoothie::TextMode::Raw),
        "readable_readability" => run_readable_readability(&p.html, &p.url, false),
        "readable_readability_native" => run_readable_readability(&p.html, &p.url, true),
        "readability" => run_readability(&p.html, &p.url, false),
        "readability_native" => run_readability(&p.html, &p.url, true),
        _ => panic!("unknown candidate {cand}"),
    }
}

fn write_json(path: &str, v: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).unwrap();
}

fn cmd_extract(pages: &[Page]) {
    for dir in [format!("{BENCH}/output"), "titles".into(), "meta".into()] {
        std::fs::create_dir_all(dir).unwrap();
    }
    for cand in CANDIDATES.iter().chain(VARIANTS) {
        let mut bodies = serde_json::Map::new();
        let mut titles = serde_json::Map::new();
        let mut metas = serde_json::Map::new();
        for p in pages {
            let o = run(cand, p);
            bodies.insert(p.id.clone(), json!({ "articleBody": o.body }));
            titles.insert(p.id.clone(), Value::String(o.title));
            metas.insert(p.id.clone(), json!(o.meta));
        }
        write_json(&format!("{BENCH}/output/{cand}.json"), &Value::Object(bodies));
        write_json(&format!("titles/{cand}.json"), &Value::Object(titles));
        write_json(&format!("meta/{cand}.json"), &Value::Object(metas));
        eprintln!("wrote {cand}");
    }
}

fn cmd_speed(pages: &[Page], runs: usize) {
    // Warm-up pass per candidate (page cache, allocator, lazy statics), not timed.
    for cand in CANDIDATES {
        for p in pages {
            std::hint::black_box(run(cand, p));
        }
    }
    // Rounds interleave candidates so that background load hits all of them alike.
    let mut times: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for round in 0..runs {
        for cand in CANDIDATES {
            let t = Instant::now();
            for p in pages {
                std::hint::black_box(run(cand, p));
            }
            let secs = t.elapsed().as_secs_f64();
            times.entry(cand).or_default().push(secs);
            eprintln!("round {round} {cand}: {secs:.3}s = {:.1} pages/s", pages.len() as f64 / secs);
        }
    }
    let mut report = serde_json::Map::new();
    for (cand, ts) in &times {
        let mut pps: Vec<f64> = ts.iter().map(|s| pages.len() as f64 / s).collect();
        pps.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let median = pps[pps.len() / 2];
        println!(
            "{cand:<22} median {median:7.1} pages/s  min {:7.1}  max {:7.1}  (runs: {})",
            pps[0],
            pps[pps.len() - 1],
            pps.len()
        );
        report.insert(cand.to_string(), json!({ "pages_per_sec": pps, "median": median }));
    }
    write_json("speed.json", &Value::Object(report));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pages = load_pages();
    eprintln!("loaded {} pages", pages.len());
    match args.get(1).map(String::as_str) {
        Some("extract") => cmd_extract(&pages),
        Some("speed") => cmd_speed(&pages, args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5)),
        Some("one") => {
            let p = pages.iter().find(|p| p.id.starts_with(&args[3])).expect("no such page");
            let o = run(&args[2], p);
            println!("URL: {}\nTITLE: {}\nMETA: {:?}\n\n{}", p.url, o.title, o.meta, o.body);
        }
        _ => eprintln!("usage: extract-bench extract | speed [RUNS] | one CAND PAGE_ID"),
    }
}
