//! The sealed journal as one more implementation of the journal port (`Vault`): the file is
//! kept by `Store` (its lock, torn tails set aside, appends with one write and `sync_data`,
//! atomic rewrites through `Store::rewrite_whole`), and every line in it is sealed (`line`).
//!
//! Appending and importing need only the public recipient: each entry is sealed on its own
//! and appended, and its plaintext added to the sealed cache. Everything else opens the journal first,
//! which asks for the passphrase once (`Asker`) and keeps the opened identity for the life
//! of the vault and of every `waiting` handle made from it. The opened journal is its
//! plaintext JSON Lines, held in memory only, and is read and changed with exactly the
//! decisions of `MemoryVault` (what an edit splices, what a removal keeps, what an import
//! adds), so references (`EntryRef`) are offsets in that plaintext; a change is then sealed
//! back line by line under the lock, every line it did not touch keeping its sealed bytes,
//! and the cache rewritten with the journal, so nothing removed stays behind in it. An
//! import decides by the ids sealed lines show (see `import`).
//!
//! A line that does not open (sealed to another key, changed since, or not sealed at all:
//! a plain line left by an interrupted `encrypt`) is read as it is, so it counts as an
//! unreadable line, or as the plain entry it is, and is kept byte for byte.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::SystemTime;

use super::cache::{Batch, Fetched, LineCache, Opener};
use super::convert::{Opening, lines, open_all};
use super::keys::KeyFiles;
use super::line;
use super::passphrase::Asker;
use super::stream::SealedSnapshot;
use super::{KeyError, SealError};
use crate::journal::entry::Entry;
use crate::journal::error::{Doing, StoreError};
use crate::journal::lock::LockWait;
use crate::journal::store::Store;
use crate::journal::store::spooled::HeldIds;
use crate::journal::vault::{
    EntryRef, Imported, Kept, MemoryVault, Newest, Removed, Replaced, Restored, Snapshot, Upgrade,
    Vault, VaultError, Written,
};

/// A sealed journal file.
#[derive(Clone)]
pub struct SealedVault {
    store: Store,
    keys: KeyFiles,
    asker: Arc<Asker>,
    /// The identity and cache, once the passphrase opened them.
    opener: Arc<OnceLock<Arc<Opener>>>,
    /// The journal last opened whole, and the sealed file it was opened from: `newest` and
    /// `get` (review fetches the entries on screen one by one) open it again only once the
    /// file has changed.
    last_opened: Arc<Mutex<Option<Opened>>>,
}

/// A journal opened whole, and the sealed file it was opened from.
type Opened = (Stamp, Arc<MemoryVault>);

/// A sealed file as it was when it was opened: the same file (device and inode), the same
/// length and the same time of its last change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    changed: Option<SystemTime>,
}

impl Stamp {
    fn of(file: &File, len: u64) -> io::Result<Stamp> {
        let meta = file.metadata()?;
        Ok(Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len,
            changed: meta.modified().ok(),
        })
    }
}

