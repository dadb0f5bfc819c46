//! Events: happenings two or more outlets report.
//!
//! The method is single-pass clustering as in Topic Detection and Tracking (Allan et
//! al. 1998; Yang et al. 1998), over the headline and lead of each article
//! ([`super::features`]):
//!
//! 1. **Vectors.** Each article is a TF-IDF vector of the stems, names, registry
//!    entities and resolved dates of its headline and lead (sublinear term frequency,
//!    headline words weighted up, IDF over the articles being grouped), of unit length.
//! 2. **Time.** Articles are read in order of publication. An event's coverage starts
//!    with its first report; an article joins an event only within [`EVENT_DAYS`] days
//!    of it. An undated article is placed by the latest date its lead mentions, or not
//!    at all.
//! 3. **Joining.** An article joins the event it is most similar to, by group average
//!    (its mean cosine with the event's articles), when that is at least [`JOIN`];
//!    otherwise it starts an event of its own. Group average, not nearest neighbour:
//!    an article must resemble the story as a whole, so a chain of stories that each
//!    share a word with the next is never one event. Every article is then placed
//!    once more against the events of the first pass ([`REFINE_PASSES`]), so the first
//!    report is judged against its whole event too.
//! 4. **Events.** A group told by two or more outlets is an event. An article belongs
//!    to at most one. Its date is its first report's; its label the headline most
//!    like the others (the most central); its keys the names, entities and words its
//!    outlets share; its missing outlets those that published a related article
//!    within [`RELATED_DAYS`] days of it and did not report it.
//!
//! The parameters were chosen on the AllSides roundups (`benches/roundups.py`; see
//! BENCHMARKS.md), each with the reason for its scale given where it is defined.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use super::features::{FeatureSet, Features, all_features};
use super::mentions::When;
use super::{ArticleRef, Event, Window};
use crate::error::Result;
use crate::index::DigestIndex;
use crate::text::EntityRegistry;

/// An article joins an event only this many days after its first report: news reports
/// a happening within a few days; later pieces are follow-ups, a story of their own.
pub const EVENT_DAYS: i32 = 1;
/// Least group-average cosine for an article to join an event (chosen on the
/// roundups: the best B-cubed F1, and precision above 0.9).
pub const JOIN: f32 = 0.18;
/// The background corpus (`data/background.tsv`) counts as this many articles when
/// estimating how common a key is, and the articles being grouped as at most as many:
/// a few days' news leans on the background, a large corpus weighs as much as it. (On
/// the roundups F1 moves by less than 0.01 between 300 and 10,000.)
pub const BACKGROUND: f64 = 1000.0;
/// Passes that place every article again against the events found.
pub const REFINE_PASSES: usize = 1;
/// Missing outlets: those with an article this many days either side of the first
/// report ...
pub const RELATED_DAYS: i32 = 7;
/// ... whose group-average cosine with the event is at least this: the same kind of
/// story, though not (or not found to be) the same happening.
pub const RELATED: f32 = 0.08;
/// A key read when looking for an article's earlier neighbours scans at most this many
/// articles back, so one enormous story costs a bounded amount per article.
const MAX_SCAN: usize = 64;
/// An event is weighed for an article only when this many of the article's look-up
/// keys lead to it: one shared word is never enough for a mean cosine of [`JOIN`].
const MIN_HITS: u32 = 2;
/// Rounds of merging alike events (each merges every event with its best match).
const MERGE_ROUNDS: usize = 3;
/// An article is looked up by its this many heaviest keys: one that shares none of
/// them with an event is too unlike it to join (its cosine is mostly made of them).
const LOOKUP_KEYS: usize = 12;
/// Related articles are looked up by an event's this many strongest keys, at most
/// [`MISSING_SCAN`] articles either side of its first report per key.
const MISSING_KEYS: usize = 4;
/// See [`MISSING_KEYS`].
const MISSING_SCAN: usize = 24;
/// Keys an event lists at most.
const MAX_KEYS: usize = 8;

/// Options for event detection.
#[derive(Debug, Clone, Default)]
pub struct EventOptions {}

/// The name of the file, beside the index, that keeps the last grouping
/// (`digest-events-state.cache`, see [`DigestIndex::cache_path`]): the events, the
/// articles they were found among and the commit they were found at.
pub const STATE: &str = "events-state";

/// Prefix of the cache that keeps the events of the last period asked for.
const WINDOW_CACHE: &str = "events-window-";

/// Version of the method; bump it when a change alters what events are found, so caches
/// written by an earlier build are recomputed.
const METHOD: &str = "events-8";

/// Events as they are written down: each with its passages, which `Event` itself does
/// not serialise.
type Stored = Vec<(Event, Vec<(String, usize)>)>;

fn store(events: &[Event]) -> Stored {
    events
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let members = std::mem::take(&mut e.members);
            (e, members)
        })
        .collect()
}

fn restore(stored: Stored) -> Vec<Event> {
    stored
        .into_iter()
        .map(|(mut e, members)| {
            e.members = members;
            e
        })
        .collect()
}

/// The events of a period, kept until the next commit.
#[derive(serde::Serialize, serde::Deserialize)]
struct Cache {
    method: String,
    events: Stored,
}

