//! The guides' other practices: each new built-in runs to its end key by key through the
//! app (as a person would answer it), saves one completed entry answering every step that
//! records something, names its source, and is listed in the README with where it comes from.

mod tui_common;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use steady::practice::Library;
use steady::tui::keymap::Keymap;
use tui_common::*;

const NEW: [&str; 13] = [
    "defusion",
    "say-it-out-loud",
    "numb-under-closeness",
    "narrate-pull-back",
    "sit-with-distress",
    "need-space-check",
    "solitude-check",
    "late-feeling",
    "reassurance-plan",
    "connection-ritual",
    "three-supports",
    "unsent-letter",
    "eightieth-birthday",
];

#[test]
fn every_new_practice_runs_to_its_end_through_the_keys() {
    let library = Library::builtin();
    for id in NEW {
        let practice = library
            .get(id)
            .unwrap_or_else(|| panic!("{id} is built in"));
        let clock = clock();
        let journal = Saved::default();
        let mut app = run(practice.clone(), clock.clone(), journal.clone());
        let mut presses = 0;
        while app.keymap() != Keymap::Finished {
            presses += 1;
            assert!(
                presses < 60,
                "{id} did not end:\n{}",
                screen(&mut app, 80, 24)
            );
            match app.keymap().base() {
                Keymap::Say => press(&mut app, KeyCode::Enter),
                // Breath and timer steps end by themselves once their time has passed.
                Keymap::Timed => wait(&mut app, &clock, 600.0),
                Keymap::Scale => {
                    press(&mut app, KeyCode::Char('2'));
                    press(&mut app, KeyCode::Enter);
                }
                // Nothing is chosen for you: the first option, then Enter.
                Keymap::Pick => {
                    press(&mut app, KeyCode::Char('1'));
                    press(&mut app, KeyCode::Enter);
                }
                Keymap::PickMany => {
                    press(&mut app, KeyCode::Home);
                    press(&mut app, KeyCode::Char(' '));
                    press(&mut app, KeyCode::Enter);
                }
                Keymap::Typing | Keymap::List => {
                    type_text(&mut app, "a few words");
                    press(&mut app, KeyCode::Enter);
                }
                Keymap::TypingMulti => {
                    type_text(&mut app, "a few words");
                    press_with(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
                }
                other => panic!(
                    "{id}: unexpected keys {other:?}\n{}",
                    screen(&mut app, 80, 24)
                ),
            }
        }
        let entries = journal.entries.borrow();
        assert_eq!(entries.len(), 1, "{id}");
        let entry = &entries[0];
        assert!(entry.completed, "{id}");
        assert_eq!(entry.practice, id);
        for key in practice.steps.iter().filter_map(|s| s.key.as_ref()) {
            assert!(
                entry.responses.contains_key(key),
                "{id}: no `{key}` in {entry:?}"
            );
        }
    }
}

#[test]
fn every_new_practice_names_its_source_and_is_in_the_readme_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    let library = Library::builtin();
    for id in NEW {
        let p = library
            .get(id)
            .unwrap_or_else(|| panic!("{id} is built in"));
        assert!(p.source.len() > 20, "{id}: {}", p.source);
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{id}` |")))
            .unwrap_or_else(|| panic!("{id} has no row in the README's practice table"));
        assert_eq!(
            row.matches('|').count(),
            5,
            "{id}: id, practice, what, from: {row}"
        );
    }
}
