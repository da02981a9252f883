//! The journal port: everything above the journal (the commands, the report, the TUI) reads
//! and changes it through one `Vault`, and nothing above it sees a line, a byte offset or a
//! path to read. An entry is named by an opaque [`EntryRef`] that only the vault that made
//! it can resolve; every change says how the other references moved ([`Shift`]), and what it
//! took out comes back as a [`Kept`] that `restore` puts back exactly.
//!
//! Reading goes through a [`Snapshot`]: the journal as it was when opened, read in as many
//! passes as a reader needs, every pass the same version. The readers built on a snapshot
//! (`scan`, `scan_raw` on `dyn Snapshot`) parse on every core and hand results back in
//! journal order, whatever the implementation.
//!
//! Implementations: [`FileVault`] (`file`), the plain JSON Lines file through `Store` with
//! its lock, torn-tail handling and atomic rewrites; [`MemoryVault`] (`memory`), a journal
//! held in memory, which runs the same test suite (`tests/vault_contract.rs`). A new one
//! implements this trait and nothing else.

mod file;
pub mod latest;
mod memory;
pub mod newest;
mod order;

use std::fmt;
use std::fs::File;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, BufRead};
use std::ops::Range;
use std::path::Path;

pub(in crate::journal) use self::file::FileSnapshot;
pub use self::file::FileVault;
pub use self::latest::Latest;
pub use self::memory::MemoryVault;
use super::entry::Entry;
use super::error::StoreError;
use super::lock::{LockWait, LockedOut};
use super::read::{self, Content, Line, RawLine};
pub use super::store::Imported;
pub use super::store::Upgrade;
pub use super::store::Written;

/// One journal, wherever it is kept.
pub trait Vault: fmt::Debug {
    /// Where the journal is, as sentences name it.
    fn place(&self) -> &Path;

    /// The file the journal is kept in, which exports must never write over (None when it
    /// is not a file).
    fn file(&self) -> Option<&Path> {
        None
    }

    /// Another handle to the same journal that waits for other writers (another steady's
    /// lock) as `wait` says, for a thread that writes while a screen stays live; None when
    /// nothing can make it wait (a journal in memory).
    fn waiting(&self, wait: LockWait) -> Option<std::sync::Arc<dyn Vault + Send + Sync>> {
        let _ = wait;
        None
    }

    /// The journal as it is now, to read in as many passes as a reader needs; an append
    /// or a rewrite after this is not seen by it.
    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError>;

    /// The last `n` readable entries written, last written first, read from the journal's
    /// end (see [`Newest`]).
    fn newest(&self, n: usize) -> Result<Newest, VaultError>;

    /// The `n` entries that `keep` selects which began last, newest first by when they
    /// began, whatever the order of the journal (what `log --limit` shows); by default read
    /// from the whole journal once.
    fn latest(
        &self,
        n: usize,
        keep: &(dyn Fn(&Entry) -> bool + Sync),
    ) -> Result<Latest, VaultError> {
        let snapshot = self.open()?;
        latest::by_scan(snapshot.as_ref(), n, keep, None).map_err(|e| {
            VaultError::Store(StoreError::new(self.place(), super::error::Doing::Read, e))
        })
    }

    /// The entry at `at`, when it is still there as it was read.
    fn get(&self, at: &EntryRef) -> Result<Option<Entry>, VaultError>;

    /// Adds entries at the end, in order, all or none.
    fn append(&self, entries: &[Entry]) -> Result<Written<()>, VaultError>;

    /// Changes the entry at `at` to `entry`; only the values that differ are written, every
    /// other byte of the entry stays. `Changed` when it is no longer there as it was read.
    fn replace(&self, at: &EntryRef, entry: &Entry) -> Result<Written<Replaced>, VaultError>;

    /// Takes the entry at `at` out. `Changed` when it is no longer there as it was read.
    fn remove(&self, at: &EntryRef) -> Result<Written<Removed>, VaultError>;

    /// Puts back exactly what `replace` or `remove` took out, at its place.
    fn restore(&self, kept: &Kept) -> Result<Written<Restored>, VaultError>;

    /// Adds the lines of `spool` whose ids the journal does not hold (union by id), and
    /// corrects what an older steady imported from the same records (`upgrade`); `lines`
    /// gives each spooled line's id and byte range. With `dry_run` (or no spool), only
    /// counts.
    fn import(
        &self,
        spool: Option<&File>,
        lines: &[(String, Range<u64>)],
        upgrade: Upgrade,
        dry_run: bool,
    ) -> Result<Written<Imported>, VaultError>;
}

/// A journal as it was when opened.
pub trait Snapshot: Send + Sync {
    /// One pass over it from its start, as JSON Lines: the byte offsets a pass gives its
    /// lines (`RawLine::offset`) are what [`EntryRef`]s are made from.
    fn pass(&self) -> io::Result<Box<dyn BufRead + Send + '_>>;
}

