//! The one key table: every key of the reader, where it works, what it does, and the
//! short hint shown for it in a status line.
//!
//! [`map`] reads keys through this table, [`help_lines`] draws the `?` pop-up from it,
//! [`hints`] gives each screen its hint bar, and [`markdown`] writes the README's key
//! table — so the keys, the help, the hints and the documentation cannot drift apart.
//! A row lists its keys in groups (shown two spaces apart); a key marked hidden works but
//! is left out of the help to keep it short (alternative spellings of a listed key).
//!
//! Modifiers: a plain key does not fire with Ctrl held on the screens where single
//! letters are commands (the list, the reader, the framing views); in text fields Ctrl
//! and Alt on a non-character key (Ctrl-←) are ignored; Shift is always ignored, since
//! terminals report it inconsistently (`G` arrives as Shift-g or as `G`).

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::action::Action;
use super::ui::rich::{self, Run, RunLine};
use super::ui::theme::Theme;

/// Where a key is pressed: a screen, a pop-up or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Everywhere, before anything else.
    Anywhere,
    /// The search line has focus.
    Search,
    /// The result list has focus.
    List,
    /// An article is open.
    Reader,
    /// The events list.
    Events,
    /// The comparison.
    Compare,
    /// The outlet picker pop-up.
    Outlets,
    /// The date prompt pop-up.
    Dates,
    /// The key help pop-up.
    Help,
}

impl Place {
    /// The heading of the place in the help and the README.
    pub fn title(self) -> &'static str {
        match self {
            Place::Anywhere => "Anywhere",
            Place::Search => "Search line",
            Place::List => "List",
            Place::Reader => "Reader",
            Place::Events => "Events",
            Place::Compare => "Comparison",
            Place::Outlets => "Outlet picker",
            Place::Dates => "Date prompt",
            Place::Help => "Help",
        }
    }

    /// Whether single letters are commands here (so Ctrl turns them off).
    fn commands(self) -> bool {
        matches!(
            self,
            Place::List | Place::Reader | Place::Events | Place::Compare
        )
    }

    /// Whether text is typed here (pastes go in).
    pub fn takes_text(self) -> bool {
        matches!(self, Place::Search | Place::Dates)
    }
}

/// A key, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key pressed without Ctrl (see the module notes for text fields).
    Plain(KeyCode),
    /// A key pressed with Ctrl: `Ctrl('n')` is Ctrl-N.
    Ctrl(KeyCode),
    /// A key pressed with Alt.
    Alt(KeyCode),
    /// Any of the digits 1–9; the action is given the digit's position (0 for `1`).
    Digits,
    /// The mouse wheel: up and down give [`Action::ScrollUp`] and [`Action::ScrollDown`].
    Wheel,
    /// Any character typed without Ctrl or Alt, inserted with [`Action::Input`]; shown as
    /// the text given.
    Typing(&'static str),
}

/// One key of a row and the action it gives.
#[derive(Debug, Clone)]
pub struct Bind {
    /// The key.
    pub key: Key,
    /// What it does (for [`Key::Digits`], the action for `1`).
    pub action: Action,
    /// Works, but left out of the help.
    pub hidden: bool,
}

/// A status line or border that shows key hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    /// The list screen's status line while typing in the search line.
    Search,
    /// The list screen's status line with the list focused.
    List,
    /// The preview's border.
    Preview,
    /// The reader's status line.
    Reader,
    /// The events list's status line.
    Events,
    /// The event preview's border.
    EventPreview,
    /// The comparison's status line.
    Compare,
    /// The outlet picker's border.
    Outlets,
    /// The date prompt's border.
    Dates,
    /// The help pop-up's border.
    Help,
}

/// A short hint for a row, shown in a bar.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    /// The bar it is shown in.
    pub bar: Bar,
    /// The keys, short (`j/k`).
    pub keys: &'static str,
    /// What they do, in a word or two.
    pub what: &'static str,
    /// Position in the bar, left to right.
    pub order: u8,
    /// When the bar is too narrow, hints with the lowest rank go first.
    pub rank: u8,
}

/// One row of the table: a place, its keys, what they do.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where the keys work.
    pub place: Place,
    /// The keys, in groups.
    pub keys: &'static [&'static [Bind]],
    /// What they do, as the help says it.
    pub does: &'static str,
    /// Hints for this row in status lines and borders.
    pub hints: &'static [Hint],
}

use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};

const fn b(key: Key, action: Action) -> Bind {
    Bind {
        key,
        action,
        hidden: false,
    }
}

const fn hidden(key: Key, action: Action) -> Bind {
    Bind {
        key,
        action,
        hidden: true,
    }
}

