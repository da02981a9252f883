//! What the review screens share: the journal's entries (newest first), each entry's search
//! text, their aggregates, the store they came from, and the undo list of changes made
//! while review is open. Every change goes through the store (an atomic rewrite) first;
//! only when it succeeds is the in-memory copy updated, so the screens never show what the
//! file does not hold. The search text and the aggregates are built once at load and then
//! changed entry by entry, so a change costs the same at 100 entries or 100,000.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use crate::clock::Clock;
use crate::journal::LineRef;
use crate::journal::entry::Entry;
use crate::journal::query;
use crate::journal::series::{self, Aggregates};
use crate::practice::model::Practice;

use super::search::{self, SearchIndex};
use super::store::{JournalStore, MemoryStore};

/// One change made in this review session that `u` can take back.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// The entry as it was and where its line was; the store keeps its exact line.
    Deleted(Entry, LineRef),
    /// The entry and its exact line before the edit, and where the edited line is.
    Edited {
        before: Entry,
        line: String,
        at: LineRef,
    },
}

/// Newest first, ties broken by id so the order is stable.
fn newest_first(a: &Entry, b: &Entry) -> Ordering {
    b.started_at
        .cmp(&a.started_at)
        .then_with(|| b.id.cmp(&a.id))
}

/// The shared state of the review screens.
pub struct ReviewData {
    store: Box<dyn JournalStore>,
    clock: Arc<dyn Clock>,
    /// Newest first.
    entries: Vec<Entry>,
    /// `places[i]` is the journal line `entries[i]` was read from: changes name the line,
    /// not the id, so two entries with one id are never confused.
    places: Vec<LineRef>,
    /// `search.text(i)` is what History's search looks in for `entries[i]`.
    search: SearchIndex,
    /// Lines of the file that could not be read (kept in it untouched).
    unreadable: usize,
    aggregates: Aggregates,
    day_starts_at: NaiveTime,
    practices: BTreeMap<String, Arc<Practice>>,
    undo: Vec<Change>,
    /// Why the journal could not be read, when it could not.
    problem: Option<String>,
    /// Bumped on every change, so screens know when their derived views are stale.
    generation: u64,
}

impl ReviewData {
    /// Loads the journal from `store`, and builds the search text and the aggregates once.
    pub fn load(
        mut store: Box<dyn JournalStore>,
        clock: Arc<dyn Clock>,
        day_starts_at: NaiveTime,
        practices: impl IntoIterator<Item = Arc<Practice>>,
    ) -> Result<Self, String> {
        // Each entry is indexed and counted as it is read, while it is still in the cache:
        // a second pass over 100,000 entries costs several times more.
        let mut aggregates = series::Builder::new(day_starts_at);
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut entries = Vec::new();
        let mut places = Vec::new();
        let unreadable = store.load(&mut |entry, place| {
            aggregates.push(&entry);
            spans.push(search::append(&mut text, &entry));
            entries.push(entry);
            places.push(place);
        })?;
        // A journal is written in time order, so newest first is nearly always file order
        // reversed, in place; only a journal out of order (back-dated check-ins, imports)
        // pays for a sort that moves every entry three times.
        if entries.is_sorted_by(|a, b| newest_first(b, a).is_le()) {
            entries.reverse();
            spans.reverse();
            places.reverse();
        } else {
            let mut all: Vec<_> = spans.into_iter().zip(entries).zip(places).collect();
            all.sort_by(|a, b| newest_first(&a.0.1, &b.0.1));
            ((spans, entries), places) = all.into_iter().unzip();
        }
        Ok(Self {
            search: SearchIndex::new(text, spans),
            aggregates: aggregates.finish(),
            store,
            clock,
            entries,
            places,
            unreadable,
            day_starts_at,
            practices: practices.into_iter().map(|p| (p.id.clone(), p)).collect(),
            undo: Vec::new(),
            problem: None,
            generation: 0,
        })
    }

