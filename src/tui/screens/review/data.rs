//! What the review screens share: the journal's entries (newest first) as compact rows,
//! each entry's search text, their aggregates, the port they came from, and the undo list
//! of changes made while review is open. A row keeps what lists and filters need (when,
//! which practice, the id) and the entry's stored line, parsed again only for the few
//! entries on screen, so 100,000 entries cost a third of what whole parsed entries did.
//! Every change is a `Rewrite` carried out through a port (here, or on the app's worker
//! thread) first; only when it succeeds is the in-memory copy updated (`rewritten`), so the
//! screens never show what the file does not hold. The
//! search text and the aggregates are built once at load and then changed entry by entry,
//! so a change costs the same at 100 entries or 100,000.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::clock::Clock;
use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::feelings::Placements;
use crate::journal::query;
use crate::journal::read::Content;
use crate::journal::series::{self, Aggregates, Tally};
use crate::journal::vault::{EntryRef, Kept, MemoryVault, Restored, Vault};
use crate::practice::model::Practice;

use super::export_dialog::{Exported, ToExport};
use super::rewrite::{Rewrite, Rewritten, Rewrote};
use super::search::{self, SearchIndex};

/// One entry as review holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub started_at: DateTime<FixedOffset>,
    pub id: Box<str>,
    /// The practice id, shared by every row of that practice.
    pub practice: Arc<str>,
    /// The entry as stored (an edit holds its new entry's line), parsed when shown.
    line: Box<str>,
}

impl Row {
    /// The whole entry, parsed from its line (None only if the line no longer parses,
    /// which a line read as an entry always does).
    pub fn entry(&self) -> Option<Entry> {
        serde_json::from_str(&self.line).ok()
    }
}

/// Practice ids, each kept once however many rows name it.
#[derive(Debug, Default)]
struct Names(HashSet<Arc<str>>);

impl Names {
    fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(known) = self.0.get(name) {
            return known.clone();
        }
        let new: Arc<str> = Arc::from(name);
        self.0.insert(new.clone());
        new
    }

    fn row(&mut self, entry: &Entry, line: impl Into<Box<str>>) -> Row {
        Row {
            started_at: entry.started_at,
            id: entry.id.as_str().into(),
            practice: self.get(&entry.practice),
            line: line.into(),
        }
    }
}

/// What review keeps of one entry, made on the thread that parsed its line
/// (`ReviewData::read`), so that the entry itself is let go there.
pub struct Loaded {
    started_at: DateTime<FixedOffset>,
    id: Box<str>,
    line: Box<str>,
    place: EntryRef,
    /// Its search text (`search::append`).
    search: String,
    tally: Tally,
}

impl Loaded {
    pub fn new(entry: &Entry, line: String, place: EntryRef, day_starts_at: NaiveTime) -> Self {
        let mut search = String::new();
        search::append(&mut search, entry);
        Loaded {
            started_at: entry.started_at,
            id: entry.id.as_str().into(),
            line: line.into(),
            place,
            search,
            tally: Tally::of(entry, day_starts_at),
        }
    }
}

/// The rows, search text and aggregates, built entry by entry as the journal is read.
struct Built {
    aggregates: series::Builder,
    text: String,
    spans: Vec<std::ops::Range<usize>>,
    rows: Vec<Row>,
    places: Vec<EntryRef>,
    names: Names,
}

impl Built {
    fn new(day_starts_at: NaiveTime) -> Self {
        Self {
            aggregates: series::Builder::new(day_starts_at),
            text: String::new(),
            spans: Vec::new(),
            rows: Vec::new(),
            places: Vec::new(),
            names: Names::default(),
        }
    }

    fn push(&mut self, loaded: Loaded) {
        self.aggregates.push_tally(&loaded.tally);
        let start = self.text.len();
        self.text.push_str(&loaded.search);
        self.spans.push(start..self.text.len());
        self.rows.push(Row {
            started_at: loaded.started_at,
            id: loaded.id,
            practice: self.names.get(loaded.tally.practice()),
            line: loaded.line,
        });
        self.places.push(loaded.place);
    }
}

