//! The journal store: the only code that writes `journal.jsonl`.
//!
//! Every operation first finds the file the journal path names (a symlink is followed, so
//! the lock and every rewrite act on the file it points to and the link stays a link) and
//! refuses a path that is not a regular file before anything waits or is created. Every
//! write takes the sidecar lock (`lock`), removes temp files that killed rewrites left,
//! sets aside a torn last line (`tail`), and then either appends whole lines with one write
//! and `sync_data` (cut back with `set_len` if anything fails, so no partial line stays), or
//! rewrites the file through `fsutil::rewrite_file` (temp file with the old file's owner and
//! mode, fsync, rename, fsync the folder). Rewrites re-read the journal under the lock and
//! copy every line they do not change by its byte range (`layout`), so unreadable lines,
//! unknown fields and even lines too long to load survive exactly. Edits, deletes and
//! restores of one line are in `lines`.

mod layout;
mod lines;
pub(in crate::journal) mod spooled;

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use self::layout::{Layout, Piece, changed_underneath};
pub use self::lines::{Deleted, Edited};
pub use self::spooled::Imported;
pub use self::spooled::Upgrade;
use super::entry::Entry;
use super::error::{Doing, StoreError};
use super::lock::{self, Lock, LockWait, LockedOut};
use super::read::{self, Journal};
use super::tail::{self, SetAside};
use crate::clock::{Clock, SystemClock};
use crate::fsutil;

/// The result of a write, and any torn last line it had to set aside first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<T> {
    pub value: T,
    /// Say this to the person (it is a notice, not an error).
    pub set_aside: Option<SetAside>,
}

/// What `append` reports.
pub type AppendReport = Written<()>;

/// The journal as a writer holds it: the file the path names, open for reading and writing
/// (`None` when there is no journal yet), under the exclusive lock.
struct Held {
    path: PathBuf,
    file: Option<File>,
}

