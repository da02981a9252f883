//! What `log`, `stats`, `export` and `report` share: the filter flags turned into a
//! `query::Filter` (dates resolved against today, practice ids checked), streaming passes over
//! the journal opened once through its port (`Journal`: every pass reads the same snapshot), the notice about
//! unreadable lines, and writing to a pipe that may close early (`steady log | head`, through `out`).

use std::io;

use chrono::{NaiveDate, NaiveTime};

use super::args::FilterArgs;
use super::{CliError, CliResult, Context, out};
use crate::fsutil::io_words;
use crate::journal::entry::{Entry, GUIDE};
use crate::journal::outline::Outline;
use crate::journal::query::{self, DATE_FORMS, DateSpec, Filter};
use crate::journal::read::{Content, Line, RawLine};
use crate::journal::vault::Snapshot;
use crate::practice::Library;
use crate::text;

/// What to tell someone whose journal has nothing in it yet.
const NO_ENTRIES_YET: &str = "No entries yet. Record a feeling check-in with `steady checkin --level 3 --colour blue`, or run `steady` to start a practice.";
/// What to tell someone whose filters matched nothing.
const NOTHING_MATCHED: &str = "No entries match these filters; try a wider --since/--until or fewer --practice/--tag/--search.";

/// The filter in force, and the day it was resolved against.
pub struct Selection {
    pub filter: Filter,
    pub today: NaiveDate,
    pub day_starts_at: NaiveTime,
}

/// Resolves the filter flags; a DATE in none of the accepted forms, or a practice id that is
/// neither a practice nor in the journal, is bad usage.
pub fn select(ctx: &Context, args: &FilterArgs) -> Result<Selection, CliError> {
    let day_starts_at = ctx.config()?.day_starts_at;
    let today = query::today(ctx.clock.as_ref(), day_starts_at);
    let day = |flag: &str, value: &Option<String>| -> Result<Option<NaiveDate>, CliError> {
        value
            .as_deref()
            .map(|v| {
                DateSpec::parse(v)
                    .map(|spec| spec.resolve(today))
                    .map_err(|why| CliError::usage(format!("{flag}: {why}; use {DATE_FORMS}")))
            })
            .transpose()
    };
    let since = day("--since", &args.since)?;
    let until = day("--until", &args.until)?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(CliError::usage(format!(
            "--since ({s}) is after --until ({u}), so nothing could match; swap them"
        )));
    }
    let filter = Filter {
        since,
        until,
        practices: args.practices.clone(),
        search: args.search.clone().filter(|s| !s.is_empty()),
        tags: args
            .tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
    };
    check_practices(ctx, &filter.practices)?;
    Ok(Selection {
        filter,
        today,
        day_starts_at,
    })
}

/// Refuses a `--practice` id that names no practice: one that is neither a practice of the
/// library (built-in or the person's own) nor the practice of any entry in the journal (an
/// imported note, a practice whose file has since been removed, a guide's events). The
/// journal is only read for an id the library does not know.
fn check_practices(ctx: &Context, ids: &[String]) -> Result<(), CliError> {
    if ids.is_empty() {
        return Ok(());
    }
    let library = Library::load(&ctx.paths.practices);
    let mut unknown: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| *id != GUIDE && library.get(id).is_none())
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let in_journal = |raw: RawLine| Some(Outline::read(raw.bytes?)?.practice.into_owned());
    let snapshot = ctx.vault()?.open().map_err(CliError::from)?;
    snapshot
        .scan_raw(&in_journal, |practice| {
            if let Some(practice) = practice {
                unknown.retain(|id| *id != practice);
            }
            Ok::<(), io::Error>(())
        })
        .map_err(|e| cannot_read(ctx, &e))?;
    match unknown.first() {
        None => Ok(()),
        Some(id) => Err(CliError::usage(format!(
            "--practice {}: no practice has that id and no entry in the journal is of it; run `steady practices` to see the ids",
            text::clean(id, false)
        ))),
    }
}

/// What to say instead of results when a pass found nothing to show.
pub fn nothing_to_show(scan: &Scan) -> Option<&'static str> {
    if scan.entries == 0 {
        Some(NO_ENTRIES_YET)
    } else if scan.selected == 0 {
        Some(NOTHING_MATCHED)
    } else {
        None
    }
}

/// What one pass over the journal saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scan {
    /// Readable entries in the whole file, selected or not.
    pub entries: usize,
    pub selected: usize,
    pub unreadable: usize,
}

/// Why a pass stopped.
pub enum Stop {
    /// The journal could not be read: the sentence to show.
    Journal(CliError),
    /// Writing the output failed.
    Output(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Output(e)
    }
}

impl Stop {
    /// The command's outcome when the output was standard output.
    pub fn into_result(self) -> CliResult {
        match self {
            Stop::Journal(e) => Err(e),
            Stop::Output(e) => out::written(Err(e)),
        }
    }
}

/// The journal opened once for a command: every pass over it (`scan_mapped`,
/// `scan_outlines`) reads one snapshot of it through the port (`Vault::open`), so passes
/// that must agree (an export's two) see one version of the journal, whatever is renamed
/// onto its path or appended meanwhile.
pub struct Journal<'a> {
    ctx: &'a Context,
    file: Box<dyn Snapshot>,
}

impl<'a> Journal<'a> {
    /// Opens the journal in use; a missing file is an empty journal.
    pub fn open(ctx: &'a Context) -> Result<Self, Stop> {
        let vault = ctx.vault().map_err(Stop::Journal)?;
        let file = vault.open().map_err(|e| Stop::Journal(e.into()))?;
        Ok(Journal { ctx, file })
    }
}

