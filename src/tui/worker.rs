//! The search worker: a thread that owns the index, so the screen never waits for it.
//!
//! The UI sends [`Request`]s tagged with a ticket (see [`super::pending`]). The worker takes
//! everything queued, runs only the newest search (older ones are stale: the user has
//! typed on), and answers with the ticket it ran. The UI drops answers to anything but
//! its newest request. Searching itself is [`crate::search::search`], the same function
//! the shell uses; the worker adds no second way to search.
//!
//! The framing views ask for events and comparisons, which take up to seconds on a large
//! corpus. They run on a second thread over the same index, so typing in the search line
//! never waits behind them; like searches, only the newest request of each kind runs and
//! its answer carries the ticket it was asked with.
//!
//! Fetching the subscribed feeds (key `F`) runs on a third thread, with its own handle on
//! the index (as a `digest fetch` in another terminal would have): its progress and its
//! summary come back as answers, and the search thread sees the new articles when the
//! app asks it to re-read the index.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use super::answer::{Answer, ComparisonAnswer, FetchStatus, IndexInfo};
use crate::fetch::Step;
use crate::framing::{self, CompareOptions, Window};
use crate::index::DigestIndex;
use crate::registries::Registries;
use crate::search::{self, SearchRequest};

/// What the UI asks of the worker.
#[derive(Debug, Clone)]
pub enum Request {
    /// Run this search and answer with this ticket.
    Search {
        /// Ticket of the request.
        ticket: u64,
        /// The search.
        request: SearchRequest,
    },
    /// Re-read the index and report what it holds.
    Refresh,
    /// List every file the article with this id was ingested from.
    Origins {
        /// Article id.
        id: String,
    },
    /// Find the events in the index, keep those in the window, and answer with this
    /// ticket.
    Events {
        /// Ticket of the request.
        ticket: u64,
        /// The list's dates and outlets.
        window: Window,
    },
    /// Compare the outlets' coverage of a search or an event.
    Compare {
        /// Ticket of the request.
        ticket: u64,
        /// What to compare.
        target: CompareTarget,
    },
    /// Fetch every subscribed feed into the index.
    Fetch,
}

impl Request {
    /// Whether the framing thread answers this request (else the search thread does).
    fn is_framing(&self) -> bool {
        matches!(self, Request::Events { .. } | Request::Compare { .. })
    }
}

/// What a comparison is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareTarget {
    /// The articles matching the query on the search line, under the list's outlet and
    /// date filters.
    Query {
        /// The query text.
        query: String,
        /// Outlet ids of the list's filter.
        outlets: Vec<String>,
        /// The list's date filter, start.
        since: Option<String>,
        /// The list's date filter, end.
        until: Option<String>,
    },
    /// One event of the events list.
    Event {
        /// Event id.
        id: String,
        /// Its label, shown while the comparison is computed.
        label: String,
        /// The window the events list was found in (the event's id is of that list).
        window: Window,
    },
}

/// How long the worker trusts its view of the index before re-reading it (cheaply) ahead
/// of a search, so articles ingested while the reader is open show up.
const RELOAD_AFTER: Duration = Duration::from_secs(2);

/// Handle to the worker threads. Dropping it stops them after their current request.
pub struct Worker {
    tx: Sender<Request>,
    framing: Sender<Request>,
    fetch: Sender<Request>,
    rx: Receiver<Answer>,
}

impl Worker {
    /// Starts the worker threads (search and framing); they own `index` from now on.
    pub fn spawn(index: DigestIndex) -> std::io::Result<Worker> {
        let dir = index.path().to_path_buf();
        let registries = index.registries().clone();
        let index = Arc::new(index);
        let (tx, requests) = mpsc::channel::<Request>();
        let (framing, framing_requests) = mpsc::channel::<Request>();
        let (fetch, fetch_requests) = mpsc::channel::<Request>();
        let (answers, rx) = mpsc::channel::<Answer>();
        let framing_answers = answers.clone();
        let fetch_answers = answers.clone();
        thread::Builder::new()
            .name("digest-fetch".into())
            .spawn(move || serve_fetch(&dir, &registries, fetch_requests, fetch_answers))?;
        let search_index = Arc::clone(&index);
        thread::Builder::new()
            .name("digest-search".into())
            .spawn(move || serve(&search_index, requests, answers))?;
        thread::Builder::new()
            .name("digest-framing".into())
            .spawn(move || serve_framing(&index, framing_requests, framing_answers))?;
        Ok(Worker {
            tx,
            framing,
            fetch,
            rx,
        })
    }

