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
        folder: std::env::temp_dir(),
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
    assert!(s.contains("search") && s.contains("export"), "{s}");
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

#[test]
fn a_delete_draws_saving_before_the_write_and_deleted_after() {
    let dir = std::env::temp_dir().join(format!("steady-review-saving-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("journal.jsonl");
    let line = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-21T08:01:02.123+01:00","ended_at":"2026-11-21T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3,"colour":"blue"}}"#;
    std::fs::write(&journal, format!("{line}\n")).unwrap();
    let clock = clock();
    let review = Review::open(
        &journal,
        &Config::default(),
        all_practices(),
        clock.clone(),
        options(),
    )
    .unwrap();
    let mut app = App::review(setup(clock, Saved::default(), Config::default()), review);
    press(&mut app, KeyCode::Char('d'));
    // The confirming key without `perform`: what the event loop draws before the write.
    let y = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('y'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    let action = app.keymap().action(y).unwrap();
    app.update(action);
    assert!(app.has_pending_work());
    assert!(screen(&app, 80, 24).contains("Saving…"));
    assert!(std::fs::read_to_string(&journal).unwrap().contains(line));
    // `?` in the same burst of keys: the delete is still carried out under the overlay.
    app.update(steady::tui::action::Action::Help);
    settle(&mut app);
    assert!(!app.has_pending_work());
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("Deleted."));
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), "");
    std::fs::remove_dir_all(&dir).unwrap();
}
