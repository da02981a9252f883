//! Careful file writing shared by the journal and exports: private modes whatever the umask,
//! whole-file replacement through a temp file, fsync and rename (so a reader only ever sees
//! the old file or the new one), temp names that never collide, and the checks that keep
//! steady away from anything that is not a regular file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Mode of every file steady creates.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder steady creates.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and its missing parents with mode 0700 (existing folders are left alone).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_private_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(DIR_MODE).create(dir) {
        Ok(()) => fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes a write past the file size limit (`ulimit -f`) fail with "file too large" instead
/// of killing steady mid-write with SIGXFSZ, so it takes the same clean path as a full
/// disk. Done once, before the first write.
pub fn survive_file_size_limit() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // A handler that only sets a flag nobody reads: the signal is caught, not fatal,
        // and the write returns EFBIG. Should registering fail, the old behaviour stays.
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught);
    });
}

/// Opens `path` for appending, creating it with mode 0600 (and its folder with 0700).
pub fn open_private_append(path: &Path) -> io::Result<File> {
    survive_file_size_limit();
    if let Some(parent) = path.parent() {
        create_private_dir(parent)?;
    }
    let existed = path.exists();
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(FILE_MODE)
        .open(path)?;
    if !existed {
        // The umask may have narrowed or widened nothing we asked for; make it exact.
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok(file)
}

/// A path that is there but is not a regular file (a folder, a FIFO, a device, a socket).
#[derive(Debug)]
pub struct NotRegular {
    /// What it is, in words: "a folder", "a named pipe (FIFO)", "a device".
    pub what: &'static str,
}

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "it is {}, not a regular file", self.what)
    }
}

impl std::error::Error for NotRegular {}

/// Refuses a path that is there (following symlinks) but is not a regular file. A missing
/// path is fine, and so is one that cannot be looked at (a file in place of a folder, a
/// folder closed to us): whatever opens it next reports that trouble in its own words.
/// Nothing is opened here, so a FIFO cannot make this wait.
pub fn regular_or_missing(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) => regular(&meta),
        Err(_) => Ok(()),
    }
}

/// Refuses what `meta` describes unless it is a regular file.
fn regular(meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something other than a file"
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        NotRegular { what },
    ))
}

/// Reads a small file the person keeps (a safety plan, a practice or guide file) with the
/// journal's rule: only a regular file (a link to one is fine), refused before it is opened,
/// so a FIFO cannot make steady wait and a device cannot fill its memory, and looked at
/// again once open. At most `limit + 1` bytes are read, so a caller sees that a file is
/// larger than `limit` without reading it all. A missing file is `NotFound`.
pub fn read_small(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    regular_or_missing(path)?;
    let file = File::open(path)?;
    regular(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The file `path` names once symlinks in its last part are followed (a link to a link
/// included; relative links are read from the link's folder). A dangling link resolves to
/// where it points, so a new file is created there; only a loop of links is an error.
pub fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    // The same limit the kernel keeps to.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            // Missing, or not to be looked at (a file in place of a folder): whatever opens
            // it next reports that in its own words.
            Ok(_) | Err(_) => return Ok(path),
        }
    }
    Err(io::Error::from_raw_os_error(40)) // ELOOP: too many levels of symbolic links
}

/// The start of every temp file name a rewrite of `path` uses (doctor looks for these).
pub fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// A temp file name for a rewrite of `path` that no other process, and no earlier attempt
/// of this one, has used: `.NAME.tmp-PID-NANOS-COUNT`, in the same folder so rename is
/// atomic.
fn temp_path(path: &Path) -> PathBuf {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(
        "{}{}-{nanos:x}-{count}",
        temp_prefix(path),
        std::process::id()
    ))
}

/// Creates a new temp file for `path`, private, trying another name should one be taken.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let mut last = PathBuf::new();
    for _ in 0..100 {
        let temp = temp_path(path);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = temp,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} is in the way", last.display()),
    ))
}

