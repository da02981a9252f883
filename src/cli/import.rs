//! `steady import [--from APP] [--dry-run] FILE`: reads FILE (or standard input for `-`)
//! as a steady export or journal, or another app's export, checks every entry, and adds
//! the good ones whose ids the journal does not hold yet in one atomic rewrite. It says
//! what it added, what was already there and what it rejected (each rejection's place and
//! reason, the first ten). Exit 0 when nothing was rejected, 1 when something was, 2 when
//! the file cannot be read as the format named (nothing is written then).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use super::args::{ImportArgs, ImportFrom};
use super::{CliError, CliResult, Context, out};
use crate::journal::Imported;
use crate::journal::import::{self, KEPT_REJECTIONS, Kind, Options};
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
        now: ctx.clock.wall(),
        spool_in,
        // A sealed journal's lines are spooled sealed: nothing in plaintext on disk, and no
        // passphrase needed to add them.
        seal_to: match ctx.sealed_keys()? {
            Some(keys) => Some(
                keys.recipient()
                    .map_err(|e| CliError::usage(e.to_string()))?,
            ),
            None => None,
        },
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
    let counts = ctx.write_journal(|vault| {
        let dry_run = args.dry_run || batch.spool.is_none();
        vault.import(
            batch.spool.as_ref(),
            &batch.lines,
            &import::upgrade,
            dry_run,
        )
    })?;
    if counts.repeated > 0 {
        out::notice(&format!(
            "{name} holds {} the same as an earlier one (the same time and the same words); each is imported once",
            out::plural(counts.repeated, "entry", "entries"),
        ));
    }
    let journal = ctx.paths.journal.display();
    let done = said(&counts, batch.rejected_count, args.dry_run);
    out::message(&if args.dry_run {
        format!("Would import {name} into {journal}: {done}. Nothing was written (--dry-run).")
    } else {
        format!("Imported {name} into {journal}: {done}.")
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
        let mut input = BufReader::with_capacity(256 * 1024, io::stdin());
        // A closed standard input reads as empty; either way nothing came.
        let empty = input.fill_buf().map_or(true, <[u8]>::is_empty);
        if empty {
            return Err(CliError::usage(
                import::SourceError::NothingRead.to_string(),
            ));
        }
        return Ok(Box::new(input));
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

/// The counts, in words: added, already there, the corrections of what steady 0.2
/// imported when there were any, rejected.
fn said(counts: &Imported, rejected: usize, dry_run: bool) -> String {
    let added = if dry_run { "to add" } else { "added" };
    let mut parts = vec![
        format!("{} {added}", counts.added),
        format!("{} already there", counts.duplicates),
    ];
    if counts.updated > 0 {
        parts.push(format!(
            "{} imported by steady 0.2 {}",
            counts.updated,
            if dry_run {
                "to bring up to date"
            } else {
                "brought up to date"
            }
        ));
    }
    if counts.merged > 0 {
        parts.push(format!(
            "{} made by steady 0.2 {}",
            out::plural(counts.merged, "copy", "copies"),
            if dry_run { "to remove" } else { "removed" }
        ));
    }
    parts.push(format!("{rejected} rejected"));
    parts.join(", ")
}

/// `--mood NAME=N` flags (N on the mood scale, 1 very unpleasant … 5 very pleasant),
/// names in lower case.
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
                    "--mood {flag}: give a mood's name and where it sits from 1 (very unpleasant) to 5 (very pleasant), like --mood 'great=5'"
                ))
            })
        })
        .collect()
}
