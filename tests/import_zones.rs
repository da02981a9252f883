//! Imports from other apps and the time zone, through the real binary: the same file read
//! under any `TZ` gives the same entries once; what steady 0.2 imported (a mood kept as a
//! check-in's strength, a copy per time zone the file was read in) is found by `doctor`
//! and brought up to date by importing the same file again, in place, with the copies
//! removed and every other line kept byte for byte. `journal-0.2.jsonl` is what 0.2's
//! binary wrote for the sample exports: Daylio under Berlin, UTC and New York, jrnl and
//! Pixels under Berlin and New York.

mod journal_common;

use journal_common::{Env, line, parse_lines, stderr, stdout};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
const ZONES: [&str; 4] = ["Europe/Berlin", "UTC", "America/New_York", "Asia/Tokyo"];

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// The arguments that import one sample export (Daylio's with its two moods of its own).
fn import_args(app: &str) -> Vec<String> {
    let (file, moods): (&str, &[&str]) = match app {
        "daylio" => ("daylio.csv", &["--mood", "Ecstatic=5", "--mood", "so-so=3"]),
        "jrnl" => ("jrnl.json", &[]),
        _ => ("pixels.json", &[]),
    };
    let mut args = vec!["import".to_owned(), "--from".to_owned(), app.to_owned()];
    args.extend(moods.iter().map(|m| (*m).to_owned()));
    args.push(fixture(file));
    args
}

fn import_in(env: &Env, app: &str, tz: &str) -> std::process::Output {
    let args = import_args(app);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.cmd(&args).env("TZ", tz).output().unwrap()
}

#[test]
fn the_same_file_under_any_time_zone_is_imported_once() {
    for (app, rows) in [("daylio", 8), ("jrnl", 4), ("pixels", 4)] {
        let env = Env::new(&format!("zones-{app}"));
        for (i, tz) in ZONES.iter().enumerate() {
            let out = import_in(&env, app, tz);
            let err = stderr(&out);
            let (added, there) = if i == 0 { (rows, 0) } else { (0, rows) };
            assert!(
                err.contains(&format!("{added} added, {there} already there")),
                "{app} under {tz}: {err}"
            );
        }
        assert_eq!(env.journal_text().lines().count(), rows, "{app}");
    }
}

