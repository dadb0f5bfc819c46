//! Comparisons: one column per outlet with the signals of how it tells the story.
//!
//! A comparison starts from a set of articles and the passages (sentences) that tell the
//! story in them — the sentences matching a query, or an event's linked sentences — and
//! lays them out per outlet, the earliest report first. An article a query found that
//! tells the story without the query's words in any sentence shows the sentences
//! closest to what the other passages say. Naming, voices, distinctive terms and tone
//! are computed over each outlet's matching articles, so they describe how the outlet
//! writes about the story, not one sentence.
//!
//! A passage is shared with another outlet when a sentence of that outlet's articles
//! carries the same claim: the two share four meaning-bearing keys (stems rarer than
//! one news lead in five, names, entities), or two that weigh half of the shorter
//! one's keys by their rarity in news. A passage no other outlet's article carries is
//! what only that outlet says.

use std::collections::{BTreeMap, HashMap, HashSet};
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
    // An empty query would list every article: a comparison needs a story.
    if query.trim().is_empty() {
        return Err(crate::Error::Query("the query is empty".into()));
    }
    let results = search::search(
        index,
        &SearchRequest {
            query: query.to_string(),
            limit: opts.max_articles,
            outlets: opts.window.outlets.clone(),
            since: opts.window.since.clone(),
            until: opts.window.until.clone(),
            sort: search::Sort::Relevance,
            exclude: Default::default(),
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

/// The meaning-bearing keys of a sentence with their weights: stems that fewer than
/// one news lead in [`MEANING_SHARE`] holds (so not "said", "year", "people"), names and
/// registry entities, each weighted by its inverse document frequency in the
/// background table of news leads.
fn meaning_keys(a: &Article, s: &crate::model::Sentence) -> HashMap<String, f64> {
    let bg = crate::bundled::background();
    let n = f64::from(bg.articles.max(1));
    let idf = |key: &str| {
        let df = bg.df.get(key).copied().map_or(0.0, f64::from);
        ((n + 1.0) / (df + 1.0)).ln()
    };
    let text = a.sentence_text(s);
    let mut keys = HashMap::new();
    for t in Analyzer.terms(text) {
        let meaningful = t.chars().count() >= 3
            && t.chars().any(char::is_alphabetic)
            && !super::terms::is_stopword(&t)
            && bg
                .df
                .get(t.as_str())
                .is_none_or(|&df| f64::from(df) <= n * MEANING_SHARE);
        if meaningful {
            let w = idf(&t);
            keys.insert(t, w);
        }
    }
    for n in names_in(text) {
        let key = format!("n:{}", super::events::name_key(&text[n.span]));
        let w = idf(&key);
        keys.insert(key, w);
    }
    for &i in &s.entities {
        if let Some(id) = a.entities.get(i as usize) {
            let key = format!("e:{id}");
            let w = idf(&key);
            keys.insert(key, w);
        }
    }
    keys
}

/// Stems in more than this share of news leads bear no claim of their own.
const MEANING_SHARE: f64 = 0.2;

/// A passage carries the same claim as a sentence of another outlet when they share
/// this many meaning-bearing keys…
const CLAIM_KEYS: usize = 4;
/// …or at least two that weigh this share of the shorter one's keys ("Powell was fully
/// vaccinated" is carried by a longer sentence saying so too).
const CLAIM_COVER: f64 = 0.5;

/// One sentence of a comparison: (article, sentence), its meaning-bearing keys (ids,
/// weights) and their total weight.
type ClaimSentence = ((usize, usize), Vec<(u32, f64)>, f64);

/// The sentences of a comparison's articles by their meaning-bearing keys.
struct Claims {
    sentences: Vec<ClaimSentence>,
    /// Key id → sentences holding it.
    postings: Vec<Vec<u32>>,
    /// (article, sentence) → index into `sentences`.
    at: HashMap<(usize, usize), usize>,
}

impl Claims {
    fn of(articles: &[&Article]) -> Claims {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut sentences = Vec::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (ai, a) in articles.iter().enumerate() {
            for (si, s) in a.sentences.iter().enumerate() {
                let mut keys: Vec<(u32, f64)> = Vec::new();
                for (k, w) in meaning_keys(a, s) {
                    let next = ids.len() as u32;
                    let id = *ids.entry(k).or_insert(next);
                    if id as usize == postings.len() {
                        postings.push(Vec::new());
                    }
                    postings[id as usize].push(sentences.len() as u32);
                    keys.push((id, w));
                }
                let total = keys.iter().map(|k| k.1).sum();
                sentences.push(((ai, si), keys, total));
            }
        }
        let at = sentences
            .iter()
            .enumerate()
            .map(|(i, (at, _, _))| (*at, i))
            .collect();
        Claims {
            sentences,
            postings,
            at,
        }
    }

    /// The groups (`group_of` maps each article to one: its outlet) other than article
    /// `ai`'s own that hold a sentence carrying the same claim as its sentence `si`.
    fn carried_by(&self, ai: usize, si: usize, group_of: &[usize]) -> Vec<usize> {
        let Some(&i) = self.at.get(&(ai, si)) else {
            return Vec::new();
        };
        let own = group_of[ai];
        let (_, keys, total) = &self.sentences[i];
        // Per sentence: (shared keys, shared weight), and the sentences touched.
        let mut shared: Vec<(usize, f64)> = vec![(0, 0.0); self.sentences.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &(k, w) in keys {
            for &j in &self.postings[k as usize] {
                let e = &mut shared[j as usize];
                if e.0 == 0 {
                    touched.push(j);
                }
                e.0 += 1;
                e.1 += w;
            }
        }
        let mut out: Vec<usize> = Vec::new();
        for j in touched {
            let ((aj, _), _, other) = &self.sentences[j as usize];
            let group = group_of[*aj];
            if group == own || out.contains(&group) {
                continue;
            }
            let (count, weight) = shared[j as usize];
            let shorter = total.min(*other).max(f64::EPSILON);
            if count >= CLAIM_KEYS || (count >= 2 && weight >= CLAIM_COVER * shorter) {
                out.push(group);
            }
        }
        out
    }

    /// The sentences of article `ai` most like the story the candidates tell (how many
    /// candidates hold each key), best first: for an article that tells the story
    /// without the query's words.
    fn closest(&self, ai: usize, story: &HashMap<u32, f64>, n: usize) -> Vec<usize> {
        let mut scored: Vec<(f64, usize)> = self
            .sentences
            .iter()
            .filter(|((a, _), _, _)| *a == ai)
            .map(|((_, si), keys, _)| {
                let score: f64 = keys
                    .iter()
                    .filter_map(|(k, w)| story.get(k).map(|s| s.min(1.0) * w))
                    .sum();
                (score, *si)
            })
            .filter(|(score, _)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, si)| si).collect()
    }
}

/// Adds, for every article without a candidate passage, the sentences closest to the
/// story the other candidates tell.
fn add_paraphrases(articles: &[&Article], claims: &Claims, candidates: &mut Vec<Candidate>) {
    let mut story: HashMap<u32, f64> = HashMap::new();
    for c in candidates.iter() {
        if let Some(&i) = claims.at.get(&(c.article, c.sentence)) {
            for (k, _) in &claims.sentences[i].1 {
                *story.entry(*k).or_default() += 1.0;
            }
        }
    }
    let mut with: HashSet<usize> = candidates.iter().map(|c| c.article).collect();
    for ai in 0..articles.len() {
        if !with.insert(ai) {
            continue;
        }
        for si in claims.closest(ai, &story, PARAPHRASE_PASSAGES) {
            candidates.push(Candidate {
                article: ai,
                sentence: si,
                highlights: Vec::new(),
                rank: 0,
            });
        }
    }
}

/// Passages for an article a query found that holds none of its words in a sentence
/// (it paraphrases the story): how many to show.
const PARAPHRASE_PASSAGES: usize = 2;

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
    let claims = Claims::of(articles);
    let mut candidates = candidates;
    add_paraphrases(articles, &claims, &mut candidates);
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

    // Which passages carry a claim another outlet's article carries too.
    let outlet_of: Vec<usize> = articles
        .iter()
        .map(|a| outlets.iter().position(|o| o.0 == a.outlet).unwrap_or(0))
        .collect();
    let shared_with = |i: usize| -> Vec<String> {
        let c = &candidates[i];
        let mut with = claims.carried_by(c.article, c.sentence, &outlet_of);
        with.sort_unstable();
        with.into_iter().map(|o| outlets[o].0.clone()).collect()
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
