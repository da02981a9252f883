//! A journal held in memory: its JSON Lines bytes behind a mutex, changed in place. It has no
//! lock file, no torn tail and no rename, and shares nothing with the file but the line
//! format and the decisions every journal makes the same way (what an edit splices, what an
//! import adds); it exists for tests and benches, and to show that the port is all a journal
//! needs: it runs the same test suite as the file (`tests/vault_contract.rs`).

use std::fs::File;
use std::io::{self, BufRead};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{
    EntryRef, Imported, Kept, KeptLine, Newest, Removed, Replaced, Restored, Shift, Snapshot,
    Upgrade, Vault, VaultError, Written, newest,
};
use crate::journal::entry::Entry;
use crate::journal::error::{Doing, StoreError};
use crate::journal::read::{self, Content};
use crate::journal::splice;
use crate::journal::store::Deleted;
use crate::journal::store::spooled::{HeldIds, corrected};

/// A journal in memory.
#[derive(Debug, Default)]
pub struct MemoryVault {
    bytes: Mutex<Arc<Vec<u8>>>,
}

impl MemoryVault {
    /// A journal holding `lines`, each ended with a newline.
    pub fn new(lines: &[String]) -> Self {
        let mut bytes = Vec::new();
        for line in lines {
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        }
        Self::from_bytes(bytes)
    }

    /// A journal holding exactly `bytes`.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self {
            bytes: Mutex::new(Arc::new(bytes)),
        }
    }

    /// The journal's bytes now.
    pub fn bytes(&self) -> Vec<u8> {
        self.held().to_vec()
    }

    fn held(&self) -> MutexGuard<'_, Arc<Vec<u8>>> {
        self.bytes.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The line that starts at `at`'s offset when it still holds `at`'s bytes: its range.
    fn line_at(bytes: &[u8], at: &EntryRef) -> Option<Range<usize>> {
        let start = usize::try_from(at.offset()).ok()?;
        let starts_a_line = start == 0 || bytes.get(start - 1) == Some(&b'\n');
        let end = start + usize::try_from(at.len).ok()?;
        let line = bytes.get(start..end)?;
        (starts_a_line && bytes.get(end) == Some(&b'\n') && at.holds(line)).then_some(start..end)
    }

    /// The exact line that ends just before byte `start` (a line start), if any.
    fn line_before(bytes: &[u8], start: usize) -> Option<Vec<u8>> {
        let head = bytes[..start].strip_suffix(b"\n")?;
        Some(head[memchr::memrchr(b'\n', head).map_or(0, |i| i + 1)..].to_vec())
    }

    /// Every line's range, in order (a last line may lack its newline).
    fn lines(bytes: &[u8]) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            lines.push(start..end);
            start = end + 1;
        }
        lines
    }

    /// A write refused for what it was asked to write, in the sentence the file gives.
    fn refused(why: &str) -> VaultError {
        let why = io::Error::new(io::ErrorKind::InvalidInput, why);
        StoreError::new(Path::new("journal.jsonl"), Doing::Write, why).into()
    }

    fn written<T>(value: T) -> Written<T> {
        Written {
            value,
            set_aside: None,
        }
    }
}

impl Vault for MemoryVault {
    fn place(&self) -> &Path {
        Path::new("journal.jsonl")
    }

    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError> {
        Ok(Box::new(MemorySnapshot(self.held().clone())))
    }

    fn newest(&self, n: usize) -> Result<Newest, VaultError> {
        let bytes = self.held().clone();
        let read = |range: Range<u64>| Ok(bytes[range.start as usize..range.end as usize].to_vec());
        newest::from_end(bytes.len() as u64, n, read)
            .map_err(|e| StoreError::new(Path::new("journal.jsonl"), Doing::Read, e).into())
    }

    fn get(&self, at: &EntryRef) -> Result<Option<Entry>, VaultError> {
        let bytes = self.held();
        Ok(
            Self::line_at(&bytes, at).and_then(|range| match read::parse_line(&bytes[range]) {
                Content::Entry { entry, .. } => Some(*entry),
                Content::Unreadable { .. } => None,
            }),
        )
    }

    fn append(&self, entries: &[Entry]) -> Result<Written<()>, VaultError> {
        let mut held = self.held();
        let bytes = Arc::make_mut(&mut held);
        if bytes.last().is_some_and(|&b| b != b'\n') {
            // A last line without its newline is ended first, as the file sets it aside.
            bytes.push(b'\n');
        }
        for entry in entries {
            bytes.extend_from_slice(entry.to_line().as_bytes());
            bytes.push(b'\n');
        }
        Ok(Self::written(()))
    }

