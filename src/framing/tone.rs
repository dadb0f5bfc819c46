//! Tone: a lexicon-based score with the words that drove it.
//!
//! The lexicon is VADER's (Hutto & Gilbert 2014, MIT licence; `data/tone/`): about 7,500
//! English words and emoticons, each with the mean valence (−4 … +4) human raters gave
//! it. Each word of the texts is looked up as written (lower case); a negation among the
//! three words before it, in the same sentence, flips and damps its valence by VADER's
//! factor −0.74. The score is VADER's normalisation of the sum, `s / √(s² + 15)`.
//!
//! Only that part of VADER is kept — no boosters ("very"), capitals, exclamation marks or
//! "but" weighting — so every point of the score can be traced to a listed word: the
//! sum of `valence × count` over [`Tone::words`] is exactly the sum behind the score.
//!
//! Three choices fit the lexicon, made for social media, to news copy:
//! * capitalised words inside a sentence are parts of names and are not scored
//!   (the "Party" of the Chinese Communist Party, the "United" of the United States);
//! * a few lexicon words whose news sense is not a feeling are not scored: `party` and
//!   `parties` (political), `like` (the preposition), `well` (as well), `united`,
//!   `interest` and `interests` (national interests), `number`, `top` (a rank: top
//!   aide, top general), `justice` and `justices` (the court's); nor are numbers
//!   (VADER's slang "86");
//! * words inside quotation marks are the speaker's, not the outlet's: they are neither
//!   scored nor counted (who is quoted shows under voices);
//! * negation words are not scored themselves (VADER's "no" would otherwise count −1.2
//!   in "no doubt").

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

use super::{Tone, ToneWord};
use crate::text::fold::{fold_word, strip_possessive};

/// VADER's lexicon, byte for byte as shipped in vaderSentiment 3.3.2.
const LEXICON_TSV: &str = include_str!("../../data/tone/vader_lexicon.txt");

/// VADER's multiplier for a negated word.
pub const NEGATION_SCALAR: f64 = -0.74;

/// VADER's normalisation constant: `s / √(s² + ALPHA)`.
pub const ALPHA: f64 = 15.0;

/// How many words before a lexicon word a negation reaches.
const NEGATION_WINDOW: usize = 3;

/// VADER's negation words (apostrophes folded to `'`); any word ending in `n't` also
/// negates.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt",
    "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "neednt", "never", "none", "nope",
    "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
    "without", "wont", "wouldnt", "rarely", "seldom", "despite", "no",
];

/// Lexicon words not scored: their usual sense in news copy is not a sentiment.
const NOT_SENTIMENT: &[&str] = &[
    "party",
    "parties",
    "like",
    "well",
    "united",
    "interest",
    "interests",
    "number",
    "top",
    "justice",
    "justices",
];

/// Fixed expressions whose lexicon words are not sentiment (`data/tone/fixed_expressions.txt`),
/// as lists of folded words.
static FIXED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    include_str!("../../data/tone/fixed_expressions.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            l.split_whitespace()
                .map(|w| fold_word(w).into_owned())
                .collect()
        })
        .collect()
});

/// Byte ranges of `text` whose words are not scored: names of two or more words, and
/// fixed expressions.
fn unscored(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = super::mentions::names_in(text)
        .into_iter()
        .map(|n| n.span)
        .filter(|span| text[span.clone()].split_whitespace().count() >= 2)
        .collect();
    let words: Vec<(usize, String)> = text
        .unicode_word_indices()
        .map(|(i, w)| (i, fold_word(w).into_owned()))
        .collect();
    for (i, (start, _)) in words.iter().enumerate() {
        for fixed in FIXED.iter() {
            // `*` in a fixed expression stands for any one word ("negative * test").
            if words.len() >= i + fixed.len()
                && fixed
                    .iter()
                    .zip(&words[i..])
                    .all(|(f, (_, w))| f == "*" || f == w)
            {
                let (last, w) = &words[i + fixed.len() - 1];
                out.push(*start..last + w.len());
            }
        }
    }
    out
}

/// Words the texts write with a capital inside a sentence, in lines that are not
/// headlines in title case: names ("Peril", a book), not scored where they open a
/// sentence either.
fn name_words(texts: &[&str]) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for line in texts.iter().flat_map(|t| t.lines()) {
        let words: Vec<&str> = line
            .unicode_words()
            .filter(|w| w.chars().count() >= 4)
            .collect();
        let capitalised = words.iter().filter(|w| is_title_case(w)).count();
        if words.is_empty() || capitalised * 2 > words.len() {
            continue;
        }
        let mut at_start = true;
        for segment in line.split_word_bounds() {
            if !segment.chars().any(char::is_alphanumeric) {
                if segment.contains(['.', '!', '?', ';', ':', '"', '“', '”', '‘', '«', '('])
                {
                    at_start = true;
                }
                continue;
            }
            if !at_start && is_title_case(segment) {
                out.insert(fold_word(segment).into_owned());
            }
            at_start = false;
        }
    }
    out
}

