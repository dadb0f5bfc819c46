//! The framing signals — naming, voices, distinctive terms, tone — on small fixtures
//! that each isolate one signal, and on the bundled corpus, where a reader can check
//! them against the five articles.

use std::sync::OnceLock;

use digest::framing::naming::naming;
use digest::framing::terms::{SIGNIFICANT, distinctive_terms};
use digest::framing::tone::{density, normalize, raw_sum, tone, valence};
use digest::framing::voices::voices;
use digest::framing::{Naming, TermScore, Voice};
use digest::index::DigestIndex;
use digest::index::schema::KIND_ARTICLE;
use digest::ingest::read::RawArticle;
use digest::ingest::{Context, prepare, short_hash};
use digest::model::{Article, Origin};
use digest::text::EntityRegistry;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

fn registry() -> &'static EntityRegistry {
    digest::bundled::entities()
}

/// An article prepared the way ingest prepares one (cleaning, sentences, entities).
fn article(outlet: &str, title: &str, body: &str) -> Article {
    let raw = RawArticle {
        title: Some(title.to_string()),
        body: body.to_string(),
        ..RawArticle::default()
    };
    let origin = Origin {
        path: format!("/fixtures/{outlet}.txt"),
        item: None,
        hash: short_hash(body.as_bytes()),
        added: None,
    };
    let cx = Context {
        outlets: digest::bundled::outlets(),
        entities: registry(),
        outlet_override: Some(outlet),
        manifest: None,
    };
    prepare(raw, origin, &cx).expect("fixture article").article
}

/// The bundled articles as the index stores them, in file order (000 … 004).
fn bundled() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = DigestIndex::open_seeded(&dir.path().join("index")).unwrap();
        let searcher = index.searcher();
        let q = TermQuery::new(
            Term::from_field_text(index.fields().kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        );
        let mut out: Vec<Article> = searcher
            .search(&q, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|addr| index.load_article(&searcher.doc::<TantivyDocument>(addr).unwrap()))
            .collect();
        out.sort_by(|a, b| a.source().cmp(b.source()));
        let outlets: Vec<&str> = out.iter().map(|a| a.outlet.as_str()).collect();
        assert_eq!(outlets, ["rfa", "unattributed", "gt", "tass", "cnes"]);
        out
    })
}

/// The bundled article of an outlet.
fn outlet(id: &str) -> &'static Article {
    bundled().iter().find(|a| a.outlet == id).unwrap()
}

/// `(form, count)` pairs of one entity, most used first.
fn forms(n: &std::collections::BTreeMap<String, Naming>, id: &str) -> Vec<(String, usize)> {
    n.get(id)
        .map(|n| n.forms.iter().map(|f| (f.form.clone(), f.count)).collect())
        .unwrap_or_default()
}

fn voice<'a>(vs: &'a [Voice], name: &str) -> &'a Voice {
    vs.iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no voice {name:?} in {vs:#?}"))
}

fn terms(list: &[TermScore]) -> Vec<&str> {
    list.iter().map(|t| t.term.as_str()).collect()
}

// --- Naming ---------------------------------------------------------------------------

#[test]
fn naming_shows_how_each_outlet_names_the_same_actor() {
    let story = |actor: &str| {
        format!(
            "{actor} signed the lunar agreement with Russia on Tuesday.\n\n\
             Officials in Moscow said {actor} would fund most of the station, and {actor} \
             will send the first crew."
        )
    };
    let a = article("Outlet A", "Lunar deal signed", &story("China"));
    let b = article("Outlet B", "Lunar deal signed", &story("Beijing"));
    let c = article(
        "Outlet C",
        "Lunar deal signed",
        &story("the Chinese Communist Party"),
    );
    let expect = |art: &Article, form: &str| {
        let n = naming(&[art], registry());
        assert_eq!(forms(&n, "china"), vec![(form.to_string(), 3)], "{n:#?}");
        assert_eq!(n["china"].name, "China");
        assert!(!n.contains_key("ccp"), "the party counts as naming China");
        assert_eq!(
            forms(&n, "russia"),
            vec![("Moscow".into(), 1), ("Russia".into(), 1)],
            "ties in alphabetical order"
        );
    };
    expect(&a, "China");
    expect(&b, "Beijing");
    expect(&c, "Chinese Communist Party");
}

