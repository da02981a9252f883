//! The review screens driven by keys over an in-memory journal and drawn into a
//! `TestBackend`: what each screen shows, at common and tiny sizes, and what the keys change.

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveTime, Weekday};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use steady::clock::TestClock;
use steady::journal::StoreError;
use steady::journal::VaultError;
use steady::journal::entry::Entry;
use steady::journal::error::Doing;
use steady::journal::feelings::{Energy, Place, Placements};
use steady::journal::vault::{
    EntryRef, Imported, Kept, MemoryVault, Newest, Removed, Replaced, Restored, Snapshot, Upgrade,
    Vault, Written,
};
use steady::practice::Library;
use steady::tui::keymap::Keymap;
use steady::tui::review::{Review, ReviewData, ReviewOptions, ReviewOutcome, ReviewView, Tab};
use steady::tui::widgets::Theme;

/// A journal the test can still look into after handing it to review.
type Shared = Arc<MemoryVault>;

/// The lines the journal holds now.
fn held(store: &Shared) -> Vec<String> {
    String::from_utf8(store.bytes())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn line(id: &str, practice: &str, title: &str, at: &str, responses: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"{practice}","title":"{title}","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{responses}}}"#
    )
}

/// Three weeks of practice before 2026-11-22 (the test clock's today).
fn fixture() -> Vec<String> {
    let colours = ["blue", "green", "yellow", "grey", "teal"];
    let feelings = ["tense", "calm", "tired", "hopeful", "flat"];
    let mut lines = Vec::new();
    for day in 1..=21u32 {
        let date = format!("2026-11-{day:02}");
        let i = day as usize;
        lines.push(line(
            &format!("C{day:02}"),
            "feeling-check-in",
            "Feeling check-in",
            &format!("{date}T08:0{}:00.000+01:00", i % 10),
            &format!(
                r#"{{"feeling":"{}","level":{},"colour":"{}","note":"day {day} note about the morning"}}"#,
                feelings[i % 5],
                1 + i % 5,
                colours[i % 5]
            ),
        ));
        if day % 3 == 0 {
            lines.push(line(
                &format!("S{day:02}"),
                "stay-present",
                "Stay present a little longer",
                &format!("{date}T19:00:00.000+01:00"),
                &format!(
                    r#"{{"stay":{{"urge_s":{},"extra_s":5,"total_s":{}}},"what":"goodbye hug"}}"#,
                    day,
                    day + 5
                ),
            ));
        }
        if day % 4 == 0 {
            lines.push(line(
                &format!("B{day:02}"),
                "breath-reset",
                "90-second breath reset",
                &format!("{date}T21:00:00.000+01:00"),
                r#"{"breath":{"cycles":9,"seconds":90},"before":2,"after":4}"#,
            ));
        }
    }
    lines
}

fn review_with(store: Shared, color: bool) -> Review {
    review_at(store, color, "2026-11-22T12:00:00+01:00")
}

fn review_at(store: Shared, color: bool, now: &str) -> Review {
    review_placed(store, color, now, Placements::new())
}

/// Review with the person's own feeling words placed as `placements` says.
fn review_placed(store: Shared, color: bool, now: &str, placements: Placements) -> Review {
    let data = ReviewData::load(
        store,
        Arc::new(TestClock::at_rfc3339(now)),
        NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
        Library::builtin().practices().iter().cloned(),
    )
    .unwrap()
    .with_placements(placements);
    let home = std::env::temp_dir().join(format!("steady-review-test-{}", std::process::id()));
    Review::new(
        data,
        ReviewOptions {
            theme: Theme { color },
            first_weekday: Weekday::Mon,
            folder: home.clone(),
            home,
        },
    )
}

fn shared(lines: &[String]) -> Shared {
    Arc::new(MemoryVault::new(lines))
}

fn screen(review: &mut Review, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| f.render_stateful_widget(ReviewView, f.area(), review))
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A key, then what it asked of the journal, as the app does.
fn press(review: &mut Review, code: KeyCode) -> ReviewOutcome {
    review.handle(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(review: &mut Review, text: &str) {
    for c in text.chars() {
        press(review, KeyCode::Char(c));
    }
}

#[test]
fn history_lists_newest_first_with_answers_at_both_sizes() {
    let mut review = review_with(shared(&fixture()), true);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut review, w, h);
        assert!(
            s.contains("History") && s.contains("Trends") && s.contains("Calendar"),
            "{s}"
        );
        assert!(s.contains("All 33 entries"), "{s}");
        let first_row = s.lines().nth(3).unwrap();
        let title = if w == 80 {
            "Stay present a…" // a long title is cut at a word, with an ellipsis
        } else {
            "Stay present a little longer"
        };
        assert!(
            first_row.starts_with(&format!("2026-11-21 19:00 {title}")),
            "{s}"
        );
        assert!(
            first_row.contains("urge at 21 s"),
            "answers without a column of their own are summed up: {s}"
        );
        assert!(s.contains("day 21 note"), "{s}");
        assert!(s.contains("tense"), "feeling column shown at {w}: {s}");
    }
}