const fn p(c: char) -> Key {
    Key::Plain(Char(c))
}

const fn ctrl(c: char) -> Key {
    Key::Ctrl(Char(c))
}

const fn hint(bar: Bar, keys: &'static str, what: &'static str, order: u8, rank: u8) -> Hint {
    Hint {
        bar,
        keys,
        what,
        order,
        rank,
    }
}

/// A row as a struct literal: the key groups are then borrowed for the whole program
/// (through a function call they would be temporaries).
macro_rules! row {
    ($place:expr, $keys:expr, $does:expr, $hints:expr $(,)?) => {
        Binding {
            place: $place,
            keys: $keys,
            does: $does,
            hints: $hints,
        }
    };
}

use Action as A;
use Key::{Digits, Plain, Typing, Wheel};
use Place::{Anywhere, Compare, Dates, Events, Help, List, Outlets, Reader, Search};

/// Scrolling a list or text: `j k  ↓ ↑  Ctrl-N Ctrl-P  wheel`.
const MOVE: &[&[Bind]] = &[
    &[b(p('j'), A::Down), b(p('k'), A::Up)],
    &[b(Plain(Down), A::Down), b(Plain(Up), A::Up)],
    &[b(ctrl('n'), A::Down), b(ctrl('p'), A::Up)],
    &[b(Wheel, A::ScrollDown)],
];

const FIRST_LAST: &[&[Bind]] = &[
    &[b(p('g'), A::Top), b(p('G'), A::Bottom)],
    &[b(Plain(Home), A::Top), b(Plain(End), A::Bottom)],
];

const HELP_KEYS: &[&[Bind]] = &[&[b(p('?'), A::Help)], &[b(Plain(F(1)), A::Help)]];

