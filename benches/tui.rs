//! TUI benchmark: how fast the interactive reader answers on the AllSides corpus (37,554
//! articles).
//!
//! Run with `cargo bench --bench tui` (a quick run: `DIGEST_BENCH_LIMIT=2000 cargo bench
//! --bench tui`). It measures, with the TUI's own public pieces (`keys::map_event`,
//! `app::update`, `worker::Worker`, `view::draw` into a ratatui `TestBackend` of 120×40):
//!
//! 1. keystroke → new results drawn: realistic queries typed one character at a time; per
//!    key: map the key event, `update`, hand the request to the real worker thread, draw
//!    the intermediate ("searching…") frame as the event loop does, wait for the answer of
//!    that generation, `update` with it and draw the frame with the results. Also the same
//!    latency modelled with the event loop's 1 ms poll tick (`src/tui/mod.rs`), and the
//!    parts: search time inside the worker, hand-off, draw alone;
//! 2. browsing keys (↓ in the list, Enter to open the reader, PageDown in the reader):
//!    key → frame drawn;
//! 3. launch → first frame with results, in a fresh child process per run (this binary
//!    re-executed as `tui --launch INDEX QUERY`): the steps `digest::tui::run` takes
//!    (`DigestIndex::open_seeded`, `worker::index_info`, `Worker::spawn`, `App::new`, the
//!    first draw), then the initial query pasted (bracketed paste → `Action::Paste`) and
//!    its results drawn;
//! 4. resident memory (VmRSS / VmHWM from `/proc/self/status`) of the session process
//!    (`tui --session INDEX`, which does 1 and 2) after opening, after typing and after
//!    browsing; the index is built by the parent process, so its ingest memory is not
//!    counted.
//!
//! The corpus is unpacked from `../shared/corpora/allsides-article-bias/` (or
//! `DIGEST_BENCH_CORPUS`) into `target/bench-corpus/` once (shared with `benches/scale.rs`);
//! the index is built once into `target/bench-index-tui/<all|limit-N>/` and reused. The
//! report is printed and written to `target/bench-index-tui/report-<all|limit-N>.md`.
//! `DIGEST_BENCH_INDEX=DIR` measures an existing index instead (the million-article index
//! of `tests/reliability/scale.sh`).
//!
//! Without `--bench` (as `cargo test --benches` runs it) the binary does nothing.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use digest::index::DigestIndex;
use digest::search::{self, SearchRequest};
use digest::tui::app::{App, update};
use digest::tui::bindings;
use digest::tui::draw;
use digest::tui::ui::theme::Theme;
use digest::tui::worker::{self, Worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

#[path = "common/corpus.rs"]
mod corpus;
use corpus::{bench_limit, ensure_index, list_json, prepare_corpus};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// The event loop's poll timeout while a search answer is due (`ANSWER_TICK` in
/// `src/tui/mod.rs`; it waits 20 ms only when no answer is due).
const TICK: Duration = Duration::from_millis(1);
/// Targets from the brief.
const KEY_TARGET_MS: f64 = 16.0;
const LAUNCH_TARGET_MS: f64 = 100.0;

/// Queries typed character by character, every prefix searched.
const QUERIES: &[&str] = &[
    "trump impeachment",
    "supreme court ruling",
    "climate change policy",
    "health care",
    "border wall funding",
    "election fraud",
    "iran nuclear deal",
    "gun control legislation",
    "immigration reform bill",
    "tax cuts economy",
    "north korea missile test",
    "obamacare repeal",
];
/// Typed (untimed) before the measured passes.
const WARMUP_QUERIES: &[&str] = &["senate vote", "white house press"];
/// Passes over `QUERIES`.
const PASSES: usize = 3;
/// Initial queries of the launch measurement, and fresh processes per query.
/// The empty one is plain `digest`: the newest articles.
const LAUNCH_QUERIES: &[&str] = &["", "trump", "iran nuclear deal"];
const LAUNCH_RUNS: usize = 8;
/// Browsing: ↓ presses per query, PageDown presses in the reader.
const DOWNS: usize = 25;
const PAGE_DOWNS: usize = 8;
/// Hit limits of the direct `search::search` breakdown, and passes over `QUERIES`.
const SEARCH_LIMITS: [usize; 4] = [200, 50, 10, 1];
const SEARCH_REPS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("--session") if args.len() == 3 => session(Path::new(&args[2])),
        Some(mode @ ("--launch" | "--launch-cpu")) if args.len() >= 4 => launch(
            Path::new(&args[2]),
            &args[3..].join(" "),
            mode == "--launch-cpu",
        ),
        _ if args.iter().any(|a| a == "--bench") => run(),
        _ => {
            eprintln!("tui: run with `cargo bench --bench tui`; nothing to do without --bench");
            Ok(())
        }
    };
    if let Err(e) = result {
        eprintln!("tui: {e:#}");
        std::process::exit(2);
    }
}

// ---------------------------------------------------------------------------------------
// Corpus and index

// ---------------------------------------------------------------------------------------
// Driving the TUI

type Term = Terminal<TestBackend>;

fn terminal() -> Term {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("TestBackend cannot fail")
}

