//! A window on the news: a period and some outlets that events and comparisons are
//! limited to (`--since`, `--until`, `--outlet`; the reader's filters).

use super::{Comparison, Event};
use crate::error::Result;
use crate::ingest::dates::date_key;
use crate::search::parse_day;

/// A period and a set of outlets; empty parts admit everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// Only on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Outlet ids; empty means every outlet.
    pub outlets: Vec<String>,
}

impl Window {
    /// Checks the days (`YYYY-MM-DD`, since not after until).
    pub fn check(&self) -> Result<()> {
        let since = self.since.as_deref().map(parse_day).transpose()?;
        let until = self.until.as_deref().map(parse_day).transpose()?;
        if let (Some(a), Some(b)) = (since, until)
            && a > b
        {
            return Err(crate::Error::BackwardsPeriod {
                since: self.since.clone().unwrap_or_default(),
                until: self.until.clone().unwrap_or_default(),
            });
        }
        Ok(())
    }

    /// Whether the window limits anything.
    pub fn is_open(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.outlets.is_empty()
    }

    /// Whether a date falls in the period. With a period, an undated thing is outside
    /// it (as in a search); a partial date (`2021-03`) is in it when the two overlap.
    pub fn admits_date(&self, date: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(d) = date else { return false };
        // A partial date is the span of its days: `2021-03` is 20210300..=20210399.
        let digits = d.chars().filter(char::is_ascii_digit).count().min(8);
        let first = date_key(Some(d));
        let last = first + 10u64.pow(8 - digits as u32) - 1;
        let since = self.since.as_deref().map(|s| date_key(Some(s)));
        let until = self.until.as_deref().map(|s| date_key(Some(s)));
        since.is_none_or(|s| last >= s) && until.is_none_or(|u| first <= u)
    }

    /// Whether an event is in the window: first reported in the period, and told by at
    /// least one of the outlets.
    pub fn admits(&self, e: &Event) -> bool {
        self.admits_date(e.date.as_deref())
            && (self.outlets.is_empty() || e.outlets.iter().any(|o| self.outlets.contains(o)))
    }

    /// Keeps only the window's outlets in a comparison: their columns, and among the
    /// missing only those of them that are (an outlet left out of the window is not
    /// missing from it).
    pub fn limit(&self, c: &mut Comparison) {
        if !self.outlets.is_empty() {
            c.outlets.retain(|col| self.outlets.contains(&col.outlet));
            c.missing.retain(|o| self.outlets.contains(o));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_admits_dates_within_it() {
        let w = Window {
            since: Some("2021-03-01".into()),
            until: Some("2021-03-31".into()),
            outlets: Vec::new(),
        };
        assert!(w.admits_date(Some("2021-03-09")));
        assert!(w.admits_date(Some("2021-03")));
        assert!(w.admits_date(Some("2021")));
        assert!(!w.admits_date(Some("2020")));
        assert!(!w.admits_date(Some("2021-04-01")));
        assert!(!w.admits_date(None));
        assert!(Window::default().admits_date(None));
        assert!(w.check().is_ok());
        let backwards = Window {
            since: Some("2021-04-01".into()),
            until: Some("2021-03-01".into()),
            outlets: Vec::new(),
        };
        assert!(backwards.check().is_err());
    }
}