/// Whether the word at `start..end` is part of a hyphenated compound (`world-beating`):
/// its parts are not scored on their own.
fn in_compound(text: &str, start: usize, end: usize) -> bool {
    fn joined(mut chars: impl Iterator<Item = char>) -> bool {
        matches!(chars.next(), Some('-' | '\u{2010}' | '\u{2011}'))
            && chars.next().is_some_and(char::is_alphanumeric)
    }
    joined(text[..start].chars().rev()) || joined(text[end..].chars())
}

/// Word → mean valence, parsed once.
static LEXICON: LazyLock<HashMap<&'static str, f64>> = LazyLock::new(|| {
    LEXICON_TSV
        .lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let word = cols.next()?;
            let valence: f64 = cols.next()?.trim().parse().ok()?;
            // Multi-word entries ("can't stand") never match a single word.
            (!word.is_empty() && !word.contains(char::is_whitespace) && valence.is_finite())
                .then_some((word, valence))
        })
        .collect()
});

/// The lexicon valence of a lower-case word, if it has one.
pub fn valence(word: &str) -> Option<f64> {
    LEXICON.get(word).copied()
}

/// The tone of the texts taken together.
///
/// An empty or neutral text scores 0 with no words.
pub fn tone(texts: &[&str]) -> Tone {
    // (lexicon word, valence bits) → uses, in first-seen order for stable ties.
    let mut found: HashMap<(&'static str, u64), usize> = HashMap::new();
    let mut order: Vec<(&'static str, u64)> = Vec::new();
    let mut word_count = 0usize;
    let names = name_words(texts);
    for text in texts {
        // Words since the last negation, within the current sentence; `None` when no
        // negation is in reach.
        let mut since_negation: Option<usize> = None;
        // Whether the next word opens a sentence or a quotation.
        let mut at_start = true;
        // Byte ranges not scored: names of two words or more (`Supreme Court`, even
        // opening a sentence) and fixed expressions (`grand jury`).
        let skip = unscored(text);
        // Inside a quotation: the speaker's words, not the outlet's. Headlines quote
        // with single marks ('Greatest cover-up'), which open at a word's start and
        // close at its end (an apostrophe inside a word, GOP's, does neither).
        let mut quoting = false;
        let mut single = false;
        for (at, segment) in text.split_word_bound_indices() {
            if !segment.chars().any(char::is_alphanumeric) {
                if segment.contains('\n') {
                    quoting = false;
                    single = false;
                }
                for (i, c) in segment.char_indices() {
                    match c {
                        '"' => quoting = !quoting,
                        '“' | '«' => quoting = true,
                        '”' | '»' => quoting = false,
                        '\'' | '‘' | '’' => {
                            let before = text[..at + i].chars().next_back();
                            let after = text[at + i + c.len_utf8()..].chars().next();
                            let opens = c != '’'
                                && before
                                    .is_none_or(|b| b.is_whitespace() || "(:—-\"“".contains(b))
                                && after.is_some_and(char::is_alphanumeric);
                            let closes = single
                                && before
                                    .is_some_and(|b| b.is_alphanumeric() || ".,!?".contains(b))
                                && after.is_none_or(|a| !a.is_alphanumeric());
                            if opens {
                                single = true;
                            } else if closes {
                                single = false;
                            }
                        }
                        _ => {}
                    }
                }
                if segment.contains(['.', '!', '?', ';', ':', '\n']) {
                    since_negation = None;
                    at_start = true;
                } else if segment.contains(['"', '“', '”', '‘', '«', '(']) {
                    at_start = true;
                }
                continue;
            }
            if quoting || single {
                continue;
            }
            word_count += 1;
            let in_name = if at_start {
                is_title_case(segment) && names.contains(&*fold_word(segment))
            } else {
                is_title_case(segment)
            };
            at_start = false;
            let word = fold_word(segment);
            if is_negation(&word) {
                since_negation = Some(0);
                continue;
            }
            let negated = since_negation.is_some_and(|n| n < NEGATION_WINDOW);
            since_negation = since_negation.map(|n| n + 1);
            if in_name
                || skip.iter().any(|r| r.contains(&at))
                || in_compound(text, at, at + segment.len())
            {
                continue;
            }
            let Some((word, v)) = lookup(&word) else {
                continue;
            };
            if NOT_SENTIMENT.contains(&word) {
                continue;
            }
            let v = if negated { negate(v) } else { v };
            let key = (word, v.to_bits());
            *found.entry(key).or_insert_with(|| {
                order.push(key);
                0
            }) += 1;
        }
    }
    let mut words: Vec<ToneWord> = order
        .into_iter()
        .map(|key| ToneWord {
            word: key.0.to_string(),
            valence: f64::from_bits(key.1),
            count: found.get(&key).copied().unwrap_or(0),
        })
        .collect();
    words.sort_by(|a, b| {
        contribution(b)
            .abs()
            .total_cmp(&contribution(a).abs())
            .then_with(|| a.word.cmp(&b.word))
            .then_with(|| b.valence.total_cmp(&a.valence))
    });
    let sum = raw_sum(&words);
    Tone {
        score: normalize(density(sum, word_count)),
        sum,
        word_count,
        words,
    }
}

/// The unnormalised sum behind a tone: `Σ valence × count` over its words.
pub fn raw_sum(words: &[ToneWord]) -> f64 {
    words.iter().map(contribution).sum()
}

/// The sum per hundred words, for texts longer than a hundred words: VADER's
/// normalisation is made for a sentence, and a whole article's sum would push every
/// outlet to the ends of the scale.
pub fn density(sum: f64, word_count: usize) -> f64 {
    sum * 100.0 / word_count.max(100) as f64
}

/// VADER's normalisation into −1 … +1.
pub fn normalize(sum: f64) -> f64 {
    if sum == 0.0 || !sum.is_finite() {
        return 0.0;
    }
    (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0)
}

fn contribution(w: &ToneWord) -> f64 {
    w.valence * w.count as f64
}

/// A negated valence, rounded to 4 decimals so listed values read cleanly
/// (`2.8 × −0.74 = −2.072`).
fn negate(v: f64) -> f64 {
    (v * NEGATION_SCALAR * 10_000.0).round() / 10_000.0
}

/// Capitalised with lower-case letters after (`Party`, not `GREAT` or `good`).
fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word) || word.ends_with("n't")
}