fn draw(terminal: &mut Term, app: &App) {
    terminal
        .draw(|frame| draw::draw(frame, app))
        .expect("TestBackend cannot fail");
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Hands the queued requests to the worker, as the event loop does after handling keys.
fn send_requests(app: &mut App, worker: &Worker) -> Result<()> {
    for r in app.take_requests() {
        if !worker.send(r) {
            bail!("the search worker stopped");
        }
    }
    Ok(())
}

/// Applies worker answers until the answer of the newest generation is in. Polls
/// `try_recv` every 50 µs (the real loop polls every 1 ms while an answer is due; see [`tick_model`]).
fn await_answer(app: &mut App, worker: &Worker) -> Result<()> {
    while app.searching() {
        match worker.try_recv() {
            Ok(Some(answer)) => app.answer(answer),
            Ok(None) => std::thread::sleep(Duration::from_micros(50)),
            Err(()) => bail!("the search worker stopped"),
        }
    }
    if let Some(e) = app.error() {
        bail!("query {:?} failed: {e}", app.query().text);
    }
    Ok(())
}

/// Key → results drawn as the real event loop would schedule it: after the key it draws
/// the intermediate frame, then blocks in `event::poll(TICK)` (no further key arrives), and
/// only then looks for the worker's answer — again every `TICK` until it is there.
fn tick_model(intermediate_done: f64, answer_ready: f64, finish: f64) -> f64 {
    let tick = ms(TICK);
    let waits = ((answer_ready - intermediate_done) / tick).ceil().max(1.0);
    intermediate_done + waits * tick + finish
}

/// Whose `schedstat` to read.
#[derive(Clone, Copy)]
enum Threads {
    /// Every thread of this process (`/proc/self/task/*`).
    All,
    /// The search worker (the thread named `digest-search`).
    Worker,
    /// The calling thread.
    Me,
}

/// `(on-CPU ns, run-queue wait ns)` from the kernel's `schedstat` files.
///
/// The kernel brings a running thread's on-CPU time up to date only when it is switched
/// out or at a timer tick, so `fresh` sleeps for a microsecond first (use it only outside
/// timed sections); the wait counter — time runnable but not running, because other
/// processes had the CPU — is always current. A blocked thread's counters are exact.
fn sched(who: Threads, fresh: bool) -> (u64, u64) {
    if fresh {
        std::thread::sleep(Duration::from_micros(1));
    }
    let parse = |path: PathBuf| -> (u64, u64) {
        let s = fs::read_to_string(path).unwrap_or_default();
        let mut it = s.split_whitespace().map(|v| v.parse::<u64>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    };
    if let Threads::Me = who {
        return parse(PathBuf::from("/proc/thread-self/schedstat"));
    }
    let mut total = (0, 0);
    if let Ok(tasks) = fs::read_dir("/proc/self/task") {
        for t in tasks.flatten() {
            if let Threads::Worker = who {
                let name = fs::read_to_string(t.path().join("comm")).unwrap_or_default();
                if name.trim() != "digest-search" {
                    continue;
                }
            }
            let (cpu, wait) = parse(t.path().join("schedstat"));
            total.0 += cpu;
            total.1 += wait;
        }
    }
    total
}

/// On-CPU time of the calling thread so far (ns), up to date.
fn my_cpu() -> u64 {
    sched(Threads::Me, true).0
}

/// On-CPU time of the whole process so far (ns), threads that have exited included. The
/// synchronous passes use it: on a large index a search shares its segments with helper
/// threads that are gone by the time the keystroke ends.
fn process_cpu() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return 0;
    }
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

fn ns_ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// `[VmRSS, VmHWM, RssAnon, RssFile]` of this process in KiB.
fn status() -> [u64; 4] {
    let s = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    [
        field("VmRSS:"),
        field("VmHWM:"),
        field("RssAnon:"),
        field("RssFile:"),
    ]
}

// ---------------------------------------------------------------------------------------
// The session child: keystrokes, browsing, memory

#[derive(Debug, Default, Serialize, Deserialize)]
struct SessionReport {
    articles: usize,
    outlets: usize,
    /// Per keystroke (ms): key → results frame drawn, through the worker.
    key_total: Vec<f64>,
    /// The same, modelled with the event loop's 1 ms poll tick.
    key_tick: Vec<f64>,
    /// Key → intermediate ("searching…") frame drawn.
    key_intermediate: Vec<f64>,
    /// Search time inside the worker (`SearchResults::elapsed`).
    key_search: Vec<f64>,
    /// Key → answer applied, minus the search time (queueing, hand-off, polling).
    key_handoff: Vec<f64>,
    /// Drawing the results frame alone.
    key_draw: Vec<f64>,
    /// The worker thread's run-queue wait per keystroke (ms): runnable, but other
    /// processes had the CPU.
    key_worker_wait: Vec<f64>,
    /// `key_total` minus the worker's run-queue wait (ms).
    key_minus_wait: Vec<f64>,
    /// The same keystrokes run synchronously on one thread (the search through
    /// `worker::answer`, the function the worker runs), as on-CPU time (ms): UI before
    /// the search (map, update, "searching…" frame), the search, UI after (update, draw),
    /// and their sum.
    cpu_ui_before: Vec<f64>,
    cpu_search: Vec<f64>,
    cpu_ui_after: Vec<f64>,
    cpu_key: Vec<f64>,
    /// On-CPU time of drawing the start screen and of drawing a results frame (ms).
    cpu_start_draw: Vec<f64>,
    /// Hits per answer, and matching articles.
    key_hits: Vec<usize>,
    key_total_matches: Vec<usize>,
    /// The slowest keystrokes: (ms, query prefix, search ms, matches).
    slowest: Vec<(f64, String, f64, usize)>,
    /// ↓ in the result list → frame drawn (ms).
    browse_down: Vec<f64>,
    /// Enter → reader frame drawn (ms).
    browse_open: Vec<f64>,
    /// PageDown in the reader → frame drawn (ms).
    browse_page: Vec<f64>,
    /// Esc in the reader → list frame drawn (ms).
    browse_back: Vec<f64>,
    /// Drawing the start screen (empty query) alone (ms).
    start_draw: Vec<f64>,
    /// The newest page: Backspace that empties a one-letter search line, and Ctrl-U on a
    /// whole query → the newest articles drawn (ms, through the worker); `s` in the list →
    /// the same query's results newest first drawn, and `s` again → by relevance.
    newest_backspace: Vec<f64>,
    newest_clear: Vec<f64>,
    sort_date: Vec<f64>,
    sort_relevance: Vec<f64>,
    /// Search time inside the worker of the newest pages above (ms): the worker keeps the
    /// last newest page while the index is unchanged, so these are mostly the kept page.
    newest_search: Vec<f64>,
    /// The newest page searched afresh each time (`search::search`, 50 hits, on the
    /// calling thread's share of the cores): what the first visit of a filter costs
    /// (wall ms, on-CPU ms of the process).
    newest_fresh: Vec<(f64, f64)>,
    /// `search::search` called directly on each full query: per hit limit, (wall ms,
    /// on-CPU ms) samples.
    search_by_limit: Vec<(usize, Vec<f64>, Vec<f64>)>,
    /// [`status`] at start, after opening, after typing, after browsing.
    mem_start: [u64; 4],
    mem_open: [u64; 4],
    mem_typed: [u64; 4],
    mem_browsed: [u64; 4],
}

/// Times one typed character: key → results of that generation drawn.
fn type_key(
    app: &mut App,
    worker: &Worker,
    terminal: &mut Term,
    c: char,
    report: Option<&mut SessionReport>,
) -> Result<()> {
    let w0 = sched(Threads::Worker, false);
    let t0 = Instant::now();
    let action = bindings::map_event(app.place(), &key(KeyCode::Char(c), KeyModifiers::NONE))
        .context("a typed character maps to no action")?;
    update(app, action);
    send_requests(app, worker)?;
    // The real loop drains ready answers (none yet) and draws "searching…".
    draw(terminal, app);
    let intermediate = t0.elapsed();
    await_answer(app, worker)?;
    let answered = t0.elapsed();
    let d0 = Instant::now();
    draw(terminal, app);
    let drawn = d0.elapsed();
    let total = t0.elapsed();
    let w1 = sched(Threads::Worker, false);
    let Some(report) = report else { return Ok(()) };
    let worker_wait = ns_ms(w1.1.saturating_sub(w0.1));
    report.key_worker_wait.push(worker_wait);
    report
        .key_minus_wait
        .push((ms(total) - worker_wait).max(0.0));
    let results = app.results().context("no results after an answer")?;
    let search = ms(results.elapsed);
    report.key_total.push(ms(total));
    report.key_intermediate.push(ms(intermediate));
    report.key_tick.push(tick_model(
        ms(intermediate),
        ms(answered),
        ms(total) - ms(answered),
    ));
    report.key_search.push(search);
    report.key_handoff.push((ms(answered) - search).max(0.0));
    report.key_draw.push(ms(drawn));
    report.key_hits.push(results.hits.len());
    report.key_total_matches.push(results.total);
    report
        .slowest
        .push((ms(total), app.query().text.clone(), search, results.total));
    Ok(())
}

/// Times a key that starts a search: key → the answer of that generation drawn, through
/// the worker. Returns (key → frame ms, search ms inside the worker).
fn search_key(
    app: &mut App,
    worker: &Worker,
    terminal: &mut Term,
    ev: Event,
) -> Result<(f64, f64)> {
    let t0 = Instant::now();
    let action = bindings::map_event(app.place(), &ev).context("the key maps to no action")?;
    update(app, action);
    send_requests(app, worker)?;
    draw(terminal, app);
    await_answer(app, worker)?;
    draw(terminal, app);
    let total = ms(t0.elapsed());
    let results = app.results().context("no results after an answer")?;
    Ok((total, ms(results.elapsed)))
}

/// Clears the search line (Ctrl-U) and draws.
fn clear_query(app: &mut App, worker: &Worker, terminal: &mut Term) -> Result<()> {
    if let Some(a) =
        bindings::map_event(app.place(), &key(KeyCode::Char('u'), KeyModifiers::CONTROL))
    {
        update(app, a);
    }
    send_requests(app, worker)?;
    await_answer(app, worker)?;
    draw(terminal, app);
    Ok(())
}

/// Times a non-search key: map, update, hand any request to the worker, draw.
fn press(app: &mut App, worker: &Worker, terminal: &mut Term, ev: Event) -> Result<f64> {
    let t0 = Instant::now();
    if let Some(a) = bindings::map_event(app.place(), &ev) {
        update(app, a);
    }
    send_requests(app, worker)?;
    draw(terminal, app);
    Ok(ms(t0.elapsed()))
}

/// Checks that the list shows the newest articles: an empty query with results.
fn newest_page(app: &App) -> Result<()> {
    if !app.query().text.is_empty() {
        bail!("the search line still holds {:?}", app.query().text);
    }
    let results = app.results().context("no newest page")?;
    if results.hits.is_empty() {
        bail!("the newest page is empty");
    }
    Ok(())
}

/// Applies answers that have arrived (e.g. the origins of an opened article).
fn drain(app: &mut App, worker: &Worker) -> Result<()> {
    loop {
        match worker.try_recv() {
            Ok(Some(a)) => app.answer(a),
            Ok(None) => return Ok(()),
            Err(()) => bail!("the search worker stopped"),
        }
    }
}

/// One keystroke run synchronously, its parts timed as on-CPU time of the process (this
/// thread and any helper threads of the search; the worker threads are stopped by then).
fn cpu_key(
    index: &DigestIndex,
    app: &mut App,
    terminal: &mut Term,
    c: char,
    report: &mut SessionReport,
) -> Result<()> {
    let c0 = process_cpu();
    let action = bindings::map_event(app.place(), &key(KeyCode::Char(c), KeyModifiers::NONE))
        .context("a typed character maps to no action")?;
    update(app, action);
    let requests = app.take_requests();
    draw(terminal, app);
    let c1 = process_cpu();
    let mut answers = Vec::new();
    for r in requests {
        if let worker::Request::Search { ticket, request } = r {
            answers.push(worker::answer(index, ticket, &request));
        }
    }
    let c2 = process_cpu();
    for a in answers {
        app.answer(a);
    }
    draw(terminal, app);
    let c3 = process_cpu();
    if app.searching() || app.error().is_some() {
        bail!("query {:?} got no answer", app.query().text);
    }
    report.cpu_ui_before.push(ns_ms(c1 - c0));
    report.cpu_search.push(ns_ms(c2 - c1));
    report.cpu_ui_after.push(ns_ms(c3 - c2));
    report.cpu_key.push(ns_ms(c3 - c0));
    Ok(())
}

fn session(dir: &Path) -> Result<()> {
    let mut report = SessionReport {
        mem_start: status(),
        ..Default::default()
    };
    let index = DigestIndex::open_seeded(dir)?;
    let info = worker::index_info(&index)?;
    report.articles = info.articles;
    report.outlets = info.outlets.len();
    let worker = Worker::spawn(index)?;
    let mut app = App::new(Theme::colored(), info, Rect::new(0, 0, WIDTH, HEIGHT));
    let mut terminal = terminal();
    for _ in 0..20 {
        let c0 = my_cpu();
        let t = Instant::now();
        draw(&mut terminal, &app);
        report.start_draw.push(ms(t.elapsed()));
        report.cpu_start_draw.push(ns_ms(my_cpu() - c0));
        terminal.clear().ok();
    }
    report.mem_open = status();

    for q in WARMUP_QUERIES {
        clear_query(&mut app, &worker, &mut terminal)?;
        for c in q.chars() {
            type_key(&mut app, &worker, &mut terminal, c, None)?;
        }
    }
    for _ in 0..PASSES {
        for q in QUERIES {
            clear_query(&mut app, &worker, &mut terminal)?;
            for c in q.chars() {
                type_key(&mut app, &worker, &mut terminal, c, Some(&mut report))?;
            }
        }
    }
    report.mem_typed = status();

    let none = KeyModifiers::NONE;
    for q in QUERIES {
        clear_query(&mut app, &worker, &mut terminal)?;
        for c in q.chars() {
            type_key(&mut app, &worker, &mut terminal, c, None)?;
        }
        for _ in 0..DOWNS {
            let t = press(&mut app, &worker, &mut terminal, key(KeyCode::Down, none))?;
            report.browse_down.push(t);
        }
        let t = press(&mut app, &worker, &mut terminal, key(KeyCode::Enter, none))?;
        report.browse_open.push(t);
        std::thread::sleep(Duration::from_millis(5));
        drain(&mut app, &worker)?;
        draw(&mut terminal, &app);
        for _ in 0..PAGE_DOWNS {
            let t = press(
                &mut app,
                &worker,
                &mut terminal,
                key(KeyCode::PageDown, none),
            )?;
            report.browse_page.push(t);
        }
        let t = press(&mut app, &worker, &mut terminal, key(KeyCode::Esc, none))?;
        report.browse_back.push(t);
    }
    report.mem_browsed = status();

    // The newest page: emptied search lines, and the sort key on a query's results.
    let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    for _ in 0..PASSES {
        for q in QUERIES {
            if app.place() == bindings::Place::List {
                press(
                    &mut app,
                    &worker,
                    &mut terminal,
                    key(KeyCode::Char('/'), none),
                )?;
            }
            clear_query(&mut app, &worker, &mut terminal)?;
            let first = q.chars().next().context("an empty query")?;
            type_key(&mut app, &worker, &mut terminal, first, None)?;
            let (t, search) = search_key(
                &mut app,
                &worker,
                &mut terminal,
                key(KeyCode::Backspace, none),
            )?;
            newest_page(&app)?;
            report.newest_backspace.push(t);
            report.newest_search.push(search);
            for c in q.chars() {
                type_key(&mut app, &worker, &mut terminal, c, None)?;
            }
            let (t, search) = search_key(&mut app, &worker, &mut terminal, ctrl_u.clone())?;
            newest_page(&app)?;
            report.newest_clear.push(t);
            report.newest_search.push(search);
            for c in q.chars() {
                type_key(&mut app, &worker, &mut terminal, c, None)?;
            }
            press(&mut app, &worker, &mut terminal, key(KeyCode::Esc, none))?;
            let (t, _) = search_key(
                &mut app,
                &worker,
                &mut terminal,
                key(KeyCode::Char('s'), none),
            )?;
            report.sort_date.push(t);
            let (t, _) = search_key(
                &mut app,
                &worker,
                &mut terminal,
                key(KeyCode::Char('s'), none),
            )?;
            report.sort_relevance.push(t);
            press(
                &mut app,
                &worker,
                &mut terminal,
                key(KeyCode::Char('/'), none),
            )?;
        }
    }

    // The same keystrokes synchronously, as on-CPU time: what a keystroke costs on an
    // unloaded machine, whatever else runs here. Searches stay on this one thread here,
    // so the figure is a keystroke's latency on one idle core; the wall-clock passes
    // above let a large index's search use every core.
    drop(worker);
    search::collect::set_search_threads(Some(1));
    let index = DigestIndex::open(dir)?;
    let mut app = App::new(
        Theme::colored(),
        worker::index_info(&index)?,
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    let mut terminal = self::terminal();
    draw(&mut terminal, &app);
    for _ in 0..PASSES {
        for q in QUERIES {
            update(&mut app, digest::tui::action::Action::Clear);
            draw(&mut terminal, &app);
            for c in q.chars() {
                cpu_key(&index, &mut app, &mut terminal, c, &mut report)?;
            }
        }
    }

    // Where a keystroke's search time goes: the same searches at smaller hit limits (the
    // per-hit work is loading the stored article, its term positions and the snippet).
    for limit in SEARCH_LIMITS {
        let (mut wall, mut cpu) = (Vec::new(), Vec::new());
        for _ in 0..SEARCH_REPS {
            for q in QUERIES {
                let req = SearchRequest {
                    query: q.to_string(),
                    limit,
                    ..Default::default()
                };
                let c0 = process_cpu();
                let t0 = Instant::now();
                let r = search::search(&index, &req)?;
                wall.push(ms(t0.elapsed()));
                cpu.push(ns_ms(process_cpu() - c0));
                std::hint::black_box(r);
            }
        }
        report.search_by_limit.push((limit, wall, cpu));
    }

    // The newest page without the worker's kept copy, on every core as in the reader.
    search::collect::set_search_threads(None);
    for _ in 0..40 {
        let req = SearchRequest {
            limit: digest::tui::app::PAGE,
            ..Default::default()
        };
        let c0 = process_cpu();
        let t0 = Instant::now();
        let r = search::search(&index, &req)?;
        report
            .newest_fresh
            .push((ms(t0.elapsed()), ns_ms(process_cpu() - c0)));
        std::hint::black_box(r);
    }

    report.slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    report.slowest.truncate(8);
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The launch child

#[derive(Debug, Default, Serialize, Deserialize)]
struct LaunchReport {
    /// Milliseconds since the start of `main`'s launch steps.
    open: f64,
    info: f64,
    spawn: f64,
    first_frame: f64,
    results_frame: f64,
    /// Draw time of the first frame (start screen).
    first_draw: f64,
    /// Search time of the initial query inside the worker.
    search: f64,
    matches: usize,
    rss_kib: u64,
    /// On-CPU time and run-queue wait of the whole process, from exec to the results
    /// frame (ms).
    cpu: f64,
    wait: f64,
    /// With `--launch-cpu`: on-CPU time of the process (all threads) at the end of each
    /// step, cumulative from exec (ms).
    cpu_steps: Vec<(String, f64)>,
}

/// The launch steps of `digest::tui::run`, then the initial query pasted and its results
/// drawn. With `cpu`, each step is also timed as on-CPU time of the process (which reads
/// `/proc` between steps, so the wall-clock figures of such a run are not reported).
fn launch(dir: &Path, query: &str, cpu: bool) -> Result<()> {
    let mut cpu_steps = Vec::new();
    let mut step = |name: &str| {
        if cpu {
            cpu_steps.push((name.to_string(), ns_ms(sched(Threads::All, true).0)));
        }
    };
    step("exec");
    let t0 = Instant::now();
    let index = DigestIndex::open_seeded(dir)?;
    let open = t0.elapsed();
    step("open_seeded");
    let info = worker::index_info(&index)?;
    let info_t = t0.elapsed();
    step("index_info");
    let worker = Worker::spawn(index)?;
    let spawn = t0.elapsed();
    let mut app = App::new(Theme::colored(), info, Rect::new(0, 0, WIDTH, HEIGHT));
    let mut terminal = terminal();
    step("Worker::spawn, App::new");
    let d = Instant::now();
    draw(&mut terminal, &app);
    let first_draw = d.elapsed();
    let first_frame = t0.elapsed();
    step("first frame");
    // The initial query arrives as a bracketed paste; without one, the newest articles
    // that `App::new` asked for are what the reader opens on.
    if !query.is_empty() {
        let action = bindings::map_event(app.place(), &Event::Paste(query.to_string()))
            .context("a paste maps to no action")?;
        update(&mut app, action);
    }
    send_requests(&mut app, &worker)?;
    draw(&mut terminal, &app);
    await_answer(&mut app, &worker)?;
    draw(&mut terminal, &app);
    let results_frame = t0.elapsed();
    let (cpu_total, wait) = sched(Threads::All, false);
    step("results frame");
    let results = app.results().context("no results")?;
    let report = LaunchReport {
        open: ms(open),
        info: ms(info_t),
        spawn: ms(spawn),
        first_frame: ms(first_frame),
        results_frame: ms(results_frame),
        first_draw: ms(first_draw),
        search: ms(results.elapsed),
        matches: results.total,
        rss_kib: status()[0],
        cpu: ns_ms(cpu_total),
        wait: ns_ms(wait),
        cpu_steps,
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The parent: run the children, report

/// Runs this binary with `args`; returns its first stdout line, parsed, and the wall time
/// from spawning it to reading that line.
fn child<T: for<'de> Deserialize<'de>>(args: &[&str]) -> Result<(T, f64)> {
    let exe = std::env::current_exe()?;
    let t0 = Instant::now();
    let mut c = Command::new(&exe)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("starting a child")?;
    let mut line = String::new();
    BufReader::new(c.stdout.take().context("child stdout")?).read_line(&mut line)?;
    let wall = ms(t0.elapsed());
    let status = c.wait()?;
    if !status.success() {
        bail!("child {args:?} failed: {status}");
    }
    let parsed = serde_json::from_str(line.trim())
        .with_context(|| format!("parsing the child's report {line:?}"))?;
    Ok((parsed, wall))
}

/// Nearest-rank percentile.
fn pct(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    v[rank.min(v.len()) - 1]
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

/// The header of a table of [`row`]s.
const PERCENTILES: &str = "| ms | n | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|";

fn row(md: &mut String, what: &str, xs: &[f64]) {
    let _ = writeln!(
        md,
        "| {what} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
        xs.len(),
        pct(xs, 50.0),
        pct(xs, 90.0),
        pct(xs, 99.0),
        xs.iter().copied().fold(f64::NAN, f64::max),
    );
}

fn verdict(ok: bool) -> &'static str {
    if ok { "**met**" } else { "**missed**" }
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        })
        .map_or_else(String::new, |k| {
            format!(", {:.1} GiB RAM", k as f64 / 1024.0 / 1024.0)
        });
    format!(
        "{cpus} CPUs (nproc), {model}{mem}, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The 1-minute load average.
fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn run() -> Result<()> {
    let limit = bench_limit()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/bench-index-tui");
    // DIGEST_BENCH_INDEX measures an index built elsewhere (the million-article index of
    // tests/reliability/scale.sh) instead of building one from the corpus.
    let given = std::env::var_os("DIGEST_BENCH_INDEX").map(PathBuf::from);
    let (tag, index_dir, articles, corpus_note) = match given {
        Some(dir) => {
            let n = DigestIndex::open(&dir)?.article_count();
            let tag = format!("index-{n}");
            let note = format!("the index at `{}`", dir.display());
            (tag, dir, n, note)
        }
        None => {
            let corpus = prepare_corpus(&root.join("target/bench-corpus"), limit)?;
            let tag = limit.map_or_else(|| "all".to_string(), |l| format!("limit-{l}"));
            let index_dir = work.join(&tag);
            let articles = ensure_index(&index_dir, &corpus)?;
            let note = format!(
                "{} AllSides JSON files (index `target/bench-index-tui/{tag}/`)",
                list_json(&corpus)?.len()
            );
            (tag, index_dir, articles, note)
        }
    };
    let index_arg = index_dir.to_str().context("index path is not UTF-8")?;
    let load_before = loadavg();

    eprintln!(
        "session: typing {} queries × {PASSES} passes",
        QUERIES.len()
    );
    let (s, _) = child::<SessionReport>(&["--session", index_arg])?;
    let mut launches: Vec<(&str, LaunchReport, f64)> = Vec::new();
    for q in LAUNCH_QUERIES {
        eprintln!("launch: {LAUNCH_RUNS} fresh processes, initial query {q:?}");
        for _ in 0..LAUNCH_RUNS {
            let (r, wall) = child::<LaunchReport>(&["--launch", index_arg, q])?;
            launches.push((q, r, wall));
        }
    }
    let mut cpu_launches: Vec<LaunchReport> = Vec::new();
    eprintln!("launch: {LAUNCH_RUNS} more, timing each step's CPU");
    for i in 0..LAUNCH_RUNS {
        let q = LAUNCH_QUERIES[i % LAUNCH_QUERIES.len()];
        cpu_launches.push(child::<LaunchReport>(&["--launch-cpu", index_arg, q])?.0);
    }

    let mut md = String::new();
    writeln!(md, "## TUI\n")?;
    writeln!(
        md,
        "Re-run: `cargo bench --bench tui` (quick: `DIGEST_BENCH_LIMIT=2000 cargo bench --bench tui`). Source: `benches/tui.rs`.\n"
    )?;
    writeln!(
        md,
        "- date: {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M %Z")
    )?;
    writeln!(md, "- machine: {}", machine())?;
    writeln!(
        md,
        "- corpus: {corpus_note} → {articles} articles, {} outlets, page cache warm",
        s.outlets
    )?;
    writeln!(
        md,
        "- screen: ratatui `TestBackend` {WIDTH}×{HEIGHT}, `Theme::colored()`, the real `view::draw`; searches ask for {} hits (`app::PAGE`, more on scrolling)",
        digest::tui::app::PAGE
    )?;

    let total_keys = s.key_total.len();
    // The event loop's 20 ms poll applied to on-CPU times: the answer is looked for only
    // when `event::poll(TICK)` times out.
    let cpu_tick: Vec<f64> = s
        .cpu_ui_before
        .iter()
        .zip(&s.cpu_search)
        .zip(&s.cpu_ui_after)
        .map(|((b, q), a)| tick_model(*b, b + q, *a))
        .collect();
    let launch_wall: Vec<f64> = launches.iter().map(|l| l.2).collect();
    let launch_inproc: Vec<f64> = launches.iter().map(|l| l.1.results_frame).collect();
    let launch_cpu: Vec<f64> = launches.iter().map(|l| l.1.cpu).collect();
    let p = |xs: &[f64]| (pct(xs, 50.0), pct(xs, 99.0));
    let both = |wall: (f64, f64), cpu: (f64, f64), target: f64| {
        format!(
            "wall {}, CPU {}",
            verdict(wall.1 <= target),
            verdict(cpu.1 <= target)
        )
    };

    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load_after = loadavg();
    let busy = [&load_before, &load_after]
        .iter()
        .any(|l| l.parse::<f64>().is_ok_and(|l| l > cpus as f64));
    writeln!(
        md,
        "- load: 1-minute load average {load_before} at the start and {load_after} at the end of the run, on {cpus} CPUs{}. On-CPU time (from `schedstat` and the process's CPU clock) is given next to wall-clock time: it is what a figure would take on one idle core, give or take thread wake-ups. The on-CPU passes keep each search on one thread; in the wall-clock passes a search of an index of 200,000 documents or more shares its segments among the cores, so there the wall-clock time can be below the on-CPU time\n",
        if busy {
            " — other processes were competing for the CPUs, so the wall-clock figures include waiting for a CPU"
        } else {
            ""
        }
    )?;
    writeln!(md, "### Summary\n")?;
    writeln!(
        md,
        "| figure | wall clock here, p50 / p99 | on-CPU time (≈ one idle core), p50 / p99 | target | |"
    )?;
    writeln!(md, "|---|---|---|---|---|")?;
    let (kw, kc) = (p(&s.key_total), p(&s.cpu_key));
    writeln!(
        md,
        "| keystroke → new results drawn | {:.1} / {:.1} ms | {:.1} / {:.1} ms | p99 ≤ {KEY_TARGET_MS} ms | {} |",
        kw.0,
        kw.1,
        kc.0,
        kc.1,
        both(kw, kc, KEY_TARGET_MS)
    )?;
    let (tw, tc) = (p(&s.key_tick), p(&cpu_tick));
    writeln!(
        md,
        "| the same with the event loop's 1 ms poll (model, see below) | {:.1} / {:.1} ms | {:.1} / {:.1} ms | p99 ≤ {KEY_TARGET_MS} ms | {} |",
        tw.0,
        tw.1,
        tc.0,
        tc.1,
        both(tw, tc, KEY_TARGET_MS)
    )?;
    let (sw, sc) = (p(&s.key_search), p(&s.cpu_search));
    writeln!(
        md,
        "| … of which the search ({} hits asked for) | {:.1} / {:.1} ms | {:.1} / {:.1} ms | — | |",
        digest::tui::app::PAGE,
        sw.0,
        sw.1,
        sc.0,
        sc.1
    )?;
    let (dw, dc) = (p(&s.key_draw), p(&s.cpu_ui_after));
    writeln!(
        md,
        "| draw alone: results frame (CPU column: update + draw) | {:.2} / {:.2} ms | {:.2} / {:.2} ms | — | |",
        dw.0, dw.1, dc.0, dc.1
    )?;
    let (ow, oc) = (p(&s.start_draw), p(&s.cpu_start_draw));
    writeln!(
        md,
        "| draw alone: start screen ({} outlets listed) | {:.2} / {:.2} ms | {:.2} / {:.2} ms | — | |",
        s.outlets, ow.0, ow.1, oc.0, oc.1
    )?;
    let (nw, nb) = (p(&s.newest_clear), p(&s.newest_backspace));
    writeln!(
        md,
        "| keystroke → newest page drawn: Ctrl-U on a query / Backspace to an empty line | {:.1} / {:.1} ms; {:.1} / {:.1} ms | — | p99 ≤ {KEY_TARGET_MS} ms | wall {} |",
        nw.0,
        nw.1,
        nb.0,
        nb.1,
        verdict(nw.1.max(nb.1) <= KEY_TARGET_MS)
    )?;
    let (sd, sr) = (p(&s.sort_date), p(&s.sort_relevance));
    writeln!(
        md,
        "| `s`: a query's results newest first / by relevance again | {:.1} / {:.1} ms; {:.1} / {:.1} ms | — | p99 ≤ {KEY_TARGET_MS} ms | wall {} |",
        sd.0,
        sd.1,
        sr.0,
        sr.1,
        verdict(sd.1.max(sr.1) <= KEY_TARGET_MS)
    )?;
    let fresh_wall: Vec<f64> = s.newest_fresh.iter().map(|x| x.0).collect();
    let fresh_cpu: Vec<f64> = s.newest_fresh.iter().map(|x| x.1).collect();
    let (fw, fc) = (p(&fresh_wall), p(&fresh_cpu));
    writeln!(
        md,
        "| … the newest page searched afresh (a filter's first visit; `search::search`, {} hits) | {:.1} / {:.1} ms | {:.1} / {:.1} ms (all threads) | — | |",
        digest::tui::app::PAGE,
        fw.0,
        fw.1,
        fc.0,
        fc.1
    )?;
    let newest_launch: Vec<f64> = launches
        .iter()
        .filter(|l| l.0.is_empty())
        .map(|l| l.2)
        .collect();
    let nl = p(&newest_launch);
    writeln!(
        md,
        "| launch → first frame of the newest page (plain `digest`, exec → frame) | {:.0} / {:.0} ms | — | ≤ {LAUNCH_TARGET_MS} ms | wall {} |",
        nl.0,
        nl.1,
        verdict(nl.1 <= LAUNCH_TARGET_MS)
    )?;
    let (lw, lc) = (p(&launch_wall), p(&launch_cpu));
    writeln!(
        md,
        "| launch → first frame with results, every initial query (whole process, exec → frame) | {:.0} / {:.0} ms | {:.0} / {:.0} ms | ≤ {LAUNCH_TARGET_MS} ms | {} |",
        lw.0,
        lw.1,
        lc.0,
        lc.1,
        both(lw, lc, LAUNCH_TARGET_MS)
    )?;
    writeln!(
        md,
        "| resident memory after typing / after browsing (VmRSS) | {:.0} / {:.0} MiB | — | — | |",
        s.mem_typed[0] as f64 / 1024.0,
        s.mem_browsed[0] as f64 / 1024.0
    )?;
    writeln!(
        md,
        "| peak resident memory of the session (VmHWM) | {:.0} MiB | — | — | |\n",
        s.mem_browsed[1] as f64 / 1024.0
    )?;

    writeln!(
        md,
        "### Keystrokes ({total_keys} keys: {} queries × every prefix × {PASSES} passes, after {} warm-up queries)\n",
        QUERIES.len(),
        WARMUP_QUERIES.len()
    )?;
    writeln!(md, "{PERCENTILES}")?;
    row(
        &mut md,
        "wall: key → results frame drawn (through the worker thread)",
        &s.key_total,
    );
    row(
        &mut md,
        "wall: … minus the worker's run-queue wait",
        &s.key_minus_wait,
    );
    row(
        &mut md,
        "wall: the worker's run-queue wait alone",
        &s.key_worker_wait,
    );
    row(
        &mut md,
        "wall: key → results frame, modelled with the 1 ms poll tick",
        &s.key_tick,
    );
    row(
        &mut md,
        "wall: key → intermediate \"searching…\" frame drawn",
        &s.key_intermediate,
    );
    row(
        &mut md,
        "wall: search inside the worker (`SearchResults::elapsed`)",
        &s.key_search,
    );
    row(
        &mut md,
        "wall: hand-off (key → answer applied, minus search)",
        &s.key_handoff,
    );
    row(&mut md, "wall: draw the results frame alone", &s.key_draw);
    row(
        &mut md,
        "CPU: UI before the search (map key, update, \"searching…\" frame)",
        &s.cpu_ui_before,
    );
    row(&mut md, "CPU: the search (`worker::answer`)", &s.cpu_search);
    row(
        &mut md,
        "CPU: UI after (update with the answer, results frame)",
        &s.cpu_ui_after,
    );
    row(&mut md, "CPU: whole keystroke", &s.cpu_key);
    row(
        &mut md,
        "CPU: whole keystroke with the 1 ms poll tick (model)",
        &cpu_tick,
    );
    let hits: Vec<f64> = s.key_hits.iter().map(|&h| h as f64).collect();
    let matches: Vec<f64> = s.key_total_matches.iter().map(|&h| h as f64).collect();
    writeln!(
        md,
        "\nHits per answer: mean {:.0} (of at most {}); matching articles per prefix: p50 {:.0}, max {:.0}.\n",
        mean(&hits),
        digest::tui::app::PAGE,
        pct(&matches, 50.0),
        matches.iter().copied().fold(0.0, f64::max)
    )?;
    writeln!(md, "Slowest keystrokes (wall):\n")?;
    writeln!(
        md,
        "| key → frame ms | query so far | search ms | matches |"
    )?;
    writeln!(md, "|---|---|---|---|")?;
    for (t, q, search, n) in &s.slowest {
        writeln!(md, "| {t:.1} | `{q}` | {search:.1} | {n} |")?;
    }

    writeln!(
        md,
        "\n### Search time by hit limit (`search::search` called directly on the {} full queries, {SEARCH_REPS} passes)\n",
        QUERIES.len()
    )?;
    writeln!(
        md,
        "| hits asked for | wall p50 | wall p99 | CPU p50 | CPU p99 | CPU mean |"
    )?;
    writeln!(md, "|---|---|---|---|---|---|")?;
    for (limit, wall, cpu) in &s.search_by_limit {
        writeln!(
            md,
            "| {limit} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            pct(wall, 50.0),
            pct(wall, 99.0),
            pct(cpu, 50.0),
            pct(cpu, 99.0),
            mean(cpu)
        )?;
    }

    writeln!(md, "\n### Browsing (key → frame drawn, wall)\n")?;
    writeln!(md, "{PERCENTILES}")?;
    row(&mut md, "↓ in the result list", &s.browse_down);
    row(&mut md, "Enter: open the reader", &s.browse_open);
    row(&mut md, "PageDown in the reader", &s.browse_page);
    row(&mut md, "Esc: back to the list", &s.browse_back);

    writeln!(
        md,
        "\n### Newest first (key → frame drawn through the worker, wall; {} queries × {PASSES} passes)\n",
        QUERIES.len()
    )?;
    writeln!(md, "{PERCENTILES}")?;
    row(
        &mut md,
        "Backspace empties a one-letter line → newest page",
        &s.newest_backspace,
    );
    row(
        &mut md,
        "Ctrl-U on a whole query → newest page",
        &s.newest_clear,
    );
    row(
        &mut md,
        "… of which the search inside the worker (the kept page, mostly)",
        &s.newest_search,
    );
    row(
        &mut md,
        "the newest page searched afresh, wall (`search::search`)",
        &fresh_wall,
    );
    row(
        &mut md,
        "`s`: the query's results newest first",
        &s.sort_date,
    );
    row(&mut md, "`s` again: by relevance", &s.sort_relevance);

    writeln!(
        md,
        "\n### Launch ({LAUNCH_RUNS} fresh processes per initial query; medians, ms)\n"
    )?;
    writeln!(
        md,
        "| initial query | open_seeded | + index_info | + Worker::spawn | first frame (start screen) | first frame with results | whole process: exec → results frame | process CPU | process run-queue wait | search | matches |"
    )?;
    writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|")?;
    for q in LAUNCH_QUERIES {
        let runs: Vec<&(&str, LaunchReport, f64)> = launches.iter().filter(|l| l.0 == *q).collect();
        let med = |f: &dyn Fn(&LaunchReport) -> f64| {
            pct(&runs.iter().map(|l| f(&l.1)).collect::<Vec<_>>(), 50.0)
        };
        let wall = pct(&runs.iter().map(|l| l.2).collect::<Vec<_>>(), 50.0);
        writeln!(
            md,
            "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            if q.is_empty() {
                "none (the newest page)".to_string()
            } else {
                format!("`{q}`")
            },
            med(&|r| r.open),
            med(&|r| r.info),
            med(&|r| r.spawn),
            med(&|r| r.first_frame),
            med(&|r| r.results_frame),
            wall,
            med(&|r| r.cpu),
            med(&|r| r.wait),
            med(&|r| r.search),
            runs.first().map_or(0, |l| l.1.matches),
        )?;
    }
    writeln!(
        md,
        "\nWall-clock columns from `open_seeded` to \"first frame with results\" are cumulative from the start of `DigestIndex::open_seeded` (in-process; median {:.0} ms to the results frame); process CPU and run-queue wait run from exec to the results frame.\n",
        pct(&launch_inproc, 50.0)
    )?;
    if let Some(first) = cpu_launches.first() {
        writeln!(
            md,
            "On-CPU time per launch step ({} more processes, initial queries alternating; medians, ms):\n",
            cpu_launches.len()
        )?;
        let names: Vec<&str> = first.cpu_steps.iter().map(|(n, _)| n.as_str()).collect();
        writeln!(md, "| step | CPU in the step | cumulative from exec |")?;
        writeln!(md, "|---|---|---|")?;
        for (i, name) in names.iter().enumerate() {
            let at = |r: &LaunchReport, i: usize| r.cpu_steps.get(i).map_or(f64::NAN, |x| x.1);
            let cum: Vec<f64> = cpu_launches.iter().map(|r| at(r, i)).collect();
            let step: Vec<f64> = cpu_launches
                .iter()
                .map(|r| {
                    if i == 0 {
                        at(r, 0)
                    } else {
                        at(r, i) - at(r, i - 1)
                    }
                })
                .collect();
            writeln!(
                md,
                "| {} | {:.1} | {:.1} |",
                if i == 0 {
                    "process start → `main`"
                } else {
                    name
                },
                pct(&step, 50.0),
                pct(&cum, 50.0)
            )?;
        }
        writeln!(md)?;
    }

    writeln!(md, "### Memory (session process, KiB)\n")?;
    writeln!(
        md,
        "| when | VmRSS | VmHWM | RssAnon | RssFile (mapped index files) |"
    )?;
    writeln!(md, "|---|---|---|---|---|")?;
    for (when, m) in [
        ("process start", s.mem_start),
        (
            "index opened, worker started, start screen drawn",
            s.mem_open,
        ),
        ("after the keystroke run", s.mem_typed),
        ("after browsing (↓, reader, PageDown)", s.mem_browsed),
    ] {
        writeln!(md, "| {when} | {} | {} | {} | {} |", m[0], m[1], m[2], m[3])?;
    }
    writeln!(
        md,
        "\nA launched process holds {:.0} MiB (VmRSS, median) once its first results are drawn.",
        pct(
            &launches
                .iter()
                .map(|l| l.1.rss_kib as f64)
                .collect::<Vec<_>>(),
            50.0
        ) / 1024.0
    )?;

    print!("{md}");
    let out = work.join(format!("report-{tag}.md"));
    fs::write(&out, &md)?;
    eprintln!("report written to {}", out.display());
    Ok(())
}
