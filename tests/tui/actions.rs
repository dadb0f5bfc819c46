//! Action-level tests of the interactive reader: state in, action, state out — on a real
//! index seeded with the bundled corpus, with searches run synchronously.

use std::collections::HashSet;

use crate::util::tui::{self, hit_ids, screen, seeded};
use digest::tui::action::Action;
use digest::tui::answer::Answer;
use digest::tui::app::{View, update};
use digest::tui::bindings;
use digest::tui::screens::Screen;
use digest::tui::screens::list::Focus;
use digest::tui::screens::popup::Popup;
use digest::tui::ui::theme::Theme;
use digest::tui::worker::{self, CompareTarget, Request};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

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
    assert_eq!(app.results().unwrap().query, "moon far");
    assert!(!app.searching());
}

#[test]
fn stale_answers_are_dropped() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.settle(&mut app);
    for c in "moon".chars() {
        update(&mut app, Action::Input(c));
    }
    let requests = app.take_requests();
    assert_eq!(requests.len(), 4);
    assert!(app.searching());
    // Answer newest first, then the older ones: only the newest may stick.
    for r in requests.into_iter().rev() {
        if let Request::Search { ticket, request } = r {
            app.answer(worker::answer(&fx.index, ticket, &request));
        }
    }
    assert_eq!(app.results().unwrap().query, "moon");
    assert!(!app.searching());
}

#[test]
fn outlet_and_date_filters_combine_with_the_query() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "lunar");
    let all = hit_ids(&app).len();
    assert!(all >= 3);
    let first = app.index().outlets[0].id.clone();
    let second = app.index().outlets[1].id.clone();

    fx.act(&mut app, [Action::FocusList, Action::ToggleOutlet(0)]);
    assert_eq!(app.filter().outlets, vec![first.clone()]);
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
    assert!(matches!(app.popup(), Some(Popup::Dates { .. })));
    fx.type_str(&mut app, "2021-01-01..2021-12-31");
    fx.act(&mut app, [Action::Submit]);
    assert!(app.popup().is_none());
    assert_eq!(app.filter().since.as_deref(), Some("2021-01-01"));
    assert_eq!(app.filter().until.as_deref(), Some("2021-12-31"));
    for h in app.hits() {
        assert!(both.contains(h.article.outlet.as_str()));
        assert!(h.article.date.as_deref().unwrap().starts_with("2021"));
    }
    // Both filters show in the status line.
    let s = screen(&app);
    assert!(s.contains("dates 2021-01-01..2021-12-31"), "{s}");
    assert!(s.contains(&app.index().outlets[0].name), "{s}");

    // `a` drops the outlet filter, the date filter stays.
    fx.act(&mut app, [Action::AllOutlets]);
    assert!(app.filter().outlets.is_empty());
    assert!(app.filter().since.is_some());
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
    // A day the calendar lacks is refused as soon as it is typed out, before Enter.
    fx.type_str(&mut app, "2021-02-30");
    match app.popup() {
        Some(Popup::Dates { error, .. }) => {
            assert!(
                error
                    .as_deref()
                    .unwrap()
                    .contains("2021-02-30 is not a date")
            )
        }
        other => panic!("prompt closed: {other:?}"),
    }
    fx.act(&mut app, [Action::Submit]);
    match app.popup() {
        Some(Popup::Dates { error, .. }) => assert!(error.is_some()),
        other => panic!("prompt closed: {other:?}"),
    }
    assert!(app.filter().since.is_none());
    fx.act(&mut app, [Action::Back]);
    assert!(app.popup().is_none());
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
        assert_eq!(app.selected(), pos);
        assert_eq!(app.selected_hit().unwrap().article.id, chosen);
    }

    // A result set without it: the selection is clamped into the list.
    fx.act(&mut app, [Action::Clear]);
    fx.type_str(&mut app, "memorandum");
    let n = app.hits().len();
    assert!(n > 0);
    assert!(app.selected() < n);

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
    assert_eq!(app.view(), View::Reader);
    let r = app.reader().unwrap();
    let matches = r.doc.matches.clone();
    assert!(matches.len() >= 2, "{matches:?}");
    assert_eq!(r.current, None);
    assert!(matches.windows(2).all(|w| w[0] <= w[1]));

    let height = app.reader_height();
    let visible = |app: &digest::tui::app::App, line: usize| {
        let s = app.reader().unwrap().scroll;
        line >= s && line < s + height
    };
    update(&mut app, Action::NextMatch);
    assert_eq!(app.reader().unwrap().current, Some(0));
    assert!(visible(&app, matches[0]));
    update(&mut app, Action::NextMatch);
    assert_eq!(app.reader().unwrap().current, Some(1));
    assert!(visible(&app, matches[1]));
    update(&mut app, Action::PrevMatch);
    assert_eq!(app.reader().unwrap().current, Some(0));
    update(&mut app, Action::PrevMatch);
    assert_eq!(
        app.reader().unwrap().current,
        Some(matches.len() - 1),
        "N wraps to the last match"
    );
    assert!(visible(&app, *matches.last().unwrap()));

    // Scrolling stays within the text.
    for _ in 0..500 {
        update(&mut app, Action::PageDown);
    }
    let r = app.reader().unwrap();
    assert_eq!(r.scroll, r.doc.lines.len().saturating_sub(height));
    update(&mut app, Action::Top);
    assert_eq!(app.reader().unwrap().scroll, 0);

    // The highlighted words are query words.
    let s = screen(&app);
    assert!(s.to_lowercase().contains("moon"));
    update(&mut app, Action::Back);
    assert_eq!(app.view(), View::List);
    assert!(app.reader().is_none());
}

