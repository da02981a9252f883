//! Fixtures shared by the TUI tests: practices built from the model types, a journal that
//! keeps entries in memory (and can be told to fail), one in memory that the app's worker
//! shares and whose writes take a real lock a test can hold, a test clock, and rendering to
//! text.

#![allow(
    dead_code,
    reason = "each test binary uses its own share of these helpers, so `expect` would fail in a test binary that uses them all"
)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use steady::clock::TestClock;
use steady::config::Config;
use steady::journal::VaultError;
use steady::journal::entry::Entry;
use steady::journal::error::Doing;
use steady::journal::lock::{Lock, LockWait};
use steady::journal::vault::{
    EntryRef, Imported, Kept, MemoryVault, Newest, Removed, Replaced, Restored, Snapshot, Upgrade,
    Vault, Written,
};
use steady::practice::model::{Origin, Phase, PhaseKind, Practice, Step, StepKind};
use steady::tui::app::{App, Setup};
use steady::tui::care::Care;
use steady::tui::effect::Done;

use steady::tui::widgets::Theme;

/// Entries saved so far, shared with the test.
#[derive(Clone, Default)]
pub struct Saved {
    pub entries: Rc<RefCell<Vec<Entry>>>,
    /// While set, every append fails with this sentence.
    pub fail: Rc<RefCell<Option<String>>>,
    pub earlier: Vec<DateTime<FixedOffset>>,
    /// Guide events the journal held before the test (in time order).
    pub earlier_guide: Vec<steady::guide::progress::GuideEvent>,
}

/// The journal file at `path`, through the port.
pub fn file_vault(path: &Path) -> Arc<dyn Vault> {
    Arc::new(steady::journal::vault::FileVault::new(
        steady::journal::Store::new(path),
    ))
}

/// Where the test journals say they are.
const PLACE: &str = "/tmp/steady-test/journal.jsonl";

/// A write refused with `why`, as the journal file words it.
fn failing(doing: Doing, why: std::io::Error) -> VaultError {
    VaultError::Store(steady::journal::StoreError::new(
        Path::new(PLACE),
        doing,
        why,
    ))
}

impl std::fmt::Debug for Saved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Saved")
    }
}

impl Saved {
    /// What the journal holds: an entry for each earlier time, each earlier guide event and
    /// each entry saved, as the lines a journal keeps.
    fn held(&self) -> MemoryVault {
        let earlier = self.earlier.iter().map(|at| {
            let at = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, false);
            format!(
                r#"{{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"earlier","title":"Earlier","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{{}}}}"#
            )
        });
        let guide = self.earlier_guide.iter().map(|e| {
            let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, false);
            format!(
                r#"{{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKB","practice":"guide","title":"Guide","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{{"guide":"{}","step":{},"event":"{}"}}}}"#,
                e.guide,
                e.step,
                e.event.word()
            )
        });
        let saved = self
            .entries
            .borrow()
            .iter()
            .map(Entry::to_line)
            .collect::<Vec<_>>();
        let lines: Vec<String> = earlier.chain(guide).chain(saved).collect();
        MemoryVault::new(&lines)
    }
}

/// The app only appends and reads what home needs; review opens its own journal.
impl Vault for Saved {
    fn place(&self) -> &Path {
        Path::new(PLACE)
    }
    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError> {
        self.held().open()
    }
    fn newest(&self, n: usize) -> Result<Newest, VaultError> {
        self.held().newest(n)
    }
    fn get(&self, _: &EntryRef) -> Result<Option<Entry>, VaultError> {
        Ok(None)
    }
    fn append(&self, entries: &[Entry]) -> Result<Written<()>, VaultError> {
        if let Some(why) = self.fail.borrow().clone() {
            return Err(failing(Doing::Write, std::io::Error::other(why)));
        }
        self.entries.borrow_mut().extend(entries.iter().cloned());
        Ok(Written {
            value: (),
            set_aside: None,
        })
    }
    fn replace(&self, _: &EntryRef, _: &Entry) -> Result<Written<Replaced>, VaultError> {
        Err(VaultError::Changed)
    }
    fn remove(&self, _: &EntryRef) -> Result<Written<Removed>, VaultError> {
        Err(VaultError::Changed)
    }
    fn restore(&self, _: &Kept) -> Result<Written<Restored>, VaultError> {
        Err(VaultError::Changed)
    }
    fn import(
        &self,
        _: Option<&File>,
        _: &[(String, std::ops::Range<u64>)],
        _: Upgrade,
        _: bool,
    ) -> Result<Written<Imported>, VaultError> {
        Err(VaultError::Changed)
    }
}

