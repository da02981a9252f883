//! `steady completions SHELL`: a completion script on standard output.

use clap::CommandFactory;

use super::args::Cli;
use super::{CliResult, out};

pub fn run(shell: clap_complete::Shell) -> CliResult {
    // clap_complete panics when its writer fails, so the script is made in memory and
    // printed through `out`, where a closed pipe (`steady completions bash | head`) is fine.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "steady", &mut script);
    out::print(|w| w.write_all(&script))
}
