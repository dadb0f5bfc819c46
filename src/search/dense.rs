//! All of several common words, a term at a time.
//!
//! A word matches an article when it is in the body, the title or a caption, so a query
//! of several words intersects one union per word. Tantivy runs that a document at a
//! time: each union reads ahead a window of documents, scoring every one, and the
//! intersection walks both unions through every document either matches. When every word
//! is common (`trump i` on a million articles: 502,354 and 640,070 articles, 340,023 with
//! both) nearly all of that work is for documents the other word does not have.
//!
//! [`WordsQuery`] decides per segment. When even its rarest word is in a good share of
//! the segment, it reads each word's postings block by block into a bitset, intersects
//! the bitsets a machine word at a time, and only then scores: each term's postings are
//! read once more and their BM25 added for the documents every word has. Otherwise it
//! runs the same words as tantivy's own intersection of unions. Both give the same sums
//! in the same order as the plain query, so scores and ranking do not depend on which
//! path a segment took.

use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight, intersect_scorers,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// A word of the query: the terms it matches by (one per field and form, each with its
/// field's boost) and the query tantivy would run for it (the union of those terms).
#[derive(Debug)]
pub struct Word {
    /// Terms and boosts, in the order of the union's clauses.
    pub terms: Vec<(Term, Score)>,
    /// The union of the terms, boosted the same way.
    pub query: Box<dyn Query>,
}

impl Clone for Word {
    fn clone(&self) -> Word {
        Word {
            terms: self.terms.clone(),
            query: self.query.box_clone(),
        }
    }
}

/// Every one of `words`, scored as the sum of each word's union.
#[derive(Debug, Clone)]
pub struct WordsQuery {
    words: Vec<Word>,
    path: Path,
}

/// How a segment is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// By the words' share of the segment (see [`DENSE_SHARE`]).
    Chosen,
    /// Always a term at a time (tests).
    #[cfg(test)]
    Dense,
    /// Always tantivy's intersection of unions (tests).
    #[cfg(test)]
    Plain,
}

impl WordsQuery {
    /// The intersection of `words` (at least one).
    pub fn new(words: Vec<Word>) -> WordsQuery {
        WordsQuery {
            words,
            path: Path::Chosen,
        }
    }
}

/// Places past the matches where the scores of other documents are added and dropped.
const SPILL: u32 = 8;

