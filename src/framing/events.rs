//! Events: happenings two or more outlets report.
//!
//! The method, sentence by sentence:
//!
//! 1. **Anchors.** What a sentence is about: the entities of `data/entities.json` it
//!    names (stored at ingest), the names it writes in capitals ([`names_in`]), and the
//!    dates it mentions, resolved against the article's date and never into its future
//!    ([`dates_in`]).
//! 2. **Time.** When the sentence places its happening: the first date it mentions, else
//!    the article's publication date.
//! 3. **Links.** Two sentences from different outlets tell the same happening when they
//!    share anchors and their times are close: two shared anchors within
//!    [`NEAR_DAYS`] days, or three within [`WINDOW_DAYS`]. A date both mention (the same
//!    day, or a day inside a month the other mentions) counts as a shared anchor.
//!    Anchors found in more than [`GENERIC_SHARE`] of a large corpus's articles (a
//!    president, a country) say too little on their own and are not counted.
//! 4. **Events.** Linked sentences form groups (connected components); each group with
//!    two or more outlets is an event. Its date is the day its passages mention most,
//!    its label the anchors most of its outlets share.
//!
//! Everything is computed from the stored articles, so it works on any corpus; on the
//! 37,554-article scale corpus it takes seconds (see BENCHMARKS.md).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use super::corpus::for_each_batch;
use super::mentions::{When, dates_in, names_in};
use super::{ArticleRef, Event};
use crate::error::Result;
use crate::index::DigestIndex;
use crate::model::Article;
use crate::text::fold::strip_possessive;
use crate::text::{Analyzer, EntityRegistry};

/// Two shared anchors link sentences at most this many days apart.
pub const NEAR_DAYS: i32 = 3;
/// Three shared anchors link sentences at most this many days apart.
pub const WINDOW_DAYS: i32 = 31;
/// In a corpus of more than [`GENERIC_MIN_ARTICLES`] articles, an anchor found in more
/// than this share of them is too common to identify a happening.
pub const GENERIC_SHARE: f64 = 0.02;
/// A group of more articles than this, or whose passages' times start more than
/// [`WINDOW_DAYS`] apart, is split with a stronger bar (see [`split`]).
pub const MAX_EVENT_ARTICLES: usize = 40;
/// Articles read at a time when finding events in an index.
const BATCH: usize = 4096;
/// Below this many articles no anchor is too common.
pub const GENERIC_MIN_ARTICLES: usize = 20;

/// Options for event detection.
#[derive(Debug, Clone, Default)]
pub struct EventOptions {}

/// Two sentences that tell the same happening, with the link's level.
type Link = (u32, u32, u8);

/// One sentence's features.
struct Sent {
    article: u32,
    sentence: u32,
    outlet: u32,
    anchors: Vec<u32>,
    mentioned: Vec<When>,
    time: Option<When>,
}

/// Anchors of one article's sentences before interning.
struct ArticleAnchors {
    sentences: Vec<(Vec<String>, Vec<When>)>,
    /// Name key → surface text, for labels.
    surfaces: Vec<(String, String)>,
}

fn anchors_of(a: &Article, registry: &EntityRegistry) -> ArticleAnchors {
    let mut sentences = Vec::with_capacity(a.sentences.len());
    let mut surfaces = Vec::new();
    for s in &a.sentences {
        let text = a.sentence_text(s);
        let mut anchors: Vec<String> = s
            .entities
            .iter()
            .filter_map(|&i| a.entities.get(i as usize))
            .map(|id| format!("e:{id}"))
            .collect();
        for n in names_in(text) {
            let surface = &text[n.span];
            let terms = Analyzer.terms(surface);
            if terms.is_empty() {
                continue;
            }
            if let Some(m) = registry.matcher().exact(&terms) {
                let key = format!("e:{}", registry.entities[m.entity].id);
                if !anchors.contains(&key) {
                    anchors.push(key);
                }
                continue;
            }
            // A name that contains a registry form (`Foreign Ministry Spokesperson Wang
            // Wenbin`) is already anchored by that entity.
            if !registry.matcher().find(&terms).is_empty() {
                continue;
            }
            let key = format!("n:{}", name_key(surface));
            if !anchors.contains(&key) {
                let surface = strip_possessive(surface);
                surfaces.push((key.clone(), surface.to_string()));
                anchors.push(key);
            }
        }
        let mentioned: Vec<When> = dates_in(text, a.date.as_deref())
            .into_iter()
            .map(|m| m.when)
            .collect();
        sentences.push((anchors, mentioned));
    }
    ArticleAnchors {
        sentences,
        surfaces,
    }
}