#[test]
fn a_bad_query_keeps_the_old_results() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.type_str(&mut app, "moon");
    let before = hit_ids(&app);
    fx.type_str(&mut app, " \"far");
    assert!(app.error().unwrap().contains("quote"));
    assert_eq!(hit_ids(&app), before);
    assert!(screen(&app).contains("quote is not closed"));
    fx.type_str(&mut app, " side\"");
    assert!(app.error().is_none());
}

#[test]
fn an_empty_query_lists_the_newest_articles_under_the_filters() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.settle(&mut app);
    let s = screen(&app);
    assert!(
        s.contains("Type to search 5 articles from 5 outlets"),
        "{s}"
    );
    assert!(s.contains("Newest"), "{s}");
    assert!(s.contains("5 articles, newest first"), "{s}");
    let dates: Vec<String> = app
        .hits()
        .iter()
        .map(|h| h.article.date.clone().unwrap_or_default())
        .collect();
    assert_eq!(dates.len(), 5);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(dates[0], "2021-04-27");

    fx.type_str(&mut app, "moon");
    assert!(!app.hits().is_empty());
    fx.act(&mut app, [Action::Clear]);
    assert_eq!(app.hits().len(), 5, "cleared: the newest again");
    assert!(!app.searching());

    // The filters narrow the list: one outlet, then a period holding nothing.
    fx.act(&mut app, [Action::FocusList, Action::ToggleOutlet(3)]);
    assert_eq!(app.hits().len(), 1);
    fx.act(&mut app, [Action::ToggleOutlet(3), Action::OpenDates]);
    fx.type_str(&mut app, "2021-04-01..");
    fx.act(&mut app, [Action::Submit]);
    assert_eq!(app.hits().len(), 1, "{}", screen(&app));
    assert_eq!(app.hits()[0].article.date.as_deref(), Some("2021-04-27"));
}

#[test]
fn s_orders_a_query_newest_first_and_back() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.type_str(&mut app, "lunar");
    let by_relevance = hit_ids(&app);
    fx.act(&mut app, [Action::FocusList, Action::ToggleSort]);
    let dates: Vec<String> = app
        .hits()
        .iter()
        .map(|h| h.article.date.clone().unwrap_or_default())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(screen(&app).contains("Results, newest first"));
    fx.act(&mut app, [Action::ToggleSort]);
    assert_eq!(hit_ids(&app), by_relevance);
}

#[test]
fn keys_depend_on_focus() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    assert_eq!(app.focus(), Focus::Search);
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('j'))),
        Some(Action::Input('j'))
    ));
    assert!(matches!(
        bindings::map(app.place(), &ctrl('n')),
        Some(Action::Down)
    ));
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('q'))),
        Some(Action::Input('q'))
    ));
    assert!(matches!(
        bindings::map(app.place(), &ctrl('c')),
        Some(Action::Quit)
    ));

    let esc = bindings::map(app.place(), &key(KeyCode::Esc)).unwrap();
    update(&mut app, esc);
    assert_eq!(app.focus(), Focus::List);
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('j'))),
        Some(Action::Down)
    ));
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('3'))),
        Some(Action::ToggleOutlet(2))
    ));
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('q'))),
        Some(Action::Quit)
    ));
    // The framing views open from the list (on the search line they are letters).
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('e'))),
        Some(Action::OpenEvents)
    ));
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('c'))),
        Some(Action::OpenCompare)
    ));

    let slash = bindings::map(app.place(), &key(KeyCode::Char('/'))).unwrap();
    update(&mut app, slash);
    assert_eq!(app.focus(), Focus::Search);

    // In pop-ups Esc and q go back one level; Ctrl-C still quits.
    update(&mut app, Action::FocusList);
    update(&mut app, Action::OpenOutlets);
    assert!(matches!(
        bindings::map(app.place(), &key(KeyCode::Char('q'))),
        Some(Action::Back)
    ));
    assert!(matches!(
        bindings::map(app.place(), &ctrl('c')),
        Some(Action::Quit)
    ));
    update(&mut app, Action::Back);
    assert!(app.popup().is_none());
    assert!(!app.quit());
}

#[test]
fn outlet_picker_toggles() {
    let fx = seeded();
    let mut app = fx.app(80, 24);
    fx.type_str(&mut app, "russia");
    fx.act(&mut app, [Action::FocusList, Action::OpenOutlets]);
    fx.act(&mut app, [Action::Down, Action::ToggleCurrent]);
    assert_eq!(
        app.filter().outlets,
        vec![app.index().outlets[1].id.clone()]
    );
    assert!(
        app.hits()
            .iter()
            .all(|h| h.article.outlet == app.index().outlets[1].id)
    );
    fx.act(&mut app, [Action::ToggleCurrent]);
    assert!(app.filter().outlets.is_empty());
    fx.act(&mut app, [Action::Back]);
    assert!(app.popup().is_none());
}

