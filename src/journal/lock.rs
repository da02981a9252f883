//! The journal's lock: an advisory lock on a sidecar file (`journal.jsonl.lock`) that is never
//! renamed or deleted, so it stays the same file while rewrites rename new journals into place.
//! Writers hold it exclusively for one append or one rewrite and never while idle.
//!
//! Taking it never waits without a word or for ever: `File::try_lock` is tried again after
//! short pauses (growing to a tenth of a second), time is measured by the wait's own clock
//! (never by counting tries), whoever waits is told once who holds the lock (`Waiting`, from
//! `/proc/locks`, which the kernel keeps and so is never stale), and after the wait's limit
//! the try ends with a typed `LockedOut` error. Tests give the wait a clock that moves when
//! the wait pauses, so they never sleep.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::clock::TestClock;
use crate::fsutil;

/// How long a writer waits for another's lock unless the settings say otherwise.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);
/// A wait this long is told (well within the second the contract allows); a lock that is
/// busy for a moment, as appends and most rewrites are, is waited for without a word.
pub const TELL_AFTER: Duration = Duration::from_millis(300);
/// The first pause between tries, doubled up to `LONGEST_PAUSE`.
const FIRST_PAUSE: Duration = Duration::from_millis(5);
const LONGEST_PAUSE: Duration = Duration::from_millis(100);

/// A held lock; dropping it lets the next writer in.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

/// The lock file that guards `journal`.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    journal.with_file_name(name)
}

/// How time passes while a lock is waited for.
pub trait Pause: Send + Sync {
    /// Monotonic time, to measure the wait.
    fn now(&self) -> Instant;
    /// Lets `span` go by before the next try.
    fn pause(&self, span: Duration);
}

/// Real time: the thread sleeps between tries.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sleep;

impl Pause for Sleep {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn pause(&self, span: Duration) {
        std::thread::sleep(span);
    }
}

/// A test clock moves on by the pause instead of sleeping.
impl Pause for TestClock {
    fn now(&self) -> Instant {
        crate::clock::Clock::now(self)
    }

    fn pause(&self, span: Duration) {
        self.advance(span);
    }
}

/// Who is told that a lock is being waited for.
pub type Tell = Arc<dyn Fn(&Waiting) + Send + Sync>;

/// How long to wait for a lock someone else holds, whom to tell, and how time passes.
#[derive(Clone)]
pub struct LockWait {
    limit: Duration,
    tell: Option<Tell>,
    pause: Arc<dyn Pause>,
}

impl std::fmt::Debug for LockWait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LockWait")
            .field("limit", &self.limit)
            .field("tells", &self.tell.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for LockWait {
    fn default() -> Self {
        LockWait::up_to(DEFAULT_WAIT)
    }
}

impl LockWait {
    /// Waits up to `limit` in real time, telling no one.
    pub fn up_to(limit: Duration) -> Self {
        Self {
            limit,
            tell: None,
            pause: Arc::new(Sleep),
        }
    }

    /// Tells `tell` once when a wait has lasted `TELL_AFTER`.
    #[must_use]
    pub fn telling(mut self, tell: impl Fn(&Waiting) + Send + Sync + 'static) -> Self {
        self.tell = Some(Arc::new(tell));
        self
    }

    /// Passes time with `pause` (tests: a clock that moves when paused).
    #[must_use]
    pub fn pausing(mut self, pause: Arc<dyn Pause>) -> Self {
        self.pause = pause;
        self
    }

    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Takes `file`'s lock (`shared` or exclusive) once it is free, trying again after
    /// short pauses; tells who holds it once the wait has lasted `TELL_AFTER`, and gives up
    /// with a `LockedOut` error (kind `WouldBlock`) once it has lasted the limit.
    fn take(&self, file: &File, shared: bool) -> io::Result<()> {
        let start = self.pause.now();
        let mut told = false;
        let mut pause = FIRST_PAUSE;
        loop {
            let tried = if shared {
                file.try_lock_shared()
            } else {
                file.try_lock()
            };
            match tried {
                Ok(()) => return Ok(()),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(e),
            }
            let waited = self.pause.now().saturating_duration_since(start);
            if waited >= self.limit {
                let out = LockedOut {
                    holder: Holder::of(file),
                    waited: self.limit,
                };
                return Err(io::Error::new(io::ErrorKind::WouldBlock, out));
            }
            if !told && waited >= TELL_AFTER {
                told = true;
                if let Some(tell) = &self.tell {
                    tell(&Waiting {
                        holder: Holder::of(file),
                        limit: self.limit,
                    });
                }
            }
            // Never past the moment to tell or to give up.
            let next_mark = if told {
                self.limit
            } else {
                TELL_AFTER.min(self.limit)
            };
            self.pause
                .pause(pause.min(next_mark.saturating_sub(waited)));
            pause = (pause * 2).min(LONGEST_PAUSE);
        }
    }
}

/// The process holding a lock, as far as the system says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    /// Its command name (`/proc/PID/comm`): "steady" for another steady.
    pub command: String,
    /// It is stopped (Ctrl-Z, SIGSTOP), so it will not let go until it runs again.
    pub stopped: bool,
}

