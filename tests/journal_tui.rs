//! The journal's promises where the terminal is involved, with the real binary in tmux:
//! review edits and deletes the very line chosen when two lines share an id, and an edit
//! changes only the value edited (every other byte of the line stays); closing the
//! terminal mid-practice saves the run once; Ctrl-Z gives the terminal back and `fg`
//! (SIGCONT) takes it again in raw mode and redraws. And, through the app itself with a
//! test clock, the practice clock stands still while steady is stopped.

#[path = "tui_common/tmux.rs"]
mod tmux;
mod tui_common;

use std::path::Path;
use std::time::{Duration, Instant};

use tmux::{Home, Tmux, binary};
use tui_common::{Saved, breath_reset, clock, run, screen, wait};

const ASK: &str = r#"
id = "ask"
title = "Ask"
summary = "One question."
source = "A test."
tags = ["notice"]

[[steps]]
kind = "text"
key = "word"
prompt = "One word, please?"
"#;

/// A duplicate id as a hand merge leaves it: the first line plain, the second with the
/// spellings a re-serialising edit would change.
const ID: &str = "01JD000000000000000000DUP1";

fn first() -> String {
    format!(
        r#"{{"v":1,"id":"{ID}","practice":"x","title":"X","started_at":"2026-11-10T08:00:00.000+01:00","ended_at":"2026-11-10T08:00:00.000+01:00","completed":true,"via":"tui","responses":{{"note":"from the first machine"}}}}"#
    )
}

fn second() -> String {
    format!(
        r#"{{ "v":1,"id":"{ID}", "later":{{"big":18446744073709551616,"sci":1e2}},"practice":"x","title":"X","started_at":"2026-11-12T08:00:02.123456789Z","ended_at":"2026-11-12T08:00:09-00:00","completed":true,"via":"tui","responses":{{"note":"second" ,"level":3}} }}"#
    )
}

fn other() -> String {
    r#"{"v":1,"id":"01JD000000000000000000OTH1","practice":"x","title":"X","started_at":"2026-11-11T08:00:00.000+01:00","ended_at":"2026-11-11T08:00:00.000+01:00","completed":true,"via":"tui","responses":{"note":"between"}}"#.to_owned()
}

#[test]
fn review_edits_and_deletes_the_line_chosen_and_an_edit_keeps_every_other_byte() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("journal-tui-duplicates");
    let original = format!("{}\n{}\n{}\n", first(), other(), second());
    std::fs::write(home.journal(), &original).expect("temp journal");
    let read = || std::fs::read_to_string(home.journal()).expect("journal is there");

    let tmux = Tmux::start(&home.command(binary(), "review"));
    tmux.wait_for("All 3 entries");
    // Newest first: the second line of the pair is selected. Edit its note.
    tmux.keys(&["e"]);
    tmux.wait_for("second");
    tmux.type_text(" edited");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved.");
    assert_eq!(
        read(),
        original.replace(r#""second" ,"#, r#""second edited" ,"#),
        "only the note of the line chosen changed"
    );
    tmux.keys(&["u"]);
    tmux.wait_for("Undid the edit.");
    assert_eq!(read(), original, "undo puts the exact line back");

    tmux.keys(&["d"]);
    tmux.wait_for("y deletes");
    tmux.keys(&["y"]);
    tmux.wait_for("Deleted.");
    assert_eq!(
        read(),
        format!("{}\n{}\n", first(), other()),
        "the line chosen went, its namesake stayed"
    );
    tmux.keys(&["u"]);
    tmux.wait_for("Undid the deletion.");
    assert_eq!(read(), original);
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}

/// Polls `done` every 50 ms for up to 10 s.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "waited 10 s for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn running(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// The process state letter from /proc (`T` when stopped).
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rfind(')')
        .and_then(|at| stat[at + 2..].chars().next())
        .unwrap_or('?')
}

#[test]
fn closing_the_terminal_mid_practice_saves_the_answers_once() {
    if !tmux::available() {
        return;
    }
    // SIGHUP and the end of input arrive together; several tries, as the race is a race.
    for attempt in 0..3 {
        let home = Home::new(&format!("journal-tui-hup-{attempt}"));
        home.add_practice("ask", ASK);
        let tmux = Tmux::start(&home.command(binary(), "run ask"));
        tmux.wait_for("One word, please?");
        tmux.type_text("closing");
        tmux.wait_for("closing");
        let pid = tmux.steady_pid();
        tmux.kill_session();
        eventually("steady to exit", || !running(pid));
        let entries = home.entries();
        assert_eq!(entries.len(), 1, "try {attempt}: {entries:?}");
        assert_eq!(entries[0]["completed"], false);
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_takes_it_again_in_raw_mode() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("journal-tui-suspend");
    home.add_practice("ask", ASK);
    let tmux = Tmux::start(&home.command(binary(), "run ask"));
    tmux.wait_for("One word, please?");
    tmux.type_text("ca");
    tmux.wait_for("ca");
    let pid = tmux.steady_pid();

    tmux.keys(&["C-z"]);
    eventually("steady to stop", || state(pid) == 'T');
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the terminal is given back while stopped"
    );

    // What `fg` does for a job.
    let sent = std::process::Command::new("kill")
        .args(["-CONT", &pid.to_string()])
        .status();
    assert!(sent.is_ok_and(|s| s.success()));
    eventually("the screen to be taken again", || {
        tmux.display("#{alternate_on}") == "1"
    });
    tmux.wait_for("One word, please?");
    // Raw mode again: a key reaches the field at once, not echoed by the terminal.
    tmux.type_text("lm");
    tmux.wait_for("calm");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["responses"]["word"], "calm");
}

#[test]
fn the_practice_clock_stands_still_while_steady_is_stopped() {
    let clock = clock();
    let journal = Saved::default();
    let mut app = run(breath_reset(), clock.clone(), journal.clone());
    wait(&mut app, &clock, 3.0);
    wait(&mut app, &clock, 10.0);
    app.suspend();
    let before = screen(&mut app, 80, 24);
    wait(&mut app, &clock, 600.0);
    assert_eq!(
        screen(&mut app, 80, 24),
        before,
        "nothing moves while stopped"
    );
    app.resumed();
    wait(&mut app, &clock, 70.0);
    assert!(journal.entries.borrow().is_empty(), "80 s of 90 breathed");
    wait(&mut app, &clock, 10.5);
    let entries = journal.entries.borrow();
    assert_eq!(entries.len(), 1, "finished after 90 s of breathing");
    assert_eq!(entries[0].responses["breath"]["seconds"], 90);
}
