//! `steady doctor` through the real binary: each finding, and the exit codes.

mod journal_common;

use std::os::unix::fs::PermissionsExt;

use journal_common::*;

const A: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKA";

#[test]
fn no_journal_yet_is_calm() {
    let env = Env::new("doctor-none");
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("There is no journal at"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_healthy_journal_is_all_good() {
    let env = Env::new("doctor-good");
    let out = env.run(&["checkin", "--level", "2", "--colour", "blue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("All good:"), "{}", stdout(&out));
    assert!(stdout(&out).contains("holds 1 entry and"));
}

#[test]
fn every_finding_is_reported_with_what_to_do_and_exit_1() {
    let env = Env::new("doctor-findings");
    env.write_journal(format!(
        "{}\nnot json\n{}\n{{\"v\":1,\"id\":",
        line(A, 1),
        "{\"v\":7}"
    ));
    let journal = env.journal();
    let folder = journal.parent().unwrap().to_owned();
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o775)).unwrap();
    let beside = [
        "journal.sync-conflict-20261122-101500-ABCDEFG.jsonl",
        "journal (Ana's conflicted copy 2026-11-22).jsonl",
        // Left by a process that is gone (above the kernel's largest pid).
        ".journal.jsonl.tmp-4194399-18a2b-0",
        "journal.jsonl.torn-20261122T083000Z",
    ];
    for name in beside {
        std::fs::write(folder.join(name), "").unwrap();
    }

    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    let expected = [
        "Line 2 cannot be read: not a journal entry",
        "Line 3 cannot be read: written by a newer steady (format version 7)",
        "The last line (line 4, 12 bytes) was cut off",
        "can be read by other users (mode 0644); run `chmod 600",
        "can be changed by other users, who could replace or remove your journal (mode 0775); run `chmod go-w",
        "sync-conflict-20261122-101500-ABCDEFG.jsonl looks like a sync-conflict copy of your journal; run `steady --journal",
        // Quoted so it pastes into a shell, apostrophe and all.
        "/journal (Ana'\\''s conflicted copy 2026-11-22).jsonl'` to merge it",
        ".journal.jsonl.tmp-4194399-18a2b-0 was left by a rewrite that was interrupted",
        "journal.jsonl.torn-20261122T083000Z holds a cut-off line",
    ];
    for text in expected {
        assert!(report.contains(text), "missing {text:?} in:\n{report}");
    }
    assert_eq!(
        report.lines().filter(|l| l.starts_with("- ")).count(),
        expected.len()
    );
    assert!(stderr(&out).contains("9 things"), "{}", stderr(&out));

    // Once each is seen to, all is well again.
    for name in beside {
        std::fs::remove_file(folder.join(name)).unwrap();
    }
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o600)).unwrap();
    // A folder others can list but not change is fine (a journal kept in ~/notes).
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_journal(format!("{}\n", line(A, 1)));
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn duplicate_ids_are_reported_with_their_lines() {
    const B: &str = "01JD3Q8Z4W8M1R2T5Y7B9C0XKB";
    let env = Env::new("doctor-duplicates");
    env.write_journal(format!(
        "{}\n{}\n{}\n{}\n",
        line(A, 1),
        line(B, 2),
        line(A, 3),
        line(A, 4)
    ));
    std::fs::set_permissions(env.journal(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains(&format!(
            "- Lines 1, 3, 4 hold entries with the same id {A};"
        )),
        "{report}"
    );
    assert!(
        report.contains("acts only on the one you choose"),
        "{report}"
    );
    assert!(!report.contains(B), "{report}");
}

#[test]
fn a_lock_file_steady_cannot_write_needs_attention() {
    let env = Env::new("doctor-lock");
    env.write_journal(format!("{}\n", line(A, 1)));
    std::fs::set_permissions(env.journal(), std::fs::Permissions::from_mode(0o600)).unwrap();
    // Something steady cannot open for writing where its lock file belongs (a folder
    // works even for root, whom permissions do not stop).
    let lock = env.journal().with_file_name("journal.jsonl.lock");
    std::fs::create_dir_all(&lock).unwrap();
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains(&format!(
            "- steady cannot write {} (is a directory), so every save would fail",
            lock.display()
        )),
        "{report}"
    );
}

#[test]
fn a_folder_steady_cannot_write_needs_attention() {
    use std::os::unix::fs::MetadataExt;
    let env = Env::new("doctor-folder");
    env.write_journal(format!("{}\n", line(A, 1)));
    let journal = env.journal();
    let folder = journal.parent().unwrap().to_owned();
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o600)).unwrap();
    // Root may write anywhere, so as root doctor runs as `nobody`, owning the files.
    let as_root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    let cmd = if as_root {
        for p in [&env.dir, &folder, &journal] {
            std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
        }
        env.cmd_as(65534, &["doctor"])
    } else {
        Some(env.cmd(&["doctor"]))
    };
    let Some(mut cmd) = cmd else {
        return;
    };
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = cmd.output().unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(&format!(
            "- steady cannot write {} (permission denied), so every save would fail",
            folder.display()
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_safety_plan_others_can_read_or_change_needs_attention() {
    let env = Env::new("doctor-plan");
    let out = env.run(&["checkin", "--level", "2", "--colour", "blue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Beside the settings file, in a folder whose name a shell would misread.
    let folder = env.dir.join("my config");
    std::fs::create_dir(&folder).unwrap();
    let plan = folder.join("safety-plan.toml");
    std::fs::write(&plan, "people_to_ask = [\"Sam 555 0100\"]\n").unwrap();
    let config = folder.join("config.toml");
    let doctor = || {
        std::process::Command::new(BIN)
            .arg("--journal")
            .arg(env.journal())
            .arg("--practices")
            .arg(env.dir.join("practices"))
            .arg("--config")
            .arg(&config)
            .arg("doctor")
            .env("TZ", "UTC")
            .output()
            .unwrap()
    };
    for (mode, what) in [
        (0o644, "can be read by other users (mode 0644)"),
        (0o620, "can be changed by other users (mode 0620)"),
        (0o666, "can be read and changed by other users (mode 0666)"),
    ] {
        std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = doctor();
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let report = stdout(&out);
        assert!(report.contains(what), "{report}");
        let quoted = format!("run `chmod 600 '{}'`", plan.display());
        assert!(report.contains(&quoted), "{report}");
    }
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = doctor();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