/// Every event in the index, most widely covered first.
///
/// The articles' features are kept per segment ([`super::features`]), so only what
/// changed since the last call is read; the last grouping is kept as [`STATE`]: it is
/// the answer until the next commit, and the start of the next grouping after it (see
/// [`update`]). A file that cannot be written (a read-only directory) is simply not
/// kept.
pub fn events(index: &DigestIndex, _opts: &EventOptions) -> Result<Vec<Event>> {
    let generation = index.generation()?;
    let state = match read_state(index) {
        Some(state) if state.generation == generation => return Ok(restore(state.events)),
        other => other,
    };
    let features = all_features(index)?;
    let registry = &index.registries().entities;
    let events = state
        .and_then(|state| update(&features, state, registry))
        .unwrap_or_else(|| detect(&features, registry));
    write_state(index, generation, &features, &events);
    Ok(events)
}

/// Keeps `events` as the derived cache `name` (see [`DigestIndex::write_cache`]).
fn keep(index: &DigestIndex, name: &str, events: &[Event]) {
    let cache = Cache {
        method: METHOD.to_string(),
        events: store(events),
    };
    if let Ok(json) = serde_json::to_vec(&cache) {
        let _ = index.write_cache(name, &json);
    }
}

/// Removes the kept events of earlier periods.
fn forget_windows(index: &DigestIndex) {
    let prefix = format!("digest-{WINDOW_CACHE}");
    if let Ok(entries) = std::fs::read_dir(index.path()) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The events of a window: with a period, found among the articles published in it
/// (a few days' news is grouped without reading the rest of the corpus); told by at
/// least one of its outlets, when it names some.
pub fn events_in(index: &DigestIndex, window: &Window) -> Result<Vec<Event>> {
    let mut events = if window.since.is_none() && window.until.is_none() {
        events(index, &EventOptions::default())?
    } else {
        // The last period asked for is kept until the next commit, so comparing one of
        // its events does not find them again.
        let name = format!(
            "{WINDOW_CACHE}{}_{}",
            window.since.as_deref().unwrap_or(""),
            window.until.as_deref().unwrap_or("")
        );
        if let Some(bytes) = index.read_cache(&name)
            && let Ok(cache) = serde_json::from_slice::<Cache>(&bytes)
            && cache.method == METHOD
        {
            restore(cache.events)
        } else {
            let features = super::features::window_features(index, window)?;
            let found = detect(&features, &index.registries().entities);
            forget_windows(index);
            keep(index, &name, &found);
            found
        }
    };
    events.retain(|e| window.admits(e));
    Ok(events)
}

/// Finds the events among articles' features.
pub fn detect(set: &FeatureSet, registry: &EntityRegistry) -> Vec<Event> {
    let vectors = Vectors::new(set);
    let order = vectors.order();
    let postings = vectors.postings(&order);
    let groups = vectors.cluster(&order, &postings);
    let mut out = vectors.describe(groups, &order, &postings, registry);
    sort_events(&mut out);
    out
}

/// Most widely covered first, then most articles, latest, by id.
fn sort_events(out: &mut [Event]) {
    out.sort_by(|a, b| {
        b.outlets
            .len()
            .cmp(&a.outlets.len())
            .then(b.articles.len().cmp(&a.articles.len()))
            .then(b.date.cmp(&a.date))
            .then(a.id.cmp(&b.id))
    });
}

/// What the last grouping found, kept beside the index across commits so the next one
/// only regroups around what changed (see [`update`]).
#[derive(serde::Serialize, serde::Deserialize)]
struct State {
    method: String,
    /// The index's generation when it was grouped.
    generation: String,
    /// Every article id grouped then.
    ids: Vec<String>,
    events: Stored,
}

/// Articles regrouped either side of a changed one, in days: an article joins within
/// [`EVENT_DAYS`] of a first report, and the second pass and the merge look as far
/// again.
const REACH: i32 = 2 * EVENT_DAYS + 1;
/// Above this share of the articles changed, everything is regrouped.
const UPDATE_SHARE: usize = 5;

fn read_state(index: &DigestIndex) -> Option<State> {
    let bytes = std::fs::read(index.cache_path(STATE)).ok()?;
    serde_json::from_slice::<State>(&bytes)
        .ok()
        .filter(|s| s.method == METHOD)
}

fn write_state(index: &DigestIndex, generation: String, set: &FeatureSet, events: &[Event]) {
    let state = State {
        method: METHOD.to_string(),
        generation,
        ids: set.docs.iter().map(|f| f.article.id.clone()).collect(),
        events: store(events),
    };
    if let Ok(json) = serde_json::to_vec(&state) {
        let _ = crate::index::write_atomically(&index.cache_path(STATE), &[&json]);
    }
}

/// The events of `set` from those of the last grouping (`state`): the articles within
/// [`REACH`] days of an added or removed one, and of the events they touch, are
/// grouped again; the other events are kept as they were (their missing outlets
/// included). `None` when too much changed to be worth it.
fn update(set: &FeatureSet, state: State, registry: &EntityRegistry) -> Option<Vec<Event>> {
    let before: rustc_hash::FxHashSet<&str> = state.ids.iter().map(String::as_str).collect();
    let now: FxHashMap<&str, usize> = set
        .docs
        .iter()
        .enumerate()
        .map(|(i, f)| (f.article.id.as_str(), i))
        .collect();
    let added: Vec<usize> = (0..set.docs.len())
        .filter(|&i| !before.contains(set.docs[i].article.id.as_str()))
        .collect();
    let removed = state
        .ids
        .iter()
        .filter(|id| !now.contains_key(id.as_str()))
        .count();
    if added.is_empty() && removed == 0 {
        return Some(restore(state.events));
    }
    if (added.len() + removed) * UPDATE_SHARE > set.docs.len() {
        return None;
    }
    let vectors = Vectors::new(set);
    let order = vectors.order();
    // The days to regroup: around each added article, and around each event that lost one.
    let mut ranges: Vec<(i32, i32)> = added
        .iter()
        .filter_map(|&i| vectors.time[i])
        .map(|t| (t - REACH, t + REACH))
        .collect();
    let span = |e: &Event| -> Option<(i32, i32)> {
        let times: Vec<i32> = e
            .articles
            .iter()
            .filter_map(|a| now.get(a.id.as_str()).and_then(|&i| vectors.time[i]))
            .collect();
        Some((*times.iter().min()?, *times.iter().max()?))
    };
    let mut touched = vec![false; state.events.len()];
    for (i, (e, _)) in state.events.iter().enumerate() {
        if e.articles.iter().any(|a| !now.contains_key(a.id.as_str())) {
            touched[i] = true;
            if let Some((a, b)) = span(e) {
                ranges.push((a - REACH, b + REACH));
            }
        }
    }
    // An event the days reach is regrouped whole (its own days join them), which may
    // reach further events.
    loop {
        let mut grew = false;
        for (i, (e, _)) in state.events.iter().enumerate() {
            if touched[i] {
                continue;
            }
            let Some((a, b)) = span(e) else { continue };
            if ranges.iter().any(|&(x, y)| a <= y && b >= x) {
                touched[i] = true;
                ranges.push((a, b));
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    let within = |t: i32| {
        let at = merged.partition_point(|r| r.1 < t);
        merged.get(at).is_some_and(|r| r.0 <= t)
    };
    let sub: Vec<u32> = order
        .iter()
        .copied()
        .filter(|&i| vectors.time[i as usize].is_some_and(within))
        .collect();
    if sub.len() * 2 > order.len() {
        return None;
    }
    let sub_postings = vectors.postings(&sub);
    let groups = vectors.cluster(&sub, &sub_postings);
    // Missing outlets look a week either side.
    let near = |t: i32| {
        let at = merged.partition_point(|r| r.1 + RELATED_DAYS < t);
        merged.get(at).is_some_and(|r| r.0 - RELATED_DAYS <= t)
    };
    let wide: Vec<u32> = order
        .iter()
        .copied()
        .filter(|&i| vectors.time[i as usize].is_some_and(near))
        .collect();
    let wide_postings = vectors.postings(&wide);
    let mut out = vectors.describe(groups, &wide, &wide_postings, registry);
    let kept = state
        .events
        .into_iter()
        .zip(touched)
        .filter(|(_, t)| !t)
        .map(|(e, _)| e)
        .collect();
    out.extend(restore(kept));
    sort_events(&mut out);
    Some(out)
}

/// The articles as unit TF-IDF vectors, with postings of their keys in time order.
struct Vectors<'f> {
    features: &'f [Features],
    keys: &'f [String],
    df: Vec<u32>,
    /// Per article: (key, weight), sorted by key, of unit length; article `i`'s are
    /// `weights[starts[i]..starts[i + 1]]`.
    weights: Vec<(u32, f32)>,
    starts: Vec<u32>,
    /// Per article: when it is placed (first day), if it can be.
    time: Vec<Option<i32>>,
}

impl<'f> Vectors<'f> {
    fn new(set: &'f FeatureSet) -> Vectors<'f> {
        let mut df: Vec<u32> = vec![0; set.keys.len()];
        for f in &set.docs {
            for t in &f.terms {
                df[t.0 as usize] += 1;
            }
        }
        // IDF smoothed with the background corpus: its articles count as BACKGROUND
        // more, holding each key as often as the background's do. On a small set the
        // background keeps a key all five articles share (`lunar`) from counting as
        // common as `the`.
        let bg = crate::bundled::background();
        // The set's own counts weigh as at most BACKGROUND articles, so a set that one
        // story fills (ten thousand reports of a dam failure) cannot make that story's
        // own words look as common as `the`.
        let size = set.docs.len() as f64;
        let weight = size.min(BACKGROUND) / size.max(1.0);
        let scale = BACKGROUND / f64::from(bg.articles.max(1));
        let n = size * weight + BACKGROUND;
        let idf: Vec<f32> = set
            .keys
            .iter()
            .zip(&df)
            .map(|(k, &d)| {
                let prior = bg.df.get(k.as_str()).map_or(0.0, |&b| f64::from(b) * scale);
                ((n + 1.0) / (f64::from(d) * weight + prior)).ln().max(0.0) as f32
            })
            .collect();
        // Each article's vector, on every core; then one array of them all.
        let vector = |f: &Features| -> Vec<(u32, f32)> {
            let mut v: Vec<(u32, f32)> = f
                .terms
                .iter()
                .map(|&(k, w, _)| (k, (1.0 + w.ln()) * idf[k as usize]))
                .filter(|x| x.1 > 0.0)
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                for x in v.iter_mut() {
                    x.1 /= norm;
                }
            }
            v
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = set.docs.len().div_ceil(threads).max(1);
        // Per thread: its articles' weights, one after the other, and where each ends.
        type Part = (Vec<(u32, f32)>, Vec<u32>);
        let parts: Vec<Part> = std::thread::scope(|scope| {
            let handles: Vec<_> = set
                .docs
                .chunks(chunk)
                .map(|part| {
                    let vector = &vector;
                    scope.spawn(move || {
                        let mut weights = Vec::new();
                        let mut ends = Vec::with_capacity(part.len());
                        for f in part {
                            weights.extend(vector(f));
                            ends.push(weights.len() as u32);
                        }
                        (weights, ends)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("event worker"))
                .collect()
        });
        let mut weights: Vec<(u32, f32)> =
            Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut starts: Vec<u32> = Vec::with_capacity(set.docs.len() + 1);
        starts.push(0);
        for (w, ends) in parts {
            let base = weights.len() as u32;
            weights.extend(w);
            starts.extend(ends.into_iter().map(|e| base + e));
        }
        let time = set
            .docs
            .iter()
            .map(|f| {
                f.span.map(|s| s.0).or_else(|| {
                    // Undated: the latest day or month the lead mentions.
                    f.terms
                        .iter()
                        .filter_map(|t| set.keys[t.0 as usize].strip_prefix("d:"))
                        .filter_map(When::parse)
                        .map(|w| w.span().0)
                        .max()
                })
            })
            .collect();
        Vectors {
            features: &set.docs,
            keys: &set.keys,
            df,
            weights,
            starts,
            time,
        }
    }

    /// Article `i`'s vector.
    fn vector(&self, i: usize) -> &[(u32, f32)] {
        &self.weights[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Placeable articles in order of publication (then id).
    fn order(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.features.len() as u32)
            .filter(|&i| self.time[i as usize].is_some())
            .collect();
        order.sort_by(|&a, &b| {
            self.time[a as usize]
                .cmp(&self.time[b as usize])
                .then_with(|| {
                    self.features[a as usize]
                        .article
                        .id
                        .cmp(&self.features[b as usize].article.id)
                })
        });
        order
    }

    /// Postings of look-up keys, in time order: each article is posted under its
    /// [`LOOKUP_KEYS`] heaviest keys that are not its own alone. A key many articles
    /// share costs no more: it is read at most [`MAX_SCAN`] articles back.
    fn postings(&self, order: &[u32]) -> Postings {
        let mut lookup: Vec<u32> = Vec::with_capacity(order.len() * LOOKUP_KEYS);
        let mut lookup_starts: Vec<u32> = Vec::with_capacity(order.len() + 1);
        lookup_starts.push(0);
        let mut keys: Vec<(u32, f32)> = Vec::new();
        let mut counts: Vec<u32> = vec![0; self.keys.len() + 1];
        for &i in order {
            keys.clear();
            keys.extend(
                self.vector(i as usize)
                    .iter()
                    .copied()
                    .filter(|&(k, _)| self.df[k as usize] >= 2),
            );
            keys.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for &(k, _) in keys.iter().take(LOOKUP_KEYS) {
                lookup.push(k);
                counts[k as usize + 1] += 1;
            }
            lookup_starts.push(lookup.len() as u32);
        }
        // Each key's articles, in time order, one after the other.
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let starts = counts.clone();
        let mut data = vec![0u32; lookup.len()];
        for pos in 0..order.len() {
            for &k in &lookup[lookup_starts[pos] as usize..lookup_starts[pos + 1] as usize] {
                data[counts[k as usize] as usize] = pos as u32;
                counts[k as usize] += 1;
            }
        }
        Postings {
            starts,
            data,
            lookup_starts,
            lookup,
        }
    }

    /// Single-pass clustering with refinement; returns the groups (article indices,
    /// in time order) of two or more articles.
    fn cluster(&self, order: &[u32], index: &Postings) -> Vec<Vec<u32>> {
        let time = |pos: u32| self.time[order[pos as usize] as usize].unwrap_or(i32::MAX);
        let mut cluster_of: Vec<u32> = vec![u32::MAX; order.len()];
        let mut clusters: Vec<Group> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut hits: Vec<u32> = Vec::new();
        let mut stamp = 0u32;
        let mut candidates: Vec<u32> = Vec::new();
        // Candidate events of the article at `pos`: those of articles sharing a look-up
        // key, published within EVENT_DAYS before it (or, when refining, after it).
        let mut find = |pos: u32,
                        cluster_of: &[u32],
                        clusters: &[Group],
                        both_ways: bool,
                        out: &mut Vec<u32>| {
            out.clear();
            stamp += 1;
            seen.resize(clusters.len().max(seen.len()), 0);
            hits.resize(seen.len(), 0);
            let t = time(pos);
            for &k in index.lookup(pos) {
                let list = index.list(k);
                if list.is_empty() {
                    continue;
                }
                let at = list.partition_point(|&p| p < pos);
                let mut visit = |p: u32| {
                    let c = cluster_of[p as usize];
                    if c == u32::MAX {
                        return;
                    }
                    if seen[c as usize] != stamp {
                        seen[c as usize] = stamp;
                        hits[c as usize] = 0;
                    }
                    hits[c as usize] += 1;
                    if hits[c as usize] == MIN_HITS {
                        out.push(c);
                    }
                };
                for &p in list[..at].iter().rev().take(MAX_SCAN) {
                    if t - time(p) > EVENT_DAYS {
                        break;
                    }
                    visit(p);
                }
                if both_ways {
                    for &p in list[at..].iter().filter(|&&p| p != pos).take(MAX_SCAN) {
                        if time(p) - t > EVENT_DAYS {
                            break;
                        }
                        visit(p);
                    }
                }
            }
        };
        let best = |pos: u32, cands: &[u32], clusters: &[Group], own: Option<u32>| {
            let i = order[pos as usize] as usize;
            let t = time(pos);
            let v = &self.vector(i);
            let mut best: Option<(f32, u32)> = None;
            for &c in cands {
                let g = &clusters[c as usize];
                let alone = Some(c) == own;
                let size = g.size - u32::from(alone);
                if size == 0 || (t - g.first).abs() > EVENT_DAYS && !alone {
                    continue;
                }
                let mut dot = g.dot(v);
                if alone {
                    dot -= 1.0; // its own contribution (unit vector)
                }
                let sim = dot / size as f32;
                if sim >= JOIN && best.is_none_or(|(s, b)| sim > s || (sim == s && c < b)) {
                    best = Some((sim, c));
                }
            }
            best.map(|b| b.1)
        };
        for pos in 0..order.len() as u32 {
            find(pos, &cluster_of, &clusters, false, &mut candidates);
            let i = order[pos as usize] as usize;
            let c = match best(pos, &candidates, &clusters, None) {
                Some(c) => c,
                None => {
                    clusters.push(Group::new(time(pos)));
                    clusters.len() as u32 - 1
                }
            };
            clusters[c as usize].add(self.vector(i));
            cluster_of[pos as usize] = c;
        }
        for _ in 0..REFINE_PASSES {
            let mut moved = false;
            for pos in 0..order.len() as u32 {
                let own = cluster_of[pos as usize];
                find(pos, &cluster_of, &clusters, true, &mut candidates);
                if !candidates.contains(&own) {
                    candidates.push(own);
                }
                let i = order[pos as usize] as usize;
                let target = best(pos, &candidates, &clusters, Some(own));
                if target == Some(own) || (target.is_none() && clusters[own as usize].size == 1) {
                    continue;
                }
                clusters[own as usize].remove(self.vector(i));
                let c = match target {
                    Some(c) => c,
                    None => {
                        clusters.push(Group::new(time(pos)));
                        clusters.len() as u32 - 1
                    }
                };
                clusters[c as usize].add(self.vector(i));
                cluster_of[pos as usize] = c;
                moved = true;
            }
            if !moved {
                break;
            }
        }
        self.merge(order, index, &mut cluster_of, &mut clusters);
        let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (pos, &c) in cluster_of.iter().enumerate() {
            groups.entry(c).or_default().push(order[pos]);
        }
        groups.into_values().filter(|g| g.len() >= 2).collect()
    }

    /// Merges events that, as wholes, are as alike as an article must be to join one
    /// (group average at least [`JOIN`], first reports within [`EVENT_DAYS`]): reading
    /// in time order can start a story twice before its wording settles, and no article
    /// alone is then like enough to move. Best pairs first, until none is left.
    fn merge(
        &self,
        order: &[u32],
        index: &Postings,
        cluster_of: &mut [u32],
        clusters: &mut [Group],
    ) {
        let time = |pos: u32| self.time[order[pos as usize] as usize].unwrap_or(i32::MAX);
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); clusters.len()];
        for (pos, &c) in cluster_of.iter().enumerate() {
            members[c as usize].push(pos as u32);
        }
        let mut keys: Vec<(u32, f32)> = Vec::new();
        let mut seen: Vec<u32> = vec![u32::MAX; clusters.len()];
        for _ in 0..MERGE_ROUNDS {
            let mut merged = false;
            for a in 0..clusters.len() {
                if clusters[a].size < 2 {
                    continue;
                }
                let first = clusters[a].first;
                keys.clear();
                keys.extend_from_slice(&clusters[a].sum);
                keys.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                let mut best: Option<(f32, usize)> = None;
                for &(k, _) in keys.iter().take(LOOKUP_KEYS) {
                    let list = index.list(k);
                    let from = list.partition_point(|&p| time(p) < first - EVENT_DAYS);
                    let to = list.partition_point(|&p| time(p) <= first + EVENT_DAYS);
                    for &p in list[from..to].iter().take(MAX_SCAN) {
                        let b = cluster_of[p as usize] as usize;
                        let other = &clusters[b];
                        if b == a
                            || seen[b] == a as u32
                            || other.size < 2
                            || (other.first - first).abs() > EVENT_DAYS
                        {
                            continue;
                        }
                        seen[b] = a as u32;
                        let sim = clusters[a].dot(&other.sum)
                            / (clusters[a].size as f32 * other.size as f32);
                        if sim >= JOIN && best.is_none_or(|(s, c)| sim > s || (sim == s && b < c)) {
                            best = Some((sim, b));
                        }
                    }
                }
                if let Some((_, b)) = best {
                    let taken = std::mem::replace(&mut clusters[b], Group::new(0));
                    clusters[a].absorb(taken);
                    for pos in std::mem::take(&mut members[b]) {
                        cluster_of[pos as usize] = a as u32;
                        members[a].push(pos);
                    }
                    merged = true;
                }
            }
            if !merged {
                break;
            }
        }
    }

    /// The events of the groups told by two or more outlets, described on every core;
    /// `order` and `postings` are those of every article (for the missing outlets).
    fn describe(
        &self,
        groups: Vec<Vec<u32>>,
        order: &[u32],
        postings: &Postings,
        registry: &EntityRegistry,
    ) -> Vec<Event> {
        let features = self.features;
        let groups: Vec<Vec<u32>> = groups
            .into_iter()
            .filter(|members| {
                let mut outlets: Vec<&str> = members
                    .iter()
                    .map(|&i| features[i as usize].article.outlet.as_str())
                    .collect();
                outlets.sort_unstable();
                outlets.dedup();
                outlets.len() >= 2
            })
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = groups.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|members| self.build_event(members, order, postings, registry))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("event worker"))
                .collect()
        })
    }

    /// The event of a group of articles (indices into the features).
    fn build_event(
        &self,
        members: &[u32],
        order: &[u32],
        postings: &Postings,
        registry: &EntityRegistry,
    ) -> Event {
        let mut sum = Group::new(0);
        for &i in members {
            sum.add(self.vector(i as usize));
        }
        let n = members.len() as f32;
        // Label: the most central headline, the one most like the others; among equals
        // (two articles are equally like each other), the first report's.
        let centrality = |i: u32| sum.dot(self.vector(i as usize));
        let when = |i: u32| (self.time[i as usize], &self.features[i as usize].article.id);
        let central = members
            .iter()
            .copied()
            .reduce(|best, i| {
                let (a, b) = (centrality(i), centrality(best));
                if a > b + 1e-4 || ((a - b).abs() <= 1e-4 && when(i) < when(best)) {
                    i
                } else {
                    best
                }
            })
            .unwrap_or(members[0]);
        let label = self.features[central as usize]
            .article
            .title
            .trim()
            .to_string();

        // Keys: what the articles of two or more outlets share, by their weight in the
        // event; names and entities before words as they say most to a reader.
        let mut by_key: FxHashMap<u32, (f32, Vec<&str>)> = FxHashMap::default();
        for &i in members {
            let outlet = self.features[i as usize].article.outlet.as_str();
            for &(k, w) in self.vector(i as usize) {
                let e = by_key.entry(k).or_default();
                e.0 += w;
                if !e.1.contains(&outlet) {
                    e.1.push(outlet);
                }
            }
        }
        let mut shared: Vec<(u32, f32)> = by_key
            .into_iter()
            .filter(|(_, (_, o))| o.len() >= 2)
            .map(|(k, (w, _))| (k, w))
            .collect();
        shared.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.keys[a.0 as usize].cmp(&self.keys[b.0 as usize]))
        });
        shared.truncate(MAX_KEYS);
        let keys: Vec<String> = shared
            .iter()
            .map(|(k, _)| self.keys[*k as usize].clone())
            .collect();
        let anchors: Vec<String> = keys
            .iter()
            .filter_map(|k| {
                if let Some(id) = k.strip_prefix("e:") {
                    return Some(
                        registry
                            .get(id)
                            .map_or_else(|| id.to_string(), |e| e.name.clone()),
                    );
                }
                k.starts_with("n:").then(|| {
                    members
                        .iter()
                        .find_map(|&i| {
                            self.features[i as usize]
                                .names
                                .iter()
                                .find(|(nk, _)| self.keys[*nk as usize] == *k)
                                .map(|(_, s)| s.clone())
                        })
                        .unwrap_or_else(|| k[2..].to_string())
                })
            })
            .collect();

        // Passages: the lead sentences that hold a key.
        let mut passages: Vec<(String, usize)> = Vec::new();
        for &i in members {
            let f = &self.features[i as usize];
            let mask = f
                .terms
                .iter()
                .filter(|t| keys.contains(&self.keys[t.0 as usize]))
                .fold(0u32, |m, t| m | t.2);
            for s in 0..32 {
                if mask & (1 << s) != 0 {
                    passages.push((f.article.id.clone(), s));
                }
            }
        }

        // Articles, earliest first, with their lag behind the first report.
        let mut refs: Vec<ArticleRef> = members
            .iter()
            .map(|&i| self.features[i as usize].article.clone())
            .collect();
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
        // Dated by its first report; when no article is dated, by the latest day the
        // first of them mentions (which placed it).
        let date = refs.iter().find_map(|r| r.date.clone()).or_else(|| {
            let first = members.iter().min_by_key(|&&i| self.time[i as usize])?;
            self.features[*first as usize]
                .terms
                .iter()
                .filter_map(|t| self.keys[t.0 as usize].strip_prefix("d:"))
                .max_by_key(|d| When::parse(d).map(|w| w.span().0))
                .map(str::to_string)
        });
        let first = members
            .iter()
            .filter_map(|&i| self.time[i as usize])
            .min()
            .unwrap_or(0);
        let lookup: Vec<u32> = shared.iter().map(|(k, _)| *k).take(MISSING_KEYS).collect();
        let missing = self.missing(&sum, n, first, &outlets, order, postings, &lookup);
        let mut ids: Vec<&str> = refs.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let hash = blake3::hash(ids.join("|").as_bytes());
        Event {
            id: format!("e{}", &hash.to_hex()[..7]),
            label,
            date,
            outlets,
            passages: passages.len(),
            articles: refs,
            missing,
            keys,
            anchors,
            members: passages,
        }
    }

    /// Outlets expected to cover an event: those that published a related article
    /// (group-average cosine at least [`RELATED`]) within [`RELATED_DAYS`] of its first
    /// report, most related first.
    #[allow(clippy::too_many_arguments)]
    fn missing(
        &self,
        sum: &Group,
        n: f32,
        first: i32,
        covered: &[String],
        order: &[u32],
        postings: &Postings,
        keys: &[u32],
    ) -> Vec<String> {
        let time = |pos: u32| self.time[order[pos as usize] as usize].unwrap_or(i32::MAX);
        let mut seen: rustc_hash::FxHashSet<u32> = Default::default();
        let mut best: HashMap<&str, f32> = HashMap::new();
        for &k in keys {
            let list = postings.list(k);
            let from = list.partition_point(|&p| time(p) < first - RELATED_DAYS);
            let to = list.partition_point(|&p| time(p) <= first + RELATED_DAYS);
            // A key of a busy week is read around the first report only.
            let at = list.partition_point(|&p| time(p) < first).clamp(from, to);
            let from = at.saturating_sub(MISSING_SCAN).max(from);
            let to = (at + MISSING_SCAN).min(to);
            for &pos in &list[from..to] {
                if !seen.insert(pos) {
                    continue;
                }
                let i = order[pos as usize] as usize;
                let outlet = self.features[i].article.outlet.as_str();
                if covered.iter().any(|o| o == outlet) {
                    continue;
                }
                let sim = sum.dot(self.vector(i)) / n;
                if sim >= RELATED {
                    let e = best.entry(outlet).or_insert(0.0);
                    *e = e.max(sim);
                }
            }
        }
        let mut list: Vec<(&str, f32)> = best.into_iter().collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        list.into_iter().map(|(o, _)| o.to_string()).collect()
    }
}

