//! Search: one engine for the shell and the TUI.
//!
//! [`query`] parses the query language, [`plan`] turns it into an index query,
//! and this module runs it with the outlet and date filters, ranks (BM25 with a title
//! boost and a proximity bonus; ties go to the newer article) and builds each hit's
//! snippet ([`snippet`]). The result is a list of [`Hit`]s that every printer renders.
//! Outlet names and entity forms are looked up in the registries the index was opened
//! with ([`DigestIndex::registries`]). [`highlight_terms`] gives the reader the words of
//! a query to highlight, from the same parser.

pub mod collect;
pub mod dense;
pub mod newest;
pub mod plan;
pub mod query;
pub mod snippet;

use std::ops::Bound;
use std::time::Instant;

use tantivy::collector::Count;
use tantivy::postings::Postings;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, RangeQuery, Scorer, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, SeekDangerResult, TantivyDocument, Term};

use self::collect::{Ranked, TopHits, search_split};
use crate::error::{Error, Result};
use crate::index::schema::KIND_ARTICLE;
use crate::index::{DigestIndex, OutletSummary};
use crate::ingest::dates::date_key;
use crate::model::{Hit, SearchResults};
use crate::outlets::slug;
use crate::text::Analyzer;

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchRequest {
    /// The query text.
    pub query: String,
    /// Outlet names (ids, display names or aliases); any of them.
    pub outlets: Vec<String>,
    /// Only articles on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles on or before this date (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// At most this many hits.
    pub limit: usize,
    /// The order of the hits. An empty query lists every article (under the filters)
    /// newest first, whatever this says.
    pub sort: Sort,
    /// Leave these article ids out (the reader's "unread only").
    pub exclude: std::sync::Arc<[String]>,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (ties go to the newer article).
    #[default]
    Relevance,
    /// Newest first (undated articles last).
    Date,
}

/// Resolves an outlet name to the id used in the index: registry ids, names and
/// aliases first, then outlets the index knows by id or name.
pub fn resolve_outlet(index: &DigestIndex, name: &str) -> Result<String> {
    let registered = index.registries().outlets.resolve(name);
    let wanted = match registered {
        Some(o) => o.id.clone(),
        None => slug(crate::outlets::base_name(name)),
    };
    // The usual case, an id the index holds, is one term lookup per segment.
    let term = Term::from_field_text(index.fields().outlet, &wanted);
    for seg in index.searcher().segment_readers() {
        if seg
            .inverted_index(index.fields().outlet)?
            .get_term_info(&term)?
            .is_some()
        {
            return Ok(wanted);
        }
    }
    let summaries = index.outlet_summaries()?;
    let base = crate::outlets::base_name(name);
    if let Some(s) = summaries.iter().find(|s| {
        s.id == wanted
            || s.name.eq_ignore_ascii_case(name.trim())
            || crate::outlets::base_name(&s.name).eq_ignore_ascii_case(base)
    }) {
        return Ok(s.id.clone());
    }
    if index.article_count() == 0 {
        // Nothing to offer; an empty index matches nothing whatever the outlet.
        return Ok(wanted);
    }
    let (nearest, all) = nearest_outlets(&summaries, name);
    match registered {
        Some(o) => Err(Error::OutletWithoutArticles {
            name: o.name.clone(),
            nearest,
        }),
        None => Err(Error::UnknownOutlet {
            name: name.to_string(),
            nearest,
            all,
        }),
    }
}

/// How many outlets an unknown `--outlet` lists: all of them up to this many, else the
/// nearest this many.
const OFFERED: usize = 10;

