//! Entities: the actors, programmes and missions news text names in many ways.
//!
//! `data/entities.json` lists each entity's strict equivalents (`forms`: ILRS =
//! International Lunar Research Station = ISLS) and looser ways of referring to it
//! (`references`: Beijing for China). Forms expand searches; forms and references both
//! count when comparing how outlets name things. Matching runs on analysed terms, so
//! case, dashes, apostrophes and inflection do not matter.

use rustc_hash::FxHashMap;

use serde::Deserialize;

use super::Analyzer;

/// One canonical entity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable id, e.g. `ilrs`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// organisation, person, programme, mission, …
    pub kind: String,
    /// Strict equivalents: any one finds the others.
    pub forms: Vec<String>,
    /// Looser references, counted for naming but never used to expand a search.
    #[serde(default)]
    pub references: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    entities: Vec<Entity>,
}

/// One occurrence of an entity in a token stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMatch {
    /// Index into [`EntityRegistry::entities`].
    pub entity: usize,
    /// Index of the matched surface form: forms first, then references.
    pub form: usize,
    /// First token index of the match.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
}

struct Pattern {
    terms: Vec<String>,
    entity: usize,
    form: usize,
}

/// Finds entity surface forms in analysed token streams.
pub struct EntityMatcher {
    by_first: FxHashMap<String, Vec<Pattern>>,
}

/// All known entities and a matcher over their surface forms.
pub struct EntityRegistry {
    /// The entities, in file order.
    pub entities: Vec<Entity>,
    matcher: EntityMatcher,
}

impl EntityRegistry {
    /// Parses an entities file (`{"entities": [...]}`).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        let file: EntityFile = serde_json::from_str(json)?;
        Ok(Self::new(file.entities))
    }

    /// Builds the registry and its matcher.
    pub fn new(entities: Vec<Entity>) -> Self {
        let mut by_first: FxHashMap<String, Vec<Pattern>> = FxHashMap::default();
        for (entity, e) in entities.iter().enumerate() {
            for (form, text) in e.forms.iter().chain(&e.references).enumerate() {
                let terms = Analyzer.terms(text);
                if let Some(first) = terms.first() {
                    by_first.entry(first.clone()).or_default().push(Pattern {
                        terms,
                        entity,
                        form,
                    });
                }
            }
        }
        for patterns in by_first.values_mut() {
            // Longest first, so "China National Space Administration" beats "China".
            patterns.sort_by_key(|p| std::cmp::Reverse(p.terms.len()));
        }
        Self {
            entities,
            matcher: EntityMatcher { by_first },
        }
    }

    /// The matcher over every form and reference.
    pub fn matcher(&self) -> &EntityMatcher {
        &self.matcher
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Whether a match is one of the entity's strict forms (not a loose reference).
    pub fn is_form(&self, m: &EntityMatch) -> bool {
        m.form < self.entities[m.entity].forms.len()
    }

    /// The surface text of a match's form or reference as written in the registry.
    pub fn form_text(&self, m: &EntityMatch) -> &str {
        let e = &self.entities[m.entity];
        e.forms
            .iter()
            .chain(&e.references)
            .nth(m.form)
            .map_or("", String::as_str)
    }
}

impl EntityMatcher {
    /// Longest, leftmost, non-overlapping matches in a sequence of analysed terms.
    pub fn find<S: AsRef<str>>(&self, terms: &[S]) -> Vec<EntityMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < terms.len() {
            let found = self.by_first.get(terms[i].as_ref()).and_then(|patterns| {
                patterns.iter().find(|p| {
                    p.terms.len() <= terms.len() - i
                        && p.terms
                            .iter()
                            .zip(&terms[i..])
                            .all(|(a, b)| a == b.as_ref())
                })
            });
            match found {
                Some(p) => {
                    out.push(EntityMatch {
                        entity: p.entity,
                        form: p.form,
                        start: i,
                        end: i + p.terms.len(),
                    });
                    i += p.terms.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// A match covering exactly all of `terms`, if any.
    pub fn exact<S: AsRef<str>>(&self, terms: &[S]) -> Option<EntityMatch> {
        let matches = self.find(terms);
        match matches.as_slice() {
            [m] if m.start == 0 && m.end == terms.len() => Some(m.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> EntityRegistry {
        EntityRegistry::from_json(
            r#"{"entities":[
              {"id":"ilrs","name":"International Lunar Research Station","kind":"programme",
               "forms":["International Lunar Research Station","ILRS","international scientific lunar station"]},
              {"id":"china","name":"China","kind":"country","forms":["China"],"references":["Beijing"]},
              {"id":"cnsa","name":"CNSA","kind":"organisation","forms":["China National Space Administration","CNSA"]}
            ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn finds_longest_forms_through_normalisation() {
        let r = registry();
        let terms = Analyzer.terms("The China National Space Administration’s international-scientific lunar stations, said Beijing.");
        let found: Vec<_> = r
            .matcher()
            .find(&terms)
            .iter()
            .map(|m| r.entities[m.entity].id.clone())
            .collect();
        assert_eq!(found, vec!["cnsa", "ilrs", "china"]);
        let beijing = r.matcher().find(&terms).pop().unwrap();
        assert!(!r.is_form(&beijing));
        assert_eq!(r.form_text(&beijing), "Beijing");
    }
}