#[test]
fn readme_key_table() {
    // The README's key table is written from the one key table; this keeps it current.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = "<!-- keys: generated from src/tui/bindings.rs";
    let end = "<!-- keys:end -->";
    let a = readme.find(start).expect("README has a key table");
    let a = a + readme[a..].find('\n').unwrap() + 1;
    let b = a + readme[a..].find(end).expect("the key table ends");
    let want = bindings::markdown();
    if std::env::var_os("UPDATE_README_KEYS").is_some() {
        let updated = format!("{}{want}{}", &readme[..a], &readme[b..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        want,
        "the README's key table is out of date: run UPDATE_README_KEYS=1 cargo test readme_key_table"
    );
}

#[test]
fn no_color_is_monochrome_but_keeps_highlights() {
    let fx = seeded();
    let mut app = fx.app_with(120, 40, Theme::mono());
    fx.type_str(&mut app, "moon");
    let term = tui::render(&app);
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
            let term = tui::render(app);
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
        assert_eq!(app.view(), View::Reader);
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
    let wide = app.reader().unwrap().doc.lines.len();
    update(&mut app, Action::Resize(40, 12));
    let r = app.reader().unwrap();
    assert!(r.doc.lines.len() > wide);
    assert_eq!(r.current, Some(1));
    let line = r.doc.matches[1];
    assert!(line >= r.scroll && line < r.scroll + app.reader_height());
    for l in &r.doc.lines {
        assert!(digest::tui::ui::rich::line_width(l) <= r.width as usize);
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
    assert_eq!(app.view(), View::List);
    fx.settle(&mut app);
    assert_eq!(app.view(), View::Reader);
    assert_eq!(
        app.reader().unwrap().hit.article.id,
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
    let a = &app.reader().unwrap().hit.article;
    assert_eq!(a.origins.len(), 2, "{:?}", a.origins);
    assert_eq!(a.source(), "003_15cac33c2820b134.txt");
    let s = screen(&app);
    assert!(s.contains("tass-copy.txt"), "{s}");
}

#[test]
fn scrolling_to_the_end_of_the_list_loads_the_next_page() {
    let f = tui::empty();
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
    assert_eq!(app.results().unwrap().total, 120);
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
        app.selected(),
        page - 1,
        "the selection stays on the same article"
    );

    for _ in 0..3 {
        f.act(&mut app, [Action::Bottom]);
    }
    assert_eq!(app.hits().len(), 120, "pages stop at the total");
}

// ------------------------------------------------------------------ framing views

fn shift_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// Maps `k` in the app's current state and applies the action; panics when unbound.
fn press(app: &mut digest::tui::app::App, k: KeyEvent) {
    let a = bindings::map(app.place(), &k).unwrap_or_else(|| panic!("{k:?} is not bound here"));
    update(app, a);
}

/// An app on the bundled corpus with `query` typed and the focus on the list.
fn listing(fx: &tui::Fixture, w: u16, h: u16, query: &str) -> digest::tui::app::App {
    let mut app = fx.app(w, h);
    fx.type_str(&mut app, query);
    update(&mut app, Action::FocusList);
    app
}

/// Opens the comparison of the query with the hand-made comparison as its answer.
fn fake_compare(fx: &tui::Fixture, w: u16, h: u16, extra: usize) -> digest::tui::app::App {
    let mut app = listing(fx, w, h, "moon");
    update(&mut app, Action::OpenCompare);
    tui::answer_comparison(&mut app, tui::fake_comparison(fx, extra));
    app
}

#[test]
fn e_opens_the_events_and_enter_asks_for_their_comparison() {
    let fx = tui::with_events();
    let mut app = listing(&fx, 120, 40, "moon");
    press(&mut app, key(KeyCode::Char('e')));
    assert_eq!(app.view(), View::Events);
    assert!(app.framing_pending());
    let requests = app.take_requests();
    assert!(
        matches!(requests.as_slice(), [Request::Events { .. }]),
        "{requests:?}"
    );
    assert!(screen(&app).contains("Finding events…"));
    // The worker's answer, synchronously.
    if let [Request::Events { ticket, window }] = requests.as_slice() {
        app.answer(worker::events_answer(&fx.index, *ticket, window));
    }
    assert!(!app.framing_pending());
    let events = app.events().unwrap().list().to_vec();
    assert!(events.len() >= 3, "the fixtures have events: {events:?}");
    let s = screen(&app);
    assert!(s.contains(&events[0].date.clone().unwrap()), "{s}");
    assert!(
        s.contains(&format!("{} passages", events[0].passages)),
        "{s}"
    );

    // j/k and the arrows move; the selection stays in the list.
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(app.events().unwrap().selected, 1);
    press(&mut app, key(KeyCode::Up));
    press(&mut app, key(KeyCode::Up));
    assert_eq!(app.events().unwrap().selected, 0);
    press(&mut app, key(KeyCode::End));
    assert_eq!(app.events().unwrap().selected, events.len() - 1);
    press(&mut app, key(KeyCode::Char('k')));
    let chosen = events[events.len() - 2].clone();

    // Enter asks for the comparison of the selected event.
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view(), View::Compare);
    let requests = app.take_requests();
    match requests.as_slice() {
        [Request::Compare { target, .. }] => assert_eq!(
            *target,
            CompareTarget::Event {
                id: chosen.id.clone(),
                label: chosen.label.clone(),
                window: Default::default(),
            }
        ),
        other => panic!("{other:?}"),
    }
    assert!(screen(&app).contains("Comparing…"));

    // Esc goes back to the events, same selection, without asking again; Esc again and
    // q go back to the list.
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view(), View::Events);
    assert!(app.compare().is_none());
    assert_eq!(app.events().unwrap().selected, events.len() - 2);
    press(&mut app, key(KeyCode::Char('q')));
    assert_eq!(app.view(), View::List);
    assert!(!app.quit());
    // Reopening uses the list in hand.
    press(&mut app, key(KeyCode::Char('e')));
    assert!(app.take_requests().is_empty());
    assert_eq!(app.events().unwrap().selected, events.len() - 2);
}

#[test]
fn c_compares_the_query_on_the_search_line() {
    let fx = seeded();
    let mut app = listing(&fx, 120, 40, "lunar station");
    fx.act(&mut app, [Action::ToggleOutlet(0)]);
    press(&mut app, key(KeyCode::Char('c')));
    assert_eq!(app.view(), View::Compare);
    let requests = app.take_requests();
    match requests.as_slice() {
        [Request::Compare { target, .. }] => assert_eq!(
            *target,
            CompareTarget::Query {
                query: "lunar station".into(),
                outlets: vec![app.index().outlets[0].id.clone()],
                since: None,
                until: None,
            }
        ),
        other => panic!("{other:?}"),
    }
    assert!(screen(&app).contains("Compare › lunar station"));
    // Issue 18: the comparison looks within the list's filters, and says so.
    tui::answer_comparison_of(&mut app, &fx, requests);
    let s = screen(&app);
    assert!(s.contains("within the list's outlet/date filters"), "{s}");
    let chosen = app.index().outlets[0].id.clone();
    let columns = &app.compare().unwrap().comparison().unwrap().outlets;
    assert!(!columns.is_empty());
    assert!(columns.iter().all(|c| c.outlet == chosen), "{columns:#?}");
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view(), View::List);
    assert_eq!(app.focus(), Focus::List);

    // Without a query there is nothing to compare: the view says what to do.
    let mut app = fx.app(80, 24);
    fx.settle(&mut app);
    update(&mut app, Action::FocusList);
    press(&mut app, key(KeyCode::Char('c')));
    assert!(app.take_requests().is_empty());
    assert!(!app.framing_pending());
    assert!(screen(&app).contains("No query to compare."));
}

