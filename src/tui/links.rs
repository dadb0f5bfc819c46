//! An article's link, opened in the user's browser or copied, and its citation.
//!
//! Links come from files and feeds, so they are untrusted: only an `http` or `https`
//! address (as [`crate::feeds::normalise_url`] reads it: no control characters, no
//! credentials) is opened or copied. The browser is `$BROWSER` (the first of its
//! `:`-separated commands; `%s` in it is replaced by the link, else the link is added as
//! the last argument), else the platform's opener, and it is started directly, never
//! through a shell. Copying writes an OSC 52 sequence, which terminals (and tmux, and
//! terminals over SSH) turn into a clipboard write.

use std::process::{Command, Stdio};

use base64::Engine as _;

use crate::model::Article;

/// Something the reader does outside its state, carried out by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Io {
    /// Open this link (already checked) in the browser.
    Open(String),
    /// Put this text on the clipboard.
    Copy(String),
    /// Write the list of articles read (an article was opened).
    SaveRead,
}

/// The article's link, if it is one digest will open: `http` or `https` only.
pub fn http_link(article: &Article) -> Result<String, String> {
    let url = article.url.as_deref().ok_or("this article has no link")?;
    crate::feeds::normalise_url(url)
        .map_err(|_| "its link is not an http or https address: not opened".to_string())
}

/// A citation: `TASS, "Title", 2021-04-27, https://…` (the parts the article has).
pub fn citation(article: &Article) -> String {
    let mut parts = vec![
        crate::text::sanitize_inline(&article.outlet_name).into_owned(),
        format!(
            "\u{201c}{}\u{201d}",
            crate::text::sanitize_inline(&article.title)
        ),
    ];
    if let Some(d) = &article.date {
        parts.push(crate::text::sanitize_inline(d).into_owned());
    }
    if let Ok(url) = http_link(article) {
        parts.push(url);
    }
    parts.join(", ")
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\u{1b}]52;c;{data}\u{7}")
}

/// The program and arguments that open `url`: from `browser` (the value of `$BROWSER`)
/// when set and not empty, else the platform's opener.
pub fn browser_command(url: &str, browser: Option<&str>) -> (String, Vec<String>) {
    if let Some(first) = browser.and_then(|b| b.split(':').map(str::trim).find(|c| !c.is_empty())) {
        let mut words = first.split_whitespace().map(str::to_string);
        if let Some(program) = words.next() {
            let mut args: Vec<String> = words.collect();
            if args.iter().any(|a| a.contains("%s")) {
                for a in &mut args {
                    *a = a.replace("%s", url);
                }
            } else {
                args.push(url.to_string());
            }
            return (program, args);
        }
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    (opener.to_string(), vec![url.to_string()])
}

/// Starts the browser on `url` (checked by [`http_link`]) and leaves it running; its
/// output goes nowhere, so it cannot draw over the reader.
pub fn open(url: &str) -> Result<(), String> {
    let browser = std::env::var("BROWSER").ok();
    let (program, args) = browser_command(url, browser.as_deref());
    let child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    // Reaped when it ends, so it does not linger as a zombie.
    std::thread::spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(url: Option<&str>) -> Article {
        Article {
            title: "Lunar station deal".into(),
            outlet_name: "TASS".into(),
            date: Some("2021-04-27".into()),
            url: url.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn only_web_links_are_opened_or_cited() {
        assert_eq!(
            http_link(&article(Some("https://tass.com/science/1"))).as_deref(),
            Ok("https://tass.com/science/1")
        );
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://tass.com/\u{1b}]52;c;x\u{7}",
            "ftp://tass.com/x",
        ] {
            assert!(http_link(&article(Some(bad))).is_err(), "{bad}");
        }
        assert!(http_link(&article(None)).is_err());
        assert_eq!(
            citation(&article(Some("javascript:alert(1)"))),
            "TASS, \u{201c}Lunar station deal\u{201d}, 2021-04-27"
        );
        assert_eq!(
            citation(&article(Some("https://tass.com/science/1"))),
            "TASS, \u{201c}Lunar station deal\u{201d}, 2021-04-27, https://tass.com/science/1"
        );
    }

    #[test]
    fn the_browser_is_run_without_a_shell() {
        let url = "https://tass.com/a?b=1&c=$(reboot)";
        let (p, a) = browser_command(url, Some("firefox --new-tab:lynx"));
        assert_eq!(
            (p.as_str(), a),
            ("firefox", vec!["--new-tab".into(), url.into()])
        );
        let (p, a) = browser_command(url, Some("open -a Safari %s"));
        assert_eq!(
            (p.as_str(), a),
            ("open", vec!["-a".into(), "Safari".into(), url.into()])
        );
        let (p, _) = browser_command(url, Some(""));
        assert!(["xdg-open", "open", "explorer"].contains(&p.as_str()));
    }

    #[test]
    fn copying_is_an_osc_52_sequence() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
    }
}
