//! The journal's path promises through the real binary: a symlinked journal is followed
//! (lock and rewrite act on its target, the link stays a link); a path that is not a
//! regular file is refused at once, before anything waits or is created beside it; a write
//! past the file size limit fails cleanly; a temp file in the way never blocks a rewrite
//! and those of dead processes are cleared; a rewrite keeps the owner and mode; a read-only
//! file system is named as such; a byte order mark reads as nothing; and a journal named
//! in a folder that does not exist is refused (only the default journal's folder is made).

mod journal_common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use journal_common::*;

const A: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKA";
const B: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKB";
const C: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKC";

/// Runs `cmd`, failing the test if it is still running after 10 s (a hang).
fn finishes(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("steady was still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A file holding entries to import.
fn import_file(env: &Env, ids: &[&str]) -> String {
    let path = env.dir.join("other.jsonl");
    let text: String = ids.iter().map(|id| line(id, 3) + "\n").collect();
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_symlinked_journal_is_followed_and_stays_a_link() {
    let env = Env::new("paths-symlink");
    let real = env.dir.join("synced");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::write(real.join("journal.jsonl"), line(A, 1) + "\n").unwrap();
    std::fs::create_dir_all(env.journal().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("../synced/journal.jsonl", env.journal()).unwrap();

    let file = import_file(&env, &[B]);
    let out = env.run(&["import", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["checkin", "--level", "2", "--colour", "blue"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let link = std::fs::symlink_metadata(env.journal()).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let text = std::fs::read_to_string(real.join("journal.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.starts_with(&(line(A, 1) + "\n" + &line(B, 3) + "\n")));
    // One lock, beside the file itself, so both paths to it exclude each other.
    assert!(real.join("journal.jsonl.lock").exists());
    assert_eq!(names_in(env.journal().parent().unwrap()), ["journal.jsonl"]);
}

#[test]
fn a_path_that_is_not_a_regular_file_is_refused_at_once() {
    let env = Env::new("paths-not-regular");
    let folder = env.dir.join("somedir");
    std::fs::create_dir_all(&folder).unwrap();
    let fifo = env.dir.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let to_s = |p: &Path| p.to_string_lossy().into_owned();
    for journal in [
        to_s(&folder),
        to_s(&fifo),
        "/dev/full".into(),
        "/dev/zero".into(),
    ] {
        for args in [
            vec!["checkin", "--level", "2", "--colour", "blue"],
            vec!["log"],
            vec!["doctor"],
        ] {
            let mut cmd = Command::new(BIN);
            cmd.arg("--journal").arg(&journal).args(&args);
            cmd.arg("--config").arg(env.dir.join("config.toml"));
            let out = finishes(cmd);
            assert_eq!(out.status.code(), Some(1), "{journal} {args:?}");
            let err = stderr(&out);
            assert!(
                err.contains(&format!("steady cannot use {journal} as its journal"))
                    && err.contains("not a regular file")
                    && err.lines().count() == 1,
                "{journal} {args:?}: {err}"
            );
        }
    }
    assert_eq!(
        names_in(&env.dir),
        ["data", "fifo", "somedir"],
        "no lock file was made beside any of them"
    );
    assert!(names_in(&folder).is_empty());

    // A settings file that is a FIFO would hang every command that reads it.
    let mut cmd = env.cmd(&["log"]);
    cmd.arg("--config").arg(&fifo);
    let out = finishes(cmd);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad settings file is bad input"
    );
    assert!(
        stderr(&out).contains(
            ": cannot read the settings file (it is a named pipe (FIFO), not a regular file)"
        ),
        "{}",
        stderr(&out)
    );
}

/// `steady <flags> <args>` with the file size limit at 512 bytes.
fn limited(env: &Env, args: &[&str]) -> Output {
    env.sh(r#"ulimit -f 1; exec "$0" "$@""#, args)
}

#[test]
fn a_write_past_the_file_size_limit_fails_cleanly() {
    let env = Env::new("paths-fsize");
    // Two entries: past 512 bytes already, so an append or a rewrite must grow past it.
    let start = format!("{}\n{}\n", line(A, 1), line(B, 2));
    assert!(start.len() > 512);
    env.write_journal(&start);

    let out = limited(&env, &["checkin", "--level", "2", "--colour", "blue"]);
    assert_eq!(out.status.code(), Some(1), "not killed by SIGXFSZ");
    assert!(
        stderr(&out).contains("past the size allowed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.journal_text(), start, "no partial line");

    let file = import_file(&env, &[C]);
    let out = limited(&env, &["import", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("(the journal is as it was)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.journal_text(), start);
    assert_eq!(
        names_in(env.journal().parent().unwrap()),
        ["journal.jsonl", "journal.jsonl.lock"],
        "no temp file left behind"
    );

    // A torn last line is set aside before the rewrite fails: the message says so.
    let torn = &line(C, 3)[..30];
    env.write_journal(format!("{start}{torn}"));
    let out = limited(&env, &["import", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("(the journal is as it was, except that its cut-off last line of 30 bytes was first moved to")
            && !err.contains("(the journal is as it was)"),
        "{err}"
    );
    assert_eq!(env.journal_text(), start);
}

#[test]
fn a_temp_file_in_the_way_never_blocks_a_rewrite_and_dead_ones_are_cleared() {
    let env = Env::new("paths-temp");
    env.write_journal(line(A, 1) + "\n");
    let folder = env.journal().parent().unwrap().to_owned();
    // Left by a killed rewrite whose process is gone (above the largest pid there can be).
    let dead = folder.join(".journal.jsonl.tmp-4194399-18a2b-0");
    std::fs::write(&dead, line(A, 1) + "\n").unwrap();
    let file = import_file(&env, &[B]);
    // A leftover named for the very pid the rewrite runs under (a reused pid).
    let script = r#"touch "$(dirname "$2")/.journal.jsonl.tmp-$$"; exec "$0" "$@""#;
    let out = env.sh(script, &["import", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        env.journal_text(),
        format!("{}\n{}\n", line(A, 1), line(B, 3))
    );
    assert!(!dead.exists(), "the dead process's temp file was removed");
}

#[test]
fn a_rewrite_keeps_the_owner_and_mode() {
    let env = Env::new("paths-owner");
    env.write_journal(line(A, 1) + "\n{\"v\":1,");
    let journal = env.journal();
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file away; others check the mode alone.
    let owner = if let Ok(()) = std::os::unix::fs::chown(&journal, Some(65534), Some(65534)) {
        (65534, 65534)
    } else {
        let meta = std::fs::metadata(&journal).unwrap();
        (meta.uid(), meta.gid())
    };
    let file = import_file(&env, &[B]);
    let out = env.run(&["import", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::metadata(&journal).unwrap();
    assert_eq!((meta.uid(), meta.gid()), owner);
    assert_eq!(mode(&journal), 0o640);
    // The lock file this first write made, and the torn line it set aside, are the journal
    // owner's too.
    let folder = journal.parent().unwrap();
    for name in names_in(folder) {
        let meta = std::fs::metadata(folder.join(&name)).unwrap();
        assert_eq!((meta.uid(), meta.gid()), owner, "{name}");
    }
    assert_eq!(names_in(folder).len(), 3, "journal, lock, set-aside line");
    assert_eq!(env.journal_text().lines().count(), 2);
}

#[test]
fn a_read_only_file_system_is_named_as_such() {
    let env = Env::new("paths-read-only");
    let mount = env.dir.join("ro");
    std::fs::create_dir_all(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("notice: cannot mount a read-only file system here; skipping");
        return;
    }
    let mut cmd = Command::new(BIN);
    cmd.arg("--journal")
        .arg(mount.join("journal.jsonl"))
        .args(["checkin", "--level", "2", "--colour", "blue"]);
    let out = cmd.output().unwrap();
    let _ = Command::new("umount").arg(&mount).status();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("because the file system it is on is read-only")
            && !err.contains("permission"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_at_the_start_reads_as_nothing_and_is_kept() {
    let env = Env::new("paths-bom");
    let start = format!("\u{feff}{}\n{}\n", line(A, 1), line(B, 2));
    env.write_journal(&start);
    std::fs::set_permissions(env.journal(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("holds 2 entries"), "{}", stdout(&out));
    let file = import_file(&env, &[A, C]);
    let out = env.run(&["import", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        env.journal_text(),
        format!("{start}{}\n", line(C, 3)),
        "A was already there; the mark stays where it was"
    );
}

#[test]
fn a_named_journal_in_a_folder_that_does_not_exist_is_refused() {
    let env = Env::new("paths-missing-folder");
    let misspelt = env.dir.join("dta/journal.jsonl");
    let other = env.dir.join("other.jsonl");
    std::fs::write(&other, format!("{}\n", line("A1", 2))).unwrap();
    let commands: [&[&str]; 9] = [
        &["log"],
        &["stats"],
        &["export", "--format", "csv"],
        &["report"],
        &["due"],
        &["doctor"],
        &["checkin", "--level", "2", "--colour", "blue"],
        &["import", other.to_str().unwrap()],
        &["review"],
    ];
    for args in commands {
        for by_env in [false, true] {
            let mut cmd = std::process::Command::new(BIN);
            cmd.args(["--config", env.dir.join("config.toml").to_str().unwrap()])
                .args(["--practices", env.dir.join("practices").to_str().unwrap()])
                .env("TZ", "UTC");
            if by_env {
                cmd.env("STEADY_JOURNAL", &misspelt);
            } else {
                cmd.env_remove("STEADY_JOURNAL")
                    .arg("--journal")
                    .arg(&misspelt);
            }
            let out = cmd.args(args).output().unwrap();
            let said = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
            let named_by = if by_env {
                "STEADY_JOURNAL"
            } else {
                "--journal"
            };
            assert_eq!(
                said,
                format!(
                    "steady: the folder {} of the journal {} (from {named_by}) does not exist; check its spelling, or create the folder first\n",
                    misspelt.parent().unwrap().display(),
                    misspelt.display()
                ),
                "{args:?}"
            );
            assert_eq!(stdout(&out), "", "{args:?}: nothing as if it were empty");
            assert!(!env.dir.join("dta").exists(), "{args:?} created nothing");
        }
    }
    // A missing file in a folder that is there is a journal with nothing in it yet.
    let out = env.run(&["log"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("No entries yet"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_check_in_creates_the_default_journal_and_its_folder() {
    let env = Env::new("paths-default-folder");
    let home = env.dir.join("home");
    std::fs::create_dir(&home).unwrap();
    // Under umask 000 the folder is still private.
    let out = std::process::Command::new("sh")
        .args(["-c", r#"umask 000; exec "$0" "$@""#, BIN])
        .args(["checkin", "--level", "2", "--colour", "blue"])
        .env("HOME", &home)
        .env("TZ", "UTC")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("STEADY_JOURNAL")
        .env_remove("STEADY_CONFIG")
        .env_remove("STEADY_PRACTICES")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let journal = home.join(".local/share/steady/journal.jsonl");
    assert_eq!(
        parse_lines(&std::fs::read_to_string(&journal).unwrap()).len(),
        1
    );
    assert_eq!(mode(journal.parent().unwrap()), 0o700);
    assert_eq!(mode(&journal), 0o600);
}
