//! Printing for the shell: the same results, as text for people or JSON for scripts.
//!
//! Each command's result has two printers, one in [`human`] and one in [`json`]; the
//! words and numbers that the reader shows too (plurals, a comparison's lag, a tone's
//! label, provenance) come from [`format`], so the shell and the reader say the same.
//! Text output is coloured only when stdout is a terminal and [`color_wanted`] says yes;
//! every string that came from an article passes through the sanitiser first, so an
//! article cannot move the cursor, retitle the window or write the clipboard. JSON
//! output is one document per command with a stable schema (see the README).

pub mod export;
pub mod format;
pub mod human;
pub mod json;

use std::io;

use crossterm::style::Stylize;

pub use format::plural;
pub use human::{
    print_article, print_comparison, print_events, print_hits, print_ingest_report, print_outlets,
    print_reindex_report, render_snippet,
};
pub use json::{
    print_article_json, print_comparison_json, print_events_json, print_hits_json,
    print_outlets_json,
};

use crate::outlets::OutletRegistry;
use crate::text::sanitize_inline;

/// Whether the user lets digest use colour: not when `NO_COLOR` is set and not empty.
/// The one place `NO_COLOR` is read; whether the output is a terminal is the caller's
/// question.
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether to use colour and bold, and the outlet registry that gives each outlet its
/// colour and name.
#[derive(Clone, Copy)]
pub struct Style<'a> {
    /// Colours and attributes on.
    pub color: bool,
    /// How many colours the terminal shows: outlet colours are fitted to it.
    pub depth: crate::color::Depth,
    /// Outlet colours and names.
    pub outlets: &'a OutletRegistry,
}

/// Whether to colour standard output: it is a terminal and [`color_wanted`].
pub fn stdout_color() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && color_wanted()
}

impl Style<'_> {
    fn outlet(&self, id: &str, name: &str) -> String {
        let name = sanitize_inline(name).into_owned();
        if !self.color {
            return name;
        }
        let color = self.depth.fit(self.outlets.color(id), false);
        name.with(ratatui::backend::IntoCrossterm::into_crossterm(color))
            .bold()
            .to_string()
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            s.dim().to_string()
        } else {
            s.to_string()
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }
}
