//! `steady`, `steady run ID` and `steady review`: the command line gathers what the TUI needs
//! (settings, practices, the journal's path, the clock), opens it, and turns how it ended
//! into an exit status and a sentence. The TUI never sees the command line.

use std::io::Write;

use super::{CliError, CliResult, Context};
use crate::practice::Library;
use crate::tui::{Launch, Start, launch};

pub fn run(ctx: &Context, start: Start) -> CliResult {
    let ended = launch(Launch {
        start,
        config: ctx.config()?.clone(),
        library: Library::load(&ctx.paths.practices),
        journal: ctx.paths.journal.clone(),
        practice_folder: ctx.paths.practices.clone(),
        clock: ctx.clock.clone(),
    })
    .map_err(|e| {
        if e.is_usage() {
            CliError::usage(e.to_string())
        } else {
            CliError::failure(e.to_string())
        }
    })?;
    if let Some(path) = ended.kept_in {
        // Nothing useful can be done if stderr itself is gone.
        let _ = writeln!(
            std::io::stderr(),
            "Kept what you answered (not finished) in {}.",
            crate::text::clean(&path.display().to_string(), false)
        );
    }
    Ok(())
}
