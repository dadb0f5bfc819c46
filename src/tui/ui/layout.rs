//! Screen geometry, as pure functions of the terminal size.
//!
//! Both the views (to draw) and [`super::app::update`] (to page and to wrap the reader's
//! text) use these, so a page down moves exactly one visible page.

use ratatui::layout::Rect;

/// Below this many columns the screen says "terminal too small".
pub const MIN_WIDTH: u16 = 20;
/// Below this many rows the screen says "terminal too small".
pub const MIN_HEIGHT: u16 = 6;
/// From this many columns on, the preview sits beside the list instead of below it.
pub const WIDE: u16 = 100;
/// Widest the reader's text column gets, for comfortable reading.
pub const READER_MAX_WIDTH: u16 = 96;

/// Whether the terminal is too small to draw anything useful.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The areas of the list screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListAreas {
    /// The search line.
    pub search: Rect,
    /// The result list, with its border.
    pub list: Rect,
    /// The preview, with its border, when there is room and something to preview.
    pub preview: Option<Rect>,
    /// Hits, filters and (when there is no hint row) key hints.
    pub status: Rect,
    /// Key hints, on terminals tall enough for a row of their own.
    pub hints: Option<Rect>,
}

/// Lays out the list screen; `preview` says whether there is something to preview.
pub fn list_areas(area: Rect, preview: bool) -> ListAreas {
    let hints = area.height >= 16;
    let bottom = if hints { 2 } else { 1 };
    let search = Rect::new(area.x, area.y, area.width, 1);
    let status = Rect::new(area.x, area.bottom() - bottom, area.width, 1);
    let hints = hints.then(|| Rect::new(area.x, area.bottom() - 1, area.width, 1));
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1 + bottom),
    );
    let (list, preview) = if !preview {
        (body, None)
    } else if area.width >= WIDE {
        let lw = body.width / 2;
        (
            Rect::new(body.x, body.y, lw, body.height),
            Some(Rect::new(body.x + lw, body.y, body.width - lw, body.height)),
        )
    } else if body.height >= 14 {
        let lh = body.height * 11 / 20;
        (
            Rect::new(body.x, body.y, body.width, lh),
            Some(Rect::new(body.x, body.y + lh, body.width, body.height - lh)),
        )
    } else {
        (body, None)
    };
    ListAreas {
        search,
        list,
        preview,
        status,
        hints,
    }
}

/// Lines of snippet under each result's header line, for a list of this inner height.
pub fn snippet_lines(inner_height: u16) -> usize {
    if inner_height >= 9 { 2 } else { 1 }
}

/// Rows per result and results per page, for a list pane of this outer size.
pub fn list_page(list: Rect) -> (usize, usize) {
    let inner = list.height.saturating_sub(2);
    let item = 1 + snippet_lines(inner);
    (item, (inner as usize / item).max(1))
}

/// The areas of the reader: a header row, the text column and the status row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderAreas {
    /// Outlet and title.
    pub header: Rect,
    /// The scrolling text column (centred, at most [`READER_MAX_WIDTH`] wide).
    pub text: Rect,
    /// Position, match count and key hints.
    pub status: Rect,
}

/// Lays out the reader.
pub fn reader_areas(area: Rect) -> ReaderAreas {
    let header = Rect::new(area.x, area.y, area.width, 1);
    let status = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let tw = area.width.saturating_sub(4).clamp(1, READER_MAX_WIDTH);
    let x = area.x + (area.width - tw.min(area.width)) / 2;
    let text = Rect::new(x, area.y + 1, tw, area.height.saturating_sub(2));
    ReaderAreas {
        header,
        text,
        status,
    }
}

/// A box of at most `w`×`h` centred in `area`. On a terminal with little room to spare
/// the box takes the whole width (or height), rather than leave a sliver of what is
/// behind it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = if area.width.saturating_sub(w) < 6 {
        area.width
    } else {
        w
    };
    let h = if area.height.saturating_sub(h) < 2 {
        area.height
    } else {
        h
    };
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The help pop-up.
pub fn help_box(area: Rect) -> Rect {
    centered(area, 84, area.height)
}