    fn replace(&self, at: &EntryRef, entry: &Entry) -> Result<Written<Replaced>, VaultError> {
        let mut held = self.held();
        let range = Self::line_at(&held, at).ok_or(VaultError::Changed)?;
        let old =
            String::from_utf8(held[range.clone()].to_vec()).map_err(|_| VaultError::Changed)?;
        let line = splice::edited_line(&old, entry)
            .ok_or_else(|| Self::refused("the edit could not be written into its line"))?;
        Arc::make_mut(&mut held).splice(range, line.bytes());
        let now = EntryRef::new(at.offset(), line.as_bytes());
        Ok(Self::written(Replaced {
            at: now,
            shift: Shift::replaced(at, &now),
            kept: Kept(KeptLine::Replaced { old, now }),
        }))
    }

    fn remove(&self, at: &EntryRef) -> Result<Written<Removed>, VaultError> {
        let mut held = self.held();
        let range = Self::line_at(&held, at).ok_or(VaultError::Changed)?;
        let line =
            String::from_utf8(held[range.clone()].to_vec()).map_err(|_| VaultError::Changed)?;
        let before = Self::line_before(&held, range.start);
        Arc::make_mut(&mut held).drain(range.start..=range.end);
        Ok(Self::written(Removed {
            shift: Shift::removed(at),
            kept: Kept(KeptLine::Removed(Deleted::new(*at, line, before))),
        }))
    }

    fn restore(&self, kept: &Kept) -> Result<Written<Restored>, VaultError> {
        let mut held = self.held();
        match &kept.0 {
            KeptLine::Removed(deleted) => {
                // At its old place when the line before it is still the one that was there,
                // else at the end.
                let offset = deleted.at.offset() as usize;
                let same_place = offset <= held.len()
                    && Self::line_before(&held, offset).as_deref() == deleted.before();
                let place = if same_place { offset } else { held.len() };
                let mut line = deleted.line.clone().into_bytes();
                let at = EntryRef::new(place as u64, &line);
                line.push(b'\n');
                Arc::make_mut(&mut held).splice(place..place, line);
                Ok(Self::written(Restored {
                    at,
                    shift: Shift::inserted(&at),
                }))
            }
            KeptLine::Replaced { old, now } => {
                let range = Self::line_at(&held, now).ok_or(VaultError::Changed)?;
                Arc::make_mut(&mut held).splice(range, old.bytes());
                let at = EntryRef::new(now.offset(), old.as_bytes());
                Ok(Self::written(Restored {
                    at,
                    shift: Shift::replaced(now, &at),
                }))
            }
        }
    }

    fn import(
        &self,
        spool: Option<&File>,
        lines: &[(String, Range<u64>)],
        upgrade: Upgrade,
        dry_run: bool,
    ) -> Result<Written<Imported>, VaultError> {
        let mut held = self.held();
        let ranges = Self::lines(&held);
        let mut ids = HeldIds::default();
        for (index, range) in ranges.iter().enumerate() {
            ids.note(index, &held[range.clone()], upgrade);
        }
        let plan = ids.plan(lines);
        let Some(spool) = spool.filter(|_| !dry_run) else {
            return Ok(Self::written(plan.counts));
        };
        let read_spool = |range: &Range<u64>| -> Result<Vec<u8>, VaultError> {
            let mut buf = vec![0; (range.end - range.start) as usize];
            spool
                .read_exact_at(&mut buf, range.start)
                .map_err(|e| StoreError::new(Path::new("spool"), Doing::Read, e))?;
            Ok(buf)
        };
        let mut new = Vec::with_capacity(held.len());
        let mut changes = plan.changes.iter().peekable();
        for (index, range) in ranges.iter().enumerate() {
            let line = &held[range.clone()];
            match changes.next_if(|(i, _)| *i == index) {
                Some((_, true)) => {
                    let line = corrected(line, upgrade).ok_or(VaultError::Changed)?;
                    new.extend_from_slice(line.as_bytes());
                }
                Some((_, false)) => continue,
                None => new.extend_from_slice(line),
            }
            new.push(b'\n');
        }
        for run in &plan.runs {
            new.extend(read_spool(run)?);
        }
        *held = Arc::new(new);
        Ok(Self::written(plan.counts))
    }
}

/// The bytes as they were when opened.
struct MemorySnapshot(Arc<Vec<u8>>);

impl Snapshot for MemorySnapshot {
    fn pass(&self) -> io::Result<Box<dyn BufRead + Send + '_>> {
        Ok(Box::new(io::Cursor::new(self.0.as_slice())))
    }
}
