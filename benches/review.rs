//! Review with a 100,000-entry journal, drawn at 120×40: the time from reading the journal
//! file to the first frame; History keys plus redraw (median and p99 over 1000 keys, with
//! searches typed from empty among them, and the first search key after opening); a delete
//! plus redraw, through the journal file and review's own share of it; and the Trends tab
//! drawn after a delete. First, the journal store's own rewrites (delete, restore, edit and
//! its undo) timed directly, beside what a full parse and a plain copy with and without
//! fsync of the same file cost. Run with `cargo bench --bench review`.

/// The allocator the binary runs with (`src/main.rs`), so review is measured as a person
/// meets it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use steady::clock::TestClock;
use steady::config::Config;
use steady::journal::Store;
use steady::journal::entry::Entry;
use steady::journal::series::Aggregates;
use steady::journal::vault::{EntryRef, FileVault, MemoryVault, Vault};
use steady::practice::Library;
use steady::tui::review::{Review, ReviewData, ReviewOptions, ReviewView};
use steady::tui::widgets::Theme;

const ENTRIES: usize = 100_000;

/// One journal line for entry `i`, spread over about three years, several practices.
fn line(i: usize) -> String {
    let start = DateTime::parse_from_rfc3339("2024-01-01T07:00:00+01:00").unwrap();
    let at = start + chrono::Duration::minutes((i as i64) * 15);
    let at_s = at.format("%Y-%m-%dT%H:%M:%S%.3f%:z");
    let end_s = (at + chrono::Duration::seconds(40)).format("%Y-%m-%dT%H:%M:%S%.3f%:z");
    let colours = ["blue", "green", "yellow", "grey", "teal", "red"];
    let (practice, title, responses) = match i % 4 {
        0 | 1 => (
            "feeling-check-in",
            "Feeling check-in",
            format!(
                r#"{{"feeling":"steady {i}","level":{},"colour":"{}","note":"entry {i}: a short sentence about the day"}}"#,
                1 + i % 5,
                colours[i % colours.len()]
            ),
        ),
        2 => (
            "stay-present",
            "Stay present a little longer",
            format!(
                r#"{{"stay":{{"urge_s":{},"extra_s":5,"total_s":{}}}}}"#,
                3 + i % 20,
                8 + i % 20
            ),
        ),
        _ => (
            "breath-reset",
            "90-second breath reset",
            format!(r#"{{"before":{},"after":{}}}"#, 1 + i % 3, 3 + i % 3),
        ),
    };
    format!(
        r#"{{"v":1,"id":"ID{i:024}","practice":"{practice}","title":"{title}","started_at":"{at_s}","ended_at":"{end_s}","completed":true,"via":"tui","responses":{responses}}}"#
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Sorted times as "median, p99, max".
fn spread(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.99)),
        ms(percentile(times, 1.0))
    )
}

fn options() -> ReviewOptions {
    ReviewOptions {
        theme: Theme::COLOR,
        first_weekday: chrono::Weekday::Mon,
        folder: std::env::temp_dir(),
        home: std::env::temp_dir(),
    }
}

/// One key as the app handles it (update, then side effects, then a frame), timed.
fn key(review: &mut Review, terminal: &mut Terminal<TestBackend>, code: KeyCode) -> Duration {
    let t = Instant::now();
    review.handle(KeyEvent::new(code, KeyModifiers::NONE));
    terminal
        .draw(|f| f.render_stateful_widget(ReviewView, f.area(), review))
        .expect("draws");
    t.elapsed()
}

