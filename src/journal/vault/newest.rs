//! The newest entries of a JSON Lines journal, read from its end: the first screen of home,
//! review and `log --limit` needs the last few dozen entries, and reading them costs the
//! same at a hundred entries or a million. Lines are read back in growing blocks; a line is
//! parsed exactly as the whole-journal reader parses it (`read::RawLine::parse`), so the two
//! never disagree about what is an entry.

use std::io;
use std::ops::{ControlFlow, Range};

use super::{EntryRef, Found, Newest};
use crate::journal::read::{Content, MAX_LINE, RawLine};

/// The first block read from the end; each next one is twice as long, up to `MOST_BLOCK`.
const FIRST_BLOCK: u64 = 16 * 1024;
const MOST_BLOCK: u64 = 4 * 1024 * 1024;

/// The last `n` readable entries of a journal `len` bytes long, last written first, with
/// `read` giving the bytes of a range.
pub fn from_end(
    len: u64,
    n: usize,
    read: impl Fn(Range<u64>) -> io::Result<Vec<u8>>,
) -> io::Result<Newest> {
    let mut found = Newest::default();
    if n == 0 {
        return Ok(found);
    }
    found.whole = walk_back(len, read, |offset, line, content| {
        match content {
            Content::Entry { entry, .. } => found.entries.push(Found {
                at: EntryRef::new(offset, line),
                entry: *entry,
            }),
            Content::Unreadable { .. } => found.unreadable += 1,
        }
        if found.entries.len() == n {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(found)
}

/// Hands `visit` the lines of a journal `len` bytes long from its end, last first: where
/// each starts, its bytes (empty for a line longer than `MAX_LINE`, which is never kept) and
/// what the whole-journal reader makes of it. Lines are what that reader makes of the file:
/// separated by newlines, the last one maybe without its own. Returns whether every line was
/// handed (false when `visit` stopped first).
pub fn walk_back(
    len: u64,
    read: impl Fn(Range<u64>) -> io::Result<Vec<u8>>,
    mut visit: impl FnMut(u64, &[u8], Content) -> ControlFlow<()>,
) -> io::Result<bool> {
    if len == 0 {
        return Ok(true);
    }
    // A newline at the very end ends the last line; it does not start another.
    let ends_in_newline = read(len - 1..len)? == b"\n";
    // `buf` holds the bytes from `start` up to the end of the lines not yet handed.
    let mut start = len - u64::from(ends_in_newline);
    let mut buf: Vec<u8> = Vec::new();
    let mut block = FIRST_BLOCK;
    // The line being passed over is longer than `MAX_LINE`: its bytes are not kept.
    let mut too_long = false;
    let mut hand = |offset: u64, line: &[u8], too_long: bool| {
        let raw = RawLine {
            number: 0,
            offset,
            len: line.len() as u64,
            terminated: true,
            bytes: (!too_long && line.len() <= MAX_LINE).then_some(line),
        };
        let content = raw.parse().content;
        visit(offset, if too_long { &[] } else { line }, content)
    };
    loop {
        match memchr::memrchr(b'\n', &buf) {
            Some(newline) => {
                let offset = start + newline as u64 + 1;
                if hand(offset, &buf[newline + 1..], too_long).is_break() {
                    return Ok(false);
                }
                too_long = false;
                buf.truncate(newline);
            }
            None if start == 0 => {
                let _ = hand(0, &buf, too_long);
                return Ok(true);
            }
            None => {
                if buf.len() > MAX_LINE {
                    too_long = true;
                    buf.clear();
                }
                let from = start.saturating_sub(block);
                let mut before = read(from..start)?;
                before.extend_from_slice(&buf);
                buf = before;
                start = from;
                block = (block * 2).min(MOST_BLOCK);
            }
        }
    }
}
