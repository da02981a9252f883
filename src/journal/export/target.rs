//! Where an export may be written. One rule for `steady export -o FILE` and review's export
//! dialog: never over the journal or its lock file, however the path is spelled (`..`
//! through a folder that does not exist yet, a symlink, a hard link), and never over
//! anything that is not a regular file (a device such as `/dev/stdout`, a folder, a pipe,
//! a link). Existing files are compared by device and inode; a path that does not exist
//! yet is resolved from its nearest folder that does, the rest taken as written.

use std::fs::{self, Metadata};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

use crate::fsutil;
use crate::journal::lock::lock_path;

/// What is at an export path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Nothing,
    /// A regular file that may be replaced (the CLI wants `--force`, the TUI a `y`).
    File,
}

/// Why an export will not be written to a path.
#[derive(Debug)]
pub enum Refused {
    /// The path is the journal itself.
    Journal(PathBuf),
    /// The path is the journal's lock file.
    Lock(PathBuf),
    /// The path is one of a sealed journal's key files or its cache (`seal::KeyFiles`).
    Key(PathBuf),
    /// The path is a folder.
    Folder(PathBuf),
    /// The path is a link, a device, a pipe or a socket.
    NotRegular(PathBuf),
    /// The path could not be looked at.
    Unreadable(PathBuf, io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Journal(p) => write!(
                f,
                "{} is the journal itself; choose another file to export to",
                p.display()
            ),
            Refused::Lock(p) => write!(
                f,
                "{} is the journal's lock file; choose another file to export to",
                p.display()
            ),
            Refused::Key(p) => write!(
                f,
                "{} holds the journal's key or its sealed cache; choose another file to export to",
                p.display()
            ),
            Refused::Folder(p) => {
                write!(f, "{} is a folder; add a file name after it", p.display())
            }
            Refused::NotRegular(p) => write!(
                f,
                "{} is not a plain file (a link, a device or a pipe), so steady will not replace it; choose a file name",
                p.display()
            ),
            Refused::Unreadable(p, e) => write!(
                f,
                "cannot look at {} ({}); choose another place",
                p.display(),
                fsutil::io_words(e)
            ),
        }
    }
}

impl std::error::Error for Refused {}

/// Whether an export of the journal at `journal` (`None`: entries that live in no file)
/// may go to `path`, and what is there now.
pub fn check(path: &Path, journal: Option<&Path>) -> Result<Existing, Refused> {
    inspect(path, journal).map(|(existing, _)| existing)
}

/// `check`, and the place the export would be written: `path` with its folder resolved
/// (links and `..` followed) and its own name kept, so a link there is seen as a link.
fn inspect(path: &Path, journal: Option<&Path>) -> Result<(Existing, PathBuf), Refused> {
    let target = match (path.parent(), path.file_name()) {
        (Some(folder), Some(name)) => {
            let folder = if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                folder
            };
            resolve(folder).join(name)
        }
        // A path ending in `..` or `/`, or the root: a folder, resolved as one.
        _ => resolve(path),
    };
    // The journal may be a link: its lock may then sit beside the file it points to.
    let guarded = journal.into_iter().flat_map(|journal| {
        let real = resolve(journal);
        [
            journal.to_owned(),
            lock_path(journal),
            lock_path(&real),
            real,
        ]
    });
    for (i, g) in guarded.enumerate() {
        if same_file(&target, &g) {
            let refusal = if matches!(i % 4, 0 | 3) {
                Refused::Journal
            } else {
                Refused::Lock
            };
            return Err(refusal(path.to_owned()));
        }
    }
    // Writing over a sealed journal's identity would lose every entry in it.
    let keys = journal.and_then(|journal| crate::journal::seal::KeyFiles::beside(journal).ok());
    if let Some(keys) = keys
        && [&keys.recipient, &keys.identity, &keys.cache]
            .into_iter()
            .any(|key| same_file(&target, key))
    {
        return Err(Refused::Key(path.to_owned()));
    }
    let existing = match fs::symlink_metadata(&target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Existing::Nothing,
        Err(e) => return Err(Refused::Unreadable(path.to_owned(), e)),
        Ok(m) if m.is_file() => Existing::File,
        Ok(m) if m.is_dir() => return Err(Refused::Folder(path.to_owned())),
        Ok(_) => return Err(Refused::NotRegular(path.to_owned())),
    };
    Ok((existing, target))
}

/// Why an export was not written.
#[derive(Debug)]
pub enum WriteError<E> {
    Refused(Refused),
    /// What `body` failed with (reading the journal, say).
    Body(E),
    /// Writing the file failed.
    Io(io::Error),
}

/// Checks `path` (see `check`) and replaces it atomically, mode 0600, with what `body`
/// writes, at its resolved place (so `new/../out.csv` makes no `new` folder). The caller
/// has already decided that an existing regular file may be replaced. Nothing is left
/// behind when `body` fails.
pub fn write<E>(
    path: &Path,
    journal: Option<&Path>,
    body: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
) -> Result<(), WriteError<E>> {
    let (_, target) = inspect(path, journal).map_err(WriteError::Refused)?;
    let mut failed = None;
    let result = fsutil::replace_file(&target, |out| {
        body(out).map_err(|e| {
            failed = Some(e);
            io::Error::other("the export stopped")
        })
    });
    match (failed, result) {
        (Some(e), _) => Err(WriteError::Body(e)),
        (None, Err(e)) => Err(WriteError::Io(e)),
        (None, Ok(())) => Ok(()),
    }
}

