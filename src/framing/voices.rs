//! Voices: who an outlet quotes or cites, with their role when the text gives it.
//!
//! A sentence credits someone when it holds an attribution cue outside quotation marks:
//! a speech verb (`said`, `told`, `added`, `noted`, `announced`, `revealed`, `reported`,
//! `believe`, …) or `according to` / `citing`. The speaker is then read off the words
//! around the cue, the way news English places it:
//!
//! * before the verb: `Roscosmos said`, `"…," Xu noted`, `Chinese Foreign Ministry
//!   Spokesperson Wang Wenbin told …`, and the apposition `Pang Zhihao, a former
//!   researcher at …, told …` (name and role either way round);
//! * after it: `"…," said Senator Jane Roe`, `according to Russian state television`,
//!   `citing a statement from Russia's state space agency` (a document's source);
//! * `He said` refers back to the last person credited in the same article (`they
//!   said` is skipped); `the spokesperson said` does too when that person's role says
//!   "spokesperson" or the sentence goes on quoting within three sentences, and is an
//!   unnamed source otherwise.
//!
//! The speaker phrase is classified with the entity registry first (person →
//! `person`, organisation or country → `institution`, media → `media`), then by its
//! words: a capitalised name of two to four words is a person, one with `Ministry`,
//! `Agency`, `University`, … an institution, one with `Times`, `News`, a web domain, …
//! a medium; a lower-case description headed by `expert`, `observer`, `analyst`, … is an
//! unnamed source, one headed by `television`, `website`, `media`, … a medium. A bare
//! surname is resolved to the full name the article gave earlier (`Xu` → `Xu Hongliang`).
//! Phrases that fit none of these (`the plan`, `the report`) credit nobody. Passive and
//! infinitive uses (`is reported to`, `to say`, `should be noted`) are not attributions.
//!
//! Repeated voices merge: one [`Voice`] per speaker with the number of sentences that
//! credit it, the first role given and the first sentence.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Voice;
use super::mentions::entity_matches;
use crate::model::Article;
use crate::text::fold::{fold_word, is_apostrophe, is_dash, strip_possessive};
use crate::text::{EntityRegistry, split_sentences};

/// The people, institutions and media quoted or cited in the articles' bodies, in order
/// of first appearance.
pub fn voices(articles: &[&Article], registry: &EntityRegistry) -> Vec<Voice> {
    let mut out: Vec<Voice> = Vec::new();
    // Per voice: whether its name is a proper name (not a description).
    let mut proper: Vec<bool> = Vec::new();
    // Merge keys and (kind, lower-case name) of every voice → its index.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<(Kind, String), usize> = HashMap::new();
    for article in articles {
        let ranges: Vec<Range<usize>> = if article.sentences.is_empty() {
            split_sentences(&article.body)
        } else {
            article.sentences.iter().map(|s| s.range()).collect()
        };
        let mut last_person: Option<(Speaker, usize)> = None;
        for (sentence, range) in ranges.into_iter().enumerate() {
            let Some(text) = article.body.get(range.clone()) else {
                continue;
            };
            let mut scope = Scope {
                registry,
                before: article.body.get(..range.start).unwrap_or(""),
                last_person: last_person.take(),
                sentence,
                quoting: text.contains(is_quote),
                personal: false,
            };
            let speakers = attributions(text, &mut scope);
            last_person = scope.last_person;
            let mut credited: Vec<usize> = Vec::new();
            for sp in speakers {
                let name_key = (sp.kind, sp.name.to_lowercase());
                let found = by_key
                    .get(&sp.key)
                    .or_else(|| by_name.get(&name_key))
                    .copied();
                match found {
                    Some(i) => {
                        if !credited.contains(&i) {
                            out[i].count += 1;
                            credited.push(i);
                        }
                        if out[i].role.is_none() {
                            out[i].role = sp.role;
                        }
                        by_key.entry(sp.key).or_insert(i);
                        let upgrade =
                            sp.proper && (!proper[i] || extends_name(&out[i].name, &sp.name));
                        if upgrade {
                            out[i].name = sp.name;
                            proper[i] = true;
                        }
                        by_name.entry(name_key).or_insert(i);
                    }
                    None => {
                        let i = out.len();
                        credited.push(i);
                        by_key.insert(sp.key, i);
                        by_name.insert(name_key, i);
                        proper.push(sp.proper);
                        out.push(Voice {
                            name: sp.name,
                            kind: sp.kind.as_str().to_string(),
                            role: sp.role,
                            text: text.trim().to_string(),
                            article: article.id.clone(),
                            count: 1,
                        });
                    }
                }
            }
        }
    }
    out
}

/// What kind of voice a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Person,
    Institution,
    Media,
    Unnamed,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Institution => "institution",
            Kind::Media => "media",
            Kind::Unnamed => "unnamed",
        }
    }
}

/// A speaker found in one sentence.
#[derive(Debug, Clone)]
struct Speaker {
    /// Merge key: the registry entity, or the kind and the lower-case name.
    key: String,
    name: String,
    kind: Kind,
    role: Option<String>,
    /// A proper name (as written or from the registry), not a description.
    proper: bool,
}

impl Speaker {
    fn new(kind: Kind, name: &str, role: Option<String>, proper: bool) -> Speaker {
        let name = squash(name);
        Speaker {
            key: format!("{}:{}", kind.as_str(), name.to_lowercase()),
            name,
            kind,
            role,
            proper,
        }
    }
}

/// What the speaker analysis of one sentence may look at.
struct Scope<'a> {
    registry: &'a EntityRegistry,
    /// The article body before the sentence (where full names are looked up).
    before: &'a str,
    /// The last person credited in this article (for `he said`, `the spokesperson
    /// said`) and the index of the sentence that credited them.
    last_person: Option<(Speaker, usize)>,
    /// Index of the sentence in its article.
    sentence: usize,
    /// Whether the sentence holds a quotation mark.
    quoting: bool,
    /// Whether the words right after the cue refer back to a person ("Biden said in
    /// his statement"): a bare capitalised subject is then a person's name.
    personal: bool,
}

impl Scope<'_> {
    /// The person last credited, for a pronoun.
    fn last_person(&self) -> Option<Speaker> {
        self.last_person.as_ref().map(|(p, _)| p.clone())
    }

    /// The person last credited, for a definite description such as "the spokesperson":
    /// when their role says so, or when the sentence goes on quoting shortly after.
    fn described(&self, noun: &str) -> Option<Speaker> {
        let (p, at) = self.last_person.as_ref()?;
        let role_says = p
            .role
            .as_deref()
            .is_some_and(|r| words(r).iter().any(|w| singular(&w.lower) == noun));
        let goes_on_quoting = self.quoting && self.sentence.saturating_sub(*at) <= 3;
        (role_says || goes_on_quoting).then(|| p.clone())
    }
}

/// Attribution cues: group 1 introduces the source after it, group 2 is a speech verb.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:((?i:according\s+to|citing))|(said|says|say|told|tells|tell|added|adds|noted|announced|announces|revealed|reveals|reported|reports|stated|explained|explains|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|warned|warns|claimed|argued|argues|believe|believes|insisted|insists|confirmed|confirms|suggested|commented|wrote|writes|declared|declares|acknowledged|admitted|hailed|quoted))\b",
    )
    .expect("cue pattern compiles")
});

