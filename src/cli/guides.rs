//! `steady guides`: list the guides in use, show one step by step, or check guide files.
//! Guides load like practices (built-in, then the person's own folder), so skipped files
//! are reported the same way.

use std::io::{self, Write};

use super::args::GuidesAction;
use super::out::print;
use super::practices::{report_skipped, validate};
use super::{CliError, CliResult, Context};
use crate::guide::{Guide, GuideLibrary, validate_path};
use crate::practice::{Library, origin_text};
use crate::text;

pub fn run(ctx: &Context, action: Option<GuidesAction>) -> CliResult {
    let practices = Library::load(&ctx.paths.practices);
    match action {
        None => list(ctx, &practices),
        Some(GuidesAction::Show { id }) => show(ctx, &practices, &id),
        Some(GuidesAction::Validate { paths }) => {
            validate(&paths, "guide", |path| validate_path(path, &practices))
        }
    }
}

fn list(ctx: &Context, practices: &Library) -> CliResult {
    let library = GuideLibrary::load(&ctx.paths.guides(), practices);
    report_skipped(library.problems(), "guides");
    let width = library
        .guides()
        .iter()
        .map(|g| g.id.chars().count())
        .max()
        .unwrap_or(0);
    print(|out| {
        for g in library.guides() {
            writeln!(
                out,
                "{:width$}  {}  ({} steps, {})",
                g.id,
                g.title,
                g.steps.len(),
                origin_text(&g.origin)
            )?;
            writeln!(out, "{:width$}  {}", "", g.summary)?;
        }
        Ok(())
    })
}

fn show(ctx: &Context, practices: &Library, id: &str) -> CliResult {
    let library = GuideLibrary::load(&ctx.paths.guides(), practices);
    let Some(guide) = library.get(id) else {
        return Err(CliError::usage(format!(
            "no guide has the id `{}`; run `steady guides` to see the ids",
            text::clean(id, false)
        )));
    };
    print(|out| write_guide(out, &guide, practices))
}

fn write_guide(out: &mut dyn Write, g: &Guide, practices: &Library) -> io::Result<()> {
    writeln!(out, "{}  ({})", g.title, g.id)?;
    writeln!(out, "{}", g.summary)?;
    writeln!(out)?;
    writeln!(out, "Source:  {}", g.source)?;
    writeln!(out, "From:    {}", origin_text(&g.origin))?;
    for (i, step) in g.steps.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "{}. {}", i + 1, step.title)?;
        for line in step.text.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "   {}", line.trim())?;
        }
        for action in &step.actions {
            writeln!(out, "   - {action}")?;
        }
        if !step.practices.is_empty() {
            let named: Vec<String> = step
                .practices
                .iter()
                .map(|id| match practices.get(id) {
                    Some(p) => format!("{} ({id})", p.title),
                    None => id.clone(),
                })
                .collect();
            writeln!(out, "   Practices: {}", named.join(", "))?;
        }
        writeln!(out, "   Source: {}", step.source)?;
    }
    Ok(())
}
