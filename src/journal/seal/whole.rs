//! A journal file sealed or opened as a whole, under its lock (`steady encrypt` and
//! `steady decrypt`): the new file is written through the store's atomic rewrite, so a
//! crash leaves the old journal or the new one, never a mix. Sealing makes the keys first
//! when there are none, seals only the lines not sealed yet (so an interrupted run is simply
//! run again) and puts the plaintext in the cache; opening refuses a journal holding lines
//! sealed to another key (their keys would be lost with this journal's), and once the plain
//! journal is in place removes the key files and the cache.

use std::io;
use std::path::Path;

use age::x25519;

use super::SealError;
use super::cache::Opener;
use super::convert::{Opening, Sealing, open_all, seal_all};
use super::keys::KeyFiles;
use super::line;
use super::passphrase::Passphrase;
use crate::fsutil;
use crate::journal::error::{Doing, StoreError};
use crate::journal::store::Store;
use crate::journal::tail;
use crate::journal::vault::{VaultError, Written};

/// What `encrypt` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encrypted {
    pub lines: Sealing,
    /// The keys were made now (else the journal had them: an earlier run, interrupted).
    pub made_keys: bool,
    /// Cut-off lines set aside beside the journal (`tail`), sealed in their files now:
    /// the one this run set aside, and any a plain journal had before.
    pub fragments: usize,
}

/// Seals every line of the journal not sealed yet. `passphrase` is used only when the
/// keys are made now; `work_factor` is scrypt's (None: age's own choice, about a second).
pub fn encrypt(
    store: &Store,
    keys: &KeyFiles,
    passphrase: Option<&Passphrase>,
    work_factor: Option<u8>,
) -> Result<Written<Encrypted>, VaultError> {
    let write_error = |e: io::Error| StoreError::new(store.path(), Doing::Write, e);
    store
        .rewrite_whole(|bytes| {
            let made_keys = match passphrase {
                Some(passphrase) if !keys.sealed() => {
                    keys.create(passphrase, work_factor)
                        .map_err(SealError::Key)?;
                    true
                }
                _ => false,
            };
            let recipient = keys.recipient().map_err(SealError::Key)?;
            let (sealed, cache, lines) = seal_all(bytes, &recipient);
            let done = Encrypted {
                lines,
                made_keys,
                fragments: 0,
            };
            if lines.sealed == 0 {
                return Ok::<_, VaultError>((None, done));
            }
            cache
                .append_to(&keys.cache, &recipient)
                .map_err(write_error)?;
            Ok((Some(sealed), done))
        })
        .and_then(|mut written| {
            let recipient = keys.recipient().map_err(SealError::Key)?;
            written.value.fragments =
                seal_fragments(store.path(), &recipient).map_err(write_error)?;
            Ok(written)
        })
}

/// Seals, each in its own file and in place, every cut-off line set aside beside the
/// journal at `journal` that is not sealed yet, so that no word of a plain journal stays in
/// the clear once it is sealed; returns how many were sealed. Each becomes one sealed line
/// (`line::seal`), which `age -d` opens as the cut-off bytes they were.
fn seal_fragments(journal: &Path, recipient: &x25519::Recipient) -> io::Result<usize> {
    let journal = fsutil::follow_links(journal)?;
    let folder = match journal.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    let prefix = tail::torn_prefix(&journal);
    let mut sealed = 0;
    for item in std::fs::read_dir(&folder)? {
        let path = item?.path();
        let named = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&prefix));
        if !named || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        if line::is_sealed(bytes.strip_suffix(b"\n").unwrap_or(&bytes)) {
            continue;
        }
        let mut out = line::seal(&bytes, recipient).into_bytes();
        out.push(b'\n');
        fsutil::write_atomic(&path, &out)?;
        sealed += 1;
    }
    Ok(sealed)
}

/// Opens every line of the journal and writes it back in plaintext, then removes the key
/// files and the cache. Refused (nothing written) when a line is sealed to another key.
pub fn decrypt(
    store: &Store,
    keys: &KeyFiles,
    opener: &Opener,
) -> Result<Written<Opening>, VaultError> {
    let written = store.rewrite_whole(|bytes| {
        let (plain, opening) = open_all(bytes, opener);
        if opening.other_key > 0 {
            return Err(VaultError::Sealed(SealError::OtherKey {
                lines: opening.other_key,
            }));
        }
        Ok(((opening.opened > 0).then_some(plain), opening))
    })?;
    // The recipient goes first: without it the journal is plain again for every steady.
    for path in [&keys.recipient, &keys.cache, &keys.identity] {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::new(path, Doing::Write, e).into()),
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::seal::LineCache;
    use crate::journal::seal::keys::tests::{TEST_WORK, temp_dir, words};

    const JOURNAL: &[u8] =
        b"{\"v\":1,\"id\":\"01JF7Q5N3D0000000000000001\",\"note\":\"first words\"}\n\
        an unreadable line\n\
        {\"v\":1,\"id\":\"01JF7Q5N3D0000000000000002\",\"note\":\"second words\"}\n";

    #[test]
    fn encrypt_then_decrypt_gives_the_journal_back_and_leaves_no_key_behind() {
        let dir = temp_dir("whole");
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, JOURNAL).unwrap();
        let store = Store::new(&path);
        let keys = KeyFiles::beside(&path).unwrap();
        let done = encrypt(&store, &keys, Some(&words("pass")), TEST_WORK)
            .unwrap()
            .value;
        assert!(done.made_keys);
        assert_eq!(done.lines, Sealing { sealed: 3, kept: 0 });
        for item in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read(item.unwrap().path()).unwrap();
            assert!(!String::from_utf8_lossy(&text).contains("words"));
        }
        // Again: nothing left to seal, nothing written.
        let sealed = std::fs::read(&path).unwrap();
        let again = encrypt(&store, &keys, None, TEST_WORK).unwrap().value;
        assert_eq!(again.lines, Sealing { sealed: 0, kept: 3 });
        assert_eq!(std::fs::read(&path).unwrap(), sealed);
        let identity = keys
            .unlock(&words("pass"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (cache, _) = LineCache::read(&keys.cache, &identity).unwrap();
        assert_eq!(cache.len(), 3);
        let opener = Opener::new(identity, cache);
        let done = decrypt(&store, &keys, &opener).unwrap().value;
        assert_eq!(done.opened, 3);
        assert_eq!(std::fs::read(&path).unwrap(), JOURNAL);
        assert!(!keys.sealed() && !keys.identity.exists() && !keys.cache.exists());
    }

    #[test]
    fn a_line_sealed_to_another_key_stops_decrypt_before_anything_changes() {
        let dir = temp_dir("whole-other");
        let path = dir.join("journal.jsonl");
        let stranger = age::x25519::Identity::generate().to_public();
        let foreign = super::super::line::seal(b"{\"note\":\"not ours\"}", &stranger);
        std::fs::write(&path, [JOURNAL, foreign.as_bytes(), b"\n"].concat()).unwrap();
        let store = Store::new(&path);
        let keys = KeyFiles::beside(&path).unwrap();
        encrypt(&store, &keys, Some(&words("pass")), TEST_WORK).unwrap();
        let sealed = std::fs::read(&path).unwrap();
        let identity = keys
            .unlock(&words("pass"))
            .unwrap_or_else(|e| panic!("{e}"));
        let opener = Opener::new(identity, LineCache::default());
        let refused = decrypt(&store, &keys, &opener).unwrap_err();
        assert!(refused.to_string().contains("another key"), "{refused}");
        assert_eq!(std::fs::read(&path).unwrap(), sealed);
        assert!(keys.sealed() && keys.identity.exists());
    }
}
