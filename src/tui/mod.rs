//! The interactive reader `digest` opens when run without a command.
//!
//! Structure (after atuin, television and gitui):
//!
//! - [`bindings`] is the one key table: it maps key presses to an [`action::Action`]
//!   for the place the user is in, and writes the help, the hint bars and the README's
//!   key table;
//! - [`app::update`] hands an action to the pop-up or the screen on top; screens
//!   ([`screens`], one folder each: state, update, draw) answer with effects the app
//!   carries out — opening and closing screens on its stack, queuing requests;
//! - [`draw::draw`] draws the state, reading nothing else;
//! - [`worker`] owns the index on its own threads and sends [`answer::Answer`]s, each
//!   carrying the ticket of its request; [`pending::Pending`] drops all but the newest;
//! - [`ui`] holds what screens draw with (styled text, layout, theme, widgets).
//!
//! [`run`] ties them together and looks after the terminal: raw mode, the alternate
//! screen, mouse capture and bracketed paste are switched off again on every way out —
//! quitting, Ctrl-C, SIGTERM/SIGHUP/SIGINT/SIGQUIT (via a signal flag the event loop
//! checks) and panics (ratatui's panic hook, extended to release the mouse).

pub mod action;
pub mod answer;
pub mod app;
pub mod bindings;
pub mod draw;
pub mod input;
pub mod links;
pub mod pending;
pub mod read;
pub mod screens;
pub mod scroll;
pub mod ui;
pub mod visit;
pub mod worker;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::index::DigestIndex;
use app::{App, update};
use ui::theme::Theme;
use worker::Worker;

/// How long the event loop waits for a key before looking for search answers.
const TICK: Duration = Duration::from_millis(20);
/// How long it waits while a search answer is due.
const ANSWER_TICK: Duration = Duration::from_millis(1);

/// Opens the index in `dir` (seeding it on first use) and runs the reader until the user
/// quits. The terminal is restored on every exit path.
/// What a configuration file sets for the reader.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The theme's name (`dark`, `light`, `16`, `none`).
    pub theme: Option<String>,
    /// Element ([`ui::theme::ELEMENTS`]) → colour, over the theme's.
    pub colors: std::collections::BTreeMap<String, ratatui::style::Color>,
    /// Keys bound to actions, tried before the built-in ones.
    pub keys: Vec<(bindings::Key, action::Action)>,
}

pub fn run(dir: &Path, registries: crate::Registries, settings: Settings) -> anyhow::Result<()> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        anyhow::bail!(
            "the interactive reader needs a terminal; try `digest search <query>` or `digest --help`"
        );
    }
    // Opened before the screen is taken over, so errors print like any other command's.
    let theme = Theme::detect_with(
        std::sync::Arc::clone(&registries.outlets),
        settings.theme.as_deref(),
    )
    .with_elements(settings.colors);
    let index = DigestIndex::open_seeded_with(dir, registries)?;
    let info = worker::index_info(&index)?;
    let last_visit = visit::last(dir);
    // Best effort: a read-only data directory only means no marks next time.
    let _ = visit::record(dir, crate::index::unix_now());
    let worker = Worker::spawn(index)?;

    // The handlers stay for the rest of the process: unregistering would leave these
    // signals ignored (signal-hook does not restore the default action), and `main`
    // returns right after us anyway.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        // A second signal while the first is being handled ends the process at once.
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }

    match ratatui::try_init() {
        Ok(mut terminal) => {
            restore_on_panic();
            exit_when_terminal_hangs_up();
            let r = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    let size = terminal.size()?;
                    let area = Rect::new(0, 0, size.width, size.height);
                    let mut app = App::new(theme, info, area)
                        .with_last_visit(last_visit)
                        .with_read(read::load(dir))
                        .with_keys(settings.keys);
                    event_loop(&mut terminal, &mut app, &worker, &stop, dir)
                });
            let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
            ratatui::restore();
            r
        }
        Err(e) => {
            ratatui::restore();
            Err(e.into())
        }
    }
}

/// Why the search worker stopped, if it panicked.
static WORKER_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Drops the record of a worker panic that the worker caught and answered as an error.
pub(crate) fn forget_worker_panic() {
    if let Ok(mut slot) = WORKER_PANIC.lock() {
        *slot = None;
    }
}

/// Extends the panic hook ratatui installed (which leaves raw mode and the alternate
/// screen): a panic on the UI thread also releases the mouse and bracketed paste. A
/// panic on another thread (the search worker) leaves the terminal alone — the UI
/// thread owns it, and `main` holds the stdout lock — and is reported by the UI instead.
fn restore_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let ui = std::thread::current().id();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == ui {
                let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
                previous(info);
            } else if let Ok(mut slot) = WORKER_PANIC.lock() {
                *slot = Some(info.to_string());
            }
        }));
    });
}

/// Ends the process when the terminal goes away (its window closed, its tmux session
/// killed) without a SIGHUP reaching us. crossterm's reader spins on the end-of-file a
/// hung-up terminal returns and never gives control back, so the check runs on its own
/// thread. There is no terminal left to restore.
fn exit_when_terminal_hangs_up() {
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if terminal_hung_up() {
                std::process::exit(0);
            }
        }
    });
}

/// Whether standard input is a terminal that has hung up.
fn terminal_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: `fd` is a valid, initialised pollfd array of length 1 that outlives the call;
    // a zero timeout makes the call non-blocking.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    worker: &Worker,
    stop: &AtomicBool,
    dir: &Path,
) -> anyhow::Result<()> {
    let stopped = || {
        let why = WORKER_PANIC
            .lock()
            .ok()
            .and_then(|mut p| p.take())
            .map(|p| format!(": {p}"))
            .unwrap_or_default();
        anyhow::anyhow!("the search worker stopped unexpectedly{why}")
    };
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| draw::draw(frame, app))?;
            dirty = false;
        }
        // While an answer is due, look for it often; otherwise wait for keys.
        let wait = if app.searching() { ANSWER_TICK } else { TICK };
        if event::poll(wait)? {
            // Take every event that is ready before drawing again.
            loop {
                let ev = event::read()?;
                if let Some(action) = bindings::map_event_with(app.place(), &ev, app.keys()) {
                    update(app, action);
                    dirty = true;
                }
                if app.quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.quit() || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        for request in app.take_requests() {
            if !worker.send(request) {
                return Err(stopped());
            }
        }
        for io in app.take_io() {
            match io {
                links::Io::Open(url) => {
                    if let Err(why) = links::open(&url) {
                        app.set_notice(why, true);
                    }
                }
                links::Io::SaveRead => {
                    // Best effort: a read-only data directory costs the marks, not the
                    // reading.
                    let _ = read::save(dir, app.read());
                }
                links::Io::Copy(text) => {
                    use std::io::Write;
                    let mut out = io::stdout();
                    let _ = out.write_all(links::osc52(&text).as_bytes());
                    let _ = out.flush();
                }
            }
            dirty = true;
        }
        loop {
            match worker.try_recv() {
                Ok(Some(answer)) => {
                    app.answer(answer);
                    dirty = true;
                }
                Ok(None) => break,
                Err(()) => return Err(stopped()),
            }
        }
    }
}
