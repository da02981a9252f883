//! The real binary in a real terminal (tmux): a feeling check-in typed with real keys ends
//! as one journal line; SIGTERM, SIGHUP or Ctrl-C mid-practice keeps what was answered and
//! gives the terminal back (after Ctrl-C, saying where it was kept); a paste keeps its line breaks out of the answer's Enter; and a
//! resize redraws at once.

#[path = "tui_common/tmux.rs"]
mod tmux;

use tmux::{Home, Tmux, binary};

const CHECK_IN: &str = r#"
id = "e2e-check-in"
title = "End-to-end check-in"
summary = "A check-in for the end-to-end test."
source = "A test."
tags = ["notice"]

[[steps]]
kind = "say"
text = "Take a moment."

[[steps]]
kind = "text"
key = "feeling"
prompt = "What are you feeling, in a word?"

[[steps]]
kind = "scale"
key = "level"
prompt = "How strong is it?"

[[steps]]
kind = "colour"
key = "colour"
prompt = "What colour is it?"
other = true

[[steps]]
kind = "text"
key = "note"
prompt = "One sentence: the feeling and the need."
optional = true
multiline = true
"#;

/// The check-in running in tmux in a fresh home named `name`, past its first words and at
/// the feeling question; `None` (skip) without tmux.
fn at_the_feeling_question(name: &str) -> Option<(Home, Tmux)> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new(name);
    home.add_practice("e2e-check-in", CHECK_IN);
    let tmux = Tmux::start(&home.command(binary(), "run e2e-check-in"));
    tmux.wait_for("Take a moment.");
    tmux.keys(&["Enter"]);
    tmux.wait_for("in a word?");
    Some((home, tmux))
}

/// From a typed feeling to the note: confirms it, answers 3, picks a colour with
/// `colour_keys`, and waits for the note's field.
fn on_to_the_note(tmux: &Tmux, colour_keys: &[&str]) {
    tmux.keys(&["Enter"]);
    tmux.wait_for("How strong is it?");
    tmux.keys(&["3", "Enter"]);
    tmux.wait_for("What colour is it?");
    tmux.keys(colour_keys);
    tmux.wait_for("Ctrl-D done");
}

/// Finishes the note, leaves the summary and waits for steady to exit with success.
fn save_and_leave(tmux: &Tmux) {
    tmux.keys(&["C-d"]);
    tmux.wait_for("Saved in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
}

#[test]
fn a_feeling_check_in_typed_with_real_keys_lands_in_the_journal() {
    let Some((home, tmux)) = at_the_feeling_question("e2e-check-in") else {
        return;
    };
    tmux.type_text("tense");
    on_to_the_note(&tmux, &["6", "Enter"]);
    tmux.type_text("I need a walk");
    save_and_leave(&tmux);

    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let e = &entries[0];
    assert_eq!(e["practice"], "e2e-check-in");
    assert_eq!(e["completed"], true);
    assert_eq!(e["via"], "tui");
    assert_eq!(e["responses"]["feeling"], "tense");
    assert_eq!(e["responses"]["level"], 3);
    assert_eq!(e["responses"]["colour"], "blue");
    assert_eq!(e["responses"]["note"], "I need a walk");
}

#[test]
fn a_pasted_line_break_stays_in_the_field_instead_of_answering() {
    let Some((home, tmux)) = at_the_feeling_question("e2e-paste") else {
        return;
    };
    tmux.paste("tense,\nthen 3 q");
    tmux.wait_for("tense, then 3 q");
    assert!(
        tmux.screen().contains("step 2 of 5"),
        "the paste stayed on its question:\n{}",
        tmux.screen()
    );
    on_to_the_note(&tmux, &["1", "Enter"]);
    tmux.paste("I need 🌿\r\na walk");
    tmux.wait_for("a walk");
    save_and_leave(&tmux);

    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["responses"]["feeling"], "tense, then 3 q");
    assert_eq!(entries[0]["responses"]["note"], "I need 🌿\na walk");
}

#[test]
fn sigterm_mid_practice_saves_the_answers_and_restores_the_terminal() {
    let Some((home, tmux)) = at_the_feeling_question("e2e-sigterm") else {
        return;
    };
    tmux.type_text("restless");
    tmux.keys(&["Enter"]);
    tmux.wait_for("How strong is it?");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "steady draws on the alternate screen"
    );

    let pid = tmux.steady_pid();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    assert!(killed.is_ok_and(|s| s.success()));
    let screen = tmux.wait_for("EXITED-");
    assert!(
        screen.contains("steady: stopped by a signal or a closed terminal;"),
        "{screen}"
    );
    assert!(
        screen.contains("EXITED-1"),
        "stopped from outside is not a success:\n{screen}"
    );
    assert!(
        !screen.contains("How strong is it?"),
        "the practice is gone from the screen:\n{screen}"
    );
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the alternate screen is left"
    );

    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["completed"], false);
    assert_eq!(entries[0]["responses"]["feeling"], "restless");
}

#[test]
fn sighup_and_ctrl_c_mid_practice_keep_the_answers_too() {
    for (how, status) in [("HUP", "EXITED-1"), ("C-c", "EXITED-0")] {
        let Some((home, tmux)) = at_the_feeling_question("e2e-hup") else {
            return;
        };
        tmux.type_text("unsettled");
        // The signal must find the word typed, not still on its way through the terminal.
        tmux.wait_for("unsettled");
        if how == "C-c" {
            // In raw mode Ctrl-C is a key, not a signal: steady quits and keeps the answers.
            tmux.keys(&["C-c"]);
        } else {
            let pid = tmux.steady_pid();
            let sent = std::process::Command::new("kill")
                .args([&format!("-{how}"), &pid.to_string()])
                .status();
            assert!(sent.is_ok_and(|s| s.success()));
        }
        let screen = tmux.wait_for("EXITED-");
        assert!(screen.contains(status), "{how}:\n{screen}");
        if how == "C-c" {
            assert!(
                screen
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains("Kept what you answered (not finished) in"),
                "{screen}"
            );
        }
        assert_eq!(tmux.display("#{alternate_on}"), "0", "{how}");
        let entries = home.entries();
        assert_eq!(entries.len(), 1, "{how}: {entries:?}");
        assert_eq!(entries[0]["completed"], false, "{how}");
        assert_eq!(entries[0]["responses"]["feeling"], "unsettled", "{how}");
    }
}

#[test]
fn a_resize_redraws_at_once_and_a_tiny_window_asks_for_room() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("e2e-resize");
    let tmux = Tmux::start(&home.command(binary(), ""));
    tmux.wait_for("Enter start");
    tmux.resize(30, 8);
    tmux.wait_for("40×12; it is 30×8 now.");
    tmux.resize(100, 30);
    tmux.wait_for("Enter start");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}