/// Every key of the reader, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    row!(
        Anywhere,
        &[&[b(ctrl('c'), A::Quit)]],
        "Quit",
        &[hint(Bar::Search, "^C", "quit", 5, 0)],
    ),
    // ------------------------------------------------------------- search line
    row!(
        Search,
        &[&[b(Typing("typing"), A::Input(' '))]],
        "Search as you type: words, \"a phrase\", a OR b, -word, title:, outlet:",
        &[],
    ),
    row!(
        Search,
        &[
            &[b(Plain(Up), A::Up), b(Plain(Down), A::Down)],
            &[b(ctrl('p'), A::Up), b(ctrl('n'), A::Down)],
            &[hidden(Wheel, A::ScrollDown)],
        ],
        "Move the selection",
        &[hint(Bar::Search, "↑↓", "select", 1, 0)],
    ),
    row!(
        Search,
        &[&[b(Plain(PageUp), A::PageUp), b(Plain(PageDown), A::PageDown)]],
        "Move the selection a page",
        &[],
    ),
    row!(
        Search,
        &[&[b(Plain(Enter), A::Open)]],
        "Open the selected article",
        &[hint(Bar::Search, "Enter", "open", 2, 0)],
    ),
    row!(
        Search,
        &[
            &[b(Plain(Esc), A::FocusList)],
            &[b(Plain(Tab), A::FocusList)]
        ],
        "Leave the search line for the list",
        &[hint(Bar::Search, "Esc", "list keys", 3, 0)],
    ),
    row!(
        Search,
        &[
            &[
                b(Plain(Left), A::CursorLeft),
                b(Plain(Right), A::CursorRight)
            ],
            &[b(Plain(Home), A::CursorStart), b(Plain(End), A::CursorEnd)],
            &[b(ctrl('a'), A::CursorStart), b(ctrl('e'), A::CursorEnd)],
            &[b(ctrl('b'), A::CursorLeft), b(ctrl('f'), A::CursorRight)],
        ],
        "Move the cursor",
        &[],
    ),
    row!(
        Search,
        &[
            &[
                b(Plain(Backspace), A::Backspace),
                b(Plain(Delete), A::Delete)
            ],
            &[
                b(ctrl('w'), A::DeleteWord),
                b(Key::Alt(Backspace), A::DeleteWord),
                hidden(Key::Ctrl(Backspace), A::DeleteWord),
            ],
            &[b(ctrl('u'), A::Clear)],
        ],
        "Delete a character, a word, everything",
        &[],
    ),
    row!(
        Search,
        &[
            &[b(ctrl('o'), A::OpenOutlets)],
            &[b(ctrl('r'), A::Refresh)],
            &[b(Plain(F(1)), A::Help)],
        ],
        "Outlet picker, re-read the index, help",
        &[hint(Bar::Search, "F1", "help", 4, 0)],
    ),
    // -------------------------------------------------------------------- list
    row!(
        List,
        MOVE,
        "Move the selection",
        &[hint(Bar::List, "j/k", "move", 1, 0)],
    ),
    row!(
        List,
        &[&[b(Plain(PageDown), A::PageDown), b(Plain(PageUp), A::PageUp),]],
        "Move the selection a page",
        &[],
    ),
    row!(List, FIRST_LAST, "First, last result", &[]),
    row!(
        List,
        &[
            &[b(Plain(Enter), A::Open)],
            &[b(p('l'), A::Open)],
            &[b(Plain(Right), A::Open)],
        ],
        "Open the selected article",
        &[
            hint(Bar::List, "Enter", "open", 2, 2),
            hint(Bar::Preview, "Enter", "read", 0, 0),
        ],
    ),
    row!(
        List,
        &[
            &[b(p('/'), A::FocusSearch)],
            &[b(Plain(Tab), A::FocusSearch)]
        ],
        "Back to the search line",
        &[hint(Bar::List, "/", "search", 0, 7)],
    ),
    row!(
        List,
        &[&[b(Digits, A::ToggleOutlet(0))]],
        "Toggle an outlet (numbered as in the picker)",
        &[hint(Bar::List, "1-9 o", "outlets", 3, 3)],
    ),
    row!(
        List,
        &[&[b(p('a'), A::AllOutlets)]],
        "All outlets: drop the outlet filter",
        &[],
    ),
    row!(
        List,
        &[
            &[b(p('o'), A::OpenOutlets)],
            &[b(ctrl('o'), A::OpenOutlets)]
        ],
        "Outlet picker",
        &[],
    ),
    row!(
        List,
        &[&[b(p('d'), A::OpenDates)]],
        "Date filter: YYYY-MM-DD..YYYY-MM-DD",
        &[hint(Bar::List, "d", "dates", 4, 1)],
    ),
    row!(
        List,
        &[&[b(p('r'), A::Refresh)], &[b(ctrl('r'), A::Refresh)]],
        "Re-read the index and search again",
        &[],
    ),
    row!(
        List,
        &[&[b(p('O'), A::OpenLink)]],
        "Open the selected article's link in the browser ($BROWSER; http and https only)",
        &[],
    ),
    row!(
        List,
        &[&[b(p('y'), A::CopyLink)], &[b(p('Y'), A::CopyCitation)]],
        "Copy the link; copy a citation (outlet, title, date, link)",
        &[],
    ),
    row!(
        List,
        &[&[b(p('u'), A::ToggleUnread)]],
        "Unread only, or all again (read articles are dimmed; the picker counts unread)",
        &[hint(Bar::List, "u", "unread", 6, 1)],
    ),
    row!(
        List,
        &[&[b(p('s'), A::ToggleSort)]],
        "Sort the results by relevance or newest first (an empty search lists the newest)",
        &[hint(Bar::List, "s", "sort", 6, 1)],
    ),
    row!(
        List,
        &[&[b(p('F'), A::Fetch)]],
        "Fetch every subscribed feed in the background (articles that arrived since the last visit are marked new)",
        &[hint(Bar::List, "F", "fetch", 7, 1)],
    ),
    row!(
        List,
        &[&[b(p('e'), A::OpenEvents)]],
        "Events: happenings two or more outlets report, within the filters",
        &[hint(Bar::List, "e", "events", 5, 5)],
    ),
    row!(
        List,
        &[&[b(p('c'), A::OpenCompare)]],
        "Compare the outlets on the query, within the outlet/date filters",
        &[hint(Bar::List, "c", "compare", 6, 4)],
    ),
    row!(
        List,
        HELP_KEYS,
        "This help",
        &[hint(Bar::List, "?", "help", 8, 8)],
    ),
    row!(
        List,
        &[&[b(p('q'), A::Quit)]],
        "Quit",
        &[hint(Bar::List, "q", "quit", 9, 6)],
    ),
    // ------------------------------------------------------------------ reader
    row!(
        Reader,
        MOVE,
        "Scroll",
        &[hint(Bar::Reader, "j/k", "scroll", 0, 4)],
    ),
    row!(
        Reader,
        &[
            &[b(Plain(PageDown), A::PageDown), b(Plain(PageUp), A::PageUp),],
            &[b(p(' '), A::PageDown), b(p('b'), A::PageUp)],
            &[b(p('f'), A::PageDown)],
            &[b(ctrl('d'), A::PageDown), b(ctrl('u'), A::PageUp)],
        ],
        "Scroll a page",
        &[],
    ),
    row!(Reader, FIRST_LAST, "Top, bottom", &[]),
    row!(
        Reader,
        &[&[b(p('n'), A::NextMatch), b(p('N'), A::PrevMatch)]],
        "Next, previous match of the query words",
        &[hint(Bar::Reader, "n/N", "match", 1, 3)],
    ),
    row!(
        Reader,
        &[&[b(p('o'), A::OpenLink)], &[hidden(p('O'), A::OpenLink)]],
        "Open the article's link in the browser ($BROWSER; http and https only)",
        &[hint(Bar::Reader, "o", "open link", 2, 1)],
    ),
    row!(
        Reader,
        &[&[b(p('y'), A::CopyLink)], &[b(p('Y'), A::CopyCitation)]],
        "Copy the link; copy a citation (outlet, title, date, link)",
        &[hint(Bar::Reader, "y", "copy link", 3, 0)],
    ),
    row!(
        Reader,
        &[&[b(p('/'), A::FocusSearch)]],
        "Back to the search line",
        &[],
    ),
    row!(
        Reader,
        HELP_KEYS,
        "This help",
        &[hint(Bar::Reader, "?", "help", 5, 2)],
    ),
    row!(
        Reader,
        &[
            &[b(Plain(Esc), A::Back)],
            &[b(p('q'), A::Back)],
            &[b(p('h'), A::Back)],
            &[b(Plain(Left), A::Back)],
            &[b(Plain(Backspace), A::Back)],
        ],
        "Back to the list (or the comparison it was opened from)",
        &[hint(Bar::Reader, "Esc", "back", 4, 5)],
    ),
    // ------------------------------------------------------------------ events
    row!(
        Events,
        MOVE,
        "Move the selection",
        &[hint(Bar::Events, "j/k", "move", 0, 0)],
    ),
    row!(
        Events,
        &[
            &[b(Plain(PageDown), A::PageDown), b(Plain(PageUp), A::PageUp),],
            &[b(p('g'), A::Top), b(p('G'), A::Bottom)],
            &[b(Plain(Home), A::Top), b(Plain(End), A::Bottom)],
        ],
        "Move a page, first, last event",
        &[],
    ),
    row!(
        Events,
        &[
            &[b(Plain(Enter), A::Open)],
            &[b(p('l'), A::Open)],
            &[b(Plain(Right), A::Open)],
        ],
        "Compare the outlets on the selected event",
        &[
            hint(Bar::Events, "Enter", "compare", 1, 0),
            hint(Bar::EventPreview, "Enter", "compare", 0, 0),
        ],
    ),
    row!(
        Events,
        &[&[b(p('r'), A::Refresh)], &[b(ctrl('r'), A::Refresh)]],
        "Re-read the index and find the events again",
        &[],
    ),
    row!(
        Events,
        &[&[b(p('/'), A::FocusSearch)]],
        "Back to the search line",
        &[],
    ),
    row!(
        Events,
        HELP_KEYS,
        "This help",
        &[hint(Bar::Events, "?", "help", 3, 0)],
    ),
    row!(
        Events,
        &[
            &[b(Plain(Esc), A::Back)],
            &[b(p('q'), A::Back)],
            &[b(p('h'), A::Back)],
            &[b(Plain(Left), A::Back)],
            &[b(Plain(Backspace), A::Back)],
        ],
        "Back to the list",
        &[hint(Bar::Events, "Esc", "back", 2, 0)],
    ),
    // -------------------------------------------------------------- comparison
    row!(
        Compare,
        &[
            &[b(Plain(Tab), A::NextColumn)],
            &[b(p('l'), A::NextColumn)],
            &[b(Plain(Right), A::NextColumn)],
        ],
        "Next outlet column (they scroll sideways, or stack on narrow terminals)",
        &[hint(Bar::Compare, "Tab", "column", 0, 0)],
    ),
    row!(
        Compare,
        &[
            &[b(Plain(BackTab), A::PrevColumn)],
            &[b(p('h'), A::PrevColumn)],
            &[b(Plain(Left), A::PrevColumn)],
        ],
        "Previous outlet column",
        &[],
    ),
    row!(
        Compare,
        &[
            &[b(p('j'), A::Down), b(p('k'), A::Up)],
            &[b(Plain(Down), A::Down), b(Plain(Up), A::Up)],
            &[b(ctrl('n'), A::Down), b(ctrl('p'), A::Up)],
        ],
        "Select the next, previous passage of the column",
        &[hint(Bar::Compare, "j/k", "passage", 1, 0)],
    ),
    row!(
        Compare,
        &[
            &[b(Plain(PageDown), A::PageDown), b(Plain(PageUp), A::PageUp),],
            &[b(p(' '), A::PageDown), b(p('b'), A::PageUp)],
            &[b(ctrl('d'), A::PageDown), b(ctrl('u'), A::PageUp)],
            &[b(Wheel, A::ScrollDown)],
        ],
        "Scroll the column",
        &[],
    ),
    row!(Compare, FIRST_LAST, "First passage, end of the column", &[]),
    row!(
        Compare,
        &[&[b(Plain(Enter), A::Open)]],
        "Read the article at the selected passage (Esc comes back here)",
        &[hint(Bar::Compare, "Enter", "read", 2, 0)],
    ),
    row!(
        Compare,
        &[&[b(p('r'), A::Refresh)], &[b(ctrl('r'), A::Refresh)]],
        "Re-read the index and compare again",
        &[],
    ),
    row!(
        Compare,
        &[&[b(p('/'), A::FocusSearch)]],
        "Back to the search line",
        &[],
    ),
    row!(
        Compare,
        HELP_KEYS,
        "This help",
        &[hint(Bar::Compare, "?", "help", 4, 0)],
    ),
    row!(
        Compare,
        &[
            &[b(Plain(Esc), A::Back)],
            &[b(p('q'), A::Back)],
            &[b(Plain(Backspace), A::Back)],
        ],
        "Back to the events or the list",
        &[hint(Bar::Compare, "Esc", "back", 3, 0)],
    ),
    // ----------------------------------------------------------- outlet picker
    row!(
        Outlets,
        &[
            &[b(p('j'), A::Down), b(p('k'), A::Up)],
            &[b(Plain(Down), A::Down), b(Plain(Up), A::Up)],
            &[b(Wheel, A::ScrollDown)],
        ],
        "Move",
        &[],
    ),
    row!(Outlets, FIRST_LAST, "First, last outlet", &[]),
    row!(
        Outlets,
        &[
            &[b(p(' '), A::ToggleCurrent)],
            &[b(Plain(Enter), A::ToggleCurrent)],
            &[b(p('x'), A::ToggleCurrent)],
        ],
        "Toggle the outlet",
        &[hint(Bar::Outlets, "Space", "toggle", 0, 0)],
    ),
    row!(
        Outlets,
        &[&[b(Digits, A::ToggleOutlet(0))]],
        "Toggle that outlet",
        &[],
    ),
    row!(
        Outlets,
        &[&[b(p('a'), A::AllOutlets)]],
        "All outlets",
        &[hint(Bar::Outlets, "a", "all", 1, 0)],
    ),
    row!(
        Outlets,
        &[
            &[b(Plain(Esc), A::Back)],
            &[b(p('q'), A::Back)],
            &[b(p('o'), A::Back)],
        ],
        "Close",
        &[hint(Bar::Outlets, "Esc", "close", 2, 0)],
    ),
    // ------------------------------------------------------------- date prompt
    row!(
        Dates,
        &[&[b(Typing("YYYY-MM-DD..YYYY-MM-DD"), A::Input(' '))]],
        "Since..until; either side may be left out, one date is that day, empty clears",
        &[],
    ),
    row!(
        Dates,
        &[
            &[
                b(Plain(Left), A::CursorLeft),
                b(Plain(Right), A::CursorRight)
            ],
            &[b(Plain(Home), A::CursorStart), b(Plain(End), A::CursorEnd)],
            &[
                b(Plain(Backspace), A::Backspace),
                hidden(Plain(Delete), A::Delete),
            ],
            &[
                b(ctrl('w'), A::DeleteWord),
                hidden(Key::Alt(Backspace), A::DeleteWord),
                hidden(Key::Ctrl(Backspace), A::DeleteWord),
            ],
            &[
                b(ctrl('u'), A::Clear),
                hidden(ctrl('a'), A::CursorStart),
                hidden(ctrl('e'), A::CursorEnd),
                hidden(ctrl('b'), A::CursorLeft),
                hidden(ctrl('f'), A::CursorRight),
            ],
        ],
        "Edit",
        &[],
    ),
    row!(
        Dates,
        &[&[b(Plain(Enter), A::Submit)]],
        "Apply",
        &[hint(Bar::Dates, "Enter", "apply", 0, 0)],
    ),
    row!(
        Dates,
        &[&[b(Plain(Esc), A::Back)], &[b(p('q'), A::Back)]],
        "Cancel",
        &[hint(Bar::Dates, "Esc", "cancel", 1, 0)],
    ),
    // -------------------------------------------------------------------- help
    row!(
        Help,
        &[
            &[b(p('j'), A::Down), b(p('k'), A::Up)],
            &[b(Plain(Down), A::Down), b(Plain(Up), A::Up)],
            &[b(Plain(PageDown), A::PageDown), b(Plain(PageUp), A::PageUp),],
            &[b(p(' '), A::PageDown), b(p('b'), A::PageUp)],
            &[
                b(p('g'), A::Top),
                b(p('G'), A::Bottom),
                hidden(Plain(Home), A::Top),
                hidden(Plain(End), A::Bottom),
            ],
            &[b(Wheel, A::ScrollDown)],
        ],
        "Scroll",
        &[hint(Bar::Help, "j/k", "scroll", 0, 0)],
    ),
    row!(
        Help,
        &[
            &[b(Plain(Esc), A::Back)],
            &[b(p('q'), A::Back)],
            &[b(p('?'), A::Back)],
            &[b(Plain(F(1)), A::Back)],
        ],
        "Close",
        &[hint(Bar::Help, "Esc", "close", 1, 0)],
    ),
];

