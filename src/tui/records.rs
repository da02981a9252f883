//! `Records`: the TUI's one port to the journal, and the only way it reaches the file.
//! Saving a practice, reading what home needs, and review's reading, deleting, editing and
//! undoing all go through it. The real journal is [`FileRecords`], over `journal::Store`'s
//! locked appends and atomic rewrites; [`MemoryRecords`] holds lines in memory for tests and
//! benches. Entries are named by their line (`LineRef`: position and bytes), so two entries
//! with the same id are never confused, and a line changed elsewhere is left alone. Review's
//! changes are asked for as a [`Rewrite`] (a value that can go to the app's worker thread and
//! be carried out there) and come back as a [`Rewrote`]. Errors are typed ([`RecordsError`])
//! and each says one sentence.

use std::path::{Path, PathBuf};

use super::lately::Past;
use super::screens::review::data::Loaded;

use crate::journal::entry::Entry;
use crate::journal::lock::LockWait;
use crate::journal::read::{Content, Line};
use crate::journal::splice;
use crate::journal::{Edited, LineRef, Removed, Store, StoreError, Written};

/// Why the journal could not be read or changed.
#[derive(Debug)]
pub enum RecordsError {
    /// The store could not read or write the file (its sentence names the file).
    Store(StoreError),
    /// The chosen line changed elsewhere since it was read; nothing was written.
    Changed,
    /// There is nothing kept to bring back (the undo was already done).
    NothingKept,
}

impl std::fmt::Display for RecordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordsError::Store(e) => e.fmt(f),
            RecordsError::Changed => f.write_str(
                "That entry was changed elsewhere since review read it, so nothing was written; reopen review to see it as it is now.",
            ),
            RecordsError::NothingKept => {
                f.write_str("There is nothing kept to bring back for that entry.")
            }
        }
    }
}

impl std::error::Error for RecordsError {}

impl From<StoreError> for RecordsError {
    fn from(e: StoreError) -> Self {
        RecordsError::Store(e)
    }
}

/// The journal as the TUI sees it.
pub trait Records {
    /// Where the journal lives, shown after saving.
    fn path(&self) -> &Path;
    /// Appends one entry. Ok may carry a notice worth telling (a torn last line was set
    /// aside first).
    fn append(&mut self, entry: &Entry) -> Result<Option<String>, RecordsError>;
    /// Reads the journal, handing `each` every readable entry, its stored line (handed over,
    /// not copied) and where that line is, in file order as it is read (so review can index it while it is fresh);
    /// returns how many lines could not be read (they stay in the file untouched).
    fn load(&mut self, each: &mut dyn FnMut(Entry, String, LineRef))
    -> Result<usize, RecordsError>;
    /// `load`, with review's `map` run on each entry first (in [`FileRecords`] on the
    /// threads that parse the lines, one per core, so the entry is let go there) and `each`
    /// given what it made, in file order.
    fn load_mapped(
        &mut self,
        map: &(dyn Fn(&Entry, String, LineRef) -> Loaded + Sync),
        each: &mut dyn FnMut(Loaded),
    ) -> Result<usize, RecordsError> {
        self.load(&mut |entry, line, at| each(map(&entry, line, at)))
    }
    /// Every readable entry with its exact line, in file order, as the journal is now
    /// (exports copy these lines, so they match `steady export` byte for byte).
    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), RecordsError>;
    /// The journal file, when there is one (exports must never write over it).
    fn journal_path(&self) -> Option<PathBuf> {
        None
    }
    /// Removes the line `at`.
    fn delete(&mut self, at: &LineRef) -> Result<(), RecordsError>;
    /// Puts the line `delete` removed from `at` back, byte for byte, at its place; returns
    /// where it now is.
    fn restore_deleted(&mut self, at: &LineRef) -> Result<LineRef, RecordsError>;
    /// Changes the entry on line `at` to `entry` (only the values that differ are written);
    /// returns the exact line it replaced and where the new one is.
    fn replace(&mut self, at: &LineRef, entry: &Entry) -> Result<Edited, RecordsError>;
    /// Puts `line` (the line before an edit) back over line `at`; returns where it is.
    fn restore_edited(&mut self, at: &LineRef, line: &str) -> Result<LineRef, RecordsError>;
    /// Something the last write wants said once (a cut-off line it set aside).
    fn take_notice(&mut self) -> Option<String> {
        None
    }
    /// A second port to the same journal that can save and rewrite on another thread, so
    /// the screen stays live while a write waits for another steady's lock (as `wait`
    /// says); None (a journal in memory) writes in place.
    fn for_worker(&self, _wait: LockWait) -> Option<Box<dyn Records + Send>> {
        None
    }
    /// What home needs of the journal, in one pass: when each practice began and the guide
    /// events; a journal that cannot be read only costs home that line and the guide's place.
    fn past(&mut self) -> Past {
        let mut past = Past::default();
        // Unreadable lines are `steady doctor`'s business.
        let _ = self.load(&mut |entry, _, _| past.add(&entry));
        past
    }
}

