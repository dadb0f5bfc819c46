//! Dates, names and registry entities a sentence mentions.
//!
//! News text dates its happenings relative to the day it was written: "on March 9" in an
//! article of April 2021 is 2021-03-09, "on Tuesday" is the Tuesday of that week. Names
//! are runs of capitalised words (`Wang Wenbin`, `Memorandum of Understanding`), the
//! actors a registry may not know yet.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{Analyzer, EntityMatch, EntityRegistry};

/// When something happened, as precisely as the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum When {
    /// A day.
    Day(NaiveDate),
    /// A month of a year.
    Month(i32, u32),
}

impl When {
    /// Parses an article date: `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(date: &str) -> Option<When> {
        let mut parts = date.splitn(3, '-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        match parts.next() {
            Some(d) => NaiveDate::from_ymd_opt(y, m, d.parse().ok()?).map(When::Day),
            None => (1..=12).contains(&m).then_some(When::Month(y, m)),
        }
    }

    /// First and last day covered, as days since the common era.
    pub fn span(&self) -> (i32, i32) {
        match *self {
            When::Day(d) => (d.num_days_from_ce(), d.num_days_from_ce()),
            When::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                }
                .unwrap_or(first);
                (first.num_days_from_ce(), next.num_days_from_ce() - 1)
            }
        }
    }

    /// Days between the two spans; 0 when they overlap (a day inside a month).
    pub fn gap(&self, other: &When) -> i32 {
        let (a0, a1) = self.span();
        let (b0, b1) = other.span();
        (b0 - a1).max(a0 - b1).max(0)
    }

    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub fn render(&self) -> String {
        match *self {
            When::Day(d) => d.format("%Y-%m-%d").to_string(),
            When::Month(y, m) => format!("{y:04}-{m:02}"),
        }
    }

    /// The last day it covers: a month's last day.
    fn last_day(&self) -> NaiveDate {
        match *self {
            When::Day(d) => d,
            When::Month(y, m) => {
                let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                NaiveDate::from_ymd_opt(next.0, next.1, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or_default()
            }
        }
    }

    fn reference_day(&self) -> NaiveDate {
        match *self {
            When::Day(d) => d,
            When::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 15).unwrap_or_default(),
        }
    }
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the words that state it.
    pub span: Range<usize>,
    /// The date they mean.
    pub when: When,
}

const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