/// The journal at one path.
#[derive(Clone)]
pub struct Store {
    path: PathBuf,
    clock: Arc<dyn Clock>,
    /// How long to wait for another steady's lock, and whom to tell meanwhile.
    wait: LockWait,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The journal at `path`; nothing is touched until the first read or write.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            clock: Arc::new(SystemClock),
            wait: LockWait::default(),
        }
    }

    /// Waits for another steady's lock as `wait` says (by default 30 s, telling no one).
    #[must_use]
    pub fn with_lock_wait(mut self, wait: LockWait) -> Self {
        self.wait = wait;
        self
    }

    /// Uses `clock` for the time in names of set-aside files.
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file the journal path names, symlinks followed; refused (with a sentence) when it
    /// is there but is not a regular file, before anything opens, waits on or creates it.
    fn target(&self) -> Result<PathBuf, StoreError> {
        let target = fsutil::follow_links(&self.path).map_err(|e| self.error(Doing::Read, e))?;
        fsutil::regular_or_missing(&target).map_err(|e| self.error(Doing::Read, e))?;
        Ok(target)
    }

    /// Reads every line: entries and unreadable lines. A missing journal is empty. Waits for
    /// a writer in the middle of an append, so a finished append is never seen half written.
    pub fn load(&self) -> Result<Journal, StoreError> {
        let target = self.target()?;
        let _lock =
            Lock::shared(&target, &self.wait).map_err(|e| lock_error(&target, Doing::Read, e))?;
        read::load(&target).map_err(|e| self.error(Doing::Read, e))
    }

    /// The file the journal path names, opened for reading under the shared lock (so no
    /// append is half written in it), and its length then; None when there is no journal yet.
    pub(in crate::journal) fn open_to_read(&self) -> Result<(Option<File>, u64), StoreError> {
        self.open_target_to_read().map(|(_, file, len)| (file, len))
    }

    /// `open_to_read`, with the file the journal path names (symlinks followed).
    pub(in crate::journal) fn open_target_to_read(
        &self,
    ) -> Result<(PathBuf, Option<File>, u64), StoreError> {
        let target = self.target()?;
        let _lock =
            Lock::shared(&target, &self.wait).map_err(|e| lock_error(&target, Doing::Read, e))?;
        match File::open(&target) {
            Ok(file) => {
                let len = file.metadata().map_err(|e| self.read_error(e))?.len();
                Ok((target, Some(file), len))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((target, None, 0)),
            Err(e) => Err(self.read_error(e)),
        }
    }

    /// The sentence for a journal that could not be read.
    pub(in crate::journal) fn read_error(&self, e: io::Error) -> StoreError {
        self.error(Doing::Read, e)
    }

    /// Adds one entry at the end.
    pub fn append(&self, entry: &Entry) -> Result<AppendReport, StoreError> {
        self.append_lines(&[entry.to_line()])
    }

    /// Adds lines exactly as given at the end, in one write: all of them or none.
    pub fn append_lines(&self, lines: &[String]) -> Result<AppendReport, StoreError> {
        for line in lines {
            self.check_line(line)?;
        }
        self.locked(|held| {
            let file =
                fsutil::open_private_append(&held.path).map_err(|e| self.error(Doing::Write, e))?;
            let before = file
                .metadata()
                .map_err(|e| self.error(Doing::Read, e))?
                .len();
            let mut buf = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
            for line in lines {
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
            }
            // One write of the whole line, then to disk; on any failure cut the file back so
            // no partial line remains and nothing unacknowledged stays behind.
            // A new journal's name must reach the disk too, not only its data.
            let written = (&file)
                .write_all(&buf)
                .and_then(|()| file.sync_data())
                .and_then(|()| match held.file {
                    None => sync_folder(&held.path),
                    Some(_) => Ok(()),
                });
            if let Err(e) = written {
                let _ = file.set_len(before);
                let _ = file.sync_data();
                return Err(self.error(Doing::Write, e));
            }
            Ok(())
        })
    }

    /// Runs `work` holding the exclusive lock, after removing temp files killed rewrites
    /// left and setting aside any torn last line. When `work` fails after a line was set
    /// aside, the error says so: the journal is then not quite as it was.
    fn locked<T>(
        &self,
        work: impl FnOnce(&Held) -> Result<T, StoreError>,
    ) -> Result<Written<T>, StoreError> {
        let path = self.target()?;
        let _lock =
            Lock::exclusive(&path, &self.wait).map_err(|e| lock_error(&path, Doing::Lock, e))?;
        fsutil::remove_stale_temps(&path);
        let file = match OpenOptions::new().read(true).write(true).open(&path) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(self.error(Doing::Write, e)),
        };
        let set_aside = match &file {
            Some(f) => tail::set_aside(f, &path, self.clock.wall())
                .map_err(|e| self.error(Doing::SetAside, e))?,
            None => None,
        };
        match work(&Held { path, file }) {
            Ok(value) => Ok(Written { value, set_aside }),
            Err(e) => Err(e.after_setting_aside(set_aside)),
        }
    }

    /// `locked`, with the journal's layout scanned from that open file for `ids`: what
    /// rewrites of one line start from.
    fn locked_scan<T>(
        &self,
        ids: &[&str],
        work: impl FnOnce(&Held, &Layout) -> Result<T, StoreError>,
    ) -> Result<Written<T>, StoreError> {
        self.locked(|held| {
            let layout = match &held.file {
                Some(f) => Layout::scan(f, ids).map_err(|e| self.error(Doing::Read, e))?,
                None => Layout {
                    found: vec![None; ids.len()],
                    ..Layout::default()
                },
            };
            work(held, &layout)
        })
    }

    /// Writes a new journal made of `pieces` and renames it into place, with the owner and
    /// mode the journal had.
    fn rewrite<'a>(
        &self,
        held: &Held,
        layout: &Layout,
        pieces: impl IntoIterator<Item = Piece<'a>>,
    ) -> Result<(), StoreError> {
        let write = |out: &mut io::BufWriter<&File>| {
            for piece in pieces {
                match piece {
                    Piece::Keep(range) if range.is_empty() => {}
                    Piece::Keep(range) => {
                        let mut file = held
                            .file
                            .as_ref()
                            .ok_or_else(|| io::Error::other("no journal to copy"))?;
                        file.seek(SeekFrom::Start(range.start))?;
                        let want = range.end - range.start;
                        // In large blocks (in the kernel where it can): untouched lines are
                        // never looked at one by one.
                        if io::copy(&mut file.take(want), out)? != want {
                            return Err(changed_underneath());
                        }
                        if range.end == layout.len && layout.torn {
                            out.write_all(b"\n")?;
                        }
                    }
                    Piece::New(text) => {
                        out.write_all(text.as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                    Piece::Copy(mut from, range) => {
                        from.seek(SeekFrom::Start(range.start))?;
                        let want = range.end - range.start;
                        if io::copy(&mut from.take(want), out)? != want {
                            return Err(changed_underneath());
                        }
                    }
                }
            }
            Ok(())
        };
        match &held.file {
            Some(file) => {
                let old = file.metadata().map_err(|e| self.error(Doing::Read, e))?;
                fsutil::rewrite_file(&held.path, &old, write)
            }
            None => fsutil::replace_file(&held.path, write),
        }
        .map_err(|e| self.error(Doing::Write, e))
    }

    /// A journal line is one line: a newline inside would split it in two.
    fn check_line(&self, line: &str) -> Result<(), StoreError> {
        if line.contains('\n') || line.is_empty() {
            return Err(self.invalid("a journal line must be one non-empty line"));
        }
        Ok(())
    }

    /// A write refused before it began, because of what it was asked to write.
    fn invalid(&self, why: &str) -> StoreError {
        let why = io::Error::new(io::ErrorKind::InvalidInput, why);
        self.error(Doing::Write, why)
    }

    fn error(&self, doing: Doing, source: io::Error) -> StoreError {
        StoreError::new(&self.path, doing, source)
    }
}

/// Why taking the lock for `target` failed, while `doing` (reading, or locking to write).
fn lock_error(target: &Path, doing: Doing, source: io::Error) -> StoreError {
    // Held elsewhere for too long: the journal is what the person knows.
    let held = source
        .get_ref()
        .and_then(<dyn std::error::Error + Send + Sync>::downcast_ref::<LockedOut>);
    if held.is_some() {
        return StoreError::new(target, doing, source);
    }
    // The lock file is the first thing a writer creates, so a folder that is not there
    // after the attempt is the real trouble (a path through a file, a place steady may
    // not create folders in).
    match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
            StoreError::new(folder, Doing::MakeFolder, source)
        }
        _ => StoreError::new(&lock::lock_path(target), Doing::Lock, source),
    }
}

