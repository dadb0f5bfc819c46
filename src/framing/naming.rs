//! Naming: which surface forms an outlet uses for each actor or thing.
//!
//! One outlet writes "President Biden", another "Joe Biden", a third "Biden"; one writes
//! "Chinese Communist Party" where another writes "CCP"; one says "far side of the moon",
//! another "dark side". The actors are found in the text itself, so naming works on any
//! story:
//!
//! * **names** are runs of capitalised words inside sentences ([`names_in`]); a title
//!   written before a person's name belongs to the form ("President Biden") but not to
//!   the name ("Biden");
//! * the forms of one actor are grouped across all outlets of the comparison: a bare
//!   surname joins the one full personal name that ends with it ("Biden" → "Joe
//!   Biden"; with two Bidens it stays apart), an acronym joins the name whose initials
//!   it spells ("CCP" → "Chinese Communist Party", "NIH" → "National Institutes of
//!   Health"), and "the Party", "the Court" join the party or court the same article
//!   named before;
//! * the entity registry (`data/entities.json` and the user's list) is extra knowledge:
//!   its forms and references are matched on analysed words (so case, inflection and
//!   apostrophes do not matter) and counted under the entity, and an entity whose
//!   `counts_as` names another (the Chinese Communist Party → China) is counted as one
//!   way of naming that other, under its own display name. A looser reference inside a
//!   longer name or place is not the entity: "Washington" names the United States, but
//!   "Washington Post", "Washington, D.C." and "Washington state" do not.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::mentions::{entity_matches, names_in};
use super::voices::{is_organisation_word, is_title_word};
use super::{FormCount, Naming};
use crate::model::Article;
use crate::text::fold::strip_possessive;
use crate::text::{EntityMatch, EntityRegistry};

/// A party label after a legislator's name: "R-Texas", "D-W.Va".
static PARTY: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[DRI]-[A-Z]").expect("party label"));

/// One way an actor is named, as found in one text.
enum Found {
    /// A registry entity (index, after `counts_as`) and the form counted for it.
    Entity(usize, String),
    /// A name found in the text: the form as written (with a title before it) and the
    /// name itself. A tentative name is a single capitalised word opening a sentence
    /// ("Biden spoke…"): it counts only as a name found elsewhere.
    Name {
        form: String,
        name: String,
        tentative: bool,
        /// Written as "the Party", "the Court": may refer back to a longer name.
        definite: bool,
    },
}

/// Head words of institutions that news refers back to with "the" and the head alone
/// ("the Chinese Communist Party … the Party", "the Supreme Court … the Court").
const DEFINITE_HEADS: &[&str] = &[
    "party",
    "committee",
    "court",
    "department",
    "ministry",
    "agency",
    "commission",
    "council",
    "bureau",
    "administration",
    "company",
    "corporation",
    "university",
    "institute",
    "union",
];

/// For every entity named in the articles' titles and bodies, the forms and references
/// used, with counts (entity id → [`Naming`]). One outlet's naming: the groups of
/// [`naming_by_outlet`] with a single group.
pub fn naming(articles: &[&Article], registry: &EntityRegistry) -> BTreeMap<String, Naming> {
    naming_by_outlet(&[articles.to_vec()], registry)
        .pop()
        .unwrap_or_default()
}

