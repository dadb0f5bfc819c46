//! Words and numbers as the shell and the reader both show them.
//!
//! A comparison's lag, a tone's label, a passage's "also …", an outlet's date range: when
//! `digest compare` prints it and the reader draws it, one function here decides the text,
//! so the two cannot drift apart. The functions return plain text; colour is the
//! caller's business.

use std::fmt::Display;

use crate::model::Origin;
use crate::text::sanitize_inline;

/// `n` and the noun that agrees with it: `1 article`, `3 articles`, `0 articles`.
pub fn plural<N>(n: N, one: &str, many: &str) -> String
where
    N: Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// How long after the first report an article came: `first`, `+3 d`, or nothing when
/// either date is unknown.
pub fn lag(days: Option<i64>) -> String {
    match days {
        Some(0) => "first".into(),
        Some(d) => format!("+{d} d"),
        None => String::new(),
    }
}

/// The word for a tone score: `positive` above +0.05, `negative` below −0.05, else `neutral`.
pub fn tone_label(score: f64) -> &'static str {
    if score > 0.05 {
        "positive"
    } else if score < -0.05 {
        "negative"
    } else {
        "neutral"
    }
}

/// The outlets that share a passage, as `also Global Times, TASS` (names sanitised).
pub fn also<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    let names: Vec<String> = names
        .into_iter()
        .map(|n| sanitize_inline(n.as_ref()).into_owned())
        .collect();
    format!("also {}", names.join(", "))
}

/// The file an article was ingested from, with its line in a `.jsonl` file or its item in
/// a JSON array: `feeds/tass.jsonl (line 5)`. Not sanitised: it is printed as a field
/// value.
pub fn origin_line(origin: &Origin) -> String {
    crate::model::item_source(&origin.path, origin.item)
}

/// An outlet's dates: `2021-03-09`, `2019-01-03 … 2021-04-27`, or `undated`.
pub fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "undated".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_agrees_with_the_number() {
        assert_eq!(plural(0usize, "event", "events"), "0 events");
        assert_eq!(plural(1usize, "event", "events"), "1 event");
        assert_eq!(plural(2u64, "match", "matches"), "2 matches");
    }

    #[test]
    fn lag_and_tone_read_as_words() {
        assert_eq!(lag(Some(0)), "first");
        assert_eq!(lag(Some(3)), "+3 d");
        assert_eq!(lag(None), "");
        assert_eq!(tone_label(0.2), "positive");
        assert_eq!(tone_label(-0.06), "negative");
        assert_eq!(tone_label(0.05), "neutral");
    }

    #[test]
    fn also_and_date_range() {
        assert_eq!(also(["Global Times", "TASS"]), "also Global Times, TASS");
        assert_eq!(date_range(Some("2021"), Some("2021")), "2021");
        assert_eq!(date_range(Some("2019"), Some("2021")), "2019 … 2021");
        assert_eq!(date_range(None, Some("2021")), "undated");
    }
}
