//! Reading every stored article for corpus-wide analysis.

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::error::Result;
use crate::index::DigestIndex;
use crate::model::Article;

/// Every article in the index, in a stable order (by id).
pub fn all_articles(index: &DigestIndex) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    for_each_batch(index, usize::MAX, |batch| {
        articles.extend(batch);
        Ok(())
    })?;
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(articles)
}

/// Hands every article in the index to `f`, in batches of at most `batch` articles, so a
/// corpus-wide pass never holds more than one batch of article text.
///
/// Documents are fetched in document order, which keeps the doc store's block cache
/// warm, and fetching and decoding are spread over the available cores.
pub fn for_each_batch(
    index: &DigestIndex,
    batch: usize,
    mut f: impl FnMut(Vec<Article>) -> Result<()>,
) -> Result<()> {
    let searcher = index.searcher();
    let fields = *index.fields();
    let q = TermQuery::new(
        Term::from_field_text(fields.kind, "article"),
        IndexRecordOption::Basic,
    );
    let mut addrs: Vec<_> = searcher.search(&q, &DocSetCollector)?.into_iter().collect();
    addrs.sort();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for group in addrs.chunks(batch.max(1)) {
        let chunk = group.len().div_ceil(threads).max(1);
        let parts: Vec<Result<Vec<Article>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = group
                .chunks(chunk)
                .map(|part| {
                    let searcher = &searcher;
                    scope.spawn(move || {
                        let mut out = Vec::with_capacity(part.len());
                        for &addr in part {
                            let doc: TantivyDocument = searcher.doc(addr)?;
                            if let Some(a) = crate::index::decode_article(&fields, &doc) {
                                out.push(a);
                            }
                        }
                        Ok(out)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Ok(Vec::new())))
                .collect()
        });
        let mut articles = Vec::with_capacity(group.len());
        for part in parts {
            articles.extend(part?);
        }
        f(articles)?;
    }
    Ok(())
}