impl std::fmt::Debug for SealedVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedVault")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl SealedVault {
    /// The sealed journal the store keeps, its keys beside it, the passphrase from `asker`.
    pub fn new(store: Store, keys: KeyFiles, asker: Asker) -> Self {
        Self {
            store,
            keys,
            asker: Arc::new(asker),
            opener: Arc::new(OnceLock::new()),
            last_opened: Arc::new(Mutex::new(None)),
        }
    }

    /// The opener, asking for the passphrase the first time. A wrong one is forgotten, so
    /// the next attempt asks again.
    pub fn unlock(&self) -> Result<Arc<Opener>, VaultError> {
        if let Some(opener) = self.opener.get() {
            return Ok(opener.clone());
        }
        let passphrase = self.asker.get().map_err(SealError::Passphrase)?;
        // The cache is read from its file on another core while scrypt opens the key.
        let (fetched, identity) = std::thread::scope(|scope| {
            let fetching = scope.spawn(|| Fetched::read(&self.keys.cache));
            let identity = self.keys.unlock(&passphrase);
            let fetched = fetching
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (fetched, identity)
        });
        let identity = identity.map_err(|e| {
            if matches!(e, KeyError::WrongPassphrase { .. }) {
                self.asker.forget();
            }
            SealError::Key(e)
        })?;
        // The cache is a shortcut: one that cannot be read is read around.
        let cache = fetched.map_or_else(|_| LineCache::default(), |f| f.open(&identity).0);
        let opener = Arc::new(Opener::new(identity, cache));
        Ok(self.opener.get_or_init(|| opener).clone())
    }

    /// The journal now, opened, and what opening it found: for `doctor`, which names the
    /// lines that did not open.
    pub fn open_with_report(&self) -> Result<(Box<dyn Snapshot>, Opening), VaultError> {
        let (plain, opening) = self.plaintext()?;
        Ok((MemoryVault::from_bytes(plain).open()?, opening))
    }

    /// The journal's plaintext now (read under the shared lock, up to the length it had).
    fn plaintext(&self) -> Result<(Vec<u8>, Opening), VaultError> {
        let opener = self.unlock()?;
        let (file, len) = self.store.open_to_read()?;
        self.plaintext_of(&opener, file.as_ref(), len)
    }

    /// The plaintext of the sealed `file`, read up to `len`.
    fn plaintext_of(
        &self,
        opener: &Opener,
        file: Option<&File>,
        len: u64,
    ) -> Result<(Vec<u8>, Opening), VaultError> {
        let mut sealed = Vec::with_capacity(len as usize + 1);
        if let Some(file) = file {
            file.take(len)
                .read_to_end(&mut sealed)
                .map_err(|e| self.store.read_error(e))?;
        }
        let (plain, opening) = open_all(&sealed, opener);
        // Lines the cache did not hold are added to it, so the next read finds them.
        let learned = opener.learned();
        if !learned.is_empty() {
            let _ = learned.append_to(&self.keys.cache, &opener.recipient());
        }
        Ok((plain, opening))
    }

    /// The opened journal in memory, where reads are decided: opened again only when the
    /// sealed file changed since it was last opened.
    fn opened(&self) -> Result<Arc<MemoryVault>, VaultError> {
        let opener = self.unlock()?;
        let (file, len) = self.store.open_to_read()?;
        let stamp = file
            .as_ref()
            .map(|f| Stamp::of(f, len))
            .transpose()
            .map_err(|e| self.store.read_error(e))?;
        let mut last = self
            .last_opened
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let (Some((was, memory)), Some(now)) = (last.as_ref(), stamp)
            && *was == now
        {
            return Ok(memory.clone());
        }
        let plain = self.plaintext_of(&opener, file.as_ref(), len)?.0;
        let memory = Arc::new(MemoryVault::from_bytes(plain));
        *last = stamp.map(|now| (now, memory.clone()));
        Ok(memory)
    }

    /// Runs `work` on the opened journal under the exclusive lock, then seals back what it
    /// changed: lines it did not touch keep their sealed bytes, new ones are sealed, and
    /// the cache is rewritten to hold exactly the journal's lines.
    fn change<T>(
        &self,
        work: impl FnOnce(&MemoryVault) -> Result<Written<T>, VaultError>,
    ) -> Result<Written<T>, VaultError> {
        let opener = self.unlock()?;
        let written = self.store.rewrite_whole(|sealed| {
            let (plain, _) = open_all(sealed, &opener);
            let memory = MemoryVault::from_bytes(plain.clone());
            let value = work(&memory)?.value;
            let now = memory.bytes();
            if now == plain {
                return Ok((None, value));
            }
            let recipient = opener.recipient();
            let (resealed, cache) = reseal(sealed, &plain, &now, &recipient);
            cache
                .rewrite(&self.keys.cache, &recipient)
                .map_err(|e| StoreError::new(self.store.path(), Doing::Write, e))?;
            Ok::<_, VaultError>((Some(resealed), value))
        })?;
        // The cache now holds every line: nothing learned is left to add.
        let _ = opener.learned();
        Ok(written)
    }
}