/// The keys of `place` (and of [`Place::Anywhere`]), in table order.
fn binds(place: Place) -> impl Iterator<Item = &'static Bind> {
    BINDINGS
        .iter()
        .filter(move |r| r.place == place || r.place == Place::Anywhere)
        .flat_map(|r| r.keys.iter().flat_map(|g| g.iter()))
}

/// Whether a table key matches a key press in `place`.
fn fires(key: Key, ev: &KeyEvent, place: Place) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let same = |code: KeyCode| match (code, ev.code) {
        (Char(a), Char(b)) => a.eq_ignore_ascii_case(&b) && (ctrl || a == b),
        (a, b) => a == b,
    };
    match key {
        Key::Ctrl(code) => ctrl && same(code),
        Key::Alt(code) => alt && same(code),
        Plain(code) => {
            let is_char = matches!(code, Char(_));
            same(code)
                && match place {
                    // Letters are commands: Ctrl turns every plain key off.
                    _ if place.commands() => !ctrl,
                    // Text fields: Ctrl on a character is a command of its own.
                    Place::Search | Place::Dates => !(ctrl && is_char),
                    _ => true,
                }
        }
        Digits => matches!(ev.code, Char('1'..='9')) && !(ctrl && place.commands()),
        Wheel => false,
        Typing(_) => matches!(ev.code, Char(_)) && !ctrl && !alt,
    }
}

