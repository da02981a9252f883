//! `steady paths`: where the journal, the settings, the practices, the guides and the safety
//! plan are, and which of
//! them do not exist yet (steady works without them and makes the journal when needed).

use std::path::Path;

use super::{CliResult, Context, out};

pub fn run(ctx: &Context) -> CliResult {
    let p = &ctx.paths;
    out::print(|out| {
        writeln!(out, "journal    {}", shown(&p.journal))?;
        writeln!(out, "config     {}", shown(&p.config))?;
        writeln!(
            out,
            "practices  built-in, plus your own in {}",
            shown(&p.practices)
        )?;
        writeln!(
            out,
            "guides     built-in, plus your own in {}",
            shown(&p.guides())
        )?;
        writeln!(out, "plan       {}", shown(&p.safety_plan()))
    })
}

/// The path, and a word when there is nothing there yet.
fn shown(path: &Path) -> String {
    let missing = if path.exists() {
        ""
    } else {
        " (not created yet)"
    };
    format!("{}{missing}", path.display())
}
