//! What event detection keeps of an article: its reference, when it was published, and
//! the weighted words, names, entities and dates of its headline and lead.
//!
//! News is written as an inverted pyramid: the headline and the first paragraphs say
//! what happened, who did it and when; the rest is background that unrelated stories
//! share. So only the headline and a lead of about [`LEAD_WORDS`] words describe an
//! article for grouping.
//!
//! Features are kept per index segment (`digest-features-<segment>.cache` beside the
//! index, in postcard's compact binary form: a tenth of the time JSON takes to read). Segments never change once written, so an ingest only adds the features of
//! the articles it added (a new segment), a merge recomputes those of the merged
//! segment, and a removed article is dropped by the segment's deletions. A file of an
//! earlier method, or one that cannot be read, is recomputed.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tantivy::{DocId, SegmentReader, TantivyDocument};

use super::ArticleRef;
use super::mentions::{When, dates_in, names_in};
use crate::error::Result;
use crate::index::DigestIndex;
use crate::model::Article;
use crate::text::{Analyzer, EntityRegistry};

/// The lead: sentences from the start until this many words are read (at least one
/// sentence). A news lead is its first two or three paragraphs; about a hundred words.
pub const LEAD_WORDS: usize = 120;
/// At most this many lead sentences (a body with no sentence breaks is one sentence).
const LEAD_SENTENCES: usize = 32;
/// A headline word counts as this many lead words: the headline is the story's own
/// summary of what happened.
pub const TITLE_WEIGHT: f32 = 2.0;

/// Version of what features hold; bump it when [`features_of`] changes.
pub const FEATURES_METHOD: &str = "features-5";

/// One article as event detection sees it; its keys are indices into the
/// [`FeatureSet`]'s key table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Features {
    /// How the article is listed.
    #[serde(with = "stored_ref")]
    pub article: ArticleRef,
    /// First and last day of its publication date (days since the common era).
    pub span: Option<(i32, i32)>,
    /// Features with their raw weight and the lead sentences holding them (bit `i` for
    /// sentence `i`), by key. Keys: a stem (`senat`), `n:` and a name
    /// (`n:colin powell`), `e:` and a registry entity id, `d:` and a day or month the
    /// lead mentions.
    pub terms: Vec<(u32, f32, u32)>,
    /// Display form of each name key, for labels.
    pub names: Vec<(u32, String)>,
}

/// An [`ArticleRef`] as the feature files keep it: its fields in order, every one
/// present (postcard, a compact format, does not describe which fields it holds).
mod stored_ref {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::ArticleRef;

    type Fields = (String, String, String, String, Option<String>, String);

    pub fn serialize<S: Serializer>(r: &ArticleRef, s: S) -> Result<S::Ok, S::Error> {
        (
            &r.id,
            &r.title,
            &r.outlet,
            &r.outlet_name,
            &r.date,
            &r.source,
        )
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ArticleRef, D::Error> {
        let (id, title, outlet, outlet_name, date, source) = Fields::deserialize(d)?;
        Ok(ArticleRef {
            id,
            title,
            outlet,
            outlet_name,
            date,
            source,
            lag_days: None,
        })
    }
}

/// The features of many articles, with one table of keys.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FeatureSet {
    /// The keys, by index.
    pub keys: Vec<String>,
    /// The articles.
    pub docs: Vec<Features>,
    #[serde(skip)]
    ids: HashMap<String, u32>,
    /// Keep the keys most articles hold (for counting them, as the background does).
    #[serde(skip)]
    keep_common: bool,
}

impl FeatureSet {
    /// An empty set that keeps every key, even those nearly every article holds
    /// (which sets otherwise leave out): for counting how common keys are.
    pub fn keeping_common_keys() -> FeatureSet {
        FeatureSet {
            keep_common: true,
            ..FeatureSet::default()
        }
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(key.to_string());
        self.ids.insert(key.to_string(), id);
        id
    }

