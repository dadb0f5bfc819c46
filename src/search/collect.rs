//! The best hits of a search: highest score first, the newer article first among equal
//! scores.
//!
//! Tantivy's `TopDocs::tweak_score` can order by (score, date), but it reads the date of
//! every matching article and so scores every match; on a million articles a one-word
//! search spent three quarters of its time there. [`TopHits`] reads a date only for an
//! article whose score can still enter the list, and, when asked not to count, hands
//! tantivy the score to beat so a plain disjunction of words skips whole blocks of
//! postings (block-WAND). Ties on score are kept: the threshold given to tantivy is just
//! below the worst score in the list, so an equal score with a newer date still comes in.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// A candidate hit: its score, date key (for ties) and address.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Relevance.
    pub score: Score,
    /// Date key (`dates::date_key`); 0 when undated.
    pub date: u64,
    /// Where the article is.
    pub addr: DocAddress,
}

impl Ranked {
    /// Best first: higher score, then newer, then earlier in the index.
    pub fn best_first(a: &Ranked, b: &Ranked) -> Ordering {
        b.score
            .total_cmp(&a.score)
            .then(b.date.cmp(&a.date))
            .then(a.addr.cmp(&b.addr))
    }
}

/// Heap entry ordered so the heap's top is the worst hit kept.
struct Worst(Ranked);

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        // Greater = worse, so the max-heap's top is the hit to drop first.
        Ranked::best_first(&self.0, &other.0)
    }
}

/// Collects the `limit` best hits and, if asked, counts every match.
pub struct TopHits {
    /// How many hits to keep.
    pub limit: usize,
    /// Count every match. Counting visits every match, so it rules out skipping;
    /// without it the count in the fruit is `None`.
    pub count: bool,
}

/// What [`TopHits`] gathers: the match count (when counted) and the best hits, best first.
pub type TopFruit = (Option<usize>, Vec<Ranked>);

/// One segment's part of [`TopHits`].
pub struct TopHitsSegment {
    ord: SegmentOrdinal,
    limit: usize,
    dates: Option<Arc<dyn ColumnValues<u64>>>,
    heap: BinaryHeap<Worst>,
    count: usize,
}

impl TopHitsSegment {
    /// The lowest score that can still enter, once the list is full.
    fn floor(&self) -> Option<Score> {
        (self.heap.len() >= self.limit).then(|| self.heap.peek().map_or(Score::MIN, |w| w.0.score))
    }

    /// Offers a match; returns the score a later match must exceed to be offered at all.
    #[inline]
    fn offer(&mut self, doc: DocId, score: Score) -> Score {
        if let Some(floor) = self.floor()
            && score < floor
        {
            return floor.next_down();
        }
        let date = self.dates.as_ref().map_or(0, |d| d.get_val(doc));
        let hit = Ranked {
            score,
            date,
            addr: DocAddress::new(self.ord, doc),
        };
        if self.heap.len() < self.limit {
            self.heap.push(Worst(hit));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && Ranked::best_first(&hit, &worst.0) == Ordering::Less
        {
            *worst = Worst(hit);
        }
        // Equal scores may still enter with a newer date: ask for anything above the
        // next lower score.
        self.floor().map_or(Score::MIN, f32::next_down)
    }
}

impl SegmentCollector for TopHitsSegment {
    type Fruit = (usize, Vec<Ranked>);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        self.offer(doc, score);
    }

    fn harvest(self) -> Self::Fruit {
        (self.count, self.heap.into_iter().map(|w| w.0).collect())
    }
}

impl Collector for TopHits {
    type Fruit = TopFruit;
    type Child = TopHitsSegment;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TopHitsSegment> {
        let dates = reader
            .fast_fields()
            .u64("date")
            .ok()
            .map(|c| c.first_or_default_col(0));
        // A limit larger than the segment (`--limit 2147483647`) allocates for the
        // segment, not for the limit.
        let room = self.limit.max(1).min(reader.max_doc() as usize);
        Ok(TopHitsSegment {
            ord,
            limit: self.limit.max(1),
            dates,
            heap: BinaryHeap::with_capacity(room + 1),
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Vec<Ranked>)>) -> tantivy::Result<TopFruit> {
        let mut count = 0;
        let mut all = Vec::new();
        for (n, hits) in fruits {
            count += n;
            all.extend(hits);
        }
        all.sort_by(Ranked::best_first);
        all.truncate(self.limit.max(1));
        Ok((self.count.then_some(count), all))
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<(usize, Vec<Ranked>)> {
        let mut seg = self.for_segment(ord, reader)?;
        let alive = reader.alive_bitset();
        if self.count {
            weight.for_each(reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    seg.collect(doc, score);
                }
            })?;
        } else {
            let mut threshold = Score::MIN;
            weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    threshold = seg.offer(doc, score);
                }
                threshold
            })?;
        }
        Ok(seg.harvest())
    }
}

/// Threads a search may use; 0: one per core.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Sets how many threads a search may use from now on, in this process: `None` for one
/// per core (the default), `Some(1)` to keep every search on the calling thread (the
/// reader bench does, to time a search's work on one core).
pub fn set_search_threads(threads: Option<usize>) {
    THREADS.store(threads.unwrap_or(0), AtomicOrdering::Relaxed);
}

/// Below this many documents (across segments) a search runs on the calling thread only:
/// starting a thread costs more than it saves.
pub const SPLIT_MIN_DOCS: u32 = 200_000;

