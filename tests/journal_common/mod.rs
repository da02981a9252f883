//! Shared by the `journal_*` and `cli_*` integration tests: a private temp folder per test
//! and the real `steady` binary pointed at files inside it (never the user's own).

// Each test file uses its own part of these helpers.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_steady");

/// A temp folder, removed when the test ends.
pub struct Env {
    pub dir: PathBuf,
}

impl Env {
    pub fn new(name: &str) -> Env {
        let dir = std::env::temp_dir().join(format!("steady-it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Env { dir }
    }

    /// The journal, one folder down so steady creates that folder itself.
    pub fn journal(&self) -> PathBuf {
        self.dir.join("data/journal.jsonl")
    }

    /// The global flags that keep steady inside this folder.
    pub fn flags(&self) -> Vec<String> {
        let s = |p: PathBuf| p.to_string_lossy().into_owned();
        vec![
            "--journal".into(),
            s(self.journal()),
            "--practices".into(),
            s(self.dir.join("practices")),
            "--config".into(),
            s(self.dir.join("config.toml")),
        ]
    }

    /// `steady <flags> <args>`, ready to run.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        // The table `log` draws follows $COLUMNS; tests see the default width.
        cmd.args(self.flags())
            .args(args)
            .env("TZ", "UTC")
            .env_remove("COLUMNS");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs `script` in `sh`, where `"$0" "$@"` is `steady <flags> <args>`.
    pub fn sh(&self, script: &str, args: &[&str]) -> Output {
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(BIN)
            .args(self.flags())
            .args(args)
            .env("TZ", "UTC")
            .output()
            .unwrap()
    }

    /// Writes the journal directly, as another program or a crash might have left it.
    pub fn write_journal(&self, bytes: impl AsRef<[u8]>) {
        std::fs::create_dir_all(self.journal().parent().unwrap()).unwrap();
        std::fs::write(self.journal(), bytes).unwrap();
    }

    pub fn journal_bytes(&self) -> Vec<u8> {
        std::fs::read(self.journal()).unwrap()
    }

    pub fn journal_text(&self) -> String {
        String::from_utf8(self.journal_bytes()).unwrap()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        // Folders made read-only by a test must be opened up again to be removed.
        let _ = Command::new("chmod")
            .arg("-R")
            .arg("u+rwx")
            .arg(&self.dir)
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A valid journal line for `id` with `level`.
pub fn line(id: &str, level: i64) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-20T08:00:00.000+01:00","ended_at":"2026-11-20T08:00:00.000+01:00","completed":true,"via":"tui","responses":{{"level":{level},"colour":"blue"}},"from_a_later_steady":[1,2.5]}}"#
    )
}

/// Every line of `text` parsed as a JSON object (panics on an unreadable line).
pub fn parse_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}
