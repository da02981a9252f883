//! Changing one line: delete, restore, edit, and putting an old line back. Each acts on the
//! very line the person chose, named by an `EntryRef` (where it starts and a fingerprint of its
//! bytes, both checked under the lock before the rewrite), so two lines with the same id
//! are never confused; a line that moved or changed since it was read is left alone and the
//! caller is told (`None`). An edit splices the new values into the line's own bytes
//! (`splice`), so every other byte of it stays as it was.

use super::layout::{Layout, Piece};
use super::{Held, Store, Written};
use crate::journal::entry::Entry;
use crate::journal::error::{Doing, StoreError};
use crate::journal::read;
use crate::journal::splice;
use crate::journal::vault::EntryRef;

/// A line taken out by `delete`, with what `restore` needs to put it back where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// Where the line was when it was deleted.
    pub at: EntryRef,
    /// The exact line, without its newline.
    pub line: String,
    /// The exact line just before it, if any and if it was loaded.
    before: Option<Vec<u8>>,
    /// The nearest readable entry before it, to find its place if lines moved since.
    pub(in crate::journal) prev_id: Option<String>,
}

impl Deleted {
    /// A line taken out of a journal that keeps no ids to find its place by.
    pub(in crate::journal) fn new(at: EntryRef, line: String, before: Option<Vec<u8>>) -> Self {
        Deleted {
            at,
            line,
            before,
            prev_id: None,
        }
    }

    /// The exact line that was just before it.
    pub(in crate::journal) fn before(&self) -> Option<&[u8]> {
        self.before.as_deref()
    }
}

/// What an edit did: the exact line it replaced (for undo) and where the new line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub old: String,
    pub at: EntryRef,
}

impl Store {
    /// Removes the line `at`; `None` (and no write) when it is no longer there as it was.
    pub fn delete(&self, at: &EntryRef) -> Result<Written<Option<Deleted>>, StoreError> {
        self.locked_scan(&[], |held, layout| {
            let Some((index, line)) = self.line_at(held, layout, at)? else {
                return Ok(None);
            };
            let read = |e| self.error(Doing::Read, e);
            let (before, prev_id) = match (&held.file, index.checked_sub(1)) {
                (Some(file), Some(i)) => (
                    layout.bytes(file, i).map_err(read)?,
                    layout.entry_before(file, index).map_err(read)?,
                ),
                _ => (None, None),
            };
            let pieces = [
                Piece::Keep(0..layout.start(index)),
                Piece::Keep(layout.after(index)..layout.len),
            ];
            self.rewrite(held, layout, pieces)?;
            Ok(Some(Deleted {
                at: *at,
                line,
                before,
                prev_id,
            }))
        })
    }

    /// Puts a deleted line back, byte for byte: at its old place when the line before it is
    /// still there, else after the entry that preceded it, else at the end. Returns where it
    /// went. A line equal to it elsewhere (an identical copy) does not stop it: undo of a
    /// delete always brings the deleted line back.
    pub fn restore(&self, removed: &Deleted) -> Result<Written<EntryRef>, StoreError> {
        self.check_line(&removed.line)?;
        let ids: Vec<&str> = removed.prev_id.as_deref().into_iter().collect();
        self.locked_scan(&ids, |held, layout| {
            let read = |e| self.error(Doing::Read, e);
            let count = layout.lines.len();
            let offset = removed.at.offset();
            let place = if offset == layout.len {
                Some(count)
            } else {
                layout.index_at(offset)
            };
            let index = place.unwrap_or(count);
            let same_place = place.is_some()
                && match (index.checked_sub(1), &held.file) {
                    (None, _) => removed.before.is_none(),
                    (Some(i), Some(file)) => {
                        let line = layout.bytes(file, i).map_err(read)?;
                        line.is_some() && line == removed.before
                    }
                    // No journal, so no line before it.
                    (Some(_), None) => false,
                };
            let at = if same_place {
                index
            } else {
                layout
                    .found
                    .first()
                    .copied()
                    .flatten()
                    .map_or(count, |i| i + 1)
            };
            let pieces = [
                Piece::Keep(0..layout.start(at)),
                Piece::New(&removed.line),
                Piece::Keep(layout.start(at)..layout.len),
            ];
            self.rewrite(held, layout, pieces)?;
            Ok(EntryRef::new(layout.start(at), removed.line.as_bytes()))
        })
    }

    /// Changes the entry on line `at` to `new`, writing only the values that differ into
    /// the line's own bytes. `None` (and no write) when the line is no longer there as it
    /// was.
    pub fn edit(&self, at: &EntryRef, new: &Entry) -> Result<Written<Option<Edited>>, StoreError> {
        self.locked_scan(&[], |held, layout| {
            let Some((index, old)) = self.line_at(held, layout, at)? else {
                return Ok(None);
            };
            let line = splice::edited_line(&old, new)
                .ok_or_else(|| self.invalid("the edit could not be written into its line"))?;
            self.check_line(&line)?;
            self.put_over(held, layout, index, &line)?;
            Ok(Some(Edited {
                old,
                at: EntryRef::new(at.offset(), line.as_bytes()),
            }))
        })
    }

    /// Puts `line` (an entry, exactly as given) over line `at`; undo of an edit puts the
    /// old line back this way. Returns where it is, or `None` (and no write) when line `at`
    /// is no longer there as it was.
    pub fn replace_at(
        &self,
        at: &EntryRef,
        line: &str,
    ) -> Result<Written<Option<EntryRef>>, StoreError> {
        self.check_line(line)?;
        if read::parse_line(line.as_bytes()).entry_id().is_none() {
            return Err(self.invalid("a replacement must be a journal entry"));
        }
        self.locked_scan(&[], |held, layout| {
            let Some((index, _)) = self.line_at(held, layout, at)? else {
                return Ok(None);
            };
            self.put_over(held, layout, index, line)?;
            Ok(Some(EntryRef::new(at.offset(), line.as_bytes())))
        })
    }

    /// The index and text of the line `at` when it is still there with the same bytes.
    fn line_at(
        &self,
        held: &Held,
        layout: &Layout,
        at: &EntryRef,
    ) -> Result<Option<(usize, String)>, StoreError> {
        let (Some(file), Some(index)) = (&held.file, layout.index_at(at.offset())) else {
            return Ok(None);
        };
        let bytes = layout
            .bytes(file, index)
            .map_err(|e| self.error(Doing::Read, e))?;
        Ok(bytes
            .filter(|b| at.holds(b))
            .and_then(|b| String::from_utf8(b).ok())
            .map(|line| (index, line)))
    }

    /// Rewrites the journal with line `index` replaced by `line`.
    fn put_over(
        &self,
        held: &Held,
        layout: &Layout,
        index: usize,
        line: &str,
    ) -> Result<(), StoreError> {
        let pieces = [
            Piece::Keep(0..layout.start(index)),
            Piece::New(line),
            Piece::Keep(layout.after(index)..layout.len),
        ];
        self.rewrite(held, layout, pieces)
    }
}