#[test]
fn tab_moves_between_outlet_columns_and_they_scroll_sideways() {
    let fx = seeded();
    // 80 columns: two outlet columns side by side; seven outlets in all.
    let mut app = fake_compare(&fx, 80, 24, 2);
    let n = app.compare().unwrap().columns.len();
    assert_eq!(n, 7);
    assert_eq!(digest::tui::ui::layout::visible_columns(80, n), 2);
    let s = screen(&app);
    assert!(s.contains("5 more ▶"), "{s}");
    assert!(!s.contains("◀"), "{s}");

    press(&mut app, key(KeyCode::Tab));
    let cv = app.compare().unwrap();
    assert_eq!((cv.focus, cv.first), (1, 0));
    press(&mut app, key(KeyCode::Tab));
    let cv = app.compare().unwrap();
    assert_eq!(
        (cv.focus, cv.first),
        (2, 1),
        "the focused column scrolls into view"
    );
    let s = screen(&app);
    assert!(s.contains("◀ 1 more") && s.contains("4 more ▶"), "{s}");
    let name = cv.comparison().unwrap().outlets[2].outlet_name.clone();
    assert!(s.contains(&format!("{name} · passage 1 of")), "{s}");

    press(&mut app, shift_tab());
    press(&mut app, shift_tab());
    press(&mut app, shift_tab());
    let cv = app.compare().unwrap();
    assert_eq!(
        (cv.focus, cv.first),
        (n - 1, n - 2),
        "Shift-Tab wraps to the last"
    );
    assert!(screen(&app).contains("◀ 5 more"));
    press(&mut app, key(KeyCode::Right));
    let cv = app.compare().unwrap();
    assert_eq!((cv.focus, cv.first), (0, 0), "Tab wraps to the first");

    // Wider: four columns; narrower than 80: one at a time (stacked).
    update(&mut app, Action::Resize(160, 48));
    assert!(screen(&app).contains("3 more ▶"));
    update(&mut app, Action::Resize(60, 24));
    let s = screen(&app);
    assert!(s.contains("6 more ▶") && s.contains(" 1/7 "), "{s}");
    press(&mut app, key(KeyCode::Tab));
    let s = screen(&app);
    assert!(s.contains("◀ 1 more") && s.contains(" 2/7 "), "{s}");
}

