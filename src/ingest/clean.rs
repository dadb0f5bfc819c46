//! Cleaning: from the text a page gave us to the article a reader wants.
//!
//! Saved news pages carry the site around the story: `Skip to content`, `All news`,
//! section kickers (`CHINA / DIPLOMACY`), the headline printed twice, share buttons,
//! `Recent Comments`. Photo captions and credits sit between paragraphs and must not
//! become the lede. And the metadata a reader needs is often only in the text: a
//! `Published:` line, a `Source: Radio Free Asia, January 8, 2019` credit, a
//! `BEIJING, April 27. /TASS/.` dateline. This module removes the first, sets captions
//! apart, and reports what the text says about title, date and outlet — each with the
//! line that said it, for the provenance record.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{PartialDate, parse_date, parse_partial};
use crate::text::sanitize;

/// What cleaning found in a body of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// A headline found in the text (first short line before the story).
    pub title: Option<String>,
    /// Story paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Photo captions and credits.
    pub captions: Vec<String>,
    /// Outlet named by a `Source:` line, with that line.
    pub source_outlet: Option<(String, String)>,
    /// A date stated by a `Published:`/`Source:` line, with that line.
    pub date: Option<(PartialDate, String)>,
    /// Month and day (maybe year) from a dateline, with the dateline.
    pub dateline: Option<(PartialDate, String)>,
}

/// Lines that are site furniture, compared lower case without trailing punctuation.
const CHROME: &[&str] = &[
    "skip to content",
    "skip to main content",
    "all news",
    "recent comments",
    "comments",
    "leave a comment",
    "leave a reply",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "advertisement",
    "sponsored",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related news",
    "more news",
    "most read",
    "most popular",
    "menu",
    "search",
    "subscribe",
    "sign up",
    "log in",
    "home",
    "back to top",
    "top stories",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "copy link",
    "follow us",
    "listen",
    "you may also like",
    "recommended",
    "trending",
    "loading",
    "close",
];

static KICKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Lu}\d&,.' -]{2,40}(?:\s*[/|>»]\s*[\p{Lu}\d&,.' -]{2,40})+$").unwrap()
});
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:published|updated|posted|first published|date)\s*(?:on|at)?\s*:?\s+(.{4,60})$",
    )
    .unwrap()
});
static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^sources?\s*:\s*(.{2,120})$").unwrap());
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:photo\s+)?(?:credits?|crédits?|photo|image|source photo)\s*:\s*\S.{0,80}$")
        .unwrap()
});
static INLINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:photo|image|credit|crédit|photograph)\s*:\s*[^.]{1,60}\.?$|\((?:photo|image|credit)s?\s*:[^)]*\)\s*$|\bgetty images\.?$|\b(?:AP|AFP|Reuters) Photo\b)").unwrap()
});
static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a |an )?(?:photo|picture|image|file photo|screenshot)s? (?:of|shows|taken)\b|^pictured\b|^caption\s*:").unwrap()
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu} .'-]{1,40},\s*(\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)\s*[.,]?\s*(?:/\s*([\p{Lu}-]{2,12})\s*/\s*\.?|[-—–(])")
        .unwrap()
});

