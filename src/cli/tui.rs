//! `steady`, `steady run ID` and `steady review`: the command line gathers what the TUI needs
//! (settings, practices, the journal's path, the clock, the crisis lines' region, the safety
//! plan and the guides), opens it, and turns how it ended
//! into an exit status and a sentence. The TUI never sees the command line.

use std::io::Write;

use std::sync::Arc;

use super::{CliError, CliResult, Context};
use crate::journal::seal::passphrase::Source;
use crate::journal::seal::{Asker, SealedVault};
use crate::journal::vault::Vault;
use crate::practice::Library;
use crate::tui::care::Care;
use crate::tui::{Launch, Start, launch};

/// The journal for the TUI. A sealed one is never asked for its passphrase on the TUI's
/// screen: `steady review` asks on the terminal before the screen is drawn (review reads
/// everything), while home and a practice only add entries, which needs no passphrase, so
/// a check-in never waits for one; there, reading is refused with a sentence unless the
/// passphrase comes from a file or a command.
fn vault(ctx: &Context, start: &Start) -> Result<Arc<dyn Vault>, CliError> {
    let Some(keys) = ctx.sealed_keys()? else {
        return ctx.vault();
    };
    let source = match Source::current(ctx.config()?.passphrase_command.as_deref()) {
        Source::Terminal if !matches!(start, Start::Review) => Source::NotHere,
        source => source,
    };
    let sealed = SealedVault::new(ctx.store()?, keys, Asker::new(source));
    if matches!(start, Start::Review) {
        sealed.unlock()?;
    }
    Ok(Arc::new(sealed))
}

pub fn run(ctx: &Context, start: Start) -> CliResult {
    let config = ctx.config()?.clone();
    let library = Library::load(&ctx.paths.practices);
    let care = Care {
        region: crate::support::region::current(config.region.as_deref()),
        plan: crate::support::plan::Plan::load(&ctx.paths.safety_plan()),
        plan_path: ctx.paths.safety_plan(),
        guides: crate::guide::GuideLibrary::load(&ctx.paths.guides(), &library)
            .guides()
            .to_vec(),
        // Home reads them from the journal with the rest of what it needs.
        guide_events: Vec::new(),
    };
    let vault = vault(ctx, &start)?;
    let ended = launch(Launch {
        start,
        config,
        library,
        vault,
        practice_folder: ctx.paths.practices.clone(),
        clock: ctx.clock.clone(),
        care,
        settings: ctx.paths.config.clone(),
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
