//! What the review screens share: the journal's entries (newest first) as compact rows,
//! each entry's search text, their aggregates, the port they came from, and the undo list
//! of changes made while review is open. A row keeps only what lists, filters and sorting
//! need (when, which practice, the id) and where the entry is ([`EntryRef`]); the entries
//! on screen are fetched whole through the port (`fetch`, after each key, never while
//! drawing) and kept in a small cache, so a million entries cost their summaries, not
//! their lines. Every change is a `Rewrite` carried out through a port (here, or on the
//! app's worker thread) first; only when it succeeds is the in-memory copy updated
//! (`rewritten`), so the screens never show what the file does not hold. The search text
//! and the aggregates are built once at load and then changed entry by entry, so a change
//! costs the same at 100 entries or 100,000.
//!
//! Review may first hold only the newest entries (`Read::newest`, read from the journal's
//! end) while the whole journal is read beside it; `is_partial` says so, and the screens
//! say "reading…" where a number or a key needs every entry.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::clock::Clock;
use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::feelings::Placements;
use crate::journal::lock::LockWait;
use crate::journal::query;
use crate::journal::read::Content;
use crate::journal::series::{self, Aggregates, Tally};
use crate::journal::vault::{EntryRef, Kept, MemoryVault, Restored, Vault};
use crate::practice::model::Practice;

use super::export_dialog::{Exported, ToExport};
use super::rewrite::{Rewrite, Rewritten, Rewrote};
use super::search::{self, SearchIndex};

/// How many of the newest entries review shows first, while it reads the rest: more than
/// any screen holds, and read from the journal's end in about a millisecond.
pub const FIRST_SCREEN: usize = 200;

/// An entry's id as a row keeps it: a ULID (what steady writes) as its 16 bytes, any other
/// id as written. It reads, compares and orders as the id's text does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Id {
    Ulid([u8; 16]),
    Other(Box<str>),
}

/// The ULID alphabet (Crockford's base 32), in the order of its characters' codes, so
/// ULIDs order as their numbers do.
const ULID_DIGITS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl Id {
    fn new(id: &str) -> Id {
        Self::ulid(id).map_or_else(|| Id::Other(id.into()), Id::Ulid)
    }

    /// The 128 bits of a ULID written as steady writes it (26 upper-case digits, the first
    /// at most 7), which give back exactly that text; None for any other id.
    fn ulid(id: &str) -> Option<[u8; 16]> {
        let bytes = id.as_bytes();
        if bytes.len() != 26 || bytes[0] > b'7' {
            return None;
        }
        let mut value: u128 = 0;
        for &b in bytes {
            let digit = ULID_DIGITS.iter().position(|&d| d == b)?;
            value = (value << 5) | digit as u128;
        }
        Some(value.to_be_bytes())
    }

    /// The id as written.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Id::Other(id) => std::borrow::Cow::Borrowed(id),
            Id::Ulid(bytes) => {
                let value = u128::from_be_bytes(*bytes);
                let text: String = (0..26)
                    .rev()
                    .map(|i| char::from(ULID_DIGITS[((value >> (5 * i)) & 31) as usize]))
                    .collect();
                std::borrow::Cow::Owned(text)
            }
        }
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Id::Ulid(a), Id::Ulid(b)) => a.cmp(b),
            _ => self.text().cmp(&other.text()),
        }
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        match self {
            Id::Other(id) => &**id == other,
            Id::Ulid(bytes) => Self::ulid(other).is_some_and(|b| b == *bytes),
        }
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// One entry as review holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub started_at: DateTime<FixedOffset>,
    pub id: Id,
    /// The practice id's number (`ReviewData::practice_of` names it).
    practice: u32,
}

/// Practice ids, each kept once however many rows name it: a row holds its number here.
#[derive(Debug, Default)]
struct Names {
    names: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl Names {
    fn get(&mut self, name: &str) -> u32 {
        if let Some(&known) = self.numbers.get(name) {
            return known;
        }
        let new = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.into());
        self.numbers.insert(name.into(), new);
        new
    }

    fn name(&self, number: u32) -> &str {
        self.names.get(number as usize).map_or("", |n| n)
    }

    fn row(&mut self, entry: &Entry) -> Row {
        Row {
            started_at: entry.started_at,
            id: Id::new(&entry.id),
            practice: self.get(&entry.practice),
        }
    }
}

