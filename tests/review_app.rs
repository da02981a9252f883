//! Review inside the app: `r` on home opens it and `q` comes back, `?` lists its keys from
//! the keymap, `steady review` ends with it, and a journal that cannot be read is said.
//! Review's deletes, edits and undos go to the app's worker: while another steady holds the
//! journal's lock the screen stays live ("Saving… (waiting for …)", `!` opens, a second
//! change is refused with a sentence), the table changes only once the rewrite is through,
//! and a give-up leaves the entry as it was with a sentence and the key that tries again.
//! Review's export goes to the worker the same way: its dialog says "Exporting… (waiting
//! for …)", support opens, a second export is refused, and the file is written once let go
//! (or the dialog says why not, and Enter tries again).

mod tui_common;

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use chrono::Weekday;
use ratatui::crossterm::event::KeyCode;
use steady::config::Config;
use steady::tui::app::App;
use steady::tui::effect::Done;
use steady::tui::review::data::ReviewData;
use steady::tui::review::{Review, ReviewOptions};
use steady::tui::widgets::Theme;
use tui_common::*;

fn options() -> ReviewOptions {
    ReviewOptions {
        theme: Theme::PLAIN,
        first_weekday: Weekday::Mon,
        folder: std::env::temp_dir(),
        home: std::env::temp_dir(),
    }
}