/// The sealed journal for plaintext `now`, made from the sealed journal `sealed` whose
/// plaintext was `was`: each line of `now` that was there keeps its sealed bytes, and the
/// others are sealed to `recipient`. Also the cache records of every line that is sealed.
fn reseal(
    sealed: &[u8],
    was: &[u8],
    now: &[u8],
    recipient: &age::x25519::Recipient,
) -> (Vec<u8>, Batch) {
    let mut kept: HashMap<&[u8], VecDeque<&[u8]>> = HashMap::new();
    for ((plain, _), (seal, _)) in lines(was).zip(lines(sealed)) {
        kept.entry(plain).or_default().push_back(seal);
    }
    let mut out = Vec::with_capacity(sealed.len());
    let mut cache = Batch::default();
    for (plain, ended) in lines(now) {
        let reused = kept.get_mut(plain).and_then(VecDeque::pop_front);
        let seal = reused.map_or_else(|| line::seal(plain, recipient).into_bytes(), <[u8]>::to_vec);
        // A line kept as it was and not sealed (a plain leftover, a line that does not
        // open) has nothing for the cache.
        if seal != plain {
            cache.add(&seal, plain);
        }
        out.extend_from_slice(&seal);
        if ended {
            out.push(b'\n');
        }
    }
    (out, cache)
}

impl Vault for SealedVault {
    fn place(&self) -> &Path {
        self.store.path()
    }

    fn file(&self) -> Option<&Path> {
        Some(self.store.path())
    }

    fn waiting(&self, wait: LockWait) -> Option<Arc<dyn Vault + Send + Sync>> {
        let mut waiting = self.clone();
        waiting.store = self.store.clone().with_lock_wait(wait);
        Some(Arc::new(waiting))
    }

    fn open(&self) -> Result<Box<dyn Snapshot>, VaultError> {
        let opener = self.unlock()?;
        let (file, len) = self.store.open_to_read()?;
        Ok(Box::new(SealedSnapshot::new(
            file,
            len,
            opener,
            self.keys.cache.clone(),
        )))
    }

    fn newest(&self, n: usize) -> Result<Newest, VaultError> {
        self.opened()?.newest(n)
    }

    fn get(&self, at: &EntryRef) -> Result<Option<Entry>, VaultError> {
        self.opened()?.get(at)
    }

    fn append(&self, entries: &[Entry]) -> Result<Written<()>, VaultError> {
        let recipient = self.keys.recipient().map_err(SealError::Key)?;
        let plains: Vec<String> = entries.iter().map(Entry::to_line).collect();
        let sealed: Vec<String> = plains
            .iter()
            .map(|plain| line::seal(plain.as_bytes(), &recipient))
            .collect();
        let written = self.store.append_lines(&sealed)?;
        // Outside the lock: a batch lost to a race with a cache rewrite only costs the next
        // read the time to open these lines with the identity.
        let mut cache = Batch::default();
        for (seal, plain) in sealed.iter().zip(&plains) {
            cache.add(seal.as_bytes(), plain.as_bytes());
        }
        let _ = cache.append_to(&self.keys.cache, &recipient);
        Ok(written)
    }

    fn replace(&self, at: &EntryRef, entry: &Entry) -> Result<Written<Replaced>, VaultError> {
        self.change(|memory| memory.replace(at, entry))
    }

    fn remove(&self, at: &EntryRef) -> Result<Written<Removed>, VaultError> {
        self.change(|memory| memory.remove(at))
    }

    fn restore(&self, kept: &Kept) -> Result<Written<Restored>, VaultError> {
        self.change(|memory| memory.restore(kept))
    }

