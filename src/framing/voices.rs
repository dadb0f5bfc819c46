//! Voices: who an outlet quotes or cites, with their role when the text gives it.

use super::Voice;
use crate::model::Article;
use crate::text::EntityRegistry;

/// The people, institutions and media quoted or cited in the articles' bodies.
pub fn voices(articles: &[&Article], registry: &EntityRegistry) -> Vec<Voice> {
    let _ = (articles, registry);
    Vec::new()
}
