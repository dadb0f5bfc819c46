//! Shared helpers for the TUI tests: a real index in a temporary directory, an `App` on
//! it, and a synchronous stand-in for the search worker.

use std::collections::HashMap;

use digest::index::DigestIndex;
use digest::tui::action::Action;
use digest::tui::answer::{Answer, ComparisonAnswer};
use digest::tui::app::{App, update};
use digest::tui::draw;
use digest::tui::ui::theme::Theme;
use digest::tui::worker::{self, Request};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// An index in a temporary directory (kept alive as long as the fixture).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub index: DigestIndex,
}

/// An index seeded with the bundled corpus.
pub fn seeded() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let index = DigestIndex::open_seeded(&dir.path().join("index")).unwrap();
    Fixture { dir, index }
}

/// The bundled corpus and the framing fixtures of two more happenings (the Delta
/// Accord, the Pellucid Dam): an index with several events.
pub fn with_events() -> Fixture {
    let fx = seeded();
    let paths: Vec<std::path::PathBuf> = ["framing/delta", "framing/weekday"]
        .iter()
        .map(|d| crate::util::fixture(d))
        .collect();
    let opts = digest::index::writer::IngestOptions {
        bundled: false,
        ..Default::default()
    };
    digest::index::writer::ingest_paths(&fx.index, &paths, &opts, &mut |_| {}).unwrap();
    fx.index.reload().unwrap();
    fx
}

/// An index with no articles.
pub fn empty() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let index = DigestIndex::open(&dir.path().join("index")).unwrap();
    Fixture { dir, index }
}

impl Fixture {
    /// A reader on this index, `w`×`h` cells, in colour.
    pub fn app(&self, w: u16, h: u16) -> App {
        self.app_with(w, h, Theme::colored())
    }

    /// A reader on this index with the given theme.
    pub fn app_with(&self, w: u16, h: u16, theme: Theme) -> App {
        let info = worker::index_info(&self.index).unwrap();
        App::new(theme, info, Rect::new(0, 0, w, h))
    }

    /// Does what the worker does, synchronously: runs every queued request in order and
    /// applies the answers (stale ones are dropped by `update`).
    pub fn settle(&self, app: &mut App) {
        settle(&self.index, app);
    }

    /// Types `text` into the focused field one key at a time, then lets searches finish.
    pub fn type_str(&self, app: &mut App, text: &str) {
        for c in text.chars() {
            update(app, Action::Input(c));
        }
        self.settle(app);
    }

    /// Applies actions in order, then lets searches finish.
    pub fn act(&self, app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            update(app, a);
        }
        self.settle(app);
    }
}

/// Does what the worker does, synchronously: answers every queued request in order
/// (stale answers are dropped by the app).
pub fn settle(index: &DigestIndex, app: &mut App) {
    for r in app.take_requests() {
        if let Some(a) = worker::respond(index, r) {
            app.answer(a);
        }
    }
}

