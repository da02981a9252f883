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
    assert!(screen(&mut app, 80, 24).contains("Pick any that fit."));
    // End goes to "other…", past the seven options: a word of one's own with nothing ticked.
    press(&mut app, KeyCode::End);
    type_text(&mut app, "walled off");
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(s.contains("A kind challenge for next time"), "{s}");
    type_text(&mut app, "I can mention one feeling.");
    press(&mut app, KeyCode::Enter);

    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].responses["felt"], json!(["walled off"]));
}

#[test]
fn the_end_screen_keeps_saved_in_view_and_answers_on_their_own_lines() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(builtin("trigger-log"), clock, journal.clone());
    press(&mut app, KeyCode::Enter);
    type_text(
        &mut app,
        "They said later and left the room without a word.",
    );
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "The door closed.");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Their phone buzzed.");
    press_with(
        &mut app,
        KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    type_text(&mut app, "I am too much.");
    press_with(
        &mut app,
        KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "They were tired after a very long day at work.");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(journal.entries.borrow().len(), 1);

    let wide = screen(&mut app, 80, 30);
    assert!(
        wide.contains("\n   The door closed.") && wide.contains("\n   Their phone buzzed."),
        "each line of a multiline answer on its own row:\n{wide}"
    );
    for (w, h) in [(40, 12), (44, 14), (52, 13), (60, 12), (80, 12)] {
        let small = screen(&mut app, w, h);
        assert!(
            squash(&small).contains("Saved in /tmp/steady-test/journal.jsonl."),
            "at {w}×{h} the save line is in view:\n{small}"
        );
    }
}

#[test]
fn the_smallest_window_shows_whole_sentences_on_the_hold_and_the_title() {
    let clock = clock();
    let mut app = run(builtin("stay-present"), clock.clone(), Saved::default());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    wait(&mut app, &clock, 3.0);
    let s = screen(&mut app, 40, 12);
    let words = squash(&s);
    assert!(
        words.contains("then stay five seconds more.")
            && words.contains("Mark the urge to leave when it comes."),
        "the prompt and the line under the count are whole:\n{s}"
    );
    assert!(
        s.lines()
            .next()
            .is_some_and(|l| l.contains("Stay present a little…")),
        "a title too long for the row ends at a word, with …:\n{s}"
    );
}

#[test]
fn a_paused_hold_names_the_key_that_carries_on() {
    let clock = clock();
    let mut app = run(builtin("stay-present"), clock.clone(), Saved::default());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    wait(&mut app, &clock, 2.0);
    press(&mut app, KeyCode::Char('p'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Paused. p carries on."), "{s}");
    press(&mut app, KeyCode::Char('p'));
    assert!(!screen(&mut app, 80, 24).contains("Paused."));
}

#[test]
fn help_in_the_smallest_window_keeps_its_way_out_and_wraps_under_its_column() {
    let mut app = run(builtin("breath-reset"), clock(), Saved::default());
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&mut app, 40, 12);
    assert!(s.contains("Esc close"), "{s}");
    assert!(
        s.contains("│Ctrl-C  quit, keeping what you") && s.contains("│        answered"),
        "{s}"
    );
}

#[test]
fn support_in_the_smallest_window_scrolls_to_every_number_and_keeps_its_way_out() {
    let mut app = run(builtin("self-soothe"), clock(), Saved::default());
    press(&mut app, KeyCode::Char('!'));
    for (w, h) in [(40, 12), (40, 13), (60, 14), (80, 17)] {
        press(&mut app, KeyCode::Home);
        let first = screen(&mut app, w, h);
        assert!(first.contains("Esc close"), "{first}");
        assert!(first.contains("in danger now"), "{first}");
        // Every number is a few presses of ↓ away, and the way out never scrolls away.
        let mut seen = first;
        for _ in 0..20 {
            press(&mut app, KeyCode::Down);
            let s = screen(&mut app, w, h);
            assert!(s.contains("Esc close"), "{s}");
            seen.push_str(&s);
        }
        for needle in [
            "988",
            "116 123",
            "13 11 14",
            "112",
            "741741",
            "85258",
            "findahelpline.com",
        ] {
            assert!(
                seen.contains(needle),
                "{needle} missing at {w}×{h}:\n{seen}"
            );
        }
    }
    assert!(squash(&screen(&mut app, 80, 24)).contains("not treatment"));
}

#[test]
fn an_optional_question_says_it_can_be_left_empty() {
    let mut app = run(builtin("micro-reach"), clock(), Saved::default());
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Text Sam");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app, 80, 24);
    assert!(
        s.contains("This one is optional: Ctrl-D goes on without it."),
        "{s}"
    );
    type_text(&mut app, "S");
    assert!(!screen(&mut app, 80, 24).contains("optional"));
    press(&mut app, KeyCode::Backspace);
    press_with(
        &mut app,
        KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(screen(&mut app, 80, 24).contains("What you recorded"));
}

#[test]
fn a_huge_window_keeps_the_practice_to_a_readable_column() {
    let mut app = run(builtin("trigger-log"), clock(), Saved::default());
    let s = screen(&mut app, 200, 60);
    let head = s.lines().next().unwrap_or_default();
    let title = head.find("Trigger log").unwrap_or(0);
    let count = head.find("step 1 of 7").unwrap_or(usize::MAX);
    assert!(
        title >= 40 && count - title <= 96,
        "the header sits in a middle column:\n{s}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(
        squash(&screen(&mut app, 200, 60)).contains("Describe the moment in a sentence."),
        "{s}"
    );
    // At 80 columns nothing moves.
    assert!(screen(&mut app, 80, 24).starts_with(" Trigger log"));
}

#[test]
fn coming_back_to_a_single_choice_the_mark_follows_what_enter_would_choose() {
    let mut app = run(builtin("feeling-check-in"), clock(), Saved::default());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('b'));
    let s = screen(&mut app, 80, 24);
    assert!(
        s.contains("▸ (•) lonely"),
        "the answer given is shown:\n{s}"
    );
    press(&mut app, KeyCode::Down);
    let s = screen(&mut app, 80, 24);
    assert!(
        s.contains("▸ (•) irritated") && s.contains("  ( ) lonely"),
        "one mark, on the line Enter takes:\n{s}"
    );
}

#[test]
fn going_back_from_a_paused_breath_does_not_leave_the_practice_stuck() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(builtin("breath-reset"), clock.clone(), journal.clone());
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    wait(&mut app, &clock, 2.0);
    press(&mut app, KeyCode::Char(' '));
    assert!(screen(&mut app, 80, 24).contains("Paused."));
    // Back to the words before the breath, which have no pause key of their own.
    press(&mut app, KeyCode::Char('b'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("step 2 of 6") && !s.contains("paused"), "{s}");
    press(&mut app, KeyCode::Enter);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("step 3 of 6") && s.contains("Breathe in"), "{s}");
    wait(&mut app, &clock, 2.0);
    assert!(
        screen(&mut app, 80, 24).contains("2 s"),
        "the breath runs again"
    );
}