/// Whether `a` and `b` are one file: by device and inode when both exist, else by their
/// resolved paths.
fn same_file(a: &Path, b: &Path) -> bool {
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a == b,
        _ => false,
    }
}

/// Device and inode of an existing file (through links).
fn identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path)
        .ok()
        .map(|m: Metadata| (m.dev(), m.ino()))
}

/// `path` made absolute: its longest existing beginning with links resolved, then the
/// components that do not exist yet, with `.` dropped and `..` taking back the component
/// before it (a folder the export would create, so `..` leaves it again).
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let parts: Vec<Component> = absolute.components().collect();
    let (mut resolved, rest) = (0..=parts.len())
        .rev()
        .find_map(|k| {
            let prefix: PathBuf = parts[..k].iter().collect();
            let real = if k == 0 {
                Ok(PathBuf::from("/"))
            } else {
                prefix.canonicalize()
            };
            real.ok().map(|r| (r, &parts[k..]))
        })
        .unwrap_or_else(|| (PathBuf::from("/"), &parts[..]));
    for part in rest {
        match part {
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("steady-target-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_sealed_journals_keys_and_cache_are_refused() {
        let d = dir("keys");
        let journal = d.join("journal.jsonl");
        fs::write(&journal, "").unwrap();
        for name in ["journal.jsonl.identity.age", "journal.jsonl.recipient"] {
            fs::write(d.join(name), "key").unwrap();
            assert!(
                matches!(check(&d.join(name), Some(&journal)), Err(Refused::Key(_))),
                "{name}"
            );
        }
        assert!(matches!(
            check(&d.join("x/../journal.jsonl.cache"), Some(&journal)),
            Err(Refused::Key(_))
        ));
        assert!(check(&d.join("journal.csv"), Some(&journal)).is_ok());
    }

    #[test]
    fn the_journal_is_refused_however_it_is_spelled() {
        let d = dir("spell");
        let journal = d.join("journal.jsonl");
        fs::write(&journal, "{}\n").unwrap();
        fs::write(lock_path(&journal), "").unwrap();
        std::os::unix::fs::symlink(&journal, d.join("link.csv")).unwrap();
        fs::hard_link(&journal, d.join("hard.csv")).unwrap();
        for spelled in [
            journal.clone(),
            d.join("exports/../journal.jsonl"),
            d.join("a/b/../../journal.jsonl"),
            d.join("./journal.jsonl"),
            d.join("link.csv"),
            d.join("hard.csv"),
        ] {
            assert!(
                matches!(check(&spelled, Some(&journal)), Err(Refused::Journal(_))),
                "{spelled:?}"
            );
        }
        assert!(matches!(
            check(&d.join("new/../journal.jsonl.lock"), Some(&journal)),
            Err(Refused::Lock(_))
        ));
        assert!(!d.join("exports").exists(), "nothing created by a check");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_journal_reached_through_a_linked_folder_is_refused() {
        let d = dir("linkdir");
        fs::create_dir(d.join("real")).unwrap();
        std::os::unix::fs::symlink(d.join("real"), d.join("alias")).unwrap();
        let journal = d.join("alias/journal.jsonl");
        // Not written yet: compared by resolved path.
        assert!(matches!(
            check(&d.join("real/x/../journal.jsonl"), Some(&journal)),
            Err(Refused::Journal(_))
        ));
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn only_regular_files_are_replaced() {
        let d = dir("kinds");
        let journal = d.join("journal.jsonl");
        assert_eq!(
            check(&d.join("new.csv"), Some(&journal)).unwrap(),
            Existing::Nothing
        );
        fs::write(d.join("old.csv"), "x").unwrap();
        assert_eq!(
            check(&d.join("old.csv"), Some(&journal)).unwrap(),
            Existing::File
        );
        assert!(matches!(check(&d, Some(&journal)), Err(Refused::Folder(_))));
        assert!(matches!(
            check(Path::new("/dev/null"), Some(&journal)),
            Err(Refused::NotRegular(_))
        ));
        assert_eq!(
            check(&d.join("missing/../old.csv"), Some(&journal)).unwrap(),
            Existing::File,
            "an existing file however it is reached"
        );
        std::os::unix::fs::symlink(d.join("old.csv"), d.join("to-old.csv")).unwrap();
        assert!(matches!(
            check(&d.join("to-old.csv"), Some(&journal)),
            Err(Refused::NotRegular(_))
        ));
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_refused_write_touches_nothing() {
        let d = dir("write");
        let journal = d.join("journal.jsonl");
        fs::write(&journal, "{\"keep\":1}\n").unwrap();
        let r = write(&d.join("exports/../journal.jsonl"), Some(&journal), |out| {
            out.write_all(b"# not a journal\n")
        });
        assert!(matches!(r, Err(WriteError::Refused(Refused::Journal(_)))));
        assert_eq!(fs::read(&journal).unwrap(), b"{\"keep\":1}\n");
        assert!(!d.join("exports").exists());
        write(&d.join("out/a.md"), Some(&journal), |out| {
            out.write_all(b"ok")
        })
        .unwrap();
        assert_eq!(fs::read(d.join("out/a.md")).unwrap(), b"ok");
        let through_nothing = d.join("gone/../b.md");
        write(&through_nothing, Some(&journal), |out| out.write_all(b"b")).unwrap();
        assert_eq!(fs::read(d.join("b.md")).unwrap(), b"b");
        assert!(!d.join("gone").exists(), "no folder made on the way");
        fs::remove_dir_all(&d).unwrap();
    }
}