    /// Needs no passphrase: the journal's ids are the ones its sealed lines show (and those
    /// of plain lines left in it), and the spool's lines are added sealed as they are (the
    /// import seals each to this journal's recipient as it reads it; a plain line given is
    /// sealed here). Entries an older steady imported are not corrected in a sealed
    /// journal (that needs their text): `decrypt`, import, `encrypt` does it.
    fn import(
        &self,
        spool: Option<&File>,
        lines: &[(String, Range<u64>)],
        _upgrade: Upgrade,
        dry_run: bool,
    ) -> Result<Written<Imported>, VaultError> {
        let recipient = self.keys.recipient().map_err(SealError::Key)?;
        let spool_error = |e| StoreError::new(self.store.path(), Doing::Read, e);
        self.store.rewrite_whole(|bytes| {
            let mut held = HeldIds::default();
            for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
                match line::sealed_id(line) {
                    Some(id) => held.hold(id),
                    None if !line::is_sealed(line) => held.note(index, line, &|_| None),
                    None => {}
                }
            }
            let plan = held.plan(lines);
            let Some(spool) = spool.filter(|_| !dry_run && !plan.runs.is_empty()) else {
                return Ok::<_, VaultError>((None, plan.counts));
            };
            let mut new = bytes.to_vec();
            let mut cache = Batch::default();
            for run in &plan.runs {
                let mut added = vec![0; (run.end - run.start) as usize];
                spool
                    .read_exact_at(&mut added, run.start)
                    .map_err(spool_error)?;
                for (spooled, _) in super::convert::lines(&added) {
                    if line::is_sealed(spooled) {
                        new.extend_from_slice(spooled);
                    } else {
                        let sealed = line::seal(spooled, &recipient);
                        cache.add(sealed.as_bytes(), spooled);
                        new.extend_from_slice(sealed.as_bytes());
                    }
                    new.push(b'\n');
                }
            }
            let _ = cache.append_to(&self.keys.cache, &recipient);
            Ok((Some(new), plan.counts))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::seal::keys::tests::{TEST_WORK, temp_dir, words};
    use crate::journal::seal::passphrase::{FILE_VAR, Source};

    fn entry(id: &str, note: &str) -> Entry {
        serde_json::from_str(&format!(
            r#"{{"v":1,"id":"{id}","practice":"x","title":"X","started_at":"2026-11-02T10:00:00.000+01:00","ended_at":"2026-11-02T10:00:00.000+01:00","completed":true,"via":"cli","responses":{{"note":"{note}"}}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_removed_entry_leaves_the_cache_with_the_journal_and_undo_brings_both_back() {
        let dir = temp_dir("vault-cache");
        let journal = dir.join("journal.jsonl");
        let keys = KeyFiles::beside(&journal).unwrap();
        let identity = keys
            .create(&words("pass"), TEST_WORK)
            .unwrap_or_else(|e| panic!("{e}"));
        let pass = dir.join("pass");
        std::fs::write(&pass, "pass\n").unwrap();
        let asker = Asker::new(Source::File {
            path: pass,
            var: FILE_VAR,
        });
        let vault = SealedVault::new(Store::new(&journal), keys.clone(), asker);
        vault
            .append(&[entry("A", "kept words"), entry("B", "words to forget")])
            .unwrap();
        let cached = || LineCache::read(&keys.cache, &identity).unwrap().0.len();
        assert_eq!(cached(), 2);
        let mut found = Vec::new();
        vault.open().unwrap().entries(|f| found.push(f)).unwrap();
        let removed = vault.remove(&found[1].at).unwrap().value;
        assert_eq!(cached(), 1, "the removed entry left the cache too");
        let sealed = std::fs::read_to_string(&journal).unwrap();
        assert_eq!(sealed.lines().count(), 1);
        vault.restore(&removed.kept).unwrap();
        assert_eq!(cached(), 2);
        let mut notes = Vec::new();
        vault
            .open()
            .unwrap()
            .entries(|f| notes.push(f.entry.responses["note"].clone()))
            .unwrap();
        assert_eq!(notes, ["kept words", "words to forget"]);
    }
}
