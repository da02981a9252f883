//! The sealed cache of opened lines, and the `Opener` that reads sealed lines with it.
//!
//! Every sealed line is an age file of its own. Opening one with the identity costs an
//! X25519 agreement, and even with its file key known the age crate spends several
//! microseconds on each file's header and buffers (see the notes for the figures here):
//! far more than parsing the line, so a whole-journal read of 100k sealed lines would take
//! many times a plain one. So whoever seals a line, and so knows its plaintext, also puts it
//! in the cache beside the journal (`NAME.cache`): JSON Lines of `{"age":"…"}` (the form of a
//! sealed line without an id), each an age file sealed to the same recipient holding a
//! batch of records, the SHA-256 of the sealed line and its plaintext. Opening the cache
//! costs one agreement per batch and one pass of ChaCha20-Poly1305 over it; a sealed line
//! whose digest is there is then opened by a hash and a lookup. All the cryptography is
//! age's, through the age crate: the cache is more age files, nothing of its own.
//!
//! The cache is only a shortcut. A line it does not hold is opened with the identity, as
//! `age -d` would, and what was learned so is handed back (`Opener::learned`) for the
//! caller to add. A damaged batch (a torn append, another key's) is skipped and counted.
//! The cache must be rewritten with the journal whenever lines leave it (a delete, an
//! edit), so a deleted entry does not stay behind, even sealed. Anyone with the public
//! recipient could add a batch, as anyone with it can seal a line: age does not say who
//! sealed a file, and a sealed journal does not either.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Mutex;

use age::secrecy::zeroize::Zeroizing;
use age::x25519;
use sha2::{Digest, Sha256};

use super::line::{self, LineError};
use crate::fsutil;

/// The first bytes of a batch's plaintext: what it is, and its format's version.
const MAGIC: &[u8] = b"steady sealed cache 1\n";
const DIGEST: usize = 32;
const LEN: usize = 4;
/// The most a cache file may hold.
const CACHE_LIMIT: u64 = 4 << 30;

/// The SHA-256 of a sealed line's bytes (without its newline).
type LineDigest = [u8; DIGEST];

fn digest(sealed: &[u8]) -> LineDigest {
    Sha256::digest(sealed).into()
}

/// The most plaintext one batch holds, so that a large cache is sealed and opened in
/// several batches, on every core.
const BATCH_BYTES: usize = 4 << 20;

/// Records to add to the cache: the digest of each sealed line and its plaintext, in
/// batches of about `BATCH_BYTES`.
#[derive(Default)]
pub struct Batch {
    batches: Vec<Zeroizing<Vec<u8>>>,
    count: usize,
}

impl Batch {
    /// Adds `sealed` (a sealed line) and `plain` (what it seals).
    pub fn add(&mut self, sealed: &[u8], plain: &[u8]) {
        let len = u32::try_from(plain.len()).expect("a journal line is far below 4 GiB");
        let records = match self.batches.last_mut() {
            Some(last) if last.len() + plain.len() <= BATCH_BYTES => last,
            _ => {
                let mut new = Zeroizing::new(Vec::with_capacity(BATCH_BYTES.min(64 << 10)));
                new.extend_from_slice(MAGIC);
                self.batches.push(new);
                self.batches.last_mut().expect("just pushed")
            }
        };
        records.extend_from_slice(&digest(sealed));
        records.extend_from_slice(&len.to_le_bytes());
        records.extend_from_slice(plain);
        self.count += 1;
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The batches as cache lines, each ending with a newline, sealed to `recipient` on
    /// every core.
    fn sealed_lines(&self, recipient: &x25519::Recipient) -> String {
        let sealed = on_every_core(&self.batches, |records| {
            let file = age::encrypt(recipient, records).expect("an X25519 recipient always seals");
            line::wrap(None, &file) + "\n"
        });
        sealed.concat()
    }

    /// Appends the records to the cache at `path` (nothing when there are none). Call while
    /// holding the journal's lock. A last line left torn by a crash is ended first, so it
    /// costs only itself. Not synced: a batch lost to a crash costs only the time to open
    /// its lines with the identity on the next read.
    pub fn append_to(&self, path: &Path, recipient: &x25519::Recipient) -> io::Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let mut text = self.sealed_lines(recipient);
        if !ends_a_line(path)? {
            text.insert(0, '\n');
        }
        fsutil::open_private_append(path)?.write_all(text.as_bytes())
    }