/// The index's outlets nearest to `name`, as `Fox News (fox)`, nearest first, and
/// whether that is all of them. Near means: the name contains the typed word or the
/// other way round, else a close spelling (Jaro–Winkler on lower-cased names and ids).
fn nearest_outlets(summaries: &[OutletSummary], name: &str) -> (Vec<String>, bool) {
    let typed = name.trim().to_lowercase();
    let label = |s: &OutletSummary| format!("{} ({})", s.name, s.id);
    if summaries.len() <= OFFERED {
        let mut all: Vec<String> = summaries.iter().map(label).collect();
        all.sort();
        return (all, true);
    }
    let score = |s: &OutletSummary| {
        let n = s.name.to_lowercase();
        let contains = !typed.is_empty() && (n.contains(&typed) || typed.contains(&n));
        let close = strsim::jaro_winkler(&typed, &n).max(strsim::jaro_winkler(&typed, &s.id));
        (contains, close)
    };
    let mut ranked: Vec<(&OutletSummary, (bool, f64))> =
        summaries.iter().map(|s| (s, score(s))).collect();
    ranked.sort_by(|a, b| {
        (b.1.0, b.1.1)
            .partial_cmp(&(a.1.0, a.1.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let nearest = ranked
        .into_iter()
        .filter(|(_, (contains, close))| *contains || *close >= 0.7)
        .take(OFFERED)
        .map(|(s, _)| label(s))
        .collect();
    (nearest, false)
}

/// A `--since`/`--until` bound: any valid `YYYY-MM-DD` (no plausibility limit on the year).
pub fn parse_day(s: &str) -> Result<u64> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if ok => Ok(date_key(Some(&d.format("%Y-%m-%d").to_string()))),
        _ => Err(Error::BadDate(s.to_string())),
    }
}

/// The phrases a query highlights: every positive word, quoted phrase and entity form, as
/// analysed terms.
pub fn query_phrases(index: &DigestIndex, query: &str) -> Result<Vec<Vec<String>>> {
    let node = query::parse(query)?;
    let resolve = |name: &str| resolve_outlet(index, name);
    let planner = plan::Planner {
        fields: *index.fields(),
        entities: &index.registries().entities,
        resolve_outlet: &resolve,
    };
    Ok(planner.plan(&node)?.phrases)
}

/// The analysed terms a reader highlights for `query`: the words and quoted phrases of
/// its positive text leaves (`title:` and `text:` ones too), analysed as article text is,
/// in query order without repeats. Negated words, `outlet:` filters and operators are left
/// out, and entity forms are not expanded (a hit's snippet carries the forms it
/// matched). A query that does not parse has none.
pub fn highlight_terms(query: &str) -> Vec<String> {
    fn collect(node: &query::Node, out: &mut Vec<String>) {
        match node {
            query::Node::And(items) | query::Node::Or(items) => {
                items.iter().for_each(|n| collect(n, out));
            }
            query::Node::Not(_)
            | query::Node::Leaf {
                scope: query::Scope::Outlet,
                ..
            } => {}
            query::Node::Leaf { text, .. } => {
                for term in Analyzer.terms(text) {
                    if !out.contains(&term) {
                        out.push(term);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Ok(node) = query::parse(query) {
        collect(&node, &mut out);
    }
    out
}

/// Runs a search.
pub fn search(index: &DigestIndex, req: &SearchRequest) -> Result<SearchResults> {
    let start = Instant::now();
    let f = index.fields();
    // An empty query lists every article.
    let (base, plan): (Box<dyn Query>, Option<plan::Plan>) = if req.query.trim().is_empty() {
        let articles = TermQuery::new(
            Term::from_field_text(f.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        );
        (Box::new(articles), None)
    } else {
        let node = query::parse(&req.query)?;
        let resolve = |name: &str| resolve_outlet(index, name);
        let planner = plan::Planner {
            fields: *index.fields(),
            entities: &index.registries().entities,
            resolve_outlet: &resolve,
        };
        let mut plan = planner.plan(&node)?;
        let q = std::mem::replace(&mut plan.query, Box::new(tantivy::query::EmptyQuery));
        (q, Some(plan))
    };

    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, base)];
    if !req.outlets.is_empty() {
        let mut ids = Vec::new();
        for name in &req.outlets {
            ids.push(resolve_outlet(index, name)?);
        }
        clauses.push((Occur::Must, plan::outlet_filter(f.outlet, &ids)));
    }
    if req.since.is_some() || req.until.is_some() {
        // An article dated only by month or year covers that whole period: it is kept
        // when the period overlaps the range. Undated articles are left out.
        let since = req
            .since
            .as_deref()
            .map(parse_day)
            .transpose()?
            .unwrap_or(1);
        let until = req
            .until
            .as_deref()
            .map(parse_day)
            .transpose()?
            .unwrap_or(u64::MAX);
        // A period that ends before it starts is a mistake to point out, not an empty
        // answer.
        if since > until {
            return Err(Error::BackwardsPeriod {
                since: req.since.clone().unwrap_or_default(),
                until: req.until.clone().unwrap_or_default(),
            });
        }
        let starts = RangeQuery::new(
            Bound::Included(Term::from_field_u64(f.date, 1)),
            Bound::Included(Term::from_field_u64(f.date, until)),
        );
        let ends = RangeQuery::new(
            Bound::Included(Term::from_field_u64(f.date_end, since)),
            Bound::Unbounded,
        );
        // Filters select; they add nothing to the score.
        let filter = BooleanQuery::intersection(vec![Box::new(starts), Box::new(ends)]);
        clauses.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
        ));
    }
    if !req.exclude.is_empty() {
        let ids = req.exclude.iter().map(|id| Term::from_field_text(f.id, id));
        clauses.push((
            Occur::MustNot,
            Box::new(tantivy::query::TermSetQuery::new(ids)),
        ));
    }
    // Without filters the plan's query runs as it is: wrapped in another boolean query,
    // tantivy no longer sees a plain disjunction it can prune.
    let filtered = clauses.len() > 1;
    let query: Box<dyn Query> = match clauses.pop() {
        Some((Occur::Must, q)) if !filtered => q,
        last => {
            clauses.extend(last);
            Box::new(BooleanQuery::new(clauses))
        }
    };

    let searcher = index.searcher();
    let plan = match plan {
        Some(plan) if req.sort == Sort::Relevance => plan,
        plan => return newest_first(index, req, query.as_ref(), plan.as_ref(), start),
    };
    let limit = req.limit.max(1);
    // With a proximity bonus to add, more candidates than asked for are ranked again.
    let fetch = match plan.proximity {
        Some(_) => limit.max(RERANK_WINDOW),
        None => limit,
    };
    // A plain disjunction of words (one word in several fields) can skip postings that
    // cannot reach the best hits, but only when it does not count them: counting alone
    // is cheap for it, so it is done apart. Anything else scores every match anyway and
    // counts on the way.
    let hits = TopHits {
        limit: fetch,
        count: filtered || !plan.disjunction,
    };
    let (counted, mut ranked) = search_split(&searcher, query.as_ref(), &hits)?;
    let total = match counted {
        Some(n) => n,
        None => search_split(&searcher, query.as_ref(), &Count)?,
    };
    if let Some(proximity) = &plan.proximity {
        add_bonus(&searcher, proximity.as_ref(), &mut ranked)?;
        // Stable: equal scores keep the newer-first order they came in.
        ranked.sort_by(Ranked::best_first);
        ranked.truncate(limit);
    }

    let mut hits = Vec::with_capacity(ranked.len());
    for (rank, Ranked { score, addr, .. }) in ranked.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let article = index.load_article(&doc);
        let positions = term_positions(&searcher, index, addr, &plan.terms)?;
        let positions = phrase_positions(&positions, &plan.terms, &plan.phrases);
        let snippet = snippet::build(&article, &positions, &plan.phrases);
        hits.push(Hit {
            rank: rank + 1,
            score,
            article,
            snippet,
        });
    }
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
        elapsed: start.elapsed(),
    })
}

/// How far back from the newest date [`newest_matches`] looks first, then next, as
/// `YYYYMMDD` key differences: a month, a year, ten years.
const NEWEST_SPANS: [u64; 3] = [100, 10_000, 100_000];

/// The number of articles `query` (the empty query under the filters) matches and the
/// `limit` newest of them.
///
/// The newest matches are found among the newest articles: the matches dated within a
/// month of the index's newest date first, then a year, then ten years, and only then
/// all of them (the undated too). Each step that finds `limit` matches is the answer:
/// everything it left out is older than everything it kept. At a million articles the
/// newest page so reads the dates of a month's articles instead of every article's.
fn newest_matches(
    index: &DigestIndex,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<(usize, Vec<(u64, DocAddress)>)> {
    let f = index.fields();
    let newest_date = searcher
        .segment_readers()
        .iter()
        .filter_map(|r| r.fast_fields().u64("date").ok())
        .map(|c| c.max_value())
        .max()
        .unwrap_or(0);
    for span in NEWEST_SPANS {
        let from = newest_date.saturating_sub(span);
        if from <= 1 {
            break;
        }
        let recent = RangeQuery::new(
            Bound::Included(Term::from_field_u64(f.date, from)),
            Bound::Unbounded,
        );
        let within = BooleanQuery::intersection(vec![query.box_clone(), Box::new(recent)]);
        let (_, top) = search_split(searcher, &within, &newest::Newest { limit })?;
        if top.len() >= limit {
            let total = search_split(searcher, query, &Count)?;
            return Ok((total, top));
        }
    }
    Ok(search_split(searcher, query, &newest::Newest { limit })?)
}

/// The articles `query` matches, newest first (undated last), with their lead or, for a
/// query, their best passage.
fn newest_first(
    index: &DigestIndex,
    req: &SearchRequest,
    query: &dyn Query,
    plan: Option<&plan::Plan>,
    start: Instant,
) -> Result<SearchResults> {
    let searcher = index.searcher();
    // The collector holds `limit` entries: never more than the index has.
    let limit = req.limit.clamp(1, index.article_count().max(1));
    // A text query's matches are counted as they are collected; counting them again
    // after a narrower search would cost more than the dates it saves, and so would
    // running a date filter's range of terms again for each step.
    let (total, top) = if plan.is_none() && req.since.is_none() && req.until.is_none() {
        newest_matches(index, &searcher, query, limit)?
    } else {
        search_split(&searcher, query, &newest::Newest { limit })?
    };
    let mut hits = Vec::with_capacity(top.len());
    for (rank, (_, addr)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let article = index.load_article(&doc);
        let snippet = match plan {
            Some(plan) => {
                let positions = term_positions(&searcher, index, addr, &plan.terms)?;
                let positions = phrase_positions(&positions, &plan.terms, &plan.phrases);
                snippet::build(&article, &positions, &plan.phrases)
            }
            None => snippet::build(&article, &[], &[]),
        };
        hits.push(Hit {
            rank: rank + 1,
            score: 0.0,
            article,
            snippet,
        });
    }
    // Articles of the same day come in the index's order, which depends on how ingest
    // spread them over segments: the one that arrived last goes first, then by id, so the
    // list reads the same from every index built from the same files.
    let arrived = |h: &Hit| h.article.origins.first().and_then(|o| o.added);
    hits.sort_by(|a, b| {
        date_key(b.article.date.as_deref())
            .cmp(&date_key(a.article.date.as_deref()))
            .then_with(|| arrived(b).cmp(&arrived(a)))
            .then_with(|| a.article.id.cmp(&b.article.id))
    });
    for (i, h) in hits.iter_mut().enumerate() {
        h.rank = i + 1;
    }
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
        elapsed: start.elapsed(),
    })
}

