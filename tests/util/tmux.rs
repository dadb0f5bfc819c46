//! The real `digest` reader in a real terminal: a tmux server of the test's own (`-L`, so
//! it neither sees nor disturbs the user's sessions) with one session running the reader
//! on an index, driven with `send-keys` and read back with `capture-pane`.
//!
//! Tests that need it call [`have_tmux`] first and pass, with a note, where tmux is not
//! installed.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::BIN;

/// How long a wait for the screen may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The name of the one session each server runs.
const SESSION: &str = "e2e";

/// Whether tmux can be run here; says so on stderr when it cannot.
pub fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: tmux is not installed; skipping a test of the reader in a terminal");
    }
    ok
}

/// A tmux server of our own with one session running digest; killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `digest --index INDEX` in a `w`×`h` window. When digest exits, the shell
    /// prints `DONE-<exit status>` and stays, so the pane can still be read.
    pub fn start(name: &str, index: &Path, w: u16, h: u16) -> Tmux {
        Tmux::start_with(name, index, w, h, &[])
    }

    /// [`Tmux::start`] with more environment variables for digest (`BROWSER=…`).
    pub fn start_with(name: &str, index: &Path, w: u16, h: u16, env: &[(&str, &str)]) -> Tmux {
        let socket = format!("digest-test-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let script = format!(
            "'{}' --index '{}'; echo DONE-$?; sleep 60",
            BIN,
            index.display()
        );
        let size = (w.to_string(), h.to_string());
        let mut args: Vec<String> = [
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &size.0,
            "-y",
            &size.1,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for (k, v) in [("DIGEST_INDEX", index.display().to_string())]
            .into_iter()
            .chain(env.iter().map(|(k, v)| (*k, v.to_string())))
        {
            args.push("-e".into());
            args.push(format!("{k}={v}"));
        }
        args.extend(["bash", "--norc", "--noprofile", "-c", &script].map(String::from));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = t.run(&args);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    /// Runs one tmux command on this server.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// Sends keys by their tmux names (`Enter`, `C-c`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", SESSION, "-l", text])
                .status
                .success()
        );
    }

    /// The visible pane, one line per row.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", SESSION]).stdout)
            .into_owned()
    }

    /// The visible pane with its colours and attributes as escape sequences.
    pub fn screen_with_colors(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-e", "-p", "-t", SESSION])
                .stdout,
        )
        .into_owned()
    }

    /// A tmux format (`#{alternate_on}`, `#{pane_pid}`) evaluated on the pane.
    pub fn format(&self, f: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", SESSION, f]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the pane until `pred` holds, or fails with the last screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Polls the pane until it shows `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// After digest exits: the shell got a clean terminal back.
    pub fn assert_restored(&self) {
        let s = self.wait_text("DONE-0");
        assert!(
            !s.contains("Search ›") && !s.contains("╭"),
            "the reader's screen was left behind:\n{s}"
        );
        assert_eq!(
            self.format("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            self.format("#{mouse_any_flag}"),
            "0",
            "mouse capture left on"
        );
        assert_eq!(
            self.format("#{mouse_button_flag}"),
            "0",
            "mouse capture left on"
        );
        assert_eq!(self.format("#{cursor_flag}"), "1", "cursor left hidden");
    }

    /// Pid of digest: the child of the pane's shell.
    pub fn digest_pid(&self) -> Option<String> {
        let shell = self.format("#{pane_pid}");
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
        children.split_whitespace().next().map(str::to_string)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
