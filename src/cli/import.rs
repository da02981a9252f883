//! `steady import [--from APP] [--dry-run] FILE`: reads FILE (or standard input for `-`)
//! as a steady export or journal, or another app's export, checks every entry, and adds
//! the good ones whose ids the journal does not hold yet in one atomic rewrite. It says
//! what it added, what was already there and what it rejected (each rejection's place and
//! reason, the first ten). Exit 0 when nothing was rejected, 1 when something was, 2 when
//! the file cannot be read as the format named (nothing is written then).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use super::args::{ImportArgs, ImportFrom};
use super::{CliError, CliResult, Context, out};
use crate::journal::Imported;
use crate::journal::import::{self, Batch, KEPT_REJECTIONS, Kind, Options};
use crate::journal::read::Content;
use crate::journal::{Store, StoreError};
use crate::practice::Library;

pub fn run(ctx: &Context, args: &ImportArgs) -> CliResult {
    let kind = match args.from {
        ImportFrom::Steady => Kind::Steady,
        ImportFrom::Daylio => Kind::Daylio,
        ImportFrom::Jrnl => Kind::Jrnl,
        ImportFrom::Pixels => Kind::Pixels,
    };
    let moods = moods(&args.moods)?;
    let library = Library::load(&ctx.paths.practices);
    let spool_in = (!args.dry_run).then(|| {
        ctx.paths
            .journal
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| Path::new(".").to_owned(), Path::to_owned)
    });
    let options = Options {
        kind,
        library: &library,
        moods,
        spool_in,
    };
    let stdin = args.file == Path::new("-");
    let name = if stdin {
        "standard input".to_owned()
    } else {
        args.file.display().to_string()
    };
    let mut input = open(&args.file, &name, stdin)?;
    let batch = import::read(&mut *input, &name, &options).map_err(|e| match e {
        import::SourceError::Spool { .. } => CliError::failure(e.to_string()),
        e => CliError::usage(e.to_string()),
    })?;
    for r in &batch.rejected {
        out::notice(&format!("rejected {} of {name}: {}", r.place, r.reason));
    }
    if batch.rejected_count > KEPT_REJECTIONS {
        out::notice(&format!(
            "and {} more rejected",
            batch.rejected_count - KEPT_REJECTIONS
        ));
    }
    let counts = match (&batch.spool, args.dry_run) {
        (Some(spool), false) => {
            ctx.write_journal(|store| store.import_spooled(spool, &batch.lines))?
        }
        _ => dry_run(ctx, &batch)?,
    };
    let journal = ctx.paths.journal.display();
    out::message(&if args.dry_run {
        format!(
            "Would import {name} into {journal}: {} to add, {} already there, {} rejected. Nothing was written (--dry-run).",
            counts.added, counts.duplicates, batch.rejected_count
        )
    } else {
        format!(
            "Imported {name} into {journal}: {} added, {} already there, {} rejected.",
            counts.added, counts.duplicates, batch.rejected_count
        )
    });
    if batch.rejected_count > 0 {
        let added = out::plural(counts.added, "entry", "entries");
        let rest = match (counts.added, args.dry_run) {
            (0, true) => "nothing would be added".to_owned(),
            (0, false) => "nothing was added".to_owned(),
            (_, true) => format!("{added} would still be added"),
            (1, false) => format!("{added} was added"),
            (_, false) => format!("{added} were added"),
        };
        return Err(CliError::failure(format!(
            "{} of {name} could not be imported (see above); {rest}",
            out::plural(batch.rejected_count, "entry", "entries"),
        )));
    }
    Ok(())
}

/// The file, or standard input for `-`; anything but a regular file is refused before it
/// is read (a device such as /dev/zero would never end).
fn open(path: &Path, name: &str, stdin: bool) -> Result<Box<dyn BufRead>, CliError> {
    if stdin {
        return Ok(Box::new(BufReader::with_capacity(256 * 1024, io::stdin())));
    }
    let error = |source| import::SourceError::Unreadable {
        name: name.to_owned(),
        source,
    };
    let file = File::open(path).map_err(|e| CliError::usage(error(e).to_string()))?;
    let regular = file.metadata().map(|m| m.is_file());
    if !regular.map_err(|e| CliError::usage(error(e).to_string()))? {
        let e = import::SourceError::NotRegular {
            name: name.to_owned(),
        };
        return Err(CliError::usage(e.to_string()));
    }
    Ok(Box::new(BufReader::with_capacity(256 * 1024, file)))
}

/// What an import would add: the journal's ids are read (only the ids are kept) and the
/// batch's counted against them, as `Store::import_spooled` would.
fn dry_run(ctx: &Context, batch: &Batch) -> Result<Imported, CliError> {
    let store = Store::new(&ctx.paths.journal);
    let mut seen: HashSet<String> = HashSet::new();
    store
        .read_each(|line| {
            if let Content::Entry { entry, .. } = line.content {
                seen.insert(entry.id);
            }
        })
        .map_err(|e: StoreError| CliError::failure(e.to_string()))?;
    let mut counts = Imported::default();
    for (id, _) in &batch.lines {
        if seen.insert(id.clone()) {
            counts.added += 1;
        } else {
            counts.duplicates += 1;
        }
    }
    Ok(counts)
}

/// `--mood NAME=LEVEL` flags, names in lower case.
fn moods(flags: &[String]) -> Result<HashMap<String, i64>, CliError> {
    flags
        .iter()
        .map(|flag| {
            let parsed = flag.rsplit_once('=').and_then(|(name, level)| {
                let level = level.trim().parse::<i64>().ok()?;
                let name = name.trim();
                ((1..=5).contains(&level) && !name.is_empty())
                    .then(|| (name.to_lowercase(), level))
            });
            parsed.ok_or_else(|| {
                CliError::usage(format!(
                    "--mood {flag}: give a mood's name and a level from 1 to 5, like --mood 'great=5'"
                ))
            })
        })
        .collect()
}
