//! Key-driven tests of the app with a test clock: whole practices from first key to saved
//! entry, with no terminal and no real waiting.

mod tui_common;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;
use steady::config::Config;
use steady::tui::app::App;
use tui_common::*;

#[test]
fn a_whole_feeling_check_in_from_home() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = home(clock.clone(), journal.clone());
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("step 1 of 5"));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "tense");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("How strong is it?"));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('6')); // blue, the sixth colour of the palette
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "I need rest");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "soon");
    clock.advance_secs(40.0);
    press_with(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);

    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.practice, "feeling-check-in");
    assert!(e.completed);
    assert_eq!(e.responses["feeling"], json!("tense"));
    assert_eq!(e.responses["level"], json!(3));
    assert_eq!(e.responses["colour"], json!("blue"));
    assert_eq!(e.responses["note"], json!("I need rest\nsoon"));
    drop(entries);

    let s = squash(&screen(&mut app, 80, 24));
    assert!(s.contains("What you recorded"), "{s}");
    assert!(s.contains("tense") && s.contains("blue"), "{s}");
    assert!(
        s.contains("Saved in /tmp/steady-test/journal.jsonl."),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    let home = squash(&screen(&mut app, 80, 24));
    assert!(home.contains("One practice today."), "{home}");
    assert!(!app.should_quit());
}

#[test]
fn back_returns_to_the_previous_question_with_its_answer() {
    let mut app = feeling_typed(Saved::default(), "sad");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('b'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("step 2 of 5") && s.contains("sad"), "{s}");
    // In a text field Backspace edits; Shift-Tab goes back.
    press(&mut app, KeyCode::Backspace);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("sa") && !s.contains("sad"), "{s}");
    press(&mut app, KeyCode::BackTab);
    assert!(screen(&mut app, 80, 24).contains("step 1 of 5"));
}

#[test]
fn a_breath_reset_paused_in_the_middle_keeps_its_time() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(breath_reset(), clock.clone(), journal.clone());
    wait(&mut app, &clock, 3.0);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("step 2 of 2") && s.contains("Breathe in"), "{s}");
    assert!(
        app.next_wake(clock_now(&clock)).is_some(),
        "a moving pacer wakes the loop"
    );

    wait(&mut app, &clock, 25.0); // 2.5 cycles in: breathing out, 1 s left in the phase
    press(&mut app, KeyCode::Char(' '));
    let paused = screen(&mut app, 80, 24);
    assert!(
        paused.contains("Paused") && paused.contains("Breathe out"),
        "{paused}"
    );
    assert!(
        app.next_wake(clock_now(&clock)).is_none(),
        "nothing moves while paused"
    );
    wait(&mut app, &clock, 300.0);
    assert_eq!(
        screen(&mut app, 80, 24),
        paused,
        "a paused clock stands still"
    );

    // Support mid-practice pauses too, and keeps the practice.
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('!'));
    wait(&mut app, &clock, 120.0);
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("step 2 of 2"));

    wait(&mut app, &clock, 65.0);
    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1, "finished after 90 s of breathing");
    assert_eq!(entries[0].responses["breath"]["cycles"], json!(9));
    assert_eq!(entries[0].responses["breath"]["seconds"], json!(90));
}

fn clock_now(clock: &steady::clock::TestClock) -> std::time::Instant {
    use steady::clock::Clock;
    clock.now()
}

#[test]
fn a_hold_marks_the_urge_and_stays_five_more_seconds() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(stay_present(), clock.clone(), journal.clone());
    wait(&mut app, &clock, 12.0);
    assert!(screen(&mut app, 80, 24).contains("Mark the urge to leave when it comes."));
    press(&mut app, KeyCode::Char(' '));
    wait(&mut app, &clock, 2.0);
    assert!(screen(&mut app, 80, 24).contains("Stay 3 more seconds"));
    wait(&mut app, &clock, 3.0);
    press(&mut app, KeyCode::Enter);
    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].responses["hold"],
        json!({"urge_s": 12, "extra_s": 5, "total_s": 17})
    );
}

#[test]
fn esc_then_keep_saves_what_was_answered_as_not_finished() {
    let journal = Saved::default();
    let mut app = feeling_typed(journal.clone(), "calm");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("keep what I have") && s.contains("discard") && s.contains("carry on"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('k'));
    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1);
    assert!(!entries[0].completed);
    assert_eq!(entries[0].responses["feeling"], json!("calm"));
    drop(entries);
    assert!(squash(&screen(&mut app, 80, 24)).contains("Kept as not finished"));
    press(&mut app, KeyCode::Enter);
    assert!(app.should_quit(), "`steady run` ends with its practice");
}

