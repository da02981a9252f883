//! The first frames a person waits for, measured from a pseudo-terminal this bench opens
//! itself (no tmux or other multiplexer in between): the release binary runs with the pty's
//! slave as its terminal (80×24, `TERM=xterm-256color`, colours on, a temporary home and
//! XDG folders, `STEADY_JOURNAL` at a generated journal of 100,000 or 1,000,000 entries),
//! and a thread reads everything it writes to the master.
//!
//! How a frame is known to be complete: the reader keeps a small model of the screen (the
//! cursor moves, erases and text ratatui writes; colours are ignored) and takes a copy of it
//! each time ratatui ends a frame. ratatui ends every draw by hiding or showing the cursor
//! (`ESC [ ? 25 l` / `h`), after the frame's cells, so a copy taken there is a whole frame.
//! Which screen a frame shows is read from its text:
//! - home: its bottom row (the footer) holds `r review`;
//! - review's History: its bottom row holds `/ p f t find`;
//! - entries shown: a row starts with an entry's time (`2026-01-31 07:00`);
//! - read in full: a row says `All N entries` with N the journal's count, and no row says
//!   `Reading`.
//!
//! A marker that never shows within 30 s (a renamed footer, a screen that never comes)
//! ends the bench with a sentence and exit status 1 instead of a figure; steady is killed
//! whenever a run ends without it having quit.
//!
//! Measured per journal size (median of 5 runs after one warm-up, 3 when the warm-up took
//! over 10 s; or `STEADY_BENCH_RUNS`): home's first frame from spawn; review opened with
//! `r` on home, until its first frame and until entries show; `steady review` from spawn
//! until entries show; the peak memory (`VmHWM`) of both once review says it holds every
//! entry; and the wall time of `steady log --limit 20` into a pipe. `STEADY_BENCH_SIZES`
//! picks the sizes (`100000`, or `100000,1000000`, the default). Journals are made once and
//! kept in `target/bench-journals/`. Run with `cargo bench --bench first_frame`, which
//! builds the release binary it runs (Linux: it reads `/proc`).

mod support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthChar;

const COLUMNS: u16 = 80;
const ROWS: u16 = 24;
/// How long any marker may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(30);

/// Home's footer names the key that opens review; review's footer does not.
const HOME_MARKER: &str = "r review";
/// Only History's footer sums up its find keys this way.
const HISTORY_MARKER: &str = "/ p f t find";

fn main() -> ExitCode {
    match bench() {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("first_frame: {why}");
            ExitCode::FAILURE
        }
    }
}

