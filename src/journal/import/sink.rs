//! Where checked candidates go: each good line to a spool file (made private and unlinked at
//! once, so nothing is ever left behind), and only its id and byte range into memory; each
//! rejected one with its place and reason (the first few).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use super::{Batch, KEPT_REJECTIONS, Options, Place, Problem, Rejected, SourceError, check};
use crate::fsutil;
use crate::journal::entry::Entry;
use crate::journal::read::{Content, MAX_LINE, parse_line};
use crate::practice::Library;

/// Where checked candidates go: lines to the spool, ids and places into memory.
pub(super) struct Sink<'a> {
    library: &'a Library,
    now: DateTime<FixedOffset>,
    spool: Option<BufWriter<File>>,
    /// The recipient each spooled line is sealed to (a sealed journal's).
    seal_to: Option<age::x25519::Recipient>,
    /// Where the spool is.
    folder: PathBuf,
    at: u64,
    lines: Vec<(String, Range<u64>)>,
    rejected: Vec<Rejected>,
    rejected_count: usize,
}

impl<'a> Sink<'a> {
    pub(super) fn new(options: &'a Options) -> Result<Self, SourceError> {
        let (spool, folder) = match &options.spool_in {
            Some(folder) => {
                let (file, used) = spool_file(folder).map_err(|source| SourceError::Spool {
                    folder: folder.clone(),
                    source,
                })?;
                (Some(BufWriter::with_capacity(256 * 1024, file)), used)
            }
            None => (None, PathBuf::new()),
        };
        Ok(Sink {
            library: options.library,
            now: options.now,
            spool,
            seal_to: options.seal_to.clone(),
            folder,
            at: 0,
            lines: Vec::new(),
            rejected: Vec::new(),
            rejected_count: 0,
        })
    }

    /// A candidate journal line: its parsed form and its exact text (one line).
    pub(super) fn offer(&mut self, place: Place, value: &Value, line: &str) -> Result<(), Problem> {
        if line.len() > MAX_LINE {
            let mib = line.len() as f64 / (1024.0 * 1024.0);
            self.reject(
                place,
                format!("it would be a journal line of {mib:.1} MiB, and steady reads lines of up to 1 MiB"),
            );
            return Ok(());
        }
        if let Err(reason) = check::check(value, self.library, self.now) {
            self.reject(place, reason);
            return Ok(());
        }
        // What the journal reader will make of it, so nothing goes in that reads back as
        // unreadable (a number too large for a field, say).
        if let Content::Unreadable { reason, .. } = parse_line(line.as_bytes()) {
            self.reject(place, reason.to_string());
            return Ok(());
        }
        let id = value["id"].as_str().unwrap_or_default().to_owned();
        let start = self.at;
        let sealed = self
            .seal_to
            .as_ref()
            .map(|to| crate::journal::seal::line::seal(line.as_bytes(), to));
        let line = sealed.as_deref().unwrap_or(line);
        if let Some(spool) = &mut self.spool {
            let written = spool
                .write_all(line.as_bytes())
                .and_then(|()| spool.write_all(b"\n"));
            written.map_err(|e| self.spool_problem(e))?;
        }
        self.at += line.len() as u64 + 1;
        self.lines.push((id, start..self.at));
        Ok(())
    }

    /// A line of a steady file: an entry steady 0.2 imported from another app comes in as
    /// today's import makes it (so two journals merge by the record, not by 0.2's id,
    /// which depended on the time zone); every other line as it is.
    pub(super) fn offer_line(
        &mut self,
        place: Place,
        value: &Value,
        line: &str,
    ) -> Result<(), Problem> {
        match super::apps::upgrade(line.as_bytes()) {
            Some(entry) => self.offer_entry(place, &entry),
            None => self.offer(place, value, line),
        }
    }

    /// An entry made from another app's record.
    pub(super) fn offer_entry(&mut self, place: Place, entry: &Entry) -> Result<(), Problem> {
        let line = entry.to_line();
        match serde_json::from_str::<Value>(&line) {
            Ok(value) => self.offer(place, &value, &line),
            Err(e) => {
                self.reject(place, e.to_string());
                Ok(())
            }
        }
    }

    pub(super) fn reject(&mut self, place: Place, reason: String) {
        self.rejected_count += 1;
        if self.rejected.len() < KEPT_REJECTIONS {
            self.rejected.push(Rejected { place, reason });
        }
    }

    fn spool_problem(&self, source: io::Error) -> Problem {
        Problem::Spool {
            folder: self.folder.clone(),
            source,
        }
    }

    pub(super) fn finish(self) -> Result<Batch, Problem> {
        let spool = match self.spool {
            Some(writer) => Some(writer.into_inner().map_err(|e| Problem::Spool {
                folder: self.folder.clone(),
                source: e.into_error(),
            })?),
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

/// A new private file, already unlinked (it lives only as long as the handle), and the
/// folder it is in: `folder` (the journal's, on the same disk), or the system's temp folder
/// when `folder` cannot take one (the journal's own write then says what is wrong there).
fn spool_file(folder: &Path) -> io::Result<(File, PathBuf)> {
    if let Ok(file) = make_spool(folder) {
        return Ok((file, folder.to_owned()));
    }
    let temp = std::env::temp_dir();
    Ok((make_spool(&temp)?, temp))
}

fn make_spool(folder: &Path) -> io::Result<File> {
    fsutil::survive_file_size_limit();
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