/// How many of the best matches get the proximity bonus and are ranked again (at least
/// as many as asked for).
pub const RERANK_WINDOW: usize = 100;

/// Adds the score of `bonus` (a query matching some of the candidates) to each candidate
/// it matches, visiting each segment's candidates in document order.
///
/// A phrase scorer asked to `seek` a candidate it does not match reads on to its next
/// match, checking word positions in every article on the way; `seek_danger` only
/// answers whether the candidate matches, which is all the bonus needs.
fn add_bonus(searcher: &Searcher, bonus: &dyn Query, ranked: &mut [Ranked]) -> Result<()> {
    let weight = bonus.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut order: Vec<usize> = (0..ranked.len()).collect();
    order.sort_by_key(|&i| ranked[i].addr);
    // The segment's scorer and the lowest document it can still match.
    let mut scorer: Option<(u32, Box<dyn Scorer>, DocId)> = None;
    for i in order {
        let addr = ranked[i].addr;
        let (_, s, lowest) = match &mut scorer {
            Some(current) if current.0 == addr.segment_ord => current,
            slot => {
                let reader = searcher.segment_reader(addr.segment_ord);
                let s = weight.scorer(reader, 1.0)?;
                let first = s.doc();
                slot.insert((addr.segment_ord, s, first))
            }
        };
        if addr.doc_id < *lowest {
            continue;
        }
        match s.seek_danger(addr.doc_id) {
            SeekDangerResult::Found => {
                ranked[i].score += s.score();
                *lowest = addr.doc_id + 1;
            }
            SeekDangerResult::SeekLowerBound(next) => *lowest = next,
        }
    }
    Ok(())
}