/// Draws the app on a test terminal of its size and returns the terminal.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.area().width, app.area().height)).unwrap();
    t.draw(|f| draw::draw(f, app)).unwrap();
    t
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    let t = render(app);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width_of(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn unicode_width_of(s: &str) -> usize {
    digest::tui::ui::rich::width(s)
}

/// Ids of the hits on screen, in order.
pub fn hit_ids(app: &App) -> Vec<String> {
    app.hits().iter().map(|h| h.article.id.clone()).collect()
}

/// A comparison made by hand from the articles in the index (one column per outlet,
/// passages = sentences naming the moon or a lunar station), so the comparison view can
/// be tested apart from the framing heuristics. `extra` adds that many more outlet
/// columns (copies with made-up ids) to make the columns scroll.
pub fn fake_comparison(fx: &Fixture, extra: usize) -> Box<ComparisonAnswer> {
    use digest::framing::{
        ArticleRef, Comparison, FormCount, Naming, OutletColumn, Passage, TermScore, Tone,
        ToneWord, Voice,
    };
    let request = digest::search::SearchRequest {
        query: "moon OR lunar".into(),
        limit: 1000,
        ..Default::default()
    };
    let mut articles: Vec<digest::model::Article> = digest::search::search(&fx.index, &request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.article)
        .collect();
    articles.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let outlets: Vec<String> = {
        let mut v: Vec<String> = articles.iter().map(|a| a.outlet.clone()).collect();
        v.dedup();
        v
    };
    let mut columns = Vec::new();
    let mut by_id = HashMap::new();
    for a in &articles {
        by_id.insert(a.id.clone(), a.clone());
        let mut passages = Vec::new();
        for (i, s) in a.sentences.iter().enumerate() {
            let text = a.sentence_text(s).to_string();
            let lower = text.to_lowercase();
            let mut highlights = Vec::new();
            for w in ["moon", "lunar"] {
                let mut from = 0;
                while let Some(p) = lower[from..].find(w) {
                    highlights.push(from + p..from + p + w.len());
                    from += p + w.len();
                }
            }
            if highlights.is_empty() {
                continue;
            }
            highlights.sort_by_key(|r| r.start);
            let shared_with = if passages.len() % 2 == 0 {
                outlets
                    .iter()
                    .filter(|o| **o != a.outlet)
                    .take(2)
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            };
            passages.push(Passage {
                text,
                source: a.source().to_string(),
                article: a.id.clone(),
                sentence: i,
                offset: s.start as usize,
                highlights,
                shared_with,
            });
        }
        let mut naming = std::collections::BTreeMap::new();
        naming.insert(
            "ilrs".to_string(),
            Naming {
                name: "International Lunar Research Station".into(),
                forms: vec![
                    FormCount {
                        form: "ILRS".into(),
                        count: 3,
                    },
                    FormCount {
                        form: "lunar research station".into(),
                        count: 1,
                    },
                ],
            },
        );
        let mut r = ArticleRef::of(a);
        r.lag_days = Some(columns.len() as i64 * 3);
        columns.push(OutletColumn {
            outlet: a.outlet.clone(),
            outlet_name: a.outlet_name.clone(),
            articles: vec![r],
            passages,
            naming,
            voices: vec![Voice {
                name: "Wang Wenbin".into(),
                kind: "person".into(),
                role: Some("Chinese Foreign Ministry Spokesperson".into()),
                text: "Wang Wenbin said.".into(),
                article: a.id.clone(),
                count: 2,
            }],
            distinctive_terms: vec![
                TermScore {
                    term: "cooperation".into(),
                    score: 2.41,
                    count: 4,
                },
                TermScore {
                    term: "station".into(),
                    score: 1.2,
                    count: 2,
                },
            ],
            tone: Tone {
                score: 0.25,
                sum: 3.0,
                word_count: 120,
                words: vec![
                    ToneWord {
                        word: "cooperation".into(),
                        valence: 1.5,
                        count: 3,
                    },
                    ToneWord {
                        word: "threat".into(),
                        valence: -2.0,
                        count: 1,
                    },
                ],
            },
            timeline: Default::default(),
        });
    }
    for i in 0..extra {
        let mut c = columns[i % columns.len()].clone();
        c.outlet = format!("extra{i}");
        c.outlet_name = format!("Extra Outlet {i}");
        columns.push(c);
    }
    Box::new(ComparisonAnswer {
        comparison: Comparison {
            query: Some("moon".into()),
            event: None,
            label: "moon".into(),
            outlets: columns,
            missing: vec!["rfa".into()],
        },
        articles: by_id,
    })
}

/// Answers the app's pending comparison request with `answer` instead of the worker's.
pub fn answer_comparison(app: &mut App, answer: Box<ComparisonAnswer>) {
    let mut ticket = None;
    for r in app.take_requests() {
        if let Request::Compare { ticket: t, .. } = r {
            ticket = Some(t);
        }
    }
    let ticket = ticket.expect("a comparison was asked for");
    app.answer(Answer::Comparison {
        ticket,
        outcome: Ok(answer),
    });
}

/// Answers the comparison request among `requests` with the real framing functions.
pub fn answer_comparison_of(app: &mut App, fx: &Fixture, requests: Vec<Request>) {
    for r in requests {
        if let Request::Compare { ticket, target } = r {
            app.answer(worker::compare_answer(&fx.index, ticket, &target));
        }
    }
}
