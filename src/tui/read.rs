//! The articles the reader has opened ("read"), kept in `read.tsv` beside the index (the
//! data directory), not in it: one `ID<TAB>OUTLET` line per article, replaced whole and
//! atomically after each article opened. The outlet lets the outlet picker count what is
//! left unread without asking the index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file beside the index in `index_dir`.
pub fn path(index_dir: &Path) -> PathBuf {
    crate::feeds::data_dir(index_dir).join("read.tsv")
}

/// Article id → outlet id of every article read; empty when there is no file (or it
/// cannot be read: reading state is a convenience, never a reason not to start).
pub fn load(index_dir: &Path) -> HashMap<String, String> {
    std::fs::read_to_string(path(index_dir))
        .map(|text| {
            text.lines()
                .filter_map(|l| l.split_once('\t'))
                .filter(|(id, _)| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit()))
                .map(|(id, outlet)| (id.to_string(), outlet.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the read articles, sorted (so the file changes only when they do).
pub fn save(index_dir: &Path, read: &HashMap<String, String>) -> std::io::Result<()> {
    let mut lines: Vec<String> = read
        .iter()
        .map(|(id, outlet)| format!("{id}\t{}\n", outlet.replace(['\t', '\n', '\r'], " ")))
        .collect();
    lines.sort();
    crate::index::write_atomically(&path(index_dir), &[lines.concat().as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_articles_are_kept_and_a_damaged_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        assert!(load(&index).is_empty());
        let read = HashMap::from([
            ("afb90dd75ff9dd16".to_string(), "tass".to_string()),
            ("c27cc3f84cde756b".to_string(), "unattributed".to_string()),
        ]);
        save(&index, &read).unwrap();
        assert_eq!(load(&index), read);
        let mut text = std::fs::read_to_string(path(&index)).unwrap();
        text.push_str("not an id\tgt\n\u{1b}[2J\n");
        std::fs::write(path(&index), text).unwrap();
        assert_eq!(load(&index), read);
    }
}
