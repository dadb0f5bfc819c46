//! Framing: the events several outlets report, and how each outlet tells them.
//!
//! [`events`] finds happenings reported by two or more outlets from what the text gives:
//! the words, names, entities and dates of each article's headline and lead, and when it
//! was published ([`features`] keeps them per index segment). [`compare_query`] and [`compare_event`] lay the coverage of one story out
//! per outlet with the signals a careful reader looks for — the passages, how actors are
//! named ([`naming`]), who is quoted ([`voices`]), the words one outlet uses far more
//! than the others ([`terms`]) and the tone of its wording ([`tone`]). Every signal keeps
//! the words that produced it, so a reader can check it. The entities come from the
//! registries the index was opened with ([`crate::Registries`]), or are handed in.

pub mod compare;
pub mod corpus;
pub mod events;
pub mod features;
pub mod mentions;
pub mod naming;
pub mod terms;
pub mod tone;
pub mod voices;
pub mod window;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize, Serializer};

use crate::model::Article;

pub use compare::{CompareOptions, compare_event, compare_query};
pub use events::{EventOptions, events, events_in};
pub use window::Window;

/// An article as listed in an event or a comparison (the fields of `digest search --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet id.
    pub outlet: String,
    /// Outlet display name.
    pub outlet_name: String,
    /// Publication date, `YYYY-MM-DD` or `YYYY-MM`.
    pub date: Option<String>,
    /// File the article was first ingested from.
    pub source: String,
    /// Days after the first dated report of the same story (0 for the first), when both
    /// dates are known to the day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lag_days: Option<i64>,
}

impl ArticleRef {
    /// The reference for an article, without a lag.
    pub fn of(a: &Article) -> ArticleRef {
        ArticleRef {
            id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            outlet_name: a.outlet_name.clone(),
            date: a.date.clone(),
            source: a.source().to_string(),
            lag_days: None,
        }
    }
}

/// A happening reported by two or more outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id (`e` and hex digits), derived from the event's articles.
    pub id: String,
    /// Readable label: its most central headline (the one most like the others).
    pub label: String,
    /// When it was first reported: the first report's publication date (for undated
    /// articles, the latest day the first one mentions). `YYYY-MM-DD` or `YYYY-MM`.
    pub date: Option<String>,
    /// Outlet ids that cover it, the earliest report first.
    pub outlets: Vec<String>,
    /// The covering articles.
    pub articles: Vec<ArticleRef>,
    /// Number of passages (lead sentences holding its keys) that tell it.
    pub passages: usize,
    /// Outlets expected to cover it that did not: those with a related article within a
    /// week of it, most related first.
    pub missing: Vec<String>,
    /// What two or more of its outlets share, strongest first, as typed keys: a stem,
    /// `e:` and an entity id, `n:` and a normalised name, or `d:` and a day.
    pub keys: Vec<String>,
    /// The names and entities among the keys as a reader would write them (`Roscosmos`,
    /// `Wang Wenbin`).
    pub anchors: Vec<String>,
    /// The passages: article id and sentence index, in corpus order.
    #[serde(skip)]
    pub members: Vec<(String, usize)>,
}

/// One passage of a comparison: a sentence that tells the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// The sentence, cleaned text.
    pub text: String,
    /// File the article was first ingested from.
    pub source: String,
    /// Article id.
    pub article: String,
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// Byte offset of the sentence in the article body.
    pub offset: usize,
    /// Byte ranges into `text` of the query or event words.
    #[serde(serialize_with = "ranges")]
    pub highlights: Vec<Range<usize>>,
    /// Other outlets with a passage telling the same thing; empty when only this outlet
    /// says it.
    pub shared_with: Vec<String>,
}

/// How an outlet names one key actor or thing: each surface form with its count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Naming {
    /// Display name of the entity.
    pub name: String,
    /// Forms as listed in `data/entities.json`, most used first.
    pub forms: Vec<FormCount>,
}

/// One surface form and how often it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormCount {
    /// The form.
    pub form: String,
    /// Number of uses.
    pub count: usize,
}

/// Someone quoted or cited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Voice {
    /// Name as written (`Wang Wenbin`, `Roscosmos`, `Russian state television`), or a
    /// description for unnamed sources (`Russian observers`).
    pub name: String,
    /// `person`, `institution`, `media` or `unnamed`.
    pub kind: String,
    /// Role when the text gives it (`Chinese Foreign Ministry Spokesperson`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The quote or attribution sentence.
    pub text: String,
    /// Article id the sentence is from.
    pub article: String,
    /// How many attribution sentences credit this voice.
    pub count: usize,
}