thread_local! {
    /// Each document's place among a segment's matches, kept between searches.
    static SLOT: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The dense path is taken when the rarest word's postings are at least this share of
/// all the query's postings in the segment (reading every posting then costs little more
/// than the seeks a document-at-a-time intersection would make) ...
const DENSE_SHARE: u64 = 32;
/// ... and it has at least this many, so small queries keep the cheaper plain path.
const DENSE_MIN: u64 = 4096;

impl Query for WordsQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut words = Vec::with_capacity(self.words.len());
        for w in &self.words {
            let standard = w.query.weight(enable_scoring)?;
            let terms = w
                .terms
                .iter()
                .map(|(term, boost)| {
                    let bm25 = match enable_scoring {
                        EnableScoring::Enabled {
                            statistics_provider,
                            ..
                        } => Some(
                            Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?
                                .boost_by(*boost),
                        ),
                        EnableScoring::Disabled { .. } => None,
                    };
                    Ok((term.clone(), bm25))
                })
                .collect::<tantivy::Result<Vec<_>>>()?;
            words.push(WordWeight { terms, standard });
        }
        Ok(Box::new(WordsWeight {
            words,
            path: self.path,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for w in &self.words {
            w.query.query_terms(visitor);
        }
    }
}

struct WordWeight {
    /// Terms with their BM25 weights (none when scoring is off).
    terms: Vec<(Term, Option<Bm25Weight>)>,
    standard: Box<dyn Weight>,
}

struct WordsWeight {
    words: Vec<WordWeight>,
    path: Path,
}

/// The documents of a segment, one bit each.
struct Bits(Vec<u64>);

impl Bits {
    fn new(max_doc: u32) -> Bits {
        Bits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    #[inline]
    fn insert(&mut self, doc: DocId) {
        self.0[(doc / 64) as usize] |= 1 << (doc % 64);
    }

    fn intersect(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= *b;
        }
    }

    fn docs(&self) -> Vec<DocId> {
        let mut out = Vec::new();
        for (i, &w) in self.0.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                out.push(i as u32 * 64 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        out
    }
}

/// Calls `f` with each block of a term's postings: its documents and frequencies.
fn for_each_block(
    reader: &SegmentReader,
    term: &Term,
    option: IndexRecordOption,
    mut f: impl FnMut(&[DocId], &[u32]),
) -> tantivy::Result<()> {
    let inverted = reader.inverted_index(term.field())?;
    let Some(mut postings): Option<BlockSegmentPostings> =
        inverted.read_block_postings(term, option)?
    else {
        return Ok(());
    };
    while !postings.docs().is_empty() {
        f(postings.docs(), postings.freqs());
        postings.advance();
    }
    Ok(())
}

impl WordsWeight {
    /// Each word's postings count in the segment (the sum over its terms).
    fn postings(&self, reader: &SegmentReader) -> tantivy::Result<Vec<u64>> {
        let mut out = Vec::with_capacity(self.words.len());
        for w in &self.words {
            let mut n = 0u64;
            for (term, _) in &w.terms {
                let inverted = reader.inverted_index(term.field())?;
                if let Some(info) = inverted.get_term_info(term)? {
                    n += u64::from(info.doc_freq);
                }
            }
            out.push(n);
        }
        Ok(out)
    }

    fn dense(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let max_doc = reader.max_doc();
        // Words in the order tantivy's intersection sums them: by the cost its scorers
        // report (a union leaves out the postings its first window used up), so the
        // sums come out the same to the last bit. Two words add up the same either way.
        let mut order: Vec<usize> = (0..self.words.len()).collect();
        if order.len() > 2 {
            let mut cost = Vec::with_capacity(self.words.len());
            for w in &self.words {
                cost.push(w.standard.scorer(reader, boost)?.cost());
            }
            order.sort_by_key(|&i| cost[i]);
        }

        let mut all: Option<Bits> = None;
        for &i in &order {
            let mut bits = Bits::new(max_doc);
            for (term, _) in &self.words[i].terms {
                for_each_block(reader, term, IndexRecordOption::Basic, |docs, _| {
                    for &d in docs {
                        bits.insert(d);
                    }
                })?;
            }
            match &mut all {
                Some(a) => a.intersect(&bits),
                None => all = Some(bits),
            }
        }
        let all = all.unwrap_or_else(|| Bits::new(max_doc));
        let docs = all.docs();
        if docs.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let scoring = self
            .words
            .iter()
            .all(|w| w.terms.iter().all(|(_, bm25)| bm25.is_some()));
        let mut scores = vec![0.0; docs.len()];
        if scoring {
            // Where each document's score goes: its place among the matches, or one of
            // eight places past them that are thrown away. Adding every posting's score
            // somewhere costs less than a branch that guesses wrong about half the time.
            // The table is kept between searches, so its pages are not faulted in anew.
            let n = docs.len();
            let mut slot = SLOT.take();
            slot.clear();
            slot.extend((0..max_doc).map(|d| (n + (d % SPILL) as usize) as u32));
            for (k, &d) in docs.iter().enumerate() {
                slot[d as usize] = k as u32;
            }
            let mut word_score = vec![0.0f32; n + SPILL as usize];
            let mut rest = vec![0.0f32; if order.len() > 2 { n } else { 0 }];
            for (rank, &i) in order.iter().enumerate() {
                word_score.fill(0.0);
                for (term, bm25) in &self.words[i].terms {
                    let Some(bm25) = bm25 else { continue };
                    let bm25 = bm25.boost_by(boost);
                    let norms = reader.get_fieldnorms_reader(term.field())?;
                    for_each_block(reader, term, IndexRecordOption::WithFreqs, |ds, tfs| {
                        for (&d, &tf) in ds.iter().zip(tfs) {
                            word_score[slot[d as usize] as usize] +=
                                bm25.score(norms.fieldnorm_id(d), tf);
                        }
                    })?;
                }
                // Tantivy's intersection adds the first two words, then the sum of the
                // rest: (w0 + w1) + (w2 + w3 + ...).
                let into = if rank < 2 { &mut scores } else { &mut rest };
                for (s, w) in into.iter_mut().zip(&word_score[..n]) {
                    *s += *w;
                }
            }
            if order.len() > 2 {
                for (s, r) in scores.iter_mut().zip(&rest) {
                    *s += *r;
                }
            }
            SLOT.set(slot);
        }
        Ok(Box::new(ListScorer {
            docs,
            scores,
            at: 0,
        }))
    }
}

impl Weight for WordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let postings = self.postings(reader)?;
        let total: u64 = postings.iter().sum();
        let rarest = postings.iter().copied().min().unwrap_or(0);
        if rarest == 0 {
            return Ok(Box::new(EmptyScorer));
        }
        let dense = match self.path {
            Path::Chosen => rarest >= DENSE_MIN && rarest * DENSE_SHARE >= total,
            #[cfg(test)]
            Path::Dense => true,
            #[cfg(test)]
            Path::Plain => false,
        };
        if dense && self.words.len() >= 2 {
            return self.dense(reader, boost);
        }
        let scorers = self
            .words
            .iter()
            .map(|w| w.standard.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(intersect_scorers(scorers, reader.num_docs()))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut sum = Explanation::new("sum of", 0.0);
        let mut total = 0.0;
        for w in &self.words {
            let e = w.standard.explain(reader, doc)?;
            total += e.value();
            sum.add_detail(e);
        }
        let mut out = Explanation::new("all words, sum of", total);
        out.add_detail(sum);
        Ok(out)
    }

    // A dense segment's matches are already in two arrays: walk them directly rather
    // than through the scorer's calls, once per match.
    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if let Some(list) = scorer.downcast_ref::<ListScorer>() {
            for (&doc, &score) in list.docs.iter().zip(&list.scores) {
                callback(doc, score);
            }
        } else {
            while scorer.doc() != TERMINATED {
                callback(scorer.doc(), scorer.score());
                scorer.advance();
            }
        }
        Ok(())
    }

    fn for_each_pruning(
        &self,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if let Some(list) = scorer.downcast_ref::<ListScorer>() {
            for (&doc, &score) in list.docs.iter().zip(&list.scores) {
                if score > threshold {
                    threshold = callback(doc, score);
                }
            }
        } else {
            while scorer.doc() != TERMINATED {
                let score = scorer.score();
                if score > threshold {
                    threshold = callback(scorer.doc(), score);
                }
                scorer.advance();
            }
        }
        Ok(())
    }
}

/// Matching documents in order, with their scores.
struct ListScorer {
    docs: Vec<DocId>,
    scores: Vec<Score>,
    at: usize,
}

impl DocSet for ListScorer {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        self.at += self.docs[self.at..].partition_point(|&d| d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at.min(self.docs.len())) as u32
    }
}

