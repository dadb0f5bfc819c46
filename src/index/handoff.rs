//! The hand-off of analysed tokens from ingest to tantivy's indexing threads, for one
//! ingest run.
//!
//! Ingest analyses every title and body once to find sentences and entities, then hands
//! the article to tantivy, whose indexing thread asks the registered analyzer for the
//! same tokens. The run's [`Handoff`] keeps the result for that second request: the
//! writer [`offer`](Handoff::offer)s the tokens just before it adds the document, and
//! the [`DigestTokenizer`](super::DigestTokenizer) registered for the run
//! [`take`](Handoff::take)s them. The text itself is the key, compared in full, so the
//! answer is always exactly what analysing would give. The writer makes one for each run
//! and registers a tokenizer holding it; outside a run the tokenizer analyses.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::text::Analysed;

/// Most analysed texts kept for the index at once.
pub const HANDOFF_LIMIT: usize = 512;

/// How long a full hand-off waits for the index to take a text before it drops them all.
pub const HANDOFF_WAIT: Duration = Duration::from_secs(3);

/// Texts analysed at ingest, waiting for the index to ask for their tokens again.
///
/// At most [`HANDOFF_LIMIT`] texts wait at once, which bounds the memory this holds. A
/// full hand-off makes the offering thread wait for the index to take one, so the index
/// never analyses a text a second time because ingest ran ahead of it. If the index takes
/// nothing for [`HANDOFF_WAIT`], what waits will not be asked for (its indexing thread
/// died, or its run was abandoned) and is dropped.
#[derive(Default)]
pub struct Handoff {
    waiting: Mutex<Waiting>,
    /// Signalled each time the index takes a text.
    taken: Condvar,
}

#[derive(Default)]
struct Waiting {
    /// Texts and their tokens, oldest first.
    queue: VecDeque<(String, Analysed)>,
    /// Texts taken so far: the index's progress.
    taken: u64,
}

impl Handoff {
    /// Keeps the tokens of `text` for the next [`take`](Self::take) of the same text,
    /// first waiting for room while [`HANDOFF_LIMIT`] texts are already waiting. A
    /// `String` given here becomes the key itself, without a copy.
    pub fn offer(&self, text: impl Into<String>, analysed: Analysed) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let mut deadline = None;
        let mut progress = waiting.taken;
        while waiting.queue.len() >= HANDOFF_LIMIT {
            let now = Instant::now();
            if waiting.taken != progress {
                // The index is taking; another offer got the room. Keep waiting.
                progress = waiting.taken;
                deadline = None;
            }
            let until = *deadline.get_or_insert(now + HANDOFF_WAIT);
            if now >= until {
                waiting.queue.clear();
                break;
            }
            waiting = self
                .taken
                .wait_timeout(waiting, until - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        waiting.queue.push_back((text.into(), analysed));
    }

    /// The tokens offered for `text`, if any are waiting; removes them.
    pub fn take(&self, text: &str) -> Option<Analysed> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        if waiting.queue.is_empty() {
            return None;
        }
        let i = waiting
            .queue
            .iter()
            .position(|(t, _)| t.len() == text.len() && t == text)?;
        let taken = waiting.queue.remove(i).map(|(_, a)| a);
        waiting.taken += 1;
        self.taken.notify_all();
        taken
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn the_hand_off_answers_only_for_the_same_text() {
        let handoff = Handoff::default();
        let text = "Hand-off test: Chang’e 4 landed on the far side.";
        let other = "Hand-off test: Chang’e 5 landed on the far side.";
        handoff.offer(text, Analysed::of(text));
        assert_eq!(handoff.take(other), None, "same length, other text");
        assert_eq!(handoff.take(text), Some(Analysed::of(text)));
        assert_eq!(handoff.take(text), None, "taken once");
    }

    #[test]
    fn the_hand_off_waits_for_the_index_instead_of_dropping_tokens() {
        let handoff = Arc::new(Handoff::default());
        // Ingest offers faster than the index takes: every text must still be waiting
        // when its turn comes, or the index analyses it a second time. As in ingest, a
        // text goes to the index (here a channel) after its tokens were offered.
        let (add, added) = std::sync::mpsc::channel::<String>();
        let taker = Arc::clone(&handoff);
        let index = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            added.iter().filter(|t| taker.take(t).is_none()).count()
        });
        for i in 0..2 * HANDOFF_LIMIT {
            let text = format!("hand-off order test, text {i}");
            handoff.offer(&text, Analysed::of(&text));
            add.send(text).unwrap();
        }
        drop(add);
        assert_eq!(
            index.join().unwrap(),
            0,
            "texts dropped before the index took them"
        );
    }

    #[test]
    fn a_full_hand_off_nobody_takes_from_does_not_stall_ingest() {
        let handoff = Arc::new(Handoff::default());
        let texts: Vec<String> = (0..=HANDOFF_LIMIT)
            .map(|i| format!("hand-off stall test, text {i}"))
            .collect();
        let (done, finished) = std::sync::mpsc::channel();
        let offering = texts.clone();
        let offerer = Arc::clone(&handoff);
        std::thread::spawn(move || {
            for t in &offering {
                offerer.offer(t, Analysed::of(t));
            }
            let _ = done.send(());
        });
        let limit = HANDOFF_WAIT * 10;
        assert!(
            finished.recv_timeout(limit).is_ok(),
            "offering one text past the limit took longer than {limit:?}"
        );
        let last = texts.last().unwrap();
        assert_eq!(handoff.take(last), Some(Analysed::of(last)));
        for t in &texts {
            handoff.take(t);
        }
    }

    #[test]
    fn each_run_has_its_own_hand_off() {
        let (one, other) = (Handoff::default(), Handoff::default());
        let text = "Hand-off run test.";
        one.offer(text, Analysed::of(text));
        assert_eq!(other.take(text), None);
        assert_eq!(one.take(text), Some(Analysed::of(text)));
    }
}
