//! Action-level tests of the interactive reader: state in, action, state out — on a real
//! index seeded with the bundled corpus, with searches run synchronously.

mod tui_support;

use std::collections::HashSet;

use digest::tui::action::Action;
use digest::tui::app::{Focus, Popup, View, update};
use digest::tui::keys;
use digest::tui::theme::Theme;
use digest::tui::worker::{self, Request};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tui_support::{hit_ids, screen, seeded};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn typing_narrows_results() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "moon");
    let broad: HashSet<String> = hit_ids(&app).into_iter().collect();
    assert!(!broad.is_empty());
    fx.type_str(&mut app, " far");
    let narrow: HashSet<String> = hit_ids(&app).into_iter().collect();
    assert!(!narrow.is_empty());
    assert!(narrow.len() < broad.len(), "{narrow:?} vs {broad:?}");
    assert!(narrow.is_subset(&broad));
    assert_eq!(app.results.as_ref().unwrap().query, "moon far");
    assert!(!app.searching());
}

#[test]
fn stale_answers_are_dropped() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    for c in "moon".chars() {
        update(&mut app, Action::Input(c));
    }
    let requests = app.take_requests();
    assert_eq!(requests.len(), 4);
    assert!(app.searching());
    // Answer newest first, then the older ones: only the newest may stick.
    for r in requests.into_iter().rev() {
        if let Request::Search {
            generation,
            request,
        } = r
        {
            update(&mut app, worker::answer(&fx.index, generation, &request));
        }
    }
    assert_eq!(app.results.as_ref().unwrap().query, "moon");
    assert!(!app.searching());
}

#[test]
fn outlet_and_date_filters_combine_with_the_query() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "lunar");
    let all = hit_ids(&app).len();
    assert!(all >= 3);
    let first = app.index.outlets[0].id.clone();
    let second = app.index.outlets[1].id.clone();

    fx.act(&mut app, [Action::FocusList, Action::ToggleOutlet(0)]);
    assert_eq!(app.filter.outlets, vec![first.clone()]);
    assert!(app.hits().iter().all(|h| h.article.outlet == first));
    assert!(!app.hits().is_empty());

    fx.act(&mut app, [Action::ToggleOutlet(1)]);
    let both: HashSet<&str> = [first.as_str(), second.as_str()].into();
    assert!(
        app.hits()
            .iter()
            .all(|h| both.contains(h.article.outlet.as_str()))
    );
    assert_eq!(app.hits().len(), 2);

    // A date filter on top: only 2021 articles of those outlets.
    update(&mut app, Action::OpenDates);
    assert!(matches!(app.popup, Some(Popup::Dates { .. })));
    fx.type_str(&mut app, "2021-01-01..2021-12-31");
    fx.act(&mut app, [Action::Submit]);
    assert!(app.popup.is_none());
    assert_eq!(app.filter.since.as_deref(), Some("2021-01-01"));
    assert_eq!(app.filter.until.as_deref(), Some("2021-12-31"));
    for h in app.hits() {
        assert!(both.contains(h.article.outlet.as_str()));
        assert!(h.article.date.as_deref().unwrap().starts_with("2021"));
    }
    // Both filters show in the status line.
    let s = screen(&app);
    assert!(s.contains("dates 2021-01-01..2021-12-31"), "{s}");
    assert!(s.contains(&app.index.outlets[0].name), "{s}");

    // `a` drops the outlet filter, the date filter stays.
    fx.act(&mut app, [Action::AllOutlets]);
    assert!(app.filter.outlets.is_empty());
    assert!(app.filter.since.is_some());
    assert!(
        app.hits()
            .iter()
            .all(|h| h.article.date.as_deref().unwrap().starts_with("2021"))
    );
}

#[test]
fn bad_dates_are_refused_in_the_prompt() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.act(&mut app, [Action::FocusList, Action::OpenDates]);
    fx.type_str(&mut app, "2021-02-30x");
    fx.act(&mut app, [Action::Submit]);
    match &app.popup {
        Some(Popup::Dates { error, .. }) => assert!(error.is_some()),
        other => panic!("prompt closed: {other:?}"),
    }
    assert!(app.filter.since.is_none());
    fx.act(&mut app, [Action::Back]);
    assert!(app.popup.is_none());
}

