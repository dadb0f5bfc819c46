//! The ids of articles removed with `digest remove`, kept in the index directory so no
//! later ingest or reindex brings them back (see [`super::remove`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// The file, in the index directory, of the ids of removed articles.
pub const REMOVED: &str = "removed.tsv";

/// The ids of removed articles (id → title), from the file in `dir`; empty when there is
/// none. Lines that do not start with an id are ignored.
pub fn removed_ids(dir: &Path) -> Result<BTreeMap<String, String>> {
    let path = dir.join(REMOVED);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(Error::OpenIndex {
                path: path.clone(),
                reason: e.to_string(),
            });
        }
    };
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (id, title) = l.split_once('\t').unwrap_or((l, ""));
            let id = id.trim();
            (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
                .then(|| (id.to_string(), title.to_string()))
        })
        .collect())
}

/// Writes the removed ids, whole, in place of the file in `dir`.
pub(crate) fn write_removed(dir: &Path, removed: &BTreeMap<String, String>) -> Result<()> {
    let mut text = String::from(
        "# Articles removed with `digest remove`: ingest and reindex skip these ids.\n\
         # Delete a line to let that article be ingested again.\n",
    );
    for (id, title) in removed {
        let title: String = title
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        text.push_str(&format!("{id}\t{title}\n"));
    }
    super::write_atomically(&dir.join(REMOVED), &[text.as_bytes()]).map_err(|e| Error::WriteIndex {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })
}
