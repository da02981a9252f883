//! Render tests of every step kind at 80×24 and at the smallest size (40×12), and of every
//! step at sizes down to 0×0 without a panic.

mod tui_common;

use ratatui::crossterm::event::KeyCode;
use steady::tui::app::App;
use tui_common::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

// At 40 columns the footer keeps each screen's main key, `? more` and `! support`; the rest
// is in `?`.

fn each_size(app: &mut App, needles: &[&str]) {
    for (w, h) in SIZES {
        let s = screen(app, w, h);
        for needle in needles {
            assert!(s.contains(needle), "{needle:?} missing at {w}×{h}:\n{s}");
        }
    }
}

#[test]
fn say_and_text_steps() {
    let mut app = run(feeling_check_in(), clock(), Saved::default());
    each_size(
        &mut app,
        &[
            "Feeling check-in",
            "step 1 of 5",
            "Take a moment",
            "Enter go on",
        ],
    );
    // The first step offers only what works: there is no step to go back to.
    assert!(!screen(&mut app, 80, 24).contains("b back"));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "tender");
    each_size(
        &mut app,
        &[
            "step 2 of 5",
            "What are you feeling",
            "tender",
            "Enter confirm",
            "F2 support",
        ],
    );
    let wide = screen(&mut app, 80, 24);
    assert!(
        wide.contains("Shift-Tab back") && wide.contains("F1 keys"),
        "{wide}"
    );
}

#[test]
fn scale_and_colour_steps() {
    let mut app = feeling_typed(Saved::default(), "x");
    press(&mut app, KeyCode::Enter);
    // Nothing chosen: the middle shows where the arrows start, and Enter says what to do.
    assert!(screen(&mut app, 80, 24).contains("‹3›"));
    press(&mut app, KeyCode::Enter);
    for (w, h) in SIZES {
        let s = squash(&screen(&mut app, w, h));
        assert!(
            s.contains("Nothing is chosen yet: ← → start from the middle"),
            "{s}"
        );
    }
    press(&mut app, KeyCode::Char('2'));
    each_size(
        &mut app,
        &["How strong is it?", "barely there", "Enter confirm"],
    );
    assert!(screen(&mut app, 80, 24).contains("[2]"));
    press(&mut app, KeyCode::Enter);
    each_size(
        &mut app,
        &[
            "What colour is it?",
            "red",
            "grey",
            "other…",
            "Enter confirm",
        ],
    );
    assert!(
        !screen(&mut app, 80, 24).contains("▸"),
        "nothing chosen for the person"
    );
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Up);
    assert!(screen(&mut app, 80, 24).contains("▸ grey"));
    press(&mut app, KeyCode::Home);
    assert!(screen(&mut app, 80, 24).contains("▸ red"));
}

#[test]
fn multiline_text_shows_its_done_key() {
    let mut app = feeling_typed(Saved::default(), "x");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    each_size(&mut app, &["step 5 of 5", "Ctrl-D done"]);
}

#[test]
fn breathe_step_moves_and_reduced_motion_holds_still() {
    let clock = clock();
    let mut app = run(breath_reset(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 5.0);
    each_size(&mut app, &["Breathe in", "breath 1 of 9", "Space pause"]);
    let mut still = run_still(breath_reset(), clock.clone(), Saved::default());
    wait(&mut still, &clock, 5.0);
    each_size(&mut still, &["Breathe in", "breath 1 of 9"]);
}

#[test]
fn timer_choice_and_list_steps() {
    let clock = clock();
    let mut app = run(sampler(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 30.5);
    each_size(&mut app, &["Worry, for now.", "███", "Space pause"]);
    press(&mut app, KeyCode::Enter);
    each_size(&mut app, &["Pick one", "( ) tea", "( ) walk", "other…"]);
    press(&mut app, KeyCode::Enter);
    each_size(&mut app, &["Nothing is chosen yet"]);
    press(&mut app, KeyCode::Down);
    each_size(&mut app, &["▸ (•) tea"]);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    each_size(&mut app, &["Pick any", "[x] chest", "[ ] throat"]);
    // At 40 columns Space gives way to "? more", which lists it.
    assert!(screen(&mut app, 80, 24).contains("Space tick"));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "tea");
    // Enter means "done" on every line and says so; Tab moves down.
    each_size(
        &mut app,
        &["Three small things", "1. tea", "2.", "Enter done"],
    );
    assert!(screen(&mut app, 80, 24).contains("Tab next line"));
}

#[test]
fn hold_step_counts_up_then_down() {
    let clock = clock();
    let mut app = run(stay_present(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 7.0);
    each_size(&mut app, &["Mark the urge to leave", "Space urge to leave"]);
    let wide = screen(&mut app, 80, 24);
    assert!(wide.contains("Stay in the hug"), "{wide}");
    assert!(wide.contains("Enter no urge"), "{wide}");
    assert!(wide.contains("r already happened"), "{wide}");
    press(&mut app, KeyCode::Char(' '));
    each_size(&mut app, &["Stay 5 more seconds"]);
    wait(&mut app, &clock, 2.0);
    // The big number counts down the extra seconds, and the urge is not offered again.
    let staying = screen(&mut app, 80, 24);
    assert!(staying.contains("Stay 3 more seconds"), "{staying}");
    assert!(staying.contains("███ ███   ███ ███"), "{staying}");
    assert!(!staying.contains("urge to leave"), "{staying}");
}

#[test]
fn a_hold_ended_with_no_urge_shows_it_and_one_told_from_memory_asks_for_it() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(stay_present(), clock.clone(), journal.clone());
    wait(&mut app, &clock, 8.4);
    press(&mut app, KeyCode::Enter);
    let end = squash(&screen(&mut app, 80, 24));
    assert!(end.contains("no urge to leave came; 8.4 s in all"), "{end}");
    let mut app = run(stay_present(), clock.clone(), Saved::default());
    press(&mut app, KeyCode::Char('r'));
    each_size(&mut app, &["( ) yes", "( ) no"]);
    assert!(squash(&screen(&mut app, 40, 12)).contains("Did the urge to leave come?"));
    // Back from telling it returns to the hold, not out of the practice.
    press(&mut app, KeyCode::Char('b'));
    each_size(&mut app, &["Mark the urge to leave"]);
}

#[test]
fn every_step_survives_every_size() {
    let sizes = [
        (0, 0),
        (1, 1),
        (3, 2),
        (39, 11),
        (40, 12),
        (45, 30),
        (120, 40),
        (300, 5),
    ];
    let clock = clock();
    for practice in all_practices() {
        let mut app = run(practice.clone(), clock.clone(), Saved::default());
        for _ in 0..=practice.steps.len() {
            for (w, h) in sizes {
                screen(&mut app, w, h);
            }
            wait(&mut app, &clock, 200.0);
            press(&mut app, KeyCode::Char('1'));
            type_text(&mut app, "a");
            press(&mut app, KeyCode::Enter);
        }
    }
}

#[test]
fn a_long_one_line_answer_wraps_in_its_field_instead_of_scrolling_away() {
    let trigger_log = steady::practice::Library::builtin()
        .get("trigger-log")
        .expect("built in");
    let mut app = run(trigger_log, clock(), Saved::default());
    press(&mut app, KeyCode::Enter);
    type_text(
        &mut app,
        "tender and a little raw after the call with my sister this morning, and after that a long quiet afternoon",
    );
    for (w, h) in SIZES {
        let s = squash(&screen(&mut app, w, h));
        assert!(
            s.contains("tender and a little raw") && s.contains("a long quiet afternoon"),
            "the whole sentence shows at {w}×{h}:\n{s}"
        );
    }
}
