//! Keys and the mouse, mapped to [`Action`]s; and the key list shown by `?`.
//!
//! What a key does depends on where the user is: a pop-up takes keys first, then the
//! reader, then the list screen, where the search line takes typing and the list takes
//! single-key commands. Ctrl-C quits from anywhere. From the list, `e` opens the events
//! view and `c` the comparison of the current query; both have keys of their own.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::action::Action;
use super::app::{App, Focus, Popup, View};
use super::rich::{self, Run, RunLine};
use super::theme::Theme;

/// Maps a terminal event to an action, given the state it happens in.
pub fn map_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => map(app, key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(s) => match (&app.popup, app.view) {
            (None, View::List) | (Some(Popup::Dates { .. }), _) => Some(Action::Paste(s.clone())),
            _ => None,
        },
        _ => None,
    }
}

/// Maps a key press to an action, given the state it happens in.
pub fn map(app: &App, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Action::Quit);
    }
    match (&app.popup, app.view) {
        (Some(Popup::Help { .. }), _) => help(key),
        (Some(Popup::Outlets { .. }), _) => outlets(key),
        (Some(Popup::Dates { .. }), _) => dates(key, ctrl),
        (None, View::Reader) => reader(key, ctrl),
        (None, View::Events) => events(key, ctrl),
        (None, View::Compare) => compare(key, ctrl),
        (None, View::List) => match app.focus {
            Focus::Search => search(key, ctrl),
            Focus::List => list(key, ctrl),
        },
    }
}

/// Editing keys shared by the search line and the date prompt.
fn editing(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        Backspace if ctrl || alt => Action::DeleteWord,
        Backspace => Action::Backspace,
        Delete => Action::Delete,
        Left => Action::CursorLeft,
        Right => Action::CursorRight,
        Home => Action::CursorStart,
        End => Action::CursorEnd,
        Char('a') if ctrl => Action::CursorStart,
        Char('e') if ctrl => Action::CursorEnd,
        Char('b') if ctrl => Action::CursorLeft,
        Char('f') if ctrl => Action::CursorRight,
        Char('u') if ctrl => Action::Clear,
        Char('w') if ctrl => Action::DeleteWord,
        Char(c) if !ctrl && !alt => Action::Input(c),
        _ => return None,
    })
}

fn search(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    match key.code {
        Enter => Some(Action::Open),
        Esc | Tab => Some(Action::FocusList),
        Up => Some(Action::Up),
        Down => Some(Action::Down),
        Char('p') if ctrl => Some(Action::Up),
        Char('n') if ctrl => Some(Action::Down),
        PageUp => Some(Action::PageUp),
        PageDown => Some(Action::PageDown),
        F(1) => Some(Action::Help),
        Char('o') if ctrl => Some(Action::OpenOutlets),
        Char('r') if ctrl => Some(Action::Refresh),
        _ => editing(key, ctrl),
    }
}

fn list(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    Some(match key.code {
        Char('p') if ctrl => Action::Up,
        Char('n') if ctrl => Action::Down,
        Char('r') if ctrl => Action::Refresh,
        Char('o') if ctrl => Action::OpenOutlets,
        _ if ctrl => return None,
        Char('j') | Down => Action::Down,
        Char('k') | Up => Action::Up,
        PageDown => Action::PageDown,
        PageUp => Action::PageUp,
        Char('g') | Home => Action::Top,
        Char('G') | End => Action::Bottom,
        Enter | Char('l') | Right => Action::Open,
        Char('/') | Tab => Action::FocusSearch,
        Char(c @ '1'..='9') => Action::ToggleOutlet(c as usize - '1' as usize),
        Char('a') => Action::AllOutlets,
        Char('o') => Action::OpenOutlets,
        Char('d') => Action::OpenDates,
        Char('r') => Action::Refresh,
        Char('?') | F(1) => Action::Help,
        Char('q') => Action::Quit,
        Char('e') => Action::OpenEvents,
        Char('c') => Action::OpenCompare,
        _ => return None,
    })
}

