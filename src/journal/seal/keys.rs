//! The keys of a sealed journal, kept beside it (its path with symlinks followed, as the
//! store follows them): `NAME.recipient` holds the public recipient (`age1…`) in the clear,
//! which is all that adding an entry needs; `NAME.identity.age` holds the X25519 identity
//! as a standard age identity file, sealed with the person's passphrase through age's
//! scrypt recipient, so `age -d` (or `age -d -i NAME.identity.age`) asks for the passphrase
//! and gives it back; `NAME.cache` is the sealed cache of opened lines (see `cache`).
//!
//! Both key files are written private (0600) and atomically (temp file, fsync, rename).
//! Changing the passphrase re-seals only the identity file: no entry is touched.

use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::zeroize::Zeroizing;
use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use super::passphrase::Passphrase;
use crate::fsutil;

/// The most a key file may hold; a real one is a few hundred bytes.
const KEY_FILE_LIMIT: u64 = 64 * 1024;

/// The prefix of the line of an age identity file that holds the secret key.
const SECRET_PREFIX: &str = "AGE-SECRET-KEY-1";

/// Where a journal's keys live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFiles {
    /// The public recipient, in the clear.
    pub recipient: PathBuf,
    /// The identity, sealed with the passphrase.
    pub identity: PathBuf,
    /// The sealed cache of opened lines.
    pub cache: PathBuf,
}

impl KeyFiles {
    /// The key files beside `journal`, once symlinks in its last part are followed, so a
    /// journal reached through a link keeps its keys beside the file itself.
    pub fn beside(journal: &Path) -> io::Result<KeyFiles> {
        let journal = fsutil::follow_links(journal)?;
        let with = |suffix: &str| {
            let mut name = journal.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        Ok(KeyFiles {
            recipient: with(".recipient"),
            identity: with(".identity.age"),
            cache: with(".cache"),
        })
    }

    /// Whether the journal is sealed: its recipient file is there.
    pub fn sealed(&self) -> bool {
        self.recipient.exists()
    }

    /// Makes a new identity for the journal and writes both key files. The identity file
    /// is written first, so an interrupted run leaves no recipient that nothing can open.
    /// Refuses when either file is already there: an identity is never overwritten.
    /// `work_factor` is scrypt's log2(N); None lets age pick about a second of work here.
    pub fn create(
        &self,
        passphrase: &Passphrase,
        work_factor: Option<u8>,
    ) -> Result<x25519::Identity, KeyError> {
        for path in [&self.identity, &self.recipient] {
            if path.exists() {
                return Err(KeyError::AlreadyThere { path: path.clone() });
            }
        }
        let identity = x25519::Identity::generate();
        self.write_identity(&identity, passphrase, work_factor)?;
        let recipient = format!("{}\n", identity.to_public());
        fsutil::write_atomic(&self.recipient, recipient.as_bytes())
            .map_err(|e| KeyError::io(&self.recipient, "write", e))?;
        Ok(identity)
    }

    /// The recipient that seals new entries.
    pub fn recipient(&self) -> Result<x25519::Recipient, KeyError> {
        let bytes = read(&self.recipient)?;
        let damaged = || KeyError::Damaged {
            path: self.recipient.clone(),
            what: "it holds no age1… recipient",
        };
        let text = std::str::from_utf8(&bytes).map_err(|_| damaged())?;
        let key = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or_else(damaged)?;
        x25519::Recipient::from_str(key).map_err(|_| damaged())
    }

    /// Opens the identity with `passphrase` and checks that it is the recipient's.
    pub fn unlock(&self, passphrase: &Passphrase) -> Result<x25519::Identity, KeyError> {
        let recipient = self.recipient()?;
        let sealed = read(&self.identity)?;
        let damaged = |what| KeyError::Damaged {
            path: self.identity.clone(),
            what,
        };
        let decryptor = age::Decryptor::new_buffered(&sealed[..])
            .map_err(|_| damaged("it is not an age file"))?;
        if !decryptor.is_scrypt() {
            return Err(damaged("it is not sealed with a passphrase"));
        }
        let mut scrypt = age::scrypt::Identity::new(passphrase.secret().clone());
        // A file sealed on a faster machine may ask for more work than age allows by
        // default; up to 2^24 (a few seconds) is still a passphrase, not an attack.
        scrypt.set_max_work_factor(24);
        let mut plain = Zeroizing::new(Vec::new());
        let read = decryptor
            .decrypt(std::iter::once(&scrypt as &dyn age::Identity))
            .and_then(|mut r| io::Read::read_to_end(&mut r, &mut plain).map_err(Into::into));
        match read {
            Ok(_) => {}
            Err(age::DecryptError::ExcessiveWork { .. }) => {
                return Err(damaged("it asks for more work than steady will do"));
            }
            Err(_) => {
                return Err(KeyError::WrongPassphrase {
                    identity: self.identity.clone(),
                });
            }
        }
        let plain = std::str::from_utf8(&plain).map_err(|_| damaged("it is not text"))?;
        let identity = plain
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(SECRET_PREFIX))
            .and_then(|l| x25519::Identity::from_str(l).ok())
            .ok_or_else(|| damaged("it holds no AGE-SECRET-KEY-1… line"))?;
        if identity.to_public() != recipient {
            return Err(KeyError::Mismatch {
                recipient: self.recipient.clone(),
                identity: self.identity.clone(),
            });
        }
        Ok(identity)
    }