#[test]
fn every_screen_draws_at_any_size_and_with_an_empty_journal() {
    for lines in [fixture(), Vec::new()] {
        for color in [true, false] {
            let mut review = review_with(shared(&lines.clone()), color);
            for tab in ['1', '2', '3'] {
                press(&mut review, KeyCode::Char(tab));
                for (w, h) in [
                    (1, 1),
                    (5, 2),
                    (19, 4),
                    (20, 5),
                    (30, 8),
                    (45, 12),
                    (80, 24),
                    (120, 40),
                    (200, 60),
                ] {
                    screen(&mut review, w, h);
                }
                press(&mut review, KeyCode::Char('v'));
                screen(&mut review, 30, 8);
                press(&mut review, KeyCode::Enter);
                screen(&mut review, 80, 24);
                screen(&mut review, 12, 6);
                press(&mut review, KeyCode::Esc);
            }
        }
    }
    assert!(screen(&mut review_with(shared(&[]), true), 10, 3).contains("larger"));
}

#[test]
fn empty_journal_screens_say_so() {
    let mut review = review_with(shared(&Vec::new()), true);
    assert!(screen(&mut review, 80, 24).contains("No entries yet"));
    press(&mut review, KeyCode::Char('2'));
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("Not enough check-ins"), "{s}");
    assert!(s.contains("Not enough stay-present"), "{s}");
    assert!(s.contains("Not enough breath resets"), "{s}");
    press(&mut review, KeyCode::Left);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("nothing to count"), "{s}");
    press(&mut review, KeyCode::Char('3'));
    let s = screen(&mut review, 80, 24);
    assert!(
        s.contains("November 2026") && s.contains("no entries"),
        "{s}"
    );
}

#[test]
fn filters_combine_and_esc_clears_them() {
    let mut review = review_with(shared(&fixture()), true);
    // Practice picker: practices sorted by count; the check-in is first.
    press(&mut review, KeyCode::Char('p'));
    press(&mut review, KeyCode::Enter);
    assert_eq!(review.history().shown(review.data()).count(), 21);
    press(&mut review, KeyCode::Char('f'));
    type_text(&mut review, "2026-11-15");
    press(&mut review, KeyCode::Enter);
    press(&mut review, KeyCode::Char('t'));
    type_text(&mut review, "yesterday");
    press(&mut review, KeyCode::Enter);
    assert_eq!(review.history().shown(review.data()).count(), 7);
    press(&mut review, KeyCode::Char('/'));
    type_text(&mut review, "DAY 2");
    press(&mut review, KeyCode::Enter);
    let ids: Vec<_> = review
        .history()
        .shown(review.data())
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(ids, ["C21", "C20"]);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("2 of 33"), "{s}");
    assert!(s.contains("practice: feeling-check-in"), "{s}");
    assert!(s.contains("days: 2026-11-15 to 2026-11-21"), "{s}");
    assert!(s.contains("text: \"DAY 2\""), "{s}");
    // A bad date is named and changes nothing.
    press(&mut review, KeyCode::Char('f'));
    for _ in 0..10 {
        press(&mut review, KeyCode::Backspace);
    }
    type_text(&mut review, "soon");
    press(&mut review, KeyCode::Enter);
    assert!(screen(&mut review, 120, 40).contains("\"soon\" is not a day; type YYYY-MM-DD"));
    press(&mut review, KeyCode::Esc);
    assert_eq!(press(&mut review, KeyCode::Esc), ReviewOutcome::Continue);
    assert!(review.history().filter().practices.is_empty());
    assert_eq!(review.history().shown(review.data()).count(), 33);
    // Esc never leaves review; q does.
    assert_eq!(press(&mut review, KeyCode::Esc), ReviewOutcome::Continue);
    assert_eq!(press(&mut review, KeyCode::Char('q')), ReviewOutcome::Exit);
}