fn bench() -> Result<(), String> {
    let sizes = sizes()?;
    let home = TempHome::new()?;
    println!(
        "steady {} in an {COLUMNS}x{ROWS} pseudo-terminal, no multiplexer; {}; {}",
        env!("CARGO_PKG_VERSION"),
        machine(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    for count in sizes {
        let journal = support::cached(count);
        let bytes = std::fs::metadata(&journal)
            .map_err(|e| format!("cannot read the bench journal's size ({e})"))?
            .len();
        // The warm-up puts the journal in the page cache, as a second start finds it; a
        // slow one (seconds a run) means three runs instead of five.
        let warm_up = Instant::now();
        Run::measure(&home.0, &journal, count)?;
        let slow = warm_up.elapsed() > SLOW_RUN;
        let runs = support::runs(if slow { 3 } else { 5 });
        println!(
            "\n{} entries ({:.0} MB journal), median of {runs} runs after one warm-up",
            thousands(count),
            bytes as f64 / 1e6
        );
        let mut figures = Figures::default();
        for _ in 0..runs {
            figures.add(&Run::measure(&home.0, &journal, count)?);
        }
        figures.print(count);
    }
    Ok(())
}

/// The sizes asked for in `STEADY_BENCH_SIZES`, or both.
fn sizes() -> Result<Vec<usize>, String> {
    let Ok(asked) = std::env::var("STEADY_BENCH_SIZES") else {
        return Ok(vec![100_000, 1_000_000]);
    };
    asked
        .split(',')
        .map(|s| {
            s.trim().parse().map_err(|_| {
                format!("STEADY_BENCH_SIZES should be counts of entries such as 100000,1000000, not {asked:?}")
            })
        })
        .collect()
}

/// The CPU's model name and how many cores it has, from `/proc/cpuinfo`, and how busy the
/// machine was as the bench began (the load average over a minute, from `/proc/loadavg`).
fn machine() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("an unknown CPU", |m| m.trim_start_matches([' ', '\t', ':']));
    let cores = info.lines().filter(|l| l.starts_with("processor")).count();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("unknown");
    format!("{model}, {cores} cores, load average {load} at the start")
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A home folder for steady's settings and XDG folders, removed when the bench ends.
struct TempHome(PathBuf);

impl TempHome {
    fn new() -> Result<TempHome, String> {
        let dir = std::env::temp_dir().join(format!("steady-first-frame-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot make the bench's home folder ({e})"))?;
        Ok(TempHome(dir))
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// steady with nothing of the bench's own environment: a temporary home, the journal.
fn steady(home: &Path, journal: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steady"));
    command
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env("STEADY_JOURNAL", journal);
    command
}

/// A run slower than this (all of its parts together) is repeated three times, not five.
const SLOW_RUN: Duration = Duration::from_secs(10);

/// Every figure of one run.
struct Run {
    from_home: FromHome,
    /// `steady review`: from spawn to entries shown, and the peak memory in KiB.
    direct: (Duration, u64),
    log: Duration,
}

impl Run {
    fn measure(home: &Path, journal: &Path, count: usize) -> Result<Run, String> {
        Ok(Run {
            from_home: from_home(home, journal, count)?,
            direct: direct_review(home, journal, count)?,
            log: log_limit(home, journal)?,
        })
    }
}

/// One run through home: (home's first frame from spawn; from `r` to review's first frame,
/// to entries shown and to every entry read; peak memory in KiB).
struct FromHome {
    home: Duration,
    review_opens: Duration,
    review_shows: Duration,
    review_read: Duration,
    peak_kib: u64,
}

fn from_home(home: &Path, journal: &Path, count: usize) -> Result<FromHome, String> {
    let (mut steady, spawned) = Steady::spawn(steady(home, journal))?;
    let home_at = steady.wait_for("home's footer", is_home)?;
    let pressed = steady.key(b"r")?;
    let opens = steady.wait_for("review's History footer", is_history)?;
    let shows = steady.wait_for("an entry in History", shows_entries)?;
    let read = steady.wait_for("\"All N entries\" with N the journal's count", |rows| {
        holds_all(rows, count)
    })?;
    let peak_kib = steady.peak_kib()?;
    steady.key(b"q")?;
    steady.wait_for("home's footer after review", is_home)?;
    steady.key(b"q")?;
    steady.ended()?;
    Ok(FromHome {
        home: home_at - spawned,
        review_opens: opens - pressed,
        review_shows: shows - pressed,
        review_read: read - pressed,
        peak_kib,
    })
}

/// One run of `steady review`: (from spawn to entries shown; peak memory in KiB once every
/// entry is read).
fn direct_review(home: &Path, journal: &Path, count: usize) -> Result<(Duration, u64), String> {
    let mut command = steady(home, journal);
    command.arg("review");
    let (mut steady, spawned) = Steady::spawn(command)?;
    let shows = steady.wait_for("an entry in History (steady review)", |rows| {
        is_history(rows) && shows_entries(rows)
    })?;
    steady.wait_for("\"All N entries\" with N the journal's count", |rows| {
        holds_all(rows, count)
    })?;
    let peak_kib = steady.peak_kib()?;
    steady.key(b"q")?;
    steady.ended()?;
    Ok((shows - spawned, peak_kib))
}

/// `steady log --limit 20` with its output into a pipe: the wall time.
fn log_limit(home: &Path, journal: &Path) -> Result<Duration, String> {
    let mut command = steady(home, journal);
    command.args(["log", "--limit", "20"]).stdin(Stdio::null());
    let start = Instant::now();
    let out = command
        .output()
        .map_err(|e| format!("cannot start steady log ({e})"))?;
    let elapsed = start.elapsed();
    if !out.status.success() || out.stdout.is_empty() {
        return Err(format!(
            "steady log --limit 20 did not list entries ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(elapsed)
}

fn bottom(rows: &[String]) -> &str {
    rows.last().map_or("", String::as_str)
}

fn is_home(rows: &[String]) -> bool {
    bottom(rows).contains(HOME_MARKER)
}

fn is_history(rows: &[String]) -> bool {
    bottom(rows).contains(HISTORY_MARKER)
}

/// A row of History's table: it starts with the entry's time, `YYYY-MM-DD HH:MM`.
fn shows_entries(rows: &[String]) -> bool {
    rows.iter().any(|row| {
        let when: Vec<char> = row.trim_start().chars().take(16).collect();
        when.len() == 16
            && when.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == '-',
                10 => *c == ' ',
                13 => *c == ':',
                _ => c.is_ascii_digit(),
            })
    })
}

/// History's line above the table says it holds every one of the journal's `count` entries
/// (`All 100000 entries`; a thousands separator is allowed), and nothing on screen says it
/// is still reading.
fn holds_all(rows: &[String], count: usize) -> bool {
    !rows.iter().any(|row| row.contains("Reading"))
        && rows.iter().any(|row| {
            row.trim_start()
                .strip_prefix("All ")
                .and_then(|rest| rest.split_once(" entries"))
                .is_some_and(|(n, _)| {
                    n.replace([',', '.', ' ', '\u{202f}'], "") == count.to_string()
                })
        })
}

/// The figures of every counted run at one size.
#[derive(Default)]
struct Figures {
    home: Vec<Duration>,
    review_opens: Vec<Duration>,
    review_shows: Vec<Duration>,
    review_read: Vec<Duration>,
    direct_shows: Vec<Duration>,
    peak_home_kib: Vec<u64>,
    peak_direct_kib: Vec<u64>,
    log: Vec<Duration>,
}

impl Figures {
    fn add(&mut self, run: &Run) {
        let from_home = &run.from_home;
        self.home.push(from_home.home);
        self.review_opens.push(from_home.review_opens);
        self.review_shows.push(from_home.review_shows);
        self.review_read.push(from_home.review_read);
        self.peak_home_kib.push(from_home.peak_kib);
        self.direct_shows.push(run.direct.0);
        self.peak_direct_kib.push(run.direct.1);
        self.log.push(run.log);
    }

    fn print(&self, count: usize) {
        let big = count >= 1_000_000;
        let frame = Some(50.0);
        let rss = Some(if big { 200.0 } else { 80.0 });
        let log = big.then_some(20.0);
        println!(
            "  {:<52} {:>9} {:>9} {:>9}  target",
            "what (lower is better)", "median", "min", "max"
        );
        let time_rows: [(&str, &[Duration], Option<f64>); 6] = [
            ("home: spawn to first frame", &self.home, frame),
            (
                "review from home: r to first frame (may say Reading)",
                &self.review_opens,
                None,
            ),
            (
                "review from home: r to entries shown",
                &self.review_shows,
                frame,
            ),
            (
                "review from home: r to all entries read",
                &self.review_read,
                None,
            ),
            (
                "steady review: spawn to entries shown",
                &self.direct_shows,
                frame,
            ),
            ("log --limit 20 into a pipe: wall time", &self.log, log),
        ];
        for (what, times, target) in time_rows {
            let ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
            row(what, &ms, "ms", target);
        }
        for (what, peaks) in [
            (
                "review from home: peak RSS (VmHWM), all read",
                &self.peak_home_kib,
            ),
            (
                "steady review: peak RSS (VmHWM), all read",
                &self.peak_direct_kib,
            ),
        ] {
            let mib: Vec<f64> = peaks.iter().map(|&k| k as f64 / 1024.0).collect();
            row(what, &mib, "MiB", rss);
        }
    }
}

/// One line of the table: median, fewest and most, and the target with ✓ or ✗.
fn row(what: &str, values: &[f64], unit: &str, target: Option<f64>) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let cell = |v: f64| format!("{v:.1} {unit}");
    let verdict = target.map_or_else(
        || "—".to_owned(),
        |t| format!("< {t:.0} {unit} {}", if median < t { "✓" } else { "✗" }),
    );
    println!(
        "  {what:<52} {:>9} {:>9} {:>9}  {verdict}",
        cell(median),
        cell(sorted[0]),
        cell(sorted[sorted.len() - 1])
    );
}

/// A frame as it stood when ratatui ended it, and when its end was read.
struct Frame {
    at: Instant,
    rows: Vec<String>,
}

/// steady running on a pty; killed when dropped unless it has ended.
struct Steady {
    child: Child,
    input: File,
    frames: Receiver<Frame>,
    reader: Option<JoinHandle<()>>,
    /// The latest frame read: the screen as it stands.
    last: Option<Frame>,
}

impl Steady {
    /// Starts `command` on a new pty as its controlling terminal; also the instant just
    /// before the spawn.
    fn spawn(mut command: Command) -> Result<(Steady, Instant), String> {
        let (master, slave) = open_pty()?;
        let clone = |fd: &OwnedFd| {
            fd.try_clone()
                .map_err(|e| format!("cannot share the pty ({e})"))
        };
        let output = File::from(clone(&master)?);
        let (sender, frames) = channel();
        let reader = std::thread::spawn(move || read_frames(output, &sender));
        command
            .stdin(Stdio::from(clone(&slave)?))
            .stdout(Stdio::from(clone(&slave)?))
            .stderr(Stdio::from(slave));
        // SAFETY: between fork and exec the closure calls only async-signal-safe functions
        // (setsid, ioctl) and allocates nothing.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() == -1 || libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let spawned = Instant::now();
        let child = command.spawn().map_err(|e| {
            format!("cannot start the release binary ({e}); run `cargo build --release` first")
        })?;
        // Our copies of the slave go with the command, so the reader sees the end of
        // steady's output when steady ends.
        drop(command);
        let steady = Steady {
            child,
            input: File::from(master),
            frames,
            reader: Some(reader),
            last: None,
        };
        Ok((steady, spawned))
    }

    /// Waits for a frame that `shows` (the screen as it stands counts); when its end was
    /// read. Gives up after `PATIENCE` with a sentence that says what did not appear.
    fn wait_for(
        &mut self,
        what: &str,
        shows: impl Fn(&[String]) -> bool,
    ) -> Result<Instant, String> {
        if let Some(frame) = &self.last
            && shows(&frame.rows)
        {
            return Ok(frame.at);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.frames.recv_timeout(left) {
                Ok(frame) => {
                    let (at, hit) = (frame.at, shows(&frame.rows));
                    self.last = Some(frame);
                    if hit {
                        return Ok(at);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "no frame showed {what} within {} s, so there is no figure to give (has the screen's text changed? the markers are listed at the top of benches/first_frame.rs); the last frame was:\n{}",
                        PATIENCE.as_secs(),
                        self.screen()
                    ));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self
                        .child
                        .wait()
                        .map_or_else(|e| e.to_string(), |s| s.to_string());
                    return Err(format!(
                        "steady ended ({status}) before a frame showed {what}; the last frame was:\n{}",
                        self.screen()
                    ));
                }
            }
        }
    }

    fn screen(&self) -> String {
        self.last
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), |f| f.rows.join("\n"))
    }

    /// Types `keys`; the instant just before.
    fn key(&mut self, keys: &[u8]) -> Result<Instant, String> {
        let at = Instant::now();
        self.input
            .write_all(keys)
            .map_err(|e| format!("cannot type into steady's terminal ({e})"))?;
        Ok(at)
    }

    /// steady's peak resident memory so far, in KiB.
    fn peak_kib(&self) -> Result<u64, String> {
        let pid = self.child.id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .map_err(|e| format!("cannot read steady's memory from /proc ({e})"))?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            .ok_or_else(|| "/proc gave no VmHWM for steady".to_owned())
    }

    /// Waits for steady to end on its own after a quit key, and for it to have ended well.
    fn ended(mut self) -> Result<(), String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    return Err(format!(
                        "steady did not end cleanly after q ({status}); the last frame was:\n{}",
                        self.screen()
                    ));
                }
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Ok(None) => {
                    return Err(format!(
                        "steady was still running {} s after q",
                        PATIENCE.as_secs()
                    ));
                }
                Err(e) => return Err(format!("cannot wait for steady ({e})")),
            }
        }
    }
}

