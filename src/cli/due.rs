//! `steady due`: for shell prompts and timers. One gentle line and exit 0 when nothing was
//! practised today (by `day_starts_at`); nothing and exit 1 once something was. It reads only
//! the end of the journal (`journal::recent`), so it is cheap enough for every prompt. The
//! line never counts missed days: it is an open door, not a reminder of a debt. A sealed
//! journal is read without its passphrase: by when each entry was made (`seal::line`).

use super::{CliError, CliResult, Context, out};
use crate::fsutil::io_words;
use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::seal::line::made_at;
use crate::journal::{query, recent};

/// The one line `due` prints.
pub const LINE: &str = "No practice yet today; steady is here when you want a quiet minute.";

pub fn run(ctx: &Context) -> CliResult {
    let day_starts_at = ctx.config()?.day_starts_at;
    let today = query::today(ctx.clock.as_ref(), day_starts_at);
    let journal = &ctx.paths.journal;
    let practised = if ctx.sealed_keys()?.is_some() {
        // Without the passphrase only when each entry was made shows (its id carries it,
        // read in this machine's time zone now); a step on a guide's path counts too.
        let zone = *ctx.clock.wall().offset();
        recent::any_last_line(journal, |line| {
            made_at(line).is_some_and(|at| day_of(at.with_timezone(&zone), day_starts_at) == today)
        })
    } else {
        // Starting or moving on in a guide is a choice about the path, not a practice.
        recent::has_entry_on(journal, today, day_starts_at, Entry::is_practice)
    };
    let practised = practised.map_err(|e| {
        CliError::failure(format!(
            "cannot read the journal {} ({}); check that it is a file you may read",
            journal.display(),
            io_words(&e)
        ))
    })?;
    if practised {
        return Err(CliError::silent(1));
    }
    out::line(LINE)
}
