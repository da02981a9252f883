//! `steady import` through the real binary: union by id, unreadable lines kept, rejected
//! entries reported without stopping the good ones, and exact lines on a round trip.

mod journal_common;

use journal_common::*;

const A: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKA";
const B: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKB";
const C: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKC";

#[test]
fn an_unreadable_middle_line_survives_import_and_twice_adds_nothing() {
    let env = Env::new("import-unreadable");
    let garbage = "<<<<<<< HEAD \u{0}\u{1} not an entry";
    let before = format!("{}\n{garbage}\n{}\n", line(A, 1), line(B, 2));
    env.write_journal(&before);
    let source = env.dir.join("other.jsonl");
    std::fs::write(&source, format!("{}\n{}\n", line(C, 3), line(A, 4))).unwrap();
    let file = source.to_string_lossy().into_owned();

    let out = env.run(&["import", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "messages go to standard error");
    assert!(
        stderr(&out).contains("1 added, 1 already there, 0 rejected"),
        "{}",
        stderr(&out)
    );
    let after = format!("{before}{}\n", line(C, 3));
    assert_eq!(env.journal_text(), after);

    let out = env.run(&["import", &file]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("0 added, 2 already there"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        env.journal_text(),
        after,
        "running it twice changes nothing"
    );
}

#[test]
fn rejected_entries_are_named_and_never_stop_the_good_ones() {
    let env = Env::new("import-rejected");
    let source = env.dir.join("mixed.jsonl");
    let newer = line(C, 1).replace("\"v\":1", "\"v\":2");
    std::fs::write(
        &source,
        format!("{}\nnot json\n\n{newer}\n{}", line(A, 1), line(B, 2)),
    )
    .unwrap();
    let out = env.run(&["import", &source.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 added, 0 already there, 2 rejected"),
        "{}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("line 2"), "{err}");
    assert!(
        err.contains("line 4") && err.contains("newer steady"),
        "{err}"
    );
    assert_eq!(
        env.journal_text(),
        format!("{}\n{}\n", line(A, 1), line(B, 2))
    );

    // The same in a JSON array: rejections by position.
    let env = Env::new("import-rejected-array");
    let source = env.dir.join("export.json");
    std::fs::write(&source, format!("[{}, {{\"v\":1}}, 3]", line(A, 1))).unwrap();
    let out = env.run(&["import", &source.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 added, 0 already there, 2 rejected"));
    assert!(stderr(&out).contains("item 2") && stderr(&out).contains("item 3"));
}

#[test]
fn a_source_that_cannot_be_read_exits_2_and_writes_nothing() {
    let env = Env::new("import-bad-source");
    env.write_journal(format!("{}\n", line(A, 1)));
    let before = env.journal_bytes();
    let csv = env.dir.join("export.csv");
    std::fs::write(&csv, "date,level\n2026-11-22,3\n").unwrap();
    let broken = env.dir.join("broken.json");
    std::fs::write(&broken, format!("[{}", line(B, 1))).unwrap();
    let missing = env.dir.join("missing.jsonl");
    for (path, expect) in [
        (&csv, "is not a json or jsonl export"),
        (&broken, "is not a json or jsonl export"),
        (&missing, "there is no file"),
        (&env.dir, "is not a plain file"),
    ] {
        let out = env.run(&["import", &path.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(2), "{path:?}");
        let err = stderr(&out);
        assert!(
            err.contains(expect) && err.contains(&*path.to_string_lossy()),
            "{err}"
        );
        assert_eq!(env.journal_bytes(), before);
    }
}

/// Round trip: `export --format json` -> import into an empty journal gives identical lines.
#[test]
fn a_json_export_imports_into_an_empty_journal_as_identical_lines() {
    let env = Env::new("import-round-trip");
    for (level, colour) in [(1, "blue"), (4, "café 🌱"), (5, "\"quoted\" \\ slash")] {
        let out = env.run(&[
            "checkin",
            "--level",
            &level.to_string(),
            "--colour",
            colour,
            "--note",
            "a\nb",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let mut original = env.journal_text();
    original.push_str(&line(A, 2)); // unknown fields, key order, a float
    original.push('\n');
    env.write_journal(&original);
    let export = env.dir.join("export.json");
    let out = env.run(&[
        "export",
        "--format",
        "json",
        "-o",
        &export.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    let fresh = Env::new("import-round-trip-into");
    let out = fresh.run(&["import", &export.to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("4 added"), "{}", stderr(&out));
    assert_eq!(fresh.journal_text(), original);
}
