//! The registries digest reads articles with: which outlets exist (names, aliases,
//! detection patterns, colours) and which entities the framing signals know.
//!
//! They are one value, built by whoever starts the work (the command line, the reader,
//! a test) and handed down: [`crate::index::DigestIndex`] is opened with them, and
//! ingest, search and framing read them from the index they are given. Nothing below
//! looks up the compiled-in registries on its own, so a user's registries can replace
//! or extend the bundled ones in one place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::outlets::OutletRegistry;
use crate::text::EntityRegistry;

/// The outlet and entity registries, handed to the index by its opener.
///
/// Shared, not borrowed: the index that holds them moves to worker threads and lives
/// as long as the reader does, and registries merged from a user's files at run time
/// have no `'static` home. Cloning copies two pointers.
#[derive(Clone)]
pub struct Registries {
    /// Outlets: ids, names, aliases, detection patterns, colours.
    pub outlets: Arc<OutletRegistry>,
    /// Entities and their surface forms.
    pub entities: Arc<EntityRegistry>,
}

impl Registries {
    /// Registries made of these two.
    pub fn new(outlets: OutletRegistry, entities: EntityRegistry) -> Registries {
        Registries {
            outlets: Arc::new(outlets),
            entities: Arc::new(entities),
        }
    }

    /// The bundled registries with the user's `outlets.json` and `entities.json` in
    /// `dir` (when there) merged over them: an outlet or entity with a bundled one's id
    /// replaces it, others are added. A file that cannot be read or used is an error
    /// naming it (and the line, for bad JSON).
    pub fn with_user_files(dir: &Path) -> crate::Result<Registries> {
        let bundled = Registries::bundled();
        let read = |name: &str| -> crate::Result<Option<(PathBuf, String)>> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some((path, text))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::Error::Registry {
                    path,
                    reason: e.to_string(),
                }),
            }
        };
        let bad = |path: PathBuf, reason: String| crate::Error::Registry { path, reason };
        let outlets = match read("outlets.json")? {
            Some((path, text)) => Arc::new(
                bundled
                    .outlets
                    .merged(&text)
                    .map_err(|e| bad(path, e.to_string()))?,
            ),
            None => bundled.outlets,
        };
        let entities = match read("entities.json")? {
            Some((path, text)) => Arc::new(
                bundled
                    .entities
                    .merged(&text)
                    .map_err(|e| bad(path, e.to_string()))?,
            ),
            None => bundled.entities,
        };
        Ok(Registries { outlets, entities })
    }

    /// Where a user's registries live: `$XDG_CONFIG_HOME/digest`, usually
    /// `~/.config/digest`.
    pub fn config_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "digest").map(|d| d.config_dir().to_path_buf())
    }

    /// The registries compiled into digest (`data/outlets.json`, `data/entities.json`).
    pub fn bundled() -> Registries {
        Registries {
            outlets: Arc::clone(crate::bundled::shared_outlets()),
            entities: Arc::clone(crate::bundled::shared_entities()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_entities_merge_over_the_bundled_ones() {
        let dir = tempfile::tempdir().unwrap();
        let none = Registries::with_user_files(dir.path()).unwrap();
        let n = none.entities.entities.len();
        std::fs::write(
            dir.path().join("entities.json"),
            r#"{"entities": [{"id": "pravda-ent", "name": "Pravda", "kind": "organisation", "forms": ["Pravda"]}]}"#,
        )
        .unwrap();
        let r = Registries::with_user_files(dir.path()).unwrap();
        assert_eq!(r.entities.entities.len(), n + 1);
        assert!(r.entities.entities.iter().any(|e| e.id == "pravda-ent"));

        std::fs::write(
            dir.path().join("entities.json"),
            "{\"entities\": [\n  {\"id\": 3}\n]}",
        )
        .unwrap();
        let e = Registries::with_user_files(dir.path())
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("entities.json") && e.contains("line 2"), "{e}");
    }
}
