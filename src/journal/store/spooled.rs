//! Imports of any size: the lines to add wait in a spool file (see `journal::import`), and
//! only ids are held in memory, the journal's and the spool's, never their lines.
//!
//! An import also corrects what an older steady imported from the same file: `upgrade`
//! (`journal::import::upgrade`) names the id the current importer gives the record an old
//! line came from. When the file holds that record, the first such line is rewritten in
//! place as the current importer makes it (only the values that differ change; its time
//! and everything else stay), and any further copy of it (0.2 made one per time zone it was
//! read in) is removed, as is a copy when the journal already holds the current entry.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, Seek, SeekFrom};
use std::ops::Range;

use super::layout::{Layout, Piece};
use super::{Store, Written, lock_error};
use crate::journal::StoreError;
use crate::journal::entry::Entry;
use crate::journal::error::Doing;
use crate::journal::lock::Lock;
use crate::journal::read::{self, Lines};
use crate::journal::splice;

/// Names the entry the current importer makes from the record an old imported line came
/// from; `None` for every other line.
pub type Upgrade<'a> = &'a (dyn Fn(&[u8]) -> Option<Entry> + Sync);

/// What one import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub added: usize,
    /// Ids the journal already held.
    pub duplicates: usize,
    /// Lines of the file with the id of an earlier line of the file (the same record twice).
    pub repeated: usize,
    /// Entries an older steady imported from this file, corrected in place.
    pub updated: usize,
    /// Copies of such entries, removed.
    pub merged: usize,
}

/// What a scan of the journal keeps: its layout, and what an import decides by (`Held`).
struct Scan {
    layout: Layout,
    held: HeldIds,
}

/// What an import decides by: the journal's entries' ids, and for each line an older steady
/// imported, its index and the id its record has now. Any journal, wherever it is kept,
/// gathers these (`note`) and lets `plan` decide.
#[derive(Debug, Default)]
pub struct HeldIds {
    ids: HashSet<String>,
    older: Vec<(usize, String)>,
}

impl HeldIds {
    /// Line `index` of the journal holds `bytes`.
    pub fn note(&mut self, index: usize, bytes: &[u8], upgrade: Upgrade) {
        if let Some(id) = read::parse_line(bytes).entry_id() {
            self.ids.insert(id.to_owned());
        }
        if let Some(new) = upgrade(bytes) {
            self.older.push((index, new.id));
        }
    }

    /// The journal holds an entry with `id` (a line that shows only its id: a sealed one).
    pub fn hold(&mut self, id: &str) {
        self.ids.insert(id.to_owned());
    }

    /// What importing `lines` does: the counts, the old lines to rewrite (`true`) or remove
    /// (`false`) in line order, and the runs of the spool to add.
    pub fn plan(&self, lines: &[(String, Range<u64>)]) -> Plan {
        let mut counts = Imported::default();
        let wanted: HashSet<&str> = lines.iter().map(|(id, _)| id.as_str()).collect();
        let mut claimed: HashSet<&str> = HashSet::new();
        let mut changes = Vec::new();
        for (index, id) in &self.older {
            if !wanted.contains(id.as_str()) {
                continue;
            }
            let keep = !self.ids.contains(id) && claimed.insert(id);
            if keep {
                counts.updated += 1;
            } else {
                counts.merged += 1;
            }
            changes.push((*index, keep));
        }
        // The spool's ids are borrowed, not copied: an import of a million entries holds
        // each id once. Runs of new lines side by side are copied as one range.
        let mut new_ids: HashSet<&str> = HashSet::new();
        let mut runs: Vec<Range<u64>> = Vec::new();
        for (id, range) in lines {
            if !new_ids.insert(id) {
                counts.repeated += 1;
            } else if claimed.contains(id.as_str()) {
                // Counted as updated.
            } else if self.ids.contains(id) {
                counts.duplicates += 1;
            } else {
                counts.added += 1;
                match runs.last_mut() {
                    Some(run) if run.end == range.start => run.end = range.end,
                    _ => runs.push(range.clone()),
                }
            }
        }
        Plan {
            counts,
            changes,
            runs,
        }
    }
}

impl Scan {
    fn read(file: Option<&File>, upgrade: Upgrade) -> io::Result<Scan> {
        let mut scan = Scan {
            layout: Layout::default(),
            held: HeldIds::default(),
        };
        let Some(file) = file else {
            return Ok(scan);
        };
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        reader.seek(SeekFrom::Start(0))?;
        let mut journal = Lines::new(reader);
        while let Some(line) = journal.next_raw()? {
            let index = scan.layout.lines.len();
            scan.layout.lines.push((line.offset, line.len));
            scan.layout.len = line.offset + line.len + u64::from(line.terminated);
            scan.layout.torn = !line.terminated;
            let Some(bytes) = line.bytes else { continue };
            scan.held.note(index, bytes, upgrade);
        }
        Ok(scan)
    }
}

