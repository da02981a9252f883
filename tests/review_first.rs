//! Review's first screen comes from the journal's newest entries, read from its end, and
//! the whole journal is read after it on the app's worker with the screen live: meanwhile
//! the count line, Trends and the Calendar say "Reading", and the keys that need every
//! entry (search, the filters, export, delete, edit) say that they open once it is read
//! and do nothing to the few rows held. When the whole journal arrives it takes their
//! place, with the same entry still selected. The worker's news is handed to the app
//! through a channel the test reads (with timeouts, never fixed sleeps), so the partial
//! screen stays exactly as long as the test looks at it.

mod tui_common;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use ratatui::crossterm::event::KeyCode;
use steady::config::Config;
use steady::tui::app::App;
use steady::tui::effect::Done;
use steady::tui::review::data::{FIRST_SCREEN, Read};
use steady::tui::review::{Review, ReviewOptions};
use steady::tui::widgets::Theme;
use tui_common::*;

/// How many entries the journal holds: more than the first screen reads.
const ENTRIES: usize = 300;

/// Entry `i` of the test journal: a check-in each 7 hours, the last one in the morning
/// the test's clock stands in; its note names it.
fn line(i: usize) -> String {
    let at = chrono::DateTime::parse_from_rfc3339("2026-08-27T01:00:00+01:00").unwrap()
        + chrono::Duration::hours(7 * i64::try_from(i).unwrap());
    format!(
        r#"{{"v":1,"id":"E{i:03}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"{}","ended_at":"{}","completed":true,"via":"tui","responses":{{"level":3,"colour":"blue","note":"Note {i}"}}}}"#,
        at.format("%Y-%m-%dT%H:%M:%S%.3f%:z"),
        at.format("%Y-%m-%dT%H:%M:%S%.3f%:z"),
    )
}

/// A journal of `n` entries in a fresh folder (removed when dropped).
struct Journal {
    dir: PathBuf,
}

