//! Printing results. Everything a command prints goes through here, so a closed pipe
//! (`steady log | head`) ends the output quietly instead of panicking. Data goes to
//! standard output; messages about what was done go to standard error, and `-q`/`--quiet`
//! silences them.

use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{CliError, CliResult};

/// Writes `text` and a newline to standard output.
pub fn line(text: &str) -> CliResult {
    print(|out| writeln!(out, "{text}"))
}

/// Writes whatever `body` writes to standard output, through a buffer.
pub fn print(body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> CliResult {
    let mut out = BufWriter::new(io::stdout().lock());
    written(body(&mut out).and_then(|()| out.flush()))
}

/// The outcome of printing to standard output: a closed pipe is a reader who has seen
/// enough, not an error.
pub fn written(result: io::Result<()>) -> CliResult {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CliError::failure(format!(
            "could not print the result ({})",
            crate::fsutil::io_words(&e)
        ))),
        _ => Ok(()),
    }
}

/// A count and its noun: "1 entry", "2 entries".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes a notice (not an error) and a newline to standard error.
pub fn notice(text: &str) {
    // Nothing useful can be done if standard error is gone.
    let _ = writeln!(io::stderr().lock(), "steady: {text}");
}

/// Whether `-q`/`--quiet` was given: set once, before the command runs.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences `message` for the rest of the run.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Says what was done (on standard error, so standard output stays data), unless quiet.
pub fn message(text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        // Nothing useful can be done if standard error is gone.
        let _ = writeln!(io::stderr().lock(), "{text}");
    }
}