/// Runs `collector` over the index like `Searcher::search`, but on a large index with
/// several segments shares the segments among up to as many threads as there are cores
/// (the calling thread and scoped helpers, started for this search and gone after it).
/// Tantivy's own executor keeps a pool whose idle threads spin, which took the cores
/// from the reader's screen; these threads exist only while there is work.
pub fn search_split<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let threads = match THREADS.load(AtomicOrdering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    split(searcher, query, collector, threads, SPLIT_MIN_DOCS)
}

fn split<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    threads: usize,
    min_docs: u32,
) -> tantivy::Result<C::Fruit> {
    let readers = searcher.segment_readers();
    let docs: u64 = readers.iter().map(|r| u64::from(r.max_doc())).sum();
    let threads = threads.min(readers.len());
    if threads < 2 || docs < u64::from(min_docs) {
        return searcher.search(query, collector);
    }
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    // Largest segments first, each to the thread with the fewest documents so far.
    let mut order: Vec<usize> = (0..readers.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(readers[i].max_doc()));
    let mut shares: Vec<(u64, Vec<usize>)> = vec![(0, Vec::new()); threads];
    for i in order {
        if let Some(share) = shares.iter_mut().min_by_key(|s| s.0) {
            share.0 += u64::from(readers[i].max_doc());
            share.1.push(i);
        }
    }
    type Fruits<C> = Vec<(usize, <<C as Collector>::Child as SegmentCollector>::Fruit)>;
    let run = |share: &[usize]| -> tantivy::Result<Fruits<C>> {
        share
            .iter()
            .map(|&i| {
                Ok((
                    i,
                    collector.collect_segment(weight.as_ref(), i as u32, &readers[i])?,
                ))
            })
            .collect()
    };
    let mut fruits: Fruits<C> = std::thread::scope(|scope| {
        let helpers = shares[1..]
            .iter()
            .map(|share| {
                std::thread::Builder::new()
                    .name("digest-search".into())
                    .spawn_scoped(scope, || run(&share.1))
            })
            .collect::<std::io::Result<Vec<_>>>();
        let mut fruits = run(&shares[0].1)?;
        for helper in helpers? {
            let part = helper.join().map_err(|_| {
                tantivy::TantivyError::InternalError("a search thread panicked".into())
            })??;
            fruits.extend(part);
        }
        Ok::<_, tantivy::TantivyError>(fruits)
    })?;
    fruits.sort_by_key(|(i, _)| *i);
    collector.merge_fruits(fruits.into_iter().map(|(_, f)| f).collect())
}

#[cfg(test)]
mod tests {
    use tantivy::query::{Query, TermQuery};
    use tantivy::schema::{FAST, IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;

    /// Articles with the given bodies and dates, in that order, in one segment.
    fn index(articles: &[(&str, u64)]) -> (Index, TermQuery) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let date = schema.add_u64_field("date", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (text, day) in articles {
            let mut doc = TantivyDocument::default();
            doc.add_text(body, text);
            doc.add_u64(date, *day);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let q = TermQuery::new(
            Term::from_field_text(body, "moon"),
            IndexRecordOption::WithFreqs,
        );
        (index, q)
    }

    #[test]
    fn split_searches_find_what_one_thread_finds() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let date = schema.add_u64_field("date", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for segment in 0..5u64 {
            for i in 0..(40 + segment * 30) {
                let mut doc = TantivyDocument::default();
                let text = format!("moon {}", "base ".repeat((i % 7) as usize));
                doc.add_text(body, &text);
                doc.add_u64(date, i % 13);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 5);
        let q = TermQuery::new(
            Term::from_field_text(body, "moon"),
            IndexRecordOption::WithFreqs,
        );
        for count in [false, true] {
            let collector = TopHits { limit: 25, count };
            let one = searcher.search(&q, &collector).unwrap();
            for threads in [2, 3, 8] {
                let split = split(&searcher, &q, &collector, threads, 0).unwrap();
                assert_eq!(split, one, "threads: {threads}, count: {count}");
            }
        }
        let n = split(&searcher, &q, &tantivy::collector::Count, 2, 0).unwrap();
        assert_eq!(n, (0..5).map(|s| 40 + s * 30).sum::<usize>());
    }

    fn top(index: &Index, q: &dyn Query, limit: usize, count: bool) -> TopFruit {
        let searcher = index.reader().unwrap().searcher();
        searcher.search(q, &TopHits { limit, count }).unwrap()
    }

    #[test]
    fn equal_scores_go_to_the_newer_article_with_or_without_skipping() {
        // Same text, so the same score; dates rise with the document order, so a newer
        // article arrives after the list is full and must still displace an older one.
        let articles: Vec<(&str, u64)> = (1..=300).map(|d| ("the moon base", d)).collect();
        let (index, q) = index(&articles);
        for count in [false, true] {
            let (n, hits) = top(&index, &q, 3, count);
            let dates: Vec<u64> = hits.iter().map(|h| h.date).collect();
            assert_eq!(dates, vec![300, 299, 298], "count: {count}");
            assert_eq!(n, count.then_some(300));
        }
    }

    #[test]
    fn higher_scores_first_then_dates() {
        let (index, q) = index(&[
            ("moon", 5),
            ("moon moon moon", 1),
            ("moon and a long line of other words", 9),
            ("moon", 7),
            ("no match here", 10),
        ]);
        for count in [false, true] {
            let (_, hits) = top(&index, &q, 10, count);
            let dates: Vec<u64> = hits.iter().map(|h| h.date).collect();
            assert_eq!(dates, vec![1, 7, 5, 9], "count: {count}");
            assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}