/// A change to one line of the journal that review asks for, named by the line as review
/// read it, so it can be carried out later, on another thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Rewrite {
    /// Remove the line.
    Delete(LineRef),
    /// Change the entry on the line to this one (only the values that differ are written).
    Replace(LineRef, Box<Entry>),
    /// Put back the line a `Delete` removed from there.
    RestoreDeleted(LineRef),
    /// Put this line (the one before an edit) back over the line.
    RestoreEdited(LineRef, String),
}

/// What a rewrite did, when it did it.
#[derive(Debug, Clone, PartialEq)]
pub enum Rewritten {
    Deleted,
    /// The exact line replaced and where the new one is.
    Edited(Edited),
    /// Where the line brought back now is.
    Restored(LineRef),
}

/// A rewrite carried out, or why it was not, with what the write wants said once.
#[derive(Debug)]
pub struct Rewrote {
    pub asked: Rewrite,
    pub result: Result<Rewritten, RecordsError>,
    /// A cut-off last line the write set aside first.
    pub notice: Option<String>,
}

impl Rewrite {
    /// Carries the rewrite out through `records` (wherever they live: the screen's thread or
    /// the worker's).
    pub fn carry_out(self, records: &mut dyn Records) -> Rewrote {
        let result = match &self {
            Rewrite::Delete(at) => records.delete(at).map(|()| Rewritten::Deleted),
            Rewrite::Replace(at, entry) => records.replace(at, entry).map(Rewritten::Edited),
            Rewrite::RestoreDeleted(at) => records.restore_deleted(at).map(Rewritten::Restored),
            Rewrite::RestoreEdited(at, line) => {
                records.restore_edited(at, line).map(Rewritten::Restored)
            }
        };
        Rewrote {
            asked: self,
            result,
            notice: records.take_notice(),
        }
    }
}

/// The journal file, through `journal::Store`.
#[derive(Debug)]
pub struct FileRecords {
    store: Store,
    /// The journal's path as given (the store may follow a link to another).
    path: PathBuf,
    removed: Vec<Removed>,
    notice: Option<String>,
}

impl FileRecords {
    pub fn new(store: Store) -> Self {
        Self {
            path: store.path().to_owned(),
            store,
            removed: Vec::new(),
            notice: None,
        }
    }

    fn noted<T>(&mut self, written: Written<T>) -> T {
        if let Some(set_aside) = written.set_aside {
            self.notice = Some(set_aside.to_string());
        }
        written.value
    }

    /// Every readable entry with its line and where the line is, made into what `map` makes
    /// on the threads that parse the lines, handed to `each` in file order while fresh, never
    /// all held at once; returns how many lines could not be read.
    fn read_entries<T: Send>(
        &self,
        map: &(dyn Fn(Box<Entry>, String, LineRef) -> T + Sync),
        mut each: impl FnMut(T),
    ) -> Result<usize, RecordsError> {
        let mut unreadable = 0;
        let entry = |line: Line| match line.content {
            Content::Entry { entry, raw } => {
                let at = LineRef::new(line.number - 1, raw.as_bytes());
                Some(map(entry, raw, at))
            }
            Content::Unreadable { .. } => None,
        };
        self.store.read_mapped(&entry, |item| match item {
            Some(item) => each(item),
            None => unreadable += 1,
        })?;
        Ok(unreadable)
    }
}

impl Records for FileRecords {
    fn path(&self) -> &Path {
        &self.path
    }

    fn journal_path(&self) -> Option<PathBuf> {
        Some(self.path.clone())
    }