#[test]
fn delete_asks_then_undo_restores_the_exact_line() {
    let lines = fixture();
    let store = shared(&lines.clone());
    let mut review = review_with(store.clone(), true);
    press(&mut review, KeyCode::Down);
    let id = review.history().selected(review.data()).unwrap().id.clone();
    press(&mut review, KeyCode::Char('d'));
    assert!(screen(&mut review, 80, 24).contains("y deletes"));
    press(&mut review, KeyCode::Char('n'));
    assert_eq!(held(&store), lines, "n keeps it");
    press(&mut review, KeyCode::Char('d'));
    press(&mut review, KeyCode::Char('y'));
    assert_eq!(held(&store).len(), lines.len() - 1);
    assert!(
        !held(&store)
            .iter()
            .any(|l| l.contains(&format!("\"{id}\"")))
    );
    assert!(screen(&mut review, 80, 24).contains("Press u to bring it back"));
    press(&mut review, KeyCode::Char('u'));
    assert_eq!(held(&store), lines);
    assert_eq!(review.history().selected(review.data()).unwrap().id, id);
    assert!(screen(&mut review, 80, 24).contains("Undid the deletion"));
}

#[test]
fn edit_rewrites_only_that_answer_of_that_entry() {
    let lines = fixture();
    let store = shared(&lines.clone());
    let mut review = review_with(store.clone(), true);
    // The newest check-in is C21, third row.
    press(&mut review, KeyCode::Char('p'));
    press(&mut review, KeyCode::Enter);
    press(&mut review, KeyCode::Enter);
    let detail = screen(&mut review, 80, 24);
    assert!(
        detail.contains("day 21 note"),
        "detail shows the note: {detail}"
    );
    assert!(
        detail.contains("How strong is it?"),
        "labelled by the step prompt: {detail}"
    );
    assert!(detail.contains("  calm"), "{detail}");
    assert!(detail.contains("Completed."), "{detail}");
    press(&mut review, KeyCode::Char('e'));
    // The check-in's one text step is the note (the feeling is a choice).
    let before = review
        .history()
        .selected(review.data())
        .unwrap()
        .str("note")
        .unwrap()
        .to_owned();
    assert_eq!(before, "day 21 note about the morning");
    for _ in 0..before.chars().count() {
        press(&mut review, KeyCode::Backspace);
    }
    type_text(&mut review, "a kinder note ✓");
    press(&mut review, KeyCode::Enter);
    let after = held(&store);
    let changed: Vec<_> = (0..lines.len()).filter(|&i| after[i] != lines[i]).collect();
    assert_eq!(changed.len(), 1);
    let edited: Entry = serde_json::from_str(&after[changed[0]]).unwrap();
    assert_eq!(edited.id, "C21");
    assert_eq!(edited.str("note"), Some("a kinder note ✓"));
    let mut expected: Entry = serde_json::from_str(&lines[changed[0]]).unwrap();
    expected.responses["note"] = "a kinder note ✓".into();
    assert_eq!(edited, expected, "nothing else changed");
    press(&mut review, KeyCode::Char('u'));
    assert_eq!(held(&store), lines);
}

