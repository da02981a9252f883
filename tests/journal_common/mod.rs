//! Shared by the `journal_*` and `cli_*` integration tests: a private temp folder per test
//! and the real `steady` binary pointed at files inside it (never the user's own).

#![allow(
    dead_code,
    reason = "each test binary uses its own share of these helpers, so `expect` would fail in a test binary that uses them all"
)]

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::process::CommandExt;
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
        // The journal's folder is there, as a journal named by --journal needs (steady
        // creates only the default journal's folder); private, as steady would make it.
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(dir.join("data"))
            .unwrap();
        Env { dir }
    }

    /// The journal, one folder down, in a private folder of its own.
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

    /// `steady <flags> <args>` run as the user `uid`, so that file permissions apply even
    /// when the tests run as root. That user may not be able to reach the checkout (a clone
    /// inside a 0700 folder, as `mktemp -d` makes them), so the binary is copied into this
    /// test's own folder, which that user can enter. `None`, after saying why on stderr,
    /// when that user still cannot run it (a temp folder it cannot reach).
    pub fn cmd_as(&self, uid: u32, args: &[&str]) -> Option<Command> {
        let bin_dir = self.dir.join("bin");
        let bin = bin_dir.join("steady");
        if !bin.exists() {
            std::fs::create_dir_all(&bin_dir).unwrap();
            std::fs::copy(BIN, &bin).unwrap();
            for p in [&bin_dir, &bin] {
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            // Entering the test's folder is all that user needs; listing it is not.
            let mode = mode(&self.dir) | 0o111;
            std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let probe = Command::new(&bin)
            .arg("--version")
            .uid(uid)
            .gid(uid)
            .output();
        if !probe.is_ok_and(|out| out.status.success()) {
            eprintln!(
                "skipped: user {uid} cannot run {} (a folder above it is closed to that user; set TMPDIR to a folder others can enter)",
                bin.display()
            );
            return None;
        }
        let mut cmd = Command::new(bin);
        cmd.args(self.flags())
            .args(args)
            .env("TZ", "UTC")
            .env_remove("COLUMNS")
            .uid(uid)
            .gid(uid);
        Some(cmd)
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

/// Kills a process group (a writer's shell and the steady it runs) when dropped, so a
/// failing test leaves no writer behind.
pub struct KillGroupOnDrop(pub u32);

impl Drop for KillGroupOnDrop {
    fn drop(&mut self) {
        let group = format!("-{}", self.0);
        // Best effort: after a passing run the group is already gone.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(std::process::Stdio::null())
            .status();
    }
}