#[test]
fn selection_survives_a_new_result_set() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "moon");
    let before = hit_ids(&app);
    // Select the last hit, then search for something that still finds it elsewhere.
    fx.act(&mut app, [Action::Bottom]);
    let chosen = before.last().unwrap().clone();
    assert_eq!(app.selected_hit().unwrap().article.id, chosen);

    fx.type_str(&mut app, " china");
    let after = hit_ids(&app);
    if let Some(pos) = after.iter().position(|id| *id == chosen) {
        assert_eq!(app.selected, pos);
        assert_eq!(app.selected_hit().unwrap().article.id, chosen);
    }

    // A result set without it: the selection is clamped into the list.
    fx.act(&mut app, [Action::Clear]);
    fx.type_str(&mut app, "memorandum");
    let n = app.hits().len();
    assert!(n > 0);
    assert!(app.selected < n);

    // Same query again (e.g. after a refresh): same article stays selected.
    fx.act(&mut app, [Action::Bottom]);
    let id = app.selected_hit().unwrap().article.id.clone();
    fx.act(&mut app, [Action::Refresh]);
    assert_eq!(app.selected_hit().unwrap().article.id, id);
}

#[test]
fn reader_moves_between_matches() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.type_str(&mut app, "moon");
    fx.act(&mut app, [Action::Open]);
    assert_eq!(app.view, View::Reader);
    let r = app.reader.as_ref().unwrap();
    let matches = r.doc.matches.clone();
    assert!(matches.len() >= 2, "{matches:?}");
    assert_eq!(r.current, None);
    assert!(matches.windows(2).all(|w| w[0] <= w[1]));

    let height = app.reader_height();
    let visible = |app: &digest::tui::app::App, line: usize| {
        let s = app.reader.as_ref().unwrap().scroll;
        line >= s && line < s + height
    };
    update(&mut app, Action::NextMatch);
    assert_eq!(app.reader.as_ref().unwrap().current, Some(0));
    assert!(visible(&app, matches[0]));
    update(&mut app, Action::NextMatch);
    assert_eq!(app.reader.as_ref().unwrap().current, Some(1));
    assert!(visible(&app, matches[1]));
    update(&mut app, Action::PrevMatch);
    assert_eq!(app.reader.as_ref().unwrap().current, Some(0));
    update(&mut app, Action::PrevMatch);
    assert_eq!(
        app.reader.as_ref().unwrap().current,
        Some(matches.len() - 1),
        "N wraps to the last match"
    );
    assert!(visible(&app, *matches.last().unwrap()));

    // Scrolling stays within the text.
    for _ in 0..500 {
        update(&mut app, Action::PageDown);
    }
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.scroll, r.doc.lines.len().saturating_sub(height));
    update(&mut app, Action::Top);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);

    // The highlighted words are query words.
    let s = screen(&app);
    assert!(s.to_lowercase().contains("moon"));
    update(&mut app, Action::Back);
    assert_eq!(app.view, View::List);
    assert!(app.reader.is_none());
}

#[test]
fn a_bad_query_keeps_the_old_results() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.type_str(&mut app, "moon");
    let before = hit_ids(&app);
    fx.type_str(&mut app, " \"far");
    assert!(app.error.as_deref().unwrap().contains("quote"));
    assert_eq!(hit_ids(&app), before);
    assert!(screen(&app).contains("quote is not closed"));
    fx.type_str(&mut app, " side\"");
    assert!(app.error.is_none());
}

#[test]
fn empty_query_shows_the_hint_and_outlets() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    let s = screen(&app);
    assert!(
        s.contains("Type to search 5 articles from 5 outlets"),
        "{s}"
    );
    fx.type_str(&mut app, "moon");
    assert!(!app.hits().is_empty());
    fx.act(&mut app, [Action::Clear]);
    assert!(app.results.is_none());
    assert!(!app.searching());
}