#[test]
fn export_writes_what_the_filter_shows_and_asks_before_replacing() {
    let mut review = review_with(shared(&fixture()), true);
    press(&mut review, KeyCode::Char('/'));
    type_text(&mut review, "hug");
    press(&mut review, KeyCode::Enter);
    press(&mut review, KeyCode::Char('x'));
    // csv → json → jsonl
    press(&mut review, KeyCode::Tab);
    press(&mut review, KeyCode::Tab);
    let dir = std::env::temp_dir().join(format!("steady-review-export-{}", std::process::id()));
    let path = dir.join("hugs.jsonl");
    for _ in 0..200 {
        press(&mut review, KeyCode::Backspace);
    }
    type_text(&mut review, &path.to_string_lossy());
    press(&mut review, KeyCode::Enter);
    let written = std::fs::read_to_string(&path).unwrap();
    let ids: Vec<String> = written
        .lines()
        .map(|l| serde_json::from_str::<Entry>(l).unwrap().id)
        .collect();
    assert_eq!(ids.len(), 7);
    assert!(ids.iter().all(|id| id.starts_with('S')));
    assert!(
        screen(&mut review, 120, 40).contains(&format!("Exported 7 entries to {}", path.display()))
    );
    // Again: the file exists, so it asks, and n leaves it alone.
    press(&mut review, KeyCode::Char('x'));
    for _ in 0..200 {
        press(&mut review, KeyCode::Backspace);
    }
    type_text(&mut review, &path.to_string_lossy());
    press(&mut review, KeyCode::Enter);
    assert!(screen(&mut review, 120, 40).contains("Replace it?"));
    press(&mut review, KeyCode::Char('n'));
    press(&mut review, KeyCode::Esc);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    // The same selection as CSV, the dialog's first format: a header and seven rows.
    press(&mut review, KeyCode::Char('x'));
    for _ in 0..200 {
        press(&mut review, KeyCode::Backspace);
    }
    let csv_path = dir.join("hugs.csv");
    type_text(&mut review, &csv_path.to_string_lossy());
    press(&mut review, KeyCode::Enter);
    let mut rows = csv::Reader::from_path(&csv_path).unwrap();
    let headers = rows.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "practice"), "{headers:?}");
    let records: Vec<_> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 7);
    assert!(
        records
            .iter()
            .all(|r| r.iter().any(|f| f == "stay-present"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn trends_draw_charts_with_labelled_axes_and_counts() {
    let mut review = review_with(shared(&fixture()), true);
    press(&mut review, KeyCode::Char('2'));
    assert_eq!(review.tab(), Tab::Trends);
    let s = screen(&mut review, 120, 40);
    assert!(
        s.contains("Check-ins: a pleasant or an unpleasant feeling"),
        "{s}"
    );
    assert!(
        s.contains("⣿ unpleasant: 1 barely there – 5 filling everything"),
        "{s}"
    );
    assert!(s.contains("charts 1–4 of 5 · ←→ more"), "{s}");
    assert!(
        s.contains("24 Oct") && s.contains("22 Nov"),
        "dates on the x axis: {s}"
    );
    assert!(s.contains("21 s"), "stay-present axis in seconds: {s}");
    assert!(s.contains("before") && s.contains("after"), "{s}");
    // The fifth chart, the counts, comes into view with →.
    press(&mut review, KeyCode::Right);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("charts 2–5 of 5"), "{s}");
    assert!(s.contains("feeling-check-in") && s.contains(" 21 "), "{s}");
    assert!(s.contains("green") && s.contains(" 5 "), "{s}");
    press(&mut review, KeyCode::Char('r'));
    assert!(screen(&mut review, 120, 40).contains("the last 90 days"));
}

#[test]
fn trends_mark_where_a_guide_was_started_and_a_step_begun() {
    let mut review = review_with(shared(&fixture()), false);
    press(&mut review, KeyCode::Char('2'));
    let without = screen(&mut review, 120, 40);
    assert!(without.contains("Check-ins: a pleasant"), "{without}");
    assert!(!without.contains("a guide started"), "{without}");
    let mut lines = fixture();
    lines.push(line(
        "01JD3Q8Z4W8M1R2T5Y7B9C0GDE",
        "guide",
        "Eight steps for anxious attachment",
        "2026-11-10T09:00:00.000+00:00",
        r#"{"guide":"anxious-eight-steps","step":2,"event":"moved-on"}"#,
    ));
    let mut review = review_with(shared(&lines), false);
    press(&mut review, KeyCode::Char('2'));
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("▄ a guide started or a step begun"), "{s}");
}

#[test]
fn calendar_marks_days_and_lists_a_day() {
    let mut review = review_with(shared(&fixture()), false);
    press(&mut review, KeyCode::Char('3'));
    let s = screen(&mut review, 80, 24);
    assert!(s.contains("November 2026"), "{s}");
    // 21 Nov: level 1 + 21 % 5 = 2, colour green: named, without colour.
    assert!(s.contains(" 2 green"), "{s}");
    assert!(s.contains("Sunday 22 November 2026: no entries."), "{s}");
    // The legend says what a day's number is, and which way its scale runs.
    assert!(
        s.contains("3 blue: last check-in, how strong (1–5) and its colour"),
        "{s}"
    );
    assert!(
        screen(&mut review, 120, 40).contains(
            "3 blue: last check-in, how strong (1 barely there – 5 filling everything) and its colour"
        ),
        "the scale's ends in words where there is room"
    );
    // The month at 40×12 without colour: a space between each day and its level, days with
    // nothing plain, days to come marked, the legend and the day's line below.
    insta::assert_snapshot!("calendar_40x12", screen(&mut review, 40, 12));
    press(&mut review, KeyCode::Left);
    press(&mut review, KeyCode::Enter);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("Sat 21 Nov 2026"), "{s}");
    assert!(
        s.contains("08:01 Feeling check-in · strength 2 of 5…"),
        "{s}"
    );
    assert!(s.contains("19:00 Stay present a little longer"), "{s}");
    assert_eq!(review.calendar().selected().to_string(), "2026-11-21");
    // Enter on an entry of the list opens it in full in History; Esc steps back to the table.
    press(&mut review, KeyCode::Down);
    press(&mut review, KeyCode::Enter);
    assert_eq!(review.tab(), Tab::History);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("┌ Stay present a little longer"), "{s}");
    press(&mut review, KeyCode::Esc);
    assert!(
        screen(&mut review, 120, 40).contains("When "),
        "the table again"
    );
    press(&mut review, KeyCode::Char('3'));
    press(&mut review, KeyCode::Char('v'));
    let s = screen(&mut review, 120, 40);
    assert!(
        s.contains("2026") && s.contains("Jan") && s.contains("Dec"),
        "{s}"
    );
}