/// Cleans `text`; `title` is the headline already known (from a header or manifest).
pub fn clean(text: &str, title: Option<&str>) -> Cleaned {
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let text = sanitize(&text);
    let lines = join_wrapped(&text);
    let mut out = Cleaned::default();
    let known_title = title.map(comparable);
    let mut title_seen = known_title.clone();
    let mut story_started = false;
    let mut after_caption = false;

    for line in lines {
        let chrome = line.len() <= 40 && {
            let lower = line
                .trim_end_matches(['.', ':', '!', '»', '›'])
                .trim()
                .to_lowercase();
            CHROME.contains(&lower.as_str())
        };
        if chrome
            || (!story_started && KICKER.is_match(&line) && !line.chars().any(char::is_lowercase))
        {
            continue;
        }
        // The regular expressions below only match short lines; most lines are long
        // paragraphs and skip them.
        let len = line.len();
        if len <= 90
            && starts_like(&line, b"pufd")
            && let Some(c) = PUBLISHED.captures(&line)
            && let Some(d) = parse_date(&c[1])
        {
            out.date.get_or_insert((d, line.clone()));
            continue;
        }
        let source = if len <= 140 && starts_like(&line, b"s") {
            SOURCE.captures(&line)
        } else {
            None
        };
        if let Some(c) = source {
            let rest = c[1].trim();
            let (name, date) = match rest.split_once(',') {
                Some((n, d)) => (n.trim(), parse_date(d)),
                None => (rest, None),
            };
            if !name.is_empty() && name.split_whitespace().count() <= 8 {
                out.source_outlet
                    .get_or_insert((name.to_string(), line.clone()));
                if let Some(d) = date {
                    out.date.get_or_insert((d, line.clone()));
                }
                continue;
            }
        }
        // The headline repeated under itself.
        if out.paragraphs.len() <= 2
            && let Some(t) = &title_seen
            && same_words(&line, t)
        {
            continue;
        }
        let short = len <= 200 || line.chars().count() <= 200;
        let credit = len <= 120 && starts_like(&line, b"pcis") && CREDIT.is_match(&line);
        if credit
            || (short
                && (inline_credit(&line)
                    || starts_like(&line, b"apifsc") && CAPTION_START.is_match(&line)))
            || (after_caption && short && sentence_count(&line) <= 1)
        {
            // A line followed by a credit line is a caption too.
            if credit
                && let Some(prev) = out.paragraphs.last()
                && prev.chars().count() <= 200
                && !story_started_before_last(&out)
            {
                let prev = out.paragraphs.pop().unwrap_or_default();
                out.captions.push(prev);
            }
            out.captions.push(line);
            after_caption = true;
            continue;
        }
        after_caption = false;
        if title_seen.is_none() && out.paragraphs.is_empty() && looks_like_headline(&line) {
            title_seen = Some(comparable(&line));
            out.title = Some(line);
            continue;
        }
        // Datelines open a story: only the first paragraphs are looked at.
        if out.dateline.is_none()
            && out.paragraphs.len() < 3
            && let Some(c) = DATELINE.captures(&line)
            && let Some(d) = parse_partial(&c[1])
        {
            out.dateline = Some((d, c[0].trim().to_string()));
        }
        story_started = true;
        out.paragraphs.push(line);
    }
    drop_repeated_standfirst(&mut out.paragraphs);
    out
}

/// Whether `line` may match an expression anchored at its start, case-insensitive, whose
/// every branch starts with one of the ASCII letters `firsts` (lower case): `false` only
/// when the line starts with another ASCII byte. A line starting with any non-ASCII
/// character is left to the expression (`ſ` is an `s` to it), so this never turns a match
/// away; it spares most lines the expression.
fn starts_like(line: &str, firsts: &[u8]) -> bool {
    line.as_bytes()
        .first()
        .is_none_or(|b| !b.is_ascii() || firsts.contains(&b.to_ascii_lowercase()))
}

/// Whether a line ends with a photo credit ([`INLINE_CREDIT`]). Every form of credit
/// has a colon, ends with "images" or says "photo", so lines with none of those (most
/// of them) skip the regular expression.
fn inline_credit(line: &str) -> bool {
    let b = line.trim_end().trim_end_matches('.').as_bytes();
    let maybe = b.contains(&b':')
        || b.len() >= 6 && b[b.len() - 6..].eq_ignore_ascii_case(b"images")
        || b.windows(5).any(|w| w.eq_ignore_ascii_case(b"photo"));
    maybe && INLINE_CREDIT.is_match(line)
}

fn story_started_before_last(out: &Cleaned) -> bool {
    // A long paragraph just before a credit line is story text, not a caption.
    out.paragraphs.last().is_some_and(|p| sentence_count(p) > 1)
}

fn sentence_count(line: &str) -> usize {
    crate::text::split_sentences(line).len()
}

fn looks_like_headline(line: &str) -> bool {
    let n = line.chars().count();
    (3..=200).contains(&n) && !line.ends_with('.') && sentence_count(line) <= 1
}

/// Whether `comparable(line) == comparable_title`. Lower-casing never makes or removes a
/// space, so a line with another number of words than the title (nearly every paragraph)
/// is told apart without building its comparable form.
fn same_words(line: &str, comparable_title: &str) -> bool {
    let n = match comparable_title {
        "" => 0,
        t => t.split(' ').count(),
    };
    words(line).take(n + 1).count() == n && comparable(line) == comparable_title
}