/// One change made in this review session that `u` can take back.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// The row as it was, and what the port took out.
    Deleted(Row, Kept),
    /// The row before the edit, what the port replaced, and where the edited entry is.
    Edited { row: Row, kept: Kept, at: EntryRef },
}

/// Newest first, ties broken by id so the order is stable.
fn newest_first(a: &Row, b: &Row) -> Ordering {
    b.started_at
        .cmp(&a.started_at)
        .then_with(|| b.id.cmp(&a.id))
}

/// The journal as review read it, before it is given its port (`ReviewData::over`).
#[derive(Debug)]
pub struct Read {
    search: SearchIndex,
    aggregates: Aggregates,
    rows: Vec<Row>,
    places: Vec<EntryRef>,
    unreadable: usize,
    day_starts_at: NaiveTime,
    names: Names,
}

/// The shared state of the review screens.
pub struct ReviewData {
    vault: Arc<dyn Vault>,
    clock: Arc<dyn Clock>,
    /// Newest first.
    rows: Vec<Row>,
    /// `places[i]` is the journal line `rows[i]` was read from: changes name the line,
    /// not the id, so two entries with one id are never confused.
    places: Vec<EntryRef>,
    /// `search.text(i)` is what History's search looks in for `rows[i]`.
    search: SearchIndex,
    /// Lines of the file that could not be read (kept in it untouched).
    unreadable: usize,
    aggregates: Aggregates,
    day_starts_at: NaiveTime,
    /// Where the person placed their own feeling words (the `[feelings]` settings).
    placements: Placements,
    practices: BTreeMap<String, Arc<Practice>>,
    names: Names,
    undo: Vec<Change>,
    /// Why the journal could not be read, when it could not.
    problem: Option<String>,
    /// Bumped on every change, so screens know when their derived views are stale.
    generation: u64,
}

impl ReviewData {
    /// Loads the journal through `vault`, and builds the rows, the search text and the
    /// aggregates in one pass.
    pub fn load(
        vault: Arc<dyn Vault>,
        clock: Arc<dyn Clock>,
        day_starts_at: NaiveTime,
        practices: impl IntoIterator<Item = Arc<Practice>>,
    ) -> Result<Self, VaultError> {
        let read = Self::read(vault.as_ref(), day_starts_at)?;
        Ok(Self::over(read, vault, clock, practices))
    }

    /// Reads the journal through `vault` into what review holds (on whichever thread
    /// reads: the app's worker, when there is one); `over` gives it its port.
    pub fn read(vault: &dyn Vault, day_starts_at: NaiveTime) -> Result<Read, VaultError> {
        // The port parses the lines on every core and makes each entry's row, search text
        // and tally there; they are put together here in journal order.
        let mut built = Built::new(day_starts_at);
        let summarise =
            |line: crate::journal::read::Line, at: Option<EntryRef>| match (line.content, at) {
                (Content::Entry { entry, raw }, Some(at)) => {
                    Some(Loaded::new(&entry, raw, at, day_starts_at))
                }
                _ => None,
            };
        let mut unreadable = 0;
        vault
            .open()?
            .scan(&summarise, |loaded| {
                match loaded {
                    Some(loaded) => built.push(loaded),
                    None => unreadable += 1,
                }
                Ok::<(), std::io::Error>(())
            })
            .map_err(|e| VaultError::unreadable(vault, e))?;
        let Built {
            aggregates,
            text,
            mut spans,
            mut rows,
            mut places,
            names,
        } = built;
        // A journal is written in time order, so newest first is nearly always file order
        // reversed, in place; only a journal out of order (back-dated check-ins, imports)
        // pays for a sort that moves every row three times.
        if rows.is_sorted_by(|a, b| newest_first(b, a).is_le()) {
            rows.reverse();
            spans.reverse();
            places.reverse();
        } else {
            let mut all: Vec<_> = spans.into_iter().zip(rows).zip(places).collect();
            all.sort_by(|a, b| newest_first(&a.0.1, &b.0.1));
            ((spans, rows), places) = all.into_iter().unzip();
        }
        Ok(Read {
            search: SearchIndex::new(text, spans),
            aggregates: aggregates.finish(),
            rows,
            places,
            unreadable,
            day_starts_at,
            names,
        })
    }