impl Drop for Steady {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        // steady has ended and the slave is closed: the reader sees the end and stops.
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// A pseudo-terminal of `COLUMNS`×`ROWS`: (master, slave), neither inherited by children
/// except as the slave given to them.
fn open_pty() -> Result<(OwnedFd, OwnedFd), String> {
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: both out-pointers are valid locals; a null name, termios and size are allowed.
    let opened = unsafe {
        libc::openpty(
            &raw mut master,
            &raw mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if opened != 0 {
        return Err(format!(
            "cannot open a pseudo-terminal ({})",
            std::io::Error::last_os_error()
        ));
    }
    // SAFETY: openpty has just opened these two descriptors, and nothing else owns them.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let size = libc::winsize {
        ws_row: ROWS,
        ws_col: COLUMNS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one winsize through the pointer, which is valid for the call;
    // F_SETFD takes a plain flag.
    let set = unsafe {
        libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &raw const size) == 0
            && libc::fcntl(master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) == 0
            && libc::fcntl(slave.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) == 0
    };
    if !set {
        return Err(format!(
            "cannot size the pseudo-terminal ({})",
            std::io::Error::last_os_error()
        ));
    }
    Ok((master, slave))
}

/// Reads steady's output until it ends, sending each frame as ratatui ends it.
fn read_frames(mut output: File, frames: &Sender<Frame>) {
    let mut screen = Screen::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match output.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // EIO: every holder of the slave has closed it.
            Err(_) => return,
        };
        let at = Instant::now();
        for rows in screen.feed(&buf[..n]) {
            // The bench may have stopped listening; the output is still read to its end.
            let _ = frames.send(Frame { at, rows });
        }
    }
}

