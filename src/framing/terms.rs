//! Distinctive terms: weighted log-odds with an informative Dirichlet prior.
//!
//! Monroe, Colaresi & Quinn (2008), "Fightin' Words", §3.5. For group *i* against all
//! the other groups pooled (*j*), with counts `y` of a word *w* and totals `n`:
//!
//! ```text
//! δ_w = log((y_iw + α_w) / (n_i + α0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α0 − y_jw − α_w))
//! σ²_w ≈ 1/(y_iw + α_w) + 1/(y_jw + α_w)
//! z_w = δ_w / σ_w
//! ```
//!
//! The prior `α_w = α0 · b_w / b` follows the word's share of the background (counts `b`);
//! a word the background lacks is counted there once. `α0` is the mean group size in
//! words, so the prior weighs as much as one group's text: rare words need several uses
//! before they stand out, and a word every outlet uses at its background rate scores
//! near 0 however common it is. `z > 1.96` is significant at 95%, and only such terms
//! are listed: a word no other outlet uses must be used about nine times to stand out
//! against one other outlet of the same size, about three times against four others.
//!
//! Words are analysed terms (lower case, diacritics folded, stemmed), so "aggression" and
//! "aggressions" count together; each is shown as the group's most frequent spelling.
//! Stop words, numbers (digits or number words) and terms shorter than three letters are
//! left out.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::TermScore;
use crate::text::Analyzer;
use crate::text::fold::{fold_word, strip_possessive};

/// z-score above which a term is significant at 95% (two-sided).
pub const SIGNIFICANT: f64 = 1.96;

/// English function words and number words, compared with the lower-case word before
/// stemming.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
    "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my",
    "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
    "others", "our", "ours", "ourselves", "out", "over", "own", "said", "same", "say", "says",
    "shall", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through",
    "thus", "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your", "yours", "yourself", "although",
    "though", "among", "via", "per", "whereas", "many", "several", "well", "still", "already",
    "year", "years", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "hundred", "thousand", "million", "billion", "first",
    "second", "third",
];

/// Term counts of a text or a group of texts, with the spellings behind each term.
#[derive(Default)]
struct Counts {
    /// term → (uses, lower-case spelling → uses).
    terms: FxHashMap<String, (usize, FxHashMap<String, usize>)>,
    total: usize,
}

impl Counts {
    /// Counts one text.
    fn of(text: &str) -> Counts {
        let mut c = Counts::default();
        Analyzer.for_each(text, |term, _, span| {
            let Some(written) = text.get(span) else {
                return;
            };
            let word = spelling(written);
            if !counted(term, &word) {
                return;
            }
            c.total += 1;
            let (n, spellings) = match c.terms.get_mut(term) {
                Some(entry) => entry,
                None => c.terms.entry(term.to_string()).or_default(),
            };
            *n += 1;
            match spellings.get_mut(word.as_ref()) {
                Some(k) => *k += 1,
                None => {
                    spellings.insert(word.into_owned(), 1);
                }
            }
        });
        c
    }

    /// Adds another count to this one.
    fn add(&mut self, other: &Counts) {
        self.total += other.total;
        for (term, (n, spellings)) in &other.terms {
            let (mine, my_spellings) = self.terms.entry(term.clone()).or_default();
            *mine += n;
            for (w, k) in spellings {
                *my_spellings.entry(w.clone()).or_default() += k;
            }
        }
    }

    fn get(&self, term: &str) -> usize {
        self.terms.get(term).map_or(0, |t| t.0)
    }

    /// The most frequent spelling of a term (ties: alphabetical).
    fn spelling(&self, term: &str) -> String {
        self.terms
            .get(term)
            .and_then(|(_, s)| {
                s.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(w, _)| w.clone())
            })
            .unwrap_or_else(|| term.to_string())
    }
}

/// Counts each distinct text once: groups and background usually share their texts.
/// Texts are told apart by address and length, which is sound while they are all
/// borrowed at once (for one call).
#[derive(Default)]
struct TextCounts {
    /// (address, length) of a text → its counts.
    cache: FxHashMap<(usize, usize), Counts>,
}

impl TextCounts {
    /// The summed counts of some texts.
    fn sum(&mut self, texts: &[&str]) -> Counts {
        let mut out = Counts::default();
        for text in texts {
            let key = (text.as_ptr() as usize, text.len());
            out.add(self.cache.entry(key).or_insert_with(|| Counts::of(text)));
        }
        out
    }
}