#[test]
fn esc_then_carry_on_changes_nothing_and_discard_saves_nothing() {
    let journal = Saved::default();
    let mut app = feeling_typed(journal.clone(), "ok");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    assert!(screen(&mut app, 80, 24).contains("ok"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    assert!(app.should_quit());
    assert!(journal.entries.borrow().is_empty());
}

#[test]
fn a_failed_save_keeps_everything_and_t_tries_again() {
    let journal = Saved::default();
    *journal.fail.borrow_mut() = Some("the disk is full".into());
    let mut app = run(stay_present(), clock(), journal.clone());
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("Not saved yet: could not write") && s.contains("the disk is full"),
        "{s}"
    );
    assert!(s.contains("t try again"), "{s}");
    *journal.fail.borrow_mut() = None;
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(journal.entries.borrow().len(), 1);
    assert!(squash(&screen(&mut app, 80, 24)).contains("Saved in"));
}

#[test]
fn stopping_mid_practice_saves_what_was_answered() {
    let journal = Saved::default();
    let mut app = feeling_typed(journal.clone(), "tired");
    press(&mut app, KeyCode::Enter);
    app.interrupt();
    app.perform();
    assert!(app.should_quit());
    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1);
    assert!(!entries[0].completed);
    assert_eq!(entries[0].responses["feeling"], json!("tired"));
}

#[test]
fn the_bell_rings_at_phases_only_when_asked_for() {
    let clock = clock();
    let config = Config {
        bell: true,
        ..Config::default()
    };
    let mut app = App::practice(
        setup(clock.clone(), Saved::default(), config),
        breath_reset(),
    );
    clock.advance_secs(3.0);
    app.tick();
    assert!(app.perform(), "a phase began");
    app.tick();
    assert!(!app.perform(), "and only once");

    let mut quiet = run(breath_reset(), clock.clone(), Saved::default());
    clock.advance_secs(4.0);
    quiet.tick();
    assert!(!quiet.perform());
}

#[test]
fn help_over_a_practice_lists_that_steps_keys_and_keeps_the_practice() {
    let clock = clock();
    let mut app = run(breath_reset(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 3.0);
    press(&mut app, KeyCode::Char('?'));
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("Space pause") && s.contains("Esc leave") && s.contains("! support"),
        "{s}"
    );
    assert!(
        app.next_wake(clock_now(&clock)).is_none(),
        "the clock waits while help is open"
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("step 2 of 2"));
    assert!(
        app.next_wake(clock_now(&clock)).is_some(),
        "and moves again after"
    );
}

#[test]
fn q_on_home_quits_and_ctrl_c_mid_practice_keeps_the_answers() {
    let mut app = home(clock(), Saved::default());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());

    let journal = Saved::default();
    let mut app = feeling_typed(journal.clone(), "q");
    press(&mut app, KeyCode::Enter);
    assert!(!app.should_quit(), "q is a letter in a text field");
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit());
    assert_eq!(journal.entries.borrow()[0].responses["feeling"], json!("q"));
}

#[test]
fn the_loop_sleeps_until_something_new_to_show() {
    use std::time::Duration;
    let clock = clock();
    let mut app = run(sampler(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 30.25);
    let now = clock_now(&clock);
    assert_eq!(
        app.next_wake(now),
        Some(now + Duration::from_millis(750)),
        "a timer wakes at the next second"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.next_wake(clock_now(&clock)),
        None,
        "a question waits for a key"
    );

    let mut breath = run(breath_reset(), clock.clone(), Saved::default());
    wait(&mut breath, &clock, 3.0);
    let now = clock_now(&clock);
    assert_eq!(
        breath.next_wake(now),
        Some(now + Duration::from_millis(33)),
        "a moving pacer, about 30 fps"
    );
    let mut still = run_still(breath_reset(), clock.clone(), Saved::default());
    wait(&mut still, &clock, 4.5);
    let now = clock_now(&clock);
    assert_eq!(
        still.next_wake(now),
        Some(now + Duration::from_millis(500)),
        "a still pacer, once a second"
    );
}

#[test]
fn typed_but_unconfirmed_words_are_never_lost() {
    // Going back and forth keeps what was typed.
    let mut app = feeling_typed(Saved::default(), "unsure");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("unsure"));

    // Stopping keeps it too, and Esc offers to keep it.
    let journal = Saved::default();
    let mut app = feeling_typed(journal.clone(), "wistful");
    press(&mut app, KeyCode::Esc);
    assert!(squash(&screen(&mut app, 80, 24)).contains("keep what I have"));
    press(&mut app, KeyCode::Char('c'));
    app.interrupt();
    app.perform();
    assert_eq!(
        journal.entries.borrow()[0].responses["feeling"],
        json!("wistful")
    );
}

