//! From a parsed query to a tantivy query.
//!
//! Each word is analysed exactly as article text was, so `Chang’e-4` becomes the phrase
//! `chang'e 4`. A word or a run of adjacent words that is a surface form of a known
//! entity expands to all its forms (`ILRS` also finds *International Lunar Research
//! Station*); a quoted phrase means these words (`"far side"` does not find *dark side*). Text matches in the title count double. Negations are applied
//! inside their own group, so `a AND NOT b` means what it says. The plan also collects
//! the terms to highlight.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::dense::{Word, WordsQuery};
use super::query::{Node, Scope};
use crate::error::{Error, Result};
use crate::index::Fields;
use crate::index::schema::KIND_ARTICLE;
use crate::text::{Analyzer, EntityRegistry};

/// Weight of a title match relative to a body match.
pub const TITLE_BOOST: f32 = 2.0;
/// Weight of a caption match relative to a body match.
pub const CAPTION_BOOST: f32 = 0.5;
/// Weight of the proximity bonus (all query words within a few positions).
pub const PROXIMITY_BOOST: f32 = 1.5;
/// How far apart the words may be for the proximity bonus.
pub const PROXIMITY_SLOP: u32 = 4;

/// A query ready to run, with what to highlight.
pub struct Plan {
    /// The index query.
    pub query: Box<dyn Query>,
    /// The proximity bonus: all words of a plain multi-word query within a few positions
    /// of each other in the body. It is not part of `query`: checking word positions in
    /// every matching article costs more than the rest of the search on a large index, so
    /// the bonus is added to the best matches only (see `search::search`).
    pub proximity: Option<Box<dyn Query>>,
    /// Analysed terms of every positive text leaf (after entity expansion).
    pub terms: Vec<String>,
    /// The same leaves as phrases: each word, quoted phrase and entity form, as a
    /// sequence of analysed terms. Highlights mark whole phrases, so the `of` and `the`
    /// of "far side of the moon" are marked only inside that phrase.
    pub phrases: Vec<Vec<String>>,
    /// The query is one word (or entity form of one word each) in its fields: a plain
    /// disjunction of terms, which tantivy ranks without visiting every match.
    pub disjunction: bool,
}

/// One way a text leaf matches: a form of it in a field, with the field's weight.
struct Alternative {
    field: Field,
    boost: f32,
    form: Vec<String>,
}

/// Builds plans; resolves `outlet:` names with the given function.
pub struct Planner<'a> {
    /// Field handles.
    pub fields: Fields,
    /// Entities for expansion.
    pub entities: &'a EntityRegistry,
    /// Resolves an outlet name to its id.
    pub resolve_outlet: &'a dyn Fn(&str) -> Result<String>,
}

/// Articles from any of the outlets `ids`. It selects without scoring: how rare an
/// outlet is says nothing about relevance.
pub fn outlet_filter(field: Field, ids: &[String]) -> Box<dyn Query> {
    let any = ids
        .iter()
        .map(|id| (Occur::Should, term_q(field, id)))
        .collect();
    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0))
}

