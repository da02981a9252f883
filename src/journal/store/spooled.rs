//! Imports of any size: the lines to add wait in a spool file (see `journal::import`), and
//! only ids are held in memory, the journal's and the spool's, never their lines.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Seek, SeekFrom};
use std::ops::Range;

use super::layout::{Layout, Piece};
use super::{Imported, Store, Written};
use crate::journal::StoreError;
use crate::journal::error::Doing;
use crate::journal::read::{self, Lines};

impl Store {
    /// Adds the lines of `spool` whose id the journal does not hold yet, in one rewrite,
    /// each exactly as spooled. `lines` gives each spooled line's id and byte range (with
    /// its newline), in order; an id given twice counts once.
    pub fn import_spooled(
        &self,
        spool: &File,
        lines: &[(String, Range<u64>)],
    ) -> Result<Written<Imported>, StoreError> {
        self.locked(|held| {
            let mut layout = Layout::default();
            let mut journal_ids: HashSet<String> = HashSet::new();
            if let Some(f) = &held.file {
                let read_error = |e| self.error(Doing::Read, e);
                let mut reader = BufReader::with_capacity(256 * 1024, f);
                reader.seek(SeekFrom::Start(0)).map_err(read_error)?;
                let mut journal = Lines::new(reader);
                while let Some(line) = journal.next_raw().map_err(read_error)? {
                    layout.len = line.offset + line.len + u64::from(line.terminated);
                    layout.torn = !line.terminated;
                    let id = line
                        .bytes
                        .and_then(|b| read::parse_line(b).entry_id().map(str::to_owned));
                    journal_ids.extend(id);
                }
            }
            let mut counts = Imported::default();
            // The spool's ids are borrowed, not copied: an import of a million entries holds
            // each id once. Runs of new lines side by side are copied as one range.
            let mut new_ids: HashSet<&str> = HashSet::new();
            let mut runs: Vec<Range<u64>> = Vec::new();
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
                self.rewrite(held, &layout, pieces)?;
            }
            Ok(counts)
        })
    }
}
