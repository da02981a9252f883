//! The command line against the contract, through the real binary: order of entries when
//! the file is not in time order, `paths`, settings errors, exit codes and closed pipes.

mod journal_common;

use std::process::{Output, Stdio};

use journal_common::*;

const NOW: &str = "2026-11-22T11:40:00+01:00";

impl Env {
    /// `steady <flags> <args>` with "now" fixed at `NOW`.
    fn at_now(&self, args: &[&str]) -> Output {
        self.cmd(args).env("STEADY_NOW", NOW).output().unwrap()
    }

    /// A check-in at `at`, which must succeed.
    fn checkin_at(&self, level: &str, colour: &str, at: &str) {
        let out = self.at_now(&["checkin", "--level", level, "--colour", colour, "--at", at]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// A journal whose lines are not in time order: a check-in now, then two back-dated ones.
fn out_of_order(name: &str) -> Env {
    let env = Env::new(name);
    env.checkin_at("3", "blue", "2026-11-22T11:26:00+01:00");
    env.checkin_at("4", "red", "2026-11-22T07:30:00+01:00");
    env.checkin_at("2", "green", "2026-11-21T20:00:00+01:00");
    env
}

#[test]
fn log_is_newest_first_by_time_not_by_file_order() {
    let env = out_of_order("order-log");
    let out = env.at_now(&["log"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l[..17].to_owned())
        .collect();
    assert_eq!(
        rows,
        [
            "2026-11-22  11:26",
            "2026-11-22  07:30",
            "2026-11-21  20:00"
        ]
    );
    // --limit keeps the newest by time, --json prints them as stored.
    let out = env.at_now(&["log", "--json", "--limit", "2"]);
    let stored: Vec<&str> = env.journal_text().leak().lines().collect();
    assert_eq!(stdout(&out), format!("{}\n{}\n", stored[0], stored[1]));
}

#[test]
fn markdown_days_and_entries_are_in_time_order() {
    let env = out_of_order("order-md");
    let out = env.at_now(&["export", "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let headings: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.starts_with("##"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headings,
        [
            "## 2026-11-21 (Saturday)",
            "### 20:00 · Feeling check-in",
            "## 2026-11-22 (Sunday)",
            "### 07:30 · Feeling check-in",
            "### 11:26 · Feeling check-in",
        ]
    );
}

#[test]
fn checkin_at_keeps_the_offset_it_was_given() {
    let env = Env::new("at-offset");
    env.checkin_at("3", "blue", "2026-11-21T22:15:00-05:00");
    assert!(
        env.journal_text()
            .contains("\"started_at\":\"2026-11-21T22:15:00.000-05:00\""),
        "{}",
        env.journal_text()
    );
}

#[test]
fn stats_first_line_reads_naturally() {
    let first = |env: &Env, args: &[&str]| {
        let out = env.at_now(args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).lines().next().unwrap_or_default().to_owned()
    };
    let env = Env::new("stats-line");
    env.checkin_at("3", "blue", "2026-11-22T11:26:00+01:00");
    assert_eq!(first(&env, &["stats"]), "1 entry, on 2026-11-22.");
    env.checkin_at("4", "red", "2026-11-22T07:30:00+01:00");
    assert_eq!(first(&env, &["stats"]), "2 entries, both on 2026-11-22.");
    env.checkin_at("2", "green", "2026-11-20T20:00:00+01:00");
    assert_eq!(
        first(&env, &["stats"]),
        "3 entries on 2 days between 2026-11-20 and 2026-11-22."
    );
    assert_eq!(
        first(
            &env,
            &["stats", "--since", "2026-11-21", "--until", "2026-11-21"]
        ),
        "No entries match these filters; try a wider --since/--until or fewer --practice/--tag/--search."
    );
}

#[test]
fn paths_names_each_place_and_whether_it_exists() {
    let env = Env::new("paths");
    let out = env.run(&["paths"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = env.dir.display();
    assert_eq!(
        stdout(&out),
        format!(
            "journal    {dir}/data/journal.jsonl (not created yet)\n\
             config     {dir}/config.toml (not created yet)\n\
             practices  built-in, plus your own in {dir}/practices (not created yet)\n\
             guides     built-in, plus your own in {dir}/guides (not created yet)\n\
             plan       {dir}/safety-plan.toml (not created yet)\n"
        )
    );
    std::fs::write(env.dir.join("config.toml"), "bell = true\n").unwrap();
    std::fs::create_dir(env.dir.join("practices")).unwrap();
    let text = stdout(&env.run(&["paths"]));
    assert!(
        text.contains(&format!("config     {dir}/config.toml\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("your own in {dir}/practices\n")),
        "{text}"
    );

    // Without the flags, the STEADY_* variables name the places (empty ones are unset).
    let out = std::process::Command::new(BIN)
        .arg("paths")
        .env("STEADY_JOURNAL", env.dir.join("env.jsonl"))
        .env("STEADY_CONFIG", env.dir.join("config.toml"))
        .env("STEADY_PRACTICES", "")
        .env("HOME", &env.dir)
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "journal    {dir}/env.jsonl (not created yet)\nconfig     {dir}/config.toml\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("your own in {dir}/.config/steady/practices")),
        "{text}"
    );
    // A flag beats the variable.
    let out = env
        .cmd(&["paths"])
        .env("STEADY_JOURNAL", env.dir.join("env.jsonl"))
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with(&format!("journal    {dir}/data/journal.jsonl")));
}

#[test]
fn a_bad_settings_file_stops_the_commands_that_read_it() {
    let env = Env::new("bad-config");
    env.checkin_at("3", "blue", "2026-11-22T11:26:00+01:00");
    let config = env.dir.join("config.toml");
    for (text, setting, line) in [
        ("bell = true\ncolour_mode = 3\n", "colour_mode", "line 2"),
        ("\nbell = \"yes\"\n", "bell", "line 2"),
        ("show_streaks = 1\n", "show_streaks", "line 1"),
        ("palette = [\"sea\", 3]\n", "palette", "line 1"),
        ("day_starts_at = \"25:00\"\n", "day_starts_at", "line 1"),
        ("[extra]\nx = 1\n", "extra", "line 1"),
    ] {
        std::fs::write(&config, text).unwrap();
        for args in [
            &["log"][..],
            &["stats"],
            &["export", "--format", "md"],
            &["checkin", "--level", "2", "--colour", "red"],
        ] {
            let out = env.at_now(args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?} {text:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.contains(&config.display().to_string())
                    && err.contains(&format!("`{setting}`"))
                    && err.contains(line),
                "{text:?}: {err}"
            );
        }
        assert_eq!(env.journal_text().lines().count(), 1, "nothing written");
        // Commands that do not need the settings still work, and doctor names the problem.
        for args in [&["paths"][..], &["practices"]] {
            assert!(env.run(args).status.success(), "{args:?} with {text:?}");
        }
        let out = env.run(&["doctor"]);
        assert_eq!(out.status.code(), Some(1), "{text:?}");
        assert!(
            stdout(&out).contains(&format!("`{setting}`")),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn help_and_version_exit_0_and_usage_errors_exit_2() {
    let env = Env::new("clap");
    for args in [
        &["--help"][..],
        &["--version"],
        &["log", "--help"],
        &["help"],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    for args in [
        &["bogus"][..],
        &["checkin"],
        &["log", "--limit", "x"],
        &["export"],
        &["export", "--format", "xml"],
        &["completions", "tcsh"],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    let env = Env::new("completions-pipe");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let mut child = env
            .cmd(&["completions", shell])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before steady has written anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{shell}");
    }
}

#[test]
fn a_journal_folder_that_cannot_be_made_is_named() {
    let env = Env::new("no-folder");
    let file = env.dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    let journal = file.join("journal.jsonl");
    let out = env
        .cmd(&["checkin", "--level", "3", "--colour", "blue"])
        .arg("--journal")
        .arg(&journal)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "steady: could not create the folder {} for the journal because a file of that name is in the way (the journal is as it was); move that file or choose another journal path\n",
            file.display()
        )
    );
}

#[test]
fn io_errors_are_words_without_os_error_codes() {
    let env = Env::new("io-words");
    // The journal is a folder, and so is the file given to import and export.
    std::fs::create_dir_all(env.journal()).unwrap();
    let journal = env.journal().display().to_string();
    let folder = env.dir.to_str().unwrap();
    for (args, expected) in [
        (
            vec!["log"],
            format!(
                "steady: steady cannot use {journal} as its journal (it is a folder, not a regular file); give --journal the path of a file\n"
            ),
        ),
        (
            vec!["doctor"],
            format!(
                "steady: steady cannot use {journal} as its journal (it is a folder, not a regular file); give --journal the path of a file\n"
            ),
        ),
    ] {
        let out = env.at_now(&args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&out), expected, "{args:?}");
    }
    let readable = Env::new("io-words-export");
    let out = readable.at_now(&["import", folder]);
    assert_eq!(
        stderr(&out),
        format!(
            "steady: {folder} is not a plain file (a folder, a device or a pipe); give a file, or - to read standard input\n"
        )
    );
    let out = readable
        .cmd(&["stats"])
        .arg("--config")
        .arg(folder)
        .output();
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "steady: {folder}: cannot read the settings file (it is a folder, not a regular file); give --config the path of a file\n"
        )
    );
    let out = readable.at_now(&["export", "--format", "md", "--force", "-o", folder]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("steady: {folder} is a folder; add a file name after it\n")
    );
}

#[test]
fn checkin_at_hh_mm_is_on_steadys_day() {
    let env = Env::new("at-day");
    let at = |now: &str, when: &str| {
        env.cmd(&["checkin", "--level", "3", "--colour", "blue", "--at", when])
            .env("STEADY_NOW", now)
            .output()
            .unwrap()
    };
    // Half past midnight still belongs to the day before (day_starts_at 04:00), so 23:45
    // is the evening just gone and 00:10 is twenty minutes ago.
    for when in ["23:45", "00:10"] {
        let out = at("2026-11-22T00:30:00+00:00", when);
        assert!(out.status.success(), "{when}: {}", stderr(&out));
    }
    let out = at("2026-11-22T00:30:00+00:00", "01:00");
    assert_eq!(out.status.code(), Some(2), "01:00 is in the future");
    // Later in the day, HH:MM is on today's date: the small hours of last night, or a
    // time that has not come yet.
    let out = at("2026-11-22T09:00:00+00:00", "02:00");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = at("2026-11-22T09:00:00+00:00", "10:00");
    assert_eq!(out.status.code(), Some(2), "10:00 is in the future");
    let started: Vec<String> = parse_lines(&env.journal_text())
        .iter()
        .map(|e| e["started_at"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        started,
        [
            "2026-11-21T23:45:00.000+00:00",
            "2026-11-22T00:10:00.000+00:00",
            "2026-11-22T02:00:00.000+00:00"
        ]
    );
}
