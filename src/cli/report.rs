//! `steady report [FILTERS] [-o FILE] [--force]`: the selected entries (the last 30 days
//! unless the filters say otherwise) as one self-contained HTML page (`report`), on standard
//! output or written atomically, mode 0600, to `-o FILE` under export's rule: an existing
//! file only with `--force`, and never the journal, its lock file or anything that is not a
//! regular file.

use std::path::Path;

use chrono::Days;

use super::args::ReportArgs;
use super::{CliError, CliResult, Context, export, filters, out};
use crate::fsutil::io_words;
use crate::journal::export::target::{self, WriteError};
use crate::practice::Library;
use crate::report::{Builder, Report};
use crate::support::lines::Support;

/// The days a report covers when no `--since` says otherwise.
pub const DEFAULT_DAYS: u64 = 30;

pub fn run(ctx: &Context, args: &ReportArgs) -> CliResult {
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    if let Some(path) = output {
        // Before any work: a file that may not be written is known at once.
        export::may_write(ctx, path, args.force)?;
    }
    let mut selection = filters::select(ctx, &args.filter)?;
    let until = selection.filter.until.unwrap_or(selection.today);
    let since = selection.filter.since.unwrap_or_else(|| {
        until
            .checked_sub_days(Days::new(DEFAULT_DAYS - 1))
            .unwrap_or(until)
    });
    selection.filter.since = Some(since);
    selection.filter.until = Some(until);
    let config = ctx.config()?;
    let library = Library::load(&ctx.paths.practices);
    let mut builder = Builder::new(&library, config, args.include_private);
    let scan = match filters::scan(ctx, &selection, |entry, _| {
        builder.add(entry);
        Ok(())
    }) {
        Ok(scan) => scan,
        Err(stop) => return stop.into_result(),
    };
    filters::report_unreadable(&scan);
    let region = crate::support::region::current(config.region.as_deref());
    let support = Support::for_region(region.as_deref());
    let report = builder.finish(
        since,
        until,
        ctx.clock.wall(),
        (support.danger(), support.sentences()),
    );
    match output {
        Some(path) => {
            to_file(ctx, path, &report)?;
            out::message(&format!(
                "Wrote a report of {} ({}) to {}.",
                out::plural(scan.selected, "entry", "entries"),
                crate::report::dates::span(since, until),
                path.display()
            ));
            Ok(())
        }
        None => out::print(|w| report.write_html(w)),
    }
}

/// The page written into `path` as it is made, under export's rule (checked again as it is written: never over
/// the journal, its lock file or anything that is not a regular file).
fn to_file(ctx: &Context, path: &Path, report: &Report) -> CliResult {
    let journal = Some(ctx.paths.journal.as_path());
    match target::write(path, journal, |out| report.write_html(out)) {
        Ok(()) => Ok(()),
        Err(WriteError::Refused(refused)) => Err(export::refusal(&refused)),
        Err(WriteError::Body(e) | WriteError::Io(e)) => Err(CliError::failure(format!(
            "cannot write {} ({}); check the folder exists and you may write there",
            path.display(),
            io_words(&e)
        ))),
    }
}
