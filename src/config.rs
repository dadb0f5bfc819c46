//! `config.toml` in the XDG config directory (`~/.config/digest/config.toml`): the
//! default index and limit, the reader's theme, outlet colours and keys. A missing file
//! is the defaults; a bad one is one error naming the file, the line and what is wrong
//! (`--no-config` starts without it). `digest config default` prints [`DEFAULT`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::tui::action::Action;
use crate::tui::bindings::{self, Key};
use crate::tui::ui::theme;

/// The settings, as read (every one optional).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Index directory when neither `--index` nor `DIGEST_INDEX` is given.
    pub index: Option<PathBuf>,
    /// Results `search` and `list` print when `--limit` is not given.
    pub limit: Option<usize>,
    /// The reader's theme: `dark`, `light`, `16` or `none`.
    pub theme: Option<String>,
    /// Outlet id → colour (`#rrggbb`), in the reader and the shell's output.
    #[serde(default)]
    pub outlet_colors: BTreeMap<String, String>,
    /// Reader element (see [`theme::ELEMENTS`]) → colour (see [`crate::color::parse`]).
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
    /// Action name (see [`bindings::NAMED`]) → key (see [`bindings::parse_key`]).
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
}

/// The commented default file.
pub const DEFAULT: &str = r##"# digest configuration: ~/.config/digest/config.toml (see `digest config path`).
# Every setting is optional; remove the leading "# " to use one.

# The index when neither --index nor DIGEST_INDEX is given.
# index = "/home/me/news/index"

# Results `digest search` and `digest list` print without --limit.
# limit = 10

# The reader's colours: "dark" (the terminal's colour depth), "light" (light
# backgrounds), "16" (basic colours only) or "none". DIGEST_THEME overrides it.
# theme = "dark"

# Outlet colours in the reader and in the shell's output, by outlet id (see
# `digest outlets`).
[outlet_colors]
# tass = "#d62728"

# The reader's elements, over the theme: "#rrggbb" or a basic colour name (black, red,
# green, yellow, blue, magenta, cyan, gray, dark_gray, light_red, light_green,
# light_yellow, light_blue, light_magenta, light_cyan, white, default). Elements:
# accent (search prompt, key names), heading, highlight (query words), current_match
# (background), selected (background of the selection bar), marker, border,
# border_focused, dim (dates, labels, read articles), error, unique (a passage only one
# outlet has), positive, negative (tone).
[colors]
# selected = "#303446"
# highlight = "light_yellow"

# Keys, by action: a letter ("F"), "ctrl-x", "alt-x", "enter", "esc", "tab", "space",
# "up", "down", "pgup", "pgdn", "home", "end", "f1"…"f12". A key bound here works
# where the action has a key of its own, before the built-in ones. Actions: up, down,
# page_up, page_down, top, bottom, open, back, focus_search, all_outlets, open_outlets,
# open_dates, next_match, prev_match, help, refresh, quit, events, compare, next_column,
# prev_column, fetch, sort, unread, open_link, copy_link, copy_citation.
[keys]
# fetch = "ctrl-f"
"##;

/// Where the file is: `$XDG_CONFIG_HOME/digest/config.toml`.
pub fn path() -> Option<PathBuf> {
    crate::Registries::config_dir().map(|d| d.join("config.toml"))
}

fn bad(path: &Path, reason: String) -> Error {
    Error::BadConfig {
        path: path.to_path_buf(),
        reason,
    }
}

