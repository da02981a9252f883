//! Review with a 100,000-entry journal file: time from reading it to the first frame
//! (120×40), and the time of a key plus redraw in History, as median and p99 over 1000
//! keys. Run with `cargo bench --bench review`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use steady::clock::TestClock;
use steady::config::Config;
use steady::journal::series::Aggregates;
use steady::practice::Library;
use steady::tui::review::{Review, ReviewOptions};
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

fn main() {
    let dir = std::env::temp_dir().join(format!("steady-review-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join("journal.jsonl");
    let text: String = (0..ENTRIES).map(|i| line(i) + "\n").collect();
    std::fs::write(&path, text).expect("journal written");
    let last = DateTime::parse_from_rfc3339("2024-01-01T07:00:00+01:00").unwrap()
        + chrono::Duration::minutes((ENTRIES as i64) * 15);
    let clock = Arc::new(TestClock::at(last));

    // Opening review and drawing its first frame, five times (the first read also warms
    // the page cache, as a second start of steady would find it).
    let open = || {
        let started = Instant::now();
        let review = Review::open(
            &path,
            &Config::default(),
            Library::builtin().practices().iter().cloned(),
            clock.clone(),
            ReviewOptions {
                theme: Theme::COLOR,
                first_weekday: chrono::Weekday::Mon,
                home: std::env::temp_dir(),
            },
        )
        .expect("journal reads");
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        terminal
            .draw(|f| review.render(f.area(), f.buffer_mut()))
            .expect("draws");
        (started.elapsed(), review, terminal)
    };
    let mut opens: Vec<Duration> = (0..4).map(|_| open().0).collect();
    let (last_open, mut review, mut terminal) = open();
    opens.push(last_open);
    opens.sort();

    // The aggregates alone (recomputed after a delete or an edit), best of five.
    let aggregates = (0..5)
        .map(|_| {
            let t = Instant::now();
            let agg = Aggregates::from_entries(review.data().entries(), NaiveTime::MIN);
            std::hint::black_box(agg);
            t.elapsed()
        })
        .min()
        .unwrap_or_default();

    let keys = [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Char('j'),
        KeyCode::Up,
        KeyCode::PageUp,
        KeyCode::End,
        KeyCode::Home,
    ];
    let mut times: Vec<Duration> = (0..1000)
        .map(|i| {
            let key = KeyEvent::new(keys[i % keys.len()], KeyModifiers::NONE);
            let t = Instant::now();
            review.handle(key);
            terminal
                .draw(|f| review.render(f.area(), f.buffer_mut()))
                .expect("draws");
            t.elapsed()
        })
        .collect();
    times.sort();

    // Typing a search refilters all 100,000 entries on every character.
    let mut search: Vec<Duration> = Vec::new();
    review.handle(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    for c in "short sentence 12".chars() {
        let t = Instant::now();
        review.handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        terminal
            .draw(|f| review.render(f.area(), f.buffer_mut()))
            .expect("draws");
        search.push(t.elapsed());
    }
    search.sort();

    std::fs::remove_dir_all(&dir).expect("temp folder removed");
    println!("review bench, {ENTRIES} entries, 120x40");
    println!(
        "  open + first frame (5 runs): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms",
        percentile(&opens, 0.5).as_secs_f64() * 1e3,
        opens[0].as_secs_f64() * 1e3,
        percentile(&opens, 1.0).as_secs_f64() * 1e3
    );
    println!(
        "  aggregates over all entries (best of 5): {:.1} ms",
        aggregates.as_secs_f64() * 1e3
    );
    println!(
        "  History key + redraw (1000 keys): median {:.3} ms, p99 {:.3} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3
    );
    println!(
        "  search keystroke + redraw ({} keys): median {:.3} ms, max {:.3} ms",
        search.len(),
        percentile(&search, 0.5).as_secs_f64() * 1e3,
        percentile(&search, 1.0).as_secs_f64() * 1e3
    );
}
