//! `steady due` through the real binary: the line and exit 0 on a day with nothing in the
//! journal, silence and exit 1 once something was practised, `day_starts_at` deciding the
//! day, and a line that never counts anything.

mod journal_common;
mod tools;

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
fn a_journal_that_is_not_a_file_is_one_sentence_and_no_line() {
    let env = Env::new("due-folder");
    std::fs::create_dir_all(env.journal()).unwrap();
    let out = env.due_at("2026-11-22T09:00:00+01:00");
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    let said = stderr(&out);
    assert!(
        said.starts_with("steady: ") && said.contains("journal"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
}

/// The fenced block of the README that holds `marker`.
fn readme_block(marker: &str) -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    readme
        .split("```")
        .skip(1)
        .step_by(2)
        .find(|block| block.contains(marker))
        .map_or_else(
            || panic!("no README block with {marker:?}"),
            |block| {
                block
                    .split_once('\n')
                    .map_or("", |(_, body)| body)
                    .to_owned()
            },
        )
}

impl Env {
    /// `program -c script` with steady on PATH, this test's journal and config, and "now"
    /// fixed.
    fn shell(&self, program: &str, script: &str) -> Option<std::process::Output> {
        tools::installed(&[program])?;
        let bin = self.dir.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        // A link, not a copy: writing an executable while other test threads start
        // processes can make running it fail with "text file busy".
        let _ = std::os::unix::fs::symlink(BIN, bin.join("steady"));
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Some(
            std::process::Command::new(program)
                .arg("-c")
                .arg(script)
                .env("PATH", path)
                .env("HOME", &self.dir)
                .env("STEADY_JOURNAL", self.journal())
                .env("STEADY_CONFIG", self.dir.join("config.toml"))
                .env("STEADY_NOW", "2026-11-22T19:00:00+01:00")
                .output()
                .unwrap(),
        )
    }

    fn notified(&self) -> String {
        std::fs::read_to_string(self.dir.join("notified")).unwrap_or_default()
    }
}

#[test]
fn the_readme_prompt_hooks_say_the_line_once_a_session() {
    let env = Env::new("due-hooks");
    let cases = [
        (
            "bash",
            format!(
                "{}\neval \"$PROMPT_COMMAND\"; eval \"$PROMPT_COMMAND\"",
                readme_block("PROMPT_COMMAND=")
            ),
        ),
        (
            "zsh",
            format!(
                "{}\n__steady_due; __steady_due",
                readme_block("add-zsh-hook precmd")
            ),
        ),
        (
            "fish",
            format!(
                "{}\nemit fish_prompt; emit fish_prompt",
                readme_block("--on-event fish_prompt")
            ),
        ),
    ];
    for (shell, script) in cases {
        let Some(out) = env.shell(shell, &script) else {
            continue;
        };
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        // fish turns bracketed paste on and off around its prompt event.
        let said = stdout(&out)
            .replace("\x1b[?2004h", "")
            .replace("\x1b[?2004l", "");
        assert_eq!(said, LINE, "{shell}");
    }
    // Once something was practised, the hooks say nothing.
    env.checkin("2026-11-22T18:00:00+01:00");
    let bash = format!(
        "{}\neval \"$PROMPT_COMMAND\"",
        readme_block("PROMPT_COMMAND=")
    );
    let out = env.shell("bash", &bash).unwrap();
    assert_eq!(stdout(&out), "");
}

#[test]
fn the_readme_cron_line_and_systemd_service_notify_only_when_due() {
    let env = Env::new("due-timers");
    let cron = readme_block("notify-send steady \"$line\"\n");
    let cron_command: String = cron.trim().splitn(6, ' ').nth(5).unwrap().to_owned();
    let service = readme_block("[Service]");
    let exec = service
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=/bin/sh -c '"))
        .unwrap()
        .trim_end_matches('\'')
        .replace("$$", "$")
        .replace("%h", &env.dir.to_string_lossy());
    // Both call steady by its installed path.
    std::fs::create_dir_all(env.dir.join(".cargo")).unwrap();
    std::os::unix::fs::symlink(env.dir.join("bin"), env.dir.join(".cargo/bin")).unwrap();
    // A stand-in for notify-send that notes its arguments: a bash function, so no
    // executable is written while other tests start processes. The commands themselves are
    // plain sh, which `sh -n` checks.
    let fake = format!(
        "notify-send() {{ printf '%s|' \"$@\" >> '{}'; }}\n",
        env.dir.join("notified").display()
    );
    for command in [&cron_command, &exec] {
        let _ = std::fs::remove_file(env.dir.join("notified"));
        let parsed = std::process::Command::new("sh")
            .args(["-n", "-c", command])
            .status();
        assert!(parsed.unwrap().success(), "sh reads {command}");
        let out = env.shell("bash", &format!("{fake}{command}")).unwrap();
        assert!(out.status.success(), "{command}: {}", stderr(&out));
        assert_eq!(
            env.notified(),
            format!("steady|{}|", LINE.trim_end()),
            "{command}"
        );
    }
    env.checkin("2026-11-22T18:00:00+01:00");
    let _ = std::fs::remove_file(env.dir.join("notified"));
    let out = env.shell("bash", &format!("{fake}{exec}")).unwrap();
    assert!(
        out.status.success(),
        "the unit does not fail on a day already practised"
    );
    assert_eq!(env.notified(), "");
}

#[test]
fn starting_a_guide_is_not_a_practice() {
    let env = Env::new("due-guide");
    env.write_journal(
        r#"{"v":1,"id":"G1","practice":"guide","title":"Guide","started_at":"2026-11-22T08:00:00.000+01:00","ended_at":"2026-11-22T08:00:00.000+01:00","completed":true,"via":"tui","responses":{"guide":"anxious-eight-steps","step":1,"event":"started"}}
"#,
    );
    let out = env.due_at("2026-11-22T09:00:00+01:00");
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), LINE.into()));
}