/// A journal in memory, shared with the app's worker (`waiting`). Every write first takes
/// the real lock beside `journal` (a path in a temp folder), and every read its shared
/// lock, waiting as the app's `LockWait` says, so a test holds a write or an export by
/// holding that lock, as another steady would. Its path, and its errors, name `PLACE`,
/// the same in every run.
#[derive(Clone, Debug)]
pub struct SharedJournal {
    pub memory: Arc<MemoryVault>,
    journal: PathBuf,
    wait: LockWait,
}

impl SharedJournal {
    pub fn new(journal: PathBuf, lines: &[String]) -> Self {
        SharedJournal {
            memory: Arc::new(MemoryVault::new(lines)),
            journal,
            wait: LockWait::default(),
        }
    }

    /// The lines as they are now.
    pub fn lines(&self) -> Vec<String> {
        String::from_utf8(self.memory.bytes())
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// `work` once the journal's lock is taken (shared to read); a held lock is waited for
    /// as `wait` says.
    fn locked<T>(
        &self,
        exclusive: bool,
        work: impl FnOnce(&MemoryVault) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        if exclusive {
            let _lock =
                Lock::exclusive(&self.journal, &self.wait).map_err(|e| failing(Doing::Write, e))?;
            work(&self.memory)
        } else {
            let _lock =
                Lock::shared(&self.journal, &self.wait).map_err(|e| failing(Doing::Read, e))?;
            work(&self.memory)
        }
    }
}

impl Vault for SharedJournal {
    fn place(&self) -> &Path {
        Path::new(PLACE)
    }
    fn waiting(&self, wait: LockWait) -> Option<Arc<dyn Vault + Send + Sync>> {
        Some(Arc::new(SharedJournal {
            wait,
            ..self.clone()
        }))
    }
    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError> {
        self.locked(false, MemoryVault::open)
    }
    fn newest(&self, n: usize) -> Result<Newest, VaultError> {
        self.locked(false, |m| m.newest(n))
    }
    fn get(&self, at: &EntryRef) -> Result<Option<Entry>, VaultError> {
        self.memory.get(at)
    }
    fn append(&self, entries: &[Entry]) -> Result<Written<()>, VaultError> {
        self.locked(true, |m| m.append(entries))
    }
    fn replace(&self, at: &EntryRef, entry: &Entry) -> Result<Written<Replaced>, VaultError> {
        self.locked(true, |m| m.replace(at, entry))
    }
    fn remove(&self, at: &EntryRef) -> Result<Written<Removed>, VaultError> {
        self.locked(true, |m| m.remove(at))
    }
    fn restore(&self, kept: &Kept) -> Result<Written<Restored>, VaultError> {
        self.locked(true, |m| m.restore(kept))
    }
    fn import(
        &self,
        spool: Option<&File>,
        lines: &[(String, std::ops::Range<u64>)],
        upgrade: Upgrade,
        dry_run: bool,
    ) -> Result<Written<Imported>, VaultError> {
        self.locked(true, |m| m.import(spool, lines, upgrade, dry_run))
    }
}

/// A fresh temp folder for a test's journal, with the journal's lock taken by this test
/// (dropping the file lets it go), as another steady would hold it.
pub fn locked_folder(name: &str) -> (PathBuf, File) {
    let dir = std::env::temp_dir().join(format!("steady-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let lock = hold_lock(&dir);
    (dir, lock)
}

/// Takes the lock of the journal in `dir` (dropping the file lets it go).
pub fn hold_lock(dir: &Path) -> File {
    let lock = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("journal.jsonl.lock"))
        .unwrap();
    lock.lock().unwrap();
    lock
}

/// Starts the app's worker, telling through a channel the test reads (with a timeout,
/// never a fixed sleep) instead of the event loop.
pub fn start_worker(app: &mut App) -> Receiver<Done> {
    let (tx, told) = mpsc::channel();
    app.save_on_worker(Arc::new(move |done| {
        let _ = tx.send(done);
    }))
    .unwrap();
    told
}

/// The next thing the worker tells (within 10 s), handed to the app as the event loop
/// would; what it was, in a word.
pub fn next_told(app: &mut App, told: &Receiver<Done>) -> &'static str {
    let done = told
        .recv_timeout(Duration::from_secs(10))
        .expect("the worker tells within 10 s");
    let kind = match &done {
        Done::Waiting(_) | Done::ReviewWaiting(_) => "waiting",
        Done::Saved(_, Ok(_)) => "saved",
        Done::Saved(_, Err(_)) => "not saved",
        Done::Rewrote(r) if r.result.is_ok() => "rewritten",
        Done::Rewrote(_) => "not rewritten",
        Done::Read(_) | Done::ReviewRead(_) => "read",
        Done::ReviewNewest(_) => "newest",
        Done::Exported(e) if e.result.is_ok() => "exported",
        Done::Exported(_) => "not exported",
    };
    app.worker_said(done);
    kind
}

fn step(key: Option<&str>, kind: StepKind) -> Step {
    Step {
        key: key.map(str::to_owned),
        kind,
        when: None,
    }
}

fn practice(id: &str, title: &str, tag: &str, steps: Vec<Step>) -> Arc<Practice> {
    Arc::new(Practice {
        id: id.into(),
        title: title.into(),
        summary: format!("A short summary of {title}."),
        source: "A test.".into(),
        tags: vec![tag.into()],
        private: false,
        steps,
        origin: Origin::BuiltIn,
    })
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

pub fn feeling_check_in() -> Arc<Practice> {
    practice(
        "feeling-check-in",
        "Feeling check-in",
        "notice",
        vec![
            step(
                None,
                StepKind::Say {
                    text: "Take a moment to notice how you are.".into(),
                    advance_after: None,
                },
            ),
            step(
                Some("feeling"),
                StepKind::Text {
                    prompt: "What are you feeling, in a word?".into(),
                    optional: false,
                    multiline: false,
                    max_chars: Some(40),
                },
            ),
            step(
                Some("level"),
                StepKind::Scale {
                    prompt: "How strong is it?".into(),
                    min: 1,
                    max: 5,
                    labels: BTreeMap::from([(1, "barely there".into()), (5, "very strong".into())]),
                },
            ),
            step(
                Some("colour"),
                StepKind::Colour {
                    prompt: "What colour is it?".into(),
                    choices: None,
                    other: true,
                },
            ),
            step(
                Some("note"),
                StepKind::Text {
                    prompt: "One sentence: the feeling and the need.".into(),
                    optional: true,
                    multiline: true,
                    max_chars: None,
                },
            ),
        ],
    )
}

pub fn breath_reset() -> Arc<Practice> {
    practice(
        "breath-reset",
        "90-second breath reset",
        "regulate",
        vec![
            step(
                None,
                StepKind::Say {
                    text: "Sit comfortably.".into(),
                    // With its 2 s of reading time, it goes on by itself after 3 s.
                    advance_after: Some(secs(1)),
                },
            ),
            step(
                Some("breath"),
                StepKind::Breathe {
                    pattern: vec![
                        Phase {
                            kind: PhaseKind::In,
                            duration: secs(4),
                        },
                        Phase {
                            kind: PhaseKind::Out,
                            duration: secs(6),
                        },
                    ],
                    total: secs(90),
                },
            ),
        ],
    )
}

pub fn stay_present() -> Arc<Practice> {
    practice(
        "stay-present",
        "Stay present a little longer",
        "connect",
        vec![step(
            Some("hold"),
            StepKind::Hold {
                prompt: "Stay in the hug a little longer.".into(),
                extra: secs(5),
            },
        )],
    )
}

/// One of every other kind: timer, choices, list.
pub fn sampler() -> Arc<Practice> {
    practice(
        "sampler",
        "Every kind of step",
        "notice",
        vec![
            step(
                Some("timer"),
                StepKind::Timer {
                    prompt: "Worry, for now.".into(),
                    duration: secs(120),
                    bell_every: Some(secs(60)),
                },
            ),
            step(
                Some("one"),
                StepKind::Choice {
                    prompt: "Pick one".into(),
                    options: vec!["tea".into(), "walk".into()],
                    multiple: false,
                    other: true,
                },
            ),
            step(
                Some("many"),
                StepKind::Choice {
                    prompt: "Pick any".into(),
                    options: vec!["chest".into(), "throat".into(), "belly".into()],
                    multiple: true,
                    other: false,
                },
            ),
            step(
                Some("three"),
                StepKind::List {
                    prompt: "Three small things".into(),
                    count: 3,
                },
            ),
        ],
    )
}

pub fn all_practices() -> Vec<Arc<Practice>> {
    vec![
        feeling_check_in(),
        breath_reset(),
        stay_present(),
        sampler(),
    ]
}

pub fn clock() -> Arc<TestClock> {
    Arc::new(TestClock::at_rfc3339("2026-11-22T09:00:00+01:00"))
}

#[expect(
    clippy::arc_with_non_send_sync,
    reason = "the app shares its port with review in an Arc; this test journal never leaves the test's thread"
)]
pub fn setup(clock: Arc<TestClock>, journal: Saved, config: Config) -> Setup {
    Setup {
        practices: all_practices(),
        problems: 0,
        practice_folder: PathBuf::from("/tmp/steady-test/practices"),
        config,
        clock,
        vault: Arc::new(journal),
        theme: Theme::PLAIN,
        care: Care::default(),
        settings: None,
    }
}

