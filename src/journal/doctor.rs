//! `doctor`'s checks on a journal: unreadable lines, a torn last line, duplicate ids, a
//! journal others can read or a folder others can write (a folder others can only list is
//! fine, as ssh judges it), a journal, lock file or folder steady cannot write, and files
//! beside the journal that need a person: sync-conflict copies, temp files left by killed
//! rewrites, and torn lines set aside earlier; entries steady 0.2 imported from another
//! app (it kept a mood as a check-in's strength, and made a copy per time zone a file was
//! read in), which an import of the same file corrects; and a safety plan others can read
//! or change (`check_plan`). Each finding says what to do, with commands quoted so they
//! paste into a shell.
//!
//! The journal is read as a stream and only what a finding needs is kept: the numbers of
//! the first unreadable lines, and one 64-bit hash per entry id (a second pass names the
//! lines of ids whose hashes met), so a 1 GB journal is checked in well under 100 MiB.
//! Doctor writes nothing, except that it checks the folder by creating an empty temp file
//! there and removing it at once, exactly as a rewrite would begin.

use std::collections::{BTreeMap, HashSet};
use std::fs::OpenOptions;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::lock;
use super::read::{self, Unreadable};
use super::seal::{KeyFiles, LineError};
use super::tail;
use super::vault::{FileSnapshot, Snapshot};
use crate::fsutil::{self, shell_quote};

/// How many unreadable lines are named one by one; the rest are counted.
const NAMED: usize = 20;

/// One thing that needs attention.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    Unreadable {
        number: usize,
        reason: Unreadable,
    },
    /// Unreadable lines past the first `NAMED`.
    MoreUnreadable(usize),
    TornTail {
        number: usize,
        bytes: u64,
    },
    /// A line of a sealed journal that does not open with its key, and why.
    NotOpened {
        number: usize,
        why: LineError,
    },
    /// Lines holding entries with the same id.
    DuplicateId {
        id: String,
        lines: Vec<usize>,
    },
    /// A journal others may read or write, or a folder others may write (its mode).
    Mode {
        path: PathBuf,
        mode: u32,
        folder: bool,
    },
    /// A file or folder every write needs but steady may not write, and why.
    CannotWrite {
        path: PathBuf,
        why: String,
    },
    ConflictCopy(PathBuf),
    StaleTemp(PathBuf),
    SetAside(PathBuf),
    /// A safety plan (names and phone numbers) others may read or change (its mode).
    PlanMode {
        path: PathBuf,
        mode: u32,
    },
    /// Entries steady 0.2 imported from another app (`--from` name), which an import of
    /// the same file corrects: how many, how many of them are copies of another (0.2 made
    /// one per time zone the file was read in), and the first lines of those.
    OlderImports {
        app: String,
        entries: usize,
        copies: usize,
        lines: Vec<usize>,
    },
}

/// What a finding tells the person to do, given the journal checked.
pub struct Report<'a> {
    pub finding: &'a Finding,
    pub journal: &'a Path,
}