/// Reads and checks the file at `path`; the defaults when there is none.
pub fn load(path: &Path) -> Result<Config> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(bad(path, e.to_string())),
    };
    let config: Config = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let what = e.message().trim().to_string();
        bad(
            path,
            match line {
                Some(l) => format!("line {l}: {what}"),
                None => what,
            },
        )
    })?;
    // "line N: " of `key` in `[table]` ("" for the top level), looked for from the
    // table's header on, so a key is not taken for one of the same name elsewhere.
    let line_of = |table: &str, key: &str| {
        let header = format!("[{table}]");
        let start = match table {
            "" => 0,
            _ => text.lines().position(|l| l.trim() == header).unwrap_or(0),
        };
        text.lines()
            .enumerate()
            .skip(start)
            .find(|(_, l)| l.trim_start().starts_with(key))
            .map_or(String::new(), |(i, _)| format!("line {}: ", i + 1))
    };
    if let Some(t) = &config.theme
        && !["dark", "light", "16", "none"].contains(&t.as_str())
    {
        return Err(bad(
            path,
            format!(
                "{}theme {t:?}: expected dark, light, 16 or none",
                line_of("", "theme")
            ),
        ));
    }
    if config.limit == Some(0) {
        return Err(bad(
            path,
            format!("{}limit must be 1 or more", line_of("", "limit")),
        ));
    }
    for (outlet, color) in &config.outlet_colors {
        if crate::color::parse_hex(color).is_none() {
            return Err(bad(
                path,
                format!(
                    "{}outlet_colors.{outlet} = {color:?}: expected \"#rrggbb\"",
                    line_of("outlet_colors", outlet)
                ),
            ));
        }
    }
    for (element, color) in &config.colors {
        if !theme::ELEMENTS.iter().any(|(n, _)| n == element) {
            let known: Vec<&str> = theme::ELEMENTS.iter().map(|(n, _)| *n).collect();
            return Err(bad(
                path,
                format!(
                    "{}colors.{element}: no such element (there are {})",
                    line_of("colors", element),
                    known.join(", ")
                ),
            ));
        }
        if crate::color::parse(color).is_none() {
            return Err(bad(
                path,
                format!(
                    "{}colors.{element} = {color:?}: expected \"#rrggbb\" or a colour name ({})",
                    line_of("colors", element),
                    crate::color::names().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    config.key_overrides().map_err(|why| bad(path, why))?;
    Ok(config)
}

impl Config {
    /// The configured keys, each with its action.
    pub fn key_overrides(&self) -> std::result::Result<Vec<(Key, Action)>, String> {
        self.keys
            .iter()
            .map(|(name, key)| {
                let action = bindings::NAMED
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, a)| a.clone())
                    .ok_or_else(|| format!("keys.{name}: no such action"))?;
                let key = bindings::parse_key(key)
                    .ok_or_else(|| format!("keys.{name} = {key:?}: not a key digest knows"))?;
                Ok((key, action))
            })
            .collect()
    }

    /// The outlet colours, parsed (checked by [`load`]).
    pub fn outlet_rgb(&self) -> BTreeMap<String, (u8, u8, u8)> {
        self.outlet_colors
            .iter()
            .filter_map(|(o, c)| Some((o.clone(), crate::color::parse_hex(c)?)))
            .collect()
    }

    /// The element colours, parsed (checked by [`load`]).
    pub fn element_colors(&self) -> BTreeMap<String, ratatui::style::Color> {
        self.colors
            .iter()
            .filter_map(|(e, c)| Some((e.clone(), crate::color::parse(c)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        load(&path)
    }

    #[test]
    fn the_default_file_reads_and_a_missing_one_is_the_defaults() {
        let c = load_text(DEFAULT).unwrap();
        assert!(c.index.is_none() && c.keys.is_empty());
        let uncommented = DEFAULT.replace("# limit = 10", "limit = 10");
        assert_eq!(load_text(&uncommented).unwrap().limit, Some(10));
        assert!(
            load(Path::new("/no/such/config.toml"))
                .unwrap()
                .limit
                .is_none()
        );
    }

    #[test]
    fn a_bad_file_is_one_error_naming_the_line() {
        for (text, wanted) in [
            ("limit = 10\ntheme = \"dark\"\nlimt = 3\n", "line 3"),
            ("limit = \"ten\"\n", "line 1"),
            ("theme = \"purple\"\n", "line 1: theme \"purple\""),
            ("[keys]\nfetch = \"ctrl-ü-x\"\n", "keys.fetch"),
            ("[keys]\nfly = \"f\"\n", "keys.fly: no such action"),
            (
                "[outlet_colors]\ntass = \"red\"\n",
                "line 2: outlet_colors.tass",
            ),
            ("limit = 0\n", "limit must be 1 or more"),
            (
                "[keys]\nsort = \"z\"\n[colors]\naccent = \"red\"\nsort = \"blue\"\n",
                "line 5: colors.sort: no such element",
            ),
            (
                "[colors]\nselected = \"#12345\"\n",
                "line 2: colors.selected = \"#12345\": expected",
            ),
        ] {
            let e = load_text(text).unwrap_err().to_string();
            assert!(
                e.contains("config.toml") && e.contains(wanted),
                "{text:?}: {e}"
            );
        }
    }

    #[test]
    fn keys_and_colours_are_read() {
        let c = load_text(
            "[keys]\nfetch = \"ctrl-f\"\nopen_link = \"L\"\n[outlet_colors]\ntass = \"#00ff00\"\n",
        )
        .unwrap();
        let keys = c.key_overrides().unwrap();
        assert!(keys.contains(&(
            Key::Ctrl(ratatui::crossterm::event::KeyCode::Char('f')),
            Action::Fetch
        )));
        assert!(keys.contains(&(
            Key::Plain(ratatui::crossterm::event::KeyCode::Char('L')),
            Action::OpenLink
        )));
        assert_eq!(c.outlet_rgb()["tass"], (0, 255, 0));
        let c =
            load_text("[colors]\nselected = \"#303446\"\nhighlight = \"light_yellow\"\n").unwrap();
        let colors = c.element_colors();
        assert_eq!(
            colors["selected"],
            ratatui::style::Color::Rgb(0x30, 0x34, 0x46)
        );
        assert_eq!(colors["highlight"], ratatui::style::Color::LightYellow);
    }
}