    /// Queues a request. `false` when the thread that answers it has stopped.
    pub fn send(&self, r: Request) -> bool {
        if matches!(r, Request::Fetch) {
            self.fetch.send(r).is_ok()
        } else if r.is_framing() {
            self.framing.send(r).is_ok()
        } else {
            self.tx.send(r).is_ok()
        }
    }

    /// An answer, if one is ready. `Err(())` when the worker has stopped.
    #[allow(clippy::result_unit_err)]
    pub fn try_recv(&self) -> Result<Option<Answer>, ()> {
        match self.rx.try_recv() {
            Ok(a) => Ok(Some(a)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }
}

/// The last newest page (an empty search line), kept while the index holds the same
/// segments: the reader comes back to it whenever the search line is emptied, and on a
/// million articles finding it again takes half a frame.
struct NewestPage {
    /// [`crate::index::segments_key`] of the searcher it was found with.
    segments: String,
    request: SearchRequest,
    results: crate::model::SearchResults,
}

/// [`answer`], from `kept` when it is the same newest page of the same index.
fn answer_keeping_newest(
    index: &DigestIndex,
    kept: &mut Option<NewestPage>,
    ticket: u64,
    request: &SearchRequest,
) -> Answer {
    if !request.query.trim().is_empty() {
        return answer(index, ticket, request);
    }
    let start = Instant::now();
    let segments = crate::index::segments_key(&index.searcher());
    if let Some(page) = kept
        && page.request == *request
        && page.segments == segments
    {
        let mut results = page.results.clone();
        results.elapsed = start.elapsed();
        return Answer::Results {
            ticket,
            outcome: Ok(results),
        };
    }
    let outcome = search::search(index, request).map_err(|e| e.to_string());
    if let Ok(results) = &outcome {
        *kept = Some(NewestPage {
            segments,
            request: request.clone(),
            results: results.clone(),
        });
    }
    Answer::Results { ticket, outcome }
}

fn serve(index: &DigestIndex, requests: Receiver<Request>, answers: Sender<Answer>) {
    let mut kept = None;
    let mut last_reload = Instant::now();
    let mut articles = index.article_count();
    while let Ok(first) = requests.recv() {
        // Take everything queued; only the newest search matters.
        let mut search = None;
        let mut refresh = false;
        let mut origins = None;
        let mut take = |r: Request| match r {
            Request::Search { ticket, request } => search = Some((ticket, request)),
            Request::Refresh => refresh = true,
            Request::Origins { id } => origins = Some(id),
            // Routed to the other threads by `Worker::send`.
            Request::Events { .. } | Request::Compare { .. } | Request::Fetch => {}
        };
        take(first);
        while let Ok(r) = requests.try_recv() {
            take(r);
        }
        if refresh || last_reload.elapsed() >= RELOAD_AFTER {
            let _ = index.reload();
            last_reload = Instant::now();
            let now = index.article_count();
            if refresh || now != articles {
                articles = now;
                if let Ok(info) = index_info(index)
                    && answers.send(Answer::Index(info)).is_err()
                {
                    return;
                }
            }
        }
        if let Some((ticket, request)) = search
            && answers
                .send(answer_keeping_newest(index, &mut kept, ticket, &request))
                .is_err()
        {
            return;
        }
        if let Some(id) = origins
            && let Ok(origins) = index.origins(&id)
            && answers.send(Answer::Origins { id, origins }).is_err()
        {
            return;
        }
    }
}

fn serve_framing(index: &DigestIndex, requests: Receiver<Request>, answers: Sender<Answer>) {
    while let Ok(first) = requests.recv() {
        // Take everything queued; only the newest request of each kind matters.
        let mut events = None;
        let mut compare = None;
        let mut take = |r: Request| match r {
            Request::Events { ticket, window } => events = Some((ticket, window)),
            Request::Compare { ticket, target } => compare = Some((ticket, target)),
            _ => {}
        };
        take(first);
        while let Ok(r) = requests.try_recv() {
            take(r);
        }
        // See articles ingested since the search thread last looked.
        let _ = index.reload();
        if let Some((ticket, window)) = events
            && answers.send(events_answer(index, ticket, &window)).is_err()
        {
            return;
        }
        if let Some((ticket, target)) = compare
            && answers
                .send(compare_answer(index, ticket, &target))
                .is_err()
        {
            return;
        }
    }
}

fn serve_fetch(
    dir: &Path,
    registries: &Registries,
    requests: Receiver<Request>,
    answers: Sender<Answer>,
) {
    while requests.recv().is_ok() {
        // Asked again while fetching: once is enough.
        while requests.try_recv().is_ok() {}
        let progress = |s: FetchStatus| {
            let _ = answers.send(Answer::Fetch(s));
        };
        let done = fetch_answer(dir, registries, &progress);
        if answers.send(Answer::Fetch(done)).is_err() {
            return;
        }
    }
}

/// Fetches every feed subscribed beside the index in `dir` (see
/// [`crate::fetch::fetch_subscriptions`]), telling `progress` how far it got; how it
/// ended. Tests call this directly.
pub fn fetch_answer(
    dir: &Path,
    registries: &Registries,
    progress: &(dyn Fn(FetchStatus) + Sync),
) -> FetchStatus {
    progress(FetchStatus::Fetching { done: 0, total: 0 });
    let step = |s: Step| {
        progress(match s {
            Step::Fetched { done, total, .. } => FetchStatus::Fetching { done, total },
            Step::Indexing { items } => FetchStatus::Indexing { items },
        })
    };
    match guarded("fetching", || {
        crate::fetch::fetch_subscriptions(dir, registries.clone(), &step)
    }) {
        Ok(summary) => FetchStatus::Done(summary),
        Err(why) => FetchStatus::Failed(why),
    }
}

/// Runs `f`, turning a panic into an error message (the framing code is heuristic and
/// new; a bug in it should show as an error in the view, not end the reader).
fn guarded<T>(what: &str, f: impl FnOnce() -> crate::Result<T>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(payload) => {
            // The panic hook recorded it as a dying worker; this one lives on.
            super::forget_worker_panic();
            let why = crate::error::panic_message(payload.as_ref());
            Err(format!("{what} failed: {why}"))
        }
    }
}

/// Finds the events in `window` and wraps the outcome as the answer the UI applies.
/// Tests call this directly.
pub fn events_answer(index: &DigestIndex, ticket: u64, window: &Window) -> Answer {
    Answer::Events {
        ticket,
        outcome: guarded("finding events", || framing::events_in(index, window)),
    }
}

/// Runs one comparison, loads the articles of its passages, and wraps the outcome as the
/// answer the UI applies. Tests call this directly.
pub fn compare_answer(index: &DigestIndex, ticket: u64, target: &CompareTarget) -> Answer {
    let outcome = guarded("comparing", || {
        let comparison = match target {
            CompareTarget::Query {
                query,
                outlets,
                since,
                until,
            } => {
                let opts = CompareOptions {
                    window: Window {
                        since: since.clone(),
                        until: until.clone(),
                        outlets: outlets.clone(),
                    },
                    ..Default::default()
                };
                framing::compare_query(index, query, &opts)?
            }
            CompareTarget::Event { id, window, .. } => {
                let opts = CompareOptions {
                    window: window.clone(),
                    ..Default::default()
                };
                framing::compare_event(index, id, &opts)?
            }
        };
        let mut articles = HashMap::new();
        for p in comparison.outlets.iter().flat_map(|c| &c.passages) {
            if !articles.contains_key(&p.article)
                && let Some(a) = index.article(&p.article)?
            {
                articles.insert(p.article.clone(), a);
            }
        }
        Ok(Box::new(ComparisonAnswer {
            comparison,
            articles,
        }))
    });
    Answer::Comparison { ticket, outcome }
}

/// Runs one search and wraps the outcome as the answer the UI applies. Tests call this
/// directly to feed results synchronously.
pub fn answer(index: &DigestIndex, ticket: u64, request: &SearchRequest) -> Answer {
    Answer::Results {
        ticket,
        outcome: search::search(index, request).map_err(|e| e.to_string()),
    }
}

/// Answers one request synchronously, as the worker threads would (without dropping
/// stale ones): tests and benchmarks run the reader this way.
pub fn respond(index: &DigestIndex, request: Request) -> Option<Answer> {
    match request {
        Request::Search { ticket, request } => Some(answer(index, ticket, &request)),
        Request::Refresh => {
            index.reload().ok()?;
            index_info(index).ok().map(Answer::Index)
        }
        Request::Origins { id } => {
            let origins = index.origins(&id).ok()?;
            Some(Answer::Origins { id, origins })
        }
        Request::Events { ticket, window } => Some(events_answer(index, ticket, &window)),
        Request::Compare { ticket, target } => Some(compare_answer(index, ticket, &target)),
        Request::Fetch => Some(Answer::Fetch(fetch_answer(
            index.path(),
            index.registries(),
            &|_| {},
        ))),
    }
}

/// What the index holds: article count and outlets.
pub fn index_info(index: &DigestIndex) -> crate::Result<IndexInfo> {
    Ok(IndexInfo {
        articles: index.article_count(),
        outlets: index.outlet_summaries()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(answer: Answer) -> Vec<String> {
        match answer {
            Answer::Results { outcome, .. } => outcome
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.article.title)
                .collect(),
            _ => panic!("not results"),
        }
    }

    #[test]
    fn the_newest_page_is_kept_until_the_index_changes() {
        let dir = tempfile::tempdir().unwrap();
        let index = DigestIndex::open_seeded(&dir.path().join("index")).unwrap();
        let newest = SearchRequest {
            limit: 50,
            ..Default::default()
        };
        let mut kept = None;
        let first = titles(answer_keeping_newest(&index, &mut kept, 1, &newest));
        assert_eq!(first.len(), 5);
        assert!(kept.is_some());
        assert_eq!(
            titles(answer_keeping_newest(&index, &mut kept, 2, &newest)),
            first
        );
        // Another page (a filter) is searched, and kept in its place.
        let since = SearchRequest {
            since: Some("2021-04-01".into()),
            ..newest.clone()
        };
        assert_eq!(
            titles(answer_keeping_newest(&index, &mut kept, 3, &since)).len(),
            1
        );
        assert_eq!(
            titles(answer_keeping_newest(&index, &mut kept, 4, &newest)),
            first
        );
        assert!(kept.as_ref().is_some_and(|k| k.request == newest));

        // A newer article arrives: the same page is searched again.
        let file = dir.path().join("new.json");
        std::fs::write(
            &file,
            r#"{"title": "Lunar lander reaches orbit", "date": "2024-05-01",
                "outlet": "Example News", "body": "The lander reached lunar orbit on Wednesday."}"#,
        )
        .unwrap();
        let opts = crate::index::writer::IngestOptions {
            bundled: false,
            ..Default::default()
        };
        crate::index::writer::ingest_paths(&index, &[file], &opts, &mut |_| {}).unwrap();
        index.reload().unwrap();
        let now = titles(answer_keeping_newest(&index, &mut kept, 5, &newest));
        assert_eq!(now.len(), 6);
        assert_eq!(now[0], "Lunar lander reaches orbit");
    }
}