/// Maps a key press in `place` to an action. Keys with modifiers are looked up before
/// plain ones (Ctrl-Backspace deletes a word; Backspace a character), typing last.
pub fn map(place: Place, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let pass = |want: fn(&Key) -> bool| {
        binds(place)
            .filter(|b| want(&b.key))
            .find(|b| fires(b.key, ev, place))
            .map(|b| match (b.key, &b.action, ev.code) {
                (Digits, Action::ToggleOutlet(_), Char(c)) => {
                    Action::ToggleOutlet(c as usize - '1' as usize)
                }
                (Typing(_), _, Char(c)) => Action::Input(c),
                (_, a, _) => a.clone(),
            })
    };
    pass(|k| matches!(k, Key::Ctrl(_) | Key::Alt(_)))
        .or_else(|| pass(|k| matches!(k, Plain(_) | Digits)))
        .or_else(|| pass(|k| matches!(k, Typing(_))))
}

/// The actions a configuration file may bind to keys, by the names it uses.
pub const NAMED: &[(&str, Action)] = &[
    ("up", Action::Up),
    ("down", Action::Down),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("open", Action::Open),
    ("back", Action::Back),
    ("focus_search", Action::FocusSearch),
    ("all_outlets", Action::AllOutlets),
    ("open_outlets", Action::OpenOutlets),
    ("open_dates", Action::OpenDates),
    ("next_match", Action::NextMatch),
    ("prev_match", Action::PrevMatch),
    ("help", Action::Help),
    ("refresh", Action::Refresh),
    ("quit", Action::Quit),
    ("events", Action::OpenEvents),
    ("compare", Action::OpenCompare),
    ("next_column", Action::NextColumn),
    ("prev_column", Action::PrevColumn),
    ("fetch", Action::Fetch),
    ("sort", Action::ToggleSort),
    ("unread", Action::ToggleUnread),
    ("open_link", Action::OpenLink),
    ("copy_link", Action::CopyLink),
    ("copy_citation", Action::CopyCitation),
];

