//! How a rewrite sees the journal: its lines by byte range, found by one scan under the lock
//! that parses only the lines that could hold the ids asked for (see `Wanted::may_be_in`),
//! and the pieces (`Piece`) the new journal is made of: ranges of the old file copied
//! exactly, and new lines.

use std::fs::File;
use std::io::{self, BufReader, Seek, SeekFrom};
use std::ops::Range;
use std::os::unix::fs::FileExt;

use memchr::memmem;

use crate::journal::read::{self, Lines, MAX_LINE};

/// One stretch of the new journal a rewrite produces.
pub(super) enum Piece<'a> {
    /// These bytes of the current file, copied exactly (whole lines with their newlines).
    Keep(Range<u64>),
    /// A new line (no newline inside); its newline is added.
    New(&'a str),
    /// These bytes of another file (whole lines with their newlines), copied exactly.
    Copy(&'a File, Range<u64>),
}

/// The journal's lines by byte range, as read under the lock, and where the entries with the
/// ids a rewrite asked for are.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Each line's start and length (without its newline).
    pub lines: Vec<(u64, u64)>,
    /// The file's length.
    pub len: u64,
    /// The last line has no newline. Only a writer that ignores the lock can leave one (the
    /// store sets a torn line aside first); a rewrite then ends it with a newline, as it ends
    /// every line.
    pub torn: bool,
    /// For each id asked for, the first line holding an entry with that id.
    pub found: Vec<Option<usize>>,
}

impl Layout {
    /// Reads `file` from its start, parsing only the lines that may hold one of `ids`.
    pub fn scan(file: &File, ids: &[&str]) -> io::Result<Layout> {
        let mut layout = Layout {
            found: vec![None; ids.len()],
            ..Layout::default()
        };
        let wanted: Vec<Wanted> = ids.iter().map(|id| Wanted::new(id)).collect();
        let mut reader = BufReader::with_capacity(256 * 1024, file);
        reader.seek(SeekFrom::Start(0))?;
        let mut lines = Lines::new(reader);
        while let Some(line) = lines.next_raw()? {
            let index = layout.lines.len();
            layout.lines.push((line.offset, line.len));
            layout.len = line.offset + line.len + u64::from(line.terminated);
            layout.torn = !line.terminated;
            // A line too long to load is never an entry.
            let Some(bytes) = line.bytes else {
                continue;
            };
            let maybe = |k: usize| layout.found[k].is_none() && wanted[k].may_be_in(bytes);
            if !(0..ids.len()).any(maybe) {
                continue;
            }
            if let Some(id) = read::parse_line(bytes).entry_id() {
                for (k, found) in layout.found.iter_mut().enumerate() {
                    if found.is_none() && ids[k] == id {
                        *found = Some(index);
                    }
                }
            }
        }
        Ok(layout)
    }

    /// Line `i`'s exact bytes, read again from `file`; `None` when it is too long to load.
    pub fn bytes(&self, file: &File, i: usize) -> io::Result<Option<Vec<u8>>> {
        let (offset, len) = self.lines[i];
        if len > MAX_LINE as u64 {
            return Ok(None);
        }
        let mut buf = vec![0; len as usize];
        file.read_exact_at(&mut buf, offset)?;
        Ok(Some(buf))
    }

    /// The id of the nearest entry before line `i`.
    pub fn entry_before(&self, file: &File, i: usize) -> io::Result<Option<String>> {
        for j in (0..i).rev() {
            if let Some(bytes) = self.bytes(file, j)?
                && let Some(id) = read::parse_line(&bytes).entry_id()
            {
                return Ok(Some(id.to_owned()));
            }
        }
        Ok(None)
    }

    /// The line that starts at byte `offset`, when one does.
    pub fn index_at(&self, offset: u64) -> Option<usize> {
        self.lines
            .binary_search_by_key(&offset, |&(start, _)| start)
            .ok()
    }

    /// Where line `i` starts (the end of the file past the last line).
    pub fn start(&self, i: usize) -> u64 {
        self.lines.get(i).map_or(self.len, |&(offset, _)| offset)
    }

    /// Where the line after line `i` starts.
    pub fn after(&self, i: usize) -> u64 {
        self.start(i + 1)
    }
}

/// An id a scan looks for, with its searcher built once for all the lines.
struct Wanted<'a> {
    literal: memmem::Finder<'a>,
    /// The id has characters JSON may also write as `\"`, `\\`, `\/` or a control escape.
    escapable: bool,
}

impl<'a> Wanted<'a> {
    fn new(id: &'a str) -> Self {
        Wanted {
            literal: memmem::Finder::new(id),
            escapable: id.contains(|c: char| matches!(c, '"' | '\\' | '/') || c.is_control()),
        }
    }

    /// Whether a line can hold the id as a JSON string. Literally is the usual way; besides
    /// that only through escapes: `\uXXXX` for any character, the short ones for a few. A
    /// line that passes is then parsed in full, so a false "maybe" (the id inside a note,
    /// say) costs one parse and nothing else.
    fn may_be_in(&self, line: &[u8]) -> bool {
        self.literal.find(line).is_some()
            || (memchr::memchr(b'\\', line).is_some()
                && (self.escapable || memmem::find(line, b"\\u").is_some()))
    }
}

/// The journal changed under the lock between two reads of it: only a program that ignores
/// the lock can do that.
pub(super) fn changed_underneath() -> io::Error {
    io::Error::other("the journal was changed by another program while steady was rewriting it")
}