static DATES: LazyLock<Regex> = LazyLock::new(|| {
    let day = r"(\d{1,2})(?:st|nd|rd|th)?";
    let year = r"(?:,?\s+(\d{4}))?";
    Regex::new(&format!(
        r"\b(?:{MONTH}\s+{day}\b{year}|{day}\s+{MONTH}\b{year}|{MONTH}\s+(?:of\s+)?(\d{{4}})\b|(\d{{4}})-(\d{{2}})-(\d{{2}})\b|(?:(on|last|next|this|since|until|by)\s+)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    ))
    .expect("date pattern")
});

fn month_number(name: &str) -> Option<u32> {
    let m = match name.get(..3)? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// The year that puts month/day closest to the reference day.
/// The day a year-less date (`Jan. 6`) names, written on `reference`: the latest such
/// day on or before it. News writes a bare date for what has happened, so a date is
/// never resolved into the article's future: `Jan. 6` in an October 2021 article is
/// 2021-01-06, not 2022-01-06. (A coming day is written with its weekday, `next Tuesday`,
/// which [`dates_in`] resolves forward.)
fn latest_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    [y, y - 1, y - 2, y - 3, y - 4]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d <= reference)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

/// Dates mentioned in `text`, resolved against the article's publication date
/// (`YYYY-MM-DD` or `YYYY-MM`). Without a publication date, only dates that state their
/// year are returned.
pub fn dates_in(text: &str, published: Option<&str>) -> Vec<DateMention> {
    let published = published.and_then(When::parse);
    let reference = published.map(|w| w.reference_day());
    // A bare date may be any day up to the end of the period the article is dated to.
    let latest = published.map(|w| w.last_day());
    let mut out = Vec::new();
    for c in DATES.captures_iter(text) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let when = if let Some(m) = c.get(1).and_then(|m| month_number(m.as_str())) {
            day_of(m, num(2), num(3), latest)
        } else if let Some(m) = c.get(5).and_then(|m| month_number(m.as_str())) {
            day_of(m, num(4), num(6), latest)
        } else if let Some(m) = c.get(7).and_then(|m| month_number(m.as_str())) {
            num(8).map(|y| When::Month(y as i32, m))
        } else if let (Some(y), Some(m), Some(d)) = (num(9), num(10), num(11)) {
            NaiveDate::from_ymd_opt(y as i32, m, d).map(When::Day)
        } else if let (Some(w), Some(r)) = (c.get(13).and_then(|w| weekday(w.as_str())), reference)
        {
            let back = (7 + r.weekday().num_days_from_monday() as i64
                - w.num_days_from_monday() as i64)
                % 7;
            let forward = (7 - back) % 7;
            match c.get(12).map(|m| m.as_str()) {
                Some("next") => Some(When::Day(r + Duration::days(forward.max(1)))),
                Some("until" | "by") if forward > 0 => Some(When::Day(r + Duration::days(forward))),
                _ => Some(When::Day(r - Duration::days(back))),
            }
        } else {
            None
        };
        if let (Some(when), Some(m)) = (when, c.get(0)) {
            out.push(DateMention {
                span: m.range(),
                when,
            });
        }
    }
    out
}

fn day_of(
    month: u32,
    day: Option<u32>,
    year: Option<u32>,
    reference: Option<NaiveDate>,
) -> Option<When> {
    let day = day?;
    match (year, reference) {
        (Some(y), _) => NaiveDate::from_ymd_opt(y as i32, month, day).map(When::Day),
        (None, Some(r)) => latest_year(month, day, r).map(When::Day),
        (None, None) => None,
    }
}

/// A name found in text: a run of capitalised words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// Byte range in the text.
    pub span: Range<usize>,
}

/// Words that join the parts of a name (`Ministry of Foreign Affairs`).
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "de", "la", "du", "von", "van", "al", "bin",
];

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
    "A",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "No",
    "Not",
    "Of",
    "On",
    "One",
    "Or",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "After",
    "Before",
    "Some",
    "Many",
    "Other",
    "Our",
    "My",
    "Your",
    "Both",
    "Even",
    "Also",
    "However",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "American",
    "Americans",
    "British",
    "Chinese",
    "European",
    "French",
    "German",
    "Indian",
    "Iranian",
    "Israeli",
    "Japanese",
    "Korean",
    "Mexican",
    "Russian",
    "Russians",
    "Soviet",
    "Syrian",
    "Ukrainian",
    "Democrat",
    "Democrats",
    "Democratic",
    "Republican",
    "Republicans",
    "President",
    "Senator",
    "Sen",
    "Rep",
    "Gov",
    "Secretary",
    "Minister",
    "General",
    "Chairman",
    "Director",
    "Spokesperson",
    "Spokesman",
    "Photo",
    "Credit",
    "Source",
    "Read",
    "More",
    "Click",
    "Here",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Watch",
    "Update",
    "Updated",
    "Breaking",
    "Advertisement",
    "Related",
    "Subscribe",
    "Exclusive",
    "Photos",
    "Video",
    "Opinion",
    "Analysis",
    "Editor",
    "Note",
    "Getty",
    "Images",
];

