//! Printing results. Everything a command prints goes through here, so a closed pipe
//! (`steady log | head`) ends the output quietly instead of panicking.

use std::io::{self, BufWriter, Write};

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
