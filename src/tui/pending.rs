//! An answer that is due: one type for every request the reader waits on.
//!
//! Each request takes a ticket from one process-wide counter, so tickets never repeat,
//! even across screens that are closed and opened again: an answer to a comparison that
//! was closed can never be mistaken for the answer to the one open now. A [`Pending`]
//! remembers the ticket of its newest request and accepts only the answer carrying it;
//! the value it had stays readable meanwhile (the previous results stay on screen while
//! the next ones are computed).

use std::sync::atomic::{AtomicU64, Ordering};

static TICKETS: AtomicU64 = AtomicU64::new(1);

/// A value computed elsewhere, with the ticket of the newest request for it.
#[derive(Debug, Clone)]
pub struct Pending<T> {
    asked: u64,
    answered: u64,
    value: Option<T>,
    error: Option<String>,
}

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending {
            asked: 0,
            answered: 0,
            value: None,
            error: None,
        }
    }
}

impl<T> Pending<T> {
    /// Starts a new request and returns its ticket; any older answer will be dropped.
    pub fn ask(&mut self) -> u64 {
        self.asked = TICKETS.fetch_add(1, Ordering::Relaxed);
        self.asked
    }

    /// The ticket of the newest request (0 before the first).
    pub fn ticket(&self) -> u64 {
        self.asked
    }

    /// Whether the answer to the newest request has not arrived.
    pub fn is_due(&self) -> bool {
        self.answered < self.asked
    }

    /// Takes an answer: `false` (and nothing changes) unless it carries the newest
    /// ticket. An error keeps the previous value.
    pub fn accept(&mut self, ticket: u64, outcome: Result<T, String>) -> bool {
        if ticket != self.asked || !self.is_due() {
            return false;
        }
        self.answered = ticket;
        match outcome {
            Ok(v) => {
                self.value = Some(v);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        true
    }

    /// Sets the value without a request (nothing to compute), cancelling any due answer.
    pub fn set(&mut self, value: Option<T>) {
        self.answered = self.asked;
        self.value = value;
        self.error = None;
    }

    /// The newest value that arrived.
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// What was wrong with the newest request.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether a value arrived and the newest request did not fail.
    pub fn is_ok(&self) -> bool {
        self.value.is_some() && self.error.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_answer_sticks() {
        let mut p: Pending<&str> = Pending::default();
        let first = p.ask();
        let second = p.ask();
        assert!(p.is_due());
        assert!(!p.accept(first, Ok("old")));
        assert!(p.value().is_none());
        assert!(p.accept(second, Ok("new")));
        assert!(!p.is_due());
        assert!(!p.accept(second, Ok("again")));
        assert_eq!(p.value(), Some(&"new"));
    }

    #[test]
    fn an_error_keeps_the_previous_value() {
        let mut p: Pending<u8> = Pending::default();
        let t = p.ask();
        p.accept(t, Ok(1));
        let t = p.ask();
        p.accept(t, Err("bad".into()));
        assert_eq!(p.value(), Some(&1));
        assert_eq!(p.error(), Some("bad"));
    }

    #[test]
    fn tickets_never_repeat_across_values() {
        let mut a: Pending<u8> = Pending::default();
        let mut b: Pending<u8> = Pending::default();
        let ta = a.ask();
        let tb = b.ask();
        assert_ne!(ta, tb);
        assert!(!b.accept(ta, Ok(0)));
    }
}