#[test]
fn bundled_naming_of_china_and_the_far_side() {
    let china = |id: &str| forms(&naming(&[outlet(id)], registry()), "china");
    let unattributed = china("unattributed");
    assert_eq!(
        unattributed.first().map(|f| f.0.as_str()),
        Some("Chinese Communist Party"),
        "001 names the party more than the country: {unattributed:?}"
    );
    let tass = china("tass");
    assert_eq!(
        tass.first().map(|f| f.0.as_str()),
        Some("China"),
        "{tass:?}"
    );
    assert!(
        !tass.iter().any(|f| f.0 == "Chinese Communist Party"),
        "{tass:?}"
    );

    let far_side = |id: &str| forms(&naming(&[outlet(id)], registry()), "lunar-far-side");
    let rfa = far_side("rfa");
    assert!(
        !rfa.is_empty() && rfa.iter().all(|f| f.0.starts_with("far side")),
        "{rfa:?}"
    );
    for id in ["gt", "cnes"] {
        let f = far_side(id);
        assert!(
            !f.is_empty() && f.iter().all(|f| f.0 == "dark side"),
            "{id}: {f:?}"
        );
    }
}

// --- Voices ---------------------------------------------------------------------------

#[test]
fn voices_tell_a_named_spokesman_from_unnamed_experts() {
    let named = article(
        "Outlet A",
        "Talks on the lunar station",
        "Foreign Ministry spokesman Li Wei said on Monday that the talks were constructive.\n\n\
         \"We welcome the agreement and hope for more,\" Li added.",
    );
    let unnamed = article(
        "Outlet B",
        "Talks on the lunar station",
        "Some Western experts believe that the talks were constructive.\n\n\
         Analysts familiar with the project say the agreement may not last.",
    );
    let v = voices(&[&named], registry());
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(
        v[0].name, "Li Wei",
        "the bare surname is the man named before"
    );
    assert_eq!(v[0].kind, "person");
    assert_eq!(v[0].role.as_deref(), Some("Foreign Ministry spokesman"));
    assert_eq!(v[0].count, 2);
    assert!(
        v[0].text
            .starts_with("Foreign Ministry spokesman Li Wei said")
    );

    let v = voices(&[&unnamed], registry());
    let got: Vec<(&str, &str)> = v
        .iter()
        .map(|v| (v.name.as_str(), v.kind.as_str()))
        .collect();
    assert_eq!(
        got,
        [("Western experts", "unnamed"), ("Analysts", "unnamed")]
    );
}

