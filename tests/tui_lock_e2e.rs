//! The real binary in a real terminal (tmux) while another process holds the journal's lock
//! and is stopped (SIGSTOP, as Ctrl-Z stops a steady mid-import): the practice's end screen
//! says it is waiting and for whom, stays live (`!` opens the crisis lines), and saves once
//! the lock is let go; a give-up after `lock_wait_seconds` keeps the answers on screen with
//! "t tries again", and `t` then saves; and home and `steady review`, which read the
//! journal before they take the screen, say on stderr that they wait. Text is waited for
//! by polling, never fixed sleeps.

mod lock_holder;
#[path = "tui_common/tmux.rs"]
mod tmux;

use lock_holder::Holder;
use tmux::{Home, Tmux, binary};

const CHECK_IN: &str = r#"
id = "lock-check-in"
title = "Check-in while locked"
summary = "A check-in for the lock end-to-end test."
source = "A test."
tags = ["notice"]

[[steps]]
kind = "text"
key = "feeling"
prompt = "What are you feeling, in a word?"

[[steps]]
kind = "scale"
key = "level"
prompt = "How strong is it?"
"#;

/// A home whose journal's lock is held by a stopped `flock`, with the check-in answered in
/// tmux up to its end screen; `None` (skip) without tmux.
fn finished_while_locked(name: &str, settings: &str) -> Option<(Home, Tmux, Holder)> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new(name);
    home.add_practice("lock-check-in", CHECK_IN);
    std::fs::write(home.dir.join("config.toml"), settings).unwrap();
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    let tmux = Tmux::start(&home.command(binary(), "run lock-check-in"));
    tmux.wait_for("in a word?");
    tmux.type_text("wary");
    tmux.keys(&["Enter"]);
    tmux.wait_for("How strong is it?");
    tmux.keys(&["4", "Enter"]);
    Some((home, tmux, holder))
}

#[test]
fn a_held_lock_shows_the_wait_keeps_support_open_and_saves_once_let_go() {
    let Some((home, tmux, holder)) = finished_while_locked("e2e-lock-wait", "") else {
        return;
    };
    let screen = tmux.wait_for("Saving… (waiting for another program).");
    let said = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(&format!(
            "PID {} has the journal open and is stopped: `fg` in its terminal lets it finish.",
            holder.pid()
        )),
        "{screen}"
    );
    assert!(said.contains("wary") && said.contains("4 of 5"), "{screen}");

    // The screen is live while it waits: `!` opens the crisis lines, and closes again.
    tmux.keys(&["!"]);
    tmux.wait_for("988");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Saving… (waiting for another program).");
    assert!(
        home.entries().is_empty(),
        "nothing is written while it waits"
    );

    holder.release();
    tmux.wait_for("Saved in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["responses"]["feeling"], "wary");
    assert_eq!(entries[0]["responses"]["level"], 4);
}

#[test]
fn giving_up_keeps_the_answers_on_screen_and_t_tries_again() {
    let Some((home, tmux, holder)) =
        finished_while_locked("e2e-lock-giveup", "lock_wait_seconds = 1\n")
    else {
        return;
    };
    let screen = tmux.wait_for("t tries again");
    let said = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(&format!(
            "Not saved yet: another program was still using the journal after 1 s (PID {}, stopped). Everything is still here; t tries again.",
            holder.pid()
        )),
        "{screen}"
    );
    assert!(said.contains("wary") && said.contains("4 of 5"), "{screen}");
    assert!(home.entries().is_empty(), "nothing was written");

    holder.release();
    tmux.keys(&["t"]);
    tmux.wait_for("Saved in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
    assert_eq!(home.entries().len(), 1);
}

#[test]
fn leaving_while_a_save_waits_ends_only_once_it_is_saved() {
    let Some((home, tmux, holder)) = finished_while_locked("e2e-lock-quit", "") else {
        return;
    };
    tmux.wait_for("Saving… (waiting for another program).");
    // In raw mode Ctrl-C is a key: steady is leaving, but not before the save has ended.
    tmux.keys(&["C-c"]);
    tmux.wait_for("Saving… (waiting for another program).");
    assert!(!tmux.screen().contains("EXITED"), "{}", tmux.screen());
    holder.release();
    let screen = tmux.wait_for("EXITED-0");
    assert!(!screen.contains("not finished"), "{screen}");
    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["completed"], true);
}

/// steady started with `args` over `journal` while a stopped `flock` holds the lock says
/// so on stderr, naming it, before it takes the screen, and shows `opened` once let go.
fn says_it_waits_before_the_screen_opens(name: &str, args: &str, journal: &str, opened: &str) {
    if !tmux::available() {
        return;
    }
    let home = Home::new(name);
    std::fs::write(home.journal(), journal).unwrap();
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    let tmux = Tmux::start(&home.command(binary(), args));
    let screen = tmux.wait_for("steady: waiting for another program");
    let said = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(&format!("(PID {}, flock)", holder.pid())) && said.contains("`fg`"),
        "{screen}"
    );
    holder.release();
    tmux.wait_for(opened);
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}

/// Home takes the screen at once (its first frame never waits on the journal) and says
/// on it that it waits, naming the holder, until the lock is let go.
#[test]
fn home_opens_at_once_and_says_on_it_that_it_waits() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("e2e-lock-home");
    std::fs::write(home.journal(), "").unwrap();
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    let tmux = Tmux::start(&home.command(binary(), ""));
    let screen = tmux.wait_for("Reading your journal… (waiting for another program");
    let said = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("Enter start"), "home is up: {screen}");
    assert!(
        said.contains(&format!("(PID {}, flock)", holder.pid())) && said.contains("`fg`"),
        "{screen}"
    );
    holder.release();
    tmux.wait_for("Welcome");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}

#[test]
fn steady_review_says_it_waits_before_the_screen_opens() {
    let entry = r#"{"v":1,"id":"01JD1A2B3C4D5E6F7G8H9J0KMN","practice":"breath-reset","title":"90-second breath reset","started_at":"2026-11-20T19:30:00.000+01:00","ended_at":"2026-11-20T19:31:30.000+01:00","completed":true,"via":"tui","responses":{}}"#;
    says_it_waits_before_the_screen_opens(
        "e2e-lock-review",
        "review",
        &format!("{entry}\n"),
        "All 1 entry",
    );
}