#[test]
fn r_on_home_opens_review_and_q_comes_back() {
    let mut app = home(clock(), Saved::default());
    press(&mut app, KeyCode::Char('r'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("1 History") && s.contains("3 Calendar"), "{s}");
    assert!(s.contains("Enter open"), "{s}");
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("search") && s.contains("export"), "{s}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&mut app, 80, 24).contains("Showing the last 30 days"));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit(), "q in review goes back home");
    assert!(screen(&mut app, 80, 24).contains("Enter start"));
}

#[test]
fn opened_as_steady_review_it_ends_with_review() {
    let dir = std::env::temp_dir().join(format!("steady-review-app-{}", std::process::id()));
    let clock = clock();
    let review = Review::open(
        file_vault(&dir.join("journal.jsonl")),
        &Config::default(),
        all_practices(),
        clock.clone(),
        options(),
    )
    .unwrap();
    let mut app = App::review(setup(clock, Saved::default(), Config::default()), review);
    // While typing a search, q and ? are letters.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "q?");
    assert!(!app.should_quit());
    assert!(screen(&mut app, 80, 24).contains("Search text answers: q?"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

#[test]
fn a_journal_that_cannot_be_read_is_said() {
    let clock = clock();
    let why = "could not read /nowhere/journal.jsonl because permission was denied".to_owned();
    let review = Review::unavailable(why, clock.clone(), options());
    let mut app = App::review(setup(clock, Saved::default(), Config::default()), review);
    let s = screen(&mut app, 100, 24);
    assert!(s.contains("permission was denied"), "{s}");
}

#[test]
fn a_delete_draws_saving_before_the_write_and_deleted_after() {
    let dir = std::env::temp_dir().join(format!("steady-review-saving-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("journal.jsonl");
    let line = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-21T08:01:02.123+01:00","ended_at":"2026-11-21T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3,"colour":"blue"}}"#;
    std::fs::write(&journal, format!("{line}\n")).unwrap();
    let clock = clock();
    let review = Review::open(
        file_vault(&journal),
        &Config::default(),
        all_practices(),
        clock.clone(),
        options(),
    )
    .unwrap();
    let mut app = App::review(setup(clock, Saved::default(), Config::default()), review);
    press(&mut app, KeyCode::Char('d'));
    // The confirming key without `perform`: what the event loop draws before the write.
    let y = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('y'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    let action = app.keymap().action(y).unwrap();
    app.update(action);
    assert!(app.has_pending_work());
    assert!(screen(&mut app, 80, 24).contains("Saving…"));
    assert!(std::fs::read_to_string(&journal).unwrap().contains(line));
    // `?` in the same burst of keys: the delete is still carried out under the overlay.
    app.update(steady::tui::action::Action::Help);
    settle(&mut app);
    assert!(!app.has_pending_work());
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Deleted."));
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

const NEWER: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-21T08:01:02.123+01:00","ended_at":"2026-11-21T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"feeling":"wary","level":3,"colour":"blue"}}"#;
const OLDER: &str = r#"{"v":1,"id":"01JD1A2B3C4D5E6F7G8H9J0KMN","practice":"breath-reset","title":"90-second breath reset","started_at":"2026-11-20T19:30:00.000+01:00","ended_at":"2026-11-20T19:31:30.000+01:00","completed":true,"via":"tui","responses":{}}"#;

/// Review in the app over a journal in memory that the app's worker shares, its lock held
/// by this test; what the worker tells arrives on `told` (read with a timeout, never a
/// fixed sleep) and is handed to the app as the event loop would.
struct HeldReview {
    dir: PathBuf,
    lock: Option<File>,
    journal: SharedJournal,
    app: App,
    told: Receiver<Done>,
}

impl HeldReview {
    fn new(name: &str, wait_seconds: u64) -> HeldReview {
        let (dir, lock) = locked_folder(&format!("review-held-{name}"));
        let journal = SharedJournal::new(
            dir.join("journal.jsonl"),
            &[OLDER.to_owned(), NEWER.to_owned()],
        );
        let config = Config {
            lock_wait: Duration::from_secs(wait_seconds),
            ..Config::default()
        };
        let clock = clock();
        // Read before the test's lock matters: the first read is not what is held.
        let data = ReviewData::load(
            journal.memory.clone(),
            clock.clone(),
            config.day_starts_at,
            all_practices(),
        )
        .unwrap();
        let mut setup = setup(clock, Saved::default(), config);
        setup.vault = Arc::new(journal.clone());
        let mut app = App::review(setup, Review::new(data, options()));
        let told = start_worker(&mut app);
        HeldReview {
            dir,
            lock: Some(lock),
            journal,
            app,
            told,
        }
    }

    /// The next thing the worker tells, handed to the app.
    fn next(&mut self) -> &'static str {
        next_told(&mut self.app, &self.told)
    }

    fn screen(&mut self) -> String {
        screen(&mut self.app, 80, 24)
    }

    /// Opens the export dialog and asks for an export to `name`: typed without a folder,
    /// it goes to the export folder (the temp folder here), so the dialog shows the same
    /// text in every run. The file that will be written, none there yet.
    fn export_to(&mut self, name: &str) -> PathBuf {
        let out = std::env::temp_dir().join(name);
        let _ = std::fs::remove_file(&out);
        press(&mut self.app, KeyCode::Char('x'));
        press_with(
            &mut self.app,
            KeyCode::Char('u'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        );
        type_text(&mut self.app, name);
        press(&mut self.app, KeyCode::Enter);
        out
    }

    fn said(&mut self) -> String {
        squash(&self.screen())
    }
}

impl Drop for HeldReview {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_held_delete_waits_on_screen_with_support_open_and_lands_once_let_go() {
    let mut held = HeldReview::new("delete", 30);
    assert!(held.said().contains("Feeling check-in"));
    press(&mut held.app, KeyCode::Char('d'));
    press(&mut held.app, KeyCode::Char('y'));
    assert!(held.app.is_saving(), "the delete went to the worker");
    assert!(held.said().contains("Saving…"));
    assert_eq!(held.next(), "waiting");
    insta::assert_snapshot!("review_waiting_for_another_steady", held.screen());
    assert!(held.said().contains("Saving… (waiting for"));

    // A second change, or leaving, waits its turn, and says so.
    press(&mut held.app, KeyCode::Char('u'));
    let s = held.said();
    assert!(
        s.contains(
            "Still saving the last change; try again once it is through. Saving… (waiting for"
        ),
        "{s}"
    );
    press(&mut held.app, KeyCode::Char('q'));
    assert!(!held.app.should_quit());
    assert!(
        held.said().contains("1 History"),
        "q waits while a change is under way"
    );

    // The screen is live: `!` opens the crisis lines and Esc closes them.
    press(&mut held.app, KeyCode::Char('!'));
    assert!(held.screen().contains("988"), "{}", held.screen());
    press(&mut held.app, KeyCode::Esc);
    assert!(held.said().contains("Saving… (waiting for"));
    assert!(
        held.said().contains("Feeling check-in"),
        "the entry stays until it is deleted"
    );
    assert_eq!(held.journal.lines().len(), 2);

    drop(held.lock.take());
    assert_eq!(held.next(), "rewritten");
    assert!(!held.app.is_saving());
    let s = held.said();
    assert!(s.contains("Deleted. Press u to bring it back."), "{s}");
    assert!(
        !s.contains("Feeling check-in") && s.contains("All 1 entry"),
        "{s}"
    );
    assert_eq!(held.journal.lines(), [OLDER]);

    // Undo goes the same way, and puts the very line back.
    press(&mut held.app, KeyCode::Char('u'));
    assert_eq!(held.next(), "rewritten");
    assert!(held.said().contains("Undid the deletion."));
    assert_eq!(held.journal.lines(), [OLDER, NEWER]);
}

#[test]
fn a_held_delete_that_gives_up_leaves_the_entry_and_d_tries_again() {
    let mut held = HeldReview::new("giveup", 1);
    press(&mut held.app, KeyCode::Char('d'));
    press(&mut held.app, KeyCode::Char('y'));
    assert_eq!(held.next(), "waiting");
    assert_eq!(held.next(), "not rewritten");
    insta::assert_snapshot!("review_gave_up_waiting", held.screen());
    let s = held.said();
    assert!(
        s.contains("was still using it after 1 s, so nothing was written")
            && s.contains("d tries again.")
            && s.contains("Feeling check-in")
            && s.contains("All 2 entries"),
        "{s}"
    );
    assert_eq!(held.journal.lines().len(), 2, "nothing was written");
    press(&mut held.app, KeyCode::Char('u'));
    assert!(
        held.said().contains("Nothing to undo."),
        "a give-up is not undoable"
    );

    drop(held.lock.take());
    press(&mut held.app, KeyCode::Char('d'));
    press(&mut held.app, KeyCode::Char('y'));
    assert_eq!(held.next(), "rewritten");
    assert!(held.said().contains("Deleted."));
    assert_eq!(held.journal.lines(), [OLDER]);
}

#[test]
fn a_held_edit_keeps_the_editor_refuses_a_second_save_and_saves_once() {
    let mut held = HeldReview::new("edit", 30);
    press(&mut held.app, KeyCode::Enter);
    press(&mut held.app, KeyCode::Char('e'));
    type_text(&mut held.app, " but curious");
    press(&mut held.app, KeyCode::Enter);
    assert!(held.app.is_saving());
    assert_eq!(held.next(), "waiting");
    // Enter again while the first save waits is refused, not sent twice.
    press(&mut held.app, KeyCode::Enter);
    let s = held.said();
    assert!(s.contains("Still saving the last change"), "{s}");
    assert!(s.contains("wary but curious"), "the editor stays open: {s}");

    drop(held.lock.take());
    assert_eq!(held.next(), "rewritten");
    assert!(!held.app.is_saving(), "one save, not two");
    assert!(held.said().contains("Saved. Press u to undo."));
    let lines = held.journal.lines();
    assert_eq!(lines[0], OLDER);
    assert_eq!(
        lines[1],
        NEWER.replace(r#""wary""#, r#""wary but curious""#)
    );
}

#[test]
fn a_held_export_waits_in_its_dialog_with_support_open_and_writes_once_let_go() {
    let mut held = HeldReview::new("export", 30);
    let out = held.export_to("steady-held-export-test.jsonl");
    assert!(held.app.is_saving(), "the export went to the worker");
    assert!(held.said().contains("Exporting…"), "{}", held.said());
    assert_eq!(held.next(), "waiting");
    insta::assert_snapshot!("review_export_waiting_for_another_steady", held.screen());
    assert!(
        held.said()
            .contains("Exporting… (waiting for another steady). Everything stays here"),
        "{}",
        held.said()
    );

    // Enter again is not a second export.
    press(&mut held.app, KeyCode::Enter);
    assert!(
        held.said()
            .contains("Still exporting; try again once it is through."),
        "{}",
        held.said()
    );

    // The screen is live: in the dialog (where `!` is a letter of the file name) F2 opens
    // the crisis lines, and Esc closes them.
    press(&mut held.app, KeyCode::F(2));
    assert!(held.screen().contains("988"), "{}", held.screen());
    press(&mut held.app, KeyCode::Esc);
    assert!(held.said().contains("Exporting… (waiting for"));

    // Esc closes the dialog; the export goes on, said below the table, `!` opens the
    // crisis lines, and a second `x` (or leaving review) is refused with a sentence.
    press(&mut held.app, KeyCode::Esc);
    assert!(held.said().contains("Exporting… (waiting for"));
    press(&mut held.app, KeyCode::Char('!'));
    assert!(held.screen().contains("988"), "{}", held.screen());
    press(&mut held.app, KeyCode::Esc);
    press(&mut held.app, KeyCode::Char('x'));
    let s = held.said();
    assert!(
        s.contains("Still exporting; try again once it is through. Exporting… (waiting for")
            && !s.contains("Export the 2 entries shown."),
        "{s}"
    );
    press(&mut held.app, KeyCode::Char('q'));
    assert!(!held.app.should_quit() && held.said().contains("1 History"));
    assert!(
        !out.exists(),
        "nothing is written while the journal is held"
    );

    drop(held.lock.take());
    assert_eq!(held.next(), "exported");
    assert!(!held.app.is_saving());
    let s = held.said();
    assert!(
        s.contains(&format!("Exported 2 entries to {}.", out.display())),
        "{s}"
    );
    // json lines are the stored lines, byte for byte, in file order.
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!("{OLDER}\n{NEWER}\n")
    );
    std::fs::remove_file(&out).unwrap();
}

#[test]
fn a_held_export_that_gives_up_says_why_in_its_dialog_and_enter_tries_again() {
    let mut held = HeldReview::new("export-giveup", 1);
    let out = held.export_to("steady-held-export-giveup-test.md");
    assert_eq!(held.next(), "waiting");
    assert_eq!(held.next(), "not exported");
    // The dialog wraps its sentence inside its borders: read the words, not the lines.
    let s = squash(&held.screen().replace('│', " "));
    assert!(
        s.contains("Not exported: could not read /tmp/steady-test/journal.jsonl: another steady was still using it after 1 s")
            && s.contains("Export the 2 entries shown."),
        "the dialog stays open with the sentence: {s}"
    );
    assert!(!out.exists());

    drop(held.lock.take());
    press(&mut held.app, KeyCode::Enter);
    assert_eq!(held.next(), "exported");
    assert!(held.said().contains("Exported 2 entries to"));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Feeling check-in")
    );
    std::fs::remove_file(&out).unwrap();
}