    /// Seals the identity again with `new`, after opening it with `old`. Only the identity
    /// file changes (atomically, keeping its owner and mode); no entry is re-sealed.
    pub fn change_passphrase(
        &self,
        old: &Passphrase,
        new: &Passphrase,
        work_factor: Option<u8>,
    ) -> Result<(), KeyError> {
        let identity = self.unlock(old)?;
        self.write_identity(&identity, new, work_factor)
    }

    /// Writes `identity` as a standard age identity file, sealed with `passphrase`.
    fn write_identity(
        &self,
        identity: &x25519::Identity,
        passphrase: &Passphrase,
        work_factor: Option<u8>,
    ) -> Result<(), KeyError> {
        let mut scrypt = age::scrypt::Recipient::new(passphrase.secret().clone());
        if let Some(log_n) = work_factor {
            scrypt.set_work_factor(log_n);
        }
        let plain = SecretString::from(format!(
            "# The key that reads a sealed steady journal.\n# public key: {}\n{}\n",
            identity.to_public(),
            identity.to_string().expose_secret()
        ));
        let sealed = age::encrypt(&scrypt, plain.expose_secret().as_bytes())
            .map_err(|e| KeyError::io(&self.identity, "seal", io::Error::other(e.to_string())))?;
        let write = |out: &mut io::BufWriter<&std::fs::File>| io::Write::write_all(out, &sealed);
        let written = match std::fs::metadata(&self.identity) {
            Ok(old) => fsutil::rewrite_file(&self.identity, &old, write),
            Err(_) => fsutil::replace_file(&self.identity, write),
        };
        written.map_err(|e| KeyError::io(&self.identity, "write", e))
    }
}

/// Reads a key file, naming a missing one by what it is.
fn read(path: &Path) -> Result<Vec<u8>, KeyError> {
    fsutil::read_small(path, KEY_FILE_LIMIT).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            KeyError::Missing {
                path: path.to_owned(),
            }
        } else {
            KeyError::io(path, "read", e)
        }
    })
}

/// Why a journal's keys could not be made, read or opened.
#[derive(Debug)]
pub enum KeyError {
    /// The passphrase does not open the identity file.
    WrongPassphrase { identity: PathBuf },
    /// A key file is not there.
    Missing { path: PathBuf },
    /// The identity opens but is not the key of the recipient beside it.
    Mismatch {
        recipient: PathBuf,
        identity: PathBuf,
    },
    /// A key file is there but holds something steady cannot use.
    Damaged { path: PathBuf, what: &'static str },
    /// Making keys would overwrite a key file.
    AlreadyThere { path: PathBuf },
    /// Reading or writing a key file failed.
    Io {
        path: PathBuf,
        doing: &'static str,
        source: io::Error,
    },
}

impl KeyError {
    fn io(path: &Path, doing: &'static str, source: io::Error) -> Self {
        KeyError::Io {
            path: path.to_owned(),
            doing,
            source,
        }
    }
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::WrongPassphrase { identity } => write!(
                f,
                "That passphrase does not open the journal's key {}; nothing was read or changed, so try again with the passphrase you chose.",
                identity.display()
            ),
            KeyError::Missing { path } => write!(
                f,
                "The journal's key file {} is missing; put it back from a backup (without it sealed entries cannot be read).",
                path.display()
            ),
            KeyError::Mismatch {
                recipient,
                identity,
            } => write!(
                f,
                "The key in {} is not the one {} names, so the two belong to different journals; put back the pair that belongs together.",
                identity.display(),
                recipient.display()
            ),
            KeyError::Damaged { path, what } => write!(
                f,
                "The journal's key file {} cannot be used ({what}); put it back from a backup.",
                path.display()
            ),
            KeyError::AlreadyThere { path } => write!(
                f,
                "{} is already there, and steady never overwrites a key; move it away if it belongs to no journal you need.",
                path.display()
            ),
            KeyError::Io {
                path,
                doing,
                source,
            } => write!(
                f,
                "Cannot {doing} the journal's key file {} ({}); check that its folder is there and yours.",
                path.display(),
                fsutil::io_words(source)
            ),
        }
    }
}

