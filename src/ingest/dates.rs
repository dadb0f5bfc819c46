//! Dates as news text writes them, parsed or left empty — never invented.
//!
//! Accepts ISO (`2021-03-09`, `2021-03-09T10:00:00Z`, `2021-03`), US numeric (`3/9/21`,
//! `03/09/2021`; day-first when the first number cannot be a month), and written forms
//! (`Feb 18, 2021 05:33 PM`, `January 8, 2019`, `9 March 2021`, `Thu, 18 Feb 2021`).
//! Impossible dates (`31/02/2021`) and implausible years (`0001-11-30`, anything after
//! next year) give `None`. A month and day without a year (`April 27` in a TASS dateline)
//! is a [`PartialDate`] whose year must come from elsewhere.

use chrono::{Datelike, NaiveDate};

/// A date as precise as the text allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month 1–12, when known.
    pub month: Option<u32>,
    /// Day of month, when known.
    pub day: Option<u32>,
}

impl PartialDate {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `None` without a year.
    pub fn render(&self) -> Option<String> {
        let y = self.year?;
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        })
    }

    /// This date with its year (and, if missing, month) taken from `other`.
    pub fn with_year_from(self, other: PartialDate) -> PartialDate {
        let mut d = self;
        if d.year.is_none() {
            d.year = other.year;
        }
        if d.year.is_some() && d.valid() {
            d
        } else {
            PartialDate { year: None, ..self }
        }
    }

    fn valid(&self) -> bool {
        let Some(y) = self.year else { return true };
        if !(1800..=max_year()).contains(&y) {
            return false;
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).is_some(),
            (Some(m), None) => (1..=12).contains(&m),
            (None, Some(_)) => false,
            (None, None) => true,
        }
    }
}

fn max_year() -> i32 {
    chrono::Local::now().year() + 1
}

/// Sort key for a rendered date: `YYYYMMDD` with missing parts as 00; 0 for none.
pub fn date_key(date: Option<&str>) -> u64 {
    let Some(d) = date else { return 0 };
    let digits: String = d.chars().filter(char::is_ascii_digit).collect();
    let padded = format!("{digits:0<8}");
    padded.get(..8).and_then(|s| s.parse().ok()).unwrap_or(0)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

/// Parses a complete date (a year is required).
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let d = parse_partial(s)?;
    d.year?;
    Some(d)
}

/// Parses a date that may lack its year.
pub fn parse_partial(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let d = parse_numeric(s).or_else(|| parse_written(s))?;
    d.valid().then_some(d)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_numeric(s: &str) -> Option<PartialDate> {
    let head = s.split(['T', ' ']).next()?;
    // ISO: 2021-03-09, 2021/03/09, 2021-03, 2021
    let iso: Vec<&str> = head.split(['-', '/', '.']).collect();
    if iso[0].len() == 4 && num(iso[0]).is_some() {
        let year = num(iso[0])? as i32;
        let month = iso.get(1).map(|m| num(m)).unwrap_or(Some(0))?;
        let day = iso.get(2).map(|d| num(d)).unwrap_or(Some(0))?;
        if iso.len() > 3 {
            return None;
        }
        return Some(PartialDate {
            year: Some(year),
            month: (month > 0).then_some(month),
            day: (day > 0).then_some(day),
        });
    }
    // US numeric: M/D/YY, M/D/YYYY; day first when the first number exceeds 12.
    let parts: Vec<&str> = head.split('/').collect();
    if parts.len() == 3 {
        let (a, b, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
        let year = match parts[2].len() {
            2 => {
                // Two-digit years: 00–(this year) mean 20xx, the rest 19xx.
                let this = (max_year() - 1) % 100;
                if y as i32 <= this {
                    2000 + y as i32
                } else {
                    1900 + y as i32
                }
            }
            4 => y as i32,
            _ => return None,
        };
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        return Some(PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        });
    }
    None
}

fn parse_written(s: &str) -> Option<PartialDate> {
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mi = words
        .iter()
        .position(|w| w.chars().all(char::is_alphabetic) && month_of(w).is_some())?;
    let month = month_of(words[mi])?;
    let is_day = |w: &&&str| w.len() <= 2 && num(w).is_some_and(|d| (1..=31).contains(&d));
    let day = words
        .get(mi + 1)
        .filter(is_day)
        .or_else(|| mi.checked_sub(1).and_then(|i| words.get(i)).filter(is_day))
        .and_then(|w| num(w));
    // The first four-digit number: not the first four-letter word ("Sept", "June").
    let year = words
        .iter()
        .filter(|w| w.len() == 4)
        .find_map(|w| num(w))
        .map(|y| y as i32);
    Some(PartialDate {
        year,
        month: Some(month),
        day,
    })
}

/// Last day a rendered date covers, as a key: `2021-03` → 20210399, `2021` → 20219999.
pub fn date_end_key(date: Option<&str>) -> u64 {
    let key = date_key(date);
    match date.map(str::len) {
        Some(7) => key + 99,
        Some(4) => key + 9999,
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_date(s).and_then(|d| d.render())
    }

    #[test]
    fn real_world_dates() {
        assert_eq!(p("2021-03-09").as_deref(), Some("2021-03-09"));
        assert_eq!(p("2021-03-09T10:22:00Z").as_deref(), Some("2021-03-09"));
        assert_eq!(p("3/9/21").as_deref(), Some("2021-03-09"));
        assert_eq!(p("03/09/2021").as_deref(), Some("2021-03-09"));
        assert_eq!(p("Feb 18, 2021 05:33 PM").as_deref(), Some("2021-02-18"));
        assert_eq!(p("January 8, 2019").as_deref(), Some("2019-01-08"));
        assert_eq!(p("9 March 2021").as_deref(), Some("2021-03-09"));
        assert_eq!(
            p("Thu, 18 Feb 2021 17:33:00 +0800").as_deref(),
            Some("2021-02-18")
        );
        assert_eq!(p("2021-03").as_deref(), Some("2021-03"));
        // AP style: abbreviations with a full stop, and four-letter month names.
        for (ap, want) in [
            ("Sept. 3, 2021", "2021-09-03"),
            ("Jan. 5, 2020", "2020-01-05"),
            ("Aug. 30, 2021 at 5:00 p.m. EDT", "2021-08-30"),
            ("June 3, 2021", "2021-06-03"),
            ("July 14, 2019", "2019-07-14"),
            ("Dec. 1, 2018", "2018-12-01"),
        ] {
            assert_eq!(p(ap).as_deref(), Some(want), "{ap}");
        }
        assert_eq!(p("Sept. 31, 2021"), None, "no such day");
    }

    #[test]
    fn never_invents() {
        assert_eq!(p(""), None);
        assert_eq!(p("0001-11-30"), None);
        assert_eq!(p("2050-01-01"), None);
        assert_eq!(p("31/02/2021"), None);
        assert_eq!(p("April 27"), None);
        let partial = parse_partial("April 27").unwrap();
        let year = parse_date("2021").unwrap();
        assert_eq!(
            partial.with_year_from(year).render().as_deref(),
            Some("2021-04-27")
        );
    }

    #[test]
    fn keys_sort() {
        assert_eq!(date_key(Some("2021-03")), 20210300);
        assert!(date_key(Some("2021-03-09")) > date_key(Some("2021-03")));
        assert_eq!(date_key(None), 0);
        assert_eq!(date_end_key(Some("2021-03")), 20210399);
        assert_eq!(date_end_key(Some("2021-03-09")), 20210309);
    }
}