fn reader(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    Some(match key.code {
        Char('d') if ctrl => Action::PageDown,
        Char('u') if ctrl => Action::PageUp,
        Char('n') if ctrl => Action::Down,
        Char('p') if ctrl => Action::Up,
        _ if ctrl => return None,
        Char('j') | Down => Action::Down,
        Char('k') | Up => Action::Up,
        PageDown | Char(' ') | Char('f') => Action::PageDown,
        PageUp | Char('b') => Action::PageUp,
        Char('g') | Home => Action::Top,
        Char('G') | End => Action::Bottom,
        Char('n') => Action::NextMatch,
        Char('N') => Action::PrevMatch,
        Char('/') => Action::FocusSearch,
        Char('?') | F(1) => Action::Help,
        Esc | Char('q') | Char('h') | Left | Backspace => Action::Back,
        _ => return None,
    })
}

fn events(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    Some(match key.code {
        Char('n') if ctrl => Action::Down,
        Char('p') if ctrl => Action::Up,
        Char('r') if ctrl => Action::Refresh,
        _ if ctrl => return None,
        Char('j') | Down => Action::Down,
        Char('k') | Up => Action::Up,
        PageDown => Action::PageDown,
        PageUp => Action::PageUp,
        Char('g') | Home => Action::Top,
        Char('G') | End => Action::Bottom,
        Enter | Char('l') | Right => Action::Open,
        Char('r') => Action::Refresh,
        Char('/') => Action::FocusSearch,
        Char('?') | F(1) => Action::Help,
        Esc | Char('q') | Char('h') | Left | Backspace => Action::Back,
        _ => return None,
    })
}

fn compare(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    Some(match key.code {
        Char('n') if ctrl => Action::Down,
        Char('p') if ctrl => Action::Up,
        Char('d') if ctrl => Action::PageDown,
        Char('u') if ctrl => Action::PageUp,
        Char('r') if ctrl => Action::Refresh,
        _ if ctrl => return None,
        Tab | Char('l') | Right => Action::NextColumn,
        BackTab | Char('h') | Left => Action::PrevColumn,
        Char('j') | Down => Action::Down,
        Char('k') | Up => Action::Up,
        PageDown | Char(' ') => Action::PageDown,
        PageUp | Char('b') => Action::PageUp,
        Char('g') | Home => Action::Top,
        Char('G') | End => Action::Bottom,
        Enter => Action::Open,
        Char('r') => Action::Refresh,
        Char('/') => Action::FocusSearch,
        Char('?') | F(1) => Action::Help,
        Esc | Char('q') | Backspace => Action::Back,
        _ => return None,
    })
}

fn help(key: &KeyEvent) -> Option<Action> {
    use KeyCode::*;
    Some(match key.code {
        Char('j') | Down => Action::Down,
        Char('k') | Up => Action::Up,
        PageDown | Char(' ') => Action::PageDown,
        PageUp | Char('b') => Action::PageUp,
        Char('g') | Home => Action::Top,
        Char('G') | End => Action::Bottom,
        Esc | Char('q') | Char('?') | F(1) => Action::Back,
        _ => return None,
    })
}

fn outlets(key: &KeyEvent) -> Option<Action> {
    use KeyCode::*;
    Some(match key.code {
        Char('j') | Down => Action::Down,
        Char('k') | Up => Action::Up,
        Char('g') | Home => Action::Top,
        Char('G') | End => Action::Bottom,
        Char(' ') | Enter | Char('x') => Action::ToggleCurrent,
        Char(c @ '1'..='9') => Action::ToggleOutlet(c as usize - '1' as usize),
        Char('a') => Action::AllOutlets,
        Esc | Char('q') | Char('o') => Action::Back,
        _ => return None,
    })
}

fn dates(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    use KeyCode::*;
    match key.code {
        Enter => Some(Action::Submit),
        Esc | Char('q') if !ctrl => Some(Action::Back),
        _ => editing(key, ctrl),
    }
}

/// One row of the key list: where, which keys, what they do.
#[derive(Debug, Clone, Copy)]
pub struct KeyHelp {
    /// Where the keys work.
    pub place: &'static str,
    /// The keys.
    pub keys: &'static str,
    /// What they do.
    pub does: &'static str,
}