#[test]
fn bundled_voices() {
    let reg = registry();
    let tass = voices(&[outlet("tass")], reg);
    let wang = voice(&tass, "Wang Wenbin");
    assert_eq!(wang.kind, "person");
    assert!(
        wang.role
            .as_deref()
            .is_some_and(|r| r.contains("Spokesperson")),
        "{wang:?}"
    );
    assert_eq!(
        wang.count, 3,
        "told …, the spokesperson said, the diplomat added"
    );

    let gt = voices(&[outlet("gt")], reg);
    let pang = voice(&gt, "Pang Zhihao");
    assert_eq!(pang.kind, "person");
    assert!(
        pang.role
            .as_deref()
            .is_some_and(|r| r.contains("former researcher")),
        "{pang:?}"
    );
    assert_eq!(pang.count, 2, "…, told the Global Times; Pang added");
    let xu = voice(&gt, "Xu Hongliang");
    assert_eq!(xu.count, 2, "revealed …; \"…,\" Xu noted");
    assert_eq!(xu.role.as_deref(), Some("CNSA spokesperson"));
    assert_eq!(voice(&gt, "spacenews.com").kind, "media");
    assert_eq!(voice(&gt, "Roscosmos").kind, "institution");
    assert_eq!(voice(&gt, "Chinese space analysts").kind, "unnamed");

    let rfa = voices(&[outlet("rfa")], reg);
    let likhachev = voice(&rfa, "Alexey Likhachev");
    assert_eq!(likhachev.kind, "person");
    assert_eq!(
        likhachev.role.as_deref(),
        Some("director general of the Russian State Atomic Energy Corporation (ROSATOM)")
    );
    let tv = voice(&rfa, "Russian state television");
    assert_eq!((tv.kind.as_str(), tv.count), ("media", 2));
    assert_eq!(voice(&rfa, "Russian expert").kind, "unnamed");

    let unattributed = voices(&[outlet("unattributed")], reg);
    assert_eq!(voice(&unattributed, "Russian observers").kind, "unnamed");
    assert!(
        !unattributed
            .iter()
            .any(|v| v.kind == "person" && v.name.contains("Communist")),
        "{unattributed:#?}"
    );

    // Every voice quotes a sentence of its article, where a reader can find it.
    for a in bundled() {
        for v in voices(&[a], reg) {
            assert_eq!(v.article, a.id);
            assert!(a.body.contains(&v.text), "{v:#?}");
            assert!(v.count >= 1);
        }
    }
}

// --- Distinctive terms ----------------------------------------------------------------

#[test]
fn distinctive_terms_find_the_outlet_that_keeps_saying_aggression() {
    let shared = "Delegations from both countries met in the capital to discuss trade, energy \
                  and a new railway line. Officials described the talks as long but useful.";
    // Three uses of each word per article, in four articles.
    let loaded = [
        format!(
            "{shared} The visit answered the aggression and hegemony of rival powers. \
             Aggression breeds aggression; hegemony breeds hegemony."
        ),
        format!(
            "{shared} Critics of hegemony warned that aggression would not be tolerated. \
             Hegemony and aggression, they said, go together, and aggression follows hegemony."
        ),
        format!(
            "{shared} Such aggression and naval hegemony threaten the region. Hegemony is \
             old; aggression is older. The region rejects hegemony and aggression."
        ),
        format!(
            "{shared} Aggression, the editorial said, is the tool of hegemony. Hegemony needs \
             aggression, and aggression serves hegemony."
        ),
    ];
    let plain = [
        format!("{shared} The railway line will open next year."),
        format!("{shared} Energy prices were also discussed at length."),
        format!("{shared} Trade grew last year, the ministry said."),
        format!("{shared} The capital hosted the talks for the third time."),
    ];
    let groups: Vec<Vec<&str>> = vec![
        loaded.iter().map(String::as_str).collect(),
        plain.iter().map(String::as_str).collect(),
    ];
    let background: Vec<&str> = groups.iter().flatten().copied().collect();
    let out = distinctive_terms(&groups, &background, 10);
    assert_eq!(out.len(), 2);
    for word in ["aggression", "hegemony"] {
        let t = out[0]
            .iter()
            .find(|t| t.term == word)
            .unwrap_or_else(|| panic!("{word} not distinctive: {:?}", out[0]));
        assert!(t.score > SIGNIFICANT, "{t:?}");
        assert_eq!(t.count, 12);
        assert!(!terms(&out[1]).contains(&word), "{:?}", out[1]);
    }
    for t in out.iter().flatten() {
        assert!(
            t.score > SIGNIFICANT,
            "only significant terms are listed: {t:?}"
        );
        assert!(
            !shared.to_lowercase().contains(&t.term),
            "words both outlets use alike are not distinctive: {t:?}"
        );
    }
}