/// The journal store's rewrites on the 100,000-line journal at `path`, five of each, and
/// what their parts cost on their own: reading every line into entries, and writing the
/// same bytes to a new file without and with fsync. Printed at once.
fn store_rewrites(path: &std::path::Path) {
    let store = Store::new(path);
    let bytes = std::fs::read(path).expect("journal reads");
    let best = |run: &dyn Fn()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let parse = best(&|| {
        std::hint::black_box(steady::journal::read::load(path).expect("journal reads"));
    });
    let copy_path = path.with_file_name("copy.jsonl");
    let copy = best(&|| std::fs::write(&copy_path, &bytes).expect("copy written"));
    let synced = best(&|| steady::fsutil::write_atomic(&copy_path, &bytes).expect("copy written"));
    std::fs::remove_file(&copy_path).expect("copy removed");

    let vault = FileVault::new(store);
    let mut wanted: Vec<(EntryRef, Entry)> = Vec::new();
    let ids: Vec<String> = (0..5)
        .map(|i| format!("ID{:024}", ENTRIES / 2 + i))
        .collect();
    vault
        .open()
        .expect("journal opens")
        .entries(|found| {
            if ids.contains(&found.entry.id) {
                wanted.push((found.at, found.entry));
            }
        })
        .expect("journal reads");
    let (mut deletes, mut restores, mut edits, mut undos) = (vec![], vec![], vec![], vec![]);
    for (at, entry) in wanted {
        let t = Instant::now();
        let removed = vault.remove(&at).expect("deletes").value;
        deletes.push(t.elapsed());
        let t = Instant::now();
        let back = vault.restore(&removed.kept).expect("restores").value;
        assert_eq!(back.at, at);
        restores.push(t.elapsed());
        let mut edited = entry.clone();
        edited.responses.insert("note".into(), "changed".into());
        let t = Instant::now();
        let done = vault.replace(&at, &edited).expect("edits").value;
        edits.push(t.elapsed());
        let t = Instant::now();
        vault.restore(&done.kept).expect("undoes");
        undos.push(t.elapsed());
    }
    assert!(
        std::fs::read(path).expect("journal reads") == bytes,
        "rewrites undone exactly"
    );
    println!(
        "journal store, {ENTRIES} entries, {} MB",
        bytes.len() / 1_000_000
    );
    println!(
        "  read every line into entries {:.1} ms; write the same bytes {:.1} ms, through a synced atomic replace {:.1} ms (best of 5)",
        ms(parse),
        ms(copy),
        ms(synced)
    );
    println!("  delete (5): {}", spread(&mut deletes));
    println!("  restore (5): {}", spread(&mut restores));
    println!("  edit (5): {}", spread(&mut edits));
    println!("  undo of the edit (5): {}", spread(&mut undos));
}

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark reads best as one script from setup to report"
)]
fn main() {
    let dir = std::env::temp_dir().join(format!("steady-review-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join("journal.jsonl");
    let lines: Vec<String> = (0..ENTRIES).map(line).collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("journal written");
    store_rewrites(&path);
    let last = DateTime::parse_from_rfc3339("2024-01-01T07:00:00+01:00").unwrap()
        + chrono::Duration::minutes((ENTRIES as i64) * 15);
    let clock = Arc::new(TestClock::at(last));
    let practices = || Library::builtin().practices().to_vec();

    // Opening review and drawing its first frame, five times (the first read also warms
    // the page cache, as a second start of steady would find it); then, on that fresh
    // review, `/` and the first letter of a search.
    let mut opens = Vec::new();
    let mut first_search = Vec::new();
    let mut opened = None;
    for _ in 0..5 {
        let started = Instant::now();
        let mut review = Review::open(
            Arc::new(FileVault::new(Store::new(&path))),
            &Config::default(),
            practices(),
            clock.clone(),
            options(),
        )
        .expect("journal reads");
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        terminal
            .draw(|f| f.render_stateful_widget(ReviewView, f.area(), &mut review))
            .expect("draws");
        opens.push(started.elapsed());
        first_search.push(key(&mut review, &mut terminal, KeyCode::Char('/')));
        first_search.push(key(&mut review, &mut terminal, KeyCode::Char('e')));
        key(&mut review, &mut terminal, KeyCode::Esc);
        opened = Some((review, terminal));
    }
    let (mut review, mut terminal) = opened.expect("opened five times");
    opens.sort();

    // The aggregates in full (what a change cost before they were kept up to date), best
    // of five, against taking one entry out and putting it back.
    let day_starts_at = NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default();
    let mut entries: Vec<Entry> = Vec::new();
    steady::journal::vault::Vault::open(&FileVault::new(Store::new(&path)))
        .expect("journal reads")
        .entries(|found| entries.push(found.entry))
        .expect("journal reads");
    let full = (0..5)
        .map(|_| {
            let t = Instant::now();
            let agg = Aggregates::from_entries(&entries, day_starts_at);
            std::hint::black_box(agg);
            t.elapsed()
        })
        .min()
        .unwrap_or_default();
    let mut agg = review.data().aggregates().clone();
    let mut one: Vec<Duration> = entries[..1000]
        .iter()
        .map(|e| {
            let t = Instant::now();
            agg.remove(e);
            agg.add(e);
            t.elapsed()
        })
        .collect();

    // 1000 History keys: moving about, and every 19 keys a search typed from empty, then
    // dropped with Esc (which shows everything again).
    let keys: Vec<KeyCode> = [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Char('j'),
        KeyCode::Up,
        KeyCode::PageUp,
        KeyCode::End,
        KeyCode::Home,
        KeyCode::Char('/'),
    ]
    .into_iter()
    .chain("entry 12".chars().map(KeyCode::Char))
    .chain([KeyCode::Backspace, KeyCode::Esc])
    .collect();
    let mut all = Vec::new();
    let mut search = Vec::new();
    for i in 0..1000 {
        let code = keys[i % keys.len()];
        let t = key(&mut review, &mut terminal, code);
        all.push(t);
        if !matches!(
            code,
            KeyCode::Up
                | KeyCode::Down
                | KeyCode::PageUp
                | KeyCode::PageDown
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::Char('j')
        ) {
            search.push(t);
        }
    }

    // Leave a search the keys may have stopped in.
    key(&mut review, &mut terminal, KeyCode::Esc);

    // Deleting through the journal file: the atomic rewrite of 100,000 lines included.
    let mut file_deletes: Vec<Duration> = (0..5)
        .map(|_| {
            key(&mut review, &mut terminal, KeyCode::Char('d'));
            key(&mut review, &mut terminal, KeyCode::Char('y'))
        })
        .collect();
    std::fs::remove_dir_all(&dir).expect("temp folder removed");

    // Review's own share of a delete and of its undo, and Trends drawn after a delete,
    // over a journal in memory (whose writes are splices of its bytes in memory).
    let t = Instant::now();
    let data = ReviewData::load(
        Arc::new(MemoryVault::new(&lines)),
        clock,
        day_starts_at,
        practices(),
    )
    .expect("held journal loads");
    let build = t.elapsed();
    let mut review = Review::new(data, options());
    let mut deletes = Vec::new();
    let mut undos = Vec::new();
    let mut trends = Vec::new();
    for i in 0..100 {
        key(&mut review, &mut terminal, KeyCode::Char('d'));
        deletes.push(key(&mut review, &mut terminal, KeyCode::Char('y')));
        trends.push(key(&mut review, &mut terminal, KeyCode::Char('2')));
        key(&mut review, &mut terminal, KeyCode::Char('1'));
        if i % 2 == 0 {
            undos.push(key(&mut review, &mut terminal, KeyCode::Char('u')));
        }
    }

    println!("review bench, {ENTRIES} entries, 120x40");
    println!(
        "  open + first frame (5 runs): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms",
        ms(percentile(&opens, 0.5)),
        ms(opens[0]),
        ms(percentile(&opens, 1.0))
    );
    println!(
        "  the same build on one thread, from entries in memory (each written to its line first): {:.1} ms",
        ms(build)
    );
    println!(
        "  first search keys after opening ('/', first letter; 5 opens): {}",
        spread(&mut first_search)
    );
    println!("  History key + redraw (1000 keys): {}", spread(&mut all));
    println!(
        "    of which search keys typed from empty, Backspace, Esc ({}): {}",
        search.len(),
        spread(&mut search)
    );
    println!(
        "  delete + redraw through the journal file (5, rewrite included): {}",
        spread(&mut file_deletes)
    );
    println!(
        "  delete + redraw, review's own work (100): {}",
        spread(&mut deletes)
    );
    println!(
        "  undo + redraw, review's own work (50): {}",
        spread(&mut undos)
    );
    println!(
        "  Trends tab drawn after a delete (100): {}",
        spread(&mut trends)
    );
    println!(
        "  aggregates: full pass (best of 5) {:.1} ms; one entry removed and added back (1000): {}",
        ms(full),
        spread(&mut one)
    );
}