/// The runs of letters and digits in `s`.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Lower-cased words only, for comparing a title with its repetition.
pub fn comparable(s: &str) -> String {
    words(s).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Lines as paragraphs. Blocks of hard-wrapped lines (plain-text files wrapped at a fixed
/// width) are joined back into one paragraph.
fn join_wrapped(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks(text) {
        let lines: Vec<&str> = lines(block)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let wrapped = lines.len() >= 3
            && lines[..lines.len() - 1]
                .iter()
                .filter(|l| {
                    (40..=100).contains(&l.chars().count())
                        && !l.ends_with(['.', '!', '?', '"', '”', ':'])
                })
                .count()
                * 3
                >= (lines.len() - 1) * 2;
        if wrapped {
            out.push(lines.join(" "));
        } else {
            out.extend(lines.into_iter().map(String::from));
        }
    }
    out
}

/// `text.split("\n\n")`, finding line breaks with `memchr` rather than searching for
/// the two-byte pattern.
fn blocks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        let mut from = 0;
        while let Some(i) = memchr::memchr(b'\n', &s.as_bytes()[from..]) {
            let at = from + i;
            if s[at + 1..].starts_with('\n') {
                rest = Some(&s[at + 2..]);
                return Some(&s[..at]);
            }
            from = at + 1;
        }
        rest = None;
        Some(s)
    })
}

/// `text.lines()`, finding line breaks with the `memchr` crate's vector search.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest.filter(|s| !s.is_empty())?;
        match memchr::memchr(b'\n', s.as_bytes()) {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(s[..i].strip_suffix('\r').unwrap_or(&s[..i]))
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// Drops byline lines from the top of the story: paragraphs among the first few that
/// are only an author's or the outlet's name (`Alan Gomez`, `USA TODAY`), as page
/// extractors often leave them.
pub fn drop_bylines(paragraphs: &mut Vec<String>, names: &[&str]) {
    let names: Vec<String> = names
        .iter()
        .map(|n| comparable(n))
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return;
    }
    let mut i = 0;
    let mut looked = 0;
    while i < paragraphs.len() && looked < 4 {
        looked += 1;
        if paragraphs[i].len() <= 80 && names.contains(&comparable(&paragraphs[i])) {
            paragraphs.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Drops a standfirst that the story repeats almost word for word a few paragraphs on.
fn drop_repeated_standfirst(paragraphs: &mut Vec<String>) {
    if paragraphs.len() < 2 {
        return;
    }
    let head = &paragraphs[0];
    if head.chars().count() < 40 {
        return;
    }
    let standfirst = Standfirst::new(head);
    let mut word = String::new();
    let mut terms = None;
    let repeated = paragraphs[1..paragraphs.len().min(6)].iter().any(|p| {
        p.len() > head.len()
            && standfirst.may_repeat(p)
            && repeats(
                terms.get_or_insert_with(|| distinct_words(head)),
                p,
                &mut word,
            )
    });
    if repeated {
        paragraphs.remove(0);
    }
}

/// The hashes of a standfirst's distinct words, for telling cheaply that a paragraph
/// does not repeat it.
struct Standfirst {
    /// The distinct hashes of its words ([`for_each_word_hash`]), sorted.
    hashes: Vec<u64>,
}

impl Standfirst {
    fn new(head: &str) -> Self {
        let mut hashes = Vec::new();
        for_each_word_hash(head, |h| hashes.push(h));
        hashes.sort_unstable();
        hashes.dedup();
        Standfirst { hashes }
    }

    /// `false` when `p` certainly does not [`repeat`](repeats) the standfirst: the
    /// hashes of its words, in a Bloom filter, lack more than a tenth of the standfirst's.
    /// Nearly every paragraph is told apart this way, without looking its words up.
    /// (Two distinct words of one standfirst with the same 64-bit hash would make the
    /// tenth one word smaller.)
    fn may_repeat(&self, p: &str) -> bool {
        let mut filter = [0u64; 32];
        for_each_word_hash(p, |h| filter[(h >> 59) as usize] |= 1 << (h & 63));
        let may_miss = self.hashes.len() - (self.hashes.len() * 9).div_ceil(10);
        let absent = self
            .hashes
            .iter()
            .filter(|&&h| filter[(h >> 59) as usize] & (1 << (h & 63)) == 0);
        absent.take(may_miss + 1).count() <= may_miss
    }
}

/// The distinct words of `head` in lower case, numbered.
fn distinct_words(head: &str) -> rustc_hash::FxHashMap<String, usize> {
    let mut word = String::new();
    let mut terms = rustc_hash::FxHashMap::default();
    for w in words(head) {
        lower_into(w, &mut word);
        if !terms.contains_key(&word) {
            terms.insert(word.clone(), terms.len());
        }
    }
    terms
}

/// Whether `p` holds at least nine in ten of `terms`.
fn repeats(terms: &rustc_hash::FxHashMap<String, usize>, p: &str, word: &mut String) -> bool {
    let mut seen = vec![false; terms.len()];
    let mut found = 0;
    for w in words(p) {
        let lower = if w
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            w
        } else {
            lower_into(w, word);
            word.as_str()
        };
        if let Some(&i) = terms.get(lower)
            && !std::mem::replace(&mut seen[i], true)
        {
            found += 1;
        }
    }
    found * 10 >= terms.len() * 9
}

/// FNV-1a's starting value and its step for one byte.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a over the bytes of a lower-case word: what [`for_each_word_hash`] computes.
#[cfg(test)]
fn word_hash(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(FNV_START, fnv)
}

/// Calls `f` with the FNV-1a hash of each of [`words`]`(s)` in lower case (the bytes
/// [`lower_into`] would write), without writing it anywhere.
fn for_each_word_hash(s: &str, mut f: impl FnMut(u64)) {
    let bytes = s.as_bytes();
    let mut h = FNV_START;
    let mut in_word = false;
    let mut i = 0;
    let mut utf8 = [0u8; 4];
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = fnv(h, b.to_ascii_lowercase());
                in_word = true;
                continue;
            }
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    h = l.encode_utf8(&mut utf8).bytes().fold(h, fnv);
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            f(h);
            h = FNV_START;
            in_word = false;
        }
    }
    if in_word {
        f(h);
    }
}

