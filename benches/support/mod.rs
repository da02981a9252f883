//! What the whole-process benches share: a realistic generated journal (about three years
//! of mixed practices, deterministic) and one run of the release binary with its wall time
//! and peak memory.
//!
//! `unsafe` is confined to the benches: `libc::wait4` is the one way to get a child's own
//! resource usage (the library and binary forbid `unsafe`).

#![allow(
    dead_code,
    reason = "each bench uses its own share of these helpers, so `expect` would fail in a bench that uses them all"
)]

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeZone};
use serde_json::{Map, Value, json};
use steady::journal::entry::{Entry, FORMAT_VERSION, Via, seconds_value};
use steady::journal::id::new_id;

/// Runs the release binary once; (wall time, max RSS in KiB), or why it failed.
/// The runs per case: `STEADY_BENCH_RUNS`, or `default`.
pub fn runs(default: usize) -> usize {
    std::env::var("STEADY_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

pub fn run(dir: &Path, journal: &Path, args: &[&str]) -> Result<(Duration, i64), String> {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_steady"));
    let start = Instant::now();
    let child = Command::new(binary)
        .arg("--journal")
        .arg(journal)
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("--practices")
        .arg(dir.join("practices"))
        .args(args)
        .env_remove("STEADY_NOW")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start steady ({e})"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped (std's `Child` is never waited on);
    // `status` and `usage` are valid, writable locals.
    let reaped = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    let elapsed = start.elapsed();
    if reaped != pid {
        return Err(format!(
            "wait4 failed ({})",
            std::io::Error::last_os_error()
        ));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let mut err = String::new();
        if let Some(mut pipe) = child.stderr {
            use std::io::Read;
            let _ = pipe.read_to_string(&mut err);
        }
        let code = if libc::WIFEXITED(status) {
            format!("exit {}", libc::WEXITSTATUS(status))
        } else {
            "killed by a signal".to_owned()
        };
        return Err(format!("{code}: {}", err.trim()));
    }
    Ok((elapsed, usage.ru_maxrss))
}

/// A journal of `count` entries from [`generate`], made once and kept in the build's target
/// folder (`target/bench-journals/`, beside the release binary) for later runs; made
/// under a temporary name and renamed when whole, so a run stopped midway leaves nothing
/// half written to be taken for a journal. Private (0600), as steady makes journals.
pub fn cached(count: usize) -> PathBuf {
    // Bump when `generate` changes what it writes, so an old file is never reused.
    const GENERATOR: u32 = 1;
    let binary = Path::new(env!("CARGO_BIN_EXE_steady"));
    let folder = binary
        .parent()
        .and_then(Path::parent)
        .expect("the release binary lives in target/<profile>/")
        .join("bench-journals");
    let path = folder.join(format!("journal-{count}-g{GENERATOR}.jsonl"));
    if !path.exists() {
        fs::create_dir_all(&folder).expect("create the bench journals folder");
        let partial = path.with_extension("partial");
        generate(&partial, count);
        let private = std::os::unix::fs::PermissionsExt::from_mode(0o600);
        fs::set_permissions(&partial, private).expect("bench journal mode");
        fs::rename(&partial, &path).expect("keep the bench journal");
    }
    path
}

/// A small deterministic random source (xorshift64*), so every run benches the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FEELINGS: &[&str] = &[
    "tense", "calm", "lonely", "hopeful", "restless", "tender", "flat", "warm",
];
const COLOURS: &[&str] = &[
    "red", "orange", "yellow", "green", "teal", "blue", "purple", "grey",
];
const NOTES: &[&str] = &[
    "Tight chest before the call, then it eased.",
    "Wanted to text, waited, breathed, then sent it.",
    "Felt \"too much\" at dinner, stayed anyway.",
    "Quiet day.\nNoticed the pull-back, named it.",
    "Long meeting, short temper, kind ending",
];
const MOMENTS: &[&str] = &[
    "goodbye hug",
    "eye contact at dinner",
    "a long call",
    "a slow breakfast",
];

/// Writes `count` entries spread over about three years; returns the file size.
pub fn generate(path: &Path, count: usize) -> u64 {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let first = FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2023, 11, 1, 7, 0, 0).single())
        .expect("a valid start time");
    let span_s = 3 * 365 * 24 * 3600;
    let step = span_s / count as i64;
    // Streamed to the file: the bench process stays small, and a child's max RSS is not
    // inflated by the parent's pages it briefly shares before `exec`.
    let file = fs::File::create(path).expect("create the bench journal");
    let mut out = BufWriter::new(file);
    let mut bytes = 0;
    for i in 0..count {
        let jitter = rng.below(step as u64 / 2) as i64;
        let utc = first + chrono::Duration::seconds(i as i64 * step + jitter);
        // Summer time from April to October, and now and then a trip five hours behind UTC.
        let offset_h = match (rng.below(50), utc.format("%m").to_string().as_str()) {
            (0, _) => -5,
            (_, "04" | "05" | "06" | "07" | "08" | "09" | "10") => 2,
            _ => 1,
        };
        let tz = FixedOffset::east_opt(offset_h * 3600).expect("a valid offset");
        let started = utc.with_timezone(&tz);
        let entry = entry(&mut rng, started);
        let line = entry.to_line();
        writeln!(out, "{line}").expect("write the bench journal");
        bytes += line.len() as u64 + 1;
    }
    // On disk before anything is timed: writing back a freshly made 1 GiB journal while the
    // runs go on took CPU and disk from them (every figure of a run was a third slower).
    out.into_inner()
        .expect("write the bench journal")
        .sync_all()
        .expect("sync the bench journal");
    bytes
}