    fn reindex(&mut self) {
        self.ids = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i as u32))
            .collect();
    }

    /// Adds the features of one article; `registry` knows the entities stored with it.
    pub fn add(&mut self, a: &Article, registry: &EntityRegistry) {
        let f = features_of(a, registry, self.keep_common);
        let terms = f
            .terms
            .iter()
            .map(|(k, w, m)| (self.intern(k), *w, *m))
            .collect();
        let names = f
            .names
            .into_iter()
            .map(|(k, s)| (self.intern(&k), s))
            .collect();
        self.docs.push(Features {
            article: f.article,
            span: f.span,
            terms,
            names,
        });
    }

    /// Moves the articles of `other` (and the keys they use) into this set.
    pub fn append(&mut self, other: FeatureSet) {
        if self.docs.is_empty() && self.keys.is_empty() {
            *self = other;
            self.reindex();
            return;
        }
        let map: Vec<u32> = other.keys.iter().map(|k| self.intern(k)).collect();
        for mut f in other.docs {
            for t in &mut f.terms {
                t.0 = map[t.0 as usize];
            }
            for n in &mut f.names {
                n.0 = map[n.0 as usize];
            }
            self.docs.push(f);
        }
    }

    /// Keeps the articles `keep` admits (the key table is left as it is).
    pub fn retain(&mut self, keep: impl Fn(&Features) -> bool) {
        self.docs.retain(keep);
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there are no articles.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Keys in more than this share of the background's articles (`the`, `of`, `is`) say
/// nothing about a story; they are not kept.
const STOP_SHARE: f64 = 0.5;

fn is_stop(key: &str) -> bool {
    let bg = crate::bundled::background();
    bg.df
        .get(key)
        .is_some_and(|&n| f64::from(n) > f64::from(bg.articles) * STOP_SHARE)
}

/// What [`features_of`] finds in one article, keyed by strings.
struct Found {
    article: ArticleRef,
    span: Option<(i32, i32)>,
    terms: Vec<(String, f32, u32)>,
    names: Vec<(String, String)>,
}

/// The features of one article; `registry` knows the entities stored with it.
fn features_of(a: &Article, registry: &EntityRegistry, keep_common: bool) -> Found {
    let mut weights: HashMap<String, (f32, u32)> = HashMap::new();
    let mut names: Vec<(String, String)> = Vec::new();
    for t in Analyzer.terms(&a.title) {
        weights.entry(t).or_default().0 += TITLE_WEIGHT;
    }
    // In a headline written in title case every word is capitalised: no names there.
    let title_names = if title_cased(&a.title) {
        Vec::new()
    } else {
        names_in(&a.title)
    };
    for n in title_names {
        let surface = &a.title[n.span];
        let key = format!("n:{}", super::events::name_key(surface));
        if key.len() > 2 {
            weights.entry(key.clone()).or_default().0 += TITLE_WEIGHT;
            if !names.iter().any(|(k, _)| *k == key) {
                names.push((
                    key,
                    crate::text::fold::strip_possessive(surface).to_string(),
                ));
            }
        }
    }
    let mut words = 0;
    for (si, s) in a.sentences.iter().enumerate().take(LEAD_SENTENCES) {
        if words >= LEAD_WORDS {
            break;
        }
        let bit = 1u32 << si;
        let text = a.sentence_text(s);
        let terms = Analyzer.terms(text);
        words += terms.len();
        let mut add = |key: String, w: f32| {
            let e = weights.entry(key).or_default();
            e.0 += w;
            e.1 |= bit;
        };
        for t in terms {
            add(t, 1.0);
        }
        for &i in &s.entities {
            if let Some(id) = a.entities.get(i as usize) {
                add(format!("e:{id}"), 1.0);
            }
        }
        for n in names_in(text) {
            let surface = &text[n.span];
            let terms = Analyzer.terms(surface);
            if terms.is_empty() || registry.matcher().exact(&terms).is_some() {
                continue;
            }
            let key = format!("n:{}", super::events::name_key(surface));
            if !names.iter().any(|(k, _)| *k == key) {
                names.push((
                    key.clone(),
                    crate::text::fold::strip_possessive(surface).to_string(),
                ));
            }
            add(key, 1.0);
        }
        for m in dates_in(text, a.date.as_deref()) {
            add(format!("d:{}", m.when.render()), 1.0);
        }
    }
    let mut terms: Vec<(String, f32, u32)> = weights
        .into_iter()
        .filter(|(k, _)| keep_common || !is_stop(k))
        .map(|(k, (w, m))| (k, w, m))
        .collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    names.retain(|(k, _)| terms.iter().any(|t| t.0 == *k));
    Found {
        article: ArticleRef::of(a),
        span: a.date.as_deref().and_then(When::parse).map(|w| w.span()),
        terms,
        names,
    }
}

/// Whether most longer words of a headline are capitalised (`Bomb Suspect Changed After
/// Trip Abroad`).
fn title_cased(title: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let (mut long, mut capital) = (0, 0);
    for w in title.unicode_words().filter(|w| w.chars().count() >= 4) {
        long += 1;
        capital += usize::from(w.chars().next().is_some_and(char::is_uppercase));
    }
    long >= 2 && capital * 2 > long
}

/// Features of one segment's articles, with their document ids.
#[derive(Serialize, Deserialize)]
struct SegmentFeatures {
    method: String,
    max_doc: u32,
    docs: Vec<DocId>,
    set: FeatureSet,
}

fn segment_path(index: &DigestIndex, segment: &str) -> PathBuf {
    index
        .path()
        .join(format!("digest-features-{segment}.cache"))
}

/// The features of every article in the index, in index order, computing only those
/// of segments not seen before.
pub fn all_features(index: &DigestIndex) -> Result<FeatureSet> {
    let searcher = index.searcher();
    let registry = &*index.registries().entities;
    let mut out = FeatureSet::default();
    let mut live: Vec<String> = Vec::new();
    for reader in searcher.segment_readers() {
        let id = reader.segment_id().uuid_string();
        let path = segment_path(index, &id);
        live.push(format!("digest-features-{id}.cache"));
        let kept = std::fs::read(&path)
            .ok()
            .and_then(|b| postcard::from_bytes::<SegmentFeatures>(&b).ok())
            .filter(|s| s.method == FEATURES_METHOD && s.max_doc == reader.max_doc());
        let segment = match kept {
            Some(s) => s,
            None => {
                let (docs, set) = compute_segment(index, reader, registry)?;
                let file = SegmentFeatures {
                    method: FEATURES_METHOD.to_string(),
                    max_doc: reader.max_doc(),
                    docs,
                    set,
                };
                if let Ok(bytes) = postcard::to_stdvec(&file) {
                    let _ = crate::index::write_atomically(&path, &[&bytes]);
                }
                file
            }
        };
        let mut set = segment.set;
        if let Some(alive) = reader.alive_bitset() {
            let mut docs = segment.docs.iter();
            set.docs
                .retain(|_| docs.next().is_some_and(|&d| alive.is_alive(d)));
        }
        out.append(set);
    }
    // Files of segments merged away or removed are no longer needed.
    if let Ok(entries) = std::fs::read_dir(index.path()) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("digest-features-")
                && name.ends_with(".cache")
                && !live.contains(&name)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(out)
}

/// Features of the articles of one segment, read on every core, with their document
/// ids.
fn compute_segment(
    index: &DigestIndex,
    reader: &SegmentReader,
    registry: &EntityRegistry,
) -> Result<(Vec<DocId>, FeatureSet)> {
    let fields = *index.fields();
    let max = reader.max_doc();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = (max as usize).div_ceil(threads).max(1) as u32;
    let parts: Vec<Result<(Vec<DocId>, FeatureSet)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..max)
            .step_by(chunk as usize)
            .map(|start| {
                scope.spawn(move || {
                    let store = reader.get_store_reader(64)?;
                    let alive = reader.alive_bitset();
                    let mut docs = Vec::new();
                    let mut set = FeatureSet::default();
                    for doc in start..(start + chunk).min(max) {
                        if alive.is_some_and(|a| !a.is_alive(doc)) {
                            continue;
                        }
                        let d: TantivyDocument = store.get(doc)?;
                        if let Some(a) = crate::index::decode_article(&fields, &d) {
                            set.add(&a, registry);
                            docs.push(doc);
                        }
                    }
                    Ok((docs, set))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Ok((Vec::new(), FeatureSet::default())))
            })
            .collect()
    });
    let mut docs = Vec::with_capacity(max as usize);
    let mut set = FeatureSet::default();
    for p in parts {
        let (d, s) = p?;
        docs.extend(d);
        set.append(s);
    }
    Ok((docs, set))
}