impl dyn Snapshot + '_ {
    /// One pass: every line parsed on every core and made into what `map` makes of it
    /// (with the entry's reference when it is one), handed to `each` in journal order.
    pub fn scan<T: Send, E: From<io::Error>>(
        &self,
        map: &(dyn Fn(Line, Option<EntryRef>) -> T + Sync),
        each: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let parsed = |raw: RawLine| {
            let at = raw.bytes.map(|bytes| EntryRef::new(raw.offset, bytes));
            let line = raw.parse();
            let at = at.filter(|_| line.entry().is_some());
            map(line, at)
        };
        read::each_raw_mapped(self.pass()?, &parsed, each)
    }

    /// One pass with each line unparsed, for a reader that needs less than a whole entry
    /// (an outline, an id).
    pub fn scan_raw<T: Send, E: From<io::Error>>(
        &self,
        map: &(dyn Fn(RawLine) -> T + Sync),
        each: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        read::each_raw_mapped(self.pass()?, map, each)
    }

    /// One pass read on this thread, line by line (for a small journal, or a reader that
    /// needs every line in turn).
    pub fn lines(&self) -> io::Result<read::Lines<Box<dyn BufRead + Send + '_>>> {
        Ok(read::Lines::new(self.pass()?))
    }

    /// Every readable entry with its reference, in journal order.
    pub fn entries(&self, mut each: impl FnMut(Found)) -> Result<usize, io::Error> {
        let mut unreadable = 0;
        self.scan(
            &|line, at| match (line.content, at) {
                (Content::Entry { entry, .. }, Some(at)) => Some(Found { at, entry: *entry }),
                _ => None,
            },
            |found| {
                match found {
                    Some(found) => each(found),
                    None => unreadable += 1,
                }
                Ok::<(), io::Error>(())
            },
        )?;
        Ok(unreadable)
    }
}

/// An entry and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub at: EntryRef,
    pub entry: Entry,
}

/// What `newest` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Newest {
    /// The entries, last written first.
    pub entries: Vec<Found>,
    /// Unreadable lines among those read.
    pub unreadable: usize,
    /// Every line of the journal was read: these are all its entries.
    pub whole: bool,
}

/// Where one entry is, as the vault that read it knows it: opaque to everyone else. Whoever
/// keeps one keeps it current as other entries change (`follow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryRef {
    offset: u64,
    len: u64,
    digest: u64,
}

impl EntryRef {
    /// The entry whose stored bytes (without the newline) are `bytes`, starting at `offset`.
    pub(in crate::journal) fn new(offset: u64, bytes: &[u8]) -> EntryRef {
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        EntryRef {
            offset,
            len: bytes.len() as u64,
            digest: hasher.finish(),
        }
    }

    pub(in crate::journal) fn offset(&self) -> u64 {
        self.offset
    }

    /// Whether `bytes` are the bytes this entry was read with.
    pub(in crate::journal) fn holds(&self, bytes: &[u8]) -> bool {
        *self == EntryRef::new(self.offset, bytes)
    }

    /// Follows a change to another entry.
    pub fn follow(&mut self, shift: Shift) {
        if self.offset >= shift.from {
            self.offset = self.offset.saturating_add_signed(shift.by);
        }
    }
}

/// How a change moved every reference after the entry it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    from: u64,
    by: i64,
}

impl Shift {
    /// The entry `at` was taken out.
    fn removed(at: &EntryRef) -> Shift {
        Shift {
            from: at.offset + 1,
            by: -((at.len + 1) as i64),
        }
    }

    /// An entry was put in as `at`.
    fn inserted(at: &EntryRef) -> Shift {
        Shift {
            from: at.offset,
            by: (at.len + 1) as i64,
        }
    }

    /// The entry `old` became `new`.
    fn replaced(old: &EntryRef, new: &EntryRef) -> Shift {
        Shift {
            from: old.offset + 1,
            by: new.len as i64 - old.len as i64,
        }
    }
}

/// What `remove` or `replace` took out, for `restore` to put back exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept(pub(in crate::journal) KeptLine);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::journal) enum KeptLine {
    /// A removed line: its exact text, where it was and what came before it.
    Removed(super::store::Deleted),
    /// The exact line an edit replaced, and where the edited one is.
    Replaced { old: String, now: EntryRef },
}

/// What `replace` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Where the changed entry is now.
    pub at: EntryRef,
    pub shift: Shift,
    pub kept: Kept,
}

/// What `remove` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub shift: Shift,
    pub kept: Kept,
}

/// What `restore` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    /// Where the entry put back is.
    pub at: EntryRef,
    pub shift: Shift,
}

/// Why the journal could not be read or changed; a screen tells these apart by their kind,
/// never by their words.
#[derive(Debug)]
pub enum VaultError {
    /// The journal could not be read or written (its sentence names it and says why).
    Store(StoreError),
    /// The entry changed elsewhere since it was read; nothing was written.
    Changed,
    /// A sealed journal could not be opened: a wrong passphrase, a missing key (exit 2).
    Sealed(super::seal::SealError),
}

impl VaultError {
    /// `vault` could not be read: what a reader says when a pass over a snapshot fails.
    pub fn unreadable(vault: &dyn Vault, e: io::Error) -> Self {
        VaultError::Store(StoreError::new(vault.place(), super::error::Doing::Read, e))
    }

    /// Another steady held the journal for longer than the wait allowed.
    pub fn locked_out(&self) -> Option<&LockedOut> {
        match self {
            VaultError::Store(e) => e.locked_out(),
            VaultError::Changed | VaultError::Sealed(_) => None,
        }
    }

    /// The disk (or the quota) is full.
    pub fn disk_full(&self) -> bool {
        matches!(self, VaultError::Store(e) if e.source.kind() == io::ErrorKind::StorageFull)
    }
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::Store(e) => e.fmt(f),
            VaultError::Sealed(e) => e.fmt(f),
            VaultError::Changed => f.write_str(
                "That entry was changed elsewhere since it was read, so nothing was written; reopen review to see it as it is now.",
            ),
        }
    }
}

impl std::error::Error for VaultError {}

impl From<StoreError> for VaultError {
    fn from(e: StoreError) -> Self {
        VaultError::Store(e)
    }
}