/// A party label after a legislator's name: `(D-Wis.)`, `(R-N.Y.)`, `(I)`.
static PARTY_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:D|R|I)(?:-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?\)").expect("party label")
});

/// Whether the words after a speech verb refer back to its subject as a person: "said
/// he", "said she would", "said in his statement". ("hailed her win" does not: the
/// pronoun there is the object's.)
fn refers_to_person(post: &str) -> bool {
    let ws = words(post);
    let lower = |i: usize| ws.get(i).map_or("", |w| w.lower.as_str());
    matches!(lower(0), "he" | "she")
        || (matches!(lower(0), "in" | "on" | "during" | "at") && matches!(lower(1), "his" | "her"))
}

/// A web domain in a name (`spacenews.com`).
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9]\.(?:com|cn|ru|org|net|co|uk|io|info|news|jp|de|fr|in|au)\b")
        .expect("domain pattern compiles")
});

const BE: &[&str] = &["is", "was", "were", "are", "be", "been", "being", "am"];
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "not",
    "never", "cannot", "don't", "didn't", "doesn't", "won't", "wouldn't",
];
/// Words between a subject and its verb that say nothing about the speaker.
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "has", "have", "had", "also", "further", "then", "later", "earlier", "recently", "once",
    "again", "previously", "already", "just", "often", "always", "repeatedly", "reportedly",
    "publicly", "officially", "explicitly", "separately", "too", "however", "still", "firmly",
    "openly", "did", "does", "do", "even", "only", "first", "last", "frequently", "quickly",
];
/// `-ly` words that are not adverbs.
#[rustfmt::skip]
const LY_NOUNS: &[&str] = &[
    "daily", "weekly", "monthly", "quarterly", "yearly", "family", "ally", "italy", "assembly",
    "july", "supply", "rally", "anomaly", "monopoly",
];
/// Words that open a clause: the subject of a later verb comes after them.
#[rustfmt::skip]
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "while", "when", "whenever", "after", "before", "because",
    "since", "although", "though", "whereas", "if", "but", "as", "where", "so", "once", "until",
    "unless",
];
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "some", "many", "several", "most", "other", "few", "certain", "various",
    "numerous", "both", "all", "two", "three", "four", "five", "its", "his", "her", "their", "our",
    "these", "those", "this", "one",
];
/// Conjunctions and adverbs that open a sentence before its subject ("But critics say").
const OPENERS: &[&str] = &[
    "but",
    "and",
    "yet",
    "still",
    "now",
    "so",
    "meanwhile",
    "instead",
];
/// Determiners that refer back to someone already named.
const DEFINITE: &[&str] = &["the", "its", "his", "her", "their", "this"];
/// Words after a head noun that start a post-modifier.
#[rustfmt::skip]
const POSTMODIFIERS: &[&str] = &[
    "of", "on", "at", "from", "in", "with", "for", "by", "to", "about", "between", "within",
    "under", "over", "near", "across", "among", "like", "such", "familiar", "close", "based",
    "involved", "speaking", "working", "who", "which", "that", "whose", "during", "after",
    "before", "via", "and", "or", "quoted", "cited",
];
/// Words that may join capitalised words into one proper name.
#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "de", "du", "la", "le", "von", "van", "der", "del", "al", "bin", "on", "&",
];
/// Capitalised words that are not names.
#[rustfmt::skip]
const CAP_STOP: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "however", "but", "and", "meanwhile", "this", "that",
    "these", "those", "it", "he", "she", "they", "we", "i", "as", "after", "before", "when",
    "while", "if", "since", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "some", "many", "according", "citing",
    "source", "sources", "also", "for", "with", "by", "from", "to", "of",
];
/// Titles and roles that name what a person is.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "spokesperson", "spokesman", "spokeswoman", "minister", "president", "vice", "director",
    "director-general", "chairman", "chairwoman", "chairperson", "chair", "head", "chief",
    "leader", "secretary", "ambassador", "senator", "sen", "governor", "gov", "mayor", "general",
    "commander", "professor", "prof", "dr", "mr", "mrs", "ms", "deputy", "representative", "rep",
    "researcher", "analyst", "expert", "scientist", "official", "adviser", "advisor", "designer",
    "engineer", "editor", "correspondent", "founder", "ceo", "cfo", "chancellor", "premier",
    "king", "queen", "prince", "judge", "lawyer", "attorney", "economist", "diplomat", "envoy",
    "officer", "manager", "administrator", "astronaut", "cosmonaut", "commentator", "scholar",
    "author", "lawmaker", "legislator", "congressman", "congresswoman", "mp", "colonel",
    "lieutenant", "captain", "admiral", "marshal", "pope", "bishop", "dean", "executive",
    "strategist", "specialist", "academician", "member", "columnist", "journalist", "reporter",
    "activist", "historian", "pilot", "physicist", "speaker", "gen", "lt", "col", "sgt", "adm",
    "democrat", "republican",
];
/// Titles that are only honorifics, not roles.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr", "prof"];
/// Head nouns of unnamed sources.
#[rustfmt::skip]
const SOURCE_NOUNS: &[&str] = &[
    "expert", "observer", "analyst", "scholar", "official", "source", "researcher", "scientist",
    "commentator", "specialist", "insider", "diplomat", "critic", "people", "resident", "witness",
    "community", "engineer", "academic", "economist", "person", "spokesperson", "spokesman",
    "spokeswoman", "representative", "leader", "lawmaker", "activist", "member", "participant",
    "veteran", "professor", "pundit", "delegate", "insiders", "military", "designer", "strategist",
    "historian", "astronaut", "cosmonaut", "journalist", "reporter", "executive", "manager",
    "officer", "authorities", "authority", "user", "blogger", "netizen", "student", "worker",
];
/// Head nouns of unnamed sources that name an institution.
#[rustfmt::skip]
const INSTITUTION_NOUNS: &[&str] = &[
    "ministry", "government", "agency", "administration", "company", "embassy", "police", "army",
    "council", "committee", "office", "department", "parliament", "court", "kremlin", "side",
    "corporation", "institute", "university", "academy", "commission", "bureau", "cabinet", "firm",
    "operator", "regulator", "authority", "authorities",
];
/// Words that make a phrase a medium.
#[rustfmt::skip]
const MEDIA_WORDS: &[&str] = &[
    "television", "tv", "website", "newspaper", "radio", "magazine", "media", "press", "outlet",
    "channel", "broadcaster", "daily", "weekly", "portal", "tabloid", "paper", "site", "blog",
    "news", "times", "post", "journal", "herald", "gazette", "tribune", "telegraph", "guardian",
    "reuters", "xinhua", "bloomberg", "interfax", "afp", "cnn", "bbc", "nhk", "kyodo", "yonhap",
    "broadcasting", "newswire", "wire", "review", "observer",
];
/// Capitalised words that make a proper name an institution.
#[rustfmt::skip]
const INSTITUTION_WORDS: &[&str] = &[
    "ministry", "agency", "administration", "corporation", "government", "department", "office",
    "committee", "council", "party", "university", "institute", "academy", "commission", "bureau",
    "service", "company", "inc", "ltd", "corp", "co", "association", "organization",
    "organisation", "center", "centre", "embassy", "court", "parliament", "congress", "senate",
    "kremlin", "pentagon", "navy", "army", "police", "bank", "foundation", "group", "union",
    "federation", "authority", "board", "fund", "society", "league", "alliance", "forum",
    "cabinet", "house", "laboratory", "observatory", "nations", "force", "command", "station",
    "school", "college", "hospital", "club", "network",
];
/// First words of place names that look like a person's name ("Hong Kong said").
#[rustfmt::skip]
const PLACE_STARTS: &[&str] = &[
    "new", "san", "santa", "los", "las", "saint", "st", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "central", "hong", "kuala", "buenos", "sri",
    "abu", "tel", "rio", "cape", "port", "mount", "lake", "fort", "great", "upper", "lower",
    "united", "republic", "kingdom", "costa", "puerto", "el", "la", "sierra", "saudi", "inner",
];
/// Nouns of documents whose source is named after `from`, `by` or `of`.
#[rustfmt::skip]
const DOCUMENT_NOUNS: &[&str] = &[
    "statement", "report", "release", "document", "article", "interview", "letter", "post", "data",
    "survey", "poll", "communique", "communiqué", "announcement", "notice", "study", "analysis",
    "note", "transcript", "readout", "figures", "estimates", "video", "message", "comments",
    "remarks", "briefing", "publication", "reports",
];
/// Pieces between commas that are adverbials, not names or roles.
#[rustfmt::skip]
const ADVERBIAL_STARTS: &[&str] = &[
    "however", "meanwhile", "also", "too", "though", "therefore", "moreover", "furthermore",
    "instead", "nevertheless", "nonetheless", "in", "on", "at", "during", "last", "this",
    "earlier", "later", "yesterday", "today", "separately", "additionally", "finally", "for",
    "once", "again", "then", "speaking", "indeed", "notably", "thus",
];

