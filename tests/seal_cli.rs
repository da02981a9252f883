//! A sealed journal through the real binary: `encrypt` then `decrypt` give the journal back
//! byte for byte; while it is sealed no note is in any file steady leaves, whatever was added
//! (check-ins, an import) or read; a wrong passphrase, a missing identity, no way to ask, and
//! a changed line each get one sentence; writers killed during sealed appends and during
//! `encrypt` lose nothing acknowledged.

mod journal_common;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use journal_common::*;

const PASSPHRASE: &str = "steady as the tide";

/// The passphrase file, outside the journal's folder (the test wrote it, not steady).
fn pass_file(env: &Env, words: &str) -> PathBuf {
    let path = env.dir.join(format!("pass-{}", words.len()));
    std::fs::write(&path, format!("{words}\n")).unwrap();
    path
}

/// `steady` with the passphrase from a file.
fn with_pass(env: &Env, args: &[&str]) -> Output {
    env.cmd(args)
        .env("STEADY_PASSPHRASE_FILE", pass_file(env, PASSPHRASE))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// Every file under `dir`, its path and bytes.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    found
}

fn checkin(env: &Env, note: &str) {
    let out = env.run(&[
        "checkin", "--level", "3", "--colour", "blue", "--note", note,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn encrypt_then_decrypt_gives_the_journal_back_byte_for_byte() {
    let env = Env::new("seal-round");
    checkin(&env, "the first quiet morning");
    checkin(&env, "tränen und 涙");
    let mut journal = env.journal_bytes();
    // What steady keeps as it is: an unreadable line, a line with a field it does not
    // know and odd spacing, a line that is not UTF-8, an empty line.
    journal.extend_from_slice(b"not an entry at all\n\n\xff\xfe\n");
    let odd = String::from_utf8(env.journal_bytes())
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .replace(r#""v":1,"#, r#""v":1,  "later":{"x":[1]},"#);
    journal.extend_from_slice(odd.as_bytes());
    journal.push(b'\n');
    env.write_journal(&journal);

    let sealed = with_pass(&env, &["encrypt"]);
    assert!(sealed.status.success(), "{}", text(&sealed.stderr));
    assert!(
        text(&sealed.stderr).contains("Sealed 6 lines"),
        "{}",
        text(&sealed.stderr)
    );
    let on_disk = env.journal_text();
    assert!(!on_disk.contains("quiet morning") && !on_disk.contains(r#""note""#));
    assert_eq!(on_disk.lines().count(), 6);
    // Reading needs the passphrase and gives the entries.
    let read = with_pass(&env, &["export", "--format", "jsonl"]);
    assert!(read.status.success(), "{}", text(&read.stderr));
    assert!(text(&read.stdout).contains("the first quiet morning"));

    let opened = with_pass(&env, &["decrypt"]);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    assert_eq!(env.journal_bytes(), journal);
    let left: Vec<PathBuf> = files_under(env.journal().parent().unwrap())
        .into_iter()
        .map(|(path, _)| path)
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.contains("recipient") || name.contains("identity") || name.contains("cache")
        })
        .collect();
    assert!(left.is_empty(), "keys left behind: {left:?}");
}

#[test]
fn while_sealed_no_note_is_in_any_file_steady_leaves() {
    let env = Env::new("seal-clear");
    checkin(&env, "written-before-sealing");
    let sealed = with_pass(&env, &["encrypt"]);
    assert!(sealed.status.success(), "{}", text(&sealed.stderr));
    // Adding needs no passphrase: none is given here, and there is no terminal.
    checkin(&env, "written-while-sealed");
    let source = env.dir.join("from-elsewhere.jsonl");
    let imported = r#"{"v":1,"id":"01JF7Q5N3D0000000000000042","practice":"letter","title":"Letter","started_at":"2026-11-02T10:00:00.000+01:00","ended_at":"2026-11-02T10:10:00.000+01:00","completed":true,"via":"tui","responses":{"letter":"imported-while-sealed"}}"#;
    std::fs::write(&source, format!("{imported}\n")).unwrap();
    let import = env
        .cmd(&["import", source.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(import.status.success(), "{}", text(&import.stderr));
    // Union by id without the passphrase: the same file again adds nothing.
    let again = env
        .cmd(&["import", source.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(env.journal_text().lines().count(), 3);
    for args in [
        &["log"][..],
        &["stats"],
        &["doctor"],
        &["export", "--format", "csv"],
    ] {
        let out = with_pass(&env, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let all = text(&with_pass(&env, &["export", "--format", "jsonl"]).stdout);
    for note in [
        "written-before-sealing",
        "written-while-sealed",
        "imported-while-sealed",
    ] {
        assert!(all.contains(note), "{note} in {all}");
    }
    // The journal's folder: the journal, its keys, its cache, its lock; nothing in clear.
    for (path, bytes) in files_under(env.journal().parent().unwrap()) {
        let bytes = String::from_utf8_lossy(&bytes);
        for note in [
            "written-before",
            "written-while",
            "imported-while",
            r#""note""#,
        ] {
            assert!(!bytes.contains(note), "{note} in {}", path.display());
        }
    }
}

#[test]
fn a_wrong_passphrase_a_missing_identity_and_a_changed_line_each_get_a_sentence() {
    let env = Env::new("seal-errors");
    checkin(&env, "one");
    checkin(&env, "two");
    assert!(with_pass(&env, &["encrypt"]).status.success());

    let wrong = env
        .cmd(&["log"])
        .env("STEADY_PASSPHRASE_FILE", pass_file(&env, "not the one"))
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    let said = text(&wrong.stderr);
    assert!(said.contains("That passphrase does not open"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");

    let nowhere = env.cmd(&["log"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(text(&nowhere.stderr).contains("STEADY_PASSPHRASE_FILE"));

    // One changed byte in the first sealed line: it is kept, named, and the rest is read.
    let mut lines: Vec<String> = env.journal_text().lines().map(str::to_owned).collect();
    let at = lines[0].len() - 12;
    let was = lines[0].as_bytes()[at];
    lines[0].replace_range(at..=at, if was == b'A' { "B" } else { "A" });
    env.write_journal(lines.join("\n") + "\n");
    let read = with_pass(&env, &["export", "--format", "jsonl"]);
    assert!(read.status.success(), "{}", text(&read.stderr));
    let read = text(&read.stdout);
    assert!(read.contains(r#""note":"two""#) && !read.contains(r#""note":"one""#));
    let doctor = with_pass(&env, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    assert!(
        text(&doctor.stdout).contains("Line 1 is sealed but does not open"),
        "{}",
        text(&doctor.stdout)
    );

    let identity = PathBuf::from(format!("{}.identity.age", env.journal().display()));
    std::fs::remove_file(&identity).unwrap();
    let missing = with_pass(&env, &["log"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("is missing"),
        "{}",
        text(&missing.stderr)
    );
    // Adding still works without it.
    checkin(&env, "three");
}

#[test]
fn killing_sealed_writers_never_loses_an_acknowledged_entry() {
    let env = Env::new("seal-kill");
    assert!(with_pass(&env, &["encrypt"]).status.success());
    let script = r#"bin=$0; i=0; while [ $i -lt 300 ]; do
        "$bin" "$@" checkin --level 3 --colour blue --note "entry-$i" >/dev/null || exit 1
        echo "$i"; i=$((i+1)); done"#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(env.flags())
        .stdout(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    let _kill_group_on_drop = KillGroupOnDrop(child.id());
    let mut acked = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while acked.len() < 15 {
        acked.push(lines.next().expect("the writer keeps going").unwrap());
    }
    let group = format!("-{}", child.id());
    assert!(
        Command::new("kill")
            .args(["-KILL", "--", &group])
            .status()
            .unwrap()
            .success()
    );
    child.wait().unwrap();
    acked.extend(lines.map_while(Result::ok));
    // The next write sets a torn sealed line aside; then every acknowledged entry reads.
    checkin(&env, "after the kill");
    let all = text(&with_pass(&env, &["export", "--format", "jsonl"]).stdout);
    for i in &acked {
        assert!(
            all.contains(&format!(r#""note":"entry-{i}""#)),
            "entry-{i} lost"
        );
    }
    // Nothing steady set aside holds plaintext.
    for (path, bytes) in files_under(env.journal().parent().unwrap()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("entry-"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn an_encrypt_killed_part_way_leaves_the_journal_whole_and_runs_again() {
    let env = Env::new("seal-kill-encrypt");
    // The keys first, so that each run killed below spends its time sealing lines and
    // rewriting the journal, not making a key from the passphrase.
    assert!(with_pass(&env, &["encrypt"]).status.success());
    let mut journal = String::new();
    for i in 0..400 {
        writeln!(
            journal,
            r#"{{"v":1,"id":"01JF7Q5N3D{i:016}","practice":"x","title":"X","started_at":"2026-11-02T10:00:00.000+01:00","ended_at":"2026-11-02T10:00:00.000+01:00","completed":true,"via":"cli","responses":{{"note":"line-{i}"}}}}"#
        )
        .unwrap();
    }
    env.write_journal(&journal);
    for wait_ms in [5, 40, 120, 300] {
        let mut child = env.cmd(&["encrypt"]).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = child.kill();
        child.wait().unwrap();
        // Either the journal as it was, or all of it sealed: never a mix, never less.
        let now = env.journal_text();
        let sealed = now.lines().filter(|l| l.starts_with(r#"{"id":"#)).count();
        assert!(
            now == journal || sealed == 400,
            "{wait_ms} ms: {sealed} sealed"
        );
    }
    let again = with_pass(&env, &["encrypt"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let opened = with_pass(&env, &["decrypt"]);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    assert_eq!(env.journal_text(), journal);
}

#[test]
fn a_journal_reached_through_a_link_keeps_its_keys_beside_the_file_and_stays_a_link() {
    let env = Env::new("seal-link");
    let real = env.dir.join("data/real.jsonl");
    std::os::unix::fs::symlink("real.jsonl", env.journal()).unwrap();
    checkin(&env, "through a link");
    assert!(with_pass(&env, &["encrypt"]).status.success());
    let link = std::fs::symlink_metadata(env.journal()).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    for suffix in [".recipient", ".identity.age", ".cache"] {
        let beside_file = PathBuf::from(format!("{}{suffix}", real.display()));
        let beside_link = PathBuf::from(format!("{}{suffix}", env.journal().display()));
        assert!(beside_file.exists() && !beside_link.exists(), "{suffix}");
    }
    assert!(
        !std::fs::read_to_string(&real)
            .unwrap()
            .contains("through a link")
    );
    checkin(&env, "still through it");
    let all = text(&with_pass(&env, &["export", "--format", "jsonl"]).stdout);
    assert!(
        all.contains("through a link") && all.contains("still through it"),
        "{all}"
    );
}

#[test]
fn two_writers_at_once_each_add_whole_sealed_lines() {
    let env = Env::new("seal-two");
    assert!(with_pass(&env, &["encrypt"]).status.success());
    let script = r#"bin=$0; i=0; while [ $i -lt 20 ]; do
        "$bin" "$@" checkin --level 3 --colour blue --note "$WHO-$i" >/dev/null 2>&1 || exit 1
        i=$((i+1)); done"#;
    let writers: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|who| {
            Command::new("sh")
                .arg("-c")
                .arg(script)
                .arg(BIN)
                .args(env.flags())
                .env("WHO", who)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut writer in writers {
        assert!(writer.wait().unwrap().success());
    }
    let journal = env.journal_text();
    assert_eq!(journal.lines().count(), 40);
    assert!(
        journal
            .lines()
            .all(|l| l.starts_with(r#"{"id":""#) && l.ends_with(r#""}"#))
    );
    let all = text(&with_pass(&env, &["export", "--format", "jsonl"]).stdout);
    for who in ["left", "right"] {
        for i in 0..20 {
            assert!(all.contains(&format!(r#""note":"{who}-{i}""#)), "{who}-{i}");
        }
    }
}

/// Sealing a plain journal leaves none of its words in the clear beside it: the cut-off line
/// it sets aside, and one an earlier write set aside, are sealed in their files too.
#[test]
fn sealing_seals_the_cut_off_lines_beside_the_journal() {
    let env = Env::new("seal-torn");
    checkin(&env, "a-whole-entry");
    let folder = env.journal().parent().unwrap().to_owned();
    let earlier = folder.join("journal.jsonl.torn-20261101T080000");
    std::fs::write(
        &earlier,
        r#"{"v":1,"id":"X","responses":{"note":"set-aside-before"#,
    )
    .unwrap();
    let mut journal = env.journal_bytes();
    journal.extend_from_slice(br#"{"v":1,"id":"Y","responses":{"note":"cut-off-now"#);
    env.write_journal(&journal);
    let sealed = with_pass(&env, &["encrypt"]);
    assert!(sealed.status.success(), "{}", text(&sealed.stderr));
    assert!(
        text(&sealed.stderr).contains("Sealed 2 cut-off lines set aside"),
        "{}",
        text(&sealed.stderr)
    );
    for (path, bytes) in files_under(&folder) {
        let bytes = String::from_utf8_lossy(&bytes);
        for words in ["a-whole-entry", "set-aside-before", "cut-off-now"] {
            assert!(!bytes.contains(words), "{words} in {}", path.display());
        }
    }
    // Sealed again, nothing more is sealed.
    let again = with_pass(&env, &["encrypt"]);
    assert!(
        !text(&again.stderr).contains("cut-off"),
        "{}",
        text(&again.stderr)
    );
}