    /// Review's data from what was `read`, over `vault` (what exports read and, without
    /// a worker, what rewrites go through).
    pub fn over(
        read: Read,
        vault: Arc<dyn Vault>,
        clock: Arc<dyn Clock>,
        practices: impl IntoIterator<Item = Arc<Practice>>,
    ) -> Self {
        let Read {
            search,
            aggregates,
            rows,
            places,
            unreadable,
            day_starts_at,
            names,
        } = read;
        Self {
            search,
            aggregates,
            vault,
            clock,
            rows,
            places,
            unreadable,
            day_starts_at,
            placements: Placements::new(),
            practices: practices.into_iter().map(|p| (p.id.clone(), p)).collect(),
            names,
            undo: Vec::new(),
            problem: None,
            generation: 0,
        }
    }

    /// Nothing to show, because the journal could not be read (`why`, one sentence).
    pub fn failed(why: String, clock: Arc<dyn Clock>) -> Self {
        Self {
            vault: Arc::new(MemoryVault::default()),
            clock,
            rows: Vec::new(),
            places: Vec::new(),
            search: SearchIndex::default(),
            unreadable: 0,
            aggregates: Aggregates::default(),
            day_starts_at: NaiveTime::MIN,
            placements: Placements::new(),
            practices: BTreeMap::new(),
            names: Names::default(),
            undo: Vec::new(),
            problem: Some(why),
            generation: 0,
        }
    }

    /// Why the journal could not be read, if it could not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Every entry as a row, newest first.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Entry `i` of `rows()` in full.
    pub fn entry(&self, i: usize) -> Option<Entry> {
        self.rows.get(i)?.entry()
    }

    /// What History's search looks in for `rows()[i]`: its text answers, lower-cased.
    pub fn search_text(&self, i: usize) -> &str {
        self.search.text(i)
    }

    /// How many lines of the journal could not be read.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// Writes `export`, reading the journal as it is now through the port it was read
    /// through (without the app's worker: a journal in memory, tests, benches).
    pub fn export_here(&self, export: ToExport) -> Exported {
        export.carry_out(self.vault.as_ref())
    }

    /// The journal file, when there is one.
    pub fn journal_path(&self) -> Option<PathBuf> {
        self.vault.file().map(std::path::Path::to_path_buf)
    }

    pub fn aggregates(&self) -> &Aggregates {
        &self.aggregates
    }

    /// The same data with the person's own feeling words placed as `placements` says.
    #[must_use]
    pub fn with_placements(self, placements: Placements) -> Self {
        Self { placements, ..self }
    }

    /// Where the person placed their own feeling words.
    pub fn placements(&self) -> &Placements {
        &self.placements
    }

    pub fn day_starts_at(&self) -> NaiveTime {
        self.day_starts_at
    }

    /// Today, by the clock and `day_starts_at`.
    pub fn today(&self) -> NaiveDate {
        query::today(self.clock.as_ref(), self.day_starts_at)
    }

