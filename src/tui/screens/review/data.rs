//! What the review screens share: the journal's entries (newest first), their aggregates,
//! the store they came from, and the undo list of changes made while review is open.
//! Every change goes through the store (an atomic rewrite) first; only when it succeeds is
//! the in-memory copy updated, so the screens never show what the file does not hold.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use crate::clock::Clock;
use crate::journal::entry::Entry;
use crate::journal::series::{self, Aggregates};
use crate::practice::model::Practice;

/// A journal line taken out or overwritten, kept so undo can put back exactly those bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The id of the entry the line held.
    pub id: String,
    /// The exact text of the line, without its newline.
    pub raw: String,
    /// Its 0-based position among the file's lines, so a deleted line returns to its place.
    pub index: usize,
}

/// The journal operations review needs; the real store rewrites the file atomically under
/// its lock, and tests use [`MemoryStore`].
pub trait JournalStore {
    /// Every readable entry, in file order.
    fn load(&mut self) -> Result<Vec<Entry>, String>;
    /// Removes the entry with `id`, returning its line.
    fn delete(&mut self, id: &str) -> Result<Removed, String>;
    /// Replaces the entry with the same id, returning the line it replaced.
    fn replace(&mut self, entry: &Entry) -> Result<Removed, String>;
    /// Undoes a delete: puts the line back at its place.
    fn restore_deleted(&mut self, removed: &Removed) -> Result<(), String>;
    /// Undoes an edit: puts the old line back over the entry with the same id.
    fn restore_edited(&mut self, removed: &Removed) -> Result<(), String>;
}

/// A journal held in memory as lines (tests and benches).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    pub lines: Vec<String>,
}

impl MemoryStore {
    pub fn new(lines: Vec<String>) -> Self {
        Self { lines }
    }

    fn position(&self, id: &str) -> Result<usize, String> {
        self.lines
            .iter()
            .position(|l| line_id(l).as_deref() == Some(id))
            .ok_or_else(|| format!("entry {id} is no longer in the journal; reopen review"))
    }
}

fn line_id(line: &str) -> Option<String> {
    serde_json::from_str::<Entry>(line).ok().map(|e| e.id)
}

impl JournalStore for MemoryStore {
    fn load(&mut self) -> Result<Vec<Entry>, String> {
        Ok(self
            .lines
            .iter()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    }

    fn delete(&mut self, id: &str) -> Result<Removed, String> {
        let index = self.position(id)?;
        let raw = self.lines.remove(index);
        Ok(Removed {
            id: id.to_owned(),
            raw,
            index,
        })
    }

    fn replace(&mut self, entry: &Entry) -> Result<Removed, String> {
        let index = self.position(&entry.id)?;
        let raw = std::mem::replace(&mut self.lines[index], entry.to_line());
        Ok(Removed {
            id: entry.id.clone(),
            raw,
            index,
        })
    }

    fn restore_deleted(&mut self, removed: &Removed) -> Result<(), String> {
        let at = removed.index.min(self.lines.len());
        self.lines.insert(at, removed.raw.clone());
        Ok(())
    }

    fn restore_edited(&mut self, removed: &Removed) -> Result<(), String> {
        let index = self.position(&removed.id)?;
        self.lines[index] = removed.raw.clone();
        Ok(())
    }
}

/// One change made in this review session that `u` can take back.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Deleted(Removed),
    Edited(Removed),
}

/// The shared state of the review screens.
pub struct ReviewData {
    store: Box<dyn JournalStore>,
    clock: Arc<dyn Clock>,
    /// Newest first.
    entries: Vec<Entry>,
    aggregates: Aggregates,
    day_starts_at: NaiveTime,
    practices: BTreeMap<String, Practice>,
    undo: Vec<Change>,
    /// Bumped on every change, so screens know when their derived views are stale.
    generation: u64,
}

impl ReviewData {
    /// Loads the journal from `store` and computes the aggregates once.
    pub fn load(
        mut store: Box<dyn JournalStore>,
        clock: Arc<dyn Clock>,
        day_starts_at: NaiveTime,
        practices: impl IntoIterator<Item = Practice>,
    ) -> Result<Self, String> {
        let entries = store.load()?;
        let mut data = Self {
            store,
            clock,
            entries,
            aggregates: Aggregates::default(),
            day_starts_at,
            practices: practices.into_iter().map(|p| (p.id.clone(), p)).collect(),
            undo: Vec::new(),
            generation: 0,
        };
        data.refresh();
        Ok(data)
    }

    /// Newest first, ties broken by id so the order is stable.
    fn refresh(&mut self) {
        self.entries.sort_by(|a, b| {
            b.started_at
                .cmp(&a.started_at)
                .then_with(|| b.id.cmp(&a.id))
        });
        self.aggregates = Aggregates::from_entries(&self.entries, self.day_starts_at);
        self.generation += 1;
    }

