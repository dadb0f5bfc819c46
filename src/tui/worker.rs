//! The search worker: a thread that owns the index, so the screen never waits for it.
//!
//! The UI sends [`Request`]s tagged with a generation number. The worker takes
//! everything queued, runs only the newest search (older ones are stale: the user has
//! typed on), and answers with the generation it ran. The UI drops answers older than
//! its newest request. Searching itself is [`crate::search::search`], the same function
//! the shell uses; the worker adds no second way to search.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use super::action::{Action, IndexInfo};
use crate::index::DigestIndex;
use crate::search::{self, SearchRequest};

/// What the UI asks of the worker.
#[derive(Debug, Clone)]
pub enum Request {
    /// Run this search and answer with this generation.
    Search {
        /// Generation number of the request.
        generation: u64,
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
}

/// How long the worker trusts its view of the index before re-reading it (cheaply) ahead
/// of a search, so articles ingested while the reader is open show up.
const RELOAD_AFTER: Duration = Duration::from_secs(2);

/// Handle to the worker thread. Dropping it stops the worker after its current search.
pub struct Worker {
    tx: Sender<Request>,
    rx: Receiver<Action>,
}

impl Worker {
    /// Starts the worker; it owns `index` from now on.
    pub fn spawn(index: DigestIndex) -> std::io::Result<Worker> {
        let (tx, requests) = mpsc::channel::<Request>();
        let (answers, rx) = mpsc::channel::<Action>();
        thread::Builder::new()
            .name("digest-search".into())
            .spawn(move || serve(index, requests, answers))?;
        Ok(Worker { tx, rx })
    }

    /// Queues a request. `false` when the worker has stopped.
    pub fn send(&self, r: Request) -> bool {
        self.tx.send(r).is_ok()
    }

    /// An answer, if one is ready. `Err(())` when the worker has stopped.
    #[allow(clippy::result_unit_err)]
    pub fn try_recv(&self) -> Result<Option<Action>, ()> {
        match self.rx.try_recv() {
            Ok(a) => Ok(Some(a)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }
}

fn serve(index: DigestIndex, requests: Receiver<Request>, answers: Sender<Action>) {
    let mut last_reload = Instant::now();
    let mut articles = index.article_count();
    while let Ok(first) = requests.recv() {
        // Take everything queued; only the newest search matters.
        let mut search = None;
        let mut refresh = false;
        let mut origins = None;
        let mut take = |r: Request| match r {
            Request::Search {
                generation,
                request,
            } => search = Some((generation, request)),
            Request::Refresh => refresh = true,
            Request::Origins { id } => origins = Some(id),
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
                if let Ok(info) = index_info(&index)
                    && answers.send(Action::Index(info)).is_err()
                {
                    return;
                }
            }
        }
        if let Some((generation, request)) = search
            && answers.send(answer(&index, generation, &request)).is_err()
        {
            return;
        }
        if let Some(id) = origins
            && let Ok(origins) = index.origins(&id)
            && answers.send(Action::Origins { id, origins }).is_err()
        {
            return;
        }
    }
}

/// Runs one search and wraps the outcome as the action the UI applies. Tests call this
/// directly to feed results synchronously.
pub fn answer(index: &DigestIndex, generation: u64, request: &SearchRequest) -> Action {
    Action::Results {
        generation,
        outcome: search::search(index, request).map_err(|e| e.to_string()),
    }
}

/// What the index holds: article count and outlets.
pub fn index_info(index: &DigestIndex) -> crate::Result<IndexInfo> {
    Ok(IndexInfo {
        articles: index.article_count(),
        outlets: index.outlet_summaries()?,
    })
}
