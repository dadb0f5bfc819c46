//! The `digest` command: parse, run, exit.
//!
//! Exit codes: 0 results, 1 no results (an unknown article or event id included), 2
//! error. A closed pipe (`digest search x | head`) is not an error. The commands
//! themselves are in [`cli`].

mod cli;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use cli::{Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::from_env();
    let ctx = match cli.context() {
        Ok(ctx) => ctx,
        Err(e) => return exit_code(Err(e), &cli.index_dir()),
    };
    report_panics_as_errors(&ctx.dir);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cli.run(&ctx))) {
        Ok(result) => exit_code(result, &ctx.dir),
        // Already reported by the panic hook.
        Err(_) => ExitCode::from(2),
    }
}

/// The exit code for a command's result, after saying on stderr what went wrong.
fn exit_code(result: anyhow::Result<Outcome>, dir: &Path) -> ExitCode {
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = error_message(&e, dir);
            let msg = digest::text::sanitize(&msg);
            if json_wanted() {
                // Scripts that asked for JSON get their error as JSON too.
                let doc = serde_json::json!({ "error": msg });
                let _ = writeln!(io::stderr(), "{doc}");
            } else {
                let _ = writeln!(io::stderr(), "digest: {msg}");
            }
            if is_not_found(&e) {
                ExitCode::from(1)
            } else if is_interrupted(&e) {
                // As a shell reports a command ended by Ctrl-C.
                ExitCode::from(130)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

/// Whether the error is an id that names nothing: like a search without results, not a
/// failure.
fn is_not_found(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<digest::Error>(),
            Some(
                digest::Error::NoSuchArticle(_)
                    | digest::Error::NoSuchEvent(_)
                    | digest::Error::NoSuchFeed(_)
                    | digest::Error::OutletWithoutArticles { .. }
            )
        )
    })
}

/// Whether `--json` was given (before any `--` that ends the flags).
fn json_wanted() -> bool {
    std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json")
}

/// Whether a writing command stopped at Ctrl-C.
fn is_interrupted(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<digest::Error>(),
            Some(digest::Error::Interrupted)
        )
    })
}

/// Whether the error lists outlets to choose from, one per line.
fn offers_outlets(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<digest::Error>(),
            Some(digest::Error::UnknownOutlet { .. } | digest::Error::OutletWithoutArticles { .. })
        )
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The message for an error: one line, except a list of outlets offered in place of an
/// unknown `--outlet` (one per line, indented). Damage that shows only once the index is being
/// searched (a corrupted block deep inside a file that opened fine) gets the same advice
/// as damage found when it is opened.
fn error_message(e: &anyhow::Error, dir: &Path) -> String {
    let found = e
        .chain()
        .find_map(|c| match c.downcast_ref::<digest::Error>() {
            Some(digest::Error::Tantivy(t)) => digest::error::damage(t),
            _ => c
                .downcast_ref::<tantivy::TantivyError>()
                .and_then(digest::error::damage),
        });
    match found {
        Some(reason) => digest::Error::DamagedIndex {
            path: dir.to_path_buf(),
            reason,
        }
        .to_string(),
        None if offers_outlets(e) => format!("{e:#}").trim_end().replace('\r', " "),
        // One line: a message with line breaks (from a library) is joined up.
        None => format!("{e:#}").trim_end().replace(['\n', '\r'], " "),
    }
}

/// Turns a panic into one line on stderr (and, from `main`, exit code 2) instead of a
/// backtrace prompt. The index engine panics on some kinds of corrupted data rather than
/// returning an error, so the line says how to rebuild the index. With `RUST_BACKTRACE`
/// set, the standard report follows. The reader (`digest` alone) chains its own hook in
/// front of this one, restoring the terminal first.
fn report_panics_as_errors(dir: &Path) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static REPORTED: AtomicBool = AtomicBool::new(false);
    let dir = dir.to_path_buf();
    let standard = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        if digest::error::panic_is_caught() {
            return;
        }
        if verbose {
            standard(info);
        }
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        let what = digest::error::panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = format!(
            "internal error ({}{at}); if the index at {} is damaged, `digest reindex` rebuilds it",
            digest::error::one_line(&what),
            dir.display()
        );
        let _ = writeln!(io::stderr(), "digest: {}", digest::text::sanitize(&msg));
    }));
}
