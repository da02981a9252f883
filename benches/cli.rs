//! Whole-process timings of the release binary on a journal of 100,000 realistic entries
//! (about three years of mixed practices, from `support`), with the peak memory (max RSS)
//! of each run. Run with `cargo bench --bench cli`; `STEADY_BENCH_RUNS` sets the runs per
//! command (default 7). A command that fails is reported as such and the others still run.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use support::{generate, run};

const ENTRIES: usize = 100_000;

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark reads best as one script from setup to report"
)]
fn main() {
    let runs = support::runs(7);
    let dir = std::env::temp_dir().join(format!("steady-bench-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the bench folder");
    let big = dir.join("journal.jsonl");
    let started = Instant::now();
    let bytes = generate(&big, ENTRIES);
    println!(
        "steady bench: {ENTRIES} entries, {:.1} MB journal, generated in {:.1} s; median of {runs} runs\n",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    // doctor keeps what it must remember (a hash per id), not the file: a journal of 1 GiB.
    let huge = dir.join("huge.jsonl");
    let huge_count = (1u64 << 30) / (bytes / ENTRIES as u64) + 1;
    let huge_bytes = generate(&huge, huge_count as usize);
    // Private, as steady makes them, so doctor has nothing to say about their modes.
    for journal in [&big, &huge] {
        let private = std::os::unix::fs::PermissionsExt::from_mode(0o600);
        fs::set_permissions(journal, private).expect("bench journal mode");
    }
    println!(
        "doctor's journal: {huge_count} entries, {:.2} GiB\n",
        huge_bytes as f64 / f64::from(1u32 << 30)
    );
    let empty = dir.join("empty.jsonl");
    let checkin: &[&str] = &[
        "checkin", "--level", "3", "--colour", "blue", "--note", "bench",
    ];
    let cases: Vec<(&str, &Path, &[&str], Duration)> = vec![
        // First, before any check-in of today is added: `due` then reads its whole look-back.
        ("due", &big, &["due"], Duration::from_millis(10)),
        (
            "checkin (empty journal)",
            &empty,
            checkin,
            Duration::from_millis(20),
        ),
        (
            "checkin (100k journal)",
            &big,
            checkin,
            Duration::from_millis(20),
        ),
        (
            "log --limit 20",
            &big,
            &["log", "--limit", "20"],
            Duration::from_millis(500),
        ),
        ("stats", &big, &["stats"], Duration::from_millis(500)),
        (
            "report (all 100k)",
            &big,
            &["report", "--since", "2000-01-01"],
            Duration::from_secs(1),
        ),
        (
            "stats --json",
            &big,
            &["stats", "--json"],
            Duration::from_millis(500),
        ),
        (
            "export --format json",
            &big,
            &["export", "--format", "json"],
            Duration::from_millis(500),
        ),
        (
            "export --format csv",
            &big,
            &["export", "--format", "csv"],
            Duration::from_millis(500),
        ),
        ("doctor", &big, &["doctor"], Duration::from_secs(2)),
        (
            "doctor (1 GiB journal)",
            &huge,
            &["doctor"],
            Duration::from_secs(60),
        ),
    ];
    println!(
        "{:<26} {:>10} {:>10} {:>10} {:>10}  target",
        "command", "median", "min", "max", "max RSS"
    );
    for (name, journal, args, target) in cases {
        let fresh = journal == empty.as_path();
        let mut times = Vec::new();
        let mut peak_kb = 0;
        let mut failure = None;
        // One warm-up run so every case starts with the file in the page cache.
        for i in 0..=runs {
            if fresh {
                let _ = fs::remove_file(journal);
            }
            match run(&dir, journal, args) {
                Ok((t, kb)) if i > 0 => {
                    times.push(t);
                    peak_kb = peak_kb.max(kb);
                }
                Ok(_) => {}
                Err(why) => {
                    failure = Some(why);
                    break;
                }
            }
        }
        if let Some(why) = failure {
            println!("{name:<26} FAILED: {why}");
        } else {
            times.sort();
            let median = times[times.len() / 2];
            let verdict = if median < target && peak_kb < 100 * 1024 {
                format!("ok (< {} ms, < 100 MB)", target.as_millis())
            } else {
                format!("OVER (< {} ms, < 100 MB)", target.as_millis())
            };
            println!(
                "{name:<26} {:>10} {:>10} {:>10} {:>7.1} MB  {verdict}",
                ms(median),
                ms(times[0]),
                ms(times[times.len() - 1]),
                peak_kb as f64 / 1024.0
            );
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
