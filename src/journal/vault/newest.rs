//! The newest entries of a JSON Lines journal, read from its end: the first screen of home,
//! review and `log --limit` needs the last few dozen entries, and reading them costs the
//! same at a hundred entries or a million. Lines are read back in growing blocks; a line is
//! parsed exactly as the whole-journal reader parses it (`read::RawLine::parse`), so the two
//! never disagree about what is an entry.

use std::io;
use std::ops::Range;

use super::{EntryRef, Found, Newest};
use crate::journal::read::{Content, MAX_LINE, RawLine};

/// The first block read from the end; each next one is twice as long, up to `MOST_BLOCK`.
const FIRST_BLOCK: u64 = 16 * 1024;
const MOST_BLOCK: u64 = 4 * 1024 * 1024;

/// The last `n` readable entries of a journal `len` bytes long, last written first, with
/// `read` giving the bytes of a range. Lines are what the whole-journal reader makes of
/// the file: separated by newlines, the last one maybe without its own.
pub fn from_end(
    len: u64,
    n: usize,
    read: impl Fn(Range<u64>) -> io::Result<Vec<u8>>,
) -> io::Result<Newest> {
    let mut found = Newest::default();
    if len == 0 {
        found.whole = true;
        return Ok(found);
    }
    // A newline at the very end ends the last line; it does not start another.
    let ends_in_newline = read(len - 1..len)? == b"\n";
    // `buf` holds the bytes from `start` up to the end of the lines not yet taken.
    let mut start = len - u64::from(ends_in_newline);
    let mut buf: Vec<u8> = Vec::new();
    let mut block = FIRST_BLOCK;
    // The line being passed over is longer than `MAX_LINE`: its bytes are not kept.
    let mut too_long = false;
    while found.entries.len() < n {
        match memchr::memrchr(b'\n', &buf) {
            Some(newline) => {
                take(
                    &mut found,
                    start + newline as u64 + 1,
                    &buf[newline + 1..],
                    too_long,
                );
                too_long = false;
                buf.truncate(newline);
            }
            None if start == 0 => {
                take(&mut found, 0, &buf, too_long);
                found.whole = true;
                break;
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
    Ok(found)
}

/// Adds the line at `offset` to what was found: an entry with its reference, or one more
/// unreadable line (as is a line `too_long` to have been kept).
fn take(found: &mut Newest, offset: u64, line: &[u8], too_long: bool) {
    let raw = RawLine {
        number: 0,
        offset,
        len: line.len() as u64,
        terminated: true,
        bytes: (!too_long && line.len() <= MAX_LINE).then_some(line),
    };
    match raw.parse().content {
        Content::Entry { entry, .. } => found.entries.push(Found {
            at: EntryRef::new(offset, line),
            entry: *entry,
        }),
        Content::Unreadable { .. } => found.unreadable += 1,
    }
}