#[test]
fn keys_depend_on_focus() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    assert_eq!(app.focus, Focus::Search);
    assert!(matches!(
        keys::map(&app, &key(KeyCode::Char('j'))),
        Some(Action::Input('j'))
    ));
    assert!(matches!(keys::map(&app, &ctrl('n')), Some(Action::Down)));
    assert!(matches!(
        keys::map(&app, &key(KeyCode::Char('q'))),
        Some(Action::Input('q'))
    ));
    assert!(matches!(keys::map(&app, &ctrl('c')), Some(Action::Quit)));

    let esc = keys::map(&app, &key(KeyCode::Esc)).unwrap();
    update(&mut app, esc);
    assert_eq!(app.focus, Focus::List);
    assert!(matches!(
        keys::map(&app, &key(KeyCode::Char('j'))),
        Some(Action::Down)
    ));
    assert!(matches!(
        keys::map(&app, &key(KeyCode::Char('3'))),
        Some(Action::ToggleOutlet(2))
    ));
    assert!(matches!(
        keys::map(&app, &key(KeyCode::Char('q'))),
        Some(Action::Quit)
    ));
    // Reserved for the events and compare views.
    assert!(keys::map(&app, &key(KeyCode::Char('e'))).is_none());
    assert!(keys::map(&app, &key(KeyCode::Char('c'))).is_none());

    let slash = keys::map(&app, &key(KeyCode::Char('/'))).unwrap();
    update(&mut app, slash);
    assert_eq!(app.focus, Focus::Search);

    // In pop-ups Esc and q go back one level; Ctrl-C still quits.
    update(&mut app, Action::FocusList);
    update(&mut app, Action::OpenOutlets);
    assert!(matches!(
        keys::map(&app, &key(KeyCode::Char('q'))),
        Some(Action::Back)
    ));
    assert!(matches!(keys::map(&app, &ctrl('c')), Some(Action::Quit)));
    update(&mut app, Action::Back);
    assert!(app.popup.is_none());
    assert!(!app.quit);
}

#[test]
fn outlet_picker_toggles() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.type_str(&mut app, "russia");
    fx.act(&mut app, [Action::FocusList, Action::OpenOutlets]);
    fx.act(&mut app, [Action::Down, Action::ToggleCurrent]);
    assert_eq!(app.filter.outlets, vec![app.index.outlets[1].id.clone()]);
    assert!(
        app.hits()
            .iter()
            .all(|h| h.article.outlet == app.index.outlets[1].id)
    );
    fx.act(&mut app, [Action::ToggleCurrent]);
    assert!(app.filter.outlets.is_empty());
    fx.act(&mut app, [Action::Back]);
    assert!(app.popup.is_none());
}

#[test]
fn keys_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/tui/KEYS.md");
    let want = keys::markdown();
    if std::env::var_os("UPDATE_KEYS_MD").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        have, want,
        "src/tui/KEYS.md is out of date: run UPDATE_KEYS_MD=1 cargo test --test tui_actions"
    );
}

#[test]
fn no_color_is_monochrome_but_keeps_highlights() {
    let fx = seeded();
    let mut app = fx.app_with(120, 40, Theme::mono());
    fx.type_str(&mut app, "moon");
    let term = tui_support::render(&app);
    let buf = term.backend().buffer();
    let mut highlighted = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "colour in NO_COLOR mode: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "colour in NO_COLOR mode: {cell:?}");
        if cell
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
        {
            highlighted += 1;
        }
    }
    assert!(highlighted >= 4, "query words are bold and underlined");
}

#[test]
fn untrusted_text_is_sanitised_and_measured() {
    let fx = seeded();
    let dir = fx.dir.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let nasty = serde_json::json!({
        "title": "Evil \u{1b}]0;pwned\u{7}title \u{1b}[31m嫦娥四号 🚀 moon",
        "body": "Clear \u{1b}[2J screen? e\u{301}te moon 嫦娥四号着陆月球背面 \u{202e}reversed\u{9b}31m red.\n\nSecond paragraph about the moon.",
        "outlet": "tass",
        "date": "2021-05-05"
    });
    std::fs::write(dir.join("nasty.json"), nasty.to_string()).unwrap();
    digest::index::writer::ingest_paths(
        &fx.index,
        &[dir],
        &digest::index::IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    fx.index.reload().unwrap();
    for (w, h) in [(120, 40), (80, 24), (40, 12), (23, 7)] {
        let mut app = fx.app(w, h);
        fx.type_str(&mut app, "moon 嫦娥四号");
        assert!(!app.hits().is_empty());
        let check = |app: &digest::tui::app::App| {
            let term = tui_support::render(app);
            for cell in term.backend().buffer().content() {
                assert!(
                    !cell
                        .symbol()
                        .chars()
                        .any(|c| c.is_control() || matches!(c, '\u{202e}' | '\u{9b}')),
                    "control character reached the screen: {:?}",
                    cell.symbol()
                );
            }
        };
        check(&app);
        fx.act(&mut app, [Action::Open]);
        assert_eq!(app.view, View::Reader);
        check(&app);
        let s = screen(&app);
        if w >= 80 {
            assert!(s.contains("嫦娥四号"), "{s}");
        }
    }
}

#[test]
fn every_size_draws_without_panicking() {
    let fx = seeded();
    let mut base = fx.app(120, 40);
    fx.type_str(&mut base, "moon");
    for w in (0..=130).step_by(13).chain([1, 19, 20, 21, 40, 99, 100]) {
        for h in [0, 1, 5, 6, 7, 12, 15, 16, 40] {
            let mut app = base.clone();
            update(&mut app, Action::Resize(w, h));
            let _ = screen(&app);
            update(&mut app, Action::Open);
            update(&mut app, Action::NextMatch);
            update(&mut app, Action::Bottom);
            let _ = screen(&app);
            update(&mut app, Action::Help);
            update(&mut app, Action::Bottom);
            let _ = screen(&app);
            update(&mut app, Action::Back);
            update(&mut app, Action::Back);
            update(&mut app, Action::FocusList);
            update(&mut app, Action::OpenOutlets);
            let _ = screen(&app);
            update(&mut app, Action::Back);
            update(&mut app, Action::OpenDates);
            let _ = screen(&app);
        }
    }
}

#[test]
fn resizing_relayouts_the_reader() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "moon");
    fx.act(
        &mut app,
        [Action::Open, Action::NextMatch, Action::NextMatch],
    );
    let wide = app.reader.as_ref().unwrap().doc.lines.len();
    update(&mut app, Action::Resize(40, 12));
    let r = app.reader.as_ref().unwrap();
    assert!(r.doc.lines.len() > wide);
    assert_eq!(r.current, Some(1));
    let line = r.doc.matches[1];
    assert!(line >= r.scroll && line < r.scroll + app.reader_height());
    for l in &r.doc.lines {
        assert!(digest::tui::rich::line_width(l) <= r.width as usize);
    }
}

