//! The order index beside a journal file (`journal.jsonl.order`): for every megabyte or so
//! of the file, where a line starts, when the newest entry before it began, and how many
//! entries and unreadable lines come before it. `log --limit` reads the file from its end and
//! stops at the first mark before which nothing could be newer than what it keeps, so it
//! costs the same at any size even when entries are out of order (back-dated, imported).
//!
//! It is a cache, never the journal: written atomically by whoever reads the whole file
//! (and extended by reads from the end), mode 0600, and trusted only for the very file it
//! was made from (same device and inode, the bytes before its last mark unchanged, the file
//! no shorter). A rewrite renames a new file into place, so the index is made again on the
//! next read; deleting it costs one whole read.

use std::fs::File;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsutil;

/// A mark is put at the first line that starts this far after the last one.
const EVERY: u64 = 1024 * 1024;
/// The bytes before the last mark that must be as they were.
const CHECKED: u64 = 256;
/// An index is a few kilobytes even for a million entries; anything far larger is not one.
const MOST: u64 = 16 * 1024 * 1024;

/// One place in the journal file, and what comes before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Where a line starts.
    pub at: u64,
    /// When the newest entry before it began (`latest::instant`), if any is.
    pub newest: Option<i64>,
    /// Readable entries before it.
    pub entries: usize,
    /// Unreadable lines before it.
    pub unreadable: usize,
}

/// Marks made line by line, in file order.
#[derive(Debug)]
pub struct Marks {
    made: Vec<Mark>,
    next: u64,
    now: Mark,
}

impl Marks {
    /// From the journal's start.
    pub fn new() -> Self {
        Self::after(Mark {
            at: 0,
            newest: None,
            entries: 0,
            unreadable: 0,
        })
    }

    /// Going on from `mark` (the next line handed is the one that starts there).
    pub fn after(mark: Mark) -> Self {
        Self {
            made: Vec::new(),
            next: mark.at + EVERY,
            now: mark,
        }
    }

    /// The line starting at `offset`, an entry that began at `began` or an unreadable line.
    pub fn line(&mut self, offset: u64, began: Option<i64>) {
        if offset >= self.next {
            self.made.push(Mark {
                at: offset,
                ..self.now
            });
            self.next = offset + EVERY;
        }
        match began {
            Some(began) => {
                self.now.entries += 1;
                self.now.newest = Some(self.now.newest.map_or(began, |n| n.max(began)));
            }
            None => self.now.unreadable += 1,
        }
    }

    pub fn into_marks(self) -> Vec<Mark> {
        self.made
    }
}

/// The index as kept beside the journal.
#[derive(Debug, Serialize, Deserialize)]
pub struct Order {
    v: u32,
    dev: u64,
    ino: u64,
    /// A fingerprint of the bytes just before the last mark.
    check: u64,
    pub marks: Vec<Mark>,
}

impl Order {
    fn path(journal: &Path) -> PathBuf {
        let mut name = journal.as_os_str().to_owned();
        name.push(".order");
        PathBuf::from(name)
    }

    /// The index of the journal file at `journal` (symlinks followed), open as `file` and
    /// `len` bytes long, when there is one made from this very file.
    pub fn load(journal: &Path, file: &File, len: u64) -> Option<Order> {
        let bytes = fsutil::read_small(&Self::path(journal), MOST).ok()?;
        let order: Order = serde_json::from_slice(&bytes).ok()?;
        let meta = file.metadata().ok()?;
        let last = order.marks.last()?;
        let same = order.v == 1
            && order.dev == meta.dev()
            && order.ino == meta.ino()
            && last.at <= len
            && order.marks.is_sorted_by_key(|m| m.at)
            && fingerprint(file, last.at).ok()? == order.check;
        same.then_some(order)
    }

    /// Keeps `marks` of `file` (the journal at `journal`) as its index. The index is a
    /// cache: when it cannot be written, the next read makes it again.
    pub fn save(journal: &Path, file: &File, marks: Vec<Mark>) {
        let Some(last) = marks.last() else { return };
        let (Ok(meta), Ok(check)) = (file.metadata(), fingerprint(file, last.at)) else {
            return;
        };
        let order = Order {
            v: 1,
            dev: meta.dev(),
            ino: meta.ino(),
            check,
            marks,
        };
        if let Ok(bytes) = serde_json::to_vec(&order) {
            let _ = fsutil::write_atomic(&Self::path(journal), &bytes);
        }
    }
}

/// A fingerprint of the bytes of `file` just before `at`.
fn fingerprint(file: &File, at: u64) -> io::Result<u64> {
    let from = at.saturating_sub(CHECKED);
    let mut buf = vec![0; (at - from) as usize];
    file.read_exact_at(&mut buf, from)?;
    let mut hasher = DefaultHasher::new();
    hasher.write(&buf);
    Ok(hasher.finish())
}