/// Makes a new name in the journal's folder durable.
pub(super) fn sync_folder(journal: &Path) -> io::Result<()> {
    match journal.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use proptest::prelude::*;

    use super::*;
    use crate::clock::TestClock;
    use crate::journal::read::MAX_LINE;
    use crate::journal::vault::EntryRef;

    fn line(id: &str, level: i64) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:02.123+01:00","completed":true,"via":"cli","responses":{{"level":{level}}},"later_field":{{"kept":true}}}}"#
        )
    }

    fn entry(id: &str, level: i64) -> Entry {
        serde_json::from_str(&line(id, level)).unwrap()
    }

    /// A fresh folder and a store for `journal.jsonl` in it, with a test clock.
    fn store(name: &str) -> (PathBuf, Store) {
        let dir = std::env::temp_dir().join(format!("steady-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T09:30:00+01:00"));
        let store = Store::new(dir.join("sub/journal.jsonl")).with_clock(clock);
        (dir, store)
    }

    fn bytes(store: &Store) -> Vec<u8> {
        std::fs::read(store.path()).unwrap()
    }

    /// The line of the first entry `id`, as review would name it.
    fn at(store: &Store, id: &str) -> EntryRef {
        let journal = store.load().unwrap();
        let line = &journal.lines[journal.position(id).unwrap()];
        EntryRef::new(line.offset, line.raw().unwrap())
    }

    #[test]
    fn append_creates_private_files_and_writes_whole_lines() {
        let (dir, store) = store("append");
        store.append(&entry("A", 1)).unwrap();
        let report = store.append(&entry("B", 2)).unwrap();
        assert_eq!(report.set_aside, None);
        assert_eq!(
            bytes(&store),
            format!("{}\n{}\n", line("A", 1), line("B", 2)).into_bytes()
        );
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.path()), 0o600);
        assert_eq!(mode(&lock::lock_path(store.path())), 0o600);
        assert_eq!(mode(store.path().parent().unwrap()), 0o700);
        let journal = store.load().unwrap();
        assert_eq!(
            journal.entries().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_torn_tail_is_set_aside_before_the_next_append() {
        let (dir, store) = store("torn");
        store.append(&entry("A", 1)).unwrap();
        let fragment = &line("B", 2)[..40];
        let mut file = OpenOptions::new().append(true).open(store.path()).unwrap();
        file.write_all(fragment.as_bytes()).unwrap();
        drop(file);

        let report = store.append(&entry("C", 3)).unwrap();
        let set_aside = report.set_aside.expect("the fragment is set aside");
        assert_eq!(std::fs::read(&set_aside.path).unwrap(), fragment.as_bytes());
        assert_eq!(
            set_aside.path.file_name().unwrap(),
            "journal.jsonl.torn-20261122T083000Z"
        );
        assert_eq!(
            std::fs::metadata(&set_aside.path)
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
        assert!(!set_aside.whole_entry);
        assert!(set_aside.to_string().contains("40 bytes"), "{set_aside}");
        assert_eq!(
            bytes(&store),
            format!("{}\n{}\n", line("A", 1), line("C", 3)).into_bytes()
        );

        // A whole entry missing only its newline is set aside too, and said to be whole;
        // a second fragment in the same second gets its own file.
        let mut file = OpenOptions::new().append(true).open(store.path()).unwrap();
        file.write_all(line("D", 4).as_bytes()).unwrap();
        drop(file);
        let second = store.append(&entry("E", 5)).unwrap().set_aside.unwrap();
        assert!(second.whole_entry);
        assert!(second.path.to_string_lossy().ends_with("T083000Z-2"));
        assert!(second.to_string().contains(" import "));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn rewrites_keep_every_other_line_byte_for_byte() {
        let (dir, store) = store("rewrite");
        let long = format!("{{\"v\":1,\"pad\":\"{}\"}}", "x".repeat(MAX_LINE));
        let text = format!(
            "{}\nnot json \u{0}\n{}\n<<<<<<< HEAD\n{long}\n{}\r\n{{\"v\":9,\"id\":\"N\"}}\n",
            line("A", 1),
            line("B", 2),
            line("C", 3)
        );
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), &text).unwrap();
        // A mode someone chose on purpose is kept.
        std::fs::set_permissions(store.path(), std::fs::Permissions::from_mode(0o640)).unwrap();

        let b = at(&store, "B");
        let edited = store.edit(&b, &entry("B", 5)).unwrap().value.unwrap();
        assert_eq!(edited.old, line("B", 2));
        let edited_text = text.replace(&line("B", 2), &line("B", 5));
        assert_eq!(bytes(&store), edited_text.as_bytes());
        assert_eq!(
            std::fs::metadata(store.path())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o640
        );

        // Undo of the edit puts the exact old line back.
        store.replace_at(&edited.at, &edited.old).unwrap();
        assert_eq!(bytes(&store), text.as_bytes());

        // Nothing is written for a line that has changed or moved, or that is not an entry.
        assert!(store.replace_at(&b, "not json").is_err());
        assert_eq!(store.delete(&edited.at).unwrap().value, None);
        let moved = EntryRef::new(b.offset() + 1, line("B", 2).as_bytes());
        assert_eq!(store.delete(&moved).unwrap().value, None);
        assert_eq!(store.edit(&edited.at, &entry("B", 1)).unwrap().value, None);
        assert_eq!(bytes(&store), text.as_bytes());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn delete_then_restore_puts_the_exact_line_back_in_place() {
        let (dir, store) = store("undo");
        let text = format!(
            "{}\ngarbage\n{}\n{}\n",
            line("A", 1),
            line("B", 2),
            line("C", 3)
        );
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), &text).unwrap();

        let removed = store.delete(&at(&store, "B")).unwrap().value.unwrap();
        assert_eq!(removed.line, line("B", 2));
        assert_eq!(
            bytes(&store),
            format!("{}\ngarbage\n{}\n", line("A", 1), line("C", 3)).into_bytes()
        );
        assert_eq!(store.restore(&removed).unwrap().value, removed.at);
        assert_eq!(bytes(&store), text.as_bytes());

        // One of two identical lines deleted comes back though its copy is still there.
        let twice = format!("{}\n{}\n", line("A", 1), line("A", 1));
        std::fs::write(store.path(), &twice).unwrap();
        let removed = store
            .delete(&EntryRef::new(
                line("A", 1).len() as u64 + 1,
                line("A", 1).as_bytes(),
            ))
            .unwrap()
            .value
            .unwrap();
        store.restore(&removed).unwrap();
        assert_eq!(bytes(&store), twice.as_bytes());
        std::fs::write(store.path(), &text).unwrap();

        // When the line before it has gone, it goes back after the entry that preceded it.
        let removed = store.delete(&at(&store, "B")).unwrap().value.unwrap();
        std::fs::write(
            store.path(),
            format!("{}\n{}\n", line("A", 1), line("C", 3)),
        )
        .unwrap();
        store.restore(&removed).unwrap();
        assert_eq!(
            bytes(&store),
            format!("{}\n{}\n{}\n", line("A", 1), line("B", 2), line("C", 3)).into_bytes()
        );

        // The first line goes back first.
        let removed = store.delete(&at(&store, "A")).unwrap().value.unwrap();
        store.restore(&removed).unwrap();
        assert!(bytes(&store).starts_with(line("A", 1).as_bytes()));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_right_line_goes_whatever_its_spacing_key_order_or_escapes() {
        let (dir, store) = store("find");
        let target = "01JD3Q8Z4W8M1R2T5Y7B9C0XKA";
        // Before the target: a note quoting its id field, an unknown field holding exactly
        // its `"id":"…"`, and a newer-format line with its id (not an entry this build reads).
        let quoting = line("A", 1).replace(
            r#""level":1"#,
            &format!(r#""level":1,"note":"see \"id\":\"{target}\"""#),
        );
        let holding = line("B", 2).replace(
            r#"{"kept":true}"#,
            &format!(r#"{{"kept":true,"id":"{target}"}}"#),
        );
        let newer = format!(r#"{{"v":2,"id":"{target}"}}"#);
        let spaced = format!(
            r#"{{ "responses" : {{ "level" : 3 }} ,  "via":"tui", "completed" : true, "ended_at":"2026-11-22T08:01:40.004+01:00","started_at" : "2026-11-22T08:01:02.123+01:00", "title":"Feeling check-in","practice":"feeling-check-in", "id" : "{target}" , "v" : 1 }}"#
        );
        // An entry whose id is written with escapes only.
        let escaped = line("E", 5).replace(r#""id":"E""#, r#""id":"\u0045""#);
        let lines = [&quoting, &holding, &newer, &spaced, &escaped];
        let text = lines.iter().fold(String::new(), |mut text, l| {
            text.push_str(l);
            text.push('\n');
            text
        });
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), &text).unwrap();
        assert_eq!(
            read::parse_line(spaced.as_bytes()).entry_id(),
            Some(target),
            "the spaced line is an entry"
        );

        let removed = store.delete(&at(&store, target)).unwrap().value.unwrap();
        assert_eq!(removed.line, spaced);
        assert_eq!(
            bytes(&store),
            text.replace(&format!("{spaced}\n"), "").into_bytes()
        );
        store.restore(&removed).unwrap();
        assert_eq!(bytes(&store), text.as_bytes());

        let edited = store.edit(&at(&store, "E"), &entry("E", 6)).unwrap().value;
        assert_eq!(edited.unwrap().old, escaped);
        assert_eq!(
            bytes(&store),
            text.replace(r#""level":5"#, r#""level":6"#).into_bytes()
        );
        let removed = store.delete(&at(&store, "E")).unwrap().value.unwrap();
        assert_eq!(removed.prev_id.as_deref(), Some(target));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_rewrite_ends_a_last_line_left_without_its_newline() {
        // Only a writer that ignores the lock can leave one once the store has set torn
        // lines aside; a rewrite then keeps it as a line of its own, as it keeps every line.
        let (dir, store) = store("unended");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), "x\ny").unwrap();
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(store.path())
            .unwrap();
        let layout = Layout::scan(&file, &[]).unwrap();
        assert!(layout.torn);
        let pieces = [Piece::Keep(0..layout.len), Piece::New("z")];
        let held = Held {
            path: store.path().to_owned(),
            file: Some(file),
        };
        store.rewrite(&held, &layout, pieces).unwrap();
        assert_eq!(bytes(&store), b"x\ny\nz\n");
        std::fs::remove_dir_all(dir).unwrap();
    }
    #[test]
    fn lines_with_newlines_are_refused_without_writing() {
        let (dir, store) = store("newline");
        let err = store
            .append_lines(&["{\"a\":1}\n{\"b\":2}".to_owned()])
            .unwrap_err();
        assert!(err.to_string().contains("journal.jsonl"), "{err}");
        assert!(!store.path().exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    /// Lines joined as a journal holds them, each ended by a newline.
    fn joined(lines: &[Vec<u8>]) -> Vec<u8> {
        lines
            .iter()
            .flat_map(|l| l.iter().copied().chain([b'\n']))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Whatever the other lines hold, deleting one entry and restoring it gives back the
        /// very same bytes.
        #[test]
        fn delete_and_restore_keep_arbitrary_lines_exact(
            others in proptest::collection::vec(
                proptest::collection::vec(any::<u8>().prop_filter("a line", |b| *b != b'\n'), 0..40),
                0..6,
            ),
            place in 0usize..7,
        ) {
            let (dir, store) = store("prop");
            let mut lines = others;
            let place = place.min(lines.len());
            lines.insert(place, line("TARGET", 3).into_bytes());
            std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
            std::fs::write(store.path(), joined(&lines)).unwrap();

            let removed = store.delete(&at(&store, "TARGET")).unwrap().value.unwrap();
            let target = lines.remove(place);
            prop_assert_eq!(bytes(&store), joined(&lines));
            store.restore(&removed).unwrap();
            lines.insert(place, target);
            prop_assert_eq!(bytes(&store), joined(&lines));
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
