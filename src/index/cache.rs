//! Derived caches: results computed from the whole corpus (the events, say), kept in the
//! index directory until the next commit.
//!
//! Each cache is one file, `digest-<name>.cache`, whose first line is the index's
//! [`generation`](DigestIndex::generation) when it was written; a cache written before
//! the last commit is not returned. Files are written beside and renamed into place
//! after an fsync, so a reader sees a whole cache or none.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::DigestIndex;
use crate::error::Result;

impl DigestIndex {
    /// Where the derived cache `name` is kept.
    pub fn cache_path(&self, name: &str) -> PathBuf {
        self.path().join(format!("digest-{name}.cache"))
    }

    /// The derived cache `name`, if one was written since the last commit.
    pub fn read_cache(&self, name: &str) -> Option<Vec<u8>> {
        let mut bytes = std::fs::read(self.cache_path(name)).ok()?;
        let generation = self.generation().ok()?;
        let line = bytes.iter().position(|&b| b == b'\n')?;
        if bytes[..line] != *generation.as_bytes() {
            return None;
        }
        bytes.drain(..=line);
        Some(bytes)
    }

    /// Keeps `bytes` as the derived cache `name` until the next commit. A cache that
    /// cannot be written (a read-only directory, a full disk) leaves no file behind.
    pub fn write_cache(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let generation = self.generation()?;
        write_atomically(
            &self.cache_path(name),
            &[generation.as_bytes(), b"\n", bytes],
        )?;
        Ok(())
    }
}

/// Writes `parts` to `path` whole or not at all: into a file beside it, synced, then
/// renamed into place; a failed write leaves no file behind.
pub(crate) fn write_atomically(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(name);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        for part in parts {
            file.write_all(part)?;
        }
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_lasts_until_the_next_commit() {
        let dir = tempfile::tempdir().unwrap();
        let index = DigestIndex::open(dir.path()).unwrap();
        assert_eq!(index.read_cache("test"), None);
        index.write_cache("test", b"first\nsecond").unwrap();
        assert_eq!(
            index.read_cache("test").as_deref(),
            Some(&b"first\nsecond"[..])
        );
        assert_eq!(index.read_cache("other"), None);
        super::super::writer::ingest_bundled(&index).unwrap();
        assert_eq!(index.read_cache("test"), None, "written before the commit");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