/// Above this share of the index, a window's features are taken from [`all_features`]
/// rather than read afresh.
const WINDOW_SHARE: f64 = 0.25;

/// The features of the articles published in the window's period (any outlet: the
/// outlets an event must include are checked on the events).
pub fn window_features(index: &DigestIndex, window: &super::Window) -> Result<FeatureSet> {
    use std::ops::Bound;
    use tantivy::Term;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, RangeQuery};
    let day = |d: &Option<String>| d.as_deref().map(crate::search::parse_day).transpose();
    let since = day(&window.since)?.unwrap_or(1);
    let until = day(&window.until)?.unwrap_or(u64::MAX);
    let fields = *index.fields();
    // Dated articles whose date (a day, or a whole month) overlaps the period.
    let starts = RangeQuery::new(
        Bound::Included(Term::from_field_u64(fields.date, 1)),
        Bound::Included(Term::from_field_u64(fields.date, until)),
    );
    let ends = RangeQuery::new(
        Bound::Included(Term::from_field_u64(fields.date_end, since)),
        Bound::Unbounded,
    );
    let q = BooleanQuery::intersection(vec![Box::new(starts), Box::new(ends)]);
    let searcher = index.searcher();
    let mut addrs: Vec<_> = searcher.search(&q, &DocSetCollector)?.into_iter().collect();
    let total = index.try_article_count()?.max(1);
    if addrs.len() as f64 > total as f64 * WINDOW_SHARE {
        let mut all = all_features(index)?;
        all.retain(|f| window.admits_date(f.article.date.as_deref()));
        return Ok(all);
    }
    addrs.sort();
    let registry = &*index.registries().entities;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = addrs.len().div_ceil(threads).max(1);
    let parts: Vec<Result<FeatureSet>> = std::thread::scope(|scope| {
        let handles: Vec<_> = addrs
            .chunks(chunk)
            .map(|part| {
                let searcher = &searcher;
                scope.spawn(move || {
                    let mut set = FeatureSet::default();
                    for &addr in part {
                        let doc: TantivyDocument = searcher.doc(addr)?;
                        if let Some(a) = crate::index::decode_article(&fields, &doc)
                            && window.admits_date(a.date.as_deref())
                        {
                            set.add(&a, registry);
                        }
                    }
                    Ok(set)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Ok(FeatureSet::default())))
            .collect()
    });
    let mut out = FeatureSet::default();
    for p in parts {
        out.append(p?);
    }
    Ok(out)
}
