//! Moving a selection and a scroll offset: the arithmetic every list and text shares.

/// A selection moved by `delta` within `0..len` (clamped; `0` when empty).
pub fn step(selected: usize, delta: isize, len: usize) -> usize {
    selected
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// A scroll offset moved by `delta` over `lines` lines shown `height` at a time.
pub fn scroll(offset: usize, delta: isize, lines: usize, height: usize) -> usize {
    offset
        .saturating_add_signed(delta)
        .min(max_scroll(lines, height))
}

/// The largest useful scroll offset: the last screenful.
pub fn max_scroll(lines: usize, height: usize) -> usize {
    lines.saturating_sub(height.max(1))
}

/// The first row shown so that `selected` is visible in `per_page` rows, the selection
/// on the last row once it has moved past the first page.
pub fn offset_showing(selected: usize, per_page: usize) -> usize {
    if selected >= per_page {
        selected + 1 - per_page
    } else {
        0
    }
}

/// Lines the mouse wheel moves.
pub const WHEEL_LINES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_range() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(3, isize::MAX, 5), 4);
        assert_eq!(step(3, 1, 0), 0);
        assert_eq!(scroll(2, 10, 20, 8), 12);
        assert_eq!(scroll(2, -5, 20, 8), 0);
        assert_eq!(offset_showing(9, 4), 6);
        assert_eq!(offset_showing(2, 4), 0);
    }
}