impl Journal {
    fn new(name: &str, n: usize) -> Journal {
        let dir =
            std::env::temp_dir().join(format!("steady-review-first-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let lines: Vec<String> = (0..n).map(line).collect();
        std::fs::write(dir.join("journal.jsonl"), lines.join("\n") + "\n").unwrap();
        Journal { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.join("journal.jsonl")
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn options() -> ReviewOptions {
    ReviewOptions {
        theme: Theme::PLAIN,
        first_weekday: chrono::Weekday::Mon,
        folder: std::env::temp_dir(),
        home: std::env::temp_dir(),
    }
}

/// Home over the journal at `path`, with its worker started.
fn home_over(path: &Path) -> (App, Receiver<Done>) {
    let mut setup = setup(clock(), Saved::default(), Config::default());
    setup.vault = file_vault(path);
    let mut app = App::home(setup);
    let told = start_worker(&mut app);
    (app, told)
}

fn said(app: &mut App) -> String {
    squash(&screen(app, 80, 24))
}

#[test]
fn r_shows_the_newest_entries_first_then_the_whole_journal_with_the_same_entry_selected() {
    let journal = Journal::new("home", ENTRIES);
    let (mut app, told) = home_over(&journal.path());
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(next_told(&mut app, &told), "newest");

    // The newest entries, newest first, and a count line that says the rest is coming.
    let partial = screen(&mut app, 80, 24);
    insta::assert_snapshot!("review_newest_while_reading_the_rest", partial);
    let s = squash(&partial);
    assert!(
        s.contains(&format!(
            "Newest {FIRST_SCREEN} entries · Reading the rest of the journal…"
        )),
        "{s}"
    );
    assert!(s.contains("Note 299") && !s.contains("All "), "{s}");

    // The screen is live: the arrows move, Enter opens the entry, `!` opens and closes.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(said(&mut app).contains("Note 297"));
    press(&mut app, KeyCode::Char('!'));
    assert!(said(&mut app).contains("988"));
    press(&mut app, KeyCode::Esc);

    // The whole journal arrives: every entry, the same one still open.
    assert_eq!(next_told(&mut app, &told), "read");
    let s = said(&mut app);
    assert!(s.contains("Note 297") && !s.contains("Reading"), "{s}");
    press(&mut app, KeyCode::Esc);
    let s = said(&mut app);
    assert!(s.contains(&format!("All {ENTRIES} entries")), "{s}");
    press(&mut app, KeyCode::Enter);
    assert!(
        said(&mut app).contains("Note 297"),
        "the same entry is selected"
    );

    // Everything works on the whole journal now: the oldest entry is there.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    assert!(said(&mut app).contains("Note 0"));
}

#[test]
fn search_filters_export_changes_trends_and_the_calendar_wait_for_the_whole_journal() {
    let journal = Journal::new("wait", ENTRIES);
    let (mut app, told) = home_over(&journal.path());
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(next_told(&mut app, &told), "newest");

    for (key, what) in [
        ('/', "Search opens"),
        ('f', "The day filters open"),
        ('p', "The practice and tag chooser opens"),
        ('x', "Export opens"),
        ('d', "Deleting works"),
    ] {
        press(&mut app, KeyCode::Char(key));
        let s = said(&mut app);
        assert!(
            s.contains(&format!(
                "{what} once the whole journal is read; reading it now…"
            )),
            "{key}: {s}"
        );
        assert!(
            s.contains("Note 299"),
            "{key} left the table as it was: {s}"
        );
    }
    press(&mut app, KeyCode::Char('2'));
    let s = said(&mut app);
    assert!(
        s.contains("Reading the rest of the journal… Trends are drawn once every entry is read"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('3'));
    let s = said(&mut app);
    assert!(
        s.contains(
            "Reading the rest of the journal… The calendar is drawn once every entry is read"
        ),
        "{s}"
    );
    assert_eq!(
        std::fs::read_to_string(journal.path())
            .unwrap()
            .lines()
            .count(),
        ENTRIES,
        "nothing was deleted"
    );

    // Once it is read, the line about waiting goes, Trends are drawn and search opens.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('/'));
    assert!(said(&mut app).contains("reading it now…"));
    assert_eq!(next_told(&mut app, &told), "read");
    assert!(!said(&mut app).contains("reading it now…"));
    press(&mut app, KeyCode::Char('2'));
    assert!(said(&mut app).contains("Showing the last 30 days"));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "note 12");
    let s = said(&mut app);
    assert!(s.contains("Search text answers: note 12"), "{s}");
    assert!(s.contains(&format!("11 of {ENTRIES}")), "{s}");
}

#[test]
fn steady_review_starts_from_the_newest_and_reads_the_rest_once_the_worker_runs() {
    let journal = Journal::new("direct", ENTRIES);
    let vault = file_vault(&journal.path());
    // What `steady review` reads before the terminal is taken.
    let read = Read::newest(
        vault.as_ref(),
        FIRST_SCREEN,
        Config::default().day_starts_at,
    )
    .unwrap();
    assert!(read.is_partial());
    assert_eq!(read.len(), FIRST_SCREEN);
    let review = Review::over(
        read,
        vault.clone(),
        &Config::default(),
        all_practices(),
        clock(),
        options(),
    );
    let mut setup = setup(clock(), Saved::default(), Config::default());
    setup.vault = vault;
    let mut app = App::review(setup, review);
    let told = start_worker(&mut app);
    let s = said(&mut app);
    assert!(
        s.contains("Newest 200 entries") && s.contains("Note 299"),
        "{s}"
    );
    // The loop's first turn hands the whole read to the worker.
    app.perform();
    assert_eq!(next_told(&mut app, &told), "read");
    assert!(said(&mut app).contains(&format!("All {ENTRIES} entries")));
}

#[test]
fn a_journal_smaller_than_the_first_screen_is_read_whole_from_its_end() {
    let journal = Journal::new("small", 12);
    let read = Read::newest(
        file_vault(&journal.path()).as_ref(),
        FIRST_SCREEN,
        Config::default().day_starts_at,
    )
    .unwrap();
    assert!(!read.is_partial(), "all its entries were read");
    let (mut app, told) = home_over(&journal.path());
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(next_told(&mut app, &told), "newest");
    let s = said(&mut app);
    assert!(
        s.contains("All 12 entries") && !s.contains("Reading"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('/'));
    assert!(said(&mut app).contains("Search text answers:"));
}

#[test]
fn entries_come_on_screen_without_waiting_for_another_steadys_lock() {
    let journal = Journal::new("locked", ENTRIES);
    let clock = clock();
    let review = Review::open(
        file_vault(&journal.path()),
        &Config::default(),
        all_practices(),
        clock.clone(),
        options(),
    )
    .unwrap();
    let mut app = App::review(setup(clock, Saved::default(), Config::default()), review);
    assert!(said(&mut app).contains("Note 299"));
    // Another steady holds the journal (for 30 s, were review to wait for it): the oldest
    // rows come on screen at once with what their rows know, their answers once it is
    // free and a key is pressed.
    let lock = hold_lock(&journal.dir);
    let started = std::time::Instant::now();
    press(&mut app, KeyCode::End);
    let s = said(&mut app);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the key did not wait for the lock"
    );
    assert!(
        s.contains("2026-08-27 08:00 Feeling check-in") && !s.contains("Note 1"),
        "{s}"
    );
    drop(lock);
    press(&mut app, KeyCode::Up);
    let s = said(&mut app);
    assert!(s.contains("Note 1") && s.contains("Note 2"), "{s}");
}