/// The speakers a sentence credits, in order.
fn attributions(sentence: &str, scope: &mut Scope<'_>) -> Vec<Speaker> {
    // "Sen. Tammy Baldwin (D-Wis.) noted": the party label is neither name nor role.
    let sentence =
        &*PARTY_LABEL.replace_all(sentence, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
    let quoted = quoted_ranges(sentence);
    let mut out = Vec::new();
    for caps in CUE.captures_iter(sentence) {
        let Some(m) = caps.get(0) else { continue };
        if quoted.iter().any(|r| r.contains(&m.start())) {
            continue;
        }
        scope.personal = sentence.get(m.end()..).is_some_and(refers_to_person);
        let speaker = if caps.get(1).is_some() {
            sentence
                .get(m.end()..)
                .and_then(|post| post_speaker(post, scope, false))
        } else {
            verb_speaker(sentence, m.start(), m.end(), m.as_str(), scope)
        };
        if let Some(sp) = speaker {
            if sp.kind == Kind::Person {
                scope.last_person = Some((sp.clone(), scope.sentence));
            }
            out.push(sp);
        }
    }
    out
}

/// The speaker of a speech verb at `start..end`.
fn verb_speaker(
    sentence: &str,
    start: usize,
    end: usize,
    verb: &str,
    scope: &Scope<'_>,
) -> Option<Speaker> {
    let pre = sentence.get(..start)?;
    let post = sentence.get(end..)?;
    let pre_words = words(pre);
    let mut k = pre_words.len();
    while k > 0 && is_adverb(&pre_words[k - 1]) {
        k -= 1;
    }
    if let Some(w) = k.checked_sub(1).map(|i| &pre_words[i]) {
        if BE.contains(&w.lower.as_str()) {
            // Passive: "is reported to", "should be noted". Only "X was quoted as saying"
            // names a speaker, before the verb.
            return if verb == "quoted" {
                subject_speaker(pre.get(..w.start)?, scope, None)
            } else {
                None
            };
        }
        if MODALS.contains(&w.lower.as_str()) || w.lower.ends_with("n't") {
            return None;
        }
    }
    if verb == "quoted" {
        // "The paper quoted X as saying": the speaker follows.
        let cut = post.find(" as ").unwrap_or(post.len());
        return phrase_speaker(post.get(..cut)?, scope, None, 0);
    }
    // The verb's clause starts after the last quotation mark, semicolon or colon.
    let seg_start = pre
        .char_indices()
        .rev()
        .find(|&(_, c)| is_quote(c) || matches!(c, ';' | ':'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let seg = pre.get(seg_start..)?;
    if !seg.chars().any(char::is_alphanumeric) {
        // `"…," said Senator Jane Roe`: the speaker follows the verb.
        return post_speaker(post, scope, true);
    }
    let seg = seg.trim_end();
    let Some(apposition) = seg.strip_suffix(',') else {
        let mut pieces = pieces(seg);
        return subject_speaker(pieces.pop()?, scope, None);
    };
    // "Name, role, said" or "Role, Name, said".
    let mut pieces = pieces(apposition);
    while pieces.len() > 1 && pieces.last().is_some_and(|p| is_adverbial(p)) {
        pieces.pop();
    }
    let last = *pieces.last()?;
    if pieces.len() >= 2 {
        let prev = pieces[pieces.len() - 2];
        if role_like(last) {
            if let Some(sp) = subject_speaker(prev, scope, Some(last)) {
                return Some(sp);
            }
        } else if looks_like_name(last) && role_like(prev) {
            return phrase_speaker(last, scope, Some(prev), 0);
        } else if words(last)
            .first()
            .is_some_and(|w| matches!(w.lower.as_str(), "who" | "which"))
        {
            // "X, who spoke on condition of anonymity, said": X.
            return subject_speaker(prev, scope, None);
        }
    }
    subject_speaker(last, scope, None)
}

/// The source named after `according to` or `citing`, or after an inverted verb
/// (`"…," said Jane Roe, a spokeswoman for …`).
fn post_speaker(post: &str, scope: &Scope<'_>, inverted: bool) -> Option<Speaker> {
    let first_end = clause_end(post);
    let first = post.get(..first_end)?;
    if inverted {
        let w = words(first);
        let starts_well = w
            .first()
            .is_some_and(|w| w.cap || matches!(w.lower.as_str(), "the" | "a" | "an"));
        if !starts_well {
            return None;
        }
    }
    let role = post
        .get(first_end..)
        .and_then(|rest| rest.strip_prefix(','))
        .map(|rest| rest.get(..clause_end(rest)).unwrap_or(rest))
        .filter(|r| role_like(r) && names_a_role(r));
    phrase_speaker(first, scope, role, 0)
}

/// The subject of a clause ending just before a verb.
fn subject_speaker(piece: &str, scope: &Scope<'_>, role: Option<&str>) -> Option<Speaker> {
    let ws = words(piece);
    let clause = ws
        .iter()
        .rposition(|w| !w.cap && CLAUSE_WORDS.contains(&w.lower.as_str()));
    let tail_start = clause.map_or(0, |c| ws[c].raw_end);
    let tail = strip_trailing_adverbs(piece.get(tail_start..)?);
    if !tail.chars().any(char::is_alphanumeric) {
        // "The Pravda website published a review which said": the source is in the
        // clause the relative pronoun refers to.
        let c = clause?;
        if !matches!(ws[c].lower.as_str(), "which" | "that" | "who") {
            return None;
        }
        return antecedent_speaker(piece.get(..ws[c].start)?, scope);
    }
    phrase_speaker(tail, scope, role, 0)
}

/// The first person, organisation or medium the registry finds in a clause.
fn antecedent_speaker(clause: &str, scope: &Scope<'_>) -> Option<Speaker> {
    let reg = scope.registry;
    entity_matches(clause, reg)
        .into_iter()
        .find_map(|(m, span)| {
            let e = reg.entities.get(m.entity)?;
            let kind = match e.kind.as_str() {
                "person" => Kind::Person,
                "organisation" => Kind::Institution,
                "media" => Kind::Media,
                _ => return None,
            };
            Some(registry_speaker(
                reg,
                &m,
                clause.get(span)?,
                kind,
                None,
                scope,
            ))
        })
}

/// Who a noun phrase names, if it names a source at all.
fn phrase_speaker(
    phrase: &str,
    scope: &Scope<'_>,
    role: Option<&str>,
    depth: u8,
) -> Option<Speaker> {
    let phrase = trim_edges(phrase);
    let all = words(phrase);
    if all.is_empty() || all.len() > 25 || depth > 2 {
        return None;
    }
    if all.len() == 1 {
        match all[0].lower.as_str() {
            "he" | "she" => return scope.last_person(),
            "they" | "it" | "we" | "i" | "you" | "this" | "that" | "which" | "who" | "one"
            | "others" | "there" => return None,
            _ => {}
        }
    }
    let first = all.iter().position(|w| {
        let opener = w.cap && OPENERS.contains(&w.lower.as_str());
        !(DETERMINERS.contains(&w.lower.as_str()) || opener)
    })?;
    let definite = all[..first]
        .iter()
        .any(|w| DEFINITE.contains(&w.lower.as_str()));
    let body = phrase.get(all[first].start..)?;
    let ws = words(body);
    let role_text = role.and_then(clean_role);

    // A person the registry knows, ending the phrase: "… Spokesperson Wang Wenbin".
    let matches = entity_matches(body, scope.registry);
    if let Some(sp) = registry_person_at_end(body, &matches, &ws, scope, role_text.clone()) {
        return Some(sp);
    }
    // A name after a title: "Senator Jane Roe", "cosmonautics leader Rogozin".
    if let Some(sp) = titled_name_at_end(body, &ws, scope, role_text.clone()) {
        return Some(sp);
    }
    // A person and where they come from: "Senate Minority Leader Mitch McConnell of
    // Kentucky", "Prime Minister Mustafa al-Kadhimi of Iraq".
    if let Some(of) = ws.iter().rposition(|w| w.lower == "of")
        && (1..=2).contains(&(ws.len() - of - 1))
        && ws[of + 1..].iter().all(|w| w.cap)
        && of >= 2
        && let Some(sp) = titled_name_at_end(
            body.get(..ws[of - 1].end)?,
            &ws[..of],
            scope,
            role_text.clone(),
        )
    {
        return Some(sp);
    }

    // The head of the phrase, before any post-modifier ("observers familiar with …").
    let mut head_end = ws.len();
    for i in 1..ws.len() {
        let w = &ws[i];
        if w.cap || !POSTMODIFIERS.contains(&w.lower.as_str()) {
            continue;
        }
        let joins_name = CONNECTORS.contains(&w.lower.as_str())
            && ws[i - 1].cap
            && ws.get(i + 1).is_some_and(|n| {
                n.cap || (n.lower == "the" && ws.get(i + 2).is_some_and(|n| n.cap))
            });
        if joins_name {
            continue;
        }
        let doc = DOCUMENT_NOUNS.contains(&ws[i - 1].lower.as_str());
        if doc && matches!(w.lower.as_str(), "from" | "by" | "of") {
            // "a statement from X": the source is X.
            return phrase_speaker(body.get(w.raw_end..)?, scope, role, depth + 1);
        }
        head_end = i;
        break;
    }
    let head_ws = &ws[..head_end];
    let head = body.get(..head_ws.last()?.end)?;
    let head_noun = &head_ws.last()?.lower;

    // Registry entities in the head, unless the head is a person noun ("NASA official").
    let person_noun = !head_ws.last()?.cap && SOURCE_NOUNS.contains(&singular(head_noun).as_str());
    if !person_noun {
        let head_matches = entity_matches(head, scope.registry);
        if let Some(sp) =
            registry_person_at_end(head, &head_matches, head_ws, scope, role_text.clone())
        {
            return Some(sp);
        }
        for wanted in ["media", "organisation", "country"] {
            for (m, span) in &head_matches {
                let Some(e) = scope.registry.entities.get(m.entity) else {
                    continue;
                };
                let whole = span.start == 0
                    && head
                        .get(span.end..)
                        .is_some_and(|r| !r.chars().any(char::is_alphanumeric));
                let fits = match wanted {
                    "media" => e.kind == "media",
                    "organisation" => e.kind == "organisation",
                    _ => matches!(e.kind.as_str(), "country" | "place") && whole,
                };
                if fits {
                    let kind = if wanted == "media" {
                        Kind::Media
                    } else {
                        Kind::Institution
                    };
                    let written = head.get(span.clone())?;
                    return Some(registry_speaker(
                        scope.registry,
                        m,
                        written,
                        kind,
                        role_text,
                        scope,
                    ));
                }
            }
        }
    }

    // A capitalised name ending the head; a common noun capitalised only because it
    // opens the sentence ("Analysts say") is not one.
    let sentence_case = head_ws.len() == 1
        && SOURCE_NOUNS.contains(&singular(head_noun).as_str())
        && head_ws[0].text.chars().skip(1).all(|c| !c.is_uppercase());
    let run_start = cap_run_start(head_ws).filter(|_| !sentence_case);
    if let Some(rs) = run_start {
        let run = &head_ws[rs..];
        let name = head.get(run[0].start..)?;
        let lower: Vec<&str> = run.iter().map(|w| w.lower.as_str()).collect();
        let before_role = role_before(head, head_ws, rs);
        if lower.iter().any(|w| MEDIA_WORDS.contains(w)) || DOMAIN.is_match(name) {
            return Some(Speaker::new(Kind::Media, name, role_text, true));
        }
        if run.iter().any(|w| is_institution_word(w)) {
            return Some(Speaker::new(Kind::Institution, name, role_text, true));
        }
        if PLACE_STARTS.contains(&lower[0]) {
            return Some(Speaker::new(Kind::Institution, name, role_text, true));
        }
        let role_text = role_text.or(before_role);
        if (2..=4).contains(&run.len()) && run.iter().all(|w| w.name_like()) {
            return Some(person(name, role_text));
        }
        if run.len() == 1 {
            if let Some(full) = full_name(scope.before, run[0].text) {
                return Some(person(&full, role_text));
            }
            let person_role = role.is_some_and(names_a_role);
            let titled = titled_before(scope.before, run[0].text);
            if run[0].name_like() && (person_role || titled || scope.personal) {
                return Some(person(name, role_text));
            }
            if is_demonym(&run[0].lower) {
                return None;
            }
        }
        return Some(Speaker::new(Kind::Institution, name, role_text, true));
    }

    // A lower-case description.
    let noun = singular(head_noun);
    let description = head;
    if definite && TITLES.contains(&noun.as_str()) && head_ws.len() <= 3 {
        // "the spokesperson said", "the diplomat added": the person last quoted.
        if let Some(p) = scope.described(&noun) {
            return Some(p);
        }
    }
    if head_ws
        .iter()
        .any(|w| MEDIA_WORDS.contains(&w.lower.as_str()))
        || DOMAIN.is_match(head)
    {
        return Some(Speaker::new(Kind::Media, description, role_text, false));
    }
    if SOURCE_NOUNS.contains(&noun.as_str()) || TITLES.contains(&noun.as_str()) {
        // Keep a named affiliation: "officials at the Pentagon", "analysts from Gazprom".
        let description = affiliation_end(&ws, head_end)
            .and_then(|end| body.get(..end))
            .unwrap_or(description);
        return Some(Speaker::new(Kind::Unnamed, description, role_text, false));
    }
    if INSTITUTION_NOUNS.contains(&noun.as_str()) {
        return Some(Speaker::new(
            Kind::Institution,
            description,
            role_text,
            false,
        ));
    }
    None
}

/// Where a named affiliation after a head noun ends ("at the Pentagon", "from Goldman
/// Sachs"), if the head is followed by one.
fn affiliation_end(ws: &[Word<'_>], head_end: usize) -> Option<usize> {
    let prep = ws.get(head_end)?;
    if prep.cap || !matches!(prep.lower.as_str(), "at" | "from" | "of" | "in" | "with") {
        return None;
    }
    let mut i = head_end + 1;
    if ws.get(i).is_some_and(|w| w.lower == "the") {
        i += 1;
    }
    let first = ws.get(i).filter(|w| w.cap && !w.cap_stop())?;
    let mut end = first.end;
    let mut j = i + 1;
    while let Some(w) = ws.get(j) {
        if ws[j - 1].punct_after || !w.cap || w.cap_stop() {
            break;
        }
        end = w.end;
        j += 1;
    }
    Some(end)
}

/// A person the registry knows whose match ends the phrase.
fn registry_person_at_end(
    text: &str,
    matches: &[(crate::text::EntityMatch, Range<usize>)],
    ws: &[Word<'_>],
    scope: &Scope<'_>,
    role: Option<String>,
) -> Option<Speaker> {
    let end = ws.last()?.end;
    let (m, span) = matches.last()?;
    let e = scope.registry.entities.get(m.entity)?;
    if e.kind != "person" || span.end < end {
        return None;
    }
    // The words before the name are its role ("Chinese Foreign Ministry Spokesperson
    // Wang Wenbin"); a reference to a person is a role itself ("the CNSA spokesperson").
    let written = text.get(span.clone())?;
    let first = ws
        .iter()
        .position(|w| w.end > span.start)
        .unwrap_or(ws.len());
    let mut role = role_before(text, ws, first).or(role);
    if !scope.registry.is_form(m) && role.is_none() {
        role = clean_role(written);
    }
    Some(registry_speaker(
        scope.registry,
        m,
        written,
        Kind::Person,
        role,
        scope,
    ))
}

/// A speaker for a registry match: named as written when the match is one of the
/// entity's forms, by its display name when it is a looser reference; a bare surname
/// becomes the full name the article gave, else the registry's name.
fn registry_speaker(
    registry: &EntityRegistry,
    m: &crate::text::EntityMatch,
    written: &str,
    kind: Kind,
    role: Option<String>,
    scope: &Scope<'_>,
) -> Speaker {
    let e = &registry.entities[m.entity];
    let written = trim_edges(written);
    let single = !written.contains(char::is_whitespace);
    let name = if !registry.is_form(m) {
        e.name.clone()
    } else if kind == Kind::Person && single {
        full_name(scope.before, written).unwrap_or_else(|| e.name.clone())
    } else {
        // Trimming the phrase took the last period of "U.S.".
        let dotted = format!("{written}.");
        match e.forms.iter().find(|f| **f == dotted) {
            Some(form) => form.clone(),
            None => strip_possessive(written).to_string(),
        }
    };
    Speaker {
        key: format!("entity:{}", e.id),
        name: squash(&name),
        kind,
        role,
        proper: true,
    }
}

/// A person name after a title or an institution at the end of a phrase, with the
/// words before it as the role.
fn titled_name_at_end(
    text: &str,
    ws: &[Word<'_>],
    scope: &Scope<'_>,
    role: Option<String>,
) -> Option<Speaker> {
    let mut start = ws.len();
    while start > 0
        && ws[start - 1].name_like()
        && !is_title(&ws[start - 1])
        && !is_institution_word(&ws[start - 1])
    {
        start -= 1;
    }
    let len = ws.len() - start;
    if !(1..=4).contains(&len) || start == 0 {
        return None;
    }
    // After a title ("Senator Jane Roe"), or after an institution for a full name
    // ("… Space Administration Wu Yanhua").
    let title = &ws[start - 1];
    if !(is_title(title) || (is_institution_word(title) && len >= 2)) {
        return None;
    }
    let name = text.get(ws[start].start..ws.last()?.end)?;
    let name = if len == 1 {
        full_name(scope.before, name).unwrap_or_else(|| name.to_string())
    } else {
        name.to_string()
    };
    let honorific = start == 1 && HONORIFICS.contains(&title.lower.trim_end_matches('.'));
    let role = if honorific {
        role
    } else {
        role_before(text, ws, start).or(role)
    };
    Some(person(&name, role))
}

/// Words that end the role before a name: clause words and prepositions that do not
/// belong to a role (`of`, `for` and `at` do: "head of", "spokesman for").
const ROLE_BREAKS: &[&str] = &[
    "in", "on", "during", "after", "before", "with", "by", "from", "to", "about", "over",
];

/// The role written before word `idx` of a phrase ("Chinese Foreign Ministry
/// Spokesperson" before "Wang Wenbin"), from the last clause word or preposition on,
/// without a leading date or article.
fn role_before(text: &str, ws: &[Word<'_>], idx: usize) -> Option<String> {
    let idx = idx.min(ws.len());
    let mut from = 0;
    for (j, w) in ws[..idx].iter().enumerate() {
        let lower = w.lower.as_str();
        if !w.cap && (ROLE_BREAKS.contains(&lower) || CLAUSE_WORDS.contains(&lower)) {
            from = j + 1;
        }
    }
    while from < idx && (ws[from].cap_stop() || DETERMINERS.contains(&ws[from].lower.as_str())) {
        from += 1;
    }
    if from >= idx {
        return None;
    }
    clean_role(text.get(ws[from].start..ws[idx - 1].end)?)
}

fn person(name: &str, role: Option<String>) -> Speaker {
    Speaker::new(Kind::Person, strip_possessive(name), role, true)
}

/// The earliest full name (two or three capitalised words) in `text` that begins or
/// ends with `surname`.
fn full_name(text: &str, surname: &str) -> Option<String> {
    let surname = strip_possessive(surname);
    if surname.is_empty() {
        return None;
    }
    let ws = words(text);
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].name_like() || is_title(&ws[i]) || is_institution_word(&ws[i]) || ws[i].cap_stop()
        {
            i += 1;
            continue;
        }
        // A run of name words not broken by punctuation or a possessive ("Florida's
        // Hillsborough" is no one's name).
        let mut j = i + 1;
        while j < ws.len()
            && !ws[j - 1].punct_after
            && strip_possessive(ws[j - 1].text) == ws[j - 1].text
            && !ws[j].punct_before
            && ws[j].name_like()
            && !is_title(&ws[j])
            && !is_institution_word(&ws[j])
            && !ws[j].cap_stop()
        {
            j += 1;
        }
        let run = &ws[i..j];
        if (2..=3).contains(&run.len()) {
            let first = strip_possessive(run[0].text);
            let last = strip_possessive(run[run.len() - 1].text);
            if first == surname || last == surname {
                let joined: Vec<&str> = run.iter().map(|w| strip_possessive(w.text)).collect();
                return Some(joined.join(" "));
            }
        }
        i = j;
    }
    None
}

/// Whether `text` names `surname` after a title somewhere ("President Biden", "Sen.
/// Manchin"): the bare surname later is that person.
fn titled_before(text: &str, surname: &str) -> bool {
    let surname = strip_possessive(surname);
    let ws = words(text);
    ws.windows(2)
        .any(|p| is_title(&p[0]) && p[0].cap && strip_possessive(p[1].text) == surname)
}

/// One word of a phrase: its bare text (edge punctuation trimmed) and where it is.
#[derive(Debug)]
struct Word<'a> {
    /// Byte offsets of the bare text.
    start: usize,
    end: usize,
    /// Byte offset just past the whole whitespace-separated token.
    raw_end: usize,
    text: &'a str,
    /// Lower case, apostrophes folded.
    lower: String,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Punctuation before or after the bare text, inside the token.
    punct_before: bool,
    punct_after: bool,
}

impl Word<'_> {
    /// A capitalised word that can be part of a person's name.
    fn name_like(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        self.cap
            && letters > 0
            && self
                .text
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.') || is_apostrophe(c))
            // Not an acronym ("NASA"); initials ("J.") are fine.
            && (letters <= 1 || self.text.chars().any(char::is_lowercase))
            && !self.cap_stop()
    }

    fn cap_stop(&self) -> bool {
        CAP_STOP.contains(&self.lower.as_str())
    }
}

/// The whitespace-separated words of `s`.
fn words(s: &str) -> Vec<Word<'_>> {
    let base = s.as_ptr() as usize;
    s.split_whitespace()
        .filter_map(|tok| {
            let tok_start = tok.as_ptr() as usize - base;
            let bare = tok.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.is_empty() {
                return None;
            }
            let start = bare.as_ptr() as usize - base;
            let end = start + bare.len();
            let raw_end = tok_start + tok.len();
            let after = s.get(end..raw_end).unwrap_or("");
            Some(Word {
                start,
                end,
                raw_end,
                text: bare,
                lower: fold_word(bare).into_owned(),
                cap: bare.chars().next().is_some_and(char::is_uppercase),
                punct_before: start > tok_start,
                punct_after: !after.is_empty() && !is_possessive_suffix(after),
            })
        })
        .collect()
}

fn is_possessive_suffix(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_apostrophe) && chars.next().is_none()
}

fn is_adverb(w: &Word<'_>) -> bool {
    !w.cap
        && (ADVERBS.contains(&w.lower.as_str())
            || (w.lower.len() > 4
                && w.lower.ends_with("ly")
                && !LY_NOUNS.contains(&w.lower.as_str())))
}

/// Whether a lower-case word is a title or role that names what a person is
/// ("president", "sen", "leader").
pub(crate) fn is_title_word(lower: &str) -> bool {
    TITLES.contains(&lower.trim_end_matches('.'))
}

/// Whether a lower-case word makes a proper name an institution or a medium ("House",
/// "Court", "Post").
pub(crate) fn is_organisation_word(lower: &str) -> bool {
    INSTITUTION_WORDS.contains(&lower)
        || INSTITUTION_NOUNS.contains(&lower)
        || MEDIA_WORDS.contains(&lower)
}

fn is_title(w: &Word<'_>) -> bool {
    TITLES.contains(&w.lower.trim_end_matches('.'))
}

fn is_institution_word(w: &Word<'_>) -> bool {
    w.cap && INSTITUTION_WORDS.contains(&w.lower.as_str())
}

fn is_demonym(w: &str) -> bool {
    ["ese", "ian", "ans", "ish", "ean"]
        .iter()
        .any(|s| w.ends_with(s))
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// The start of the capitalised name (with connectors) that ends `ws`, if any.
fn cap_run_start(ws: &[Word<'_>]) -> Option<usize> {
    let last = ws.last()?;
    if !last.cap || last.cap_stop() {
        return None;
    }
    let mut start = ws.len() - 1;
    while start > 0 {
        let prev = &ws[start - 1];
        if prev.cap && !prev.cap_stop() && !prev.punct_after {
            start -= 1;
        } else if start >= 2
            && CONNECTORS.contains(&prev.lower.as_str())
            && ws[start - 2].cap
            && !ws[start - 2].cap_stop()
        {
            start -= 2;
        } else {
            break;
        }
    }
    Some(start)
}

/// Plural to singular for the nouns compared here.
fn singular(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("ies") {
        format!("{stem}y")
    } else if noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss") {
        noun[..noun.len() - 1].to_string()
    } else {
        noun.to_string()
    }
}

/// Trims white space, quotation marks and clause punctuation from both ends.
fn trim_edges(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || is_quote(c)
            || is_dash(c)
            || matches!(c, ',' | ';' | ':' | '‘' | '’' | '\'')
    })
}

