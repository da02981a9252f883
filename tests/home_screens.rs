//! Home as a person first meets it, with the built-in practices: snapshots of the
//! `TestBackend` buffer on the first run (a check-in offered, never "a quiet week") and
//! after some practice, at 80×24 where practices lie below the fold.

mod tui_common;

use steady::config::Config;
use steady::practice::Library;
use steady::tui::app::App;
use tui_common::*;

fn builtin_home(journal: Saved) -> App {
    let mut s = setup(clock(), journal, Config::default());
    s.practices = Library::builtin().practices().to_vec();
    App::home(s)
}

#[test]
fn the_first_run_offers_a_check_in_and_says_more_lies_below() {
    let mut app = builtin_home(Saved::default());
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("› Feeling check-in"), "{s}");
    assert!(s.contains("↓ more below") || s.contains("↑↓ more"), "{s}");
    assert!(!s.contains("A quiet week so far"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn after_some_practice_home_starts_at_the_top_and_still_says_more_below() {
    let journal = Saved {
        earlier: vec![chrono::DateTime::parse_from_rfc3339("2026-11-21T08:00:00+01:00").unwrap()],
        ..Saved::default()
    };
    let mut app = builtin_home(journal);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("› 90-second breath reset"), "{s}");
    assert!(s.contains("↓ more below"), "{s}");
    insta::assert_snapshot!(s);
}

/// Home as the TUI opens it: drawn before the journal is read, saying so, never "Welcome"
/// or "a quiet week" over a journal it has not read yet; its line about lately once read.
#[test]
fn home_draws_before_the_journal_is_read_and_says_so() {
    let journal = Saved {
        earlier: vec![chrono::DateTime::parse_from_rfc3339("2026-11-21T08:00:00+01:00").unwrap()],
        ..Saved::default()
    };
    let mut s = setup(clock(), journal, Config::default());
    s.practices = Library::builtin().practices().to_vec();
    let mut app = App::home_reading(s);
    let first = screen(&mut app, 80, 24);
    assert!(first.contains("Reading your journal…"), "{first}");
    assert!(
        !first.contains("Welcome") && !first.contains("quiet week"),
        "{first}"
    );
    insta::assert_snapshot!(first);
    // Without a worker (a journal in memory) the read is carried out in place.
    app.perform();
    let read = screen(&mut app, 80, 24);
    assert!(!read.contains("Reading your journal"), "{read}");
    assert!(
        read.contains("You practised on 1 of the last 7 days"),
        "{read}"
    );
}