/// What review keeps of one entry, made on the thread that parsed its line
/// (`ReviewData::read`), so that the entry itself is let go there.
pub struct Loaded {
    started_at: DateTime<FixedOffset>,
    id: Id,
    place: EntryRef,
    /// Its search text (`search::append`).
    search: String,
    tally: Tally,
}

impl Loaded {
    pub fn new(entry: &Entry, place: EntryRef, day_starts_at: NaiveTime) -> Self {
        let mut search = String::new();
        search::append(&mut search, entry);
        Loaded {
            started_at: entry.started_at,
            id: Id::new(&entry.id),
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
    spans: Vec<search::Span>,
    rows: Vec<Row>,
    places: Vec<EntryRef>,
    names: Names,
}

/// How much a whole read of a journal is expected to hold, so its lists are made once
/// at their size: a list that doubles as it grows holds both copies for a moment, and at
/// a million entries that moment is review's peak.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Expected {
    entries: usize,
    text: usize,
}

impl Expected {
    /// From the journal file's size and its newest entries' lines and search text, a
    /// little over (room asked for and never written to is not held in memory). Nothing
    /// when there is no file to measure or nothing in it.
    fn of(vault: &dyn Vault) -> Expected {
        const SAMPLE: usize = 64;
        let bytes = vault
            .file()
            .and_then(|path| std::fs::metadata(path).ok())
            .map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        let Ok(sample) = vault.newest(SAMPLE) else {
            return Expected::default();
        };
        let n = sample.entries.len();
        if bytes == 0 || n == 0 {
            return Expected::default();
        }
        let mut text = String::new();
        let line_bytes: usize = sample
            .entries
            .iter()
            .map(|found| {
                search::append(&mut text, &found.entry);
                found.entry.to_line().len() + 1
            })
            .sum();
        let entries = (bytes / (line_bytes / n).max(1)).saturating_mul(9) / 8;
        Expected {
            entries,
            text: entries.saturating_mul(text.len()) / n * 3 / 2,
        }
    }
}

impl Built {
    fn new(day_starts_at: NaiveTime, expected: Expected) -> Self {
        Self {
            aggregates: series::Builder::new(day_starts_at),
            text: String::with_capacity(expected.text),
            spans: Vec::with_capacity(expected.entries),
            rows: Vec::with_capacity(expected.entries),
            places: Vec::with_capacity(expected.entries),
            names: Names::default(),
        }
    }

    fn push(&mut self, loaded: Loaded) {
        self.aggregates.push_tally(&loaded.tally);
        let start = self.text.len();
        self.text.push_str(&loaded.search);
        self.spans.push(search::Span::new(start..self.text.len()));
        self.rows.push(Row {
            started_at: loaded.started_at,
            id: loaded.id,
            practice: self.names.get(loaded.tally.practice()),
        });
        self.places.push(loaded.place);
    }
}

/// One change made in this review session that `u` can take back, with the entries it
/// needs to be put back (the row is compact; its entry is not read again).
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// The entry taken out, and what the port took out with it.
    Deleted { entry: Box<Entry>, kept: Kept },
    /// The entry before the edit, what the port replaced, where the edited entry is, and
    /// the edited entry.
    Edited {
        before: Box<Entry>,
        kept: Kept,
        at: EntryRef,
        edited: Box<Entry>,
    },
}

/// Newest first, ties broken by id so the order is stable.
fn newest_first(a: &Row, b: &Row) -> Ordering {
    b.started_at
        .cmp(&a.started_at)
        .then_with(|| b.id.cmp(&a.id))
}

/// Puts `items` in `order` (`items[k]` becomes what was at `order[k]`) by swapping along
/// the cycles, so no second copy of the list is ever held.
fn arrange<T>(items: &mut [T], order: &[u32]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let from = order[k] as usize;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
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
    /// Only the newest entries were read (`Read::newest`): the rest is still to come.
    partial: bool,
    /// The entries read whole on the way (the newest), to show before any is fetched.
    fetched: HashMap<EntryRef, Entry>,
}

