//! The journal store: the only code that writes `journal.jsonl`.
//!
//! Every write takes the sidecar lock (`lock`), first sets aside a torn last line (`tail`),
//! and then either appends whole lines with one write and `sync_data` (cut back with
//! `set_len` if anything fails, so no partial line stays), or rewrites the file through
//! `fsutil::replace_file` (temp file, fsync, rename, fsync the folder). Rewrites re-read the
//! journal under the lock and copy every line they do not change by its byte range, so
//! unreadable lines, unknown fields and even lines too long to load survive exactly.
//!
//! A rewrite that changes one line (delete, edit, restore) does not parse the whole journal:
//! it finds line boundaries, fully parses only the lines that could hold the ids it looks for
//! (see `Wanted::may_be_in`), and copies the untouched stretches before and after the change
//! as two large ranges. On a 100,000-entry journal (30 MB) that scan takes a few
//! milliseconds where parsing every line took a quarter of a second; what is left is the
//! write and fsync of the new file, which no cleverness here removes.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memchr::memmem;

use super::entry::Entry;
use super::error::{Doing, StoreError};
use super::lock::{self, Lock};
use super::read::{self, Journal, Line, Lines, MAX_LINE};
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

/// A line taken out by `delete`, with what `restore` needs to put it back where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub id: String,
    /// The exact line, without its newline.
    pub line: String,
    /// Its 0-based position among the journal's lines.
    index: usize,
    /// The exact line just before it, if any and if it was loaded.
    before: Option<Vec<u8>>,
    /// The nearest readable entry before it, to find its place if lines moved since.
    prev_id: Option<String>,
}

/// What one import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub added: usize,
    /// Ids already in the journal, or given twice.
    pub duplicates: usize,
}

/// One stretch of the new journal a rewrite produces.
enum Piece<'a> {
    /// These bytes of the current file, copied exactly (whole lines with their newlines).
    Keep(Range<u64>),
    /// A new line (no newline inside); its newline is added.
    New(&'a str),
    /// These bytes of another file (whole lines with their newlines), copied exactly.
    Copy(&'a File, Range<u64>),
}

/// The journal's lines by byte range, as read under the lock, and where the entries with the
/// ids a rewrite asked for are.
#[derive(Debug, Default)]
struct Layout {
    /// Each line's start and length (without its newline).
    lines: Vec<(u64, u64)>,
    /// The file's length.
    len: u64,
    /// The last line has no newline. Only a writer that ignores the lock can leave one (the
    /// store sets a torn line aside first); a rewrite then ends it with a newline, as it ends
    /// every line.
    torn: bool,
    /// For each id asked for, the first line holding an entry with that id.
    found: Vec<Option<usize>>,
}

impl Layout {
    /// Reads `file` from its start, parsing only the lines that may hold one of `ids`.
    fn scan(file: &File, ids: &[&str]) -> io::Result<Layout> {
        let mut layout = Layout {
            found: vec![None; ids.len()],
            ..Layout::default()
        };
        let wanted: Vec<Wanted> = ids.iter().map(|id| Wanted::new(id)).collect();
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        reader.seek(SeekFrom::Start(0))?;
        let mut lines = Lines::new(reader);
        while let Some(line) = lines.next_raw()? {
            let index = layout.lines.len();
            layout.lines.push((line.offset, line.len));
            layout.len = line.offset + line.len + u64::from(line.terminated);
            layout.torn = !line.terminated;
            // A line too long to load is never an entry.
            let Some(bytes) = line.bytes else {
                continue;
            };
            let maybe = |k: usize| layout.found[k].is_none() && wanted[k].may_be_in(bytes);
            if !(0..ids.len()).any(maybe) {
                continue;
            }
            if let Some(id) = read::parse_line(bytes).entry_id() {
                for (k, found) in layout.found.iter_mut().enumerate() {
                    if found.is_none() && ids[k] == id {
                        *found = Some(index);
                    }
                }
            }
        }
        Ok(layout)
    }

    /// The layout of a journal read in full.
    fn of(journal: &Journal) -> Layout {
        let last = journal.lines.last();
        Layout {
            lines: journal.lines.iter().map(|l| (l.offset, l.len)).collect(),
            len: last.map_or(0, |l| l.offset + l.len + u64::from(l.terminated)),
            torn: journal.torn_tail().is_some(),
            found: Vec::new(),
        }
    }

    /// Line `i`'s exact bytes, read again from `file`; `None` when it is too long to load.
    fn bytes(&self, file: &File, i: usize) -> io::Result<Option<Vec<u8>>> {
        let (offset, len) = self.lines[i];
        if len > MAX_LINE as u64 {
            return Ok(None);
        }
        let mut buf = vec![0; len as usize];
        file.read_exact_at(&mut buf, offset)?;
        Ok(Some(buf))
    }

    /// The exact text of line `i`, which the scan found to be an entry.
    fn entry_line(&self, file: &File, i: usize) -> io::Result<String> {
        let bytes = self.bytes(file, i)?.ok_or_else(changed_underneath)?;
        String::from_utf8(bytes).map_err(|_| changed_underneath())
    }

    /// The id of the nearest entry before line `i`.
    fn entry_before(&self, file: &File, i: usize) -> io::Result<Option<String>> {
        for j in (0..i).rev() {
            if let Some(bytes) = self.bytes(file, j)?
                && let Some(id) = read::parse_line(&bytes).entry_id()
            {
                return Ok(Some(id.to_owned()));
            }
        }
        Ok(None)
    }

    /// Where line `i` starts (the end of the file past the last line).
    fn start(&self, i: usize) -> u64 {
        self.lines.get(i).map_or(self.len, |&(offset, _)| offset)
    }

    /// Where the line after line `i` starts.
    fn after(&self, i: usize) -> u64 {
        self.start(i + 1)
    }
}

/// An id a scan looks for, with its searcher built once for all the lines.
struct Wanted<'a> {
    literal: memmem::Finder<'a>,
    /// The id has characters JSON may also write as `\"`, `\\`, `\/` or a control escape.
    escapable: bool,
}

