//! Snapshot tests of every screen of the interactive reader at 80×24 and 120×40 (and a
//! few small sizes), drawn on ratatui's `TestBackend` from state built on a real index
//! seeded with the bundled corpus.
//!
//! Update with `INSTA_UPDATE=always cargo test --test tests tui::snapshots`, then review the
//! `.snap` files under `tests/tui/snapshots/`.

use crate::util::tui::{self, Fixture, render, seeded};
use digest::tui::action::Action;
use digest::tui::app::App;
use insta::assert_snapshot;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &App) {
    let term = render(app);
    let (w, h) = (app.area().width, app.area().height);
    assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
}

fn searched(fx: &Fixture, w: u16, h: u16, query: &str) -> App {
    let mut app = fx.app(w, h);
    fx.type_str(&mut app, query);
    app
}

#[test]
fn start_screen() {
    let fx = seeded();
    for (w, h) in SIZES {
        // The newest articles, once the first answer is in.
        let mut app = fx.app(w, h);
        fx.settle(&mut app);
        snap("start", &app);
    }
}

/// Each theme's colours and attributes, cell by cell (ratatui's buffer listing: the text,
/// then every change of style), on the result list with a query's words highlighted and
/// the selection bar on the first result.
#[test]
fn every_theme() {
    use digest::tui::ui::theme::Theme;
    let fx = seeded();
    for (name, theme) in [
        ("dark", Theme::colored()),
        ("light", Theme::light()),
        ("16", Theme::basic16()),
        ("none", Theme::mono()),
    ] {
        for (w, h) in SIZES {
            let mut app = fx.app_with(w, h, theme.clone());
            fx.type_str(&mut app, "lunar station");
            let term = render(&app);
            assert_snapshot!(
                format!("theme_{name}_{w}x{h}"),
                format!("{:?}", term.backend().buffer())
            );
        }
    }
}

/// A query's results newest first (`s`), the unread-only list after reading the newest
/// article (`u`), and the notice of a copied link (issue 21).
#[test]
fn newest_first_unread_and_links() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "lunar");
        fx.act(&mut app, [Action::FocusList, Action::ToggleSort]);
        snap("sorted", &app);

        let mut app = fx.app(w, h);
        fx.settle(&mut app);
        fx.act(
            &mut app,
            [
                Action::FocusList,
                Action::Open,
                Action::Back,
                Action::ToggleUnread,
            ],
        );
        snap("unread", &app);

        let mut app = fx.app(w, h);
        fx.settle(&mut app);
        fx.act(&mut app, [Action::FocusList, Action::CopyCitation]);
        snap("copied", &app);
    }
}

#[test]
fn list_with_results() {
    let fx = seeded();
    for (w, h) in SIZES {
        snap("list", &searched(&fx, w, h, "lunar station"));
    }
}

#[test]
fn preview_of_another_selection_in_list_mode() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "moon");
        fx.act(&mut app, [Action::FocusList, Action::Down, Action::Down]);
        snap("preview", &app);
    }
}

#[test]
fn reader() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "moon");
        fx.act(&mut app, [Action::Open]);
        snap("reader", &app);
        fx.act(
            &mut app,
            [Action::NextMatch, Action::NextMatch, Action::NextMatch],
        );
        snap("reader_match", &app);
    }
}

#[test]
fn help() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "moon");
        fx.act(&mut app, [Action::FocusList, Action::Help]);
        snap("help", &app);
    }
}

#[test]
fn outlet_picker() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "russia");
        fx.act(
            &mut app,
            [
                Action::FocusList,
                Action::ToggleOutlet(1),
                Action::ToggleOutlet(3),
                Action::OpenOutlets,
                Action::Down,
            ],
        );
        snap("outlets", &app);
    }
}

#[test]
fn date_prompt() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "russia");
        fx.act(&mut app, [Action::FocusList, Action::OpenDates]);
        fx.type_str(&mut app, "2021-01-01..");
        snap("dates", &app);
    }
}

