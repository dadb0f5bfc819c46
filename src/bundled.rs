//! The bundled corpus and registries, compiled into the binary so digest works from any
//! directory: five articles on Russia–China lunar cooperation, their manifest, the outlet
//! registry and the entity list. Code that reads articles gets the registries handed to
//! it as a [`Registries`](crate::Registries) value; the functions here are for whoever
//! builds that value, and for tests.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::outlets::OutletRegistry;
use crate::text::EntityRegistry;

/// The bundled article files: `(file name, bytes)`, byte for byte as in `data/articles/`.
pub const ARTICLES: &[(&str, &[u8])] = &[
    (
        "000_08e4b753123ab7c5.txt",
        include_bytes!("../data/articles/000_08e4b753123ab7c5.txt"),
    ),
    (
        "001_29d3600a7fae2898.txt",
        include_bytes!("../data/articles/001_29d3600a7fae2898.txt"),
    ),
    (
        "002_a9e59d9380c21298.txt",
        include_bytes!("../data/articles/002_a9e59d9380c21298.txt"),
    ),
    (
        "003_15cac33c2820b134.txt",
        include_bytes!("../data/articles/003_15cac33c2820b134.txt"),
    ),
    (
        "004_12bc2d6dd8c64ff7.txt",
        include_bytes!("../data/articles/004_12bc2d6dd8c64ff7.txt"),
    ),
];

/// Path prefix recorded as the origin of bundled articles.
pub const BUNDLED_PREFIX: &str = "bundled:data/articles/";

const MANIFEST_JSON: &str = include_str!("../data/articles.json");
const OUTLETS_JSON: &str = include_str!("../data/outlets.json");
const ENTITIES_JSON: &str = include_str!("../data/entities.json");

/// What the manifest records about one bundled file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// File name in `data/articles/`.
    pub file: String,
    /// Outlet id.
    pub outlet: String,
    /// Title.
    pub title: String,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub date: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// The site or page the text was found on.
    pub via: Option<String>,
    /// How each value was established.
    #[serde(default)]
    pub provenance: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    articles: Vec<ManifestEntry>,
}

/// The manifest entries of the bundled corpus.
pub fn manifest() -> &'static [ManifestEntry] {
    static M: OnceLock<Vec<ManifestEntry>> = OnceLock::new();
    M.get_or_init(|| {
        serde_json::from_str::<Manifest>(MANIFEST_JSON)
            .expect("data/articles.json is valid (checked by tests)")
            .articles
    })
}

/// The manifest entry for a bundled file name.
pub fn manifest_entry(file: &str) -> Option<&'static ManifestEntry> {
    manifest().iter().find(|e| e.file == file)
}

/// The outlet registry from `data/outlets.json`, shared.
pub(crate) fn shared_outlets() -> &'static Arc<OutletRegistry> {
    static R: OnceLock<Arc<OutletRegistry>> = OnceLock::new();
    R.get_or_init(|| {
        Arc::new(
            OutletRegistry::from_json(OUTLETS_JSON)
                .expect("data/outlets.json is valid (checked by tests)"),
        )
    })
}

/// The entity registry from `data/entities.json`, shared.
pub(crate) fn shared_entities() -> &'static Arc<EntityRegistry> {
    static R: OnceLock<Arc<EntityRegistry>> = OnceLock::new();
    R.get_or_init(|| {
        Arc::new(
            EntityRegistry::from_json(ENTITIES_JSON)
                .expect("data/entities.json is valid (checked by tests)"),
        )
    })
}

/// Document frequencies of a large news corpus (`data/background.tsv`): how many of
/// its articles hold each key in their headline or lead. Event detection smooths the
/// IDF of a small set of articles with them (see `framing::events`).
pub struct Background {
    /// Articles in the corpus.
    pub articles: u32,
    /// Key → articles holding it.
    pub df: rustc_hash::FxHashMap<&'static str, u32>,
}

/// The background document frequencies, parsed once.
pub fn background() -> &'static Background {
    static B: OnceLock<Background> = OnceLock::new();
    B.get_or_init(|| {
        let text = include_str!("../data/background.tsv");
        let mut lines = text.lines().filter(|l| !l.starts_with('#'));
        let articles = lines
            .next()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        let df = lines
            .filter_map(|l| {
                let (k, n) = l.split_once('\t')?;
                Some((k, n.parse().ok()?))
            })
            .collect();
        Background { articles, df }
    })
}

/// The outlet registry from `data/outlets.json`.
pub fn outlets() -> &'static OutletRegistry {
    shared_outlets()
}

/// The entity registry from `data/entities.json`.
pub fn entities() -> &'static EntityRegistry {
    shared_entities()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_table_is_read_whole() {
        let b = background();
        assert!(b.articles > 30_000, "{}", b.articles);
        assert!(b.df.len() > 20_000, "{}", b.df.len());
        // Common words are in nearly every article, names in few.
        assert!(b.df["the"] > b.articles * 9 / 10);
        assert!(b.df.get("n:colin powell").is_some_and(|&n| n < 100));
    }

    #[test]
    fn bundled_data_is_consistent() {
        assert_eq!(manifest().len(), ARTICLES.len());
        for (name, _) in ARTICLES {
            let entry = manifest_entry(name).expect("every bundled file has a manifest entry");
            assert!(
                outlets().resolve(&entry.outlet).is_some(),
                "unknown outlet {}",
                entry.outlet
            );
        }
        outlets().validate().expect("every outlet pattern compiles");
        assert!(entities().get("ilrs").is_some());
    }

    #[test]
    fn bundled_files_match_data_directory() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let compiled: Vec<String> = ARTICLES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, compiled);
    }
}