fn entry(rng: &mut Rng, started: DateTime<FixedOffset>) -> Entry {
    let mut r = Map::new();
    let (practice, title, seconds) = match rng.below(20) {
        0..=7 => {
            r.insert("feeling".into(), json!(rng.pick(FEELINGS)));
            r.insert("level".into(), json!(1 + rng.below(5)));
            r.insert("colour".into(), json!(rng.pick(COLOURS)));
            if rng.below(2) == 0 {
                r.insert("note".into(), json!(rng.pick(NOTES)));
            }
            ("feeling-check-in", "Feeling check-in", 40)
        }
        8..=11 => {
            r.insert("before".into(), json!(2 + rng.below(4)));
            r.insert("breath".into(), json!({"cycles": 9, "seconds": 90}));
            r.insert("after".into(), json!(1 + rng.below(3)));
            ("breath-reset", "90-second breath reset", 120)
        }
        12..=14 => {
            let urge = 2.0 + rng.below(15_000) as f64 / 1000.0;
            r.insert("moment".into(), json!(rng.pick(MOMENTS)));
            r.insert(
                "stay".into(),
                json!({"urge_s": seconds_value(urge), "extra_s": 5, "total_s": seconds_value(urge + 5.0)}),
            );
            ("stay-present", "Stay present a little longer", 30)
        }
        15..=16 => {
            r.insert("moment".into(), json!("No answer to my message"));
            r.insert(
                "story".into(),
                json!("They didn't reply, so they must be angry with me"),
            );
            r.insert(
                "facts".into(),
                json!("No reply for three hours, on a workday"),
            );
            r.insert("fear".into(), json!("being left"));
            r.insert("other".into(), json!("Their phone died, or they are busy"));
            ("trigger-log", "Trigger log", 300)
        }
        17..=18 => {
            r.insert(
                "values".into(),
                json!(["present partner", "trustworthy friend"]),
            );
            r.insert("reach".into(), json!("Texted Sam, \"thinking of you\""));
            r.insert("happened".into(), json!(rng.pick(NOTES)));
            ("micro-reach", "Values-aligned micro-reach", 180)
        }
        _ => {
            r.insert("timer".into(), json!({"seconds": 600}));
            ("worry-window", "Worry window", 600)
        }
    };
    Entry {
        v: FORMAT_VERSION,
        id: new_id(started),
        practice: practice.into(),
        title: title.into(),
        started_at: started,
        ended_at: started + chrono::Duration::seconds(seconds),
        completed: rng.below(30) != 0,
        via: Via::Tui,
        responses: r,
        tags: Vec::new(),
        extra: Map::<String, Value>::new(),
    }
}
