//! The journal's lock: an advisory lock on a sidecar file (`journal.jsonl.lock`) that is never
//! renamed or deleted, so it stays the same file while rewrites rename new journals into place.
//! Writers hold it exclusively for one append or one rewrite and never while idle.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::fsutil;

/// A held lock; dropping it lets the next writer in.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

/// The lock file that guards `journal`.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    journal.with_file_name(name)
}

impl Lock {
    /// Waits for and takes the exclusive lock, creating the lock file (0600) and its folder
    /// (0700) when needed. A lock file made for a journal that is already there gets the
    /// journal's owner, so one made by `sudo steady import` does not lock its owner out.
    pub fn exclusive(journal: &Path) -> io::Result<Lock> {
        let path = lock_path(journal);
        let made = !path.exists();
        let file = fsutil::open_private_append(&path)?;
        if made && let Ok(owner) = std::fs::metadata(journal) {
            use std::os::unix::fs::MetadataExt;
            // Only root can give a file away, and only root needs to.
            let _ = std::os::unix::fs::fchown(&file, Some(owner.uid()), Some(owner.gid()));
        }
        file.lock()?;
        Ok(Lock { file })
    }

    /// Waits for a shared lock so a reader sees no append half done. When there is no lock
    /// file no writer has ever run, so there is nothing to wait for and `None` comes back.
    pub fn shared(journal: &Path) -> io::Result<Option<Lock>> {
        match OpenOptions::new().read(true).open(lock_path(journal)) {
            Ok(file) => {
                file.lock_shared()?;
                Ok(Some(Lock { file }))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file would release the lock too; unlocking first says so plainly.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_file_sits_beside_the_journal() {
        assert_eq!(
            lock_path(Path::new("/data/steady/journal.jsonl")),
            PathBuf::from("/data/steady/journal.jsonl.lock")
        );
    }

    #[test]
    fn exclusive_lock_excludes_others_until_dropped() {
        let dir = std::env::temp_dir().join(format!("steady-lock-{}", std::process::id()));
        let journal = dir.join("journal.jsonl");
        let held = Lock::exclusive(&journal).unwrap();
        let other = File::open(lock_path(&journal)).unwrap();
        assert!(
            other.try_lock_shared().is_err(),
            "a reader waits for a writer"
        );
        drop(held);
        assert!(other.try_lock().is_ok(), "the lock is free once dropped");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