/// Collapses runs of white space to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A role as displayed: edges trimmed, a leading article or `who is` dropped.
fn clean_role(s: &str) -> Option<String> {
    let mut s = trim_edges(s);
    for prefix in [
        "who is ", "who was ", "who ", "a ", "an ", "the ", "A ", "An ", "The ",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
            break;
        }
    }
    let s = squash(trim_edges(s));
    let ws = words(&s);
    let only_honorific = ws.len() == 1 && HONORIFICS.contains(&ws[0].lower.trim_end_matches('.'));
    (!s.is_empty() && !only_honorific && s.chars().any(char::is_alphabetic)).then_some(s)
}

/// Whether a comma piece reads as a role ("director general of …", "a CNSA
/// spokesperson", "Chinese Foreign Ministry Spokesperson").
fn role_like(piece: &str) -> bool {
    let ws = words(piece);
    let Some(first) = ws.first() else {
        return false;
    };
    if ws.len() > 20 || is_adverbial(piece) || CUE.is_match(piece) {
        return false;
    }
    // "who is a professor at …" is a role; "who spoke on condition of anonymity" is not.
    if matches!(first.lower.as_str(), "who" | "which" | "that" | "whose") {
        return ws
            .get(1)
            .is_some_and(|w| matches!(w.lower.as_str(), "is" | "was"));
    }
    let titled = ws.iter().any(is_title);
    titled || (!first.cap && !BE.contains(&first.lower.as_str()))
}