/// Per group of articles (one per outlet, in the order given), every actor named and
/// the forms used for it, with counts (actor id → [`Naming`]). Registry entities keep
/// their ids; a name found in the text has the id `n:` and its grouped name in lower
/// case, the same in every group, so outlets can be set side by side.
///
/// Forms are sorted by count, most used first, then alphabetically.
pub fn naming_by_outlet(
    groups: &[Vec<&Article>],
    registry: &EntityRegistry,
) -> Vec<BTreeMap<String, Naming>> {
    // Per group: what was found, and where each article's finds start.
    let (found, article_starts): (Vec<Vec<Found>>, Vec<Vec<usize>>) = groups
        .iter()
        .map(|articles| {
            let mut out = Vec::new();
            let mut starts = Vec::new();
            for a in articles.iter() {
                starts.push(out.len());
                if !is_headline_case(&a.title) {
                    found_in(&a.title, registry, &mut out);
                } else {
                    // A title-case headline capitalises every word: only the registry
                    // is read in it.
                    for (m, _) in entity_matches_in_place(&a.title, registry) {
                        out.push(entity_found(&m, registry));
                    }
                }
                if a.sentences.is_empty() {
                    found_in(&a.body, registry, &mut out);
                } else {
                    for s in &a.sentences {
                        found_in(a.sentence_text(s), registry, &mut out);
                    }
                }
            }
            (out, starts)
        })
        .unzip();

    // "the Party" after "the Chinese Communist Party" in the same article is that party.
    let mut found = found;
    for (fs, starts) in found.iter_mut().zip(&article_starts) {
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(fs.len());
            for i in start..end {
                let Found::Name {
                    name,
                    definite: true,
                    ..
                } = &fs[i]
                else {
                    continue;
                };
                let head = name.to_lowercase();
                // The head of "Supreme Court of India" is "Court".
                let last_word = |t: &str| {
                    let head = t.split(" of ").next().unwrap_or(t);
                    head.rsplit(' ').next().map(str::to_lowercase)
                };
                let earlier = fs[start..i].iter().rev().find_map(|f| match f {
                    Found::Entity(e, form)
                        if last_word(form).as_deref() == Some(head.as_str())
                            && form.contains(' ') =>
                    {
                        Some(Found::Entity(*e, format!("the {name}")))
                    }
                    Found::Name { name: full, .. }
                        if full.contains(' ')
                            && last_word(full).as_deref() == Some(head.as_str()) =>
                    {
                        Some(Found::Name {
                            form: format!("the {name}"),
                            name: full.clone(),
                            tentative: false,
                            definite: false,
                        })
                    }
                    _ => None,
                });
                if let Some(f) = earlier {
                    fs[i] = f;
                }
            }
        }
    }

    // News names a person in full first and by surname after: a bare name joins a full
    // one only when some article wrote the full name before it ("Joe Biden … Biden"),
    // so "Afghanistan" does not join "Long Live Afghanistan".
    let mut introduced: HashSet<(String, String)> = HashSet::new();
    for (fs, starts) in found.iter().zip(&article_starts) {
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(fs.len());
            let mut full: Vec<String> = Vec::new();
            for f in &fs[start..end] {
                if let Found::Name { name, .. } = f {
                    let lower = name.to_lowercase();
                    if lower.contains(' ') {
                        full.push(lower);
                    } else {
                        for n in &full {
                            if n.rsplit(' ').next() == Some(lower.as_str()) {
                                introduced.insert((n.clone(), lower.clone()));
                            }
                        }
                    }
                }
            }
        }
    }
    let personal = |full: &str, bare: &str| {
        personal_name(full) && introduced.contains(&(full.to_lowercase(), bare.to_lowercase()))
    };

    // Group the names found across all groups.
    let names: Vec<&str> = found
        .iter()
        .flatten()
        .filter_map(|f| match f {
            Found::Name {
                name,
                tentative: false,
                ..
            } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let mut grouped = group_names(&names, &personal);
    // A tentative name counts when it is a name found elsewhere or the surname of one
    // full name.
    let mut surnames: HashMap<String, Vec<&str>> = HashMap::new();
    for n in &names {
        if personal_name(n) {
            let last = n.rsplit(' ').next().unwrap_or(n).to_lowercase();
            let full = surnames.entry(last).or_default();
            if !full.iter().any(|f| f.eq_ignore_ascii_case(n)) {
                full.push(n);
            }
        }
    }
    for f in found.iter().flatten() {
        if let Found::Name {
            name,
            tentative: true,
            ..
        } = f
        {
            let key = name.to_lowercase();
            if grouped.contains_key(&key) {
                continue;
            }
            if let Some([full]) = surnames.get(&key).map(Vec::as_slice)
                && personal(full, name)
                && let Some(display) = grouped.get(&full.to_lowercase()).cloned()
            {
                grouped.insert(key, display);
            }
        }
    }

    found
        .iter()
        .map(|fs| {
            // Actor id → (display name, form → count).
            let mut counts: BTreeMap<String, (String, BTreeMap<&str, usize>)> = BTreeMap::new();
            for f in fs {
                let (id, display, form) = match f {
                    Found::Entity(e, form) => {
                        let e = &registry.entities[*e];
                        (e.id.clone(), e.name.clone(), form.as_str())
                    }
                    Found::Name { form, name, .. } => {
                        let Some(g) = grouped.get(&name.to_lowercase()) else {
                            continue;
                        };
                        (format!("n:{}", g.to_lowercase()), g.clone(), form.as_str())
                    }
                };
                if form.is_empty() {
                    continue;
                }
                *counts
                    .entry(id)
                    .or_insert_with(|| (display, BTreeMap::new()))
                    .1
                    .entry(form)
                    .or_default() += 1;
            }
            counts
                .into_iter()
                .map(|(id, (name, forms))| {
                    let mut forms: Vec<FormCount> = forms
                        .into_iter()
                        .map(|(form, count)| FormCount {
                            form: form.to_string(),
                            count,
                        })
                        .collect();
                    forms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.form.cmp(&b.form)));
                    (id, Naming { name, forms })
                })
                .collect()
        })
        .collect()
}

