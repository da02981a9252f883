//! `steady import FILE`: adds the entries of an export or another journal whose ids the
//! journal does not hold yet, in one atomic rewrite, and says what it added, skipped and
//! rejected. Rejected entries never stop the good ones; a file that cannot be read at all
//! writes nothing (exit 2).

use super::{CliError, CliResult, Context, out};
use crate::journal::import::read_source;

pub fn run(ctx: &Context, args: super::args::ImportArgs) -> CliResult {
    let file = &args.file;
    let source = read_source(file).map_err(|e| CliError::usage(e.to_string()))?;
    for rejected in &source.rejected {
        out::notice(&format!(
            "skipped {} of {}: {}",
            rejected.place,
            file.display(),
            rejected.reason
        ));
    }
    let counts = ctx.write_journal(|store| store.import_lines(&source.entries))?;
    out::line(&format!(
        "Imported {} into {}: {} added, {} already there, {} rejected.",
        file.display(),
        ctx.paths.journal.display(),
        counts.added,
        counts.duplicates,
        source.rejected.len()
    ))
}