impl<'a> Wanted<'a> {
    fn new(id: &'a str) -> Self {
        Wanted {
            literal: memmem::Finder::new(id),
            escapable: id.contains(|c: char| matches!(c, '"' | '\\' | '/') || c.is_control()),
        }
    }

    /// Whether a line can hold the id as a JSON string. Literally is the usual way; besides
    /// that only through escapes: `\uXXXX` for any character, the short ones for a few. A
    /// line that passes is then parsed in full, so a false "maybe" (the id inside a note,
    /// say) costs one parse and nothing else.
    fn may_be_in(&self, line: &[u8]) -> bool {
        self.literal.find(line).is_some()
            || (memchr::memchr(b'\\', line).is_some()
                && (self.escapable || memmem::find(line, b"\\u").is_some()))
    }
}

/// The journal changed under the lock between two reads of it: only a program that ignores
/// the lock can do that.
fn changed_underneath() -> io::Error {
    io::Error::other("the journal was changed by another program while steady was rewriting it")
}

/// The journal at one path.
#[derive(Clone)]
pub struct Store {
    path: PathBuf,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// The journal at `path`; nothing is touched until the first read or write.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Uses `clock` for the time in names of set-aside files.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every line: entries and unreadable lines. A missing journal is empty. Waits for
    /// a writer in the middle of an append, so a finished append is never seen half written.
    pub fn load(&self) -> Result<Journal, StoreError> {
        let _lock = Lock::shared(&self.path).map_err(|e| self.lock_error(e))?;
        read::load(&self.path).map_err(|e| self.error(Doing::Read, e))
    }