/// Whether a piece holds a title or a noun for a person ("a member of …").
fn names_a_role(piece: &str) -> bool {
    words(piece)
        .iter()
        .any(|w| is_title(w) || SOURCE_NOUNS.contains(&singular(&w.lower).as_str()))
}

/// Whether a comma piece is a bare proper name.
fn looks_like_name(piece: &str) -> bool {
    let ws = words(piece);
    (1..=4).contains(&ws.len()) && ws.iter().all(|w| w.name_like() && !is_title(w))
}

/// Whether a comma piece is an adverbial ("however", "on Tuesday", "in turn").
fn is_adverbial(piece: &str) -> bool {
    let ws = words(piece);
    match ws.first() {
        None => true,
        Some(first) => {
            ws.len() <= 4
                && (ADVERBIAL_STARTS.contains(&first.lower.as_str()) || ws.iter().all(is_adverb))
        }
    }
}

/// Drops trailing adverbs and auxiliaries ("Roscosmos has also" → "Roscosmos").
fn strip_trailing_adverbs(s: &str) -> &str {
    let ws = words(s);
    let keep = ws
        .iter()
        .rposition(|w| !is_adverb(w))
        .map_or(0, |i| ws[i].raw_end);
    s.get(..keep).unwrap_or("")
}

/// Splits at top-level commas and dashes (not inside parentheses).
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if (c == ',' || is_dash(c)) && depth <= 0 => {
                out.push(s.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(s.get(start..).unwrap_or(""));
    out.into_iter()
        .map(|p| {
            let p = p.trim();
            for conj in ["and ", "but ", "or "] {
                if let Some(rest) = p.strip_prefix(conj) {
                    return rest;
                }
            }
            p
        })
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect()
}

/// Where a source phrase after a cue ends: at clause punctuation or a full stop.
fn clause_end(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let stop = match c {
            ',' | ';' | ':' | '!' | '?' | '(' => true,
            c if is_dash(c) => true,
            c if is_quote(c) => true,
            '.' => chars.peek().is_none_or(|&(_, n)| n.is_whitespace()),
            _ => false,
        };
        if stop {
            return i;
        }
    }
    s.len()
}

