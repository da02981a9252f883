//! What the review screens share: the journal's entries (newest first), their aggregates,
//! the store they came from, and the undo list of changes made while review is open.
//! Every change goes through the store (an atomic rewrite) first; only when it succeeds is
//! the in-memory copy updated, so the screens never show what the file does not hold.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use crate::clock::Clock;
use crate::journal::entry::Entry;
use crate::journal::query;
use crate::journal::series::Aggregates;
use crate::practice::model::Practice;

use super::store::{JournalStore, MemoryStore};

/// One change made in this review session that `u` can take back.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// The entry as it was; the store keeps its exact line.
    Deleted(Entry),
    /// The entry and its exact line before the edit.
    Edited { before: Entry, line: String },
}

/// The shared state of the review screens.
pub struct ReviewData {
    store: Box<dyn JournalStore>,
    clock: Arc<dyn Clock>,
    /// Newest first.
    entries: Vec<Entry>,
    /// Lines of the file that could not be read (kept in it untouched).
    unreadable: usize,
    /// Computed on first use (History's first frame does not need them) and again after a
    /// change.
    aggregates: OnceCell<Aggregates>,
    day_starts_at: NaiveTime,
    practices: BTreeMap<String, Arc<Practice>>,
    undo: Vec<Change>,
    /// Why the journal could not be read, when it could not.
    problem: Option<String>,
    /// Bumped on every change, so screens know when their derived views are stale.
    generation: u64,
}

impl ReviewData {
    /// Loads the journal from `store` and computes the aggregates once.
    pub fn load(
        mut store: Box<dyn JournalStore>,
        clock: Arc<dyn Clock>,
        day_starts_at: NaiveTime,
        practices: impl IntoIterator<Item = Arc<Practice>>,
    ) -> Result<Self, String> {
        let loaded = store.load()?;
        let mut data = Self {
            store,
            clock,
            entries: loaded.entries,
            unreadable: loaded.unreadable,
            aggregates: OnceCell::new(),
            day_starts_at,
            practices: practices.into_iter().map(|p| (p.id.clone(), p)).collect(),
            undo: Vec::new(),
            problem: None,
            generation: 0,
        };
        data.refresh();
        Ok(data)
    }

    /// Nothing to show, because the journal could not be read (`why`, one sentence).
    pub fn failed(why: String, clock: Arc<dyn Clock>) -> Self {
        Self {
            store: Box::new(MemoryStore::default()),
            clock,
            entries: Vec::new(),
            unreadable: 0,
            aggregates: OnceCell::new(),
            day_starts_at: NaiveTime::MIN,
            practices: BTreeMap::new(),
            undo: Vec::new(),
            problem: Some(why),
            generation: 0,
        }
    }

    /// Why the journal could not be read, if it could not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Newest first, ties broken by id so the order is stable.
    fn refresh(&mut self) {
        self.entries.sort_by(|a, b| {
            b.started_at
                .cmp(&a.started_at)
                .then_with(|| b.id.cmp(&a.id))
        });
        self.aggregates = OnceCell::new();
        self.generation += 1;
    }

    /// Every entry, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many lines of the journal could not be read.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// A notice from the last write (a cut-off line set aside), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.store.take_notice()
    }

    pub fn aggregates(&self) -> &Aggregates {
        self.aggregates
            .get_or_init(|| Aggregates::from_entries(&self.entries, self.day_starts_at))
    }

    pub fn day_starts_at(&self) -> NaiveTime {
        self.day_starts_at
    }

    /// Today, by the clock and `day_starts_at`.
    pub fn today(&self) -> NaiveDate {
        query::today(self.clock.as_ref(), self.day_starts_at)
    }

    /// The day an entry belongs to.
    pub fn day_of(&self, entry: &Entry) -> NaiveDate {
        query::day_of(entry.started_at, self.day_starts_at)
    }

    /// The practice an entry came from, when it is known (for step prompts).
    pub fn practice(&self, id: &str) -> Option<&Practice> {
        self.practices.get(id).map(|p| &**p)
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
        let Some(at) = self.entries.iter().position(|e| e.id == id) else {
            return Ok(());
        };
        self.store.delete(id)?;
        let entry = self.entries.remove(at);
        self.undo.push(Change::Deleted(entry));
        self.refresh();
        Ok(())
    }

    /// Replaces the entry with the same id by `entry`.
    pub fn replace(&mut self, entry: Entry) -> Result<(), String> {
        let Some(slot) = self.entries.iter_mut().find(|e| e.id == entry.id) else {
            return Ok(());
        };
        let line = self.store.replace(&entry)?;
        let before = std::mem::replace(slot, entry);
        self.undo.push(Change::Edited { before, line });
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
            Change::Deleted(entry) => self.store.restore_deleted(&entry.id),
            Change::Edited { before, line } => self.store.restore_edited(&before.id, line),
        };
        if let Err(e) = result {
            // Keep the change so the person can try again.
            self.undo.push(change);
            return Err(e);
        }
        let (what, entry) = match change {
            Change::Deleted(entry) => ("deletion", entry),
            Change::Edited { before, .. } => ("edit", before),
        };
        let id = entry.id.clone();
        self.entries.retain(|e| e.id != id);
        self.entries.push(entry);
        self.refresh();
        Ok(Some((what, id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::TestClock;

    /// A journal line for tests.
    fn line(id: &str, practice: &str, at: &str, responses: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"{practice}","title":"{practice}","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{responses}}}"#
        )
    }

    fn data(lines: Vec<String>) -> ReviewData {
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
    fn delete_then_undo_brings_the_entry_back_and_updates_aggregates() {
        let lines = vec![
            line("A", "x", "2026-11-20T10:00:00.000+01:00", "{}"),
            line("B", "y", "2026-11-21T10:00:00.000+01:00", "{}"),
            "torn".to_owned(),
        ];
        let mut d = data(lines);
        assert_eq!(d.unreadable(), 1);
        let generation = d.generation();
        d.delete("B").unwrap();
        assert_eq!(d.entries().len(), 1);
        assert_eq!(d.aggregates().per_practice, [("x".to_owned(), 1)]);
        assert!(d.generation() > generation && d.can_undo());
        assert_eq!(d.undo().unwrap(), Some(("deletion", "B".to_owned())));
        assert_eq!(d.entries()[0].id, "B");
        assert_eq!(d.aggregates().per_practice.len(), 2);
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
        let mut edited: Entry = serde_json::from_str(&lines[1]).unwrap();
        edited.responses["note"] = "changed".into();
        let mut d = data(lines);
        d.replace(edited).unwrap();
        assert_eq!(d.entries()[0].str("note"), Some("changed"));
        assert_eq!(d.undo().unwrap(), Some(("edit", "B".to_owned())));
        assert_eq!(d.entries()[0].str("note"), Some("two"));
    }
}
