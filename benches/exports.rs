//! Exports and imports at size, through the release binary, with wall time and peak memory
//! (max RSS): CSV and Markdown export of 100,000 and 1,000,000 entries, and imports into an
//! empty journal of 4,000 and 200,000 entries (JSON Lines), of an 80 MB JSON Lines file and
//! of a 200 MB JSON array. Targets: a 1M-entry CSV export under 60 MiB, the 80 MB import
//! under 100 MiB. Run with `cargo bench --bench exports`; `STEADY_BENCH_RUNS` sets the runs
//! per case (default 3).

mod support;

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use support::{generate, run};

const MIB: i64 = 1024;

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark reads best as one script from setup to report"
)]
fn main() {
    let runs = support::runs(3);
    let dir = std::env::temp_dir().join(format!("steady-bench-exports-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the bench folder");
    let small = dir.join("100k.jsonl");
    let big = dir.join("1m.jsonl");
    generate(&small, 100_000);
    let big_bytes = generate(&big, 1_000_000);
    let four_k = dir.join("4k.jsonl");
    let two_hundred_k = dir.join("200k.jsonl");
    let eighty_mb = dir.join("80mb.jsonl");
    let array = dir.join("200mb.json");
    let n4 = first_lines(&big, &four_k, |n, _| n < 4_000);
    let n200 = first_lines(&big, &two_hundred_k, |n, _| n < 200_000);
    let n80 = first_lines(&big, &eighty_mb, |_, bytes| bytes < 80_000_000);
    let na = json_array(&big, &array, 200_000_000);
    println!(
        "steady exports bench: 1M-entry journal of {:.0} MB; median of {runs} runs\n",
        big_bytes as f64 / 1e6
    );
    println!(
        "{:<40} {:>11} {:>11} {:>11}  target",
        "case", "median", "max", "max RSS"
    );
    let empty = dir.join("empty.jsonl");
    let path = |p: &Path| p.to_string_lossy().into_owned();
    let (s4, s200, s80, sa) = (
        path(&four_k),
        path(&two_hundred_k),
        path(&eighty_mb),
        path(&array),
    );
    let cases: Vec<(String, &Path, Vec<&str>, Option<i64>)> = vec![
        (
            "export csv, 100k".into(),
            &small,
            vec!["export", "--format", "csv"],
            None,
        ),
        (
            "export md, 100k".into(),
            &small,
            vec!["export", "--format", "md"],
            None,
        ),
        (
            "export csv, 1M".into(),
            &big,
            vec!["export", "--format", "csv"],
            Some(60),
        ),
        (
            "export md, 1M".into(),
            &big,
            vec!["export", "--format", "md"],
            None,
        ),
        (
            format!("import {n4} entries (jsonl)"),
            &empty,
            vec!["import", &s4],
            None,
        ),
        (
            format!("import {n200} entries (jsonl)"),
            &empty,
            vec!["import", &s200],
            None,
        ),
        (
            format!("import 80 MB jsonl ({n80} entries)"),
            &empty,
            vec!["import", &s80],
            Some(100),
        ),
        (
            format!("import 200 MB json array ({na})"),
            &empty,
            vec!["import", &sa],
            None,
        ),
    ];
    for (name, journal, args, target_mib) in cases {
        let mut times = Vec::new();
        let mut peak_kb = 0;
        let mut failure = None;
        for _ in 0..runs {
            if journal == empty.as_path() {
                let _ = fs::remove_file(journal);
            }
            match run(&dir, journal, &args) {
                Ok((t, kb)) => {
                    times.push(t);
                    peak_kb = peak_kb.max(kb);
                }
                Err(why) => {
                    failure = Some(why);
                    break;
                }
            }
        }
        if let Some(why) = failure {
            println!("{name:<40} FAILED: {why}");
            continue;
        }
        times.sort();
        let verdict = match target_mib {
            Some(t) if peak_kb < t * MIB => format!("ok (< {t} MiB)"),
            Some(t) => format!("OVER (< {t} MiB)"),
            None => String::new(),
        };
        println!(
            "{name:<40} {:>11} {:>11} {:>7.1} MiB  {verdict}",
            secs(times[times.len() / 2]),
            secs(times[times.len() - 1]),
            peak_kb as f64 / MIB as f64
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Copies the lines of `from` to `to` while `keep(lines so far, bytes so far)`; returns
/// how many.
fn first_lines(from: &Path, to: &Path, keep: impl Fn(usize, usize) -> bool) -> usize {
    let reader = BufReader::new(fs::File::open(from).expect("the bench journal"));
    let mut out = BufWriter::new(fs::File::create(to).expect("a bench file"));
    let (mut n, mut bytes) = (0, 0);
    for line in reader.lines() {
        let line = line.expect("the bench journal reads");
        if !keep(n, bytes + line.len() + 1) {
            break;
        }
        writeln!(out, "{line}").expect("a bench file");
        n += 1;
        bytes += line.len() + 1;
    }
    out.flush().expect("a bench file");
    n
}

/// Writes the first lines of `from` as a JSON array of about `size` bytes; returns how
/// many entries it holds.
fn json_array(from: &Path, to: &Path, size: usize) -> usize {
    let reader = BufReader::new(fs::File::open(from).expect("the bench journal"));
    let mut out = BufWriter::new(fs::File::create(to).expect("a bench file"));
    out.write_all(b"[\n").expect("a bench file");
    let (mut n, mut bytes) = (0, 2);
    for line in reader.lines() {
        let line = line.expect("the bench journal reads");
        if bytes + line.len() + 2 > size {
            break;
        }
        let sep = if n == 0 { "" } else { ",\n" };
        write!(out, "{sep}{line}").expect("a bench file");
        n += 1;
        bytes += line.len() + 2;
    }
    out.write_all(b"\n]\n").expect("a bench file");
    out.flush().expect("a bench file");
    n
}