impl std::error::Error for KeyError {}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A fast scrypt work factor for tests (age's own would take a second or more).
    pub(crate) const TEST_WORK: Option<u8> = Some(4);

    pub(crate) fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("steady-seal-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub(crate) fn words(s: &str) -> Passphrase {
        Passphrase::new(s.to_owned())
    }

    #[test]
    fn key_files_sit_beside_the_journal_a_link_points_to() {
        let dir = temp_dir("beside");
        std::fs::create_dir(dir.join("real")).unwrap();
        std::os::unix::fs::symlink("real/j.jsonl", dir.join("link.jsonl")).unwrap();
        let files = KeyFiles::beside(&dir.join("link.jsonl")).unwrap();
        assert_eq!(files.recipient, dir.join("real/j.jsonl.recipient"));
        assert_eq!(files.identity, dir.join("real/j.jsonl.identity.age"));
        assert_eq!(files.cache, dir.join("real/j.jsonl.cache"));
    }

    #[test]
    fn created_keys_are_private_and_unlock_with_the_passphrase_only() {
        let dir = temp_dir("create");
        let files = KeyFiles::beside(&dir.join("j.jsonl")).unwrap();
        assert!(!files.sealed());
        let created = files.create(&words("correct horse"), TEST_WORK).unwrap();
        assert!(files.sealed());
        for path in [&files.recipient, &files.identity] {
            let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", path.display());
        }
        assert_eq!(files.recipient().unwrap(), created.to_public());
        let opened = files.unlock(&words("correct horse")).unwrap();
        assert_eq!(
            opened.to_string().expose_secret(),
            created.to_string().expose_secret()
        );
        // The secret key is never in the clear on disk.
        let secret = created.to_string();
        for item in std::fs::read_dir(&dir).unwrap() {
            let bytes = std::fs::read(item.unwrap().path()).unwrap();
            assert!(!String::from_utf8_lossy(&bytes).contains(secret.expose_secret()));
        }
        let wrong = files.unlock(&words("wrong horse")).err().expect("refused");
        assert!(matches!(wrong, KeyError::WrongPassphrase { .. }));
        assert!(
            wrong
                .to_string()
                .starts_with("That passphrase does not open")
        );
    }

    #[test]
    fn keys_are_never_made_twice() {
        let dir = temp_dir("twice");
        let files = KeyFiles::beside(&dir.join("j.jsonl")).unwrap();
        files.create(&words("one"), TEST_WORK).unwrap();
        let before = std::fs::read(&files.identity).unwrap();
        let again = files
            .create(&words("two"), TEST_WORK)
            .err()
            .expect("refused");
        assert!(matches!(again, KeyError::AlreadyThere { .. }), "{again}");
        assert_eq!(std::fs::read(&files.identity).unwrap(), before);
    }

    #[test]
    fn a_missing_identity_or_recipient_is_named() {
        let dir = temp_dir("missing");
        let files = KeyFiles::beside(&dir.join("j.jsonl")).unwrap();
        let none = files.unlock(&words("x")).err().expect("refused");
        assert!(matches!(&none, KeyError::Missing { path } if *path == files.recipient));
        files.create(&words("x"), TEST_WORK).unwrap();
        std::fs::remove_file(&files.identity).unwrap();
        let gone = files.unlock(&words("x")).err().expect("refused");
        assert!(matches!(&gone, KeyError::Missing { path } if *path == files.identity));
        assert!(gone.to_string().contains("is missing"), "{gone}");
    }

    #[test]
    fn an_identity_of_another_journal_is_a_mismatch() {
        let dir = temp_dir("mismatch");
        let one = KeyFiles::beside(&dir.join("one.jsonl")).unwrap();
        let two = KeyFiles::beside(&dir.join("two.jsonl")).unwrap();
        one.create(&words("x"), TEST_WORK).unwrap();
        two.create(&words("x"), TEST_WORK).unwrap();
        std::fs::copy(&two.identity, &one.identity).unwrap();
        let error = one.unlock(&words("x")).err().expect("refused");
        assert!(matches!(error, KeyError::Mismatch { .. }), "{error}");
    }

    #[test]
    fn a_damaged_key_file_is_a_sentence() {
        let dir = temp_dir("damaged");
        let files = KeyFiles::beside(&dir.join("j.jsonl")).unwrap();
        files.create(&words("x"), TEST_WORK).unwrap();
        std::fs::write(&files.identity, b"not age at all").unwrap();
        let error = files.unlock(&words("x")).err().expect("refused");
        assert!(matches!(error, KeyError::Damaged { .. }), "{error}");
        std::fs::write(&files.recipient, b"# nothing\n").unwrap();
        let error = files.recipient().unwrap_err();
        assert!(error.to_string().contains("no age1"), "{error}");
    }

    #[test]
    fn a_new_passphrase_reseals_only_the_identity() {
        let dir = temp_dir("change");
        let files = KeyFiles::beside(&dir.join("j.jsonl")).unwrap();
        let created = files.create(&words("old"), TEST_WORK).unwrap();
        let recipient = std::fs::read(&files.recipient).unwrap();
        let wrong = files
            .change_passphrase(&words("not it"), &words("new"), TEST_WORK)
            .unwrap_err();
        assert!(matches!(wrong, KeyError::WrongPassphrase { .. }));
        files
            .change_passphrase(&words("old"), &words("new"), TEST_WORK)
            .unwrap();
        assert_eq!(std::fs::read(&files.recipient).unwrap(), recipient);
        assert!(matches!(
            files.unlock(&words("old")),
            Err(KeyError::WrongPassphrase { .. })
        ));
        let opened = files.unlock(&words("new")).unwrap();
        assert_eq!(opened.to_public(), created.to_public());
        let mode = std::fs::metadata(&files.identity)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}