    fn append(&mut self, entry: &Entry) -> Result<Option<String>, RecordsError> {
        let written = self.store.append(entry)?;
        Ok(written.set_aside.map(|s| s.to_string()))
    }

    fn load(
        &mut self,
        each: &mut dyn FnMut(Entry, String, LineRef),
    ) -> Result<usize, RecordsError> {
        self.read_entries(&|entry, raw, at| (entry, raw, at), |(entry, raw, at)| {
            each(*entry, raw, at);
        })
    }

    fn load_mapped(
        &mut self,
        map: &(dyn Fn(&Entry, String, LineRef) -> Loaded + Sync),
        each: &mut dyn FnMut(Loaded),
    ) -> Result<usize, RecordsError> {
        self.read_entries(&|entry, raw, at| map(&entry, raw, at), each)
    }

    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), RecordsError> {
        // Streamed under the journal's shared lock, like `load`.
        self.store
            .read_each(|line| {
                if let Content::Entry { entry, raw } = &line.content {
                    each(entry, raw);
                }
            })
            .map_err(RecordsError::from)
    }

    fn delete(&mut self, at: &LineRef) -> Result<(), RecordsError> {
        let written = self.store.delete(at)?;
        let removed = self.noted(written).ok_or(RecordsError::Changed)?;
        self.removed.push(removed);
        Ok(())
    }

    fn restore_deleted(&mut self, at: &LineRef) -> Result<LineRef, RecordsError> {
        let kept = self
            .removed
            .iter()
            .rposition(|r| r.at == *at)
            .ok_or(RecordsError::NothingKept)?;
        let written = self.store.restore(&self.removed[kept])?;
        let placed = self.noted(written);
        self.removed.remove(kept);
        Ok(placed)
    }

    fn replace(&mut self, at: &LineRef, entry: &Entry) -> Result<Edited, RecordsError> {
        let written = self.store.edit(at, entry)?;
        self.noted(written).ok_or(RecordsError::Changed)
    }

    fn restore_edited(&mut self, at: &LineRef, line: &str) -> Result<LineRef, RecordsError> {
        let written = self.store.replace_at(at, line)?;
        self.noted(written).ok_or(RecordsError::Changed)
    }

    fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    fn for_worker(&self, wait: LockWait) -> Option<Box<dyn Records + Send>> {
        Some(Box::new(FileRecords::new(
            self.store.clone().with_lock_wait(wait),
        )))
    }
}

/// A journal held in memory as lines (tests and benches).
#[derive(Debug, Clone, Default)]
pub struct MemoryRecords {
    pub lines: Vec<String>,
    /// Deleted lines with where they were, for undo.
    removed: Vec<(LineRef, String)>,
}

impl MemoryRecords {
    pub fn new(lines: Vec<String>) -> Self {
        Self {
            lines,
            removed: Vec::new(),
        }
    }

    /// Line `at`'s index, when it is there as it was.
    fn position(&self, at: &LineRef) -> Result<usize, RecordsError> {
        let i = at.index();
        match self.lines.get(i) {
            Some(line) if at.holds(line.as_bytes()) => Ok(i),
            _ => Err(RecordsError::Changed),
        }
    }
}

impl Records for MemoryRecords {
    fn path(&self) -> &Path {
        Path::new("journal.jsonl")
    }

    fn append(&mut self, entry: &Entry) -> Result<Option<String>, RecordsError> {
        self.lines.push(entry.to_line());
        Ok(None)
    }