/// The text column inside the help pop-up (inside the border, one cell of padding each
/// side).
pub fn help_text(area: Rect) -> Rect {
    let b = help_box(area);
    Rect::new(
        b.x + 2,
        b.y + 1,
        b.width.saturating_sub(4),
        b.height.saturating_sub(2),
    )
}

/// The outlet picker, for this many outlets.
pub fn outlets_box(area: Rect, outlets: usize) -> Rect {
    centered(area, 56, outlets.min(200) as u16 + 5)
}

/// The date prompt.
pub fn dates_box(area: Rect) -> Rect {
    centered(area, 56, 8)
}

/// Rows per event in the events list.
pub const EVENT_ROWS: usize = 2;

/// Events per page of the events list, for a list pane of this outer size.
pub fn events_page(list: Rect) -> usize {
    (list.height.saturating_sub(2) as usize / EVENT_ROWS).max(1)
}

/// Narrowest an outlet column of the comparison gets; when fewer columns fit than there
/// are outlets, the columns scroll sideways to keep the focused one in view.
pub const COLUMN_MIN: u16 = 36;
/// Below this many terminal columns the comparison stacks: one outlet at a time, the
/// whole width, `Tab` to switch.
pub const STACK_BELOW: u16 = 80;

/// The areas of the comparison screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareAreas {
    /// What is compared (the query or the event's label) and totals.
    pub title: Rect,
    /// Missing outlets and the "◀ n more" / "n more ▶" hints, when there is room.
    pub info: Option<Rect>,
    /// The outlet columns.
    pub columns: Rect,
    /// Focused column and passage, and (when there is no hint row) key hints.
    pub status: Rect,
    /// Key hints, on terminals tall enough for a row of their own.
    pub hints: Option<Rect>,
}

/// Lays out the comparison screen.
pub fn compare_areas(area: Rect) -> CompareAreas {
    let hints = area.height >= 16;
    let info = area.height >= 8;
    let bottom = if hints { 2 } else { 1 };
    let top = if info { 2 } else { 1 };
    let title = Rect::new(area.x, area.y, area.width, area.height.min(1));
    let info = info.then(|| Rect::new(area.x, area.y + 1, area.width, 1));
    let status = Rect::new(
        area.x,
        area.bottom().saturating_sub(bottom),
        area.width,
        area.height.min(1),
    );
    let hints = hints.then(|| Rect::new(area.x, area.bottom() - 1, area.width, 1));
    let columns = Rect::new(
        area.x,
        area.y + top.min(area.height),
        area.width,
        area.height.saturating_sub(top + bottom),
    );
    CompareAreas {
        title,
        info,
        columns,
        status,
        hints,
    }
}

/// How many outlet columns of `outlets` show side by side in `width` cells: one on
/// narrow terminals (stacked), else as many as are at least [`COLUMN_MIN`] wide.
pub fn visible_columns(width: u16, outlets: usize) -> usize {
    if width < STACK_BELOW {
        1
    } else {
        ((width / COLUMN_MIN) as usize).clamp(1, outlets.max(1))
    }
}

/// The rectangles of `visible` columns side by side in `area`, equally wide (the last
/// one takes the cells left over).
pub fn column_rects(area: Rect, visible: usize) -> Vec<Rect> {
    let n = visible.max(1) as u16;
    let w = area.width / n;
    (0..n)
        .map(|i| {
            let x = area.x + i * w;
            let width = if i + 1 == n { area.right() - x } else { w };
            Rect::new(x, area.y, width, area.height)
        })
        .collect()
}

/// Width of a column's text when `visible` columns share `width` cells: inside the
/// border, less a marker cell on the left and a blank one on the right.
pub fn column_text_width(width: u16, visible: usize) -> u16 {
    (width / visible.max(1) as u16).saturating_sub(4).max(1)
}

/// Lines of text a column shows, for the comparison on a terminal of `area`.
pub fn column_text_height(area: Rect) -> usize {
    compare_areas(area).columns.height.saturating_sub(2) as usize
}
