//! `steady checkin` through the real binary: colour words kept lowercase, invisible
//! characters refused, and the `--at` forms people write, in a time zone with daylight
//! saving (Europe/Berlin) and a fixed "now".

mod journal_common;

use journal_common::*;

/// Sunday 22 November 2026, 10:00 in Berlin.
const NOW: &str = "2026-11-22T10:00:00+01:00";

fn checkin(env: &Env, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["checkin", "--level", "2"];
    args.extend_from_slice(extra);
    env.cmd(&args)
        .env("TZ", "Europe/Berlin")
        .env("STEADY_NOW", NOW)
        .output()
        .unwrap()
}

fn last_entry(env: &Env) -> serde_json::Value {
    parse_lines(&env.journal_text())
        .pop()
        .expect("an entry was written")
}

#[test]
fn colour_words_are_stored_trimmed_and_lowercase() {
    let env = Env::new("cli-checkin-colour");
    for given in ["Green", "  green ", "GREEN", "Grün"] {
        let out = checkin(&env, &["--colour", given]);
        assert!(out.status.success(), "{given}: {}", stderr(&out));
    }
    let colours: Vec<String> = parse_lines(&env.journal_text())
        .iter()
        .map(|e| e["responses"]["colour"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(colours, ["green", "green", "green", "grün"]);
}

#[test]
fn invisible_characters_are_refused_with_a_sentence() {
    let env = Env::new("cli-checkin-hidden");
    let cases: [&[&str]; 4] = [
        &["--colour", "gr\u{200B}een"],
        &["--colour", "\u{202E}neerg"],
        &["--colour", "blue", "--feeling", "ca\u{2066}lm"],
        &["--colour", "blue", "--note", "fine\u{1b}[2J"],
    ];
    for args in cases {
        let out = checkin(&env, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("invisible character"), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!env.journal().exists(), "{args:?} wrote the journal");
    }
}

#[test]
fn at_takes_the_forms_people_write() {
    let env = Env::new("cli-checkin-at");
    let table = [
        ("yesterday 21:00", "2026-11-21T21:00:00.000+01:00"),
        ("2026-11-20 08:30", "2026-11-20T08:30:00.000+01:00"),
        // Summer time: the offset in force then, not now.
        ("2026-07-01 12:00", "2026-07-01T12:00:00.000+02:00"),
        ("09:15", "2026-11-22T09:15:00.000+01:00"),
        ("2026-11-22T08:00:00Z", "2026-11-22T08:00:00.000+00:00"),
        // Within a minute of now is a clock running fast, not the future.
        ("2026-11-22T10:00:40+01:00", "2026-11-22T10:00:40.000+01:00"),
    ];
    for (at, stored) in table {
        let out = checkin(&env, &["--colour", "blue", "--at", at]);
        assert!(out.status.success(), "{at}: {}", stderr(&out));
        assert_eq!(last_entry(&env)["started_at"], stored, "{at}");
    }
}

#[test]
fn at_refuses_times_that_never_happened_or_have_not_yet() {
    let env = Env::new("cli-checkin-at-bad");
    let cases = [
        // 29 March 2026: Berlin's clocks go from 02:00 straight to 03:00.
        ("2026-03-29 02:30", "clocks skip"),
        ("2026-03-29 02:00", "clocks skip"),
        ("1999-12-31 23:00", "before the year 2000"),
        ("10:02", "future"),
        ("2026-11-22T10:01:30+01:00", "future"),
        ("yesterday", "not a time"),
        ("2026-11-31 10:00", "not a time"),
    ];
    for (at, expect) in cases {
        let out = checkin(&env, &["--colour", "blue", "--at", at]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{at}: {err}");
        assert!(err.contains(expect), "{at}: {err}");
        assert!(!env.journal().exists(), "{at} wrote the journal");
    }
    let out = checkin(&env, &["--colour", "blue", "--at", "2026-03-29 01:59"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        last_entry(&env)["started_at"],
        "2026-03-29T01:59:00.000+01:00"
    );
}
