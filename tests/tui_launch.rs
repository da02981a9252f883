//! Launching the TUI where it cannot run: no terminal, or a practice id that does not exist.
//! Both are bad usage (exit 2) with one plain sentence, and the terminal is never touched.

use std::process::{Command, Stdio};

fn steady(args: &[&str]) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("steady-tui-launch-{}", std::process::id()));
    // A journal named by --journal needs its folder.
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let out = Command::new(env!("CARGO_BIN_EXE_steady"))
        .arg("--journal")
        .arg(dir.join("journal.jsonl"))
        .arg("--practices")
        .arg(dir.join("practices"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the steady binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn without_a_terminal_steady_says_so_and_exits_2() {
    let (code, stdout, stderr) = steady(&[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("steady checkin"), "{stderr}");
    assert!(stdout.is_empty(), "nothing drawn: {stdout:?}");
}

#[test]
fn an_unknown_practice_is_named_before_the_terminal_is_touched() {
    let (code, stdout, stderr) = steady(&["run", "no-such-practice"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-practice"), "{stderr}");
    assert!(stderr.contains("steady practices"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout:?}");
}
