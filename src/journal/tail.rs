//! Torn tails. A writer killed mid-append can leave a last line with no newline. Before the
//! next write, under the lock, that fragment is copied into a private file beside the journal
//! (`journal.jsonl.torn-<UTC time>`) and cut off, so a new entry never joins a fragment and
//! the fragment itself is never lost.

use std::fs::{File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use super::read::{self, Content, MAX_LINE};
use crate::fsutil;

/// Bytes read at a time while looking for or copying a fragment.
const CHUNK: usize = 64 * 1024;

/// A torn last line that was moved out of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub journal: PathBuf,
    /// Where the fragment now lives.
    pub path: PathBuf,
    pub bytes: u64,
    /// Whether the fragment is a whole entry that only lacked its newline.
    pub whole_entry: bool,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "The last line of {} was cut off by an interrupted write, so steady moved its {} bytes to {}",
            self.journal.display(),
            self.bytes,
            self.path.display()
        )?;
        if self.whole_entry {
            write!(
                f,
                "; it holds a whole entry, which `steady --journal {} import {}` brings back.",
                fsutil::shell_quote(&self.journal),
                fsutil::shell_quote(&self.path)
            )
        } else {
            write!(
                f,
                "; look at it, then delete it when you no longer need it."
            )
        }
    }
}

/// The prefix of every set-aside file of `journal` (doctor looks for these).
pub fn torn_prefix(journal: &Path) -> String {
    let name = journal.file_name().unwrap_or_default().to_string_lossy();
    format!("{name}.torn-")
}

/// Moves a torn last line of `journal` (open for reading and writing) into a file beside it
/// and cuts the journal back to its last newline. Call only while holding the lock.
pub fn set_aside(
    file: &File,
    journal: &Path,
    now: DateTime<FixedOffset>,
) -> io::Result<Option<SetAside>> {
    let len = file.metadata()?.len();
    if len == 0 || last_byte(file, len)? == b'\n' {
        return Ok(None);
    }
    let start = fragment_start(file, len)?;
    let bytes = len - start;
    let whole_entry = bytes as usize <= MAX_LINE && {
        let mut fragment = vec![0; bytes as usize];
        file.read_exact_at(&mut fragment, start)?;
        matches!(read::parse_line(&fragment), Content::Entry { .. })
    };
    let (path, out) = create_beside(journal, now)?;
    // The journal's owner's, like the journal (root setting aside for `sudo steady import`).
    let owner = file.metadata()?;
    let _ = std::os::unix::fs::fchown(&out, Some(owner.uid()), Some(owner.gid()));
    let copied = copy_range(file, start, bytes, &mut &out).and_then(|()| out.sync_all());
    if let Err(e) = copied {
        drop(out);
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    super::store::sync_folder(journal)?;
    // Only now, with the fragment safe on disk, cut it from the journal.
    file.set_len(start)?;
    file.sync_data()?;
    Ok(Some(SetAside {
        journal: journal.to_owned(),
        path,
        bytes,
        whole_entry,
    }))
}

fn last_byte(file: &File, len: u64) -> io::Result<u8> {
    let mut byte = [0u8];
    file.read_exact_at(&mut byte, len - 1)?;
    Ok(byte[0])
}

/// Where the last line starts: just after the last newline, or at 0.
fn fragment_start(file: &File, len: u64) -> io::Result<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut end = len;
    while end > 0 {
        let from = end.saturating_sub(CHUNK as u64);
        let chunk = &mut buf[..(end - from) as usize];
        file.read_exact_at(chunk, from)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(from + i as u64 + 1);
        }
        end = from;
    }
    Ok(0)
}

/// Copies `len` bytes of `file` from `offset` into `out`, a chunk at a time.
pub fn copy_range(file: &File, offset: u64, len: u64, out: &mut impl Write) -> io::Result<()> {
    let mut buf = vec![0u8; CHUNK.min(len as usize)];
    let mut done = 0u64;
    while done < len {
        let n = CHUNK.min((len - done) as usize);
        file.read_exact_at(&mut buf[..n], offset + done)?;
        out.write_all(&buf[..n])?;
        done += n as u64;
    }
    Ok(())
}

/// A new private file named for the time, never replacing an earlier one.
fn create_beside(journal: &Path, now: DateTime<FixedOffset>) -> io::Result<(PathBuf, File)> {
    let stamp = now.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ");
    let base = format!("{}{stamp}", torn_prefix(journal));
    for n in 1..=1000 {
        let name = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let path = journal.with_file_name(name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(fsutil::FILE_MODE)
            .open(&path)
        {
            Ok(file) => {
                // Exactly 0600 whatever the umask.
                file.set_permissions(Permissions::from_mode(fsutil::FILE_MODE))?;
                return Ok((path, file));
            }
            // Taken: the next name is tried.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "a thousand set-aside files already carry this time",
    ))
}
