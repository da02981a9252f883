//! The journal operations review needs, behind a small trait: the real journal file
//! ([`FileStore`], over `journal::Store`'s locked atomic rewrites) and an in-memory journal
//! for tests and benches ([`MemoryStore`]). Each store keeps what it needs to undo its own
//! deletions, so review only names the entry.

use std::path::PathBuf;

use crate::journal::entry::Entry;
use crate::journal::read::Content;
use crate::journal::{Removed, Store, Written};

/// Reading and rewriting the journal. Errors are one sentence for the person.
pub trait JournalStore {
    /// Reads the journal, handing `each` every readable entry in file order as it is read
    /// (so review can index it while it is fresh); returns how many lines could not be
    /// read (they stay in the file untouched).
    fn load(&mut self, each: &mut dyn FnMut(Entry)) -> Result<usize, String>;
    /// Every readable entry with its exact line, in file order, as the journal is now
    /// (exports copy these lines, so they match `steady export` byte for byte).
    fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), String>;
    /// The journal file, when there is one (exports must never write over it).
    fn journal_path(&self) -> Option<PathBuf> {
        None
    }
    /// Removes the entry `id`.
    fn delete(&mut self, id: &str) -> Result<(), String>;
    /// Puts the line `delete` removed for `id` back, byte for byte, at its place.
    fn restore_deleted(&mut self, id: &str) -> Result<(), String>;
    /// Replaces the entry with `entry`'s id; returns the exact line it replaced.
    fn replace(&mut self, entry: &Entry) -> Result<String, String>;
    /// Puts `line` (an earlier line of entry `id`) back over that entry.
    fn restore_edited(&mut self, id: &str, line: &str) -> Result<(), String>;
    /// Something the last write wants said once (a cut-off line it set aside).
    fn take_notice(&mut self) -> Option<String> {
        None
    }
}

fn gone(id: &str) -> String {
    format!(
        "Entry {id} is no longer in the journal (was it changed elsewhere?); reopen review to see it as it is now."
    )
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

    fn load(&mut self, each: &mut dyn FnMut(Entry)) -> Result<usize, String> {
        // Line by line: each line's text is dropped as soon as its entry is taken, which
        // makes opening a large journal markedly quicker than holding every line first.
        let mut unreadable = 0;
        self.store
            .read_each(|line| match line.content {
                Content::Entry { entry, .. } => each(*entry),
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

    fn delete(&mut self, id: &str) -> Result<(), String> {
        let written = self.store.delete(id).map_err(|e| e.to_string())?;
        let removed = self.noted(written).ok_or_else(|| gone(id))?;
        self.removed.push(removed);
        Ok(())
    }

    fn restore_deleted(&mut self, id: &str) -> Result<(), String> {
        let at = self
            .removed
            .iter()
            .rposition(|r| r.id == id)
            .ok_or_else(|| format!("There is nothing kept to bring back for entry {id}."))?;
        let written = self
            .store
            .restore(&self.removed[at])
            .map_err(|e| e.to_string())?;
        // False means an entry with that id is back already: nothing is lost either way.
        self.noted(written);
        self.removed.remove(at);
        Ok(())
    }

    fn replace(&mut self, entry: &Entry) -> Result<String, String> {
        let written = self.store.replace(entry).map_err(|e| e.to_string())?;
        self.noted(written).ok_or_else(|| gone(&entry.id))
    }

    fn restore_edited(&mut self, id: &str, line: &str) -> Result<(), String> {
        let written = self
            .store
            .replace_line(id, line)
            .map_err(|e| e.to_string())?;
        self.noted(written).map(drop).ok_or_else(|| gone(id))
    }

    fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }
}

/// A journal held in memory as lines (tests and benches).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    pub lines: Vec<String>,
    /// Deleted lines with their places, for undo.
    removed: Vec<(String, usize, String)>,
}

impl MemoryStore {
    pub fn new(lines: Vec<String>) -> Self {
        Self {
            lines,
            removed: Vec::new(),
        }
    }

    fn position(&self, id: &str) -> Result<usize, String> {
        self.lines
            .iter()
            .position(|l| serde_json::from_str::<Entry>(l).is_ok_and(|e| e.id == id))
            .ok_or_else(|| gone(id))
    }
}

impl JournalStore for MemoryStore {
    fn load(&mut self, each: &mut dyn FnMut(Entry)) -> Result<usize, String> {
        let mut unreadable = 0;
        for line in &self.lines {
            match serde_json::from_str(line) {
                Ok(entry) => each(entry),
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

    fn delete(&mut self, id: &str) -> Result<(), String> {
        let index = self.position(id)?;
        let line = self.lines.remove(index);
        self.removed.push((id.to_owned(), index, line));
        Ok(())
    }

    fn restore_deleted(&mut self, id: &str) -> Result<(), String> {
        let at = self
            .removed
            .iter()
            .rposition(|r| r.0 == id)
            .ok_or_else(|| gone(id))?;
        let (_, index, line) = self.removed.remove(at);
        self.lines.insert(index.min(self.lines.len()), line);
        Ok(())
    }

    fn replace(&mut self, entry: &Entry) -> Result<String, String> {
        let index = self.position(&entry.id)?;
        Ok(std::mem::replace(&mut self.lines[index], entry.to_line()))
    }

    fn restore_edited(&mut self, id: &str, line: &str) -> Result<(), String> {
        let index = self.position(id)?;
        self.lines[index] = line.to_owned();
        Ok(())
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
            store.load(&mut |e| entries.push(e)).unwrap(),
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
        store.delete("B").unwrap();
        assert!(!read(store).contains(r#""id":"B""#));
        store.restore_deleted("B").unwrap();
        assert_eq!(read(store), original);
        let mut edited = entries[2].clone();
        edited.responses["note"] = "new".into();
        let old = store.replace(&edited).unwrap();
        assert_eq!(old, lines()[3]);
        assert!(read(store).contains(r#""note":"new""#));
        store.restore_edited("C", &old).unwrap();
        assert_eq!(read(store), original);
        assert!(store.delete("nope").unwrap_err().contains("nope"));
        assert!(
            store.restore_deleted("B").is_err(),
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
