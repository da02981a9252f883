//! Parsing ahead on other threads: a whole-journal read spends nearly all its time turning
//! lines into entries, and one line never depends on another, so a reader thread cuts the
//! file into blocks of whole lines and hands them in turn to one parser per core; the
//! caller takes the parsed blocks back in the same turn, so lines still come in file order.
//! Memory stays a few blocks, whatever the size of the journal. A parser or reader that
//! panics is a panic here too, never a journal that silently ends early.

use std::io::{self, BufRead};
use std::ops::Range;
use std::sync::mpsc::{SyncSender, sync_channel};

use super::{Line, Lines, RawLine};

/// A block ends after this many bytes of lines, or `BLOCK_LINES` lines, whichever is first.
const BLOCK_BYTES: usize = 256 * 1024;
const BLOCK_LINES: usize = 256;

/// At most this many parsers, however many cores there are: past that the reader and the
/// caller are the slow part.
const MAX_PARSERS: usize = 4;

/// Whole lines as read, not yet parsed.
#[derive(Default)]
struct Block {
    bytes: Vec<u8>,
    lines: Vec<Place>,
    /// The read error that ended the file, after these lines.
    error: Option<io::Error>,
}

/// Where one line of a block is, in the file and in the block.
struct Place {
    number: usize,
    offset: u64,
    len: u64,
    terminated: bool,
    /// The line's bytes within the block; `None` for a line too long to load.
    bytes: Option<Range<usize>>,
}

impl Block {
    /// `map` of each line, then the read error that ended the block, if one did.
    fn map<T>(self, map: &(dyn Fn(RawLine) -> T + Sync)) -> Vec<io::Result<T>> {
        let mut mapped: Vec<io::Result<T>> = self
            .lines
            .into_iter()
            .map(|place| {
                Ok(map(RawLine {
                    number: place.number,
                    offset: place.offset,
                    len: place.len,
                    terminated: place.terminated,
                    bytes: place.bytes.map(|range| &self.bytes[range]),
                }))
            })
            .collect();
        mapped.extend(self.error.map(Err));
        mapped
    }
}