/// Byte ranges of a sentence inside quotation marks, including a quote opened in an
/// earlier sentence (closed here) or continued in a later one.
fn quoted_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let opening = match c {
            '“' | '«' | '„' => Some(true),
            '”' | '»' => Some(false),
            '"' => Some(
                prev.is_none_or(|p| {
                    p.is_whitespace() || is_dash(p) || matches!(p, '(' | '[' | '-' | '/')
                }) && next.is_some_and(|n| !n.is_whitespace()),
            ),
            _ => None,
        };
        match opening {
            Some(true) => {
                open.get_or_insert(i);
            }
            Some(false) => out.push(open.take().unwrap_or(0)..i + c.len_utf8()),
            None => {}
        }
        prev = Some(c);
    }
    if let Some(o) = open {
        out.push(o..s.len());
    }
    out
}

/// Whether `longer` is a fuller form of `name` ("Rogozin" → "Dmitry Rogozin").
fn extends_name(name: &str, longer: &str) -> bool {
    longer.len() > name.len()
        && longer
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sentence;

    fn registry() -> EntityRegistry {
        EntityRegistry::from_json(
            r#"{"entities":[
              {"id":"roscosmos","name":"Roscosmos","kind":"organisation","forms":["Roscosmos"],
               "references":["Russia's state space agency"]},
              {"id":"spacenews","name":"SpaceNews","kind":"media","forms":["SpaceNews","spacenews.com"]},
              {"id":"wang","name":"Wang Wenbin","kind":"person","forms":["Wang Wenbin"]},
              {"id":"china","name":"China","kind":"country","forms":["China"],"references":["Beijing"]}
            ]}"#,
        )
        .unwrap()
    }

    fn empty() -> EntityRegistry {
        EntityRegistry::from_json(r#"{"entities":[]}"#).unwrap()
    }

    fn article(body: &str) -> Article {
        let sentences = split_sentences(body)
            .into_iter()
            .map(|r| Sentence {
                start: r.start as u32,
                end: r.end as u32,
                token: 0,
                entities: Vec::new(),
            })
            .collect();
        Article {
            id: "a1".into(),
            body: body.into(),
            sentences,
            ..Article::default()
        }
    }

    /// (name, kind, role, count) of each voice.
    fn found(body: &str, r: &EntityRegistry) -> Vec<(String, String, Option<String>, usize)> {
        voices(&[&article(body)], r)
            .into_iter()
            .map(|v| (v.name, v.kind, v.role, v.count))
            .collect()
    }

    fn one(
        name: &str,
        kind: &str,
        role: Option<&str>,
        count: usize,
    ) -> (String, String, Option<String>, usize) {
        (name.into(), kind.into(), role.map(String::from), count)
    }

    #[test]
    fn name_comma_role_comma_verb() {
        let v = found(
            "Jane Roe, deputy director of the Space Policy Institute (SPI), said the test went well.",
            &empty(),
        );
        assert_eq!(
            v,
            vec![one(
                "Jane Roe",
                "person",
                Some("deputy director of the Space Policy Institute (SPI)"),
                1
            )]
        );
    }

    #[test]
    fn role_before_name_and_surname_resolution() {
        let body = "Ministry of Transport Spokesman Li Ming told reporters on Monday that the line \
                    would open. \"We are ready,\" Li added. He said more trains would follow.";
        let v = found(body, &empty());
        assert_eq!(
            v,
            vec![one(
                "Li Ming",
                "person",
                Some("Ministry of Transport Spokesman"),
                3
            )],
            "Li → Li Ming, he → Li Ming"
        );
    }

    #[test]
    fn general_news_patterns_without_a_registry() {
        let body = "\"We will not back down,\" said Senator Elizabeth Warren, a Democrat.\n\n\
            Officials at the Pentagon told reporters the strike was limited.\n\n\
            The minister, who spoke on condition of anonymity, said the plan was dead.\n\n\
            The company's chief executive, Mary Barra, said demand remained strong.\n\n\
            Xinhua reported that the talks had ended.\n\n\
            The New York Times reported on Sunday that the plan had been shelved.\n\n\
            Police said three people were arrested.\n\n\
            Prime Minister Boris Johnson said on Monday the rules would ease.\n\n\
            Hong Kong said it would reopen the border.\n\n\
            Citing unnamed officials, Bloomberg reported that the merger would go ahead.\n\n\
            The report says emissions rose. It is said that the castle is haunted.";
        assert_eq!(
            found(body, &empty()),
            vec![
                one("Elizabeth Warren", "person", Some("Senator"), 1),
                one("Officials at the Pentagon", "unnamed", None, 1),
                one("minister", "unnamed", None, 1),
                one("Mary Barra", "person", Some("company's chief executive"), 1),
                one("Xinhua", "media", None, 1),
                one("New York Times", "media", None, 1),
                one("Police", "institution", None, 1),
                one("Boris Johnson", "person", Some("Prime Minister"), 1),
                one("Hong Kong", "institution", None, 1),
                one("unnamed officials", "unnamed", None, 1),
                one("Bloomberg", "media", None, 1),
            ],
            "\"the minister\" is not the senator: no role or quote ties them"
        );
    }

    #[test]
    fn role_is_the_title_phrase_before_the_name() {
        let v = found(
            "In a speech on Tuesday Foreign Ministry spokesman Li Wei said talks went well. \
             Deputy head of the China National Space Administration Wu Yanhua said so too.",
            &empty(),
        );
        assert_eq!(
            v,
            vec![
                one("Li Wei", "person", Some("Foreign Ministry spokesman"), 1),
                one(
                    "Wu Yanhua",
                    "person",
                    Some("Deputy head of the China National Space Administration"),
                    1
                ),
            ]
        );
        // An institution's own name is not a person.
        let v = found(
            "The Roscosmos State Corporation for Space Activities said yes.",
            &empty(),
        );
        assert_eq!(
            v,
            vec![one(
                "Roscosmos State Corporation for Space Activities",
                "institution",
                None,
                1
            )]
        );
    }

    #[test]
    fn inverted_and_according_to() {
        let body = "\"It will fly,\" said Senator Jane Roe, a member of the science committee. \
                    According to the European Space Agency, the launch slipped. \
                    The date was confirmed, according to a statement from Russia's state space agency.";
        let v = found(body, &registry());
        assert_eq!(
            v,
            vec![
                one("Jane Roe", "person", Some("Senator"), 1),
                one("European Space Agency", "institution", None, 1),
                one("Roscosmos", "institution", None, 1),
            ]
        );
    }

    #[test]
    fn institutions_media_and_unnamed_sources() {
        let body = "Roscosmos said the mission was ready. The American website spacenews.com \
                    reported on Wednesday that talks continued. Russian state television \
                    reported the launch. Some Western analysts familiar with the talks believe \
                    it will slip. A Russian expert revealed the cost. The Daily Planet reported \
                    it too. The Foreign Ministry said nothing.";
        let v = found(body, &registry());
        assert_eq!(
            v,
            vec![
                one("Roscosmos", "institution", None, 1),
                one("spacenews.com", "media", None, 1),
                one("Russian state television", "media", None, 1),
                one("Western analysts", "unnamed", None, 1),
                one("Russian expert", "unnamed", None, 1),
                one("Daily Planet", "media", None, 1),
                one("Foreign Ministry", "institution", None, 1),
            ]
        );
    }

    #[test]
    fn registry_person_with_title_and_anaphora() {
        let body = "China will cooperate, Chinese Foreign Ministry Spokesperson Wang Wenbin told a \
                    press conference. \"Space is important,\" the spokesperson said. \"We are \
                    ready,\" the diplomat added.";
        let v = voices(&[&article(body)], &registry());
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].name, "Wang Wenbin");
        assert_eq!(
            v[0].role.as_deref(),
            Some("Chinese Foreign Ministry Spokesperson")
        );
        assert_eq!(v[0].count, 3);
        assert!(
            v[0].text.starts_with("China will cooperate"),
            "first sentence kept"
        );
        assert_eq!(v[0].article, "a1");
    }

    #[test]
    fn not_attributions() {
        let body = "Russia is reported to be in talks. It should be noted that China is working. \
                    They said it was late. The plan said nothing new. Officials were unable to \
                    say when. \"The ministry said no,\" is a line from a play.";
        assert_eq!(found(body, &registry()), vec![]);
        // A pronoun with nobody named before is skipped.
        assert_eq!(found("He said it was late.", &registry()), vec![]);
    }

    #[test]
    fn relative_clause_credits_the_publisher() {
        let body = "The Russian SpaceNews website published a review which said the landing \
                    mattered.";
        assert_eq!(
            found(body, &registry()),
            vec![one("SpaceNews", "media", None, 1)]
        );
    }

    #[test]
    fn voices_merge_across_articles_and_keep_first_appearance_order() {
        let a = article("Roscosmos said yes. Jane Roe, an analyst, said no.");
        let mut b = article("Jane Roe said maybe. Roscosmos said so.");
        b.id = "b2".into();
        let v = voices(&[&a, &b], &registry());
        let names: Vec<(&str, usize, &str)> = v
            .iter()
            .map(|v| (v.name.as_str(), v.count, v.article.as_str()))
            .collect();
        assert_eq!(names, vec![("Roscosmos", 2, "a1"), ("Jane Roe", 2, "a1")]);
        assert_eq!(v[1].role.as_deref(), Some("analyst"));
    }

    #[test]
    fn no_sentences_and_odd_text_do_not_panic() {
        assert!(voices(&[], &registry()).is_empty());
        let mut a = article("Roscosmos said ok.");
        a.sentences.clear();
        assert_eq!(
            voices(&[&a], &registry()).len(),
            1,
            "falls back to splitting the body"
        );
        a.sentences = vec![Sentence {
            start: 3,
            end: 999,
            token: 0,
            entities: vec![],
        }];
        assert!(
            voices(&[&a], &registry()).is_empty(),
            "a bad range is skipped"
        );
        for body in [
            "",
            "said",
            ", said",
            "\"said\" \" said",
            "according to",
            "citing,",
            "“„«»” said ’ ‘ told",
            "\u{0301}said \u{200d} 🙂 told 日本語 said",
            "é, said, ü, noted, ß",
        ] {
            let _ = voices(&[&article(body)], &registry());
        }
    }

    #[test]
    fn quote_ranges_cover_open_and_continued_quotes() {
        let s = "\"We said so,\" Roe said.";
        let q = quoted_ranges(s);
        assert_eq!(q.len(), 1);
        assert!(q[0].contains(&s.find("said").unwrap()));
        assert!(!q[0].contains(&s.rfind("said").unwrap()));
        let s = "more words they said.” Roe said.";
        assert_eq!(
            quoted_ranges(s),
            vec![0..s.find('”').unwrap() + '”'.len_utf8()]
        );
        let s = "Roe said: “It is";
        assert_eq!(quoted_ranges(s), vec![s.find('“').unwrap()..s.len()]);
    }

    #[test]
    fn party_labels_titles_pronouns_and_home_states_make_people() {
        let r = EntityRegistry::from_json(
            r#"{"entities":[{"id":"us","name":"United States","kind":"country","forms":["United States","U.S."]}]}"#,
        )
        .unwrap();
        let v = found(
            "Sen. Tammy Baldwin (D-Wis.) noted that the offer would amount to a victory. \
             President Biden met the prime minister. Biden said he needed more than that. \
             Senate Minority Leader Mitch McConnell of Kentucky said Thursday that he hopes \
             Republicans will oppose it. Manchin said in his own statement that it was fine. \
             But critics say the plan is too small. The U.S. said Monday it will ease rules.",
            &r,
        );
        let kinds: Vec<(&str, &str)> = v.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                ("Tammy Baldwin", "person"),
                ("Biden", "person"),
                ("Mitch McConnell", "person"),
                ("Manchin", "person"),
                ("critics", "unnamed"),
                ("U.S.", "institution"),
            ]
        );
        // Without a title, a pronoun or a full name, a bare capitalised subject stays an
        // institution: "Hillsborough reported" is a county's school district.
        let v = found(
            "Hillsborough reported Wednesday that there were 1,840 cases.",
            &r,
        );
        assert_eq!(v[0].1, "institution");
    }
}