/// A term with its weighted log-odds z-score (Monroe et al. 2008).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermScore {
    /// The word as the outlet writes it most often.
    pub term: String,
    /// z-score of the log-odds ratio against the other outlets; above 1.96 is
    /// significant at 95%.
    pub score: f64,
    /// Uses by this outlet.
    pub count: usize,
}

/// A lexicon-based tone score with the words behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tone {
    /// -1 (negative) … +1 (positive): `d / sqrt(d² + 15)` where `d` is `sum` per hundred
    /// words (`sum` itself for texts under a hundred words).
    pub score: f64,
    /// `Σ valence × count` over `words`.
    pub sum: f64,
    /// Words read.
    pub word_count: usize,
    /// Words scored by the lexicon, strongest contribution first.
    pub words: Vec<ToneWord>,
}

/// One lexicon word found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneWord {
    /// The word as written (lower case).
    pub word: String,
    /// Lexicon valence (negated when a negation precedes it).
    pub valence: f64,
    /// Uses.
    pub count: usize,
}

/// One outlet's column of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletColumn {
    /// Outlet id.
    pub outlet: String,
    /// Outlet display name.
    pub outlet_name: String,
    /// Matching articles, earliest first, with their lag behind the first report.
    pub articles: Vec<ArticleRef>,
    /// Passages that tell the story.
    pub passages: Vec<Passage>,
    /// Entity id → the forms this outlet uses for it.
    pub naming: BTreeMap<String, Naming>,
    /// Who is quoted or cited.
    pub voices: Vec<Voice>,
    /// Words this outlet uses far more than the others.
    pub distinctive_terms: Vec<TermScore>,
    /// Tone of the passages.
    pub tone: Tone,
    /// When this outlet covered the story.
    pub timeline: Timeline,
}

/// When one outlet covered a story: its first report, how long after the story's first
/// report that was, and its articles day by day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Timeline {
    /// This outlet's first report (`YYYY-MM-DD` or `YYYY-MM`).
    pub first: Option<String>,
    /// Days after the story's first report, when both are known to the day.
    pub lag_days: Option<i64>,
    /// The first day of `per_day`: the story's first report.
    pub from: Option<String>,
    /// This outlet's articles on each day from the story's first report to its last
    /// (empty when the story spans more than [`TIMELINE_DAYS`] days or is not dated to
    /// the day).
    pub per_day: Vec<usize>,
}

/// Longest story, in days, whose coverage is counted day by day.
pub const TIMELINE_DAYS: i64 = 31;

impl Timeline {
    /// The timeline of `mine` (one outlet's articles) within a story told by `all`.
    pub fn of(mine: &[ArticleRef], all: &[ArticleRef]) -> Timeline {
        use chrono::NaiveDate;
        let day = |r: &ArticleRef| {
            r.date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let first_mine = mine
            .iter()
            .filter(|r| r.date.is_some())
            .min_by(|a, b| a.date.cmp(&b.date));
        let story: Vec<NaiveDate> = all.iter().filter_map(day).collect();
        let (Some(start), Some(end)) = (story.iter().min(), story.iter().max()) else {
            return Timeline {
                first: first_mine.and_then(|r| r.date.clone()),
                ..Timeline::default()
            };
        };
        let lag_days = first_mine.and_then(day).map(|d| (d - *start).num_days());
        let span = (*end - *start).num_days();
        let per_day = if span <= TIMELINE_DAYS {
            let mut counts = vec![0; span as usize + 1];
            for d in mine.iter().filter_map(day) {
                counts[(d - *start).num_days() as usize] += 1;
            }
            counts
        } else {
            Vec::new()
        };
        Timeline {
            first: first_mine.and_then(|r| r.date.clone()),
            lag_days,
            from: Some(start.format("%Y-%m-%d").to_string()),
            per_day,
        }
    }

    /// `per_day` as a row of block characters (`▁▄█`), one a day; empty days are `·`.
    pub fn chart(&self) -> String {
        const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let max = self.per_day.iter().copied().max().unwrap_or(0).max(1);
        self.per_day
            .iter()
            .map(|&n| {
                if n == 0 {
                    '·'
                } else {
                    BARS[((n * BARS.len()).div_ceil(max)).clamp(1, BARS.len()) - 1]
                }
            })
            .collect()
    }
}

/// How each outlet tells one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The query, for `digest compare QUERY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The event id, for `digest compare --event ID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The event's label, or the query.
    pub label: String,
    /// One column per outlet that covered it, the earliest report first.
    pub outlets: Vec<OutletColumn>,
    /// Outlets in the corpus that did not cover it.
    pub missing: Vec<String>,
}

fn ranges<S: Serializer>(r: &[Range<usize>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(r.iter().map(|r| [r.start, r.end]))
}
