//! Imports of other apps' files at size, through the release binary, with wall time and
//! peak memory (max RSS): a 100 MB jrnl JSON export, a 100 MB Pixels JSON backup and a
//! 100 MB Daylio CSV export, each into an empty journal. Target: under 100 MiB for each
//! (jrnl's and Pixels' files are read one entry at a time, as Daylio's rows are). Run with
//! `cargo bench --bench imports`; `STEADY_BENCH_RUNS` sets the runs per case (default 3).

mod support;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use support::run;

const MIB: i64 = 1024;
const SIZE: usize = 100_000_000;

fn main() {
    let runs = support::runs(3);
    let dir = std::env::temp_dir().join(format!("steady-bench-imports-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the bench folder");
    let files = [
        ("jrnl", dir.join("jrnl.json"), jrnl as fn(&Path) -> usize),
        ("pixels", dir.join("pixels.json"), pixels),
        ("daylio", dir.join("daylio.csv"), daylio),
    ];
    println!("steady imports bench: median of {runs} runs\n");
    println!(
        "{:<40} {:>9} {:>9} {:>11}  target",
        "case", "median", "max", "max RSS"
    );
    let journal = dir.join("journal.jsonl");
    for (app, file, make) in files {
        let n = make(&file);
        let name = format!("import --from {app}, 100 MB ({n} entries)");
        let path = file.to_string_lossy().into_owned();
        let args = ["import", "--from", app, &path];
        let mut times = Vec::new();
        let mut peak_kb = 0;
        for _ in 0..runs {
            let _ = fs::remove_file(&journal);
            match run(&dir, &journal, &args) {
                Ok((t, kb)) => {
                    times.push(t);
                    peak_kb = peak_kb.max(kb);
                }
                Err(why) => {
                    println!("{name:<40} FAILED: {why}");
                    break;
                }
            }
        }
        if times.len() < runs {
            continue;
        }
        times.sort();
        let verdict = if peak_kb < 100 * MIB {
            "ok (< 100 MiB)"
        } else {
            "OVER (< 100 MiB)"
        };
        println!(
            "{name:<40} {:>7.2} s {:>7.2} s {:>7.1} MiB  {verdict}",
            times[times.len() / 2].as_secs_f64(),
            times[times.len() - 1].as_secs_f64(),
            peak_kb as f64 / MIB as f64
        );
        let _ = fs::remove_file(&file);
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Words for notes: a few sentences that differ from entry to entry.
fn note(i: usize) -> String {
    format!(
        "Day {i}. Woke early, walked by the river, and wrote to a friend about the week; it felt lighter after. Tired, a little proud, still thinking about the talk on {}.",
        i % 97
    )
}

/// The `i`th minute after 2001-01-01 00:00, cycling within 20 years: (date, time).
fn minute(i: usize) -> (String, String) {
    let at = chrono::NaiveDate::from_ymd_opt(2001, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a date")
        + chrono::Duration::minutes((i * 37 % (20 * 365 * 24 * 60)) as i64);
    (
        at.format("%Y-%m-%d").to_string(),
        at.format("%H:%M").to_string(),
    )
}

/// A jrnl export of about `SIZE` bytes; how many entries it holds.
fn jrnl(path: &Path) -> usize {
    let mut out = BufWriter::new(fs::File::create(path).expect("a bench file"));
    write!(
        out,
        "{{\n    \"tags\": {{\"@work\": 1}},\n    \"entries\": ["
    )
    .expect("write");
    let (mut n, mut bytes) = (0, 40);
    while bytes < SIZE {
        let (date, time) = minute(n);
        let item = serde_json::json!({"title": format!("Entry {n}."), "body": note(n),
            "date": date, "time": time, "tags": ["@work"], "starred": n % 7 == 0});
        let text = format!("{}\n        {item}", if n == 0 { "" } else { "," });
        out.write_all(text.as_bytes()).expect("write");
        bytes += text.len();
        n += 1;
    }
    out.write_all(b"\n    ]\n}\n").expect("write");
    out.flush().expect("write");
    n
}

/// A Pixels backup of about `SIZE` bytes; how many days it holds.
fn pixels(path: &Path) -> usize {
    let mut out = BufWriter::new(fs::File::create(path).expect("a bench file"));
    out.write_all(b"[").expect("write");
    let (mut n, mut bytes) = (0, 1);
    while bytes < SIZE {
        let (date, _) = minute(n);
        let item = serde_json::json!({"date": date, "type": "Mood", "scores": [n % 5 + 1],
            "notes": note(n), "isHighlighted": false,
            "tags": [{"type": "Emotions", "entries": ["calm", "tired"]}]});
        let text = format!("{}\n{item}", if n == 0 { "" } else { "," });
        out.write_all(text.as_bytes()).expect("write");
        bytes += text.len();
        n += 1;
    }
    out.write_all(b"\n]\n").expect("write");
    out.flush().expect("write");
    n
}

/// A Daylio export of about `SIZE` bytes; how many rows it holds.
fn daylio(path: &Path) -> usize {
    let mut out = BufWriter::new(fs::File::create(path).expect("a bench file"));
    out.write_all(b"full_date,date,weekday,time,mood,activities,note_title,note\n")
        .expect("write");
    let moods = ["awful", "bad", "meh", "good", "rad"];
    let (mut n, mut bytes) = (0, 60);
    while bytes < SIZE {
        let (date, time) = minute(n);
        let text = format!(
            "{date},x,x,{time},{},work | walk,Entry {n},\"{}\"\n",
            moods[n % 5],
            note(n)
        );
        out.write_all(text.as_bytes()).expect("write");
        bytes += text.len();
        n += 1;
    }
    out.flush().expect("write");
    n
}
