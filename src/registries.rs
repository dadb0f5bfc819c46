//! The registries digest reads articles with: which outlets exist (names, aliases,
//! detection patterns, colours) and which entities the framing signals know.
//!
//! They are one value, built by whoever starts the work (the command line, the reader,
//! a test) and handed down: [`crate::index::DigestIndex`] is opened with them, and
//! ingest, search and framing read them from the index they are given. Nothing below
//! looks up the compiled-in registries on its own, so a user's registries can replace
//! or extend the bundled ones in one place.

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

    /// The registries compiled into digest (`data/outlets.json`, `data/entities.json`).
    pub fn bundled() -> Registries {
        Registries {
            outlets: Arc::clone(crate::bundled::shared_outlets()),
            entities: Arc::clone(crate::bundled::shared_entities()),
        }
    }
}