    /// Replaces the cache at `path` with these records alone (atomically). Call while
    /// holding the journal's lock, with the records of every line the journal holds.
    pub fn rewrite(&self, path: &Path, recipient: &x25519::Recipient) -> io::Result<()> {
        fsutil::write_atomic(path, self.sealed_lines(recipient).as_bytes())
    }
}

/// `work` on each of `items`, spread over every core, the results in order.
pub(super) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if items.len() < 2 || cores < 2 {
        return items.iter().map(work).collect();
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(items.len().div_ceil(cores))
            .map(|chunk| scope.spawn(move || chunk.iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The whole of the regular file at `path` (at most `CACHE_LIMIT`), read into a buffer of
/// its size at once: a cache is tens of megabytes, and growing a buffer by doubling costs
/// more than reading it.
fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    fsutil::regular_or_missing(path)?;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len().min(CACHE_LIMIT);
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(CACHE_LIMIT).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The plaintext of the age file `file` (what `age::decrypt` does, into a buffer of about
/// the plaintext's size from the start).
pub(super) fn decrypt(
    identity: &dyn age::Identity,
    file: &[u8],
) -> Result<Vec<u8>, age::DecryptError> {
    use std::io::Read;
    let decryptor = age::Decryptor::new_buffered(file)?;
    let mut reader = decryptor.decrypt(std::iter::once(identity))?;
    let mut plain = Vec::with_capacity(file.len());
    reader.read_to_end(&mut plain)?;
    Ok(plain)
}

/// Whether the file at `path` is missing, empty or ends with a newline.
fn ends_a_line(path: &Path) -> io::Result<bool> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut last = [b'\n'];
    if len > 0 {
        file.read_exact_at(&mut last, len - 1)?;
    }
    Ok(last[0] == b'\n')
}

/// The cache's batches as read from its file, still sealed: what needs no identity, so it
/// can be done while the passphrase opens the key (scrypt takes a second on one core).
pub struct Fetched {
    /// Each line's age file, or None for a line that is not one (a torn append).
    files: Vec<Option<Vec<u8>>>,
}

impl Fetched {
    /// Reads the cache at `path` and decodes its lines; a missing file is an empty cache.
    pub fn read(path: &Path) -> io::Result<Fetched> {
        let bytes = match read_whole(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        let texts: Vec<&[u8]> = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        Ok(Fetched {
            files: on_every_core(&texts, |text| line::file_of(text)),
        })
    }

    /// The batches opened with `identity`, on every core.
    pub fn open(self, identity: &x25519::Identity) -> (LineCache, CacheRead) {
        let opened = on_every_core(&self.files, |file| {
            file.as_deref()
                .and_then(|file| decrypt(identity, file).ok())
                .map(Zeroizing::new)
        });
        let mut cache = LineCache::default();
        let mut read = CacheRead::default();
        for plain in opened {
            match plain.map(|plain| cache.add_batch(plain)) {
                Some(true) => read.batches += 1,
                Some(false) | None => read.skipped += 1,
            }
        }
        (cache, read)
    }
}

/// The plaintexts the cache holds, by the digest of their sealed line.
#[derive(Default)]
pub struct LineCache {
    /// Each batch's plaintext, zeroed when dropped.
    batches: Vec<Zeroizing<Vec<u8>>>,
    /// Where each line's plaintext is: its batch, start and length.
    at: HashMap<LineDigest, (usize, usize, usize)>,
}

/// What reading the cache found besides lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheRead {
    /// Batches read.
    pub batches: usize,
    /// Lines that were not a batch this identity opens (a torn append, another key's).
    pub skipped: usize,
}

impl LineCache {
    /// Reads the cache at `path` with `identity`; a missing file is an empty cache.
    pub fn read(path: &Path, identity: &x25519::Identity) -> io::Result<(LineCache, CacheRead)> {
        Ok(Fetched::read(path)?.open(identity))
    }

    /// Adds the records of one batch's plaintext; false when it is not one.
    fn add_batch(&mut self, plain: Zeroizing<Vec<u8>>) -> bool {
        let Some(mut rest) = plain.strip_prefix(MAGIC) else {
            return false;
        };
        let batch = self.batches.len();
        let mut found = Vec::new();
        while !rest.is_empty() {
            let Some((head, tail)) = rest.split_at_checked(DIGEST + LEN) else {
                return false;
            };
            let (digest, len) = head.split_at(DIGEST);
            let len = u32::from_le_bytes(len.try_into().unwrap_or_default()) as usize;
            if tail.len() < len {
                return false;
            }
            let start = plain.len() - tail.len();
            found.push((digest.try_into().unwrap_or_default(), (batch, start, len)));
            rest = &tail[len..];
        }
        self.at.extend(found);
        self.batches.push(plain);
        true
    }

    /// The plaintext of the sealed line whose digest is `digest`.
    fn get(&self, digest: &LineDigest) -> Option<&[u8]> {
        let &(batch, start, len) = self.at.get(digest)?;
        self.batches.get(batch)?.get(start..start + len)
    }

    /// How many lines it holds.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }
}

/// Opens sealed lines: from the cache when it holds the line, else with the identity.
/// Shared by the threads of a whole-journal read.
pub struct Opener {
    identity: x25519::Identity,
    cache: LineCache,
    learned: Mutex<Batch>,
}

impl Opener {
    pub fn new(identity: x25519::Identity, cache: LineCache) -> Self {
        Opener {
            identity,
            cache,
            learned: Mutex::new(Batch::default()),
        }
    }

    /// The recipient of this opener's identity.
    pub fn recipient(&self) -> x25519::Recipient {
        self.identity.to_public()
    }

    /// The plaintext of the sealed line `sealed`, whose age file `file` decodes.
    pub(super) fn open(
        &self,
        sealed: &[u8],
        file: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Result<Cow<'_, [u8]>, LineError> {
        let digest = digest(sealed);
        if let Some(plain) = self.cache.get(&digest) {
            return Ok(Cow::Borrowed(plain));
        }
        let file = file().ok_or(LineError::NotSealed)?;
        let plain = decrypt(&self.identity, &file).map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => LineError::NotOurs,
            _ => LineError::Tampered,
        })?;
        if let Ok(mut learned) = self.learned.lock() {
            learned.add(sealed, &plain);
        }
        Ok(Cow::Owned(plain))
    }

    /// The lines this opener had to open with the identity (the cache did not hold them):
    /// what the caller adds to the cache so the next read finds them.
    pub fn learned(&self) -> Batch {
        std::mem::take(
            &mut *self
                .learned
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::seal::keys::tests::temp_dir;
    use crate::journal::seal::line::{open, seal};

    fn line_of(n: usize) -> String {
        format!(r#"{{"v":1,"id":"01JEXAMP{n:018}","note":"private words {n}"}}"#)
    }

    fn sealed_batch(
        recipient: &x25519::Recipient,
        lines: std::ops::Range<usize>,
    ) -> (Vec<String>, Batch) {
        let mut batch = Batch::default();
        let sealed = lines
            .map(|n| {
                let sealed = seal(line_of(n).as_bytes(), recipient);
                batch.add(sealed.as_bytes(), line_of(n).as_bytes());
                sealed
            })
            .collect();
        (sealed, batch)
    }

    #[test]
    fn lines_open_from_the_cache_without_the_identity_learning_anything() {
        let dir = temp_dir("cache");
        let path = dir.join("j.jsonl.cache");
        let identity = x25519::Identity::generate();
        let recipient = identity.to_public();
        let (sealed, batch) = sealed_batch(&recipient, 0..20);
        batch.append_to(&path, &recipient).unwrap();
        let (cache, state) = LineCache::read(&path, &identity).unwrap();
        assert_eq!(
            state,
            CacheRead {
                batches: 1,
                skipped: 0
            }
        );
        assert_eq!(cache.len(), 20);
        let opener = Opener::new(identity, cache);
        for (n, line) in sealed.iter().enumerate() {
            assert_eq!(
                open(line.as_bytes(), &opener).unwrap(),
                line_of(n).as_bytes()
            );
        }
        assert!(opener.learned().is_empty());
        // The cache holds nothing in the clear, and is private.
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("private"));
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&path).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn lines_the_cache_does_not_hold_are_opened_with_the_identity_and_learned() {
        let dir = temp_dir("cache-miss");
        let path = dir.join("j.jsonl.cache");
        let identity = x25519::Identity::generate();
        let recipient = identity.to_public();
        let (sealed, _) = sealed_batch(&recipient, 0..3);
        let opener = Opener::new(identity.clone(), LineCache::default());
        for (n, line) in sealed.iter().enumerate() {
            assert_eq!(
                open(line.as_bytes(), &opener).unwrap(),
                line_of(n).as_bytes()
            );
        }
        let learned = opener.learned();
        assert_eq!(learned.len(), 3);
        learned.rewrite(&path, &recipient).unwrap();
        let (cache, _) = LineCache::read(&path, &identity).unwrap();
        let opener = Opener::new(identity, cache);
        assert_eq!(
            open(sealed[1].as_bytes(), &opener).unwrap(),
            line_of(1).as_bytes()
        );
        assert!(opener.learned().is_empty());
    }

    #[test]
    fn a_line_changed_by_one_byte_is_not_taken_from_the_cache() {
        let identity = x25519::Identity::generate();
        let recipient = identity.to_public();
        let (sealed, batch) = sealed_batch(&recipient, 0..1);
        let dir = temp_dir("cache-changed");
        let path = dir.join("j.jsonl.cache");
        batch.rewrite(&path, &recipient).unwrap();
        let (cache, _) = LineCache::read(&path, &identity).unwrap();
        let opener = Opener::new(identity, cache);
        let at = sealed[0].len() - 10;
        let mut flipped = sealed[0].clone().into_bytes();
        flipped[at] = if flipped[at] == b'A' { b'B' } else { b'A' };
        assert_eq!(open(&flipped, &opener), Err(LineError::Tampered));
    }

    #[test]
    fn batches_add_up_and_a_torn_or_foreign_batch_is_skipped() {
        let dir = temp_dir("cache-torn");
        let path = dir.join("j.jsonl.cache");
        let identity = x25519::Identity::generate();
        let recipient = identity.to_public();
        sealed_batch(&recipient, 0..2)
            .1
            .append_to(&path, &recipient)
            .unwrap();
        // A crash in the middle of an append, then a batch sealed to someone else.
        let mut file = fsutil::open_private_append(&path).unwrap();
        file.write_all(br#"{"age":"YWdlLWVuY3J5"#).unwrap();
        sealed_batch(&recipient, 2..3)
            .1
            .append_to(&path, &recipient)
            .unwrap();
        let stranger = x25519::Identity::generate().to_public();
        sealed_batch(&stranger, 3..4)
            .1
            .append_to(&path, &stranger)
            .unwrap();
        let (cache, state) = LineCache::read(&path, &identity).unwrap();
        assert_eq!(
            state,
            CacheRead {
                batches: 2,
                skipped: 2
            }
        );
        assert_eq!(cache.len(), 3);
    }
}