impl Read {
    /// Whether only the newest entries were read.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// How many entries were read.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no entry was read.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The newest `n` entries of the journal, read from its end through `vault`: the first
    /// screen, while the rest is read (or, when they are all it holds, the whole journal).
    pub fn newest(
        vault: &dyn Vault,
        n: usize,
        day_starts_at: NaiveTime,
    ) -> Result<Read, VaultError> {
        let newest = vault.newest(n)?;
        let mut built = Built::new(day_starts_at, Expected::default());
        let mut fetched = HashMap::with_capacity(newest.entries.len());
        // Last written first: put back in journal order, as a whole read builds it.
        for found in newest.entries.into_iter().rev() {
            built.push(Loaded::new(&found.entry, found.at, day_starts_at));
            fetched.insert(found.at, found.entry);
        }
        let mut read = built.finish(newest.unreadable, day_starts_at);
        read.partial = !newest.whole;
        read.fetched = fetched;
        Ok(read)
    }
}

impl Built {
    /// The rows newest first, with their search text and aggregates.
    fn finish(self, unreadable: usize, day_starts_at: NaiveTime) -> Read {
        let Built {
            aggregates,
            text,
            mut spans,
            mut rows,
            mut places,
            names,
        } = self;
        // A journal is written in time order, so newest first is nearly always file order
        // reversed, in place; a journal out of order (back-dated check-ins, imports) is
        // sorted through a list of positions and rearranged in place, never copied.
        if rows.is_sorted_by(|a, b| newest_first(b, a).is_le()) {
            rows.reverse();
            spans.reverse();
            places.reverse();
        } else {
            let mut order: Vec<u32> = (0..u32::try_from(rows.len()).unwrap_or(u32::MAX)).collect();
            order.sort_by(|&a, &b| newest_first(&rows[a as usize], &rows[b as usize]));
            arrange(&mut rows, &order);
            arrange(&mut spans, &order);
            arrange(&mut places, &order);
        }
        Read {
            search: SearchIndex::new(text, spans),
            aggregates: aggregates.finish(),
            rows,
            places,
            unreadable,
            day_starts_at,
            names,
            partial: false,
            fetched: HashMap::new(),
        }
    }
}

/// The shared state of the review screens.
pub struct ReviewData {
    vault: Arc<dyn Vault>,
    clock: Arc<dyn Clock>,
    /// Newest first.
    rows: Vec<Row>,
    /// `places[i]` is where `rows[i]` was read: changes name the entry by its place, not
    /// its id, so two entries with one id are never confused.
    places: Vec<EntryRef>,
    /// The entries on screen, whole, by place (`fetch`).
    fetched: HashMap<EntryRef, Entry>,
    /// The port `fetch` reads through: the same journal, never waiting for another
    /// steady's lock, so a key never holds the screen (an entry it could not read shows
    /// what its row knows until the next key).
    reader: Arc<dyn Vault>,
    /// The entry a change asked for is about, kept fetched until the change ends.
    changing: Option<EntryRef>,
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
    /// Only the newest entries are held; the whole journal is being read.
    partial: bool,
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
        let mut built = Built::new(day_starts_at, Expected::of(vault));
        let summarise =
            |line: crate::journal::read::Line, at: Option<EntryRef>| match (line.content, at) {
                (Content::Entry { entry, .. }, Some(at)) => {
                    Some(Loaded::new(&entry, at, day_starts_at))
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
        Ok(built.finish(unreadable, day_starts_at))
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
            partial,
            fetched,
        } = read;
        let reader = vault
            .waiting(LockWait::up_to(std::time::Duration::ZERO))
            .map_or_else(|| vault.clone(), |reader| reader as Arc<dyn Vault>);
        Self {
            search,
            aggregates,
            reader,
            vault,
            clock,
            rows,
            places,
            fetched,
            changing: None,
            unreadable,
            day_starts_at,
            placements: Placements::new(),
            practices: practices.into_iter().map(|p| (p.id.clone(), p)).collect(),
            names,
            undo: Vec::new(),
            problem: None,
            partial,
            generation: 0,
        }
    }

    /// The whole journal, `read` after the newest entries were shown: it takes their place,
    /// with the same port, practices, feeling words and the entries already fetched.
    pub fn fill(&mut self, read: Read) {
        let fetched = std::mem::take(&mut self.fetched);
        let placements = std::mem::take(&mut self.placements);
        let practices = std::mem::take(&mut self.practices);
        let generation = self.generation + 1;
        *self = Self {
            fetched,
            practices,
            generation,
            ..Self::over(read, self.vault.clone(), self.clock.clone(), [])
        }
        .with_placements(placements);
    }

