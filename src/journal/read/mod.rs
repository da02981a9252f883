//! Reading a journal tolerantly: every line is either an entry or an unreadable line with
//! its number and the reason, and one bad line never stops the others from being read.
//! Lines are streamed, so reading costs memory for one line at a time, and a line longer
//! than `MAX_LINE` is never loaded: it is reported by its byte range instead. A UTF-8 byte
//! order mark at the start of a line (an editor's, at the start of the file) is read as
//! nothing, and kept in the line's bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use super::entry::{Entry, FORMAT_VERSION};

mod ahead;

pub use ahead::{each_mapped, each_raw_mapped};

/// The longest line steady will read into memory.
pub const MAX_LINE: usize = 1024 * 1024;

/// One line of the journal file.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number.
    pub number: usize,
    /// Where the line starts in the file, in bytes.
    pub offset: u64,
    /// The line's length in bytes, without its newline.
    pub len: u64,
    /// False for a last line with no newline after it (a torn write).
    pub terminated: bool,
    pub content: Content,
}

/// What a line holds.
#[derive(Debug, Clone)]
pub enum Content {
    /// A readable entry and the exact text it was read from.
    Entry { entry: Box<Entry>, raw: String },
    /// A line steady cannot use; `raw` is None when it was too long to load.
    Unreadable {
        reason: Unreadable,
        raw: Option<Vec<u8>>,
    },
}

impl Content {
    /// The id of the entry, when this is one.
    pub fn entry_id(&self) -> Option<&str> {
        match self {
            Content::Entry { entry, .. } => Some(&entry.id),
            Content::Unreadable { .. } => None,
        }
    }
}

/// Why a line could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    Empty,
    NotUtf8,
    TooLong,
    /// Not a journal entry: the parser's message.
    Invalid(String),
    /// Written by a newer steady (`v` higher than this build knows).
    NewerVersion(u64),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Empty => write!(f, "the line is empty"),
            Unreadable::NotUtf8 => write!(f, "the line is not UTF-8 text"),
            Unreadable::TooLong => write!(f, "the line is longer than 1 MiB"),
            Unreadable::Invalid(why) => write!(f, "not a journal entry ({why})"),
            Unreadable::NewerVersion(v) => {
                write!(f, "written by a newer steady (format version {v})")
            }
        }
    }
}

impl Line {
    pub fn entry(&self) -> Option<&Entry> {
        match &self.content {
            Content::Entry { entry, .. } => Some(entry),
            Content::Unreadable { .. } => None,
        }
    }

    /// Why the line cannot be used, if it cannot.
    pub fn unreadable(&self) -> Option<&Unreadable> {
        match &self.content {
            Content::Entry { .. } => None,
            Content::Unreadable { reason, .. } => Some(reason),
        }
    }

    /// The line's exact bytes, when they were loaded (not for a line over `MAX_LINE`).
    pub fn raw(&self) -> Option<&[u8]> {
        match &self.content {
            Content::Entry { raw, .. } => Some(raw.as_bytes()),
            Content::Unreadable { raw, .. } => raw.as_deref(),
        }
    }
}

/// A whole journal in file order: every entry, and every line that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    pub lines: Vec<Line>,
}

impl Journal {
    /// The readable entries, oldest line first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> {
        self.lines.iter().filter_map(Line::entry)
    }

    /// The lines that could not be read, a torn last line included.
    pub fn unreadable(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.entry().is_none())
    }

    /// The last line, when no newline ends it: what an interrupted write leaves.
    pub fn torn_tail(&self) -> Option<&Line> {
        self.lines.last().filter(|l| !l.terminated)
    }

    /// The index of the first line holding the entry `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.entry().is_some_and(|e| e.id == id))
    }

    /// The exact line of the entry `id`.
    pub fn raw_line(&self, id: &str) -> Option<&str> {
        let line = &self.lines[self.position(id)?];
        match &line.content {
            Content::Entry { raw, .. } => Some(raw),
            Content::Unreadable { .. } => None,
        }
    }
}

/// A line's text, and the part of it that is parsed: a byte order mark (editors that add
/// one put it at the start of the file) is read as nothing, and kept in the text. Why the
/// line cannot be an entry, when it is not UTF-8 or holds nothing.
pub fn text_and_body(bytes: &[u8]) -> Result<(&str, &str), Unreadable> {
    let text = std::str::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
    let body = text.strip_prefix(super::splice::BOM).unwrap_or(text);
    if body.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    Ok((text, body))
}

