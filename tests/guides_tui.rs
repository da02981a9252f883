//! A guide through the keys: started from home, its step shown in full and its practices
//! first on home, moved on and left by the person's choice, each a journal entry; progress
//! read back from the journal at start; a failed save moves nothing.

#[path = "tui_common/tmux.rs"]
mod tmux;
mod tui_common;

use ratatui::crossterm::event::KeyCode;
use serde_json::json;
use steady::config::Config;
use steady::guide::GuideLibrary;
use steady::guide::progress::{self, Event};
use steady::practice::Library;
use steady::tui::app::App;
use steady::tui::keymap::Keymap;
use steady::tui::lately::Past;
use tui_common::*;

/// Home with the built-in guides and the built-in practices, and `events` as what the
/// journal already held.
fn home_with_guides(mut journal: Saved, events: Vec<progress::GuideEvent>) -> App {
    let practices = Library::builtin();
    journal.earlier_guide = events;
    let mut s = setup(clock(), journal, Config::default());
    s.practices = practices.practices().to_vec();
    s.care.guides = GuideLibrary::builtin(&practices).guides().to_vec();
    App::home(s)
}

fn responses(journal: &Saved) -> Vec<serde_json::Value> {
    journal
        .entries
        .borrow()
        .iter()
        .map(|e| {
            assert_eq!(e.practice, "guide");
            json!(e.responses)
        })
        .collect()
}

/// The home screen's list, from its first group heading on.
fn home_list(app: &mut App) -> String {
    let s = screen(app, 80, 40);
    let at = s
        .find("THIS STEP")
        .or_else(|| s.find("REGULATE"))
        .expect("a group heading");
    s[at..].to_owned()
}

#[test]
fn a_guide_is_started_moved_on_and_left_through_keys() {
    let journal = Saved::default();
    let mut app = home_with_guides(journal.clone(), Vec::new());
    assert!(screen(&mut app, 80, 24).contains("g guides · p your plans"));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.keymap(), Keymap::GuideChoose);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        responses(&journal),
        [json!({"guide": "anxious-eight-steps", "step": 1, "event": "started"})]
    );
    let step = squash(&screen(&mut app, 80, 40));
    assert!(
        step.contains("Eight steps for anxious attachment: step 1 of 8"),
        "{step}"
    );
    assert!(step.contains("Name your triggers"), "{step}");
    assert!(step.contains("Write down two recent moments"), "{step}");
    assert!(
        step.contains("From: Step 1 of the anxious-attachment guide"),
        "{step}"
    );
    assert_eq!(app.keymap(), Keymap::GuideStep);

    // Home names the step and lists its practices first.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::Home);
    let home = squash(&screen(&mut app, 80, 24));
    assert!(home.contains("step 1 of 8: Name your triggers."), "{home}");
    let list = home_list(&mut app);
    assert!(list.starts_with("THIS STEP"), "{list}");
    assert!(list.find("Trigger log") < list.find("REGULATE"), "{list}");
    // Enter starts the first practice of the step.
    press(&mut app, KeyCode::Enter);
    assert!(squash(&screen(&mut app, 80, 24)).contains("Trigger log"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.keymap(), Keymap::Home);

    // Moving on is the person's choice, one step at a time.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('n'));
    assert!(squash(&screen(&mut app, 80, 24)).contains("On to step 2, at your own pace."));
    press(&mut app, KeyCode::Esc);
    let list = home_list(&mut app);
    assert!(
        list.find("90-second breath reset") < list.find("REGULATE"),
        "{list}"
    );
    assert!(
        !list[..list.find("REGULATE").unwrap()].contains("Trigger log"),
        "{list}"
    );

    // Leaving asks first: n stays, y leaves.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.keymap(), Keymap::Ask);
    assert!(
        squash(&screen(&mut app, 80, 24)).contains("Leave this guide? y leaves it"),
        "{}",
        screen(&mut app, 80, 24)
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.keymap(), Keymap::GuideStep);
    assert_eq!(responses(&journal).len(), 2, "nothing recorded for a no");
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.keymap(), Keymap::GuideChoose);
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&mut app, 80, 24).contains("THIS STEP"));
    assert_eq!(
        responses(&journal)[1..],
        [
            json!({"guide": "anxious-eight-steps", "step": 2, "event": "moved-on"}),
            json!({"guide": "anxious-eight-steps", "step": 2, "event": "left"}),
        ]
    );
    // Guide entries are not practice: home still offers a first practice.
    let home = squash(&screen(&mut app, 80, 24));
    assert!(
        home.contains("A first practice to try: the feeling check-in"),
        "{home}"
    );
    assert!(!home.contains("A quiet week so far"), "{home}");
}

#[test]
fn a_guide_left_midway_offers_to_carry_on_where_it_was_left() {
    let practices = Library::builtin();
    let guides = GuideLibrary::builtin(&practices);
    let arc = guides.get("anxious-eight-steps").unwrap();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let earlier = [
        progress::entry(&arc, 1, Event::Started, at("2026-10-01T09:00:00+01:00")),
        progress::entry(&arc, 2, Event::MovedOn, at("2026-10-08T09:00:00+01:00")),
        progress::entry(&arc, 2, Event::Left, at("2026-10-09T09:00:00+01:00")),
    ];
    let events = progress::events(&earlier);
    let journal = Saved::default();
    let mut app = home_with_guides(journal.clone(), events);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.keymap(), Keymap::GuideResume);
    let asking = squash(&screen(&mut app, 80, 24));
    assert!(
        asking
            .contains("You left Eight steps for anxious attachment at step 2. c carries on there"),
        "{asking}"
    );
    // Esc is back to the list, with nothing recorded.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::GuideChoose);
    assert!(responses(&journal).is_empty());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(
        responses(&journal)[0],
        json!({"guide": "anxious-eight-steps", "step": 2, "event": "started"})
    );
    assert!(squash(&screen(&mut app, 80, 40)).contains("Carrying on at step 2."));
    assert!(squash(&screen(&mut app, 80, 40)).contains("step 2 of 8"));
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        responses(&journal)[2],
        json!({"guide": "anxious-eight-steps", "step": 1, "event": "started"})
    );
}

