//! `steady paths`: where the journal, the settings and the practices are.

use super::{CliResult, Context};

pub fn run(ctx: &Context) -> CliResult {
    let p = &ctx.paths;
    println!("journal    {}", p.journal.display());
    println!("config     {}", p.config.display());
    println!("practices  built-in (compiled into steady)");
    println!("practices  {}", p.practices.display());
    Ok(())
}
