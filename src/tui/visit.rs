//! When the reader was last opened, kept in `reader.json` beside the index (the data
//! directory), so that the articles that arrived since are marked new.
//!
//! The file holds `{"last_visit": SECONDS}` (unix time) and is replaced atomically. A
//! visit is recorded when the reader starts, after the previous one has been read: what
//! arrives while it is open is marked in this visit and the next.

use std::path::{Path, PathBuf};

/// The file beside the index in `index_dir`.
pub fn path(index_dir: &Path) -> PathBuf {
    crate::feeds::data_dir(index_dir).join("reader.json")
}

/// The time of the last visit, if one was recorded (and the file reads).
pub fn last(index_dir: &Path) -> Option<u64> {
    let text = std::fs::read(path(index_dir)).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&text).ok()?;
    v.get("last_visit")?.as_u64()
}

/// Records a visit at `at` (unix seconds).
pub fn record(index_dir: &Path, at: u64) -> std::io::Result<()> {
    let text = serde_json::json!({ "last_visit": at }).to_string() + "\n";
    crate::index::write_atomically(&path(index_dir), &[text.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_is_read_back_and_a_damaged_file_is_no_visit() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        assert_eq!(last(&index), None);
        record(&index, 1_700_000_000).unwrap();
        assert_eq!(last(&index), Some(1_700_000_000));
        std::fs::write(path(&index), "{\"last_visit\": ").unwrap();
        assert_eq!(last(&index), None);
    }
}
