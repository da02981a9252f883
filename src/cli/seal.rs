//! `steady encrypt`, `steady decrypt` and `steady passphrase`: a journal sealed with age and
//! back, and a new passphrase for its key (see `journal::seal`). A wrong passphrase, a
//! missing key and a passphrase that could not be had are exit 2 with one sentence.

use super::{CliError, CliResult, Context, out, told};
use crate::journal::VaultError;
use crate::journal::seal::passphrase::{Source, new_passphrase};
use crate::journal::seal::{Asker, SealError, SealedVault, whole};

/// Where this run's passphrase comes from (the file, the setting's command, the terminal).
fn source(ctx: &Context) -> Result<Source, CliError> {
    Ok(Source::current(ctx.config()?.passphrase_command.as_deref()))
}

fn sealing(e: impl Into<SealError>) -> CliError {
    VaultError::from(e.into()).into()
}

pub fn encrypt(ctx: &Context) -> CliResult {
    let keys = ctx.key_files()?;
    // Asked before the journal's lock is taken, and only when the keys are made now.
    let passphrase = if keys.sealed() {
        None
    } else {
        Some(new_passphrase(&source(ctx)?).map_err(sealing)?)
    };
    let done = told(whole::encrypt(
        &ctx.store()?,
        &keys,
        passphrase.as_ref(),
        None,
    )?);
    let journal = ctx.paths.journal.display();
    if done.fragments > 0 {
        out::notice(&format!(
            "Sealed {} beside {journal} too: `age -d` opens {}, as it opens every entry.",
            out::plural(
                done.fragments,
                "cut-off line set aside",
                "cut-off lines set aside"
            ),
            if done.fragments == 1 { "it" } else { "them" },
        ));
    }
    let lines = out::plural(done.lines.sealed, "line", "lines");
    out::message(&if done.made_keys && done.lines.sealed == 0 {
        format!(
            "{journal} is sealed from now on: every entry added is sealed. Adding needs no passphrase; reading asks for yours. Keep your passphrase somewhere safe: nothing can recover it."
        )
    } else if done.made_keys {
        format!(
            "Sealed {lines} of {journal}. Adding to it needs no passphrase; reading it asks for yours. Keep your passphrase somewhere safe: nothing can recover it."
        )
    } else if done.lines.sealed > 0 {
        format!("Sealed the {lines} of {journal} that were not sealed yet.")
    } else {
        format!("{journal} is sealed already; nothing was changed.")
    });
    Ok(())
}

pub fn decrypt(ctx: &Context) -> CliResult {
    let journal = ctx.paths.journal.display();
    let Some(keys) = ctx.sealed_keys()? else {
        out::message(&format!("{journal} is not sealed; nothing was changed."));
        return Ok(());
    };
    let store = ctx.store()?;
    let vault = SealedVault::new(store.clone(), keys.clone(), Asker::new(source(ctx)?));
    let opener = vault.unlock()?;
    let done = told(whole::decrypt(&store, &keys, &opener)?);
    out::message(&format!(
        "Opened {} of {journal}; it is plain text again, and its keys beside it are removed.",
        out::plural(done.opened, "line", "lines")
    ));
    Ok(())
}

pub fn passphrase(ctx: &Context) -> CliResult {
    let Some(keys) = ctx.sealed_keys()? else {
        return Err(CliError::usage(format!(
            "{} is not sealed, so it has no passphrase; `steady encrypt` seals it.",
            ctx.paths.journal.display()
        )));
    };
    let old = Asker::new(source(ctx)?).get().map_err(sealing)?;
    // The old one is checked before the new one is asked for.
    keys.unlock(&old).map_err(sealing)?;
    let new = new_passphrase(&Source::new_one()).map_err(sealing)?;
    keys.change_passphrase(&old, &new, None).map_err(sealing)?;
    out::message(&format!(
        "Changed the passphrase of {}; no entry was touched.",
        ctx.paths.journal.display()
    ));
    Ok(())
}
