//! Reading entries to import, from a steady export or journal (`steady`), a Daylio CSV
//! export (`daylio`), a jrnl JSON export (`jrnl`) or a Pixels JSON backup (`pixels`). Every
//! candidate goes through the contract's checks (`check`); the good ones are written to a
//! spool file (unlinked as soon as it is made, so nothing is ever left behind) and only
//! their ids and places are kept, so a file of any size imports in bounded memory; the
//! rejected ones keep their place and reason. Adding the spool to the journal is
//! `Store::import_spooled`.

pub mod check;
mod daylio;
mod jrnl;
mod pixels;
mod steady;

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufWriter, Write};
use std::ops::Range;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use serde_json::{Map, Value};

use super::entry::{Entry, FORMAT_VERSION, Via};
use super::id;
use crate::fsutil;
use crate::practice::Library;

/// Where a file to import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Steady,
    Daylio,
    Jrnl,
    Pixels,
}

impl Kind {
    /// The name `--from` takes.
    pub fn flag(self) -> &'static str {
        match self {
            Kind::Steady => "steady",
            Kind::Daylio => "daylio",
            Kind::Jrnl => "jrnl",
            Kind::Pixels => "pixels",
        }
    }

    /// The app, as people call it.
    fn app(self) -> &'static str {
        match self {
            Kind::Steady => "steady",
            Kind::Daylio => "Daylio",
            Kind::Jrnl => "jrnl",
            Kind::Pixels => "Pixels",
        }
    }
}

/// What an import needs besides the file.
pub struct Options<'a> {
    pub kind: Kind,
    /// The practices whose answers are checked.
    pub library: &'a Library,
    /// Daylio mood names (lower case) and their levels, beyond the five standard ones.
    pub moods: HashMap<String, i64>,
    /// The folder to spool accepted lines in (the journal's); `None` for a dry run, which
    /// keeps only ids.
    pub spool_in: Option<PathBuf>,
}

/// Where a candidate was in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// 1-based line of the file.
    Line(usize),
    /// 1-based position in a JSON array (or in jrnl's entries).
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

/// A candidate that was not accepted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub place: Place,
    pub reason: String,
}

/// How many rejections are kept with their reasons (the rest are only counted).
pub const KEPT_REJECTIONS: usize = 10;

/// What was read: the accepted lines (in the spool, by id and byte range) and the rejected.
#[derive(Debug)]
pub struct Batch {
    /// The spool holding the accepted lines, each with its newline; `None` on a dry run.
    pub spool: Option<File>,
    pub lines: Vec<(String, Range<u64>)>,
    /// The first `KEPT_REJECTIONS` rejections.
    pub rejected: Vec<Rejected>,
    pub rejected_count: usize,
}

/// A file that cannot be imported at all (exit 2).
#[derive(Debug)]
pub enum SourceError {
    Unreadable {
        name: String,
        source: io::Error,
    },
    NotRegular {
        name: String,
    },
    NotFormat {
        name: String,
        kind: Kind,
        why: String,
    },
    LooksLike {
        name: String,
        kind: Kind,
    },
    UnknownMoods {
        moods: Vec<(String, usize)>,
    },
    Spool {
        folder: PathBuf,
        source: io::Error,
    },
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceError::Unreadable { name, source }
                if source.kind() == io::ErrorKind::NotFound =>
            {
                write!(f, "there is no file {name}; check the path")
            }
            SourceError::Unreadable { name, source } => write!(
                f,
                "cannot read {name} ({}); check that it is a file you may read",
                fsutil::io_words(source)
            ),
            SourceError::NotRegular { name } => write!(
                f,
                "{name} is not a plain file (a folder, a device or a pipe); give a file, or - to read standard input"
            ),
            SourceError::NotFormat {
                name,
                kind: Kind::Steady,
                why,
            } => write!(
                f,
                "{name} is not a json or jsonl export of steady entries ({why}); give a file written by `steady export --format json` or `--format jsonl`, a journal, or use --from daylio, jrnl or pixels"
            ),
            SourceError::NotFormat { name, kind, why } => write!(
                f,
                "{name} is not a {} export ({why}); check the file, or the --from you gave",
                kind.app()
            ),
            SourceError::LooksLike { name, kind } => write!(
                f,
                "{name} looks like a {} export; import it with `steady import --from {} {name}`",
                kind.app(),
                kind.flag()
            ),
            SourceError::UnknownMoods { moods } => {
                let list: Vec<String> = moods
                    .iter()
                    .map(|(m, n)| format!("\"{m}\" ({})", plural(*n, "day", "days")))
                    .collect();
                let example = moods.first().map_or("great", |(m, _)| m.as_str());
                write!(
                    f,
                    "these Daylio moods have no level yet: {}; give each one from 1 (awful) to 5 (rad) with --mood, for example --mood '{example}=4'",
                    list.join(", ")
                )
            }
            SourceError::Spool { folder, source } => write!(
                f,
                "cannot make a work file in {} ({}); check that you may write there",
                folder.display(),
                fsutil::io_words(source)
            ),
        }
    }
}

