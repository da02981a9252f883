//! The journal under failure, through the real binary: writers killed with SIGKILL, a file
//! size limit hit mid-write, and a read-only folder. An acknowledged entry is never lost, a
//! failed write exits non-zero naming the path, and the journal stays byte-for-byte as it was.

mod journal_common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use journal_common::*;

/// The user the permission tests run as when the tests run as root.
const NOBODY: u32 = 65534;

#[test]
fn killing_writers_never_loses_an_acknowledged_entry() {
    let env = Env::new("crash-kill");
    // One shell runs check-ins with large notes back to back and echoes each index once
    // steady has acknowledged it; the whole group is killed with SIGKILL while it runs, so
    // the steady process of the moment dies wherever it is.
    let pad = "p".repeat(3900);
    let script = r#"bin=$0; i=0; while [ $i -lt 500 ]; do
        "$bin" "$@" checkin --level 3 --colour blue --note "entry-$i $PAD" >/dev/null || exit 1
        echo "$i"; i=$((i+1)); done"#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(env.flags())
        .env("PAD", &pad)
        .stdout(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    let _kill_group_on_drop = KillGroupOnDrop(child.id());
    let mut acked = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while acked.len() < 25 {
        let line = lines.next().expect("the writer keeps going").unwrap();
        acked.push(line);
    }
    let group = format!("-{}", child.id());
    let killed = Command::new("kill")
        .args(["-KILL", "--", &group])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait().unwrap();
    // Anything printed before the kill was acknowledged too.
    acked.extend(lines.map_while(Result::ok));

    let text = String::from_utf8(env.journal_bytes()).unwrap();
    let mut whole: Vec<&str> = text.split_inclusive('\n').collect();
    if whole.last().is_some_and(|l| !l.ends_with('\n')) {
        whole.pop(); // at most a torn tail
    }
    let notes: Vec<String> = parse_lines(&whole.concat())
        .iter()
        .map(|e| e["responses"]["note"].as_str().unwrap().to_owned())
        .collect();
    for i in &acked {
        assert!(
            notes.contains(&format!("entry-{i} {pad}")),
            "acknowledged entry {i} is missing"
        );
    }
    assert!(
        notes.len() <= acked.len() + 1,
        "only the entry in flight may be extra"
    );

    // The next writer sets aside whatever the kill left and appends a clean line.
    let out = env.run(&["checkin", "--level", "1", "--colour", "grey"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = parse_lines(&env.journal_text());
    assert_eq!(after.len(), notes.len() + 1);
    assert_eq!(after.last().unwrap()["responses"]["level"], 1);
}

/// Kills a process group with SIGKILL when dropped, so a failing test leaves no writer behind.
/// A journal of `size` bytes: one valid entry padded with an unknown field.
fn journal_of_size(size: usize) -> String {
    let base = line("01JD3Q8Z4W8M1R2T5Y7B9C0XKA", 2);
    let pad = size - base.len() - ",\"pad\":\"\"".len() - 1;
    format!(
        "{},\"pad\":\"{}\"}}\n",
        &base[..base.len() - 1],
        "x".repeat(pad)
    )
}

#[test]
fn hitting_the_file_size_limit_leaves_the_journal_as_it_was() {
    let env = Env::new("crash-ulimit");
    // `ulimit -f 4` allows 2048 bytes; the journal is just under, so the append starts and
    // fails part way (with SIGXFSZ ignored the write returns an error instead).
    let before = journal_of_size(2040);
    env.write_journal(&before);
    let limited = "trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"";

    let out = env.sh(limited, &["checkin", "--level", "3", "--colour", "blue"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&*env.journal().to_string_lossy()), "{err}");
    assert!(
        err.contains("too large") || err.contains("size allowed"),
        "{err}"
    );
    assert!(
        env.journal_bytes() == before.as_bytes(),
        "the journal changed"
    );

    // A rewrite that cannot finish leaves the old journal and no temp file.
    let source = env.dir.join("other.jsonl");
    std::fs::write(
        &source,
        format!("{}\n", line("01JD3Q8Z4W8M1R2T5Y7B9C0XKB", 5)),
    )
    .unwrap();
    let out = env.sh(limited, &["import", &source.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&*env.journal().to_string_lossy()));
    assert!(
        env.journal_bytes() == before.as_bytes(),
        "the journal changed"
    );
    let folder = env.journal().parent().unwrap().to_owned();
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn a_read_only_folder_fails_cleanly() {
    let env = Env::new("crash-readonly");
    let before = format!("{}\n", line("01JD3Q8Z4W8M1R2T5Y7B9C0XKA", 2));
    env.write_journal(&before);
    let folder = env.journal().parent().unwrap().to_owned();
    let source = env.dir.join("other.jsonl");
    std::fs::write(
        &source,
        format!("{}\n", line("01JD3Q8Z4W8M1R2T5Y7B9C0XKB", 5)),
    )
    .unwrap();
    // Root may write anywhere, so as root the commands run as `nobody`, owning the files.
    let as_root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    if as_root && env.cmd_as(NOBODY, &["--version"]).is_none() {
        return;
    }
    let run = |args: &[&str]| {
        let mut cmd = if as_root {
            env.cmd_as(NOBODY, args).expect("checked above")
        } else {
            env.cmd(args)
        };
        cmd.output().unwrap()
    };
    if as_root {
        for p in [&env.dir, &folder, &env.journal(), &source] {
            std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();

    // No lock file can be made: the append fails before touching the journal.
    let out = run(&["checkin", "--level", "3", "--colour", "blue"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&*env.journal().to_string_lossy()), "{err}");
    assert!(err.contains("permission"), "{err}");
    assert!(
        env.journal_bytes() == before.as_bytes(),
        "the journal changed"
    );

    // With the lock file there, a rewrite still cannot make its temp file.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let lock = folder.join("journal.jsonl.lock");
    std::fs::write(&lock, "").unwrap();
    if as_root {
        std::os::unix::fs::chown(&lock, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = run(&["import", &source.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&*env.journal().to_string_lossy()));
    assert!(
        env.journal_bytes() == before.as_bytes(),
        "the journal changed"
    );
}
