//! The built-in practices driven key by key through the app with a test clock, as a person
//! would use them: answers of their own on choice questions, and the end screen.

mod tui_common;

use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;
use serde_json::json;
use steady::practice::Library;
use steady::practice::model::Practice;
use tui_common::*;

fn builtin(id: &str) -> Arc<Practice> {
    Library::builtin()
        .get(id)
        .unwrap_or_else(|| panic!("{id} is built in"))
}

#[test]
fn a_word_of_ones_own_is_answer_enough_on_a_pick_any_question() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(builtin("distancing-reflection"), clock, journal.clone());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "I said I was fine.");
    press_with(
        &mut app,
        KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(screen(&app, 80, 24).contains("Pick any that fit."));
    // Down to "other…", past the seven options, and a word of one's own with nothing ticked.
    for _ in 0..7 {
        press(&mut app, KeyCode::Down);
    }
    type_text(&mut app, "walled off");
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&app, 80, 24));
    assert!(s.contains("A kind challenge for next time"), "{s}");
    type_text(&mut app, "I can mention one feeling.");
    press(&mut app, KeyCode::Enter);

    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].responses["felt"], json!(["walled off"]));
}
