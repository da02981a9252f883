//! `steady practices`: list the practices in use, show one step by step, or check practice
//! files. Files that were skipped are named on stderr; they never stop the listing.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use super::args::PracticesAction;
use super::out::{plural, print};
use super::{CliError, CliResult, Context};
use crate::journal::summary::cut_at_word;
use crate::practice::{Library, Practice, PracticeError, describe, origin_text, validate_path};
use crate::text;

pub fn run(ctx: &Context, action: Option<PracticesAction>) -> CliResult {
    match action {
        None => list(ctx),
        Some(PracticesAction::Show { id }) => show(ctx, &id),
        Some(PracticesAction::Validate { paths }) => validate(&paths, "practice", validate_path),
    }
}

fn list(ctx: &Context) -> CliResult {
    let library = Library::load(&ctx.paths.practices);
    report_skipped(library.problems(), "practices");
    let width = library
        .practices()
        .iter()
        .map(|p| p.id.chars().count())
        .max()
        .unwrap_or(0);
    // A summary fits a terminal of `LIST_COLUMNS`: what runs past ends at a word with `…`
    // (`practices show ID` has the whole of it). The title line keeps its file's path whole.
    let room = LIST_COLUMNS.saturating_sub(width + 2);
    print(|out| {
        for p in library.practices() {
            let origin = origin_text(&p.origin);
            writeln!(out, "{:width$}  {}  ({origin})", p.id, p.title)?;
            writeln!(out, "{:width$}  {}", "", cut_at_word(&p.summary, room))?;
        }
        Ok(())
    })
}

/// The width `steady practices` keeps its lines to: the narrowest common terminal.
const LIST_COLUMNS: usize = 80;

/// One line on stderr per skipped file: its first problem, and how many more there are;
/// `command` is the `steady` command whose `validate` lists them all.
pub(super) fn report_skipped(problems: &[PracticeError], command: &str) {
    let mut stderr = io::stderr().lock();
    let mut i = 0;
    while let Some(first) = problems.get(i) {
        let more = problems[i..]
            .iter()
            .take_while(|e| e.path == first.path)
            .count();
        let rest = match more - 1 {
            0 => String::new(),
            n => format!(
                " (and {n} more; `steady {command} validate {}` lists them all)",
                first.path
            ),
        };
        // Nothing useful can be done if stderr itself is gone.
        let _ = writeln!(stderr, "steady: skipped {first}{rest}");
        i += more;
    }
}

fn show(ctx: &Context, id: &str) -> CliResult {
    let practice = find(&Library::load(&ctx.paths.practices), id)?;
    print(|out| write_practice(out, &practice))
}

/// The practice with `id`, or a sentence saying there is none (bad input).
pub fn find(library: &Library, id: &str) -> Result<Arc<Practice>, CliError> {
    library.get(id).ok_or_else(|| {
        let skipped = if library.problems().is_empty() {
            String::new()
        } else {
            " (some practice files were skipped because of problems; `steady practices` names them)"
                .to_owned()
        };
        CliError::usage(format!(
            "no practice has the id `{}`; run `steady practices` to see the ids{skipped}",
            text::clean(id, false)
        ))
    })
}

fn write_practice(out: &mut dyn Write, p: &Practice) -> io::Result<()> {
    writeln!(out, "{}  ({})", p.title, p.id)?;
    writeln!(out, "{}", p.summary)?;
    writeln!(out)?;
    writeln!(out, "Source:  {}", p.source)?;
    writeln!(out, "From:    {}", origin_text(&p.origin))?;
    if !p.tags.is_empty() {
        writeln!(out, "Tags:    {}", p.tags.join(", "))?;
    }
    writeln!(out)?;
    let number_width = p.steps.len().to_string().len();
    let indent = " ".repeat(number_width + 2);
    for (i, step) in p.steps.iter().enumerate() {
        let key = step
            .key
            .as_ref()
            .map(|k| format!(" (records `{k}`)"))
            .unwrap_or_default();
        writeln!(out, "{:>number_width$}. {}{key}", i + 1, step.kind.name())?;
        for line in step.kind.prompt().lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "{indent}{}", line.trim())?;
        }
        let settings = describe::settings(&step.kind);
        if !settings.is_empty() {
            writeln!(out, "{indent}→ {settings}")?;
        }
        if let Some(when) = &step.when {
            writeln!(out, "{indent}→ {}", when.describe())?;
        }
    }
    Ok(())
}

/// Checks each path with `check`, printing `PATH: ok` for the good ones and every problem
/// on stderr; exit 2 when there was any. `noun` names the kind of file in the summary.
pub(super) fn validate(
    paths: &[PathBuf],
    noun: &str,
    check: impl Fn(&std::path::Path) -> Vec<PracticeError>,
) -> CliResult {
    let mut problems = Vec::new();
    let mut good = Vec::new();
    for path in paths {
        let found = check(path);
        if found.is_empty() {
            good.push(path);
        }
        problems.extend(found);
    }
    print(|out| {
        for path in &good {
            writeln!(
                out,
                "{}: ok",
                text::clean(&path.display().to_string(), false)
            )?;
        }
        Ok(())
    })?;
    if problems.is_empty() {
        return Ok(());
    }
    let mut stderr = io::stderr().lock();
    for problem in &problems {
        let _ = writeln!(stderr, "{problem}");
    }
    Err(CliError::usage(format!(
        "found {} in the {noun} files above; fix them and check again",
        plural(problems.len(), "problem", "problems")
    )))
}
