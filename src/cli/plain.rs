//! `steady run ID --plain` (and `steady run ID` when `TERM=dumb`): one practice as plain lines
//! on standard input and output through `plain::drive`, then saved like the TUI's runs: the
//! whole entry at the end, or, when the input closes first (Ctrl-D), what was answered,
//! marked as not finished. Works without a terminal.

use std::io;
use std::sync::Arc;
use std::time::Instant;

use super::{CliError, CliResult, Context, out, practices};
use crate::clock::{Clock, NOW_VAR, TestClock};
use crate::journal::entry::Via;
use crate::plain::{self, Ended};
use crate::practice::Library;
use crate::runner::Run;

/// Whether `steady run` should use plain lines by itself: on a terminal that says it
/// cannot draw (`TERM=dumb`).
pub fn terminal_is_dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

pub fn run(ctx: &Context, id: &str) -> CliResult {
    let config = ctx.config()?;
    let practice = practices::find(&Library::load(&ctx.paths.practices), id)?;
    // Under `STEADY_NOW` (tests of the binary) time is a test clock that waits move on at
    // once, so a five-minute timer takes no real time; otherwise waits sleep.
    let test_clock = std::env::var_os(NOW_VAR).map(|_| Arc::new(TestClock::at(ctx.clock.wall())));
    let clock: Arc<dyn Clock> = match &test_clock {
        Some(c) => c.clone(),
        None => ctx.clock.clone(),
    };
    let mut wait = |at: Instant| match &test_clock {
        Some(c) => c.advance(at.saturating_duration_since(c.now())),
        None => std::thread::sleep(at.saturating_duration_since(Instant::now())),
    };
    let mut run = Run::start(practice, clock).with_palette(config.palette.clone());
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut output = io::stdout().lock();
    let ended = plain::drive(&mut run, &mut input, &mut output, &mut wait);
    let ended = ended.or_else(|e| {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Ok(Ended::InputClosed)
        } else {
            Err(e)
        }
    });
    let ended = ended.map_err(|e| {
        CliError::failure(format!(
            "the practice stopped because its input or output failed ({})",
            crate::fsutil::io_words(&e)
        ))
    });
    // Whatever stopped the run, what was answered is kept.
    let entry = match ended {
        Ok(Ended::Finished) => run.entry(Via::Cli),
        _ => run.leave(true, Via::Cli),
    };
    let Some(entry) = entry else {
        out::notice("Nothing was answered, so nothing was saved.");
        return ended.map(|_| ());
    };
    ctx.write_journal(|store| store.append(&entry))?;
    let journal = ctx.paths.journal.display();
    out::notice(&if entry.completed {
        format!("Saved to {journal}. Thank you for taking this time.")
    } else {
        format!("Kept what you answered (not finished) in {journal}.")
    });
    ended.map(|_| ())
}