/// Reads `reader` and hands `each` what `map` made of each line, in file order. `map` runs
/// on one thread per core, so a reader that only needs a little of each entry (a row, a
/// rendered line) should do that work in `map` and let the entry go there. Stops at the
/// first error `each` returns, or at a read error, after the lines before it.
pub fn each_mapped<R, T, E>(
    reader: R,
    map: &(dyn Fn(Line) -> T + Sync),
    each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    R: BufRead + Send,
    T: Send,
    E: From<io::Error>,
{
    each_raw_mapped(reader, &|raw| map(raw.parse()), each)
}

/// `each_mapped`, with `map` given each line unparsed, for a reader that needs less of a
/// line than a whole entry (an export's first pass: its time and answer keys).
pub fn each_raw_mapped<R, T, E>(
    reader: R,
    map: &(dyn Fn(RawLine) -> T + Sync),
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    R: BufRead + Send,
    T: Send,
    E: From<io::Error>,
{
    // A journal of one block (a few hundred lines) is parsed here: no thread is started.
    let mut lines = Lines::new(reader);
    let (first, end) = fill(&mut lines);
    if end {
        for item in first.map(map) {
            each(item?)?;
        }
        return Ok(());
    }
    let parsers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_PARSERS);
    std::thread::scope(|scope| {
        let mut to_parse = Vec::new();
        let mut parsed = Vec::new();
        let mut threads = Vec::new();
        for _ in 0..parsers {
            let (send_block, blocks) = sync_channel::<Block>(1);
            let (send_parsed, receive) = sync_channel::<Vec<io::Result<T>>>(1);
            to_parse.push(send_block);
            parsed.push(receive);
            threads.push(scope.spawn(move || {
                for block in blocks {
                    let mapped = block.map(map);
                    // The caller stopped reading: nothing more to do.
                    if send_parsed.send(mapped).is_err() {
                        return;
                    }
                }
            }));
        }
        threads.push(scope.spawn(move || read_blocks(first, lines, &to_parse)));
        // Block `i` comes from parser `i % parsers`; a parser that has nothing more to send
        // means the reader has ended and every block before has been handed on, or that a
        // thread panicked, which the joins below pass on: never a journal cut short.
        let mut handed = || {
            for turn in 0.. {
                let Ok(block) = parsed[turn % parsers].recv() else {
                    break;
                };
                for item in block {
                    each(item?)?;
                }
            }
            Ok(())
        };
        let result = handed();
        // Closed, so that threads still sending see that nobody is reading and end.
        drop(parsed);
        for thread in threads {
            if let Err(panic) = thread.join() {
                std::panic::resume_unwind(panic);
            }
        }
        result
    })
}

/// The reader thread: deals out `first` and then the rest of the file cut into blocks, in
/// turn.
fn read_blocks<R: BufRead>(first: Block, mut lines: Lines<R>, parsers: &[SyncSender<Block>]) {
    let mut block = first;
    for turn in 0.. {
        // A parser that is gone means the caller stopped reading.
        if parsers[turn % parsers.len()].send(block).is_err() {
            return;
        }
        let (next, end) = fill(&mut lines);
        if end && next.lines.is_empty() && next.error.is_none() {
            return;
        }
        block = next;
    }
}

/// The next block of whole lines, and whether the file ended (or could not be read) in it.
fn fill<R: BufRead>(lines: &mut Lines<R>) -> (Block, bool) {
    let mut block = Block::default();
    while block.bytes.len() < BLOCK_BYTES && block.lines.len() < BLOCK_LINES {
        match lines.next_raw() {
            Ok(Some(raw)) => {
                let bytes = raw.bytes.map(|bytes| {
                    let start = block.bytes.len();
                    block.bytes.extend_from_slice(bytes);
                    start..block.bytes.len()
                });
                block.lines.push(Place {
                    number: raw.number,
                    offset: raw.offset,
                    len: raw.len,
                    terminated: raw.terminated,
                    bytes,
                });
            }
            Ok(None) => return (block, true),
            Err(e) => {
                block.error = Some(e);
                return (block, true);
            }
        }
    }
    (block, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn entry_line(i: usize) -> String {
        format!(
            r#"{{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B{i:06}","practice":"feeling-check-in","title":"T","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui","responses":{{"level":3}}}}"#
        )
    }

    /// A file of many blocks, with bad lines, an overlong line and a torn end.
    fn sample() -> Vec<u8> {
        let mut text = String::new();
        for i in 0..5000 {
            match i % 997 {
                3 => text.push_str("not json"),
                5 => text.push_str(&"x".repeat(super::super::MAX_LINE + 1)),
                _ => text.push_str(&entry_line(i)),
            }
            text.push('\n');
        }
        text.push_str(&entry_line(5000));
        text.into_bytes()
    }

    type Summary = (usize, u64, u64, bool, Option<Vec<u8>>, Option<String>);

    #[expect(
        clippy::needless_pass_by_value,
        reason = "the shape `each_mapped` calls"
    )]
    fn summary(line: Line) -> Summary {
        (
            line.number,
            line.offset,
            line.len,
            line.terminated,
            line.raw().map(<[u8]>::to_vec),
            line.unreadable().map(ToString::to_string),
        )
    }

    fn all(reader: impl BufRead + Send) -> (Vec<Summary>, io::Result<()>) {
        let mut got = Vec::new();
        let end = each_mapped(reader, &summary, |s| {
            got.push(s);
            Ok::<_, io::Error>(())
        });
        (got, end)
    }

    /// A journal of a few hundred lines is parsed on the caller's thread (no thread is
    /// started); a larger one on the parsers.
    #[test]
    fn a_small_journal_is_parsed_here_and_a_large_one_on_other_threads() {
        let here = std::thread::current().id();
        let threads_of = |bytes: Vec<u8>| {
            let mut seen = std::collections::HashSet::new();
            each_raw_mapped(Cursor::new(bytes), &|_| std::thread::current().id(), |id| {
                seen.insert(id);
                Ok::<(), io::Error>(())
            })
            .unwrap();
            seen
        };
        let small: String = (0..200).map(|i| entry_line(i) + "\n").collect();
        assert_eq!(threads_of(small.into_bytes()), [here].into());
        let large = threads_of(sample());
        assert!(!large.contains(&here), "parsed on the parsers");
    }

    #[test]
    fn lines_come_in_file_order_exactly_as_read_one_by_one() {
        let bytes = sample();
        let one_by_one: Vec<_> = Lines::new(Cursor::new(bytes.clone()))
            .map(|l| summary(l.unwrap()))
            .collect();
        let (ahead, end) = all(Cursor::new(bytes));
        assert!(end.is_ok());
        assert_eq!(ahead.len(), 5001);
        assert!(ahead == one_by_one, "the parallel read differs");
    }

    #[test]
    fn an_empty_file_has_no_lines() {
        let (got, end) = all(Cursor::new(Vec::new()));
        assert!(got.is_empty() && end.is_ok());
    }

    #[test]
    fn an_error_from_each_stops_the_read_and_is_returned() {
        let mut seen = 0;
        let end = each_mapped(Cursor::new(sample()), &summary, |_| {
            seen += 1;
            if seen == 1500 {
                return Err(io::Error::other("pipe closed"));
            }
            Ok(())
        });
        assert_eq!(end.unwrap_err().to_string(), "pipe closed");
        assert_eq!(seen, 1500);
    }

    /// Fails after `good` bytes.
    struct Failing {
        inner: Cursor<Vec<u8>>,
        good: u64,
    }

    impl io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.inner.position() >= self.good {
                return Err(io::Error::other("disk on fire"));
            }
            let room = (self.good - self.inner.position()) as usize;
            let n = buf.len().min(room);
            self.inner.read(&mut buf[..n])
        }
    }

    #[test]
    fn a_read_error_comes_after_the_lines_before_it() {
        let bytes = sample();
        let good = bytes.len() as u64 / 2;
        let reader = io::BufReader::new(Failing {
            inner: Cursor::new(bytes),
            good,
        });
        let (got, end) = all(reader);
        assert_eq!(end.unwrap_err().to_string(), "disk on fire");
        assert!(got.len() > 1000, "the lines before the error are there");
        assert!(
            got.iter().all(|s| s.1 + s.2 < good),
            "no line past the error"
        );
    }

    #[test]
    #[should_panic(expected = "reader broke")]
    fn a_panic_on_the_reader_thread_is_not_an_early_end() {
        struct Panicking(usize);
        impl io::Read for Panicking {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.0 += 1;
                assert!(self.0 < 50, "reader broke");
                let line = entry_line(self.0) + "\n";
                let n = line.len().min(buf.len());
                buf[..n].copy_from_slice(&line.as_bytes()[..n]);
                Ok(n)
            }
        }
        let _ = all(io::BufReader::new(Panicking(0)));
    }

    #[test]
    #[should_panic(expected = "map broke")]
    fn a_panic_in_map_is_not_an_early_end() {
        let map = |line: Line| assert!(line.number != 3000, "map broke");
        let _ = each_mapped(Cursor::new(sample()), &map, |()| Ok::<_, io::Error>(()));
    }
}
