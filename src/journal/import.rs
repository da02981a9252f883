//! Reading entries to import: a JSON array (as `export --format json` writes), JSON Lines, or
//! another journal. Each good entry keeps its line exactly as given (an array item becomes
//! its compact JSON, key order kept), each bad one is rejected with its place, and one bad
//! item never stops the others. Adding them to the journal is `Store::import_lines`.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::read::{self, Content, Line, Unreadable};

/// Entries read from a file to import.
#[derive(Debug, Default)]
pub struct Source {
    /// `(id, line)` of each good entry, in file order.
    pub entries: Vec<(String, String)>,
    pub rejected: Vec<Rejected>,
}

/// Where a rejected entry was in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// 1-based line of a JSON Lines file.
    Line(usize),
    /// 1-based position in a JSON array.
    Item(usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Item(n) => write!(f, "item {n}"),
        }
    }
}

/// An entry that could not be imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub place: Place,
    pub reason: Unreadable,
}

/// A source that cannot be imported at all.
#[derive(Debug)]
pub enum SourceError {
    Unreadable { path: PathBuf, source: io::Error },
    NotJson { path: PathBuf, why: String },
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceError::Unreadable { path, source }
                if source.kind() == io::ErrorKind::NotFound =>
            {
                write!(f, "there is no file {}; check the path", path.display())
            }
            SourceError::Unreadable { path, source } => write!(
                f,
                "cannot read {} ({}); check that it is a file you may read",
                path.display(),
                crate::fsutil::io_words(source)
            ),
            SourceError::NotJson { path, why } => write!(
                f,
                "{} is not a json or jsonl export of steady entries ({why}); give a file written by `steady export --format json` or `--format jsonl`, or a journal",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SourceError {}

/// Reads the entries in `path`.
pub fn read_source(path: &Path) -> Result<Source, SourceError> {
    let unreadable = |source| SourceError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(unreadable)?);
    let first = first_byte(&mut reader).map_err(unreadable)?;
    let source = if first == Some(b'[') {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(unreadable)?;
        from_array(&bytes).map_err(|e| SourceError::NotJson {
            path: path.to_owned(),
            why: format!("{e}"),
        })?
    } else {
        let lines = read::Lines::new(reader).collect::<io::Result<Vec<_>>>();
        from_lines(lines.map_err(unreadable)?).ok_or_else(|| SourceError::NotJson {
            path: path.to_owned(),
            why: "no line is a JSON object".into(),
        })?
    };
    Ok(source)
}

/// The first byte that is not white space, leaving it unread.
fn first_byte(reader: &mut BufReader<File>) -> io::Result<Option<u8>> {
    use std::io::BufRead;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let byte = buf[i];
                reader.consume(i);
                return Ok(Some(byte));
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Entries from a JSON array; each item is re-written as compact JSON with its keys in order.
fn from_array(bytes: &[u8]) -> serde_json::Result<Source> {
    let items: Vec<Value> = serde_json::from_slice(bytes)?;
    let mut source = Source::default();
    for (i, item) in items.iter().enumerate() {
        let line = serde_json::to_string(item)?;
        accept(
            &mut source,
            read::parse_line(line.as_bytes()),
            Place::Item(i + 1),
        );
    }
    Ok(source)
}

/// Entries from JSON Lines; `None` when no line is JSON at all (not a jsonl file).
fn from_lines(lines: Vec<Line>) -> Option<Source> {
    let mut source = Source::default();
    let mut any_json = false;
    for line in lines {
        if line.unreadable() == Some(&Unreadable::Empty) {
            continue;
        }
        any_json |= line.entry().is_some()
            || line.raw().is_some_and(|raw| {
                serde_json::from_slice::<Value>(raw).is_ok_and(|v| v.is_object())
            });
        accept(&mut source, line.content, Place::Line(line.number));
    }
    (any_json || source.rejected.is_empty()).then_some(source)
}

fn accept(source: &mut Source, content: Content, place: Place) {
    match content {
        Content::Entry { entry, raw } if !entry.id.trim().is_empty() => {
            source.entries.push((entry.id, raw));
        }
        Content::Entry { .. } => source.rejected.push(Rejected {
            place,
            reason: Unreadable::Invalid("the id is empty".into()),
        }),
        Content::Unreadable { reason, .. } => source.rejected.push(Rejected { place, reason }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3,"w":1.25},"zz_unknown":[1]}"#;

    #[test]
    fn array_items_become_the_exact_lines() {
        let text = format!("[{GOOD},\n  {{\"v\":1}}, 7]");
        let source = from_array(text.as_bytes()).unwrap();
        assert_eq!(source.entries.len(), 1);
        assert_eq!(source.entries[0].1, GOOD);
        let places: Vec<_> = source.rejected.iter().map(|r| r.place).collect();
        assert_eq!(places, [Place::Item(2), Place::Item(3)]);
    }

    #[test]
    fn jsonl_keeps_lines_and_skips_blank_ones() {
        let text = format!("{GOOD}\n\nnot json\n");
        let source = from_lines(read::read_from(text.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            source.entries,
            [("01JD3Q8Z4W8M1R2T5Y7B9C0XKA".to_string(), GOOD.to_string())]
        );
        assert_eq!(source.rejected.len(), 1);
        assert_eq!(source.rejected[0].place, Place::Line(3));
    }

    #[test]
    fn a_file_with_no_json_is_not_jsonl() {
        let lines = read::read_from("date,level\n2026-11-22,3\n".as_bytes()).unwrap();
        assert!(from_lines(lines).is_none());
        let lines = read::read_from("".as_bytes()).unwrap();
        assert!(from_lines(lines).is_some(), "an empty file imports nothing");
    }
}