impl std::error::Error for SourceError {}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Reads `input` (named `name` in messages) as `options.kind` says.
pub fn read(input: &mut dyn BufRead, name: &str, options: &Options) -> Result<Batch, SourceError> {
    let unreadable = |source| SourceError::Unreadable {
        name: name.to_owned(),
        source,
    };
    skip_bom(input).map_err(unreadable)?;
    let head = input.fill_buf().map_err(unreadable)?.to_vec();
    if options.kind == Kind::Steady
        && let Some(kind) = sniff(&head)
    {
        return Err(SourceError::LooksLike {
            name: name.to_owned(),
            kind,
        });
    }
    let mut sink = Sink::new(options)?;
    let not_format = |why: String| SourceError::NotFormat {
        name: name.to_owned(),
        kind: options.kind,
        why,
    };
    let result = match options.kind {
        Kind::Steady => steady::read(input, &mut sink),
        Kind::Daylio => daylio::read(input, &mut sink, &options.moods),
        Kind::Jrnl => jrnl::read(input, &mut sink),
        Kind::Pixels => pixels::read(input, &mut sink),
    };
    match result {
        Ok(()) => {}
        Err(Problem::Io(e)) => return Err(unreadable(e)),
        Err(Problem::Format(why)) => return Err(not_format(why)),
        Err(Problem::Moods(moods)) => return Err(SourceError::UnknownMoods { moods }),
    }
    sink.finish().map_err(unreadable)
}

/// Why a reader stopped.
#[derive(Debug)]
enum Problem {
    Io(io::Error),
    /// Not the format at all: why, in words.
    Format(String),
    /// Daylio moods with no level, and how many days had each.
    Moods(Vec<(String, usize)>),
}

impl From<io::Error> for Problem {
    fn from(e: io::Error) -> Self {
        Problem::Io(e)
    }
}

/// Which other app's export `head` (the start of a file) looks like, if any.
fn sniff(head: &[u8]) -> Option<Kind> {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let squeezed: String = text.split_whitespace().collect();
    if text
        .trim_start()
        .starts_with("full_date,date,weekday,time,mood")
    {
        Some(Kind::Daylio)
    } else if squeezed.starts_with('{')
        && squeezed.contains("\"entries\":[")
        && !squeezed.contains("\"practice\":")
    {
        Some(Kind::Jrnl)
    } else if squeezed.starts_with("[{") && squeezed.contains("\"scores\":") {
        Some(Kind::Pixels)
    } else {
        None
    }
}

/// Moves past a UTF-8 byte order mark (an editor may add one; it means nothing).
fn skip_bom(input: &mut dyn BufRead) -> io::Result<()> {
    if input.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    Ok(())
}

/// Where checked candidates go: lines to the spool, ids and places into memory.
struct Sink<'a> {
    library: &'a Library,
    spool: Option<BufWriter<File>>,
    at: u64,
    lines: Vec<(String, Range<u64>)>,
    rejected: Vec<Rejected>,
    rejected_count: usize,
}

impl<'a> Sink<'a> {
    fn new(options: &'a Options) -> Result<Self, SourceError> {
        let spool = match &options.spool_in {
            Some(folder) => Some(BufWriter::with_capacity(
                256 * 1024,
                spool_file(folder).map_err(|source| SourceError::Spool {
                    folder: folder.clone(),
                    source,
                })?,
            )),
            None => None,
        };
        Ok(Sink {
            library: options.library,
            spool,
            at: 0,
            lines: Vec::new(),
            rejected: Vec::new(),
            rejected_count: 0,
        })
    }

    /// A candidate journal line: its parsed form and its exact text (one line).
    fn offer(&mut self, place: Place, value: &Value, line: &str) -> io::Result<()> {
        if let Err(reason) = check::check(value, self.library) {
            self.reject(place, reason);
            return Ok(());
        }
        // What the journal reader will make of it, so nothing goes in that reads back as
        // unreadable (a number too large for a field, say).
        if let super::read::Content::Unreadable { reason, .. } =
            super::read::parse_line(line.as_bytes())
        {
            self.reject(place, reason.to_string());
            return Ok(());
        }
        let id = value["id"].as_str().unwrap_or_default().to_owned();
        let start = self.at;
        if let Some(spool) = &mut self.spool {
            spool.write_all(line.as_bytes())?;
            spool.write_all(b"\n")?;
        }
        self.at += line.len() as u64 + 1;
        self.lines.push((id, start..self.at));
        Ok(())
    }

