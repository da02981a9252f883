//! `steady due` through the real binary: the line and exit 0 on a day with nothing in the
//! journal, silence and exit 1 once something was practised, `day_starts_at` deciding the
//! day, and a line that never counts anything.

mod journal_common;

use journal_common::*;

const LINE: &str = "No practice yet today; steady is here when you want a quiet minute.\n";

impl Env {
    fn due_at(&self, now: &str) -> std::process::Output {
        self.cmd(&["due"]).env("STEADY_NOW", now).output().unwrap()
    }

    fn checkin(&self, now: &str) {
        let out = self
            .cmd(&["checkin", "--level", "3", "--colour", "blue"])
            .env("STEADY_NOW", now)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn a_day_with_nothing_yet_gets_one_gentle_line_and_exit_0() {
    let env = Env::new("due-empty");
    let out = env.due_at("2026-11-22T09:00:00+01:00");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), LINE);
    assert_eq!(stderr(&out), "");
    assert!(!env.journal().exists(), "due never creates the journal");
    assert!(!LINE.chars().any(|c| c.is_ascii_digit()));
    assert!(!LINE.to_lowercase().contains("streak"));
}

#[test]
fn once_something_was_practised_today_it_is_silent_with_exit_1() {
    let env = Env::new("due-done");
    env.checkin("2026-11-21T20:00:00+01:00");
    assert_eq!(
        env.due_at("2026-11-22T09:00:00+01:00").status.code(),
        Some(0)
    );
    env.checkin("2026-11-22T09:00:00+01:00");
    let out = env.due_at("2026-11-22T09:05:00+01:00");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
    // The next day it is due again, without a word about the day before.
    let out = env.due_at("2026-11-23T09:00:00+01:00");
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), LINE.into()));
}

#[test]
fn the_day_begins_at_day_starts_at() {
    let env = Env::new("due-day-start");
    // 01:30 belongs to the day before under the default 04:00.
    env.checkin("2026-11-23T01:30:00+01:00");
    assert_eq!(
        env.due_at("2026-11-23T02:00:00+01:00").status.code(),
        Some(1)
    );
    assert_eq!(
        env.due_at("2026-11-23T09:00:00+01:00").status.code(),
        Some(0)
    );
    std::fs::write(env.dir.join("config.toml"), "day_starts_at = \"00:00\"\n").unwrap();
    assert_eq!(
        env.due_at("2026-11-23T09:00:00+01:00").status.code(),
        Some(1)
    );
}

#[test]
fn an_unreadable_journal_is_one_sentence_and_exit_1() {
    let env = Env::new("due-folder");
    std::fs::create_dir_all(env.journal()).unwrap();
    let out = env.due_at("2026-11-22T09:00:00+01:00");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("steady: cannot read the journal"),
        "{}",
        stderr(&out)
    );
}