/// Streams the journal in file order, calling `each` with every selected entry and the
/// exact line it was read from.
pub fn scan(
    ctx: &Context,
    selection: &Selection,
    mut each: impl FnMut(&Entry, &str) -> io::Result<()>,
) -> Result<Scan, Stop> {
    Journal::open(ctx)?.scan_mapped(selection, &|entry, raw| (entry, raw), |item| match item {
        Some((entry, raw)) => each(&entry, &raw),
        None => Ok(()),
    })
}

impl Journal<'_> {
    /// One pass like `scan`, with the work of each selected entry split in two: `map` makes
    /// what is needed of it on the threads that parse the journal (one per core), and
    /// `each` gets that in file order. `each` also gets None for each line that is not an
    /// entry but that `scan_outlines` hands on, so that a pass after it can tell which of
    /// its lines were not entries after all.
    pub fn scan_mapped<T: Send>(
        &self,
        selection: &Selection,
        map: &(dyn Fn(Box<Entry>, String) -> T + Sync),
        mut each: impl FnMut(Option<T>) -> io::Result<()>,
    ) -> Result<Scan, Stop> {
        /// What a line was, decided where it was parsed.
        enum Seen<T> {
            Selected(T),
            Passed,
            /// Not an entry; true when `scan_outlines` hands it on.
            Unreadable(bool),
        }
        let seen = |line: Line| match line.content {
            Content::Entry { entry, raw } => {
                if selection.filter.matches(&entry, selection.day_starts_at) {
                    Seen::Selected(map(entry, raw))
                } else {
                    Seen::Passed
                }
            }
            Content::Unreadable { raw, .. } => {
                let outlined = |bytes: &[u8]| outline(selection, bytes).is_some();
                Seen::Unreadable(raw.as_deref().is_some_and(outlined))
            }
        };
        let mut scan = Scan::default();
        let seen = |line: Line, _| seen(line);
        let pass = self.file.scan(&seen, |seen| {
            match seen {
                Seen::Selected(item) => {
                    scan.entries += 1;
                    scan.selected += 1;
                    each(Some(item)).map_err(Halt::Write)?;
                }
                Seen::Passed => scan.entries += 1,
                Seen::Unreadable(outlined) => {
                    scan.unreadable += 1;
                    if outlined {
                        each(None).map_err(Halt::Write)?;
                    }
                }
            }
            Ok(())
        });
        pass.map_err(|halt: Halt| halt.stop(self.ctx))?;
        Ok(scan)
    }

    /// One pass over the outlines of the selected entries in file order, read without
    /// parsing whole entries (`journal::outline`, which knows the tags `--tag` selects by)
    /// unless the selection searches the answers; `map` runs on the threads that read them.
    /// Lenient: a few lines it hands on may not be entries, and `scan_mapped` says which.
    pub fn scan_outlines<T: Send>(
        &self,
        selection: &Selection,
        map: &(dyn Fn(&Outline) -> T + Sync),
        mut each: impl FnMut(T) -> io::Result<()>,
    ) -> Result<(), Stop> {
        if selection.filter.search.is_some() {
            // Only a whole entry has the answers a search looks in.
            let whole = |entry: Box<Entry>, _| map(&Outline::of(&entry));
            let each = |item: Option<T>| item.map_or(Ok(()), &mut each);
            return self.scan_mapped(selection, &whole, each).map(|_| ());
        }
        let outlined = |raw: RawLine| outline(selection, raw.bytes?).map(|o| map(&o));
        self.file
            .scan_raw(&outlined, |item| {
                if let Some(item) = item {
                    each(item).map_err(Halt::Write)?;
                }
                Ok(())
            })
            .map_err(|halt: Halt| halt.stop(self.ctx))
    }
}

/// A line's outline, when the selection takes it: its day, practice and tags pass the
/// filter, and the selection does not search the answers (which only a whole entry has; then no
/// line is outlined, and a search's first pass is `scan_mapped`).
fn outline<'a>(selection: &Selection, bytes: &'a [u8]) -> Option<Outline<'a>> {
    if selection.filter.search.is_some() {
        return None;
    }
    let outline = Outline::read(bytes)?;
    let day_starts_at = selection.day_starts_at;
    let filter = &selection.filter;
    let tags = outline.tags.iter().map(AsRef::as_ref);
    (filter.matches_place(&outline.practice, outline.started_at, day_starts_at)
        && filter.matches_tags(tags))
    .then_some(outline)
}

/// Why a pass stopped: reading the journal, or writing what it gave.
enum Halt {
    Read(io::Error),
    Write(io::Error),
}

impl From<io::Error> for Halt {
    fn from(e: io::Error) -> Self {
        Halt::Read(e)
    }
}

impl Halt {
    fn stop(self, ctx: &Context) -> Stop {
        match self {
            Halt::Read(e) => Stop::Journal(cannot_read(ctx, &e)),
            Halt::Write(e) => Stop::Output(e),
        }
    }
}

/// The sentence for a journal that could not be read.
pub(super) fn cannot_read(ctx: &Context, e: &io::Error) -> CliError {
    CliError::failure(format!(
        "cannot read the journal {} ({}); check that it is a file you may read",
        ctx.paths.journal.display(),
        io_words(e)
    ))
}

/// After a pass: one line on stderr when some lines could not be read.
pub fn report_unreadable(scan: &Scan) {
    if scan.unreadable > 0 {
        out::notice(&format!(
            "{} could not be read; run `steady doctor`",
            out::plural(scan.unreadable, "journal line", "journal lines")
        ));
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn filter_flags_do_not_clash_with_global_ones() {
        // `--practice` (filter) and `--practices` (folder) once shared an argument id.
        super::super::args::Cli::command().debug_assert();
    }
}
