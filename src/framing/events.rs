//! Events: happenings two or more outlets report.

use super::Event;
use crate::error::Result;
use crate::index::DigestIndex;

/// Options for event detection.
#[derive(Debug, Clone, Default)]
pub struct EventOptions {}

/// Every event in the index, most widely covered first.
pub fn events(index: &DigestIndex, opts: &EventOptions) -> Result<Vec<Event>> {
    let _ = (index, opts);
    Ok(Vec::new())
}
