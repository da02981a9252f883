//! `steady export`: the selected entries (in the order `journal::export` gives each format)
//! to standard output (no `-o`, or `-o -`), or written atomically, mode 0600, to `-o FILE`:
//! never over an existing file unless `--force`, and never over the journal, its lock file
//! or anything that is not a regular file (`journal::export::target`).

use std::io::{self, BufWriter};
use std::path::Path;

use super::args::{ExportArgs, ExportFormat};
use super::filters::{self, Scan, Selection, Stop};
use super::{CliError, CliResult, Context, out};
use crate::fsutil::io_words;
use crate::journal::entry::Entry;
use crate::journal::export::target::{self, Existing, Refused, WriteError};
use crate::journal::export::{self, Format};
use crate::journal::outline::Outline;

pub fn run(ctx: &Context, args: &ExportArgs) -> CliResult {
    let selection = filters::select(ctx, &args.filter)?;
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Md => Format::Md,
    };
    match args.output.as_deref() {
        Some(path) if path != Path::new("-") => to_file(ctx, &selection, format, path, args.force),
        _ => {
            let mut out = BufWriter::new(io::stdout().lock());
            match export(ctx, &selection, format, &mut out) {
                Ok(scan) => {
                    filters::report_unreadable(&scan);
                    Ok(())
                }
                Err(stop) => stop.into_result(),
            }
        }
    }
}

/// The selected entries in `format` into `out` (two passes over the journal for csv and md).
fn export(
    ctx: &Context,
    selection: &Selection,
    format: Format,
    out: &mut dyn io::Write,
) -> Result<Scan, Stop> {
    let mut source = Journal {
        file: filters::Journal::open(ctx)?,
        selection,
        scan: Scan::default(),
    };
    export::write(format, selection.day_starts_at, &mut source, out)?;
    Ok(source.scan)
}

/// The journal as the source of an export: the selected entries, parsed and rendered on
/// every core, every pass from the same open file (one version of the journal); `scan` is
/// what the last pass saw.
struct Journal<'a> {
    file: filters::Journal<'a>,
    selection: &'a Selection,
    scan: Scan,
}

impl export::Source for &mut Journal<'_> {
    type Error = Stop;

    fn pass<T: Send>(
        &mut self,
        map: &(dyn Fn(&Entry, &str) -> T + Sync),
        each: &mut dyn FnMut(Option<T>) -> io::Result<()>,
    ) -> Result<(), Stop> {
        let map = |entry: Box<Entry>, raw: String| map(&entry, &raw);
        self.scan = self.file.scan_mapped(self.selection, &map, each)?;
        Ok(())
    }

    fn outline_pass<T: Send>(
        &mut self,
        map: &(dyn Fn(&Outline) -> T + Sync),
        each: &mut dyn FnMut(T) -> io::Result<()>,
    ) -> Result<(), Stop> {
        self.file.scan_outlines(self.selection, map, each)
    }
}

fn to_file(
    ctx: &Context,
    selection: &Selection,
    format: Format,
    path: &Path,
    force: bool,
) -> CliResult {
    may_write(ctx, path, force)?;
    let journal = Some(ctx.paths.journal.as_path());
    let mut scan = Scan::default();
    let written = target::write(path, journal, |out| {
        scan = export(ctx, selection, format, out)?;
        Ok::<(), Stop>(())
    });
    match written {
        Ok(()) => {}
        Err(WriteError::Refused(refused)) => return Err(refusal(&refused)),
        Err(WriteError::Body(Stop::Journal(e))) => return Err(e),
        Err(WriteError::Body(Stop::Output(e)) | WriteError::Io(e)) => {
            return Err(CliError::failure(format!(
                "cannot write {} ({}); check the folder exists and you may write there",
                path.display(),
                io_words(&e)
            )));
        }
    }
    filters::report_unreadable(&scan);
    out::message(&format!(
        "Exported {} to {}.",
        out::plural(scan.selected, "entry", "entries"),
        path.display()
    ));
    Ok(())
}

/// Whether `-o path` may be written (export's rule, which `report` keeps too): never the
/// journal, its lock file or anything that is not a regular file, and an existing file
/// only with `--force`. Bad usage otherwise.
pub(super) fn may_write(ctx: &Context, path: &Path, force: bool) -> CliResult {
    match target::check(path, Some(ctx.paths.journal.as_path())) {
        Err(refused) => Err(refusal(&refused)),
        Ok(Existing::File) if !force => Err(CliError::usage(format!(
            "{} already exists; pass --force to replace it, or choose another file with -o",
            path.display()
        ))),
        Ok(_) => Ok(()),
    }
}

/// A path `-o` may not write to, as bad usage; `-` is how to ask for standard output.
pub(super) fn refusal(refused: &Refused) -> CliError {
    let hint = match refused {
        Refused::NotRegular(_) => " (or `-o -` for standard output)",
        _ => "",
    };
    CliError::usage(format!("{refused}{hint}"))
}