impl std::fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let import = |path: &Path| {
            format!(
                "steady --journal {} import {}",
                shell_quote(self.journal),
                shell_quote(path)
            )
        };
        match self.finding {
            Finding::Unreadable { number, reason } => write!(
                f,
                "Line {number} cannot be read: {reason}. steady keeps it exactly as it is; mend or remove it by hand if you know what it should say."
            ),
            Finding::NotOpened { number, why } => write_not_opened(f, *number, why),
            Finding::MoreUnreadable(n) => write!(
                f,
                "{n} more lines cannot be read either; steady keeps them exactly as they are."
            ),
            Finding::TornTail { number, bytes } => write!(
                f,
                "The last line (line {number}, {bytes} bytes) was cut off by an interrupted write; the next save moves it to a file beside the journal."
            ),
            Finding::DuplicateId { id, lines } => {
                let numbers: Vec<String> = lines.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "Lines {} hold entries with the same id {id}; steady keeps them all, and an edit or delete in `steady review` acts only on the one you choose. If they are copies of one entry, delete the extra ones there.",
                    numbers.join(", ")
                )
            }
            Finding::Mode { path, mode, folder } => {
                let (what, fix) = if *folder {
                    (
                        "can be changed by other users, who could replace or remove your journal",
                        "go-w",
                    )
                } else {
                    ("can be read by other users", "600")
                };
                write!(
                    f,
                    "The {} {} {what} (mode {mode:04o}); run `chmod {fix} {}` unless you share it on purpose.",
                    if *folder {
                        "folder"
                    } else if path.file_name() == self.journal.file_name() {
                        "journal"
                    } else {
                        "journal's file"
                    },
                    path.display(),
                    shell_quote(path)
                )
            }
            Finding::CannotWrite { path, why } => write!(
                f,
                "steady cannot write {} ({why}), so every save would fail; check its owner and permissions, or that its disk is mounted writable.",
                path.display()
            ),
            Finding::ConflictCopy(path) => write!(
                f,
                "{} looks like a sync-conflict copy of your journal; run `{}` to merge it, then delete it.",
                path.display(),
                import(path)
            ),
            Finding::StaleTemp(path) => write!(
                f,
                "{} was left by a rewrite that was interrupted, and the journal was not changed by it; the next save removes it, or run `rm {}`.",
                path.display(),
                shell_quote(path)
            ),
            Finding::PlanMode { path, mode } => {
                let what = match (mode & 0o044 != 0, mode & 0o022 != 0) {
                    (true, true) => "can be read and changed",
                    (false, true) => "can be changed",
                    _ => "can be read",
                };
                write!(
                    f,
                    "Your safety plan {} {what} by other users (mode {mode:04o}), and it holds names and phone numbers; run `chmod 600 {}` unless you share it on purpose.",
                    path.display(),
                    shell_quote(path)
                )
            }
            Finding::SetAside(path) => write!(
                f,
                "{} holds a cut-off line steady set aside; if it holds an entry you want, run `{}`, then delete it.",
                path.display(),
                import(path)
            ),
            Finding::OlderImports {
                app,
                entries,
                copies,
                lines,
            } => write_older_imports(f, self.journal, app, *entries, *copies, lines),
        }
    }
}

/// What `Finding::NotOpened` says: why the line did not open, and what steady does.
fn write_not_opened(
    f: &mut std::fmt::Formatter<'_>,
    number: usize,
    why: &LineError,
) -> std::fmt::Result {
    match why {
        LineError::NotSealed => write!(
            f,
            "Line {number} is not sealed, so it is on disk in plain text; run `steady encrypt` to seal it."
        ),
        LineError::NotOurs => write!(
            f,
            "Line {number} is sealed to another key than this journal's, so steady cannot read it; it is kept exactly as it is."
        ),
        LineError::Tampered => write!(
            f,
            "Line {number} is sealed but does not open: it was changed after it was sealed, or damaged. steady keeps it exactly as it is; a backup may hold it whole."
        ),
    }
}

/// What `Finding::OlderImports` says: what 0.2 did, and the import that mends it.
fn write_older_imports(
    f: &mut std::fmt::Formatter<'_>,
    journal: &Path,
    app: &str,
    entries: usize,
    copies: usize,
    lines: &[usize],
) -> std::fmt::Result {
    let (name, kept, file) = match app {
        "jrnl" => (
            "jrnl",
            "its @tags and stars where steady does not show them",
            "jrnl-export.json",
        ),
        "pixels" => (
            "Pixels",
            "each day's mood as a check-in's strength (`level`)",
            "pixels-backup.json",
        ),
        _ => (
            "Daylio",
            "each mood as a check-in's strength (`level`)",
            "daylio-export.csv",
        ),
    };
    let mut numbers: Vec<String> = lines.iter().map(ToString::to_string).collect();
    if copies > lines.len() {
        numbers.push("…".into());
    }
    let copies = match copies {
        0 => String::new(),
        n => format!(
            ", and {n} of them {} made when the same file was imported again in another time zone (lines {})",
            if n == 1 { "is a copy" } else { "are copies" },
            numbers.join(", ")
        ),
    };
    write!(
        f,
        "{entries} {} imported from {name} by steady 0.2, which kept {kept}{copies}. Import the same {name} file again to correct them and remove the copies (nothing else changes): `steady --journal {} import --from {app} {file}`, with your file's path.",
        if entries == 1 {
            "entry was"
        } else {
            "entries were"
        },
        shell_quote(journal),
    )
}

/// What the check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkup {
    pub entries: usize,
    pub findings: Vec<Finding>,
}

