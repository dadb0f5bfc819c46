//! Colours as the terminal can show them, for the reader and the shell's output alike.
//!
//! Colour depth follows the terminal: 24-bit where `COLORTERM` says `truecolor` or
//! `24bit`, the xterm 256-colour palette where `TERM` names it, else the 16 basic
//! colours, each colour mapped to the nearest there is. A configuration file writes a
//! colour as `#rrggbb` or by one of the 16 basic names ([`parse`]).

use ratatui::style::Color;

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

/// The 16 basic colours by the names a configuration file uses, as a terminal commonly
/// shows them (for the nearest match).
const BASIC: [(&str, Color, (u8, u8, u8)); 16] = [
    ("black", Color::Black, (0, 0, 0)),
    ("red", Color::Red, (205, 49, 49)),
    ("green", Color::Green, (13, 188, 121)),
    ("yellow", Color::Yellow, (229, 229, 16)),
    ("blue", Color::Blue, (36, 114, 200)),
    ("magenta", Color::Magenta, (188, 63, 188)),
    ("cyan", Color::Cyan, (17, 168, 205)),
    ("gray", Color::Gray, (229, 229, 229)),
    ("dark_gray", Color::DarkGray, (102, 102, 102)),
    ("light_red", Color::LightRed, (241, 76, 76)),
    ("light_green", Color::LightGreen, (35, 209, 139)),
    ("light_yellow", Color::LightYellow, (245, 245, 67)),
    ("light_blue", Color::LightBlue, (59, 142, 234)),
    ("light_magenta", Color::LightMagenta, (214, 112, 214)),
    ("light_cyan", Color::LightCyan, (41, 184, 219)),
    ("white", Color::White, (255, 255, 255)),
];

/// The names [`parse`] takes besides `#rrggbb`, for messages and the default file.
pub fn names() -> impl Iterator<Item = &'static str> {
    BASIC.iter().map(|(n, _, _)| *n).chain(["default"])
}

/// `#rrggbb`, one of the 16 basic colour names (`light_red`, `dark_gray`…) or `default`
/// (the terminal's own colour).
pub fn parse(s: &str) -> Option<Color> {
    let s = s.trim();
    if let Some((r, g, b)) = parse_hex(s) {
        return Some(Color::Rgb(r, g, b));
    }
    let name = s.to_ascii_lowercase().replace(['-', ' '], "_");
    let name = match name.as_str() {
        "grey" => "gray",
        "dark_grey" => "dark_gray",
        n => n,
    };
    if name == "default" {
        return Some(Color::Reset);
    }
    BASIC
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, c, _)| *c)
}

/// `#rrggbb` as red, green, blue.
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#').filter(|h| h.len() == 6)?;
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some(((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

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

impl Depth {
    /// The depth this terminal shows, from `COLORTERM` and `TERM`.
    pub fn detect() -> Depth {
        let var = |k: &str| std::env::var(k).unwrap_or_default().to_ascii_lowercase();
        if matches!(var("COLORTERM").as_str(), "truecolor" | "24bit") {
            Depth::TrueColor
        } else if var("TERM").contains("256color") {
            Depth::Palette256
        } else {
            Depth::Basic16
        }
    }

    /// A 24-bit colour as a terminal of this depth can show it. In 16 colours it is never
    /// the background's own colour: on a dark terminal not black, on a `light` one not
    /// white.
    pub fn fit(self, rgb: (u8, u8, u8), light: bool) -> Color {
        match self {
            Depth::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
            Depth::Palette256 => palette256(rgb),
            Depth::Basic16 => {
                let avoid = if light { Color::White } else { Color::Black };
                BASIC
                    .iter()
                    .filter(|(_, c, _)| *c != avoid)
                    .min_by_key(|(_, _, v)| distance(rgb, *v))
                    .map_or(Color::Reset, |(_, c, _)| *c)
            }
        }
    }

    /// A configured colour at this depth: `#rrggbb` is fitted, a named one kept.
    pub fn fit_color(self, c: Color, light: bool) -> Color {
        match c {
            Color::Rgb(r, g, b) => self.fit((r, g, b), light),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_fit_the_terminal_depth() {
        let tass = (214, 39, 40);
        assert_eq!(Depth::TrueColor.fit(tass, false), Color::Rgb(214, 39, 40));
        assert_eq!(Depth::Basic16.fit(tass, false), Color::Red);
        let t = Depth::Palette256;
        assert_eq!(t.fit((0, 0, 0), false), Color::Indexed(16));
        assert_eq!(t.fit((255, 0, 0), false), Color::Indexed(196));
        assert_eq!(t.fit((128, 128, 128), false), Color::Indexed(244));
        // A near-black colour never disappears into a dark background, nor white into a
        // light one.
        assert_ne!(Depth::Basic16.fit((10, 10, 10), false), Color::Black);
        assert_ne!(Depth::Basic16.fit((250, 250, 250), true), Color::White);
    }

    #[test]
    fn colours_are_written_as_hex_or_by_name() {
        assert_eq!(parse("#00ff80"), Some(Color::Rgb(0, 255, 128)));
        assert_eq!(parse("light-red"), Some(Color::LightRed));
        assert_eq!(parse("Dark Grey"), Some(Color::DarkGray));
        assert_eq!(parse("default"), Some(Color::Reset));
        for bad in ["#0f0", "#gggggg", "purple", ""] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert!(names().all(|n| parse(n).is_some()));
    }
}