    /// An entry made from another app's record.
    fn offer_entry(&mut self, place: Place, entry: &Entry) -> io::Result<()> {
        let line = entry.to_line();
        match serde_json::from_str::<Value>(&line) {
            Ok(value) => self.offer(place, &value, &line),
            Err(e) => {
                self.reject(place, e.to_string());
                Ok(())
            }
        }
    }

    fn reject(&mut self, place: Place, reason: String) {
        self.rejected_count += 1;
        if self.rejected.len() < KEPT_REJECTIONS {
            self.rejected.push(Rejected { place, reason });
        }
    }

    fn finish(self) -> io::Result<Batch> {
        let spool = match self.spool {
            Some(writer) => Some(writer.into_inner().map_err(|e| e.into_error())?),
            None => None,
        };
        Ok(Batch {
            spool,
            lines: self.lines,
            rejected: self.rejected,
            rejected_count: self.rejected_count,
        })
    }
}

/// A new private file, already unlinked (it lives only as long as the handle): in `folder`
/// (the journal's, on the same disk), or in the system's temp folder when `folder` cannot
/// take one (the journal's own write then says what is wrong there).
fn spool_file(folder: &Path) -> io::Result<File> {
    make_spool(folder).or_else(|_| make_spool(&std::env::temp_dir()))
}

fn make_spool(folder: &Path) -> io::Result<File> {
    fsutil::create_private_dir(folder)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = folder.join(format!(".steady-import-{}-{nanos}", std::process::id()));
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(fsutil::FILE_MODE)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(file)
}

/// An entry from another app: `via: "import"`, an id made from its content (so the same
/// file imported twice adds nothing the second time), and what steady has no field for
/// under `"source"`.
fn entry_from(
    app: Kind,
    practice: &str,
    title: &str,
    at: DateTime<FixedOffset>,
    responses: Map<String, Value>,
    mut source: Map<String, Value>,
) -> Entry {
    source.insert("app".into(), app.flag().into());
    let mut entry = Entry {
        v: FORMAT_VERSION,
        id: String::new(),
        practice: practice.into(),
        title: title.into(),
        started_at: at,
        ended_at: at,
        completed: true,
        via: Via::Import,
        responses,
        extra: Map::from_iter([("source".to_owned(), Value::Object(source))]),
    };
    entry.id = id::from_content(at, entry.to_line().as_bytes());
    entry
}

/// A wall-clock time read in the local time zone at that date (the apps store no offset).
/// A time that falls in a DST gap is taken an hour later, as clocks showed it.
fn local(naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    let at = Local.from_local_datetime(&naive).earliest().or_else(|| {
        Local
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
    })?;
    Some(at.fixed_offset())
}

/// A text answer as an import keeps it: `None` when blank.
fn text_answer(s: &str) -> Option<Value> {
    let s = s.trim();
    (!s.is_empty()).then(|| Value::String(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_apps_are_recognised_by_their_first_bytes() {
        assert_eq!(
            sniff(b"full_date,date,weekday,time,mood,activities,note_title,note\n"),
            Some(Kind::Daylio)
        );
        assert_eq!(
            sniff(b"{\n    \"tags\": {},\n    \"entries\": [\n"),
            Some(Kind::Jrnl)
        );
        assert_eq!(
            sniff(b"[{\"date\":\"2024-3-5\",\"type\":\"Mood\",\"scores\":[4]"),
            Some(Kind::Pixels)
        );
        assert_eq!(sniff(b"{\"v\":1,\"id\":\"A\",\"practice\":\"x\"}\n"), None);
        assert_eq!(sniff(b"[\n{\"v\":1}"), None);
    }

    #[test]
    fn ids_from_content_are_stable_and_valid() {
        let at = DateTime::parse_from_rfc3339("2024-03-05T20:15:00+01:00").unwrap();
        let made = |app| {
            let (practice, title) = ("feeling-check-in", "Feeling check-in");
            entry_from(app, practice, title, at, Map::new(), Map::new())
        };
        let (a, b, c) = (made(Kind::Daylio), made(Kind::Daylio), made(Kind::Jrnl));
        assert_eq!(a.id, b.id);
        assert!(id::is_valid(&a.id));
        assert_ne!(a.id, c.id);
        assert_eq!(a.extra["source"]["app"], "daylio");
    }
}