    /// The day a row's entry belongs to.
    pub fn day_of(&self, row: &Row) -> NaiveDate {
        query::day_of(row.started_at, self.day_starts_at)
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

    /// Takes row `at` out of the rows, the search text and the aggregates.
    fn take(&mut self, at: usize) -> Row {
        let row = self.rows.remove(at);
        self.places.remove(at);
        self.search.remove(at);
        if let Some(entry) = row.entry() {
            self.aggregates.remove(&entry);
        }
        self.generation += 1;
        row
    }

    /// Puts `entry` (its line `line`, read from line `place`) in at its place, newest first.
    fn put(&mut self, entry: &Entry, line: &str, place: EntryRef) {
        let row = self.names.row(entry, line);
        let at = self.rows.partition_point(|r| newest_first(r, &row).is_lt());
        self.aggregates.add(entry);
        self.search.insert(at, entry);
        self.rows.insert(at, row);
        self.places.insert(at, place);
        self.generation += 1;
    }

    /// Puts `entry` (its line `line`, now on line `place`) over row `at`. In place when the
    /// entry keeps its place in the order (an edited answer), so nothing shifts.
    fn swap(&mut self, at: usize, entry: &Entry, line: &str, place: EntryRef) {
        let row = self.names.row(entry, line);
        if newest_first(&self.rows[at], &row).is_ne() {
            self.take(at);
            self.put(entry, line, place);
            return;
        }
        if let Some(before) = self.rows[at].entry() {
            self.aggregates.remove(&before);
        }
        self.aggregates.add(entry);
        self.search.set(at, entry);
        self.places[at] = place;
        self.rows[at] = row;
        self.generation += 1;
    }

    /// The rewrite that deletes entry `at` (an index into `rows()`): the very line it was
    /// read from.
    pub fn to_delete(&self, at: usize) -> Option<Rewrite> {
        self.places.get(at).map(|&place| Rewrite::Delete(place))
    }

    /// The rewrite that changes entry `at` (an index into `rows()`) to `entry`, on its own
    /// line.
    pub fn to_replace(&self, at: usize, entry: &Entry) -> Option<Rewrite> {
        let place = *self.places.get(at)?;
        Some(Rewrite::Replace(place, Box::new(entry.clone())))
    }

    /// The rewrite that takes back the last change, when there is one.
    pub fn to_undo(&self) -> Option<Rewrite> {
        Some(match self.undo.last()? {
            Change::Deleted(_, kept) | Change::Edited { kept, .. } => {
                Rewrite::Restore(kept.clone())
            }
        })
    }

    /// Carries `rewrite` out here, on the port the journal was read through (a journal in
    /// memory, or no worker thread); `rewritten` applies what it did.
    pub fn rewrite_here(&mut self, rewrite: Rewrite) -> Rewrote {
        rewrite.carry_out(self.vault.as_ref())
    }

    /// What a rewrite did, applied to the rows, search text, aggregates and undo list, only
    /// when it succeeded (a failed one changes nothing). An undo returns what it undid, in
    /// words, and the id of the entry it brought back.
    pub fn rewritten(
        &mut self,
        asked: Rewrite,
        result: Result<Rewritten, VaultError>,
    ) -> Result<Option<(&'static str, String)>, VaultError> {
        let row_of = |places: &[EntryRef], place: EntryRef| places.iter().position(|p| *p == place);
        match (asked, result?) {
            (Rewrite::Delete(place), Rewritten::Deleted(removed)) => {
                if let Some(at) = row_of(&self.places, place) {
                    let row = self.take(at);
                    self.places.iter_mut().for_each(|p| p.follow(removed.shift));
                    self.undo.push(Change::Deleted(row, removed.kept));
                }
                Ok(None)
            }
            (Rewrite::Replace(place, entry), Rewritten::Edited(edited)) => {
                if let Some(at) = row_of(&self.places, place) {
                    let row = self.rows[at].clone();
                    self.places.iter_mut().for_each(|p| p.follow(edited.shift));
                    self.swap(at, &entry, &entry.to_line(), edited.at);
                    self.undo.push(Change::Edited {
                        row,
                        kept: edited.kept,
                        at: edited.at,
                    });
                }
                Ok(None)
            }
            (_, Rewritten::Restored(restored)) => Ok(self.restored(restored)),
            // A rewrite does what it was asked; nothing else comes back.
            _ => Ok(None),
        }
    }

    /// The last change was taken back in the journal and its entry is now at `restored.at`.
    fn restored(&mut self, restored: Restored) -> Option<(&'static str, String)> {
        let change = self.undo.pop()?;
        let place = restored.at;
        let (what, line, edited_at) = match change {
            Change::Deleted(row, _) => ("deletion", row.line.into_string(), None),
            Change::Edited { row, at, .. } => ("edit", row.line.into_string(), Some(at)),
        };
        let edited_row = edited_at.and_then(|at| self.places.iter().position(|p| *p == at));
        self.places
            .iter_mut()
            .for_each(|p| p.follow(restored.shift));
        // The line was read as an entry before, so it parses; the port kept it byte for byte.
        let entry = serde_json::from_str::<Entry>(&line).ok()?;
        match edited_row {
            Some(i) => self.swap(i, &entry, &line, place),
            None => self.put(&entry, &line, place),
        }
        Some((what, entry.id))
    }

    /// A rewrite carried out here and applied at once (the unit tests' way of changing).
    #[cfg(test)]
    fn here(
        &mut self,
        rewrite: Option<Rewrite>,
    ) -> Result<Option<(&'static str, String)>, VaultError> {
        let Some(rewrite) = rewrite else {
            return Ok(None);
        };
        let Rewrote { asked, result, .. } = self.rewrite_here(rewrite);
        self.rewritten(asked, result)
    }

    #[cfg(test)]
    fn delete(&mut self, at: usize) -> Result<(), VaultError> {
        self.here(self.to_delete(at)).map(|_| ())
    }

    #[cfg(test)]
    fn replace(&mut self, at: usize, entry: &Entry) -> Result<(), VaultError> {
        self.here(self.to_replace(at, entry)).map(|_| ())
    }

    #[cfg(test)]
    fn undo(&mut self) -> Result<Option<(&'static str, String)>, VaultError> {
        self.here(self.to_undo())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::TestClock;

    /// Every entry held, in full, newest first.
    fn all(d: &ReviewData) -> Vec<Entry> {
        d.rows().iter().filter_map(Row::entry).collect()
    }

    /// A journal line for tests.
    fn line(id: &str, practice: &str, at: &str, responses: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"{practice}","title":"{practice}","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{responses}}}"#
        )
    }

    fn data(lines: &[String]) -> ReviewData {
        ReviewData::load(
            Arc::new(MemoryVault::new(lines)),
            Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00")),
            NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
            [],
        )
        .unwrap()
    }

    /// The journal file read on every core builds exactly what the lines read one by one
    /// build: rows, places, search text, aggregates and the unreadable count.
    #[test]
    fn the_journal_file_read_in_parallel_builds_what_a_serial_read_builds() {
        let colours = ["blue", "Green ", "grey"];
        let mut lines: Vec<String> = (0..3000)
            .map(|i| {
                let at = format!(
                    "2026-{:02}-{:02}T{:02}:10:00.000+01:00",
                    1 + i % 11,
                    1 + i % 27,
                    i % 24
                );
                match i % 4 {
                    0 => line(
                        &format!("A{i}"),
                        "feeling-check-in",
                        &at,
                        &format!(
                            r#"{{"level":{},"colour":"{}","note":"Note {i}"}}"#,
                            1 + i % 5,
                            colours[i % 3]
                        ),
                    ),
                    1 => line(
                        &format!("B{i}"),
                        "stay-present",
                        &at,
                        r#"{"stay":{"urge_s":4.2,"extra_s":5,"total_s":9.2}}"#,
                    ),
                    2 => line(
                        &format!("C{i}"),
                        "breath-reset",
                        &at,
                        r#"{"before":2,"after":4,"tags":["Calm","x"]}"#,
                    ),
                    _ => line(
                        &format!("D{i}"),
                        "guide",
                        &at,
                        r#"{"guide":"g","step":2,"event":"moved-on"}"#,
                    ),
                }
            })
            .collect();
        lines.insert(700, "not json".to_owned());
        lines.insert(1900, String::new());
        let dir =
            std::env::temp_dir().join(format!("steady-review-parallel-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let clock: Arc<dyn Clock> = Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00"));
        let file = crate::journal::vault::FileVault::new(crate::journal::Store::new(&path));
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let parallel = ReviewData::load(Arc::new(file), clock.clone(), four, []).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let serial = ReviewData::load(Arc::new(MemoryVault::new(&lines)), clock, four, []).unwrap();
        assert_eq!(parallel.rows().len(), 3000);
        assert_eq!(parallel.unreadable(), 2);
        assert_eq!(parallel.unreadable(), serial.unreadable());
        assert!(parallel.rows() == serial.rows(), "rows differ");
        assert!(parallel.places == serial.places, "places differ");
        assert!(
            parallel.aggregates() == serial.aggregates(),
            "aggregates differ"
        );
        for i in 0..3000 {
            assert_eq!(parallel.search_text(i), serial.search_text(i), "row {i}");
        }
    }

    #[test]
    fn entries_are_newest_first() {
        let d = data(&[
            line("A", "x", "2026-11-20T10:00:00.000+01:00", "{}"),
            line("B", "x", "2026-11-21T10:00:00.000+01:00", "{}"),
        ]);
        let ids: Vec<_> = d.rows().iter().map(|r| &*r.id).collect();
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
        let mut d = data(&lines);
        assert_eq!(d.unreadable(), 1);
        let generation = d.generation();
        assert_eq!(all(&d)[0].id, "B");
        d.delete(0).unwrap();
        assert_eq!(all(&d).len(), 1);
        assert_eq!(d.aggregates().per_practice, [("x".to_owned(), 1)]);
        assert!(d.generation() > generation && d.can_undo());
        assert_eq!(d.undo().unwrap(), Some(("deletion", "B".to_owned())));
        assert_eq!(all(&d)[0].id, "B");
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
        let mut d = data(&lines);
        d.replace(0, &edited).unwrap();
        assert_eq!(all(&d)[0].str("note"), Some("changed"));
        assert_eq!(d.undo().unwrap(), Some(("edit", "B".to_owned())));
        assert_eq!(all(&d)[0].str("note"), Some("two"));
    }

    /// What the incremental updates must always equal: a fresh pass over the entries held.
    fn assert_fresh(d: &ReviewData) {
        let mut sorted = d.rows().to_vec();
        sorted.sort_by(newest_first);
        assert_eq!(d.rows(), sorted.as_slice(), "newest first");
        for (i, e) in all(d).iter().enumerate() {
            let mut fresh = String::new();
            search::append(&mut fresh, e);
            assert_eq!(d.search_text(i), fresh, "search text of {}", e.id);
        }
        assert_eq!(d.search_text(all(d).len()), "");
        assert_eq!(
            d.aggregates(),
            &Aggregates::from_entries(&all(d), d.day_starts_at())
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
            let mut d = data(&lines);
            let mut ids: Vec<String> = all(&d).iter().map(|e| e.id.clone()).collect();
            assert_fresh(&d);
            for op in ops {
                match op {
                    Op::Delete(i) if !all(&d).is_empty() => {
                        let at = i.index(all(&d).len());
                        let id = all(&d)[at].id.clone();
                        d.delete(at).unwrap();
                        ids.retain(|x| *x != id);
                    }
                    Op::Edit(i, note, to) if !all(&d).is_empty() => {
                        let at = i.index(all(&d).len());
                        let mut e = all(&d)[at].clone();
                        e.responses.insert("note".into(), note.into());
                        if let Some(to) = to {
                            e.started_at += chrono::Duration::hours(i64::from(to) - 14);
                        }
                        d.replace(at, &e).unwrap();
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
                let mut held: Vec<String> = all(&d).iter().map(|e| e.id.clone()).collect();
                held.sort();
                let mut expected = ids.clone();
                expected.sort();
                proptest::prop_assert_eq!(held, expected);
            }
        }
    }
}
