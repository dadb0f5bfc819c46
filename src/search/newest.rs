//! The newest articles a query matches: the `limit` highest `date` keys, undated last,
//! with the number of matches.
//!
//! Tantivy's `TopDocs::order_by_fast_field` reads one date per call, for every match.
//! An empty search line matches every article, so on a million articles that read was
//! most of a keystroke's time. [`Newest`] takes the matches in tantivy's blocks of
//! document ids, reads their dates in one call per block (a bit-unpacking loop when every
//! article has a date), and looks at the list only for a date newer than its oldest entry.
//! Among equal dates the earlier document of a segment is kept, as tantivy does.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects the `limit` newest matches and counts them all.
pub struct Newest {
    /// How many to keep (at least one).
    pub limit: usize,
}

/// The matches' count and the newest, as (date key, address), newest first.
pub type NewestFruit = (usize, Vec<(u64, DocAddress)>);

/// One segment's share: a min-heap on (date, later document), so its top is the entry a
/// newer match replaces.
pub struct NewestSegment {
    ord: SegmentOrdinal,
    limit: usize,
    dates: Option<Column<u64>>,
    heap: BinaryHeap<Reverse<(u64, Reverse<DocId>)>>,
    /// The oldest date in the list once it is full: only a newer one goes in.
    floor: Option<u64>,
    count: usize,
    buf: Vec<Option<u64>>,
}

impl NewestSegment {
    #[inline]
    fn offer(&mut self, date: u64, doc: DocId) {
        if self.floor.is_some_and(|floor| date <= floor) {
            return;
        }
        if self.heap.len() < self.limit {
            self.heap.push(Reverse((date, Reverse(doc))));
        } else if let Some(mut oldest) = self.heap.peek_mut() {
            *oldest = Reverse((date, Reverse(doc)));
        }
        if self.heap.len() == self.limit {
            self.floor = self.heap.peek().map(|oldest| oldest.0.0);
        }
    }
}

impl SegmentCollector for NewestSegment {
    type Fruit = NewestFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.count += docs.len();
        let Some(dates) = &self.dates else {
            for &doc in docs {
                self.offer(0, doc);
            }
            return;
        };
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.resize(docs.len(), None);
        dates.first_vals(docs, &mut buf);
        for (&doc, date) in docs.iter().zip(&buf) {
            self.offer(date.unwrap_or(0), doc);
        }
        self.buf = buf;
    }

    fn harvest(self) -> NewestFruit {
        let ord = self.ord;
        let hits = self
            .heap
            .into_iter()
            .map(|Reverse((date, Reverse(doc)))| (date, DocAddress::new(ord, doc)))
            .collect();
        (self.count, hits)
    }
}

impl Collector for Newest {
    type Fruit = NewestFruit;
    type Child = NewestSegment;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<NewestSegment> {
        let limit = self.limit.max(1);
        // A limit larger than the segment allocates for the segment.
        let room = limit.min(reader.max_doc() as usize);
        Ok(NewestSegment {
            ord,
            limit,
            dates: reader.fast_fields().u64("date").ok(),
            heap: BinaryHeap::with_capacity(room + 1),
            floor: None,
            count: 0,
            buf: Vec::with_capacity(64),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<NewestFruit>) -> tantivy::Result<NewestFruit> {
        let mut count = 0;
        let mut all = Vec::new();
        for (n, hits) in fruits {
            count += n;
            all.extend(hits);
        }
        all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        all.truncate(self.limit.max(1));
        Ok((count, all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STORED, STRING, Schema};
    use tantivy::{Index, IndexWriter, Order, TantivyDocument, Term, doc};

    /// Several segments, some articles undated, some deleted, many equal dates.
    fn index() -> (Index, Schema) {
        let mut builder = Schema::builder();
        let date = builder.add_u64_field("date", FAST | INDEXED);
        let tag = builder.add_text_field("tag", STRING);
        let id = builder.add_u64_field("id", INDEXED | STORED);
        let schema = builder.build();
        let index = Index::create_in_ram(schema.clone());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut n = 0u64;
        for segment in 0..4u64 {
            for i in 0..500u64 {
                n += 1;
                let tag_value = if n.is_multiple_of(3) {
                    "three"
                } else {
                    "other"
                };
                let mut d = TantivyDocument::default();
                d.add_text(tag, tag_value);
                d.add_u64(id, n);
                // Every seventh undated; dates repeat across segments.
                if !n.is_multiple_of(7) {
                    d.add_u64(date, 20_000_000 + (i * 37 + segment * 11) % 400);
                }
                writer.add_document(d).unwrap();
            }
            writer.commit().unwrap();
        }
        writer.delete_term(Term::from_field_u64(id, 42));
        writer
            .add_document(doc!(tag => "other", id => 9999u64))
            .unwrap();
        writer.commit().unwrap();
        (index, schema)
    }

    #[test]
    fn finds_the_dates_tantivy_finds_and_counts_every_match() {
        let (index, schema) = index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let tag = schema.get_field("tag").unwrap();
        let three = TermQuery::new(
            Term::from_field_text(tag, "three"),
            IndexRecordOption::Basic,
        );
        let queries: [&dyn Query; 2] = [&AllQuery, &three];
        for query in queries {
            for limit in [1, 5, 50, 700, 5000] {
                let (count, mine) = searcher.search(query, &Newest { limit }).unwrap();
                let by_date =
                    TopDocs::with_limit(limit).order_by_fast_field::<u64>("date", Order::Desc);
                let (theirs, total) = searcher.search(query, &(by_date, Count)).unwrap();
                assert_eq!(count, total, "limit {limit}");
                assert_eq!(mine.len(), theirs.len(), "limit {limit}");
                // The same dates in the same order (equal dates may be other articles).
                let mine_dates: Vec<u64> = mine.iter().map(|h| h.0).collect();
                let theirs_dates: Vec<u64> = theirs.iter().map(|h| h.0.unwrap_or(0)).collect();
                assert_eq!(mine_dates, theirs_dates, "limit {limit}");
                // Newest first, undated last, deleted never.
                assert!(mine.windows(2).all(|w| w[0].0 >= w[1].0));
                for (_, addr) in &mine {
                    let d: TantivyDocument = searcher.doc(*addr).unwrap();
                    let id = schema.get_field("id").unwrap();
                    assert_ne!(
                        tantivy::schema::Value::as_u64(&d.get_first(id).unwrap()),
                        Some(42)
                    );
                }
            }
        }
    }
}