/// Checks the journal at `journal` (a symlink is followed); `None` when there is no journal
/// yet. A path that is not a regular file is an error.
pub fn check(journal: &Path) -> io::Result<Option<Checkup>> {
    let target = fsutil::follow_links(journal)?;
    fsutil::regular_or_missing(&target)?;
    if !target.exists() {
        return Ok(None);
    }
    // Both passes read this one open file, so the lines named are those counted.
    let file = std::fs::File::open(&target)?;
    let len = file.metadata()?.len();
    let snapshot: &dyn Snapshot = &FileSnapshot::new(Some(file), len);
    let (entries, findings) = read_lines(|| snapshot.lines(), &[])?;
    check_around(&target, entries, findings).map(Some)
}

/// Checks a sealed journal, read through `snapshot` (its plaintext): its lines as `check`
/// does, its lines that do not open (`not_opened`, numbered), and its key files' modes.
pub fn check_sealed(
    journal: &Path,
    snapshot: &dyn Snapshot,
    not_opened: &[(usize, LineError)],
    keys: &KeyFiles,
) -> io::Result<Option<Checkup>> {
    let target = fsutil::follow_links(journal)?;
    fsutil::regular_or_missing(&target)?;
    if !target.exists() {
        return Ok(None);
    }
    let numbers: Vec<usize> = not_opened.iter().map(|(n, _)| *n).collect();
    let (entries, mut findings) = read_lines(|| snapshot.lines(), &numbers)?;
    findings.extend(not_opened.iter().map(|(number, why)| Finding::NotOpened {
        number: *number,
        why: why.clone(),
    }));
    for path in [&keys.identity, &keys.cache] {
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o066 != 0 {
                findings.push(Finding::Mode {
                    path: path.clone(),
                    mode,
                    folder: false,
                });
            }
        }
    }
    check_around(&target, entries, findings).map(Some)
}

/// The checks of what is around the journal's lines: its mode and its folder's, whether
/// steady can write them, and the files beside it.
fn check_around(target: &Path, entries: usize, mut findings: Vec<Finding>) -> io::Result<Checkup> {
    let meta = std::fs::metadata(target)?;
    let target = target.to_owned();
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o066 != 0 {
        findings.push(Finding::Mode {
            path: target.clone(),
            mode,
            folder: false,
        });
    }
    let folder_mode = std::fs::metadata(&folder)?.permissions().mode() & 0o7777;
    if folder_mode & 0o022 != 0 {
        findings.push(Finding::Mode {
            path: folder.clone(),
            mode: folder_mode,
            folder: true,
        });
    }
    findings.extend(unwritable(&target, &folder));
    findings.extend(neighbours(&target, &folder)?);
    Ok(Checkup { entries, findings })
}

/// Checks the safety plan at `plan` (a link is followed): a finding when other users may
/// read or change it. No plan, or one that cannot be looked at, is none (the `!` lines say
/// when a plan cannot be read).
pub fn check_plan(plan: &Path) -> Option<Finding> {
    let meta = std::fs::metadata(plan)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    let mode = meta.permissions().mode() & 0o7777;
    (mode & 0o066 != 0).then(|| Finding::PlanMode {
        path: plan.to_owned(),
        mode,
    })
}

/// Reads the journal once, and once more when ids may repeat (`passes` gives each pass, of
/// one version of it): the count of entries and the findings about its lines. The lines
/// numbered in `sealed` were already found (a sealed line that does not open) and are not
/// named again as unreadable.
fn read_lines<R: io::BufRead>(
    passes: impl Fn() -> io::Result<read::Lines<R>>,
    sealed: &[usize],
) -> io::Result<(usize, Vec<Finding>)> {
    let mut findings = Vec::new();
    let mut unreadable = 0;
    let mut hashes = Vec::new();
    let state = std::hash::RandomState::new();
    let hash = |id: &str| {
        let mut h = state.build_hasher();
        h.write(id.as_bytes());
        h.finish()
    };
    let mut older = OlderImports::default();
    for line in passes()? {
        let line = line?;
        if let Some(entry) = line.entry() {
            hashes.push(hash(&entry.id));
        }
        if let read::Content::Entry { raw, .. } = &line.content {
            older.see(raw, line.number, &hash);
        }
        // A last line without its newline is torn even when it reads as an entry: the
        // next save sets it aside.
        if !line.terminated {
            findings.push(Finding::TornTail {
                number: line.number,
                bytes: line.len,
            });
        } else if let Some(reason) = line.unreadable()
            && !sealed.contains(&line.number)
        {
            unreadable += 1;
            if unreadable <= NAMED {
                findings.push(Finding::Unreadable {
                    number: line.number,
                    reason: reason.clone(),
                });
            }
        }
    }
    if unreadable > NAMED {
        findings.push(Finding::MoreUnreadable(unreadable - NAMED));
    }
    let entries = hashes.len();
    hashes.sort_unstable();
    findings.extend(older.findings(&hashes));
    let repeated: HashSet<u64> = hashes
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    drop(hashes);
    if !repeated.is_empty() {
        let mut lines: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for line in passes()? {
            let line = line?;
            if let Some(entry) = line.entry()
                && repeated.contains(&hash(&entry.id))
            {
                lines.entry(entry.id.clone()).or_default().push(line.number);
            }
        }
        let mut duplicates: Vec<Finding> = lines
            .into_iter()
            .filter(|(_, lines)| lines.len() > 1)
            .map(|(id, lines)| Finding::DuplicateId { id, lines })
            .collect();
        duplicates.sort_by_key(|f| match f {
            Finding::DuplicateId { lines, .. } => lines.first().copied(),
            _ => None,
        });
        findings.extend(duplicates);
    }
    Ok((entries, findings))
}

