//! Colours: the outlet registry's colours plus a small theme.
//!
//! With `NO_COLOR` set (and not empty) the theme is monochrome: no colours at all, and
//! highlights still stand out through bold, underline and reverse video.
//!
//! Colour depth follows the terminal ([`Depth::detect`]); every colour is fitted to it.
//! `DIGEST_THEME` chooses by name: `dark` (the default, at the terminal's depth), `light`
//! (for light backgrounds), `16` (basic colours only) or `none`. A configuration file can
//! also set the colour of each element the views draw ([`ELEMENTS`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use ratatui::style::{Color, Modifier, Style};

use crate::Registries;
pub use crate::color::Depth;
use crate::outlets::OutletRegistry;

/// The elements whose colour a configuration file's `[colors]` sets, with what they are.
pub const ELEMENTS: &[(&str, &str)] = &[
    ("accent", "the search prompt and key names in hints"),
    ("heading", "section headings in the reader and pop-ups"),
    ("highlight", "query words in snippets and the reader"),
    ("current_match", "background of the match n/N moved to"),
    ("selected", "background of the selection bar"),
    ("marker", "the mark left of the selected item"),
    ("border", "borders of other panes"),
    ("border_focused", "borders of the focused pane"),
    ("dim", "secondary text: dates, labels, read articles"),
    ("error", "errors"),
    ("unique", "a passage only one outlet has, in comparisons"),
    ("positive", "a positive tone"),
    ("negative", "a negative tone"),
];

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
    /// Element ([`ELEMENTS`]) → colour, from the configuration.
    elements: Arc<BTreeMap<String, Color>>,
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
        let theme = Theme {
            color: crate::output::color_wanted(),
            outlets,
            depth: Depth::detect(),
            light: false,
            elements: Default::default(),
        };
        let name = std::env::var("DIGEST_THEME")
            .ok()
            .filter(|t| !t.is_empty())
            .or_else(|| configured.map(str::to_string))
            .unwrap_or_default()
            .to_ascii_lowercase();
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

    /// The same theme with these element colours (names from [`ELEMENTS`]) over its own.
    pub fn with_elements(mut self, colors: BTreeMap<String, Color>) -> Theme {
        self.elements = Arc::new(colors);
        self
    }

    /// The element's configured colour at this depth, else `default`.
    fn pick(&self, element: &str, default: Color) -> Color {
        self.elements
            .get(element)
            .map_or(default, |c| self.depth.fit_color(*c, self.light))
    }

    /// The colourful theme, with the bundled outlets' colours.
    pub fn colored() -> Theme {
        Theme {
            color: true,
            outlets: Registries::bundled().outlets,
            depth: Depth::TrueColor,
            light: false,
            elements: Default::default(),
        }
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
        self.depth.fit(rgb, self.light)
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
        self.fg(self.rgb(self.outlets.color(id)))
            .add_modifier(Modifier::BOLD)
    }

    /// A colour swatch for an outlet (a coloured block; a plain one in monochrome).
    pub fn swatch(&self, id: &str) -> Style {
        self.fg(self.rgb(self.outlets.color(id)))
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
            Style::new()
                .fg(self.pick("dim", grey))
                .add_modifier(Modifier::DIM)
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
        self.fg(self.pick("heading", Color::Cyan))
            .add_modifier(Modifier::BOLD)
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
            Style::new()
                .fg(self.pick("highlight", c))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// The match `n`/`N` moved to.
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.pick("current_match", Color::Yellow))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The selection bar in the list and pickers.
    pub fn selected(&self) -> Style {
        if let (true, Some(&c)) = (self.color, self.elements.get("selected")) {
            Style::new().bg(self.depth.fit_color(c, self.light))
        } else if self.color && self.depth == Depth::Basic16 {
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
            Style::new()
                .fg(self.pick("marker", Color::Cyan))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Borders of the focused pane.
    pub fn border_focused(&self) -> Style {
        self.fg(self.pick("border_focused", Color::Cyan))
    }

    /// Borders of other panes.
    pub fn border(&self) -> Style {
        self.fg(self.pick("border", Color::DarkGray))
    }

    /// Errors (bad query, bad date).
    pub fn error(&self) -> Style {
        self.fg(self.pick("error", Color::LightRed))
            .add_modifier(Modifier::BOLD)
    }

    /// The search prompt and key names in hints.
    pub fn accent(&self) -> Style {
        self.fg(self.pick("accent", Color::Cyan))
            .add_modifier(Modifier::BOLD)
    }

    /// The marker of a passage only one outlet has, in the comparison.
    pub fn unique(&self) -> Style {
        self.fg(self.pick("unique", Color::Magenta))
            .add_modifier(Modifier::BOLD)
    }

    /// The marker of a passage other outlets share.
    pub fn shared(&self) -> Style {
        self.dim()
    }

    /// A positive tone score or word.
    pub fn positive(&self) -> Style {
        self.fg(self.pick("positive", Color::Green))
    }

    /// A negative tone score or word.
    pub fn negative(&self) -> Style {
        self.fg(self.pick("negative", Color::LightRed))
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
    fn the_16_colour_selection_is_reverse_video() {
        assert_eq!(
            Theme::basic16().selected(),
            Style::new().add_modifier(Modifier::REVERSED)
        );
    }

    #[test]
    fn configured_elements_override_the_theme_at_its_depth() {
        let colors = BTreeMap::from([
            ("accent".to_string(), Color::Rgb(214, 39, 40)),
            ("selected".to_string(), Color::Blue),
        ]);
        let t = Theme::colored().with_elements(colors.clone());
        assert_eq!(t.accent().fg, Some(Color::Rgb(214, 39, 40)));
        assert_eq!(t.selected().bg, Some(Color::Blue));
        assert_eq!(t.border_focused().fg, Some(Color::Cyan), "others unchanged");
        let t = Theme::basic16().with_elements(colors.clone());
        assert_eq!(t.accent().fg, Some(Color::Red), "fitted to 16 colours");
        assert_eq!(t.selected().bg, Some(Color::Blue));
        let t = Theme::mono().with_elements(colors);
        assert_eq!(t.accent().fg, None, "no colour under NO_COLOR");
        assert_eq!(t.selected().bg, None);
    }

    #[test]
    fn every_element_colours_something() {
        let odd = Color::Rgb(1, 2, 3);
        for (name, _) in ELEMENTS {
            let t = Theme::colored().with_elements(BTreeMap::from([(name.to_string(), odd)]));
            let styles = [
                t.dim(),
                t.heading(),
                t.highlight(),
                t.current_match(),
                t.selected(),
                t.marker(),
                t.border_focused(),
                t.border(),
                t.error(),
                t.accent(),
                t.unique(),
                t.positive(),
                t.negative(),
            ];
            let hits = styles
                .iter()
                .filter(|s| s.fg == Some(odd) || s.bg == Some(odd))
                .count();
            assert_eq!(hits, 1, "{name}");
        }
    }
}
