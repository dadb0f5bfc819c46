//! What the user asks for, as data.
//!
//! Keys, the mouse, pastes and resizes become an [`Action`] through the one key table
//! ([`super::bindings`]); the app applies it to the state with no I/O. What the worker
//! sends back is a different type, [`super::answer::Answer`]: the user cannot ask for
//! search results, only for a search.

/// One thing to do to the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Type a character into the focused text field (search line or date prompt).
    Input(char),
    /// Insert pasted text into the focused text field.
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Empty the focused text field.
    Clear,
    /// Move the text cursor one character left.
    CursorLeft,
    /// Move the text cursor one character right.
    CursorRight,
    /// Move the text cursor to the start of the field.
    CursorStart,
    /// Move the text cursor to the end of the field.
    CursorEnd,
    /// Select the previous item, or scroll up one line.
    Up,
    /// Select the next item, or scroll down one line.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Go to the first item or the top of the text.
    Top,
    /// Go to the last item or the end of the text.
    Bottom,
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// Open the selected article in the reader.
    Open,
    /// Go back one level: close a pop-up, leave the reader, leave the search line.
    Back,
    /// Put the focus on the search line.
    FocusSearch,
    /// Put the focus on the result list.
    FocusList,
    /// Toggle the outlet with this position in the outlet list (0-based).
    ToggleOutlet(usize),
    /// Toggle the outlet under the cursor in the outlet picker.
    ToggleCurrent,
    /// Drop the outlet filter: all outlets.
    AllOutlets,
    /// Open the outlet picker.
    OpenOutlets,
    /// Open the date prompt.
    OpenDates,
    /// Apply the date prompt.
    Submit,
    /// Jump to the next query-word match in the reader.
    NextMatch,
    /// Jump to the previous query-word match in the reader.
    PrevMatch,
    /// Show the key help.
    Help,
    /// Re-read the index (picks up articles ingested meanwhile) and search again.
    Refresh,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Leave digest.
    Quit,
    /// Open the events view (key `e`): happenings two or more outlets report.
    OpenEvents,
    /// Open the comparison of the current search (key `c`): outlets side by side.
    OpenCompare,
    /// Comparison: focus the next outlet column.
    NextColumn,
    /// Comparison: focus the previous outlet column.
    PrevColumn,
    /// Fetch every subscribed feed in the background (key `F`).
    Fetch,
    /// Order a query's results by relevance or newest first (key `s`).
    ToggleSort,
    /// Show only the articles not yet read, or all again (key `u`).
    ToggleUnread,
    /// Open the article's link in the browser.
    OpenLink,
    /// Copy the article's link (OSC 52).
    CopyLink,
    /// Copy a citation of the article: outlet, title, date, link.
    CopyCitation,
}