/// Look-up keys in time order: each key's articles (positions in time order), and
/// each article's look-up keys.
struct Postings {
    /// Key `k`'s articles are `data[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    data: Vec<u32>,
    /// The article at position `p`'s keys are `lookup[lookup_starts[p]..lookup_starts[p + 1]]`.
    lookup_starts: Vec<u32>,
    lookup: Vec<u32>,
}

impl Postings {
    fn list(&self, key: u32) -> &[u32] {
        &self.data[self.starts[key as usize] as usize..self.starts[key as usize + 1] as usize]
    }
    fn lookup(&self, pos: u32) -> &[u32] {
        &self.lookup[self.lookup_starts[pos as usize] as usize
            ..self.lookup_starts[pos as usize + 1] as usize]
    }
}

/// An event being built: the sum of its articles' vectors (sorted by key), its size and
/// first day.
struct Group {
    sum: Vec<(u32, f32)>,
    size: u32,
    first: i32,
}

impl Group {
    fn new(first: i32) -> Group {
        Group {
            sum: Vec::new(),
            size: 0,
            first,
        }
    }
    fn add(&mut self, v: &[(u32, f32)]) {
        if self.sum.is_empty() {
            self.sum.extend_from_slice(v);
        } else {
            let mut merged = Vec::with_capacity(self.sum.len() + v.len());
            let (mut i, mut j) = (0, 0);
            while i < self.sum.len() && j < v.len() {
                let (a, b) = (self.sum[i], v[j]);
                match a.0.cmp(&b.0) {
                    std::cmp::Ordering::Less => {
                        merged.push(a);
                        i += 1;
                    }
                    std::cmp::Ordering::Greater => {
                        merged.push(b);
                        j += 1;
                    }
                    std::cmp::Ordering::Equal => {
                        merged.push((a.0, a.1 + b.1));
                        i += 1;
                        j += 1;
                    }
                }
            }
            merged.extend_from_slice(&self.sum[i..]);
            merged.extend_from_slice(&v[j..]);
            self.sum = merged;
        }
        self.size += 1;
    }
    /// Takes in every article of `other`.
    fn absorb(&mut self, other: Group) {
        let size = self.size + other.size;
        self.add(&other.sum);
        self.size = size;
        self.first = self.first.min(other.first);
    }
    fn remove(&mut self, v: &[(u32, f32)]) {
        for &(k, w) in v {
            if let Ok(at) = self.sum.binary_search_by_key(&k, |x| x.0) {
                self.sum[at].1 -= w;
            }
        }
        self.size -= 1;
    }
    /// The sum of the cosines of `v` (sorted by key) with the group's articles.
    fn dot(&self, v: &[(u32, f32)]) -> f32 {
        let s = &self.sum;
        if s.len() > 8 * v.len() {
            return v
                .iter()
                .filter_map(|&(k, w)| {
                    s.binary_search_by_key(&k, |x| x.0)
                        .ok()
                        .map(|at| s[at].1 * w)
                })
                .sum();
        }
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < s.len() && j < v.len() {
            match s[i].0.cmp(&v[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += s[i].1 * v[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::index::writer::{IngestOptions, ingest_paths};

    /// A made-up name of its own for each `k` (`Tavrossen`, `Molikdar`…).
    fn name(k: usize, salt: usize) -> String {
        const FIRST: [&str; 8] = ["Tav", "Mol", "Ker", "Zun", "Bris", "Ald", "Quen", "Hor"];
        const MID: [&str; 8] = ["ro", "ik", "an", "el", "ut", "im", "os", "ev"];
        const LAST: [&str; 4] = ["ssen", "dar", "wick", "mont"];
        let k = k * 3 + salt;
        format!("{}{}{}", FIRST[k % 8], MID[(k / 8) % 8], LAST[(k / 64) % 4])
    }

    /// Story `k`, as told by outlet `o`, dated a day per two stories from 2021-01-01:
    /// one of eight kinds of story, so stories of neighbouring days differ.
    fn article(k: usize, o: usize) -> String {
        const KINDS: [(&str, &str, &str); 8] = [
            ("bridge opens", "opened the new bridge", "bridge was opened"),
            (
                "fire destroys warehouse",
                "watched firefighters fight the warehouse blaze",
                "warehouse burned down",
            ),
            (
                "dockers strike",
                "met striking dock workers",
                "dock strike began",
            ),
            (
                "river floods town",
                "toured the flooded streets",
                "river burst its banks",
            ),
            (
                "trial of treasurer begins",
                "testified at the treasurer's fraud trial",
                "fraud trial opened",
            ),
            (
                "brewery merger agreed",
                "approved the brewery merger",
                "breweries agreed to merge",
            ),
            (
                "satellite launched",
                "watched the weather satellite launch",
                "satellite reached orbit",
            ),
            (
                "harvest festival returns",
                "crowned the harvest festival queen",
                "festival drew record crowds",
            ),
        ];
        let (who, place) = (name(k, 0), name(k, 1));
        let (title, did, done) = KINDS[k % 8];
        let day = 1 + k / 2;
        let outlet = ["Velmora Herald", "Coastal Courier"][o];
        let lead = if o == 0 {
            format!("Mayor {who} {did} at {place} on Monday.")
        } else {
            format!("In {place}, the {done} on Monday, mayor {who} said.")
        };
        format!("Title: {place} {title}\nOutlet: {outlet}\nDate: 2021-01-{day:02}\n\n{lead}\n")
    }

    fn groups(events: &[Event]) -> BTreeSet<Vec<String>> {
        events
            .iter()
            .map(|e| {
                let mut ids: Vec<String> = e.articles.iter().map(|a| a.id.clone()).collect();
                ids.sort();
                ids
            })
            .collect()
    }

    /// Regrouping around what an ingest added gives what grouping afresh gives.
    #[test]
    fn an_update_regroups_around_what_changed_as_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let index = DigestIndex::open(&dir.path().join("index")).unwrap();
        let registry = crate::bundled::entities();
        let write = |name: &str, ks: std::ops::Range<usize>| {
            let folder = dir.path().join(name);
            std::fs::create_dir_all(&folder).unwrap();
            for k in ks {
                for o in 0..2 {
                    std::fs::write(folder.join(format!("{k}_{o}.txt")), article(k, o)).unwrap();
                }
            }
            folder
        };
        let opts = IngestOptions {
            bundled: false,
            ..Default::default()
        };
        ingest_paths(&index, &[write("first", 0..50)], &opts, &mut |_| {}).unwrap();
        let first = all_features(&index).unwrap();
        let before = detect(&first, registry);
        assert!(before.len() >= 40, "{}", before.len());
        let state = State {
            method: METHOD.to_string(),
            generation: String::new(),
            ids: first.docs.iter().map(|f| f.article.id.clone()).collect(),
            events: before.into_iter().map(|e| (e, Vec::new())).collect(),
        };
        // Eight more stories, the last days of the month.
        ingest_paths(&index, &[write("later", 50..58)], &opts, &mut |_| {}).unwrap();
        let now = all_features(&index).unwrap();
        let updated = update(&now, state, registry).expect("a small change is an update");
        let afresh = detect(&now, registry);
        assert_eq!(groups(&updated), groups(&afresh));
        assert_eq!(updated.len(), 58, "{updated:#?}");
    }
}