/// Stay-present, its hold told from memory, with `urge` ("yes" or "no") answered to "Did the
/// urge to leave come?": the seconds are asked next.
fn recalling(journal: Saved, urge: &str) -> steady::tui::app::App {
    let mut app = run(builtin("stay-present"), clock(), journal);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('r'));
    press(
        &mut app,
        KeyCode::Char(if urge == "yes" { '1' } else { '2' }),
    );
    press(&mut app, KeyCode::Enter);
    app
}

#[test]
fn a_hold_told_from_memory_keeps_about_10_and_a_no_says_so_plainly() {
    let journal = Saved::default();
    let mut app = recalling(journal.clone(), "yes");
    // "about 10" stays whole in the field: no length limit cuts it to "about ".
    type_text(&mut app, "about 10");
    insta::assert_snapshot!("recall_about_10", screen(&mut app, 60, 14));
    press(&mut app, KeyCode::Enter);
    let asked = squash(&screen(&mut app, 80, 24));
    assert!(
        asked.contains("did you stay the 5 extra seconds?"),
        "{asked}"
    );
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    // The body's words are optional and multiline: Ctrl-D goes on without them.
    press_with(
        &mut app,
        KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    press(&mut app, KeyCode::Enter);
    let entries = journal.entries.borrow();
    assert_eq!(
        entries[0].responses["stay"],
        json!({"urge_s": 10, "extra_s": 0, "total_s": 10, "recalled": true})
    );
    insta::assert_snapshot!("recall_no_end_screen", screen(&mut app, 80, 20));
}

#[test]
fn a_number_of_seconds_that_is_not_one_is_refused_with_a_sentence() {
    let mut app = recalling(Saved::default(), "no");
    type_text(&mut app, "about ");
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("Type a number of seconds, such as 10, 7.5 or about 10."),
        "{s}"
    );
    assert!(s.contains("how many seconds did the moment last"), "{s}");
}

#[test]
fn defusion_puts_the_thought_after_i_am_having_the_thought_that() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(builtin("defusion"), clock.clone(), journal.clone());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "they'll leave anyway");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("\"I'm having the thought that they'll leave anyway\""),
        "{s}"
    );
    assert!(s.contains("step 4 of 7"), "{s}");
    press(&mut app, KeyCode::Enter);
    wait(&mut app, &clock, 60.0);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    let s = squash(&screen(&mut app, 80, 24));
    assert!(s.contains("It holds you about as much as before"), "{s}");
    press(&mut app, KeyCode::Enter);
    let entries = journal.entries.borrow();
    assert_eq!(entries[0].responses["grip_before"], json!(4));
    assert_eq!(entries[0].responses["grip"], json!(4));
}