    fn load(
        &mut self,
        each: &mut dyn FnMut(Entry, String, LineRef),
    ) -> Result<usize, RecordsError> {
        let mut unreadable = 0;
        for (i, line) in self.lines.iter().enumerate() {
            match serde_json::from_str(line) {
                Ok(entry) => each(entry, line.clone(), LineRef::new(i, line.as_bytes())),
                Err(_) => unreadable += 1,
            }
        }
        Ok(unreadable)
    }

    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), RecordsError> {
        for line in &self.lines {
            if let Ok(entry) = serde_json::from_str::<Entry>(line) {
                each(&entry, line);
            }
        }
        Ok(())
    }

    fn delete(&mut self, at: &LineRef) -> Result<(), RecordsError> {
        let index = self.position(at)?;
        let line = self.lines.remove(index);
        self.removed.push((*at, line));
        Ok(())
    }

    fn restore_deleted(&mut self, at: &LineRef) -> Result<LineRef, RecordsError> {
        let kept = self
            .removed
            .iter()
            .rposition(|r| r.0 == *at)
            .ok_or(RecordsError::NothingKept)?;
        let (_, line) = self.removed.remove(kept);
        let index = at.index().min(self.lines.len());
        let placed = LineRef::new(index, line.as_bytes());
        self.lines.insert(index, line);
        Ok(placed)
    }

    fn replace(&mut self, at: &LineRef, entry: &Entry) -> Result<Edited, RecordsError> {
        let index = self.position(at)?;
        let line = splice::edited_line(&self.lines[index], entry).ok_or(RecordsError::Changed)?;
        let placed = LineRef::new(index, line.as_bytes());
        let old = std::mem::replace(&mut self.lines[index], line);
        Ok(Edited { old, at: placed })
    }

    fn restore_edited(&mut self, at: &LineRef, line: &str) -> Result<LineRef, RecordsError> {
        let index = self.position(at)?;
        line.clone_into(&mut self.lines[index]);
        Ok(LineRef::new(index, line.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, note: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"x","title":"X","started_at":"2026-11-20T10:00:00.000+01:00","ended_at":"2026-11-20T10:00:00.000+01:00","completed":true,"via":"tui","responses":{{"note":"{note}"}}}}"#
        )
    }

    fn lines() -> Vec<String> {
        // Odd spacing, an unknown field and an unreadable line: undo must keep these bytes.
        let b = line("B", "two").replace(r#""v":1,"#, r#""v":1, "zz":[1],"#);
        vec![
            line("A", "one"),
            "not json".to_owned(),
            b,
            line("C", "three"),
        ]
    }

    /// Deletes and edits, undoing each; `read` gives the journal's bytes after each step.
    fn round_trip<S: Records>(store: &mut S, read: impl Fn(&S) -> String) {
        let original = read(store);
        let mut entries = Vec::new();
        assert_eq!(
            store.load(&mut |e, _, at| entries.push((e, at))).unwrap(),
            1,
            "unreadable"
        );
        assert_eq!(entries.len(), 3);
        // Exports get each entry with its exact line (odd spacing kept), in file order.
        let mut seen = Vec::new();
        store
            .each_line(&mut |entry, raw| seen.push((entry.id.clone(), raw.to_owned())))
            .unwrap();
        let all = lines();
        let expected = [("A", &all[0]), ("B", &all[2]), ("C", &all[3])]
            .map(|(id, line)| (id.to_owned(), line.clone()));
        assert_eq!(seen, expected);
        let b = entries[1].1;
        assert_eq!(b.index(), 2);
        store.delete(&b).unwrap();
        assert!(!read(store).contains(r#""id":"B""#));
        assert!(matches!(store.delete(&b), Err(RecordsError::Changed)));
        assert_eq!(store.restore_deleted(&b).unwrap(), b);
        assert_eq!(read(store), original);
        let (c, c_at) = &entries[2];
        let mut edited = c.clone();
        edited.responses["note"] = "new".into();
        let done = store.replace(c_at, &edited).unwrap();
        assert_eq!(done.old, lines()[3]);
        assert_eq!(read(store), original.replace(r#""three""#, r#""new""#));
        assert!(
            store.replace(c_at, &edited).is_err(),
            "the line it was read from has changed"
        );
        store.restore_edited(&done.at, &done.old).unwrap();
        assert_eq!(read(store), original);
        assert!(
            matches!(store.restore_deleted(&b), Err(RecordsError::NothingKept)),
            "nothing left to restore"
        );
        // A new entry goes at the end, and home can read when each entry began.
        store.append(&edited).unwrap();
        assert_eq!(store.past().times.len(), 4);
    }

    #[test]
    fn memory_store_undoes_to_the_exact_lines() {
        let mut memory = MemoryRecords::new(lines());
        round_trip(&mut memory, |m| m.lines.join("\n"));
    }

    #[test]
    fn file_store_undoes_to_the_exact_bytes() {
        let dir = std::env::temp_dir().join(format!("steady-review-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, lines().join("\n") + "\n").unwrap();
        let mut file = FileRecords::new(Store::new(&path));
        round_trip(&mut file, |_| std::fs::read_to_string(&path).unwrap());
        assert_eq!(file.take_notice(), None);
        assert_eq!(file.path(), path.as_path());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