#[test]
fn j_and_k_move_between_passages_and_keep_them_in_view() {
    let fx = seeded();
    let mut app = fake_compare(&fx, 80, 24, 0);
    let height = digest::tui::ui::layout::column_text_height(app.area());
    let visible = |app: &digest::tui::app::App| {
        let cv = app.compare().unwrap();
        let c = &cv.columns[cv.focus];
        let r = c.doc.passages[c.selected].clone();
        (
            c.selected,
            r.start >= c.scroll && r.start < c.scroll + height,
        )
    };
    let passages = app.compare().unwrap().columns[0].doc.passages.len();
    assert!(passages >= 4);
    for i in 1..passages {
        press(&mut app, key(KeyCode::Char('j')));
        assert_eq!(visible(&app), (i, true));
    }
    press(&mut app, key(KeyCode::Char('j')));
    assert_eq!(visible(&app).0, passages - 1, "stops at the last");
    press(&mut app, key(KeyCode::Char('g')));
    assert_eq!(visible(&app), (0, true));
    assert_eq!(app.compare().unwrap().columns[0].scroll, 0);

    // Page down scrolls the column; the selection follows onto a passage in view.
    press(&mut app, key(KeyCode::PageDown));
    let c = &app.compare().unwrap().columns[0];
    assert!(c.scroll > 0);
    assert!(c.selected > 0);
    assert!(visible(&app).1);
    press(&mut app, key(KeyCode::PageUp));
    assert_eq!(app.compare().unwrap().columns[0].scroll, 0);
    // G goes to the end of the column (naming, voices, terms, tone).
    press(&mut app, key(KeyCode::Char('G')));
    let s = screen(&app);
    assert!(s.contains("Tone"), "{s}");
    // Each column keeps its own selection.
    press(&mut app, key(KeyCode::Tab));
    press(&mut app, key(KeyCode::Down));
    let cv = app.compare().unwrap();
    assert_eq!(cv.columns[1].selected, 1);
    assert!(cv.columns[0].selected > 0);
}

#[test]
fn enter_on_a_passage_opens_the_reader_there_and_esc_comes_back() {
    let fx = seeded();
    let mut app = fake_compare(&fx, 80, 24, 0);
    press(&mut app, key(KeyCode::Tab));
    for _ in 0..3 {
        press(&mut app, key(KeyCode::Char('j')));
    }
    let cv = app.compare().unwrap();
    let p = cv.comparison().unwrap().outlets[1].passages[3].clone();
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view(), View::Reader);
    let r = app.reader().unwrap();
    assert_eq!(r.hit.article.id, p.article);
    // Esc goes back to the comparison: it is the screen under the reader.
    let under = &app.stack()[app.stack().len() - 2];
    assert!(matches!(under, Screen::Compare(_)), "{under:?}");
    // The passage's lines are on screen, marked, with its first match current.
    let lines = r
        .doc
        .focus
        .clone()
        .expect("the passage is found in the article");
    let height = app.reader_height();
    assert!(
        lines.start >= r.scroll && lines.end <= r.scroll + height,
        "{lines:?}"
    );
    let shown: String = r.doc.lines[lines.clone()]
        .iter()
        .flat_map(|l| l.iter().map(|run| run.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let first_words: String = p
        .text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains(&first_words), "{shown:?} vs {:?}", p.text);
    let m = r.current.expect("a match in the passage is current");
    assert!(lines.contains(&r.doc.matches[m]));
    assert!(screen(&app).contains('▌'));
    // Resizing keeps the passage in view.
    update(&mut app, Action::Resize(60, 20));
    let r = app.reader().unwrap();
    let lines = r.doc.focus.clone().unwrap();
    assert!(lines.start >= r.scroll && lines.start < r.scroll + app.reader_height());
    update(&mut app, Action::Resize(80, 24));

    // Esc: back to the comparison as it was.
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view(), View::Compare);
    assert!(app.reader().is_none());
    let cv = app.compare().unwrap();
    assert_eq!((cv.focus, cv.columns[1].selected), (1, 3));
    // Esc again: back to the list it was opened from.
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view(), View::List);
    assert!(app.compare().is_none());
}

