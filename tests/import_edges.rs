//! `steady import` at its edges, through the real binary: limits of the machine (file size,
//! a full disk, memory), lines steady could not read back, times `checkin` refuses, a
//! broken CSV quote, standard input with nothing on it, a row given twice, and a file
//! under the wrong `--from`.

mod journal_common;

use std::process::{Command, Stdio};

use journal_common::{BIN, Env, line, stderr};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
const A: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKA";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// A file in the test's folder holding `text`; its path.
fn file(env: &Env, name: &str, text: &str) -> String {
    let path = env.dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// `ids.len()` good journal lines.
fn lines(n: usize) -> String {
    (0..n)
        .map(|i| line(&format!("01JD3Q8Z4W8M1R2T5Y7B9C{i:04}"), 3) + "\n")
        .collect()
}

#[test]
fn the_file_size_limit_is_a_sentence_not_a_signal() {
    let env = Env::new("edges-fsize");
    let big = file(&env, "big.jsonl", &lines(20));
    let out = env.sh(r#"ulimit -f 1; exec "$0" "$@""#, &["import", &big]);
    assert_eq!(out.status.code(), Some(1), "not killed by SIGXFSZ");
    assert!(
        stderr(&out).contains("past the file size allowed"),
        "{}",
        stderr(&out)
    );
    assert!(!env.journal().exists(), "nothing written");
}

#[test]
fn a_full_disk_names_the_folder_as_full() {
    let env = Env::new("edges-full");
    let mount = env.dir.join("small");
    std::fs::create_dir_all(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("notice: cannot mount a small file system here; skipping");
        return;
    }
    let journal = mount.join("journal.jsonl");
    std::fs::write(&journal, format!("{}\n", line(A, 2))).unwrap();
    let big = file(&env, "imp.jsonl", &lines(400));
    let out = Command::new(BIN)
        .arg("--journal")
        .arg(&journal)
        .arg("--config")
        .arg(env.dir.join("config.toml"))
        .args(["import", &big])
        .output()
        .unwrap();
    let after = std::fs::read_to_string(&journal).unwrap();
    let _ = Command::new("umount").arg(&mount).status();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{} is full", mount.display())) && !err.contains("cannot read"),
        "{err}"
    );
    assert_eq!(after, format!("{}\n", line(A, 2)), "the journal as it was");
}

#[test]
fn running_out_of_memory_is_a_sentence_not_an_abort() {
    let env = Env::new("edges-memory");
    let mut said = false;
    // From too little to start at all up to enough: never an abort. Where running out
    // begins depends on how much the binary maps (it grew with the age crate), so the
    // limits are close together there; `timeout` ends a run that would never end.
    for kib in [
        8_000, 12_000, 16_000, 20_000, 21_000, 22_000, 23_000, 24_000, 30_000, 60_000,
    ] {
        let out = env.sh(
            &format!(r#"ulimit -v {kib}; exec timeout 5 "$0" "$@""#),
            &["paths"],
        );
        let err = stderr(&out);
        assert_ne!(out.status.code(), Some(134), "{kib} KiB: {err}");
        // Once said, steady ends at once with status 1: never a crash or a hang after it.
        if err.contains("not enough memory") {
            assert_eq!(out.status.code(), Some(1), "{kib} KiB: {err}");
        }
        assert!(!err.contains("memory allocation"), "{kib} KiB: {err}");
        if out.status.code() == Some(1) {
            assert!(
                err.starts_with("steady: there was not enough memory"),
                "{err}"
            );
            assert_eq!(err.lines().count(), 1, "{err}");
            said = true;
        }
    }
    assert!(said, "no limit was low enough to run out");
}

#[test]
fn an_import_without_enough_memory_ends_with_a_sentence() {
    let env = Env::new("edges-memory-import");
    env.write_journal(format!("{}\n", line(A, 2)));
    // 40 entries of 900 KB: more than the limit leaves room for, at any one time.
    let body = "a line of a long day, ".repeat(40_000);
    let entries: Vec<String> = (1..=40)
        .map(|day| {
            format!(
                "{{\"title\": \"{day}\", \"body\": \"{body}\", \"date\": \"2001-01-{:02}\", \"time\": \"08:00\"}}",
                day % 28 + 1
            )
        })
        .collect();
    let path = file(
        &env,
        "big.json",
        &format!("{{\"entries\": [{}]}}", entries.join(",\n")),
    );
    let out = env.sh(
        r#"ulimit -v 40000; exec "$0" "$@""#,
        &["import", "--from", "jrnl", &path],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("steady: there was not enough memory"),
        "{err}"
    );
    assert_eq!(env.journal_text(), format!("{}\n", line(A, 2)));
}

#[test]
fn a_line_steady_could_not_read_back_is_rejected_with_its_place() {
    let env = Env::new("edges-long");
    let huge = "x".repeat(2 * 1024 * 1024);
    let csv = format!(
        "full_date,date,weekday,time,mood,activities,note_title,note\n2024-03-05,x,x,20:15,rad,,,short\n2024-03-06,x,x,20:15,good,,,\"{huge}\"\n"
    );
    let daylio = file(&env, "daylio.csv", &csv);
    let out = env.run(&["import", "--from", "daylio", &daylio]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("rejected line 3 of") && err.contains("up to 1 MiB"),
        "{err}"
    );
    assert!(
        err.contains("1 added, 0 already there, 1 rejected"),
        "{err}"
    );

    let jrnl = format!(
        "{{\"entries\": [{{\"title\": \"t\", \"body\": \"{huge}\", \"date\": \"2024-02-10\", \"time\": \"07:05\"}}]}}"
    );
    let jrnl = file(&env, "jrnl.json", &jrnl);
    let out = env.run(&["import", "--from", "jrnl", &jrnl]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("rejected item 1 (line 1) of"), "{err}");
    let out = env.run(&["doctor"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "doctor finds nothing unreadable"
    );
}

#[test]
fn times_checkin_refuses_are_refused_with_its_sentences() {
    let env = Env::new("edges-times");
    let at = |start: &str, end: &str| {
        line(A, 3)
            .replace(
                "2026-11-20T08:00:00.000+01:00\",\"ended",
                &format!("{start}\",\"ended"),
            )
            .replace(
                "\"ended_at\":\"2026-11-20T08:00:00.000+01:00\"",
                &format!("\"ended_at\":\"{end}\""),
            )
    };
    let text = [
        at("0001-01-01T08:00:00+01:00", "0001-01-01T08:00:00+01:00"),
        at("2026-11-20T08:00:00+01:00", "9999-12-31T08:00:00+01:00"),
        at(
            "2026-11-20T08:00:00.123456+01:00",
            "2026-11-20T08:00:01+01:00",
        ),
    ]
    .join("\n");
    let path = file(&env, "times.jsonl", &text);
    let out = env.run(&["import", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The same words as `checkin --at`.
    let checkin = env.run(&[
        "checkin",
        "--level",
        "2",
        "--colour",
        "blue",
        "--at",
        "1999-12-31 08:00",
    ]);
    assert!(stderr(&checkin).contains("is before the year 2000; check the year"));
    for (n, why) in [
        (1, "is before the year 2000; check the year"),
        (2, "is in the future; give a time that has passed"),
        (3, "has seconds with more than 3 decimals"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("rejected line {n} of")) && l.contains(why)),
            "line {n}: {why}\n{err}"
        );
    }
    assert!(!env.journal().exists(), "nothing added");
}

#[test]
fn an_unclosed_quote_in_a_daylio_csv_is_named_with_its_line() {
    let env = Env::new("edges-quote");
    let csv = "full_date,date,weekday,time,mood,activities,note_title,note\n\
        2024-03-05,x,x,20:15,rad,,,\"never closed\n\
        2024-03-06,x,x,20:15,good,,,fine\n\
        2024-03-07,x,x,20:15,meh,,,ok\n";
    let path = file(&env, "daylio.csv", csv);
    let out = env.run(&["import", "--from", "daylio", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("rejected line 2 of")
            && err.contains("a quote opened on this line is never closed"),
        "{err}"
    );
    assert!(
        err.contains("0 added, 0 already there, 1 rejected"),
        "{err}"
    );
}

#[test]
fn standard_input_with_nothing_on_it_says_so() {
    let env = Env::new("edges-stdin");
    for script in [r#"exec "$0" "$@" <&-"#, r#"exec "$0" "$@" </dev/null"#] {
        let out = env.sh(script, &["import", "-"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{script}: {err}");
        assert!(
            err.contains("nothing was read from standard input"),
            "{err}"
        );
    }
    assert!(!env.journal().exists());
}

#[test]
fn a_row_given_twice_is_named_as_such() {
    let env = Env::new("edges-twice");
    let row = "2024-03-05,x,x,20:15,rad,,,same words\n";
    let csv = format!("full_date,date,weekday,time,mood,activities,note_title,note\n{row}{row}");
    let path = file(&env, "daylio.csv", &csv);
    let out = env.run(&["import", "--from", "daylio", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("holds 1 entry the same as an earlier one")
            && err.contains("1 added, 0 already there, 0 rejected"),
        "{err}"
    );
}

#[test]
fn a_file_under_the_wrong_from_is_named_for_what_it_is() {
    let env = Env::new("edges-from");
    let steady = file(&env, "mine.jsonl", &lines(1));
    for (file, from, is) in [
        (
            fixture("daylio.csv"),
            "jrnl",
            "looks like a Daylio CSV export, not a jrnl JSON export",
        ),
        (fixture("daylio.csv"), "pixels", "--from daylio"),
        (fixture("jrnl.json"), "daylio", "--from jrnl"),
        (fixture("pixels.json"), "jrnl", "--from pixels"),
        (
            steady.clone(),
            "daylio",
            "looks like a steady export or journal",
        ),
    ] {
        let out = env.run(&["import", "--from", from, &file]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{file} as {from}: {err}");
        assert!(
            err.contains(is) && !err.contains("expected ident"),
            "{file} as {from}: {err}"
        );
    }
    assert!(!env.journal().exists());
}