impl Holder {
    /// The first other process the kernel lists as holding a lock on `file`
    /// (`/proc/locks`), or None where that cannot be known. The kernel lists the process
    /// that took the lock; one that has since ended (leaving the lock to a child that
    /// inherited the file) or that this process cannot see is not named.
    pub fn of(file: &File) -> Option<Holder> {
        use std::os::unix::fs::MetadataExt;
        let meta = file.metadata().ok()?;
        let locks = std::fs::read_to_string("/proc/locks").ok()?;
        holders(&locks, meta.dev(), meta.ino())
            .filter(|&pid| pid != std::process::id())
            .find_map(|pid| {
                let proc = PathBuf::from(format!("/proc/{pid}"));
                let command = std::fs::read_to_string(proc.join("comm")).ok()?;
                let stopped = std::fs::read_to_string(proc.join("stat"))
                    .ok()
                    .is_some_and(|stat| is_stopped(&stat));
                Some(Holder {
                    pid,
                    command: command.trim_end().to_owned(),
                    stopped,
                })
            })
    }

    pub fn is_steady(&self) -> bool {
        self.command == "steady"
    }
}

impl std::fmt::Display for Holder {
    /// "another steady (PID 4242)", or "another program (PID 4242, flock)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_steady() {
            write!(f, "another steady (PID {})", self.pid)
        } else {
            let name = crate::text::clean(&self.command, false);
            write!(f, "another program (PID {}, {name})", self.pid)
        }
    }
}

/// Who holds the lock, in words, with what would free it.
fn who(holder: Option<&Holder>) -> (String, &'static str) {
    match holder {
        None => ("another steady".to_owned(), ""),
        Some(h) if h.stopped => (
            h.to_string(),
            " (it is stopped, as Ctrl-Z stops it: `fg` in its terminal lets it finish)",
        ),
        Some(h) => (h.to_string(), ""),
    }
}

/// The PIDs `/proc/locks` lists as holding a lock on the file `dev`/`inode` (a waiter's
/// lines start with `->` and are passed over).
fn holders(locks: &str, dev: u64, inode: u64) -> impl Iterator<Item = u32> + '_ {
    // The kernel writes the device as major:minor in hex, then the inode in decimal.
    let (major, minor) = split_dev(dev);
    let file = format!("{major:02x}:{minor:02x}:{inode}");
    locks.lines().filter_map(move |line| {
        let mut words = line.split_whitespace().skip(1);
        if words.clone().next() == Some("->") {
            return None;
        }
        // kind, advisory, read/write, pid, device:inode
        let mut rest = words.by_ref().skip(3);
        let pid = rest.next()?.parse().ok()?;
        (rest.next()? == file).then_some(pid)
    })
}

/// Linux's `major` and `minor` of a device number.
fn split_dev(dev: u64) -> (u64, u64) {
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    (major, minor)
}

/// Whether `/proc/PID/stat` says the process is stopped (`T`) or stopped by a tracer (`t`).
fn is_stopped(stat: &str) -> bool {
    // The state follows the command name, which is in parentheses and may hold anything.
    let state = stat
        .rfind(')')
        .and_then(|end| stat[end + 1..].split_whitespace().next());
    matches!(state, Some("T" | "t"))
}

/// A wait for the lock has begun: who holds it, and how long the waiter will wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub holder: Option<Holder>,
    pub limit: Duration,
}

impl std::fmt::Display for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (who, freeing) = who(self.holder.as_ref());
        write!(
            f,
            "waiting for {who}, which is using the journal{freeing}; giving up after {}",
            crate::text::seconds_words(self.limit.as_secs_f64())
        )
    }
}

/// The lock was still held by someone else when the wait's limit came. Nothing was read or
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedOut {
    pub holder: Option<Holder>,
    pub waited: Duration,
}

impl std::fmt::Display for LockedOut {
    /// The middle of a sentence: "another steady (PID 4242) held it for 30 s … ".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (who, freeing) = who(self.holder.as_ref());
        write!(
            f,
            "{who} was still using it after {}{freeing}",
            crate::text::seconds_words(self.waited.as_secs_f64())
        )
    }
}

impl std::error::Error for LockedOut {}