#[test]
fn scrolling_moves_by_row_and_page_and_stays_in_bounds() {
    let lines: Vec<String> = (0..100)
        .map(|i| {
            line(
                &format!("E{i:03}"),
                "feeling-check-in",
                "Feeling check-in",
                &format!(
                    "2026-11-{:02}T{:02}:00:00.000+01:00",
                    1 + i / 10,
                    8 + i % 10
                ),
                &format!(r#"{{"level":3,"colour":"blue","note":"n{i}"}}"#),
            )
        })
        .collect();
    let mut review = review_with(shared(&lines), false);
    let selected = |r: &Review| r.history().selected(r.data()).unwrap().id.clone();
    screen(&mut review, 80, 24); // the page size comes from the drawn height
    assert_eq!(selected(&review), "E099");
    press(&mut review, KeyCode::Up);
    assert_eq!(selected(&review), "E099", "stays at the top");
    press(&mut review, KeyCode::Char('j'));
    press(&mut review, KeyCode::Down);
    assert_eq!(selected(&review), "E097");
    press(&mut review, KeyCode::Char('k'));
    assert_eq!(selected(&review), "E098");
    press(&mut review, KeyCode::PageDown);
    let after_page = selected(&review);
    assert!(after_page.as_str() < "E090", "{after_page}");
    press(&mut review, KeyCode::End);
    assert_eq!(selected(&review), "E000");
    let s = screen(&mut review, 80, 24);
    assert!(s.contains("n0"), "the selected row is drawn: {s}");
    press(&mut review, KeyCode::Down);
    assert_eq!(selected(&review), "E000", "stays at the bottom");
    press(&mut review, KeyCode::Home);
    assert_eq!(selected(&review), "E099");
    press(&mut review, KeyCode::Char('u'));
    assert!(screen(&mut review, 80, 24).contains("Nothing to undo."));
    // Without colour the colour name stands alone, with no swatch.
    assert!(!screen(&mut review, 120, 40).contains('█'));
}

#[test]
fn tabs_switch_screens_and_q_leaves_from_any() {
    let mut review = review_with(shared(&fixture()), true);
    assert_eq!(review.tab(), Tab::History);
    press(&mut review, KeyCode::Tab);
    assert_eq!(review.tab(), Tab::Trends);
    press(&mut review, KeyCode::Tab);
    assert_eq!(review.tab(), Tab::Calendar);
    press(&mut review, KeyCode::BackTab);
    assert_eq!(review.tab(), Tab::Trends);
    press(&mut review, KeyCode::Char('1'));
    assert_eq!(review.tab(), Tab::History);
    // While typing a search, digits and q are text.
    press(&mut review, KeyCode::Char('/'));
    assert_eq!(
        press(&mut review, KeyCode::Char('q')),
        ReviewOutcome::Continue
    );
    press(&mut review, KeyCode::Char('2'));
    assert_eq!(review.tab(), Tab::History);
    assert_eq!(review.history().filter().search.as_deref(), Some("q2"));
    press(&mut review, KeyCode::Esc);
    press(&mut review, KeyCode::Char('3'));
    assert_eq!(press(&mut review, KeyCode::Char('q')), ReviewOutcome::Exit);
}

#[test]
fn calendar_moves_by_day_week_and_month() {
    let mut review = review_with(shared(&fixture()), true);
    press(&mut review, KeyCode::Char('3'));
    let day = |r: &Review| r.calendar().selected().to_string();
    press(&mut review, KeyCode::Up);
    assert_eq!(day(&review), "2026-11-15");
    press(&mut review, KeyCode::Right);
    assert_eq!(day(&review), "2026-11-16");
    press(&mut review, KeyCode::PageUp);
    assert_eq!(day(&review), "2026-10-16");
    assert!(screen(&mut review, 80, 24).contains("October 2026"));
    press(&mut review, KeyCode::Char('t'));
    assert_eq!(day(&review), "2026-11-22");
    // Esc closes an open day list, then goes back to History; it never leaves review.
    press(&mut review, KeyCode::Enter);
    assert_eq!(review.keymap(), Keymap::ReviewDay);
    assert_eq!(press(&mut review, KeyCode::Esc), ReviewOutcome::Continue);
    assert_eq!(review.keymap(), Keymap::ReviewCalendar);
    assert_eq!(press(&mut review, KeyCode::Esc), ReviewOutcome::Continue);
    assert_eq!(review.tab(), Tab::History);
    assert_eq!(press(&mut review, KeyCode::Esc), ReviewOutcome::Continue);
    assert_eq!(press(&mut review, KeyCode::Char('q')), ReviewOutcome::Exit);
}

/// A journal that loads, then can neither be written (a full disk) nor read again (gone).
#[derive(Debug)]
struct Full(MemoryVault, std::sync::atomic::AtomicBool);

/// A failed write: the disk is full.
fn full() -> VaultError {
    VaultError::Store(StoreError::new(
        Path::new("/j/journal.jsonl"),
        Doing::Write,
        std::io::ErrorKind::StorageFull.into(),
    ))
}

impl Vault for Full {
    fn place(&self) -> &Path {
        Path::new("/j/journal.jsonl")
    }
    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError> {
        if self.1.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return Err(VaultError::Store(StoreError::new(
                Path::new("/j/journal.jsonl"),
                Doing::Read,
                std::io::Error::other("it is gone"),
            )));
        }
        self.0.open()
    }
    fn newest(&self, n: usize) -> Result<Newest, VaultError> {
        self.0.newest(n)
    }
    fn get(&self, at: &EntryRef) -> Result<Option<Entry>, VaultError> {
        self.0.get(at)
    }
    fn append(&self, _: &[Entry]) -> Result<Written<()>, VaultError> {
        Err(full())
    }
    fn replace(&self, _: &EntryRef, _: &Entry) -> Result<Written<Replaced>, VaultError> {
        Err(full())
    }
    fn remove(&self, _: &EntryRef) -> Result<Written<Removed>, VaultError> {
        Err(full())
    }
    fn restore(&self, _: &Kept) -> Result<Written<Restored>, VaultError> {
        Err(full())
    }
    fn import(
        &self,
        _: Option<&std::fs::File>,
        _: &[(String, std::ops::Range<u64>)],
        _: Upgrade,
        _: bool,
    ) -> Result<Written<Imported>, VaultError> {
        Err(full())
    }
}

