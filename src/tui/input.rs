//! A one-line text field with a cursor: the search line and the date prompt.

use super::action::Action;
use crate::text::sanitize_inline;

/// A one-line text field with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    /// The text.
    pub text: String,
    /// Cursor position: a byte offset on a char boundary.
    pub cursor: usize,
}

impl TextInput {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Whether `action` edits a text field (typing, deleting, moving the cursor).
    pub fn is_edit(action: &Action) -> bool {
        matches!(
            action,
            Action::Input(_)
                | Action::Paste(_)
                | Action::Backspace
                | Action::Delete
                | Action::DeleteWord
                | Action::Clear
                | Action::CursorLeft
                | Action::CursorRight
                | Action::CursorStart
                | Action::CursorEnd
        )
    }

    /// Applies an editing action; `true` when the text changed.
    pub fn edit(&mut self, action: &Action) -> bool {
        let before = self.text.len();
        match action {
            Action::Input(c) => self.insert(c.encode_utf8(&mut [0; 4])),
            Action::Paste(s) => self.insert(&sanitize_inline(s)),
            Action::Backspace => {
                let p = self.prev();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            Action::Delete => {
                let n = self.next();
                self.text.replace_range(self.cursor..n, "");
            }
            Action::DeleteWord => {
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::Clear => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::CursorLeft => self.cursor = self.prev(),
            Action::CursorRight => self.cursor = self.next(),
            Action::CursorStart => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            _ => return false,
        }
        self.text.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_input_edits_by_character() {
        let mut t = TextInput::new("嫦娥 moon");
        assert!(t.edit(&Action::Backspace));
        assert_eq!(t.text, "嫦娥 moo");
        t.edit(&Action::DeleteWord);
        assert_eq!(t.text, "嫦娥 ");
        t.edit(&Action::CursorStart);
        t.edit(&Action::Delete);
        assert_eq!(t.text, "娥 ");
        t.edit(&Action::CursorRight);
        t.edit(&Action::Input('x'));
        assert_eq!(t.text, "娥x ");
    }
}