/// What the escape-sequence parser is in the middle of.
enum Parse {
    Text,
    Escape,
    /// A control sequence: `ESC [`, its parameters so far.
    Control(Vec<u8>),
    /// An operating-system command (`ESC ]`), skipped to its BEL or `ESC \`.
    Os,
    OsEscape,
    /// `ESC (` or `ESC )` and the character set that follows.
    Charset,
}

/// The text on a terminal screen: what ratatui's crossterm backend writes (cursor moves,
/// erases, text and cursor visibility) applied to a grid; colours and modes are skipped.
struct Screen {
    cells: Vec<Vec<char>>,
    row: usize,
    column: usize,
    parse: Parse,
    /// The bytes of a UTF-8 character begun in one read and ended in the next.
    partial: Vec<u8>,
}

impl Screen {
    fn new() -> Screen {
        Screen {
            cells: vec![vec![' '; usize::from(COLUMNS)]; usize::from(ROWS)],
            row: 0,
            column: 0,
            parse: Parse::Text,
            partial: Vec::new(),
        }
    }

    /// Applies `bytes`; the screen's rows at each frame end among them.
    fn feed(&mut self, bytes: &[u8]) -> Vec<Vec<String>> {
        let mut ended = Vec::new();
        for &b in bytes {
            match std::mem::replace(&mut self.parse, Parse::Text) {
                Parse::Text => self.text(b),
                Parse::Escape => {
                    self.parse = match b {
                        b'[' => Parse::Control(Vec::new()),
                        b']' => Parse::Os,
                        b'(' | b')' => Parse::Charset,
                        _ => Parse::Text,
                    };
                }
                Parse::Control(mut params) => {
                    if (0x40..=0x7e).contains(&b) {
                        if self.control(&params, b) {
                            ended.push(self.rows());
                        }
                    } else {
                        params.push(b);
                        self.parse = Parse::Control(params);
                    }
                }
                Parse::Os => {
                    self.parse = match b {
                        0x07 => Parse::Text,
                        0x1b => Parse::OsEscape,
                        _ => Parse::Os,
                    };
                }
                Parse::OsEscape | Parse::Charset => {}
            }
        }
        ended
    }

