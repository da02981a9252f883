//! `steady checkin` through the real binary: the entry it writes, the input it refuses, many
//! writers at once, torn tails, and file modes under a permissive umask.

mod journal_common;

use std::collections::HashSet;

use journal_common::*;

#[test]
fn checkin_writes_one_feeling_entry() {
    let env = Env::new("checkin-entry");
    let out = env.run(&[
        "checkin",
        "--level",
        "3",
        "--colour",
        " Blue ",
        "--feeling",
        "tense",
        "--note",
        "I need rest.",
        "--at",
        "2026-11-21T21:15:00+01:00",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let journal = env.journal();
    assert_eq!(
        stdout(&out),
        "",
        "a message, not data: it goes to standard error"
    );
    assert_eq!(
        stderr(&out),
        format!(
            "Saved your check-in (level 3, blue) to {}.\n",
            journal.display()
        )
    );
    let text = env.journal_text();
    let entries = parse_lines(&text);
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e["v"], 1);
    assert_eq!(e["practice"], "feeling-check-in");
    assert_eq!(e["title"], "Feeling check-in");
    assert_eq!(e["via"], "cli");
    assert_eq!(e["completed"], true);
    assert_eq!(e["started_at"], "2026-11-21T21:15:00.000+01:00");
    assert_eq!(e["ended_at"], e["started_at"]);
    let keys: Vec<_> = e["responses"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["feeling", "level", "colour", "note"]);
    assert_eq!(e["responses"]["level"], 3);
    assert_eq!(e["responses"]["note"], "I need rest.");
    assert_eq!(e["id"].as_str().unwrap().len(), 26);

    // Only the responses given are written; HH:MM means today (here in UTC).
    let out = env.run(&[
        "checkin", "--level", "1", "--colour", "grey", "--at", "00:00",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries = parse_lines(&env.journal_text());
    let second = &entries[1];
    assert_eq!(second["responses"].as_object().unwrap().len(), 2);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(second["started_at"], format!("{today}T00:00:00.000+00:00"));
}

#[test]
fn bad_input_exits_2_with_one_sentence_and_writes_nothing() {
    let env = Env::new("checkin-bad");
    let long_note = "n".repeat(4001);
    let cases: [(&[&str], &str); 7] = [
        (&["--level", "6", "--colour", "blue"], "--level 6"),
        (&["--level", "0", "--colour", "blue"], "from 1 to 5"),
        (&["--level", "3", "--colour", "   "], "--colour is empty"),
        (
            &["--level", "3", "--colour", "blue", "--note", &long_note],
            "--note",
        ),
        (
            &["--level", "3", "--colour", "blue", "--at", "soon"],
            "--at \"soon\"",
        ),
        (
            &[
                "--level",
                "3",
                "--colour",
                "blue",
                "--at",
                "2999-01-01T00:00:00Z",
            ],
            "future",
        ),
        (&["--level", "three", "--colour", "blue"], "--level"),
    ];
    for (args, expect) in cases {
        let out = env.run(&[&["checkin"], args].concat());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!env.journal().exists(), "{args:?} wrote the journal");
    }
}

#[test]
fn eight_writers_at_once_lose_and_mix_nothing() {
    let env = Env::new("checkin-concurrent");
    std::thread::scope(|scope| {
        for writer in 0..8 {
            let env = &env;
            scope.spawn(move || {
                for i in 0..100 {
                    let note = format!("writer {writer} entry {i} {}", "x".repeat(i * 10));
                    let out = env.run(&[
                        "checkin", "--level", "2", "--colour", "teal", "--note", &note,
                    ]);
                    assert!(out.status.success(), "{}", stderr(&out));
                }
            });
        }
    });
    let text = env.journal_text();
    let entries = parse_lines(&text);
    assert_eq!(entries.len(), 800);
    let ids: HashSet<_> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 800, "ids are unique");
    let notes: HashSet<_> = entries
        .iter()
        .map(|e| e["responses"]["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 800, "every check-in is there once");
    assert!(text.ends_with('\n'));
}

#[test]
fn a_torn_fragment_is_set_aside_and_the_next_entry_stands_alone() {
    let env = Env::new("checkin-torn");
    let first = line("01JD3Q8Z4W8M1R2T5Y7B9C0XKA", 4);
    // What a writer killed mid-line leaves: a whole line, then half of another.
    let fragment = &line("01JD3Q8Z4W8M1R2T5Y7B9C0XKB", 2)[..100];
    env.write_journal(format!("{first}\n{fragment}"));

    let out = env.run(&["checkin", "--level", "3", "--colour", "blue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cut off"), "the person is told: {err}");

    let text = env.journal_text();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], first);
    assert_eq!(parse_lines(&text)[1]["responses"]["level"], 3);

    let folder = env.journal().parent().unwrap().to_owned();
    let set_aside: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("journal.jsonl.torn-")
        })
        .collect();
    assert_eq!(set_aside.len(), 1, "{set_aside:?}");
    assert_eq!(std::fs::read(&set_aside[0]).unwrap(), fragment.as_bytes());
    assert!(err.contains(&*set_aside[0].to_string_lossy()), "{err}");
    assert_eq!(mode(&set_aside[0]), 0o600);
}

#[test]
fn files_are_private_under_umask_000() {
    let env = Env::new("checkin-umask");
    let out = env.sh(
        "umask 000; exec \"$0\" \"$@\"",
        &["checkin", "--level", "2", "--colour", "red"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let journal = env.journal();
    let folder = journal.parent().unwrap();
    assert_eq!(mode(&journal), 0o600);
    assert_eq!(mode(folder), 0o700);
    assert_eq!(mode(&folder.join("journal.jsonl.lock")), 0o600);

    // A rewrite (import) under the same umask keeps the journal private too.
    let source = env.dir.join("other.jsonl");
    std::fs::write(
        &source,
        format!("{}\n", line("01JD3Q8Z4W8M1R2T5Y7B9C0XKC", 1)),
    )
    .unwrap();
    let out = env.sh(
        "umask 000; exec \"$0\" \"$@\"",
        &["import", &source.to_string_lossy()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&journal), 0o600);
    assert_eq!(env.journal_text().lines().count(), 2);
}

#[test]
fn the_level_range_and_title_come_from_the_practice_in_use() {
    let env = Env::new("checkin-practice");
    let builtin = include_str!("../practices/feeling-check-in.toml");
    let own = builtin
        .replace("title = \"Feeling check-in\"", "title = \"My check-in\"")
        .replace(
            "kind = \"scale\"\nkey = \"level\"",
            "kind = \"scale\"\nkey = \"level\"\nmin = 0\nmax = 10",
        );
    assert_ne!(
        own, builtin,
        "the built-in file still has the shape this test edits"
    );
    std::fs::create_dir_all(env.dir.join("practices")).unwrap();
    std::fs::write(env.dir.join("practices/feeling-check-in.toml"), own).unwrap();

    let out = env.run(&["checkin", "--level", "9", "--colour", "gold"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries = parse_lines(&env.journal_text());
    assert_eq!(entries[0]["title"], "My check-in");
    assert_eq!(entries[0]["responses"]["level"], 9);
    let out = env.run(&["checkin", "--level", "11", "--colour", "gold"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 0 to 10"), "{}", stderr(&out));
}