#[test]
fn stale_and_failed_framing_answers() {
    let fx = seeded();
    let mut app = listing(&fx, 80, 24, "moon");
    update(&mut app, Action::OpenCompare);
    let old = app.take_requests();
    update(&mut app, Action::Back);
    update(&mut app, Action::OpenCompare);
    let new = app.take_requests();
    // The answer to the first request arrives late: dropped.
    let g = |r: &[Request]| match r {
        [Request::Compare { ticket, .. }] => *ticket,
        other => panic!("{other:?}"),
    };
    app.answer(Answer::Comparison {
        ticket: g(&old),
        outcome: Ok(tui::fake_comparison(&fx, 0)),
    });
    assert!(app.framing_pending());
    assert!(app.compare().unwrap().comparison().is_none());
    // An error shows in place.
    app.answer(Answer::Comparison {
        ticket: g(&new),
        outcome: Err("comparing failed: \u{1b}[31mboom".into()),
    });
    let s = screen(&app);
    assert!(s.contains("comparing failed: boom"), "{s}");
    assert!(s.contains("Press r to try again"), "{s}");
    // r asks again.
    press(&mut app, key(KeyCode::Char('r')));
    assert!(app.framing_pending());
    let again = app.take_requests();
    assert!(again.iter().any(|r| matches!(r, Request::Compare { .. })));
    // No outlet covers it.
    let mut empty = tui::fake_comparison(&fx, 0);
    empty.comparison.outlets.clear();
    let ticket = app.compare().unwrap().answer.ticket();
    app.answer(Answer::Comparison {
        ticket,
        outcome: Ok(empty),
    });
    assert!(screen(&app).contains("No outlet covers this query."));
    // Tab, j, Enter on nothing do nothing.
    for k in [
        KeyCode::Tab,
        KeyCode::Char('j'),
        KeyCode::Enter,
        KeyCode::PageDown,
    ] {
        press(&mut app, key(k));
    }
    assert_eq!(app.view(), View::Compare);

    // Events: none, then an error.
    update(&mut app, Action::Back);
    update(&mut app, Action::OpenEvents);
    let ticket = app.events().unwrap().events.ticket();
    app.answer(Answer::Events {
        ticket,
        outcome: Ok(Vec::new()),
    });
    let s = screen(&app);
    assert!(
        s.contains("No events: no happening is reported by two or more outlets."),
        "{s}"
    );
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view(), View::Events);
    press(&mut app, key(KeyCode::Char('r')));
    let ticket = app.events().unwrap().events.ticket();
    app.answer(Answer::Events {
        ticket,
        outcome: Err("finding events failed: index gone".into()),
    });
    assert!(screen(&app).contains("finding events failed: index gone"));
}

#[test]
fn framing_views_draw_at_every_size_without_panicking() {
    let fx = seeded();
    let mut events = listing(&fx, 120, 40, "moon");
    fx.act(&mut events, [Action::OpenEvents, Action::Down]);
    let compare = fake_compare(&fx, 120, 40, 3);
    // 1×1 … 300×100, around every threshold: too small (20×6), the info row (8), the
    // hint row (16), one column (< 80), two (80), three (108), four (144).
    let widths = [1, 2, 19, 20, 21, 37, 40, 72, 79, 80, 81, 108, 144, 229, 300];
    for w in widths {
        for h in [1, 5, 6, 7, 8, 15, 16, 24, 100] {
            let mut app = events.clone();
            update(&mut app, Action::Resize(w, h));
            let _ = screen(&app);
            update(&mut app, Action::Bottom);
            update(&mut app, Action::Open);
            let _ = screen(&app);

            let mut app = compare.clone();
            update(&mut app, Action::Resize(w, h));
            let _ = screen(&app);
            for a in [Action::PrevColumn, Action::Down, Action::PageDown] {
                update(&mut app, a);
            }
            let _ = screen(&app);
            update(&mut app, Action::Bottom);
            update(&mut app, Action::Up);
            update(&mut app, Action::Open);
            let _ = screen(&app);
            update(&mut app, Action::Back);
            update(&mut app, Action::Help);
            let _ = screen(&app);
        }
    }
}

#[test]
fn untrusted_text_in_a_comparison_is_sanitised() {
    let fx = seeded();
    let mut answer = tui::fake_comparison(&fx, 0);
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J嫦娥 \u{202e}moon\u{9b}31m";
    let c = &mut answer.comparison;
    c.label = format!("label {evil}");
    c.missing = vec![format!("id{evil}")];
    for col in &mut c.outlets {
        col.outlet_name = format!("Name {evil}");
        col.articles[0].title = format!("Title {evil}");
        col.articles[0].date = Some(format!("2021{evil}"));
        for p in &mut col.passages {
            p.text = format!("{evil} {}", p.text);
            p.highlights = std::iter::once(0..evil.len()).collect();
            p.shared_with = vec![format!("x{evil}")];
        }
        for n in col.naming.values_mut() {
            n.name = format!("N {evil}");
            n.forms[0].form = evil.into();
        }
        col.voices[0].name = evil.into();
        col.voices[0].role = Some(evil.into());
        col.voices[0].kind = evil.into();
        col.distinctive_terms[0].term = evil.into();
        col.tone.words[0].word = evil.into();
    }
    for (w, h) in [(160, 48), (80, 24), (40, 12)] {
        let mut app = listing(&fx, w, h, "moon");
        update(&mut app, Action::OpenCompare);
        tui::answer_comparison(&mut app, answer.clone());
        for _ in 0..4 {
            let term = tui::render(&app);
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
            update(&mut app, Action::Bottom);
            update(&mut app, Action::NextColumn);
        }
    }
}