/// `w` in lower case, character by character, into `out`.
fn lower_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_chrome_and_finds_title() {
        let c = clean(
            "Skip to content\n\nBig News Today\n\nBig News Today\n\nThe story starts here. It goes on.\n\nShare\nRecent Comments",
            None,
        );
        assert_eq!(c.title.as_deref(), Some("Big News Today"));
        assert_eq!(c.paragraphs, vec!["The story starts here. It goes on."]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The quick test before the credit expression never turns a credit away.
        #[test]
        fn the_credit_prefilter_keeps_every_credit(
            s in "((photo|PHOTOS|image|Images|getty|credit|crédit|photograph|AP|AFP|Reuters|x|é) ?|:|\\(|\\)|\\.)*"
        ) {
            proptest::prop_assert_eq!(inline_credit(&s), INLINE_CREDIT.is_match(&s));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The first-letter test before each anchored expression never turns a match away.
        #[test]
        fn the_first_letter_tests_keep_every_match(
            s in "(Published|UPDATED|posted|First published|date|Sources?|ſource|Photo|PHOTO|credit|crédit|image|Source photo|A |an |picture|file photo|screenshot|pictured|Caption|x|é| |:|s|of|shows|taken|2021)*"
        ) {
            let pairs: [(&Regex, &[u8]); 4] = [
                (&PUBLISHED, b"pufd"),
                (&SOURCE, b"s"),
                (&CREDIT, b"pcis"),
                (&CAPTION_START, b"apifsc"),
            ];
            for (re, firsts) in pairs {
                if re.is_match(&s) {
                    proptest::prop_assert!(starts_like(&s, firsts), "{} on {:?}", re.as_str(), s);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn blocks_are_the_text_split_at_blank_lines(s in "(a|b|\n| |\r){0,40}") {
            let split: Vec<&str> = s.split("\n\n").collect();
            proptest::prop_assert_eq!(blocks(&s).collect::<Vec<_>>(), split);
        }

        #[test]
        fn lines_are_the_text_s_lines(s in "(a|é|\n| |\r){0,40}") {
            proptest::prop_assert_eq!(lines(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
        }

        #[test]
        fn same_words_is_comparing_comparable_forms(
            line in "(Big|big|BIG|news|ΣΑΣ|σας|İ|i̇|-|,| |\\.|Ǆ){0,8}",
            title in "(Big|big|news|ΣΑΣ|σας|İ|-| |Ǆ){0,6}",
        ) {
            let t = comparable(&title);
            proptest::prop_assert_eq!(same_words(&line, &t), comparable(&line) == t);
        }
    }

    proptest::proptest! {
        /// The hashes are those of the words `repeats` looks up.
        #[test]
        fn word_hashes_are_the_hashes_of_the_lower_case_words(
            s in "(Big|big|BIG|ΣΑΣ|σας|İ|Ǆ|é|É|1|-|,| |’|\\.){0,12}"
        ) {
            let mut hashes = Vec::new();
            for_each_word_hash(&s, |h| hashes.push(h));
            let mut word = String::new();
            let expected: Vec<u64> = words(&s)
                .map(|w| {
                    lower_into(w, &mut word);
                    word_hash(word.bytes())
                })
                .collect();
            proptest::prop_assert_eq!(hashes, expected);
        }

        /// The Bloom filter only turns away paragraphs that do not repeat the standfirst,
        /// among paragraphs made of most of its words and some others.
        #[test]
        fn the_filter_keeps_every_repeat(
            head in proptest::collection::vec("[a-zA-Zé1]{1,5}", 10..40),
            keep in proptest::collection::vec(proptest::bool::weighted(0.92), 40),
            others in proptest::collection::vec("[a-zA-Zσ2]{1,5}", 0..20),
        ) {
            let kept = head.iter().zip(&keep).filter(|(_, k)| **k).map(|(w, _)| w);
            let p = kept.chain(&others).cloned().collect::<Vec<_>>().join(" ");
            let head = head.join(", ");
            let terms = distinct_words(&head);
            if repeats(&terms, &p, &mut String::new()) {
                proptest::prop_assert!(Standfirst::new(&head).may_repeat(&p));
            }
        }
    }

    #[test]
    fn a_standfirst_the_story_repeats_is_dropped() {
        let standfirst = "Russia and China will build a lunar research station together";
        let mut paragraphs = vec![
            standfirst.to_string(),
            "Officials met in Moscow.".to_string(),
            "RUSSIA and China will build a lunar research station together, officials said on Tuesday.".to_string(),
        ];
        drop_repeated_standfirst(&mut paragraphs);
        assert_eq!(paragraphs[0], "Officials met in Moscow.");
        // Not repeated: kept.
        let mut paragraphs = vec![
            standfirst.to_string(),
            "Russia and China signed a memorandum on Tuesday in a video call.".to_string(),
        ];
        drop_repeated_standfirst(&mut paragraphs);
        assert_eq!(paragraphs[0], standfirst);
    }

    #[test]
    fn bylines_at_the_top_are_dropped() {
        let story = [
            "The court ruled.",
            "It was close.",
            "Appeals follow.",
            "Alan Gomez",
        ];
        let mut p: Vec<String> = ["Alan Gomez", "USA TODAY"]
            .iter()
            .chain(&story)
            .map(|s| s.to_string())
            .collect();
        drop_bylines(&mut p, &["Alan Gomez", "USA Today"]);
        assert_eq!(p, story, "only the top of the story is looked at");
    }

    #[test]
    fn captions_are_set_apart() {
        let c = clean(
            "Headline\n\nDelegates receive an award. Photo: CNSA\n\nThe lede is here. And more.\n\nPanorama of the sea.\nCredit : CNSA/CLEP\n\nThe story goes on, at length. Yes.",
            None,
        );
        assert_eq!(
            c.captions,
            vec![
                "Delegates receive an award. Photo: CNSA",
                "Panorama of the sea.",
                "Credit : CNSA/CLEP"
            ]
        );
        assert_eq!(
            c.paragraphs,
            vec![
                "The lede is here. And more.",
                "The story goes on, at length. Yes."
            ]
        );
    }

    #[test]
    fn source_published_and_dateline() {
        let c = clean(
            "Title here\nPublished: Feb 18, 2021 05:33 PM\n\nBEIJING, April 27. /TASS/. China said.\n\nSource: Radio Free Asia, January 8, 2019",
            None,
        );
        assert_eq!(
            c.date.as_ref().unwrap().0.render().as_deref(),
            Some("2021-02-18")
        );
        assert_eq!(c.source_outlet.as_ref().unwrap().0, "Radio Free Asia");
        let (d, line) = c.dateline.unwrap();
        assert_eq!((d.year, d.month, d.day), (None, Some(4), Some(27)));
        assert_eq!(line, "BEIJING, April 27. /TASS/.");
        assert_eq!(c.paragraphs, vec!["BEIJING, April 27. /TASS/. China said."]);
    }
}