/// The word as written, lower case, apostrophes straightened and a possessive `'s`
/// dropped (borrowed when it already is).
fn spelling(written: &str) -> Cow<'_, str> {
    let w = fold_word(written);
    match strip_possessive(&w) {
        bare if bare.len() < w.len() && !bare.is_empty() => Cow::Owned(bare.to_string()),
        _ => w,
    }
}

/// Whether a term takes part: not a stop word, not a number, at least three letters.
fn counted(term: &str, word: &str) -> bool {
    term.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !term.starts_with(|c: char| c.is_numeric())
        && !is_stopword(word)
        && !is_stopword(term)
}

/// Whether a word is one of [`STOPWORDS`] (looked up in a set: this runs for every word
/// of every compared article).
pub(crate) fn is_stopword(word: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

/// For each group of texts (one group per outlet), the terms it uses far more than the
/// other groups, best first, at most `limit`. `background` sets the prior.
///
/// Only terms with a z-score above [`SIGNIFICANT`] are returned: a term that is not
/// significant is not shown as distinctive, so with little text a group may have none.
/// With fewer than two groups there is nothing to compare and every list is empty. The
/// result has one list per group, in order.
pub fn distinctive_terms(
    groups: &[Vec<&str>],
    background: &[&str],
    limit: usize,
) -> Vec<Vec<TermScore>> {
    let mut out = vec![Vec::new(); groups.len()];
    if groups.len() < 2 || limit == 0 {
        return out;
    }
    let mut texts = TextCounts::default();
    let counts: Vec<Counts> = groups.iter().map(|g| texts.sum(g)).collect();
    let all_total: usize = counts.iter().map(|c| c.total).sum();
    if all_total == 0 {
        return out;
    }
    let alpha0 = all_total as f64 / groups.len() as f64;

    // Background counts, with each group word the background lacks counted once.
    let mut bg = texts.sum(background);
    for c in &counts {
        for term in c.terms.keys() {
            if !bg.terms.contains_key(term) {
                bg.terms.insert(term.clone(), (1, FxHashMap::default()));
                bg.total += 1;
            }
        }
    }
    let bg_total = bg.total as f64;

    // Pooled counts of every group, so "all the others" is the pool minus one group.
    let mut pooled: FxHashMap<&str, usize> = FxHashMap::default();
    for c in &counts {
        for (term, (n, _)) in &c.terms {
            *pooled.entry(term.as_str()).or_default() += n;
        }
    }

    for (i, group) in counts.iter().enumerate() {
        let n_i = group.total as f64;
        let n_j = (all_total - group.total) as f64;
        let mut scored: Vec<TermScore> = group
            .terms
            .iter()
            .filter_map(|(term, &(y_i, _))| {
                let y_j = pooled.get(term.as_str()).copied().unwrap_or(0) - y_i;
                let alpha = alpha0 * bg.get(term) as f64 / bg_total;
                let z = z_score(y_i as f64, n_i, y_j as f64, n_j, alpha, alpha0)?;
                (z > SIGNIFICANT).then(|| TermScore {
                    term: group.spelling(term),
                    score: z,
                    count: y_i,
                })
            })
            .collect();
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.term.cmp(&b.term))
        });
        scored.truncate(limit);
        out[i] = scored;
    }
    out
}

