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
    /// A bit per [`sketch`] of every first term: a term whose bit is clear starts no
    /// form, and most terms of an article are let go without hashing them in full.
    first_sketches: Box<[u64; SKETCH_WORDS]>,
}

/// Words of [`EntityMatcher::first_sketches`]: 65,536 bits (8 KiB, kept in cache).
const SKETCH_WORDS: usize = 1 << 10;

/// A 16-bit summary of a term from its length and three of its bytes.
#[inline]
fn sketch(term: &str) -> usize {
    let b = term.as_bytes();
    let Some(&last) = b.last() else {
        return 0;
    };
    let mix = (b.len() as u32).wrapping_mul(0x9E37_79B9)
        ^ u32::from(b[0]).wrapping_mul(0x85EB_CA6B)
        ^ u32::from(b[b.len() / 2]).wrapping_mul(0xC2B2_AE35)
        ^ u32::from(last).wrapping_mul(0x27D4_EB2F);
    ((mix ^ mix >> 16) & 0xFFFF) as usize
}

impl EntityMatcher {
    fn new(by_first: FxHashMap<String, Vec<Pattern>>) -> Self {
        let mut first_sketches = Box::new([0u64; SKETCH_WORDS]);
        for first in by_first.keys() {
            let k = sketch(first);
            first_sketches[k / 64] |= 1 << (k % 64);
        }
        EntityMatcher {
            by_first,
            first_sketches,
        }
    }

    /// Whether `term` may start a form (no false "no").
    #[inline]
    fn may_start(&self, term: &str) -> bool {
        let k = sketch(term);
        self.first_sketches[k / 64] & 1 << (k % 64) != 0
    }
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

    /// These entities with `user_json`'s (`{"entities": [...]}`) merged over them: an
    /// entity with the id of one already here replaces it, others are added; the result
    /// is checked with [`validate`](Self::validate).
    pub fn merged(&self, user_json: &str) -> Result<Self, serde_json::Error> {
        let file: EntityFile = serde_json::from_str(user_json)?;
        let mut entities = self.entities.clone();
        for e in file.entities {
            match entities.iter_mut().find(|x| x.id == e.id) {
                Some(x) => *x = e,
                None => entities.push(e),
            }
        }
        let registry = Self::new(entities);
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
            matcher: EntityMatcher::new(by_first),
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
        self.find_with(terms.len(), |i| terms[i].as_ref())
    }

    /// [`find`](Self::find) over `len` terms read through `term`, for callers that hold
    /// their terms in some other form than a slice.
    pub fn find_with<'t>(&self, len: usize, term: impl Fn(usize) -> &'t str) -> Vec<EntityMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < len {
            let first = term(i);
            if !self.may_start(first) {
                i += 1;
                continue;
            }
            let found = self.by_first.get(first).and_then(|patterns| {
                patterns.iter().find(|p| {
                    p.terms.len() <= len - i
                        && p.terms.iter().enumerate().all(|(k, a)| a == term(i + k))
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
    fn every_bundled_form_is_found_in_running_text() {
        let r = crate::bundled::entities();
        let mut checked = 0;
        for (i, e) in r.entities.iter().enumerate() {
            for form in e.forms.iter().chain(&e.references) {
                let terms = Analyzer.terms(&format!("Reported: {form} said so."));
                let found = r.matcher().find(&terms);
                assert!(
                    found.iter().any(|m| m.entity == i || m.end - m.start > 1),
                    "{form:?} of {} not found in {terms:?}",
                    e.id
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked} forms");
    }

    #[test]
    fn terms_that_start_no_form_are_passed_over() {
        let m = registry();
        let m = m.matcher();
        for term in ["the", "station", "lunar", "beijin", "chinas", "x", ""] {
            assert!(m.find(&[term]).is_empty(), "{term:?}");
        }
        // Every first term gets through the sketch.
        for first in m.by_first.keys() {
            assert!(m.may_start(first), "{first:?}");
        }
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