pub fn home(clock: Arc<TestClock>, journal: Saved) -> App {
    App::home(setup(clock, journal, Config::default()))
}

pub fn run(practice: Arc<Practice>, clock: Arc<TestClock>, journal: Saved) -> App {
    App::practice(setup(clock, journal, Config::default()), practice)
}

/// A practice run with reduced motion on.
pub fn run_still(practice: Arc<Practice>, clock: Arc<TestClock>, journal: Saved) -> App {
    let config = Config {
        reduced_motion: true,
        ..Config::default()
    };
    App::practice(setup(clock, journal, config), practice)
}

/// A feeling check-in past its first words, with `word` typed (not yet confirmed) as the
/// feeling.
pub fn feeling_typed(journal: Saved, word: &str) -> App {
    let mut app = run(feeling_check_in(), clock(), journal);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, word);
    app
}

/// Presses a key the way the event loop does: keymap, update, then time and saving.
pub fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

pub fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = app.keymap().action(KeyEvent::new(code, modifiers)) {
        app.update(action);
    }
    settle(app);
}

pub fn settle(app: &mut App) {
    app.tick();
    app.perform();
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Lets time pass and the app notice it.
pub fn wait(app: &mut App, clock: &TestClock, seconds: f64) {
    clock.advance_secs(seconds);
    settle(app);
}

/// The screen as text, one line per row.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|f| app.render(f))
        .expect("drawing into a test buffer");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn journal_path() -> PathBuf {
    PathBuf::from("/tmp/steady-test/journal.jsonl")
}

/// The words inside an overlay's box, folded onto one line so wrapped text reads whole.
pub fn boxed(screen: &str) -> String {
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|row| {
            let start = row.find('│')? + '│'.len_utf8();
            let end = row.rfind('│')?;
            row.get(start..end)
        })
        .collect();
    squash(&rows.join(" "))
}

/// The screen's words with runs of white space folded, so wrapped text reads as one line.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