/// A key as a configuration file writes it: `f`, `F`, `ctrl-o`, `alt-x`, `enter`, `esc`,
/// `tab`, `space`, `backspace`, `up`, `down`, `left`, `right`, `home`, `end`, `pgup`,
/// `pgdn`, `f1`…`f12`.
pub fn parse_key(s: &str) -> Option<Key> {
    let lower = s.to_ascii_lowercase();
    let (wrap, name): (fn(KeyCode) -> Key, &str) = if lower.starts_with("ctrl-") {
        (Key::Ctrl, &s[5..])
    } else if lower.starts_with("alt-") {
        (Key::Alt, &s[4..])
    } else {
        (Plain, s)
    };
    let named = name.to_ascii_lowercase();
    let function = named
        .strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n));
    let code = match named.as_str() {
        "enter" => Enter,
        "esc" | "escape" => Esc,
        "tab" => Tab,
        "space" => Char(' '),
        "backspace" => Backspace,
        "delete" => Delete,
        "up" => Up,
        "down" => Down,
        "left" => Left,
        "right" => Right,
        "home" => Home,
        "end" => End,
        "pgup" | "pageup" => PageUp,
        "pgdn" | "pagedown" => PageDown,
        _ if function.is_some() => F(function?),
        _ => {
            let mut chars = name.chars();
            let c = chars.next()?;
            if chars.next().is_some() || c.is_control() {
                return None;
            }
            Char(c)
        }
    };
    Some(wrap(code))
}