/// How different the outlets' naming of one actor is, 0 (all use the same forms in the
/// same shares) to 1 (no form in common): the mean over pairs of outlets of one minus
/// the overlap of their form shares.
pub fn naming_difference(per_outlet: &[&Naming]) -> f64 {
    let shares: Vec<HashMap<&str, f64>> = per_outlet
        .iter()
        .map(|n| {
            let total: usize = n.forms.iter().map(|f| f.count).sum();
            n.forms
                .iter()
                .map(|f| (f.form.as_str(), f.count as f64 / total.max(1) as f64))
                .collect()
        })
        .collect();
    let mut sum = 0.0;
    let mut pairs = 0usize;
    for i in 0..shares.len() {
        for j in i + 1..shares.len() {
            let overlap: f64 = shares[i]
                .iter()
                .map(|(f, p)| p.min(shares[j].get(f).copied().unwrap_or(0.0)))
                .sum();
            sum += 1.0 - overlap;
            pairs += 1;
        }
    }
    if pairs == 0 { 0.0 } else { sum / pairs as f64 }
}

/// Whether a title is written in headline case (most of its longer words capitalised).
fn is_headline_case(title: &str) -> bool {
    let words: Vec<&str> = title
        .unicode_words()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !words.is_empty() && caps * 2 > words.len()
}

fn entity_found(m: &EntityMatch, registry: &EntityRegistry) -> Found {
    let target = registry.counted_as(m.entity);
    let form = if target == m.entity {
        registry.form_text(m)
    } else {
        registry.entities[m.entity].name.as_str()
    };
    Found::Entity(target, form.to_string())
}

/// The actors named in one sentence (or title).
fn found_in(text: &str, registry: &EntityRegistry, out: &mut Vec<Found>) {
    let runs: Vec<Range<usize>> = names_in(text).into_iter().map(|n| n.span).collect();
    let first_run_start = runs.first().map(|r| r.start);
    let matches = entity_matches_in_place(text, registry);
    let mut kept: Vec<Range<usize>> = Vec::new();
    for (m, span) in &matches {
        // A looser reference inside a longer name is that name ("Washington Post").
        let inside_longer = !registry.is_form(m)
            && runs
                .iter()
                .any(|r| r.start <= span.start && span.end <= r.end && r.len() > span.len());
        if inside_longer {
            continue;
        }
        kept.push(span.clone());
        out.push(entity_found(m, registry));
    }
    for run in runs {
        if kept.iter().any(|k| k.start < run.end && run.start < k.end) {
            continue;
        }
        // One space between words (news text has no-break spaces inside names).
        let squashed = text[run.clone()]
            .trim_end_matches('.')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let written = strip_possessive(&squashed);
        let mut name = split_title(written);
        // A person and where they come from: "Li Zuocheng of the People's Liberation Army".
        if let Some((person, from)) = name.split_once(" of ")
            && personal_name(person)
            && (from
                .split(' ')
                .any(|w| is_organisation_word(&w.to_lowercase()))
                || (from.split(' ').count() <= 2 && !person.ends_with('s')))
        {
            name = person;
        }
        // A role before a name cut off by an abbreviation's period ("Moderate Democratic
        // Sen.", "Florida Gov.") is not a name.
        if name
            .rsplit(' ')
            .next()
            .is_some_and(|w| is_title_word(&w.to_lowercase()))
        {
            continue;
        }
        // A party label ("R-Texas", "D-W.Va") is not an actor.
        if name.chars().count() < 2 || PARTY.is_match(name) {
            continue;
        }
        let form = match title_before(text, run.start) {
            Some(t) => format!("{t} {written}"),
            None => written.to_string(),
        };
        let definite = !name.contains(' ')
            && DEFINITE_HEADS.contains(&name.to_lowercase().as_str())
            && text[..run.start]
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        out.push(Found::Name {
            form,
            name: name.to_string(),
            tentative: false,
            definite,
        });
    }
    // A single word opening the sentence, capitalised because it opens it or because
    // it is a name: kept if the comparison knows the name ("Biden spoke to …").
    let first = text.unicode_words().next().unwrap_or("");
    let at = text.find(first).unwrap_or(0);
    let opens_run = first_run_start == Some(at);
    if !opens_run
        && first.chars().count() >= 3
        && first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().skip(1).all(char::is_lowercase)
        && !kept.iter().any(|k| k.start <= at && at < k.end)
    {
        let name = strip_possessive(first);
        out.push(Found::Name {
            form: name.to_string(),
            name: name.to_string(),
            tentative: true,
            definite: false,
        });
    }
}

