//! The journal as a plain JSON Lines file: the port over `Store` (the lock, torn tails set
//! aside, appends with one write and `sync_data`, rewrites through a temp file and rename).
//! A snapshot is the file opened once under the shared lock and read up to the length it
//! had then, so a pass never sees half an append, and a rewrite renamed onto the path
//! afterwards is not seen by any pass.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::latest::{self, Back, Latest};
use super::order::{Marks, Order};
use super::{
    EntryRef, Imported, Kept, KeptLine, Newest, Removed, Replaced, Restored, Shift, Snapshot,
    Upgrade, Vault, VaultError, Written, newest,
};

/// A journal this long or longer is read for `latest` from its end, with an order index;
/// a shorter one is read whole (a few milliseconds).
const INDEXED: u64 = 4 * 1024 * 1024;
use crate::journal::entry::Entry;
use crate::journal::lock::LockWait;
use crate::journal::read::{self, Content};
use crate::journal::store::Store;

/// The journal file at the store's path.
#[derive(Debug, Clone)]
pub struct FileVault {
    store: Store,
}

impl FileVault {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// The file's bytes `range`, read at that place without moving anything.
    fn read_at(file: &File, range: Range<u64>) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; (range.end - range.start) as usize];
        file.read_exact_at(&mut buf, range.start)?;
        Ok(buf)
    }
}

impl Vault for FileVault {
    fn place(&self) -> &Path {
        self.store.path()
    }

    fn file(&self) -> Option<&Path> {
        Some(self.store.path())
    }

    fn waiting(&self, wait: LockWait) -> Option<Arc<dyn Vault + Send + Sync>> {
        Some(Arc::new(FileVault::new(
            self.store.clone().with_lock_wait(wait),
        )))
    }

    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError> {
        let (file, len) = self.store.open_to_read()?;
        Ok(Box::new(FileSnapshot::new(file, len)))
    }

    fn newest(&self, n: usize) -> Result<Newest, VaultError> {
        let (file, len) = self.store.open_to_read()?;
        let Some(file) = file else {
            return Ok(Newest {
                whole: true,
                ..Newest::default()
            });
        };
        newest::from_end(len, n, |range| Self::read_at(&file, range))
            .map_err(|e| self.store.read_error(e).into())
    }

    fn latest(
        &self,
        n: usize,
        keep: &(dyn Fn(&Entry) -> bool + Sync),
    ) -> Result<Latest, VaultError> {
        let (target, file, len) = self.store.open_target_to_read()?;
        let Some(file) = file else {
            return Ok(Latest::default());
        };
        let unreadable = |e| VaultError::from(self.store.read_error(e));
        let index = file.try_clone().map_err(unreadable)?;
        let snapshot = FileSnapshot::new(Some(file), len);
        if len < INDEXED {
            return latest::by_scan(&snapshot, n, keep, None).map_err(unreadable);
        }
        let Some(order) = Order::load(&target, &index, len) else {
            let mut marks = Marks::new();
            let found =
                latest::by_scan(&snapshot, n, keep, Some(&mut marks)).map_err(unreadable)?;
            Order::save(&target, &index, marks.into_marks());
            return Ok(found);
        };
        let marks = &order.marks;
        let last = *marks.last().expect("a loaded index has marks");
        let mut back = Back::new(n);
        let mut seq = u64::MAX;
        let mut next = marks.len();
        newest::walk_back(
            len,
            |range| Self::read_at(&index, range),
            |offset, _, content| {
                seq -= 1;
                let began = match content {
                    Content::Entry { entry, raw } => {
                        let began = latest::instant(entry.started_at);
                        back.latest.entries += 1;
                        if keep(&entry) {
                            back.latest.selected += 1;
                            back.keeper.offer(began, seq, &raw);
                        }
                        Some(began)
                    }
                    Content::Unreadable { .. } => {
                        back.latest.unreadable += 1;
                        None
                    }
                };
                if offset >= last.at {
                    back.after_marks.push((offset, began));
                }
                while next > 0 && marks[next - 1].at > offset {
                    next -= 1;
                }
                match marks[..next].last() {
                    Some(mark) if mark.at == offset && !back.keeper.would_take(mark.newest) => {
                        back.stopped = Some(*mark);
                        ControlFlow::Break(())
                    }
                    _ => ControlFlow::Continue(()),
                }
            },
        )
        .map_err(unreadable)?;
        // The lines after the last mark were all read: the index grows by their marks.
        let mut more = Marks::after(last);
        for &(offset, began) in back.after_marks.iter().rev() {
            more.line(offset, began);
        }
        let more = more.into_marks();
        if !more.is_empty() {
            Order::save(&target, &index, [marks.as_slice(), &more].concat());
        }
        Ok(back.finish())
    }

