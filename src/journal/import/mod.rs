//! Reading entries to import, from a steady export or journal (`steady`), a Daylio CSV
//! export (`daylio`), a jrnl JSON export (`jrnl`) or a Pixels JSON backup (`pixels`). Every
//! candidate goes through the contract's checks (`check`) into the `sink`: the good ones to
//! a spool file (unlinked as soon as it is made, so nothing is ever left behind) with only
//! their ids and places kept, so a file of any size imports in bounded memory; the rejected
//! ones with their place and reason. JSON arrays (steady's, Pixels', jrnl's entries) are
//! read an item at a time (`stream`). Entries from other apps are made in `apps`, with ids
//! from what the file says, never the time zone; `upgrade` names what steady 0.2 imported
//! as today's import makes it. Adding the spool to the journal, and bringing 0.2's imports
//! of the same records up to date, is `Store::import_spooled`.

mod apps;
pub mod check;
mod daylio;
mod jrnl;
mod pixels;
mod sink;
mod steady;
mod stream;

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead};
use std::ops::Range;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::fsutil;
use crate::practice::Library;
pub use apps::upgrade;
use sink::Sink;

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

    /// What its files are, in words.
    fn what(self) -> &'static str {
        match self {
            Kind::Steady => "steady export or journal",
            Kind::Daylio => "Daylio CSV export",
            Kind::Jrnl => "jrnl JSON export",
            Kind::Pixels => "Pixels JSON backup",
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
    /// Daylio mood names (lower case) and their moods (1 very unpleasant … 5 very
    /// pleasant), beyond the five standard ones.
    pub moods: HashMap<String, i64>,
    /// The time now: nothing later (beyond a minute) is taken.
    pub now: DateTime<FixedOffset>,
    /// The folder to spool accepted lines in (the journal's); `None` for a dry run, which
    /// keeps only ids.
    pub spool_in: Option<PathBuf>,
    /// A sealed journal's recipient: each accepted line is spooled sealed to it, so no
    /// plaintext reaches the disk and the journal adds it as it is.
    pub seal_to: Option<age::x25519::Recipient>,
}

/// Where a candidate was in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// 1-based line of the file.
    Line(usize),
    /// 1-based position in a JSON array (or in jrnl's entries), and the line it starts on
    /// (0 when not known).
    Item(usize, usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Item(n, 0) => write!(f, "item {n}"),
            Place::Item(n, line) => write!(f, "item {n} (line {line})"),
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
        given: Kind,
    },
    /// Standard input was closed or empty.
    NothingRead,
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
            SourceError::LooksLike { name, kind, given } => write!(
                f,
                "{name} looks like a {}, not a {}; import it with `steady import --from {} {name}`",
                kind.what(),
                given.what(),
                kind.flag()
            ),
            SourceError::NothingRead => write!(
                f,
                "nothing was read from standard input (it is closed or empty); pipe a file into `steady import -`, or give the file's path"
            ),
            SourceError::UnknownMoods { moods } => {
                let list: Vec<String> = moods
                    .iter()
                    .map(|(m, n)| format!("\"{m}\" ({})", plural(*n, "day", "days")))
                    .collect();
                let example = moods.first().map_or("great", |(m, _)| m.as_str());
                write!(
                    f,
                    "these Daylio moods have no place on the mood scale yet: {}; give each one from 1 (awful, very unpleasant) to 5 (rad, very pleasant) with --mood, for example --mood '{example}=4'",
                    list.join(", ")
                )
            }
            SourceError::Spool { folder, source }
                if source.kind() == io::ErrorKind::StorageFull =>
            {
                write!(
                    f,
                    "{} is full (its disk has no space left), so the import could not be made ready there; make some room and import again (nothing was imported)",
                    folder.display()
                )
            }
            SourceError::Spool { folder, source }
                if source.kind() == io::ErrorKind::FileTooLarge =>
            {
                write!(
                    f,
                    "the import's work file in {} would grow past the file size allowed (ulimit -f); raise the limit and import again (nothing was imported)",
                    folder.display()
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
    let looks_like = |why: Option<String>| match sniff(&head) {
        Some(kind) if kind != options.kind => SourceError::LooksLike {
            name: name.to_owned(),
            kind,
            given: options.kind,
        },
        _ => SourceError::NotFormat {
            name: name.to_owned(),
            kind: options.kind,
            why: why.unwrap_or_default(),
        },
    };
    // steady's own reader takes any JSON lines, so another app's file is named first.
    if options.kind == Kind::Steady && sniff(&head).is_some_and(|k| k != Kind::Steady) {
        return Err(looks_like(None));
    }
    let mut sink = Sink::new(options)?;
    let read = match options.kind {
        Kind::Steady => steady::read(input, &mut sink),
        Kind::Daylio => daylio::read(input, &mut sink, &options.moods),
        Kind::Jrnl => jrnl::read(input, &mut sink),
        Kind::Pixels => pixels::read(input, &mut sink),
    };
    match read.and_then(|()| sink.finish()) {
        Ok(batch) => Ok(batch),
        Err(Problem::Io(e)) => Err(unreadable(e)),
        Err(Problem::Format(why)) => Err(looks_like(Some(why))),
        Err(Problem::Moods(moods)) => Err(SourceError::UnknownMoods { moods }),
        Err(Problem::Spool { folder, source }) => Err(SourceError::Spool { folder, source }),
    }
}

/// Why a reader stopped.
#[derive(Debug)]
enum Problem {
    Io(io::Error),
    /// Not the format at all: why, in words.
    Format(String),
    /// Daylio moods with no level, and how many days had each.
    Moods(Vec<(String, usize)>),
    /// The spool in `folder` could not be written.
    Spool {
        folder: PathBuf,
        source: io::Error,
    },
}

impl From<io::Error> for Problem {
    fn from(e: io::Error) -> Self {
        Problem::Io(e)
    }
}

/// Which app's file `head` (the start of a file) looks like, if any.
fn sniff(head: &[u8]) -> Option<Kind> {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let squeezed: String = text.split_whitespace().collect();
    if squeezed.starts_with("{\"v\":") || squeezed.starts_with("[{\"v\":") {
        Some(Kind::Steady)
    } else if text
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
        assert_eq!(
            sniff(b"{\"v\":1,\"id\":\"A\",\"practice\":\"x\"}\n"),
            Some(Kind::Steady)
        );
        assert_eq!(sniff(b"[\n{\"v\":1}"), Some(Kind::Steady));
        assert_eq!(sniff(b"{\"id\":1}"), None);
    }
}
