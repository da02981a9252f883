//! "Your plans" (`p` on home): the safety plan and the latest plan made in each practice
//! that makes one, read again without searching History. Snapshots of the `TestBackend`
//! buffer.

mod tui_common;

use ratatui::crossterm::event::KeyCode;
use serde_json::json;
use steady::config::Config;
use steady::journal::entry::Entry;
use steady::practice::Library;
use steady::tui::app::App;
use steady::tui::keymap::Keymap;
use tui_common::*;

fn entry(practice: &str, at: &str, responses: &serde_json::Value) -> Entry {
    serde_json::from_value(json!({
        "v": 1, "id": format!("id-{practice}-{at}"), "practice": practice, "title": practice,
        "started_at": at, "ended_at": at, "completed": true, "via": "tui",
        "responses": responses,
    }))
    .unwrap()
}

fn plans_of(journal: &Saved) -> App {
    let mut s = setup(clock(), journal.clone(), Config::default());
    s.practices = Library::builtin().practices().to_vec();
    s.care.plan_path = std::env::temp_dir().join("steady-care-plans-none/safety-plan.toml");
    let mut app = App::home(s);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.keymap(), Keymap::Plans);
    app
}

#[test]
fn the_latest_of_each_plan_is_there_to_read_again() {
    let journal = Saved::default();
    journal.entries.borrow_mut().extend([
        entry(
            "three-supports",
            "2026-11-01T09:00:00+01:00",
            &json!({"supports": ["an old friend"], "plan": "an older plan"}),
        ),
        entry(
            "three-supports",
            "2026-11-20T09:00:00+01:00",
            &json!({"supports": ["Maya", "my sister", "the Tuesday choir"], "plan": "a swim on Saturday"}),
        ),
        entry(
            "eightieth-birthday",
            "2026-11-21T20:00:00+01:00",
            &json!({"words": "that I listened", "value": "present", "act": "phone off at dinner"}),
        ),
    ]);
    let mut app = plans_of(&journal);
    let s = squash(&screen(&mut app, 80, 60));
    assert!(s.contains("Made on 20 November 2026."), "{s}");
    assert!(
        s.contains("Maya") && s.contains("a swim on Saturday"),
        "{s}"
    );
    assert!(!s.contains("an older plan"), "only the latest: {s}");
    assert!(s.contains("phone off at dinner"), "{s}");
    assert!(s.contains("Not made yet."), "the reassurance plan: {s}");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
    // The rest is a scroll away.
    press(&mut app, KeyCode::End);
    insta::assert_snapshot!("plans_scrolled_to_the_end", screen(&mut app, 80, 24));
    // Esc is home again.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::Home);
}

#[test]
fn a_plan_made_in_its_practice_shows_under_p_and_every_size_draws() {
    let journal = Saved::default();
    let mut app = plans_of(&journal);
    assert!(squash(&screen(&mut app, 80, 60)).contains("Not made yet."));
    for (w, h) in [(40, 12), (80, 24), (0, 0), (1, 1)] {
        let _ = screen(&mut app, w, h);
    }
    press(&mut app, KeyCode::Esc);
    // A reassurance plan made through its practice, from home.
    let reassurance = Library::builtin().get("reassurance-plan").unwrap();
    let mut run = {
        let mut s = setup(clock(), journal.clone(), Config::default());
        s.practices = Library::builtin().practices().to_vec();
        App::practice(s, reassurance)
    };
    press(&mut run, KeyCode::Enter);
    press(&mut run, KeyCode::Down);
    press(&mut run, KeyCode::Char(' '));
    press(&mut run, KeyCode::Enter);
    type_text(&mut run, "when plans change late");
    press(&mut run, KeyCode::Enter);
    type_text(&mut run, "Could you text me when you are on your way?");
    press(&mut run, KeyCode::Enter);
    press(&mut run, KeyCode::Enter);
    press(&mut run, KeyCode::Enter);
    assert_eq!(
        journal.entries.borrow().len(),
        1,
        "{}",
        screen(&mut run, 80, 24)
    );
    let mut app = plans_of(&journal);
    let s = squash(&screen(&mut app, 80, 60));
    assert!(s.contains("when plans change late"), "{s}");
    assert!(
        s.contains("Could you text me when you are on your way?"),
        "{s}"
    );
}