    fn get(&self, at: &EntryRef) -> Result<Option<Entry>, VaultError> {
        let (file, len) = self.store.open_to_read()?;
        let Some(file) = file else { return Ok(None) };
        let start = at.offset();
        let end = start + at.len;
        if end >= len {
            return Ok(None);
        }
        // The line with the byte before it (a newline, unless it is the first) and after.
        let from = start.saturating_sub(1);
        let bytes = Self::read_at(&file, from..end + 1).map_err(|e| self.store.read_error(e))?;
        let (before, rest) = bytes.split_at(usize::from(start > 0));
        let Some((line, after)) = rest.split_last_chunk::<1>().map(|(l, a)| (l, a[0])) else {
            return Ok(None);
        };
        let starts_a_line = before.first().is_none_or(|&b| b == b'\n');
        if !starts_a_line || after != b'\n' || !at.holds(line) {
            return Ok(None);
        }
        Ok(match read::parse_line(line) {
            Content::Entry { entry, .. } => Some(*entry),
            Content::Unreadable { .. } => None,
        })
    }

    fn append(&self, entries: &[Entry]) -> Result<Written<()>, VaultError> {
        let lines: Vec<String> = entries.iter().map(Entry::to_line).collect();
        Ok(self.store.append_lines(&lines)?)
    }

    fn replace(&self, at: &EntryRef, entry: &Entry) -> Result<Written<Replaced>, VaultError> {
        let written = self.store.edit(at, entry)?;
        let set_aside = written.set_aside;
        let edited = written.value.ok_or(VaultError::Changed)?;
        Ok(Written {
            value: Replaced {
                at: edited.at,
                shift: Shift::replaced(at, &edited.at),
                kept: Kept(KeptLine::Replaced {
                    old: edited.old,
                    now: edited.at,
                }),
            },
            set_aside,
        })
    }

    fn remove(&self, at: &EntryRef) -> Result<Written<Removed>, VaultError> {
        let written = self.store.delete(at)?;
        let set_aside = written.set_aside;
        let deleted = written.value.ok_or(VaultError::Changed)?;
        Ok(Written {
            value: Removed {
                shift: Shift::removed(at),
                kept: Kept(KeptLine::Removed(deleted)),
            },
            set_aside,
        })
    }

    fn restore(&self, kept: &Kept) -> Result<Written<Restored>, VaultError> {
        match &kept.0 {
            KeptLine::Removed(deleted) => {
                let written = self.store.restore(deleted)?;
                let at = written.value;
                Ok(Written {
                    value: Restored {
                        at,
                        shift: Shift::inserted(&at),
                    },
                    set_aside: written.set_aside,
                })
            }
            KeptLine::Replaced { old, now } => {
                let written = self.store.replace_at(now, old)?;
                let at = written.value.ok_or(VaultError::Changed)?;
                Ok(Written {
                    value: Restored {
                        at,
                        shift: Shift::replaced(now, &at),
                    },
                    set_aside: written.set_aside,
                })
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
        match spool {
            Some(spool) if !dry_run => Ok(self.store.import_spooled(spool, lines, upgrade)?),
            _ => Ok(Written {
                value: self.store.import_counts(lines, upgrade)?,
                set_aside: None,
            }),
        }
    }
}

/// The journal file opened once, read up to the length it had when it was opened (a
/// sealed journal's passes read their sealed lines through one too).
pub(in crate::journal) struct FileSnapshot {
    /// None for a journal not written yet.
    file: Option<File>,
    len: u64,
    passes: AtomicUsize,
}

impl FileSnapshot {
    pub(in crate::journal) fn new(file: Option<File>, len: u64) -> Self {
        Self {
            file,
            len,
            passes: AtomicUsize::new(0),
        }
    }
}

impl Snapshot for FileSnapshot {
    fn pass(&self) -> io::Result<Box<dyn BufRead + Send + '_>> {
        if self.passes.fetch_add(1, Ordering::Relaxed) > 0 {
            read::between_passes();
        }
        let Some(mut file) = self.file.as_ref() else {
            return Ok(Box::new(io::empty()));
        };
        file.seek(SeekFrom::Start(0))?;
        Ok(Box::new(BufReader::with_capacity(
            64 * 1024,
            file.take(self.len),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3}}"#;

    #[test]
    fn every_pass_reads_the_file_that_was_opened() {
        let dir = std::env::temp_dir().join(format!("steady-read-passes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, format!("{GOOD}\nnot json\n")).unwrap();
        let opened = {
            let file = std::fs::File::open(&path).unwrap();
            let len = file.metadata().unwrap().len();
            FileSnapshot::new(Some(file), len)
        };
        let pass = || {
            let mut numbers = Vec::new();
            (&opened as &dyn Snapshot)
                .scan(&|line, _| (line.number, line.entry().is_some()), |n| {
                    numbers.push(n);
                    Ok::<_, io::Error>(())
                })
                .unwrap();
            numbers
        };
        let first = pass();
        std::fs::write(dir.join("new"), format!("{GOOD}\n{GOOD}\n{GOOD}\n")).unwrap();
        std::fs::rename(dir.join("new"), &path).unwrap();
        assert_eq!(pass(), first, "the renamed-in file is not read");
        assert_eq!(first, [(1, true), (2, false)]);
        let missing = FileSnapshot::new(None, 0);
        let mut lines = 0;
        for _ in 0..2 {
            (&missing as &dyn Snapshot)
                .scan_raw(&|_| (), |()| {
                    lines += 1;
                    Ok::<_, io::Error>(())
                })
                .unwrap();
        }
        assert_eq!(lines, 0, "a missing journal reads as empty, every time");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