fn term_q(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

impl Planner<'_> {
    /// Plans a parsed query.
    pub fn plan(&self, node: &Node) -> Result<Plan> {
        let mut phrases: Vec<Vec<String>> = Vec::new();
        let node = self.merge_entity_runs(node);
        let query = self.build(&node, &mut phrases)?;
        let mut proximity: Option<Box<dyn Query>> = None;
        phrases.sort();
        phrases.dedup();
        let mut terms: Vec<String> = Vec::new();
        for t in phrases.iter().flatten() {
            if !terms.contains(t) {
                terms.push(t.clone());
            }
        }
        // Proximity bonus: all words of a plain multi-word query close together.
        if let Node::And(items) = &node {
            let words: Vec<String> = items
                .iter()
                .filter_map(|n| match n {
                    // Words as typed; an entity's run of words is one alternative.
                    Node::Leaf {
                        scope: Scope::Text,
                        text,
                        phrase: false,
                    } if !text.contains(' ') => Some(Analyzer.terms(text)),
                    _ => None,
                })
                .flatten()
                .collect();
            if words.len() >= 2 {
                let mut phrase = PhraseQuery::new(
                    words
                        .iter()
                        .map(|w| Term::from_field_text(self.fields.body, w))
                        .collect(),
                );
                phrase.set_slop(PROXIMITY_SLOP);
                proximity = Some(Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)));
            }
        }
        terms.sort();
        terms.dedup();
        let disjunction = matches!(
            &node,
            Node::Leaf {
                scope: Scope::Text | Scope::Title,
                ..
            }
        ) && phrases.iter().all(|p| p.len() == 1);
        Ok(Plan {
            query,
            proximity,
            terms,
            phrases,
            disjunction,
        })
    }

    /// Replaces runs of adjacent plain words that spell an entity form with one phrase
    /// leaf, so `International Lunar Research Station` typed bare expands like `ILRS`.
    fn merge_entity_runs(&self, node: &Node) -> Node {
        match node {
            Node::And(items) => {
                let items: Vec<Node> = items.iter().map(|n| self.merge_entity_runs(n)).collect();
                let mut out = Vec::new();
                let mut i = 0;
                while i < items.len() {
                    let mut merged = None;
                    for end in (i + 2..=items.len().min(i + 8)).rev() {
                        let words: Option<Vec<&str>> = items[i..end]
                            .iter()
                            .map(|n| match n {
                                Node::Leaf {
                                    scope: Scope::Text,
                                    text,
                                    phrase: false,
                                } => Some(text.as_str()),
                                _ => None,
                            })
                            .collect();
                        let Some(words) = words else { continue };
                        let text = words.join(" ");
                        if self.entity_forms(&Analyzer.terms(&text)).is_some() {
                            // Not quoted: the run expands to the entity's forms as a
                            // single word would.
                            merged = Some((
                                end,
                                Node::Leaf {
                                    scope: Scope::Text,
                                    text,
                                    phrase: false,
                                },
                            ));
                            break;
                        }
                    }
                    match merged {
                        Some((end, leaf)) => {
                            out.push(leaf);
                            i = end;
                        }
                        None => {
                            out.push(items[i].clone());
                            i += 1;
                        }
                    }
                }
                if out.len() == 1 {
                    out.pop().unwrap_or(Node::And(Vec::new()))
                } else {
                    Node::And(out)
                }
            }
            Node::Or(items) => Node::Or(items.iter().map(|n| self.merge_entity_runs(n)).collect()),
            Node::Not(n) => Node::Not(Box::new(self.merge_entity_runs(n))),
            leaf => leaf.clone(),
        }
    }

    /// All forms (as term lists) of the entity whose form is exactly `terms`.
    fn entity_forms(&self, terms: &[String]) -> Option<Vec<Vec<String>>> {
        let m = self.entities.matcher().exact(terms)?;
        if !self.entities.is_form(&m) {
            return None;
        }
        let forms = self.entities.entities[m.entity]
            .forms
            .iter()
            .map(|f| Analyzer.terms(f))
            .filter(|t| !t.is_empty());
        let mut forms: Vec<Vec<String>> = forms.collect();
        forms.dedup();
        Some(forms)
    }

    fn all_articles(&self) -> Box<dyn Query> {
        term_q(self.fields.kind, KIND_ARTICLE)
    }

    fn build(&self, node: &Node, terms: &mut Vec<Vec<String>>) -> Result<Box<dyn Query>> {
        match node {
            Node::And(items) => {
                let mut clauses = Vec::new();
                let mut words: Vec<Word> = Vec::new();
                let mut positive = false;
                for n in items {
                    match n {
                        Node::Not(inner) => {
                            clauses.push((Occur::MustNot, self.build(inner, &mut Vec::new())?))
                        }
                        Node::Leaf {
                            scope: scope @ (Scope::Text | Scope::Title),
                            text,
                            phrase,
                        } => {
                            positive = true;
                            let alternatives = self.alternatives(*scope, text, *phrase, terms)?;
                            if alternatives.iter().all(|a| a.form.len() == 1) {
                                words.push(Word {
                                    terms: alternatives
                                        .iter()
                                        .map(|a| {
                                            (Term::from_field_text(a.field, &a.form[0]), a.boost)
                                        })
                                        .collect(),
                                    query: Self::union(&alternatives),
                                });
                            } else {
                                clauses.push((Occur::Must, Self::union(&alternatives)));
                            }
                        }
                        n => {
                            positive = true;
                            clauses.push((Occur::Must, self.build(n, terms)?));
                        }
                    }
                }
                // Single words go together, so common ones can be intersected a term at
                // a time (see `dense`).
                match words.len() {
                    0 => {}
                    1 => clauses.push((Occur::Must, words.remove(0).query)),
                    _ => clauses.push((Occur::Must, Box::new(WordsQuery::new(words)))),
                }
                if !positive {
                    clauses.push((Occur::Must, self.all_articles()));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(items) => {
                let clauses = items
                    .iter()
                    .map(|n| Ok((Occur::Should, self.build(n, terms)?)))
                    .collect::<Result<Vec<_>>>()?;
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Not(inner) => Ok(Box::new(BooleanQuery::new(vec![
                (Occur::Must, self.all_articles()),
                (Occur::MustNot, self.build(inner, &mut Vec::new())?),
            ]))),
            Node::Leaf {
                scope: Scope::Outlet,
                text,
                ..
            } => {
                let id = (self.resolve_outlet)(text)?;
                Ok(outlet_filter(self.fields.outlet, &[id]))
            }
            Node::Leaf {
                scope,
                text,
                phrase,
            } => {
                let alternatives = self.alternatives(*scope, text, *phrase, terms)?;
                Ok(Self::union(&alternatives))
            }
        }
    }

    /// The ways a text leaf matches: each form of it (the entity's forms, or the words
    /// themselves) in each field it is searched in. Records the forms in `terms`.
    /// The forms a leaf matches: itself, and, for an unquoted word or run of words that
    /// is an entity's form, the entity's other forms. Quotes mean these words.
    fn alternatives(
        &self,
        scope: Scope,
        text: &str,
        quoted: bool,
        terms: &mut Vec<Vec<String>>,
    ) -> Result<Vec<Alternative>> {
        let words = Analyzer.terms(text);
        if words.is_empty() {
            return Err(Error::Query(format!(
                "{text:?} has no letters or digits to search for"
            )));
        }
        let forms = match scope {
            Scope::Text if !quoted => self
                .entity_forms(&words)
                .unwrap_or_else(|| vec![words.clone()]),
            _ => vec![words.clone()],
        };
        let mut alternatives = Vec::new();
        for form in forms {
            terms.push(form.clone());
            let fields: &[(Field, f32)] = if scope == Scope::Text {
                &[
                    (self.fields.body, 1.0),
                    (self.fields.title, TITLE_BOOST),
                    (self.fields.captions, CAPTION_BOOST),
                ]
            } else {
                &[(self.fields.title, 1.0)]
            };
            for &(field, boost) in fields {
                alternatives.push(Alternative {
                    field,
                    boost,
                    form: form.clone(),
                });
            }
        }
        Ok(alternatives)
    }

    /// Any of the alternatives; where several match, their scores add up.
    fn union(alternatives: &[Alternative]) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            alternatives
                .iter()
                .map(|a| {
                    let q = Self::words_in(a.field, &a.form);
                    let q: Box<dyn Query> = if a.boost == 1.0 {
                        q
                    } else {
                        Box::new(BoostQuery::new(q, a.boost))
                    };
                    (Occur::Should, q)
                })
                .collect(),
        ))
    }

    fn words_in(field: Field, words: &[String]) -> Box<dyn Query> {
        if let [one] = words {
            term_q(field, one)
        } else {
            Box::new(PhraseQuery::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect(),
            ))
        }
    }
}
