//! `steady import` as the contract says, through the real binary: every line checked (and
//! rejected with its line and reason, exit 1), `--dry-run`, standard input, `--quiet`, and
//! history from Daylio, jrnl and Pixels read from hand-written sample exports with their
//! awkward parts (quotes and line breaks in notes, 12-hour times, the person's own moods,
//! empty notes, several scores in a day).

mod journal_common;

use std::io::Write;
use std::process::Stdio;

use journal_common::{Env, parse_lines, stderr, stdout};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn good(id: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:00:00.000+01:00","ended_at":"2026-11-22T08:00:30.000+01:00","completed":true,"via":"tui","responses":{{"level":3,"colour":"blue"}}}}"#
    )
}

fn entries(env: &Env) -> Vec<Value> {
    parse_lines(&env.journal_text())
}

#[test]
fn every_line_is_checked_and_each_rejection_named() {
    let env = Env::new("import-checks");
    let ok = good("01JD000000000000000000GOOD");
    let broken = [
        ok.replace("01JD000000000000000000GOOD", "not an id!"),
        ok.replace("GOOD", "LVL9")
            .replace("\"level\":3", "\"level\":9"),
        ok.replace("GOOD", "STR3")
            .replace("\"level\":3", "\"level\":\"3\""),
        ok.replace("GOOD", "URGE")
            .replace("feeling-check-in", "stay-present")
            .replace(
                r#"{"level":3,"colour":"blue"}"#,
                r#"{"stay":{"urge_s":"soon","extra_s":5,"total_s":9}}"#,
            ),
        ok.replace("GOOD", "KEBB")
            .replace("\"feeling-check-in\"", "\"Not Kebab\""),
        ok.replace("GOOD", "BACK")
            .replace("08:00:30.000", "07:00:00.000"),
        ok.replace("GOOD", "NOFS")
            .replace("+01:00\",\"ended", "\",\"ended"),
        ok.replace("GOOD", "VIAX")
            .replace("\"via\":\"tui\"", "\"via\":\"sync\""),
    ];
    let file = env.dir.join("mixed.jsonl");
    std::fs::write(&file, format!("{ok}\n{}\n", broken.join("\n"))).unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for (line, why) in [
        (2, "is not an id"),
        (3, "outside feeling-check-in's scale (1 to 5)"),
        (4, "not a whole number from 1 to 5"),
        (5, "\"stay\""),
        (6, "not kebab-case"),
        (7, "before it starts"),
        (8, "RFC 3339"),
        (9, "\"via\""),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("line {line} of")) && l.contains(why)),
            "line {line}: {why}\n{err}"
        );
    }
    assert!(
        err.contains("1 added, 0 already there, 8 rejected"),
        "{err}"
    );
    assert_eq!(entries(&env).len(), 1, "only the good entry went in");
}

