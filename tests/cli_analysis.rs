//! `steady log`, `stats` and `export` through the real binary, on copies of the fixture
//! journal in temp folders. `STEADY_NOW` fixes "today" at 2026-05-16, the fixture's last day.

mod journal_common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use journal_common::{Env, stderr, stdout};

const NOW: &str = "2026-05-16T12:00:00+02:00";

fn fixture_text() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis.jsonl"))
        .unwrap()
}

/// A temp folder (see `journal_common::Env`) holding a journal with `text`, where steady
/// runs with "today" fixed at `NOW`.
struct Home(Env);

impl std::ops::Deref for Home {
    type Target = Env;
    fn deref(&self) -> &Env {
        &self.0
    }
}

impl Home {
    fn new(name: &str, text: &str) -> Home {
        let env = Env::new(&format!("cli-analysis-{name}"));
        env.write_journal(text);
        Home(env)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd(args);
        cmd.env("STEADY_NOW", NOW);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
}

#[test]
fn log_lists_newest_first_with_local_days() {
    let home = Home::new("log", &fixture_text());
    let out = home.run(&["log", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("date"), "{text}");
    assert!(
        lines[1].starts_with("2026-05-16  09:00  breath-reset"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("2026-05-14  22:00  feeling-check-in"),
        "{text}"
    );
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");

    let out = home.run(&["log", "--since", "2026-03-28", "--until", "2026-03-28"]);
    let text = stdout(&out);
    // After midnight: the entry's own date, and the day it counts for said in the note.
    assert!(text.contains("2026-03-29  03:30  breath-reset"), "{text}");
    assert!(
        text.contains("2026-03-29  01:30  feeling-check-in"),
        "{text}"
    );
    assert!(text.contains("(for 28 Mar)"), "{text}");
    assert_eq!(text.lines().count(), 3, "{text}");

    let wide = home
        .command(&["log", "--limit", "1"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let narrow = home
        .command(&["log", "--limit", "1"])
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    assert!(
        stdout(&narrow).lines().all(|l| l.chars().count() <= 50),
        "{}",
        stdout(&narrow)
    );
    assert!(stdout(&wide).len() >= stdout(&narrow).len());
}

#[test]
fn log_json_prints_stored_lines_unchanged() {
    let text = fixture_text();
    let home = Home::new("log-json", &text);
    let out = home.run(&["log", "--json", "--limit", "2"]);
    assert!(out.status.success());
    let stored: Vec<&str> = text.lines().collect();
    assert_eq!(stdout(&out), format!("{}\n{}\n", stored[24], stored[23]));
    let out = home.run(&[
        "log",
        "--json",
        "--practice",
        "trigger-log",
        "--search",
        "PHONE",
    ]);
    assert_eq!(stdout(&out), format!("{}\n", stored[16]));
}

#[test]
fn log_of_an_empty_journal_says_how_to_begin() {
    let home = Home::new("log-empty", "");
    let out = home.run(&["log"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("No entries yet."),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("steady checkin"));
    let out = home.run(&["stats"]);
    assert!(
        stdout(&out).starts_with("No entries yet."),
        "{}",
        stdout(&out)
    );
    let full = Home::new("log-nomatch", &fixture_text());
    // An unknown practice id is bad usage (cli_tags); a tag nothing carries matches nothing.
    let out = full.run(&["log", "--tag", "no-such-tag"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("No entries match"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_dates_are_usage_errors_naming_the_flag() {
    let home = Home::new("bad-date", &fixture_text());
    for (flag, value) in [
        ("--since", "last week"),
        ("--until", "2026-02-30"),
        ("--since", "0d"),
    ] {
        for command in ["log", "stats"] {
            let out = home.run(&[command, flag, value]);
            assert_eq!(out.status.code(), Some(2), "{command} {flag} {value}");
            let err = stderr(&out);
            assert!(
                err.contains(flag) && err.contains("YYYY-MM-DD, today, yesterday"),
                "{err}"
            );
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    let out = home.run(&["log", "--since", "today", "--until", "7d"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--since (2026-05-16) is after --until (2026-05-10)"));
    let out = home
        .command(&["stats"])
        .env("STEADY_NOW", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("STEADY_NOW"));
}

#[test]
fn unreadable_lines_are_counted_once_on_stderr() {
    let text = format!("{}not json\n{{\"v\":9}}\n", fixture_text());
    let home = Home::new("unreadable", &text);
    for args in [&["log"][..], &["stats"], &["export", "--format", "jsonl"]] {
        let out = home.run(args);
        assert!(out.status.success(), "{args:?}");
        assert_eq!(
            stderr(&out),
            "steady: 2 journal lines could not be read; run `steady doctor`\n",
            "{args:?}"
        );
    }
}

#[test]
fn log_into_a_closed_pipe_ends_quietly() {
    // Enough output to overflow the pipe buffer after the reader has gone.
    let text = fixture_text().repeat(200);
    let home = Home::new("pipe", &text);
    for args in [
        &["log"][..],
        &["log", "--json"],
        &["export", "--format", "md"],
    ] {
        let mut child = home
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // The reader (like `head -1`) is dropped here, closing the pipe.
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

#[test]
fn stats_json_has_the_documented_shape() {
    let home = Home::new("stats", &fixture_text());
    let out = home.run(&["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["entries"], 25);
    assert_eq!(json["per_practice"]["stay-present"], 10);
    assert_eq!(json["days_practised"], 23);
    assert_eq!(json["first_day"], "2026-03-20");
    assert_eq!(json["streak"]["current"], 5);
    assert_eq!(json["streak"]["longest"], 6);
    assert_eq!(json["streak"]["practised_today"], true);
    assert!(
        json.get("level_by_week").is_none(),
        "no mean across feelings"
    );
    let months = &json["check_ins"]["by_month"];
    assert_eq!(months[1]["month"], "2026-04");
    assert_eq!(months[1]["unpleasant"], 2);
    assert_eq!(months[1]["unpleasant_strength_mean"], 4.5);
    assert_eq!(months[0]["not_sure_or_unplaced"], 3);
    assert!(months[0]["mood_mean"].is_null());
    assert!(
        json["check_ins"]["scales"]["strength"]
            .as_str()
            .unwrap()
            .contains("1 barely there … 5 filling everything")
    );
    assert_eq!(json["colours"]["green"], 3);
    let stay = &json["stay_present"]["change"];
    assert_eq!(stay["first"]["mean_seconds_until_urge"], 5.0);
    assert_eq!(
        (&stay["first"]["to"], &stay["last"]["from"]),
        (&"2026-04-15".into(), &"2026-04-16".into())
    );
    assert_eq!(json["breath_reset"]["settled_after_mean"], 2.25);
    assert_eq!(json["sentences"].as_array().unwrap().len(), 5);

    // A day that starts at midnight moves the 01:30 and 03:30 entries to the 29th.
    fs::write(home.dir.join("config.toml"), "day_starts_at = \"00:00\"\n").unwrap();
    let out = home.run(&[
        "stats",
        "--json",
        "--since",
        "2026-03-29",
        "--until",
        "2026-03-29",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["entries"], 3);
}

#[test]
fn stats_text_is_plain_words() {
    let home = Home::new("stats-text", &fixture_text());
    let out = home.run(&["stats", "--practice", "breath-reset"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with("4 entries on 4 days between 2026-03-22 and 2026-05-16."),
        "{text}"
    );
    assert!(
        text.contains(
            "How settled you felt (1 not at all, 5 very settled): 4 before a breath reset and 2.3 after, on average (4 resets)."
        ),
        "{text}"
    );
    fs::write(home.dir.join("config.toml"), "show_streaks = false\n").unwrap();
    assert!(!stdout(&home.run(&["stats"])).contains("Days in a row"));
}

#[test]
fn export_writes_private_files_and_never_overwrites_by_accident() {
    let text = fixture_text();
    let home = Home::new("export", &text);
    let file = home.dir.join("out.json");
    let path = file.to_str().unwrap();
    let out = home.run(&["export", "--format", "json", "-o", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "data only on standard output");
    assert_eq!(stderr(&out), format!("Exported 25 entries to {path}.\n"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        format!("[\n{}\n]\n", lines.join(",\n"))
    );
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // The JSON export imports back into an identical journal.
    let copy = Home::new("export-reimport", "");
    let out = copy.run(&["import", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(copy.journal()).unwrap(), text);

    let out = home.run(&["export", "--format", "csv", "-o", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists") && stderr(&out).contains("--force"));
    assert!(
        fs::read_to_string(&file).unwrap().starts_with("[\n"),
        "left alone"
    );

    let out = home.run(&[
        "export",
        "--format",
        "csv",
        "--practice",
        "stay-present",
        "-o",
        path,
        "--force",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_path(&file).unwrap();
    assert_eq!(reader.records().count(), 10);
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let journal = home.journal();
    let out = home.run(&[
        "export",
        "--format",
        "jsonl",
        "--force",
        "-o",
        journal.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is the journal itself"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&journal).unwrap(), text);
    let leftovers = fs::read_dir(&home.dir).unwrap().count();
    assert_eq!(
        leftovers, 2,
        "the journal's folder and the export only, no temp files"
    );
}

#[test]
fn export_formats_on_stdout() {
    let text = fixture_text();
    let home = Home::new("export-stdout", &text);
    let out = home.run(&["export", "--format", "jsonl"]);
    assert_eq!(stdout(&out), text, "byte for byte");
    let out = home.run(&[
        "export",
        "--format",
        "md",
        "--since",
        "2026-03-28",
        "--until",
        "2026-03-29",
    ]);
    let md = stdout(&out);
    assert!(
        md.starts_with(
            "# steady journal\n\n## 2026-03-28 (Saturday)\n\n### 01:30 · Feeling check-in\n"
        ),
        "{md}"
    );
    assert!(md.contains("## 2026-03-29 (Sunday)\n\n### 10:00 · Stay present a little longer\n\n- moment: goodbye hug\n- stay: urge at 5 s, stayed 5 s more, 10 s in all\n"), "{md}");
    let out = home.run(&["export", "--format", "csv", "--search", "york"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][3], "2026-04-14T23:30:00.000-05:00");
    let out = home.run(&["export", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A half year of check-ins (`fixtures/turn.jsonl`, 1 June to 30 November 2026) whose
/// strength is 3 every day while pleasant feelings give way to unpleasant ones, and mood
/// (recorded every third day) falls from 4 to 2.
fn turn() -> Home {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/turn.jsonl"))
            .unwrap();
    let home = Home::new("turn", &text);
    fs::write(home.dir.join("config.toml"), "").unwrap();
    home
}

fn stats_at_the_turn(home: &Home, args: &[&str]) -> (String, serde_json::Value) {
    let now = "2026-11-30T12:00:00+00:00";
    let run = |json: bool| {
        let mut all = vec!["stats"];
        all.extend(args);
        if json {
            all.push("--json");
        }
        let out = home.command(&all).env("STEADY_NOW", now).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    (run(false), serde_json::from_str(&run(true)).unwrap())
}

/// The windows a sentence compared, from `--json`: the first ends before the last begins.
fn windows_apart(change: &serde_json::Value) {
    let (first_to, last_from) = (
        change["first"]["to"].as_str().unwrap(),
        change["last"]["from"].as_str().unwrap(),
    );
    assert!(first_to < last_from, "{change}");
}

#[test]
fn stats_tell_a_turn_to_unpleasant_feelings_at_flat_strength_as_that_turn() {
    let home = turn();
    let (text, json) = stats_at_the_turn(&home, &[]);
    for line in [
        "  2026-06         30        28           1      1         3     4      5\n",
        "  2026-11         30         2          27      1         3   2.2      5\n",
        "  In your first month (1–30 June 2026), 28 of 30 check-ins named a pleasant feeling and 1 an unpleasant one; in your last month (1–30 November 2026), 2 of 30 named a pleasant feeling and 27 an unpleasant one. The others were \"not sure\" or a word not yet placed.\n",
        "  How strong the unpleasant feelings were (1 barely there, 5 filling everything): 3 on average in your first month (1–30 June 2026), 3 in your last month (1–30 November 2026).\n",
        "  How the moments felt overall (mood, 1 very unpleasant, 5 very pleasant): 4 on average in your first month (1–30 June 2026), 2.2 in your last month (1–30 November 2026).\n",
    ] {
        assert!(text.contains(line), "{line:?} missing in:\n{text}");
    }
    assert!(!text.contains("level averaged"), "{text}");
    windows_apart(&json["check_ins"]["change"]);
    assert_eq!(json["check_ins"]["change"]["first"]["pleasant"], 28);
    assert_eq!(json["check_ins"]["change"]["last"]["unpleasant"], 27);
}

#[test]
fn stats_over_30_days_compare_two_halves_and_over_10_days_say_it_is_too_short() {
    let home = turn();
    let (text, json) = stats_at_the_turn(&home, &["--since", "30d"]);
    assert!(
        text.contains("  In 1–15 November 2026, 2 of 15 check-ins named a pleasant feeling and 12 an unpleasant one; in 16–30 November 2026, 0 of 15 named a pleasant feeling and 15 an unpleasant one."),
        "{text}"
    );
    windows_apart(&json["check_ins"]["change"]);
    let (text, json) = stats_at_the_turn(&home, &["--since", "10d"]);
    assert!(
        text.contains("  Your check-ins here span 10 days (21–30 November 2026): too short to compare a beginning with an end, which takes 14 days or more.\n"),
        "{text}"
    );
    assert!(
        !text.contains("on average in"),
        "no number compared: {text}"
    );
    assert_eq!(json["check_ins"]["change"]["too_short"]["days"], 10);
}

#[test]
fn a_word_placed_in_the_settings_moves_to_its_side() {
    let home = turn();
    fs::write(
        home.dir.join("config.toml"),
        "[feelings]\n\"not sure\" = { pleasant = true, energy = \"low\" }\n",
    )
    .unwrap();
    // "not sure" is never placed, even when the settings try.
    let (_, json) = stats_at_the_turn(&home, &[]);
    assert_eq!(json["check_ins"]["by_month"][0]["not_sure_or_unplaced"], 1);
    fs::write(
        home.dir.join("config.toml"),
        "[feelings]\nrestless = { pleasant = \"no\" }\n",
    )
    .unwrap();
    let out = home.run(&["stats"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("setting `feelings.restless` at line 2"),
        "{}",
        stderr(&out)
    );
}