/// [`map`], with the keys a configuration file bound (`overrides`) tried first, each in
/// the places where its action has a key of its own.
pub fn map_with(place: Place, ev: &KeyEvent, overrides: &[(Key, Action)]) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    overrides
        .iter()
        .find(|(key, action)| binds(place).any(|b| &b.action == action) && fires(*key, ev, place))
        .map(|(_, a)| a.clone())
        .or_else(|| map(place, ev))
}

/// [`map_event`], with configured keys (see [`map_with`]).
pub fn map_event_with(place: Place, event: &Event, overrides: &[(Key, Action)]) -> Option<Action> {
    match event {
        Event::Key(key) => map_with(place, key, overrides),
        other => map_event(place, other),
    }
}

/// Maps a terminal event in `place` to an action: keys through the table, the wheel
/// where the table binds it, pastes in text fields, resizes anywhere.
pub fn map_event(place: Place, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => map(place, key),
        Event::Mouse(m) => {
            let wheel = binds(place).any(|b| b.key == Wheel);
            match m.kind {
                MouseEventKind::ScrollUp if wheel => Some(Action::ScrollUp),
                MouseEventKind::ScrollDown if wheel => Some(Action::ScrollDown),
                _ => None,
            }
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(s) if place.takes_text() || place == Place::List => {
            Some(Action::Paste(s.clone()))
        }
        _ => None,
    }
}

/// The name of a key as the help shows it.
fn key_name(key: Key) -> String {
    let code = |c: KeyCode| -> String {
        match c {
            Char(' ') => "Space".into(),
            Char(c) => c.to_string(),
            Up => "↑".into(),
            Down => "↓".into(),
            Left => "←".into(),
            Right => "→".into(),
            PageUp => "PgUp".into(),
            PageDown => "PgDn".into(),
            Home => "Home".into(),
            End => "End".into(),
            Enter => "Enter".into(),
            Esc => "Esc".into(),
            Tab => "Tab".into(),
            BackTab => "Shift-Tab".into(),
            Backspace => "Backspace".into(),
            Delete => "Delete".into(),
            F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        }
    };
    match key {
        Plain(c) => code(c),
        Key::Ctrl(Char(c)) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Ctrl(c) => format!("Ctrl-{}", code(c)),
        Key::Alt(c) => format!("Alt-{}", code(c)),
        Digits => "1 … 9".into(),
        Wheel => "wheel".into(),
        Typing(shown) => shown.into(),
    }
}