impl Scorer for ListScorer {
    fn score(&mut self) -> Score {
        self.scores.get(self.at).copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::collector::Count;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    struct Fixture {
        index: Index,
        fields: [(Field, Score); 3],
    }

    /// Documents of (body, title, captions), committed as `segments` segments.
    fn fixture(docs: &[(String, String, String)], segments: usize) -> Fixture {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let title = schema.add_text_field("title", TEXT);
        let captions = schema.add_text_field("captions", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let per = docs.len().div_ceil(segments.max(1)).max(1);
        for chunk in docs.chunks(per) {
            for (b, t, c) in chunk {
                let mut doc = TantivyDocument::default();
                doc.add_text(body, b);
                doc.add_text(title, t);
                doc.add_text(captions, c);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        Fixture {
            index,
            fields: [(body, 1.0), (title, 2.0), (captions, 0.5)],
        }
    }

    fn words(f: &Fixture, query: &[&str], path: Path) -> WordsQuery {
        let words = query
            .iter()
            .map(|w| {
                let terms: Vec<(Term, Score)> = f
                    .fields
                    .iter()
                    .map(|&(field, boost)| (Term::from_field_text(field, w), boost))
                    .collect();
                let union = terms
                    .iter()
                    .map(|(t, boost)| {
                        let q: Box<dyn Query> =
                            Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs));
                        let q: Box<dyn Query> = if *boost == 1.0 {
                            q
                        } else {
                            Box::new(BoostQuery::new(q, *boost))
                        };
                        (Occur::Should, q)
                    })
                    .collect();
                Word {
                    terms,
                    query: Box::new(BooleanQuery::new(union)),
                }
            })
            .collect();
        WordsQuery { words, path }
    }

    /// Every match of the query, by segment and document, with its score's bits.
    fn matches(f: &Fixture, q: &dyn Query) -> Vec<(usize, DocId, u32)> {
        let searcher = f.index.reader().unwrap().searcher();
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut out = Vec::new();
        for (s, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(reader, 1.0).unwrap();
            while scorer.doc() != TERMINATED {
                out.push((s, scorer.doc(), scorer.score().to_bits()));
                scorer.advance();
            }
        }
        out
    }

    /// The same through `for_each` and through `for_each_pruning` with nothing to beat.
    fn matches_walked(f: &Fixture, q: &dyn Query) -> [Vec<(usize, DocId, u32)>; 2] {
        let searcher = f.index.reader().unwrap().searcher();
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let (mut all, mut pruned) = (Vec::new(), Vec::new());
        for (s, reader) in searcher.segment_readers().iter().enumerate() {
            weight
                .for_each(reader, &mut |d, score| all.push((s, d, score.to_bits())))
                .unwrap();
            weight
                .for_each_pruning(Score::MIN, reader, &mut |d, score| {
                    pruned.push((s, d, score.to_bits()));
                    Score::MIN
                })
                .unwrap();
        }
        [all, pruned]
    }

    fn count(f: &Fixture, q: &dyn Query) -> usize {
        f.index
            .reader()
            .unwrap()
            .searcher()
            .search(q, &Count)
            .unwrap()
    }

    const VOCABULARY: &[&str] = &["moon", "lunar", "station", "china", "russia", "base"];

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(VOCABULARY), 0..max).prop_map(|w| w.join(" "))
    }

