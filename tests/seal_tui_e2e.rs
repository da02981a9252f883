//! A sealed journal in a real terminal (tmux): home draws at once and says the journal is
//! sealed, and a practice saves into it without any passphrase (the line on disk is sealed);
//! `steady review` asks for the passphrase once, without echo, before the screen is drawn,
//! and then shows the entries.

#[path = "tui_common/tmux.rs"]
mod tmux;

use std::process::Command;

use tmux::{Home, Tmux, binary};

const PASSPHRASE: &str = "lantern over water";

const ONE_WORD: &str = r#"
id = "one-word"
title = "One word"
summary = "A word for today."
source = "A test."
tags = ["notice"]

[[steps]]
kind = "text"
key = "word"
prompt = "One word for today?"
"#;

/// A home whose journal is sealed (by `steady encrypt`, the passphrase from a file that
/// the TUI is not told about), with the one-word practice; `None` (skip) without tmux.
fn sealed_home(name: &str) -> Option<Home> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new(name);
    home.add_practice("one-word", ONE_WORD);
    let pass = home.dir.join("passphrase");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let sealed = Command::new(binary())
        .arg("--journal")
        .arg(home.journal())
        .arg("--config")
        .arg(home.dir.join("config.toml"))
        .arg("encrypt")
        .env("STEADY_PASSPHRASE_FILE", &pass)
        .output()
        .unwrap();
    assert!(sealed.status.success(), "{sealed:?}");
    Some(home)
}

/// Runs the one-word practice in tmux, answering `word`, and waits for steady to end.
fn practise(home: &Home, word: &str) {
    let tmux = Tmux::start(&home.command(binary(), "run one-word"));
    tmux.wait_for("One word for today?");
    tmux.type_text(word);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
}

#[test]
fn home_draws_at_once_and_a_practice_saves_without_a_passphrase() {
    let Some(home) = sealed_home("seal-home") else {
        return;
    };
    let tmux = Tmux::start(&home.command(binary(), ""));
    tmux.wait_for("Your journal is sealed");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
    practise(&home, "harbour");
    let journal = std::fs::read_to_string(home.journal()).unwrap();
    assert_eq!(journal.lines().count(), 1);
    assert!(journal.starts_with(r#"{"id":""#) && !journal.contains("harbour"));
}

#[test]
fn review_asks_for_the_passphrase_once_without_echo_and_shows_the_entries() {
    let Some(home) = sealed_home("seal-review") else {
        return;
    };
    practise(&home, "harbour");
    let tmux = Tmux::start(&home.command(binary(), "review"));
    tmux.wait_for("Passphrase for your steady journal:");
    tmux.type_text(PASSPHRASE);
    assert!(
        !tmux.screen().contains("lantern"),
        "the passphrase showed:\n{}",
        tmux.screen()
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("All 1 entry");
    tmux.wait_for("One word");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}
