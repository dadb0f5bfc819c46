//! `digest remove`: takes articles back out of the index, and keeps them out.
//!
//! An article is removed with all its documents (the article and every origin recorded
//! for it) in one commit, so a run that is killed or cannot write leaves the index as it
//! was. Its id — a hash of its text — is written to [`super::removed::REMOVED`] in the index directory
//! first: every later ingest skips an article with a removed id ("removed with `digest
//! remove`"), and `digest reindex` carries the file into the index it rebuilds, so the
//! article does not come back from the file or feed it was read from. The file is text,
//! one `id<TAB>title` line per article, written whole to a temporary file and renamed
//! into place; deleting a line lets that article be ingested again.

use tantivy::Term;

use super::DigestIndex;
use super::removed::{removed_ids, write_removed};
use super::writer::{committed_ids_for_path, open_writer_for, write_failure};
use crate::error::{Error, Result};
use crate::model::Article;

/// What to remove.
#[derive(Debug, Clone, Default)]
pub struct Removal {
    /// Article ids, or unique prefixes of at least 4 characters.
    pub ids: Vec<String>,
    /// Source files (as given; made absolute as ingest records them) whose articles go.
    pub sources: Vec<String>,
    /// A source with no articles is passed over rather than an error (a feed's file
    /// whose items were all already stored).
    pub missing_ok: bool,
}

/// One removed article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedArticle {
    /// Article id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Outlet id.
    pub outlet: String,
    /// Outlet display name.
    pub outlet_name: String,
    /// The file (and item) it was first read from.
    pub source: String,
}

/// Removes the articles `what` names, in one commit, and records their ids so no ingest
/// or reindex brings them back. An id or source that matches nothing is an error
/// ([`Error::NoSuchArticle`]) and nothing is removed.
pub fn remove(index: &DigestIndex, what: &Removal) -> Result<Vec<RemovedArticle>> {
    let mut articles: Vec<Article> = Vec::new();
    let mut add = |a: Article| {
        if !articles.iter().any(|x| x.id == a.id) {
            articles.push(a);
        }
    };
    for id in &what.ids {
        let a = index
            .article(id)?
            .ok_or_else(|| Error::NoSuchArticle(crate::text::sanitize_inline(id).into_owned()))?;
        add(a);
    }
    let searcher = index.searcher();
    for source in &what.sources {
        let path = if source.starts_with("http://") || source.starts_with("https://") {
            source.clone()
        } else {
            std::path::absolute(source)
                .map_or_else(|_| source.clone(), |p| p.to_string_lossy().into_owned())
        };
        let ids = committed_ids_for_path(&searcher, index.fields(), &path)?;
        if ids.is_empty() && what.missing_ok {
            continue;
        }
        if ids.is_empty() {
            return Err(Error::NoSuchArticle(format!(
                "from {}",
                crate::text::sanitize_inline(source)
            )));
        }
        for id in &ids {
            if let Some(a) = index.article(id)? {
                add(a);
            }
        }
    }
    if articles.is_empty() {
        return Ok(Vec::new());
    }

    // The ids first: an interrupted run leaves them recorded, and the next reindex
    // finishes the removal; a failed commit puts the file back as it was.
    let dir = index.path();
    let before = removed_ids(dir)?;
    let mut after = before.clone();
    for a in &articles {
        after.insert(a.id.clone(), a.title.clone());
    }
    write_removed(dir, &after)?;
    let committed = (|| {
        let mut writer = open_writer_for(index)?;
        for a in &articles {
            // The article document and its origin documents all carry the id.
            writer.delete_term(Term::from_field_text(index.fields().id, &a.id));
        }
        writer.commit().map_err(|e| write_failure(index, e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| write_failure(index, e))?;
        index.reload()
    })();
    if let Err(e) = committed {
        let _ = write_removed(dir, &before);
        return Err(e);
    }
    Ok(articles
        .into_iter()
        .map(|a| RemovedArticle {
            source: a.source().to_string(),
            id: a.id,
            title: a.title,
            outlet: a.outlet,
            outlet_name: a.outlet_name,
        })
        .collect())
}