#[test]
fn the_worker_answers_framing_requests_on_its_own_thread() {
    let dir = tempfile::tempdir().unwrap();
    let index = digest::index::DigestIndex::open_seeded(&dir.path().join("index")).unwrap();
    let w = worker::Worker::spawn(index).unwrap();
    assert!(w.send(Request::Events {
        ticket: 7,
        window: Default::default(),
    }));
    assert!(w.send(Request::Compare {
        ticket: 8,
        target: CompareTarget::Query {
            query: "lunar station".into(),
            outlets: Vec::new(),
            since: None,
            until: None,
        },
    }));
    let start = std::time::Instant::now();
    let (mut events, mut compare) = (false, false);
    while !(events && compare) {
        match w.try_recv() {
            Ok(Some(Answer::Events { ticket: 7, outcome })) => {
                assert!(!outcome.unwrap().is_empty());
                events = true;
            }
            Ok(Some(Answer::Comparison { ticket: 8, outcome })) => {
                let a = outcome.unwrap();
                // Every passage's article came along for the reader.
                for p in a.comparison.outlets.iter().flat_map(|c| &c.passages) {
                    assert!(a.articles.contains_key(&p.article));
                }
                compare = true;
            }
            Ok(_) => {}
            Err(()) => panic!("the worker stopped"),
        }
        assert!(start.elapsed().as_secs() < 30, "no answer from the worker");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn framing_views_in_no_color_keep_highlights_and_markers() {
    let fx = seeded();
    let mut app = fx.app_with(160, 48, Theme::mono());
    fx.type_str(&mut app, "moon");
    update(&mut app, Action::FocusList);
    update(&mut app, Action::OpenCompare);
    tui::answer_comparison(&mut app, tui::fake_comparison(&fx, 0));
    let check = |app: &digest::tui::app::App| {
        let term = tui::render(app);
        let mut highlighted = String::new();
        for cell in term.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset, "colour in NO_COLOR mode: {cell:?}");
            assert_eq!(cell.bg, Color::Reset, "colour in NO_COLOR mode: {cell:?}");
            if cell
                .modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
            {
                highlighted.push_str(cell.symbol());
            }
        }
        highlighted.to_lowercase()
    };
    // The passages' highlighted words (byte ranges into the text) stand out.
    let h = check(&app);
    assert!(h.contains("moon") && h.contains("lunar"), "{h}");
    update(&mut app, Action::Back);
    fx.act(&mut app, [Action::OpenEvents]);
    let _ = check(&app);
}

/// Issue 18: `e` lists the events within the list's outlet and date filters, and says so.
#[test]
fn e_looks_within_the_lists_filters() {
    let fx = tui::with_events();
    let mut all = listing(&fx, 120, 40, "harbour");
    press(&mut all, key(KeyCode::Char('e')));
    fx.settle(&mut all);
    let every = all.events().unwrap().list().len();

    let mut app = listing(&fx, 120, 40, "harbour");
    let cnes = app
        .index()
        .outlets
        .iter()
        .position(|o| o.id == "cnes")
        .unwrap();
    fx.act(&mut app, [Action::ToggleOutlet(cnes)]);
    press(&mut app, key(KeyCode::Char('e')));
    fx.settle(&mut app);
    let events = app.events().unwrap().list();
    assert!(!events.is_empty() && events.len() < every, "{events:#?}");
    assert!(events.iter().all(|e| e.outlets.iter().any(|o| o == "cnes")));
    assert!(screen(&app).contains("within the list's outlet/date filters"));
    // Other filters, another list: the one in hand is not reused.
    press(&mut app, key(KeyCode::Esc));
    fx.act(&mut app, [Action::AllOutlets]);
    press(&mut app, key(KeyCode::Char('e')));
    assert!(!app.take_requests().is_empty());
}

/// The result rows of a screen marked new (the mark opens the row, after the selection bar).
fn marked(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter(|l| l.starts_with("│▌new ") || l.starts_with("│ new "))
        .collect()
}

