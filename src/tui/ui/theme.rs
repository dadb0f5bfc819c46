//! Colours: the outlet registry's colours plus a small theme.
//!
//! With `NO_COLOR` set (and not empty) the theme is monochrome: no colours at all, and
//! highlights still stand out through bold, underline and reverse video.

use std::sync::Arc;

use ratatui::style::{Color, Modifier, Style};

use crate::Registries;
use crate::outlets::OutletRegistry;

/// The styles the views use.
#[derive(Clone)]
pub struct Theme {
    /// Colours on (`false` under `NO_COLOR`).
    pub color: bool,
    /// Where each outlet's colour comes from.
    outlets: Arc<OutletRegistry>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("color", &self.color).finish()
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set and not empty, outlets in their `outlets` colours.
    pub fn detect(outlets: Arc<OutletRegistry>) -> Theme {
        Theme {
            color: crate::output::color_wanted(),
            outlets,
        }
    }

    /// The colourful theme, with the bundled outlets' colours.
    pub fn colored() -> Theme {
        Theme {
            color: true,
            outlets: Registries::bundled().outlets,
        }
    }

    /// The monochrome theme.
    pub fn mono() -> Theme {
        Theme {
            color: false,
            outlets: Registries::bundled().outlets,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// An outlet's name: its registry colour, bold.
    pub fn outlet(&self, id: &str) -> Style {
        let (r, g, b) = self.outlets.color(id);
        self.fg(Color::Rgb(r, g, b)).add_modifier(Modifier::BOLD)
    }

    /// A colour swatch for an outlet (a coloured block; a plain one in monochrome).
    pub fn swatch(&self, id: &str) -> Style {
        let (r, g, b) = self.outlets.color(id);
        self.fg(Color::Rgb(r, g, b))
    }

    /// Ordinary text.
    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Secondary text: dates, labels, hints.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Gray).add_modifier(Modifier::DIM)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Titles.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Section headings in the reader and pop-ups.
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// A query word in a snippet, preview or the reader.
    pub fn highlight(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// The match `n`/`N` moved to.
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The selection bar in the list and pickers.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(45, 50, 62))
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The marker at the left of the selected item.
    pub fn marker(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Borders of the focused pane.
    pub fn border_focused(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Borders of other panes.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Errors (bad query, bad date).
    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// The search prompt and key names in hints.
    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The marker of a passage only one outlet has, in the comparison.
    pub fn unique(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// The marker of a passage other outlets share.
    pub fn shared(&self) -> Style {
        self.dim()
    }

    /// A positive tone score or word.
    pub fn positive(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A negative tone score or word.
    pub fn negative(&self) -> Style {
        self.fg(Color::LightRed)
    }

    /// A positive or negative value's style (neutral is plain text).
    pub fn valence(&self, v: f64) -> Style {
        if v > 0.0 {
            self.positive()
        } else if v < 0.0 {
            self.negative()
        } else {
            self.text()
        }
    }
}
