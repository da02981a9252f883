//! The end of a practice while another process holds the journal's lock: the app hands the
//! save to its worker and stays live; the worker's "waiting" and its end come back as
//! events (here through a channel the test reads, with timeouts, never fixed sleeps);
//! "Saving… (waiting for another steady)" shows meanwhile and `!` opens; a give-up keeps
//! every answer on screen with "t tries again", and nothing reaches the journal until the
//! lock is free. Review's rewrites without a worker (a journal with no second port) run in
//! place and give up after `lock_wait_seconds` with a sentence instead of hanging; with the
//! worker they wait beside the screen (`tests/review_app.rs`).

mod tui_common;

use std::fs::File;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use steady::config::Config;
use steady::tui::app::App;
use steady::tui::effect::Done;
use steady::tui::review::{Review, ReviewOptions};
use tui_common::*;

/// A journal in a fresh folder, its lock held by this test, and a feeling check-in whose
/// saves go to the app's worker; what the worker tells arrives on the receiver.
struct Held {
    dir: PathBuf,
    lock: Option<File>,
    app: App,
    told: Receiver<Done>,
}

impl Held {
    fn new(name: &str, wait_seconds: u64) -> Held {
        let (dir, lock) = locked_folder(&format!("tui-lock-{name}"));
        let config = Config {
            lock_wait: Duration::from_secs(wait_seconds),
            ..Config::default()
        };
        let mut setup = setup(clock(), Saved::default(), config);
        setup.vault = file_vault(&dir.join("journal.jsonl"));
        let mut app = App::practice(setup, feeling_check_in());
        let told = start_worker(&mut app);
        Held {
            dir,
            lock: Some(lock),
            app,
            told,
        }
    }

    /// Answers every question of the check-in; the last key hands the entry to the worker.
    fn finish(&mut self) {
        let app = &mut self.app;
        press(app, KeyCode::Enter);
        type_text(app, "calm");
        press(app, KeyCode::Enter);
        press(app, KeyCode::Char('4'));
        press(app, KeyCode::Enter);
        press(app, KeyCode::Char('6'));
        press(app, KeyCode::Enter);
        type_text(app, "A slow morning");
        press_with(app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    }

    /// The next thing the worker tells, handed to the app as the event loop would.
    fn next(&mut self) -> &'static str {
        next_told(&mut self.app, &self.told)
    }

    fn screen(&mut self) -> String {
        screen(&mut self.app, 80, 24)
    }

    fn journal(&self) -> String {
        std::fs::read_to_string(self.dir.join("journal.jsonl")).unwrap_or_default()
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_save_waits_on_screen_with_support_open_and_goes_through_once_the_lock_is_free() {
    let mut held = Held::new("wait", 30);
    held.finish();
    assert!(held.app.is_saving(), "the entry went to the worker");
    assert!(squash(&held.screen()).contains("Saving…"));
    assert_eq!(held.next(), "waiting");
    insta::assert_snapshot!("waiting_for_another_steady", held.screen());

    // The screen is live: `!` opens the crisis lines over it and Esc closes them.
    press(&mut held.app, KeyCode::Char('!'));
    assert!(held.screen().contains("988"), "{}", held.screen());
    press(&mut held.app, KeyCode::Esc);
    assert!(squash(&held.screen()).contains("Saving… (waiting for another steady)."));
    assert_eq!(held.journal(), "");

    drop(held.lock.take());
    assert_eq!(held.next(), "saved");
    assert!(!held.app.is_saving());
    let s = squash(&held.screen());
    assert!(s.contains("Saved in"), "{s}");
    let journal = held.journal();
    assert_eq!(journal.lines().count(), 1);
    assert!(journal.contains(r#""feeling":"calm""#), "{journal}");
}

#[test]
fn a_give_up_keeps_every_answer_on_screen_and_t_tries_again() {
    let mut held = Held::new("giveup", 1);
    held.finish();
    assert_eq!(held.next(), "waiting");
    assert_eq!(held.next(), "not saved");
    insta::assert_snapshot!("gave_up_waiting", held.screen());
    let s = squash(&held.screen());
    assert!(
        s.contains("Not saved yet: another steady was still using the journal after 1 s.")
            && s.contains("t tries again")
            && s.contains("calm")
            && s.contains("A slow morning"),
        "{s}"
    );
    assert_eq!(held.journal(), "", "nothing was written");

    drop(held.lock.take());
    press(&mut held.app, KeyCode::Char('t'));
    assert_eq!(held.next(), "saved");
    assert!(squash(&held.screen()).contains("Saved in"));
    assert_eq!(held.journal().lines().count(), 1);
}

#[test]
fn a_review_delete_gives_up_with_a_sentence_instead_of_hanging() {
    let dir = std::env::temp_dir().join(format!("steady-tui-lock-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("journal.jsonl");
    let line = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-21T08:01:02.123+01:00","ended_at":"2026-11-21T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3,"colour":"blue"}}"#;
    std::fs::write(&journal, format!("{line}\n")).unwrap();
    let config = Config {
        lock_wait: Duration::from_secs(1),
        ..Config::default()
    };
    let options = ReviewOptions {
        theme: steady::tui::widgets::Theme::PLAIN,
        first_weekday: chrono::Weekday::Mon,
        folder: dir.clone(),
        home: dir.clone(),
    };
    let clock = clock();
    // Review's port waits for the lock as the settings say.
    let vault = steady::journal::vault::FileVault::new(
        steady::journal::Store::new(&journal)
            .with_lock_wait(steady::journal::lock::LockWait::up_to(config.lock_wait)),
    );
    let review = Review::open(
        std::sync::Arc::new(vault),
        &config,
        all_practices(),
        clock.clone(),
        options,
    )
    .unwrap();
    let mut app = App::review(setup(clock, Saved::default(), config), review);
    let lock = hold_lock(&dir);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    // History wraps it over its status rows: folded, it reads whole.
    let s = squash(&screen(&mut app, 300, 24));
    assert!(
        s.contains("another steady was still using it after 1 s, so nothing was written"),
        "{s}"
    );
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap(),
        format!("{line}\n")
    );
    drop(lock);
    std::fs::remove_dir_all(&dir).unwrap();
}