/// The key of a name: its words normalised (case, diacritics, apostrophes, possessives)
/// but not stemmed, so `Reade` and `read` stay apart.
pub fn name_key(surface: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut key = String::new();
    let mut word = String::new();
    for w in surface.unicode_words() {
        crate::text::normalize_word(w, &mut word);
        if word.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word);
    }
    key
}

/// Runs `f` over the articles on every core, keeping the order.
fn parallel_map<T: Send>(articles: &[Article], f: impl Fn(&Article) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = articles.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                scope.spawn(move || part.iter().map(f).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("event worker"))
            .collect()
    })
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let parent = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = parent;
            x = parent;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b) as usize] = a.min(b);
        }
    }
}

/// Groups `nodes` by the links at `level` or above. A group with more than
/// [`MAX_EVENT_ARTICLES`] articles is a chain of stories rather than one happening: it is
/// split again with a stronger bar, as long as a stronger bar still holds part of it.
fn split(
    nodes: Vec<u32>,
    links: Vec<Link>,
    level: u8,
    uf: &mut UnionFind,
    too_big: &dyn Fn(&[u32]) -> bool,
    out: &mut Vec<Vec<u32>>,
) {
    for &n in &nodes {
        uf.0[n as usize] = n;
    }
    for &(a, b, l) in &links {
        if l >= level {
            uf.union(a, b);
        }
    }
    let mut by_root: BTreeMap<u32, (Vec<u32>, Vec<Link>)> = BTreeMap::new();
    for &n in &nodes {
        let root = uf.find(n);
        by_root.entry(root).or_default().0.push(n);
    }
    for l in links {
        if l.2 > level {
            let root = uf.find(l.0);
            by_root.entry(root).or_default().1.push(l);
        }
    }
    for (_, (group, stronger)) in by_root {
        if group.len() < 2 {
            continue;
        }
        if too_big(&group) && !stronger.is_empty() {
            let mut inner: Vec<u32> = stronger.iter().flat_map(|l| [l.0, l.1]).collect();
            inner.sort_unstable();
            inner.dedup();
            split(inner, stronger, level + 1, uf, too_big, out);
        } else {
            out.push(group);
        }
    }
}

/// The name of the derived cache that keeps the events of the last commit (see
/// [`DigestIndex::read_cache`]).
pub const CACHE: &str = "events";

/// Version of the method; bump it when a change alters what events are found, so caches
/// written by an earlier build are recomputed.
const METHOD: &str = "events-6";

#[derive(serde::Serialize, serde::Deserialize)]
struct Cache {
    method: String,
    events: Vec<(Event, Vec<(String, usize)>)>,
}

/// Every event in the index, most widely covered first.
///
/// Finding events reads the whole corpus, so the result is kept as the index's derived
/// cache [`CACHE`] and reused until the next commit. A missing, stale or unreadable
/// cache is recomputed; a cache that cannot be written (a read-only directory) is simply
/// not kept.
pub fn events(index: &DigestIndex, opts: &EventOptions) -> Result<Vec<Event>> {
    if let Some(bytes) = index.read_cache(CACHE)
        && let Ok(cache) = serde_json::from_slice::<Cache>(&bytes)
        && cache.method == METHOD
    {
        let corpus_outlets: Vec<String> = index
            .outlet_summaries()?
            .into_iter()
            .map(|o| o.id)
            .collect();
        return Ok(cache
            .events
            .into_iter()
            .map(|(mut e, members)| {
                e.members = members;
                e.missing = missing(&corpus_outlets, &e.outlets);
                e
            })
            .collect());
    }
    let corpus_outlets: Vec<String> = index
        .outlet_summaries()?
        .into_iter()
        .map(|o| o.id)
        .collect();
    // Articles are read in batches and only their features kept. Detection does not
    // depend on the order articles arrive in, so batches in index order are fine.
    let mut collector = Collector::new(&index.registries().entities);
    for_each_batch(index, BATCH, |batch| {
        collector.add(&batch);
        Ok(())
    })?;
    let events = collector.finish(&corpus_outlets, opts);
    let cache = Cache {
        method: METHOD.to_string(),
        events: events
            .iter()
            .map(|e| {
                // Missing outlets are the corpus's less the event's: not worth keeping.
                let mut e = e.clone();
                e.missing = Vec::new();
                let members = std::mem::take(&mut e.members);
                (e, members)
            })
            .collect(),
    };
    if let Ok(json) = serde_json::to_vec(&cache) {
        let _ = index.write_cache(CACHE, &json);
    }
    Ok(events)
}

