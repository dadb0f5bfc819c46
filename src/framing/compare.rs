//! Comparisons: one column per outlet with the signals of how it tells the story.
//!
//! A comparison starts from a set of articles and the passages (sentences) that tell the
//! story in them — the sentences matching a query, or an event's linked sentences — and
//! lays them out per outlet, the earliest report first. Naming, voices, distinctive
//! terms and tone are computed over each outlet's matching articles, so they describe
//! how the outlet writes about the story, not one sentence. A passage is marked as
//! shared when another outlet has a passage about the same things (entities and content
//! words in common); a passage no other outlet matches is what only that outlet says.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use super::events::set_lags;
use super::mentions::{When, dates_in, names_in};
use super::naming::{naming_by_outlet, naming_difference};
use super::terms::distinctive_terms;
use super::tone::tone;
use super::voices::voices;
use super::{ArticleRef, Comparison, OutletColumn, Passage};
use crate::error::{Error, Result};
use crate::index::DigestIndex;
use crate::model::Article;
use crate::search::{self, SearchRequest};
use crate::text::{Analyzer, EntityRegistry};

/// Options for a comparison.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Articles to take from the search, at most.
    pub max_articles: usize,
    /// Passages to keep per outlet, at most.
    pub max_passages: usize,
    /// Distinctive terms to keep per outlet, at most.
    pub max_terms: usize,
    /// Entities to compare the naming of, at most.
    pub max_naming: usize,
    /// The period and outlets a query's articles come from; with an event, the outlets
    /// whose columns are kept.
    pub window: super::Window,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            max_articles: 200,
            max_passages: 12,
            max_terms: 10,
            max_naming: 8,
            window: super::Window::default(),
        }
    }
}

/// A passage before it is placed in a column.
struct Candidate {
    /// Index into the comparison's articles.
    article: usize,
    sentence: usize,
    highlights: Vec<Range<usize>>,
    /// Higher is a better passage for the story.
    rank: usize,
}

/// The comparison of the articles matching a query.
pub fn compare_query(
    index: &DigestIndex,
    query: &str,
    opts: &CompareOptions,
) -> Result<Comparison> {
    let results = search::search(
        index,
        &SearchRequest {
            query: query.to_string(),
            limit: opts.max_articles,
            outlets: opts.window.outlets.clone(),
            since: opts.window.since.clone(),
            until: opts.window.until.clone(),
        },
    )?;
    let phrases = search::query_phrases(index, query)?;
    let articles: Vec<Article> = results.hits.into_iter().map(|h| h.article).collect();
    let mut candidates = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        for (si, s) in a.sentences.iter().enumerate() {
            let text = a.sentence_text(s);
            let highlights = search::snippet::matches(text, &phrases);
            if highlights.is_empty() {
                continue;
            }
            // Rank by how many different query phrases the sentence holds.
            let distinct: HashSet<Vec<String>> = highlights
                .iter()
                .map(|r| Analyzer.terms(&text[r.clone()]))
                .collect();
            candidates.push(Candidate {
                article: ai,
                sentence: si,
                highlights,
                rank: distinct.len(),
            });
        }
    }
    // The entities the query names lead the naming comparison.
    let registry = &*index.registries().entities;
    let focus: Vec<String> = phrases
        .iter()
        .filter_map(|p| registry.matcher().exact(p))
        .map(|m| registry.entities[m.entity].id.clone())
        .collect();
    let corpus_outlets = corpus_outlets(index)?;
    let refs: Vec<&Article> = articles.iter().collect();
    let mut comparison = build(
        Some(query.to_string()),
        None,
        query.to_string(),
        &refs,
        candidates,
        &focus,
        &corpus_outlets,
        registry,
        opts,
    );
    opts.window.limit(&mut comparison);
    Ok(comparison)
}

/// The comparison of one event found by [`super::events()`], by id or unique id prefix.
pub fn compare_event(index: &DigestIndex, id: &str, opts: &CompareOptions) -> Result<Comparison> {
    let events = super::events::events_in(index, &opts.window)?;
    let exact = events.iter().find(|e| e.id == id);
    let by_prefix: Vec<_> = events
        .iter()
        .filter(|e| id.len() >= 3 && e.id.starts_with(id))
        .collect();
    let event = match (exact, by_prefix.as_slice()) {
        (Some(e), _) => e,
        (None, [e]) => *e,
        _ => return Err(Error::NoSuchEvent(id.to_string())),
    };
    let mut loaded: Vec<Article> = Vec::new();
    for (aid, _) in &event.members {
        if !loaded.iter().any(|a| &a.id == aid)
            && let Some(a) = index.article(aid)?
        {
            loaded.push(a);
        }
    }
    let by_id: BTreeMap<&str, &Article> = loaded.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut articles: Vec<&Article> = Vec::new();
    let mut candidates = Vec::new();
    let registry = &*index.registries().entities;
    let keys: HashSet<&str> = event.keys.iter().map(String::as_str).collect();
    let focus: Vec<String> = event
        .keys
        .iter()
        .filter_map(|k| k.strip_prefix("e:"))
        .map(str::to_string)
        .collect();
    let date = event.date.as_deref().and_then(When::parse);
    for (aid, si) in &event.members {
        let Some(a) = by_id.get(aid.as_str()) else {
            continue;
        };
        let ai = match articles.iter().position(|x| x.id == a.id) {
            Some(i) => i,
            None => {
                articles.push(a);
                articles.len() - 1
            }
        };
        let Some(s) = a.sentences.get(*si) else {
            continue;
        };
        let text = a.sentence_text(s);
        let highlights = anchor_spans(text, a.date.as_deref(), &keys, date, registry);
        candidates.push(Candidate {
            article: ai,
            sentence: *si,
            rank: highlights.len(),
            highlights,
        });
    }
    let mut comparison = build(
        None,
        Some(event.id.clone()),
        event.label.clone(),
        &articles,
        candidates,
        &focus,
        // The outlets expected to cover it that did not.
        &event.missing,
        registry,
        opts,
    );
    opts.window.limit(&mut comparison);
    Ok(comparison)
}