/// `F` fetches the subscribed feeds in the background: the status line follows it, the
/// list is searched again once the articles are in, and what arrived since the last visit
/// is marked; the status goes at the next key. With no feeds, the status line says so.
#[test]
fn fetching_from_the_reader_refreshes_the_list_and_marks_new_articles() {
    use digest::tui::answer::FetchStatus;
    let server = crate::util::http::okapi_feed_server();
    let fx = seeded();
    let index = fx.dir.path().join("index");

    // No feeds yet: the fetch says why it cannot run.
    let mut app = fx.app(120, 40).with_last_visit(Some(1));
    fx.act(&mut app, [Action::Back, Action::Fetch]);
    assert!(
        matches!(app.fetch(), Some(FetchStatus::Failed(why)) if why.contains("digest feeds add")),
        "{:?}",
        app.fetch()
    );
    assert!(screen(&app).contains("fetch failed: no feeds to fetch"));

    let added = std::process::Command::new(crate::util::BIN)
        .env("DIGEST_INDEX", &index)
        .args([
            "feeds",
            "add",
            &server.url("/tass.xml"),
            "--full-text",
            "never",
        ])
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");

    // Searching "lunar" before: the bundled articles, none of them new.
    let visit = digest::index::unix_now();
    let mut app = fx.app(120, 40).with_last_visit(Some(visit));
    fx.type_str(&mut app, "lunar");
    let before = hit_ids(&app);
    assert!(!before.is_empty());
    assert!(marked(&screen(&app)).is_empty(), "{}", screen(&app));

    update(&mut app, Action::Back);
    update(&mut app, Action::Fetch);
    assert!(app.fetch().is_some_and(FetchStatus::running));
    assert!(screen(&app).contains("fetching feeds…"), "{}", screen(&app));
    // F again while it runs asks for nothing more.
    update(&mut app, Action::Fetch);
    assert_eq!(
        app.take_requests()
            .into_iter()
            .filter(|r| matches!(r, Request::Fetch))
            .count(),
        1
    );
    // What the fetch thread does, synchronously; then the refresh and search it asks for.
    let done = worker::respond(&fx.index, Request::Fetch).unwrap();
    app.answer(done);
    fx.settle(&mut app);
    assert_eq!(
        app.fetch(),
        Some(&FetchStatus::Done("1 new article from 1 feed".into()))
    );
    assert_eq!(app.index().articles, 6);
    assert_eq!(
        hit_ids(&app).len(),
        before.len() + 1,
        "the list was searched again"
    );
    let s = screen(&app);
    assert!(s.contains("fetched: 1 new article from 1 feed"), "{s}");
    let rows = marked(&s);
    assert_eq!(rows.len(), 1, "{s}");
    assert!(rows[0].contains("Okapi census"), "{s}");

    // The next key clears the status; the mark stays for this visit.
    fx.act(&mut app, [Action::Down]);
    let s = screen(&app);
    assert!(!s.contains("fetched:"), "{s}");
    assert_eq!(marked(&s).len(), 1, "{s}");

    // A later visit that began after the article arrived shows no mark.
    let mut app = fx.app(120, 40).with_last_visit(Some(visit + 3600));
    fx.type_str(&mut app, "okapi");
    assert_eq!(hit_ids(&app).len(), 1);
    assert!(marked(&screen(&app)).is_empty());
}

/// Opening an article marks it read: its title is dimmed in the list, the outlet picker
/// counts what is left unread, and `u` lists only the unread (issue 21).
#[test]
fn opened_articles_are_read_and_u_shows_the_unread() {
    let fx = seeded();
    let mut app = fx.app(120, 40);
    fx.settle(&mut app);
    assert_eq!(app.hits().len(), 5);
    let first = app.hits()[0].article.clone();
    fx.act(&mut app, [Action::FocusList, Action::Open]);
    assert!(app.reader().is_some());
    assert_eq!(app.read().get(&first.id), Some(&first.outlet));
    assert!(app.take_io().contains(&digest::tui::links::Io::SaveRead));
    fx.act(&mut app, [Action::Back, Action::OpenOutlets]);
    let s = screen(&app);
    assert!(s.contains("0 unread"), "{s}");
    fx.act(&mut app, [Action::Back, Action::ToggleUnread]);
    assert_eq!(app.hits().len(), 4);
    assert!(app.hits().iter().all(|h| h.article.id != first.id));
    assert!(screen(&app).contains("unread only"));
    fx.act(&mut app, [Action::ToggleUnread]);
    assert_eq!(app.hits().len(), 5);

    // What was read last time is read from the start.
    let app = fx
        .app(120, 40)
        .with_read([(first.id.clone(), first.outlet.clone())].into());
    assert!(app.read().contains_key(&first.id));
}

/// Each theme draws the selection bar and the outlets so they can be seen: 24-bit dark,
/// light (a light bar), 16 colours (reverse video, basic colours only) and none (issue 21).
#[test]
fn every_theme_shows_the_selection_and_the_outlets() {
    let fx = seeded();
    for (name, theme) in [
        ("dark", Theme::colored()),
        ("light", Theme::light()),
        ("16", Theme::basic16()),
        ("none", Theme::mono()),
    ] {
        let mut app = fx.app_with(80, 24, theme);
        fx.settle(&mut app);
        let term = tui::render(&app);
        let buf = term.backend().buffer();
        // Row 2 is the selected result: its outlet name starts after "│▌".
        let name_cell = &buf[(2, 2)];
        let bar = &buf[(1, 2)];
        match name {
            "dark" => {
                assert_eq!(name_cell.bg, Color::Rgb(45, 50, 62), "{name}");
                assert!(matches!(name_cell.fg, Color::Rgb(..)), "{name}");
            }
            "light" => assert_eq!(name_cell.bg, Color::Rgb(218, 224, 236), "{name}"),
            "16" => {
                assert!(name_cell.modifier.contains(Modifier::REVERSED), "{name}");
                assert!(
                    !matches!(name_cell.fg, Color::Rgb(..) | Color::Indexed(_)),
                    "{name}"
                );
                for cell in buf.content() {
                    assert!(
                        !matches!(cell.fg, Color::Rgb(..) | Color::Indexed(_))
                            && !matches!(cell.bg, Color::Rgb(..) | Color::Indexed(_)),
                        "a 24-bit or palette colour in the 16-colour theme: {cell:?}"
                    );
                }
            }
            _ => {
                assert_eq!(name_cell.fg, Color::Reset, "{name}");
                assert_eq!(bar.symbol(), "▌");
            }
        }
    }
}