#[test]
fn enter_while_searching_opens_the_answer() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.type_str(&mut app, "memorandum");
    // Type more and press Enter before the answer arrives.
    for c in " china".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Open);
    assert_eq!(app.view, View::List);
    fx.settle(&mut app);
    assert_eq!(app.view, View::Reader);
    assert_eq!(
        app.reader.as_ref().unwrap().hit.article.id,
        app.selected_hit().unwrap().article.id
    );
}

#[test]
fn reader_lists_every_file_the_text_came_from() {
    let fx = seeded();
    let dir = fx.dir.path().join("copies");
    std::fs::create_dir_all(&dir).unwrap();
    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/articles/003_15cac33c2820b134.txt"
    );
    std::fs::copy(src, dir.join("tass-copy.txt")).unwrap();
    digest::index::writer::ingest_paths(
        &fx.index,
        &[dir],
        &digest::index::IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    fx.index.reload().unwrap();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "wang wenbin");
    assert_eq!(app.hits().len(), 1);
    fx.act(&mut app, [Action::Open]);
    let a = &app.reader.as_ref().unwrap().hit.article;
    assert_eq!(a.origins.len(), 2, "{:?}", a.origins);
    assert_eq!(a.source(), "003_15cac33c2820b134.txt");
    let s = screen(&app);
    assert!(s.contains("tass-copy.txt"), "{s}");
}

#[test]
fn scrolling_to_the_end_of_the_list_loads_the_next_page() {
    let f = tui_support::empty();
    let jsonl: String = (0..120)
        .map(|i| {
            format!(
                "{{\"title\":\"Zebra report {i}\",\"body\":\"Zebra sighting number {i} in the park.\",\"outlet\":\"Example\",\"date\":\"2020-01-{:02}\"}}\n",
                i % 28 + 1
            )
        })
        .collect();
    let path = f.dir.path().join("zebras.jsonl");
    std::fs::write(&path, jsonl).unwrap();
    let opts = digest::index::IngestOptions::default();
    digest::index::writer::ingest_paths(&f.index, &[path], &opts, &mut |_| {}).unwrap();

    let mut app = f.app(120, 40);
    f.type_str(&mut app, "zebra");
    let page = digest::tui::app::PAGE;
    assert_eq!(app.hits().len(), page, "a search asks for one page first");
    assert_eq!(app.results.as_ref().unwrap().total, 120);
    let first_ids = hit_ids(&app);

    f.act(&mut app, [Action::Bottom]);
    assert_eq!(
        app.hits().len(),
        2 * page,
        "reaching the end loads the next page"
    );
    assert_eq!(
        hit_ids(&app)[..page],
        first_ids[..],
        "earlier hits keep their order"
    );
    assert_eq!(
        app.selected,
        page - 1,
        "the selection stays on the same article"
    );

    for _ in 0..3 {
        f.act(&mut app, [Action::Bottom]);
    }
    assert_eq!(app.hits().len(), 120, "pages stop at the total");
}
