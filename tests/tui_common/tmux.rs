//! Running the real `steady` in a detached tmux session, for the end-to-end tests and the
//! CPU benchmark: a private tmux server per session (`-L`), keys sent with `send-keys`, and
//! waiting for text on screen by polling `capture-pane`, never by a fixed sleep.

#![allow(
    dead_code,
    reason = "each test binary uses its own share of these helpers, so `expect` would fail in a test binary that uses them all"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The `steady` built for these tests.
pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_steady"))
}

/// Whether tmux can be used. Without it the caller skips, except in CI where that is a
/// failure (CI installs tmux).
pub fn available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is needed for this test in CI"
        );
        eprintln!("notice: tmux is not installed; skipping the terminal end-to-end run");
    }
    found
}

/// A temp folder with a journal path, a practices folder and a config file.
pub struct Home {
    pub dir: PathBuf,
}

impl Home {
    pub fn new(name: &str) -> Home {
        let dir =
            std::env::temp_dir().join(format!("steady-{name}-{}-{}", std::process::id(), nanos()));
        std::fs::create_dir_all(dir.join("practices")).expect("temp practices folder");
        std::fs::write(dir.join("config.toml"), "").expect("temp config");
        Home { dir }
    }

    pub fn journal(&self) -> PathBuf {
        self.dir.join("journal.jsonl")
    }

    /// The journal's entries as JSON, one a line; none before the journal exists.
    pub fn entries(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.journal())
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("every journal line is JSON"))
            .collect()
    }

    pub fn add_practice(&self, id: &str, toml: &str) {
        std::fs::write(self.dir.join("practices").join(format!("{id}.toml")), toml)
            .expect("temp practice");
    }

    /// The shell command that runs steady with these files, then reports its exit status
    /// and keeps the pane open so the screen after it can be read.
    pub fn command(&self, binary: &Path, args: &str) -> String {
        format!(
            "'{}' --journal '{}' --practices '{}' --config '{}' {args}; echo EXITED-$?; sleep 30",
            binary.display(),
            self.journal().display(),
            self.dir.join("practices").display(),
            self.dir.join("config.toml").display(),
        )
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// One tmux server with one session; killed when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a detached 100×30 session.
    pub fn start(command: &str) -> Tmux {
        let tmux = Tmux {
            socket: format!("steady-{}-{}", std::process::id(), nanos()),
        };
        let ok = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "-s",
                "main",
                command,
            ])
            .status
            .success();
        assert!(ok, "tmux could not start a session");
        tmux
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends tmux key names (`Enter`, `C-d`, `Space`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend(keys);
        self.cmd(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "main", "-l", text]);
    }

    /// Pastes `text` as a terminal does: in one piece, wrapped in bracketed-paste marks when
    /// the program asked for them, line breaks sent as they are.
    pub fn paste(&self, text: &str) {
        self.cmd(&["set-buffer", "-b", "steady", "--", text]);
        self.cmd(&[
            "paste-buffer",
            "-p",
            "-r",
            "-d",
            "-b",
            "steady",
            "-t",
            "main",
        ]);
    }

    /// Resizes the window, as a person dragging its corner would.
    pub fn resize(&self, width: u16, height: u16) {
        self.cmd(&[
            "resize-window",
            "-t",
            "main",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Copies everything the pane's program writes from now on to `path` (`pipe-pane`), so
    /// a reader can watch the output without asking tmux for the screen again and again.
    pub fn pipe_output(&self, path: &Path) {
        let command = format!("cat > '{}'", path.display());
        self.cmd(&["pipe-pane", "-o", "-t", "main", &command]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// The screen with its colour and style escapes, as tmux holds it.
    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-e", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Polls the screen every 50 ms until it shows `text`; panics with the screen after 10 s.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited 10 s for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Closes the session as closing a terminal window does: the pane's processes get
    /// SIGHUP and their input ends.
    pub fn kill_session(&self) {
        self.cmd(&["kill-session", "-t", "main"]);
    }

    pub fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["display-message", "-p", "-t", "main", format])
                .stdout,
        )
        .trim()
        .to_owned()
    }

    /// The pid of steady: the child of the pane's shell.
    pub fn steady_pid(&self) -> u32 {
        let shell: u32 = self
            .display("#{pane_pid}")
            .parse()
            .expect("tmux gives the pane's pid");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(pid) = child_of(shell) {
                return pid;
            }
            assert!(
                Instant::now() < deadline,
                "steady did not start under pid {shell}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// A process whose parent is `parent`, from /proc.
fn child_of(parent: u32) -> Option<u32> {
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(Result::ok)
        .find_map(|d| {
            let pid: u32 = d.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(d.path().join("stat")).ok()?;
            // The fields after the command name (which may hold spaces) start after the last ')'.
            let rest = &stat[stat.rfind(')')? + 2..];
            let parent_pid: u32 = rest.split(' ').nth(1)?.parse().ok()?;
            (parent_pid == parent).then_some(pid)
        })
}

/// CPU time used so far by `pid` (user + system), in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat =
        std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process is running");
    let rest = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of stat; `rest` starts at field 3.
    let utime: u64 = fields[11].parse().expect("utime");
    let stime: u64 = fields[12].parse().expect("stime");
    utime + stime
}
