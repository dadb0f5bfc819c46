//! Colours: the outlet registry's colours plus a small theme.
//!
//! With `NO_COLOR` set (and not empty) the theme is monochrome: no colours at all, and
//! highlights still stand out through bold, underline and reverse video.
//!
//! Colour depth follows the terminal: 24-bit where `COLORTERM` says `truecolor` or
//! `24bit`, the 256-colour palette where `TERM` names it, else the 16 basic colours (the
//! outlets' colours are mapped to the nearest there is). `DIGEST_THEME` chooses by name:
//! `dark` (the default, at the terminal's depth), `light` (for light backgrounds), `16`
//! (basic colours only) or `none`.

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
    /// How many colours the terminal shows.
    pub depth: Depth,
    /// For a light background.
    pub light: bool,
    /// Outlet colours from the configuration, over the registry's.
    custom: Arc<std::collections::BTreeMap<String, (u8, u8, u8)>>,
}

/// How many colours a terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit colour.
    TrueColor,
    /// The xterm 256-colour palette.
    Palette256,
    /// The 16 basic ANSI colours.
    Basic16,
}

/// The 16 basic colours as a terminal commonly shows them, for the nearest match.
const BASIC: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 49, 49)),
    (Color::Green, (13, 188, 121)),
    (Color::Yellow, (229, 229, 16)),
    (Color::Blue, (36, 114, 200)),
    (Color::Magenta, (188, 63, 188)),
    (Color::Cyan, (17, 168, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (102, 102, 102)),
    (Color::LightRed, (241, 76, 76)),
    (Color::LightGreen, (35, 209, 139)),
    (Color::LightYellow, (245, 245, 67)),
    (Color::LightBlue, (59, 142, 234)),
    (Color::LightMagenta, (214, 112, 214)),
    (Color::LightCyan, (41, 184, 219)),
    (Color::White, (255, 255, 255)),
];

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs();
    d(a.0, b.0).pow(2) + d(a.1, b.1).pow(2) + d(a.2, b.2).pow(2)
}

