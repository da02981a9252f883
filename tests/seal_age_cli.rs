//! A sealed journal read without steady, by the standard `age` tool (Debian's `age`), with
//! the commands the README gives: the identity file opened with the passphrase by `age -d`
//! (typed on a terminal: `script` gives age one), then every sealed line decrypted with it,
//! which must give the journal back byte for byte. Also `age -d -i NAME.identity.age`, age's
//! own way with a passphrase-sealed identity. Without `age` the test says so loudly and
//! passes, except in CI (`CI` set), where it fails.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use steady::journal::seal::line::seal;
use steady::journal::seal::{KeyFiles, Passphrase};

const PASSPHRASE: &str = "a quiet harbour at dawn";

/// Lines as a journal may hold them: entries (one with words from several scripts), an
/// unreadable line, a line with a byte order mark, bytes that are not UTF-8.
fn journal_lines() -> Vec<Vec<u8>> {
    vec![
        br#"{"v":1,"id":"01JF7Q5N3D0000000000000001","practice":"letter","title":"Unsent letter","started_at":"2026-12-06T08:00:00.000+01:00","ended_at":"2026-12-06T08:20:00.000+01:00","completed":true,"via":"tui","responses":{"letter":"Dear mum, I was afraid"}}"#.to_vec(),
        r#"{"v":1,"id":"01JF7Q5N3D0000000000000002","practice":"checkin","title":"Check-in","started_at":"2026-12-06T09:00:00.000+01:00","ended_at":"2026-12-06T09:01:00.000+01:00","completed":true,"via":"cli","responses":{"note":"tränen, 涙, слёзы \u{1F30A}"},"unknown":{"kept":true}}"#.as_bytes().to_vec(),
        b"this line was never an entry".to_vec(),
        "\u{feff}{\"v\":1,\"id\":\"01JF7Q5N3D0000000000000003\",\"x\":1}".as_bytes().to_vec(),
        b"\xff\xfe not text \x00 at all".to_vec(),
    ]
}

/// Whether `age` is here; outside CI a missing one is said loudly and the test passes.
fn age_here() -> bool {
    let found = Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "the `age` tool is missing in CI; .ci/run installs Debian's age"
        );
        eprintln!(
            "\n\n*** SKIPPED: the `age` command-line tool is not installed (apt-get install age) ***\n\n"
        );
    }
    found
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("steady-age-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `command` through `sh -c` on a terminal of its own (`script`), typing `typed`
/// there, as a person at a terminal would: age reads a passphrase only from a terminal.
fn on_a_terminal(dir: &Path, command: &str, typed: &str) -> std::process::Output {
    let mut child = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{typed}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// A sealed journal in `dir`: its keys (a fast scrypt work factor) and its sealed lines.
fn sealed_journal(dir: &Path) -> (PathBuf, KeyFiles) {
    let journal = dir.join("journal.jsonl");
    let keys = KeyFiles::beside(&journal).unwrap();
    let identity = keys
        .create(&Passphrase::new(PASSPHRASE.to_owned()), Some(10))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    for line in journal_lines() {
        text.push_str(&seal(&line, &identity.to_public()));
        text.push('\n');
    }
    std::fs::write(&journal, text).unwrap();
    (journal, keys)
}

#[test]
fn the_age_tool_gives_back_the_journal_byte_for_byte() {
    if !age_here() {
        return;
    }
    let dir = temp_dir("readme");
    let (_journal, _keys) = sealed_journal(&dir);
    // The README's commands, as a person types them.
    let unsealed = on_a_terminal(
        &dir,
        "age -d -o key.txt journal.jsonl.identity.age",
        PASSPHRASE,
    );
    assert!(unsealed.status.success(), "{unsealed:?}");
    let key = std::fs::read_to_string(dir.join("key.txt")).unwrap();
    assert!(key.contains("AGE-SECRET-KEY-1"));
    let read = Command::new("sh")
        .arg("-c")
        .arg(
            r#"sed -E 's/.*"age":"([^"]*)".*/\1/' journal.jsonl | while read -r sealed; do printf %s "$sealed" | base64 -d | age -d -i key.txt; echo; done"#,
        )
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(read.status.success(), "{read:?}");
    let mut plain = Vec::new();
    for line in journal_lines() {
        plain.extend_from_slice(&line);
        plain.push(b'\n');
    }
    assert_eq!(read.stdout, plain);
}

#[test]
fn age_opens_the_identity_file_itself_and_refuses_a_wrong_passphrase() {
    if !age_here() {
        return;
    }
    let dir = temp_dir("identity");
    let (journal, _keys) = sealed_journal(&dir);
    let first = std::fs::read_to_string(&journal).unwrap();
    let first = first.lines().next().unwrap();
    let age = first
        .split_once(r#""age":""#)
        .and_then(|(_, rest)| rest.strip_suffix("\"}"))
        .unwrap();
    std::fs::write(dir.join("one.b64"), age).unwrap();
    let command =
        "base64 -d one.b64 > one.age && age -d -i journal.jsonl.identity.age -o one.txt one.age";
    let opened = on_a_terminal(&dir, command, PASSPHRASE);
    assert!(opened.status.success(), "{opened:?}");
    assert_eq!(
        std::fs::read(dir.join("one.txt")).unwrap(),
        journal_lines()[0]
    );
    let refused = on_a_terminal(
        &dir,
        "age -d -o key.txt journal.jsonl.identity.age",
        "not the passphrase",
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("incorrect passphrase"),
        "{refused:?}"
    );
}