#[test]
fn bundled_distinctive_terms_single_out_the_party() {
    let groups: Vec<Vec<&str>> = bundled()
        .iter()
        .map(|a| vec![a.title.as_str(), a.body.as_str()])
        .collect();
    let background: Vec<&str> = groups.iter().flatten().copied().collect();
    let out = distinctive_terms(&groups, &background, 10);
    assert_eq!(out.len(), 5);
    let unattributed = terms(&out[1]);
    assert!(
        unattributed.contains(&"communist") && unattributed.contains(&"party"),
        "{:?}",
        out[1]
    );
    for (i, list) in out.iter().enumerate() {
        assert!(list.len() <= 10);
        for pair in list.windows(2) {
            assert!(pair[0].score >= pair[1].score, "best first: {list:?}");
        }
        if i != 1 {
            assert!(!terms(list).contains(&"communist"), "{list:?}");
        }
    }
    // One outlet alone: nothing to compare.
    assert_eq!(
        distinctive_terms(&groups[..1], &background, 10),
        vec![Vec::new()]
    );
}

// --- Tone -----------------------------------------------------------------------------

#[test]
fn tone_signs_words_and_negation() {
    let positive = tone(&[
        "The launch was a great success. Engineers praised the excellent work of the team.",
    ]);
    let negative =
        tone(&["The launch was a terrible failure. Engineers blamed the awful work of the team."]);
    assert!(positive.score > 0.5, "{positive:?}");
    assert!(negative.score < -0.5, "{negative:?}");
    let listed = |t: &digest::framing::Tone| -> Vec<String> {
        t.words.iter().map(|w| w.word.clone()).collect()
    };
    for w in ["great", "success", "excellent", "praised"] {
        assert!(listed(&positive).contains(&w.to_string()), "{positive:?}");
    }
    for w in ["terrible", "failure", "awful", "blamed"] {
        assert!(listed(&negative).contains(&w.to_string()), "{negative:?}");
    }

    // "not a failure" is not negative.
    let negated = tone(&["The launch was not a failure."]);
    let failure = valence("failure").unwrap();
    assert_eq!(negated.words.len(), 1, "{negated:?}");
    assert_eq!(negated.words[0].word, "failure");
    assert!(failure < 0.0 && negated.words[0].valence > 0.0);
    assert!((negated.words[0].valence - failure * -0.74).abs() < 1e-3);
    assert!(negated.score > 0.0);
}

#[test]
fn bundled_tone_is_traceable_to_its_words() {
    for a in bundled() {
        let t = tone(&[a.title.as_str(), a.body.as_str()]);
        assert!(!t.words.is_empty(), "{}", a.outlet);
        assert!((-1.0..=1.0).contains(&t.score));
        assert_eq!(t.sum, raw_sum(&t.words), "{}", a.outlet);
        assert_eq!(
            t.score,
            normalize(density(t.sum, t.word_count)),
            "{}",
            a.outlet
        );
        assert!(t.word_count > 100, "{}", a.outlet);
        for w in &t.words {
            let lexicon = valence(&w.word).unwrap_or_else(|| panic!("{w:?} not in lexicon"));
            let negated = (lexicon * -0.74 * 1e4).round() / 1e4;
            assert!(w.valence == lexicon || w.valence == negated, "{w:?}");
            assert_eq!(w.word, w.word.to_lowercase());
        }
    }
    // The Chinese Communist Party is a name, not a party.
    let t = tone(&[outlet("unattributed").body.as_str()]);
    assert!(!t.words.iter().any(|w| w.word == "party"), "{t:?}");
}

#[test]
fn signals_on_empty_and_odd_articles() {
    let odd = Article {
        id: "x".into(),
        title: "\u{0301}".into(),
        body: "“ said ” \u{200d} 🙂 according to, citing; Xu noted. 日本語は言った".into(),
        ..Article::default()
    };
    let empty = Article::default();
    for a in [&odd, &empty] {
        let _ = naming(&[a], registry());
        let _ = voices(&[a], registry());
    }
    assert!(voices(&[&empty], registry()).is_empty());
    assert_eq!(tone(&[""]).score, 0.0);
    assert_eq!(
        distinctive_terms(&[vec![""], vec![odd.body.as_str()]], &[], 5).len(),
        2
    );
}
