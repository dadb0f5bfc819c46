//! Entities: the actors, programmes and missions news text names in many ways.
//!
//! `data/entities.json` lists each entity's strict equivalents (`forms`: ILRS =
//! International Lunar Research Station = ISLS) and looser ways of referring to it
//! (`references`: Beijing for China). Forms expand searches; forms and references both
//! count when comparing how outlets name things, and an entity may count as naming
//! another (`counts_as`: the Chinese Communist Party as a way of naming China). Matching
//! runs on analysed terms, so case, dashes, apostrophes and inflection do not matter.

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
    /// For naming: uses of this entity count as naming that entity (an id). An outlet
    /// that writes "Chinese Communist Party" where others write "China" is naming China;
    /// searches still expand this entity's own forms only.
    #[serde(default)]
    pub counts_as: Option<String>,
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
    /// Parses an entities file (`{"entities": [...]}`) and checks it with
    /// [`validate`](Self::validate).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        let file: EntityFile = serde_json::from_str(json)?;
        let registry = Self::new(file.entities);
        registry
            .validate()
            .map_err(<serde_json::Error as serde::de::Error>::custom)?;
        Ok(registry)
    }

    /// Checks what the types cannot: every `counts_as` names another existing entity
    /// that does not itself count as a third (one level, so no chains or cycles).
    pub fn validate(&self) -> Result<(), String> {
        for e in &self.entities {
            let Some(target) = &e.counts_as else { continue };
            if target == &e.id {
                return Err(format!("entity {}: counts_as names itself", e.id));
            }
            match self.get(target) {
                None => {
                    return Err(format!(
                        "entity {}: counts_as names unknown entity {target:?}",
                        e.id
                    ));
                }
                Some(t) if t.counts_as.is_some() => {
                    return Err(format!(
                        "entity {}: counts_as names {target}, which itself counts as another",
                        e.id
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
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

    /// The index of the entity whose naming a use of entity `entity` counts as: its
    /// `counts_as` target, or itself.
    pub fn counted_as(&self, entity: usize) -> usize {
        self.entities
            .get(entity)
            .and_then(|e| e.counts_as.as_deref())
            .and_then(|id| self.entities.iter().position(|t| t.id == id))
            .unwrap_or(entity)
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

    #[test]
    fn counts_as_must_name_an_existing_entity() {
        let ok = EntityRegistry::from_json(
            r#"{"entities":[
              {"id":"china","name":"China","kind":"country","forms":["China"]},
              {"id":"ccp","name":"CCP","kind":"organisation","forms":["CCP"],"counts_as":"china"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(ok.counted_as(1), 0, "ccp counts as china");
        assert_eq!(ok.counted_as(0), 0, "china counts as itself");
        assert_eq!(ok.counted_as(99), 99, "out of range is left alone");

        let unknown = EntityRegistry::from_json(
            r#"{"entities":[
              {"id":"ccp","name":"CCP","kind":"organisation","forms":["CCP"],"counts_as":"chnia"}
            ]}"#,
        );
        let err = unknown
            .err()
            .expect("a typo in counts_as is refused")
            .to_string();
        assert!(err.contains("chnia"), "{err}");

        let chained = EntityRegistry::from_json(
            r#"{"entities":[
              {"id":"a","name":"A","kind":"concept","forms":["Aa"],"counts_as":"b"},
              {"id":"b","name":"B","kind":"concept","forms":["Bb"],"counts_as":"a"}
            ]}"#,
        );
        assert!(chained.is_err(), "chains and cycles are refused");

        let bundled = crate::bundled::entities();
        let ccp = bundled.entities.iter().position(|e| e.id == "ccp").unwrap();
        assert_eq!(bundled.entities[bundled.counted_as(ccp)].id, "china");
        assert!(bundled.validate().is_ok());
    }
}