#[test]
fn a_write_that_fails_is_said_and_changes_nothing() {
    let data = ReviewData::load(
        Arc::new(Full(
            MemoryVault::new(&fixture()),
            std::sync::atomic::AtomicBool::new(false),
        )),
        Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00")),
        NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
        Library::builtin().practices().iter().cloned(),
    )
    .unwrap();
    let mut review = Review::new(
        data,
        ReviewOptions {
            theme: Theme::PLAIN,
            first_weekday: Weekday::Mon,
            folder: std::env::temp_dir(),
            home: std::env::temp_dir(),
        },
    );
    press(&mut review, KeyCode::Char('d'));
    press(&mut review, KeyCode::Char('y'));
    assert_eq!(review.data().rows().len(), 33);
    assert!(screen(&mut review, 120, 40).contains("the disk is full"));
    // An edit that cannot be saved stays open with what was typed.
    press(&mut review, KeyCode::Down);
    press(&mut review, KeyCode::Char('e'));
    type_text(&mut review, " and more");
    press(&mut review, KeyCode::Enter);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("the disk is full"), "{s}");
    assert!(
        s.contains("morning and more"),
        "the edit is still open: {s}"
    );
    assert!(!review.data().can_undo());
    // An export when the journal cannot be read says so, in the dialog, and writes nothing.
    // Esc steps back one level at a time: out of the editor, then out of the entry.
    press(&mut review, KeyCode::Esc);
    press(&mut review, KeyCode::Esc);
    press(&mut review, KeyCode::Char('x'));
    let out = std::env::temp_dir().join(format!("steady-full-{}.csv", std::process::id()));
    for _ in 0..80 {
        press(&mut review, KeyCode::Backspace);
    }
    type_text(&mut review, &out.to_string_lossy());
    press(&mut review, KeyCode::Enter);
    let s = screen(&mut review, 120, 40);
    assert!(s.contains("it is gone") && s.contains("Export"), "{s}");
    assert!(!out.exists());
}

