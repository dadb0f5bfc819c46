//! End-to-end: the real `digest` binary in a real terminal (tmux), driven with
//! `send-keys` and read back with `capture-pane`.
//!
//! Skipped, with a note, when tmux is not installed. The driver is `util::tmux`.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::tmux::{TIMEOUT, Tmux, have_tmux};

#[test]
fn search_filter_read_and_quit() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let t = Tmux::start("main", &index, 120, 40);

    // Launch: the search line has focus and the index is seeded with 5 articles.
    t.wait_text("Type to search 5 articles from 5 outlets");
    assert_eq!(t.format("#{alternate_on}"), "1");
    assert_eq!(t.format("#{mouse_any_flag}"), "1", "mouse capture is on");

    // Results update as we type, without Enter.
    t.type_text("lunar station");
    let s = t.wait_text("4 of 5 articles match");
    assert!(s.contains("Search › lunar station"), "{s}");
    assert!(s.contains("Preview"), "{s}");

    // Esc leaves the search line; 4 toggles TASS (numbered as on the start screen).
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["4"]);
    let s = t.wait_text("1 of 5 articles match · outlets TASS");
    assert!(s.contains("TASS  2021-04-27"), "{s}");

    // Enter opens the reader with metadata and provenance; n jumps to a match.
    t.keys(&["Enter"]);
    let s = t.wait_text("source    003_15cac33c2820b134.txt");
    assert!(s.contains("outlet    TASS"), "{s}");
    assert!(s.contains("via       tass.com"), "{s}");
    // The mouse wheel scrolls (an SGR wheel-down report, as a terminal sends it).
    t.type_text("\x1b[<65;20;20M\x1b[<65;20;20M");
    t.wait_for("wheel scroll", |s| !s.contains("outlet    TASS"));
    // n goes to the first match below the top of the screen: "match k of m".
    t.keys(&["n"]);
    t.wait_for("a current match", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains("match ") && l.contains(" of "))
    });
    t.keys(&["G"]);
    t.wait_text("How the metadata was established");

    // A small terminal re-lays out at once; a tiny one says so.
    assert!(
        t.run(&["resize-window", "-t", "e2e", "-x", "40", "-y", "12"])
            .status
            .success()
    );
    t.wait_for("reader at 40 columns", |s| {
        s.lines().next().is_some_and(|l| l.contains("TASS")) && s.contains('%')
    });
    assert!(
        t.run(&["resize-window", "-t", "e2e", "-x", "18", "-y", "5"])
            .status
            .success()
    );
    t.wait_text("too small");
    assert!(
        t.run(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
            .status
            .success()
    );

    // q leaves the reader, ? shows help, q closes it, q quits.
    t.keys(&["q"]);
    t.wait_text("Results");
    t.keys(&["?"]);
    t.wait_text("Search as you type");
    t.keys(&["q"]);
    t.wait_for("help closed", |s| !s.contains(" Keys "));
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn ctrl_c_and_sigterm_restore_the_terminal() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");

    // Ctrl-C from the search line (where q would just be typed).
    let t = Tmux::start("ctrlc", &index, 80, 24);
    t.wait_text("Type to search");
    t.type_text("moon");
    t.wait_text("5 of 5 articles match");
    t.keys(&["C-c"]);
    t.assert_restored();
    drop(t);

    // SIGTERM while an article is open.
    let t = Tmux::start("term", &index, 80, 24);
    t.wait_text("Type to search");
    t.type_text("moon");
    t.wait_text("5 of 5 articles match");
    t.keys(&["Enter"]);
    t.wait_text("source ");
    let Some(pid) = t.digest_pid() else {
        eprintln!("note: cannot find digest's pid (no /proc?); skipping the SIGTERM check");
        return;
    };
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    t.assert_restored();
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let t = Tmux::start("hangup", &index, 80, 24);
    t.wait_text("Type to search");
    let Some(pid) = t.digest_pid() else {
        eprintln!("note: cannot find digest's pid (no /proc?); skipping");
        return;
    };
    // The window goes away; the reader must not stay behind spinning on a dead terminal.
    assert!(t.run(&["kill-session", "-t", "e2e"]).status.success());
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break; // exited, not yet reaped
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "digest (pid {pid}) still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn events_then_comparison_then_back_and_quit() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    // Wide enough for the outlet columns side by side.
    let t = Tmux::start("framing", &index, 160, 48);
    t.wait_text("Type to search 5 articles from 5 outlets");

    // e from the list (on the search line it would be typed): the events list.
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["e"]);
    // An event row: its date, then its outlets' badges and its passages.
    let s = t.wait_for("an event row", |s| {
        s.contains("Events ›") && s.lines().any(|l| l.contains("▌2021-"))
    });
    assert!(
        s.lines().any(|l| l.contains("■ CNES")
            && l.contains("■ Unattributed")
            && l.contains("passages")),
        "{s}"
    );

    // Enter: the outlets side by side, each column titled with its outlet, and the
    // status line on the first passage (the capture may come between the two).
    let status = |s: &str| {
        s.lines()
            .rev()
            .find(|l| l.contains(" · passage "))
            .unwrap_or("")
            .to_string()
    };
    t.keys(&["Enter"]);
    let s = t.wait_for("outlet columns and the status line", |s| {
        s.contains("■ CNES · ") && s.contains("■ Unattributed · ") && !status(s).is_empty()
    });
    assert!(s.contains("Compare ›"), "{s}");
    assert!(s.contains("Passages"), "{s}");
    let before = status(&s);
    assert!(before.contains("passage 1 of"), "{s}");

    // Tab focuses the next outlet's column.
    t.keys(&["Tab"]);
    let s = t.wait_for("the next column", |s| {
        let now = status(s);
        now.contains("passage 1 of") && now != before
    });

    // Enter reads the passage's article; Esc comes back to the comparison.
    t.keys(&["Enter"]);
    t.wait_text("source    ");
    t.keys(&["Escape"]);
    let want = status(&s);
    let back = t.wait_for("the comparison at the same column", |now| {
        now.contains("Compare ›") && status(now) == want
    });
    assert_eq!(status(&back), want, "{back}");

    // Esc: the events again; q: the list; q: quit, the terminal restored.
    t.keys(&["Escape"]);
    t.wait_text("Events ›");
    t.keys(&["q"]);
    t.wait_text("/ to search");
    t.keys(&["q"]);
    t.assert_restored();
}