/// Registry matches in `text`, leaving out looser references that name a place inside
/// the country they refer to ("Washington, D.C.", "Washington state").
fn entity_matches_in_place(
    text: &str,
    registry: &EntityRegistry,
) -> Vec<(EntityMatch, Range<usize>)> {
    entity_matches(text, registry)
        .into_iter()
        .filter(|(m, span)| {
            if registry.is_form(m) {
                return true;
            }
            let after = text[span.end..].trim_start_matches([',', ' ']);
            let in_place =
                after.starts_with("D.C") || after.starts_with("DC") || after.starts_with("state");
            !in_place
        })
        .collect()
}

/// A person's name without the titles written inside its run ("Senate Minority Leader
/// Mitch McConnell" → "Mitch McConnell", "CNN's Jake Tapper" → "Jake Tapper"): the
/// words after the last title word or possessive, when they are one to three.
fn split_title(run: &str) -> &str {
    let words: Vec<(usize, &str)> = run
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    // A title, or a possessive ("CNN's Jake Tapper"), before the name.
    // Only before an affiliation ("… of the People's Liberation Army").
    let head = words
        .iter()
        .position(|(_, w)| *w == "of")
        .unwrap_or(words.len())
        .min(words.len().saturating_sub(1));
    let last_title = words[..head]
        .iter()
        .rposition(|(_, w)| is_title_word(&w.to_lowercase()) || strip_possessive(w) != *w);
    match last_title {
        Some(t) if t + 1 < words.len() && words.len() - t - 1 <= 3 => &run[words[t + 1].0..],
        _ => run,
    }
}

/// The title written just before a name ("President", "Sen.", "Gov."), if any.
fn title_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end();
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    (capitalised && is_title_word(&word.to_lowercase())).then_some(word)
}

/// Groups names across outlets: lower-case name → the display name of its group.
fn group_names(names: &[&str], personal: &dyn Fn(&str, &str) -> bool) -> HashMap<String, String> {
    // Distinct names with counts, first seen first.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for n in names {
        match at.get(&n.to_lowercase()) {
            Some(&i) => counts[i].1 += 1,
            None => {
                at.insert(n.to_lowercase(), counts.len());
                counts.push((n, 1));
            }
        }
    }
    let mut parent: Vec<usize> = (0..counts.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Full names by their last word.
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (n, _)) in counts.iter().enumerate() {
        if personal_name(n) {
            let last = n.rsplit(' ').next().unwrap_or(n).to_lowercase();
            by_surname.entry(last).or_default().push(i);
        }
    }
    for i in 0..counts.len() {
        let n = counts[i].0;
        let target = if !n.contains(' ') {
            if is_acronym(n) {
                let letters: String = n.chars().filter(char::is_ascii_alphabetic).collect();
                let spelled: Vec<usize> = (0..counts.len())
                    .filter(|&j| initials(counts[j].0).as_deref() == Some(letters.as_str()))
                    .collect();
                (spelled.len() == 1).then(|| spelled[0])
            } else {
                match by_surname.get(&n.to_lowercase()).map(Vec::as_slice) {
                    Some([j]) if personal(counts[*j].0, n) => Some(*j),
                    _ => None,
                }
            }
        } else {
            None
        };
        if let Some(j) = target {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a] = b;
        }
    }
    // Each group is shown by its most used name of several words, else its most used.
    let mut best: HashMap<usize, usize> = HashMap::new();
    for i in 0..counts.len() {
        let r = root(&mut parent, i);
        let rank = |k: usize| (counts[k].0.contains(' '), counts[k].1, counts[k].0.len());
        let b = best.entry(r).or_insert(i);
        if rank(i) > rank(*b) {
            *b = i;
        }
    }
    (0..counts.len())
        .map(|i| {
            let r = root(&mut parent, i);
            (counts[i].0.to_lowercase(), counts[best[&r]].0.to_string())
        })
        .collect()
}