/// The lexicon entry for a word (its possessive `'s` dropped when only the bare word is
/// in the lexicon) and its valence.
fn lookup(word: &str) -> Option<(&'static str, f64)> {
    // The lexicon's "86" (slang for throwing out) is a number in news copy.
    if !word.chars().any(char::is_alphabetic) {
        return None;
    }
    let entry = |w: &str| LEXICON.get_key_value(w).map(|(k, v)| (*k, *v));
    entry(word).or_else(|| {
        let bare = strip_possessive(word);
        (bare.len() < word.len()).then(|| entry(bare))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tone) -> Vec<(&str, f64, usize)> {
        t.words
            .iter()
            .map(|w| (w.word.as_str(), w.valence, w.count))
            .collect()
    }

    /// Issue 19: tone measures how an outlet writes, not what the story is about: words
    /// inside names, fixed expressions and hyphenated compounds do not count.
    #[test]
    fn names_fixed_expressions_and_compounds_are_not_sentiment() {
        let scored = |text: &str| -> Vec<String> {
            tone(&[text]).words.into_iter().map(|w| w.word).collect()
        };
        assert_eq!(
            scored("Supreme Court justices ruled on Monday."),
            Vec::<String>::new()
        );
        assert_eq!(
            scored("The case went to the Supreme Court."),
            Vec::<String>::new()
        );
        assert_eq!(scored("A grand jury indicted him."), Vec::<String>::new());
        assert_eq!(
            scored("The novel coronavirus spread fast."),
            Vec::<String>::new()
        );
        assert_eq!(
            scored("She was taken to the emergency room."),
            Vec::<String>::new()
        );
        assert_eq!(
            scored("It is a world-beating system."),
            Vec::<String>::new()
        );
        // The same words judge when they are not part of a name or an expression.
        assert_eq!(scored("It was a grand and novel idea."), ["grand", "novel"]);
        assert_eq!(scored("The beating was brutal."), ["brutal", "beating"]);
    }

    #[test]
    fn lexicon_is_the_shipped_file() {
        // Byte for byte as in vaderSentiment 3.3.2 (see data/tone/README.md).
        assert_eq!(LEXICON_TSV.len(), 434_304);
        assert!(LEXICON_TSV.starts_with("$:\t-1.5\t0.80623\t"));
        assert_eq!(LEXICON_TSV.matches("\r\n").count(), 7_519);
    }

    #[test]
    fn lexicon_loads_with_vader_values() {
        assert!(LEXICON.len() > 7000, "{}", LEXICON.len());
        assert_eq!(valence("good"), Some(1.9));
        assert_eq!(valence("great"), Some(3.1));
        assert_eq!(valence("threat"), Some(-2.4));
        assert_eq!(valence(":)"), Some(2.0));
        assert_eq!(valence("moon"), None);
    }

    #[test]
    fn scores_and_lists_words() {
        let t = tone(&["A great success. A great day!"]);
        assert_eq!(words(&t), vec![("great", 3.1, 2), ("success", 2.7, 1)]);
        let s: f64 = 3.1 * 2.0 + 2.7;
        assert!((t.score - s / (s * s + 15.0).sqrt()).abs() < 1e-12);
        assert!(t.score > 0.9);
    }

    #[test]
    fn negation_flips_and_damps_within_three_words() {
        let t = tone(&["This is not a good plan."]);
        assert_eq!(words(&t), vec![("good", -1.406, 1)]);
        assert!(t.score < 0.0);
        // "isn’t" with a typographic apostrophe negates too.
        let t = tone(&["It isn’t good."]);
        assert_eq!(words(&t), vec![("good", -1.406, 1)]);
        // Four words away: out of reach.
        let t = tone(&["Not that it was ever good."]);
        assert_eq!(words(&t), vec![("good", 1.9, 1)]);
        // A sentence end closes the negation's reach.
        let t = tone(&["No. Good."]);
        assert_eq!(words(&t), vec![("good", 1.9, 1)]);
        // Negated and plain uses of one word are listed apart.
        let t = tone(&["Good. Not good. Good."]);
        assert_eq!(words(&t), vec![("good", 1.9, 2), ("good", -1.406, 1)]);
    }

    #[test]
    fn words_trace_the_score_exactly() {
        let text = "The threat is not serious, but fears of a failure grew; it was a triumph \
                    without doubt. Partners welcome the successful test, no problem.";
        let t = tone(&[text, "Awful, awful, awful."]);
        let sum = raw_sum(&t.words);
        assert_eq!(t.score, normalize(sum));
        // Strongest contribution first.
        for pair in t.words.windows(2) {
            assert!(
                (pair[0].valence * pair[0].count as f64).abs()
                    >= (pair[1].valence * pair[1].count as f64).abs(),
                "{:?}",
                t.words
            );
        }
        assert_eq!(t.words[0].word, "awful");
        assert_eq!(t.words[0].count, 3);
        // "without doubt": doubt negated; "no problem": problem negated.
        assert!(t.words.iter().any(|w| w.word == "doubt" && w.valence > 0.0));
        assert!(
            t.words
                .iter()
                .any(|w| w.word == "problem" && w.valence > 0.0)
        );
    }

    #[test]
    fn names_and_news_senses_are_not_scored() {
        let t = tone(&[
            "The Chinese Communist Party and the United States met. Great talks, said the \
             Free Trade Party, as well as others like it.",
        ]);
        assert_eq!(words(&t), vec![("great", 3.1, 1)], "{t:?}");
        // A capitalised word opening a sentence is scored; what a speaker is quoted as
        // saying is not the outlet's writing and is neither scored nor counted.
        let t = tone(&[
            "Good. He said: “Terrible.” Excellent, he added. \"Awful,\" she said.",
            "GOP's report: 'Greatest cover-up' in the Republicans' probe",
        ]);
        assert_eq!(words(&t), vec![("excellent", 2.7, 1), ("good", 1.9, 1)]);
        assert_eq!(t.word_count, 8 + 6, "{t:?}");
        // A capitalised word the texts use as a name inside sentences is not scored where
        // it opens one; a title-case headline does not make its words names.
        let t = tone(&[
            "Woodward Book Warns Of Peril\n\nThe book, Peril, is out. Peril describes the days.",
        ]);
        assert!(words(&t).is_empty(), "{t:?}");
    }

    #[test]
    fn possessive_falls_back_to_bare_word() {
        let t = tone(&["The winner's smile."]);
        assert!(t.words.iter().any(|w| w.word == "winner"), "{t:?}");
    }

    #[test]
    fn empty_and_odd_input_is_neutral() {
        for texts in [
            &[][..],
            &[""][..],
            &["   \n\n"][..],
            &["\u{0301}\u{200d}🙂 日本語 ́"][..],
            &["moon lander orbit"][..],
        ] {
            let t = tone(texts);
            assert_eq!(t.score, 0.0, "{texts:?}");
            assert!(t.words.is_empty(), "{texts:?}");
        }
        assert_eq!(normalize(f64::NAN), 0.0);
        assert!(normalize(1e300) <= 1.0);
    }
}
