//! The journal's promises on the paths 0.2 added, through the real binary: `report -o`
//! keeps export's rule (an existing file only with `--force`; never the journal, its lock
//! or a non-regular file); every multi-pass read sees one version of the journal even when
//! a rewrite is renamed onto it between the passes; the safety plan, practice and guide
//! files are read only when they are regular files (a FIFO or a device is refused at once,
//! and the crisis lines still show).

mod journal_common;
#[path = "tui_common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::time::{Duration, Instant};

use journal_common::*;

#[test]
fn report_o_replaces_an_existing_file_only_with_force() {
    let env = Env::new("promise-report-force");
    env.write_journal(format!("{}\n", line("A1", 3)));
    // A second journal, the settings file, a plan: each an existing file.
    let copy = env.dir.join("other-copy.jsonl");
    let copy_text = format!("{}\n", line("B1", 2));
    std::fs::write(&copy, &copy_text).unwrap();
    let settings = env.dir.join("config.toml");
    std::fs::write(&settings, "show_streaks = false\n").unwrap();
    for (file, text) in [
        (&copy, copy_text.as_str()),
        (&settings, "show_streaks = false\n"),
    ] {
        let out = env.run(&["report", "-o", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("already exists; pass --force"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(file).unwrap(),
            text,
            "left as it was"
        );
    }
    // Every command still reads the settings.
    let out = env.run(&["log"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = env.run(&["report", "--force", "-o", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    // --force never reaches the journal, its lock, or what is not a regular file.
    let before = env.journal_bytes();
    let lock = env.dir.join("data/journal.jsonl.lock");
    std::fs::write(&lock, "").unwrap();
    for target in [env.journal(), lock.clone(), env.dir.clone()] {
        let out = env.run(&["report", "--force", "-o", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{target:?}: {}", stderr(&out));
    }
    let out = env.run(&["report", "--force", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(env.journal_bytes(), before);
    assert_eq!(std::fs::read(&lock).unwrap(), b"");
}

/// A check-in line at `at` with `responses`.
fn entry(id: &str, at: &str, responses: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"{at}","ended_at":"{at}","completed":true,"via":"cli","responses":{responses}}}"#
    )
}

/// Runs `steady export ARGS`, and between its two passes over the journal renames `next`
/// onto it, as import, review's edits and sync tools replace a journal. The binary waits
/// at that moment on a named pipe (`STEADY_TEST_BETWEEN_PASSES`, a debug build's test
/// hook) until the rename is done; it must get there, or the test fails.
fn export_with_a_rename_between_passes(env: &Env, args: &[&str], next: &str) -> String {
    let fifo = env.dir.join("between-passes");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success(), "mkfifo");
    let child = env
        .cmd(&[&["export"], args].concat())
        .env("STEADY_TEST_BETWEEN_PASSES", &fifo)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the pipe to write waits for the binary to open it to read: the first pass is over.
    let (paused, waited) = std::sync::mpsc::channel();
    let pipe = fifo.clone();
    std::thread::spawn(move || paused.send(std::fs::OpenOptions::new().write(true).open(pipe)));
    let writer = waited
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the export never paused between its passes")
        .unwrap();
    let staged = env.dir.join("data/.staged");
    std::fs::write(&staged, next).unwrap();
    std::fs::rename(&staged, env.journal()).unwrap();
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn an_export_reads_one_version_of_a_journal_renamed_over_between_its_passes() {
    let env = Env::new("promise-one-version");
    let old = [
        entry(
            "A1",
            "2026-11-18T08:00:00.000+00:00",
            r#"{"level":2,"colour":"blue"}"#,
        ),
        entry(
            "A2",
            "2026-11-19T08:00:00.000+00:00",
            r#"{"level":3,"colour":"grey"}"#,
        ),
        entry(
            "A3",
            "2026-11-20T08:00:00.000+00:00",
            r#"{"level":4,"colour":"teal"}"#,
        ),
    ];
    // The new version: another order, an entry more, and an answer key the old one lacks.
    let new = [
        entry(
            "B0",
            "2026-11-21T08:00:00.000+00:00",
            r#"{"level":1,"note":"new"}"#,
        ),
        old[2].clone(),
        old[0].clone(),
        old[1].clone(),
    ];
    let text = |lines: &[String]| lines.join("\n") + "\n";
    for format in ["csv", "md"] {
        let args = ["--format", format];
        env.write_journal(text(&new));
        let after = stdout(&env.run(&[&["export"], &args[..]].concat()));
        env.write_journal(text(&old));
        let before = stdout(&env.run(&[&["export"], &args[..]].concat()));
        assert_ne!(before, after);
        let seen = export_with_a_rename_between_passes(&env, &args, &text(&new));
        assert_eq!(
            seen, before,
            "{format}: the journal as it was when the export began"
        );
        assert_eq!(env.journal_text(), text(&new), "the rename happened");
    }
}

/// `mkfifo path`.
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

/// Runs `steady ARGS` and waits at most 20 s for it to end (killing it after that).
fn run_briefly(env: &Env, args: &[&str]) -> std::process::Output {
    let mut child = env
        .cmd(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("steady {args:?} was still waiting after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn validate_refuses_a_fifo_or_a_device_at_once() {
    let env = Env::new("promise-validate-fifo");
    let fifo = env.dir.join("pipe.toml");
    mkfifo(&fifo);
    let zero = env.dir.join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    // In a folder of them, beside a good file, they are named as well.
    let folder = env.dir.join("folder");
    std::fs::create_dir(&folder).unwrap();
    mkfifo(&folder.join("pipe.toml"));
    for what in ["practices", "guides"] {
        for path in [&fifo, &zero, &folder] {
            let out = run_briefly(&env, &[what, "validate", path.to_str().unwrap()]);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{what} {path:?}: {}",
                stderr(&out)
            );
            let said = stderr(&out);
            assert!(
                said.contains("not a regular file"),
                "{what} {path:?}: {said}"
            );
            assert!(!said.contains("os error"), "{said}");
        }
    }
}

#[test]
fn a_safety_plan_that_is_a_fifo_or_a_device_never_stops_the_lines_showing() {
    if !tmux::available() {
        return;
    }
    for (name, make) in [
        ("fifo", mkfifo as fn(&Path)),
        ("zero", |p: &Path| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap();
        }),
    ] {
        let home = tmux::Home::new(&format!("promise-plan-{name}"));
        make(&home.dir.join("safety-plan.toml"));
        let session = tmux::Tmux::start(&home.command(tmux::binary(), ""));
        session.wait_for("steady");
        session.keys(&["!"]);
        // The lines come first; the word about the plan is below them. (Wait for the last
        // line checked: a capture can land while the overlay is half drawn.)
        let screen = session.wait_for("SHOUT to 85258");
        for line in ["988", "SHOUT to 85258", "findahelpline.com"] {
            assert!(screen.contains(line), "{name}: the lines show: {screen}");
        }
        session.keys(&["End"]);
        let screen = session.wait_for("could not be read");
        assert!(screen.contains("regular file)"), "{name}: {screen}");
        // On a small screen the lines come first, before the word about the plan.
        session.resize(40, 12);
        session.wait_for("988");
        session.keys(&["Escape"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        // The overlay's title, not a line in it: at 40x12 "In crisis?" may have scrolled
        // out of view, and an Escape and a `q` that arrive together read as Alt-q.
        while session.screen().contains("Support") {
            assert!(Instant::now() < deadline, "the lines did not close");
            std::thread::sleep(Duration::from_millis(50));
        }
        session.keys(&["q"]);
        session.wait_for("EXITED-0");
    }
}

#[test]
fn a_writer_removes_only_the_temp_files_steady_made() {
    let env = Env::new("promise-temp-names");
    env.write_journal(format!("{}\n", line("A1", 3)));
    let folder = env.journal().parent().unwrap().to_owned();
    let others = [
        ".journal.jsonl.tmp-notes",
        ".journal.jsonl.tmp-x",
        ".journal.jsonl.tmp-4194399",
    ];
    for name in others {
        std::fs::write(folder.join(name), "mine").unwrap();
    }
    // Left by a rewrite whose process is gone (above the kernel's largest pid).
    let stale = folder.join(".journal.jsonl.tmp-4194399-18a2b-0");
    std::fs::write(&stale, "").unwrap();
    let out = env.run(&["checkin", "--level", "2", "--colour", "blue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists(), "steady's own leftover is removed");
    for name in others {
        assert_eq!(
            std::fs::read_to_string(folder.join(name)).unwrap(),
            "mine",
            "{name} is left alone"
        );
    }
    let out = env.run(&["doctor"]);
    assert!(
        !stdout(&out).contains("tmp-notes"),
        "doctor does not call it steady's: {}",
        stdout(&out)
    );
}