impl Lock {
    /// Takes the exclusive lock, waiting as `wait` says, creating the lock file (0600) and its
    /// folder (0700) when needed. A lock file made for a journal that is already there gets
    /// the journal's owner, so one made by `sudo steady import` does not lock its owner out.
    pub fn exclusive(journal: &Path, wait: &LockWait) -> io::Result<Lock> {
        let path = lock_path(journal);
        let made = !path.exists();
        let file = fsutil::open_private_append(&path)?;
        if made && let Ok(owner) = std::fs::metadata(journal) {
            use std::os::unix::fs::MetadataExt;
            // Only root can give a file away, and only root needs to.
            let _ = std::os::unix::fs::fchown(&file, Some(owner.uid()), Some(owner.gid()));
        }
        wait.take(&file, false)?;
        Ok(Lock { file })
    }

    /// Takes a shared lock so a reader sees no append half done, waiting as `wait` says.
    /// When there is no lock file no writer has ever run, so there is nothing to wait for
    /// and `None` comes back.
    pub fn shared(journal: &Path, wait: &LockWait) -> io::Result<Option<Lock>> {
        match OpenOptions::new().read(true).open(lock_path(journal)) {
            Ok(file) => {
                wait.take(&file, true)?;
                Ok(Some(Lock { file }))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file would release the lock too; unlocking first says so plainly.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn lock_file_sits_beside_the_journal() {
        assert_eq!(
            lock_path(Path::new("/data/steady/journal.jsonl")),
            PathBuf::from("/data/steady/journal.jsonl.lock")
        );
    }

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("steady-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn exclusive_lock_excludes_others_until_dropped() {
        let dir = folder("excl");
        let journal = dir.join("journal.jsonl");
        let held = Lock::exclusive(&journal, &LockWait::default()).unwrap();
        let other = File::open(lock_path(&journal)).unwrap();
        assert!(
            other.try_lock_shared().is_err(),
            "a reader waits for a writer"
        );
        drop(held);
        assert!(other.try_lock().is_ok(), "the lock is free once dropped");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A wait on a test clock that records what it is told and how long each pause was.
    struct Watched {
        clock: Arc<TestClock>,
        told: Arc<Mutex<Vec<(Duration, Waiting)>>>,
        pauses: Mutex<Vec<Duration>>,
        /// Let the lock go once this much time has passed.
        release: Mutex<Option<(Duration, File)>>,
        start: Instant,
    }

    impl Pause for Watched {
        fn now(&self) -> Instant {
            Pause::now(self.clock.as_ref())
        }

        fn pause(&self, span: Duration) {
            self.pauses.lock().unwrap().push(span);
            self.clock.advance(span);
            let mut release = self.release.lock().unwrap();
            if release
                .as_ref()
                .is_some_and(|(at, _)| self.now() - self.start >= *at)
            {
                release.take();
            }
        }
    }

    /// A lock file held by another open file (flock locks of two opens exclude each other
    /// even in one process), and a watched wait of `limit` that lets it go after `release`.
    fn contended(name: &str, release: Option<Duration>) -> (PathBuf, Arc<Watched>, LockWait) {
        let dir = folder(name);
        let journal = dir.join("journal.jsonl");
        drop(Lock::exclusive(&journal, &LockWait::default()).unwrap());
        let holder = File::open(lock_path(&journal)).unwrap();
        holder.try_lock().unwrap();
        let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T09:30:00+01:00"));
        let watched = Arc::new(Watched {
            start: crate::clock::Clock::now(clock.as_ref()),
            clock,
            told: Arc::default(),
            pauses: Mutex::default(),
            release: Mutex::new(Some((release.unwrap_or(Duration::MAX), holder))),
        });
        let told = watched.told.clone();
        let seen = watched.clone();
        let wait = LockWait::up_to(Duration::from_secs(30))
            .pausing(watched.clone())
            .telling(move |w| {
                let at = Pause::now(seen.as_ref()) - seen.start;
                told.lock().unwrap().push((at, w.clone()));
            });
        (journal, watched, wait)
    }

    #[test]
    fn a_held_lock_is_told_within_a_second_and_given_up_at_the_limit() {
        let (journal, watched, wait) = contended("giveup", None);
        let err = Lock::exclusive(&journal, &wait).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        let out = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<LockedOut>())
            .expect("a typed LockedOut");
        assert_eq!(out.waited, Duration::from_secs(30));
        let waited = Pause::now(watched.as_ref()) - watched.start;
        assert_eq!(
            waited,
            Duration::from_secs(30),
            "gives up at the limit, not after"
        );

        let told = watched.told.lock().unwrap();
        assert_eq!(told.len(), 1, "told once: {told:?}");
        assert_eq!(told[0].0, TELL_AFTER, "told within a second");
        assert_eq!(told[0].1.limit, Duration::from_secs(30));
        // This process holds it, and a waiter never names itself.
        assert_eq!(told[0].1.holder, None);
        assert!(
            told[0]
                .1
                .to_string()
                .starts_with("waiting for another steady"),
            "{}",
            told[0].1
        );
        // Pauses grow to a tenth of a second and no further: no busy wait, no long sleep.
        let pauses = watched.pauses.lock().unwrap();
        assert_eq!(pauses[0], FIRST_PAUSE);
        assert!(pauses.iter().all(|p| *p <= LONGEST_PAUSE));
        assert!(pauses.len() < 330, "{} tries in 30 s", pauses.len());
        std::fs::remove_dir_all(journal.parent().unwrap()).unwrap();
    }

    #[test]
    fn the_lock_is_taken_once_it_is_let_go() {
        let (journal, watched, wait) = contended("release", Some(Duration::from_secs(2)));
        let held = Lock::shared(&journal, &wait).unwrap();
        assert!(held.is_some());
        let waited = Pause::now(watched.as_ref()) - watched.start;
        assert!(
            waited >= Duration::from_secs(2) && waited < Duration::from_millis(2100),
            "{waited:?}"
        );
        assert_eq!(watched.told.lock().unwrap().len(), 1);

        // A lock that is free is taken at once, without a word.
        drop(held);
        let told_before = watched.told.lock().unwrap().len();
        Lock::exclusive(&journal, &wait).unwrap();
        assert_eq!(watched.told.lock().unwrap().len(), told_before);
        std::fs::remove_dir_all(journal.parent().unwrap()).unwrap();
    }

    #[test]
    fn proc_locks_name_the_holder_of_that_file_only() {
        let locks = "\
1: FLOCK  ADVISORY  WRITE 23970 fe:00:10011153 0 EOF
1: -> FLOCK  ADVISORY  WRITE 555 fe:00:10011153 0 EOF
2: POSIX  ADVISORY  READ 4242 103:02:77 0 EOF
3: FLOCK  ADVISORY  READ 4343 103:02:77 0 EOF
";
        let dev = |major: u64, minor: u64| (major << 8) | minor;
        assert_eq!(split_dev(dev(0xfe, 0)), (0xfe, 0));
        assert_eq!(
            holders(locks, dev(0xfe, 0), 10_011_153).collect::<Vec<_>>(),
            [23970]
        );
        assert_eq!(
            holders(locks, dev(0x103, 2), 77).collect::<Vec<_>>(),
            [4242, 4343]
        );
        assert_eq!(holders(locks, dev(0xfe, 0), 77).count(), 0);
    }

    #[test]
    fn a_stopped_holder_is_named_with_what_frees_it() {
        assert!(is_stopped("4242 (steady) T 1 4242"));
        assert!(is_stopped("4242 (a) b) t 1"));
        assert!(!is_stopped("4242 (steady) S 1 4242"));
        let waiting = Waiting {
            holder: Some(Holder {
                pid: 4242,
                command: "steady".into(),
                stopped: true,
            }),
            limit: Duration::from_secs(30),
        };
        assert_eq!(
            waiting.to_string(),
            "waiting for another steady (PID 4242), which is using the journal (it is stopped, as Ctrl-Z stops it: `fg` in its terminal lets it finish); giving up after 30 s"
        );
        let out = LockedOut {
            holder: Some(Holder {
                pid: 77,
                command: "flock".into(),
                stopped: false,
            }),
            waited: Duration::from_secs(5),
        };
        assert_eq!(
            out.to_string(),
            "another program (PID 77, flock) was still using it after 5 s"
        );
    }

    #[test]
    fn a_real_holder_is_found_in_proc_locks() {
        let dir = folder("proc");
        let journal = dir.join("journal.jsonl");
        drop(Lock::exclusive(&journal, &LockWait::default()).unwrap());
        let mut child = std::process::Command::new("flock")
            .arg(lock_path(&journal))
            .args(["-c", "read line"])
            .stdin(std::process::Stdio::piped())
            .spawn();
        let Ok(child) = child.as_mut() else {
            // No flock(1) here: the parsing is tested above.
            return;
        };
        let file = File::open(lock_path(&journal)).unwrap();
        // Poll until flock has it (bounded), never a fixed sleep.
        let mut holder = None;
        for _ in 0..500 {
            holder = Holder::of(&file);
            if holder.is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(child.stdin.take());
        child.wait().unwrap();
        let holder = holder.expect("flock's lock is listed");
        assert_eq!(holder.pid, child.id());
        assert_eq!(holder.command, "flock");
        assert!(!holder.stopped);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