    fn text(&mut self, b: u8) {
        match b {
            0x1b => self.parse = Parse::Escape,
            b'\r' => self.column = 0,
            b'\n' => self.row = (self.row + 1).min(usize::from(ROWS) - 1),
            0x08 => self.column = self.column.saturating_sub(1),
            0x20..=0x7e => self.put(char::from(b)),
            0x80..=0xff => {
                if b >= 0xc0 {
                    self.partial.clear();
                }
                self.partial.push(b);
                if let Ok(s) = std::str::from_utf8(&self.partial)
                    && let Some(c) = s.chars().next()
                {
                    self.partial.clear();
                    self.put(c);
                }
            }
            _ => {}
        }
    }

    fn put(&mut self, c: char) {
        let width = c.width().unwrap_or(0);
        if width == 0 {
            return;
        }
        let line = &mut self.cells[self.row];
        if let Some(cell) = line.get_mut(self.column) {
            *cell = c;
        }
        // The second cell of a wide character holds nothing of its own.
        if width == 2
            && let Some(cell) = line.get_mut(self.column + 1)
        {
            *cell = '\0';
        }
        self.column += width;
    }

    /// Applies `ESC [ params final`; whether it ends a frame (cursor hidden or shown).
    fn control(&mut self, params: &[u8], last: u8) -> bool {
        let params = String::from_utf8_lossy(params);
        let numbers: Vec<usize> = params
            .trim_start_matches('?')
            .split(';')
            .map(|n| n.parse().unwrap_or(0))
            .collect();
        let n = |i: usize| numbers.get(i).copied().unwrap_or(0);
        let (width, height) = (usize::from(COLUMNS), usize::from(ROWS));
        match (params.starts_with('?'), last) {
            (false, b'H' | b'f') => {
                self.row = n(0).clamp(1, height) - 1;
                self.column = n(1).clamp(1, width) - 1;
            }
            (false, b'J') => match n(0) {
                0 => {
                    self.erase_line_from(self.row, self.column);
                    for row in self.row + 1..height {
                        self.erase_line_from(row, 0);
                    }
                }
                2 | 3 => self.clear(),
                _ => {}
            },
            (false, b'K') => match n(0) {
                0 => self.erase_line_from(self.row, self.column),
                2 => self.erase_line_from(self.row, 0),
                _ => {}
            },
            (true, b'h' | b'l') if n(0) == 1049 => self.clear(),
            (true, b'h' | b'l') if n(0) == 25 => return true,
            _ => {}
        }
        false
    }

    fn erase_line_from(&mut self, row: usize, column: usize) {
        for cell in self.cells[row].iter_mut().skip(column) {
            *cell = ' ';
        }
    }

    fn clear(&mut self) {
        for row in 0..usize::from(ROWS) {
            self.erase_line_from(row, 0);
        }
    }

    fn rows(&self) -> Vec<String> {
        self.cells
            .iter()
            .map(|line| {
                let text: String = line.iter().filter(|&&c| c != '\0').collect();
                text.trim_end().to_owned()
            })
            .collect()
    }
}