/// The z-score of the weighted log-odds ratio of a word used `y_i` times in `n_i` words
/// against `y_j` times in `n_j`, with prior `alpha` for the word and `alpha0` in all.
/// `None` when the prior is empty (nothing to weigh against).
pub fn z_score(y_i: f64, n_i: f64, y_j: f64, n_j: f64, alpha: f64, alpha0: f64) -> Option<f64> {
    if alpha <= 0.0 || alpha0 <= 0.0 {
        return None;
    }
    let odds = |y: f64, n: f64| {
        let rest = (n + alpha0 - y - alpha).max(f64::MIN_POSITIVE);
        ((y + alpha) / rest).ln()
    };
    let delta = odds(y_i, n_i) - odds(y_j, n_j);
    let variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha);
    let z = delta / variance.sqrt();
    z.is_finite().then_some(z)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[TermScore]) -> Vec<&str> {
        list.iter().map(|t| t.term.as_str()).collect()
    }

    #[test]
    fn z_score_matches_a_hand_computation() {
        // y_i = 6 of 300, y_j = 0 of 1200, α_w = 2, α0 = 500.
        let z = z_score(6.0, 300.0, 0.0, 1200.0, 2.0, 500.0).unwrap();
        let delta = (8.0f64 / 792.0).ln() - (2.0f64 / 1698.0).ln();
        let expected = delta / (1.0 / 8.0 + 1.0 / 2.0f64).sqrt();
        assert!((z - expected).abs() < 1e-12, "{z} vs {expected}");
        assert!(z > SIGNIFICANT);
        // Same rate on both sides, and a prior at that rate: no difference.
        let z = z_score(3.0, 300.0, 12.0, 1200.0, 5.0, 500.0).unwrap();
        assert!(z.abs() < 1e-9, "{z}");
        // Four exclusive uses in a short text are not yet significant; eight are.
        let z4 = z_score(4.0, 60.0, 0.0, 120.0, 60.0 * 4.0 / 180.0, 60.0).unwrap();
        let z8 = z_score(8.0, 60.0, 0.0, 120.0, 60.0 * 8.0 / 180.0, 60.0).unwrap();
        assert!(z4 < SIGNIFICANT && z8 > SIGNIFICANT, "{z4} {z8}");
        assert_eq!(z_score(1.0, 10.0, 0.0, 10.0, 0.0, 10.0), None);
    }

    #[test]
    fn a_word_one_group_repeats_is_distinctive_for_it_only() {
        let filler = "The delegations met in the capital to discuss trade, energy and a new \
                      railway line. Officials described the talks as constructive. ";
        let a = format!(
            "{filler}{filler}They condemned the aggression. Hegemony and aggression again: \
             aggressions, hegemony, hegemony, aggression. Aggression is aggression; hegemony \
             is hegemony, and hegemony breeds aggression. {filler}"
        );
        let b = format!("{filler}{filler}{filler}The weather was mild.");
        let c = format!("{filler}{filler}Railway engineers inspected the line. {filler}");
        let groups = vec![vec![a.as_str()], vec![b.as_str()], vec![c.as_str()]];
        let background = [a.as_str(), b.as_str(), c.as_str()];
        let out = distinctive_terms(&groups, &background, 10);
        assert_eq!(out.len(), 3);
        assert_eq!(
            terms(&out[0])[..2],
            ["aggression", "hegemony"],
            "{:?}",
            out[0]
        );
        let aggression = &out[0][0];
        assert_eq!(aggression.count, 7, "aggression ×6 and aggressions ×1");
        assert!(aggression.score > SIGNIFICANT);
        for other in &out[1..] {
            assert!(!terms(other).contains(&"aggression"), "{other:?}");
            assert!(!terms(other).contains(&"hegemony"), "{other:?}");
        }
        // Words every group uses at the same rate are never distinctive.
        for list in &out {
            assert!(!terms(list).contains(&"delegations"), "{list:?}");
            for t in list {
                assert!(t.score > SIGNIFICANT, "{t:?}");
            }
        }
        assert!(distinctive_terms(&groups, &background, 1)[0].len() <= 1);
    }

    #[test]
    fn stop_words_numbers_and_short_terms_are_skipped() {
        let a = "the the the of of 2021 2021 2021 2021 2021 ai ai ai ai ai ai is is is is";
        let b = "moon moon moon moon station station";
        let out = distinctive_terms(&[vec![a], vec![b]], &[a, b], 10);
        assert!(out[0].is_empty(), "{:?}", out[0]);
    }

    #[test]
    fn spelling_is_the_groups_most_frequent_surface_word() {
        let a = "Aggressions aggression AGGRESSION aggression’s. ".repeat(3);
        let b = "Cooperation and trade. ".repeat(10);
        let out = distinctive_terms(&[vec![&a], vec![&b]], &[&a, &b], 5);
        let top = &out[0][0];
        assert_eq!(top.term, "aggression");
        assert_eq!(top.count, 12);
    }

    #[test]
    fn nothing_to_compare_gives_empty_lists() {
        assert!(distinctive_terms(&[], &[], 10).is_empty());
        assert_eq!(
            distinctive_terms(&[vec!["aggression aggression"]], &["x"], 10),
            vec![Vec::new()]
        );
        assert_eq!(
            distinctive_terms(&[vec![""], vec![]], &[], 10),
            vec![Vec::new(), Vec::new()]
        );
        let out = distinctive_terms(
            &[vec!["aggression ".repeat(50).as_str()], vec!["peace"]],
            &[],
            0,
        );
        assert_eq!(out, vec![Vec::new(), Vec::new()]);
        // Odd input does not panic, and a background that misses the words still works.
        let out = distinctive_terms(
            &[vec!["\u{0301}🙂 ́ \u{200d}"], vec!["ＡＢＣ ｄｅｆ 日本語"]],
            &[],
            10,
        );
        assert_eq!(out.len(), 2);
    }
}
