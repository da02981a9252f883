//! A writer that must wait for another process's lock on the journal, through the real
//! binary: it says so on stderr within a second, naming the holder's PID; it gives up after
//! `lock_wait_seconds` with exit 1 and a sentence, leaving the journal as it was; and once
//! the lock is let go the same write goes through.

mod journal_common;
mod lock_holder;

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use journal_common::*;
use lock_holder::Holder;

#[test]
fn a_writer_says_it_waits_names_the_holder_and_gives_up_at_the_setting() {
    let env = Env::new("lock-wait");
    std::fs::write(env.dir.join("config.toml"), "lock_wait_seconds = 2\n").unwrap();
    let first = env.run(&["checkin", "--level", "3", "--colour", "blue"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = env.journal_bytes();

    let lock = env.journal().with_file_name("journal.jsonl.lock");
    let holder = Holder::take(&lock);
    holder.signal("-STOP");
    let pid = holder.pid();

    let started = Instant::now();
    let mut writer = env
        .cmd(&["checkin", "--level", "4", "--colour", "teal"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Each line of stderr with when it came, read as it comes.
    let (lines, said) = mpsc::channel();
    let mut err = BufReader::new(writer.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        while err.read_line(&mut line).is_ok_and(|n| n > 0) {
            let _ = lines.send((started.elapsed(), std::mem::take(&mut line)));
        }
    });
    let (at, waiting) = said
        .recv_timeout(Duration::from_secs(10))
        .expect("the writer says it is waiting");
    assert!(at < Duration::from_secs(1), "said after {at:?}");
    assert_eq!(
        waiting,
        format!(
            "steady: waiting for another program (PID {pid}, flock), which is using the journal (it is stopped, as Ctrl-Z stops it: `fg` in its terminal lets it finish); giving up after 2 s\n"
        )
    );

    let status = writer.wait().unwrap();
    let took = started.elapsed();
    reader.join().unwrap();
    let rest: Vec<String> = said.try_iter().map(|(_, line)| line).collect();
    assert_eq!(status.code(), Some(1), "{rest:?}");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(6),
        "gave up after {took:?}"
    );
    let journal = env.journal().display().to_string();
    assert_eq!(
        rest,
        [format!(
            "steady: could not write {journal}: another program (PID {pid}, flock) was still using it after 2 s (it is stopped, as Ctrl-Z stops it: `fg` in its terminal lets it finish), so nothing was written and the journal is as it was; try again once it has finished, or wait longer with the setting lock_wait_seconds\n"
        )]
    );
    assert_eq!(env.journal_bytes(), before, "the journal is as it was");

    // Let go, the same check-in goes through without a word about waiting.
    holder.release();
    let out = env.run(&["checkin", "--level", "4", "--colour", "teal"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("waiting"), "{}", stderr(&out));
    let entries = parse_lines(&env.journal_text());
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["responses"]["colour"], "teal");
}

#[test]
fn a_writer_that_gets_the_lock_in_time_saves_and_says_only_that_it_waited() {
    let env = Env::new("lock-wait-free");
    let lock = env.journal().with_file_name("journal.jsonl.lock");
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let holder = Holder::take(&lock);
    let mut writer = env
        .cmd(&["checkin", "--level", "2", "--colour", "grey"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = writer.stderr.take().unwrap();
    let mut first = [0u8; 24];
    err.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"steady: waiting for anot");
    holder.release();
    let status = writer.wait().unwrap();
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{rest}");
    assert!(rest.contains("Saved your check-in"), "{rest}");
    assert_eq!(parse_lines(&env.journal_text()).len(), 1);
    // Nothing is written to the lock file: it stays the empty sidecar it always was.
    let mut lock_file = std::fs::File::open(&lock).unwrap();
    let mut held = Vec::new();
    lock_file.read_to_end(&mut held).unwrap();
    assert!(held.is_empty());
}