#[test]
fn filtered_list() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "russia");
        fx.act(
            &mut app,
            [
                Action::FocusList,
                Action::ToggleOutlet(1),
                Action::OpenDates,
            ],
        );
        fx.type_str(&mut app, "2021-01-01..2021-12-31");
        fx.act(&mut app, [Action::Submit]);
        snap("filtered", &app);
    }
}

#[test]
fn empty_index() {
    let fx = tui::empty();
    for (w, h) in SIZES {
        let mut app = fx.app(w, h);
        fx.settle(&mut app);
        snap("empty_index", &app);
    }
}

#[test]
fn no_results() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "artemis");
        // TASS never mentions Artemis.
        fx.act(&mut app, [Action::FocusList, Action::ToggleOutlet(3)]);
        snap("no_results", &app);
    }
}

#[test]
fn query_error() {
    let fx = seeded();
    for (w, h) in SIZES {
        let mut app = searched(&fx, w, h, "moon");
        fx.type_str(&mut app, " \"far side");
        snap("query_error", &app);
        // Without earlier results to keep, the list says what is wrong.
        fx.act(&mut app, [Action::Clear]);
        fx.type_str(&mut app, "(moon");
        snap("query_error_alone", &app);
    }
}

#[test]
fn small_terminal() {
    let fx = seeded();
    let mut app = searched(&fx, 40, 12, "moon");
    snap("list", &app);
    fx.act(&mut app, [Action::Open, Action::NextMatch]);
    snap("reader", &app);
    fx.act(
        &mut app,
        [Action::Back, Action::FocusList, Action::OpenOutlets],
    );
    snap("outlets", &app);
    let mut app = fx.app(40, 12);
    fx.settle(&mut app);
    snap("start", &app);
}

#[test]
fn too_small() {
    let fx = seeded();
    let app = searched(&fx, 19, 5, "moon");
    snap("too_small", &app);
    let app = searched(&fx, 20, 6, "moon");
    snap("smallest", &app);
}

// ------------------------------------------------------------------ framing views
//
// Real events and comparisons from `digest::framing` on the bundled corpus.

const FRAMING_SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// The events list, from the list with `e`.
fn events(fx: &Fixture, w: u16, h: u16) -> App {
    let mut app = searched(fx, w, h, "moon");
    fx.act(&mut app, [Action::FocusList, Action::OpenEvents]);
    app
}

#[test]
fn events_list() {
    let fx = seeded();
    for (w, h) in FRAMING_SIZES {
        let app = events(&fx, w, h);
        assert!(!app.events().unwrap().list().is_empty());
        snap("events", &app);
    }
}

#[test]
fn comparison_of_an_event() {
    let fx = seeded();
    for (w, h) in FRAMING_SIZES {
        let mut app = events(&fx, w, h);
        fx.act(&mut app, [Action::Open]);
        snap("compare_event", &app);
        // The next column, two passages down.
        fx.act(&mut app, [Action::NextColumn, Action::Down, Action::Down]);
        snap("compare_event_moved", &app);
        // Enter reads the article at that passage.
        fx.act(&mut app, [Action::Open]);
        snap("compare_reader", &app);
    }
}

#[test]
fn comparison_of_a_query() {
    let fx = seeded();
    for (w, h) in FRAMING_SIZES {
        let mut app = searched(&fx, w, h, "lunar station");
        fx.act(&mut app, [Action::FocusList, Action::OpenCompare]);
        snap("compare_query", &app);
    }
}

#[test]
fn comparison_stacked_on_a_narrow_terminal() {
    let fx = seeded();
    let mut app = events(&fx, 60, 24);
    fx.act(&mut app, [Action::Open]);
    snap("compare_stacked", &app);
    fx.act(&mut app, [Action::NextColumn]);
    snap("compare_stacked_next", &app);
    let app = events(&fx, 60, 24);
    snap("events", &app);
}

#[test]
fn framing_views_while_computing() {
    let fx = seeded();
    let mut app = searched(&fx, 80, 24, "moon");
    for a in [Action::FocusList, Action::OpenEvents] {
        digest::tui::app::update(&mut app, a);
    }
    snap("events_pending", &app);
    fx.settle(&mut app);
    digest::tui::app::update(&mut app, Action::Open);
    snap("compare_pending", &app);
}