/// Whether a word is in [`NOT_NAMES`], however it is capitalised (`READ MORE`).
fn not_a_name(word: &str) -> bool {
    if NOT_NAMES.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let title: String = std::iter::once(first)
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    title != word && NOT_NAMES.contains(&title.as_str())
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Runs of capitalised words in a sentence, the way names are written: `Wang Wenbin`,
/// `Memorandum of Understanding`, `Comey`. A single capitalised word opening the sentence
/// is not taken (it is capitalised because it opens the sentence), nor are function
/// words, months, days, titles and nationality adjectives on their own.
pub fn names_in(sentence: &str) -> Vec<NameMention> {
    let words: Vec<(usize, &str)> = sentence.unicode_word_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capitalised(words[i].1) || (not_a_name(words[i].1) && !starts_run(&words, i)) {
            i += 1;
            continue;
        }
        // Grow the run over capitalised words and inner connectors, while only spaces
        // or hyphens separate the words.
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < words.len() {
            let gap = &sentence[words[j - 1].0 + words[j - 1].1.len()..words[j].0];
            if !gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}') {
                break;
            }
            let w = words[j].1;
            if w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 3 {
                // A number ends a name: `Chang'e 4`, `Luna 25`, `Apollo 11`.
                end = j + 1;
                break;
            }
            if capitalised(w) {
                end = j + 1;
                j += 1;
            } else if w == "and" && !words.get(j + 1).is_some_and(|n| capitalised(n.1)) {
                // "the Ministry of Ports and the Harbour Authority" names two actors;
                // "Bosnia and Herzegovina" one.
                break;
            } else if CONNECTORS.contains(&w) {
                j += 1;
            } else {
                break;
            }
        }
        // Trim leading function words and titles ("The", "President").
        let mut s = start;
        while s < end && not_a_name(words[s].1) {
            s += 1;
        }
        let len = end - s;
        let single_ok = len == 1 && {
            let w = words[s].1;
            w.chars().count() >= 3 && (s > 0 || w.chars().all(|c| !c.is_lowercase()))
        };
        if len >= 2 || single_ok {
            let (b, w) = words[end - 1];
            out.push(NameMention {
                span: words[s].0..b + w.len(),
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// Whether a capitalised function word opens a longer name (`The Hague` is rare; `New
/// York` is not a function word) — titles like `President Trump` do.
fn starts_run(words: &[(usize, &str)], i: usize) -> bool {
    matches!(
        words[i].1,
        "President" | "Senator" | "Secretary" | "Minister" | "General" | "Director"
    ) && words.get(i + 1).is_some_and(|w| capitalised(w.1))
}

/// Entity matches in `text` with the byte range each covers, leaving out short
/// all-capital forms written in lower case (the pronoun "us" is not the United States),
/// as ingest does.
pub(crate) fn entity_matches(
    text: &str,
    registry: &EntityRegistry,
) -> Vec<(EntityMatch, Range<usize>)> {
    let tokens = Analyzer.tokens(text);
    let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
    registry
        .matcher()
        .find(&terms)
        .into_iter()
        .filter_map(|m| {
            let span = tokens.get(m.start)?.span.start..tokens.get(m.end.checked_sub(1)?)?.span.end;
            let written = text.get(span.clone())?;
            acronym_ok(registry.form_text(&m), written).then_some((m, span))
        })
        .collect()
}

/// Whether a match on a short all-capital form (US, ESA, CCP) is written with no lower-case
/// letter in the text.
fn acronym_ok(form: &str, written: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    let is_acronym = letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase());
    !is_acronym || !written.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(text: &str, published: &str) -> Vec<String> {
        dates_in(text, Some(published))
            .iter()
            .map(|m| m.when.render())
            .collect()
    }

    #[test]
    fn dates_take_their_year_from_the_publication_date() {
        assert_eq!(
            resolved("On March 9, Roscosmos and CNSA signed", "2021-04-27"),
            ["2021-03-09"]
        );
        assert_eq!(
            resolved("signed on 9 March, with", "2021-03"),
            ["2021-03-09"]
        );
        // December in an April article is last December.
        assert_eq!(
            resolved("On December 17, the capsule", "2021-04-27"),
            ["2020-12-17"]
        );
        assert_eq!(
            resolved("announced on January 3 that", "2019-01-08"),
            ["2019-01-03"]
        );
    }

    #[test]
    fn a_bare_date_is_never_in_the_articles_future() {
        // Issue 18: "Jan. 6" in an October 2021 article is the January just past.
        assert_eq!(
            resolved("since the Jan. 6 attack on the Capitol", "2021-10-14"),
            ["2021-01-06"]
        );
        assert_eq!(
            resolved("on Oct. 14, officials", "2021-10-14"),
            ["2021-10-14"]
        );
        assert_eq!(
            resolved("on Oct. 15, officials", "2021-10-14"),
            ["2020-10-15"]
        );
        assert_eq!(resolved("born Feb. 29", "2021-06-01"), ["2020-02-29"]);
        // An article dated only to its month may mention any day of that month.
        assert_eq!(resolved("on March 20, the", "2021-03"), ["2021-03-20"]);
    }

    #[test]
    fn stated_years_months_and_weekdays() {
        assert_eq!(
            resolved(
                "On November 24, 2020, the Chang'e-5 spacecraft",
                "2021-04-27"
            ),
            ["2020-11-24"]
        );
        assert_eq!(
            resolved("in January 2019 with Chang'e 4", "2021-03"),
            ["2019-01"]
        );
        assert_eq!(
            resolved("back to Earth in December 2020,", "2021-02-18"),
            ["2020-12"]
        );
        // 2021-04-27 was a Tuesday.
        assert_eq!(
            resolved("told a press conference on Tuesday.", "2021-04-27"),
            ["2021-04-27"]
        );
        assert_eq!(
            resolved("reported on Wednesday, citing", "2021-02-18"),
            ["2021-02-17"]
        );
        assert_eq!(resolved("on 2021-03-09 and", "2021-04-27"), ["2021-03-09"]);
    }

    #[test]
    fn no_invented_dates() {
        assert!(dates_in("on March 9 they signed", None).is_empty());
        assert!(resolved("It may 9 times", "2021-01-01").is_empty());
        assert!(resolved("On February 30, nothing", "2021-01-01").is_empty());
        assert!(resolved("the 1990s and 2030", "2021-01-01").is_empty());
    }

    #[test]
    fn spans_and_gaps() {
        let day = When::parse("2021-03-09").unwrap();
        let month = When::parse("2021-03").unwrap();
        assert_eq!(day.gap(&month), 0);
        assert_eq!(When::parse("2021-02-18").unwrap().gap(&month), 11);
        assert_eq!(When::parse("2021-04-27").unwrap().gap(&day), 49);
    }

    fn names(s: &str) -> Vec<&str> {
        names_in(s).into_iter().map(|m| &s[m.span]).collect()
    }

    #[test]
    fn names_are_runs_of_capitalised_words() {
        assert_eq!(
            names(
                "Chinese Foreign Ministry Spokesperson Wang Wenbin told a regular press conference"
            ),
            ["Foreign Ministry Spokesperson Wang Wenbin"]
        );
        assert_eq!(
            names(
                "Roscosmos has completed proceedings to harmonize the Memorandum of Understanding between the Government of the Russian Federation"
            ),
            [
                "Memorandum of Understanding",
                "Government of the Russian Federation"
            ]
        );
        assert_eq!(
            names("Besides his trip, Mr. Rahami visited Karachi, Pakistan."),
            ["Rahami", "Karachi", "Pakistan"]
        );
        assert_eq!(
            names("Russian experts say the plan, The Russian side"),
            Vec::<&str>::new()
        );
        assert_eq!(names("NASA said"), ["NASA"]);
        assert_eq!(
            names("then Chang’e 4 and Luna-25 landed"),
            ["Chang’e 4", "Luna-25"]
        );
        assert_eq!(names("President Trump fired Comey"), ["Trump", "Comey"]);
    }
}