#[test]
fn trends_at_80x24_show_one_readable_chart_at_a_time() {
    let mut review = review_with(shared(&fixture()), false);
    press(&mut review, KeyCode::Char('2'));
    insta::assert_snapshot!("trends_80x24_feelings", screen(&mut review, 80, 24));
    press(&mut review, KeyCode::Right);
    insta::assert_snapshot!("trends_80x24_strength", screen(&mut review, 80, 24));
    press(&mut review, KeyCode::Right);
    insta::assert_snapshot!("trends_80x24_stay", screen(&mut review, 80, 24));
    press(&mut review, KeyCode::Right);
    insta::assert_snapshot!("trends_80x24_breath", screen(&mut review, 80, 24));
    press(&mut review, KeyCode::Right);
    insta::assert_snapshot!("trends_80x24_counts", screen(&mut review, 80, 24));
    press(&mut review, KeyCode::Right);
    let mut again = review_with(shared(&fixture()), false);
    press(&mut again, KeyCode::Char('2'));
    assert_eq!(
        screen(&mut review, 80, 24),
        screen(&mut again, 80, 24),
        "→ after the last chart comes back to the first"
    );
    press(&mut review, KeyCode::Left);
    assert!(screen(&mut review, 80, 24).contains("Entries per practice"));
}

#[test]
fn trends_at_40x12_show_a_chart_with_words_not_an_empty_box() {
    let mut review = review_with(shared(&fixture()), false);
    press(&mut review, KeyCode::Char('2'));
    insta::assert_snapshot!("trends_40x12_feelings", screen(&mut review, 40, 12));
    press(&mut review, KeyCode::Right);
    insta::assert_snapshot!("trends_40x12_strength", screen(&mut review, 40, 12));
}

#[test]
fn trends_place_a_word_where_the_settings_place_it() {
    let unplaced = {
        let mut review = review_with(shared(&fixture()), false);
        press(&mut review, KeyCode::Char('2'));
        screen(&mut review, 80, 24)
    };
    assert!(
        unplaced.contains("In 1–10 November 2026, 2 of 10 check-ins named a pleasant"),
        "{unplaced}"
    );
    let hopeful = Place {
        pleasant: true,
        energy: Energy::High,
    };
    let placements = [("hopeful".to_owned(), hopeful)].into();
    let mut review = review_placed(
        shared(&fixture()),
        false,
        "2026-11-22T12:00:00+01:00",
        placements,
    );
    press(&mut review, KeyCode::Char('2'));
    let placed = screen(&mut review, 80, 24);
    // Days 3 and 8 named "hopeful": both in the first ten days.
    assert!(
        placed.contains("In 1–10 November 2026, 4 of 10 check-ins named a pleasant"),
        "{placed}"
    );
}

/// Half a year of check-ins at strength 3 every day while pleasant feelings give way to
/// unpleasant ones (`fixtures/turn.jsonl`), reviewed on its last day.
fn turn() -> Review {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/turn.jsonl"),
    )
    .unwrap();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut review = review_at(shared(&lines), false, "2026-11-30T12:00:00+00:00");
    press(&mut review, KeyCode::Char('2'));
    review
}

#[test]
fn trends_tell_a_turn_to_unpleasant_feelings_at_flat_strength_as_that_turn() {
    let mut review = turn();
    insta::assert_snapshot!("turn_30_days_120x40", screen(&mut review, 120, 40));
    insta::assert_snapshot!("turn_30_days_80x24", screen(&mut review, 80, 24));
    for _ in 0..3 {
        press(&mut review, KeyCode::Char('r'));
    }
    let all = screen(&mut review, 120, 40);
    assert!(all.contains("Showing all time, by month"), "{all}");
    insta::assert_snapshot!("turn_all_120x40", all);
    insta::assert_snapshot!("turn_all_80x24", screen(&mut review, 80, 24));
    press(&mut review, KeyCode::Right);
    insta::assert_snapshot!("turn_all_80x24_strength", screen(&mut review, 80, 24));
}

/// History at 80×24 without colour: columns that fit, titles and answers cut at a word with
/// an ellipsis (a reviewed snapshot of the `TestBackend` buffer).
#[test]
fn history_at_80x24_cuts_at_words_and_shows_answers() {
    let mut review = review_with(shared(&fixture()), false);
    insta::assert_snapshot!(screen(&mut review, 80, 24));
}

