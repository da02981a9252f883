//! Changing one line: delete, restore, edit, and putting an old line back. Each acts on the
//! very line the person chose, named by a `LineRef` (its position and a fingerprint of its
//! bytes, both checked under the lock before the rewrite), so two lines with the same id
//! are never confused; a line that moved or changed since it was read is left alone and the
//! caller is told (`None`). An edit splices the new values into the line's own bytes
//! (`splice`), so every other byte of it stays as it was.

use std::hash::{DefaultHasher, Hasher};

use super::layout::{Layout, Piece};
use super::{Held, Store, Written};
use crate::journal::entry::Entry;
use crate::journal::error::{Doing, StoreError};
use crate::journal::read;
use crate::journal::splice;

/// One line of the journal as it was read: its 0-based position and a fingerprint of its
/// exact bytes. Whoever holds one keeps its position current as lines before it are taken
/// out or put back (`after_removal`, `after_insertion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineRef {
    index: usize,
    len: u64,
    digest: u64,
}

impl LineRef {
    /// Line `index`, whose bytes (without the newline) are `bytes`.
    pub fn new(index: usize, bytes: &[u8]) -> LineRef {
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        LineRef {
            index,
            len: bytes.len() as u64,
            digest: hasher.finish(),
        }
    }

    /// The line's 0-based position.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Whether `bytes` are the bytes this line was read with.
    pub fn holds(&self, bytes: &[u8]) -> bool {
        *self == LineRef::new(self.index, bytes)
    }

    /// Line `at` was taken out: a line after it moved up one.
    pub fn after_removal(&mut self, at: usize) {
        if self.index > at {
            self.index -= 1;
        }
    }

    /// A line was put in at `at`: this line, if at or after it, moved down one.
    pub fn after_insertion(&mut self, at: usize) {
        if self.index >= at {
            self.index += 1;
        }
    }
}

/// A line taken out by `delete`, with what `restore` needs to put it back where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Where the line was when it was deleted.
    pub at: LineRef,
    /// The exact line, without its newline.
    pub line: String,
    /// The exact line just before it, if any and if it was loaded.
    before: Option<Vec<u8>>,
    /// The nearest readable entry before it, to find its place if lines moved since.
    pub(in crate::journal) prev_id: Option<String>,
}

/// What an edit did: the exact line it replaced (for undo) and where the new line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub old: String,
    pub at: LineRef,
}

impl Store {
    /// Removes the line `at`; `None` (and no write) when it is no longer there as it was.
    pub fn delete(&self, at: &LineRef) -> Result<Written<Option<Removed>>, StoreError> {
        self.locked_scan(&[], |held, layout| {
            let Some(line) = self.line_at(held, layout, at)? else {
                return Ok(None);
            };
            let read = |e| self.error(Doing::Read, e);
            let index = at.index;
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
            Ok(Some(Removed {
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
    pub fn restore(&self, removed: &Removed) -> Result<Written<LineRef>, StoreError> {
        self.check_line(&removed.line)?;
        let ids: Vec<&str> = removed.prev_id.as_deref().into_iter().collect();
        self.locked_scan(&ids, |held, layout| {
            let read = |e| self.error(Doing::Read, e);
            let count = layout.lines.len();
            let index = removed.at.index;
            let same_place = index <= count
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
            Ok(LineRef::new(at, removed.line.as_bytes()))
        })
    }

    /// Changes the entry on line `at` to `new`, writing only the values that differ into
    /// the line's own bytes. `None` (and no write) when the line is no longer there as it
    /// was.
    pub fn edit(&self, at: &LineRef, new: &Entry) -> Result<Written<Option<Edited>>, StoreError> {
        self.locked_scan(&[], |held, layout| {
            let Some(old) = self.line_at(held, layout, at)? else {
                return Ok(None);
            };
            let line = splice::edited_line(&old, new)
                .ok_or_else(|| self.invalid("the edit could not be written into its line"))?;
            self.check_line(&line)?;
            self.put_over(held, layout, at.index, &line)?;
            Ok(Some(Edited {
                old,
                at: LineRef::new(at.index, line.as_bytes()),
            }))
        })
    }

    /// Puts `line` (an entry, exactly as given) over line `at`; undo of an edit puts the
    /// old line back this way. Returns where it is, or `None` (and no write) when line `at`
    /// is no longer there as it was.
    pub fn replace_at(
        &self,
        at: &LineRef,
        line: &str,
    ) -> Result<Written<Option<LineRef>>, StoreError> {
        self.check_line(line)?;
        if read::parse_line(line.as_bytes()).entry_id().is_none() {
            return Err(self.invalid("a replacement must be a journal entry"));
        }
        self.locked_scan(&[], |held, layout| {
            if self.line_at(held, layout, at)?.is_none() {
                return Ok(None);
            }
            self.put_over(held, layout, at.index, line)?;
            Ok(Some(LineRef::new(at.index, line.as_bytes())))
        })
    }

    /// The text of line `at` when it is still there with the same bytes.
    fn line_at(
        &self,
        held: &Held,
        layout: &Layout,
        at: &LineRef,
    ) -> Result<Option<String>, StoreError> {
        let Some(file) = &held.file else {
            return Ok(None);
        };
        if at.index >= layout.lines.len() {
            return Ok(None);
        }
        let bytes = layout
            .bytes(file, at.index)
            .map_err(|e| self.error(Doing::Read, e))?;
        Ok(bytes
            .filter(|b| at.holds(b))
            .and_then(|b| String::from_utf8(b).ok()))
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