const fn k(place: &'static str, keys: &'static str, does: &'static str) -> KeyHelp {
    KeyHelp { place, keys, does }
}

/// Every key, as shown by `?` and in `KEYS.md`.
pub const KEY_HELP: &[KeyHelp] = &[
    k("Anywhere", "Ctrl-C", "Quit"),
    k(
        "Search line",
        "typing",
        "Search as you type: words, \"a phrase\", a OR b, -word, title:, outlet:",
    ),
    k("Search line", "↑ ↓  Ctrl-P Ctrl-N", "Move the selection"),
    k("Search line", "PgUp PgDn", "Move the selection a page"),
    k("Search line", "Enter", "Open the selected article"),
    k(
        "Search line",
        "Esc  Tab",
        "Leave the search line for the list",
    ),
    k(
        "Search line",
        "← →  Home End  Ctrl-A Ctrl-E  Ctrl-B Ctrl-F",
        "Move the cursor",
    ),
    k(
        "Search line",
        "Backspace Delete  Ctrl-W Alt-Backspace  Ctrl-U",
        "Delete a character, a word, everything",
    ),
    k(
        "Search line",
        "Ctrl-O  Ctrl-R  F1",
        "Outlet picker, re-read the index, help",
    ),
    k(
        "List",
        "j k  ↓ ↑  Ctrl-N Ctrl-P  wheel",
        "Move the selection",
    ),
    k("List", "PgDn PgUp", "Move the selection a page"),
    k("List", "g G  Home End", "First, last result"),
    k("List", "Enter  l  →", "Open the selected article"),
    k("List", "/  Tab", "Back to the search line"),
    k(
        "List",
        "1 … 9",
        "Toggle an outlet (numbered as in the picker)",
    ),
    k("List", "a", "All outlets: drop the outlet filter"),
    k("List", "o  Ctrl-O", "Outlet picker"),
    k("List", "d", "Date filter: YYYY-MM-DD..YYYY-MM-DD"),
    k("List", "r  Ctrl-R", "Re-read the index and search again"),
    k("List", "e", "Events: happenings two or more outlets report"),
    k(
        "List",
        "c",
        "Compare the outlets on the query (alone: no outlet/date filter)",
    ),
    k("List", "?  F1", "This help"),
    k("List", "q", "Quit"),
    k("Reader", "j k  ↓ ↑  Ctrl-N Ctrl-P  wheel", "Scroll"),
    k(
        "Reader",
        "PgDn PgUp  Space b  f  Ctrl-D Ctrl-U",
        "Scroll a page",
    ),
    k("Reader", "g G  Home End", "Top, bottom"),
    k("Reader", "n N", "Next, previous match of the query words"),
    k("Reader", "/", "Back to the search line"),
    k("Reader", "?  F1", "This help"),
    k(
        "Reader",
        "Esc  q  h  ←  Backspace",
        "Back to the list (or the comparison it was opened from)",
    ),
    k(
        "Events",
        "j k  ↓ ↑  Ctrl-N Ctrl-P  wheel",
        "Move the selection",
    ),
    k(
        "Events",
        "PgDn PgUp  g G  Home End",
        "Move a page, first, last event",
    ),
    k(
        "Events",
        "Enter  l  →",
        "Compare the outlets on the selected event",
    ),
    k(
        "Events",
        "r  Ctrl-R",
        "Re-read the index and find the events again",
    ),
    k("Events", "/", "Back to the search line"),
    k("Events", "?  F1", "This help"),
    k("Events", "Esc  q  h  ←  Backspace", "Back to the list"),
    k(
        "Comparison",
        "Tab  l  →",
        "Next outlet column (they scroll sideways, or stack on narrow terminals)",
    ),
    k("Comparison", "Shift-Tab  h  ←", "Previous outlet column"),
    k(
        "Comparison",
        "j k  ↓ ↑  Ctrl-N Ctrl-P",
        "Select the next, previous passage of the column",
    ),
    k(
        "Comparison",
        "PgDn PgUp  Space b  Ctrl-D Ctrl-U  wheel",
        "Scroll the column",
    ),
    k(
        "Comparison",
        "g G  Home End",
        "First passage, end of the column",
    ),
    k(
        "Comparison",
        "Enter",
        "Read the article at the selected passage (Esc comes back here)",
    ),
    k(
        "Comparison",
        "r  Ctrl-R",
        "Re-read the index and compare again",
    ),
    k("Comparison", "/", "Back to the search line"),
    k("Comparison", "?  F1", "This help"),
    k(
        "Comparison",
        "Esc  q  Backspace",
        "Back to the events or the list",
    ),
    k("Outlet picker", "j k  ↓ ↑  wheel", "Move"),
    k("Outlet picker", "g G  Home End", "First, last outlet"),
    k("Outlet picker", "Space  Enter  x", "Toggle the outlet"),
    k("Outlet picker", "1 … 9", "Toggle that outlet"),
    k("Outlet picker", "a", "All outlets"),
    k("Outlet picker", "Esc  q  o", "Close"),
    k(
        "Date prompt",
        "YYYY-MM-DD..YYYY-MM-DD",
        "Since..until; either side may be left out, one date is that day, empty clears",
    ),
    k(
        "Date prompt",
        "← →  Home End  Backspace  Ctrl-W  Ctrl-U",
        "Edit",
    ),
    k("Date prompt", "Enter", "Apply"),
    k("Date prompt", "Esc  q", "Cancel"),
    k("Help", "j k  ↓ ↑  PgDn PgUp  Space b  g G  wheel", "Scroll"),
    k("Help", "Esc  q  ?  F1", "Close"),
];