/// For each phrase (by index into `phrases`), the token positions where the whole phrase
/// starts, from the positions of its terms.
fn phrase_positions(
    term_positions: &[(usize, Vec<u32>)],
    terms: &[String],
    phrases: &[Vec<String>],
) -> Vec<(usize, Vec<u32>)> {
    let of = |t: &str| -> Option<&Vec<u32>> {
        let i = terms.iter().position(|x| x == t)?;
        term_positions.iter().find(|(j, _)| *j == i).map(|(_, p)| p)
    };
    let mut out = Vec::new();
    for (pi, phrase) in phrases.iter().enumerate() {
        let Some(first) = phrase.first().and_then(|t| of(t)) else {
            continue;
        };
        let rest: Vec<Option<&Vec<u32>>> = phrase[1..].iter().map(|t| of(t)).collect();
        let starts: Vec<u32> = first
            .iter()
            .copied()
            .filter(|&p| {
                rest.iter()
                    .enumerate()
                    .all(|(k, r)| r.is_some_and(|r| r.binary_search(&(p + k as u32 + 1)).is_ok()))
            })
            .collect();
        if !starts.is_empty() {
            out.push((pi, starts));
        }
    }
    out
}

/// For each query term (by index into `terms`), its token positions in the hit's body.
fn term_positions(
    searcher: &Searcher,
    index: &DigestIndex,
    addr: DocAddress,
    terms: &[String],
) -> Result<Vec<(usize, Vec<u32>)>> {
    let seg = searcher.segment_reader(addr.segment_ord);
    let inverted = seg.inverted_index(index.fields().body)?;
    let mut out = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        let term = Term::from_field_text(index.fields().body, t);
        if let Some(mut postings) =
            inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
            && postings.doc() <= addr.doc_id
            && postings.seek(addr.doc_id) == addr.doc_id
        {
            let mut positions = Vec::new();
            postings.positions(&mut positions);
            out.push((i, positions));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(words: &[&str]) -> Vec<String> {
        words.iter().flat_map(|w| Analyzer.terms(w)).collect()
    }

    #[test]
    fn highlight_terms_are_the_positive_words() {
        assert_eq!(
            highlight_terms("moon OR lunar -artemis NOT nasa outlet:tass title:base"),
            analysed(&["moon", "lunar", "base"])
        );
        // A negated group and a negated phrase are left out whole; a phrase gives its
        // words; a filter's phrase is not text.
        assert_eq!(
            highlight_terms(
                "\"far side\" NOT (artemis nasa) -\"space race\" outlet:\"Radio Free Asia\""
            ),
            analysed(&["far", "side"])
        );
        assert_eq!(
            highlight_terms("Chang’e-4 launching chang'e"),
            analysed(&["chang'e", "4", "launched"])
        );
        assert!(highlight_terms("\"not closed").is_empty());
        assert!(highlight_terms("").is_empty());
    }
}