/// Newest first in a real terminal: plain `digest` opens on the newest articles, the
/// selection moves down them, the date filter narrows them, and a search emptied again
/// comes back to them, filter kept (issue 21).
#[test]
fn newest_first_browsing() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let t = Tmux::start("newest", &index, 120, 40);
    let s = t.wait_text("5 articles, newest first");
    assert!(s.contains("╭ Newest "), "{s}");
    let at = |s: &str, what: &str| s.find(what).unwrap_or_else(|| panic!("{what}: {s}"));
    assert!(
        at(&s, "TASS  2021-04-27") < at(&s, "CNES  2021-03"),
        "the newest first: {s}"
    );

    // j moves down the list: the preview follows.
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["j"]);
    t.wait_for("the second article previewed", |s| {
        s.lines()
            .skip_while(|l| !l.contains("╭ Preview"))
            .nth(1)
            .is_some_and(|l| l.contains("Will the two countries"))
    });

    // The date filter on the newest list.
    t.keys(&["d"]);
    t.wait_text("Dates");
    t.type_text("2021-04-01..");
    t.keys(&["Enter"]);
    let s = t.wait_text("1 of 5 articles, newest first · dates 2021-04-01..");
    assert!(s.contains("TASS  2021-04-27"), "{s}");
    assert!(!s.contains("CNES  2021-03"), "{s}");

    // A search, emptied again: the newest, still from April.
    t.keys(&["/"]);
    t.type_text("moon");
    t.wait_text("match");
    t.keys(&["C-u"]);
    let s = t.wait_text("1 of 5 articles, newest first · dates 2021-04-01..");
    assert!(s.contains("╭ Newest "), "{s}");
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["q"]);
    t.assert_restored();
}

/// The morning routine in a real terminal: the reader opened once, closed; a feed
/// subscribed; opened again, `F` fetches in the background with the status line
/// following it, and the article that arrived is marked new in the list.
#[test]
fn fetch_in_the_background_and_see_what_is_new() {
    if !have_tmux() {
        return;
    }
    let server = crate::util::http::okapi_feed_server();
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");

    // A first visit.
    let t = Tmux::start("visit", &index, 120, 40);
    t.wait_text("Type to search 5 articles from 5 outlets");
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["q"]);
    t.assert_restored();
    drop(t);

    let out = Command::new(crate::util::BIN)
        .env("DIGEST_INDEX", &index)
        .args([
            "feeds",
            "add",
            &server.url("/tass.xml"),
            "--full-text",
            "never",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let t = Tmux::start("fetch", &index, 120, 40);
    t.wait_text("Type to search 5 articles from 5 outlets");
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["F"]);
    t.wait_text("fetched: 1 new article from 1 feed");
    t.wait_text("Type to search 6 articles from 5 outlets");
    t.keys(&["/"]);
    t.type_text("okapi");
    let s = t.wait_text("1 of 6 articles match");
    let row = s
        .lines()
        .find(|l| l.contains("Okapi census"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("new TASS"), "marked new: {s}");
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["q"]);
    t.assert_restored();
}

