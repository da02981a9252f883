//! The journal operations review needs, behind a small trait: the real journal file
//! ([`FileStore`], over `journal::Store`'s locked atomic rewrites) and an in-memory journal
//! for tests and benches ([`MemoryStore`]). Each store keeps what it needs to undo its own
//! deletions. Review names an entry by its line (`LineRef`: position and bytes), so two
//! entries with the same id are never confused, and a line changed elsewhere is left alone.

use std::path::PathBuf;

use crate::journal::entry::Entry;
use crate::journal::read::Content;
use crate::journal::splice;
use crate::journal::{Edited, LineRef, Removed, Store, Written};

/// Reading and rewriting the journal. Errors are one sentence for the person.
pub trait JournalStore {
    /// Reads the journal, handing `each` every readable entry and its line in file order as
    /// it is read (so review can index it while it is fresh); returns how many lines could
    /// not be read (they stay in the file untouched).
    fn load(&mut self, each: &mut dyn FnMut(Entry, LineRef)) -> Result<usize, String>;
    /// Every readable entry with its exact line, in file order, as the journal is now
    /// (exports copy these lines, so they match `steady export` byte for byte).
    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), String>;
    /// The journal file, when there is one (exports must never write over it).
    fn journal_path(&self) -> Option<PathBuf> {
        None
    }
    /// Removes the line `at`.
    fn delete(&mut self, at: &LineRef) -> Result<(), String>;
    /// Puts the line `delete` removed from `at` back, byte for byte, at its place; returns
    /// where it now is.
    fn restore_deleted(&mut self, at: &LineRef) -> Result<LineRef, String>;
    /// Changes the entry on line `at` to `entry` (only the values that differ are written);
    /// returns the exact line it replaced and where the new one is.
    fn replace(&mut self, at: &LineRef, entry: &Entry) -> Result<Edited, String>;
    /// Puts `line` (the line before an edit) back over line `at`; returns where it is.
    fn restore_edited(&mut self, at: &LineRef, line: &str) -> Result<LineRef, String>;
    /// Something the last write wants said once (a cut-off line it set aside).
    fn take_notice(&mut self) -> Option<String> {
        None
    }
}

fn gone() -> String {
    "That entry was changed elsewhere since review read it, so nothing was written; reopen review to see it as it is now.".to_owned()
}

/// The journal file, through `journal::Store`.
#[derive(Debug)]
pub struct FileStore {
    store: Store,
    removed: Vec<Removed>,
    notice: Option<String>,
}

impl FileStore {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            removed: Vec::new(),
            notice: None,
        }
    }

    pub fn path(&self) -> PathBuf {
        self.store.path().to_owned()
    }

    fn noted<T>(&mut self, written: Written<T>) -> T {
        if let Some(set_aside) = written.set_aside {
            self.notice = Some(set_aside.to_string());
        }
        written.value
    }
}

impl JournalStore for FileStore {
    fn journal_path(&self) -> Option<PathBuf> {
        Some(self.path())
    }

    fn load(&mut self, each: &mut dyn FnMut(Entry, LineRef)) -> Result<usize, String> {
        // Line by line: each line's text is dropped as soon as its entry is taken, which
        // makes opening a large journal markedly quicker than holding every line first.
        let mut unreadable = 0;
        self.store
            .read_each(|line| match line.content {
                Content::Entry { entry, raw } => {
                    each(*entry, LineRef::new(line.number - 1, raw.as_bytes()));
                }
                Content::Unreadable { .. } => unreadable += 1,
            })
            .map_err(|e| e.to_string())?;
        Ok(unreadable)
    }

    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), String> {
        // Streamed under the journal's shared lock, like `load`.
        self.store
            .read_each(|line| {
                if let Content::Entry { entry, raw } = &line.content {
                    each(entry, raw);
                }
            })
            .map_err(|e| e.to_string())
    }

    fn delete(&mut self, at: &LineRef) -> Result<(), String> {
        let written = self.store.delete(at).map_err(|e| e.to_string())?;
        let removed = self.noted(written).ok_or_else(gone)?;
        self.removed.push(removed);
        Ok(())
    }

    fn restore_deleted(&mut self, at: &LineRef) -> Result<LineRef, String> {
        let kept = self
            .removed
            .iter()
            .rposition(|r| r.at == *at)
            .ok_or_else(|| "There is nothing kept to bring back for that entry.".to_owned())?;
        let written = self
            .store
            .restore(&self.removed[kept])
            .map_err(|e| e.to_string())?;
        let placed = self.noted(written);
        self.removed.remove(kept);
        Ok(placed)
    }

    fn replace(&mut self, at: &LineRef, entry: &Entry) -> Result<Edited, String> {
        let written = self.store.edit(at, entry).map_err(|e| e.to_string())?;
        self.noted(written).ok_or_else(gone)
    }

    fn restore_edited(&mut self, at: &LineRef, line: &str) -> Result<LineRef, String> {
        let written = self.store.replace_at(at, line).map_err(|e| e.to_string())?;
        self.noted(written).ok_or_else(gone)
    }

    fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }
}