    /// Every entry, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn aggregates(&self) -> &Aggregates {
        &self.aggregates
    }

    pub fn day_starts_at(&self) -> NaiveTime {
        self.day_starts_at
    }

    /// Today, by the clock and `day_starts_at`.
    pub fn today(&self) -> NaiveDate {
        series::day_of(&self.clock.wall(), self.day_starts_at)
    }

    /// The day an entry belongs to.
    pub fn day_of(&self, entry: &Entry) -> NaiveDate {
        series::day_of(&entry.started_at, self.day_starts_at)
    }

    /// The practice an entry came from, when it is known (for step prompts).
    pub fn practice(&self, id: &str) -> Option<&Practice> {
        self.practices.get(id)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether there is something for `u` to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Deletes the entry with `id` from the journal.
    pub fn delete(&mut self, id: &str) -> Result<(), String> {
        let removed = self.store.delete(id)?;
        self.entries.retain(|e| e.id != id);
        self.undo.push(Change::Deleted(removed));
        self.refresh();
        Ok(())
    }

    /// Replaces the entry with the same id by `entry`.
    pub fn replace(&mut self, entry: Entry) -> Result<(), String> {
        let removed = self.store.replace(&entry)?;
        if let Some(slot) = self.entries.iter_mut().find(|e| e.id == entry.id) {
            *slot = entry;
        }
        self.undo.push(Change::Edited(removed));
        self.refresh();
        Ok(())
    }

    /// Takes back the last change; returns what was undone, in words, and the id of the
    /// entry it brought back, or None when there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<(&'static str, String)>, String> {
        let Some(change) = self.undo.pop() else {
            return Ok(None);
        };
        let result = match &change {
            Change::Deleted(r) => self.store.restore_deleted(r).map(|()| "deletion"),
            Change::Edited(r) => self.store.restore_edited(r).map(|()| "edit"),
        };
        match result {
            Ok(what) => {
                let (Change::Deleted(r) | Change::Edited(r)) = &change;
                if let Ok(entry) = serde_json::from_str::<Entry>(&r.raw) {
                    self.entries.retain(|e| e.id != r.id);
                    self.entries.push(entry);
                }
                let id = r.id.clone();
                self.refresh();
                Ok(Some((what, id)))
            }
            Err(e) => {
                // Keep the change so the person can try again.
                self.undo.push(change);
                Err(e)
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clock::TestClock;

    /// A journal line for tests.
    pub(crate) fn line(id: &str, practice: &str, at: &str, responses: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"{practice}","title":"{practice}","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{responses}}}"#
        )
    }

    pub(crate) fn data(lines: Vec<String>) -> ReviewData {
        ReviewData::load(
            Box::new(MemoryStore::new(lines)),
            Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00")),
            NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
            [],
        )
        .unwrap()
    }

    #[test]
    fn entries_are_newest_first() {
        let d = data(vec![
            line("A", "x", "2026-11-20T10:00:00.000+01:00", "{}"),
            line("B", "x", "2026-11-21T10:00:00.000+01:00", "{}"),
        ]);
        let ids: Vec<_> = d.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["B", "A"]);
        assert_eq!(d.today().to_string(), "2026-11-22");
    }

    #[test]
    fn delete_then_undo_restores_the_exact_line_in_place() {
        // Odd spacing and an unknown field: undo must give back these very bytes.
        let odd = line(
            "B",
            "x",
            "2026-11-21T10:00:00.000+01:00",
            r#"{"note": "hi"}"#,
        )
        .replace(r#""v":1"#, r#""v":1,"zz":[1]"#);
        let lines = vec![
            line("A", "x", "2026-11-20T10:00:00.000+01:00", "{}"),
            odd.clone(),
            line("C", "x", "2026-11-22T10:00:00.000+01:00", "{}"),
        ];
        let mut store = MemoryStore::new(lines.clone());
        let removed = store.delete("B").unwrap();
        store.restore_deleted(&removed).unwrap();
        assert_eq!(store.lines, lines);

        let mut d = data(lines);
        d.delete("B").unwrap();
        assert_eq!(d.entries().len(), 2);
        assert_eq!(d.undo().unwrap(), Some(("deletion", "B".to_owned())));
        assert_eq!(d.entries().len(), 3);
        assert_eq!(d.undo().unwrap(), None);
    }

    #[test]
    fn replace_changes_only_that_entry_and_undo_puts_it_back() {
        let lines = vec![
            line(
                "A",
                "x",
                "2026-11-20T10:00:00.000+01:00",
                r#"{"note":"one"}"#,
            ),
            line(
                "B",
                "x",
                "2026-11-21T10:00:00.000+01:00",
                r#"{"note":"two"}"#,
            ),
        ];
        let mut store = MemoryStore::new(lines.clone());
        let mut edited: Entry = serde_json::from_str(&lines[1]).unwrap();
        edited.responses["note"] = "changed".into();
        let removed = store.replace(&edited).unwrap();
        assert_eq!(store.lines[0], lines[0]);
        assert!(store.lines[1].contains("changed"));
        store.restore_edited(&removed).unwrap();
        assert_eq!(store.lines, lines);

        let mut d = data(lines);
        d.replace(edited).unwrap();
        assert_eq!(d.entries()[0].str("note"), Some("changed"));
        assert_eq!(d.undo().unwrap(), Some(("edit", "B".to_owned())));
        assert_eq!(d.entries()[0].str("note"), Some("two"));
    }
}