#[test]
fn an_import_brings_what_0_2_imported_up_to_date_in_place() {
    let env = Env::new("zones-older");
    let older = std::fs::read_to_string(fixture("journal-0.2.jsonl")).unwrap();
    let own =
        line("01JD3Q8Z4W8M1R2T5Y7B9C0XKA", 2).replace("\"via\"", "\"mine\":{\"x\":1},\"via\"");
    let garbage = "<<<<<<< not an entry \u{1}";
    let start = format!("{own}\n{garbage}\n{older}");
    env.write_journal(&start);
    let old_lines: Vec<&str> = older.lines().collect();

    // doctor sees them, per app, with the copies, and says what to run.
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    for (app, n, copies) in [("Daylio", 24, 16), ("jrnl", 8, 4), ("Pixels", 8, 4)] {
        assert!(
            said.contains(&format!(
                "{n} entries were imported from {app} by steady 0.2"
            )) && said.contains(&format!("{copies} of them are copies")),
            "{app}: {said}"
        );
    }
    assert!(said.contains("import --from daylio"), "{said}");

    // A dry run says what would change, and changes nothing.
    let mut dry = import_args("daylio");
    dry.insert(1, "--dry-run".into());
    let dry: Vec<&str> = dry.iter().map(String::as_str).collect();
    let out = env.cmd(&dry).env("TZ", "Asia/Tokyo").output().unwrap();
    assert!(
        stderr(&out).contains(
            "0 to add, 0 already there, 8 imported by steady 0.2 to bring up to date, 16 copies made by steady 0.2 to remove, 0 rejected"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.journal_text(), start);

    // Under a zone none of 0.2's imports was made in.
    let out = import_in(&env, "daylio", "Asia/Tokyo");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "0 added, 0 already there, 8 imported by steady 0.2 brought up to date, 16 copies made by steady 0.2 removed, 0 rejected"
        ),
        "{}",
        stderr(&out)
    );
    let text = env.journal_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], own, "the person's own entry, byte for byte");
    assert_eq!(lines[1], garbage, "an unreadable line, byte for byte");
    assert_eq!(
        lines.len(),
        2 + 8 + 16,
        "8 Daylio rows once; jrnl and Pixels untouched"
    );
    assert_eq!(
        &lines[10..],
        &old_lines[24..],
        "the other apps' lines as they were"
    );
    let daylio = parse_lines(&lines[2..10].join("\n"));
    for (new, old) in daylio.iter().zip(parse_lines(&old_lines[..8].join("\n"))) {
        // Where the first copy stood, at the time it had, with the mood as the mood.
        assert_eq!(new["started_at"], old["started_at"]);
        assert_eq!(new["responses"]["mood"], old["responses"]["level"]);
        assert!(new["responses"].get("level").is_none());
        assert_eq!(new["source"], serde_json::json!({"app": "daylio"}));
    }
    let dinner = &daylio[1];
    assert_eq!(dinner["tags"], serde_json::json!(["friends", "cooking"]));
    assert!(
        dinner["responses"]["note"]
            .as_str()
            .unwrap()
            .starts_with("Dinner with \"the gang\"\nLaughed")
    );
    // Only what changed changed: the rest of the line is 0.2's bytes.
    assert!(lines[2].starts_with(&old_lines[0][..old_lines[0].find("\"id\"").unwrap()]));
    assert!(
        lines[2]
            .contains(r#""title":"Feeling check-in","started_at":"2024-07-14T18:30:00.000+02:00""#)
    );

    // Again, under yet another zone: nothing to do.
    let before = env.journal_bytes();
    let out = import_in(&env, "daylio", "America/New_York");
    assert!(
        stderr(&out).contains("0 added, 8 already there, 0 rejected"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.journal_bytes(), before);
}

#[test]
fn jrnl_and_pixels_imports_of_0_2_too_and_then_doctor_is_quiet() {
    let env = Env::new("zones-older-all");
    env.write_journal(std::fs::read_to_string(fixture("journal-0.2.jsonl")).unwrap());
    let out = import_in(&env, "daylio", "UTC");
    assert!(stderr(&out).contains("16 copies made by steady 0.2 removed"));
    // jrnl's and Pixels' too; then doctor has nothing to say about imports.
    for app in ["jrnl", "pixels"] {
        let out = import_in(&env, app, "UTC");
        assert!(
            stderr(&out).contains("0 added, 0 already there, 4 imported by steady 0.2 brought up to date, 4 copies made by steady 0.2 removed"),
            "{app}: {}",
            stderr(&out)
        );
    }
    let all: Vec<Value> = parse_lines(&env.journal_text());
    let notes: Vec<&Value> = all.iter().filter(|e| e["practice"] == "note").collect();
    assert_eq!(notes.len(), 4);
    assert_eq!(notes[1]["tags"], serde_json::json!(["work", "starred"]));
    let days: Vec<&Value> = all
        .iter()
        .filter(|e| e["source"]["app"] == "pixels")
        .collect();
    assert_eq!(days.len(), 4);
    assert_eq!(days[0]["tags"], serde_json::json!(["calm", "hopeful"]));
    let out = env.run(&["doctor"]);
    assert!(!stdout(&out).contains("steady 0.2"), "{}", stdout(&out));
}

#[test]
fn a_journal_holding_what_0_2_imported_merges_by_the_record() {
    let env = Env::new("zones-merge");
    let out = import_in(&env, "daylio", "Asia/Tokyo");
    assert!(stderr(&out).contains("8 added"), "{}", stderr(&out));
    // Another machine's journal, from 0.2, with the same Daylio rows (three zones' worth),
    // and jrnl's and Pixels'.
    let out = env.run(&["import", &fixture("journal-0.2.jsonl")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("8 added, 8 already there, 0 rejected"),
        "{err}"
    );
    assert!(
        err.contains("holds 24 entries the same as an earlier one"),
        "{err}"
    );
    let all = parse_lines(&env.journal_text());
    assert_eq!(all.len(), 16, "each record once");
    assert!(all.iter().all(|e| e["responses"].get("level").is_none()));
    let out = env.run(&["doctor"]);
    assert!(!stdout(&out).contains("steady 0.2"), "{}", stdout(&out));
}