    /// Reads line by line under the same lock as `load`, handing each line to `each` as it
    /// is read: a reader that keeps only part of each line (review keeps the entries) never
    /// holds the whole file's lines at once.
    pub fn read_each(&self, mut each: impl FnMut(Line)) -> Result<(), StoreError> {
        let _lock = Lock::shared(&self.path).map_err(|e| self.lock_error(e))?;
        for line in read::lines(&self.path).map_err(|e| self.error(Doing::Read, e))? {
            each(line.map_err(|e| self.error(Doing::Read, e))?);
        }
        Ok(())
    }

    /// Adds one entry at the end.
    pub fn append(&self, entry: &Entry) -> Result<AppendReport, StoreError> {
        self.append_line(&entry.to_line())
    }

    /// Adds one line exactly as given at the end; `append` is this with an entry's line.
    pub fn append_line(&self, line: &str) -> Result<AppendReport, StoreError> {
        self.check_line(line)?;
        self.locked(|existing| {
            let file =
                fsutil::open_private_append(&self.path).map_err(|e| self.error(Doing::Write, e))?;
            let before = file
                .metadata()
                .map_err(|e| self.error(Doing::Read, e))?
                .len();
            let mut buf = Vec::with_capacity(line.len() + 1);
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
            // One write of the whole line, then to disk; on any failure cut the file back so
            // no partial line remains and nothing unacknowledged stays behind.
            // A new journal's name must reach the disk too, not only its data.
            let written = (&file)
                .write_all(&buf)
                .and_then(|()| file.sync_data())
                .and_then(|()| match existing {
                    None => sync_folder(&self.path),
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

    /// Removes the entry `id`; `None` (and no write) when it is not there.
    pub fn delete(&self, id: &str) -> Result<Written<Option<Removed>>, StoreError> {
        self.locked_scan(&[id], |file, layout| {
            let (Some(file), Some(index)) = (file, layout.found[0]) else {
                return Ok(None);
            };
            let read = |e| self.error(Doing::Read, e);
            let line = layout.entry_line(file, index).map_err(read)?;
            let before = match index.checked_sub(1) {
                Some(i) => layout.bytes(file, i).map_err(read)?,
                None => None,
            };
            let prev_id = layout.entry_before(file, index).map_err(read)?;
            let pieces = [
                Piece::Keep(0..layout.start(index)),
                Piece::Keep(layout.after(index)..layout.len),
            ];
            self.rewrite(Some(file), layout, pieces)?;
            Ok(Some(Removed {
                id: id.to_owned(),
                line,
                index,
                before,
                prev_id,
            }))
        })
    }

    /// Puts a deleted line back, byte for byte: at its old place when the line before it is
    /// still there, else after the entry that preceded it, else at the end. Returns false
    /// (and writes nothing) when an entry with its id is already back.
    pub fn restore(&self, removed: &Removed) -> Result<Written<bool>, StoreError> {
        self.check_line(&removed.line)?;
        let mut ids = vec![removed.id.as_str()];
        ids.extend(removed.prev_id.as_deref());
        self.locked_scan(&ids, |file, layout| {
            if layout.found[0].is_some() {
                return Ok(false);
            }
            let count = layout.lines.len();
            let same_place = removed.index <= count
                && match (removed.index.checked_sub(1), file) {
                    (None, _) => removed.before.is_none(),
                    (Some(i), Some(file)) => {
                        let line = layout
                            .bytes(file, i)
                            .map_err(|e| self.error(Doing::Read, e))?;
                        line.is_some() && line == removed.before
                    }
                    // No journal, so no line before it.
                    (Some(_), None) => false,
                };
            let at = if same_place {
                removed.index
            } else {
                layout
                    .found
                    .get(1)
                    .copied()
                    .flatten()
                    .map_or(count, |i| i + 1)
            };
            let pieces = [
                Piece::Keep(0..layout.start(at)),
                Piece::New(&removed.line),
                Piece::Keep(layout.start(at)..layout.len),
            ];
            self.rewrite(file, layout, pieces)?;
            Ok(true)
        })
    }

    /// Replaces the entry with `entry`'s id by `entry`; returns the old line (for undo), or
    /// `None` (and writes nothing) when no such entry is there.
    pub fn replace(&self, entry: &Entry) -> Result<Written<Option<String>>, StoreError> {
        self.replace_line(&entry.id, &entry.to_line())
    }

    /// Replaces the entry `id` by `line` exactly as given (undo of an edit puts the old line
    /// back this way); returns the line it replaced. `line` must be an entry with that id.
    pub fn replace_line(
        &self,
        id: &str,
        line: &str,
    ) -> Result<Written<Option<String>>, StoreError> {
        self.check_line(line)?;
        let same_id = read::parse_line(line.as_bytes()).entry_id() == Some(id);
        if !same_id {
            return Err(self.invalid("a replacement must be a journal entry with the same id"));
        }
        self.locked_scan(&[id], |file, layout| {
            let (Some(file), Some(index)) = (file, layout.found[0]) else {
                return Ok(None);
            };
            let old = layout
                .entry_line(file, index)
                .map_err(|e| self.error(Doing::Read, e))?;
            let pieces = [
                Piece::Keep(0..layout.start(index)),
                Piece::New(line),
                Piece::Keep(layout.after(index)..layout.len),
            ];
            self.rewrite(Some(file), layout, pieces)?;
            Ok(Some(old))
        })
    }

    /// Adds the `(id, line)` pairs whose id the journal does not hold yet, in one rewrite,
    /// each line exactly as given; an id given twice counts once.
    pub fn import_lines(
        &self,
        lines: &[(String, String)],
    ) -> Result<Written<Imported>, StoreError> {
        for (_, line) in lines {
            self.check_line(line)?;
        }
        self.locked_read(|file, journal| {
            let mut seen: HashSet<&str> = journal.entries().map(|e| e.id.as_str()).collect();
            let mut counts = Imported::default();
            let mut new = Vec::new();
            for (id, line) in lines {
                if seen.insert(id) {
                    new.push(Piece::New(line));
                    counts.added += 1;
                } else {
                    counts.duplicates += 1;
                }
            }
            if !new.is_empty() {
                let layout = Layout::of(journal);
                let pieces = [Piece::Keep(0..layout.len)].into_iter().chain(new);
                self.rewrite(file, &layout, pieces)?;
            }
            Ok(counts)
        })
    }

    /// Adds the lines of `spool` whose id the journal does not hold yet, in one rewrite,
    /// each exactly as spooled. `lines` gives each spooled line's id and byte range (with
    /// its newline), in order; an id given twice counts once. Only ids are held in memory,
    /// the journal's and the spool's, never their lines: an import of any size streams.
    pub fn import_spooled(
        &self,
        spool: &File,
        lines: &[(String, Range<u64>)],
    ) -> Result<Written<Imported>, StoreError> {
        self.locked(|file| {
            let mut layout = Layout::default();
            let mut journal_ids: HashSet<String> = HashSet::new();
            if let Some(f) = file {
                let mut reader = BufReader::with_capacity(256 * 1024, f);
                reader
                    .seek(SeekFrom::Start(0))
                    .map_err(|e| self.error(Doing::Read, e))?;
                let mut journal = Lines::new(reader);
                while let Some(line) = journal.next_raw().map_err(|e| self.error(Doing::Read, e))? {
                    layout.len = line.offset + line.len + u64::from(line.terminated);
                    layout.torn = !line.terminated;
                    if let Some(id) = line
                        .bytes
                        .and_then(|b| read::parse_line(b).entry_id().map(str::to_owned))
                    {
                        journal_ids.insert(id);
                    }
                }
            }
            let mut counts = Imported::default();
            // Runs of new lines next to each other in the spool are copied as one range.
            let mut runs: Vec<Range<u64>> = Vec::new();
            // The spool's ids are borrowed, not copied: an import of a million entries holds
            // each id once.
            let mut new_ids: HashSet<&str> = HashSet::new();
            for (id, range) in lines {
                if journal_ids.contains(id) || !new_ids.insert(id) {
                    counts.duplicates += 1;
                    continue;
                }
                counts.added += 1;
                match runs.last_mut() {
                    Some(run) if run.end == range.start => run.end = range.end,
                    _ => runs.push(range.clone()),
                }
            }
            if counts.added > 0 {
                let copies = runs.into_iter().map(|r| Piece::Copy(spool, r));
                let pieces = [Piece::Keep(0..layout.len)].into_iter().chain(copies);
                self.rewrite(file, &layout, pieces)?;
            }
            Ok(counts)
        })
    }

    /// Runs `work` holding the exclusive lock, after setting aside any torn last line, with
    /// the journal open for reading and writing (`None` when there is no journal yet).
    fn locked<T>(
        &self,
        work: impl FnOnce(Option<&File>) -> Result<T, StoreError>,
    ) -> Result<Written<T>, StoreError> {
        let _lock = Lock::exclusive(&self.path).map_err(|e| self.lock_error(e))?;
        let file = match OpenOptions::new().read(true).write(true).open(&self.path) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(self.error(Doing::Write, e)),
        };
        let set_aside = match &file {
            Some(f) => tail::set_aside(f, &self.path, self.clock.wall())
                .map_err(|e| self.error(Doing::SetAside, e))?,
            None => None,
        };
        let value = work(file.as_ref())?;
        Ok(Written { value, set_aside })
    }

    /// `locked`, with the journal freshly read from that open file: what rewrites start from.
    fn locked_read<T>(
        &self,
        work: impl FnOnce(Option<&File>, &Journal) -> Result<T, StoreError>,
    ) -> Result<Written<T>, StoreError> {
        self.locked(|file| {
            let journal = match file {
                Some(f) => read::load_file(f).map_err(|e| self.error(Doing::Read, e))?,
                None => Journal::default(),
            };
            work(file, &journal)
        })
    }

    /// `locked`, with the journal's layout scanned from that open file for `ids`: what
    /// rewrites of one line start from.
    fn locked_scan<T>(
        &self,
        ids: &[&str],
        work: impl FnOnce(Option<&File>, &Layout) -> Result<T, StoreError>,
    ) -> Result<Written<T>, StoreError> {
        self.locked(|file| {
            let layout = match file {
                Some(f) => Layout::scan(f, ids).map_err(|e| self.error(Doing::Read, e))?,
                None => Layout {
                    found: vec![None; ids.len()],
                    ..Layout::default()
                },
            };
            work(file, &layout)
        })
    }

    /// Writes a new journal made of `pieces` and renames it into place.
    fn rewrite<'a>(
        &self,
        file: Option<&File>,
        layout: &Layout,
        pieces: impl IntoIterator<Item = Piece<'a>>,
    ) -> Result<(), StoreError> {
        fsutil::replace_file(&self.path, |out| {
            for piece in pieces {
                match piece {
                    Piece::Keep(range) if range.is_empty() => {}
                    Piece::Keep(range) => {
                        let mut file =
                            file.ok_or_else(|| io::Error::other("no journal to copy"))?;
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
        })
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

    fn lock_error(&self, source: io::Error) -> StoreError {
        // The lock file is the first thing a writer creates, so a folder that is not there
        // after the attempt is the real trouble (a path through a file, a place steady may
        // not create folders in).
        match self.path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
                StoreError::new(folder, Doing::MakeFolder, source)
            }
            _ => StoreError::new(&lock::lock_path(&self.path), Doing::Lock, source),
        }
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
        assert!(second.to_string().contains("steady import"));
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

        let old = store.replace(&entry("B", 5)).unwrap().value;
        assert_eq!(old.as_deref(), Some(line("B", 2).as_str()));
        let edited = text.replace(&line("B", 2), &line("B", 5));
        assert_eq!(bytes(&store), edited.as_bytes());
        assert_eq!(
            std::fs::metadata(store.path())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );

        // Undo of the edit puts the exact old line back.
        store.replace_line("B", &line("B", 2)).unwrap();
        assert_eq!(bytes(&store), text.as_bytes());

        // Nothing is written for an id that is not there, or a line for another entry.
        assert!(store.replace_line("B", &line("C", 1)).is_err());
        assert_eq!(store.delete("missing").unwrap().value, None);
        assert_eq!(store.replace(&entry("missing", 1)).unwrap().value, None);
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

        let removed = store.delete("B").unwrap().value.unwrap();
        assert_eq!(removed.line, line("B", 2));
        assert_eq!(
            bytes(&store),
            format!("{}\ngarbage\n{}\n", line("A", 1), line("C", 3)).into_bytes()
        );
        assert!(store.restore(&removed).unwrap().value);
        assert_eq!(bytes(&store), text.as_bytes());
        assert!(
            !store.restore(&removed).unwrap().value,
            "restoring twice adds nothing"
        );
        assert_eq!(bytes(&store), text.as_bytes());

        // When the line before it has gone, it goes back after the entry that preceded it.
        let removed = store.delete("B").unwrap().value.unwrap();
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
        let removed = store.delete("A").unwrap().value.unwrap();
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
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), &text).unwrap();
        assert_eq!(
            read::parse_line(spaced.as_bytes()).entry_id(),
            Some(target),
            "the spaced line is an entry"
        );

        let removed = store.delete(target).unwrap().value.unwrap();
        assert_eq!(removed.line, spaced);
        assert_eq!(
            bytes(&store),
            text.replace(&format!("{spaced}\n"), "").into_bytes()
        );
        store.restore(&removed).unwrap();
        assert_eq!(bytes(&store), text.as_bytes());

        let old = store.replace_line("E", &line("E", 6)).unwrap().value;
        assert_eq!(old.as_deref(), Some(escaped.as_str()));
        assert_eq!(
            bytes(&store),
            text.replace(&escaped, &line("E", 6)).into_bytes()
        );
        let removed = store.delete("E").unwrap().value.unwrap();
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
        let file = File::open(store.path()).unwrap();
        let layout = Layout::scan(&file, &[]).unwrap();
        assert!(layout.torn);
        let pieces = [Piece::Keep(0..layout.len), Piece::New("z")];
        store.rewrite(Some(&file), &layout, pieces).unwrap();
        assert_eq!(bytes(&store), b"x\ny\nz\n");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn import_adds_only_new_ids_and_keeps_lines_as_given() {
        let (dir, store) = store("import");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), format!("{}\n???\n", line("A", 1))).unwrap();
        let given = |id: &str| (id.to_owned(), line(id, 7));
        let lines = [given("A"), given("B"), given("B"), given("C")];
        let counts = store.import_lines(&lines).unwrap().value;
        assert_eq!(
            counts,
            Imported {
                added: 2,
                duplicates: 2
            }
        );
        let expected = format!(
            "{}\n???\n{}\n{}\n",
            line("A", 1),
            line("B", 7),
            line("C", 7)
        );
        assert_eq!(bytes(&store), expected.as_bytes());
        let again = store.import_lines(&lines).unwrap().value;
        assert_eq!(
            again,
            Imported {
                added: 0,
                duplicates: 4
            }
        );
        assert_eq!(bytes(&store), expected.as_bytes());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn lines_with_newlines_are_refused_without_writing() {
        let (dir, store) = store("newline");
        let err = store.append_line("{\"a\":1}\n{\"b\":2}").unwrap_err();
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
            at in 0usize..7,
        ) {
            let (dir, store) = store("prop");
            let mut lines = others;
            let at = at.min(lines.len());
            lines.insert(at, line("TARGET", 3).into_bytes());
            std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
            std::fs::write(store.path(), joined(&lines)).unwrap();

            let removed = store.delete("TARGET").unwrap().value.unwrap();
            let target = lines.remove(at);
            prop_assert_eq!(bytes(&store), joined(&lines));
            store.restore(&removed).unwrap();
            lines.insert(at, target);
            prop_assert_eq!(bytes(&store), joined(&lines));
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