    /// Nothing to show, because the journal could not be read (`why`, one sentence).
    pub fn failed(why: String, clock: Arc<dyn Clock>) -> Self {
        Self {
            store: Box::new(MemoryStore::default()),
            clock,
            entries: Vec::new(),
            places: Vec::new(),
            search: SearchIndex::default(),
            unreadable: 0,
            aggregates: Aggregates::default(),
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

    /// Every entry, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// What History's search looks in for `entries()[i]`: its text answers, lower-cased.
    pub fn search_text(&self, i: usize) -> &str {
        self.search.text(i)
    }

    /// How many lines of the journal could not be read.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// A notice from the last write (a cut-off line set aside), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.store.take_notice()
    }

    /// Every readable entry of the journal as it is now, with its exact line, in file
    /// order (what exports copy).
    pub fn each_line(&self, each: &mut dyn FnMut(&Entry, &str)) -> Result<(), String> {
        self.store.each_line(each)
    }

    /// The journal file, when there is one.
    pub fn journal_path(&self) -> Option<PathBuf> {
        self.store.journal_path()
    }

    pub fn aggregates(&self) -> &Aggregates {
        &self.aggregates
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

    /// Takes entry `at` out of the entries, the search text and the aggregates.
    fn take(&mut self, at: usize) -> Entry {
        let entry = self.entries.remove(at);
        self.places.remove(at);
        self.search.remove(at);
        self.aggregates.remove(&entry);
        self.generation += 1;
        entry
    }

    /// Puts `entry`, read from line `place`, in at its place, newest first.
    fn put(&mut self, entry: Entry, place: LineRef) {
        let at = self
            .entries
            .partition_point(|e| newest_first(e, &entry).is_lt());
        self.aggregates.add(&entry);
        self.search.insert(at, &entry);
        self.entries.insert(at, entry);
        self.places.insert(at, place);
        self.generation += 1;
    }

    /// Puts `entry` (now on line `place`) over entry `at`; returns the entry it replaced.
    /// In place when the entry keeps its place in the order (an edited answer), so
    /// nothing shifts.
    fn swap(&mut self, at: usize, entry: Entry, place: LineRef) -> Entry {
        if newest_first(&self.entries[at], &entry).is_ne() {
            let before = self.take(at);
            self.put(entry, place);
            return before;
        }
        self.aggregates.remove(&self.entries[at]);
        self.aggregates.add(&entry);
        self.search.set(at, &entry);
        self.places[at] = place;
        self.generation += 1;
        std::mem::replace(&mut self.entries[at], entry)
    }

    /// Deletes entry `at` (an index into `entries()`) from the journal: the very line it
    /// was read from.
    pub fn delete(&mut self, at: usize) -> Result<(), String> {
        let Some(&place) = self.places.get(at) else {
            return Ok(());
        };
        self.store.delete(&place)?;
        let entry = self.take(at);
        self.places
            .iter_mut()
            .for_each(|p| p.after_removal(place.index()));
        self.undo.push(Change::Deleted(entry, place));
        Ok(())
    }

    /// Changes entry `at` (an index into `entries()`) to `entry`, on its own line.
    pub fn replace(&mut self, at: usize, entry: Entry) -> Result<(), String> {
        let Some(place) = self.places.get(at) else {
            return Ok(());
        };
        let edited = self.store.replace(place, &entry)?;
        let before = self.swap(at, entry, edited.at);
        self.undo.push(Change::Edited {
            before,
            line: edited.old,
            at: edited.at,
        });
        Ok(())
    }

    /// Takes back the last change; returns what was undone, in words, and the id of the
    /// entry it brought back, or None when there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<(&'static str, String)>, String> {
        let Some(change) = self.undo.pop() else {
            return Ok(None);
        };
        let result = match &change {
            Change::Deleted(_, at) => self.store.restore_deleted(at),
            Change::Edited { line, at, .. } => self.store.restore_edited(at, line),
        };
        let place = match result {
            Ok(place) => place,
            Err(e) => {
                // Keep the change so the person can try again.
                self.undo.push(change);
                return Err(e);
            }
        };
        Ok(Some(match change {
            Change::Deleted(entry, _) => {
                self.places
                    .iter_mut()
                    .for_each(|p| p.after_insertion(place.index()));
                let id = entry.id.clone();
                self.put(entry, place);
                ("deletion", id)
            }
            Change::Edited { before, at, .. } => {
                let id = before.id.clone();
                match self.places.iter().position(|p| *p == at) {
                    Some(i) => drop(self.swap(i, before, place)),
                    None => self.put(before, place),
                }
                ("edit", id)
            }
        }))
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
        assert_eq!(d.entries()[0].id, "B");
        d.delete(0).unwrap();
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
        d.replace(0, edited).unwrap();
        assert_eq!(d.entries()[0].str("note"), Some("changed"));
        assert_eq!(d.undo().unwrap(), Some(("edit", "B".to_owned())));
        assert_eq!(d.entries()[0].str("note"), Some("two"));
    }

    /// What the incremental updates must always equal: a fresh pass over the entries held.
    fn assert_fresh(d: &ReviewData) {
        let mut sorted = d.entries().to_vec();
        sorted.sort_by(newest_first);
        assert_eq!(d.entries(), sorted.as_slice(), "newest first");
        for (i, e) in d.entries().iter().enumerate() {
            let mut fresh = String::new();
            search::append(&mut fresh, e);
            assert_eq!(d.search_text(i), fresh, "search text of {}", e.id);
        }
        assert_eq!(d.search_text(d.entries().len()), "");
        assert_eq!(
            d.aggregates(),
            &Aggregates::from_entries(d.entries(), d.day_starts_at())
        );
    }

    #[derive(Debug, Clone)]
    enum Op {
        Delete(proptest::sample::Index),
        /// A new note, and with `move_to` a new start time (so the entry changes place).
        Edit(proptest::sample::Index, String, Option<u8>),
        Undo,
    }

    fn arb_op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            any::<proptest::sample::Index>().prop_map(Op::Delete),
            (
                any::<proptest::sample::Index>(),
                "[a-zA-Z ]{0,6}",
                proptest::option::of(0u8..28)
            )
                .prop_map(|(i, note, at)| Op::Edit(i, note, at)),
            Just(Op::Undo),
        ]
    }

    proptest::proptest! {
        /// Deletes, edits and undos keep the order, the search text and the aggregates
        /// exactly as a fresh load would build them, and the entries the ones expected.
        #[test]
        fn changes_keep_search_text_and_aggregates_fresh(
            ops in proptest::collection::vec(arb_op(), 1..12),
        ) {
            let practices = ["feeling-check-in", "stay-present", "breath-reset"];
            let lines: Vec<String> = (0..8)
                .map(|i| {
                    line(
                        &format!("E{i}"),
                        practices[i % 3],
                        &format!("2026-11-{:02}T0{}:00:00.000+01:00", 18 + i / 3, 5 + i % 2),
                        &format!(
                            r#"{{"note":"Note {i}","level":{},"colour":"blue","before":2,"after":4,"stay":{{"urge_s":{i}}}}}"#,
                            1 + i % 5
                        ),
                    )
                })
                .collect();
            let mut d = data(lines);
            let mut ids: Vec<String> = d.entries().iter().map(|e| e.id.clone()).collect();
            assert_fresh(&d);
            for op in ops {
                match op {
                    Op::Delete(i) if !d.entries().is_empty() => {
                        let at = i.index(d.entries().len());
                        let id = d.entries()[at].id.clone();
                        d.delete(at).unwrap();
                        ids.retain(|x| *x != id);
                    }
                    Op::Edit(i, note, to) if !d.entries().is_empty() => {
                        let at = i.index(d.entries().len());
                        let mut e = d.entries()[at].clone();
                        e.responses.insert("note".into(), note.into());
                        if let Some(to) = to {
                            e.started_at += chrono::Duration::hours(i64::from(to) - 14);
                        }
                        d.replace(at, e).unwrap();
                    }
                    Op::Undo => {
                        if let Some((_, id)) = d.undo().unwrap()
                            && !ids.contains(&id)
                        {
                            ids.push(id);
                        }
                    }
                    _ => {}
                }
                assert_fresh(&d);
                let mut held: Vec<String> = d.entries().iter().map(|e| e.id.clone()).collect();
                held.sort();
                let mut expected = ids.clone();
                expected.sort();
                proptest::prop_assert_eq!(held, expected);
            }
        }
    }
}