/// The process that made temp file `name`, when it is a name steady makes (`temp_path`:
/// `PREFIX` then `PID-NANOS-COUNT`, decimal, hex, decimal); None for any other name.
fn temp_owner(name: &str, prefix: &str) -> Option<u32> {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let mut parts = name.strip_prefix(prefix)?.split('-');
    let (pid, nanos, count) = (parts.next()?, parts.next()?, parts.next()?);
    let ours = parts.next().is_none() && digits(nanos, 16) && digits(count, 10);
    if ours && digits(pid, 10) {
        pid.parse().ok()
    } else {
        None
    }
}

/// Whether process `pid` is running (Linux's /proc; without it, every process is assumed to
/// be, so nothing is removed).
fn running(pid: u32) -> bool {
    !Path::new("/proc/self").exists() || Path::new("/proc").join(pid.to_string()).exists()
}

/// Temp files beside `path` left by rewrites whose process is gone (killed mid-rewrite):
/// only names steady makes, so a file someone else named `.journal.jsonl.tmp-…` is never
/// taken for one.
pub fn stale_temps(path: &Path) -> io::Result<Vec<PathBuf>> {
    let prefix = temp_prefix(path);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut stale = Vec::new();
    for item in fs::read_dir(folder)? {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        if temp_owner(&name, &prefix).is_some_and(|pid| !running(pid)) {
            stale.push(item.path());
        }
    }
    stale.sort();
    Ok(stale)
}

/// Removes `path`'s stale temp files. Call only while holding the lock that guards `path`'s
/// rewrites; a file that cannot be removed is left for `doctor` to report.
pub fn remove_stale_temps(path: &Path) {
    for temp in stale_temps(path).unwrap_or_default() {
        let _ = fs::remove_file(temp);
    }
}

/// Checks that a rewrite of `path` could begin: creates an empty temp file beside it, as a
/// rewrite does first, and removes it at once.
pub fn probe_folder(path: &Path) -> io::Result<()> {
    let (temp, file) = create_temp(path)?;
    drop(file);
    fs::remove_file(temp)
}

/// `path` as a shell reads it back: as it is when it holds only characters no shell treats
/// specially, else in single quotes (a `'` inside written `'\''`).
pub fn shell_quote(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.into_owned();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Replaces `path` with what `write` produces: a 0600 temp file beside it, fsync, rename
/// over `path`, fsync the folder. On any error the temp file is removed and `path` is
/// untouched.
pub fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, None, write)
}

/// `replace_file` for a file that is being rewritten rather than written anew: the new file
/// gets the owner, group and mode `old` (the file as it is) had, so a rewrite by another
/// user (`sudo`) leaves it as it was.
pub fn rewrite_file(
    path: &Path,
    old: &fs::Metadata,
    write: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, Some(old), write)
}

