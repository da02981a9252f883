//! Review inside the app: `r` on home opens it and `q` comes back, `?` lists its keys from
//! the keymap, `steady review` ends with it, and a journal that cannot be read is said.

mod tui_common;

use chrono::Weekday;
use ratatui::crossterm::event::KeyCode;
use steady::config::Config;
use steady::tui::app::App;
use steady::tui::review::{Review, ReviewOptions};
use steady::tui::widgets::Theme;
use tui_common::*;

fn options() -> ReviewOptions {
    ReviewOptions {
        theme: Theme::PLAIN,
        first_weekday: Weekday::Mon,
        home: std::env::temp_dir(),
    }
}

#[test]
fn r_on_home_opens_review_and_q_comes_back() {
    let mut app = home(clock(), Saved::default());
    press(&mut app, KeyCode::Char('r'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("1 History") && s.contains("3 Calendar"), "{s}");
    assert!(s.contains("Enter open"), "{s}");
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("search") && s.contains("export what is shown"),
        "{s}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&app, 80, 24).contains("Showing the last 30 days"));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit(), "q in review goes back home");
    assert!(screen(&app, 80, 24).contains("Enter start"));
}

#[test]
fn opened_as_steady_review_it_ends_with_review() {
    let dir = std::env::temp_dir().join(format!("steady-review-app-{}", std::process::id()));
    let clock = clock();
    let review = Review::open(
        &dir.join("journal.jsonl"),
        &Config::default(),
        all_practices(),
        clock.clone(),
        options(),
    )
    .unwrap();
    let mut app = App::review(setup(clock, Saved::default(), Config::default()), review);
    // While typing a search, q and ? are letters.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "q?");
    assert!(!app.should_quit());
    assert!(screen(&app, 80, 24).contains("Search text answers: q?"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

#[test]
fn a_journal_that_cannot_be_read_is_said() {
    let clock = clock();
    let why = "could not read /nowhere/journal.jsonl because permission was denied".to_owned();
    let review = Review::unavailable(why, clock.clone(), options());
    let app = App::review(setup(clock, Saved::default(), Config::default()), review);
    let s = screen(&app, 100, 24);
    assert!(s.contains("permission was denied"), "{s}");
}
