//! `doctor`'s checks on a journal: unreadable lines, a torn last line, file and folder modes
//! wider than steady makes them, and files beside the journal that need a person: sync-conflict
//! copies, temp files left by an interrupted rewrite, and torn lines set aside earlier. It only
//! reads; each finding says what to do.

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::read::{self, Unreadable};
use super::tail;
use crate::fsutil;

/// One thing that needs attention.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    Unreadable {
        number: usize,
        reason: Unreadable,
    },
    TornTail {
        number: usize,
        bytes: u64,
    },
    /// A file or folder that others may read or write (its mode).
    Mode {
        path: PathBuf,
        mode: u32,
        folder: bool,
    },
    ConflictCopy(PathBuf),
    StaleTemp(PathBuf),
    SetAside(PathBuf),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Unreadable { number, reason } => write!(
                f,
                "Line {number} cannot be read: {reason}. steady keeps it exactly as it is; mend or remove it by hand if you know what it should say."
            ),
            Finding::TornTail { number, bytes } => write!(
                f,
                "The last line (line {number}, {bytes} bytes) was cut off by an interrupted write; the next save moves it to a file beside the journal."
            ),
            Finding::Mode { path, mode, folder } => {
                let (kind, want) = if *folder {
                    ("folder", fsutil::DIR_MODE)
                } else {
                    ("file", fsutil::FILE_MODE)
                };
                write!(
                    f,
                    "The {kind} {} is open to other users (mode {mode:04o}); run `chmod {want:o} {}` unless you share it on purpose.",
                    path.display(),
                    path.display()
                )
            }
            Finding::ConflictCopy(path) => write!(
                f,
                "{} looks like a sync-conflict copy of your journal; run `steady import {}` to merge it, then delete it.",
                path.display(),
                path.display()
            ),
            Finding::StaleTemp(path) => write!(
                f,
                "{} was left by a rewrite that was interrupted, and the journal was not changed by it; delete it.",
                path.display()
            ),
            Finding::SetAside(path) => write!(
                f,
                "{} holds a cut-off line steady set aside; if it holds an entry you want, run `steady import {}`, then delete it.",
                path.display(),
                path.display()
            ),
        }
    }
}

/// What the check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkup {
    pub entries: usize,
    pub findings: Vec<Finding>,
}

/// Checks the journal at `journal`; `None` when there is no journal yet.
pub fn check(journal: &Path) -> io::Result<Option<Checkup>> {
    let meta = match std::fs::metadata(journal) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let loaded = read::load(journal)?;
    let mut findings = Vec::new();
    for line in &loaded.lines {
        // A last line without its newline is torn even when it reads as an entry: the next
        // save sets it aside.
        if !line.terminated {
            findings.push(Finding::TornTail {
                number: line.number,
                bytes: line.len,
            });
        } else if let Some(reason) = line.unreadable() {
            findings.push(Finding::Unreadable {
                number: line.number,
                reason: reason.clone(),
            });
        }
    }
    let folder = match journal.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        findings.push(Finding::Mode {
            path: journal.to_owned(),
            mode,
            folder: false,
        });
    }
    let folder_mode = std::fs::metadata(&folder)?.permissions().mode() & 0o7777;
    if folder_mode & 0o077 != 0 {
        findings.push(Finding::Mode {
            path: folder.clone(),
            mode: folder_mode,
            folder: true,
        });
    }
    findings.extend(neighbours(journal, &folder)?);
    Ok(Some(Checkup {
        entries: loaded.entries().count(),
        findings,
    }))
}

/// Files beside the journal that need a person, sorted by name.
fn neighbours(journal: &Path, folder: &Path) -> io::Result<Vec<Finding>> {
    let name = journal.file_name().unwrap_or_default().to_string_lossy();
    let stem = journal.file_stem().unwrap_or_default().to_string_lossy();
    let temp = format!(".{name}.tmp-");
    let torn = tail::torn_prefix(journal);
    let mut found = Vec::new();
    for item in std::fs::read_dir(folder)? {
        let item = item?;
        let other = item.file_name().to_string_lossy().into_owned();
        let path = item.path();
        if other.starts_with(&temp) {
            found.push(Finding::StaleTemp(path));
        } else if other.starts_with(&torn) {
            found.push(Finding::SetAside(path));
        } else if other != name
            && other.starts_with(stem.as_ref())
            && (other.contains(".sync-conflict-") || other.contains("conflicted copy"))
        {
            found.push(Finding::ConflictCopy(path));
        }
    }
    found.sort_by_key(|f| f.to_string());
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_of_both_kinds_are_found_and_others_ignored() {
        let dir = std::env::temp_dir().join(format!("steady-doctor-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let journal = dir.join("journal.jsonl");
        for name in [
            "journal.jsonl",
            "journal.sync-conflict-20261122-101500-ABCDEFG.jsonl",
            "journal (Ana's conflicted copy 2026-11-22).jsonl",
            "journal.jsonl.lock",
            "notes.sync-conflict-20261122-101500-ABCDEFG.txt",
        ] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let found = neighbours(&journal, &dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| matches!(f, Finding::ConflictCopy(_))));
    }
}
