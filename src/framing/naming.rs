//! Naming: which surface forms an outlet uses for each actor or thing.
//!
//! One outlet writes "China", another "Beijing", a third "the Chinese Communist Party";
//! one says "far side of the moon", another "dark side". Each use is found by the entity
//! matcher on analysed words (so case, inflection and apostrophes do not matter) and
//! counted under the registry's text of the form or reference that matched. An entity
//! whose `counts_as` names another (the Chinese Communist Party → China) is counted as a
//! way of naming that other entity, under its own display name whichever of its forms
//! was written ("CCP" and "Chinese Communist Party" are one choice: naming the party
//! where others name the country), so the difference shows in one place.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{FormCount, Naming};
use crate::model::Article;
use crate::text::{Analyzer, EntityMatch, EntityRegistry};

/// For every entity named in the articles' titles and bodies, the forms and references
/// used, with counts (entity id → [`Naming`]).
///
/// Uses of an entity with `counts_as` are counted under the entity it counts as, as one
/// form named by their entity's display name ("CCP" and "Chinese Communist Party" both
/// count as "Chinese Communist Party" under `china`). Forms are sorted by count, most
/// used first, then alphabetically.
pub fn naming(articles: &[&Article], registry: &EntityRegistry) -> BTreeMap<String, Naming> {
    // Entity index → form text → count.
    let mut counts: BTreeMap<usize, BTreeMap<&str, usize>> = BTreeMap::new();
    for article in articles {
        for text in [article.title.as_str(), article.body.as_str()] {
            for (m, _) in entity_matches(text, registry) {
                let target = registry.counted_as(m.entity);
                let form = if target == m.entity {
                    registry.form_text(&m)
                } else {
                    registry.entities[m.entity].name.as_str()
                };
                if target < registry.entities.len() && !form.is_empty() {
                    *counts.entry(target).or_default().entry(form).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|(entity, forms)| {
            let e = &registry.entities[entity];
            let mut forms: Vec<FormCount> = forms
                .into_iter()
                .map(|(form, count)| FormCount {
                    form: form.to_string(),
                    count,
                })
                .collect();
            forms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.form.cmp(&b.form)));
            (
                e.id.clone(),
                Naming {
                    name: e.name.clone(),
                    forms,
                },
            )
        })
        .collect()
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
