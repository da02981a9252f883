//! `steady doctor`: checks the journal and says what needs attention and what to do.
//! Exit 1 when anything does, 0 with one calm line when all is well.

use super::{CliError, CliResult, Context, out};
use crate::journal::doctor;

pub fn run(ctx: &Context) -> CliResult {
    let journal = &ctx.paths.journal;
    let checkup = doctor::check(journal).map_err(|e| {
        CliError::failure(format!(
            "could not check {} ({e}); check that you may read it and its folder",
            journal.display()
        ))
    })?;
    let Some(checkup) = checkup else {
        return out::line(&format!(
            "There is no journal at {} yet; steady creates it with your first entry.",
            journal.display()
        ));
    };
    if checkup.findings.is_empty() {
        return out::line(&format!(
            "All good: {} holds {} and nothing needs attention.",
            journal.display(),
            entries(checkup.entries)
        ));
    }
    out::line(&format!(
        "Checked {} ({} readable):",
        journal.display(),
        entries(checkup.entries)
    ))?;
    for finding in &checkup.findings {
        out::line(&format!("- {finding}"))?;
    }
    let n = checkup.findings.len();
    Err(CliError::failure(format!(
        "{n} {} in {} {} attention (see above)",
        if n == 1 { "thing" } else { "things" },
        journal.display(),
        if n == 1 { "needs" } else { "need" }
    )))
}

fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}