/// Parses one line's text.
pub fn parse_line(bytes: &[u8]) -> Content {
    let unreadable = |reason| Content::Unreadable {
        reason,
        raw: Some(bytes.to_vec()),
    };
    let (text, body) = match text_and_body(bytes) {
        Ok(parts) => parts,
        Err(reason) => return unreadable(reason),
    };
    // One parse in the common case; only a line that is not a current entry is looked at
    // again, so that a newer entry is reported as such, not as malformed.
    match serde_json::from_str::<Entry>(body) {
        Ok(entry) if entry.v == FORMAT_VERSION => Content::Entry {
            entry: Box::new(entry),
            raw: text.to_owned(),
        },
        Ok(entry) if entry.v > FORMAT_VERSION => unreadable(Unreadable::NewerVersion(entry.v)),
        Ok(entry) => unreadable(Unreadable::Invalid(format!("format version {}", entry.v))),
        Err(e) => match newer_version(body) {
            Some(v) => unreadable(Unreadable::NewerVersion(v)),
            None => unreadable(Unreadable::Invalid(json_problem(&e))),
        },
    }
}

/// What is wrong with a line, in words for a person: serde's message without its
/// "line 1" (the line is named by whoever reports it) or Rust type names.
fn json_problem(e: &serde_json::Error) -> String {
    let column = e.column();
    if e.is_syntax() || e.is_eof() {
        return format!("not JSON from column {column} on");
    }
    e.to_string()
        .trim_end_matches(&format!(" at line {} column {column}", e.line()))
        .replace("struct Entry", "an entry object")
}

/// The `v` of a JSON object line when it is higher than this build knows.
fn newer_version(text: &str) -> Option<u64> {
    let v = serde_json::from_str::<serde_json::Value>(text)
        .ok()?
        .get("v")?
        .as_u64()?;
    (v > FORMAT_VERSION).then_some(v)
}

/// Streams the lines of a journal. A missing file reads as empty.
pub fn lines(path: &Path) -> io::Result<Lines<impl BufRead + Send>> {
    Ok(Lines::new(buffered(open(path)?)))
}

/// The journal file, or None when there is none.
fn open(path: &Path) -> io::Result<Option<File>> {
    match File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A journal file as a buffered reader; nothing to read when there is none.
fn buffered<'a, F: Read + Send + 'a>(file: Option<F>) -> BufReader<Box<dyn Read + Send + 'a>> {
    let file: Box<dyn Read + Send + 'a> = match file {
        Some(file) => Box::new(file),
        None => Box::new(io::empty()),
    };
    BufReader::with_capacity(64 * 1024, file)
}

/// The test hook between two passes over one open journal, in debug builds only (a release
/// build has none): when `STEADY_TEST_BETWEEN_PASSES` names a named pipe (FIFO), the reader
/// waits there until a test has written to it and closed it, so the test can rename a new
/// journal onto the path at exactly that moment. Any other value, or a path that is not a
/// FIFO, does nothing.
#[cfg(debug_assertions)]
pub(in crate::journal) fn between_passes() {
    use std::os::unix::fs::FileTypeExt;
    let Some(fifo) = std::env::var_os("STEADY_TEST_BETWEEN_PASSES") else {
        return;
    };
    let is_fifo = std::fs::metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo());
    if is_fifo && let Ok(mut wait) = File::open(&fifo) {
        let _ = io::copy(&mut wait, &mut io::sink());
    }
}

#[cfg(not(debug_assertions))]
pub(in crate::journal) fn between_passes() {}

/// An iterator over the lines of a journal.
pub struct Lines<R> {
    reader: R,
    number: usize,
    offset: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            number: 0,
            offset: 0,
            buf: Vec::new(),
        }
    }

    /// Reads up to the next newline, keeping at most `MAX_LINE` bytes; returns the line's
    /// full length and whether a newline ended it.
    fn read_capped(&mut self) -> io::Result<Option<(u64, bool)>> {
        let reader = &mut self.reader;
        self.buf.clear();
        let mut len = 0u64;
        loop {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                return Ok((len > 0).then_some((len, false)));
            }
            // memchr: a whole-journal scan spends most of its time looking for newlines.
            let (chunk, found) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..i], true),
                None => (available, false),
            };
            let room = (MAX_LINE + 1).saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            len += chunk.len() as u64;
            let used = chunk.len() + usize::from(found);
            reader.consume(used);
            if found {
                return Ok(Some((len, true)));
            }
        }
    }
}