#[test]
fn a_file_where_everything_was_rejected_is_not_success() {
    let env = Env::new("import-all-rejected");
    let file = env.dir.join("bad.jsonl");
    let lines: Vec<String> = (0..13)
        .map(|n| {
            good(&format!("01JD0000000000000000000{n:03}")).replace("\"level\":3", "\"level\":0")
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.matches("rejected line").count(),
        10,
        "the first ten\n{err}"
    );
    assert!(err.contains("and 3 more rejected"), "{err}");
    assert!(
        err.contains("could not be imported (see above); nothing was added"),
        "{err}"
    );
    assert!(
        err.contains("0 added, 0 already there, 13 rejected"),
        "{err}"
    );
}

#[test]
fn dry_run_says_what_would_happen_and_writes_nothing() {
    let env = Env::new("import-dry-run");
    env.write_journal(format!("{}\n", good("01JD0000000000000000000AAA")));
    let before = env.journal_bytes();
    let file = env.dir.join("more.jsonl");
    let bad = good("01JD0000000000000000000CCC").replace("\"level\":3", "\"level\":6");
    std::fs::write(
        &file,
        format!(
            "{}\n{}\n{bad}\n",
            good("01JD0000000000000000000AAA"),
            good("01JD0000000000000000000BBB")
        ),
    )
    .unwrap();
    let out = env.run(&["import", "--dry-run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("1 to add, 1 already there, 1 rejected"),
        "{err}"
    );
    assert!(err.contains("Nothing was written"), "{err}");
    assert_eq!(env.journal_bytes(), before);
    let names: Vec<_> = std::fs::read_dir(env.journal().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no lock, no temp file: {names:?}");
}

#[test]
fn standard_input_imports_and_quiet_keeps_only_the_problems() {
    let env = Env::new("import-stdin");
    let mut child = env
        .cmd(&["--quiet", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = format!("{}\n{}\n", good("01JD0000000000000000000AAA"), "[1, 2]");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains("line 2 of standard input: not a JSON object"),
        "{err}"
    );
    assert!(!err.contains("Imported"), "--quiet: no counts\n{err}");
    assert_eq!(entries(&env).len(), 1);
}

#[test]
fn another_apps_file_without_from_names_the_flag_to_use() {
    let env = Env::new("import-sniff");
    for (file, flag) in [
        ("daylio.csv", "daylio"),
        ("jrnl.json", "jrnl"),
        ("pixels.json", "pixels"),
    ] {
        let out = env.run(&["import", &fixture(file)]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(
            stderr(&out).contains(&format!("--from {flag}")),
            "{}",
            stderr(&out)
        );
        assert!(!env.journal().exists());
    }
}

#[test]
fn daylio_moods_times_and_notes_come_in_as_check_ins() {
    let env = Env::new("import-daylio");
    let file = fixture("daylio.csv");
    let out = env.run(&["import", "--from", "daylio", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("\"ecstatic\" (1 day)") && err.contains("\"so-so\" (1 day)"),
        "{err}"
    );
    assert!(err.contains("--mood"), "{err}");
    assert!(!env.journal().exists(), "nothing written");

    let args = [
        "import",
        "--from",
        "daylio",
        "--mood",
        "Ecstatic=5",
        "--mood",
        "so-so=3",
        &file,
    ];
    let out = env.cmd(&args).env("TZ", "Europe/Berlin").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("8 added, 0 already there, 0 rejected"));
    let all = entries(&env);
    let at = |start: &str| {
        all.iter()
            .find(|e| e["started_at"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("{start} in {all:#?}"))
    };
    // 12-hour times, read in the local zone as it was on that date (summer and winter).
    let lake = at("2024-07-14T18:30:00.000+02:00");
    assert_eq!(lake["responses"]["mood"], 4);
    assert_eq!(lake["tags"], serde_json::json!(["swim", "friends"]));
    let dinner = at("2024-03-05T20:15:00.000+01:00");
    // How the day felt is the mood (1 very unpleasant … 5 very pleasant), never the
    // check-in's level (how strong a feeling is).
    assert_eq!(dinner["responses"]["mood"], 5);
    assert!(all.iter().all(|e| e["responses"].get("level").is_none()));
    assert_eq!(dinner["responses"]["feeling"], "rad");
    assert_eq!(
        dinner["responses"]["note"],
        "Dinner with \"the gang\"\nLaughed until my face hurt.\nFelt held, not just tolerated."
    );
    assert_eq!(dinner["tags"], serde_json::json!(["friends", "cooking"]));
    assert_eq!(dinner["source"], serde_json::json!({"app": "daylio"}));
    assert_eq!(dinner["via"], "import");
    assert!(
        at("2024-03-05T07:02:00.000+01:00")["responses"]
            .get("note")
            .is_none()
    );
    assert_eq!(at("2024-03-01T00:10:00.000+01:00")["responses"]["mood"], 2);
    assert_eq!(at("2024-03-03T14:30")["responses"]["mood"], 5);
    assert_eq!(at("2024-02-29T10:00")["responses"]["mood"], 3);

    let before = env.journal_bytes();
    let out = env.cmd(&args).env("TZ", "Europe/Berlin").output().unwrap();
    assert!(
        stderr(&out).contains("0 added, 8 already there"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        env.journal_bytes(),
        before,
        "the same file twice adds nothing"
    );
}

#[test]
fn jrnl_entries_become_notes_with_tags_and_stars_kept() {
    let env = Env::new("import-jrnl");
    let out = env.run(&["import", "--from", "jrnl", &fixture("jrnl.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all = entries(&env);
    assert_eq!(all.len(), 4);
    assert!(
        all.iter()
            .all(|e| e["practice"] == "note" && e["via"] == "import")
    );
    let first = &all[0];
    assert_eq!(first["responses"]["title"], "Rough morning.");
    assert_eq!(
        first["responses"]["text"],
        "Woke at 4, mind racing about the \"talk\" we're meant to have.\nWrote it all down and it eased a little.\n\nStill tired."
    );
    assert_eq!(first["started_at"], "2024-02-10T07:05:00.000+00:00");
    assert_eq!(first["tags"], serde_json::json!(["sleep"]));
    assert_eq!(first["source"], serde_json::json!({"app": "jrnl"}));
    assert_eq!(all[1]["tags"], serde_json::json!(["work", "starred"]));
    assert!(
        all[2].get("tags").is_none(),
        "no tags, no star: no tags field"
    );
    assert!(
        all[1]["responses"].get("text").is_none(),
        "an empty body stays empty"
    );
    // And they read back through the note practice: exported, listed, checked.
    let out = env.run(&["export", "--format", "md"]);
    assert!(
        stdout(&out).contains("### 07:05 · Note"),
        "{}",
        stdout(&out)
    );
    let out = env.run(&["import", "--from", "jrnl", &fixture("jrnl.json")]);
    assert!(stderr(&out).contains("0 added, 4 already there"));
}

#[test]
fn pixels_mood_days_become_check_ins_at_the_mean_of_their_scores() {
    let env = Env::new("import-pixels");
    let out = env.run(&["import", "--from", "pixels", &fixture("pixels.json")]);
    assert_eq!(out.status.code(), Some(1), "the Sleep day is rejected");
    let err = stderr(&out);
    assert!(err.contains("item 5") && err.contains("\"Sleep\""), "{err}");
    assert!(
        err.contains("4 added, 0 already there, 1 rejected"),
        "{err}"
    );
    let all = entries(&env);
    let moods: Vec<i64> = all
        .iter()
        .map(|e| e["responses"]["mood"].as_i64().unwrap())
        .collect();
    assert_eq!(moods, [4, 3, 5, 1], "means of [4], [2,3,4], [5,4], [1]");
    assert!(all.iter().all(|e| e["responses"].get("level").is_none()));
    assert_eq!(all[0]["tags"], serde_json::json!(["calm", "hopeful"]));
    assert_eq!(all[0]["source"], serde_json::json!({"app": "pixels"}));
    assert!(all[1]["responses"].get("note").is_none());
    assert_eq!(all[2]["responses"]["note"], "Call with \"J\".\nFelt seen.");
    assert_eq!(all[2]["source"]["scores"], serde_json::json!([5, 4]));
}

#[test]
fn a_byte_order_mark_and_blank_lines_keep_line_numbers_true() {
    let env = Env::new("import-bom");
    let file = env.dir.join("edited.jsonl");
    let bad = good("01JD0000000000000000000BBB").replace("\"level\":3", "\"level\":8");
    let text = format!("\u{feff}\n{}\n{bad}\n", good("01JD0000000000000000000AAA"));
    std::fs::write(&file, text).unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("rejected line 3 of"),
        "{}",
        stderr(&out)
    );
    assert_eq!(entries(&env).len(), 1);
}

#[test]
fn a_device_is_refused_before_it_is_read() {
    let env = Env::new("import-device");
    for device in ["/dev/zero", "/dev/urandom"] {
        let out = env.run(&["import", device]);
        assert_eq!(out.status.code(), Some(2), "{device}");
        assert!(
            stderr(&out).contains("is not a plain file"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!env.journal().exists());
}
