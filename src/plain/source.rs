//! Where a plain run's lines come from and how it lets time pass. `Fixed` reads any
//! `BufRead` and waits through a function (tests move a test clock); `cli::plain` gives a
//! source that reads standard input on a thread and hears SIGINT, SIGTERM and SIGHUP, so a
//! run stopped by Ctrl-C, mid-question or mid-breath, keeps what was answered.

use std::io::{self, BufRead};
use std::time::Instant;

/// Lines in, time passing.
pub trait Source {
    /// The next line without its line ending; None when the input closed or the run was
    /// stopped.
    fn line(&mut self) -> io::Result<Option<String>>;
    /// Returns true once the run's clock has reached `at`, or false as soon as the run was
    /// stopped.
    fn wait(&mut self, at: Instant) -> bool;
}

/// Lines from a reader, and waits through a function; never stopped but by the end of the
/// input.
pub struct Fixed<R, W> {
    pub input: R,
    pub wait: W,
}

impl<R: BufRead, W: FnMut(Instant)> Source for Fixed<R, W> {
    fn line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let kept = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(kept);
        Ok(Some(line))
    }

    fn wait(&mut self, at: Instant) -> bool {
        (self.wait)(at);
        true
    }
}