    #[test]
    fn both_paths_match_the_same_articles_with_the_same_scores() {
        let docs: Vec<(String, String, String)> = (0..300)
            .map(|i| {
                let body = match i % 5 {
                    0 => "moon base moon station",
                    1 => "china russia lunar station",
                    2 => "moon",
                    3 => "station station station russia moon china",
                    _ => "nothing here",
                };
                let title = if i % 7 == 0 { "Moon over China" } else { "" };
                let captions = if i % 11 == 0 {
                    "a station on the moon"
                } else {
                    ""
                };
                (body.to_string(), title.to_string(), captions.to_string())
            })
            .collect();
        let f = fixture(&docs, 3);
        let query = ["moon", "station"];
        let plain = matches(&f, &words(&f, &query, Path::Plain));
        let dense = matches(&f, &words(&f, &query, Path::Dense));
        assert!(plain.len() > 100, "{} matches", plain.len());
        assert_eq!(plain, dense);
        for path in [Path::Dense, Path::Plain] {
            let [all, pruned] = matches_walked(&f, &words(&f, &query, path));
            assert_eq!(all, dense, "{path:?}");
            assert_eq!(pruned, dense, "{path:?}");
        }
        // The plain intersection of the same unions agrees as well.
        let w = words(&f, &query, Path::Plain);
        let boolean = BooleanQuery::new(
            w.words
                .iter()
                .map(|w| (Occur::Must, w.query.box_clone()))
                .collect(),
        );
        assert_eq!(matches(&f, &boolean), dense);
        assert_eq!(count(&f, &words(&f, &query, Path::Dense)), plain.len());
    }

    #[test]
    fn a_word_missing_from_a_segment_matches_nothing_there() {
        let docs = vec![
            ("moon station".to_string(), String::new(), String::new()),
            ("moon".to_string(), String::new(), String::new()),
        ];
        let f = fixture(&docs, 2);
        for path in [Path::Dense, Path::Plain, Path::Chosen] {
            let found = matches(&f, &words(&f, &["moon", "station"], path));
            assert_eq!(found.len(), 1, "{path:?}");
            assert_eq!(matches(&f, &words(&f, &["moon", "absent"], path)), vec![]);
        }
    }

    #[test]
    fn three_words_add_up_in_the_order_tantivy_adds_them() {
        // A small segment: the union for `lunar` uses up its postings in its first
        // window and reports a lower cost than its document frequency, which changes
        // the order of the sum and so its last bit.
        let docs: Vec<(String, String, String)> = [
            ("base lunar station moon", "lunar", "lunar"),
            ("moon base moon", "moon moon", ""),
            ("", "lunar moon", ""),
            ("station", "", ""),
            ("moon", "station", "station"),
            ("moon moon moon moon moon", "lunar", "station"),
            ("base moon moon", "", "moon moon"),
        ]
        .iter()
        .map(|(b, t, c)| (b.to_string(), t.to_string(), c.to_string()))
        .collect();
        let f = fixture(&docs, 1);
        let query = ["base", "lunar", "base"];
        let plain = matches(&f, &words(&f, &query, Path::Plain));
        assert_eq!(plain.len(), 1);
        assert_eq!(matches(&f, &words(&f, &query, Path::Dense)), plain);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn dense_and_plain_agree(
            docs in prop::collection::vec((text(12), text(4), text(3)), 1..80),
            query in prop::collection::vec(prop::sample::select(VOCABULARY), 2..4),
            segments in 1usize..4,
        ) {
            let f = fixture(&docs, segments);
            let plain = matches(&f, &words(&f, &query, Path::Plain));
            let dense = matches(&f, &words(&f, &query, Path::Dense));
            prop_assert_eq!(&plain, &dense);
            let w = words(&f, &query, Path::Plain);
            let boolean = BooleanQuery::new(
                w.words.iter().map(|w| (Occur::Must, w.query.box_clone())).collect(),
            );
            prop_assert_eq!(&matches(&f, &boolean), &dense);
            prop_assert_eq!(count(&f, &words(&f, &query, Path::Dense)), plain.len());
        }
    }
}