/// Byte ranges in `text` of the event's key entities and names, and of its date.
fn anchor_spans(
    text: &str,
    published: Option<&str>,
    keys: &HashSet<&str>,
    date: Option<When>,
    registry: &crate::text::EntityRegistry,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let tokens = Analyzer.tokens(text);
    let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
    for m in registry.matcher().find(&terms) {
        if keys.contains(format!("e:{}", registry.entities[m.entity].id).as_str()) {
            out.push(tokens[m.start].span.start..tokens[m.end - 1].span.end);
        }
    }
    for n in names_in(text) {
        let key = format!("n:{}", super::events::name_key(&text[n.span.clone()]));
        if keys.contains(key.as_str()) {
            out.push(n.span);
        }
    }
    // The words the outlets share (stems, as keys hold them).
    for t in &tokens {
        if keys.contains(t.term.as_str()) {
            out.push(t.span.clone());
        }
    }
    // The days the outlets share (`d:` keys), or the event's own date.
    for m in dates_in(text, published) {
        if keys.contains(format!("d:{}", m.when.render()).as_str())
            || date.is_some_and(|d| m.when.gap(&d) == 0)
        {
            out.push(m.span);
        }
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn corpus_outlets(index: &DigestIndex) -> Result<Vec<String>> {
    Ok(index
        .outlet_summaries()?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

/// Content words of a passage, for finding counterparts in other outlets.
fn content_terms(text: &str) -> HashSet<String> {
    Analyzer
        .terms(text)
        .into_iter()
        .filter(|t| t.chars().count() >= 4 && !t.chars().all(|c| c.is_ascii_digit()))
        .filter(|t| !COMMON.contains(&t.as_str()))
        .collect()
}

/// Frequent stems that say nothing about what a sentence reports.
const COMMON: &[&str] = &[
    "about", "also", "been", "both", "from", "have", "into", "more", "most", "other", "over",
    "said", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "those", "veri", "were", "what", "when", "where", "which", "while", "will", "with", "would",
    "year", "accord", "could", "should", "after", "befor", "first", "onli", "said", "say", "tell",
    "told", "week", "time",
];

/// Shared passages: another outlet's passage names at least four of the same entities
/// and content words.
const COUNTERPART_MIN: usize = 4;

#[allow(clippy::too_many_arguments)]
fn build(
    query: Option<String>,
    event: Option<String>,
    label: String,
    articles: &[&Article],
    candidates: Vec<Candidate>,
    focus: &[String],
    corpus_outlets: &[String],
    registry: &EntityRegistry,
    opts: &CompareOptions,
) -> Comparison {
    let mut refs: Vec<ArticleRef> = articles.iter().map(|a| ArticleRef::of(a)).collect();
    set_lags(&mut refs);
    let day = |r: &ArticleRef| {
        r.date
            .as_deref()
            .and_then(When::parse)
            .map_or(i32::MAX, |w| w.span().0)
    };

    // Outlets, the earliest report first.
    let mut outlets: Vec<(String, String, i32)> = Vec::new();
    for r in &refs {
        match outlets.iter_mut().find(|o| o.0 == r.outlet) {
            Some(o) => o.2 = o.2.min(day(r)),
            None => outlets.push((r.outlet.clone(), r.outlet_name.clone(), day(r))),
        }
    }
    outlets.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)));

    // Which passages have a counterpart in another outlet.
    let features: Vec<(HashSet<&str>, HashSet<String>)> = candidates
        .iter()
        .map(|c| {
            let a = articles[c.article];
            let s = &a.sentences[c.sentence];
            let entities = s
                .entities
                .iter()
                .filter_map(|&i| a.entities.get(i as usize))
                .map(String::as_str)
                .collect();
            (entities, content_terms(a.sentence_text(s)))
        })
        .collect();
    let shared_with = |i: usize| -> Vec<String> {
        let outlet = &articles[candidates[i].article].outlet;
        let mut with: Vec<String> = Vec::new();
        for (j, c) in candidates.iter().enumerate() {
            let other = &articles[c.article].outlet;
            if other == outlet || with.contains(other) {
                continue;
            }
            let shared = features[i].0.intersection(&features[j].0).count()
                + features[i].1.intersection(&features[j].1).count();
            if shared >= COUNTERPART_MIN {
                with.push(other.clone());
            }
        }
        with.sort_by_key(|o| outlets.iter().position(|x| &x.0 == o));
        with
    };

    let texts_of = |outlet: &str| -> Vec<String> {
        articles
            .iter()
            .filter(|a| a.outlet == outlet)
            .map(|a| format!("{}\n\n{}", a.title, a.body))
            .collect()
    };
    let all_texts: Vec<Vec<String>> = outlets.iter().map(|o| texts_of(&o.0)).collect();
    let groups: Vec<Vec<&str>> = all_texts
        .iter()
        .map(|g| g.iter().map(String::as_str).collect())
        .collect();
    let background: Vec<&str> = groups.iter().flatten().copied().collect();
    let terms = distinctive_terms(&groups, &background, opts.max_terms);

    // Naming: the actors at least two outlets name (all of them with one outlet), those
    // the query or event is about first, then those the outlets name most differently.
    let by_outlet: Vec<Vec<&Article>> = outlets
        .iter()
        .map(|o| {
            articles
                .iter()
                .filter(|a| a.outlet == o.0)
                .copied()
                .collect()
        })
        .collect();
    let namings = naming_by_outlet(&by_outlet, registry);
    let mut totals: BTreeMap<&str, Vec<&super::Naming>> = BTreeMap::new();
    for n in &namings {
        for (id, entry) in n {
            totals.entry(id.as_str()).or_default().push(entry);
        }
    }
    let need = if outlets.len() >= 2 { 2 } else { 1 };
    let mut keep: Vec<(&str, f64)> = totals
        .iter()
        .filter(|(_, per)| per.len() >= need)
        .map(|(id, per)| {
            let uses: usize = per.iter().flat_map(|n| &n.forms).map(|f| f.count).sum();
            (
                *id,
                naming_difference(per) * (uses as f64).sqrt() + uses as f64 * 1e-3,
            )
        })
        .collect();
    keep.sort_by(|a, b| {
        let fa = focus.iter().any(|f| f == a.0);
        let fb = focus.iter().any(|f| f == b.0);
        fb.cmp(&fa).then(b.1.total_cmp(&a.1)).then(a.0.cmp(b.0))
    });
    keep.truncate(opts.max_naming);
    let keep: HashSet<String> = keep.into_iter().map(|(id, _)| id.to_string()).collect();

    let mut columns = Vec::new();
    for (oi, (outlet, outlet_name, _)) in outlets.iter().enumerate() {
        let arts: Vec<&Article> = articles
            .iter()
            .filter(|a| &a.outlet == outlet)
            .copied()
            .collect();
        let mut col_refs: Vec<ArticleRef> = refs
            .iter()
            .filter(|r| &r.outlet == outlet)
            .cloned()
            .collect();
        col_refs.sort_by(|a, b| day(a).cmp(&day(b)).then(a.id.cmp(&b.id)));
        let mut mine: Vec<usize> = (0..candidates.len())
            .filter(|&i| &articles[candidates[i].article].outlet == outlet)
            .collect();
        mine.sort_by(|&a, &b| {
            candidates[b]
                .rank
                .cmp(&candidates[a].rank)
                .then(candidates[a].article.cmp(&candidates[b].article))
                .then(candidates[a].sentence.cmp(&candidates[b].sentence))
        });
        mine.truncate(opts.max_passages);
        mine.sort_by_key(|&i| {
            let c = &candidates[i];
            let r = &refs[c.article];
            (day(r), c.article, c.sentence)
        });
        let passages = mine
            .iter()
            .map(|&i| {
                let c = &candidates[i];
                let a = articles[c.article];
                let s = &a.sentences[c.sentence];
                Passage {
                    text: a.sentence_text(s).to_string(),
                    source: a.source().to_string(),
                    article: a.id.clone(),
                    sentence: c.sentence,
                    offset: s.start as usize,
                    highlights: c.highlights.clone(),
                    shared_with: shared_with(i),
                }
            })
            .collect();
        let mut names = namings[oi].clone();
        names.retain(|id, _| keep.contains(id));
        let texts: Vec<&str> = all_texts[oi].iter().map(String::as_str).collect();
        let timeline = super::Timeline::of(&col_refs, &refs);
        columns.push(OutletColumn {
            outlet: outlet.clone(),
            outlet_name: outlet_name.clone(),
            articles: col_refs,
            passages,
            naming: names,
            voices: voices(&arts, registry),
            distinctive_terms: terms.get(oi).cloned().unwrap_or_default(),
            tone: tone(&texts),
            timeline,
        });
    }
    let missing = corpus_outlets
        .iter()
        .filter(|o| !outlets.iter().any(|x| &x.0 == *o))
        .cloned()
        .collect();
    Comparison {
        query,
        event,
        label,
        outlets: columns,
        missing,
    }
}