fn replace(
    path: &Path,
    keep: Option<&fs::Metadata>,
    write: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir)?;
    survive_file_size_limit();
    let (temp, file) = create_temp(path)?;
    let result = (|| {
        match keep {
            Some(old) => {
                let made = file.metadata()?;
                if (made.uid(), made.gid()) != (old.uid(), old.gid()) {
                    std::os::unix::fs::fchown(&file, Some(old.uid()), Some(old.gid()))?;
                }
                file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
            }
            None => file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?,
        }
        let mut out = io::BufWriter::new(&file);
        write(&mut out)?;
        out.flush()?;
        drop(out);
        file.sync_all()?;
        fs::rename(&temp, path)?;
        File::open(&dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes `bytes` as the whole of `path`, atomically (see `replace_file`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file(path, |out| out.write_all(bytes))
}

/// An I/O error in words for a sentence: lower case, without Rust's " (os error 21)".
pub fn io_words(e: &io::Error) -> String {
    let text = e.to_string();
    let words = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => &text[..at],
        _ => text.as_str(),
    };
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("steady-fsutil-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn created_files_and_folders_are_private() {
        let dir = temp_dir("modes");
        let path = dir.join("a/b/journal.jsonl");
        open_private_append(&path).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.join("a/b")), 0o700);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn small_files_are_read_only_when_regular_and_never_past_the_limit() {
        let dir = temp_dir("small");
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("plan.toml");
        fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_small(&file, 64).unwrap(), b"0123456789");
        assert_eq!(
            read_small(&file, 4).unwrap(),
            b"01234",
            "one byte past the limit"
        );
        std::os::unix::fs::symlink(&file, dir.join("link.toml")).unwrap();
        assert_eq!(read_small(&dir.join("link.toml"), 64).unwrap().len(), 10);
        let missing = read_small(&dir.join("none.toml"), 64).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        let fifo = dir.join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).unwrap();
        for refused in [fifo, dir.join("zero.toml"), dir.clone()] {
            let e = read_small(&refused, 64).unwrap_err();
            assert!(
                e.get_ref()
                    .and_then(|e| e.downcast_ref::<NotRegular>())
                    .is_some(),
                "{refused:?}: {e}"
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_are_quoted_only_when_a_shell_would_misread_them() {
        let q = |p: &str| shell_quote(Path::new(p));
        assert_eq!(q("/home/ana/journal.jsonl"), "/home/ana/journal.jsonl");
        assert_eq!(q("/a b/j"), "'/a b/j'");
        assert_eq!(
            q("journal (Alice's conflicted copy).jsonl"),
            r"'journal (Alice'\''s conflicted copy).jsonl'"
        );
        assert_eq!(q("$HOME`x`"), "'$HOME`x`'");
    }

    #[test]
    fn links_are_followed_to_the_file_even_when_it_is_missing() {
        let dir = temp_dir("links");
        fs::create_dir_all(dir.join("real")).unwrap();
        std::os::unix::fs::symlink("real/j", dir.join("link")).unwrap();
        std::os::unix::fs::symlink(dir.join("link"), dir.join("link2")).unwrap();
        assert_eq!(
            follow_links(&dir.join("link2")).unwrap(),
            dir.join("real/j")
        );
        assert_eq!(follow_links(&dir.join("plain")).unwrap(), dir.join("plain"));
        std::os::unix::fs::symlink("loop", dir.join("loop")).unwrap();
        assert!(follow_links(&dir.join("loop")).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_temp_files_of_processes_that_are_gone_are_stale() {
        let dir = temp_dir("stale");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        let mine = format!(".journal.jsonl.tmp-{}-1-0", std::process::id());
        // Names steady does not make, whoever's they are.
        let others = [
            ".journal.jsonl.tmp-x",
            ".journal.jsonl.tmp-notes",
            ".journal.jsonl.tmp-4194399",
            ".journal.jsonl.tmp-4194399-1",
            ".journal.jsonl.tmp-4194399-xyz-0",
            ".journal.jsonl.tmp-4194399-1-0-extra",
            ".journal.jsonl.tmp--1-0",
        ];
        for name in [mine.as_str(), ".journal.jsonl.tmp-4194399-18a2b-0"]
            .into_iter()
            .chain(others)
        {
            fs::write(dir.join(name), "").unwrap();
        }
        let stale = stale_temps(&path).unwrap();
        assert_eq!(stale, [dir.join(".journal.jsonl.tmp-4194399-18a2b-0")]);
        remove_stale_temps(&path);
        assert!(
            dir.join(mine).exists(),
            "a running rewrite's file is left alone"
        );
        for name in others {
            assert!(dir.join(name).exists(), "{name} is not steady's to remove");
        }
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1 + others.len());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_cleans_up_on_error() {
        let dir = temp_dir("atomic");
        let path = dir.join("out.txt");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let err = replace_file(&path, |_| Err(io::Error::other("boom")));
        assert!(err.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "temp file removed");
        fs::remove_dir_all(&dir).unwrap();
    }
}
