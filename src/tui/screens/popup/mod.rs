//! The pop-ups drawn over a screen: the key help, the outlet picker and the date prompt.
//! The outlet picker and the date prompt change the list's filters, through effects.

mod draw;

pub use draw::draw;

use super::{Ctx, Effect};
use crate::search::parse_day;
use crate::text::sanitize_inline;
use crate::tui::action::Action;
use crate::tui::bindings;
use crate::tui::input::TextInput;
use crate::tui::scroll::{self, WHEEL_LINES};
use crate::tui::ui::layout;

/// A small window over the current screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    /// The key list, scrolled this many lines.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// The outlet picker with its cursor.
    Outlets {
        /// Row under the cursor.
        cursor: usize,
    },
    /// The date prompt.
    Dates {
        /// What has been typed.
        input: TextInput,
        /// Why the text is not a date range (shown as it is typed, and on Enter).
        error: Option<String>,
    },
}

/// The largest scroll of the help on this screen.
fn help_max_scroll(ctx: &Ctx) -> usize {
    let b = layout::help_text(ctx.area);
    bindings::help_lines(&ctx.theme, b.width as usize, &ctx.keys)
        .len()
        .saturating_sub(b.height as usize)
}

impl Popup {
    /// Keeps scroll and cursor within bounds after the screen or the index changed.
    pub fn clamp(&mut self, ctx: &Ctx) {
        match self {
            Popup::Help { scroll } => *scroll = (*scroll).min(help_max_scroll(ctx)),
            Popup::Outlets { cursor } => {
                *cursor = (*cursor).min(ctx.index.outlets.len().saturating_sub(1))
            }
            Popup::Dates { .. } => {}
        }
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Effect> {
        let outlets = ctx.index.outlets.len();
        match self {
            Popup::Help { scroll } => {
                let max = help_max_scroll(ctx);
                let by = |d: isize| scroll::step(*scroll, d, max + 1);
                *scroll = match action {
                    Action::Up => by(-1),
                    Action::ScrollUp => by(-(WHEEL_LINES as isize)),
                    Action::Down => by(1),
                    Action::ScrollDown => by(WHEEL_LINES as isize),
                    Action::PageUp => by(-10),
                    Action::PageDown => by(10),
                    Action::Top => 0,
                    Action::Bottom => max,
                    Action::Back | Action::Help => return vec![Effect::ClosePopup],
                    _ => *scroll,
                };
            }
            Popup::Outlets { cursor } => match action {
                Action::Up | Action::ScrollUp => *cursor = cursor.saturating_sub(1),
                Action::Down | Action::ScrollDown => *cursor = scroll::step(*cursor, 1, outlets),
                Action::Top | Action::PageUp => *cursor = 0,
                Action::Bottom | Action::PageDown => *cursor = outlets.saturating_sub(1),
                Action::ToggleCurrent => return vec![Effect::ToggleOutlet(*cursor)],
                Action::ToggleOutlet(i) => {
                    *cursor = i.min(outlets.saturating_sub(1));
                    return vec![Effect::ToggleOutlet(i)];
                }
                Action::AllOutlets => return vec![Effect::AllOutlets],
                Action::Back | Action::OpenOutlets => return vec![Effect::ClosePopup],
                _ => {}
            },
            Popup::Dates { input, error } => match action {
                Action::Submit => match parse_dates(&input.text) {
                    Ok((since, until)) => {
                        return vec![Effect::ClosePopup, Effect::SetDates(since, until)];
                    }
                    Err(e) => *error = Some(e),
                },
                Action::Back => return vec![Effect::ClosePopup],
                a => {
                    if input.edit(&a) {
                        *error = typed_error(&input.text);
                    }
                }
            },
        }
        Vec::new()
    }
}

/// Parses the date prompt: `YYYY-MM-DD..YYYY-MM-DD`, either side optional; a single
/// date means that day; empty clears the filter. Days are checked by the same parser
/// as `--since`/`--until`, so a day the calendar lacks (`2021-02-30`) is refused here
/// rather than by the search.
pub fn parse_dates(s: &str) -> Result<(Option<String>, Option<String>), String> {
    let s = s.trim();
    let (since, until) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s, s),
    };
    let check = |d: &str| -> Result<Option<String>, String> {
        if d.is_empty() {
            return Ok(None);
        }
        match parse_day(d) {
            Ok(_) => Ok(Some(d.to_string())),
            Err(_) => Err(format!(
                "{} is not a date: use YYYY-MM-DD",
                sanitize_inline(d)
            )),
        }
    };
    let (since, until) = (check(since)?, check(until)?);
    if let (Some(a), Some(b)) = (&since, &until)
        && a > b
    {
        return Err(format!("{a} is after {b}"));
    }
    Ok((since, until))
}

/// What is wrong with the text typed so far, once there is something to say: a side
/// typed out to its full length that is not a day, or a range that runs backwards.
/// Half-typed dates are not errors yet.
fn typed_error(s: &str) -> Option<String> {
    let sides = match s.trim().split_once("..") {
        Some((a, b)) => vec![a.trim(), b.trim()],
        None => vec![s.trim()],
    };
    if sides
        .iter()
        .all(|d| d.is_empty() || d.chars().count() >= 10)
    {
        parse_dates(s).err()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prompt_accepts_open_ranges() {
        assert_eq!(parse_dates(""), Ok((None, None)));
        assert_eq!(
            parse_dates("2021-01-01.."),
            Ok((Some("2021-01-01".into()), None))
        );
        assert_eq!(
            parse_dates("..2021-12-31"),
            Ok((None, Some("2021-12-31".into())))
        );
        assert_eq!(
            parse_dates("2021-03-09"),
            Ok((Some("2021-03-09".into()), Some("2021-03-09".into())))
        );
        assert!(parse_dates("2021-13-01..").is_err());
        assert!(parse_dates("2021-3-1").is_err());
        assert!(parse_dates("2022-01-01..2021-01-01").is_err());
    }

    #[test]
    fn impossible_days_are_refused_as_typed() {
        assert!(parse_dates("2021-02-30").is_err());
        assert!(parse_dates("2020-02-29").is_ok());
        assert!(typed_error("2021-02-3").is_none(), "half typed");
        assert!(typed_error("2021-02-30").is_some());
        assert!(typed_error("2021-02-28..2021-02-3").is_none());
        assert!(typed_error("2021-02-28..2021-02-31").is_some());
    }
}