/// The nearest colour of the xterm palette's 6×6×6 cube and grey ramp.
fn palette256(rgb: (u8, u8, u8)) -> Color {
    let steps = [0u8, 95, 135, 175, 215, 255];
    let near = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(steps[i]) - i32::from(v)).unsigned_abs())
            .unwrap_or(0)
    };
    let (r, g, b) = (near(rgb.0), near(rgb.1), near(rgb.2));
    let cube = (steps[r], steps[g], steps[b]);
    let grey_level = ((u32::from(rgb.0) + u32::from(rgb.1) + u32::from(rgb.2)) / 3) as u8;
    let gi = (i32::from(grey_level).saturating_sub(8) / 10).clamp(0, 23) as u8;
    let grey = 8 + gi * 10;
    if distance(rgb, (grey, grey, grey)) < distance(rgb, cube) {
        Color::Indexed(232 + gi)
    } else {
        Color::Indexed(16 + 36 * r as u8 + 6 * g as u8 + b as u8)
    }
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("color", &self.color).finish()
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set and not empty, outlets in their `outlets` colours.
    pub fn detect(outlets: Arc<OutletRegistry>) -> Theme {
        Theme::detect_with(outlets, None)
    }

    /// [`Theme::detect`], with the theme a configuration file names (`DIGEST_THEME` wins).
    pub fn detect_with(outlets: Arc<OutletRegistry>, configured: Option<&str>) -> Theme {
        let var = |k: &str| std::env::var(k).unwrap_or_default().to_ascii_lowercase();
        let depth = if matches!(var("COLORTERM").as_str(), "truecolor" | "24bit") {
            Depth::TrueColor
        } else if var("TERM").contains("256color") {
            Depth::Palette256
        } else {
            Depth::Basic16
        };
        let theme = Theme {
            color: crate::output::color_wanted(),
            outlets,
            depth,
            light: false,
            custom: Default::default(),
        };
        let name = Some(var("DIGEST_THEME"))
            .filter(|t| !t.is_empty())
            .or_else(|| configured.map(str::to_ascii_lowercase))
            .unwrap_or_default();
        match name.as_str() {
            "light" => Theme {
                light: true,
                ..theme
            },
            "16" => Theme {
                depth: Depth::Basic16,
                ..theme
            },
            "none" => Theme {
                color: false,
                ..theme
            },
            _ => theme,
        }
    }

    /// The colourful theme, with the bundled outlets' colours.
    pub fn colored() -> Theme {
        Theme {
            color: true,
            outlets: Registries::bundled().outlets,
            depth: Depth::TrueColor,
            light: false,
            custom: Default::default(),
        }
    }

    /// The same theme with these outlet colours over the registry's.
    pub fn with_outlet_colors(
        mut self,
        colors: std::collections::BTreeMap<String, (u8, u8, u8)>,
    ) -> Theme {
        self.custom = Arc::new(colors);
        self
    }

    fn outlet_rgb(&self, id: &str) -> (u8, u8, u8) {
        self.custom
            .get(id)
            .copied()
            .unwrap_or_else(|| self.outlets.color(id))
    }

    /// The monochrome theme.
    pub fn mono() -> Theme {
        Theme {
            color: false,
            ..Theme::colored()
        }
    }

    /// The theme for light backgrounds.
    pub fn light() -> Theme {
        Theme {
            light: true,
            ..Theme::colored()
        }
    }

    /// The colourful theme in the 16 basic colours.
    pub fn basic16() -> Theme {
        Theme {
            depth: Depth::Basic16,
            ..Theme::colored()
        }
    }

    /// A 24-bit colour as this terminal can show it.
    pub fn rgb(&self, rgb: (u8, u8, u8)) -> Color {
        match self.depth {
            Depth::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
            Depth::Palette256 => palette256(rgb),
            Depth::Basic16 => {
                // Never the background's own colour: on a dark terminal not black, on a
                // light one not white.
                let avoid = if self.light {
                    Color::White
                } else {
                    Color::Black
                };
                BASIC
                    .iter()
                    .filter(|(c, _)| *c != avoid)
                    .min_by_key(|(_, v)| distance(rgb, *v))
                    .map_or(Color::Reset, |(c, _)| *c)
            }
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
        self.fg(self.rgb(self.outlet_rgb(id)))
            .add_modifier(Modifier::BOLD)
    }

    /// A colour swatch for an outlet (a coloured block; a plain one in monochrome).
    pub fn swatch(&self, id: &str) -> Style {
        self.fg(self.rgb(self.outlet_rgb(id)))
    }

    /// Ordinary text.
    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Secondary text: dates, labels, hints.
    pub fn dim(&self) -> Style {
        if self.color {
            let grey = if self.light {
                Color::DarkGray
            } else {
                Color::Gray
            };
            Style::new().fg(grey).add_modifier(Modifier::DIM)
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
            // Yellow is unreadable on white.
            let c = if self.light {
                Color::Magenta
            } else {
                Color::Yellow
            };
            Style::new().fg(c).add_modifier(Modifier::BOLD)
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
        if self.color && self.depth == Depth::Basic16 {
            // No shade to spare: the bar is drawn in reverse video.
            Style::new().add_modifier(Modifier::REVERSED)
        } else if self.color {
            let shade = if self.light {
                (218, 224, 236)
            } else {
                (45, 50, 62)
            };
            Style::new().bg(self.rgb(shade))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_fit_the_terminal_depth() {
        let tass = (214, 39, 40);
        assert_eq!(Theme::colored().rgb(tass), Color::Rgb(214, 39, 40));
        assert_eq!(Theme::basic16().rgb(tass), Color::Red);
        let t = Theme {
            depth: Depth::Palette256,
            ..Theme::colored()
        };
        assert_eq!(t.rgb((0, 0, 0)), Color::Indexed(16));
        assert_eq!(t.rgb((255, 0, 0)), Color::Indexed(196));
        assert_eq!(t.rgb((128, 128, 128)), Color::Indexed(244));
        // A near-black outlet colour never disappears into a dark background.
        assert_ne!(Theme::basic16().rgb((10, 10, 10)), Color::Black);
        assert_eq!(
            Theme::basic16().selected(),
            Style::new().add_modifier(Modifier::REVERSED)
        );
    }
}