/// Finds the events among `articles`, anchored on the entities of `entities`;
/// `corpus_outlets` (most articles first) are the outlets a missing list is drawn from.
pub fn detect(
    articles: &[Article],
    corpus_outlets: &[String],
    entities: &EntityRegistry,
    opts: &EventOptions,
) -> Vec<Event> {
    let mut c = Collector::new(entities);
    c.add(articles);
    c.finish(corpus_outlets, opts)
}

/// The features of a corpus read in batches: what detection keeps of each article (its
/// reference and its sentences' anchors), so the articles themselves can be dropped.
pub struct Collector<'r> {
    /// The entities that anchor sentences.
    entities: &'r EntityRegistry,
    anchor_ids: FxHashMap<String, u32>,
    anchor_names: Vec<String>,
    df: Vec<u32>,
    surfaces: HashMap<String, String>,
    outlet_ids: HashMap<String, u32>,
    sents: Vec<Sent>,
    refs: Vec<ArticleRef>,
}

impl<'r> Collector<'r> {
    /// A collector with nothing added, anchoring on the entities of `entities`.
    pub fn new(entities: &'r EntityRegistry) -> Collector<'r> {
        Collector {
            entities,
            anchor_ids: FxHashMap::default(),
            anchor_names: Vec::new(),
            df: Vec::new(),
            surfaces: HashMap::new(),
            outlet_ids: HashMap::new(),
            sents: Vec::new(),
            refs: Vec::new(),
        }
    }

    /// Adds a batch of articles.
    pub fn add(&mut self, articles: &[Article]) {
        let registry = self.entities;
        let per_article = parallel_map(articles, |a| anchors_of(a, registry));
        for (a, aa) in articles.iter().zip(per_article) {
            self.add_one(a, aa);
        }
    }

    fn add_one(&mut self, a: &Article, aa: ArticleAnchors) {
        let ai = self.refs.len() as u32;
        self.refs.push(ArticleRef::of(a));
        let next = self.outlet_ids.len() as u32;
        let outlet = *self.outlet_ids.entry(a.outlet.clone()).or_insert(next);
        let published = a.date.as_deref().and_then(When::parse);
        let mut seen: Vec<u32> = Vec::new();
        for (si, (anchors, mentioned)) in aa.sentences.into_iter().enumerate() {
            let mut ids: Vec<u32> = anchors
                .into_iter()
                .map(|k| {
                    let next = self.anchor_ids.len() as u32;
                    *self.anchor_ids.entry(k).or_insert_with_key(|k| {
                        self.anchor_names.push(k.clone());
                        self.df.push(0);
                        next
                    })
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.shrink_to_fit();
            seen.extend(&ids);
            let time = mentioned.first().copied().or(published);
            self.sents.push(Sent {
                article: ai,
                sentence: si as u32,
                outlet,
                anchors: ids,
                mentioned,
                time,
            });
        }
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            self.df[id as usize] += 1;
        }
        for (k, s) in aa.surfaces {
            self.surfaces.entry(k).or_insert(s);
        }
    }

    /// Finds the events among everything added.
    pub fn finish(self, corpus_outlets: &[String], _opts: &EventOptions) -> Vec<Event> {
        let Collector {
            entities,
            anchor_names,
            df,
            surfaces,
            sents,
            refs,
            ..
        } = self;
        find_events(
            &sents,
            &refs,
            &anchor_names,
            &df,
            &surfaces,
            corpus_outlets,
            entities,
        )
    }
}

fn find_events(
    sents: &[Sent],
    refs: &[ArticleRef],
    anchor_names: &[String],
    df: &[u32],
    surfaces: &HashMap<String, String>,
    corpus_outlets: &[String],
    registry: &EntityRegistry,
) -> Vec<Event> {
    let n = refs.len();
    // An anchor in every article of a small corpus distinguishes nothing either.
    let generic_df = if n > GENERIC_MIN_ARTICLES {
        ((n as f64) * GENERIC_SHARE).ceil() as u32
    } else if n >= 3 {
        n as u32 - 1
    } else {
        u32::MAX
    };
    let specific = |id: u32| df[id as usize] <= generic_df;

    // Postings of specific anchors and of mentioned months, in time order. A month
    // posting joins sentences that mention compatible dates in that month.
    let base = anchor_names.len() as u32;
    let mut month_ids: FxHashMap<(i32, u32), u32> = FxHashMap::default();
    let mut keys_of: Vec<Vec<u32>> = Vec::with_capacity(sents.len());
    for s in sents {
        let mut keys: Vec<u32> = Vec::new();
        if s.time.is_some() {
            keys.extend(s.anchors.iter().copied().filter(|&a| specific(a)));
            for w in &s.mentioned {
                let ym = match *w {
                    When::Day(d) => {
                        use chrono::Datelike;
                        (d.year(), d.month())
                    }
                    When::Month(y, m) => (y, m),
                };
                let next = base + month_ids.len() as u32;
                let id = *month_ids.entry(ym).or_insert(next);
                if !keys.contains(&id) {
                    keys.push(id);
                }
            }
        }
        keys_of.push(keys);
    }
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); base as usize + month_ids.len()];
    for (i, keys) in keys_of.iter().enumerate() {
        for &k in keys {
            postings[k as usize].push(i as u32);
        }
    }
    let start = |i: u32| sents[i as usize].time.map_or(i32::MAX, |t| t.span().0);
    for list in &mut postings {
        list.sort_by_key(|&i| (start(i), i));
    }

