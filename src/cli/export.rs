//! `steady export`: the selected entries (in the order `journal::export` gives each format)
//! to standard output, or written atomically, mode 0600, to `-o FILE` (never over an
//! existing file unless `--force`).

use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::args::{ExportArgs, ExportFormat};
use super::filters::{self, Scan, Selection, Stop};
use super::{CliError, CliResult, Context, out};
use crate::fsutil;
use crate::fsutil::io_words;
use crate::journal::export::{Format, Writer};

pub fn run(ctx: &Context, args: ExportArgs) -> CliResult {
    let selection = filters::select(ctx, &args.filter)?;
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Md => Format::Md,
    };
    match &args.output {
        Some(path) => to_file(ctx, &selection, format, path, args.force),
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            let scan = match export(ctx, &selection, format, &mut out) {
                Ok(scan) => scan,
                Err(stop) => return stop.into_result(),
            };
            filters::report_unreadable(&scan);
            Ok(())
        }
    }
}

/// One pass over the journal into `out`.
fn export<W: Write>(
    ctx: &Context,
    selection: &Selection,
    format: Format,
    out: &mut W,
) -> Result<Scan, Stop> {
    let mut writer = Writer::new(format, selection.day_starts_at, out);
    let scan = filters::scan(ctx, selection, |entry, raw| writer.add(entry, raw))?;
    writer.finish().map_err(Stop::Output)?;
    Ok(scan)
}

fn to_file(
    ctx: &Context,
    selection: &Selection,
    format: Format,
    path: &Path,
    force: bool,
) -> CliResult {
    if is_same_file(path, &ctx.paths.journal) {
        return Err(CliError::usage(format!(
            "{} is the journal itself; choose another file for -o",
            path.display()
        )));
    }
    if !force && path.symlink_metadata().is_ok() {
        return Err(CliError::usage(format!(
            "{} already exists; pass --force to replace it, or choose another file with -o",
            path.display()
        )));
    }
    // A journal that cannot be read aborts the write (leaving no file behind) and is
    // reported as itself, not as a write error.
    let mut journal_error = None;
    let mut scan = Scan::default();
    let result = fsutil::replace_file(path, |out| match export(ctx, selection, format, out) {
        Ok(s) => {
            scan = s;
            Ok(())
        }
        Err(Stop::Output(e)) => Err(e),
        Err(Stop::Journal(e)) => {
            journal_error = Some(e);
            Err(io::Error::other("the journal could not be read"))
        }
    });
    if let Some(e) = journal_error {
        return Err(e);
    }
    result.map_err(|e| {
        CliError::failure(format!(
            "cannot write {} ({}); check the folder exists and you may write there",
            path.display(),
            io_words(&e)
        ))
    })?;
    filters::report_unreadable(&scan);
    let message = format!(
        "Exported {} to {}.",
        out::plural(scan.selected, "entry", "entries"),
        path.display()
    );
    out::line(&message)
}

/// Whether `a` and `b` name the same existing file (through links and `..` too).
pub(super) fn is_same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
