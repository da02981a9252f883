//! Why the journal could not be read or written, as one sentence that names the file and
//! says what to do.

use std::io;
use std::path::{Path, PathBuf};

use super::lock::LockedOut;
use super::tail::SetAside;
use crate::fsutil::NotRegular;

/// What the store was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doing {
    /// Making the journal's folder (when taking the lock, the first thing a writer does).
    MakeFolder,
    Lock,
    Read,
    Write,
    SetAside,
}

/// A journal read or write that failed; the journal is as it was before, except for a torn
/// last line the write set aside first (`set_aside`), which the message then says.
#[derive(Debug)]
pub struct StoreError {
    pub path: PathBuf,
    pub doing: Doing,
    pub source: io::Error,
    pub set_aside: Option<Box<SetAside>>,
}

impl StoreError {
    pub fn new(path: &Path, doing: Doing, source: io::Error) -> Self {
        Self {
            path: path.to_owned(),
            doing,
            source,
            set_aside: None,
        }
    }

    /// Another process held the journal's lock for longer than the wait allowed (nothing
    /// was read or written): what a screen tells apart from a full disk without reading text.
    pub fn locked_out(&self) -> Option<&LockedOut> {
        self.source.get_ref()?.downcast_ref::<LockedOut>()
    }

    /// The write set aside a torn last line before it failed.
    #[must_use]
    pub fn after_setting_aside(mut self, set_aside: Option<SetAside>) -> Self {
        self.set_aside = set_aside.map(Box::new);
        self
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        if let Some(not) = self
            .source
            .get_ref()
            .and_then(|e| e.downcast_ref::<NotRegular>())
        {
            return write!(
                f,
                "steady cannot keep its journal at {path}: {not}; give --journal (or STEADY_JOURNAL) the path of a file, which steady creates when it is missing"
            );
        }
        if let Some(out) = self.locked_out() {
            let (what, nothing) = match self.doing {
                Doing::Read => ("read", "nothing was read"),
                _ => ("write", "nothing was written and the journal is as it was"),
            };
            return write!(
                f,
                "could not {what} {path}: {out}, so {nothing}; try again once it has finished, or wait longer with the setting lock_wait_seconds"
            );
        }
        let what = match self.doing {
            Doing::MakeFolder => format!("could not create the folder {path} for the journal"),
            Doing::Lock => format!("could not lock {path}"),
            Doing::Read => format!("could not read {path}"),
            Doing::Write => format!("could not write {path}"),
            Doing::SetAside => format!("could not set aside the cut-off last line of {path}"),
        };
        let moved;
        let unchanged = match (self.doing, &self.set_aside) {
            (Doing::Read, _) => "",
            (_, None) => " (the journal is as it was)",
            (_, Some(aside)) => {
                moved = format!(
                    " (the journal is as it was, except that its cut-off last line of {} bytes was first moved to {})",
                    aside.bytes,
                    aside.path.display()
                );
                &moved
            }
        };
        match self.source.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => write!(
                f,
                "{what} because the disk is full{unchanged}; free some space and try again"
            ),
            io::ErrorKind::FileTooLarge => write!(
                f,
                "{what} because the file would grow past the size allowed{unchanged}; raise the file size limit or make room and try again"
            ),
            io::ErrorKind::ReadOnlyFilesystem => write!(
                f,
                "{what} because the file system it is on is read-only{unchanged}; mount it writable or choose a journal elsewhere"
            ),
            io::ErrorKind::PermissionDenied => write!(
                f,
                "{what} because permission was denied{unchanged}; check that you may read and write it and its folder"
            ),
            io::ErrorKind::AlreadyExists if self.doing == Doing::MakeFolder => write!(
                f,
                "{what} because a file of that name is in the way{unchanged}; move that file or choose another journal path"
            ),
            _ => write!(
                f,
                "{what} ({}){unchanged}; check the path and the disk, then try again",
                crate::fsutil::io_words(&self.source)
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_what_to_do() {
        let e = StoreError::new(
            Path::new("/j/journal.jsonl"),
            Doing::Write,
            io::Error::from(io::ErrorKind::StorageFull),
        );
        assert_eq!(
            e.to_string(),
            "could not write /j/journal.jsonl because the disk is full (the journal is as it was); free some space and try again"
        );
        let e = StoreError::new(
            Path::new("/j/journal.jsonl"),
            Doing::Read,
            io::Error::from(io::ErrorKind::PermissionDenied),
        );
        assert!(
            e.to_string()
                .starts_with("could not read /j/journal.jsonl because permission")
        );
        let e = StoreError::new(
            Path::new("/j/journal.jsonl"),
            Doing::Write,
            io::Error::from(io::ErrorKind::ReadOnlyFilesystem),
        );
        assert_eq!(
            e.to_string(),
            "could not write /j/journal.jsonl because the file system it is on is read-only (the journal is as it was); mount it writable or choose a journal elsewhere"
        );
        let out = LockedOut {
            holder: None,
            waited: std::time::Duration::from_secs(30),
        };
        let e = StoreError::new(
            Path::new("/j/journal.jsonl"),
            Doing::Lock,
            io::Error::new(io::ErrorKind::WouldBlock, out.clone()),
        );
        assert_eq!(e.locked_out(), Some(&out));
        assert_eq!(
            e.to_string(),
            "could not write /j/journal.jsonl: another steady was still using it after 30 s, so nothing was written and the journal is as it was; try again once it has finished, or wait longer with the setting lock_wait_seconds"
        );
        let full = StoreError::new(
            Path::new("/j/journal.jsonl"),
            Doing::Write,
            io::Error::from(io::ErrorKind::StorageFull),
        );
        assert_eq!(full.locked_out(), None, "a full disk is not a held lock");
        let e = StoreError::new(
            Path::new("/j"),
            Doing::MakeFolder,
            io::Error::from_raw_os_error(20),
        );
        assert_eq!(
            e.to_string(),
            "could not create the folder /j for the journal (not a directory) (the journal is as it was); check the path and the disk, then try again"
        );
    }
}