    // For each sentence, count the anchors it shares with later sentences of other
    // outlets within the window, and keep the pairs that make a link. A link's level is
    // the number of shared anchors, one less when the two are more than NEAR_DAYS apart.
    let compatible = |i: u32, j: u32| {
        let (si, sj) = (&sents[i as usize], &sents[j as usize]);
        si.mentioned
            .iter()
            .any(|a| sj.mentioned.iter().any(|b| a.gap(b) == 0))
    };
    let links_from = |range: std::ops::Range<usize>| {
        let mut local: FxHashMap<u32, u8> = FxHashMap::default();
        let mut out: Vec<(u32, u32, u8)> = Vec::new();
        for i in range {
            let i = i as u32;
            let Some(ti) = sents[i as usize].time else {
                continue;
            };
            local.clear();
            let (lo, hi) = ti.span();
            for &k in &keys_of[i as usize] {
                let list = &postings[k as usize];
                // Every list is in (time, index) order, so each pair is met once: from
                // the sentence that comes first in that order, scanning forward.
                let from = list.partition_point(|&j| (start(j), j) <= (lo, i));
                for &j in &list[from..] {
                    if start(j) > hi + WINDOW_DAYS {
                        break;
                    }
                    if sents[j as usize].outlet == sents[i as usize].outlet
                        || (k >= base && !compatible(i, j))
                    {
                        continue;
                    }
                    let e = local.entry(j).or_insert(0);
                    *e = e.saturating_add(1);
                }
            }
            for (&j, &k) in &local {
                let Some(tj) = sents[j as usize].time else {
                    continue;
                };
                let gap = ti.gap(&tj);
                if gap > WINDOW_DAYS {
                    continue;
                }
                let level = if gap <= NEAR_DAYS { k } else { k - 1 };
                if level >= 2 {
                    out.push((i, j, level));
                }
            }
        }
        out
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = sents.len().div_ceil(threads * 8).max(1);
    let ranges: Vec<std::ops::Range<usize>> = (0..sents.len())
        .step_by(chunk)
        .map(|a| a..(a + chunk).min(sents.len()))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut links: Vec<(u32, u32, u8)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let r = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(range) = ranges.get(r) else { break };
                        out.extend(links_from(range.clone()));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("event worker"))
            .collect()
    });
    links.sort_unstable();
    let mut nodes: Vec<u32> = links.iter().flat_map(|l| [l.0, l.1]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let mut groups = UnionFind((0..sents.len() as u32).collect());
    let too_big = |group: &[u32]| {
        let mut arts: Vec<u32> = group.iter().map(|&i| sents[i as usize].article).collect();
        arts.sort_unstable();
        arts.dedup();
        let (first, last) = group
            .iter()
            .filter_map(|&i| sents[i as usize].time)
            .fold((i32::MAX, i32::MIN), |(a, b), t| {
                (a.min(t.span().0), b.max(t.span().0))
            });
        arts.len() > MAX_EVENT_ARTICLES || last - first > WINDOW_DAYS
    };
    let mut members: Vec<Vec<u32>> = Vec::new();
    split(nodes, links, 2, &mut groups, &too_big, &mut members);

    let mut out = Vec::new();
    for list in members {
        let mut outlets: Vec<u32> = list.iter().map(|&i| sents[i as usize].outlet).collect();
        outlets.sort_unstable();
        outlets.dedup();
        if outlets.len() < 2 {
            continue;
        }
        out.push(build_event(
            &list,
            sents,
            refs,
            anchor_names,
            df,
            surfaces,
            &specific,
            corpus_outlets,
            registry,
        ));
    }
    out.sort_by(|a, b| {
        b.outlets
            .len()
            .cmp(&a.outlets.len())
            .then(b.passages.cmp(&a.passages))
            .then(b.date.cmp(&a.date))
            .then(a.id.cmp(&b.id))
    });
    // Ids are hashes of date and keys; keep them unique.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in &mut out {
        let k = seen.entry(e.id.clone()).or_insert(0);
        *k += 1;
        if *k > 1 {
            e.id = format!("{}-{}", e.id, k);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn build_event(
    list: &[u32],
    sents: &[Sent],
    articles: &[ArticleRef],
    anchor_names: &[String],
    df: &[u32],
    surfaces: &HashMap<String, String>,
    specific: &dyn Fn(u32) -> bool,
    corpus_outlets: &[String],
    registry: &EntityRegistry,
) -> Event {
    // Date: the day the passages mention most (by outlets), else the first report.
    let mut days: HashMap<When, Vec<u32>> = HashMap::new();
    for &i in list {
        let s = &sents[i as usize];
        for w in &s.mentioned {
            let v = days.entry(*w).or_default();
            if !v.contains(&s.outlet) {
                v.push(s.outlet);
            }
        }
    }
    let mut by_article: Vec<u32> = list.iter().map(|&i| sents[i as usize].article).collect();
    by_article.sort_unstable();
    by_article.dedup();
    let arts: Vec<&ArticleRef> = by_article.iter().map(|&a| &articles[a as usize]).collect();
    let first_published = arts
        .iter()
        .filter_map(|a| a.date.as_deref().and_then(When::parse))
        .min_by_key(|w| w.span().0);
    let date = days
        .keys()
        .map(|w| {
            let mut outlets: Vec<u32> = days
                .iter()
                .filter(|(v, _)| v.gap(w) == 0)
                .flat_map(|(_, o)| o.iter().copied())
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            (*w, outlets.len())
        })
        .filter(|(_, o)| *o >= 2)
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(matches!(a.0, When::Day(_)).cmp(&matches!(b.0, When::Day(_))))
                .then(b.0.cmp(&a.0))
        })
        .map(|(w, _)| w)
        .or(first_published);

    // Keys: the anchors most outlets share.
    let mut anchor_outlets: HashMap<u32, (Vec<u32>, usize)> = HashMap::new();
    for &i in list {
        let s = &sents[i as usize];
        for &a in &s.anchors {
            let e = anchor_outlets.entry(a).or_default();
            if !e.0.contains(&s.outlet) {
                e.0.push(s.outlet);
            }
            e.1 += 1;
        }
    }
    let n = articles.len() as f64;
    let weight = |a: u32, outlets: usize| {
        outlets as f64 * ((n + 1.0) / f64::from(df[a as usize].max(1))).ln()
    };
    let mut keys: Vec<(u32, usize, usize)> = anchor_outlets
        .into_iter()
        .map(|(a, (o, c))| (a, o.len(), c))
        .collect();
    keys.sort_by(|x, y| {
        specific(y.0)
            .cmp(&specific(x.0))
            .then(y.1.cmp(&x.1))
            .then(weight(y.0, y.1).total_cmp(&weight(x.0, x.1)))
            .then(y.2.cmp(&x.2))
            .then(anchor_names[x.0 as usize].cmp(&anchor_names[y.0 as usize]))
    });
    // Keys are what the outlets share; one outlet's anchors only fill a short label.
    let shared_keys = keys.iter().filter(|k| k.1 >= 2).count().max(1);
    let keys: Vec<String> = keys
        .iter()
        .take(shared_keys.min(6))
        .map(|k| anchor_names[k.0 as usize].clone())
        .collect();
    let display = |k: &str| -> String {
        if let Some(id) = k.strip_prefix("e:") {
            registry
                .get(id)
                .map_or_else(|| id.to_string(), |e| e.name.clone())
        } else {
            surfaces
                .get(k)
                .cloned()
                .unwrap_or_else(|| k.trim_start_matches("n:").to_string())
        }
    };
    let anchors: Vec<String> = keys.iter().map(|k| display(k)).collect();
    let mut label = anchors
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ");
    if let Some(d) = date {
        label.push_str(" — ");
        label.push_str(&d.render());
    }
    let date = date.map(|d| d.render());

    // Articles, earliest first, with their lag behind the first report.
    let mut refs: Vec<ArticleRef> = arts.iter().map(|a| (*a).clone()).collect();
    refs.sort_by(|a, b| {
        let key = |r: &ArticleRef| r.date.as_deref().and_then(When::parse).map(|w| w.span().0);
        key(a)
            .unwrap_or(i32::MAX)
            .cmp(&key(b).unwrap_or(i32::MAX))
            .then(a.outlet.cmp(&b.outlet))
            .then(a.id.cmp(&b.id))
    });
    set_lags(&mut refs);
    let mut outlets: Vec<String> = Vec::new();
    for r in &refs {
        if !outlets.contains(&r.outlet) {
            outlets.push(r.outlet.clone());
        }
    }
    let missing = missing(corpus_outlets, &outlets);
    let hash =
        blake3::hash(format!("{}|{}", date.as_deref().unwrap_or(""), keys.join("|")).as_bytes());
    Event {
        id: format!("e{}", &hash.to_hex()[..7]),
        label,
        date,
        outlets,
        passages: list.len(),
        articles: refs,
        missing,
        keys,
        anchors,
        members: list
            .iter()
            .map(|&i| {
                let s = &sents[i as usize];
                (articles[s.article as usize].id.clone(), s.sentence as usize)
            })
            .collect(),
    }
}

/// The corpus's outlets that are not among `covered`, in corpus order.
fn missing(corpus_outlets: &[String], covered: &[String]) -> Vec<String> {
    corpus_outlets
        .iter()
        .filter(|o| !covered.contains(o))
        .cloned()
        .collect()
}

/// Sets each article's lag in days behind the earliest article dated to the day.
pub fn set_lags(refs: &mut [ArticleRef]) {
    let day = |r: &ArticleRef| match r.date.as_deref().and_then(When::parse) {
        Some(When::Day(d)) => Some(d),
        _ => None,
    };
    let Some(first) = refs.iter().filter_map(day).min() else {
        return;
    };
    for r in refs.iter_mut() {
        r.lag_days = day(r).map(|d| (d - first).num_days());
    }
}