/// Two or three capitalised words that read as a person's name: no word of an
/// organisation ("White House", "Supreme Court"), no connector, no digits.
fn personal_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
                && !is_organisation_word(&w.to_lowercase())
        })
}

/// An acronym: two to six capital letters, dotted or not ("CCP", "U.N.").
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    (2..=6).contains(&letters) && word.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// The initials of a name of several words, connectors left out ("National Institutes
/// of Health" → "NIH").
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "the" | "for" | "and" | "on" | "&"))
        .collect();
    (words.len() >= 2)
        .then(|| {
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .collect::<String>()
        })
        .filter(|s| s.chars().all(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> EntityRegistry {
        EntityRegistry::from_json(
            r#"{"entities":[
              {"id":"china","name":"China","kind":"country","forms":["China","PRC"],"references":["Beijing"]},
              {"id":"ccp","name":"Chinese Communist Party","kind":"organisation",
               "forms":["Chinese Communist Party","CCP"],"counts_as":"china"},
              {"id":"us","name":"United States","kind":"country","forms":["United States","US"]},
              {"id":"far-side","name":"far side of the Moon","kind":"place",
               "forms":["far side of the moon","far side","dark side"]}
            ]}"#,
        )
        .unwrap()
    }

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    fn forms(n: &BTreeMap<String, Naming>, id: &str) -> Vec<(String, usize)> {
        n.get(id)
            .map(|n| n.forms.iter().map(|f| (f.form.clone(), f.count)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn counts_forms_and_references_in_title_and_body() {
        let r = registry();
        let a = article(
            "China’s probe lands",
            "Beijing said China's probe reached the Far Sides. The PRC and China agree.",
        );
        let n = naming(&[&a], &r);
        assert_eq!(
            forms(&n, "china"),
            vec![
                ("China".into(), 3),
                ("Beijing".into(), 1),
                ("PRC".into(), 1)
            ],
            "title and body both count, most used first, ties alphabetical"
        );
        assert_eq!(n["china"].name, "China");
        assert_eq!(forms(&n, "far-side"), vec![("far side".into(), 1)]);
    }

    #[test]
    fn counts_as_moves_uses_to_the_target_entity() {
        let r = registry();
        let a = article(
            "",
            "The Chinese Communist Party and the CCP leadership met. China agreed.",
        );
        let n = naming(&[&a], &r);
        assert_eq!(
            forms(&n, "china"),
            vec![("Chinese Communist Party".into(), 2), ("China".into(), 1)],
            "CCP and Chinese Communist Party are one way of naming China"
        );
        assert!(!n.contains_key("ccp"), "counted under china only: {n:?}");
    }

    #[test]
    fn lower_case_us_is_not_the_united_states() {
        let r = registry();
        let a = article("", "They asked us to help. The US agreed.");
        assert_eq!(forms(&naming(&[&a], &r), "us"), vec![("US".into(), 1)]);
    }

    #[test]
    fn sums_over_articles_and_handles_empty_input() {
        let r = registry();
        let a = article("", "the dark side");
        let b = article("", "dark side, far side of the moon");
        let n = naming(&[&a, &b], &r);
        assert_eq!(
            forms(&n, "far-side"),
            vec![("dark side".into(), 2), ("far side of the moon".into(), 1)]
        );
        assert!(naming(&[], &r).is_empty());
        assert!(naming(&[&article("", "")], &r).is_empty());
        assert!(naming(&[&article("\u{0301}🙂", "’ ' \u{200d}")], &r).is_empty());
    }
}