#[test]
fn trends_by_week_keep_gaps_between_weeks_with_check_ins() {
    let mut review = review_with(shared(&fixture()), false);
    press(&mut review, KeyCode::Char('2'));
    press(&mut review, KeyCode::Char('r'));
    insta::assert_snapshot!("trends_by_week_120x40", screen(&mut review, 120, 40));
}

/// A few check-ins with tags and moods, as imports write them.
fn tagged_fixture() -> Vec<String> {
    let tagged = |id: &str, at: &str, tags: &str, responses: &str| {
        line(id, "feeling-check-in", "Feeling check-in", at, responses).replace(
            r#","via":"tui","#,
            &format!(r#","via":"import","tags":{tags},"#),
        )
    };
    vec![
        tagged(
            "T1",
            "2026-11-19T08:00:00.000+01:00",
            r#"["Work"]"#,
            r#"{"feeling":"tense","level":4,"colour":"grey","mood":2}"#,
        ),
        tagged(
            "T2",
            "2026-11-20T20:00:00.000+01:00",
            r#"["Friends","going out"]"#,
            r#"{"feeling":"warm","level":3,"colour":"yellow","mood":5,"note":"Dinner with Sam, laughed a lot"}"#,
        ),
        tagged(
            "T3",
            "2026-11-21T09:00:00.000+01:00",
            r#"["work","sport"]"#,
            r#"{"level":2,"colour":"blue","mood":4}"#,
        ),
        line(
            "U4",
            "feeling-check-in",
            "Feeling check-in",
            "2026-11-21T21:00:00.000+01:00",
            r#"{"feeling":"calm","level":1,"colour":"teal"}"#,
        ),
    ]
}

#[test]
fn history_shows_tags_strength_and_mood() {
    let mut review = review_with(shared(&tagged_fixture()), false);
    insta::assert_snapshot!("history_tags_100x12", screen(&mut review, 100, 12));
    insta::assert_snapshot!("history_tags_80x10", screen(&mut review, 80, 10));
}

#[test]
fn the_entry_in_full_names_mood_with_its_scale_and_lists_tags() {
    let mut review = review_with(shared(&tagged_fixture()), false);
    press(&mut review, KeyCode::Down);
    press(&mut review, KeyCode::Down);
    press(&mut review, KeyCode::Enter);
    insta::assert_snapshot!("entry_detail_tags_mood_80x20", screen(&mut review, 80, 20));
}

#[test]
fn the_chooser_lists_tags_below_the_practices_and_filters_by_them() {
    let mut review = review_with(shared(&tagged_fixture()), false);
    press(&mut review, KeyCode::Char('p'));
    insta::assert_snapshot!("history_chooser_tags_80x16", screen(&mut review, 80, 16));
    // The practice, the "Tags" heading is passed over, then "work" (two entries, any case).
    press(&mut review, KeyCode::Down);
    press(&mut review, KeyCode::Enter);
    let s = screen(&mut review, 100, 12);
    assert!(s.contains("2 of 4 · tag: work"), "{s}");
    assert!(s.contains("tags: work, sport"), "{s}");
    assert!(s.contains("tags: Work"), "{s}");
    assert!(!s.contains("Friends"), "{s}");
    // Ticking the practice and one more tag: the practice and any of the tags; Esc clears.
    press(&mut review, KeyCode::Char('p'));
    press(&mut review, KeyCode::Char(' '));
    for _ in 0..3 {
        press(&mut review, KeyCode::Down);
    }
    press(&mut review, KeyCode::Char(' '));
    press(&mut review, KeyCode::Enter);
    let s = screen(&mut review, 100, 12);
    assert!(
        s.contains("3 of 4 · practice: feeling-check-in · tag: work, going out"),
        "{s}"
    );
    press(&mut review, KeyCode::Esc);
    assert!(screen(&mut review, 100, 12).contains("All 4 entries"));
}

#[test]
fn a_feeling_wider_than_its_column_ends_with_an_ellipsis_not_mid_word() {
    let lines = vec![line(
        "W01",
        "feeling-check-in",
        "Feeling check-in",
        "2026-11-21T08:00:00.000+01:00",
        r#"{"feeling":"overwhelmed","level":4,"colour":"grey"}"#,
    )];
    let mut review = review_with(shared(&lines), false);
    let s = screen(&mut review, 80, 24);
    assert!(s.contains("overwhelm…"), "{s}");
    assert!(!s.contains("overwhelme "), "{s}");
}
