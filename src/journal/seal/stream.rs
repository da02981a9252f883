//! A sealed journal read as a stream (`SealedSnapshot`): each pass reads the sealed file up
//! to the length it had when opened and hands on its lines opened, one block at a time, so
//! the whole-journal readers parse them on the other cores while this one opens the next
//! (the plaintext is only ever in memory, a block at a time). A line that does not open is
//! handed on as it is, as `convert::open_all` does, so a pass gives exactly the bytes the
//! opened journal holds, and references made from it name the same entries.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::PathBuf;
use std::sync::Arc;

use super::cache::Opener;
use super::line;
use crate::journal::vault::{FileSnapshot, Snapshot};

/// About this much plaintext is opened before it is handed on.
const BLOCK: usize = 64 * 1024;

/// A sealed journal file as it was when opened, with what opens its lines.
pub struct SealedSnapshot {
    /// The sealed lines, each pass reading the file up to the length it had when opened.
    sealed: FileSnapshot,
    opener: Arc<Opener>,
    /// The sealed cache, where lines opened with the identity are added after a pass.
    cache: PathBuf,
}

impl SealedSnapshot {
    pub fn new(file: Option<File>, len: u64, opener: Arc<Opener>, cache: PathBuf) -> Self {
        Self {
            sealed: FileSnapshot::new(file, len),
            opener,
            cache,
        }
    }
}

impl Snapshot for SealedSnapshot {
    fn pass(&self) -> io::Result<Box<dyn BufRead + Send + '_>> {
        Ok(Box::new(Opening {
            sealed: self.sealed.pass()?,
            snapshot: self,
            line: Vec::new(),
            out: Vec::with_capacity(BLOCK * 2),
            at: 0,
            ended: false,
        }))
    }
}

/// One pass: the sealed lines read, opened a block at a time.
struct Opening<'a, R> {
    sealed: R,
    snapshot: &'a SealedSnapshot,
    line: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    ended: bool,
}

impl<R: BufRead> Opening<'_, R> {
    /// Opens the next block of lines into `out`.
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.at = 0;
        while self.out.len() < BLOCK {
            self.line.clear();
            if self.sealed.read_until(b'\n', &mut self.line)? == 0 {
                self.finish();
                return Ok(());
            }
            let (text, newline) = match self.line.strip_suffix(b"\n") {
                Some(text) => (text, true),
                None => (&self.line[..], false),
            };
            match line::open(text, &self.snapshot.opener) {
                Ok(plain) => self.out.extend_from_slice(&plain),
                Err(_) => self.out.extend_from_slice(text),
            }
            if newline {
                self.out.push(b'\n');
            }
        }
        Ok(())
    }

    /// The end of the pass: lines the cache did not hold are added to it (sealed), so the
    /// next read finds them.
    fn finish(&mut self) {
        self.ended = true;
        let learned = self.snapshot.opener.learned();
        if !learned.is_empty() {
            // A cache that cannot be written only costs the next read time.
            let _ = learned.append_to(&self.snapshot.cache, &self.snapshot.opener.recipient());
        }
    }
}

impl<R: BufRead> Read for Opening<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Opening<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at == self.out.len() && !self.ended {
            self.refill()?;
        }
        Ok(&self.out[self.at..])
    }

    fn consume(&mut self, amount: usize) {
        self.at = (self.at + amount).min(self.out.len());
    }
}