    /// Nothing to show, because the journal could not be read (`why`, one sentence).
    pub fn failed(why: String, clock: Arc<dyn Clock>) -> Self {
        let vault: Arc<dyn Vault> = Arc::new(MemoryVault::default());
        Self {
            reader: vault.clone(),
            vault,
            clock,
            rows: Vec::new(),
            places: Vec::new(),
            fetched: HashMap::new(),
            changing: None,
            search: SearchIndex::default(),
            unreadable: 0,
            aggregates: Aggregates::default(),
            day_starts_at: NaiveTime::MIN,
            placements: Placements::new(),
            practices: BTreeMap::new(),
            names: Names::default(),
            undo: Vec::new(),
            problem: Some(why),
            partial: false,
            generation: 0,
        }
    }

    /// Why the journal could not be read, if it could not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Whether only the newest entries are held while the whole journal is read.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Every entry as a row, newest first.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Where row `i`'s entry is.
    pub fn place(&self, i: usize) -> Option<EntryRef> {
        self.places.get(i).copied()
    }

    /// Entry `i` of `rows()` in full, when it was fetched (it is, once it is on screen).
    pub fn entry(&self, i: usize) -> Option<&Entry> {
        self.fetched.get(self.places.get(i)?)
    }

    /// Fetches the entries of `wanted` (indices into `rows()`: what is on screen) through
    /// the port, keeping those already held and letting the others go, but for the entry
    /// a change is under way for. An entry no longer there as it was read is left out
    /// (its row shows what the row knows).
    pub fn fetch(&mut self, wanted: impl IntoIterator<Item = usize>) {
        let wanted: HashSet<EntryRef> = wanted
            .into_iter()
            .filter_map(|i| self.places.get(i).copied())
            .collect();
        let changing = self.changing;
        self.fetched
            .retain(|at, _| wanted.contains(at) || Some(*at) == changing);
        for at in wanted {
            if !self.fetched.contains_key(&at)
                && let Ok(Some(entry)) = self.reader.get(&at)
            {
                self.fetched.insert(at, entry);
            }
        }
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

    /// The practice id of a row's entry.
    pub fn practice_of(&self, row: &Row) -> &str {
        self.names.name(row.practice)
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

    /// Takes row `at` (whose entry is `entry`) out of the rows, the search text and the
    /// aggregates.
    fn take(&mut self, at: usize, entry: &Entry) {
        self.rows.remove(at);
        self.places.remove(at);
        self.search.remove(at);
        self.aggregates.remove(entry);
        self.generation += 1;
    }

    /// Puts `entry` (now at `place`) in at its place, newest first.
    fn put(&mut self, entry: &Entry, place: EntryRef) {
        let row = self.names.row(entry);
        let at = self.rows.partition_point(|r| newest_first(r, &row).is_lt());
        self.aggregates.add(entry);
        self.search.insert(at, entry);
        self.rows.insert(at, row);
        self.places.insert(at, place);
        self.generation += 1;
    }

    /// Puts `entry` (now at `place`) over row `at`, whose entry was `before`. In place when
    /// the entry keeps its place in the order (an edited answer), so nothing shifts.
    fn swap(&mut self, at: usize, before: &Entry, entry: &Entry, place: EntryRef) {
        let row = self.names.row(entry);
        if newest_first(&self.rows[at], &row).is_ne() {
            self.take(at, before);
            self.put(entry, place);
            return;
        }
        self.aggregates.remove(before);
        self.aggregates.add(entry);
        self.search.set(at, entry);
        self.places[at] = place;
        self.rows[at] = row;
        self.generation += 1;
    }

    /// The entry at `place`, when it is held whole.
    fn fetched_at(&self, place: EntryRef) -> Option<&Entry> {
        self.fetched.get(&place)
    }

    /// The rewrite that deletes entry `at` (an index into `rows()`): the very entry it was
    /// read as. None when the entry is not held whole (it is, once shown).
    pub fn to_delete(&mut self, at: usize) -> Option<Rewrite> {
        let place = self.place(at)?;
        self.fetched_at(place)?;
        self.changing = Some(place);
        Some(Rewrite::Delete(place))
    }

    /// The rewrite that changes entry `at` (an index into `rows()`) to `entry`, in its
    /// place.
    pub fn to_replace(&mut self, at: usize, entry: &Entry) -> Option<Rewrite> {
        let place = self.place(at)?;
        self.fetched_at(place)?;
        self.changing = Some(place);
        Some(Rewrite::Replace(place, Box::new(entry.clone())))
    }

    /// The rewrite that takes back the last change, when there is one.
    pub fn to_undo(&self) -> Option<Rewrite> {
        Some(match self.undo.last()? {
            Change::Deleted { kept, .. } | Change::Edited { kept, .. } => {
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
    /// words, and the id of the entry it brought back. The entries held whole are let go
    /// (their places may have moved): `fetch` reads those on screen again.
    pub fn rewritten(
        &mut self,
        asked: Rewrite,
        result: Result<Rewritten, VaultError>,
    ) -> Result<Option<(&'static str, String)>, VaultError> {
        self.changing = None;
        let result = result?;
        let row_of = |places: &[EntryRef], place: EntryRef| places.iter().position(|p| *p == place);
        // What was held whole may have moved; a failed change (returned above) moved nothing.
        let mut fetched = std::mem::take(&mut self.fetched);
        let said = match (asked, result) {
            (Rewrite::Delete(place), Rewritten::Deleted(removed)) => {
                if let (Some(at), Some(entry)) =
                    (row_of(&self.places, place), fetched.remove(&place))
                {
                    self.take(at, &entry);
                    self.places.iter_mut().for_each(|p| p.follow(removed.shift));
                    self.undo.push(Change::Deleted {
                        entry: Box::new(entry),
                        kept: removed.kept,
                    });
                }
                None
            }
            (Rewrite::Replace(place, entry), Rewritten::Edited(edited)) => {
                if let (Some(at), Some(before)) =
                    (row_of(&self.places, place), fetched.remove(&place))
                {
                    self.places.iter_mut().for_each(|p| p.follow(edited.shift));
                    self.swap(at, &before, &entry, edited.at);
                    self.undo.push(Change::Edited {
                        before: Box::new(before),
                        kept: edited.kept,
                        at: edited.at,
                        edited: entry,
                    });
                }
                None
            }
            (_, Rewritten::Restored(restored)) => self.restored(restored),
            // A rewrite does what it was asked; nothing else comes back.
            _ => None,
        };
        Ok(said)
    }

    /// The last change was taken back in the journal and its entry is now at `restored.at`.
    fn restored(&mut self, restored: Restored) -> Option<(&'static str, String)> {
        let change = self.undo.pop()?;
        let place = restored.at;
        let edited_at = match &change {
            Change::Deleted { .. } => None,
            Change::Edited { at, .. } => Some(*at),
        };
        let edited_row = edited_at.and_then(|at| self.places.iter().position(|p| *p == at));
        self.places
            .iter_mut()
            .for_each(|p| p.follow(restored.shift));
        Some(match change {
            Change::Deleted { entry, .. } => {
                self.put(&entry, place);
                ("deletion", entry.id)
            }
            Change::Edited { before, edited, .. } => {
                match edited_row {
                    Some(i) => self.swap(i, &edited, &before, place),
                    None => self.put(&before, place),
                }
                ("edit", before.id)
            }
        })
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

    /// Deletes entry `at` as History does: once it is on screen.
    #[cfg(test)]
    fn delete(&mut self, at: usize) -> Result<(), VaultError> {
        self.fetch([at]);
        let rewrite = self.to_delete(at);
        self.here(rewrite).map(|_| ())
    }

    /// Changes entry `at` as History does: once it is on screen.
    #[cfg(test)]
    fn replace(&mut self, at: usize, entry: &Entry) -> Result<(), VaultError> {
        self.fetch([at]);
        let rewrite = self.to_replace(at, entry);
        self.here(rewrite).map(|_| ())
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

    /// Every entry held, in full, newest first (read through the port).
    fn all(d: &ReviewData) -> Vec<Entry> {
        d.places
            .iter()
            .map(|at| {
                d.vault
                    .get(at)
                    .unwrap()
                    .expect("every row's entry is there")
            })
            .collect()
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

    /// The newest entries read from the journal's end are the first rows of the whole
    /// journal, at the same places, with their entries held whole; the whole journal
    /// filled in after them holds every entry and keeps what was held.
    #[test]
    fn the_newest_are_the_first_rows_of_the_whole_journal_and_fill_brings_the_rest() {
        let lines: Vec<String> = (0..30)
            .map(|i| {
                let at = format!("2026-11-{:02}T{:02}:00:00.000+01:00", 1 + i / 3, 8 + i % 3);
                line(
                    &format!("E{i:02}"),
                    "x",
                    &at,
                    &format!(r#"{{"note":"N{i}"}}"#),
                )
            })
            .collect();
        let vault: Arc<dyn Vault> = Arc::new(MemoryVault::new(&lines));
        let clock: Arc<dyn Clock> = Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00"));
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let newest = Read::newest(vault.as_ref(), 8, four).unwrap();
        assert!(newest.is_partial() && newest.len() == 8);
        let mut d = ReviewData::over(newest, vault.clone(), clock.clone(), []);
        let whole = ReviewData::load(vault.clone(), clock, four, []).unwrap();
        assert!(d.is_partial() && !whole.is_partial());
        let seen = |d: &ReviewData| -> Vec<(String, String)> {
            d.rows()
                .iter()
                .map(|r| (r.id.to_string(), d.practice_of(r).to_owned()))
                .collect()
        };
        assert_eq!(seen(&d), seen(&whole)[..8]);
        assert_eq!(d.places, whole.places[..8]);
        assert_eq!(d.entry(0).map(|e| e.id.as_str()), Some("E29"), "held whole");
        assert_eq!(d.search_text(7), whole.search_text(7));
        let generation = d.generation();
        d.fill(ReviewData::read(vault.as_ref(), four).unwrap());
        assert!(!d.is_partial() && d.generation() > generation);
        assert_eq!(d.rows(), whole.rows());
        assert!(d.aggregates() == whole.aggregates());
        assert_eq!(d.entry(0).map(|e| e.id.as_str()), Some("E29"), "still held");
        assert!(!Read::newest(vault.as_ref(), 30, four).unwrap().is_partial());
    }

    /// A journal out of time order is put newest first by rearranging in place.
    #[test]
    fn an_out_of_order_journal_is_arranged_newest_first() {
        let days = [5, 1, 9, 3, 3, 7, 2, 8, 6, 4];
        let lines: Vec<String> = days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                line(
                    &format!("E{i}"),
                    "x",
                    &format!("2026-11-{d:02}T10:00:00.000+01:00"),
                    "{}",
                )
            })
            .collect();
        let d = data(&lines);
        let mut expected: Vec<(u32, String)> = days
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, format!("E{i}")))
            .collect();
        expected.sort_by(|a, b| b.cmp(a));
        let ids: Vec<String> = d.rows().iter().map(|r| r.id.to_string()).collect();
        let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
        assert_eq!(ids, expected);
        for (i, e) in all(&d).iter().enumerate() {
            assert_eq!(e.id, ids[i], "each row's place is its own entry");
        }
    }

    #[test]
    fn a_ulid_is_kept_in_sixteen_bytes() {
        let id = Id::new("01HE4QTA7RNGH15PEM35B30WVG");
        assert!(matches!(id, Id::Ulid(_)));
        assert_eq!(id.to_string(), "01HE4QTA7RNGH15PEM35B30WVG");
        assert!(matches!(
            Id::new("01he4qta7rngh15pem35b30wvg"),
            Id::Other(_)
        ));
        assert!(matches!(
            Id::new("81HE4QTA7RNGH15PEM35B30WVG"),
            Id::Other(_)
        ));
    }

    #[test]
    fn entries_are_newest_first() {
        let d = data(&[
            line("A", "x", "2026-11-20T10:00:00.000+01:00", "{}"),
            line("B", "x", "2026-11-21T10:00:00.000+01:00", "{}"),
        ]);
        let ids: Vec<_> = d.rows().iter().map(|r| r.id.to_string()).collect();
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
        /// A row's id reads, compares and orders as its text does, a ULID kept in 16 bytes
        /// or not (lower case, too long, a first digit over 7, any other id).
        #[test]
        fn ids_read_and_order_as_their_text(
            a in "[0-9A-HJKMNP-TV-Z]{26}|[0-7][0-9A-HJKMNP-TV-Z]{25}|[0-9a-zA-Z]{0,27}",
            b in "[0-7][0-9A-HJKMNP-TV-Z]{25}|[0-9A-Za-z]{0,27}",
        ) {
            let (x, y) = (Id::new(&a), Id::new(&b));
            proptest::prop_assert_eq!(x.to_string(), a.clone());
            proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            proptest::prop_assert_eq!(x == *b.as_str(), a == b);
        }
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