/// The help pop-up's lines for a text column `width` cells wide: a heading per place,
/// then each row's keys and, wrapped beside them, what they do.
pub fn help_lines(theme: &Theme, width: usize) -> Vec<RunLine> {
    let widest = KEY_HELP
        .iter()
        .map(|r| rich::width(r.keys))
        .max()
        .unwrap_or(0);
    let column = (widest + 4).min(width / 2).max(4);
    let mut out: Vec<RunLine> = Vec::new();
    let mut place = "";
    for row in KEY_HELP {
        if row.place != place {
            if !out.is_empty() {
                out.push(Vec::new());
            }
            out.push(vec![Run::new(row.place, theme.heading())]);
            place = row.place;
        }
        let keys = Run::new(format!("  {}", row.keys), theme.accent());
        let kw = rich::width(&keys.text);
        let does = rich::wrap(
            &[Run::new(row.does, theme.text())],
            width.saturating_sub(column).max(1),
            usize::MAX,
        );
        let mut first = true;
        if kw + 2 > column {
            out.push(vec![keys.clone()]);
            first = false;
        }
        for l in does {
            let mut line = if first {
                vec![
                    keys.clone(),
                    Run::new(" ".repeat(column - kw), theme.text()),
                ]
            } else {
                vec![Run::new(" ".repeat(column), theme.text())]
            };
            first = false;
            line.extend(l);
            out.push(line);
        }
    }
    out
}

/// The key list as a markdown table (the content of `src/tui/KEYS.md`).
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from src/tui/keys.rs (KEY_HELP); a test keeps the two in step. -->\n\n",
    );
    out.push_str("| Where | Keys | Action |\n|---|---|---|\n");
    for row in KEY_HELP {
        let keys = row
            .keys
            .split("  ")
            .map(|group| {
                let g = group.trim();
                // Words such as "typing" or "wheel" are not keys to press.
                if g.len() > 1 && g.bytes().all(|b| b.is_ascii_lowercase()) {
                    g.to_string()
                } else {
                    format!("`{g}`")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            row.place,
            keys,
            row.does.replace('|', "\\|")
        ));
    }
    out.push_str(
        "\nIn the comparison, ● marks a passage only that outlet has, ○ one other outlets \
         share. `c` compares the articles matching the query alone: the list's outlet and \
         date filters are not applied (the comparison says so when they are set).\n",
    );
    out
}