/// The bottom row of the screen: the footer.
fn footer_of(app: &mut App, width: u16, height: u16) -> String {
    let s = screen(app, width, height);
    s.lines().last().unwrap_or_default().trim_end().to_owned()
}

#[test]
fn a_paused_practice_offers_carrying_on_in_its_footer_and_help() {
    let clock = clock();
    let mut app = run(breath_reset(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 5.0);
    assert!(footer_of(&mut app, 80, 24).contains("Space pause"));
    press(&mut app, KeyCode::Char(' '));
    let foot = footer_of(&mut app, 80, 24);
    assert!(
        foot.contains("Space carry on") && !foot.contains("pause"),
        "{foot}"
    );
    press(&mut app, KeyCode::Char('?'));
    let help = squash(&screen(&mut app, 80, 24));
    assert!(
        help.contains("Space carry on") && !help.contains("Space pause"),
        "{help}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char(' '));
    assert!(footer_of(&mut app, 80, 24).contains("Space pause"));

    // A hold pauses with p, since Space marks the urge.
    let mut app = run(stay_present(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 2.0);
    press(&mut app, KeyCode::Char('p'));
    let foot = footer_of(&mut app, 80, 24);
    assert!(
        foot.contains("p carry on") && !foot.contains("urge"),
        "{foot}"
    );
    press(&mut app, KeyCode::Char('p'));
    // Carrying on brings back the hold's three ways to go; pause itself is listed in `?`.
    assert!(footer_of(&mut app, 80, 24).contains("Space urge to leave"));
    press(&mut app, KeyCode::Char('?'));
    assert!(squash(&screen(&mut app, 80, 24)).contains("p pause"));
}

#[test]
fn a_window_too_small_for_the_practice_stops_its_clock_and_names_the_size() {
    let clock = clock();
    let mut app = run(breath_reset(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 5.0);
    let before = screen(&mut app, 80, 24);
    app.resize(30, 10);
    wait(&mut app, &clock, 40.0);
    let small = squash(&screen(&mut app, 30, 10));
    assert!(
        small.contains(
            "Make the window at least 40×12; it is 30×10 now. The practice is paused until then."
        ),
        "{small}"
    );
    app.resize(80, 24);
    settle(&mut app);
    // Nothing moved while it could not be seen, and it carries on by itself.
    assert_eq!(screen(&mut app, 80, 24), before);
    wait(&mut app, &clock, 10.0);
    assert_ne!(screen(&mut app, 80, 24), before);
}

#[test]
fn the_footer_under_an_overlay_names_the_overlays_keys() {
    let clock = clock();
    let mut app = run(breath_reset(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 5.0);
    for (key, expected) in [
        (KeyCode::Char('?'), "Esc close"),
        (KeyCode::Char('!'), "Esc close"),
        (KeyCode::Esc, "k keep"),
    ] {
        press(&mut app, key);
        for (w, h) in [(80, 24), (40, 12)] {
            let foot = footer_of(&mut app, w, h);
            assert!(
                foot.contains(expected) && !foot.contains("pause"),
                "{key:?} at {w}x{h}: {foot}"
            );
        }
        press(&mut app, KeyCode::Esc);
        assert!(footer_of(&mut app, 80, 24).contains("Space pause"));
    }
}

#[test]
fn home_and_end_jump_to_the_first_and_last_practice_and_pages_move_too() {
    let mut app = home(clock(), Saved::default());
    let chosen = |app: &mut App| {
        screen(app, 80, 24)
            .lines()
            .find_map(|l| l.trim().strip_prefix("› ").map(str::to_owned))
            .unwrap_or_default()
    };
    assert_eq!(chosen(&mut app), "Feeling check-in");
    press(&mut app, KeyCode::End);
    assert_eq!(chosen(&mut app), "Stay present a little longer");
    press(&mut app, KeyCode::Home);
    assert_eq!(chosen(&mut app), "Feeling check-in");
    press(&mut app, KeyCode::PageDown);
    assert_eq!(
        chosen(&mut app),
        "Stay present a little longer",
        "a page holds them all"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(chosen(&mut app), "Feeling check-in");
    // At 40×12 a page is three practices (of eight here), not all of them. (A journal with
    // a practice in it, so the first run's longer welcome does not take a row.)
    let practised = Saved {
        earlier: vec![chrono::DateTime::parse_from_rfc3339("2026-11-21T08:00:00+01:00").unwrap()],
        ..Saved::default()
    };
    let mut setup = setup(clock(), practised, Config::default());
    setup.practices.extend(all_practices());
    let mut app = App::home(setup);
    let chosen_small = |app: &mut App| {
        screen(app, 40, 12)
            .lines()
            .find_map(|l| l.trim().strip_prefix("› ").map(str::to_owned))
            .unwrap_or_default()
    };
    assert_eq!(chosen_small(&mut app), "Feeling check-in");
    press(&mut app, KeyCode::PageDown);
    // Notice holds both copies of the check-in and the sampler: the fourth is the sampler.
    assert_eq!(chosen_small(&mut app), "Every kind of step");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(chosen_small(&mut app), "Feeling check-in");
}

#[test]
fn home_help_names_up_and_down_on_their_own_lines() {
    let mut app = home(clock(), Saved::default());
    assert!(footer_of(&mut app, 80, 24).contains("↑↓ choose"));
    press(&mut app, KeyCode::Char('?'));
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("↑ k previous practice") && s.contains("↓ j next practice"),
        "{s}"
    );
    assert!(
        s.contains("Home first practice") && s.contains("End last practice"),
        "{s}"
    );
    assert!(!s.contains("↑↓"), "{s}");
}

#[test]
fn the_end_screen_scrolls_back_to_the_first_answers_in_a_small_window() {
    let clock = clock();
    let mut app = run(feeling_check_in(), clock.clone(), Saved::default());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "tense");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "I need rest");
    press_with(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);

    let end = screen(&mut app, 40, 12);
    assert!(
        end.contains("Saved in"),
        "the save line shows first:\n{end}"
    );
    assert!(!end.contains("in a word?"), "{end}");
    assert!(end.contains("↑ more") && !end.contains("↓ more"), "{end}");
    // At 40 columns the scroll keys give way to "? more"; the screen's own "↑ more" says
    // there is more to see.
    assert!(footer_of(&mut app, 40, 12).contains("? more"));

    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    let top = screen(&mut app, 40, 12);
    assert!(
        top.contains("What you recorded") && top.contains("in a word?"),
        "{top}"
    );
    assert!(top.contains("↓ more") && !top.contains("↑ more"), "{top}");
    // Past the top is still the top: one key back down shows the next row at once.
    for _ in 0..20 {
        press(&mut app, KeyCode::Up);
    }
    assert_eq!(screen(&mut app, 40, 12), top);
    press(&mut app, KeyCode::Char('j'));
    let next = screen(&mut app, 40, 12);
    assert!(
        !next.contains("What you recorded") && next.contains("↑ more"),
        "{next}"
    );
    for _ in 0..20 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(screen(&mut app, 40, 12), end);
    // Enter still ends it.
    press(&mut app, KeyCode::Enter);
    assert!(app.should_quit());
}

#[test]
fn quitting_mid_practice_says_where_the_unfinished_answers_went() {
    let clock = clock();
    let mut app = run(feeling_check_in(), clock.clone(), Saved::default());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "restless");
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit());
    assert_eq!(app.kept_on_exit(), Some(journal_path().as_path()));

    // Nothing answered: nothing kept, nothing to say.
    let mut app = run(feeling_check_in(), clock.clone(), Saved::default());
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit());
    assert_eq!(app.kept_on_exit(), None);

    // A finished practice was seen saved on its end screen: nothing more to say.
    let mut app = run(stay_present(), clock.clone(), Saved::default());
    wait(&mut app, &clock, 2.0);
    press(&mut app, KeyCode::Char(' '));
    wait(&mut app, &clock, 6.0);
    assert!(screen(&mut app, 80, 24).contains("Saved in"));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
    assert_eq!(app.kept_on_exit(), None);
}

#[test]
fn words_typed_but_not_confirmed_are_kept_from_the_leave_question() {
    for (key, modifiers) in [
        (KeyCode::Char('k'), KeyModifiers::NONE),
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let journal = Saved::default();
        let mut app = feeling_typed(journal.clone(), "tense");
        press(&mut app, KeyCode::Esc);
        press_with(&mut app, key, modifiers);
        let entries = journal.entries.borrow();
        assert_eq!(entries.len(), 1, "{key:?}");
        assert!(!entries[0].completed);
        assert_eq!(entries[0].responses["feeling"], json!("tense"), "{key:?}");
    }
}
