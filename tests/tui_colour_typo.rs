//! The feeling check-in's colour step in the TUI: a typed colour one letter from a palette
//! colour is questioned in one line (the same rule as `steady checkin`), and the person
//! takes the suggestion or keeps their word with one key.

mod tui_common;

use ratatui::crossterm::event::KeyCode;
use tui_common::*;

/// A check-in on its colour step with `word` typed on the "other…" row and Enter pressed.
fn typed_colour(journal: Saved, word: &str) -> steady::tui::app::App {
    let mut app = feeling_typed(journal, "tense");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::End);
    type_text(&mut app, word);
    press(&mut app, KeyCode::Enter);
    app
}

/// Finishes the check-in (its optional note left empty) and returns the colour saved.
fn saved_colour(mut app: steady::tui::app::App, journal: &Saved) -> String {
    assert!(
        screen(&mut app, 80, 24).contains("One sentence"),
        "{}",
        screen(&mut app, 80, 24)
    );
    press_with(
        &mut app,
        KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    let entries = journal.entries.borrow();
    let entry = entries.last().expect("the check-in was saved");
    entry.str("colour").unwrap().to_owned()
}

#[test]
fn a_likely_typo_is_questioned_in_one_line() {
    let mut app = typed_colour(Saved::default(), "Gren");
    insta::assert_snapshot!("colour_question_80x24", screen(&mut app, 80, 24));
    let small = squash(&screen(&mut app, 40, 12));
    assert!(small.contains("Did you mean green?"), "{small}");
}

#[test]
fn y_or_enter_takes_the_suggestion() {
    for key in [KeyCode::Char('y'), KeyCode::Enter] {
        let journal = Saved::default();
        let mut app = typed_colour(journal.clone(), "gren");
        press(&mut app, key);
        assert_eq!(saved_colour(app, &journal), "green", "{key:?}");
    }
}

#[test]
fn n_keeps_the_typed_word() {
    let journal = Saved::default();
    let mut app = typed_colour(journal.clone(), "gren");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(saved_colour(app, &journal), "gren");
}

#[test]
fn another_key_puts_the_question_away_and_goes_on_editing() {
    let journal = Saved::default();
    let mut app = typed_colour(journal.clone(), "gren");
    press(&mut app, KeyCode::Backspace);
    let s = screen(&mut app, 80, 24);
    assert!(!s.contains("Did you mean"), "{s}");
    type_text(&mut app, "y");
    // "grey" is in the palette: no question.
    press(&mut app, KeyCode::Enter);
    assert_eq!(saved_colour(app, &journal), "grey");
}

#[test]
fn a_word_far_from_every_colour_or_a_known_colour_is_not_questioned() {
    for word in ["stormy", "gray"] {
        let journal = Saved::default();
        let app = typed_colour(journal.clone(), word);
        assert_eq!(saved_colour(app, &journal), word);
    }
}