#[test]
fn enter_on_a_practice_of_the_step_starts_it() {
    let journal = Saved::default();
    let mut app = home_with_guides(journal.clone(), Vec::new());
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    // Step 1 of the anxious guide lists its practices; the first is marked.
    let step = screen(&mut app, 80, 40);
    assert!(step.contains("› Trigger log"), "{step}");
    press(&mut app, KeyCode::Down);
    let step = screen(&mut app, 80, 40);
    let marked = step
        .lines()
        .find_map(|l| l.trim().strip_prefix("› ").map(str::to_owned))
        .expect("a practice is marked");
    assert_ne!(marked, "Trigger log", "{step}");
    press(&mut app, KeyCode::Enter);
    let practice = screen(&mut app, 80, 24);
    assert!(
        practice.contains(&marked) && practice.contains("step 1 of"),
        "{practice}"
    );
    // Leaving the practice comes back home, the guide still under way.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.keymap(), Keymap::Home);
    assert!(home_list(&mut app).starts_with("THIS STEP"));
}

#[test]
fn progress_travels_with_the_journal_and_the_last_step_finishes() {
    let practices = Library::builtin();
    let guides = GuideLibrary::builtin(&practices);
    let arc = guides.get("avoidant-arc").unwrap();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let earlier = [
        progress::entry(&arc, 1, Event::Started, at("2026-10-01T09:00:00+01:00")),
        progress::entry(&arc, 4, Event::MovedOn, at("2026-11-01T09:00:00+01:00")),
    ];
    // Written to a real journal file and read back as steady does at start.
    let dir = std::env::temp_dir().join(format!("steady-guides-tui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("journal.jsonl");
    let lines = earlier.iter().fold(String::new(), |mut lines, e| {
        lines.push_str(&e.to_line());
        lines.push('\n');
        lines
    });
    std::fs::write(&path, format!("{{\"v\":1,\"not\":\"an entry\"}}\n{lines}")).unwrap();
    let events = Past::read(file_vault(&path).as_ref()).guide_events;
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(events.len(), 2);

    let journal = Saved::default();
    let mut app = home_with_guides(journal.clone(), events);
    let home = squash(&screen(&mut app, 80, 24));
    assert!(home.contains("step 4 of 4: The awkward middle."), "{home}");
    press(&mut app, KeyCode::Char('g'));
    assert!(squash(&screen(&mut app, 80, 40)).contains("This is the last step."));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        responses(&journal),
        [json!({"guide": "avoidant-arc", "step": 4, "event": "finished"})]
    );
    assert!(squash(&screen(&mut app, 80, 24)).contains("That was the last step."));
    assert_eq!(app.keymap(), Keymap::GuideChoose);
}

#[test]
fn a_failed_save_says_so_and_moves_nothing() {
    let journal = Saved::default();
    *journal.fail.borrow_mut() = Some("the disk is full".into());
    let mut app = home_with_guides(journal.clone(), Vec::new());
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("That could not be saved: could not write") && s.contains("the disk is full"),
        "{s}"
    );
    assert_eq!(app.keymap(), Keymap::GuideChoose, "no guide under way");
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&mut app, 80, 24).contains("THIS STEP"));
}

#[test]
fn every_size_draws_without_a_panic() {
    let mut app = home_with_guides(Saved::default(), Vec::new());
    press(&mut app, KeyCode::Char('g'));
    for (w, h) in [(40, 12), (80, 24), (120, 40), (1, 1), (0, 0)] {
        let _ = screen(&mut app, w, h);
    }
    // In a small window the chosen guide stays in view.
    press(&mut app, KeyCode::Down);
    let small = screen(&mut app, 40, 12);
    assert!(
        small.contains("› Staying when you'd rather leave"),
        "{small}"
    );
    press(&mut app, KeyCode::Up);
    assert!(screen(&mut app, 40, 12).contains("› Eight steps"));
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(40, 12), (80, 24), (120, 40), (1, 1), (0, 0)] {
        let _ = screen(&mut app, w, h);
    }
    let small = screen(&mut app, 40, 12);
    assert!(
        small.contains("↓ more below") && small.contains("n move on"),
        "{small}"
    );
}

#[test]
fn the_real_binary_finds_the_guide_under_way_in_the_journal_when_it_starts_again() {
    if !tmux::available() {
        return;
    }
    let home = tmux::Home::new("guides-e2e");
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_steady"));
    let first = tmux::Tmux::start(&home.command(binary, ""));
    first.wait_for("g guides");
    first.keys(&["g"]);
    first.wait_for("Eight steps for anxious attachment");
    first.keys(&["Enter"]);
    first.wait_for("step 1 of 8");
    first.keys(&["n"]);
    first.wait_for("On to step 2");
    first.keys(&["Escape"]);
    first.wait_for("THIS STEP");
    first.keys(&["q"]);
    first.wait_for("EXITED-0");
    let events: Vec<serde_json::Value> = home
        .entries()
        .iter()
        .map(|e| e["responses"]["event"].clone())
        .collect();
    assert_eq!(events, [json!("started"), json!("moved-on")]);

    let again = tmux::Tmux::start(&home.command(binary, ""));
    let screen = squash(&again.wait_for("THIS STEP"));
    assert!(
        screen.contains("step 2 of 8: Regulate before you reach out."),
        "{screen}"
    );
}
