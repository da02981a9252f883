//! A whole journal's bytes sealed or opened, line by line, so that one after the other give
//! the original back byte for byte: each line keeps its own ending (a last line without a
//! newline stays without one), a line that is already sealed is kept as it is when sealing,
//! and a line that cannot be opened (not sealed, sealed to another key, changed) is kept as
//! it is when opening. So sealing is safe to run again after it was interrupted, and a
//! line that merely looks sealed comes back unchanged. Lines are sealed on every core (one
//! X25519 agreement each). Writing the result, atomically and under the journal's lock, is
//! the caller's.

use age::x25519;

use super::cache::{Batch, Opener, on_every_core};
use super::line::{self, LineError};

/// What sealing a journal did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sealing {
    /// Lines sealed now.
    pub sealed: usize,
    /// Lines that were sealed already, kept as they were.
    pub kept: usize,
}

/// What opening a journal did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opening {
    /// Lines opened.
    pub opened: usize,
    /// Lines kept as they were: not sealed at all.
    pub plain: usize,
    /// Lines kept as they were, still sealed to another key than this journal's.
    pub other_key: usize,
    /// Lines kept as they were that look sealed but do not open (changed since, damaged).
    pub damaged: usize,
    /// The numbers (from 1) of the lines kept as they were, and why; a last line without
    /// its newline (torn, and set aside by the next write) is not among them.
    pub not_opened: Vec<(usize, LineError)>,
}

/// The lines of `bytes`, each without its newline, and whether it had one.
pub(super) fn lines(bytes: &[u8]) -> impl Iterator<Item = (&[u8], bool)> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|line| match line.strip_suffix(b"\n") {
            Some(line) => (line, true),
            None => (line, false),
        })
}

/// `bytes` (a journal) with every line sealed to `recipient`, and the cache records of the
/// lines sealed now.
pub fn seal_all(bytes: &[u8], recipient: &x25519::Recipient) -> (Vec<u8>, Batch, Sealing) {
    let lines: Vec<_> = lines(bytes).collect();
    let sealed = on_every_core(&lines, |&(line, _)| {
        (!line::is_sealed(line)).then(|| line::seal(line, recipient))
    });
    let mut out = Vec::with_capacity(bytes.len() * 3);
    let mut batch = Batch::default();
    let mut done = Sealing::default();
    for (&(line, ended), sealed) in lines.iter().zip(sealed) {
        if let Some(sealed) = sealed {
            batch.add(sealed.as_bytes(), line);
            out.extend_from_slice(sealed.as_bytes());
            done.sealed += 1;
        } else {
            out.extend_from_slice(line);
            done.kept += 1;
        }
        if ended {
            out.push(b'\n');
        }
    }
    (out, batch, done)
}

/// `bytes` (a sealed journal) with every line `opener` opens in plaintext. The lines are
/// opened in as many runs as there are cores, each written into its own buffer, then
/// joined: a line the cache holds is copied once, from the cache to its run.
pub fn open_all(bytes: &[u8], opener: &Opener) -> (Vec<u8>, Opening) {
    let lines: Vec<_> = lines(bytes).collect();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let runs: Vec<&[(&[u8], bool)]> = lines.chunks(lines.len().div_ceil(cores).max(1)).collect();
    let results = on_every_core(&runs, |run| {
        let mut out = Vec::with_capacity(run.iter().map(|(l, _)| l.len() / 2 + 1).sum());
        let mut why = Vec::new();
        for (at, &(line, ended)) in run.iter().enumerate() {
            match line::open(line, opener) {
                Ok(plain) => out.extend_from_slice(&plain),
                Err(e) => {
                    out.extend_from_slice(line);
                    why.push((at, e, ended));
                }
            }
            if ended {
                out.push(b'\n');
            }
        }
        (out, why)
    });
    let mut done = Opening::default();
    let mut first = 1;
    let mut plain = Vec::with_capacity(results.iter().map(|(out, _)| out.len()).sum());
    for (run, (out, why)) in runs.iter().zip(results) {
        plain.extend_from_slice(&out);
        done.opened += run.len() - why.len();
        for (at, e, ended) in why {
            match e {
                LineError::NotSealed => done.plain += 1,
                LineError::NotOurs => done.other_key += 1,
                LineError::Tampered => done.damaged += 1,
            }
            if ended {
                done.not_opened.push((first + at, e));
            }
        }
        first += run.len();
    }
    (plain, done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::seal::LineCache;

    const JOURNAL: &[u8] = b"{\"v\":1,\"id\":\"01JF7Q5N3D0000000000000001\",\"note\":\"first\"}\n\
        not an entry\r\n\
        \n\
        {\"age\":\"bm90IGFuIGFnZSBmaWxl\"}\n\
        \xff\xfe\n\
        {\"v\":1,\"id\":\"01JF7Q5N3D0000000000000002\",\"note\":\"torn";

    #[test]
    fn sealing_then_opening_gives_the_journal_back_byte_for_byte() {
        let identity = x25519::Identity::generate();
        let recipient = identity.to_public();
        let (sealed, batch, done) = seal_all(JOURNAL, &recipient);
        assert_eq!(done, Sealing { sealed: 5, kept: 1 });
        assert_eq!(batch.len(), 5);
        assert!(!sealed.ends_with(b"\n"), "the torn last line stays torn");
        let text = String::from_utf8_lossy(&sealed);
        assert!(!text.contains("first") && !text.contains("not an entry"));
        let opener = Opener::new(identity, LineCache::default());
        let (plain, done) = open_all(&sealed, &opener);
        assert_eq!(plain, JOURNAL);
        assert_eq!(
            done,
            Opening {
                opened: 5,
                plain: 0,
                other_key: 0,
                damaged: 1,
                not_opened: vec![(4, LineError::Tampered)],
            }
        );
    }

    #[test]
    fn sealing_again_seals_only_what_is_not_sealed_yet() {
        let recipient = x25519::Identity::generate().to_public();
        let (once, _, _) = seal_all(JOURNAL, &recipient);
        let mut more = once.clone();
        more.extend_from_slice(b"\n{\"v\":1,\"id\":\"01JF7Q5N3D0000000000000003\"}\n");
        let (twice, batch, done) = seal_all(&more, &recipient);
        // Only the new line is sealed; every line sealed before is kept as it was.
        assert_eq!(done, Sealing { sealed: 1, kept: 6 });
        assert_eq!(batch.len(), 1);
        assert!(twice.starts_with(&once));
        assert_eq!(twice.split(|&b| b == b'\n').count(), 8);
    }
}