/// A row's keys as the help shows them: `j k  ↓ ↑  Ctrl-N Ctrl-P  wheel`.
pub fn keys_text(row: &Binding) -> String {
    row.keys
        .iter()
        .map(|group| {
            group
                .iter()
                .filter(|b| !b.hidden)
                .map(|b| key_name(b.key))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join("  ")
}

/// A row's keys with the keys a configuration file bound to its actions first.
fn with_configured(row: &Binding, configured: &[(Key, Action)]) -> String {
    let own = keys_text(row);
    let extra: Vec<String> = configured
        .iter()
        .filter(|(_, a)| {
            row.keys
                .iter()
                .flat_map(|g| g.iter())
                .any(|b| &b.action == a)
        })
        .map(|(k, _)| key_name(*k))
        .collect();
    if extra.is_empty() {
        own
    } else {
        format!("{}  {own}", extra.join(" "))
    }
}

/// The hints of `bar`, left to right, with their ranks.
pub fn hints(bar: Bar) -> Vec<(&'static str, &'static str, u8)> {
    let mut all: Vec<&Hint> = BINDINGS
        .iter()
        .flat_map(|r| r.hints.iter())
        .filter(|h| h.bar == bar)
        .collect();
    all.sort_by_key(|h| h.order);
    all.into_iter().map(|h| (h.keys, h.what, h.rank)).collect()
}

/// The hints of `bar` as key and text pairs.
pub fn hint_pairs(bar: Bar) -> Vec<(&'static str, &'static str)> {
    hints(bar).into_iter().map(|(k, w, _)| (k, w)).collect()
}

/// The help pop-up's lines for a text column `width` cells wide: a heading per place,
/// then each row's keys and, wrapped beside them, what they do.
pub fn help_lines(theme: &Theme, width: usize, configured: &[(Key, Action)]) -> Vec<RunLine> {
    let rows: Vec<(Place, String, &str)> = BINDINGS
        .iter()
        .map(|r| (r.place, with_configured(r, configured), r.does))
        .collect();
    let widest = rows.iter().map(|r| rich::width(&r.1)).max().unwrap_or(0);
    let column = (widest + 4).min(width / 2).max(4);
    let mut out: Vec<RunLine> = Vec::new();
    let mut place = None;
    for (at, keys, does) in rows {
        if place != Some(at) {
            if !out.is_empty() {
                out.push(Vec::new());
            }
            out.push(vec![Run::new(at.title(), theme.heading())]);
            place = Some(at);
        }
        let keys = Run::new(format!("  {keys}"), theme.accent());
        let kw = rich::width(&keys.text);
        let does = rich::wrap(
            &[Run::new(does, theme.text())],
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

/// The key list as a markdown table, with a note on the comparison's marks: the
/// README's key table.
pub fn markdown() -> String {
    let mut out = String::from("| Where | Keys | Action |\n|---|---|---|\n");
    for row in BINDINGS {
        let keys = keys_text(row)
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
            row.place.title(),
            keys,
            row.does.replace('|', "\\|")
        ));
    }
    out.push_str(
        "\nIn the comparison, ● marks a passage only that outlet has, ○ one other outlets \
         share. `e` and `c` look within the list's outlet and date filters (the views say so \
         when they are set).\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn every_place_maps_its_listed_keys() {
        let none = KeyModifiers::NONE;
        assert_eq!(map(List, &key(Char('j'), none)), Some(A::Down));
        assert_eq!(map(List, &key(Char('3'), none)), Some(A::ToggleOutlet(2)));
        assert_eq!(map(Search, &key(Char('j'), none)), Some(A::Input('j')));
        assert_eq!(
            map(Search, &key(Backspace, KeyModifiers::CONTROL)),
            Some(A::DeleteWord)
        );
        assert_eq!(map(Search, &key(Backspace, none)), Some(A::Backspace));
        assert_eq!(map(List, &key(Char('j'), KeyModifiers::CONTROL)), None);
        assert_eq!(
            map(Reader, &key(Char('c'), KeyModifiers::CONTROL)),
            Some(A::Quit)
        );
        assert_eq!(map(Dates, &key(Char('q'), none)), Some(A::Back));
        assert_eq!(
            map(Search, &key(Char('a'), KeyModifiers::ALT)),
            None,
            "Alt-letters are not typed"
        );
    }

    #[test]
    fn every_row_has_keys_and_words() {
        for r in BINDINGS {
            assert!(!keys_text(r).is_empty(), "{:?}", r.does);
            assert!(!r.does.is_empty());
        }
    }

    #[test]
    fn the_help_shows_configured_keys_first() {
        let configured = [(parse_key("z").unwrap(), A::ToggleSort)];
        let text = |lines: Vec<RunLine>| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.iter().map(|r| r.text.as_str()).collect())
                .collect()
        };
        let theme = Theme::mono();
        let plain = text(help_lines(&theme, 100, &[]));
        let mine = text(help_lines(&theme, 100, &configured));
        let sort = |lines: &[String]| {
            lines
                .iter()
                .find(|l| l.contains("Sort the results"))
                .cloned()
                .unwrap()
        };
        assert!(
            sort(&plain).trim_start().starts_with("s "),
            "{}",
            sort(&plain)
        );
        assert!(
            sort(&mine).trim_start().starts_with("z  s "),
            "{}",
            sort(&mine)
        );
        assert_eq!(plain.len(), mine.len());
    }
}