/// A journal held in memory as lines (tests and benches).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    pub lines: Vec<String>,
    /// Deleted lines with where they were, for undo.
    removed: Vec<(LineRef, String)>,
}

impl MemoryStore {
    pub fn new(lines: Vec<String>) -> Self {
        Self {
            lines,
            removed: Vec::new(),
        }
    }

    /// Line `at`'s index, when it is there as it was.
    fn position(&self, at: &LineRef) -> Result<usize, String> {
        let i = at.index();
        match self.lines.get(i) {
            Some(line) if at.holds(line.as_bytes()) => Ok(i),
            _ => Err(gone()),
        }
    }
}

impl JournalStore for MemoryStore {
    fn load(&mut self, each: &mut dyn FnMut(Entry, LineRef)) -> Result<usize, String> {
        let mut unreadable = 0;
        for (i, line) in self.lines.iter().enumerate() {
            match serde_json::from_str(line) {
                Ok(entry) => each(entry, LineRef::new(i, line.as_bytes())),
                Err(_) => unreadable += 1,
            }
        }
        Ok(unreadable)
    }

    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), String> {
        for line in &self.lines {
            if let Ok(entry) = serde_json::from_str::<Entry>(line) {
                each(&entry, line);
            }
        }
        Ok(())
    }

    fn delete(&mut self, at: &LineRef) -> Result<(), String> {
        let index = self.position(at)?;
        let line = self.lines.remove(index);
        self.removed.push((*at, line));
        Ok(())
    }

    fn restore_deleted(&mut self, at: &LineRef) -> Result<LineRef, String> {
        let kept = self
            .removed
            .iter()
            .rposition(|r| r.0 == *at)
            .ok_or_else(gone)?;
        let (_, line) = self.removed.remove(kept);
        let index = at.index().min(self.lines.len());
        let placed = LineRef::new(index, line.as_bytes());
        self.lines.insert(index, line);
        Ok(placed)
    }

    fn replace(&mut self, at: &LineRef, entry: &Entry) -> Result<Edited, String> {
        let index = self.position(at)?;
        let line = splice::edited_line(&self.lines[index], entry).ok_or_else(gone)?;
        let placed = LineRef::new(index, line.as_bytes());
        let old = std::mem::replace(&mut self.lines[index], line);
        Ok(Edited { old, at: placed })
    }

    fn restore_edited(&mut self, at: &LineRef, line: &str) -> Result<LineRef, String> {
        let index = self.position(at)?;
        self.lines[index] = line.to_owned();
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
    fn round_trip<S: JournalStore>(store: &mut S, read: impl Fn(&S) -> String) {
        let original = read(store);
        let mut entries = Vec::new();
        assert_eq!(
            store.load(&mut |e, at| entries.push((e, at))).unwrap(),
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
        assert!(
            store
                .delete(&b)
                .unwrap_err()
                .contains("nothing was written")
        );
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
            store.restore_deleted(&b).is_err(),
            "nothing left to restore"
        );
    }

    #[test]
    fn memory_store_undoes_to_the_exact_lines() {
        let mut memory = MemoryStore::new(lines());
        round_trip(&mut memory, |m| m.lines.join("\n"));
    }

    #[test]
    fn file_store_undoes_to_the_exact_bytes() {
        let dir = std::env::temp_dir().join(format!("steady-review-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, lines().join("\n") + "\n").unwrap();
        let mut file = FileStore::new(Store::new(&path));
        round_trip(&mut file, |_| std::fs::read_to_string(&path).unwrap());
        assert_eq!(file.take_notice(), None);
        assert_eq!(file.path(), path);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
