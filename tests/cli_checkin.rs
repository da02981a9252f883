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
        ("tomorrow", "not a time"),
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

/// `checkin` at another "now" in Berlin.
fn checkin_at_now(env: &Env, now: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["checkin", "--level", "2", "--colour", "blue"];
    args.extend_from_slice(extra);
    env.cmd(&args)
        .env("TZ", "Europe/Berlin")
        .env("STEADY_NOW", now)
        .output()
        .unwrap()
}

#[test]
fn at_yesterday_alone_is_a_day_ago_at_the_time_it_is_now() {
    let env = Env::new("cli-checkin-at-yesterday");
    for word in ["yesterday", "Yesterday", " yesterday "] {
        let out = checkin(&env, &["--colour", "blue", "--at", word]);
        assert!(out.status.success(), "{word}: {}", stderr(&out));
        assert_eq!(
            last_entry(&env)["started_at"],
            "2026-11-21T10:00:00.000+01:00"
        );
    }
    // The day after the clocks went forward: the offset of yesterday at that time.
    let out = checkin_at_now(&env, "2026-03-30T10:15:30+02:00", &["--at", "yesterday"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        last_entry(&env)["started_at"],
        "2026-03-29T10:15:30.000+02:00"
    );
    // An hour the clocks skipped yesterday is refused, not moved.
    let before = env.journal_text();
    let out = checkin_at_now(&env, "2026-03-30T02:30:00+02:00", &["--at", "yesterday"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("clocks skip"), "{}", stderr(&out));
    assert_eq!(env.journal_text(), before);
}

#[test]
fn at_lists_all_its_forms_in_help_and_the_manual() {
    let env = Env::new("cli-checkin-at-help");
    let help = stdout(&env.run(&["checkin", "--help"]));
    let man = stdout(&env.run(&["man"])).replace("\\-", "-");
    for form in [
        "HH:MM (today",
        "yesterday (a day ago, at the time it is now)",
        "yesterday HH:MM",
        "YYYY-MM-DD HH:MM",
        "RFC 3339",
    ] {
        assert!(help.contains(form), "--help lacks {form:?}:\n{help}");
        assert!(man.contains(form), "the manual lacks {form:?}");
    }
}

#[test]
fn mood_is_its_own_answer_on_its_scale() {
    let env = Env::new("cli-checkin-mood");
    let out = checkin(&env, &["--colour", "blue", "--mood", "4"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entry = last_entry(&env);
    assert_eq!(entry["responses"]["mood"], 4);
    assert_eq!(entry["responses"]["level"], 2, "never merged with level");
    for bad in ["0", "6", "-1"] {
        let before = env.journal_text();
        let out = checkin(&env, &["--colour", "blue", "--mood", bad]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains(&format!("--mood {bad}")) && err.contains("1 (very unpleasant)"),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert_eq!(env.journal_text(), before);
    }
    let out = checkin(&env, &["--colour", "blue", "--mood", "four"]);
    assert_eq!(out.status.code(), Some(2), "clap's own error");
    // Without --mood there is no mood answer.
    checkin(&env, &["--colour", "blue"]);
    assert!(last_entry(&env)["responses"].get("mood").is_none());
    // log names both scales.
    let log = stdout(&env.run(&["log", "--limit", "2"]));
    assert!(
        log.contains("strength 2 of 5 · mood 4 of 5, pleasant"),
        "{log}"
    );
}

#[test]
fn a_colour_one_letter_from_a_palette_colour_is_questioned_until_kept() {
    let env = Env::new("cli-checkin-typo");
    let out = checkin(&env, &["--colour", "Gren"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim_end(),
        "steady: did you mean green? (pass --new-colour to keep 'gren')"
    );
    assert!(!env.journal().exists(), "nothing written");
    let out = checkin(&env, &["--colour", "gren", "--new-colour"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(last_entry(&env)["responses"]["colour"], "gren");
    // Used once, it is the person's own colour word: no more questions.
    let out = checkin(&env, &["--colour", "gren"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Colours of the palette, colours steady knows, and words far from any are kept.
    for word in ["green", "gray", "rose", "stormy", "yelow"] {
        let out = checkin(&env, &["--colour", word]);
        let ok = out.status.success();
        assert_eq!(ok, word != "yelow", "{word}: {}", stderr(&out));
    }
    // The palette is the one in the settings.
    std::fs::write(
        env.dir.join("config.toml"),
        "palette = [\"sea\", \"sand\"]\n",
    )
    .unwrap();
    let out = checkin(&env, &["--colour", "yelow"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = checkin(&env, &["--colour", "sad"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean sand?"),
        "{}",
        stderr(&out)
    );
}