/// How many lines named in a finding about older imports.
const NAMED_COPIES: usize = 5;

/// What steady 0.2 imported, by app: for each such line, its number and a hash of the id
/// today's import gives its record (see `import::upgrade`).
#[derive(Default)]
struct OlderImports {
    by_app: BTreeMap<String, Vec<(u64, usize)>>,
}

impl OlderImports {
    fn see(&mut self, raw: &str, number: usize, hash: &dyn Fn(&str) -> u64) {
        if let Some(new) = super::import::upgrade(raw.as_bytes())
            && let Some(app) = new.extra["source"]["app"].as_str()
        {
            let seen = self.by_app.entry(app.to_owned()).or_default();
            seen.push((hash(&new.id), number));
        }
    }

    /// One finding per app; a line is a copy when an earlier line holds the same record,
    /// or the journal holds the entry today's import makes of it (`ids`: sorted hashes).
    fn findings(self, ids: &[u64]) -> Vec<Finding> {
        self.by_app
            .into_iter()
            .map(|(app, seen)| {
                let mut records = HashSet::new();
                let copies: Vec<usize> = seen
                    .iter()
                    .filter(|(id, _)| !records.insert(*id) || ids.binary_search(id).is_ok())
                    .map(|&(_, number)| number)
                    .collect();
                Finding::OlderImports {
                    app,
                    entries: seen.len(),
                    copies: copies.len(),
                    lines: copies.into_iter().take(NAMED_COPIES).collect(),
                }
            })
            .collect()
    }
}

/// The journal, its lock file and its folder, each as every write needs it: the journal
/// and the lock opened for writing (which changes nothing), the folder by creating and
/// removing a temp file as a rewrite does.
fn unwritable(journal: &Path, folder: &Path) -> Vec<Finding> {
    let lock = lock::lock_path(journal);
    let mut found = Vec::new();
    for path in [journal, lock.as_path()] {
        match OpenOptions::new().append(true).open(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => found.push(Finding::CannotWrite {
                path: path.to_owned(),
                why: fsutil::io_words(&e),
            }),
            _ => {}
        }
    }
    if let Err(e) = fsutil::probe_folder(journal) {
        found.push(Finding::CannotWrite {
            path: folder.to_owned(),
            why: fsutil::io_words(&e),
        });
    }
    found
}

/// Files beside the journal that need a person, sorted by name.
fn neighbours(journal: &Path, folder: &Path) -> io::Result<Vec<Finding>> {
    let name = journal.file_name().unwrap_or_default().to_string_lossy();
    let stem = journal.file_stem().unwrap_or_default().to_string_lossy();
    let torn = tail::torn_prefix(journal);
    let mut found: Vec<Finding> = fsutil::stale_temps(journal)?
        .into_iter()
        .map(Finding::StaleTemp)
        .collect();
    for item in std::fs::read_dir(folder)? {
        let item = item?;
        let other = item.file_name().to_string_lossy().into_owned();
        let path = item.path();
        if other.starts_with(&torn) {
            found.push(Finding::SetAside(path));
        } else if other != name
            && other.starts_with(stem.as_ref())
            && (other.contains(".sync-conflict-") || other.contains("conflicted copy"))
        {
            found.push(Finding::ConflictCopy(path));
        }
    }
    found.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
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