/// One line as read, before any parsing: where it is, and its bytes unless it is longer than
/// `MAX_LINE`. Rewrites that change one line look at lines this way and parse only the few
/// that can hold what they look for.
#[derive(Debug)]
pub struct RawLine<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Where the line starts in the file, in bytes.
    pub offset: u64,
    /// The line's length in bytes, without its newline.
    pub len: u64,
    /// False for a last line with no newline after it (a torn write).
    pub terminated: bool,
    /// The line's exact bytes; `None` when it is too long to load.
    pub bytes: Option<&'a [u8]>,
}

impl<R: BufRead> Lines<R> {
    /// The next line, unparsed; `None` at the end.
    pub fn next_raw(&mut self) -> io::Result<Option<RawLine<'_>>> {
        let Some((len, terminated)) = self.read_capped()? else {
            return Ok(None);
        };
        self.number += 1;
        let offset = self.offset;
        self.offset += len + u64::from(terminated);
        Ok(Some(RawLine {
            number: self.number,
            offset,
            len,
            terminated,
            bytes: (len <= MAX_LINE as u64).then_some(&self.buf[..]),
        }))
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = match self.next_raw() {
            Ok(Some(raw)) => raw,
            Ok(None) => return None,
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(raw.parse()))
    }
}

impl RawLine<'_> {
    /// The line parsed: an entry, or why it cannot be one.
    pub fn parse(self) -> Line {
        let content = match self.bytes {
            Some(bytes) => parse_line(bytes),
            None => Content::Unreadable {
                reason: Unreadable::TooLong,
                raw: None,
            },
        };
        Line {
            number: self.number,
            offset: self.offset,
            len: self.len,
            terminated: self.terminated,
            content,
        }
    }
}

/// Reads a whole journal into memory.
pub fn read_all(path: &Path) -> io::Result<Vec<Line>> {
    lines(path)?.collect()
}

/// Reads a whole journal; a missing file is an empty journal.
pub fn load(path: &Path) -> io::Result<Journal> {
    Ok(Journal {
        lines: read_all(path)?,
    })
}

/// Reads lines from any reader (tests, stdin).
pub fn read_from(reader: impl Read) -> io::Result<Vec<Line>> {
    Lines::new(BufReader::new(reader)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3}}"#;

    #[test]
    fn reasons_are_words_not_parser_internals() {
        let reason = |text: &str| match parse_line(text.as_bytes()) {
            Content::Unreadable { reason, .. } => reason.to_string(),
            Content::Entry { .. } => panic!("{text} read as an entry"),
        };
        assert_eq!(
            reason("not json"),
            "not a journal entry (not JSON from column 2 on)"
        );
        assert_eq!(
            reason("3"),
            "not a journal entry (invalid type: integer `3`, expected an entry object)"
        );
        assert_eq!(
            reason(r#"{"v":1}"#),
            "not a journal entry (missing field `id`)"
        );
    }

    #[test]
    fn bad_lines_are_reported_and_good_ones_read() {
        let text = format!(
            "{GOOD}\nnot json\n<<<<<<< HEAD\n{}\n\u{0}\u{0}\n{GOOD}",
            GOOD.replace(r#""v":1"#, r#""v":2"#)
        );
        let lines = read_from(text.as_bytes()).unwrap();
        assert_eq!(lines.len(), 6);
        assert!(lines[0].entry().is_some());
        assert!(matches!(
            &lines[1].content,
            Content::Unreadable {
                reason: Unreadable::Invalid(_),
                ..
            }
        ));
        assert!(lines[2].entry().is_none());
        assert!(matches!(
            &lines[3].content,
            Content::Unreadable {
                reason: Unreadable::NewerVersion(2),
                ..
            }
        ));
        assert!(lines[4].entry().is_none());
        assert!(lines[5].entry().is_some());
        assert!(!lines[5].terminated, "last line has no newline");
        assert_eq!(lines[1].number, 2);
        assert_eq!(lines[1].offset, GOOD.len() as u64 + 1);
    }

    #[test]
    fn overlong_lines_are_not_loaded() {
        let long = "x".repeat(MAX_LINE + 10);
        let text = format!("{long}\n{GOOD}\n");
        let lines = read_from(text.as_bytes()).unwrap();
        assert!(matches!(
            &lines[0].content,
            Content::Unreadable {
                reason: Unreadable::TooLong,
                raw: None
            }
        ));
        assert_eq!(lines[0].len, long.len() as u64);
        assert!(lines[1].entry().is_some());
    }
}