/// What an import will do (`HeldIds::plan`).
pub struct Plan {
    pub counts: Imported,
    /// Old imported lines by index, in order: corrected in place (`true`) or removed.
    pub changes: Vec<(usize, bool)>,
    /// The runs of the spool to add, in order.
    pub runs: Vec<Range<u64>>,
}

impl Store {
    /// Adds the lines of `spool` whose id the journal does not hold yet, in one rewrite,
    /// each exactly as spooled, and corrects the lines an older steady imported from the
    /// same records (see the module's description). `lines` gives each spooled line's id
    /// and byte range (with its newline), in order; an id given twice counts once.
    pub fn import_spooled(
        &self,
        spool: &File,
        lines: &[(String, Range<u64>)],
        upgrade: Upgrade,
    ) -> Result<Written<Imported>, StoreError> {
        self.locked(|held| {
            let read_error = |e| self.error(Doing::Read, e);
            let scan = Scan::read(held.file.as_ref(), upgrade).map_err(read_error)?;
            let plan = scan.held.plan(lines);
            if plan.counts.added + plan.counts.updated + plan.counts.merged == 0 {
                return Ok(plan.counts);
            }
            let layout = &scan.layout;
            // The corrected lines, made again from the journal's bytes.
            let mut rewritten: HashMap<usize, String> = HashMap::new();
            for &(index, keep) in &plan.changes {
                let file = held.file.as_ref().ok_or_else(|| read_error(gone()))?;
                if keep {
                    let bytes = layout.bytes(file, index).map_err(read_error)?;
                    let line = bytes
                        .and_then(|b| corrected(&b, upgrade))
                        .ok_or_else(|| read_error(gone()))?;
                    rewritten.insert(index, line);
                }
            }
            let mut pieces = Vec::new();
            let mut from = 0;
            for &(index, _) in &plan.changes {
                pieces.push(Piece::Keep(from..layout.start(index)));
                if let Some(line) = rewritten.get(&index) {
                    pieces.push(Piece::New(line));
                }
                from = layout.after(index);
            }
            pieces.push(Piece::Keep(from..layout.len));
            pieces.extend(plan.runs.iter().map(|r| Piece::Copy(spool, r.clone())));
            self.rewrite(held, layout, pieces)?;
            Ok(plan.counts)
        })
    }

    /// What `import_spooled` would do with `lines`, the journal only read.
    pub fn import_counts(
        &self,
        lines: &[(String, Range<u64>)],
        upgrade: Upgrade,
    ) -> Result<Imported, StoreError> {
        let target = self.target()?;
        let _lock =
            Lock::shared(&target, &self.wait).map_err(|e| lock_error(&target, Doing::Read, e))?;
        let file = match File::open(&target) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(self.error(Doing::Read, e)),
        };
        let scan = Scan::read(file.as_ref(), upgrade).map_err(|e| self.error(Doing::Read, e))?;
        Ok(scan.held.plan(lines).counts)
    }
}

/// An old imported line as the current importer makes its record: only the values that
/// differ are written into the line's own bytes.
pub fn corrected(bytes: &[u8], upgrade: Upgrade) -> Option<String> {
    let new = upgrade(bytes)?;
    let text = std::str::from_utf8(bytes).ok()?;
    Some(splice::edited_line(text, &new).unwrap_or_else(|| new.to_line()))
}

/// A line found in the scan is not there when read again: only a program that ignores
/// the lock can do that.
fn gone() -> io::Error {
    super::layout::changed_underneath()
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::Arc;

    use super::*;
    use crate::clock::TestClock;

    fn line(id: &str, level: i64) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:02.123+01:00","completed":true,"via":"cli","responses":{{"level":{level}}}}}"#
        )
    }

    /// A spool holding `ids`' lines, and where each is.
    fn spool(dir: &std::path::Path, ids: &[&str]) -> (File, Vec<(String, Range<u64>)>) {
        let path = dir.join("spool");
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        let mut at = 0;
        let mut lines = Vec::new();
        for id in ids {
            let text = format!("{}\n", line(id, 7));
            file.write_all(text.as_bytes()).unwrap();
            lines.push((id.to_string(), at..at + text.len() as u64));
            at += text.len() as u64;
        }
        (file, lines)
    }

    #[test]
    fn import_adds_only_new_ids_and_keeps_lines_as_given() {
        let dir = std::env::temp_dir().join(format!("steady-spooled-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, format!("{}\n???\n", line("A", 1))).unwrap();
        let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T09:30:00+01:00"));
        let store = Store::new(&path).with_clock(clock);
        let (file, lines) = spool(&dir, &["A", "B", "B", "C"]);
        let counts = store
            .import_spooled(&file, &lines, &|_| None)
            .unwrap()
            .value;
        assert_eq!(
            (counts.added, counts.duplicates, counts.repeated),
            (2, 1, 1)
        );
        let expected = format!(
            "{}\n???\n{}\n{}\n",
            line("A", 1),
            line("B", 7),
            line("C", 7)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        let again = store
            .import_spooled(&file, &lines, &|_| None)
            .unwrap()
            .value;
        assert_eq!((again.added, again.duplicates, again.repeated), (0, 3, 1));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