/// Links in a real terminal: `o` in the reader starts `$BROWSER` with the article's link
/// (as an argument, no shell), `y` copies it and `Y` copies a citation through OSC 52
/// (tmux, with `set-clipboard on`, keeps what a program copies as a paste buffer), and a
/// `javascript:` link is refused with a reason.
#[test]
fn links_are_opened_and_copied() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let articles = dir.path().join("in");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("okapi.txt"),
        "Title: Okapi census grows\nOutlet: TASS\nDate: 2021-05-01\nURL: https://tass.com/science/okapi?a=1&b=$(reboot)\n\nRangers counted more okapi this season than in any year on record.\n",
    )
    .unwrap();
    std::fs::write(
        articles.join("trap.txt"),
        "Title: Quokka trap\nDate: 2021-05-02\nURL: javascript:alert(1)\n\nA quokka story whose link is a script and must never be opened.\n",
    )
    .unwrap();
    let out = Command::new(crate::util::BIN)
        .env("DIGEST_INDEX", &index)
        .args(["ingest", articles.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let browser_env = browser.display().to_string();
    let t = Tmux::start_with("links", &index, 120, 40, &[("BROWSER", &browser_env)]);
    assert!(
        t.run(&["set-option", "-g", "set-clipboard", "on"])
            .status
            .success()
    );
    t.wait_text("Type to search 7 articles");
    t.type_text("okapi");
    t.wait_text("1 of 7 articles match");
    t.keys(&["Enter"]);
    // The reader's metadata (the title alone is in the list too).
    t.wait_text("outlet    TASS");
    t.keys(&["o"]);
    t.wait_text("opening https://tass.com/science/okapi");
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://tass.com/science/okapi?a=1&b=$(reboot)\n",
        "one argument, untouched by a shell"
    );
    t.keys(&["y"]);
    t.wait_text("copied https://tass.com/science/okapi");
    let buffer = |t: &Tmux| String::from_utf8_lossy(&t.run(&["show-buffer"]).stdout).into_owned();
    t.wait_for("the link in tmux's buffer", |_| {
        buffer(&t) == "https://tass.com/science/okapi?a=1&b=$(reboot)"
    });
    t.keys(&["Y"]);
    t.wait_for("the citation in tmux's buffer", |_| {
        buffer(&t)
            == "TASS, \u{201c}Okapi census grows\u{201d}, 2021-05-01, https://tass.com/science/okapi?a=1&b=$(reboot)"
    });

    // A script link: refused, nothing started.
    t.keys(&["Escape"]);
    t.wait_text("Results");
    t.keys(&["/"]);
    t.keys(&["C-u"]);
    t.type_text("quokka");
    t.wait_text("1 of 7 articles match");
    t.keys(&["Enter"]);
    t.wait_text("outlet    Unattributed");
    t.keys(&["o"]);
    t.wait_text("not an http or https address");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap().lines().count(),
        1,
        "the browser was not started again"
    );
    t.keys(&["Escape"]);
    t.wait_text("Results");
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["q"]);
    t.assert_restored();
    // Both articles opened are kept as read, beside the index.
    let read = std::fs::read_to_string(dir.path().join("read.tsv")).unwrap();
    assert_eq!(read.lines().count(), 2, "{read}");
    assert!(read.lines().all(|l| l.split('\t').count() == 2), "{read}");
}

/// `config.toml` in a real terminal: a key bound by action name works (`z` sorts), the
/// theme and limit are read; a bad file stops digest with one error naming the line,
/// and `--no-config` starts the reader anyway (issue 21).
#[test]
fn a_config_file_binds_keys_and_a_bad_one_is_named() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let config_home = dir.path().join("config");
    std::fs::create_dir_all(config_home.join("digest")).unwrap();
    let file = config_home.join("digest/config.toml");
    std::fs::write(
        &file,
        "theme = \"light\"\n[keys]\nsort = \"z\"\n[colors]\nselected = \"#ff0000\"\n",
    )
    .unwrap();
    let home = config_home.display().to_string();

    let t = Tmux::start_with(
        "config",
        &index,
        120,
        40,
        &[("XDG_CONFIG_HOME", &home), ("COLORTERM", "truecolor")],
    );
    t.wait_text("Type to search 5 articles");
    t.type_text("lunar");
    t.wait_text("of 5 articles match");
    // The selection bar takes the file's colour.
    let colored = t.screen_with_colors();
    assert!(colored.contains("48;2;255;0;0"), "{colored}");
    t.keys(&["Escape"]);
    t.wait_text("/ to search");
    t.keys(&["z"]);
    t.wait_text("Results, newest first");
    t.keys(&["q"]);
    t.assert_restored();
    drop(t);

    std::fs::write(&file, "theme = \"light\"\nlimit = \"ten\"\n").unwrap();
    let t = Tmux::start_with("badconfig", &index, 120, 40, &[("XDG_CONFIG_HOME", &home)]);
    let s = t.wait_text("DONE-2");
    assert!(
        s.contains("config.toml: line 2") && s.contains("--no-config"),
        "{s}"
    );
    drop(t);
    let out = Command::new(crate::util::BIN)
        .env("XDG_CONFIG_HOME", &home)
        .env("DIGEST_INDEX", &index)
        .args(["--no-config", "list", "-n", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}
