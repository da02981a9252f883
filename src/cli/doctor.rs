//! `steady doctor`: checks the journal, the settings file and the safety plan, and says what needs attention
//! and what to do. Exit 1 when anything does, 0 with one calm line when all is well.

use super::out::{self, plural};
use super::{CliError, CliResult, Context};
use crate::config::Config;
use crate::fsutil::io_words;
use crate::journal::doctor;
use crate::journal::seal::passphrase::Source;
use crate::journal::seal::{Asker, SealedVault};

pub fn run(ctx: &Context) -> CliResult {
    let journal = &ctx.paths.journal;
    let checked = match ctx.sealed_keys()? {
        // A sealed journal is checked through its plaintext, so it asks for the passphrase.
        Some(keys) => {
            let source = Source::current(ctx.config()?.passphrase_command.as_deref());
            let vault = SealedVault::new(ctx.store()?, keys.clone(), Asker::new(source));
            let (snapshot, opening) = vault.open_with_report()?;
            doctor::check_sealed(journal, snapshot.as_ref(), &opening.not_opened, &keys)
        }
        None => doctor::check(journal),
    };
    let checkup = checked.map_err(|e| {
        CliError::failure(format!(
            "could not check {} ({}); check that you may read it and its folder",
            journal.display(),
            io_words(&e)
        ))
    })?;
    // A bad settings file stops most commands, so doctor names it too (it does not need
    // the settings itself).
    let mut findings: Vec<String> = Config::load(&ctx.paths.config)
        .err()
        .map(|e| format!("The settings file {e}."))
        .into_iter()
        .collect();
    findings.extend(doctor::check_plan(&ctx.paths.safety_plan()).map(|finding| {
        doctor::Report {
            finding: &finding,
            journal,
        }
        .to_string()
    }));
    let summary = match &checkup {
        None => format!(
            "There is no journal at {} yet; steady creates it with your first entry.",
            journal.display()
        ),
        Some(checkup) => {
            findings.extend(
                checkup
                    .findings
                    .iter()
                    .map(|finding| doctor::Report { finding, journal }.to_string()),
            );
            if findings.is_empty() {
                return out::line(&format!(
                    "All good: {} holds {} and nothing needs attention.",
                    journal.display(),
                    entries(checkup.entries)
                ));
            }
            format!(
                "Checked {} ({} readable):",
                journal.display(),
                entries(checkup.entries)
            )
        }
    };
    out::line(&summary)?;
    for finding in &findings {
        out::line(&format!("- {finding}"))?;
    }
    let n = findings.len();
    if n == 0 {
        return Ok(());
    }
    let verb = if n == 1 { "needs" } else { "need" };
    Err(CliError::failure(format!(
        "{} {verb} attention (see above)",
        plural(n, "thing", "things")
    )))
}

fn entries(n: usize) -> String {
    plural(n, "entry", "entries")
}
